//! Key rotation: a new master key, and every sealed value, blind index and audit MAC
//! redone under it, in one transaction. Killed at any point, the vault opens with the
//! old key or the new one, never half of each.

use rusqlite::TransactionBehavior;

use super::audit_log::AuditLog;
use super::column::Ciphers;
use super::header::Header;
use super::keyslot;
use super::row::{SELECT_COLUMNS, SealedRow, Sealer, open_rows};
use super::store::{query_rows_on, update_row};
use super::{Role, Vault, state};
use crate::crypto::MasterKey;
use crate::error::{Error, Result};

/// Customers re-sealed per batch: bounded memory however large the vault.
const BATCH: i64 = 2_000;

/// What `rekey` did.
pub struct Rekeyed {
    pub customers: u64,
    pub audit_entries: u64,
    /// The new key epoch, stamped on every seal.
    pub epoch: u32,
    /// Slots kept: the one that opened the vault and those whose secrets were given.
    pub kept_slots: Vec<i64>,
    /// Slots dropped because their secret was not given.
    pub dropped_slots: Vec<i64>,
    /// The recovery slot added, when one was asked for.
    pub recovery_slot: Option<i64>,
    /// Managers whose slots wrapped the old key: the owner issues them new ones.
    pub managers_to_reissue: Vec<String>,
    /// Staff groups given new keys (their members take them at their next unlock).
    pub staff_groups: usize,
}

/// Rewraps `master` in the slots `kept` (opened with their secrets) and drops every
/// other slot; returns the numbers of the slots kept and dropped.
fn rewrap_slots<'a>(
    tx: &rusqlite::Connection,
    vault_id: &[u8; 16],
    kept: impl Iterator<Item = &'a keyslot::OpenedSlot>,
    master: &MasterKey,
) -> Result<(Vec<i64>, Vec<i64>)> {
    let mut kept_slots = Vec::new();
    for slot in kept {
        keyslot::rewrap_opened(tx, vault_id, slot, master)?;
        kept_slots.push(slot.id);
    }
    kept_slots.sort_unstable();
    kept_slots.dedup();
    let dropped_slots: Vec<i64> = keyslot::list(tx)?
        .into_iter()
        .map(|s| s.id)
        .filter(|id| !kept_slots.contains(id))
        .collect();
    for id in &dropped_slots {
        keyslot::remove(tx, *id)?;
    }
    Ok((kept_slots, dropped_slots))
}

/// Re-seals every customer of group 0 (the master key's) with `sealer`, in batches;
/// returns how many.
fn reseal_group_zero(
    tx: &rusqlite::Connection,
    old: &Ciphers,
    sealer: &Sealer<'_>,
    new_log: &AuditLog,
    progress: &dyn Fn(u64),
) -> Result<u64> {
    let sql = format!(
        "SELECT {SELECT_COLUMNS} FROM customers WHERE grp = 0 AND id > ?1 ORDER BY id LIMIT ?2"
    );
    let (mut after, mut customers) = (0i64, 0u64);
    loop {
        let rows: Vec<SealedRow> = query_rows_on(tx, &sql, [after, BATCH])?;
        let Some(last) = rows.last() else { break };
        after = last.id;
        let opened = open_rows(old, rows.clone())?;
        for (row, customer) in rows.iter().zip(&opened) {
            update_row(
                tx,
                sealer,
                row,
                &customer.data,
                &customer.updated,
                &new_log.state,
            )?;
        }
        customers += opened.len() as u64;
        progress(customers);
    }
    Ok(customers)
}

impl Vault {
    /// Replaces the master key. The slot that opened the vault and the slots in `keep`
    /// (opened with [`Vault::prove_slot`]) are rewrapped under their same secrets; every
    /// other slot is dropped (its secret is not known here).
    ///
    /// With `recovery` (the canonical characters of a new recovery key), a recovery slot
    /// is added under the new key in the same transaction.
    pub fn rekey(
        mut self,
        keep: &[keyslot::OpenedSlot],
        recovery: Option<&str>,
        progress: &dyn Fn(u64),
    ) -> Result<Rekeyed> {
        let fail = |e| Error::db("rekeying", e);
        self.require(&[Role::Owner], "rekey the vault")?;
        let epoch = self.epoch.checked_add(1).ok_or_else(|| Error::Internal {
            what: "the key epoch cannot grow further (four billion rekeys)".into(),
        })?;
        let master = MasterKey::generate();
        let keys = master.data_keys(epoch);
        let ciphers = Ciphers::new(&keys, self.vault_id);
        let sealer = Sealer {
            ciphers: &ciphers,
            group: 0,
            bits: self.blind_bits,
        };
        let mut new_log = AuditLog::new(&master, &self.vault_id, epoch, "");
        new_log.command.clone_from(&self.audit.command);

        let opened = super::slot_changes::opened(self.slot.as_ref())?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(fail)?;
        // The log and the state are checked first: a rekey must not seal over an altered
        // log, nor make a fresh digest of rows someone changed without the key.
        let old_header = self.audit.header(&tx)?;
        let old_state = old_header.state()?;
        state::check_full(&tx, self.audit.state.key(), &old_state)?;
        super::staff::verify_groups(&tx, &self.vault_id, &self.audit.state)?;
        let audit_entries = self.audit.rechain(&tx, &new_log)?;
        // Whatever the old key could unwrap is replaced too: staff groups' keys and the
        // identity key, delivered to staff for their next unlock.
        let rewrapped = super::staff::rotate_staff_keys(
            &tx,
            &self.vault_id,
            &self.ciphers,
            &self.audit.state,
            &master,
            self.blind_bits,
            &mut new_log.state,
        )?;

        let customers = reseal_group_zero(&tx, &self.ciphers, &sealer, &new_log, progress)?;

        let (kept_slots, dropped_slots) = rewrap_slots(
            &tx,
            &self.vault_id,
            std::iter::once(opened).chain(keep),
            &master,
        )?;
        let recovery_slot = recovery
            .map(|secret| {
                let secret = keyslot::NewSecret::Recovery(secret);
                keyslot::add(
                    &tx,
                    &self.vault_id,
                    &master,
                    &secret,
                    &opened.params,
                    "recovery key",
                )
            })
            .transpose()?;
        // The state under the new key, from the tables as they now are.
        let header = Header {
            epoch,
            blind_bits: self.blind_bits,
            audit_count: Some(audit_entries),
            state: Some(state::recompute(&tx, new_log.state.key())?),
            roster: Some(super::staff::roster_digest(&tx)?),
            group_marks: super::staff::advance_marks(
                &tx,
                &self.vault_id,
                &new_log.state,
                old_header.group_marks.as_deref(),
            )?,
        };
        new_log.state.discard();
        new_log.write_header(&tx, &header)?;
        let event = new_log
            .event()
            .count("customers", customers)
            .count("kept_slots", kept_slots.len() as u64)
            .count("dropped_slots", dropped_slots.len() as u64)
            .count("staff_groups", rewrapped.groups as u64);
        new_log.append(&tx, event)?;
        tx.commit().map_err(fail)?;
        self.checkpoint_truncate()?;
        Ok(Rekeyed {
            customers,
            audit_entries: audit_entries + 1,
            epoch,
            kept_slots,
            dropped_slots,
            recovery_slot,
            managers_to_reissue: rewrapped.managers,
            staff_groups: rewrapped.groups,
        })
    }
}
