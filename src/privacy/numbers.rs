//! Numbers in text: runs of digits (in any of three scripts) with the separators people
//! write, and which identifier, if any, each part of a run is.
//!
//! Two ideas decide what a number is:
//!
//! - **Regions in scope** (`--regions`, default PL, CZ, RU, IR, DE, GB, US, plus
//!   `--region`): a phone number written in the national format of a region in scope
//!   (`776 944 657`, `8 (985) 174-12-38`, `09397668163`, `713.694.1699`) is found
//!   anywhere, with no keyword; a number of another region only after a phone keyword
//!   or with an international prefix (`+`, or the `00` written instead of it).
//! - **Context**: the keyword nearest a number, in any of the five languages, binds it
//!   to a kind and that kind's validator, and belongs to the first number after it
//!   only. A number of the named kind is taken as that kind first. A value that fails
//!   the named kind is still redacted when it validates as a strong kind (a card, an
//!   IBAN or account, a PESEL, a birth number), under that kind's own label, and left
//!   alone when it would pass only a weak ten-digit checksum (a mistyped INN is not an
//!   Iranian national code). A number after a word for an invoice, order, date,
//!   amount, postal code or bank code is not personal data unless it is of a strong
//!   kind; a date shape is never a phone, nor is a number beside a currency.

use std::net::Ipv4Addr;

use super::checksum as check;
use super::kind::Kind;
use super::phone::Region;
use super::text::{digit_at, line_context_start, word_at, word_before};

/// The longest identifier, in digits: a Polish account number (NRB).
const MAX_DIGITS: usize = 26;

/// One group of digits: its bytes in the text and its digits in [`Run::digits`].
struct Group {
    start: usize,
    end: usize,
    digit_start: usize,
    digit_end: usize,
}

impl Group {
    fn len(&self) -> usize {
        self.digit_end - self.digit_start
    }
}

/// A run of digit groups and the separators between them; one is kept per scan and
/// refilled for each run, so scanning does not allocate per number.
#[derive(Default)]
pub(super) struct Run {
    /// Every digit of the run in ASCII, groups one after another, so the digits of any
    /// span of groups are one slice.
    digits: String,
    groups: Vec<Group>,
    /// `seps[k]` stands between `groups[k]` and `groups[k + 1]`.
    seps: Vec<&'static str>,
    /// Byte index of a `+` or `(` just before the first digit.
    lead: Option<(usize, u8)>,
    /// A country prefix written before a tax id (`PL`, `CZ`, `PL ` with a space), and
    /// where it starts.
    country: Option<(usize, Country)>,
    glued_before: bool,
    glued_after: bool,
    /// Where the previous run ended: a keyword before it belongs to that number, not
    /// to this one.
    previous_end: usize,
}

/// The country prefix of a VAT number (`PL5260250274`, `CZ25596641`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Country {
    Pl,
    Cz,
}

/// The country prefix that ends at `end`: two capitals not glued to a word before
/// them, directly before the digits or followed by one space.
fn country_before(text: &[u8], end: usize) -> Option<(usize, Country)> {
    let at = |start: usize| -> Option<(usize, Country)> {
        let country = match text.get(start..start + 2)? {
            b"PL" => Country::Pl,
            b"CZ" => Country::Cz,
            _ => return None,
        };
        (!word_before(text, start)).then_some((start, country))
    };
    end.checked_sub(2).and_then(at).or_else(|| {
        (text.get(end.checked_sub(1)?) == Some(&b' ')).then(|| at(end.checked_sub(3)?))?
    })
}

