//! The upgrade of a vault from schema version 2 to 3 at its first unlock: every row is
//! re-sealed with its version bound in and its values padded, and the state digests are
//! computed and recorded in the header. One transaction: interrupted, the vault stays a
//! version 2 vault and is upgraded at the next unlock.

use super::row::{SELECT_COLUMNS, SealedRow, Sealer};
use super::store::{query_rows_on, update_row};
use super::{Vault, schema, state};
use crate::error::{Error, Result};

/// Rows re-sealed per batch.
const BATCH: i64 = 2_000;

impl Vault {
    /// Upgrades a version 2 vault (its header already proven by the key).
    pub(super) fn upgrade_to_v3(&mut self) -> Result<()> {
        let fail = |e| Error::db("upgrading the vault to schema version 3", e);
        let tx = state::begin_write(&mut self.conn, &self.audit.state).map_err(fail)?;
        // The log is checked first, as any rewrite of the vault checks it.
        let audit_entries = self.audit.verify(&tx, |_| {})?;
        let mut header = self.audit.header(&tx)?;
        schema::migrate_v2(&tx)?;
        let sealer = Sealer {
            ciphers: &self.ciphers,
            blind: &self.blind,
            bits: self.blind_bits,
        };
        let sql =
            format!("SELECT {SELECT_COLUMNS} FROM customers WHERE id > ?1 ORDER BY id LIMIT ?2");
        let mut after = 0i64;
        loop {
            let rows: Vec<SealedRow> = query_rows_on(&tx, &sql, [after, BATCH])?;
            let Some(last) = rows.last() else { break };
            after = last.id;
            for row in &rows {
                let customer = row.open_legacy(&self.ciphers)?;
                // Version 1 rows become version 2: sealed afresh, nothing else changes.
                update_row(
                    &tx,
                    &sealer,
                    row,
                    &customer.data,
                    &customer.updated,
                    &self.audit.state,
                )
                .map_err(fail)?;
            }
        }
        // The search texts of every row were re-sealed by `update_row`.
        self.audit.state.discard();
        header.audit_count = Some(audit_entries);
        header.state = Some(state::recompute(&tx, self.audit.state.key())?);
        self.audit.write_header(&tx, &header)?;
        let event = crate::audit::Event::new("upgrade").count("schema_version", 3);
        self.audit.append(&tx, event)?;
        tx.commit().map_err(fail)?;
        self.checkpoint_truncate()?;
        Ok(())
    }
}
