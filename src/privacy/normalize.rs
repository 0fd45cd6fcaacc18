//! Text folding shared by search and matching: case, accents, digit scripts, Persian
//! letter variants and white space, so "NOVÁK", "novak" and "Novák" compare equal.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Maps Persian (U+06F0–U+06F9) and Arabic-Indic (U+0660–U+0669) digits to ASCII.
/// Unicode NFKC leaves them alone, so this is done by hand.
pub fn ascii_digit(c: char) -> Option<char> {
    let offset = match c {
        '0'..='9' => return Some(c),
        '\u{06F0}'..='\u{06F9}' => u32::from(c) - 0x06F0,
        '\u{0660}'..='\u{0669}' => u32::from(c) - 0x0660,
        _ => return None,
    };
    char::from_digit(offset, 10)
}

/// Replaces every Persian or Arabic-Indic digit in `text` with its ASCII digit.
pub fn ascii_digits(text: &str) -> String {
    text.chars().map(|c| ascii_digit(c).unwrap_or(c)).collect()
}

/// Folds a letter that survives NFKD and lower-casing but which readers treat as a
/// plain letter (ł is not "l with a mark" to Unicode), or a Persian variant.
fn fold_letter(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    if matches!(c, '\u{0430}'..='\u{044F}') {
        out.push(c);
        return;
    }
    match c {
        'ß' | 'ẞ' => out.push_str("ss"),
        'ł' | 'Ł' => out.push('l'),
        'ø' | 'Ø' => out.push('o'),
        'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
        'ħ' | 'Ħ' => out.push('h'),
        'ı' => out.push('i'),
        'æ' | 'Æ' => out.push_str("ae"),
        'œ' | 'Œ' => out.push_str("oe"),
        'þ' | 'Þ' => out.push_str("th"),
        // Arabic yeh and kaf are written for their Persian forms in much Persian text.
        '\u{064A}' | '\u{0649}' => out.push('\u{06CC}'),
        '\u{0643}' => out.push('\u{06A9}'),
        // Tatweel (a stretching stroke), harakat (vowel marks), zero-width joiners and
        // bidi controls change the look, not the word.
        '\u{0640}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}' => {}
        _ => {
            if let Some(d) = ascii_digit(c) {
                out.push(d);
            } else {
                out.extend(c.to_lowercase());
            }
        }
    }
}

/// Folds `text` for comparison: NFKD, combining marks dropped, full lower case, the
/// letter foldings above, digits to ASCII, control characters dropped and white space
/// collapsed to single spaces.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    if text.is_ascii() {
        for c in text.chars() {
            push_folded(c, &mut out, &mut pending_space, |c, out| {
                out.push(c.to_ascii_lowercase());
            });
        }
    } else {
        for c in text.nfkd() {
            if is_combining_mark(c) {
                continue;
            }
            push_folded(c, &mut out, &mut pending_space, fold_letter);
        }
    }
    out
}

fn push_folded(
    c: char,
    out: &mut String,
    pending_space: &mut bool,
    fold_one: impl Fn(char, &mut String),
) {
    if c.is_whitespace() {
        *pending_space = !out.is_empty();
    } else if !c.is_control() {
        if *pending_space {
            out.push(' ');
            *pending_space = false;
        }
        fold_one(c, out);
    }
}

/// Folds `text` as [`fold`] does, character by character, keeping for every byte of
/// the folded text the offset of the original character it came from, so a match in
/// the folded text can be mapped back. White space is kept (not collapsed) and bytes
/// that are not UTF-8 become spaces.
pub fn fold_mapped(text: &[u8], folded: &mut String, origin: &mut Vec<u32>) {
    folded.clear();
    origin.clear();
    // Folding rarely grows text by more than a little (ß → ss, æ → ae).
    folded.reserve(text.len() + text.len() / 8);
    origin.reserve(text.len() + text.len() / 8);
    let mut offset = 0;
    for piece in text.utf8_chunks() {
        for (at, c) in piece.valid().char_indices() {
            fold_char_mapped(c, offset + at, folded, origin);
        }
        offset += piece.valid().len();
        for _ in piece.invalid() {
            folded.push(' ');
            origin.push(u32::try_from(offset).unwrap_or(u32::MAX));
            offset += 1;
        }
    }
}

