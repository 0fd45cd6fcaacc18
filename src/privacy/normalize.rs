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

/// Where the bytes of a folded text came from. Most characters fold to as many bytes
/// as they had (ASCII, Cyrillic, Persian letters), so only the others are recorded:
/// the map stays small and a position is found by binary search.
#[derive(Debug, Default)]
pub struct FoldMap {
    /// (folded start, original start, folded length, original length) of every
    /// character whose folded form differs in length (or splits into several).
    changed: Vec<(u32, u32, u32, u32)>,
}

impl FoldMap {
    fn clear(&mut self) {
        self.changed.clear();
    }

    fn last_at_or_before(&self, folded: usize) -> Option<&(u32, u32, u32, u32)> {
        let i = self
            .changed
            .partition_point(|&(start, ..)| start as usize <= folded);
        i.checked_sub(1).map(|i| &self.changed[i])
    }

    /// The original offset of the character that folded byte `folded` came from.
    pub fn start(&self, folded: usize) -> usize {
        match self.last_at_or_before(folded) {
            None => folded,
            Some(&(f, o, f_len, o_len)) => {
                let (f, o, f_len, o_len) = (f as usize, o as usize, f_len as usize, o_len as usize);
                if folded < f + f_len {
                    o
                } else {
                    o + o_len + (folded - f - f_len)
                }
            }
        }
    }

    /// The original offset just after the character that folded byte `folded - 1`
    /// came from: the end of a match that ends at `folded`.
    pub fn end(&self, folded: usize) -> usize {
        let last = folded.saturating_sub(1);
        match self.last_at_or_before(last) {
            Some(&(f, o, f_len, o_len)) if last < (f + f_len) as usize => (o + o_len) as usize,
            _ => self.start(last) + 1,
        }
    }
}

/// Folds `text` as [`fold`] does, character by character, with a map back to the
/// original bytes, so a match in the folded text can be mapped back. White space is
/// kept (not collapsed) and bytes that are not UTF-8 become spaces.
pub fn fold_mapped(text: &[u8], folded: &mut String, map: &mut FoldMap) {
    folded.clear();
    map.clear();
    // Folding rarely grows text by more than a little (ß → ss, æ → ae).
    folded.reserve(text.len() + text.len() / 8);
    let mut offset = 0;
    for piece in text.utf8_chunks() {
        for (at, c) in piece.valid().char_indices() {
            fold_char_mapped(c, offset + at, folded, map);
        }
        offset += piece.valid().len();
        for _ in piece.invalid() {
            folded.push(' ');
            offset += 1;
        }
    }
}

fn fold_char_mapped(c: char, at: usize, folded: &mut String, map: &mut FoldMap) {
    if c.is_ascii() {
        // One byte in, one byte out.
        folded.push(if c.is_ascii_control() && !c.is_ascii_whitespace() {
            ' '
        } else {
            c.to_ascii_lowercase()
        });
        return;
    }
    let before = folded.len();
    let mut pieces = 1;
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
        pieces = 0;
        unicode_normalization::char::decompose_compatible(c, |d| {
            if !is_combining_mark(d) {
                pieces += 1;
                fold_letter(d, folded);
            }
        });
    }
    let produced = folded.len() - before;
    if produced != c.len_utf8() || pieces != 1 {
        let as_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        map.changed.push((
            as_u32(before),
            as_u32(at),
            as_u32(produced),
            as_u32(c.len_utf8()),
        ));
    }
}

/// Folds an identifier (account, national id): digits to ASCII, letters upper-cased,
/// and the separators people type (spaces, dashes, dots, slashes) removed.
pub fn fold_identifier(text: &str) -> String {
    if text.is_ascii() {
        // NFKC leaves ASCII as it is; only the separators go and letters grow.
        return text
            .bytes()
            .filter(|&b| !(char::from(b).is_whitespace() || matches!(b, b'-' | b'.' | b'/')))
            .map(|b| char::from(b.to_ascii_uppercase()))
            .collect();
    }
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
    fn mapped_folding_agrees_with_fold_and_points_back() -> Result<(), Box<dyn std::error::Error>> {
        let text = "Pan  JAN Novák, ۰۹۱۲ Петров ﻙ ½ Straße".as_bytes();
        let (mut folded, mut map) = (String::new(), FoldMap::default());
        fold_mapped(text, &mut folded, &mut map);
        assert_eq!(
            folded.split_whitespace().collect::<Vec<_>>().join(" "),
            fold(std::str::from_utf8(text)?)
        );
        let original = |word: &str| -> Option<&str> {
            let at = folded.find(word)?;
            std::str::from_utf8(text.get(map.start(at)..map.end(at + word.len()))?).ok()
        };
        assert_eq!(original("novak"), Some("Novák"));
        assert_eq!(original("0912"), Some("۰۹۱۲"));
        assert_eq!(original("петров"), Some("Петров"));
        assert_eq!(original("strasse"), Some("Straße"));
        // "½" folds to "1⁄2": a word starting inside it maps to the whole character.
        assert_eq!(original("2 strasse"), Some("½ Straße"));
        Ok(())
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
