//! Keys wrapped for the principals of a shared vault (`docs/access.md`, section 2): a
//! 32-byte key sealed under another key, or to a principal's X25519 public key, and
//! always bound to what it is (the vault, the kind of key, which one, the key epoch), so
//! a wrap copied to another customer, group or vault does not open.
//!
//! A wrap under a key is `nonce ‖ ciphertext ‖ tag` (XChaCha20-Poly1305). A wrap to a
//! public key is `ephemeral public key ‖ nonce ‖ ciphertext ‖ tag`, sealed under
//! HKDF-SHA256 of the X25519 shared secret with both public keys in its input; a shared
//! secret of all zeros (a low-order point put in the file) is refused.

use chacha20poly1305::aead::{AeadInOut, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use sha2::Sha256;
use zeroize::Zeroizing;

use super::random_array;

const WRAP_LABEL: &[u8] = b"sealbook v1 key wrap";
const TO_PUBLIC_LABEL: &[u8] = b"sealbook v1 key wrap to public key";
const NONCE_LEN: usize = 24;
const KEY_LEN: usize = 32;
const TAG_LEN: usize = 16;

/// A 32-byte secret key (a business, group or customer key), wiped when dropped.
pub struct SecretKey(Zeroizing<[u8; KEY_LEN]>);

impl SecretKey {
    pub fn generate() -> Self {
        Self(Zeroizing::new(random_array()))
    }

    pub fn from_bytes(bytes: [u8; KEY_LEN]) -> Self {
        Self(Zeroizing::new(bytes))
    }

    pub fn as_bytes(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    /// A subkey for one purpose (`label`), so one key never serves two.
    #[must_use]
    pub fn derive(&self, label: &[u8]) -> SecretKey {
        let mut out = Zeroizing::new([0u8; KEY_LEN]);
        Hkdf::<Sha256>::new(None, self.0.as_slice())
            .expand(label, out.as_mut_slice())
            // 32 bytes is far below HKDF-SHA256's output limit.
            .unwrap_or_else(|_| unreachable!());
        SecretKey(out)
    }
}

/// What a wrapped key is: every part is authenticated with the wrap.
#[derive(Clone, Copy, Debug)]
pub struct WrapLabel<'a> {
    pub vault_id: &'a [u8; 16],
    /// The kind of key wrapped (`"business"`, `"group"`, `"customer"`...).
    pub kind: &'a str,
    /// Which key of that kind (a group id, a customer's record id).
    pub id: &'a [u8],
    pub epoch: u32,
}

impl WrapLabel<'_> {
    /// The associated data: a domain label, then each part length-prefixed so no two
    /// labels share an encoding.
    fn associated_data(&self, domain: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(domain.len() + 64 + self.kind.len() + self.id.len());
        for part in [
            domain,
            self.vault_id.as_slice(),
            self.kind.as_bytes(),
            self.id,
            &self.epoch.to_be_bytes(),
        ] {
            out.extend_from_slice(&u32::try_from(part.len()).unwrap_or(u32::MAX).to_be_bytes());
            out.extend_from_slice(part);
        }
        out
    }
}

fn seal(key: &[u8; KEY_LEN], plaintext: &[u8; KEY_LEN], associated_data: &[u8]) -> Vec<u8> {
    let nonce: [u8; NONCE_LEN] = random_array();
    let mut buffer = plaintext.to_vec();
    XChaCha20Poly1305::new(key.into())
        .encrypt_in_place(&XNonce::from(nonce), associated_data, &mut buffer)
        // Sealing 32 bytes cannot exceed XChaCha20-Poly1305's length limit.
        .unwrap_or_else(|_| unreachable!());
    let mut out = nonce.to_vec();
    out.extend_from_slice(&buffer);
    out
}

fn open(key: &[u8; KEY_LEN], sealed: &[u8], associated_data: &[u8]) -> Option<SecretKey> {
    if sealed.len() != NONCE_LEN + KEY_LEN + TAG_LEN {
        return None;
    }
    let (nonce, ciphertext) = sealed.split_at(NONCE_LEN);
    let nonce = XNonce::try_from(nonce).ok()?;
    let mut buffer = Zeroizing::new(ciphertext.to_vec());
    XChaCha20Poly1305::new(key.into())
        .decrypt_in_place(&nonce, associated_data, &mut *buffer)
        .ok()?;
    Some(SecretKey::from_bytes(buffer.as_slice().try_into().ok()?))
}

