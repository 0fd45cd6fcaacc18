//! `export`: the customers a filter selects, in batches decrypted on every core while
//! the previous batch is written, so no export holds a whole vault in memory.

use super::Vault;
use super::record::Customer;
use super::row::{SELECT_COLUMNS, SealedRow};
use crate::crypto::pseudonym::PseudonymKey;
use crate::error::{Error, Result};
use crate::pool;
use crate::privacy::normalize::fold;

/// Which customers an export (or a list) covers: with a tag, and with an owner.
#[derive(Default)]
pub struct ExportFilter {
    pub tag: Option<String>,
    pub owner: Option<String>,
}

impl ExportFilter {
    /// True when `customer` has the tag and the owner (compared folded). Blind indexes
    /// are truncated, so the rows they select are checked by this once opened.
    pub fn keeps(&self, customer: &Customer) -> bool {
        let data = &customer.data;
        self.tag
            .as_deref()
            .is_none_or(|t| data.tags.iter().any(|x| fold(x) == fold(t)))
            && self
                .owner
                .as_deref()
                .is_none_or(|o| data.owner.as_deref().map(fold) == Some(fold(o)))
    }
}

impl Vault {
    /// The key of stable pseudonyms for this vault.
    pub fn pseudonym_key(&self) -> Result<PseudonymKey> {
        Ok(PseudonymKey::new(
            &self.master()?.data_keys(self.epoch).pseudonym_key(),
        ))
    }

    /// The blind index values of `filter`'s tag and owner, one per group this reader
    /// holds the keys of, as JSON arrays for [`FILTER_SQL`].
    pub(super) fn filter_indexes(&self, filter: &ExportFilter) -> (Option<String>, Option<String>) {
        let per_group =
            |value: &str, key: fn(&super::BlindKeys) -> &crate::crypto::BlindIndexKey| {
                let values: Vec<i64> = self
                    .ciphers
                    .group_ids()
                    .filter_map(|g| self.ciphers.blind(g))
                    .map(|keys| key(keys).index(&fold(value), self.blind_bits))
                    .collect();
                serde_json::Value::from(values).to_string()
            };
        let tag_index = filter.tag.as_deref().map(|t| per_group(t, |k| &k.tag));
        let owner_index = filter.owner.as_deref().map(|o| per_group(o, |k| &k.owner));
        (tag_index, owner_index)
    }

    /// How many customers an export with `filter` may write, and their codes (none
    /// beyond [`crate::audit::MAX_CODES`]), read from the clear codes and blind indexes
    /// without decrypting anything: what `export` records in the audit log before the
    /// first customer leaves the process. A value that only shares a truncated index
    /// with the filter's is counted too, so the entry never understates what was read.
    pub fn export_selection(&self, filter: &ExportFilter) -> Result<(u64, Vec<String>)> {
        let (tag_index, owner_index) = self.filter_indexes(filter);
        let sql = format!("SELECT code FROM customers WHERE {FILTER_SQL} ORDER BY id");
        let fail = |e| Error::db("selecting the customers to export", e);
        let mut stmt = self.conn.prepare(&sql).map_err(fail)?;
        let mut rows = stmt
            .query(rusqlite::params![0i64, tag_index, owner_index])
            .map_err(fail)?;
        let (mut count, mut codes) = (0u64, Vec::new());
        while let Some(row) = rows.next().map_err(fail)? {
            count += 1;
            if codes.len() <= crate::audit::MAX_CODES {
                codes.push(row.get(0).map_err(fail)?);
            }
        }
        Ok((count, codes))
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
        let (tag_index, owner_index) = self.filter_indexes(filter);
        let sql = format!(
            "SELECT {SELECT_COLUMNS} FROM customers WHERE {FILTER_SQL} ORDER BY id LIMIT ?4"
        );
        let limit = i64::try_from(batch).unwrap_or(i64::MAX);
        // Blind indexes are truncated: drop the customers that only share an index value.
        let keep = |c: &Customer| filter.keeps(c);
        let ciphers = &self.ciphers;
        let open_batch = |rows: Vec<SealedRow>| {
            let opened: Result<Vec<Customer>> = rows
                .iter()
                .map(|r| r.open(ciphers))
                .filter(|c| c.as_ref().map_or(true, keep))
                .collect();
            match opened {
                Ok(customers) => Opened {
                    rows,
                    customers,
                    failed: None,
                },
                Err(e) => Opened {
                    rows,
                    customers: Vec::new(),
                    failed: Some(e),
                },
            }
        };
        let worker_count = pool::cores().clamp(1, 4);
        let mut after = 0i64;
        let mut total = 0u64;
        let next_rows = || {
            let rows = self.query_rows(
                &sql,
                rusqlite::params![after, tag_index, owner_index, limit],
            )?;
            let Some(last) = rows.last() else {
                return Ok(None);
            };
            after = last.id;
            Ok(Some(rows))
        };
        pool::ordered(
            worker_count,
            next_rows,
            &open_batch,
            |opened: &mut Opened| {
                // The rows were read on this thread, and are freed here.
                drop(std::mem::take(&mut opened.rows));
                if let Some(failed) = opened.failed.take() {
                    return Err(failed);
                }
                total += opened.customers.len() as u64;
                write(&mut opened.customers)
            },
        )?;
        Ok(total)
    }
}

/// The rows an export (or a list) reads, after row id ?1, with a tag index in ?2 and an
/// owner index in ?3 (JSON arrays, one value per group; each NULL for any).
pub(super) const FILTER_SQL: &str = "id > ?1
    AND (?2 IS NULL OR id IN (SELECT customer FROM customer_tags
        WHERE bi_tag IN (SELECT value FROM json_each(?2))))
    AND (?3 IS NULL OR bi_owner IN (SELECT value FROM json_each(?3)))";

/// A batch of an export: the rows as read, and their customers decrypted.
struct Opened {
    rows: Vec<SealedRow>,
    customers: Vec<Customer>,
    /// The first row that did not open.
    failed: Option<Error>,
}
