//! Consistent copies of a vault file, and checks of a vault file that need no key:
//! what `backup`, `restore` and `verify ARCHIVE` ask of the database.

use std::path::Path;

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use super::{LockedVault, schema};
use crate::error::{Error, Result};

/// What a key-less check of a vault file found.
#[derive(Debug, Clone, Copy)]
pub struct FileFacts {
    pub customers: i64,
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
}

fn count_customers(conn: &Connection) -> Result<i64> {
    conn.query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
        .map_err(|e| Error::db("counting customers", e))
}

/// Checks a vault file without its key: SQLite's integrity check passes and the file is
/// a sealbook vault this version reads. Any failure is an integrity error (exit 5).
pub fn inspect_file(path: &Path) -> Result<FileFacts> {
    let damaged = |what: String| Error::Tampered { what };
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| damaged(format!("cannot open the database: {e}")))?;
    let mut stmt = conn
        .prepare("PRAGMA integrity_check")
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
    let customers =
        count_customers(&conn).map_err(|_| damaged("the file is not a sealbook vault".into()))?;
    Ok(FileFacts { customers })
}

/// The number of customers in a vault file, without checking it.
pub fn count_in_file(path: &Path) -> Result<i64> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| Error::db("opening the snapshot", e))?;
    count_customers(&conn)
}

/// Prepares a restored file for use: write-ahead logging, as every vault has.
pub fn prepare_restored(path: &Path) -> Result<()> {
    let conn = Connection::open(path).map_err(|e| Error::db("opening the restored vault", e))?;
    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(|e| Error::db("preparing the restored vault", e))?;
    conn.close()
        .map_err(|(_, e)| Error::db("closing the restored vault", e))
}

/// Folds a vault's write-ahead log into its file, so the file alone is the whole vault
/// (before it is moved aside by a restore).
/// Returns false when another process is using the vault, so its log could not be
/// emptied; an error means the file could not be checkpointed at all (e.g. damaged).
pub fn checkpoint_file(path: &Path) -> Result<bool> {
    match LockedVault::open(path) {
        Err(Error::Database { source, .. })
            if source.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) =>
        {
            return Ok(false);
        }
        other => {
            other?;
        }
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
        .map_err(|e| Error::db("opening the vault", e))?;
    conn.busy_timeout(std::time::Duration::from_secs(2))
        .map_err(|e| Error::db("opening the vault", e))?;
    match conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(busy) => Ok(busy == 0),
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) => Ok(false),
        Err(e) => Err(Error::db("checkpointing the vault", e)),
    }
}

/// One customer erased from a vault, as its erasure register records it.
#[derive(Clone, Debug)]
pub struct Erasure {
    record_id: Vec<u8>,
    pub code: String,
    erased_at: String,
}

/// The erasure register of the vault file at `path` (empty for a vault older than the
/// register). Needs no key: the register holds only record ids, codes and dates.
pub fn erasures_in_file(path: &Path) -> Result<Vec<Erasure>> {
    let fail = |e| Error::db(format!("reading the erasures of {}", path.display()), e);
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(fail)?;
    let has_register: bool = conn
        .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'erasures'")
        .and_then(|mut s| s.exists([]))
        .map_err(fail)?;
    if !has_register {
        return Ok(Vec::new());
    }
    let mut stmt = conn
        .prepare("SELECT record_id, code, erased_at FROM erasures ORDER BY erased_at")
        .map_err(fail)?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Erasure {
                record_id: r.get(0)?,
                code: r.get(1)?,
                erased_at: r.get(2)?,
            })
        })
        .map_err(fail)?;
    rows.collect::<rusqlite::Result<_>>().map_err(fail)
}

/// Erases again, in the restored vault file at `path`, every customer of `erasures` it
/// still holds, and adds `erasures` to its register so later restores do the same.
/// Returns the codes of the customers erased. Deleting needs no key; secure delete
/// overwrites the freed space as `erase` does.
pub fn reapply_erasures(path: &Path, erasures: &[Erasure]) -> Result<Vec<String>> {
    let fail = |e| Error::db("re-applying erasures to the restored vault", e);
    let mut conn = Connection::open(path).map_err(fail)?;
    schema::configure_connection(&conn).map_err(fail)?;
    let tx = conn.transaction().map_err(fail)?;
    tx.execute_batch(schema::ERASURES_TABLE).map_err(fail)?;
    let mut erased = Vec::new();
    for erasure in erasures {
        let id: Option<i64> = tx
            .prepare_cached("SELECT id FROM customers WHERE record_id = ?1")
            .and_then(|mut s| s.query_row([&erasure.record_id], |r| r.get(0)).optional())
            .map_err(fail)?;
        if let Some(id) = id {
            for sql in [
                "DELETE FROM customer_tags WHERE customer = ?1",
                "DELETE FROM customer_search WHERE customer = ?1",
                "DELETE FROM customers WHERE id = ?1",
            ] {
                tx.prepare_cached(sql)
                    .and_then(|mut s| s.execute([id]))
                    .map_err(fail)?;
            }
            erased.push(erasure.code.clone());
        }
        tx.prepare_cached(
            "INSERT OR IGNORE INTO erasures (record_id, code, erased_at) VALUES (?1, ?2, ?3)",
        )
        .and_then(|mut s| {
            s.execute(rusqlite::params![
                erasure.record_id,
                erasure.code,
                erasure.erased_at
            ])
        })
        .map_err(fail)?;
    }
    tx.commit().map_err(fail)?;
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .map_err(fail)?;
    conn.close().map_err(|(_, e)| fail(e))?;
    Ok(erased)
}
