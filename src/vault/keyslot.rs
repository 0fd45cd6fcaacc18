//! Keyslots: the master key wrapped under each secret that opens the vault (a
//! passphrase, optionally with a key file, or a printed recovery key). A slot stores its
//! own Argon2id cost and salt, authenticated with the wrapped key.

use rusqlite::{Connection, params};
use serde::Serialize;
use zeroize::Zeroizing;

use crate::crypto::master_key::{key_encryption_key, unwrap_master_key, wrap_master_key};
use crate::crypto::recovery::{self, Reading};
use crate::crypto::{KdfParams, MasterKey, random_array};
use crate::error::{Error, Result};

/// The secrets a user presents to open a vault.
pub struct Credentials {
    pub passphrase: Zeroizing<String>,
    /// Digest of the key file, for slots that require one.
    pub key_file: Option<Zeroizing<[u8; 32]>>,
}

/// What kind of secret a slot wants.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SlotKind {
    /// A passphrase, and a key file when the slot says so.
    Passphrase,
    /// A printed recovery key, accepted wherever a passphrase is.
    Recovery,
}

impl SlotKind {
    fn as_str(self) -> &'static str {
        match self {
            SlotKind::Passphrase => "passphrase",
            SlotKind::Recovery => "recovery",
        }
    }
}

/// A slot as `key list` shows it; no secret material.
#[derive(Clone, Debug, Serialize)]
pub struct SlotInfo {
    pub id: i64,
    pub kind: SlotKind,
    pub label: String,
    pub key_file: bool,
    pub memory_mib: u32,
    pub iterations: u32,
    pub parallelism: u32,
    pub created: String,
}

/// The slot that opened the vault, with its key-encryption key, so the master key can be
/// rewrapped under the same secret by `rekey` without asking for it again.
pub struct OpenedSlot {
    pub id: i64,
    pub params: KdfParams,
    kek: Zeroizing<[u8; 32]>,
    salt: Vec<u8>,
    pub(super) key_file: bool,
}

struct StoredSlot {
    id: i64,
    kind: SlotKind,
    label: String,
    created: String,
    params: KdfParams,
    salt: Vec<u8>,
    key_file: bool,
    wrapped: Vec<u8>,
}

fn slot_context(vault_id: &[u8; 16], params: &KdfParams, salt: &[u8], key_file: bool) -> Vec<u8> {
    let mut context = b"sealbook v1 keyslot".to_vec();
    context.extend_from_slice(vault_id);
    for n in [params.memory_kib, params.iterations, params.parallelism] {
        context.extend_from_slice(&n.to_be_bytes());
    }
    context.extend_from_slice(salt);
    context.push(u8::from(key_file));
    context
}

/// The most keyslots a vault may hold. Unlocking tries slots in turn, each costing a
/// key derivation, so a file with more (planted by someone who can write it) would make
/// a wrong passphrase cost minutes before it is refused.
pub const MAX_KEYSLOTS: usize = 32;

fn kdf_failure(reason: String) -> Error {
    Error::KeyDerivation { reason }
}

fn write_failure(e: rusqlite::Error) -> Error {
    Error::db("writing the keyslot", e)
}

/// The secret a new slot is made for.
pub enum NewSecret<'a> {
    Passphrase(&'a Credentials),
    /// The canonical characters of a recovery key.
    Recovery(&'a str),
}

/// Wraps `master` under `secret` with cost `params` and stores it as a new slot.
pub fn add(
    conn: &Connection,
    vault_id: &[u8; 16],
    master: &MasterKey,
    secret: &NewSecret<'_>,
    params: &KdfParams,
    label: &str,
) -> Result<i64> {
    let count: i64 = conn
        .query_row("SELECT count(*) FROM keyslots", [], |r| r.get(0))
        .map_err(write_failure)?;
    if usize::try_from(count).unwrap_or(usize::MAX) >= MAX_KEYSLOTS {
        return Err(Error::InvalidArgument {
            argument: "key add".into(),
            reason: format!(
                "the vault has {count} keyslots, the most it may hold; remove one first \
                 (sealbook key list, sealbook key remove)"
            ),
        });
    }
    let salt: [u8; 16] = random_array();
    let (kind, passphrase, key_file) = match secret {
        NewSecret::Passphrase(c) => (
            SlotKind::Passphrase,
            c.passphrase.as_bytes(),
            c.key_file.as_deref(),
        ),
        NewSecret::Recovery(key) => (SlotKind::Recovery, key.as_bytes(), None),
    };
    let kek = key_encryption_key(params, passphrase, &salt, key_file).map_err(kdf_failure)?;
    let context = slot_context(vault_id, params, &salt, key_file.is_some());
    let wrapped = wrap_master_key(master, &kek, &context);
    conn.execute(
        "INSERT INTO keyslots
             (label, memory_kib, iterations, parallelism, salt, key_file, wrapped, created, kind)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            label,
            params.memory_kib,
            params.iterations,
            params.parallelism,
            salt.as_slice(),
            key_file.is_some(),
            wrapped,
            super::now_utc(),
            kind.as_str(),
        ],
    )
    .map_err(write_failure)?;
    Ok(conn.last_insert_rowid())
}

