//! Consistent copies of a vault file, and checks of a vault file that need no key:
//! what `backup`, `restore` and `verify ARCHIVE` ask of the database.

use std::path::Path;

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use super::{LockedVault, schema};
use crate::error::{Error, Result};

/// What a key-less check of a vault file found.
#[derive(Debug, Clone)]
pub struct FileFacts {
    pub customers: i64,
    /// The vault's short id, as archive names carry it.
    pub vault: String,
    /// The newest change recorded inside the file (a customer written, an audit entry, an
    /// erasure), `YYYY-MM-DDTHH:MM:SSZ`: when the copy was current, whatever its file
    /// name says.
    pub last_change: Option<String>,
    /// How many keyslots open it.
    pub keyslots: i64,
    /// The schema version.
    pub version: i64,
}

impl LockedVault {
    /// Writes a consistent snapshot of the vault to `target` with `VACUUM INTO`: one read
    /// transaction, so writers may go on meanwhile, and freed pages (which may hold
    /// erased data) are not copied. `target` must be an empty file the caller created
    /// (0600, so the copy is never readable by others).
    pub fn snapshot_into(&self, target: &Path) -> Result<()> {
        let target_text = target.to_str().ok_or_else(|| Error::InvalidArgument {
            argument: "snapshot path".into(),
            reason: "it is not valid UTF-8".into(),
        })?;
        // The snapshot is a scratch copy: the archive made from it is what gets
        // fsynced, so flushing the snapshot to disk too would only cost time.
        self.conn
            .pragma_update(None, "synchronous", "OFF")
            .map_err(|e| Error::db("preparing the snapshot", e))?;
        self.conn
            .execute("VACUUM INTO ?1", [target_text])
            .map_err(|e| Error::db("taking a snapshot of the vault", e))?;
        Ok(())
    }

    /// The number of customers, readable without the key.
    pub fn customer_count(&self) -> Result<i64> {
        count_customers(&self.conn)
    }

    /// What `sealbook info` shows: the vault's identity and size, read without the key
    /// and without SQLite's (slow) integrity check.
    pub fn facts(&self) -> Result<FileFacts> {
        facts_of(&self.conn)
    }
}

fn count_customers(conn: &Connection) -> Result<i64> {
    conn.query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
        .map_err(|e| Error::db("counting customers", e))
}

/// Checks a vault file without its key: SQLite's integrity check passes and the file is
/// a sealbook vault this version reads. Any failure is an integrity error (exit 5).
pub fn inspect_file(path: &Path) -> Result<FileFacts> {
    inspect_with(path, "integrity_check")
}

/// [`inspect_file`] with SQLite's quick check, for a snapshot `VACUUM INTO` has just
/// written: it rebuilt every index from its table, so the one thing the quick check
/// leaves out (indexes that disagree with their tables) cannot be wrong in it, and a
/// million-customer snapshot is checked in about a second instead of twelve.
pub fn inspect_snapshot(path: &Path) -> Result<FileFacts> {
    inspect_with(path, "quick_check")
}

fn inspect_with(path: &Path, check: &str) -> Result<FileFacts> {
    let damaged = |what: String| Error::Tampered { what };
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| damaged(format!("cannot open the database: {e}")))?;
    let mut stmt = conn
        .prepare(&format!("PRAGMA {check}"))
        .map_err(|_| damaged("the file is not an SQLite database".into()))?;
    let problems: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .and_then(Iterator::collect)
        .map_err(|_| damaged("the file is not an SQLite database".into()))?;
    drop(stmt);
    if problems != ["ok"] {
        let first = problems.first().cloned().unwrap_or_default();
        return Err(damaged(format!("SQLite integrity check failed: {first}")));
    }
    schema::check(&conn, path).map_err(|_| damaged("the file is not a sealbook vault".into()))?;
    facts_of(&conn)
}