/// The separator at `i` if a digit follows it.
/// Its kind (a no-break or thin space reads as a space, a non-breaking hyphen or en
/// dash as a dash: documents converted from HTML or typeset write them) and its length
/// in bytes.
fn separator(text: &[u8], i: usize) -> Option<(&'static str, usize)> {
    let (sep, len) = match (text.get(i), text.get(i + 1), text.get(i + 2)) {
        (Some(b')'), Some(b' '), _) => (") ", 2),
        (Some(b' '), Some(b'('), _) => (" (", 2),
        (Some(b' '), _, _) => (" ", 1),
        (Some(b'-'), _, _) => ("-", 1),
        (Some(b'.'), _, _) => (".", 1),
        (Some(b'/'), _, _) => ("/", 1),
        (Some(b')'), _, _) => (")", 1),
        (Some(b'('), _, _) => ("(", 1),
        // U+00A0 no-break space.
        (Some(0xC2), Some(0xA0), _) => (" ", 2),
        // U+2007 figure space, U+2009 thin space, U+202F narrow no-break space.
        (Some(0xE2), Some(0x80), Some(0x87 | 0x89 | 0xAF)) => (" ", 3),
        // U+2011 non-breaking hyphen, U+2013 en dash.
        (Some(0xE2), Some(0x80), Some(0x91 | 0x93)) => ("-", 3),
        _ => return None,
    };
    digit_at(text, i + len).is_some().then_some((sep, len))
}

/// Reads the run that starts at `start` into `run` (reusing its buffers); returns
/// where it ends.
fn read_run(text: &[u8], start: usize, run: &mut Run) -> usize {
    let lead = start
        .checked_sub(1)
        .and_then(|p| matches!(text[p], b'+' | b'(').then(|| (p, text[p])));
    let lead_start = lead.map_or(start, |(p, _)| p);
    run.digits.clear();
    run.groups.clear();
    run.seps.clear();
    run.lead = lead;
    // "PL" or "CZ" before a tax id is part of how it is written, not a word it is
    // glued to.
    run.country = lead
        .is_none()
        .then(|| country_before(text, start))
        .flatten();
    run.glued_before = word_before(text, lead_start) && run.country.is_none();
    run.glued_after = false;
    let mut i = start;
    loop {
        let group_start = i;
        let digit_start = run.digits.len();
        while let Some((d, len)) = digit_at(text, i) {
            run.digits.push(char::from(d));
            i += len;
        }
        run.groups.push(Group {
            start: group_start,
            end: i,
            digit_start,
            digit_end: run.digits.len(),
        });
        match separator(text, i) {
            Some((sep, len)) if run.groups.len() < 64 => {
                run.seps.push(sep);
                i += len;
            }
            _ => break,
        }
    }
    run.glued_after = word_at(text, i);
    i
}

/// What a span of a run looks like, for the rules that depend on how it is written.
struct Span<'a> {
    digits: &'a str,
    seps: &'a [&'static str],
    groups: &'a [Group],
    plus: bool,
    paren: bool,
    country: Option<Country>,
    /// The span is the whole run (a phone number is never part of a longer run).
    whole: bool,
}

impl Span<'_> {
    fn plain(&self) -> bool {
        self.seps.is_empty()
    }

    fn seps_all(&self, allowed: &[&str]) -> bool {
        self.seps.iter().all(|s| allowed.contains(s))
    }

    fn lens(&self, pattern: &[usize]) -> bool {
        self.groups.len() == pattern.len()
            && self
                .groups
                .iter()
                .zip(pattern)
                .all(|(g, &len)| g.len() == len)
    }
}

/// Finds the identifiers in the number run starting at `start`; returns them and where
/// the run ends.
pub(super) fn scan_run(
    text: &[u8],
    start: usize,
    enabled: &dyn Fn(Kind) -> bool,
    regions: &[Region],
    run: &mut Run,
    out: &mut Vec<super::Finding>,
) -> usize {
    let end = read_run(text, start, run);
    let run = &*run;
    let count = run.groups.len();
    let total_digits = run.digits.len();
    // The shortest identifier is an IPv4 address (four digits) or a phone (seven).
    if total_digits < 4 || (total_digits < 7 && count != 4) {
        return end;
    }
    let at = run.lead.map_or(run.groups[0].start, |(p, _)| p);
    let context = Context {
        text,
        at,
        end,
        from: line_context_start(text, at, 40).max(run.previous_end.min(at)),
        cues: std::cell::OnceCell::new(),
        amount: std::cell::OnceCell::new(),
    };
    let mut a = 0;
    while a < count {
        let mut found = None;
        for b in (a..count).rev() {
            if (a == 0 && run.glued_before) || (b == count - 1 && run.glued_after) {
                continue;
            }
            let digits = &run.digits[run.groups[a].digit_start..run.groups[b].digit_end];
            if !(4..=MAX_DIGITS).contains(&digits.len()) {
                continue;
            }
            let span = Span {
                digits,
                seps: &run.seps[a..b],
                groups: &run.groups[a..=b],
                plus: a == 0 && matches!(run.lead, Some((_, b'+'))),
                paren: a == 0 && matches!(run.lead, Some((_, b'('))),
                country: if a == 0 {
                    run.country.map(|(_, c)| c)
                } else {
                    None
                },
                whole: a == 0 && b == count - 1,
            };
            let span_start = if span.plus || span.paren {
                run.lead.map_or(run.groups[a].start, |(p, _)| p)
            } else if let Some((p, _)) = run.country.filter(|_| a == 0) {
                p
            } else {
                run.groups[a].start
            };
            if let Some(kind) = classify(&span, &context, enabled, regions) {
                found = Some((b, span_start, kind));
                break;
            }
        }
        match found {
            Some((b, span_start, kind)) => {
                out.push(super::Finding {
                    kind,
                    start: span_start,
                    end: run.groups[b].end,
                    subject: 0,
                });
                a = b + 1;
            }
            None => a += 1,
        }
    }
    end
}