/// Gives slot `id` a new passphrase (and key file, as `credentials` say): a fresh salt
/// and a fresh wrap of the same master key. Nothing else in the vault changes.
pub fn change_secret(
    conn: &Connection,
    vault_id: &[u8; 16],
    master: &MasterKey,
    id: i64,
    credentials: &Credentials,
    params: &KdfParams,
) -> Result<()> {
    let salt: [u8; 16] = random_array();
    let key_file = credentials.key_file.as_deref();
    let kek = key_encryption_key(params, credentials.passphrase.as_bytes(), &salt, key_file)
        .map_err(kdf_failure)?;
    let context = slot_context(vault_id, params, &salt, key_file.is_some());
    let wrapped = wrap_master_key(master, &kek, &context);
    let changed = conn
        .execute(
            "UPDATE keyslots SET memory_kib = ?2, iterations = ?3, parallelism = ?4,
                 salt = ?5, key_file = ?6, wrapped = ?7, kind = 'passphrase'
             WHERE id = ?1",
            params![
                id,
                params.memory_kib,
                params.iterations,
                params.parallelism,
                salt.as_slice(),
                key_file.is_some(),
                wrapped,
            ],
        )
        .map_err(write_failure)?;
    if changed == 1 {
        Ok(())
    } else {
        Err(Error::Tampered {
            what: "the keyslot that opened the vault has gone".into(),
        })
    }
}

/// Rewraps a new master key in the slot that opened the vault, under the same secret.
pub fn rewrap_opened(
    conn: &Connection,
    vault_id: &[u8; 16],
    slot: &OpenedSlot,
    master: &MasterKey,
) -> Result<()> {
    let context = slot_context(vault_id, &slot.params, &slot.salt, slot.key_file);
    let wrapped = wrap_master_key(master, &slot.kek, &context);
    conn.execute(
        "UPDATE keyslots SET wrapped = ?2 WHERE id = ?1",
        params![slot.id, wrapped],
    )
    .map_err(write_failure)?;
    Ok(())
}

/// Removes slot `id`; returns false when there is no such slot.
pub fn remove(conn: &Connection, id: i64) -> Result<bool> {
    conn.execute("DELETE FROM keyslots WHERE id = ?1", [id])
        .map(|n| n > 0)
        .map_err(write_failure)
}

/// Every slot, oldest first.
pub fn list(conn: &Connection) -> Result<Vec<SlotInfo>> {
    Ok(stored_slots(conn)?
        .into_iter()
        .map(|slot| SlotInfo {
            id: slot.id,
            kind: slot.kind,
            label: slot.label,
            key_file: slot.key_file,
            memory_mib: slot.params.memory_kib / 1024,
            iterations: slot.params.iterations,
            parallelism: slot.params.parallelism,
            created: slot.created,
        })
        .collect())
}

/// The expression that reads a slot's kind: a column since schema version 2; every slot
/// of a version 1 vault (read before it is upgraded) is a passphrase slot.
fn kind_column(conn: &Connection) -> &'static str {
    let has_kind = conn
        .prepare("SELECT 1 FROM pragma_table_info('keyslots') WHERE name = 'kind'")
        .and_then(|mut s| s.exists([]))
        .unwrap_or(false);
    if has_kind { "kind" } else { "'passphrase'" }
}

fn parse_kind(text: &str) -> SlotKind {
    if text == "recovery" {
        SlotKind::Recovery
    } else {
        SlotKind::Passphrase
    }
}

fn stored_slots(conn: &Connection) -> Result<Vec<StoredSlot>> {
    let read = |e| Error::Tampered {
        what: format!("the keyslots cannot be read ({e})"),
    };
    let mut stmt = conn
        .prepare(&format!(
            "SELECT id, {}, memory_kib, iterations, parallelism, salt, key_file, wrapped,
                    label, created
             FROM keyslots ORDER BY id",
            kind_column(conn)
        ))
        .map_err(read)?;
    let rows = stmt
        .query_map([], |r| {
            Ok(StoredSlot {
                id: r.get(0)?,
                kind: parse_kind(&r.get::<_, String>(1)?),
                params: KdfParams {
                    memory_kib: r.get(2)?,
                    iterations: r.get(3)?,
                    parallelism: r.get(4)?,
                },
                salt: r.get(5)?,
                key_file: r.get(6)?,
                wrapped: r.get(7)?,
                label: r.get(8)?,
                created: r.get(9)?,
            })
        })
        .map_err(read)?;
    rows.collect::<rusqlite::Result<_>>().map_err(read)
}