/// Seals `key` under `under`.
pub fn wrap(under: &SecretKey, key: &SecretKey, label: &WrapLabel<'_>) -> Vec<u8> {
    seal(
        under.as_bytes(),
        key.as_bytes(),
        &label.associated_data(WRAP_LABEL),
    )
}

/// Opens a wrap made by [`wrap`]; `None` for the wrong key, another label, or any change.
pub fn unwrap(under: &SecretKey, wrapped: &[u8], label: &WrapLabel<'_>) -> Option<SecretKey> {
    open(
        under.as_bytes(),
        wrapped,
        &label.associated_data(WRAP_LABEL),
    )
}

/// A principal's X25519 key pair, through which keys reach them without their
/// passphrase (rotation, enrolment).
pub struct AgreementKey(x25519_dalek::StaticSecret);

impl AgreementKey {
    pub fn generate() -> Self {
        Self(x25519_dalek::StaticSecret::from(random_array::<KEY_LEN>()))
    }

    pub fn from_bytes(bytes: [u8; KEY_LEN]) -> Self {
        Self(x25519_dalek::StaticSecret::from(bytes))
    }

    /// The private half, to be wrapped under the principal's own key only.
    pub fn to_bytes(&self) -> Zeroizing<[u8; KEY_LEN]> {
        Zeroizing::new(self.0.to_bytes())
    }

    pub fn public(&self) -> [u8; KEY_LEN] {
        x25519_dalek::PublicKey::from(&self.0).to_bytes()
    }

    /// The shared secret with `their_public`; `None` when it is all zeros (a low-order
    /// point, which would make the derived key public).
    pub(super) fn shared(&self, their_public: &[u8; KEY_LEN]) -> Option<Zeroizing<[u8; KEY_LEN]>> {
        let shared = self
            .0
            .diffie_hellman(&x25519_dalek::PublicKey::from(*their_public));
        shared
            .was_contributory()
            .then(|| Zeroizing::new(shared.to_bytes()))
    }
}

/// The key sealing a wrap to `recipient` made with ephemeral key `ephemeral`.
fn key_to_public(
    shared: &[u8; KEY_LEN],
    ephemeral: &[u8; KEY_LEN],
    recipient: &[u8; KEY_LEN],
) -> Zeroizing<[u8; KEY_LEN]> {
    let mut info = TO_PUBLIC_LABEL.to_vec();
    info.extend_from_slice(ephemeral);
    info.extend_from_slice(recipient);
    let mut out = Zeroizing::new([0u8; KEY_LEN]);
    Hkdf::<Sha256>::new(None, shared)
        .expand(&info, out.as_mut_slice())
        .unwrap_or_else(|_| unreachable!());
    out
}

/// Seals `key` to the holder of `recipient`'s private half. `None` when `recipient` is
/// a low-order point (no key could be agreed with it).
pub fn wrap_to(
    recipient: &[u8; KEY_LEN],
    key: &SecretKey,
    label: &WrapLabel<'_>,
) -> Option<Vec<u8>> {
    let ephemeral = AgreementKey::generate();
    let shared = ephemeral.shared(recipient)?;
    let ephemeral_public = ephemeral.public();
    let sealing = key_to_public(&shared, &ephemeral_public, recipient);
    let mut out = ephemeral_public.to_vec();
    out.extend(seal(
        &sealing,
        key.as_bytes(),
        &label.associated_data(TO_PUBLIC_LABEL),
    ));
    Some(out)
}