impl Run {
    /// Records where the run just scanned ended, for the next run's keyword context.
    pub(super) fn ended_at(&mut self, end: usize) {
        self.previous_end = end;
    }
}

/// What the words just before a number say of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cue {
    /// A keyword of this kind ("PESEL", "тел.", "účet").
    Kind(Kind),
    /// A word for something whose number is not personal data: an invoice or order
    /// number, a date, an amount, a postal code, a bank's code. `label`: the word names
    /// the value right after it (a postal or bank code, "Счёт №").
    NotPersonal { label: bool },
}

/// Nouns for things whose numbers are not personal data (invoices, orders, dates,
/// amounts), in the five languages: they introduce a number only with a number sign
/// between ("Objednávka č. 123", not "Objednávky: +420 776 944 657").
const NOT_PERSONAL_NOUNS: &[&str] = &[
    "faktur",
    "fv ",
    "invoice",
    "счет-фактур",
    "فاکتور",
    "zamówieni",
    "objednávk",
    "order",
    "заказ",
    "سفارش",
    "data",
    "datum",
    "date",
    "дата",
    "تاریخ",
    "do zapłaty",
    "celkem",
    "k úhradě",
    "total",
    "amount",
    "итого",
    "сумма",
    "مبلغ",
];

/// Labels that name the value right after them, which is not personal data: postal
/// codes, bank codes, and nouns written with their number sign ("Счёт №").
const NOT_PERSONAL_LABELS: &[&str] = &[
    "счёт №",
    "счет №",
    "kod pocztowy",
    "psč",
    "postcode",
    "post code",
    "zip",
    "индекс",
    "کد پستی",
    "бик",
    "bic",
    "swift",
    "sort code",
];

/// Currency words and signs: a number right before or after one is an amount.
const CURRENCIES: &[&str] = &[
    "zł",
    "zl",
    "pln",
    "kč",
    "czk",
    "руб",
    "₽",
    "rub",
    "ریال",
    "تومان",
    "eur",
    "€",
    "usd",
    "$",
    "£",
    "gbp",
];

/// The words before a run, read only when a rule needs them.
struct Context<'a> {
    text: &'a [u8],
    /// Where the run starts (its `+` or `(` included) and ends.
    at: usize,
    end: usize,
    /// Where its keyword context starts: 40 characters back on its line, and never
    /// before the previous number (whose keyword that would be).
    from: usize,
    /// Bit `kind as u32` is set when a keyword of that kind starts a word in the
    /// context; and the cue nearest the run.
    cues: std::cell::OnceCell<Cues>,
    amount: std::cell::OnceCell<bool>,
}

/// The kinds a span fits, in the order they were found.
#[derive(Default)]
struct Fits {
    kinds: [Option<Kind>; Kind::ALL.len()],
    len: usize,
}

impl Fits {
    fn push(&mut self, kind: Kind) {
        if self.len < self.kinds.len() {
            self.kinds[self.len] = Some(kind);
            self.len += 1;
        }
    }

