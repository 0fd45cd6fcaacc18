//! `import`: many customers from a file in one all-or-nothing transaction, matched to
//! the customers already in the vault and merged into them as the user chose, read on
//! one thread, checked and sealed on the others, written in file order.

pub use super::matching::MatchKey;
use super::matching::{Contacts, Holder, Match};
use super::record::CustomerData;
use super::row::Sealer;
use super::store::{NewRow, Prepared, insert_prepared, is_code_clash, prepare, update_row};
use super::{Vault, now_utc};
use crate::code;
use crate::error::{Error, Result};
use crate::pool;

/// What `import` does with a row that matches a customer already in the vault.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnDuplicate {
    /// The row is an error, and nothing is imported.
    Error,
    /// The row is left out.
    Skip,
    /// The existing customer takes the values the row carries; empty cells keep what
    /// is stored, tags are added, custom fields merge by key.
    Update,
}

/// How `import` treats rows that match customers already in the vault.
#[derive(Clone, Debug)]
pub struct ImportOptions {
    pub on_duplicate: OnDuplicate,
    /// The keys a row is matched by, in order of preference.
    pub match_keys: Vec<MatchKey>,
    /// An update replaces the customer's tags with the row's instead of adding them.
    pub replace_tags: bool,
    /// Check everything, list what would change, write nothing.
    pub dry_run: bool,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            on_duplicate: OnDuplicate::Error,
            match_keys: MatchKey::DEFAULT.to_vec(),
            replace_tags: false,
            dry_run: false,
        }
    }
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

/// A customer an import changed (or, in a dry run, would change).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportChange {
    pub code: String,
    /// The file line of the row that changes it.
    pub line: u64,
    /// The names of the fields that change, as in the JSON record.
    pub fields: Vec<&'static str>,
}

#[derive(Debug, Default)]
pub struct ImportSummary {
    pub added: u64,
    pub updated: u64,
    /// Rows that matched a customer and carried nothing new.
    pub unchanged: u64,
    pub skipped: u64,
    /// In a dry run: every customer that would change, and how.
    pub changes: Vec<ImportChange>,
    /// In a dry run: the lines of the rows that would be new customers.
    pub new_lines: Vec<u64>,
    /// The codes of the customers added or changed, for the audit log (none beyond
    /// [`crate::audit::MAX_CODES`]: the log then records the counts alone).
    pub codes: Vec<String>,
    /// The first bad rows (at most [`MAX_REPORTED_ERRORS`]).
    pub errors: Vec<RowError>,
    /// How many rows were bad in all.
    pub error_count: u64,
}

/// Bad rows listed in full; the rest are counted.
pub const MAX_REPORTED_ERRORS: usize = 20;

/// Rows of an import passed between its threads at a time.
const IMPORT_BATCH: usize = 512;

/// A row of the import file, sealed (or refused) by a worker.
enum Staged {
    Row(u64, Box<Prepared>),
    Bad(RowError),
    /// Sealing failed for a reason of the vault, not of the row: the import stops.
    Failed(Error),
}

impl ImportSummary {
    fn fail(&mut self, error: RowError) {
        self.error_count += 1;
        if self.errors.len() < MAX_REPORTED_ERRORS {
            self.errors.push(error);
        }
    }

    fn touched(&mut self, code: &str) {
        if self.codes.len() <= crate::audit::MAX_CODES {
            self.codes.push(code.to_owned());
        }
    }
}