/// What the file says of itself without its key, once its header has the right shape.
fn facts_of(conn: &Connection) -> Result<FileFacts> {
    let damaged = |what: String| Error::Tampered { what };
    let (vault_id, keyslots) = check_header(conn).map_err(damaged)?;
    let customers =
        count_customers(conn).map_err(|_| damaged("the file is not a sealbook vault".into()))?;
    Ok(FileFacts {
        customers,
        vault: super::short_id(&vault_id),
        last_change: last_change(conn)?,
        keyslots,
        version: schema::version(conn)?,
    })
}

/// Checks the shape of the vault header without its key: every value present with its
/// size, and at least one keyslot. Returns the vault id. (Whether the values are the
/// ones the key holder wrote is for the header MAC, checked at unlock.)
fn check_header(conn: &Connection) -> std::result::Result<([u8; 16], i64), String> {
    let value = |key: &str, size: usize| -> std::result::Result<Vec<u8>, String> {
        match schema::meta_get(conn, key) {
            Ok(Some(bytes)) if bytes.len() == size => Ok(bytes),
            Ok(Some(_)) => Err(format!("the vault header's {key} is malformed")),
            _ => Err(format!("the vault header has no {key}")),
        }
    };
    let id = value(super::VAULT_ID, 16)?;
    value(super::KEY_EPOCH, 4)?;
    value(super::BLIND_INDEX_BITS, 4)?;
    value(super::HEADER_MAC, 32)?;
    if schema::version(conn).map_err(|e| e.to_string())? >= 2 {
        value(super::AUDIT_COUNT, 8)?;
    }
    let slots: i64 = conn
        .query_row("SELECT count(*) FROM keyslots", [], |r| r.get(0))
        .map_err(|_| "the vault has no keyslot table".to_owned())?;
    if slots == 0 {
        return Err("the vault has no keyslot: nothing could open it".into());
    }
    let id = id
        .try_into()
        .map_err(|_| "the vault id is malformed".to_owned())?;
    Ok((id, slots))
}

/// The newest time recorded in the vault file: its newest audit entry (every change and
/// every read that reveals data writes one), read from the end of the log. A vault from
/// before the log (schema 1) falls back to its customers' `updated` times.
fn last_change(conn: &Connection) -> Result<Option<String>> {
    let fail = |e| Error::db("reading when the vault last changed", e);
    let has_log = conn
        .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'audit'")
        .and_then(|mut s| s.exists([]))
        .map_err(fail)?;
    let sql = if has_log {
        "SELECT at FROM audit ORDER BY seq DESC LIMIT 1"
    } else {
        "SELECT max(updated) FROM customers"
    };
    conn.query_row(sql, [], |r| r.get(0))
        .optional()
        .map(Option::flatten)
        .map_err(fail)
}

/// Prepares a restored file for use: write-ahead logging, as every vault has.
pub fn prepare_restored(path: &Path) -> Result<()> {
    let conn = Connection::open(path).map_err(|e| Error::db("opening the restored vault", e))?;
    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(|e| Error::db("preparing the restored vault", e))?;
    conn.close()
        .map_err(|(_, e)| Error::db("closing the restored vault", e))
}

/// One customer erased from a vault, as its erasure register records it.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Erasure {
    /// The record id, in hex.
    record_id: String,
    pub code: String,
    erased_at: String,
}

