//! The scanner: customers indexed by surname and given name (each in its inflected
//! forms), e-mail and identifiers, and text matched word by word against them.

use std::collections::HashMap;

use super::inflect::{forms, forms_of};
use super::{Field, KnownCustomer};
use crate::privacy::email::is_email;
use crate::privacy::kind::Finding;
use crate::privacy::normalize::{FoldMap, fold, fold_mapped};
use crate::privacy::phone::search_forms;

struct Person {
    code: String,
    /// The folded words of the name, first to last.
    words: Vec<String>,
}

/// The people who share one surname (base form), by how their given name may be
/// written beside it.
#[derive(Default)]
struct Surname {
    /// Given name (its id) → people with that given name and this surname.
    by_first: HashMap<u32, Vec<u32>>,
    /// First letter of the given name → people.
    by_initial: HashMap<char, Vec<u32>>,
    /// People whose name is this one word.
    alone: Vec<u32>,
    /// People whose name has more than two words.
    longer: Vec<u32>,
}

/// A bitmap of 2^16 bits over a cheap hash of words, set for every surname form: most
/// words of a text are no surname, and this turns them away before the (slower, but
/// collision-proof) hash map is asked.
struct WordFilter(Vec<u64>);

impl WordFilter {
    fn new() -> Self {
        Self(vec![0; 1 << 10])
    }

    fn slot(word: &str) -> usize {
        // FNV-1a, folded to 16 bits.
        let mut hash: u32 = 0x811c_9dc5;
        for &byte in word.as_bytes() {
            hash = (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193);
        }
        ((hash ^ (hash >> 16)) & 0xFFFF) as usize
    }

    fn insert(&mut self, word: &str) {
        let slot = Self::slot(word);
        self.0[slot >> 6] |= 1 << (slot & 63);
    }

    fn may_contain(&self, word: &str) -> bool {
        let slot = Self::slot(word);
        self.0[slot >> 6] & (1 << (slot & 63)) != 0
    }
}

/// The customers to look for, indexed for matching. Names are indexed by surname and
/// given name separately (each with its inflected forms), so a scan does a few hash
/// lookups per word however many customers share a surname.
pub struct KnownMatcher {
    people: Vec<Person>,
    /// Folded form of a surname → (surname id, inflected).
    surname_forms: HashMap<String, Vec<(u32, bool)>>,
    surname_filter: WordFilter,
    surnames: Vec<Surname>,
    /// Folded form of a given name → (given name id, inflected).
    first_forms: HashMap<String, Vec<(u32, bool)>>,
    emails: HashMap<String, u32>,
    /// Identifier keys (folded letters and digits only) → (person, field).
    identifiers: HashMap<String, (u32, Field)>,
}

/// Letters and digits of `text`, folded (lower case, digits in ASCII): the words of
/// folded text joined, as the scan builds them.
fn identifier_key(text: &str) -> String {
    fold(text).chars().filter(|c| is_word_char(*c)).collect()
}

/// The folded words of `text`: runs of letters and digits.
fn words(folded: &str) -> Vec<String> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A word of the scanned text: its range in the folded text.
#[derive(Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
    has_digit: bool,
}

/// A match in folded coordinates.
struct Hit {
    start: usize,
    end: usize,
    person: u32,
    field: Field,
    inflected: bool,
}

