//! `verify` of an unlocked vault: every seal opens, every search text and blind index
//! matches the values it was made from, and the audit chain is intact.

use std::collections::BTreeSet;

use super::column::Column;
use super::row::{SELECT_COLUMNS, SealedRow, tampered};
use super::{Vault, snapshot, state};
use crate::error::{Error, Result};
use crate::field::Field;

/// What a full check of a vault found.
#[derive(Debug, Default)]
pub struct VerifyReport {
    pub customers: u64,
    /// Audit log entries whose chain was checked.
    pub audit_entries: u64,
    /// The problems found, each naming the customer; empty when the vault is sound.
    pub problems: Vec<String>,
    /// The time of the newest audit entry: when the vault last changed or was read, as
    /// the key holder recorded it (the header's MAC covers it).
    pub last_change: Option<String>,
}

impl Vault {
    /// Checks the SQLite file, then every customer. Stops collecting after 100 problems.
    pub fn verify(&self) -> Result<VerifyReport> {
        self.require(
            &[super::Role::Owner, super::Role::Manager],
            "verify the whole vault, which needs every group's keys",
        )?;
        // SQLite's own check reads the whole file on one core: it runs beside the
        // checks below, on its own read-only connection.
        let path = self.path.clone();
        let file_check = std::thread::spawn(move || snapshot::inspect_file(&path).map(|_| ()));
        // One snapshot for the header, the rows and the log: other processes may write
        // meanwhile.
        let fail = |e| Error::db("reading the vault", e);
        let read = self.conn.unchecked_transaction().map_err(fail)?;
        let report = self.verify_contents();
        read.finish().map_err(fail)?;
        file_check
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        report
    }

    /// Every check of [`Vault::verify`] but SQLite's.
    fn verify_contents(&self) -> Result<VerifyReport> {
        let mut report = VerifyReport::default();
        // The whole state first: the rows are the ones the key holder wrote (none
        // rolled back, deleted or put back), and the erasure register and keyslots are
        // as recorded. A forged register explains the rows it makes look erased.
        if let Err(e) = self.verify_state() {
            report.problems.push(e.to_string());
        }
        if let Err(e) = self.verify_groups() {
            report.problems.push(e.to_string());
        }
        let sql = format!(
            "SELECT {SELECT_COLUMNS}, bi_email, bi_phone, bi_national_id, bi_account, bi_owner,
                    (SELECT search_text FROM customer_search s
                     WHERE s.customer = customers.id AND s.record_id = customers.record_id),
                    (SELECT group_concat(bi_tag) FROM customer_tags WHERE customer = id)
             FROM customers ORDER BY id"
        );
        let fail = |e| Error::db("reading customers", e);
        let mut stmt = self.conn.prepare(&sql).map_err(fail)?;
        let mut rows = stmt.query([]).map_err(fail)?;
        let checker = RowChecker {
            ciphers: &self.ciphers,
            bits: self.blind_bits,
        };
        let mut batch = Vec::with_capacity(VERIFY_BATCH);
        loop {
            let row = rows.next().map_err(fail)?;
            if let Some(row) = row {
                match SealedRow::from_row(row) {
                    Ok(sealed) => batch.push(StoredRow {
                        sealed,
                        blind: [
                            row.get(19).map_err(fail)?,
                            row.get(20).map_err(fail)?,
                            row.get(21).map_err(fail)?,
                            row.get(22).map_err(fail)?,
                            row.get(23).map_err(fail)?,
                        ],
                        search_text: row.get(24).map_err(fail)?,
                        tags: row.get(25).map_err(fail)?,
                    }),
                    Err(e) => report.problems.push(e.to_string()),
                }
                report.customers += 1;
                if batch.len() < VERIFY_BATCH {
                    continue;
                }
            }
            report.problems.extend(checker.check_all(&batch));
            batch.clear();
            if row.is_none() || report.problems.len() >= 100 {
                break;
            }
        }
        drop(rows);
        drop(stmt);
        let search_rows: i64 = self
            .conn
            .query_row("SELECT count(*) FROM customer_search", [], |r| r.get(0))
            .map_err(fail)?;
        let orphan_tags: i64 = self
            .conn
            .query_row(
                "SELECT count(*) FROM customer_tags WHERE customer NOT IN (SELECT id FROM customers)",
                [],
                |r| r.get(0),
            )
            .map_err(fail)?;
        if orphan_tags > 0 {
            report
                .problems
                .push("the tag index holds entries for customers that do not exist".into());
        }
        if u64::try_from(search_rows).ok() != Some(report.customers) {
            report
                .problems
                .push("the search index holds entries for customers that do not exist".into());
        }
        match self.verify_audit(|_| {}) {
            Ok(entries) => report.audit_entries = entries,
            Err(e) => report.problems.push(e.to_string()),
        }
        report.last_change = self
            .conn
            .query_row("SELECT at FROM audit ORDER BY seq DESC LIMIT 1", [], |r| {
                r.get(0)
            })
            .ok();
        Ok(report)
    }

