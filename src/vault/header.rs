//! The vault header: the clear values that every seal, index and digest depends on,
//! stored as `meta` rows, and the MAC over them that only the key holder can write.
//!
//! Version 1 vaults MAC the vault id, key epoch and blind index size; version 2 adds the
//! audit entry count; version 3 adds the vault's authenticated state: the last audit
//! entry's MAC and the digests of the live customers, the erasure register and the
//! keyslots (see `vault::state`). Changing any of these without the key, or putting back
//! an older header beside newer rows, breaks the MAC or a digest.

use rusqlite::Connection;

use super::schema;
use crate::crypto::{HeaderKey, SetDigest};
use crate::error::{Error, Result};

pub(super) const KEY_EPOCH: &str = "key_epoch";
pub(super) const VAULT_ID: &str = "vault_id";
pub(super) const BLIND_INDEX_BITS: &str = "blind_index_bits";
pub(super) const HEADER_MAC: &str = "header_mac";
pub(super) const AUDIT_COUNT: &str = "audit_count";
const AUDIT_HEAD: &str = "audit_head";
const STATE_CUSTOMERS: &str = "state_customers";
const STATE_ERASURES: &str = "state_erasures";
const STATE_KEYSLOTS: &str = "state_keyslots";
const ROSTER: &str = "roster";
const GROUP_MARKS: &str = "group_marks";

/// What the header of a version 3 vault records of its state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct StateDigests {
    /// The MAC of the last audit entry (zeros before the first).
    pub audit_head: [u8; 32],
    pub customers: SetDigest,
    pub erasures: SetDigest,
    pub keyslots: SetDigest,
}

/// The header values of a vault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Header {
    pub epoch: u32,
    pub blind_bits: u32,
    /// `None` in version 1 vaults, which had no audit log.
    pub audit_count: Option<u64>,
    /// `None` before version 3.
    pub state: Option<StateDigests>,
    /// The digest of the roster and the group keys' wraps (`vault::staff`); `None`
    /// before version 4.
    pub roster: Option<[u8; 32]>,
    /// Where each staff group's record stood at the last write with the master key
    /// (`staff::GroupMarks`); `None` before version 4.
    pub group_marks: Option<Vec<u8>>,
}

fn tampered(what: String) -> Error {
    Error::Tampered { what }
}

/// Reads one `meta` value of `N` bytes through `get`.
fn fixed<const N: usize>(
    get: &dyn Fn(&str) -> Result<Option<Vec<u8>>>,
    key: &str,
) -> Result<[u8; N]> {
    let bytes = get(key)?.ok_or_else(|| tampered(format!("the vault header has no {key}")))?;
    bytes
        .as_slice()
        .try_into()
        .map_err(|_| tampered(format!("the vault header's {key} is malformed")))
}

impl Header {
    /// Reads the header values that a vault of the file's schema version has.
    pub fn read(conn: &Connection) -> Result<Self> {
        Self::from_meta(schema::version(conn)?, &|key| schema::meta_get(conn, key))
    }

    /// The header of schema `version` whose `meta` values `get` gives: of this vault, or
    /// of another copy of it (a register a restore carried over).
    pub fn from_meta(version: i64, get: &dyn Fn(&str) -> Result<Option<Vec<u8>>>) -> Result<Self> {
        let conn = get;
        let audit_count = if version >= 2 {
            Some(u64::from_be_bytes(fixed(conn, AUDIT_COUNT)?))
        } else {
            None
        };
        let state = if version >= 3 {
            Some(StateDigests {
                audit_head: fixed(conn, AUDIT_HEAD)?,
                customers: SetDigest(fixed(conn, STATE_CUSTOMERS)?),
                erasures: SetDigest(fixed(conn, STATE_ERASURES)?),
                keyslots: SetDigest(fixed(conn, STATE_KEYSLOTS)?),
            })
        } else {
            None
        };
        let (roster, group_marks) = if version >= 4 {
            // No marks are stored while there is no staff group; the MAC covers both.
            (
                Some(fixed(conn, ROSTER)?),
                Some(conn(GROUP_MARKS)?.unwrap_or_default()),
            )
        } else {
            (None, None)
        };
        Ok(Self {
            roster,
            group_marks,
            epoch: u32::from_be_bytes(fixed(conn, KEY_EPOCH)?),
            blind_bits: u32::from_be_bytes(fixed(conn, BLIND_INDEX_BITS)?),
            audit_count,
            state,
        })
    }

