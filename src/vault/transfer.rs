//! Many customers at once: `import` in one all-or-nothing transaction, and `export` in
//! batches, so neither holds a whole vault in memory.

use super::column::{Column, row_context};
use super::record::{Customer, CustomerData};
use super::row::{SELECT_COLUMNS, SealedRow, Sealer, malformed_row, tampered};
use super::store::{
    NewRow, Prepared, code_taken, insert_prepared, is_code_clash, prepare, sealed_row, update_row,
};
use super::{Vault, code, now_utc};
use crate::crypto::pseudonym::PseudonymKey;
use crate::error::{Error, Result};
use crate::privacy::normalize::fold;

/// What `import` does with a row whose e-mail or phone is already in the vault.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OnDuplicate {
    /// The row is an error, and nothing is imported.
    Error,
    /// The row is left out.
    Skip,
    /// The existing customer takes the row's values.
    Update,
}

/// One parsed row of an import file.
pub struct ImportRow {
    /// The row's line (CSV) or record number (JSON), for error messages.
    pub line: u64,
    pub data: CustomerData,
    pub code: Option<String>,
    pub created: Option<String>,
    pub updated: Option<String>,
}

/// Why a row cannot be imported; never carries the value itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub field: String,
    pub reason: String,
}

#[derive(Debug, Default)]
pub struct ImportSummary {
    pub added: u64,
    pub updated: u64,
    pub skipped: u64,
    /// The first bad rows (at most [`MAX_REPORTED_ERRORS`]).
    pub errors: Vec<RowError>,
    /// How many rows were bad in all.
    pub error_count: u64,
}

/// Bad rows listed in full; the rest are counted.
pub const MAX_REPORTED_ERRORS: usize = 20;

/// Which customers an export covers.
#[derive(Default)]
pub struct ExportFilter {
    pub tag: Option<String>,
    pub owner: Option<String>,
}

/// Rows handed from the sealing thread to the writing one at a time.
const IMPORT_BATCH: usize = 512;

/// A row of the import file, sealed (or refused) on the reading thread.
enum Staged {
    Row(u64, Box<Prepared>),
    Bad(RowError),
}

/// Who holds an e-mail address or phone number already.
#[derive(Clone, Copy, Debug)]
enum Owner {
    /// A customer in the vault (or written earlier in this import): its row id.
    Row(i64),
    /// An earlier row of the file that was not written (the import already failed).
    Line(u64),
}

impl Owner {
    /// Eight bytes in memory: row ids are positive, lines are stored negated.
    fn pack(self) -> i64 {
        match self {
            Owner::Row(id) => id,
            Owner::Line(line) => -i64::try_from(line).unwrap_or(i64::MAX),
        }
    }

    fn unpack(packed: i64) -> Self {
        if packed > 0 {
            Owner::Row(packed)
        } else {
            Owner::Line(packed.unsigned_abs())
        }
    }
}

/// The e-mail addresses and phones seen so far, under a keyed 64-bit hash (values are
/// not kept), in 16-byte entries. The map is split in shards that grow one at a time,
/// so growing never holds two copies of the whole table: a million customers take
/// some 50 MB.
struct Contacts {
    hasher: std::hash::RandomState,
    shards: Vec<std::collections::HashMap<u64, i64>>,
}

/// Shards of [`Contacts`]: a power of two.
const CONTACT_SHARDS: usize = 32;

impl Default for Contacts {
    fn default() -> Self {
        Self {
            hasher: std::hash::RandomState::new(),
            shards: (0..CONTACT_SHARDS)
                .map(|_| std::collections::HashMap::new())
                .collect(),
        }
    }
}

impl Contacts {
    fn key(&self, column: Column, value: &str) -> u64 {
        use std::hash::BuildHasher;
        self.hasher.hash_one((column == Column::Email, value))
    }

    fn shard(key: u64) -> usize {
        // The top bits: the shard's own hash map uses (a rehash of) the low ones.
        (key >> 59) as usize % CONTACT_SHARDS
    }

    fn insert(&mut self, column: Column, value: &str, owner: Owner) {
        let key = self.key(column, value);
        self.shards[Self::shard(key)].insert(key, owner.pack());
    }

    fn add(&mut self, data: &CustomerData, owner: Owner) {
        if let Some(email) = &data.email {
            self.insert(Column::Email, email, owner);
        }
        if let Some(phone) = &data.phone {
            self.insert(Column::Phone, phone, owner);
        }
    }

