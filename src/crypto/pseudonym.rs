//! Keyed pseudonyms: the same personal value always gives the same token under one key,
//! so joins across exports still work, while nobody without the key can reverse a token
//! or confirm a guess.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::{crockford_base32, random_array};

/// The HMAC key behind a set of pseudonyms.
pub struct PseudonymKey(Hmac<Sha256>);

impl PseudonymKey {
    pub fn new(key: &[u8; 32]) -> Self {
        Self(super::hmac_sha256(key))
    }

    /// A key used once and forgotten: tokens that link to nothing (`--unlinkable`).
    pub fn one_time() -> Self {
        Self::new(&random_array())
    }

    /// The token of `canonical` (an already normalised value) in `field`: `P-` and 16
    /// Crockford base-32 characters (80 bits).
    pub fn token(&self, field: &str, canonical: &str) -> String {
        let mut mac = self.0.clone();
        mac.update(field.as_bytes());
        mac.update(&[0]);
        mac.update(canonical.as_bytes());
        let digest = mac.finalize().into_bytes();
        format!("P-{}", crockford_base32(&digest[..10]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_stable_per_key_and_field() {
        let key = PseudonymKey::new(&[3; 32]);
        let token = key.token("email", "jan@firma.cz");
        assert_eq!(token, key.token("email", "jan@firma.cz"));
        assert_eq!(token.len(), 18);
        assert_ne!(token, key.token("phone", "jan@firma.cz"));
        assert_ne!(
            token,
            PseudonymKey::new(&[4; 32]).token("email", "jan@firma.cz")
        );
        assert_ne!(
            token,
            PseudonymKey::one_time().token("email", "jan@firma.cz")
        );
    }
}
