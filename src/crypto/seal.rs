//! Sealing one field value: XChaCha20-Poly1305 bound to the value's place in the vault.
//!
//! A sealed value is `format ‖ key epoch (u32, big-endian) ‖ 24-byte nonce ‖ ciphertext ‖
//! tag`. The associated data names the vault, table, column, the record's unique id and
//! the record's clear metadata (its public code, retention date and version), so a
//! ciphertext copied to another row or column, an older ciphertext of the same cell, or a
//! row given another code, fails to open instead of showing the wrong data.
//!
//! Format 2 pads the plaintext to a multiple of [`BUCKET`] bytes (`0x80`, then zeros,
//! as ISO/IEC 7816-4), so a stolen file shows each value's length only to the nearest
//! bucket. Format 1 (unpadded, from vaults before schema 3) opens only in a cipher made
//! for the upgrade ([`FieldCipher::accepting_legacy`]): once a vault is upgraded, an
//! older copy of a cell cannot be put back.

use chacha20poly1305::aead::{AeadInOut, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};

use super::random_array;

/// Values are padded to a multiple of this many bytes.
pub const BUCKET: usize = 32;
const FORMAT_PADDED: u8 = 2;
const FORMAT_LEGACY: u8 = 1;
const HEADER_LEN: usize = 1 + 4 + 24;
const TAG_LEN: usize = 16;
const AAD_LABEL: &[u8] = b"sealbook v1 field";

/// Where a sealed value lives; every part is authenticated.
#[derive(Clone, Copy, Debug)]
pub struct SealPlace<'a> {
    pub vault_id: &'a [u8; 16],
    pub table: &'a str,
    pub column: &'a str,
    pub record_id: &'a [u8; 16],
    /// Clear values stored beside the sealed one that must not change independently.
    pub row_context: &'a [u8],
}

/// Room for the associated data on the stack. It is a little over 100 bytes; building
/// it on the heap cost an allocation per value sealed or opened, millions in an export.
const AAD_ON_STACK: usize = 256;

impl SealPlace<'_> {
    /// Calls `f` with the associated data of this place and `header`.
    fn with_associated_data<R>(&self, header: &[u8], f: impl FnOnce(&[u8]) -> R) -> R {
        let context_len = u32::try_from(self.row_context.len())
            .unwrap_or(u32::MAX)
            .to_be_bytes();
        let parts: [&[u8]; 10] = [
            AAD_LABEL,
            self.vault_id,
            self.table.as_bytes(),
            &[0],
            self.column.as_bytes(),
            &[0],
            self.record_id,
            &context_len,
            self.row_context,
            &header[..5],
        ];
        let len = parts.iter().map(|p| p.len()).sum();
        let mut on_stack = [0u8; AAD_ON_STACK];
        let mut on_heap = Vec::new();
        let aad: &mut [u8] = if len <= AAD_ON_STACK {
            &mut on_stack[..len]
        } else {
            on_heap.resize(len, 0);
            &mut on_heap
        };
        let mut at = 0;
        for part in parts {
            aad[at..at + part.len()].copy_from_slice(part);
            at += part.len();
        }
        f(aad)
    }
}

/// Why a sealed value did not open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SealError {
    /// Too short, or an unknown format version.
    Malformed,
    /// Sealed under a key epoch this key does not belong to.
    WrongEpoch { found: u32 },
    /// The tag did not verify: altered, moved, or sealed under another key.
    Inauthentic,
    /// Sealed for the owner and managers: this reader holds no key that opens it
    /// (a staff member reading a national id or account).
    Withheld,
}

/// The cipher of one column under one key epoch.
pub struct FieldCipher {
    cipher: XChaCha20Poly1305,
    epoch: u32,
    /// Unpadded format 1 values open too: only while a vault is being upgraded.
    legacy: bool,
}

/// The size `len` bytes of plaintext take once padded: at least one byte more.
pub fn padded_len(len: usize) -> usize {
    (len / BUCKET + 1) * BUCKET
}

impl FieldCipher {
    pub fn new(key: &[u8; 32], epoch: u32) -> Self {
        Self {
            cipher: XChaCha20Poly1305::new(key.into()),
            epoch,
            legacy: false,
        }
    }

    /// This cipher, opening format 1 values as well (for the upgrade that re-seals them).
    #[must_use]
    pub fn accepting_legacy(mut self) -> Self {
        self.legacy = true;
        self
    }

    /// Seals `plaintext` for `place` under a fresh random nonce.
    pub fn seal(&self, place: &SealPlace<'_>, plaintext: &[u8]) -> Vec<u8> {
        let nonce: [u8; 24] = random_array();
        let padded = padded_len(plaintext.len());
        let mut out = Vec::with_capacity(HEADER_LEN + padded + TAG_LEN);
        out.push(FORMAT_PADDED);
        out.extend_from_slice(&self.epoch.to_be_bytes());
        out.extend_from_slice(&nonce);
        // Encrypted where it lies, so the value is written once and never regrown.
        out.extend_from_slice(plaintext);
        out.push(0x80);
        out.resize(HEADER_LEN + padded, 0);
        let (header, body) = out.split_at_mut(HEADER_LEN);
        let tag = place
            .with_associated_data(header, |aad| {
                self.cipher
                    .encrypt_inout_detached(&XNonce::from(nonce), aad, body.into())
            })
            // Field values are far below XChaCha20-Poly1305's 256 GiB limit.
            .unwrap_or_else(|_| unreachable!());
        out.extend_from_slice(&tag);
        out
    }

