//! The first unlock after a restore: the audit entries of the replaced vault that the
//! archive did not have, then the restore itself and each erasure it re-applied, are
//! added to the restored vault's log. `restore` has no vault key and cannot extend the
//! chain, so it leaves them in `restore_carried` and `restore_pending`
//! (`snapshot::record_restore`); this module, which has the key, folds them in.
//!
//! Carried entries that chain under this vault's audit key and continue the archive's
//! own log are adopted exactly as they were. Entries that do not (the vault was
//! rekeyed after the backup, or the file was altered) are appended anew with their
//! time, user, command, codes and counts, their command marked
//! `[carried, unverified]`, and the restore entry counts them: nothing is lost, and
//! nothing unproven passes for proven.

use rusqlite::{Connection, TransactionBehavior};

use super::Vault;
use super::audit_log::{ENTRY_COLUMNS, entry_from_row};
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

impl Vault {
    /// Folds a restore that happened since the last unlock into the audit log, in one
    /// transaction. Does nothing when there was none.
    pub(super) fn fold_in_restore(&mut self) -> Result<()> {
        let fail = |e| Error::db("recording the restore in the audit log", e);
        if !has_pending(&self.conn).map_err(fail)? {
            return Ok(());
        }
        // The pending restores, and whether this vault's key proves each register they
        // carry, read before the write transaction begins.
        let pending: Vec<(String, String, String)> = self
            .conn
            .prepare("SELECT at, os_user, details FROM restore_pending ORDER BY rowid")
            .and_then(|mut s| {
                s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                    .collect()
            })
            .map_err(fail)?;
        let mut restores = Vec::new();
        for (at, user, details) in pending {
            let details: PendingRestore =
                serde_json::from_str(&details).map_err(|_| Error::Tampered {
                    what: "the record of a restore waiting for the audit log is malformed".into(),
                })?;
            let proven = details
                .registers
                .iter()
                .map(|r| self.proves(r))
                .collect::<Result<Vec<bool>>>()?;
            restores.push((at, user, details, proven));
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(fail)?;
        let archive_entries = self.audit.checked_count(&tx)?;
        let carried: Vec<Entry> = tx
            .prepare(&format!(
                "SELECT {ENTRY_COLUMNS} FROM restore_carried ORDER BY seq"
            ))
            .and_then(|mut s| s.query_map([], entry_from_row)?.collect())
            .map_err(fail)?;
        let proven = {
            let mut verifier = ChainVerifier::new(&self.audit.key, carried.len() as u64);
            carried.iter().all(|e| verifier.push(e).is_ok()) && verifier.finish().is_ok()
        };
        // How far the carried log and the archive's agree, entry by entry.
        let mut common = 0;
        for entry in carried.iter().take_while(|e| e.seq <= archive_entries) {
            let mac: Option<Vec<u8>> = tx
                .query_row(
                    "SELECT mac FROM audit WHERE seq = ?1",
                    [i64::try_from(entry.seq).unwrap_or(i64::MAX)],
                    |r| r.get(0),
                )
                .ok();
            if mac.as_deref() != Some(entry.mac.as_slice()) {
                break;
            }
            common += 1;
        }
        let continues = proven && common == archive_entries.min(carried.len() as u64);
        let newer: Vec<&Entry> = carried
            .iter()
            .skip(usize::try_from(common).unwrap_or(0))
            .collect();
        let (mut adopted, mut unverified) = (0u64, 0u64);
        for entry in newer {
            if continues {
                self.audit.adopt(&tx, entry)?;
                adopted += 1;
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
                self.audit
                    .append_as(&tx, event, entry.at.clone(), entry.user.clone())?;
                unverified += 1;
            }
        }
        for (at, user, details, proofs) in restores {
            let (mut applied, mut unproven) = (Vec::new(), Vec::new());
            for (register, &proven) in details.registers.iter().zip(&proofs) {
                for erasure in &register.entries {
                    let Some(record_id) = erasure.record_id() else {
                        continue;
                    };
                    let row: Option<SealedRow> = query_rows_on(
                        &tx,
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
                        delete_customer_row(&tx, row, &self.audit.state).map_err(fail)?;
                        applied.push(row.code.clone());
                    }
                    register_erasure(
                        &tx,
                        &record_id,
                        &erasure.code,
                        erasure.erased_at(),
                        &self.audit.state,
                    )
                    .map_err(fail)?;
                    if let Ok(id) = <[u8; 16]>::try_from(record_id.as_slice()) {
                        self.ciphers.refuse_erased([id]);
                    }
                }
            }
            let event = Event::new("restore")
                .codes(applied.iter().map(String::as_str))
                .count("archive_entries", archive_entries)
                .count("carried", adopted)
                .count("carried_unverified", unverified)
                .count("erasures_reapplied", applied.len() as u64)
                .count("erasures_unproven", unproven.len() as u64);
            self.audit.append_as(&tx, event, at.clone(), user.clone())?;
            for code in &applied {
                let event = Event::new("erase (re-applied by restore)").codes([code.as_str()]);
                self.audit.append_as(&tx, event, at.clone(), user.clone())?;
            }
            if !unproven.is_empty() {
                // Not erased: the record of their erasure could not be proven with this
                // vault's key (forged, or from a copy under another key). Logged, so the
                // owner can erase them by hand if the erasure was real.
                let event = Event::new("erase not re-applied (unproven register)")
                    .codes(unproven.iter().map(String::as_str));
                self.audit.append_as(&tx, event, at.clone(), user.clone())?;
            }
        }
        tx.execute_batch("DELETE FROM restore_carried; DELETE FROM restore_pending;")
            .map_err(fail)?;
        tx.commit().map_err(fail)
    }
}

impl Vault {
    /// True when `register` is this vault's own, as its key holder wrote it: the copy's
    /// header MAC verifies under this vault's key, and the entries are exactly the
    /// register that header records.
    fn proves(&self, register: &CarriedRegister) -> Result<bool> {
        if register.version() < 3
            || register.meta(VAULT_ID).as_deref() != Some(self.vault_id.as_slice())
        {
            return Ok(false);
        }
        let Ok(header) = Header::from_meta(register.version(), &|key| Ok(register.meta(key)))
        else {
            return Ok(false);
        };
        let mac = register.meta(HEADER_MAC).unwrap_or_default();
        let Some(recorded) = header.state else {
            return Ok(false);
        };
        if !header.mac_matches(&self.vault_id, &self.master.header_key(), &mac) {
            return Ok(false);
        }
        let key = self.audit.state.key();
        let mut digest = crate::crypto::SetDigest::default();
        for erasure in &register.entries {
            let Some(record_id) = erasure.record_id() else {
                return Ok(false);
            };
            digest.toggle(state::erasure_element(
                key,
                &record_id,
                &erasure.code,
                erasure.erased_at(),
            ));
        }
        Ok(digest == recorded.erasures)
    }
}
