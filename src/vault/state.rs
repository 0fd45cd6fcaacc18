//! The vault's authenticated state: keyed set digests (`crypto::state`) of the live
//! customers (record id, version, code, dates), the erasure register and the keyslots,
//! recorded in the MACed header beside the last audit entry's MAC.
//!
//! Every write transaction toggles the elements it adds or removes in a [`Tracker`], and
//! the audit entry that ends the transaction folds them into the header (`audit_log`), so
//! a write costs one HMAC per changed element. Unlocking recomputes the cheap parts (the
//! keyslots, the audit head); `verify` recomputes everything. A row rolled back, deleted
//! or put back, an erasure or keyslot added or removed, all without the key, no longer
//! match the digests.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension};

use super::Vault;
use super::header::StateDigests;
use crate::crypto::{AuditKey, Element, SetDigest, StateKey};
use crate::error::{Error, Result};

/// Begins a write transaction (taking the write lock now, so concurrent writers queue on
/// the busy timeout instead of failing half way), with no change of an earlier,
/// rolled-back transaction left in `tracker`.
pub(super) fn begin_write<'c>(
    conn: &'c mut Connection,
    tracker: &Tracker,
) -> rusqlite::Result<rusqlite::Transaction<'c>> {
    tracker.discard();
    conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
}

/// The clear values of a customer row that its state element covers.
pub(super) struct RowState<'a> {
    /// The group the row is in (0: held by no staff member).
    pub group: i64,
    pub record_id: &'a [u8; 16],
    pub version: i64,
    pub code: &'a str,
    pub retain_until: Option<&'a str>,
    pub created: &'a str,
    pub updated: &'a str,
}

/// The element of a customer row.
pub(super) fn customer_element(key: &StateKey, row: &RowState<'_>) -> Element {
    key.element(
        b"customer",
        &[
            row.record_id,
            &row.version.to_be_bytes(),
            row.code.as_bytes(),
            row.retain_until.unwrap_or("\0none").as_bytes(),
            row.created.as_bytes(),
            row.updated.as_bytes(),
        ],
    )
}

/// The element of an entry of the erasure register.
pub(super) fn erasure_element(key: &StateKey, record_id: &[u8], code: &str, at: &str) -> Element {
    key.element(b"erasure", &[record_id, code.as_bytes(), at.as_bytes()])
}

/// The keys of a staff member's group state: its customers' digest elements, and the
/// MAC of its record (`vault::staff`).
pub(super) struct GroupSeal {
    pub state: StateKey,
    pub record: AuditKey,
}

/// The changes of one write transaction, waiting for the audit entry that ends it, and
/// the keys their elements are made with.
pub(super) struct Tracker {
    /// The key of group 0, whose digests the header records.
    key: StateKey,
    /// The keys of the staff groups this writer holds.
    groups: BTreeMap<i64, GroupSeal>,
    customers: Cell<SetDigest>,
    /// Changes to the customers of staff groups, by group.
    group_customers: RefCell<BTreeMap<i64, SetDigest>>,
    /// A row of a group whose key this writer does not hold was changed: the write
    /// cannot be recorded, and fails.
    foreign_group: Cell<Option<i64>>,
    erasures: Cell<SetDigest>,
    /// Keyslots are few: when one changes, their digest is recomputed from the table.
    keyslots_changed: Cell<bool>,
    /// The roster or a group key's wrap changed (`vault::staff`).
    pub roster_changed: Cell<bool>,
}

impl Tracker {
    pub fn new(key: StateKey) -> Self {
        Self {
            key,
            groups: BTreeMap::new(),
            customers: Cell::default(),
            group_customers: RefCell::default(),
            foreign_group: Cell::new(None),
            erasures: Cell::default(),
            keyslots_changed: Cell::new(false),
            roster_changed: Cell::new(false),
        }
    }

    pub fn key(&self) -> &StateKey {
        &self.key
    }

