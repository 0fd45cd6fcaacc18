//! The master key, the keys derived from it, and keyslots that wrap it under a passphrase.
//!
//! One random master key (MK) protects the vault. Each keyslot seals MK under a
//! key-encryption key (KEK) made from a passphrase by Argon2id and, when a key file is
//! part of the slot, the key file's digest. Working keys come from MK by HKDF-SHA256 with
//! one label per purpose, so a key never serves two purposes.

use chacha20poly1305::KeyInit;
use chacha20poly1305::aead::AeadInOut;
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use hmac::Mac;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::blind::BlindIndexKey;
use super::seal::FieldCipher;
use super::{KdfParams, kdf, random_array};

const KEK_LABEL: &[u8] = b"sealbook v1 keyslot kek";
const KEY_FILE_LABEL: &[u8] = b"sealbook v1 key file";
const SEAL_LABEL: &str = "sealbook v1 seal ";
const BLIND_LABEL: &str = "sealbook v1 blind index ";
const PSEUDONYM_LABEL: &[u8] = b"sealbook v1 pseudonym";
const AUDIT_LABEL: &[u8] = b"sealbook v1 audit chain";
const STATE_LABEL: &[u8] = b"sealbook v1 state digest";
const HEADER_LABEL: &[u8] = b"sealbook v1 header";
const STAFF_WRAP_LABEL: &[u8] = b"sealbook v1 staff key wrap";

/// The vault's 32-byte master key; wiped from memory when dropped.
pub struct MasterKey(Zeroizing<[u8; 32]>);

impl MasterKey {
    /// The key's bytes, for the unlock agent to hold (in memory only).
    pub fn to_bytes(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(*self.0)
    }

    /// A key handed back by the unlock agent.
    pub fn from_bytes(bytes: &[u8; 32]) -> Self {
        Self(Zeroizing::new(*bytes))
    }

    /// A fresh random master key, for a new vault or a rekey.
    pub fn generate() -> Self {
        Self(Zeroizing::new(random_array()))
    }

    /// True when `other` is the same key, compared without an early exit.
    pub fn same_as(&self, other: &MasterKey) -> bool {
        self.0
            .iter()
            .zip(other.0.iter())
            .fold(0u8, |diff, (a, b)| diff | (a ^ b))
            == 0
    }

    fn subkey(&self, label: &[u8]) -> Zeroizing<[u8; 32]> {
        let mut out = Zeroizing::new([0u8; 32]);
        Hkdf::<Sha256>::new(None, self.0.as_slice())
            .expand(label, out.as_mut_slice())
            // 32 bytes is far below HKDF-SHA256's output limit.
            .unwrap_or_else(|_| unreachable!());
        out
    }

    /// The key that MACs the vault header's clear values (key epoch, blind index size,
    /// audit entry count), which must not change without the key.
    pub fn header_key(&self) -> HeaderKey {
        HeaderKey(self.subkey(HEADER_LABEL))
    }

    /// The key that wraps the keys of staff groups and the identity key for the owner
    /// and managers (`vault::staff`).
    pub fn staff_wrap_key(&self) -> super::envelope::SecretKey {
        super::envelope::SecretKey::from_bytes(*self.subkey(STAFF_WRAP_LABEL))
    }

    /// Working keys for one key epoch of a vault.
    pub fn data_keys(&self, epoch: u32) -> DataKeys<'_> {
        DataKeys {
            master: self,
            epoch,
        }
    }
}

/// MACs audit log entries: HMAC-SHA256 over a domain label and length-prefixed parts,
/// so no two different lists of parts give the same input.
pub struct AuditKey(Zeroizing<[u8; 32]>);

impl AuditKey {
    /// A key from raw bytes (tests and benchmarks; vaults derive theirs).
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(Zeroizing::new(bytes))
    }

    fn hmac(&self, parts: &[&[u8]]) -> hmac::Hmac<Sha256> {
        let mut mac = super::hmac_sha256(self.0.as_slice());
        mac.update(b"sealbook v1 audit entry");
        for part in parts {
            mac.update(&(part.len() as u64).to_be_bytes());
            mac.update(part);
        }
        mac
    }

    /// The MAC of `parts`.
    pub fn mac(&self, parts: &[&[u8]]) -> [u8; 32] {
        self.hmac(parts).finalize().into_bytes().into()
    }

    /// Checks in constant time that `stored` is the MAC of `parts`.
    pub fn matches(&self, parts: &[&[u8]], stored: &[u8]) -> bool {
        self.hmac(parts).verify_slice(stored).is_ok()
    }
}

/// MACs the vault header.
pub struct HeaderKey(Zeroizing<[u8; 32]>);

impl HeaderKey {
    /// HMAC-SHA256 of the header's clear values.
    pub fn mac(&self, header: &[u8]) -> [u8; 32] {
        let mut mac = super::hmac_sha256(self.0.as_slice());
        mac.update(header);
        mac.finalize().into_bytes().into()
    }

    /// Checks a header MAC in constant time.
    pub fn matches(&self, header: &[u8], stored: &[u8]) -> bool {
        let mut mac = super::hmac_sha256(self.0.as_slice());
        mac.update(header);
        mac.verify_slice(stored).is_ok()
    }
}

/// Derives the working keys of one purpose each from the master key.
pub struct DataKeys<'a> {
    master: &'a MasterKey,
    epoch: u32,
}

