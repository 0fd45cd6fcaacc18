//! The SQLite schema of a vault, its identification and migrations.

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::{Error, Result};

/// `PRAGMA application_id`: "SBK1", so `file(1)` and sealbook can tell a vault apart
/// from any other SQLite file.
pub const APPLICATION_ID: i32 = 0x5342_4B31;
/// `PRAGMA user_version`: the schema version this sealbook writes.
pub const SCHEMA_VERSION: i64 = 4;

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

/// What `restore` carries of the replaced vault's staff journals for the next unlock
/// (like `restore_carried`): each entry with its author's name and signing key as that
/// vault's roster had them, and the signature it chains on. Part of version 4, and made
/// by `restore` in an older archive that lacks it.
pub const RESTORE_STAFF_TABLE: &str = "
CREATE TABLE IF NOT EXISTS restore_carried_staff (
    staff      INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    name       TEXT NOT NULL,
    verify_key BLOB,
    at         TEXT NOT NULL,
    os_user    TEXT NOT NULL,
    command    TEXT NOT NULL,
    codes      TEXT NOT NULL,
    counts     TEXT NOT NULL,
    signature  BLOB NOT NULL,
    previous   BLOB NOT NULL,
    PRIMARY KEY (staff, seq)
) WITHOUT ROWID;
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

/// Version 3: a version per customer row, bound into every seal of the row and counted
/// in the vault's state digest, so an older copy of a row or cell is refused; and the
/// tables a restore leaves for the next unlock. The re-sealing that goes with it needs
/// the key, and is done by the vault at its first unlock (`Vault::upgrade_to_v3`).
const SCHEMA_V3: &str = "
ALTER TABLE customers ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
";

/// Version 4: staff with their own keys (`vault::staff`, `docs/access.md`). Each customer
/// row names its group (0: held by no staff member); the roster lists managers and staff
/// with their slots; each staff member's group key is wrapped for the owner, and the
/// group's own state (its customers' digest, its audit journal's head) is MACed under
/// it; staff members' audit entries are signed by their own keys. The audit log names
/// the manager who wrote an owner-chain entry.
const SCHEMA_V4: &str = "
ALTER TABLE customers ADD COLUMN grp INTEGER NOT NULL DEFAULT 0;
CREATE INDEX customers_grp ON customers (grp);
ALTER TABLE audit ADD COLUMN actor TEXT;
ALTER TABLE restore_carried ADD COLUMN actor TEXT;

CREATE TABLE staff (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    role        TEXT NOT NULL,
    added       TEXT NOT NULL,
    removed     TEXT,
    verify_key  BLOB,
    -- The X25519 public key new keys reach a staff member through (after a rekey).
    delivery_key BLOB,
    memory_kib  INTEGER NOT NULL,
    iterations  INTEGER NOT NULL,
    parallelism INTEGER NOT NULL,
    salt        BLOB NOT NULL,
    key_file    INTEGER NOT NULL,
    wrapped     BLOB NOT NULL,
    -- A removed staff member's journal as it was at removal: its length and last
    -- signature, which no one can extend or cut from then on.
    final_count INTEGER,
    final_head  BLOB
);

