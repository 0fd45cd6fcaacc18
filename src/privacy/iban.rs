//! IBANs (ISO 13616): the mod-97 check and each country's length.

/// Lengths of the IBANs of the countries sealbook is used in and their neighbours.
/// Iran is not in the SWIFT registry; its IBANs are 26 characters.
const COUNTRY_LENGTHS: &[(&str, usize)] = &[
    ("AT", 20),
    ("BE", 16),
    ("BG", 22),
    ("CH", 21),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DK", 18),
    ("EE", 20),
    ("ES", 24),
    ("FI", 18),
    ("FR", 27),
    ("GB", 22),
    ("GR", 27),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IR", 26),
    ("IT", 27),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("MT", 31),
    ("NL", 18),
    ("NO", 15),
    ("PL", 28),
    ("PT", 25),
    ("RO", 24),
    ("RU", 33),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("TR", 26),
    ("UA", 29),
];

/// The IBAN length of a country, when known.
pub fn country_length(country: &str) -> Option<usize> {
    COUNTRY_LENGTHS
        .iter()
        .find(|(code, _)| *code == country)
        .map(|&(_, len)| len)
}

/// True when `compact` (no spaces, upper case) passes ISO 13616's mod-97 check.
pub fn mod97_ok(compact: &str) -> bool {
    if compact.len() < 5 || !compact.is_ascii() {
        return false;
    }
    let (head, tail) = compact.split_at(4);
    let mut remainder: u32 = 0;
    for c in tail.chars().chain(head.chars()) {
        let Some(value) = c.to_digit(36) else {
            return false;
        };
        remainder = if value < 10 {
            (remainder * 10 + value) % 97
        } else {
            (remainder * 100 + value) % 97
        };
    }
    remainder == 1
}

/// True when `compact` looks like an IBAN: two letters, two digits, then letters/digits.
pub fn looks_like_iban(compact: &str) -> bool {
    let b = compact.as_bytes();
    b.len() >= 15
        && b[..2].iter().all(u8::is_ascii_uppercase)
        && b[2..4].iter().all(u8::is_ascii_digit)
        && b[4..].iter().all(u8::is_ascii_alphanumeric)
}

/// Validates an IBAN in compact form: mod-97, and the country's length when known.
pub fn is_valid(compact: &str) -> bool {
    looks_like_iban(compact)
        && mod97_ok(compact)
        && country_length(&compact[..2]).is_none_or(|len| len == compact.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_mod97_and_length() {
        for ok in [
            "PL61109010140000071219812874",
            "CZ6508000000192000145399",
            "IR820540102680020817909002",
            "GB29NWBK60161331926819",
        ] {
            assert!(is_valid(ok), "{ok}");
        }
        assert!(!is_valid("PL61109010140000071219812875"));
        assert!(!is_valid("PL6110901014000007121981287"));
        assert!(!is_valid("hello"));
    }
}
