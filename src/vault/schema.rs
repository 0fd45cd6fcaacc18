//! The SQLite schema of a vault, its identification and migrations.

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::{Error, Result};

/// `PRAGMA application_id`: "SBK1", so `file(1)` and sealbook can tell a vault apart
/// from any other SQLite file.
pub const APPLICATION_ID: i32 = 0x5342_4B31;
/// `PRAGMA user_version`: the schema version this sealbook writes.
pub const SCHEMA_VERSION: i64 = 2;

const SCHEMA_V1: &str = "
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value BLOB NOT NULL
) WITHOUT ROWID;

CREATE TABLE keyslots (
    id          INTEGER PRIMARY KEY,
    label       TEXT NOT NULL,
    memory_kib  INTEGER NOT NULL,
    iterations  INTEGER NOT NULL,
    parallelism INTEGER NOT NULL,
    salt        BLOB NOT NULL,
    key_file    INTEGER NOT NULL,
    wrapped     BLOB NOT NULL,
    created     TEXT NOT NULL
);

-- Personal fields are sealed BLOBs; record_id (random, never reused) binds each seal
-- to its row. Blind indexes are truncated keyed hashes for exact search.
CREATE TABLE customers (
    id             INTEGER PRIMARY KEY,
    record_id      BLOB NOT NULL UNIQUE,
    code           TEXT NOT NULL UNIQUE,
    created        TEXT NOT NULL,
    updated        TEXT NOT NULL,
    retain_until   TEXT,
    name           BLOB NOT NULL,
    email          BLOB,
    phone          BLOB,
    address        BLOB,
    company        BLOB,
    national_id    BLOB,
    account        BLOB,
    notes          BLOB,
    tags           BLOB,
    fields         BLOB,
    owner          BLOB,
    bi_email       INTEGER,
    bi_phone       INTEGER,
    bi_national_id INTEGER,
    bi_account     INTEGER,
    bi_owner       INTEGER
);
-- Plain (not partial) indexes: a partial index makes SQLite re-prepare a statement
-- for every bound value, which costs more than the lookup.
CREATE INDEX customers_bi_email ON customers (bi_email);
CREATE INDEX customers_bi_phone ON customers (bi_phone);
CREATE INDEX customers_bi_national_id ON customers (bi_national_id);
CREATE INDEX customers_bi_account ON customers (bi_account);
CREATE INDEX customers_bi_owner ON customers (bi_owner);
CREATE INDEX customers_retain_until ON customers (retain_until);

-- The sealed, folded text of every field, one row per customer, kept apart so that a
-- substring scan reads a few dozen bytes per customer instead of the whole record.
-- One row per customer, keyed by its row number so bulk imports append. The seal is
-- bound to the record id stored beside it, and search hits are looked up by that id,
-- so a search text moved to another row still names the customer it describes.
CREATE TABLE customer_search (
    customer    INTEGER PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    record_id   BLOB NOT NULL,
    search_text BLOB NOT NULL
);

CREATE TABLE customer_tags (
    bi_tag   INTEGER NOT NULL,
    customer INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    PRIMARY KEY (bi_tag, customer)
) WITHOUT ROWID;
CREATE INDEX customer_tags_customer ON customer_tags (customer);
";

/// The erasure register alone, which a restore adds (without the key) to an older vault
/// it re-applies erasures to; the same statement as in [`SCHEMA_V2`].
pub const ERASURES_TABLE: &str = "
CREATE TABLE IF NOT EXISTS erasures (
    record_id BLOB PRIMARY KEY,
    code      TEXT NOT NULL,
    erased_at TEXT NOT NULL
) WITHOUT ROWID;
";

