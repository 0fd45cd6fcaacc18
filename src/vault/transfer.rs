//! Many customers at once: `import` in one all-or-nothing transaction, and `export` in
//! batches, so neither holds a whole vault in memory.

use super::column::{Column, row_context};
use super::record::{Customer, CustomerData};
use super::row::{SELECT_COLUMNS, SealedRow, Sealer, malformed_row, tampered};
use super::store::{
    NewRow, Prepared, code_taken, insert_prepared, is_code_clash, prepare, sealed_row, update_row,
};
use super::{Vault, code, now_utc, pipeline};
use crate::crypto::pseudonym::PseudonymKey;
use crate::error::{Error, Result};
use crate::privacy::normalize::fold;
use std::sync::mpsc;

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
    /// The search forms of `data.phone`, found while checking it.
    pub phone_forms: Option<String>,
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

/// Rows of an import passed between its threads at a time.
const IMPORT_BATCH: usize = 512;

/// A row of the import file, sealed (or refused) by a worker.
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
/// some 70 MB.
struct Contacts {
    hasher: std::hash::RandomState,
    shards: Vec<std::collections::HashMap<u64, i64>>,
    written: WrittenLines,
}

/// The file lines of the rows this import has written, by row id: a row that duplicates
/// one of them is told its line, since the customer it would name is gone once the
/// failed import is rolled back. Eight bytes a row.
#[derive(Default)]
struct WrittenLines {
    first_id: i64,
    lines: Vec<u64>,
}

impl WrittenLines {
    fn record(&mut self, id: i64, line: u64) {
        if self.lines.is_empty() {
            self.first_id = id;
        }
        // The inserts of one transaction take consecutive ids; were one ever skipped,
        // later rows would be named by code instead.
        if usize::try_from(id - self.first_id).ok() == Some(self.lines.len()) {
            self.lines.push(line);
        }
    }

