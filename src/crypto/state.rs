//! The keyed digest of a vault's state: a set hash that changes in constant time per
//! change. Each element (a customer's clear metadata and version, an erasure, a keyslot)
//! is HMAC-SHA256'd under the state key, and a set's digest is the XOR of its elements'
//! MACs: adding or removing an element XORs its MAC in or out, so a million-customer
//! vault pays one HMAC per write, and a check recomputes the whole set once.
//!
//! XOR of keyed MACs is a sound set hash against someone without the key: every element
//! MAC is a pseudorandom 256-bit value they cannot compute, so no change they make to the
//! set can be balanced by another.

use zeroize::Zeroizing;

/// The key of the state digests.
pub struct StateKey(pub(super) Zeroizing<[u8; 32]>);

/// The MAC of one element of a set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Element([u8; 32]);

/// The XOR of the element MACs of a set; all zeros for the empty set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SetDigest(pub [u8; 32]);

impl StateKey {
    /// The MAC of an element made of `parts`, each length-prefixed so no two different
    /// elements share an encoding.
    pub fn element(&self, kind: &[u8], parts: &[&[u8]]) -> Element {
        use hmac::Mac;
        let mut mac = super::hmac_sha256(self.0.as_slice());
        mac.update(&u32::try_from(kind.len()).unwrap_or(u32::MAX).to_be_bytes());
        mac.update(kind);
        for part in parts {
            mac.update(&u64::try_from(part.len()).unwrap_or(u64::MAX).to_be_bytes());
            mac.update(part);
        }
        Element(mac.finalize().into_bytes().into())
    }
}

impl SetDigest {
    /// Adds `element` to the set, or removes it if it is there.
    pub fn toggle(&mut self, element: Element) {
        for (a, b) in self.0.iter_mut().zip(element.0) {
            *a ^= b;
        }
    }

    /// Folds another digest (a batch of toggles) into this one.
    pub fn merge(&mut self, other: SetDigest) {
        self.toggle(Element(other.0));
    }

    /// Reads a stored digest; `None` unless it is 32 bytes.
    pub fn from_slice(bytes: &[u8]) -> Option<Self> {
        bytes.try_into().ok().map(SetDigest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_digest_ignores_order_and_sees_every_change() {
        let key = StateKey(Zeroizing::new([3; 32]));
        let a = key.element(b"customer", &[b"1", b"v1"]);
        let b = key.element(b"customer", &[b"2", b"v1"]);
        let mut one = SetDigest::default();
        one.toggle(a);
        one.toggle(b);
        let mut other = SetDigest::default();
        other.toggle(b);
        other.toggle(a);
        assert_eq!(one, other);
        // Removing an element restores the digest of the rest.
        other.toggle(a);
        let mut only_b = SetDigest::default();
        only_b.toggle(b);
        assert_eq!(other, only_b);
        // Parts are length-prefixed: "12" + "3" is not "1" + "23".
        assert_ne!(
            key.element(b"x", &[b"12", b"3"]),
            key.element(b"x", &[b"1", b"23"])
        );
        // Another key, other elements.
        let other_key = StateKey(Zeroizing::new([4; 32]));
        assert_ne!(other_key.element(b"customer", &[b"1", b"v1"]), a);
    }
}
