//! Sealing national ids and accounts so that staff can write them and never read them
//! (`docs/access.md`, section 3): a writer makes one ephemeral X25519 key per session (one
//! command run) and agrees a secret with the business's identity key; each value is
//! sealed under a key derived from that secret and the value's place. The owner and
//! managers agree the same secret from the identity key's private half and the stored
//! ephemeral public key; a writer can read back only what its own session sealed.
//!
//! A sealed value is `nonce ‖ ciphertext ‖ tag` (XChaCha20-Poly1305, a random nonce per
//! value). The value key is HKDF-SHA256 of the shared secret, salted with the session id,
//! with both public keys and the place in its input; the place is also the associated
//! data.

use chacha20poly1305::aead::{AeadInOut, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use sha2::Sha256;
use zeroize::Zeroizing;

use super::envelope::AgreementKey;
use super::random_array;

const LABEL: &[u8] = b"sealbook v1 identity session";
const NONCE_LEN: usize = 24;

/// Where a sealed identity or finance value lives; every part is authenticated.
#[derive(Clone, Copy, Debug)]
pub struct SessionPlace<'a> {
    pub vault_id: &'a [u8; 16],
    pub record_id: &'a [u8; 16],
    /// The field class (`identity`, `finance`).
    pub class: &'a str,
    /// The class's own version: a staff edit of contact fields leaves it alone.
    pub class_version: i64,
}

impl SessionPlace<'_> {
    fn encode(&self, session_id: i64) -> Vec<u8> {
        let mut out = Vec::with_capacity(96);
        for part in [
            LABEL,
            self.vault_id.as_slice(),
            self.record_id.as_slice(),
            self.class.as_bytes(),
            &self.class_version.to_be_bytes(),
            &session_id.to_be_bytes(),
        ] {
            out.extend_from_slice(&u32::try_from(part.len()).unwrap_or(u32::MAX).to_be_bytes());
            out.extend_from_slice(part);
        }
        out
    }
}

/// One session's agreed secret, from either side.
pub struct Session {
    id: i64,
    ephemeral_public: [u8; 32],
    identity_public: [u8; 32],
    shared: Zeroizing<[u8; 32]>,
}

impl Session {
    /// A writer's new session `id`, sealing to the identity key `identity_public` (taken
    /// from the writer's own authenticated key wrap, never from the file). `None` when
    /// that key is a low-order point.
    pub fn begin(id: i64, identity_public: &[u8; 32]) -> Option<Self> {
        let ephemeral = AgreementKey::generate();
        let shared = ephemeral.shared(identity_public)?;
        // The ephemeral private half goes out of scope here and is never stored.
        Some(Self {
            id,
            ephemeral_public: ephemeral.public(),
            identity_public: *identity_public,
            shared,
        })
    }

    /// The session `id` that stored `ephemeral_public`, as the identity key's holder
    /// sees it. `None` for a low-order point planted in the file.
    pub fn resume(id: i64, ephemeral_public: &[u8; 32], identity: &AgreementKey) -> Option<Self> {
        Some(Self {
            id,
            ephemeral_public: *ephemeral_public,
            identity_public: identity.public(),
            shared: identity.shared(ephemeral_public)?,
        })
    }

    pub fn id(&self) -> i64 {
        self.id
    }

    /// What the session stores once, for the identity key's holder.
    pub fn ephemeral_public(&self) -> [u8; 32] {
        self.ephemeral_public
    }

    fn value_key(&self, encoded_place: &[u8]) -> Zeroizing<[u8; 32]> {
        let mut info = Vec::with_capacity(encoded_place.len() + 64);
        info.extend_from_slice(&self.ephemeral_public);
        info.extend_from_slice(&self.identity_public);
        info.extend_from_slice(encoded_place);
        let mut key = Zeroizing::new([0u8; 32]);
        Hkdf::<Sha256>::new(Some(&self.id.to_be_bytes()), self.shared.as_slice())
            .expand(&info, key.as_mut_slice())
            // 32 bytes is far below HKDF-SHA256's output limit.
            .unwrap_or_else(|_| unreachable!());
        key
    }

    pub fn seal(&self, place: &SessionPlace<'_>, plaintext: &[u8]) -> Vec<u8> {
        let encoded = place.encode(self.id);
        let key = self.value_key(&encoded);
        let nonce: [u8; NONCE_LEN] = random_array();
        let mut buffer = plaintext.to_vec();
        XChaCha20Poly1305::new((&*key).into())
            .encrypt_in_place(&XNonce::from(nonce), &encoded, &mut buffer)
            // Field values are far below XChaCha20-Poly1305's length limit.
            .unwrap_or_else(|_| unreachable!());
        let mut out = nonce.to_vec();
        out.extend_from_slice(&buffer);
        out
    }