/// Opens the master key with slot `slot` if `credentials` (or `recovery_key`, read from
/// them) are its secret.
fn try_slot(
    slot: &StoredSlot,
    vault_id: &[u8; 16],
    credentials: &Credentials,
    recovery_key: Option<&Zeroizing<String>>,
) -> Result<Option<(MasterKey, OpenedSlot)>> {
    // Stored costs are checked before use: the slot is authenticated only after
    // the derivation, and a huge cost must not exhaust the machine first
    // (`validate` caps memory times iterations).
    if slot.params.validate().is_err() || slot.salt.len() != 16 {
        return Err(Error::Tampered {
            what: "a keyslot has impossible key derivation parameters".into(),
        });
    }
    let (secret, slot_key_file) = match (slot.kind, recovery_key) {
        (SlotKind::Recovery, Some(key)) => (key.as_bytes(), None),
        _ => (
            credentials.passphrase.as_bytes(),
            credentials.key_file.as_deref(),
        ),
    };
    let kek =
        key_encryption_key(&slot.params, secret, &slot.salt, slot_key_file).map_err(kdf_failure)?;
    let context = slot_context(vault_id, &slot.params, &slot.salt, slot.key_file);
    Ok(
        unwrap_master_key(&slot.wrapped, &kek, &context).map(|master| {
            (
                master,
                OpenedSlot {
                    id: slot.id,
                    params: slot.params,
                    kek,
                    salt: slot.salt.clone(),
                    key_file: slot.key_file,
                },
            )
        }),
    )
}

/// Opens slot `id` alone with `credentials`: how `rekey` learns the secret of a slot it
/// is asked to keep. A wrong secret is [`Error::WrongPassphrase`].
pub fn open_slot(
    conn: &Connection,
    vault_id: &[u8; 16],
    id: i64,
    credentials: &Credentials,
) -> Result<(MasterKey, OpenedSlot)> {
    let slots = stored_slots(conn)?;
    let slot = slots
        .iter()
        .find(|s| s.id == id)
        .ok_or(Error::KeyslotNotFound { id })?;
    let reading = recovery::read(&credentials.passphrase);
    let recovery_key = match &reading {
        Reading::Key(key) => Some(key),
        _ => None,
    };
    if slot.kind == SlotKind::Recovery && recovery_key.is_none() {
        return Err(if reading == Reading::Mistyped {
            Error::MistypedRecoveryKey
        } else {
            Error::WrongPassphrase
        });
    }
    try_slot(slot, vault_id, credentials, recovery_key)?.ok_or(Error::WrongPassphrase)
}

/// Opens the master key with the first slot the credentials fit. A recovery key is tried
/// against recovery slots (with or without a key file given); passphrase slots that need
/// a key file are tried only when one was given, and the others only when none was.
pub fn unlock(
    conn: &Connection,
    vault_id: &[u8; 16],
    credentials: &Credentials,
) -> Result<(MasterKey, OpenedSlot)> {
    let slots = stored_slots(conn)?;
    if slots.is_empty() {
        return Err(Error::Tampered {
            what: "the vault has no keyslots".into(),
        });
    }
    if slots.len() > MAX_KEYSLOTS {
        return Err(Error::Tampered {
            what: format!(
                "the vault holds {} keyslots, more than the {MAX_KEYSLOTS} sealbook ever writes",
                slots.len()
            ),
        });
    }
    let reading = recovery::read(&credentials.passphrase);
    let recovery_key = match &reading {
        Reading::Key(key) => Some(key),
        _ => None,
    };
    let key_file = credentials.key_file.as_deref();
    // Recovery slots first when the input is a recovery key: it is most likely one.
    let recovery_slots = slots
        .iter()
        .filter(|s| s.kind == SlotKind::Recovery && recovery_key.is_some());
    let passphrase_slots = slots
        .iter()
        .filter(|s| s.kind == SlotKind::Passphrase && s.key_file == key_file.is_some());
    for slot in recovery_slots.chain(passphrase_slots) {
        if let Some(opened) = try_slot(slot, vault_id, credentials, recovery_key)? {
            return Ok(opened);
        }
    }
    if reading == Reading::Mistyped {
        return Err(Error::MistypedRecoveryKey);
    }
    Err(Error::WrongPassphrase)
}
