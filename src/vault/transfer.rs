//! Many customers at once: `import` in one all-or-nothing transaction, and `export` in
//! batches, so neither holds a whole vault in memory.

use super::column::{Column, row_context};
use super::record::{Customer, CustomerData};
use super::row::{SELECT_COLUMNS, Sealer, malformed_row, open_rows, tampered};
use super::store::{NewRow, code_taken, insert_row, sealed_row, update_row};
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

    /// The code of the existing customer a row duplicates: same e-mail, else same
    /// phone. Only that one column of the index's candidates is decrypted.
    fn duplicate_of(&self, data: &CustomerData) -> Result<Option<String>> {
        let lookups = [
            (&self.blind.email, "bi_email", Column::Email, &data.email),
            (&self.blind.phone, "bi_phone", Column::Phone, &data.phone),
        ];
        for (key, index_column, column, value) in lookups {
            // Imported values are already canonical (validated like `add`).
            let Some(value) = value else { continue };
            let sql = format!(
                "SELECT record_id, code, retain_until, {} FROM customers WHERE {index_column} = ?1",
                column.as_str()
            );
            let fail = |e| Error::db("looking for duplicates", e);
            let mut stmt = self.conn.prepare_cached(&sql).map_err(fail)?;
            let mut rows = stmt
                .query([key.index(value, self.blind_bits)])
                .map_err(fail)?;
            while let Some(row) = rows.next().map_err(fail)? {
                let record_id: Vec<u8> = row.get(0).map_err(malformed_row)?;
                let record_id: [u8; 16] = record_id
                    .try_into()
                    .map_err(|_| malformed_row("record id"))?;
                let code: String = row.get(1).map_err(malformed_row)?;
                let retain_until: Option<String> = row.get(2).map_err(malformed_row)?;
                let sealed: Vec<u8> = row.get(3).map_err(malformed_row)?;
                let context = row_context(&code, retain_until.as_deref());
                let plain = self
                    .ciphers
                    .open(column, &record_id, &context, &sealed)
                    .map_err(|e| tampered(&code, column, e))?;
                if plain == value.as_bytes() {
                    return Ok(Some(code));
                }
            }
        }
        Ok(None)
    }

    /// Imports `rows` in one transaction: when any row is bad, nothing is written and
    /// the summary lists the bad rows. `dry_run` checks everything and writes nothing.
    /// `progress` is told how many rows are done.
    pub fn import(
        &mut self,
        rows: impl Iterator<Item = std::result::Result<ImportRow, RowError>>,
        on_duplicate: OnDuplicate,
        dry_run: bool,
        progress: &dyn Fn(u64),
    ) -> Result<ImportSummary> {
        let fail = |e| Error::db("importing", e);
        // A bigger page cache for the bulk insert: the indexes of random keys stay in
        // memory instead of being re-read for every row.
        self.conn
            .pragma_update(None, "cache_size", -131_072)
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
        rows: impl Iterator<Item = std::result::Result<ImportRow, RowError>>,
        on_duplicate: OnDuplicate,
        progress: &dyn Fn(u64),
    ) -> Result<ImportSummary> {
        let fail = |e| Error::db("importing", e);
        let sealer = Sealer {
            ciphers: &self.ciphers,
            blind: &self.blind,
            bits: self.blind_bits,
        };
        let mut summary = ImportSummary::default();
        for (done, row) in rows.enumerate() {
            progress(done as u64 + 1);
            let row = match row {
                Ok(row) => row,
                Err(error) => {
                    summary.fail(error);
                    continue;
                }
            };
            let line = row.line;
            let row_error = |field: &str, reason: &str| RowError {
                line,
                field: field.into(),
                reason: reason.into(),
            };
            if let Some(code) = &row.code
                && code_taken(&self.conn, code).map_err(fail)?
            {
                summary.fail(row_error("code", "is already used by another customer"));
                continue;
            }
            match (self.duplicate_of(&row.data)?, on_duplicate) {
                (None, _) => {
                    if summary.error_count == 0 {
                        let new = NewRow {
                            data: row.data,
                            code: row.code,
                            created: row.created,
                            updated: row.updated,
                        };
                        insert_row(&self.conn, &sealer, new).map_err(fail)?;
                    }
                    summary.added += 1;
                }
                (Some(existing), OnDuplicate::Error) => summary.fail(row_error(
                    "email/phone",
                    &format!("duplicates customer {existing} (use --on-duplicate skip or update)"),
                )),
                (Some(_), OnDuplicate::Skip) => summary.skipped += 1,
                (Some(existing), OnDuplicate::Update) => {
                    if summary.error_count == 0 {
                        let stored = sealed_row(&self.conn, &existing)?;
                        let key = (stored.id, &stored.record_id, stored.code.as_str());
                        update_row(&self.conn, &sealer, key, &row.data, &now_utc())
                            .map_err(fail)?;
                    }
                    summary.updated += 1;
                }
            }
        }
        Ok(summary)
    }

    /// Calls `write` with the customers `filter` selects, oldest first, `batch` at a
    /// time. Returns how many were written.
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
        let (mut after, mut total) = (0i64, 0u64);
        loop {
            let limit = i64::try_from(batch).unwrap_or(i64::MAX);
            let rows = self.query_rows(
                &sql,
                rusqlite::params![after, tag_index, owner_index, limit],
            )?;
            let Some(last) = rows.last() else {
                return Ok(total);
            };
            after = last.id;
            let customers: Vec<Customer> = open_rows(&self.ciphers, rows)?
                .into_iter()
                .filter(|c| {
                    filter
                        .tag
                        .as_deref()
                        .is_none_or(|t| c.data.tags.iter().any(|x| fold(x) == fold(t)))
                })
                .filter(|c| {
                    filter
                        .owner
                        .as_deref()
                        .is_none_or(|o| c.data.owner.as_deref().map(fold) == Some(fold(o)))
                })
                .collect();
            total += customers.len() as u64;
            write(customers)?;
        }
    }
}

/// Checks a code given in an import file: well formed, written canonically.
pub fn import_code(text: &str) -> Option<String> {
    code::parse(text)
}