    /// Opens a value sealed in this session at `place`; `None` if it was sealed
    /// elsewhere, in another session, or changed.
    pub fn open(&self, place: &SessionPlace<'_>, sealed: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
        if sealed.len() < NONCE_LEN + 16 {
            return None;
        }
        let encoded = place.encode(self.id);
        let key = self.value_key(&encoded);
        let (nonce, ciphertext) = sealed.split_at(NONCE_LEN);
        let mut buffer = Zeroizing::new(ciphertext.to_vec());
        XChaCha20Poly1305::new((&*key).into())
            .decrypt_in_place(&XNonce::try_from(nonce).ok()?, &encoded, &mut *buffer)
            .ok()?;
        Some(buffer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VAULT: [u8; 16] = [1; 16];
    const RECORD: [u8; 16] = [2; 16];

    fn place(class: &str, version: i64) -> SessionPlace<'_> {
        SessionPlace {
            vault_id: &VAULT,
            record_id: &RECORD,
            class,
            class_version: version,
        }
    }

    #[test]
    fn the_identity_key_opens_what_a_writer_sealed() -> Result<(), Box<dyn std::error::Error>> {
        let identity = AgreementKey::generate();
        let writer = Session::begin(5, &identity.public()).ok_or("no session")?;
        let sealed = writer.seal(&place("identity", 1), b"850715/1234");
        let owner =
            Session::resume(5, &writer.ephemeral_public(), &identity).ok_or("no session")?;
        assert_eq!(
            owner
                .open(&place("identity", 1), &sealed)
                .as_deref()
                .map(Vec::as_slice),
            Some(b"850715/1234".as_slice())
        );
        // The writer reads back its own session's values, and no other session's.
        assert!(writer.open(&place("identity", 1), &sealed).is_some());
        let later = Session::begin(6, &identity.public()).ok_or("no session")?;
        assert!(later.open(&place("identity", 1), &sealed).is_none());
        Ok(())
    }

    #[test]
    fn a_value_moved_to_another_place_or_session_does_not_open()
    -> Result<(), Box<dyn std::error::Error>> {
        let identity = AgreementKey::generate();
        let writer = Session::begin(5, &identity.public()).ok_or("no session")?;
        let sealed = writer.seal(&place("identity", 1), b"850715/1234");
        let owner =
            Session::resume(5, &writer.ephemeral_public(), &identity).ok_or("no session")?;
        assert!(owner.open(&place("finance", 1), &sealed).is_none());
        assert!(owner.open(&place("identity", 2), &sealed).is_none());
        // The same stored ephemeral key read under another session id.
        let renumbered =
            Session::resume(6, &writer.ephemeral_public(), &identity).ok_or("no session")?;
        assert!(renumbered.open(&place("identity", 1), &sealed).is_none());
        let mut flipped = sealed.clone();
        flipped[30] ^= 1;
        assert!(owner.open(&place("identity", 1), &flipped).is_none());
        Ok(())
    }

    #[test]
    fn a_swapped_identity_key_yields_nothing_the_owner_reads()
    -> Result<(), Box<dyn std::error::Error>> {
        // A writer misled into sealing to an attacker's key: the owner cannot open it
        // (and the writer takes the key from its own wrap, so this needs its slot).
        let (identity, attacker) = (AgreementKey::generate(), AgreementKey::generate());
        let writer = Session::begin(5, &attacker.public()).ok_or("no session")?;
        let sealed = writer.seal(&place("identity", 1), b"secret");
        let owner =
            Session::resume(5, &writer.ephemeral_public(), &identity).ok_or("no session")?;
        assert!(owner.open(&place("identity", 1), &sealed).is_none());
        Ok(())
    }

    #[test]
    fn low_order_points_are_refused_on_both_sides() {
        assert!(Session::begin(1, &[0; 32]).is_none());
        assert!(Session::resume(1, &[0; 32], &AgreementKey::generate()).is_none());
    }

    #[test]
    fn each_value_gets_its_own_nonce() -> Result<(), Box<dyn std::error::Error>> {
        let writer = Session::begin(1, &AgreementKey::generate().public()).ok_or("no session")?;
        let a = writer.seal(&place("identity", 1), b"same");
        let b = writer.seal(&place("identity", 1), b"same");
        assert_ne!(a, b);
        Ok(())
    }
}