    /// The bytes the MAC covers.
    fn bytes(&self, vault_id: &[u8; 16]) -> Vec<u8> {
        let mut header = vault_id.to_vec();
        header.extend_from_slice(&self.epoch.to_be_bytes());
        header.extend_from_slice(&self.blind_bits.to_be_bytes());
        if let Some(count) = self.audit_count {
            header.extend_from_slice(&count.to_be_bytes());
        }
        if let Some(state) = &self.state {
            header.extend_from_slice(b"state v3");
            header.extend_from_slice(&state.audit_head);
            for digest in [state.customers, state.erasures, state.keyslots] {
                header.extend_from_slice(&digest.0);
            }
        }
        if let Some(roster) = &self.roster {
            header.extend_from_slice(b"roster v4");
            header.extend_from_slice(roster);
        }
        if let Some(marks) = &self.group_marks {
            header.extend_from_slice(b"group marks v4");
            header.extend_from_slice(&(marks.len() as u64).to_be_bytes());
            header.extend_from_slice(marks);
        }
        header
    }

    /// True when `mac` is this header's MAC under `key`.
    pub fn mac_matches(&self, vault_id: &[u8; 16], key: &HeaderKey, mac: &[u8]) -> bool {
        key.matches(&self.bytes(vault_id), mac)
    }

    /// Checks the stored MAC against these values: [`Error::Tampered`] when someone
    /// without the key changed any of them.
    pub fn verify(&self, conn: &Connection, vault_id: &[u8; 16], key: &HeaderKey) -> Result<()> {
        let stored = schema::meta_get(conn, HEADER_MAC)?.unwrap_or_default();
        if self.mac_matches(vault_id, key, &stored) && (1..=63).contains(&self.blind_bits) {
            Ok(())
        } else {
            Err(tampered(
                "the vault header (key epoch, blind index size, audit entry count or state \
                 digests) was altered"
                    .into(),
            ))
        }
    }

    /// Stores these values and their MAC, inside the caller's transaction.
    pub fn write(&self, conn: &Connection, vault_id: &[u8; 16], key: &HeaderKey) -> Result<()> {
        schema::meta_set(conn, KEY_EPOCH, &self.epoch.to_be_bytes())?;
        schema::meta_set(conn, BLIND_INDEX_BITS, &self.blind_bits.to_be_bytes())?;
        if let Some(count) = self.audit_count {
            schema::meta_set(conn, AUDIT_COUNT, &count.to_be_bytes())?;
        }
        if let Some(state) = &self.state {
            schema::meta_set(conn, AUDIT_HEAD, &state.audit_head)?;
            schema::meta_set(conn, STATE_CUSTOMERS, &state.customers.0)?;
            schema::meta_set(conn, STATE_ERASURES, &state.erasures.0)?;
            schema::meta_set(conn, STATE_KEYSLOTS, &state.keyslots.0)?;
        }
        if let Some(roster) = &self.roster {
            schema::meta_set(conn, ROSTER, roster)?;
        }
        if let Some(marks) = &self.group_marks {
            schema::meta_set(conn, GROUP_MARKS, marks)?;
        }
        schema::meta_set(conn, HEADER_MAC, &key.mac(&self.bytes(vault_id)))
    }

    /// The state this header records; an integrity error for a header from before
    /// version 3 (never seen once a vault is unlocked, which upgrades it).
    pub fn state(&self) -> Result<StateDigests> {
        self.state
            .ok_or_else(|| tampered("the vault header records no state digests".into()))
    }
}