/// The erasure register of another copy of the vault (the vault a restore replaces, or
/// a newer archive), with that copy's header, so the next unlock can prove the register
/// with the key before it erases anyone by it.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct CarriedRegister {
    /// Where it was read from, for messages.
    pub source: String,
    pub entries: Vec<Erasure>,
    /// The copy's schema version and `meta` rows (hex), as its header MAC covers them.
    version: i64,
    meta: std::collections::BTreeMap<String, String>,
    /// True once the copy itself, unlocked with the vault passphrase, proved the register
    /// ([`crate::vault::Vault::proves_own_register`]).
    #[serde(default)]
    pub proven: bool,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut out, b| {
        use std::fmt::Write;
        let _ = write!(out, "{b:02x}");
        out
    })
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// The erasure register and header of the vault file at `path`, read without its key.
pub fn register_in_file(path: &Path) -> Result<CarriedRegister> {
    let fail = |e| Error::db(format!("reading the erasures of {}", path.display()), e);
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(fail)?;
    let has_register: bool = conn
        .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'erasures'")
        .and_then(|mut s| s.exists([]))
        .map_err(fail)?;
    let mut register = CarriedRegister {
        source: path.display().to_string(),
        version: schema::version(&conn)?,
        ..CarriedRegister::default()
    };
    let mut stmt = conn.prepare("SELECT key, value FROM meta").map_err(fail)?;
    let rows = stmt
        .query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?))
        })
        .map_err(fail)?;
    for row in rows {
        let (key, value) = row.map_err(fail)?;
        register.meta.insert(key, hex(&value));
    }
    drop(stmt);
    if has_register {
        let mut stmt = conn
            .prepare("SELECT record_id, code, erased_at FROM erasures ORDER BY erased_at")
            .map_err(fail)?;
        let rows = stmt
            .query_map([], |r| {
                Ok(Erasure {
                    record_id: hex(&r.get::<_, Vec<u8>>(0)?),
                    code: r.get(1)?,
                    erased_at: r.get(2)?,
                })
            })
            .map_err(fail)?;
        register.entries = rows.collect::<rusqlite::Result<_>>().map_err(fail)?;
    }
    Ok(register)
}

impl CarriedRegister {
    /// The copy's header values, as bytes.
    pub(super) fn meta(&self, key: &str) -> Option<Vec<u8>> {
        self.meta.get(key).and_then(|v| unhex(v))
    }

    pub(super) fn version(&self) -> i64 {
        self.version
    }
}

impl Erasure {
    pub(super) fn record_id(&self) -> Option<Vec<u8>> {
        unhex(&self.record_id)
    }

    pub(super) fn erased_at(&self) -> &str {
        &self.erased_at
    }
}

/// What a restore records for the next unlock to fold into the audit log.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct PendingRestore {
    /// The archive's file name.
    pub archive: String,
    /// The newest change recorded inside the archive.
    pub archive_last_change: Option<String>,
    /// The erasure registers to apply again, once proven.
    pub registers: Vec<CarriedRegister>,
    /// How many audit entries of the replaced vault were carried over.
    pub carried: u64,
}

/// The vault id of the vault file at `path`, read without its key.
fn vault_id_in_file(conn: &Connection, schema_name: &str) -> Option<Vec<u8>> {
    conn.query_row(
        &format!("SELECT value FROM {schema_name}.meta WHERE key = ?1"),
        [super::VAULT_ID],
        |r| r.get(0),
    )
    .ok()
}