impl Vault {
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
        options: &ImportOptions,
        progress: &dyn Fn(u64),
    ) -> Result<ImportSummary> {
        let fail = |e| Error::db("importing", e);
        // A bigger page cache for the bulk insert, so more of the indexes of random keys
        // stay in memory. 40 MiB, beside some 70 MB of known contacts at a million
        // customers, keeps an import under 170 MiB; doubling it gained about 6%.
        self.conn
            .pragma_update(None, "cache_size", -40_960)
            .map_err(fail)?;
        self.audit.state.discard();
        self.conn.execute_batch("BEGIN IMMEDIATE").map_err(fail)?;
        let mut result = self.import_rows(rows, check, options, progress);
        let keep = matches!(&result, Ok(summary) if summary.error_count == 0) && !options.dry_run;
        if keep && let Ok(summary) = &result {
            let event = self
                .audit
                .event()
                .codes(summary.codes.iter().map(String::as_str))
                .count("added", summary.added)
                .count("updated", summary.updated)
                .count("skipped", summary.skipped);
            if let Err(e) = self.audit.append(&self.conn, event) {
                result = Err(e);
            }
        }
        let keep = keep && result.is_ok();
        if !keep {
            self.audit.state.discard();
        }
        self.conn
            .execute_batch(if keep { "COMMIT" } else { "ROLLBACK" })
            .map_err(fail)?;
        result
    }

    fn import_rows<R: Send>(
        &self,
        rows: impl Iterator<Item = R> + Send,
        check: &(dyn Fn(R) -> std::result::Result<ImportRow, RowError> + Sync),
        options: &ImportOptions,
        progress: &dyn Fn(u64),
    ) -> Result<ImportSummary> {
        let sealer = Sealer {
            ciphers: &self.ciphers,
            group: self.own_group(),
            bits: self.blind_bits,
        };
        let mut seen = self.existing_contacts(&options.match_keys)?;
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
                match prepare(sealer, new, now) {
                    Ok(prepared) => Staged::Row(line, Box::new(prepared)),
                    Err(e) => Staged::Failed(e),
                }
            }
            Err(error) => Staged::Bad(error),
        };
        let check_batch = |raw: Vec<R>| raw.into_iter().map(stage).collect::<Vec<Staged>>();
        // This thread writes, and needs a core of its own: SQLite is the slowest stage.
        let worker_count = pool::cores().saturating_sub(1).clamp(1, 4);
        // Reading the file is sequential and cheap: a thread of its own batches the
        // records. Checking and sealing, the costly part, run on the other cores;
        // duplicate checks and writes, in file order, on this thread.
        let mut rows = rows;
        let batches = std::iter::from_fn(move || {
            let mut batch = Vec::with_capacity(IMPORT_BATCH);
            batch.extend(rows.by_ref().take(IMPORT_BATCH));
            (!batch.is_empty()).then_some(batch)
        });
        let mut summary = ImportSummary::default();
        let mut done = 0;
        pool::ordered_from(worker_count, batches, &check_batch, |batch| {
            for staged in batch.iter_mut() {
                done += 1;
                match staged {
                    Staged::Bad(error) => summary.fail(error.clone()),
                    Staged::Failed(e) => {
                        return Err(std::mem::replace(e, Error::from(pool::Stopped)));
                    }
                    Staged::Row(line, prepared) => {
                        self.write_row(*line, prepared, sealer, options, &mut seen, &mut summary)?;
                    }
                }
            }
            progress(done);
            Ok::<_, Error>(())
        })?;
        Ok(summary)
    }

    /// Matches one prepared row against the vault and writes it: a new customer, or a
    /// merge into the one it matches (unless an earlier row was bad: then only checks
    /// continue, so every bad row is listed).
    fn write_row(
        &self,
        line: u64,
        prepared: &mut Prepared,
        sealer: &Sealer<'_>,
        options: &ImportOptions,
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
        // A code the row carries names its customer more surely than any contact value.
        let by_code = if prepared.code_given {
            self.row_of_code(&prepared.code)?
        } else {
            None
        };
        if by_code.is_some() && options.on_duplicate == OnDuplicate::Error {
            summary.fail(row_error("code", "is already used by another customer"));
            return Ok(());
        }
        let found = match (
            self.match_of(seen, &options.match_keys, &prepared.data)?,
            by_code,
        ) {
            (Match::New, Some(id)) => Match::One(Holder::Row(id), "code"),
            (Match::One(Holder::Row(other), _), Some(id)) if other != id => {
                Match::Conflict(format!(
                    "its code is customer {} but its contact details match customer {}",
                    prepared.code,
                    self.code_of(other)?
                ))
            }
            (found, _) => found,
        };
        match (found, options.on_duplicate) {
            (Match::Conflict(reason), _) => summary.fail(row_error("match", &reason)),
            (Match::New, _) => {
                let holder = if writing {
                    loop {
                        match insert_prepared(&self.conn, prepared, &self.audit.state) {
                            Ok(id) => {
                                seen.written.record(id, line);
                                break Holder::Row(id);
                            }
                            Err(e) if is_code_clash(&e) && !prepared.code_given => {
                                prepared.redraw_code(sealer)?;
                            }
                            Err(e) => return Err(fail(e)),
                        }
                    }
                } else {
                    Holder::Line(line)
                };
                seen.add(&options.match_keys, &prepared.data, holder);
                summary.added += 1;
                summary.touched(&prepared.code);
                if options.dry_run {
                    summary.new_lines.push(line);
                }
            }
            (Match::One(existing, field), OnDuplicate::Error) => {
                let whose = self.describe(seen, existing)?;
                summary.fail(row_error(
                    field,
                    &format!("duplicates {whose} (use --on-duplicate skip or update)"),
                ));
            }
            (Match::One(..), OnDuplicate::Skip) => summary.skipped += 1,
            (Match::One(Holder::Line(_) | Holder::Several, _), OnDuplicate::Update) => {
                summary.updated += 1;
            }
            (Match::One(Holder::Row(id), _), OnDuplicate::Update) => {
                self.merge_into(id, line, prepared, sealer, options, seen, summary)?;
            }
        }
        Ok(())
    }

    /// Merges what the row `prepared` carries into customer row `id` (see
    /// [`CustomerData::merge_from`]); a row that changes nothing is counted unchanged.
    #[allow(clippy::too_many_arguments)]
    fn merge_into(
        &self,
        id: i64,
        line: u64,
        prepared: &Prepared,
        sealer: &Sealer<'_>,
        options: &ImportOptions,
        seen: &mut Contacts,
        summary: &mut ImportSummary,
    ) -> Result<()> {
        let stored = self.sealed_row_by_id(id)?;
        let mut customer = stored.open(&self.ciphers)?;
        let changed = customer
            .data
            .merge_from(&prepared.data, options.replace_tags);
        if changed.is_empty() {
            summary.unchanged += 1;
            return Ok(());
        }
        if summary.error_count == 0 {
            let now = now_utc();
            // The customer stays in its group.
            let sealer = Sealer {
                group: stored.group,
                ..*sealer
            };
            update_row(
                &self.conn,
                &sealer,
                &stored,
                &customer.data,
                &now,
                &self.audit.state,
            )?;
            seen.add(&options.match_keys, &customer.data, Holder::Row(id));
        }
        summary.updated += 1;
        summary.touched(&customer.code);
        if options.dry_run {
            summary.changes.push(ImportChange {
                code: customer.code,
                line,
                fields: changed,
            });
        }
        Ok(())
    }
}

/// Checks a code given in an import file: well formed, written canonically.
pub fn import_code(text: &str) -> Option<String> {
    code::parse(text)
}
