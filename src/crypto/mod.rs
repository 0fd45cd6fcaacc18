//! Every cryptographic primitive sealbook uses, and nothing else: key derivation, field
//! sealing, blind indexes and random bytes. No SQL and no file access happen here, so an
//! auditor reads this one folder to review how customer data is protected.

pub mod blind;
pub mod kdf;
pub mod keys;
pub mod seal;

pub use blind::BlindIndexKey;
pub use kdf::KdfParams;
pub use keys::{DataKeys, MasterKey};
pub use seal::{FieldCipher, SealError, SealPlace};

/// Fills `buf` with bytes from the operating system's CSPRNG.
///
/// # Panics
/// When the operating system has no usable randomness source; sealbook cannot run
/// safely without one, so continuing would be worse than stopping.
pub fn random_bytes(buf: &mut [u8]) {
    getrandom::fill(buf).expect("the operating system's random number generator failed");
}

/// Returns `N` random bytes from the operating system's CSPRNG.
pub fn random_array<const N: usize>() -> [u8; N] {
    let mut out = [0u8; N];
    random_bytes(&mut out);
    out
}