    /// Holds the keys of staff group `id` from now on.
    pub fn add_group(&mut self, id: i64, seal: GroupSeal) {
        self.groups.insert(id, seal);
    }

    /// Forgets the keys of staff group `id` (its staff member left).
    pub fn remove_group(&mut self, id: i64) {
        self.groups.remove(&id);
    }

    /// The keys of staff group `id`, when this writer holds them.
    pub fn group(&self, id: i64) -> Option<&GroupSeal> {
        self.groups.get(&id)
    }

    /// Records that a customer row changed from `old` (`None`: it is new) to `new`
    /// (`None`: it was deleted).
    pub fn customer_changed(&self, old: Option<&RowState<'_>>, new: Option<&RowState<'_>>) {
        for row in [old, new].into_iter().flatten() {
            if row.group == 0 {
                self.toggle_customer(customer_element(&self.key, row));
            } else if let Some(seal) = self.groups.get(&row.group) {
                let element = customer_element(&seal.state, row);
                self.group_customers
                    .borrow_mut()
                    .entry(row.group)
                    .or_default()
                    .toggle(element);
            } else {
                self.foreign_group.set(Some(row.group));
            }
        }
    }

    /// Takes the changes to staff groups' customers, by group; an error when a row of
    /// a group this writer holds no key for was changed.
    pub fn take_group_changes(&self) -> Result<BTreeMap<i64, SetDigest>> {
        if let Some(group) = self.foreign_group.take() {
            return Err(Error::Tampered {
                what: format!("a write touched group {group}, whose key this unlock does not hold"),
            });
        }
        Ok(self.group_customers.take())
    }

    /// Records a new entry of the erasure register.
    pub fn erasure_added(&self, record_id: &[u8], code: &str, at: &str) {
        self.toggle_erasure(erasure_element(&self.key, record_id, code, at));
    }

    pub fn toggle_customer(&self, element: Element) {
        let mut digest = self.customers.get();
        digest.toggle(element);
        self.customers.set(digest);
    }

    pub fn toggle_erasure(&self, element: Element) {
        let mut digest = self.erasures.get();
        digest.toggle(element);
        self.erasures.set(digest);
    }

    pub fn keyslots_changed(&self) {
        self.keyslots_changed.set(true);
    }

    /// Forgets the changes of a transaction that was rolled back.
    pub fn discard(&self) {
        self.customers.take();
        self.group_customers.take();
        self.foreign_group.take();
        self.roster_changed.set(false);
        self.erasures.take();
        self.keyslots_changed.set(false);
    }

    /// Applies the pending changes to `state` (recomputing the keyslot digest if a slot
    /// changed, and checking it otherwise) and forgets them.
    pub fn fold_into(&self, conn: &Connection, state: &mut StateDigests) -> Result<()> {
        state.customers.merge(self.customers.take());
        state.erasures.merge(self.erasures.take());
        let keyslots = keyslots_digest(conn, &self.key)?;
        if !self.keyslots_changed.replace(false) && keyslots != state.keyslots {
            return Err(keyslots_altered());
        }
        state.keyslots = keyslots;
        Ok(())
    }
}

fn read_failure(e: rusqlite::Error) -> Error {
    Error::db("reading the vault's state", e)
}

fn keyslots_altered() -> Error {
    Error::Tampered {
        what: "the keyslots were changed without the key (a slot added, removed or put back \
               from an older copy)"
            .into(),
    }
}