    fn iter(&self) -> impl Iterator<Item = Kind> + '_ {
        self.kinds[..self.len].iter().flatten().copied()
    }

    fn first(&self) -> Option<Kind> {
        self.iter().next()
    }

    fn contains(&self, kind: Kind) -> bool {
        self.iter().any(|k| k == kind)
    }

    fn retain(&mut self, keep: impl Fn(Kind) -> bool) {
        let mut n = 0;
        for i in 0..self.len {
            if let Some(kind) = self.kinds[i].filter(|&k| keep(k)) {
                self.kinds[n] = Some(kind);
                n += 1;
            }
        }
        self.len = n;
    }
}

impl Context<'_> {
    fn cues(&self) -> Cues {
        *self
            .cues
            .get_or_init(|| keyword_cues(self.text, self.from, self.at))
    }

    fn has(&self, kind: Kind) -> bool {
        self.cues().kinds & (1 << kind as u32) != 0
    }

    /// The keyword nearest the number: the kind it names decides first.
    fn nearest(&self) -> Option<Cue> {
        self.cues().nearest
    }

    /// True when a currency is written right before or after the run: an amount.
    fn is_amount(&self) -> bool {
        *self.amount.get_or_init(|| self.currency_beside())
    }

    fn currency_beside(&self) -> bool {
        let text = self.text;
        let mut i = self.end;
        // Decimals: ",05" or ".50".
        if matches!(text.get(i), Some(b',' | b'.'))
            && text.get(i + 1).is_some_and(u8::is_ascii_digit)
        {
            i += 2;
            while text.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
        }
        // Spaces, no-break spaces included ("123 456 789 Kč" as typeset).
        while let Some(len) = space_at(text, i) {
            i += len;
        }
        let after = &text[i..text.len().min(i + 12)];
        let mut j = self.at;
        while j > 0 && text[j - 1] == b' ' && self.at - j < 2 {
            j -= 1;
        }
        let before = &text[j.saturating_sub(3)..j];
        CURRENCIES.iter().any(|c| {
            let c = c.as_bytes();
            // A currency word ends there: "Zlín" after a number is a town, not "zl".
            let word_ends = !c[0].is_ascii_alphabetic() || !word_at(after, c.len());
            (starts_with_folded(after, c) && word_ends) || before.ends_with(c)
        })
    }
}

/// The length of the space at `i`: an ASCII space, or a no-break, narrow no-break or
/// thin space.
fn space_at(text: &[u8], i: usize) -> Option<usize> {
    match (text.get(i), text.get(i + 1), text.get(i + 2)) {
        (Some(b' '), _, _) => Some(1),
        (Some(0xC2), Some(0xA0), _) => Some(2),
        (Some(0xE2), Some(0x80), Some(0x89 | 0xAF)) => Some(3),
        _ => None,
    }
}

/// True when `text` starts with `word`, ignoring ASCII case.
fn starts_with_folded(text: &[u8], word: &[u8]) -> bool {
    text.len() >= word.len() && text[..word.len()].eq_ignore_ascii_case(word)
}

/// One automaton over the cue words, in lower case, upper case and with a capital (so
/// "ИНН", "Инн" and "инн" all match without folding the text).
fn keywords() -> &'static (aho_corasick::AhoCorasick, Vec<Cue>) {
    static KEYWORDS: std::sync::OnceLock<(aho_corasick::AhoCorasick, Vec<Cue>)> =
        std::sync::OnceLock::new();
    KEYWORDS.get_or_init(|| {
        let mut words = Vec::new();
        let mut cues = Vec::new();
        let by_kind = Kind::ALL
            .iter()
            .flat_map(|&kind| kind.keywords().iter().map(move |w| (*w, Cue::Kind(kind))));
        let nouns = NOT_PERSONAL_NOUNS
            .iter()
            .map(|w| (*w, Cue::NotPersonal { label: false }));
        let labels = NOT_PERSONAL_LABELS
            .iter()
            .map(|w| (*w, Cue::NotPersonal { label: true }));
        for (word, cue) in by_kind.chain(nouns).chain(labels) {
            let mut chars = word.chars();
            let capital: String = chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
            for form in [word.to_owned(), word.to_uppercase(), capital] {
                if !words.contains(&form) {
                    words.push(form);
                    cues.push(cue);
                }
            }
        }
        let automaton = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&words)
            .unwrap_or_else(|_| unreachable!("the keywords are plain strings"));
        (automaton, cues)
    })
}

