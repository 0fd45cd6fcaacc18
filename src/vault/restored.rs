//! The end of a restore: the audit entries of the replaced vault that the archive did
//! not have, then the restore itself and each erasure it re-applied, are added to the
//! restored vault's log. `restore` copies them (without a key) into `restore_carried`
//! and `restore_pending` of the decrypted file (`snapshot::record_restore`), then
//! unlocks that file with the vault passphrase ([`super::LockedVault::unlock_restored`])
//! and this module folds them in, before the file is installed. Every other unlock
//! refuses a vault whose restore tables hold rows: nobody but that one command writes
//! them, so rows there were planted to get entries signed by the key.
//!
//! Carried entries that chain under this vault's audit key and continue the archive's
//! own log are adopted exactly as they were. Entries that do not (the vault was
//! rekeyed after the backup, or the file was altered) are appended anew with their
//! time, user, command, codes and counts, their command marked
//! `[carried, unverified]`, and the restore entry counts them: nothing is lost, and
//! nothing unproven passes for proven.

use rusqlite::Connection;

use super::Vault;
use super::audit_log::{AuditLog, ENTRY_COLUMNS, entry_from_row};
use super::column::Ciphers;
use super::header::{HEADER_MAC, Header, VAULT_ID};
use super::row::{SELECT_COLUMNS, SealedRow};
use super::snapshot::{CarriedRegister, PendingRestore};
use super::state;
use super::store::{delete_customer_row, query_rows_on, register_erasure};
use crate::audit::{ChainVerifier, Entry, Event};
use crate::error::{Error, Result};

fn has_pending(conn: &Connection) -> rusqlite::Result<bool> {
    let exists = conn
        .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'restore_pending'")?
        .exists([])?;
    Ok(exists && conn.prepare("SELECT 1 FROM restore_pending")?.exists([])?)
}

/// What folding a restore into the restored vault did.
#[derive(Debug, Default)]
pub struct RestoreOutcome {
    /// Codes of the customers erased again.
    pub reapplied: Vec<String>,
    /// Codes of customers that an erasure register no key proved names: not erased.
    pub unproven: Vec<String>,
    /// Audit entries of the replaced vault adopted as they were, and re-appended marked.
    pub carried: u64,
    pub carried_unverified: u64,
}

/// One restore waiting to be recorded: when and by whom, what it carried, and whether
/// this vault's key proves each erasure register it carried.
struct Pending {
    at: String,
    user: String,
    details: PendingRestore,
    proofs: Vec<bool>,
}

/// What folding the carried audit entries did.
pub(super) struct Carried {
    pub archive_entries: u64,
    pub adopted: u64,
    pub unverified: u64,
}

/// Appends the replaced vault's entries the archive lacks: adopted as they were when
/// they chain on the archive's log under this key, else re-appended and marked.
fn fold_carried(tx: &Connection, audit: &AuditLog) -> Result<Carried> {
    let fail = |e| Error::db("recording the restore in the audit log", e);
    let archive_entries = audit.checked_count(tx)?;
    let carried: Vec<Entry> = tx
        .prepare(&format!(
            "SELECT {ENTRY_COLUMNS} FROM restore_carried ORDER BY seq"
        ))
        .and_then(|mut s| s.query_map([], entry_from_row)?.collect())
        .map_err(fail)?;
    let proven = {
        let mut verifier = ChainVerifier::new(&audit.key, carried.len() as u64);
        carried.iter().all(|e| verifier.push(e).is_ok()) && verifier.finish().is_ok()
    };
    // How far the carried log and the archive's agree, entry by entry, by content: after
    // a rekey their MACs differ but the entries the archive has are the same.
    let mut common = 0;
    let mut same_macs = true;
    for entry in carried.iter().take_while(|e| e.seq <= archive_entries) {
        let stored: Option<Entry> = tx
            .query_row(
                &format!("SELECT {ENTRY_COLUMNS} FROM audit WHERE seq = ?1"),
                [i64::try_from(entry.seq).unwrap_or(i64::MAX)],
                entry_from_row,
            )
            .ok();
        let Some(stored) = stored else { break };
        let same = (
            &stored.at,
            &stored.user,
            &stored.command,
            &stored.codes,
            &stored.counts,
        ) == (
            &entry.at,
            &entry.user,
            &entry.command,
            &entry.codes,
            &entry.counts,
        );
        if !same {
            break;
        }
        same_macs &= stored.mac == entry.mac;
        common += 1;
    }
    let continues = proven && same_macs && common == archive_entries.min(carried.len() as u64);
    let mut result = Carried {
        archive_entries,
        adopted: 0,
        unverified: 0,
    };
    for entry in carried.iter().skip(usize::try_from(common).unwrap_or(0)) {
        if continues {
            audit.adopt(tx, entry)?;
            result.adopted += 1;
        } else {
            let event = Event {
                command: format!("{} [carried, unverified]", entry.command),
                codes: entry.codes.clone(),
                counts: entry
                    .counts
                    .iter()
                    .filter_map(|(k, v)| Some((k.clone(), v.as_u64()?)))
                    .collect(),
            };
            audit.append_carried(
                tx,
                event,
                entry.at.clone(),
                entry.user.clone(),
                entry.actor.clone(),
            )?;
            result.unverified += 1;
        }
    }
    Ok(result)
}

