//! Numbers in text: runs of digits (in any of three scripts) with the separators people
//! write, and which identifier, if any, each part of a run is.

use std::net::Ipv4Addr;

use super::checksum as check;
use super::kind::Kind;
use super::phone::Region;
use super::text::{context_before, digit_at, word_at, word_before};

/// The longest identifier, in digits: a card.
const MAX_DIGITS: usize = 19;

struct Group {
    start: usize,
    end: usize,
    digits: String,
}

/// A run of digit groups and the separators between them.
struct Run {
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
        text.get(i..i + sep.len()) == Some(sep.as_bytes()) && digit_at(text, i + sep.len()).is_some()
    })
}

fn read_run(text: &[u8], start: usize) -> (Run, usize) {
    let lead = start
        .checked_sub(1)
        .and_then(|p| matches!(text[p], b'+' | b'(').then(|| (p, text[p])));
    let lead_start = lead.map_or(start, |(p, _)| p);
    let mut run = Run {
        groups: Vec::new(),
        seps: Vec::new(),
        lead,
        glued_before: word_before(text, lead_start),
        glued_after: false,
    };
    let mut i = start;
    loop {
        let group_start = i;
        let mut digits = String::new();
        while let Some((d, len)) = digit_at(text, i) {
            digits.push(char::from(d));
            i += len;
        }
        run.groups.push(Group {
            start: group_start,
            end: i,
            digits,
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
    (run, i)
}

/// What a span of a run looks like, for the rules that depend on how it is written.
struct Span<'a> {
    digits: String,
    seps: &'a [&'static str],
    group_lens: Vec<usize>,
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
        self.group_lens == pattern
    }
}

/// Finds the identifiers in the number run starting at `start`; returns them and where
/// the run ends.
pub(super) fn scan_run(
    text: &[u8],
    start: usize,
    enabled: &dyn Fn(Kind) -> bool,
    regions: &[Region],
    out: &mut Vec<super::Finding>,
) -> usize {
    let (run, end) = read_run(text, start);
    let count = run.groups.len();
    let mut context: Option<String> = None;
    let mut a = 0;
    while a < count {
        let mut found = None;
        for b in (a..count).rev() {
            if (a == 0 && run.glued_before) || (b == count - 1 && run.glued_after) {
                continue;
            }
            let digits: String = run.groups[a..=b].iter().map(|g| g.digits.as_str()).collect();
            if digits.len() > MAX_DIGITS + 1 {
                continue;
            }
            let span = Span {
                digits,
                seps: &run.seps[a..b],
                group_lens: run.groups[a..=b].iter().map(|g| g.digits.len()).collect(),
                plus: a == 0 && matches!(run.lead, Some((_, b'+'))),
                paren: a == 0 && matches!(run.lead, Some((_, b'('))),
                whole: a == 0 && b == count - 1,
            };
            let span_start = if span.plus || span.paren {
                run.lead.map_or(run.groups[a].start, |(p, _)| p)
            } else {
                run.groups[a].start
            };
            let context = context.get_or_insert_with(|| context_before(text, span_start, 40));
            if let Some(kind) = classify(&span, context, enabled, regions) {
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
                });
                a = b + 1;
            }
            None => a += 1,
        }
    }
    end
}

/// True when a keyword of `kind` starts a word in `context` ("tel." but not "hotel").
fn has_keyword(context: &str, kind: Kind) -> bool {
    kind.keywords().iter().any(|keyword| {
        context.match_indices(keyword).any(|(at, _)| {
            !context[..at].chars().next_back().is_some_and(char::is_alphabetic)
        })
    })
}

/// The kind of identifier a span is, if any: every kind whose format and check digits
/// fit, then the one named by a keyword just before it, else the most specific.
fn classify(
    span: &Span<'_>,
    context: &str,
    enabled: &dyn Fn(Kind) -> bool,
    regions: &[Region],
) -> Option<Kind> {
    let d = span.digits.as_str();
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
    if span.group_lens.len() == 4 && span.seps_all(&["."]) && !span.plus && !span.paren {
        let mut parts = Vec::with_capacity(4);
        let mut offset = 0;
        for len in &span.group_lens {
            parts.push(&d[offset..offset + len]);
            offset += len;
        }
        // The standard library refuses leading zeros ("192.168.001.001"), as it should.
        fit(Kind::Ip, parts.join(".").parse::<Ipv4Addr>().is_ok());
        return fits.first().copied();
    }
    let dashes_or_spaces = span.seps_all(&["-", " "]);
    if !span.plus && !span.paren {
        fit(Kind::Card, (13..=19).contains(&n) && dashes_or_spaces && check::card(d));
        let snils_format = span.lens(&[3, 3, 3, 2]) && span.seps_all(&["-", " "]);
        fit(Kind::RuSnils, n == 11 && (span.plain() || snils_format) && check::ru_snils(d));
        fit(Kind::PlPesel, span.plain() && check::pl_pesel(d));
        fit(Kind::RuOgrn, span.plain() && check::ru_ogrn(d));
        fit(Kind::RuInn, span.plain() && matches!(n, 10 | 12) && check::ru_inn(d));
        fit(Kind::PlRegon, span.plain() && check::pl_regon(d));
        let rc_format = span.plain() || (span.lens(&[6, 4]) || span.lens(&[6, 3])) && span.seps_all(&["/"]);
        let rc_ok = rc_format
            && check::cz_rodne_cislo(d)
            && (n == 10 || has_keyword(context, Kind::CzRodneCislo));
        fit(Kind::CzRodneCislo, rc_ok);
        let nip_format = span.plain()
            || (span.lens(&[3, 3, 2, 2]) || span.lens(&[3, 2, 2, 3])) && span.seps_all(&["-"]);
        fit(Kind::PlNip, nip_format && check::pl_nip(d));
        fit(Kind::CzIco, span.plain() && check::cz_ico(d));
        let ir_format = span.plain() || span.lens(&[3, 6, 1]) && span.seps_all(&["-"]);
        fit(Kind::IrNationalId, ir_format && check::ir_national_code(d));
        fit(Kind::UsSsn, span.lens(&[3, 2, 4]) && span.seps_all(&["-"]) && check::us_ssn(d));
    }
    let phone_hint = span.plus
        || span.paren
        || has_keyword(context, Kind::Phone)
        || (d.starts_with('0')
            && !span.plain()
            && !span.lens(&[3, 2, 4])
            && !Kind::ALL.iter().any(|&k| k != Kind::Phone && has_keyword(context, k)));
    if span.whole
        && (7..=15).contains(&n)
        && phone_hint
        && enabled(Kind::Phone)
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
            .find(|&k| has_keyword(context, k))
            .or(Some(several[0])),
    }
}

fn is_phone(span: &Span<'_>, regions: &[Region]) -> bool {
    let d = span.digits.as_str();
    if span.plus {
        return super::phone::normalise_phone(&format!("+{d}"), None).is_ok();
    }
    regions
        .iter()
        .any(|&region| super::phone::normalise_phone(d, Some(region)).is_ok())
}
