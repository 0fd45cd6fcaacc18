//! The files SQLite keeps beside a vault (`-wal`, `-shm`, `-journal`), and the
//! checkpoints that fold the write-ahead log back into the vault file: one home for
//! everything that must know a vault is more than one file.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::{LockedVault, Vault};
use crate::error::{Error, Result};

/// What SQLite may keep beside a database file.
const SIDECARS: [&str; 3] = ["-wal", "-shm", "-journal"];

/// The file `suffix` names beside `path`.
fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Removes a database file and whatever SQLite left beside it.
pub(super) fn remove_with_sidecars(path: &Path) {
    let _ = fs::remove_file(path);
    for suffix in SIDECARS {
        let _ = fs::remove_file(beside(path, suffix));
    }
}

/// Removes the files SQLite may leave beside a scratch copy of a vault (a decrypted
/// archive) when dropped; the copy itself has its own guard.
pub struct Sidecars(pub PathBuf);

impl Drop for Sidecars {
    fn drop(&mut self) {
        for suffix in SIDECARS {
            let _ = fs::remove_file(beside(&self.0, suffix));
        }
    }
}

impl Vault {
    /// Moves the write-ahead log into the vault file and empties it. Readers in other
    /// processes can hold it up; after a few tries this gives up and returns false.
    pub fn checkpoint_truncate(&self) -> Result<bool> {
        for attempt in 0..5 {
            let busy: i64 = self
                .conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))
                .map_err(|e| Error::db("checkpointing the write-ahead log", e))?;
            if busy == 0 {
                return Ok(true);
            }
            std::thread::sleep(Duration::from_millis(20 << attempt));
        }
        Ok(false)
    }
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

/// Links the vault at `target` to `kept` with whatever log it has, after making sure no
/// other process has it open: the log moves with it, since it belongs to the old vault
/// and must not be replayed into the one that replaces it.
pub fn keep_aside(target: &Path, kept: &Path) -> Result<()> {
    let in_use = || Error::VaultInUse {
        path: target.to_owned(),
    };
    let logs = ["-wal", "-shm"];
    let log_left = || logs.iter().any(|s| beside(target, s).exists());
    match checkpoint_file(target) {
        // The last connection to close deletes the log: if it is still there, some
        // other process has the vault open, idle or not.
        Ok(true) if !log_left() => {}
        Ok(_) => return Err(in_use()),
        // A damaged vault cannot be checkpointed; its log moves with it below.
        Err(_) => {}
    }
    fs::hard_link(target, kept)
        .map_err(|e| Error::io(format!("keeping the old vault as {}", kept.display()), e))?;
    for suffix in logs {
        let log = beside(target, suffix);
        if log.exists() {
            fs::rename(&log, beside(kept, suffix))
                .map_err(|e| Error::io(format!("moving {}", log.display()), e))?;
        }
    }
    Ok(())
}