impl DataKeys<'_> {
    /// The cipher that seals one column (one key per column).
    pub fn field_cipher(&self, column: &str) -> FieldCipher {
        let key = self
            .master
            .subkey(format!("{SEAL_LABEL}{column}").as_bytes());
        FieldCipher::new(&key, self.epoch)
    }

    /// The HMAC key of one blind index (one key per index).
    pub fn blind_index_key(&self, index: &str) -> BlindIndexKey {
        let key = self
            .master
            .subkey(format!("{BLIND_LABEL}{index}").as_bytes());
        BlindIndexKey::new(&key)
    }

    /// The key behind stable pseudonyms.
    pub fn pseudonym_key(&self) -> Zeroizing<[u8; 32]> {
        self.master.subkey(PSEUDONYM_LABEL)
    }

    /// The key that chains the audit log.
    pub fn audit_key(&self) -> AuditKey {
        AuditKey(self.master.subkey(AUDIT_LABEL))
    }

    /// The key of the state digests (customers, erasures, keyslots).
    pub fn state_key(&self) -> super::StateKey {
        super::StateKey(self.master.subkey(STATE_LABEL))
    }
}

/// SHA-256 of a key file's bytes, domain-separated; mixed into the KEK of slots that
/// require the file.
pub fn key_file_digest(contents: &[u8]) -> Zeroizing<[u8; 32]> {
    let mut hasher = Sha256::new();
    hasher.update(KEY_FILE_LABEL);
    hasher.update(contents);
    Zeroizing::new(hasher.finalize().into())
}

/// The key-encryption key of a slot: HKDF over the Argon2id output, salted with the key
/// file's digest when the slot requires one (so a passphrase guess cannot be tested
/// without the file).
pub fn key_encryption_key(
    params: &KdfParams,
    passphrase: &[u8],
    salt: &[u8],
    key_file: Option<&[u8; 32]>,
) -> Result<Zeroizing<[u8; 32]>, String> {
    let stretched = kdf::derive(params, passphrase, salt)?;
    let mut kek = Zeroizing::new([0u8; 32]);
    Hkdf::<Sha256>::new(key_file.map(<[u8; 32]>::as_slice), stretched.as_slice())
        .expand(KEK_LABEL, kek.as_mut_slice())
        // 32 bytes is far below HKDF-SHA256's output limit.
        .unwrap_or_else(|_| unreachable!());
    Ok(kek)
}

/// Seals the master key under a KEK: `nonce ‖ ciphertext ‖ tag`. `context` (the slot's
/// parameters and the vault id) is authenticated, so a slot's stored cost cannot be
/// lowered by editing the file.
pub fn wrap_master_key(master: &MasterKey, kek: &[u8; 32], context: &[u8]) -> Vec<u8> {
    let nonce: [u8; 24] = random_array();
    let mut buffer = master.0.to_vec();
    XChaCha20Poly1305::new(kek.into())
        .encrypt_in_place(&XNonce::from(nonce), context, &mut buffer)
        // Sealing 32 bytes cannot exceed XChaCha20-Poly1305's length limit.
        .unwrap_or_else(|_| unreachable!());
    let mut out = nonce.to_vec();
    out.extend_from_slice(&buffer);
    out
}

/// Opens a wrapped master key; `None` when the KEK (passphrase or key file) is wrong or
/// the slot was altered.
pub fn unwrap_master_key(wrapped: &[u8], kek: &[u8; 32], context: &[u8]) -> Option<MasterKey> {
    if wrapped.len() != 24 + 32 + 16 {
        return None;
    }
    let (nonce, sealed) = wrapped.split_at(24);
    let nonce = XNonce::try_from(nonce).ok()?;
    let mut buffer = Zeroizing::new(sealed.to_vec());
    XChaCha20Poly1305::new(kek.into())
        .decrypt_in_place(&nonce, context, &mut *buffer)
        .ok()?;
    let key: [u8; 32] = buffer.as_slice().try_into().ok()?;
    Some(MasterKey(Zeroizing::new(key)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHEAP: KdfParams = KdfParams {
        memory_kib: 1024,
        iterations: 1,
        parallelism: 1,
    };

    #[test]
    fn wrapped_key_opens_only_with_the_same_kek_and_context() -> Result<(), String> {
        let mk = MasterKey::generate();
        let kek = key_encryption_key(&CHEAP, b"right", &[7; 16], None)?;
        let wrapped = wrap_master_key(&mk, &kek, b"slot 1");
        let opened = unwrap_master_key(&wrapped, &kek, b"slot 1").ok_or("did not open")?;
        assert_eq!(*opened.0, *mk.0);

        let wrong = key_encryption_key(&CHEAP, b"wrong", &[7; 16], None)?;
        assert!(unwrap_master_key(&wrapped, &wrong, b"slot 1").is_none());
        assert!(unwrap_master_key(&wrapped, &kek, b"slot 2").is_none());
        assert!(unwrap_master_key(&wrapped[..40], &kek, b"slot 1").is_none());
        Ok(())
    }

    #[test]
    fn key_file_changes_the_kek() -> Result<(), String> {
        let digest = key_file_digest(b"key file bytes");
        let with = key_encryption_key(&CHEAP, b"pw", &[7; 16], Some(&digest))?;
        let without = key_encryption_key(&CHEAP, b"pw", &[7; 16], None)?;
        assert_ne!(*with, *without);
        Ok(())
    }

    #[test]
    fn subkeys_differ_by_purpose() {
        let mk = MasterKey::generate();
        let keys = mk.data_keys(1);
        assert_ne!(
            keys.audit_key().mac(&[]),
            AuditKey(keys.pseudonym_key()).mac(&[])
        );
        assert_ne!(*mk.subkey(b"a"), *mk.subkey(b"b"));
    }
}