/// Erases again the customers in the proven registers of `restore`; returns the codes
/// erased and the codes of customers an unproven register names (left alone).
fn reapply(
    tx: &Connection,
    restore: &Pending,
    audit: &AuditLog,
    ciphers: &mut Ciphers,
) -> Result<(Vec<String>, Vec<String>)> {
    let fail = |e| Error::db("re-applying erasures after the restore", e);
    let (mut applied, mut unproven) = (Vec::new(), Vec::new());
    for (register, &proven) in restore.details.registers.iter().zip(&restore.proofs) {
        for erasure in &register.entries {
            let Some(record_id) = erasure.record_id() else {
                continue;
            };
            let row: Option<SealedRow> = query_rows_on(
                tx,
                &format!("SELECT {SELECT_COLUMNS} FROM customers WHERE record_id = ?1"),
                [&record_id],
            )?
            .pop();
            if !proven {
                if let Some(row) = row
                    && !unproven.contains(&row.code)
                {
                    unproven.push(row.code);
                }
                continue;
            }
            if let Some(row) = &row {
                delete_customer_row(tx, row, &audit.state).map_err(fail)?;
                applied.push(row.code.clone());
            }
            register_erasure(
                tx,
                &record_id,
                &erasure.code,
                erasure.erased_at(),
                &audit.state,
            )
            .map_err(fail)?;
            if let Ok(id) = <[u8; 16]>::try_from(record_id.as_slice()) {
                ciphers.refuse_erased([id]);
            }
        }
    }
    Ok((applied, unproven))
}

/// Records `restore` in the log: the restore, each erasure re-applied, and the
/// customers an unproven register named (not erased: logged, so the owner can erase
/// them by hand if the erasure was real).
fn record(
    tx: &Connection,
    audit: &AuditLog,
    restore: &Pending,
    carried: &Carried,
    (applied, unproven): (&[String], &[String]),
) -> Result<()> {
    let (at, user) = (&restore.at, &restore.user);
    let event = Event::new("restore")
        .codes(applied.iter().map(String::as_str))
        .count("archive_entries", carried.archive_entries)
        .count("carried", carried.adopted)
        .count("carried_unverified", carried.unverified)
        .count("erasures_reapplied", applied.len() as u64)
        .count("erasures_unproven", unproven.len() as u64);
    audit.append_as(tx, event, at.clone(), user.clone())?;
    for code in applied {
        let event = Event::new("erase (re-applied by restore)").codes([code.as_str()]);
        audit.append_as(tx, event, at.clone(), user.clone())?;
    }
    if !unproven.is_empty() {
        let event = Event::new("erase not re-applied (unproven register)")
            .codes(unproven.iter().map(String::as_str));
        audit.append_as(tx, event, at.clone(), user.clone())?;
    }
    Ok(())
}