/// The kinds whose keywords start a word in `text[from..to]` ("tel." counts, "hotel"
/// does not), and the cue that ends nearest `to` (the longest, where two end together).
fn keyword_cues(text: &[u8], from: usize, to: usize) -> Cues {
    let (automaton, cues) = keywords();
    let mut mask = 0;
    let mut nearest: Option<(usize, usize, Cue)> = None;
    for m in automaton.find_overlapping_iter(&text[from..to]) {
        if word_before(text, from + m.start()) {
            continue;
        }
        let cue = cues[m.pattern().as_usize()];
        if let Cue::Kind(kind) = cue {
            mask |= 1 << kind as u32;
        }
        let better =
            nearest.is_none_or(|(end, len, _)| m.end() > end || (m.end() == end && m.len() > len));
        if better {
            nearest = Some((m.end(), m.len(), cue));
        }
    }
    Cues {
        kinds: mask,
        nearest: nearest.map(|(_, _, cue)| cue),
        direct: nearest.is_some_and(|(end, _, cue)| {
            introduces(
                &text[from + end..to],
                cue == Cue::NotPersonal { label: true },
            )
        }),
    }
}

/// What the words before a number say of it.
#[derive(Clone, Copy)]
struct Cues {
    /// Bit `kind as u32` is set when a keyword of that kind starts a word there.
    kinds: u32,
    /// The cue nearest the number.
    nearest: Option<Cue>,
    /// Nothing but "No.", "č.", "№", colons and spaces stands between that cue and the
    /// number: the cue introduces it ("Objednávka č. 2024118"), rather than ending a
    /// phrase before it ("Kontakt pro objednávky: 776 944 657").
    direct: bool,
}

/// True when `between` (the text from a cue to its number) is only a number sign.
fn introduces(between: &[u8], label: bool) -> bool {
    const NUMBER_WORDS: [&str; 11] = [
        "č",
        "nr",
        "no",
        "n°",
        "num",
        "number",
        "numer",
        "číslo",
        "cislo",
        "номер",
        "شماره",
    ];
    let text = String::from_utf8_lossy(between).to_lowercase();
    // The rest of the cue's own word first ("faktur" in "Faktura").
    let text = text.trim_start_matches(char::is_alphanumeric);
    // Punctuation covers how structured data puts a label before its value:
    // `Invoice #: 1`, `"Faktura č.": "1"`, `Zamówienie nr;1`. A colon alone does not
    // introduce a number ("Objednávky: +420 776 944 657" gives a phone); a number sign
    // must stand there.
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c.is_ascii_punctuation() || c == '№')
        .filter(|word| !word.is_empty())
        .collect();
    // Filler a label carries between its noun and the number ("Faktura VAT nr").
    let only_signs = words
        .iter()
        .all(|word| NUMBER_WORDS.contains(word) || matches!(*word, "vat" | "fv"));
    only_signs
        && (label || text.contains(['#', '№']) || words.iter().any(|w| NUMBER_WORDS.contains(w)))
}

/// The span looks like a date: day, month and year (or year, month, day) with dots,
/// slashes or dashes. A date is never a phone number.
fn date_shaped(span: &Span<'_>) -> bool {
    let [a, b, c] = span.groups else {
        return false;
    };
    span.seps_all(&[".", "/", "-"])
        && matches!(
            (a.len(), b.len(), c.len()),
            (1 | 2, 1 | 2, 4 | 2) | (4, 1 | 2, 1 | 2)
        )
}

/// The span is written as people of the regions in scope write phone numbers, so it is
/// one without a keyword when it is a valid number: groups split by spaces, dashes or
/// brackets (dots only in the American 3-3-4), or the plain digits of a mobile-length
/// national number.
fn phone_shaped(span: &Span<'_>) -> bool {
    let n = span.digits.len();
    if span.plain() {
        return n == 9 || (n == 11 && matches!(span.digits.as_bytes()[0], b'0' | b'8'));
    }
    if span.seps.contains(&"/") {
        return false;
    }
    if span.seps.contains(&".") {
        return span.seps_all(&["."]) && (span.lens(&[3, 3, 4]) || span.lens(&[1, 3, 3, 4]));
    }
    // Thousands in groups of three after a short head ("1 808 420") are amounts.
    !(span.seps_all(&[" "])
        && span.groups[0].len() <= 3
        && span.groups.len() >= 3
        && span.groups[1..].iter().all(|g| g.len() == 3))
        || n == 9
}

