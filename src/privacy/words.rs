//! Identifiers that are words rather than numbers: e-mail addresses, IBANs and IPv6
//! addresses, each found from an anchor byte and checked whole.

use std::net::Ipv6Addr;

use super::iban;
use super::kind::{Finding, Kind};
use super::text::{char_at, char_before, digit_at, word_at, word_before};

fn local_char(c: char) -> bool {
    c.is_alphanumeric() || "._%+-'".contains(c)
}

fn domain_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '.'
}

/// The e-mail address around the `@` at byte `at`, if there is one.
pub(super) fn email_at(text: &[u8], at: usize) -> Option<Finding> {
    let mut start = at;
    while let Some((c, len)) = char_before(text, start) {
        if !local_char(c) {
            break;
        }
        start -= len;
    }
    // An address does not start with punctuation (a quote or dot before it is prose).
    while start < at && matches!(text[start], b'.' | b'\'' | b'-' | b'+' | b'%') {
        start += 1;
    }
    let mut end = at + 1;
    while let Some((c, len)) = char_at(text, end) {
        if !domain_char(c) {
            break;
        }
        end += len;
    }
    while end > at + 1 && matches!(text[end - 1], b'.' | b'-') {
        end -= 1;
    }
    let candidate = std::str::from_utf8(&text[start..end]).ok()?;
    super::email::is_email(candidate).then_some(Finding {
        kind: Kind::Email,
        start,
        end,
        subject: 0,
    })
}

/// The IBAN that starts two bytes before the digits at `digits`, if there is one:
/// two letters, two check digits, then letters and digits in groups of any size.
pub(super) fn iban_before_digits(text: &[u8], digits: usize) -> Option<Finding> {
    let start = digits.checked_sub(2)?;
    let country = text.get(start..digits)?;
    if !country.iter().all(u8::is_ascii_alphabetic) || word_before(text, start) {
        return None;
    }
    let mut compact = String::from_utf8_lossy(country).to_ascii_uppercase();
    let expected = iban::country_length(&compact);
    let mut i = digits;
    let mut ends = Vec::new(); // candidate ends at group boundaries: (byte end, compact length)
    loop {
        match (text.get(i), digit_at(text, i)) {
            (_, Some((d, len))) => {
                compact.push(char::from(d));
                i += len;
            }
            (Some(b), None) if b.is_ascii_alphanumeric() => {
                compact.push(char::from(b.to_ascii_uppercase()));
                i += 1;
            }
            (Some(b' '), None) if text.get(i + 1).is_some_and(u8::is_ascii_alphanumeric) => {
                ends.push((i, compact.len()));
                i += 1;
            }
            _ => break,
        }
        if compact.len() > 34 {
            break;
        }
    }
    if !word_at(text, i) {
        ends.push((i, compact.len()));
    }
    ends.iter().rev().find_map(|&(end, len)| {
        let candidate = &compact[..len];
        let length_ok = expected.is_none_or(|e| e == len);
        (length_ok && (15..=34).contains(&len) && iban::is_valid(candidate)).then_some(Finding {
            kind: Kind::Iban,
            start,
            end,
            subject: 0,
        })
    })
}

/// The IPv6 address around the `:` at byte `colon`, if there is one.
pub(super) fn ipv6_at(text: &[u8], colon: usize) -> Option<Finding> {
    let part = |b: u8| b.is_ascii_hexdigit() || b == b':' || b == b'.';
    let mut start = colon;
    while start > 0 && part(text[start - 1]) {
        start -= 1;
    }
    let mut end = colon;
    while end < text.len() && part(text[end]) {
        end += 1;
    }
    while end > start && matches!(text[end - 1], b'.' | b':') && !text[start..end].ends_with(b"::")
    {
        end -= 1;
    }
    if word_before(text, start) || word_at(text, end) {
        return None;
    }
    let candidate = std::str::from_utf8(&text[start..end]).ok()?;
    (candidate.matches(':').count() >= 2 && candidate.parse::<Ipv6Addr>().is_ok()).then_some(
        Finding {
            kind: Kind::Ip,
            start,
            end,
            subject: 0,
        },
    )
}

/// Where an IBAN-shaped token (two letters glued to two digits, then groups of letters
/// and digits) that starts two bytes before `digits` ends; `None` when it is not one.
/// A token of that shape that fails the IBAN check is a mistyped IBAN, not a place to
/// look for card or phone numbers.
pub(super) fn iban_shaped_end(text: &[u8], digits: usize) -> Option<usize> {
    let start = digits.checked_sub(2)?;
    let shaped = text[start..digits].iter().all(u8::is_ascii_uppercase)
        && !word_before(text, start)
        && text.get(digits + 1).is_some_and(u8::is_ascii_digit);
    if !shaped {
        return None;
    }
    // IBAN groups: upper-case letters and digits, split by single spaces only after
    // groups of four, 34 characters at the most.
    let (mut i, mut compact, mut group) = (digits, 2, 2);
    loop {
        match text.get(i) {
            Some(b) if (b.is_ascii_uppercase() || b.is_ascii_digit()) && compact < 34 => {
                (i, compact, group) = (i + 1, compact + 1, group + 1);
            }
            Some(b' ')
                if group == 4
                    && text
                        .get(i + 1)
                        .is_some_and(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) =>
            {
                (i, group) = (i + 1, 0);
            }
            _ => break,
        }
    }
    (compact >= 15 && !word_at(text, i)).then_some(i)
}
