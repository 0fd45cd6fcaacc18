//! A principal's Ed25519 signatures (`docs/access.md`, sections 2 and 5): audit entries,
//! heads and the roster are signed, so nobody but their author, whatever keys they hold,
//! can write them. A message is a domain label and its parts, each length-prefixed.

use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use zeroize::Zeroizing;

use super::random_array;

/// One principal's signing key, wiped when dropped.
pub struct Signer(SigningKey);

fn message(domain: &str, parts: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::new();
    for part in std::iter::once(domain.as_bytes()).chain(parts.iter().copied()) {
        out.extend_from_slice(&u32::try_from(part.len()).unwrap_or(u32::MAX).to_be_bytes());
        out.extend_from_slice(part);
    }
    out
}

impl Signer {
    pub fn generate() -> Self {
        Self(SigningKey::from_bytes(&random_array()))
    }

    pub fn from_seed(seed: &[u8; 32]) -> Self {
        Self(SigningKey::from_bytes(seed))
    }

    /// The seed, to be wrapped under the principal's own key only.
    pub fn seed(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(self.0.to_bytes())
    }

    pub fn public(&self) -> [u8; 32] {
        self.0.verifying_key().to_bytes()
    }

    pub fn sign(&self, domain: &str, parts: &[&[u8]]) -> [u8; 64] {
        self.0.sign(&message(domain, parts)).to_bytes()
    }
}

/// True when `signature` is `public`'s signature of `parts` under `domain` (strict
/// verification: no malleable or small-order encodings).
pub fn verify(public: &[u8; 32], domain: &str, parts: &[&[u8]], signature: &[u8]) -> bool {
    let Ok(key) = VerifyingKey::from_bytes(public) else {
        return false;
    };
    let Ok(signature) = Signature::from_slice(signature) else {
        return false;
    };
    key.verify_strict(&message(domain, parts), &signature)
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_holds_only_for_its_signer_domain_and_parts() {
        let (anna, eva) = (Signer::generate(), Signer::generate());
        let signature = anna.sign("audit entry", &[b"42", b"edit C-7K3M9Q2X"]);
        assert!(verify(
            &anna.public(),
            "audit entry",
            &[b"42", b"edit C-7K3M9Q2X"],
            &signature
        ));
        assert!(!verify(
            &eva.public(),
            "audit entry",
            &[b"42", b"edit C-7K3M9Q2X"],
            &signature
        ));
        assert!(!verify(
            &anna.public(),
            "head",
            &[b"42", b"edit C-7K3M9Q2X"],
            &signature
        ));
        assert!(!verify(
            &anna.public(),
            "audit entry",
            &[b"43", b"edit C-7K3M9Q2X"],
            &signature
        ));
        // Parts split differently are another message.
        assert!(!verify(
            &anna.public(),
            "audit entry",
            &[b"42edit", b" C-7K3M9Q2X"],
            &signature
        ));
        assert!(!verify(
            &anna.public(),
            "audit entry",
            &[b"42", b"edit C-7K3M9Q2X"],
            &signature[..63]
        ));
    }

    #[test]
    fn a_signer_survives_its_seed_being_stored() {
        let anna = Signer::generate();
        let again = Signer::from_seed(&anna.seed());
        assert_eq!(again.public(), anna.public());
        let signature = again.sign("roster", &[b"v1"]);
        assert!(verify(&anna.public(), "roster", &[b"v1"], &signature));
    }

    #[test]
    fn a_key_of_small_order_verifies_nothing() {
        // The identity point as a public key: strict verification refuses it.
        let mut identity = [0u8; 32];
        identity[0] = 1;
        assert!(!verify(&identity, "audit entry", &[b"x"], &[0u8; 64]));
    }
}