/// A domestic bank account: the Polish NRB (26 digits, plain or 2-4-4-4-4-4-4), the
/// Czech `[prefix-]number/bank`, or a Russian 20-digit account whose key matches a
/// BIK written on the same line (or after an account keyword).
fn is_account(span: &Span<'_>, context: &Context<'_>) -> bool {
    let d = span.digits;
    let grouped = |pattern: &[usize]| span.lens(pattern) && span.seps_all(&[" "]);
    if d.len() == 26 && (span.plain() || grouped(&[2, 4, 4, 4, 4, 4, 4])) {
        return check::pl_nrb(d);
    }
    let part = |g: &Group| {
        let base = span.groups[0].digit_start;
        &d[g.digit_start - base..g.digit_end - base]
    };
    match (span.groups, span.seps) {
        ([number, bank], ["/"]) if bank.len() == 4 && number.len() >= 6 => {
            return check::cz_account("", part(number), part(bank));
        }
        ([prefix, number, bank], ["-", "/"]) if bank.len() == 4 => {
            return check::cz_account(part(prefix), part(number), part(bank));
        }
        _ => {}
    }
    if d.len() == 20 && span.plain() && matches!(d.as_bytes()[0], b'3' | b'4') {
        return context.nearest() == Some(Cue::Kind(Kind::Account))
            || bik_on_line(context.text, context.end)
                .is_some_and(|bik| check::ru_account(d, &bik));
    }
    false
}

/// The 9-digit BIK written after "БИК" on the line that continues at `from`.
fn bik_on_line(text: &[u8], from: usize) -> Option<String> {
    // The BIK follows its account closely; looking no further keeps a line of many
    // accounts linear.
    let window = &text[from..text.len().min(from + 160)];
    let line_end = window
        .iter()
        .position(|&b| b == b'\n')
        .map_or(from + window.len(), |p| from + p);
    let line = &text[from..line_end];
    let marker = "БИК".as_bytes();
    let at = line.windows(marker.len()).position(|w| w == marker)? + marker.len();
    let digits: String = line[at..]
        .iter()
        .skip_while(|b| matches!(b, b' ' | b':'))
        .take_while(|b| b.is_ascii_digit())
        .map(|&b| char::from(b))
        .collect();
    (digits.len() == 9).then_some(digits)
}