    fn get(&self, column: Column, value: &str) -> Option<Owner> {
        let key = self.key(column, value);
        self.shards[Self::shard(key)]
            .get(&key)
            .copied()
            .map(Owner::unpack)
    }
}

impl ImportSummary {
    fn fail(&mut self, error: RowError) {
        self.error_count += 1;
        if self.errors.len() < MAX_REPORTED_ERRORS {
            self.errors.push(error);
        }
    }
}

impl Vault {
    /// The key of stable pseudonyms for this vault.
    pub fn pseudonym_key(&self) -> PseudonymKey {
        PseudonymKey::new(&self.master.data_keys(self.epoch).pseudonym_key())
    }

    /// Imports `rows` in one transaction: when any row is bad, nothing is written and
    /// the summary lists the bad rows. `dry_run` checks everything and writes nothing.
    /// `progress` is told how many rows are done.
    ///
    /// Rows are read, validated and sealed on one thread while this one checks them for
    /// duplicates and writes them, so both cores work.
    pub fn import(
        &mut self,
        rows: impl Iterator<Item = std::result::Result<ImportRow, RowError>> + Send,
        on_duplicate: OnDuplicate,
        dry_run: bool,
        progress: &dyn Fn(u64),
    ) -> Result<ImportSummary> {
        let fail = |e| Error::db("importing", e);
        // A bigger page cache for the bulk insert: the indexes of random keys stay in
        // memory instead of being re-read for every row.
        self.conn
            .pragma_update(None, "cache_size", -65_536)
            .map_err(fail)?;
        self.conn.execute_batch("BEGIN IMMEDIATE").map_err(fail)?;
        let mut result = self.import_rows(rows, on_duplicate, progress);
        let keep = matches!(&result, Ok(summary) if summary.error_count == 0) && !dry_run;
        if keep && let Ok(summary) = &result {
            let event = self
                .audit
                .event()
                .count("added", summary.added)
                .count("updated", summary.updated)
                .count("skipped", summary.skipped);
            if let Err(e) = self.audit.append(&self.conn, event) {
                result = Err(e);
            }
        }
        let keep = keep && result.is_ok();
        self.conn
            .execute_batch(if keep { "COMMIT" } else { "ROLLBACK" })
            .map_err(fail)?;
        result
    }

    fn import_rows(
        &self,
        rows: impl Iterator<Item = std::result::Result<ImportRow, RowError>> + Send,
        on_duplicate: OnDuplicate,
        progress: &dyn Fn(u64),
    ) -> Result<ImportSummary> {
        let sealer = Sealer {
            ciphers: &self.ciphers,
            blind: &self.blind,
            bits: self.blind_bits,
        };
        let mut seen = self.existing_contacts()?;
        let now = now_utc();
        std::thread::scope(|scope| {
            let (batches, received) = std::sync::mpsc::sync_channel::<Vec<Staged>>(8);
            let (sealer, now) = (&sealer, &now);
            scope.spawn(move || {
                let mut batch = Vec::with_capacity(IMPORT_BATCH);
                for row in rows {
                    batch.push(match row {
                        Ok(row) => {
                            let line = row.line;
                            let new = NewRow {
                                data: row.data,
                                code: row.code,
                                created: row.created,
                                updated: row.updated,
                            };
                            Staged::Row(line, Box::new(prepare(sealer, new, now)))
                        }
                        Err(error) => Staged::Bad(error),
                    });
                    if batch.len() == IMPORT_BATCH {
                        let full = std::mem::replace(&mut batch, Vec::with_capacity(IMPORT_BATCH));
                        if batches.send(full).is_err() {
                            return; // the writer stopped on an error
                        }
                    }
                }
                let _ = batches.send(batch);
            });
            let mut summary = ImportSummary::default();
            let mut done = 0;
            for batch in received {
                for staged in batch {
                    done += 1;
                    match staged {
                        Staged::Bad(error) => summary.fail(error),
                        Staged::Row(line, prepared) => {
                            self.write_row(
                                line,
                                *prepared,
                                sealer,
                                on_duplicate,
                                &mut seen,
                                &mut summary,
                            )?;
                        }
                    }
                }
                progress(done);
            }
            Ok(summary)
        })
    }