impl KnownMatcher {
    /// Indexes `customers`. Values that cannot be matched safely are left out: names
    /// whose every word is shorter than 2 letters, and identifiers under 5 characters.
    pub fn new(customers: &[KnownCustomer]) -> Self {
        let mut matcher = Self {
            people: Vec::with_capacity(customers.len()),
            surname_forms: HashMap::new(),
            surname_filter: WordFilter::new(),
            surnames: Vec::new(),
            first_forms: HashMap::new(),
            emails: HashMap::new(),
            identifiers: HashMap::new(),
        };
        let mut surname_ids: HashMap<String, u32> = HashMap::new();
        let mut first_ids: HashMap<String, u32> = HashMap::new();
        for (index, customer) in customers.iter().enumerate() {
            let person = u32::try_from(index).unwrap_or(u32::MAX);
            let words = words(&fold(&customer.name));
            if let Some(last) = words.last().filter(|w| w.chars().count() >= 2) {
                let next_id = u32::try_from(surname_ids.len()).unwrap_or(u32::MAX);
                let surname = *surname_ids.entry(last.clone()).or_insert_with(|| {
                    for form in forms(last) {
                        matcher.surname_filter.insert(&form.text);
                        matcher
                            .surname_forms
                            .entry(form.text)
                            .or_default()
                            .push((next_id, form.inflected));
                    }
                    matcher.surnames.push(Surname::default());
                    next_id
                });
                let entry = &mut matcher.surnames[surname as usize];
                match words.len() {
                    1 => entry.alone.push(person),
                    n => {
                        let first = &words[0];
                        let next_id = u32::try_from(first_ids.len()).unwrap_or(u32::MAX);
                        let first_id = *first_ids.entry(first.clone()).or_insert_with(|| {
                            for form in forms(first) {
                                matcher
                                    .first_forms
                                    .entry(form.text)
                                    .or_default()
                                    .push((next_id, form.inflected));
                            }
                            next_id
                        });
                        entry.by_first.entry(first_id).or_default().push(person);
                        if let Some(initial) = first.chars().next() {
                            entry.by_initial.entry(initial).or_default().push(person);
                        }
                        // Longer names are also found in full, middle names included.
                        if n > 2 {
                            entry.longer.push(person);
                        }
                    }
                }
            }
            if let Some(email) = &customer.email {
                matcher.emails.insert(fold(email), person);
            }
            let mut add_identifier = |text: &str, field: Field| {
                let key = identifier_key(text);
                if key.chars().count() >= 5 {
                    matcher.identifiers.entry(key).or_insert((person, field));
                }
            };
            if let Some(phone) = &customer.phone {
                for form in search_forms(phone).split(' ') {
                    add_identifier(form, Field::Phone);
                    add_identifier(&format!("00{form}"), Field::Phone);
                    add_identifier(form.trim_start_matches('0'), Field::Phone);
                }
            }
            if let Some(id) = &customer.national_id {
                add_identifier(id, Field::NationalId);
            }
            if let Some(account) = &customer.account {
                add_identifier(account, Field::Account);
            }
            matcher.people.push(Person {
                code: customer.code.clone(),
                words,
            });
        }
        matcher
    }

    /// The code of the customer a finding names.
    pub fn code(&self, finding: &Finding) -> &str {
        self.people
            .get(finding.subject as usize)
            .map_or("", |p| p.code.as_str())
    }