impl Vault {
    /// Refuses a vault whose restore tables hold rows (see the module documentation).
    pub(super) fn refuse_pending_restore(&self) -> Result<()> {
        let carried = self
            .conn
            .prepare("SELECT 1 FROM restore_carried")
            .and_then(|mut s| s.exists([]))
            .unwrap_or(false);
        let carried_staff = self
            .conn
            .prepare("SELECT 1 FROM restore_carried_staff")
            .and_then(|mut s| s.exists([]))
            .unwrap_or(false);
        if carried || carried_staff || has_pending(&self.conn).unwrap_or(true) {
            return Err(Error::Tampered {
                what: "the vault holds the record of a restore that was never completed; \
                       `restore` writes and consumes it in one command, so it was planted \
                       to have entries signed into the audit log"
                    .into(),
            });
        }
        Ok(())
    }

    /// The restores waiting since the last unlock, each register proven or not.
    fn pending_restores(&self) -> Result<Vec<Pending>> {
        let fail = |e| Error::db("recording the restore in the audit log", e);
        let rows: Vec<(String, String, String)> = self
            .conn
            .prepare("SELECT at, os_user, details FROM restore_pending ORDER BY rowid")
            .and_then(|mut s| {
                s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                    .collect()
            })
            .map_err(fail)?;
        rows.into_iter()
            .map(|(at, user, details)| {
                let details: PendingRestore =
                    serde_json::from_str(&details).map_err(|_| Error::Tampered {
                        what: "the record of a restore waiting for the audit log is malformed"
                            .into(),
                    })?;
                let proofs = details
                    .registers
                    .iter()
                    .map(|r| r.proven || self.proves(r))
                    .collect();
                Ok(Pending {
                    at,
                    user,
                    details,
                    proofs,
                })
            })
            .collect()
    }

    /// Folds a restore that happened since the last unlock into the audit log, and
    /// re-applies the erasures its proven registers hold, in one transaction. Does
    /// nothing when there was none.
    pub(super) fn fold_in_restore(&mut self) -> Result<RestoreOutcome> {
        let fail = |e| Error::db("recording the restore in the audit log", e);
        let mut outcome = RestoreOutcome::default();
        if !has_pending(&self.conn).map_err(fail)? {
            return Ok(outcome);
        }
        let restores = self.pending_restores()?;
        let tx = state::begin_write(&mut self.conn, &self.audit.state).map_err(fail)?;
        let carried = fold_carried(&tx, &self.audit)?;
        for restore in &restores {
            let (applied, unproven) = reapply(&tx, restore, &self.audit, &mut self.ciphers)?;
            record(&tx, &self.audit, restore, &carried, (&applied, &unproven))?;
            outcome.reapplied.extend(applied);
            outcome.unproven.extend(unproven);
        }
        let journals = super::staff::fold_carried_journals(&tx, &self.vault_id, &self.audit)?;
        outcome.carried = carried.adopted + journals.adopted;
        outcome.carried_unverified = carried.unverified + journals.unverified;
        tx.execute_batch(
            "DELETE FROM restore_carried; DELETE FROM restore_pending;
             DELETE FROM restore_carried_staff;",
        )
        .map_err(fail)?;
        tx.commit().map_err(fail)?;
        Ok(outcome)
    }
}

impl Vault {
    /// True when `register` is this vault's own, as its key holder wrote it: the copy's
    /// header MAC verifies under this vault's key, and the entries are exactly the
    /// register that header records.
    pub fn proves(&self, register: &CarriedRegister) -> bool {
        if register.version() < 3
            || register.meta(VAULT_ID).as_deref() != Some(self.vault_id.as_slice())
        {
            return false;
        }
        let Ok(header) = Header::from_meta(register.version(), &|key| Ok(register.meta(key)))
        else {
            return false;
        };
        let mac = register.meta(HEADER_MAC).unwrap_or_default();
        let Some(recorded) = header.state else {
            return false;
        };
        let Ok(master) = super::master_of(self.master.as_ref()) else {
            return false;
        };
        if !header.mac_matches(&self.vault_id, &master.header_key(), &mac) {
            return false;
        }
        let key = self.audit.state.key();
        let mut digest = crate::crypto::SetDigest::default();
        for erasure in &register.entries {
            let Some(record_id) = erasure.record_id() else {
                return false;
            };
            digest.toggle(state::erasure_element(
                key,
                &record_id,
                &erasure.code,
                erasure.erased_at(),
            ));
        }
        digest == recorded.erasures
    }
}