/// The kind of identifier a span is, if any: every kind whose format and check digits
/// fit, then the one named by the keyword nearest it, else the most specific.
fn classify(
    span: &Span<'_>,
    context: &Context<'_>,
    enabled: &dyn Fn(Kind) -> bool,
    regions: &[Region],
) -> Option<Kind> {
    let d = span.digits;
    let n = d.len();
    // "1111111111" passes several checksums but is a placeholder, not anyone's number.
    if d.bytes().all(|b| b == d.as_bytes()[0]) {
        return None;
    }
    // At most every kind once; kept on the stack, as this runs for every span of
    // every number.
    let mut fits = Fits::default();
    let mut fit = |kind: Kind, ok: bool| {
        if ok && enabled(kind) {
            fits.push(kind);
        }
    };
    if span.groups.len() == 4 && span.seps_all(&["."]) && !span.plus && !span.paren {
        let base = span.groups[0].digit_start;
        let parts: Vec<&str> = span
            .groups
            .iter()
            .map(|g| &d[g.digit_start - base..g.digit_end - base])
            .collect();
        // The standard library refuses leading zeros ("192.168.001.001"), as it should.
        // A product's version ("LibreOffice/7.4.7.2", in every document it saves) is
        // no address.
        let version = context.at >= 2
            && context.text[context.at - 1] == b'/'
            && context.text[context.at - 2].is_ascii_alphanumeric();
        fit(
            Kind::Ip,
            !version && parts.join(".").parse::<Ipv4Addr>().is_ok(),
        );
        return fits.first();
    }
    let nip_format = span.plain()
        || (span.lens(&[3, 3, 2, 2]) || span.lens(&[3, 2, 2, 3])) && span.seps_all(&["-"]);
    if let Some(country) = span.country {
        return vat_number(span, country, nip_format).filter(|&k| enabled(k));
    }
    let cue = context.nearest();
    let named = |kind: Kind| cue == Some(Cue::Kind(kind));
    let dashes_or_spaces = span.seps_all(&["-", " "]);
    if !span.plus && !span.paren {
        fit(
            Kind::Card,
            (13..=19).contains(&n) && dashes_or_spaces && check::card(d),
        );
        fit(Kind::Account, n >= 8 && is_account(span, context));
        let snils_format = span.lens(&[3, 3, 3, 2]) && span.seps_all(&["-", " "]);
        fit(
            Kind::RuSnils,
            n == 11 && (span.plain() || snils_format) && check::ru_snils(d),
        );
        fit(Kind::PlPesel, span.plain() && check::pl_pesel(d));
        fit(Kind::RuOgrn, span.plain() && check::ru_ogrn(d));
        fit(
            Kind::RuInn,
            span.plain() && matches!(n, 10 | 12) && check::ru_inn(d),
        );
        fit(Kind::PlRegon, span.plain() && check::pl_regon(d));
        let rc_format =
            span.plain() || (span.lens(&[6, 4]) || span.lens(&[6, 3])) && span.seps_all(&["/"]);
        let rc_ok =
            rc_format && check::cz_rodne_cislo(d) && (n == 10 || context.has(Kind::CzRodneCislo));
        fit(Kind::CzRodneCislo, rc_ok);
        fit(Kind::PlNip, nip_format && check::pl_nip(d));
        // An IČO written in pairs ("01 01 09 72") only after its keyword.
        let ico_pairs = span.lens(&[2, 2, 2, 2]) && span.seps_all(&[" "]) && named(Kind::CzIco);
        fit(Kind::CzIco, (span.plain() || ico_pairs) && check::cz_ico(d));
        let ir_format = span.plain() || span.lens(&[3, 6, 1]) && span.seps_all(&["-"]);
        fit(Kind::IrNationalId, ir_format && check::ir_national_code(d));
        // An SSN without dashes only after its keyword.
        let ssn_format = span.lens(&[3, 2, 4]) && span.seps_all(&["-", " "])
            || span.plain() && named(Kind::UsSsn);
        fit(Kind::UsSsn, ssn_format && check::us_ssn(d));
    }
    // A national number shaped like a phone needs no keyword; a word for an invoice,
    // order or amount stops it only when it introduces this very number.
    let after_no_kind = match cue {
        None => true,
        Some(Cue::NotPersonal { .. }) => !context.cues().direct,
        // "Account manager Jana Nová, 776 944 657": a word of a kind no number of this
        // shape can be leaves the phone rule as it would be with no word at all.
        Some(Cue::Kind(Kind::Account | Kind::Card)) => !fits.contains(Kind::Account),
        Some(Cue::Kind(_)) => false,
    };
    let written_as_phone = span.plus || span.paren || d.starts_with("00");
    if enabled(Kind::Phone) && is_phone_here(span, named(Kind::Phone), after_no_kind, regions) {
        fits.push(Kind::Phone);
    }
    // A number beside a currency is an amount: only a strong kind is personal data
    // there ("Účet EUR 2000145399/0800").
    if context.is_amount() {
        fits.retain(Kind::is_strong);
    }
    match cue {
        // The kind a keyword names decides; a weak kind that does not fit it stays
        // (a mistyped INN is not an Iranian national code).
        Some(Cue::Kind(kind)) if fits.contains(kind) => return Some(kind),
        // A number written as a phone (`+`, `00`, a bracketed area code) stays one
        // whatever word stands before it.
        Some(_) if after_no_kind || written_as_phone => {
            fits.retain(|k| k.is_strong() || k == Kind::Phone);
        }
        Some(_) => fits.retain(Kind::is_strong),
        None => {}
    }
    match (fits.len, fits.first()) {
        (0, _) | (_, None) => None,
        (1, only) => only,
        (_, Some(first)) => fits.iter().find(|&k| context.has(k)).or(Some(first)),
    }
}

