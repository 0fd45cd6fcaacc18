//! The upgrades of a vault at its first unlock by a newer sealbook. From schema version 2 to 3: every row is
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
        let mut header = self.audit.header(&tx)?;
        schema::migrate_v2(&tx)?;
        // Straight on to version 4: the rows are re-sealed with their group (0) known.
        schema::migrate_v3(&tx)?;
        // The log is checked first, as any rewrite of the vault checks it (the new
        // columns are empty: it reads as it was written).
        let audit_entries =
            self.audit
                .verify_against(&tx, header.audit_count.unwrap_or(0), |_| {})?;
        super::staff::create_identity_key(
            &tx,
            &self.vault_id,
            super::master_of(self.master.as_ref())?,
        )?;
        let sealer = Sealer {
            ciphers: &self.ciphers,
            group: 0,
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
                )?;
            }
        }
        // The search texts of every row were re-sealed by `update_row`.
        self.audit.state.discard();
        header.audit_count = Some(audit_entries);
        header.state = Some(state::recompute(&tx, self.audit.state.key())?);
        header.roster = Some(super::staff::roster_digest(&tx)?);
        header.group_marks = Some(Vec::new());
        self.audit.write_header(&tx, &header)?;
        let event = crate::audit::Event::new("upgrade").count("schema_version", 4);
        self.audit.append(&tx, event)?;
        tx.commit().map_err(fail)?;
        self.checkpoint_truncate()?;
        Ok(())
    }
}

impl Vault {
    /// Upgrades a version 3 vault (its header already proven by the key) to version 4:
    /// new tables and columns for staff, the identity key, and an empty roster in the
    /// header. Nothing is re-sealed; the vault stays an owner-only vault until the owner
    /// adds someone.
    pub(super) fn upgrade_to_v4(&mut self) -> Result<()> {
        let fail = |e| Error::db("upgrading the vault to schema version 4", e);
        let tx = state::begin_write(&mut self.conn, &self.audit.state).map_err(fail)?;
        let mut header = self.audit.header(&tx)?;
        schema::migrate_v3(&tx)?;
        super::staff::create_identity_key(
            &tx,
            &self.vault_id,
            super::master_of(self.master.as_ref())?,
        )?;
        header.roster = Some(super::staff::roster_digest(&tx)?);
        header.group_marks = Some(Vec::new());
        self.audit.write_header(&tx, &header)?;
        let event = crate::audit::Event::new("upgrade").count("schema_version", 4);
        self.audit.append(&tx, event)?;
        tx.commit().map_err(fail)
    }
}