-- One group per staff member (the group id is the staff member's id). The group key is
-- wrapped under the master key; the rest changes with every write to the group and is
-- MACed under the group key.
CREATE TABLE staff_groups (
    id            INTEGER PRIMARY KEY,
    wrapped       BLOB NOT NULL,
    writes        INTEGER NOT NULL,
    customers     BLOB NOT NULL,
    journal_count INTEGER NOT NULL,
    journal_head  BLOB NOT NULL,
    mac           BLOB NOT NULL,
    -- A new group key and identity public key waiting for the staff member's next
    -- unlock, wrapped to their delivery key (after a rekey); NULL when none waits.
    delivery      BLOB
);

-- A staff member's audit entries: codes and counts only, like the log, each signed by
-- its author and chained on the previous signature.
CREATE TABLE staff_audit (
    staff     INTEGER NOT NULL,
    seq       INTEGER NOT NULL,
    at        TEXT NOT NULL,
    os_user   TEXT NOT NULL,
    command   TEXT NOT NULL,
    codes     TEXT NOT NULL,
    counts    TEXT NOT NULL,
    signature BLOB NOT NULL,
    PRIMARY KEY (staff, seq)
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
    create_objects(conn, SCHEMA_VERSION)?;
    conn.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    Ok(())
}

/// Creates the tables and indexes of schema `version`, exactly as a vault that was
/// created at version 1 and upgraded would have them.
fn create_objects(conn: &Connection, version: i64) -> rusqlite::Result<()> {
    conn.execute_batch(SCHEMA_V1)?;
    if version >= 2 {
        conn.execute_batch(SCHEMA_V2)?;
    }
    if version >= 3 {
        conn.execute_batch(SCHEMA_V3)?;
        conn.execute_batch(RESTORE_TABLES)?;
    }
    if version >= 4 {
        conn.execute_batch(SCHEMA_V4)?;
        conn.execute_batch(RESTORE_STAFF_TABLE)?;
    }
    Ok(())
}

/// One object of a database's schema: type, name, table and (normalised) definition.
type SchemaObject = (String, String, String, String);

fn normalise_sql(sql: &str) -> String {
    sql.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("IF NOT EXISTS ", "")
}

fn objects(conn: &Connection) -> rusqlite::Result<Vec<SchemaObject>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema ORDER BY type, name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            normalise_sql(&r.get::<_, String>(3)?),
        ))
    })?;
    rows.collect()
}

/// Checks that the vault holds exactly sealbook's tables and indexes for its schema
/// version: a trigger, view, table or index anyone else added (a trigger that copies
/// rows before `erase` deletes them, say) is an integrity error (exit 5). Needs no key.
pub fn check_objects(conn: &Connection) -> Result<()> {
    let tampered = |what: String| Error::Tampered { what };
    let found = objects(conn).map_err(|e| tampered(format!("the schema cannot be read ({e})")))?;
    let version = version(conn)?;
    let fresh = Connection::open_in_memory()
        .and_then(|fresh| create_objects(&fresh, version).map(|()| fresh))
        .map_err(|e| Error::db("building the expected schema", e))?;
    let expected = objects(&fresh).map_err(|e| Error::db("building the expected schema", e))?;
    // A restore of an older archive leaves its tables for the next unlock to upgrade.
    let restore_tables = Connection::open_in_memory()
        .and_then(|c| {
            c.execute_batch(RESTORE_TABLES)
                .and_then(|()| c.execute_batch(RESTORE_STAFF_TABLE))
                .and_then(|()| objects(&c))
        })
        .map_err(|e| Error::db("building the expected schema", e))?;
    for object in &found {
        if !expected.contains(object) && !restore_tables.contains(object) {
            let (kind, name, table, _) = object;
            return Err(tampered(format!(
                "the vault holds a {kind} \"{name}\" on \"{table}\" that sealbook did not \
                 create (or one of its own was redefined); a trigger or view can copy or \
                 change customers behind sealbook's back"
            )));
        }
    }
    if let Some((kind, name, _, _)) = expected.iter().find(|o| !found.contains(o)) {
        return Err(tampered(format!(
            "the vault's {kind} \"{name}\" is missing"
        )));
    }
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

/// Brings a version 2 vault's tables to version 3, inside the caller's transaction (the
/// caller then re-seals every row and writes the state digests).
pub fn migrate_v2(conn: &Connection) -> Result<()> {
    conn.execute_batch(SCHEMA_V3)
        .and_then(|()| conn.execute_batch(RESTORE_TABLES))
        .and_then(|()| conn.pragma_update(None, "user_version", 3))
        .map_err(|e| Error::db("upgrading the vault to schema version 3", e))
}

/// Brings a version 3 vault's tables to version 4, inside the caller's transaction (the
/// caller then records the empty roster in the header).
pub fn migrate_v3(conn: &Connection) -> Result<()> {
    conn.execute_batch(SCHEMA_V4)
        .and_then(|()| conn.execute_batch(RESTORE_STAFF_TABLE))
        .and_then(|()| conn.pragma_update(None, "user_version", 4))
        .map_err(|e| Error::db("upgrading the vault to schema version 4", e))
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