/// What `restore` leaves in a restored vault for the next unlock (it has no key, so it
/// cannot extend the audit chain itself): the replaced vault's audit entries, and the
/// restore to record. [`crate::vault::Vault`] folds both into the log at unlock and
/// empties the tables. They hold codes and counts only, like the log.
pub const RESTORE_TABLES: &str = "
CREATE TABLE IF NOT EXISTS restore_carried (
    seq     INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    os_user TEXT NOT NULL,
    command TEXT NOT NULL,
    codes   TEXT NOT NULL,
    counts  TEXT NOT NULL,
    mac     BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS restore_pending (
    at      TEXT NOT NULL,
    os_user TEXT NOT NULL,
    details TEXT NOT NULL
);
";

/// Version 2: keyslot kinds (recovery keys), the audit log, and the erasure register
/// that restores re-apply. Applied to new vaults after version 1, and to version 1
/// vaults by [`migrate`] once they are unlocked.
const SCHEMA_V2: &str = "
ALTER TABLE keyslots ADD COLUMN kind TEXT NOT NULL DEFAULT 'passphrase';

-- The hash-chained log: codes and counts only, never a personal value. seq runs from 1
-- with no gaps; the MACed vault header records how many entries there are.
CREATE TABLE audit (
    seq     INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    os_user TEXT NOT NULL,
    command TEXT NOT NULL,
    codes   TEXT NOT NULL,
    counts  TEXT NOT NULL,
    mac     BLOB NOT NULL
);

-- Customers erased from this vault, by their never-reused record id, so a restore of an
-- older backup can erase them again. Holds no personal value.
CREATE TABLE IF NOT EXISTS erasures (
    record_id BLOB PRIMARY KEY,
    code      TEXT NOT NULL,
    erased_at TEXT NOT NULL
) WITHOUT ROWID;
";

/// Settings every connection needs: foreign keys, a busy timeout for concurrent
/// writers, and secure delete so removed values are overwritten, not just unlinked.
pub fn configure_connection(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    // Every statement sealbook runs stays prepared: re-preparing evicted ones cost more
    // than the queries themselves in bulk imports.
    conn.set_prepared_statement_cache_capacity(64);
    // The query planner stability guarantee: without it, the bundled SQLite (built with
    // STAT4) re-prepares a statement whenever a bound blind index value changes.
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.pragma_update(None, "secure_delete", true)?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // 16 MiB of page cache: enough for indexes, small enough that a scan of a large
    // vault stays well under the memory budget.
    conn.pragma_update(None, "cache_size", -16_384)?;
    Ok(())
}

/// Writes the schema of a new vault.
pub fn create(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    conn.execute_batch(SCHEMA_V1)?;
    conn.execute_batch(SCHEMA_V2)?;
    conn.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    Ok(())
}

/// The schema version of an open vault.
pub fn version(conn: &Connection) -> Result<i64> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| Error::db("reading the schema version", e))
}

/// Brings a version 1 vault to version 2, inside the caller's transaction.
pub fn migrate_v1(conn: &Connection) -> Result<()> {
    conn.execute_batch(SCHEMA_V2)
        .and_then(|()| conn.pragma_update(None, "user_version", 2))
        .map_err(|e| Error::db("upgrading the vault to schema version 2", e))
}

/// Checks that `conn` is a sealbook vault this version can read.
pub fn check(conn: &Connection, path: &std::path::Path) -> Result<()> {
    let not_a_vault = |_| Error::NotAVault {
        path: path.to_owned(),
    };
    let app_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(not_a_vault)?;
    if app_id != APPLICATION_ID {
        return Err(Error::NotAVault {
            path: path.to_owned(),
        });
    }
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(not_a_vault)?;
    if version < 1 {
        return Err(Error::NotAVault {
            path: path.to_owned(),
        });
    }
    if version > SCHEMA_VERSION {
        return Err(Error::UnsupportedVersion { found: version });
    }
    Ok(())
}

pub fn meta_get(conn: &Connection, key: &str) -> Result<Option<Vec<u8>>> {
    conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()
        .map_err(|e| Error::db("reading the vault header", e))
}

pub fn meta_set(conn: &Connection, key: &str, value: &[u8]) -> Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )
    .map(|_| ())
    .map_err(|e| Error::db("writing the vault header", e))
}