    /// Checks one prepared row for duplicates and writes it (unless an earlier row was
    /// bad: then only checks continue, so every bad row is listed).
    fn write_row(
        &self,
        line: u64,
        mut prepared: Prepared,
        sealer: &Sealer<'_>,
        on_duplicate: OnDuplicate,
        seen: &mut Contacts,
        summary: &mut ImportSummary,
    ) -> Result<()> {
        let fail = |e| Error::db("importing", e);
        let row_error = |field: &str, reason: &str| RowError {
            line,
            field: field.into(),
            reason: reason.into(),
        };
        let writing = summary.error_count == 0;
        if prepared.code_given && code_taken(&self.conn, &prepared.code).map_err(fail)? {
            summary.fail(row_error("code", "is already used by another customer"));
            return Ok(());
        }
        match (self.duplicate_of(seen, &prepared.data)?, on_duplicate) {
            (None, _) => {
                let owner = if writing {
                    loop {
                        match insert_prepared(&self.conn, &prepared) {
                            Ok(id) => break Owner::Row(id),
                            Err(e) if is_code_clash(&e) && !prepared.code_given => {
                                prepared.redraw_code(sealer);
                            }
                            Err(e) => return Err(fail(e)),
                        }
                    }
                } else {
                    Owner::Line(line)
                };
                seen.add(&prepared.data, owner);
                summary.added += 1;
            }
            (Some(existing), OnDuplicate::Error) => {
                let whose = match existing {
                    Owner::Row(id) => format!("customer {}", self.code_of(id)?),
                    Owner::Line(other) => format!("line {other}"),
                };
                summary.fail(row_error(
                    "email/phone",
                    &format!("duplicates {whose} (use --on-duplicate skip or update)"),
                ));
            }
            (Some(_), OnDuplicate::Skip) => summary.skipped += 1,
            (Some(existing), OnDuplicate::Update) => {
                if writing && let Owner::Row(id) = existing {
                    let code = self.code_of(id)?;
                    let stored = sealed_row(&self.conn, &code)?;
                    let key = (stored.id, &stored.record_id, stored.code.as_str());
                    update_row(&self.conn, sealer, key, &prepared.data, &now_utc())
                        .map_err(fail)?;
                    seen.add(&prepared.data, existing);
                }
                summary.updated += 1;
            }
        }
        Ok(())
    }

    fn code_of(&self, id: i64) -> Result<String> {
        self.conn
            .prepare_cached("SELECT code FROM customers WHERE id = ?1")
            .and_then(|mut s| s.query_row([id], |r| r.get(0)))
            .map_err(|e| Error::db("looking for duplicates", e))
    }

