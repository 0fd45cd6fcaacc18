//! Public customer codes: `C-` and eight Crockford base-32 characters (40 random bits).

use crate::crypto::{CROCKFORD as ALPHABET, crockford_base32, random_array};

const PREFIX: &str = "C-";
const LENGTH: usize = 8;

/// A regular expression that matches a code as sealbook writes it.
pub fn pattern() -> String {
    let alphabet: String = ALPHABET.iter().map(|&c| char::from(c)).collect();
    format!("{}[{alphabet}]{{{LENGTH}}}", regex::escape(PREFIX))
}

/// A fresh random code. Uniqueness is enforced by the database, which retries on clash.
pub fn generate() -> String {
    let bytes: [u8; 5] = random_array();
    format!("{PREFIX}{}", crockford_base32(&bytes))
}

/// Reads a code as people type it: any case, with or without `C-`, and Crockford's
/// look-alikes (O for 0, I and L for 1). `None` when it cannot be a code.
pub fn parse(text: &str) -> Option<String> {
    let upper = text.trim().to_ascii_uppercase();
    let body = upper.strip_prefix(PREFIX).unwrap_or(&upper);
    if body.len() != LENGTH {
        return None;
    }
    let mut canonical = String::from(PREFIX);
    for c in body.chars() {
        let c = match c {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        };
        if !c.is_ascii() || !ALPHABET.contains(&(c as u8)) {
            return None;
        }
        canonical.push(c);
    }
    Some(canonical)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_codes_parse_back_unchanged() {
        for _ in 0..100 {
            let code = generate();
            assert_eq!(code.len(), 10);
            assert_eq!(parse(&code).as_deref(), Some(code.as_str()));
        }
    }

    #[test]
    fn parse_accepts_what_people_type() {
        assert_eq!(parse("c-7k3m9q2x").as_deref(), Some("C-7K3M9Q2X"));
        assert_eq!(parse("7K3M9Q2X").as_deref(), Some("C-7K3M9Q2X"));
        assert_eq!(parse("C-OIL00000").as_deref(), Some("C-01100000"));
        assert_eq!(parse("C-7K3M9Q2U"), None);
        assert_eq!(parse("C-123"), None);
        assert_eq!(parse("novák"), None);
    }

    #[test]
    fn the_pattern_matches_generated_codes_only() -> Result<(), Box<dyn std::error::Error>> {
        let pattern = regex::Regex::new(&format!("^{}$", pattern()))?;
        assert!(pattern.is_match(&generate()));
        assert!(!pattern.is_match("C-7K3M9Q2U"));
        assert!(!pattern.is_match("C-7K3M9Q2"));
        Ok(())
    }
}
