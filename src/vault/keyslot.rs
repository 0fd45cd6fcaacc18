//! Keyslots: the master key wrapped under each passphrase (and key file) that opens the
//! vault. A slot stores its own Argon2id cost and salt, authenticated with the wrapped key.

use rusqlite::{Connection, params};
use zeroize::Zeroizing;

use crate::crypto::keys::{key_encryption_key, unwrap_master_key, wrap_master_key};
use crate::crypto::{KdfParams, MasterKey, random_array};
use crate::error::{Error, Result};

/// The secrets a user presents to open a vault.
pub struct Credentials {
    pub passphrase: Zeroizing<String>,
    /// Digest of the key file, for slots that require one.
    pub key_file: Option<Zeroizing<[u8; 32]>>,
}

struct StoredSlot {
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

fn kdf_failure(reason: String) -> Error {
    Error::KeyDerivation { reason }
}

/// Wraps `master` under `credentials` with cost `params` and stores it as a new slot.
pub fn add(
    conn: &Connection,
    vault_id: &[u8; 16],
    master: &MasterKey,
    credentials: &Credentials,
    params: &KdfParams,
    label: &str,
) -> Result<i64> {
    let salt: [u8; 16] = random_array();
    let key_file = credentials.key_file.as_deref();
    let kek = key_encryption_key(params, credentials.passphrase.as_bytes(), &salt, key_file)
        .map_err(kdf_failure)?;
    let context = slot_context(vault_id, params, &salt, key_file.is_some());
    let wrapped = wrap_master_key(master, &kek, &context);
    conn.execute(
        "INSERT INTO keyslots
             (label, memory_kib, iterations, parallelism, salt, key_file, wrapped, created)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            label,
            params.memory_kib,
            params.iterations,
            params.parallelism,
            salt.as_slice(),
            key_file.is_some(),
            wrapped,
            super::now_utc(),
        ],
    )
    .map_err(|e| Error::db("storing the keyslot", e))?;
    Ok(conn.last_insert_rowid())
}

fn stored_slots(conn: &Connection) -> Result<Vec<StoredSlot>> {
    let read = |e| Error::Tampered {
        what: format!("the keyslots cannot be read ({e})"),
    };
    let mut stmt = conn
        .prepare(
            "SELECT memory_kib, iterations, parallelism, salt, key_file, wrapped
             FROM keyslots ORDER BY id",
        )
        .map_err(read)?;
    let rows = stmt
        .query_map([], |r| {
            Ok(StoredSlot {
                params: KdfParams {
                    memory_kib: r.get(0)?,
                    iterations: r.get(1)?,
                    parallelism: r.get(2)?,
                },
                salt: r.get(3)?,
                key_file: r.get(4)?,
                wrapped: r.get(5)?,
            })
        })
        .map_err(read)?;
    rows.collect::<rusqlite::Result<_>>().map_err(read)
}

/// Opens the master key with the first slot the credentials fit. Slots that need a key
/// file are tried only when one was given, and the others only when none was.
pub fn unlock(
    conn: &Connection,
    vault_id: &[u8; 16],
    credentials: &Credentials,
) -> Result<MasterKey> {
    let slots = stored_slots(conn)?;
    if slots.is_empty() {
        return Err(Error::Tampered {
            what: "the vault has no keyslots".into(),
        });
    }
    let key_file = credentials.key_file.as_deref();
    for slot in slots.iter().filter(|s| s.key_file == key_file.is_some()) {
        // Stored costs are checked before use: the slot is authenticated only after
        // the derivation, and a huge cost must not exhaust the machine first.
        if slot.params.validate().is_err() || slot.salt.len() != 16 {
            return Err(Error::Tampered {
                what: "a keyslot has impossible key derivation parameters".into(),
            });
        }
        let kek = key_encryption_key(
            &slot.params,
            credentials.passphrase.as_bytes(),
            &slot.salt,
            key_file,
        )
        .map_err(kdf_failure)?;
        let context = slot_context(vault_id, &slot.params, &slot.salt, slot.key_file);
        if let Some(master) = unwrap_master_key(&slot.wrapped, &kek, &context) {
            return Ok(master);
        }
    }
    Err(Error::WrongPassphrase)
}
