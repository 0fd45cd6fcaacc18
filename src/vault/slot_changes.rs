//! Keyslot management on an unlocked vault: change the passphrase, add and remove slots.
//! Each change is one transaction with its audit entry, and the write-ahead log is
//! emptied after, so no copy of a replaced wrap lingers in `-wal`.

use super::Vault;
use super::keyslot::{self, Credentials, NewSecret, SlotInfo, SlotKind};
use super::state;
use crate::error::{Error, Result};

impl Vault {
    /// Every keyslot of the vault.
    pub fn keyslots(&self) -> Result<Vec<SlotInfo>> {
        keyslot::list(&self.conn)
    }

    /// The number of the slot this vault was opened with (`None`: opened by the unlock
    /// agent, with no secret).
    pub fn opened_slot(&self) -> Option<i64> {
        self.slot.as_ref().map(|s| s.id)
    }

    /// The key derivation cost of the slot this vault was opened with, which new slots
    /// (an employee's too) get.
    pub fn opened_params(&self) -> Result<crate::crypto::KdfParams> {
        Ok(opened(self.slot.as_ref())?.params)
    }

    /// True when the slot this vault was opened with needs a key file besides its
    /// passphrase: `key add` then gives the new slot one too.
    pub fn opened_with_key_file(&self) -> bool {
        self.slot.as_ref().is_some_and(|s| s.key_file)
    }

    /// Opens slot `id` with `credentials` and checks that it holds this vault's master
    /// key: proof of a slot's secret, so `rekey` can keep that slot.
    pub fn prove_slot(&self, id: i64, credentials: &Credentials) -> Result<keyslot::OpenedSlot> {
        let (master, slot) = keyslot::open_slot(&self.conn, &self.vault_id, id, credentials)?;
        if !master.same_as(super::master_of(self.master.as_ref())?) {
            return Err(Error::Tampered {
                what: format!("keyslot {id} holds another vault's key"),
            });
        }
        Ok(slot)
    }

    /// Gives the slot that opened the vault a new passphrase (and the key file in
    /// `credentials`, if any). Only that slot changes; no customer is re-sealed.
    pub fn change_passphrase(&mut self, credentials: &Credentials) -> Result<()> {
        let fail = |e| Error::db("changing the passphrase", e);
        let slots = self.keyslots()?;
        let opened_id = opened(self.slot.as_ref())?.id;
        if slots
            .iter()
            .any(|s| s.id == opened_id && s.kind == SlotKind::Recovery)
        {
            return Err(Error::InvalidArgument {
                argument: "passwd".into(),
                reason: "the vault was opened with a recovery key, which cannot be changed; \
                         add a passphrase with `sealbook key add` instead"
                    .into(),
            });
        }
        let tx = state::begin_write(&mut self.conn, &self.audit.state).map_err(fail)?;
        keyslot::change_secret(
            &tx,
            &self.vault_id,
            super::master_of(self.master.as_ref())?,
            opened(self.slot.as_ref())?.id,
            credentials,
            &opened(self.slot.as_ref())?.params,
        )?;
        self.audit.state.keyslots_changed();
        let event = self
            .audit
            .event()
            .count("slot", opened(self.slot.as_ref())?.id.unsigned_abs());
        self.audit.append(&tx, event)?;
        tx.commit().map_err(fail)?;
        self.checkpoint_truncate()?;
        Ok(())
    }

    /// Adds a slot for `secret`, at the cost of the slot that opened the vault.
    pub fn add_keyslot(&mut self, secret: &NewSecret<'_>, label: &str) -> Result<i64> {
        let fail = |e| Error::db("adding the keyslot", e);
        let tx = state::begin_write(&mut self.conn, &self.audit.state).map_err(fail)?;
        let id = keyslot::add(
            &tx,
            &self.vault_id,
            super::master_of(self.master.as_ref())?,
            secret,
            &opened(self.slot.as_ref())?.params,
            label,
        )?;
        self.audit.state.keyslots_changed();
        let event = self.audit.event().count("slot", id.unsigned_abs());
        self.audit.append(&tx, event)?;
        tx.commit().map_err(fail)?;
        Ok(id)
    }

    /// Removes slot `id`. The slot in use and the last slot stay.
    pub fn remove_keyslot(&mut self, id: i64) -> Result<()> {
        let fail = |e| Error::db("removing the keyslot", e);
        let tx = state::begin_write(&mut self.conn, &self.audit.state).map_err(fail)?;
        let slots = keyslot::list(&tx)?;
        if !slots.iter().any(|s| s.id == id) {
            return Err(Error::KeyslotNotFound { id });
        }
        if slots.len() == 1 {
            return Err(Error::KeyslotNeeded {
                id,
                reason: "it is the vault's last slot".into(),
            });
        }
        if id == opened(self.slot.as_ref())?.id {
            return Err(Error::KeyslotNeeded {
                id,
                reason: "it opened the vault for this command".into(),
            });
        }
        keyslot::remove(&tx, id)?;
        self.audit.state.keyslots_changed();
        let event = self.audit.event().count("slot", id.unsigned_abs());
        self.audit.append(&tx, event)?;
        tx.commit().map_err(fail)?;
        self.checkpoint_truncate()?;
        Ok(())
    }
}

/// The slot a vault was opened with: key changes need it, so a vault the agent opened
/// cannot make them (the commands that make them ask for the secret). A function of the
/// field, so it can be borrowed beside the connection.
pub(super) fn opened(slot: Option<&keyslot::OpenedSlot>) -> Result<&keyslot::OpenedSlot> {
    slot.ok_or_else(|| Error::Internal {
        what: "a key change was asked of a vault the unlock agent opened".into(),
    })
}