    /// The e-mail addresses and phones of the customers already in the vault, each
    /// decrypted once, so a bulk import probes memory instead of the indexes.
    fn existing_contacts(&self) -> Result<Contacts> {
        let mut contacts = Contacts::default();
        let fail = |e| Error::db("looking for duplicates", e);
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, record_id, code, retain_until, email, phone FROM customers
                 WHERE email IS NOT NULL OR phone IS NOT NULL",
            )
            .map_err(fail)?;
        let mut rows = stmt.query([]).map_err(fail)?;
        while let Some(row) = rows.next().map_err(fail)? {
            let id: i64 = row.get(0).map_err(malformed_row)?;
            for (index, column) in [(4, Column::Email), (5, Column::Phone)] {
                if let Some(value) = self.open_cell(row, 1, index, column)? {
                    contacts.insert(column, &value, Owner::Row(id));
                }
            }
        }
        Ok(contacts)
    }

    /// Who a row duplicates: the customer (or earlier row of the file) with the same
    /// e-mail, else the same phone. A match in memory is confirmed against the stored
    /// value, so a collision of the in-memory hash cannot make a false duplicate.
    fn duplicate_of(&self, seen: &Contacts, data: &CustomerData) -> Result<Option<Owner>> {
        for (column, value) in [(Column::Email, &data.email), (Column::Phone, &data.phone)] {
            let Some(value) = value else { continue };
            match seen.get(column, value) {
                Some(Owner::Row(id))
                    if self.stored_value(id, column)?.as_deref() == Some(value) =>
                {
                    return Ok(Some(Owner::Row(id)));
                }
                Some(Owner::Line(line)) => return Ok(Some(Owner::Line(line))),
                _ => {}
            }
        }
        Ok(None)
    }

    /// The decrypted value of one column of row `id`.
    fn stored_value(&self, id: i64, column: Column) -> Result<Option<String>> {
        let sql = format!(
            "SELECT record_id, code, retain_until, {} FROM customers WHERE id = ?1",
            column.as_str()
        );
        let fail = |e| Error::db("looking for duplicates", e);
        let mut stmt = self.conn.prepare_cached(&sql).map_err(fail)?;
        let mut rows = stmt.query([id]).map_err(fail)?;
        let Some(row) = rows.next().map_err(fail)? else {
            return Ok(None);
        };
        self.open_cell(row, 0, 3, column)
    }

    /// Opens the sealed `column` at `sealed_at` of a row that has `record_id, code,
    /// retain_until` from `identity_at` on (all a seal is bound to).
    fn open_cell(
        &self,
        row: &rusqlite::Row<'_>,
        identity_at: usize,
        sealed_at: usize,
        column: Column,
    ) -> Result<Option<String>> {
        let Some(sealed) = row
            .get::<_, Option<Vec<u8>>>(sealed_at)
            .map_err(malformed_row)?
        else {
            return Ok(None);
        };
        let record_id: Vec<u8> = row.get(identity_at).map_err(malformed_row)?;
        let record_id: [u8; 16] = record_id
            .try_into()
            .map_err(|_| malformed_row("record id"))?;
        let code: String = row.get(identity_at + 1).map_err(malformed_row)?;
        let retain_until: Option<String> = row.get(identity_at + 2).map_err(malformed_row)?;
        let context = row_context(&code, retain_until.as_deref());
        let plain = self
            .ciphers
            .open(column, &record_id, &context, &sealed)
            .map_err(|e| tampered(&code, column, e))?;
        Ok(Some(String::from_utf8_lossy(&plain).into_owned()))
    }

    /// Calls `write` with the customers `filter` selects, oldest first, `batch` at a
    /// time. Returns how many were written.
    ///
    /// A second thread decrypts each batch while this one reads the next from SQLite and
    /// writes the one before, so reading, decrypting and writing overlap.
    pub fn export(
        &self,
        filter: &ExportFilter,
        batch: usize,
        mut write: impl FnMut(Vec<Customer>) -> Result<()>,
    ) -> Result<u64> {
        let tag_index = filter
            .tag
            .as_deref()
            .map(|t| self.blind.tag.index(&fold(t), self.blind_bits));
        let owner_index = filter
            .owner
            .as_deref()
            .map(|o| self.blind.owner.index(&fold(o), self.blind_bits));
        let sql = format!(
            "SELECT {SELECT_COLUMNS} FROM customers
             WHERE id > ?1
               AND (?2 IS NULL OR id IN (SELECT customer FROM customer_tags WHERE bi_tag = ?2))
               AND (?3 IS NULL OR bi_owner = ?3)
             ORDER BY id LIMIT ?4"
        );
        let limit = i64::try_from(batch).unwrap_or(i64::MAX);
        let keep = |c: &Customer| {
            filter
                .tag
                .as_deref()
                .is_none_or(|t| c.data.tags.iter().any(|x| fold(x) == fold(t)))
                && filter
                    .owner
                    .as_deref()
                    .is_none_or(|o| c.data.owner.as_deref().map(fold) == Some(fold(o)))
        };
        let ciphers = &self.ciphers;
        std::thread::scope(|scope| {
            let (sealed_tx, sealed_rx) = std::sync::mpsc::sync_channel::<Vec<SealedRow>>(2);
            let (opened_tx, opened_rx) = std::sync::mpsc::sync_channel::<Result<Vec<Customer>>>(2);
            scope.spawn(move || {
                for rows in sealed_rx {
                    let opened = rows.into_iter().map(|r| r.open(ciphers)).collect();
                    if opened_tx.send(opened).is_err() {
                        break;
                    }
                }
            });
            let mut sealed_tx = Some(sealed_tx);
            let (mut after, mut total, mut in_flight) = (0i64, 0u64, 0usize);
            loop {
                if let Some(tx) = &sealed_tx {
                    let rows = self.query_rows(
                        &sql,
                        rusqlite::params![after, tag_index, owner_index, limit],
                    )?;
                    match rows.last() {
                        Some(last) => {
                            after = last.id;
                            // The decrypting thread only stops early when this one does.
                            if tx.send(rows).is_ok() {
                                in_flight += 1;
                            }
                        }
                        None => sealed_tx = None,
                    }
                }
                // Keep two batches ahead while there is more to read.
                if in_flight == 0 || (sealed_tx.is_some() && in_flight < 2) {
                    if sealed_tx.is_none() {
                        return Ok(total);
                    }
                    continue;
                }
                let opened = opened_rx.recv().map_err(|_| Error::Tampered {
                    what: "decrypting the export stopped".into(),
                })??;
                in_flight -= 1;
                let customers: Vec<Customer> = opened.into_iter().filter(|c| keep(c)).collect();
                total += customers.len() as u64;
                write(customers)?;
            }
        })
    }
}

/// Checks a code given in an import file: well formed, written canonically.
pub fn import_code(text: &str) -> Option<String> {
    code::parse(text)
}