    fn verify_state(&self) -> Result<()> {
        let header = self.audit.header(&self.conn)?;
        let state = header.state()?;
        let key = self.audit.state.key();
        state::check_at_unlock(&self.conn, key, &state, header.audit_count.unwrap_or(0))?;
        state::check_full(&self.conn, key, &state)
    }
}

/// Rows checked per batch, split across the cores.
const VERIFY_BATCH: usize = 4096;

/// A customer row as `verify` reads it: sealed values and everything indexed from them.
struct StoredRow {
    sealed: SealedRow,
    blind: [Option<i64>; 5],
    search_text: Option<Vec<u8>>,
    tags: Option<String>,
}

/// What checking a row needs of the vault: its ciphers and blind index keys.
struct RowChecker<'a> {
    ciphers: &'a super::column::Ciphers,
    bits: u32,
}

impl RowChecker<'_> {
    /// Checks `rows` on every core; the problems in row order.
    fn check_all(&self, rows: &[StoredRow]) -> Vec<String> {
        let threads = crate::pool::cores();
        let parts: Vec<&[StoredRow]> = rows.chunks(rows.len().div_ceil(threads).max(1)).collect();
        let check = |part: &[StoredRow]| -> Vec<String> {
            part.iter()
                .filter_map(|row| self.check(row).err())
                .collect()
        };
        match crate::pool::map(threads, parts, &check) {
            Ok(problems) => problems.into_iter().flatten().collect(),
            Err(stopped) => vec![crate::error::Error::from(stopped).to_string()],
        }
    }

    fn check(&self, stored: &StoredRow) -> Result<(), String> {
        let StoredRow {
            sealed: row,
            blind: stored_blind,
            search_text,
            tags: stored_tags,
        } = stored;
        let record_id = row.record_id;
        let customer = row.open(self.ciphers).map_err(|e| e.to_string())?;
        let code = customer.code.clone();
        let sealed_search = search_text
            .as_ref()
            .ok_or_else(|| format!("customer {code} has no search text"))?;
        let opened = self
            .ciphers
            .open(
                row.group,
                Column::SearchText,
                &record_id,
                &[],
                sealed_search,
            )
            .map_err(|e| tampered(&code, Column::SearchText, e).to_string())?;
        let expected_text = customer.data.search_text_for(&code, None, row.group == 0);
        if opened != expected_text.as_bytes() {
            return Err(format!(
                "the search text of customer {code} does not match its fields"
            ));
        }
        let keys = self
            .ciphers
            .blind(row.group)
            .ok_or_else(|| format!("customer {code} is in a group without a key"))?;
        let mut expected = keys.values(&customer.data, self.bits);
        if row.group != 0 {
            // Never indexed in a staff group (`Sealer::seal_with`).
            expected.national_id = None;
            expected.account = None;
        }
        let expected_blind = [
            expected.email,
            expected.phone,
            expected.national_id,
            expected.account,
            expected.owner,
        ];
        let names = [
            Field::Email,
            Field::Phone,
            Field::NationalId,
            Field::Account,
            Field::Owner,
        ]
        .map(|f| f.spec().label);
        for ((stored, expected), name) in stored_blind.iter().zip(expected_blind).zip(names) {
            if *stored != expected {
                return Err(format!(
                    "the {name} index of customer {code} does not match"
                ));
            }
        }
        let stored: BTreeSet<i64> = stored_tags
            .as_deref()
            .unwrap_or_default()
            .split(',')
            .filter_map(|t| t.parse().ok())
            .collect();
        let expected: BTreeSet<i64> = expected.tags.into_iter().collect();
        if stored != expected {
            return Err(format!("the tag index of customer {code} does not match"));
        }
        Ok(())
    }
}
