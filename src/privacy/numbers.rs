//! Numbers in text: runs of digits (in any of three scripts) with the separators people
//! write, and which identifier, if any, each part of a run is.

use std::net::Ipv4Addr;

use super::checksum as check;
use super::kind::Kind;
use super::phone::Region;
use super::text::{digit_at, line_context_start, word_at, word_before};

/// The longest identifier, in digits: a card.
const MAX_DIGITS: usize = 19;

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
    glued_before: bool,
    glued_after: bool,
}

/// The separator at `i` if a digit follows it.
fn separator(text: &[u8], i: usize) -> Option<&'static str> {
    const SEPARATORS: [&str; 8] = [") ", " (", " ", "-", ".", "/", ")", "("];
    SEPARATORS.into_iter().find(|sep| {
        text.get(i..i + sep.len()) == Some(sep.as_bytes())
            && digit_at(text, i + sep.len()).is_some()
    })
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
    // "PL" before a NIP is part of how it is written, not a word it is glued to.
    let pl_prefix = lead_start >= 2
        && &text[lead_start - 2..lead_start] == b"PL"
        && !word_before(text, lead_start - 2);
    run.glued_before = word_before(text, lead_start) && !pl_prefix;
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
            Some(sep) if run.groups.len() < 64 => {
                run.seps.push(sep);
                i += sep.len();
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
    let context = Context {
        text,
        at: run.lead.map_or(run.groups[0].start, |(p, _)| p),
        kinds: std::cell::OnceCell::new(),
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
                whole: a == 0 && b == count - 1,
            };
            let span_start = if span.plus || span.paren {
                run.lead.map_or(run.groups[a].start, |(p, _)| p)
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

/// The words before a run, read only when a rule needs them.
struct Context<'a> {
    text: &'a [u8],
    at: usize,
    /// Bit `kind as u32` is set when a keyword of that kind starts a word before the run.
    kinds: std::cell::OnceCell<u32>,
}

impl Context<'_> {
    fn has(&self, kind: Kind) -> bool {
        let kinds = self.kinds.get_or_init(|| {
            let from = line_context_start(self.text, self.at, 40);
            keyword_kinds(self.text, from, self.at)
        });
        kinds & (1 << kind as u32) != 0
    }
}

/// One automaton over the keywords of every kind, in lower case, upper case and with a
/// capital (so "ИНН", "Инн" and "инн" all match without folding the text).
fn keywords() -> &'static (aho_corasick::AhoCorasick, Vec<Kind>) {
    static KEYWORDS: std::sync::OnceLock<(aho_corasick::AhoCorasick, Vec<Kind>)> =
        std::sync::OnceLock::new();
    KEYWORDS.get_or_init(|| {
        let mut words = Vec::new();
        let mut kinds = Vec::new();
        for kind in Kind::ALL {
            for word in kind.keywords() {
                let mut chars = word.chars();
                let capital: String = chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect())
                    .unwrap_or_default();
                for form in [(*word).to_owned(), word.to_uppercase(), capital] {
                    if !words.contains(&form) {
                        words.push(form);
                        kinds.push(kind);
                    }
                }
            }
        }
        let automaton = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&words)
            .unwrap_or_else(|_| unreachable!("the keywords are plain strings"));
        (automaton, kinds)
    })
}

/// The kinds whose keywords start a word in `text[from..to]` ("tel." counts, "hotel"
/// does not).
fn keyword_kinds(text: &[u8], from: usize, to: usize) -> u32 {
    let (automaton, kinds) = keywords();
    automaton
        .find_overlapping_iter(&text[from..to])
        .filter(|m| !word_before(text, from + m.start()))
        .fold(0, |mask, m| {
            mask | 1 << kinds[m.pattern().as_usize()] as u32
        })
}

/// The kind of identifier a span is, if any: every kind whose format and check digits
/// fit, then the one named by a keyword just before it, else the most specific.
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
    let mut fits: Vec<Kind> = Vec::new();
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
        fit(Kind::Ip, parts.join(".").parse::<Ipv4Addr>().is_ok());
        return fits.first().copied();
    }
    let dashes_or_spaces = span.seps_all(&["-", " "]);
    if !span.plus && !span.paren {
        fit(
            Kind::Card,
            (13..=19).contains(&n) && dashes_or_spaces && check::card(d),
        );
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
        let nip_format = span.plain()
            || (span.lens(&[3, 3, 2, 2]) || span.lens(&[3, 2, 2, 3])) && span.seps_all(&["-"]);
        fit(Kind::PlNip, nip_format && check::pl_nip(d));
        fit(Kind::CzIco, span.plain() && check::cz_ico(d));
        let ir_format = span.plain() || span.lens(&[3, 6, 1]) && span.seps_all(&["-"]);
        fit(Kind::IrNationalId, ir_format && check::ir_national_code(d));
        fit(
            Kind::UsSsn,
            span.lens(&[3, 2, 4]) && span.seps_all(&["-"]) && check::us_ssn(d),
        );
    }
    let phone_hint = || {
        span.plus
            || span.paren
            || context.has(Kind::Phone)
            || (d.starts_with('0')
                && !span.plain()
                && !span.lens(&[3, 2, 4])
                && !Kind::ALL
                    .iter()
                    .any(|&k| k != Kind::Phone && context.has(k)))
    };
    if span.whole
        && (7..=15).contains(&n)
        && enabled(Kind::Phone)
        && phone_hint()
        && is_phone(span, regions)
    {
        fits.push(Kind::Phone);
    }
    match fits.as_slice() {
        [] => None,
        [only] => Some(*only),
        several => several
            .iter()
            .copied()
            .find(|&k| context.has(k))
            .or(Some(several[0])),
    }
}

fn is_phone(span: &Span<'_>, regions: &[Region]) -> bool {
    let d = span.digits;
    if span.plus {
        return super::phone::is_valid(&format!("+{d}"), None);
    }
    regions
        .iter()
        .filter(|region| region.could_be_national(d))
        .any(|&region| super::phone::is_valid(d, Some(region)))
}