/// Opens a wrap made by [`wrap_to`] with the recipient's key pair.
pub fn unwrap_with(
    recipient: &AgreementKey,
    wrapped: &[u8],
    label: &WrapLabel<'_>,
) -> Option<SecretKey> {
    let ephemeral_public: [u8; KEY_LEN] = wrapped.get(..KEY_LEN)?.try_into().ok()?;
    let shared = recipient.shared(&ephemeral_public)?;
    let sealing = key_to_public(&shared, &ephemeral_public, &recipient.public());
    open(
        &sealing,
        &wrapped[KEY_LEN..],
        &label.associated_data(TO_PUBLIC_LABEL),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const VAULT: [u8; 16] = [7; 16];

    fn label<'a>(kind: &'a str, id: &'a [u8]) -> WrapLabel<'a> {
        WrapLabel {
            vault_id: &VAULT,
            kind,
            id,
            epoch: 1,
        }
    }

    #[test]
    fn a_wrap_opens_only_under_its_key_and_its_label() {
        let (group, customer) = (SecretKey::generate(), SecretKey::generate());
        let wrapped = wrap(&group, &customer, &label("customer", b"record 1"));
        let opened = unwrap(&group, &wrapped, &label("customer", b"record 1"));
        assert_eq!(opened.map(|k| *k.as_bytes()), Some(*customer.as_bytes()));
        // Copied onto another customer, another kind, another epoch or vault: refused.
        assert!(unwrap(&group, &wrapped, &label("customer", b"record 2")).is_none());
        assert!(unwrap(&group, &wrapped, &label("group", b"record 1")).is_none());
        let later = WrapLabel {
            epoch: 2,
            ..label("customer", b"record 1")
        };
        assert!(unwrap(&group, &wrapped, &later).is_none());
        let other_vault = WrapLabel {
            vault_id: &[8; 16],
            ..label("customer", b"record 1")
        };
        assert!(unwrap(&group, &wrapped, &other_vault).is_none());
        assert!(
            unwrap(
                &SecretKey::generate(),
                &wrapped,
                &label("customer", b"record 1")
            )
            .is_none()
        );
        let mut flipped = wrapped.clone();
        flipped[30] ^= 1;
        assert!(unwrap(&group, &flipped, &label("customer", b"record 1")).is_none());
        assert!(unwrap(&group, &wrapped[..40], &label("customer", b"record 1")).is_none());
    }

    #[test]
    fn labels_with_the_same_bytes_split_differently_differ() {
        let a = label("ab", b"c").associated_data(WRAP_LABEL);
        let b = label("a", b"bc").associated_data(WRAP_LABEL);
        assert_ne!(a, b);
    }

    #[test]
    fn a_wrap_to_a_public_key_opens_only_with_its_private_half()
    -> Result<(), Box<dyn std::error::Error>> {
        let (staff, other) = (AgreementKey::generate(), AgreementKey::generate());
        let group = SecretKey::generate();
        let wrapped = wrap_to(&staff.public(), &group, &label("group", b"3")).ok_or("no wrap")?;
        let opened = unwrap_with(&staff, &wrapped, &label("group", b"3"));
        assert_eq!(opened.map(|k| *k.as_bytes()), Some(*group.as_bytes()));
        assert!(unwrap_with(&other, &wrapped, &label("group", b"3")).is_none());
        assert!(unwrap_with(&staff, &wrapped, &label("group", b"4")).is_none());
        // A private half survives being stored and read back.
        let restored = AgreementKey::from_bytes(*staff.to_bytes());
        assert!(unwrap_with(&restored, &wrapped, &label("group", b"3")).is_some());
        Ok(())
    }

    #[test]
    fn low_order_points_are_refused() {
        // The identity point: every shared secret with it is zero.
        let zero = [0u8; 32];
        assert!(wrap_to(&zero, &SecretKey::generate(), &label("group", b"1")).is_none());
        let staff = AgreementKey::generate();
        let mut planted = zero.to_vec();
        planted.extend_from_slice(&[0u8; NONCE_LEN + KEY_LEN + TAG_LEN]);
        assert!(unwrap_with(&staff, &planted, &label("group", b"1")).is_none());
    }

    #[test]
    fn subkeys_differ_by_purpose() {
        let key = SecretKey::generate();
        assert_ne!(
            key.derive(b"contact").as_bytes(),
            key.derive(b"notes").as_bytes()
        );
        assert_eq!(
            key.derive(b"contact").as_bytes(),
            key.derive(b"contact").as_bytes()
        );
    }
}