/// True when the span is a phone number where it stands: written as one (after `+`,
/// `00` or in brackets, or shaped like a national number with no other kind's keyword
/// before it) or after a phone keyword, and valid in a region in scope (any default
/// region after a keyword, or a country code with no `+`: "Tel. 420776944657", how a
/// spreadsheet keeps "+420 776 944 657" typed as a number).
fn is_phone_here(span: &Span<'_>, keyword: bool, after_no_kind: bool, regions: &[Region]) -> bool {
    let d = span.digits;
    let n = d.len();
    let international = span.plus || (d.starts_with("00") && !span.paren);
    let hint = international
        || span.paren
        || keyword
        || (after_no_kind && !date_shaped(span) && phone_shaped(span));
    span.whole
        && (7..=17).contains(&n)
        && !date_shaped(span)
        && hint
        && (is_phone(span, regions)
            || keyword
                && (is_phone(span, super::detect::default_regions())
                    || span.plain()
                        && (11..=13).contains(&n)
                        && super::phone_plan::international(d)))
}

/// The kind of a number written after a country prefix, which is written only before a
/// VAT number: the Polish NIP, the Czech DIČ (an IČO, or a birth number for a person).
fn vat_number(span: &Span<'_>, country: Country, nip_format: bool) -> Option<Kind> {
    let (d, n) = (span.digits, span.digits.len());
    match country {
        Country::Pl => (nip_format && check::pl_nip(d)).then_some(Kind::PlNip),
        Country::Cz if span.plain() && n == 8 && check::cz_ico(d) => Some(Kind::CzIco),
        Country::Cz => (span.plain() && matches!(n, 9 | 10) && check::cz_rodne_cislo(d))
            .then_some(Kind::CzRodneCislo),
    }
}

/// The digits of an international number as `+` and the number: after a `+`, or after
/// the `00` that replaces it, without the trunk `(0)` some write after the country code.
fn international_digits(span: &Span<'_>) -> Option<String> {
    let d = span.digits;
    let rest = if span.plus { d } else { d.strip_prefix("00")? };
    let offset = d.len() - rest.len();
    let trunk = span.groups.iter().skip(1).position(|g| {
        g.len() == 1 && d.as_bytes()[g.digit_start - span.groups[0].digit_start] == b'0'
    });
    match trunk {
        Some(k) if span.seps.get(k) == Some(&" (") || span.seps.get(k) == Some(&"(") => {
            let g = &span.groups[k + 1];
            let at = g.digit_start - span.groups[0].digit_start;
            Some(format!("+{}{}", &d[offset..at], &d[at + 1..]))
        }
        _ => Some(format!("+{rest}")),
    }
}

fn is_phone(span: &Span<'_>, regions: &[Region]) -> bool {
    let d = span.digits;
    if span.plus || (d.starts_with("00") && !span.paren) {
        return international_digits(span).is_some_and(|number| {
            super::phone_plan::international(&number[1..]) || numbering_plan_fits(&number[1..])
        });
    }
    regions
        .iter()
        .filter(|region| region.could_be_national(d))
        .any(|&region| {
            super::phone_plan::of_region(region.code()).is_some_and(|plan| plan.national(d))
                || match region.code() {
                    "RU" => d
                        .strip_prefix('8')
                        .is_some_and(|n| numbering_plan_fits(&format!("7{n}"))),
                    "US" => numbering_plan_fits(&format!("1{}", d.strip_prefix('1').unwrap_or(d))),
                    _ => false,
                }
        })
}

/// The numbering plans of the two shared country codes, where the phone number
/// library refuses whole ranges in use (St Petersburg's 812 behind +7, area codes
/// opened in North America since its data was made): Russia's ten digits after 7
/// starting 3, 4, 8 or 9, and North America's NXX-NXX-XXXX after 1.
fn numbering_plan_fits(international: &str) -> bool {
    let d = international.as_bytes();
    match d.first() {
        Some(b'7') => d.len() == 11 && matches!(d[1], b'3' | b'4' | b'8' | b'9'),
        Some(b'1') => d.len() == 11 && d[1] >= b'2' && d[4] >= b'2' && &d[2..4] != b"11",
        _ => false,
    }
}
