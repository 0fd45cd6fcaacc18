//! Blind indexes: a keyed, truncated hash of a normalised value, for exact search
//! without decryption.
//!
//! Truncation is deliberate (CipherSweet's rule): many customers share each index value,
//! so the index alone cannot confirm a guess, and every hit is decrypted and compared.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The HMAC-SHA256 key of one blind index.
#[derive(Clone)]
pub struct BlindIndexKey(Hmac<Sha256>);

impl BlindIndexKey {
    pub fn new(key: &[u8; 32]) -> Self {
        Self(super::hmac_sha256(key))
    }

    /// The blind index of an already normalised value, truncated to `bits` (1 to 63).
    pub fn index(&self, normalised: &str, bits: u32) -> i64 {
        let mut mac = self.0.clone();
        mac.update(normalised.as_bytes());
        let digest = mac.finalize().into_bytes();
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        // At most 63 bits are kept, so the value always fits in an i64.
        let value = u64::from_be_bytes(first) >> (64 - bits.clamp(1, 63));
        i64::try_from(value).unwrap_or(i64::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_is_keyed_deterministic_and_truncated() {
        let a = BlindIndexKey::new(&[1; 32]);
        let b = BlindIndexKey::new(&[2; 32]);
        assert_eq!(a.index("jan@firma.cz", 16), a.index("jan@firma.cz", 16));
        let values: Vec<i64> = (0..200).map(|i| a.index(&format!("v{i}"), 16)).collect();
        assert!(values.iter().all(|v| (0..65536).contains(v)));
        let other: Vec<i64> = (0..200).map(|i| b.index(&format!("v{i}"), 16)).collect();
        assert_ne!(values, other);
    }
}