    fn line_of(&self, id: i64) -> Option<u64> {
        let index = usize::try_from(id.checked_sub(self.first_id)?).ok()?;
        self.lines.get(index).copied()
    }
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
            written: WrittenLines::default(),
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
    /// `rows` are read on one thread and passed through `check` and sealed on the
    /// others, while this one checks them for duplicates and writes them in file order,
    /// so every core works.
    pub fn import<R: Send>(
        &mut self,
        rows: impl Iterator<Item = R> + Send,
        check: &(dyn Fn(R) -> std::result::Result<ImportRow, RowError> + Sync),
        on_duplicate: OnDuplicate,
        dry_run: bool,
        progress: &dyn Fn(u64),
    ) -> Result<ImportSummary> {
        let fail = |e| Error::db("importing", e);
        // A bigger page cache for the bulk insert, so more of the indexes of random keys
        // stay in memory. 40 MiB, beside some 70 MB of known contacts at a million
        // customers, keeps an import under 170 MiB; doubling it gained about 6%.
        self.conn
            .pragma_update(None, "cache_size", -40_960)
            .map_err(fail)?;
        self.conn.execute_batch("BEGIN IMMEDIATE").map_err(fail)?;
        let mut result = self.import_rows(rows, check, on_duplicate, progress);
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

    fn import_rows<R: Send>(
        &self,
        rows: impl Iterator<Item = R> + Send,
        check: &(dyn Fn(R) -> std::result::Result<ImportRow, RowError> + Sync),
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
        let (sealer, now) = (&sealer, now.as_str());
        let stage = |row: R| match check(row) {
            Ok(row) => {
                let line = row.line;
                let new = NewRow {
                    data: row.data,
                    phone_forms: row.phone_forms,
                    code: row.code,
                    created: row.created,
                    updated: row.updated,
                };
                Staged::Row(line, Box::new(prepare(sealer, new, now)))
            }
            Err(error) => Staged::Bad(error),
        };
        let check_batch = |raw: Vec<R>| raw.into_iter().map(stage).collect::<Vec<Staged>>();
        // This thread writes, and needs a core of its own: SQLite is the slowest stage.
        let worker_count = super::cores().saturating_sub(1).clamp(1, 4);
        let (to_check, checking) = mpsc::sync_channel::<(u64, Vec<R>)>(worker_count);
        std::thread::scope(|scope| {
            // Reading the file is sequential and cheap: one thread batches the records.
            scope.spawn(move || send_batches(rows, &to_check));
            // Checking and sealing, the costly part, on the other cores.
            let mut sealing = pipeline::start(scope, worker_count, checking, &check_batch);
            // Duplicate checks and writes, in file order, on this thread.
            let mut summary = ImportSummary::default();
            let mut done = 0;
            while let Some(checked) = sealing.next() {
                let mut batch = checked.output;
                for staged in &mut batch {
                    done += 1;
                    match staged {
                        Staged::Bad(error) => summary.fail(error.clone()),
                        Staged::Row(line, prepared) => {
                            self.write_row(
                                *line,
                                prepared,
                                sealer,
                                on_duplicate,
                                &mut seen,
                                &mut summary,
                            )?;
                        }
                    }
                }
                progress(done);
                sealing.give_back(checked.worker, batch);
            }
            Ok(summary)
        })
    }

    /// Checks one prepared row for duplicates and writes it (unless an earlier row was
    /// bad: then only checks continue, so every bad row is listed).
    fn write_row(
        &self,
        line: u64,
        prepared: &mut Prepared,
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
                        match insert_prepared(&self.conn, prepared) {
                            Ok(id) => {
                                seen.written.record(id, line);
                                break Owner::Row(id);
                            }
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
                    Owner::Row(id) => match seen.written.line_of(id) {
                        Some(other) => format!("line {other}"),
                        None => format!("customer {}", self.code_of(id)?),
                    },
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
    /// time. Returns how many were written. `write` may take the customers out of the
    /// batch; what it leaves is freed by the threads that decrypted it.
    ///
    /// This thread reads batches from SQLite and writes them in order, while a worker
    /// per core (up to four) decrypts the batches in between, so reading, decrypting and writing
    /// overlap.
    pub fn export(
        &self,
        filter: &ExportFilter,
        batch: usize,
        mut write: impl FnMut(&mut Vec<Customer>) -> Result<()>,
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
        // Blind indexes are truncated: drop the customers that only share an index value.
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
        let open_batch = |rows: Vec<SealedRow>| {
            let customers = rows
                .iter()
                .map(|r| r.open(ciphers))
                .filter(|c| c.as_ref().map_or(true, keep))
                .collect();
            Opened { rows, customers }
        };
        let worker_count = super::cores().clamp(1, 4);
        let (to_open, opening) = mpsc::sync_channel::<(u64, Vec<SealedRow>)>(worker_count);
        std::thread::scope(|scope| {
            let mut decrypting = pipeline::start(scope, worker_count, opening, &open_batch);
            let mut to_open = Some(to_open);
            let (mut after, mut total, mut sent, mut written) = (0i64, 0u64, 0u64, 0u64);
            loop {
                // Keep every worker busy and one batch waiting.
                while let Some(tx) = &to_open
                    && sent - written <= worker_count as u64
                {
                    let rows = self.query_rows(
                        &sql,
                        rusqlite::params![after, tag_index, owner_index, limit],
                    )?;
                    let Some(last) = rows.last() else {
                        to_open = None;
                        break;
                    };
                    after = last.id;
                    if tx.send((sent, rows)).is_err() {
                        to_open = None;
                        break;
                    }
                    sent += 1;
                }
                if written == sent {
                    return Ok(total);
                }
                let opened = decrypting.next().ok_or_else(|| Error::Tampered {
                    what: "decrypting the export stopped".into(),
                })?;
                written += 1;
                let Opened { rows, customers } = opened.output;
                // The rows were read on this thread, and are freed here.
                drop(rows);
                let mut customers = customers?;
                total += customers.len() as u64;
                write(&mut customers)?;
                let used = Opened {
                    rows: Vec::new(),
                    customers: Ok(customers),
                };
                decrypting.give_back(opened.worker, used);
            }
        })
    }
}

/// A batch of an export: the rows as read, and their customers decrypted.
struct Opened {
    rows: Vec<SealedRow>,
    customers: Result<Vec<Customer>>,
}

/// Sends `rows` in numbered batches of [`IMPORT_BATCH`], until they end or nobody
/// receives.
fn send_batches<R>(rows: impl Iterator<Item = R>, to: &mpsc::SyncSender<(u64, Vec<R>)>) {
    let mut batch = Vec::with_capacity(IMPORT_BATCH);
    let mut seq = 0;
    for row in rows {
        batch.push(row);
        if batch.len() == IMPORT_BATCH {
            let full = std::mem::replace(&mut batch, Vec::with_capacity(IMPORT_BATCH));
            if to.send((seq, full)).is_err() {
                return; // the workers stopped: the writer failed
            }
            seq += 1;
        }
    }
    let _ = to.send((seq, batch));
}

/// Checks a code given in an import file: well formed, written canonically.
pub fn import_code(text: &str) -> Option<String> {
    code::parse(text)
}