fn fold_char_mapped(c: char, at: usize, folded: &mut String, origin: &mut Vec<u32>) {
    let at = u32::try_from(at).unwrap_or(u32::MAX);
    if c.is_ascii() {
        // One byte in, one byte out.
        folded.push(if c.is_ascii_control() && !c.is_ascii_whitespace() {
            ' '
        } else {
            c.to_ascii_lowercase()
        });
        origin.push(at);
        return;
    }
    let before = folded.len();
    if matches!(c, '\u{0430}'..='\u{0438}' | '\u{043A}'..='\u{044F}') {
        // Lower-case Cyrillic (but й) is folded already.
        folded.push(c);
    } else if matches!(c, '\u{0410}'..='\u{0418}' | '\u{041A}'..='\u{042F}') {
        folded.push(char::from_u32(u32::from(c) + 0x20).unwrap_or(c));
    } else if matches!(c, '\u{0627}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{067E}'
        | '\u{0686}' | '\u{0698}' | '\u{06A9}' | '\u{06AF}' | '\u{06CC}')
    {
        // Arabic-script letters without decompositions: only the Persian variants.
        fold_letter(c, folded);
    } else if c.is_whitespace() {
        folded.push(' ');
    } else if !c.is_control() {
        unicode_normalization::char::decompose_compatible(c, |d| {
            if !is_combining_mark(d) {
                fold_letter(d, folded);
            }
        });
    }
    origin.extend(std::iter::repeat_n(at, folded.len() - before));
}

/// Folds an identifier (account, national id): digits to ASCII, letters upper-cased,
/// and the separators people type (spaces, dashes, dots, slashes) removed.
pub fn fold_identifier(text: &str) -> String {
    text.nfkc()
        .filter(|c| !(c.is_whitespace() || matches!(c, '-' | '.' | '/' | '\u{2010}'..='\u{2015}')))
        .map(|c| ascii_digit(c).unwrap_or(c))
        .flat_map(char::to_uppercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mapped_folding_agrees_with_fold_and_points_back() {
        let text = "Pan  JAN Novák, ۰۹۱۲ Петров ﻙ".as_bytes();
        let (mut folded, mut origin) = (String::new(), Vec::new());
        fold_mapped(text, &mut folded, &mut origin);
        assert_eq!(
            folded.split_whitespace().collect::<Vec<_>>().join(" "),
            fold(std::str::from_utf8(text).unwrap())
        );
        assert_eq!(origin.len(), folded.len());
        let at = folded.find("novak").unwrap();
        assert_eq!(
            &text[origin[at] as usize..],
            "Novák, ۰۹۱۲ Петров ﻙ".as_bytes()
        );
        let digits = folded.find("0912").unwrap();
        assert_eq!(
            &text[origin[digits] as usize..origin[digits] as usize + 2],
            "۰".as_bytes()
        );
    }

    #[test]
    fn folds_case_accents_and_special_letters() {
        assert_eq!(fold("Jan NOVÁK"), "jan novak");
        assert_eq!(fold("Łukasz Wałęsa"), "lukasz walesa");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Пётр  ИВАНОВ"), "петр иванов");
        assert_eq!(fold("  a \t\n b  "), "a b");
    }

    #[test]
    fn folds_persian_variants_and_digits() {
        // Arabic yeh and kaf become Persian yeh and keheh; tatweel and ZWNJ vanish.
        assert_eq!(fold("علي"), fold("علی"));
        assert_eq!(fold("كريم"), fold("کریم"));
        assert_eq!(fold("مـحـمد"), fold("محمد"));
        assert_eq!(fold("می\u{200C}خواهم"), fold("میخواهم"));
        assert_eq!(fold("۰۹۱۲"), "0912");
        assert_eq!(fold("٠٩١٢"), "0912");
    }

    #[test]
    fn drops_control_and_bidi_characters() {
        assert_eq!(fold("a\u{202E}b\u{7}c"), "abc");
    }

    #[test]
    fn identifiers_lose_separators_and_case() {
        assert_eq!(fold_identifier("pl61 1090-1014"), "PL6110901014");
        assert_eq!(fold_identifier("710319/2745"), "7103192745");
        assert_eq!(fold_identifier("۰۰۷۶۲۲۹۶۴۵"), "0076229645");
    }
}
