//! Recovery keys: 128 random bits written as Crockford base-32 groups for paper, with
//! two check characters so a mistyped key is recognised as mistyped.
//!
//! Printed form: `XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX`, 26 characters carrying the 128
//! bits (the top two bits are zero) and 2 check characters (10 bits of SHA-256 of the
//! 26). Reading forgives case, spaces, dashes, and the look-alikes O→0 and I/L→1.

use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::{CROCKFORD, crockford_base32, random_array};

const DATA_CHARS: usize = 26;
const CHECK_CHARS: usize = 2;
const GROUP: usize = 4;

/// What a user typed, read as a recovery key.
#[derive(Debug, PartialEq, Eq)]
pub enum Reading {
    /// A well-formed key; the canonical 26 characters are the slot's secret.
    Key(Zeroizing<String>),
    /// Recovery key characters with a wrong check: almost certainly a typo.
    Mistyped,
    /// Not shaped like a recovery key at all.
    NotAKey,
}

fn check_chars(data: &str) -> [char; CHECK_CHARS] {
    let digest = Sha256::digest(data.as_bytes());
    let bits = (u16::from(digest[0]) << 2) | (u16::from(digest[1]) >> 6);
    [
        char::from(CROCKFORD[usize::from(bits >> 5)]),
        char::from(CROCKFORD[usize::from(bits & 31)]),
    ]
}

/// A new random recovery key: the printed form, and the canonical secret.
pub fn generate() -> (Zeroizing<String>, Zeroizing<String>) {
    let bits: Zeroizing<[u8; 16]> = Zeroizing::new(random_array());
    // 130 bits of characters: two zero bits in front of the 128 random ones.
    let mut padded = Zeroizing::new([0u8; 17]);
    let mut carry = 0u8;
    for (i, byte) in bits.iter().enumerate() {
        padded[i] = carry | (byte >> 2);
        carry = byte << 6;
    }
    padded[16] = carry;
    let mut data = Zeroizing::new(crockford_base32(padded.as_slice()));
    data.truncate(DATA_CHARS);
    let mut full = Zeroizing::new(data.to_string());
    full.extend(check_chars(&data));
    let mut printed = Zeroizing::new(String::with_capacity(35));
    for (i, c) in full.chars().enumerate() {
        if i > 0 && i % GROUP == 0 {
            printed.push('-');
        }
        printed.push(c);
    }
    (printed, data)
}

/// Reads `typed` as a recovery key.
pub fn read(typed: &str) -> Reading {
    let mut chars = Zeroizing::new(String::with_capacity(typed.len()));
    for c in typed.chars() {
        let c = match c.to_ascii_uppercase() {
            '-' | ' ' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c if c.is_ascii() && CROCKFORD.contains(&(c as u8)) => c,
            _ => return Reading::NotAKey,
        };
        chars.push(c);
    }
    if chars.len() != DATA_CHARS + CHECK_CHARS {
        return Reading::NotAKey;
    }
    let (data, check) = chars.split_at(DATA_CHARS);
    // The first character carries the two zero bits and three random ones.
    if !matches!(data.as_bytes()[0], b'0'..=b'7') {
        return Reading::NotAKey;
    }
    if check.chars().eq(check_chars(data)) {
        Reading::Key(Zeroizing::new(data.to_owned()))
    } else {
        Reading::Mistyped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_key_reads_back_however_it_is_typed() {
        let (printed, secret) = generate();
        assert_eq!(printed.len(), 34, "{}", printed.as_str());
        assert_eq!(printed.split('-').count(), 7);
        assert_eq!(read(&printed), Reading::Key(secret.clone()));
        let sloppy = printed.to_lowercase().replace('-', " ").replace('0', "o");
        assert_eq!(read(&sloppy), Reading::Key(secret));
    }

    #[test]
    fn a_typo_is_told_apart_from_a_passphrase() {
        let data = "0123456789ABCDEFGHJKMNPQRS";
        let check: String = check_chars(data).iter().collect();
        assert!(matches!(read(&format!("{data}{check}")), Reading::Key(_)));
        let typo = format!("0123456789ABCDEFGHJKMNPQRT{check}");
        assert_eq!(read(&typo), Reading::Mistyped);
        assert_eq!(read("correct horse battery staple"), Reading::NotAKey);
        assert_eq!(read("short"), Reading::NotAKey);
    }

    #[test]
    fn keys_differ() {
        assert_ne!(generate().1, generate().1);
    }
}
