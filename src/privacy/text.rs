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
    let len = sequence_len(*text.get(i)?);
    let bytes = text.get(i..i + len.max(1))?;
    std::str::from_utf8(bytes).ok()?.chars().next().map(|c| (c, len))
}

/// The character that ends just before byte `i`, and its length in bytes.
pub fn char_before(text: &[u8], i: usize) -> Option<(char, usize)> {
    (1..=4.min(i)).find_map(|len| {
        let start = i - len;
        (sequence_len(text[start]) == len)
            .then(|| char_at(text, start))
            .flatten()
            .filter(|&(_, l)| l == len)
    })
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

/// Up to `chars` characters before byte `i` on the same line, lower-cased, for
/// keyword context.
pub fn context_before(text: &[u8], i: usize, chars: usize) -> String {
    let mut start = i;
    for _ in 0..chars {
        match char_before(text, start) {
            Some(('\n', _)) => break,
            Some((_, len)) => start -= len,
            None if start > 0 => start -= 1,
            None => break,
        }
    }
    String::from_utf8_lossy(&text[start..i]).to_lowercase()
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
