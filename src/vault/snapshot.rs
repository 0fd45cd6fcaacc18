//! Consistent copies of a vault file, and checks of a vault file that need no key:
//! what `backup`, `restore` and `verify ARCHIVE` ask of the database.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

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
