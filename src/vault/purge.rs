//! Retention: erasing every customer whose retain-until date has passed.

use super::Vault;
use super::state;
use super::store::{delete_row, sealed_row};
use crate::error::{Error, Result};

/// What `purge` erased (or, in a dry run, would erase).
pub struct Purged {
    /// Codes of the customers concerned, oldest first.
    pub codes: Vec<String>,
    /// False when another reader kept the write-ahead log from being emptied.
    pub log_truncated: bool,
}

impl Vault {
    /// Erases, in one transaction, every customer whose `retain_until` is before `today`
    /// (`YYYY-MM-DD`). Each row is opened first: `retain_until` is stored in clear but
    /// bound into the row's seals, so a date moved into the past by someone without
    /// the key fails the check (exit 5) instead of erasing the customer.
    pub fn purge_expired(&mut self, today: &str, dry_run: bool) -> Result<Purged> {
        self.require(&[super::Role::Owner], "purge customers")?;
        let fail = |e| Error::db("purging expired customers", e);
        let tx = state::begin_write(&mut self.conn, &self.audit.state).map_err(fail)?;
        // Retention decides by the clear retain-until date, so the rows must be the
        // ones the key holder wrote: a row rolled back to an older date would otherwise
        // be erased for good (and the erasure registered, under the key, for restores).
        let state = self.audit.header(&tx)?.state()?;
        super::state::check_full(&tx, self.audit.state.key(), &state)?;
        let codes: Vec<String> = tx
            .prepare(
                "SELECT code FROM customers
                 WHERE retain_until IS NOT NULL AND retain_until < ?1 ORDER BY id",
            )
            .and_then(|mut s| {
                s.query_map([today], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()
            })
            .map_err(fail)?;
        for code in &codes {
            let row = sealed_row(&tx, code)?;
            row.open(&self.ciphers)?;
            if !dry_run {
                delete_row(&tx, &row, &self.audit.state).map_err(fail)?;
            }
        }
        if dry_run || codes.is_empty() {
            self.audit.state.discard();
            return Ok(Purged {
                codes,
                log_truncated: true,
            });
        }
        let event = self
            .audit
            .event()
            .codes(codes.iter().map(String::as_str))
            .count("erased", codes.len() as u64);
        self.audit.append(&tx, event)?;
        tx.commit().map_err(fail)?;
        Ok(Purged {
            codes,
            log_truncated: self.checkpoint_truncate()?,
        })
    }
}
