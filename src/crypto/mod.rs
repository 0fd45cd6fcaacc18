//! Every cryptographic primitive sealbook uses, and nothing else: key derivation, field
//! sealing, blind indexes and random bytes. No SQL and no file access happen here, so an
//! auditor reads this one folder to review how customer data is protected.

pub mod blind;
pub mod envelope;
pub mod kdf;
pub mod master_key;
pub mod pseudonym;
pub mod recovery;
pub mod seal;
pub mod session;
pub mod signing;
pub mod state;

pub use blind::BlindIndexKey;
pub use kdf::KdfParams;
pub use master_key::{AuditKey, DataKeys, HeaderKey, MasterKey};
pub use seal::{FieldCipher, SealError, SealPlace};
pub use state::{Element, SetDigest, StateKey};

/// An HMAC-SHA256 instance keyed with `key`.
pub(crate) fn hmac_sha256(key: &[u8]) -> hmac::Hmac<sha2::Sha256> {
    use hmac::KeyInit;
    // HMAC accepts keys of any length, so this cannot fail.
    <hmac::Hmac<sha2::Sha256> as KeyInit>::new_from_slice(key).unwrap_or_else(|_| unreachable!())
}

/// Fills `buf` from the operating system, or stops the program: without randomness no
/// key or nonce would be safe, so continuing would be worse than stopping.
fn os_random(buf: &mut [u8]) {
    if let Err(e) = getrandom::fill(buf) {
        panic!("the operating system's random number generator failed: {e}");
    }
}

/// Bytes fetched from the operating system per refill of a thread's random pool.
const POOL: usize = 4096;

thread_local! {
    /// Unused bytes from the operating system's CSPRNG, handed out front to back and
    /// wiped as they go: one system call serves a few hundred nonces instead of one.
    static RANDOM_POOL: std::cell::RefCell<(zeroize::Zeroizing<Vec<u8>>, usize)> =
        std::cell::RefCell::new((zeroize::Zeroizing::new(vec![0; POOL]), POOL));
}

/// Fills `buf` with bytes from the operating system's CSPRNG.
///
/// # Panics
/// When the operating system has no usable randomness source; sealbook cannot run
/// safely without one, so continuing would be worse than stopping.
pub fn random_bytes(buf: &mut [u8]) {
    if buf.len() > POOL / 4 {
        os_random(buf);
        return;
    }
    RANDOM_POOL.with(|pool| {
        let (bytes, used) = &mut *pool.borrow_mut();
        if POOL - *used < buf.len() {
            os_random(bytes);
            *used = 0;
        }
        let taken = &mut bytes[*used..*used + buf.len()];
        buf.copy_from_slice(taken);
        taken.fill(0); // a byte is never handed out twice
        *used += buf.len();
    });
}

/// SHA-256 of a domain label and `parts`, each length-prefixed (a missing part, `None`,
/// has a length no part can have), so no two different lists give the same input. For
/// public digests that a key then covers (the roster in the header, a row's identity
/// seals in its other seals); never for secrets.
pub fn digest<'a>(domain: &[u8], parts: impl IntoIterator<Item = Option<&'a [u8]>>) -> [u8; 32] {
    use sha2::Digest;
    let mut hash = sha2::Sha256::new();
    hash.update(domain);
    for part in parts {
        match part {
            Some(bytes) => {
                hash.update((bytes.len() as u64).to_be_bytes());
                hash.update(bytes);
            }
            None => hash.update(u64::MAX.to_be_bytes()),
        }
    }
    hash.finalize().into()
}

/// Returns `N` random bytes from the operating system's CSPRNG.
pub fn random_array<const N: usize>() -> [u8; N] {
    let mut out = [0u8; N];
    random_bytes(&mut out);
    out
}

/// Crockford's base-32 alphabet: no I, L, O or U, so codes survive being read aloud.
pub const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Encodes `bytes` in Crockford base 32, five bits a character, most significant first.
pub fn crockford_base32(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 8 / 5 + 1);
    let (mut buffer, mut bits) = (0u32, 0);
    for &byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(CROCKFORD[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(
            CROCKFORD[((buffer << (5 - bits)) & 31) as usize],
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_bytes_never_repeat_across_pool_refills() {
        let mut seen = std::collections::HashSet::new();
        for _ in 0..1000 {
            assert!(seen.insert(random_array::<24>()), "a nonce repeated");
        }
        assert!(random_array::<16>() != [0; 16]);
    }

    #[test]
    fn crockford_encodes_five_bits_a_character() {
        assert_eq!(crockford_base32(&[0; 5]), "00000000");
        assert_eq!(crockford_base32(&[0xFF; 5]), "ZZZZZZZZ");
        assert_eq!(crockford_base32(&[0x08]), "10");
    }
}