    /// Opens a value sealed by [`FieldCipher::seal`] for the same place.
    pub fn open(&self, place: &SealPlace<'_>, sealed: &[u8]) -> Result<Vec<u8>, SealError> {
        let padded = match sealed.first() {
            Some(&FORMAT_PADDED) => true,
            Some(&FORMAT_LEGACY) if self.legacy => false,
            _ => return Err(SealError::Malformed),
        };
        if sealed.len() < HEADER_LEN + TAG_LEN {
            return Err(SealError::Malformed);
        }
        let (header, body) = sealed.split_at(HEADER_LEN);
        let epoch = u32::from_be_bytes([header[1], header[2], header[3], header[4]]);
        if epoch != self.epoch {
            return Err(SealError::WrongEpoch { found: epoch });
        }
        let nonce = XNonce::try_from(&header[5..]).map_err(|_| SealError::Malformed)?;
        let mut buffer = body.to_vec();
        place
            .with_associated_data(header, |aad| {
                self.cipher.decrypt_in_place(&nonce, aad, &mut buffer)
            })
            .map_err(|_| SealError::Inauthentic)?;
        if padded {
            // Authentic, so the padding was written by `seal`; checked all the same.
            let end = buffer
                .iter()
                .rposition(|&b| b != 0)
                .filter(|&i| buffer[i] == 0x80)
                .ok_or(SealError::Malformed)?;
            buffer.truncate(end);
        }
        Ok(buffer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place<'a>(column: &'a str, record_id: &'a [u8; 16]) -> SealPlace<'a> {
        SealPlace {
            vault_id: &[9; 16],
            table: "customers",
            column,
            record_id,
            row_context: b"C-7K3M9Q2X",
        }
    }

    #[test]
    fn opens_only_in_its_own_place() {
        let cipher = FieldCipher::new(&[1; 32], 1);
        let sealed = cipher.seal(&place("email", &[1; 16]), b"jan@firma.cz");
        assert_eq!(
            cipher.open(&place("email", &[1; 16]), &sealed),
            Ok(b"jan@firma.cz".to_vec())
        );
        let other_row = cipher.open(&place("email", &[2; 16]), &sealed);
        assert_eq!(other_row, Err(SealError::Inauthentic));
        let other_column = cipher.open(&place("phone", &[1; 16]), &sealed);
        assert_eq!(other_column, Err(SealError::Inauthentic));
    }

    #[test]
    fn other_row_context_is_detected() {
        let cipher = FieldCipher::new(&[1; 32], 1);
        let sealed = cipher.seal(&place("name", &[1; 16]), b"Jan");
        let recoded = SealPlace {
            row_context: b"C-00000000",
            ..place("name", &[1; 16])
        };
        assert_eq!(cipher.open(&recoded, &sealed), Err(SealError::Inauthentic));
    }

    #[test]
    fn every_flipped_byte_is_detected() {
        let cipher = FieldCipher::new(&[1; 32], 1);
        let sealed = cipher.seal(&place("name", &[1; 16]), b"Jan Novak");
        for i in 0..sealed.len() {
            let mut bad = sealed.clone();
            bad[i] ^= 0x01;
            assert!(
                cipher.open(&place("name", &[1; 16]), &bad).is_err(),
                "byte {i}"
            );
        }
        assert_eq!(
            cipher.open(&place("name", &[1; 16]), &sealed[..20]),
            Err(SealError::Malformed)
        );
    }

    #[test]
    fn lengths_show_only_their_bucket() {
        let cipher = FieldCipher::new(&[1; 32], 1);
        let p = place("name", &[1; 16]);
        let size = |len: usize| cipher.seal(&p, &vec![b'a'; len]).len();
        assert_eq!(size(0), size(31));
        assert_eq!(size(1), size(20));
        assert!(size(32) > size(31));
        for len in [0, 1, 31, 32, 33, 100] {
            let value = vec![b'x'; len];
            assert_eq!(cipher.open(&p, &cipher.seal(&p, &value)), Ok(value));
        }
    }

    #[test]
    fn unpadded_values_open_only_during_an_upgrade() -> Result<(), Box<dyn std::error::Error>> {
        let cipher = FieldCipher::new(&[1; 32], 1);
        let p = place("name", &[1; 16]);
        // A format 1 value, as schema 2 vaults hold: no padding.
        let nonce = [7u8; 24];
        let mut legacy = vec![FORMAT_LEGACY, 0, 0, 0, 1];
        legacy.extend_from_slice(&nonce);
        legacy.extend_from_slice(b"Jan");
        let (header, body) = legacy.split_at_mut(HEADER_LEN);
        let tag = p
            .with_associated_data(header, |aad| {
                cipher
                    .cipher
                    .encrypt_inout_detached(&XNonce::from(nonce), aad, body.into())
            })
            .map_err(|_| "sealing failed")?;
        legacy.extend_from_slice(&tag);
        assert_eq!(cipher.open(&p, &legacy), Err(SealError::Malformed));
        let upgrading = FieldCipher::new(&[1; 32], 1).accepting_legacy();
        assert_eq!(upgrading.open(&p, &legacy), Ok(b"Jan".to_vec()));
        Ok(())
    }

    #[test]
    fn same_value_seals_differently_each_time() {
        let cipher = FieldCipher::new(&[1; 32], 1);
        let p = place("name", &[1; 16]);
        assert_ne!(cipher.seal(&p, b"x"), cipher.seal(&p, b"x"));
    }

    #[test]
    fn other_epoch_is_reported() {
        let old = FieldCipher::new(&[1; 32], 1);
        let new = FieldCipher::new(&[1; 32], 2);
        let sealed = old.seal(&place("name", &[1; 16]), b"x");
        assert_eq!(
            new.open(&place("name", &[1; 16]), &sealed),
            Err(SealError::WrongEpoch { found: 1 })
        );
    }
}