/// The digest of the keyslot table: every column of every slot.
pub(super) fn keyslots_digest(conn: &Connection, key: &StateKey) -> Result<SetDigest> {
    let mut stmt = conn
        .prepare(
            "SELECT id, kind, label, memory_kib, iterations, parallelism, salt, key_file,
                    wrapped, created FROM keyslots",
        )
        .map_err(read_failure)?;
    let mut rows = stmt.query([]).map_err(read_failure)?;
    let mut digest = SetDigest::default();
    while let Some(row) = rows.next().map_err(read_failure)? {
        let text = |i: usize| -> Result<Vec<u8>> {
            let value = row.get_ref(i).map_err(read_failure)?;
            Ok(match value {
                rusqlite::types::ValueRef::Integer(n) => n.to_be_bytes().to_vec(),
                rusqlite::types::ValueRef::Text(t) | rusqlite::types::ValueRef::Blob(t) => {
                    t.to_vec()
                }
                rusqlite::types::ValueRef::Real(r) => r.to_be_bytes().to_vec(),
                rusqlite::types::ValueRef::Null => b"\0null".to_vec(),
            })
        };
        let parts: Vec<Vec<u8>> = (0..10).map(text).collect::<Result<_>>()?;
        let parts: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
        digest.toggle(key.element(b"keyslot", &parts));
    }
    Ok(digest)
}

/// The digest of the live customers of group 0, from every row.
pub(super) fn customers_digest(conn: &Connection, key: &StateKey) -> Result<SetDigest> {
    group_digest(conn, key, 0)
}

/// The digest of the live customers of group `group`, from every row.
pub(super) fn group_digest(conn: &Connection, key: &StateKey, group: i64) -> Result<SetDigest> {
    let mut stmt = conn
        .prepare(
            "SELECT record_id, version, code, retain_until, created, updated FROM main.customers
             WHERE grp = ?1",
        )
        .map_err(read_failure)?;
    let mut rows = stmt.query([group]).map_err(read_failure)?;
    let mut digest = SetDigest::default();
    while let Some(row) = rows.next().map_err(read_failure)? {
        let record_id: Vec<u8> = row.get(0).map_err(read_failure)?;
        let record_id: [u8; 16] = record_id.try_into().map_err(|_| Error::Tampered {
            what: "a customer row is malformed (record id)".into(),
        })?;
        let code: String = row.get(2).map_err(read_failure)?;
        let retain_until: Option<String> = row.get(3).map_err(read_failure)?;
        let created: String = row.get(4).map_err(read_failure)?;
        let updated: String = row.get(5).map_err(read_failure)?;
        digest.toggle(customer_element(
            key,
            &RowState {
                group,
                record_id: &record_id,
                version: row.get(1).map_err(read_failure)?,
                code: &code,
                retain_until: retain_until.as_deref(),
                created: &created,
                updated: &updated,
            },
        ));
    }
    Ok(digest)
}

/// The digest of an erasure register: of this vault (`table` "erasures") or one a
/// restore carried over.
pub(super) fn erasures_digest(conn: &Connection, key: &StateKey) -> Result<SetDigest> {
    let mut stmt = conn
        .prepare("SELECT record_id, code, erased_at FROM erasures")
        .map_err(read_failure)?;
    let mut rows = stmt.query([]).map_err(read_failure)?;
    let mut digest = SetDigest::default();
    while let Some(row) = rows.next().map_err(read_failure)? {
        let record_id: Vec<u8> = row.get(0).map_err(read_failure)?;
        let code: String = row.get(1).map_err(read_failure)?;
        let at: String = row.get(2).map_err(read_failure)?;
        digest.toggle(erasure_element(key, &record_id, &code, &at));
    }
    Ok(digest)
}

/// The state of the tables as they are now, under `key`, ending at the last audit entry:
/// what a rewrite of the whole vault (an upgrade, a rekey) records once it has checked
/// what it read.
pub(super) fn recompute(conn: &Connection, key: &StateKey) -> Result<StateDigests> {
    let audit_head: Option<Vec<u8>> = conn
        .query_row("SELECT mac FROM audit ORDER BY seq DESC LIMIT 1", [], |r| {
            r.get(0)
        })
        .optional()
        .map_err(read_failure)?;
    Ok(StateDigests {
        audit_head: audit_head
            .and_then(|mac| mac.try_into().ok())
            .unwrap_or([0; 32]),
        customers: customers_digest(conn, key)?,
        erasures: erasures_digest(conn, key)?,
        keyslots: keyslots_digest(conn, key)?,
    })
}