/// Copies the audit log of the vault file `replaced` into `restore_carried`, when it is
/// the same vault; returns how many entries. Fails for a file that is no vault.
fn carry_log(conn: &Connection, replaced: &Path) -> rusqlite::Result<u64> {
    let path = replaced
        .to_str()
        .ok_or_else(|| rusqlite::Error::InvalidPath(replaced.to_owned()))?;
    conn.execute("ATTACH DATABASE ?1 AS replaced", [path])?;
    let copied = (|| {
        let same_vault = vault_id_in_file(conn, "main").is_some()
            && vault_id_in_file(conn, "main") == vault_id_in_file(conn, "replaced");
        let has_log = conn
            .prepare(
                "SELECT 1 FROM replaced.sqlite_schema WHERE type = 'table' AND name = 'audit'",
            )?
            .exists([])?;
        if !(same_vault && has_log) {
            return Ok(0);
        }
        let has_actor = |schema: &str, table: &str| {
            conn.prepare(&format!(
                "SELECT 1 FROM pragma_table_info('{table}', '{schema}') WHERE name = 'actor'"
            ))
            .and_then(|mut s| s.exists([]))
            .unwrap_or(false)
        };
        // Managers' entries name them, and their MACs cover the name. (An archive from
        // before staff has no column for it: such entries then fail their check when the
        // restore is folded in, and are reported as not proven.)
        let sql = if has_actor("main", "restore_carried") && has_actor("replaced", "audit") {
            "INSERT INTO restore_carried (seq, at, os_user, command, codes, counts, mac, actor)
             SELECT seq, at, os_user, command, codes, counts, mac, actor FROM replaced.audit"
        } else {
            "INSERT INTO restore_carried (seq, at, os_user, command, codes, counts, mac)
             SELECT seq, at, os_user, command, codes, counts, mac FROM replaced.audit"
        };
        let carried = conn.execute(sql, []).map(|n| n as u64)?;
        let has_journals = conn
            .prepare(
                "SELECT 1 FROM replaced.sqlite_schema WHERE type = 'table' AND name = 'staff_audit'",
            )?
            .exists([])?;
        if has_journals {
            // Staff members' entries, with who signed them and what each chains on.
            conn.execute(
                "INSERT INTO restore_carried_staff (staff, seq, name, verify_key, at, os_user,
                     command, codes, counts, signature, previous)
                 SELECT a.staff, a.seq, s.name, s.verify_key, a.at, a.os_user, a.command,
                     a.codes, a.counts, a.signature,
                     coalesce((SELECT p.signature FROM replaced.staff_audit p
                               WHERE p.staff = a.staff AND p.seq = a.seq - 1), x'')
                 FROM replaced.staff_audit a JOIN replaced.staff s ON s.id = a.staff",
                [],
            )?;
        }
        Ok(carried)
    })();
    conn.execute("DETACH DATABASE replaced", [])?;
    copied
}

/// Prepares the restored vault file at `restored` for the audit history to outlive the
/// restore: copies every audit entry of the vault it replaces (`replaced`, when that
/// is the same vault) into `restore_carried`, and records `pending` in
/// `restore_pending`. The next unlock, which has the key, checks the carried entries
/// and appends those the archive lacks, then the restore itself and each erasure it
/// re-applied. Returns how many entries were carried.
pub fn record_restore(
    restored: &Path,
    replaced: Option<&Path>,
    mut pending: PendingRestore,
) -> Result<u64> {
    let fail = |e| Error::db("recording the restore in the restored vault", e);
    let conn = Connection::open(restored).map_err(fail)?;
    schema::configure_connection(&conn).map_err(fail)?;
    // An archive never holds a restore record: the command that writes one consumes it.
    // One that does was made to have entries signed, or customers erased, by this one.
    let planted = |table: &str| {
        conn.prepare(&format!("SELECT 1 FROM {table}"))
            .and_then(|mut s| s.exists([]))
            .unwrap_or(false)
    };
    if planted("restore_pending") || planted("restore_carried") || planted("restore_carried_staff")
    {
        return Err(Error::Tampered {
            what: "the archive holds the record of a restore that was never completed: it \
                   was not made by `sealbook backup`"
                .into(),
        });
    }
    conn.execute_batch(schema::RESTORE_TABLES)
        .and_then(|()| conn.execute_batch(schema::RESTORE_STAFF_TABLE))
        .map_err(fail)?;
    let carried = match replaced {
        // A damaged or foreign file beside it carries nothing: the restore goes on.
        Some(replaced) => carry_log(&conn, replaced).unwrap_or(0),
        None => 0,
    };
    pending.carried = carried;
    let details = serde_json::to_string(&pending)
        .map_err(|e| Error::io("recording the restore", e.into()))?;
    conn.execute(
        "INSERT INTO restore_pending (at, os_user, details) VALUES (?1, ?2, ?3)",
        rusqlite::params![super::now_utc(), crate::audit::os_user(), details],
    )
    .map_err(fail)?;
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .map_err(fail)?;
    conn.close().map_err(|(_, e)| fail(e))?;
    Ok(carried)
}