    pub fn len(&self) -> usize {
        self.people.len()
    }

    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }

    /// Every mention of a known customer in `text`, sorted and non-overlapping, as byte
    /// ranges of `text`.
    pub fn find(&self, text: &[u8]) -> Vec<Finding> {
        let (mut folded, mut map) = (String::new(), FoldMap::default());
        fold_mapped(text, &mut folded, &mut map);
        let words = split_words(&folded);
        let mut hits = Vec::new();
        self.find_names(&folded, &words, &mut hits);
        self.find_emails(&folded, &mut hits);
        self.find_identifiers(&folded, &words, &mut hits);
        hits.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut out: Vec<Finding> = Vec::with_capacity(hits.len());
        let (mut covered, mut covered_original) = (0, 0);
        for hit in hits {
            // Overlaps are checked in both texts: two matches apart in the folded text
            // can meet in one original character that folds to several ("1⁄2" of ½).
            let (start, end) = (map.start(hit.start), map.end(hit.end));
            if hit.start < covered || start < covered_original {
                // An overlapping match that reaches further extends the one kept: its
                // tail ("…novakova@firma.cz" after a name) must not be left in clear.
                if let Some(last) = out.last_mut()
                    && end > last.end
                {
                    last.end = end;
                    covered = covered.max(hit.end);
                    covered_original = end;
                }
                continue;
            }
            covered = hit.end;
            covered_original = end;
            out.push(Finding {
                kind: hit.field.kind(hit.inflected),
                start,
                end,
                subject: hit.person,
            });
        }
        out
    }

    fn find_names(&self, folded: &str, words: &[Word], hits: &mut Vec<Hit>) {
        let text = |w: &Word| &folded[w.start..w.end];
        let gap = |a: &Word, b: &Word| &folded[a.end..b.start];
        // Any white space between the words of a name, line breaks included.
        let spaces = |g: &str| !g.is_empty() && g.chars().all(char::is_whitespace);
        let given = |w: &Word| self.first_forms.get(text(w));
        for (k, word) in words.iter().enumerate() {
            if word.has_digit || !self.surname_filter.may_contain(text(word)) {
                continue;
            }
            let Some(forms) = self.surname_forms.get(text(word)) else {
                continue;
            };
            let mut best: Option<Hit> = None;
            let mut consider = |start: usize, end: usize, person: u32, inflected: bool| {
                if best.as_ref().is_none_or(|b| end - start > b.end - b.start) {
                    best = Some(Hit {
                        start,
                        end,
                        person,
                        field: Field::Name,
                        inflected,
                    });
                }
            };
            for &(surname, surname_inflected) in forms {
                let entry = &self.surnames[surname as usize];
                if let Some(&person) = entry.alone.first() {
                    consider(word.start, word.end, person, surname_inflected);
                }
                let before = k.checked_sub(1).map(|i| &words[i]);
                // Given name and surname: "Jan Novák", "Jana Nováka".
                if let Some(before) = before.filter(|b| spaces(gap(b, word))) {
                    for &(first, first_inflected) in given(before).into_iter().flatten() {
                        if let Some(&person) = entry.by_first.get(&first).and_then(|p| p.first()) {
                            let inflected = first_inflected || surname_inflected;
                            consider(before.start, word.end, person, inflected);
                        }
                    }
                }
                // Initial and surname: "J. Novák".
                if let Some(before) = before {
                    let between = gap(before, word);
                    let mut letters = text(before).chars();
                    if let (Some(initial), None) = (letters.next(), letters.next())
                        && between.starts_with('.')
                        && between[1..].chars().all(char::is_whitespace)
                        && let Some(&person) =
                            entry.by_initial.get(&initial).and_then(|p| p.first())
                    {
                        consider(before.start, word.end, person, surname_inflected);
                    }
                }
                // Surname, then given name: "Novák Jan", "Novák, Jan". A given name
                // that runs on into an address ("jana.novakova@…") is not one.
                let runs_on = |w: &Word| {
                    let rest = &folded[w.end..];
                    rest.starts_with('@')
                        || rest.starts_with('.')
                            && rest[1..].chars().next().is_some_and(char::is_alphanumeric)
                };
                if let Some(after) = words.get(k + 1).filter(|w| !runs_on(w)) {
                    let between = gap(word, after);
                    let separated = spaces(between)
                        || (between.starts_with(',')
                            && between[1..].chars().all(char::is_whitespace));
                    if separated {
                        for &(first, first_inflected) in given(after).into_iter().flatten() {
                            if let Some(&person) =
                                entry.by_first.get(&first).and_then(|p| p.first())
                            {
                                let inflected = first_inflected || surname_inflected;
                                consider(word.start, after.end, person, inflected);
                            }
                        }
                    }
                }
                // Names of three words or more, written in full (middle words exact).
                for &person in &entry.longer {
                    let expected = &self.people[person as usize].words;
                    let n = expected.len();
                    if k + 1 < n {
                        continue;
                    }
                    let span = &words[k + 1 - n..=k];
                    let joined = span.windows(2).all(|pair| spaces(gap(&pair[0], &pair[1])));
                    let first_matches = forms_of(&expected[0]).any(|f| f == text(&span[0]));
                    let middle_matches = span[1..n - 1]
                        .iter()
                        .zip(&expected[1..n - 1])
                        .all(|(w, e)| text(w) == e);
                    if joined && first_matches && middle_matches {
                        let inflected = text(&span[0]) != expected[0] || surname_inflected;
                        consider(span[0].start, word.end, person, inflected);
                    }
                }
            }
            hits.extend(best);
        }
    }

    fn find_emails(&self, folded: &str, hits: &mut Vec<Hit>) {
        let bytes = folded.as_bytes();
        for (at, _) in folded.match_indices('@') {
            let is_local = |b: u8| b.is_ascii_alphanumeric() || b"._%+-'".contains(&b);
            let is_domain = |b: u8| b.is_ascii_alphanumeric() || b".-".contains(&b);
            let mut start = at;
            while start > 0 && is_local(bytes[start - 1]) {
                start -= 1;
            }
            let mut end = at + 1;
            while end < bytes.len() && is_domain(bytes[end]) {
                end += 1;
            }
            while end > at + 1 && bytes[end - 1] == b'.' {
                end -= 1;
            }
            let candidate = &folded[start..end];
            if let Some(&person) = self.emails.get(candidate)
                && is_email(candidate)
            {
                hits.push(Hit {
                    start,
                    end,
                    person,
                    field: Field::Email,
                    inflected: false,
                });
            }
        }
    }

    fn find_identifiers(&self, folded: &str, words: &[Word], hits: &mut Vec<Hit>) {
        // Runs of words with digits, joined by at most two separator characters, are
        // tried as identifiers at every word boundary, longest first.
        const MAX_RUN: usize = 12;
        let joins = |a: &Word, b: &Word| {
            let between = &folded[a.end..b.start];
            between.len() <= 2 && between.chars().all(|c| " -./()+".contains(c))
        };
        let mut k = 0;
        while k < words.len() {
            if !words[k].has_digit {
                k += 1;
                continue;
            }
            let mut end = k + 1;
            while end < words.len()
                && end - k < MAX_RUN
                && words[end].has_digit
                && joins(&words[end - 1], &words[end])
            {
                end += 1;
            }
            // The longest identifier starting at each word of the run.
            let mut i = k;
            while i < end {
                let mut found = None;
                let mut key = String::new();
                for j in (i..end).rev() {
                    key.clear();
                    for w in &words[i..=j] {
                        key.push_str(&folded[w.start..w.end]);
                    }
                    if let Some(&(person, field)) = self.identifiers.get(&key) {
                        found = Some((j, person, field));
                        break;
                    }
                }
                match found {
                    Some((j, person, field)) => {
                        // The "+" of an international number goes with it.
                        let start = words[i].start;
                        let start = if folded[..start].ends_with('+') {
                            start - 1
                        } else {
                            start
                        };
                        hits.push(Hit {
                            start,
                            end: words[j].end,
                            person,
                            field,
                            inflected: false,
                        });
                        i = j + 1;
                    }
                    None => i += 1,
                }
            }
            k = end;
        }
    }
}

/// Whether `c` (folded) belongs to a word. The scripts sealbook reads most are tested
/// by range first: the general Unicode lookup is slow on every Cyrillic or Persian
/// letter.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    matches!(c, '\u{0430}'..='\u{045F}' | '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}'
        | '\u{066E}'..='\u{06D3}')
        || c.is_alphanumeric()
}

fn split_words(folded: &str) -> Vec<Word> {
    let mut words = Vec::with_capacity(folded.len() / 6);
    let mut current: Option<Word> = None;
    for (i, c) in folded.char_indices() {
        if is_word_char(c) {
            let word = current.get_or_insert(Word {
                start: i,
                end: i,
                has_digit: false,
            });
            word.end = i + c.len_utf8();
            word.has_digit |= c.is_ascii_digit();
        } else if let Some(word) = current.take() {
            words.push(word);
        }
    }
    words.extend(current);
    words
}