/// The checks of every unlock, cheap whatever the vault's size: the keyslots are the
/// ones the header records, and the audit log ends where the header says.
pub(super) fn check_at_unlock(
    conn: &Connection,
    key: &StateKey,
    state: &StateDigests,
    audit_count: u64,
) -> Result<()> {
    if keyslots_digest(conn, key)? != state.keyslots {
        return Err(keyslots_altered());
    }
    check_audit_head(conn, state, audit_count)
}

/// The log has exactly `count` entries and the last one's MAC is the recorded head.
pub(super) fn check_audit_head(conn: &Connection, state: &StateDigests, count: u64) -> Result<()> {
    let (last, head): (Option<i64>, Option<Vec<u8>>) = conn
        .query_row(
            "SELECT max(seq), (SELECT mac FROM audit ORDER BY seq DESC LIMIT 1) FROM audit",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(read_failure)?;
    let last = last.and_then(|n| u64::try_from(n).ok()).unwrap_or(0);
    let head_matches = match head {
        Some(mac) => mac == state.audit_head,
        None => state.audit_head == [0; 32],
    };
    if last != count || !head_matches {
        return Err(Error::AuditChainBroken {
            fault: format!(
                "the log ends at entry {last}, but the vault header records {count} entries \
                 ending in another entry: entries were removed, added or replaced"
            ),
        });
    }
    Ok(())
}

/// The full check of `verify` and `rekey`: the live customers and the erasure register
/// are the sets the header records, and no erased record is back.
pub(super) fn check_full(conn: &Connection, key: &StateKey, state: &StateDigests) -> Result<()> {
    // Most specific first: a forged register, then an erased customer put back, then
    // any other difference in the rows.
    if erasures_digest(conn, key)? != state.erasures {
        return Err(Error::Tampered {
            what: "the erasure register was changed without the key (an entry added or \
                   removed): a restore could erase a live customer by it"
                .into(),
        });
    }
    let back: Option<String> = conn
        .query_row(
            "SELECT code FROM customers WHERE record_id IN (SELECT record_id FROM erasures)
             LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()
        .map_err(read_failure)?;
    if let Some(code) = back {
        return Err(Error::Tampered {
            what: format!("customer {code} was erased, and its row has been put back"),
        });
    }
    if customers_digest(conn, key)? != state.customers {
        return Err(Error::Tampered {
            what: "the customer rows are not the ones the key holder wrote: a row was rolled \
                   back to an older copy, deleted or added without the key"
                .into(),
        });
    }
    Ok(())
}

impl Vault {
    /// The checks of every unlock (see [`check_at_unlock`]).
    pub(super) fn check_state_at_unlock(&self) -> Result<()> {
        // One snapshot: another process may append (and rewrite the header) meanwhile.
        let snapshot = self.conn.unchecked_transaction().map_err(read_failure)?;
        let header = self.audit.header(&snapshot)?;
        let state = header.state()?;
        let checked = check_at_unlock(
            &snapshot,
            self.audit.state.key(),
            &state,
            header.audit_count.unwrap_or(0),
        );
        snapshot.finish().map_err(read_failure)?;
        match checked {
            // The chain itself names the first bad entry, where it can.
            Err(Error::AuditChainBroken { .. }) => self.verify_audit(|_| {}).and(checked),
            other => other,
        }
    }

    /// Reads the erasure register, so the rows of erased records never open.
    pub(super) fn load_erasures(&mut self) -> Result<()> {
        let ids: Vec<Vec<u8>> = self
            .conn
            .prepare("SELECT record_id FROM erasures")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .map_err(read_failure)?;
        self.ciphers
            .refuse_erased(ids.into_iter().filter_map(|id| id.try_into().ok()));
        Ok(())
    }
}
