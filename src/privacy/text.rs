//! Reading characters out of bytes that may not be valid UTF-8, so detectors work on
//! any text file and report exact byte ranges of the original.

/// The length of the UTF-8 sequence that starts with `lead`, or 0 for a continuation
/// or invalid byte.
fn sequence_len(lead: u8) -> usize {
    match lead {
        0x00..=0x7F => 1,
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => 0,
    }
}

/// The character that starts at byte `i`, and its length in bytes.
pub fn char_at(text: &[u8], i: usize) -> Option<(char, usize)> {
    let lead = *text.get(i)?;
    if lead.is_ascii() {
        return Some((char::from(lead), 1));
    }
    let len = sequence_len(lead);
    let bytes = text.get(i..i + len.max(1))?;
    std::str::from_utf8(bytes)
        .ok()?
        .chars()
        .next()
        .map(|c| (c, len))
}

/// The character that ends just before byte `i`, and its length in bytes.
pub fn char_before(text: &[u8], i: usize) -> Option<(char, usize)> {
    let last = *text.get(i.checked_sub(1)?)?;
    if last.is_ascii() {
        return Some((char::from(last), 1));
    }
    // Step back over continuation bytes (10xxxxxx) to the lead byte.
    let mut start = i - 1;
    while start > 0 && i - start < 4 && text[start] & 0xC0 == 0x80 {
        start -= 1;
    }
    char_at(text, start).filter(|&(_, len)| start + len == i)
}

/// The ASCII digit of a digit in any of the scripts sealbook reads (ASCII, Persian,
/// Arabic-Indic) at byte `i`, and its length in bytes.
pub fn digit_at(text: &[u8], i: usize) -> Option<(u8, usize)> {
    match *text.get(i)? {
        b @ b'0'..=b'9' => Some((b, 1)),
        0xDB => match *text.get(i + 1)? {
            b @ 0xB0..=0xB9 => Some((b'0' + (b - 0xB0), 2)),
            _ => None,
        },
        0xD9 => match *text.get(i + 1)? {
            b @ 0xA0..=0xA9 => Some((b'0' + (b - 0xA0), 2)),
            _ => None,
        },
        _ => None,
    }
}

/// True when the character before byte `i` is a letter or digit, i.e. `i` is inside a
/// word rather than at its start.
pub fn word_before(text: &[u8], i: usize) -> bool {
    char_before(text, i).is_some_and(|(c, _)| c.is_alphanumeric())
}

/// True when the character at byte `i` is a letter or digit.
pub fn word_at(text: &[u8], i: usize) -> bool {
    char_at(text, i).is_some_and(|(c, _)| c.is_alphanumeric())
}

/// Where the keyword context of a number at byte `at` begins: `chars` characters back,
/// or the start of its line.
pub fn line_context_start(text: &[u8], at: usize, chars: usize) -> usize {
    let mut start = at;
    let mut counted = 0;
    while start > 0 && counted < chars && text[start - 1] != b'\n' {
        start -= 1;
        if text[start] & 0xC0 != 0x80 {
            counted += 1; // a lead byte starts a character
        }
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_around_positions() {
        let text = "a۱é".as_bytes();
        assert_eq!(char_at(text, 0), Some(('a', 1)));
        assert_eq!(digit_at(text, 1), Some((b'1', 2)));
        assert_eq!(char_before(text, 3), Some(('۱', 2)));
        assert_eq!(char_before(text, 5), Some(('é', 2)));
        assert!(word_before(text, 1));
        assert_eq!(char_at(&[0xFF, b'a'], 0), None);
        assert_eq!(char_before(&[0xFF], 1), None);
    }
}
