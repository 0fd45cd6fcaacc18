//! Staff with their own keys (`docs/access.md`): the roster, each employee's slot, the
//! group key that seals a staff member's customers, the group's own authenticated state
//! and its signed audit journal.
//!
//! - The owner's slots (`keyslots`) and managers' slots (on the roster) wrap the master
//!   key: both read every customer and field.
//! - A staff member's slot wraps their group key, the public half of the business's
//!   identity key and their own signing seed, under a key made from their passphrase.
//!   Their customers (group = their id) are sealed under keys derived from the group key;
//!   national ids and accounts of those customers are sealed to the identity key, whose
//!   private half only the master key unwraps. Each group key is also wrapped under the
//!   master key, for the owner and managers.
//! - Whatever a staff member writes is recorded in their group's record (the digest of
//!   its customers, the length and head of their journal), MACed under the group key,
//!   and in their journal, whose entries they sign. The roster and the group keys' wraps
//!   are in the master-key header's digest: only the owner (and managers, who hold the
//!   master key) can change them. The header also remembers each group record's write
//!   count at the last write with the master key, so an older record put back is found.
//! - A `rekey` replaces every group key and the identity key too, and delivers the new
//!   ones to each staff member's delivery key (derived from their signing seed) for their
//!   next unlock: nothing the old master key unwrapped opens anything written after.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::column::{Ciphers, GroupKeys, IdentityKey};
use super::keyslot::Credentials;
use super::state::{GroupSeal, Tracker, group_digest};
use super::{Vault, now_utc, schema};
use crate::audit::{Entry, Event};
use crate::crypto::envelope::{self, AgreementKey, SecretKey, WrapLabel};
use crate::crypto::master_key::key_encryption_key;
use crate::crypto::signing::{self, Signer};
use crate::crypto::{AuditKey, KdfParams, MasterKey, SetDigest, random_array};
use crate::error::{Error, Result};

/// The name the owner acts under in the audit log and in `reassign --to`.
pub const OWNER_NAME: &str = "owner";
/// The epoch group keys are derived under: a group key is never rotated in place (a
/// departure or reassignment seals rows under another group's key).
const GROUP_EPOCH: u32 = 1;
const JOURNAL_DOMAIN: &str = "sealbook v1 staff audit entry";
const IDENTITY_META: &str = "identity_key";

/// What a principal may do (`docs/access.md`, section 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Owner,
    Manager,
    Staff,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Manager => "manager",
            Role::Staff => "staff",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "owner" => Some(Role::Owner),
            "manager" => Some(Role::Manager),
            "staff" => Some(Role::Staff),
            _ => None,
        }
    }
}

/// Who unlocked a vault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Principal {
    /// A keyslot of the vault (passphrase or recovery key), or the unlock agent.
    Owner,
    Manager {
        id: i64,
        name: String,
    },
    Staff {
        id: i64,
        name: String,
    },
}

impl Principal {
    pub fn role(&self) -> Role {
        match self {
            Principal::Owner => Role::Owner,
            Principal::Manager { .. } => Role::Manager,
            Principal::Staff { .. } => Role::Staff,
        }
    }

    /// The name the audit log records.
    pub fn name(&self) -> &str {
        match self {
            Principal::Owner => OWNER_NAME,
            Principal::Manager { name, .. } | Principal::Staff { name, .. } => name,
        }
    }
}

/// A roster entry as `staff list` shows it; no key material.
#[derive(Clone, Debug, Serialize)]
pub struct StaffMember {
    pub name: String,
    pub role: Role,
    pub added: String,
    /// When they were removed; removed employees stay listed, so their entries verify.
    pub removed: Option<String>,
    /// Customers in their group (staff); `None` for managers.
    pub customers: Option<u64>,
    /// Their newest audit entry.
    pub last_active: Option<String>,
    /// False when they have no slot to unlock with: removed, or a manager whose slot a
    /// `rekey` wiped (the owner issues a new one with `staff add`).
    pub can_unlock: bool,
}

fn read_failure(e: rusqlite::Error) -> Error {
    Error::db("reading the staff roster", e)
}

fn write_failure(e: rusqlite::Error) -> Error {
    Error::db("writing the staff roster", e)
}

fn tampered(what: impl Into<String>) -> Error {
    Error::Tampered { what: what.into() }
}

fn label<'a>(vault_id: &'a [u8; 16], kind: &'a str, id: &'a [u8]) -> WrapLabel<'a> {
    WrapLabel {
        vault_id,
        kind,
        id,
        epoch: 0,
    }
}

/// What a staff member's slot holds.
pub(super) struct StaffSecrets {
    pub group_key: SecretKey,
    pub identity_public: [u8; 32],
    pub signer: Signer,
}

const SLOT_PARTS: [&str; 3] = [
    "staff group key",
    "staff identity public key",
    "staff signing key",
];

fn wrap_staff_slot(
    kek: &SecretKey,
    vault_id: &[u8; 16],
    id: i64,
    secrets: &StaffSecrets,
) -> Vec<u8> {
    let id = id.to_be_bytes();
    let seed = secrets.signer.seed();
    let keys = [
        SecretKey::from_bytes(*secrets.group_key.as_bytes()),
        SecretKey::from_bytes(secrets.identity_public),
        SecretKey::from_bytes(*seed),
    ];
    SLOT_PARTS
        .iter()
        .zip(&keys)
        .flat_map(|(kind, key)| envelope::wrap(kek, key, &label(vault_id, kind, &id)))
        .collect()
}

fn unwrap_staff_slot(
    kek: &SecretKey,
    vault_id: &[u8; 16],
    id: i64,
    wrapped: &[u8],
) -> Option<StaffSecrets> {
    if !wrapped.len().is_multiple_of(SLOT_PARTS.len()) {
        return None;
    }
    let id = id.to_be_bytes();
    let part_len = wrapped.len() / SLOT_PARTS.len();
    let mut parts = wrapped
        .chunks(part_len)
        .zip(SLOT_PARTS)
        .map(|(bytes, kind)| envelope::unwrap(kek, bytes, &label(vault_id, kind, &id)));
    let group_key = parts.next()??;
    let identity_public = *parts.next()??.as_bytes();
    let signer = Signer::from_seed(parts.next()??.as_bytes());
    Some(StaffSecrets {
        group_key,
        identity_public,
        signer,
    })
}

/// A manager's slot: the master key under their key-encryption key.
fn wrap_manager_slot(kek: &SecretKey, vault_id: &[u8; 16], id: i64, master: &MasterKey) -> Vec<u8> {
    let id = id.to_be_bytes();
    let key = SecretKey::from_bytes(*master.to_bytes());
    envelope::wrap(kek, &key, &label(vault_id, "manager master key", &id))
}

/// The keys a group key gives: its ciphers and blind index keys, and its state keys.
pub(super) fn group_keys(group_key: &SecretKey) -> (GroupKeys, GroupSeal) {
    let root = MasterKey::from_bytes(group_key.as_bytes());
    let keys = root.data_keys(GROUP_EPOCH);
    (
        GroupKeys::new(&keys),
        GroupSeal {
            state: keys.state_key(),
            record: keys.audit_key(),
        },
    )
}

fn group_wrap_label<'a>(vault_id: &'a [u8; 16], id: &'a [u8; 8]) -> WrapLabel<'a> {
    WrapLabel {
        vault_id,
        kind: "staff group key",
        id,
        epoch: 0,
    }
}

/// The business's identity key: made at the upgrade to schema 4, its private half
/// wrapped under the master key.
pub(super) fn create_identity_key(
    conn: &Connection,
    vault_id: &[u8; 16],
    master: &MasterKey,
) -> Result<()> {
    let identity = AgreementKey::generate();
    let private = SecretKey::from_bytes(*identity.to_bytes());
    let wrapped = envelope::wrap(
        &master.staff_wrap_key(),
        &private,
        &label(vault_id, "identity key", b""),
    );
    schema::meta_set(conn, IDENTITY_META, &wrapped)
}

/// The identity key, unwrapped with the master key. Its public half is taken from the
/// private half, never from the file.
pub(super) fn identity_key(
    conn: &Connection,
    vault_id: &[u8; 16],
    master: &MasterKey,
) -> Result<AgreementKey> {
    let wrapped = schema::meta_get(conn, IDENTITY_META)?
        .ok_or_else(|| tampered("the vault's identity key is missing"))?;
    envelope::unwrap(
        &master.staff_wrap_key(),
        &wrapped,
        &label(vault_id, "identity key", b""),
    )
    .map(|key| AgreementKey::from_bytes(*key.as_bytes()))
    .ok_or_else(|| tampered("the vault's identity key does not open with the master key"))
}

/// The digest of the roster and the group keys' wraps, which the master-key header
/// records: changing a name, role, signing key, departure or wrap without the master key
/// is detected.
///
/// An employee's slot (its salt, cost and wrap) is left out, so employees change their
/// own passphrase without the master key. Replacing someone's slot gains nothing: a slot
/// made without their group key or the master key opens neither, and the signing key it
/// would give is not the one on the roster.
pub(super) fn roster_digest(conn: &Connection) -> Result<[u8; 32]> {
    let roster = table_digest(
        conn,
        "SELECT id, name, role, added, removed, verify_key, delivery_key, final_count,
             final_head
         FROM staff ORDER BY id",
    )?;
    let wraps = table_digest(conn, "SELECT id, wrapped FROM staff_groups ORDER BY id")?;
    Ok(crate::crypto::digest(
        b"sealbook v1 roster",
        [Some(roster.as_slice()), Some(wraps.as_slice())],
    ))
}

/// The digest of every value `sql` selects, row by row.
fn table_digest(conn: &Connection, sql: &str) -> Result<[u8; 32]> {
    let mut values: Vec<Option<Vec<u8>>> = Vec::new();
    let mut stmt = conn.prepare(sql).map_err(read_failure)?;
    let columns = stmt.column_count();
    let mut rows = stmt.query([]).map_err(read_failure)?;
    while let Some(row) = rows.next().map_err(read_failure)? {
        for i in 0..columns {
            values.push(match row.get_ref(i).map_err(read_failure)? {
                rusqlite::types::ValueRef::Null => None,
                rusqlite::types::ValueRef::Integer(n) => Some(n.to_be_bytes().to_vec()),
                rusqlite::types::ValueRef::Real(r) => Some(r.to_be_bytes().to_vec()),
                rusqlite::types::ValueRef::Text(t) | rusqlite::types::ValueRef::Blob(t) => {
                    Some(t.to_vec())
                }
            });
        }
    }
    Ok(crate::crypto::digest(
        sql.as_bytes(),
        values.iter().map(Option::as_deref),
    ))
}

/// A staff group's record: how many writes it has had, the digest of its customers and
/// its journal's length and head.
pub(super) struct GroupRecord {
    /// Counts every write to the group (by anyone); the master-key header remembers it
    /// as of the last write with the master key (`GroupMarks`).
    pub writes: u64,
    pub customers: SetDigest,
    pub journal_count: u64,
    pub journal_head: Vec<u8>,
}

impl GroupRecord {
    fn empty() -> Self {
        Self {
            writes: 0,
            customers: SetDigest::default(),
            journal_count: 0,
            journal_head: Vec::new(),
        }
    }

    fn with_parts<T>(&self, vault_id: &[u8; 16], id: i64, f: impl FnOnce(&[&[u8]]) -> T) -> T {
        f(&[
            b"staff group record",
            vault_id,
            &id.to_be_bytes(),
            &self.writes.to_be_bytes(),
            &self.customers.0,
            &self.journal_count.to_be_bytes(),
            &self.journal_head,
        ])
    }
}

fn record_mac(key: &AuditKey, vault_id: &[u8; 16], id: i64, record: &GroupRecord) -> [u8; 32] {
    record.with_parts(vault_id, id, |parts| key.mac(parts))
}

fn sql_int(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// A group record's columns as stored: writes, customers' digest, journal count and
/// head, MAC.
type StoredRecord = (i64, Vec<u8>, i64, Vec<u8>, Vec<u8>);

/// Reads group `id`'s record and checks its MAC under the group key; returns it with
/// its MAC.
pub(super) fn read_group_record_and_mac(
    conn: &Connection,
    vault_id: &[u8; 16],
    id: i64,
    key: &AuditKey,
) -> Result<(GroupRecord, Vec<u8>)> {
    let row: Option<StoredRecord> = conn
        .prepare_cached(
            "SELECT writes, customers, journal_count, journal_head, mac FROM staff_groups
             WHERE id = ?1",
        )
        .and_then(|mut s| {
            s.query_row([id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .optional()
        })
        .map_err(read_failure)?;
    let (writes, customers, count, head, mac) =
        row.ok_or_else(|| tampered(format!("the record of staff group {id} is missing")))?;
    let record = GroupRecord {
        writes: u64::try_from(writes).unwrap_or(u64::MAX),
        customers: SetDigest::from_slice(&customers)
            .ok_or_else(|| tampered(format!("the record of staff group {id} is malformed")))?,
        journal_count: u64::try_from(count).unwrap_or(u64::MAX),
        journal_head: head,
    };
    if !record.with_parts(vault_id, id, |parts| key.matches(parts, &mac)) {
        return Err(tampered(format!(
            "the record of staff group {id} (its customers' digest or its journal's end) was \
             changed without the group key"
        )));
    }
    Ok((record, mac))
}

/// Reads group `id`'s record and checks its MAC under the group key.
pub(super) fn read_group_record(
    conn: &Connection,
    vault_id: &[u8; 16],
    id: i64,
    key: &AuditKey,
) -> Result<GroupRecord> {
    read_group_record_and_mac(conn, vault_id, id, key).map(|(record, _)| record)
}

/// Writes group `id`'s record as its next write.
fn write_group_record(
    conn: &Connection,
    vault_id: &[u8; 16],
    id: i64,
    key: &AuditKey,
    record: &mut GroupRecord,
) -> Result<()> {
    record.writes += 1;
    let mac = record_mac(key, vault_id, id, record);
    conn.prepare_cached(
        "UPDATE staff_groups SET writes = ?2, customers = ?3, journal_count = ?4,
             journal_head = ?5, mac = ?6
         WHERE id = ?1",
    )
    .and_then(|mut s| {
        s.execute(params![
            id,
            sql_int(record.writes),
            record.customers.0.as_slice(),
            sql_int(record.journal_count),
            record.journal_head,
            mac.as_slice()
        ])
    })
    .map_err(write_failure)?;
    Ok(())
}

/// Where each staff group's record stood at the last write with the master key, as the
/// header records it: (group, writes, MAC) for each group. A record found at fewer
/// writes, or at as many with another MAC, was put back from an older copy: whoever did
/// it needs no key, only an old copy of the file.
pub(super) struct GroupMarks(BTreeMap<i64, (u64, Vec<u8>)>);

const MARK_LEN: usize = 8 + 8 + 32;

impl GroupMarks {
    pub fn parse(bytes: &[u8]) -> Result<Self> {
        if !bytes.len().is_multiple_of(MARK_LEN) {
            return Err(tampered("the header's marks of staff groups are malformed"));
        }
        let mut marks = BTreeMap::new();
        for mark in bytes.chunks(MARK_LEN) {
            let id = i64::from_be_bytes(mark[..8].try_into().unwrap_or_default());
            let writes = u64::from_be_bytes(mark[8..16].try_into().unwrap_or_default());
            marks.insert(id, (writes, mark[16..].to_vec()));
        }
        Ok(Self(marks))
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.0.len() * MARK_LEN);
        for (id, (writes, mac)) in &self.0 {
            out.extend_from_slice(&id.to_be_bytes());
            out.extend_from_slice(&writes.to_be_bytes());
            out.extend_from_slice(mac);
        }
        out
    }
}

/// The header's marks checked against the records and moved to where they now stand
/// ([`check_marks`]); `None` before version 4.
pub(super) fn advance_marks(
    conn: &Connection,
    vault_id: &[u8; 16],
    tracker: &Tracker,
    recorded: Option<&[u8]>,
) -> Result<Option<Vec<u8>>> {
    recorded
        .map(|bytes| {
            let marks = check_marks(conn, vault_id, tracker, &GroupMarks::parse(bytes)?)?;
            Ok(marks.to_bytes())
        })
        .transpose()
}

/// Checks every staff group's record against `marks` (the header's): none is older
/// than it was at the last write with the master key. Returns the marks as the records
/// now stand. Groups whose key `tracker` lacks (made in this transaction) get theirs at
/// the next write.
pub(super) fn check_marks(
    conn: &Connection,
    vault_id: &[u8; 16],
    tracker: &Tracker,
    marks: &GroupMarks,
) -> Result<GroupMarks> {
    let ids: Vec<i64> = conn
        .prepare_cached("SELECT id FROM staff_groups ORDER BY id")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(read_failure)?;
    let rolled_back = |id: i64| {
        tampered(format!(
            "staff group {id} was put back from an older copy of the file (its customers or \
             its journal as they were before the last write with the master key)"
        ))
    };
    let mut now = BTreeMap::new();
    for id in ids {
        let Some(seal) = tracker.group(id) else {
            continue;
        };
        let (record, mac) = read_group_record_and_mac(conn, vault_id, id, &seal.record)?;
        if let Some((writes, marked)) = marks.0.get(&id)
            && (record.writes < *writes || (record.writes == *writes && mac != *marked))
        {
            return Err(rolled_back(id));
        }
        now.insert(id, (record.writes, mac));
    }
    // A group marked but gone without a departure is caught by `verify_groups` (its
    // staff member has no group); after a departure, its mark goes with it.
    Ok(GroupMarks(now))
}

/// Folds a transaction's changes to staff groups' customers into their records.
pub(super) fn fold_group_changes(
    conn: &Connection,
    vault_id: &[u8; 16],
    tracker: &Tracker,
) -> Result<()> {
    for (id, changes) in tracker.take_group_changes()? {
        let seal = tracker
            .group(id)
            .ok_or_else(|| tampered(format!("no key for staff group {id}")))?;
        let mut record = read_group_record(conn, vault_id, id, &seal.record)?;
        record.customers.merge(changes);
        write_group_record(conn, vault_id, id, &seal.record, &mut record)?;
    }
    Ok(())
}

/// What a staff member's writes and reads need to record them.
pub(super) struct StaffAuthor {
    pub id: i64,
    pub signer: Signer,
}

fn journal_parts<'a>(
    vault_id: &'a [u8; 16],
    staff: &'a [u8; 8],
    seq: &'a [u8; 8],
    previous: &'a [u8],
    entry: &'a Entry,
    codes: &'a str,
    counts: &'a str,
) -> [&'a [u8]; 9] {
    [
        vault_id,
        staff,
        seq,
        previous,
        entry.at.as_bytes(),
        entry.user.as_bytes(),
        entry.command.as_bytes(),
        codes.as_bytes(),
        counts.as_bytes(),
    ]
}

/// Appends `event` to the staff member's journal, signed, inside the caller's write
/// transaction, and folds the transaction's changes to their group into its record.
pub(super) fn append_journal(
    conn: &Connection,
    vault_id: &[u8; 16],
    author: &StaffAuthor,
    tracker: &Tracker,
    event: Event,
    user: String,
) -> Result<u64> {
    let seal = tracker
        .group(author.id)
        .ok_or_else(|| tampered("no key for the staff member's own group"))?;
    let mut record = read_group_record(conn, vault_id, author.id, &seal.record)?;
    let changes = tracker.take_group_changes()?;
    for (id, change) in changes {
        if id != author.id {
            return Err(Error::NotPermitted {
                what: "change a customer of another group".into(),
            });
        }
        record.customers.merge(change);
    }
    let seq = record.journal_count + 1;
    let mut entry = Entry::new(seq, now_utc(), user, event);
    let (codes, counts) = (entry.codes_text(), entry.counts_text());
    let (staff_bytes, seq_bytes) = (author.id.to_be_bytes(), seq.to_be_bytes());
    let signature = author.signer.sign(
        JOURNAL_DOMAIN,
        &journal_parts(
            vault_id,
            &staff_bytes,
            &seq_bytes,
            &record.journal_head,
            &entry,
            &codes,
            &counts,
        ),
    );
    entry.mac = signature.to_vec();
    conn.prepare_cached(
        "INSERT INTO staff_audit (staff, seq, at, os_user, command, codes, counts, signature)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )
    .and_then(|mut s| {
        s.execute(params![
            author.id,
            sql_int(seq),
            entry.at,
            entry.user,
            entry.command,
            codes,
            counts,
            entry.mac
        ])
    })
    .map_err(|e| Error::db("writing the audit log", e))?;
    record.journal_count = seq;
    record.journal_head = entry.mac;
    write_group_record(conn, vault_id, author.id, &seal.record, &mut record)?;
    Ok(seq)
}

/// One roster row, with its slot.
struct RosterRow {
    id: i64,
    name: String,
    role: Role,
    removed: Option<String>,
    verify_key: Option<Vec<u8>>,
    params: KdfParams,
    salt: Vec<u8>,
    key_file: bool,
    wrapped: Vec<u8>,
    final_count: Option<i64>,
    final_head: Option<Vec<u8>>,
}

const ROSTER_COLUMNS: &str = "id, name, role, removed, verify_key, memory_kib, iterations, \
     parallelism, salt, key_file, wrapped, final_count, final_head";

fn roster_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RosterRow> {
    let role: String = r.get(2)?;
    Ok(RosterRow {
        id: r.get(0)?,
        name: r.get(1)?,
        // An unknown role (only an edit writes one) opens nothing: it is read as staff,
        // whose slot holds no master key.
        role: Role::parse(&role).unwrap_or(Role::Staff),
        removed: r.get(3)?,
        verify_key: r.get(4)?,
        params: KdfParams {
            memory_kib: r.get(5)?,
            iterations: r.get(6)?,
            parallelism: r.get(7)?,
        },
        salt: r.get(8)?,
        key_file: r.get(9)?,
        wrapped: r.get(10)?,
        final_count: r.get(11)?,
        final_head: r.get(12)?,
    })
}

fn roster(conn: &Connection) -> Result<Vec<RosterRow>> {
    let has_roster = conn
        .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'staff'")
        .and_then(|mut s| s.exists([]))
        .map_err(read_failure)?;
    if !has_roster {
        return Ok(Vec::new());
    }
    conn.prepare(&format!("SELECT {ROSTER_COLUMNS} FROM staff ORDER BY id"))
        .and_then(|mut s| s.query_map([], roster_row)?.collect())
        .map_err(read_failure)
}

fn find_member(conn: &Connection, name: &str) -> Result<RosterRow> {
    let member = roster(conn)?
        .into_iter()
        .find(|m| m.name == name)
        .ok_or_else(|| Error::StaffNotFound {
            name: name.to_owned(),
        })?;
    match &member.removed {
        Some(at) => Err(Error::NotPermitted {
            what: format!("{name} was removed from the staff on {at}"),
        }),
        None => Ok(member),
    }
}

/// The key-encryption key of a roster slot for `credentials`.
fn member_kek(member: &RosterRow, credentials: &Credentials) -> Result<SecretKey> {
    if member.params.validate().is_err() || member.salt.len() != 16 {
        return Err(tampered(format!(
            "the slot of {} has impossible key derivation parameters",
            member.name
        )));
    }
    if member.key_file != credentials.key_file.is_some() {
        return Err(Error::WrongPassphrase);
    }
    let kek = key_encryption_key(
        &member.params,
        credentials.passphrase.as_bytes(),
        &member.salt,
        credentials.key_file.as_deref(),
    )
    .map_err(|reason| Error::KeyDerivation { reason })?;
    Ok(SecretKey::from_bytes(*kek))
}

/// What a roster slot unwrapped.
pub(super) enum MemberKeys {
    Manager {
        id: i64,
        name: String,
        master: MasterKey,
    },
    Staff {
        name: String,
        secrets: Box<StaffSecrets>,
        id: i64,
        /// To wrap the slot again when new keys were delivered.
        kek: SecretKey,
    },
}

/// Opens the slot of the employee `name` with `credentials`.
pub(super) fn unlock_member(
    conn: &Connection,
    vault_id: &[u8; 16],
    name: &str,
    credentials: &Credentials,
) -> Result<MemberKeys> {
    let member = find_member(conn, name)?;
    let kek = member_kek(&member, credentials)?;
    let id_bytes = member.id.to_be_bytes();
    match member.role {
        Role::Manager => envelope::unwrap(
            &kek,
            &member.wrapped,
            &label(vault_id, "manager master key", &id_bytes),
        )
        .map(|key| MemberKeys::Manager {
            id: member.id,
            name: member.name.clone(),
            master: MasterKey::from_bytes(key.as_bytes()),
        }),
        // The role column is not trusted for staff: their slot opens their group key
        // whatever it says, and nothing more.
        Role::Staff | Role::Owner => unwrap_staff_slot(&kek, vault_id, member.id, &member.wrapped)
            .map(|secrets| MemberKeys::Staff {
                name: member.name.clone(),
                secrets: Box::new(secrets),
                id: member.id,
                kek: SecretKey::from_bytes(*kek.as_bytes()),
            }),
    }
    .ok_or(Error::WrongPassphrase)
}

/// Hands the owner (or a manager) every staff group's keys and the identity key.
pub(super) fn load_owner_keys(
    conn: &Connection,
    vault_id: &[u8; 16],
    master: &MasterKey,
    ciphers: &mut Ciphers,
    tracker: &mut Tracker,
) -> Result<()> {
    ciphers.set_identity(IdentityKey::holder(identity_key(conn, vault_id, master)?));
    let wrap_key = master.staff_wrap_key();
    let wraps: Vec<(i64, Vec<u8>)> = conn
        .prepare("SELECT id, wrapped FROM staff_groups ORDER BY id")
        .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .map_err(read_failure)?;
    for (id, wrapped) in wraps {
        let id_bytes = id.to_be_bytes();
        let group_key =
            envelope::unwrap(&wrap_key, &wrapped, &group_wrap_label(vault_id, &id_bytes))
                .ok_or_else(|| tampered(format!("the key of staff group {id} does not open")))?;
        let (keys, seal) = group_keys(&group_key);
        ciphers.add_group(id, keys);
        tracker.add_group(id, seal);
    }
    Ok(())
}

/// The temporary views that scope a staff member's connection to their own group: every
/// query of `customers` and `customer_search` sees their customers only (writes name
/// `main.` tables). Their keys open nothing else; this keeps queries from reading rows
/// they could not open.
pub(super) fn scope_to_group(conn: &Connection, group: i64) -> Result<()> {
    conn.execute_batch(&format!(
        "CREATE TEMP VIEW customers AS SELECT * FROM main.customers WHERE grp = {group};
         CREATE TEMP VIEW customer_search AS SELECT * FROM main.customer_search
             WHERE customer IN (SELECT id FROM main.customers WHERE grp = {group});
         CREATE TEMP VIEW customer_tags AS SELECT * FROM main.customer_tags
             WHERE customer IN (SELECT id FROM main.customers WHERE grp = {group});"
    ))
    .map_err(|e| Error::db("opening the staff member's view", e))
}

/// Checks, at a staff member's unlock, that their group's record is theirs and that
/// their journal ends where it says.
pub(super) fn check_staff_at_unlock(
    conn: &Connection,
    vault_id: &[u8; 16],
    id: i64,
    seal: &GroupSeal,
) -> Result<()> {
    let record = read_group_record(conn, vault_id, id, &seal.record)?;
    let last: Option<(i64, Vec<u8>)> = conn
        .query_row(
            "SELECT seq, signature FROM staff_audit WHERE staff = ?1 ORDER BY seq DESC LIMIT 1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .map_err(read_failure)?;
    let (count, head) = last.map_or((0, Vec::new()), |(n, h)| (u64::try_from(n).unwrap_or(0), h));
    if count != record.journal_count || head != record.journal_head {
        return Err(Error::AuditChainBroken {
            fault: "your audit journal does not end where your group's record says: entries \
                    were removed, added or replaced"
                .into(),
        });
    }
    Ok(())
}

/// A journal entry as read back.
fn journal_entry(row: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, Entry)> {
    let codes: String = row.get(5)?;
    let counts: String = row.get(6)?;
    Ok((
        row.get(0)?,
        Entry {
            seq: u64::try_from(row.get::<_, i64>(1)?).unwrap_or(0),
            at: row.get(2)?,
            user: row.get(3)?,
            command: row.get(4)?,
            codes: codes.split_whitespace().map(str::to_owned).collect(),
            counts: serde_json::from_str(&counts).unwrap_or_default(),
            mac: row.get(7)?,
            actor: None,
        },
    ))
}

const JOURNAL_COLUMNS: &str = "staff, seq, at, os_user, command, codes, counts, signature";

/// Checks every staff member's journal: each entry signed by its author and chained on
/// the one before, and each journal as long as its group's record (or, for a removed
/// employee, the roster) says. Returns the number of entries checked.
pub(super) fn verify_journals(
    conn: &Connection,
    vault_id: &[u8; 16],
    tracker: &Tracker,
    only: Option<i64>,
) -> Result<u64> {
    let members = roster(conn)?;
    let broken = |fault: String| Error::AuditChainBroken { fault };
    let mut checked = 0;
    let mut stmt = conn
        .prepare(&format!(
            "SELECT {JOURNAL_COLUMNS} FROM staff_audit WHERE staff = ?1 ORDER BY seq"
        ))
        .map_err(read_failure)?;
    for member in members
        .iter()
        .filter(|m| m.role != Role::Manager && only.is_none_or(|id| id == m.id))
    {
        let key: [u8; 32] = member
            .verify_key
            .as_deref()
            .and_then(|k| k.try_into().ok())
            .ok_or_else(|| tampered(format!("the signing key of {} is missing", member.name)))?;
        let (count, head) = match (&member.removed, member.final_count, &member.final_head) {
            (Some(_), Some(count), Some(head)) => (u64::try_from(count).unwrap_or(0), head.clone()),
            (Some(_), _, _) => {
                return Err(tampered(format!(
                    "the roster entry of {}, who was removed, is malformed",
                    member.name
                )));
            }
            (None, _, _) => {
                let seal = tracker
                    .group(member.id)
                    .ok_or_else(|| tampered(format!("no key for the group of {}", member.name)))?;
                let record = read_group_record(conn, vault_id, member.id, &seal.record)?;
                (record.journal_count, record.journal_head)
            }
        };
        let entries: Vec<(i64, Entry)> = stmt
            .query_map([member.id], journal_entry)
            .and_then(Iterator::collect)
            .map_err(read_failure)?;
        let mut previous: Vec<u8> = Vec::new();
        for (expected, (_, entry)) in (1u64..).zip(&entries) {
            let (codes, counts) = (entry.codes_text(), entry.counts_text());
            let (staff_bytes, seq_bytes) = (member.id.to_be_bytes(), entry.seq.to_be_bytes());
            let parts = journal_parts(
                vault_id,
                &staff_bytes,
                &seq_bytes,
                &previous,
                entry,
                &codes,
                &counts,
            );
            if entry.seq != expected || !signing::verify(&key, JOURNAL_DOMAIN, &parts, &entry.mac) {
                return Err(broken(format!(
                    "entry {} of {}'s journal is not the one they signed (altered, removed or \
                     reordered)",
                    entry.seq, member.name
                )));
            }
            previous.clone_from(&entry.mac);
            checked += 1;
        }
        if entries.len() as u64 != count || previous != head {
            return Err(broken(format!(
                "{}'s journal ends at entry {}, but their record says {count}: entries were \
                 removed or added",
                member.name,
                entries.len()
            )));
        }
    }
    if only.is_some() {
        return Ok(checked);
    }
    let strangers: i64 = conn
        .query_row(
            "SELECT count(*) FROM staff_audit WHERE staff NOT IN
                 (SELECT id FROM staff WHERE role != 'manager')",
            [],
            |r| r.get(0),
        )
        .map_err(read_failure)?;
    if strangers > 0 {
        return Err(broken(
            "the staff journal holds entries of no one on the roster".into(),
        ));
    }
    Ok(checked)
}

/// A staff member's journal entries (or everyone's), named by their author.
pub(super) fn journal_entries(conn: &Connection, staff: Option<i64>) -> Result<Vec<Entry>> {
    let names: BTreeMap<i64, String> = roster(conn)?.into_iter().map(|m| (m.id, m.name)).collect();
    let mut stmt = conn
        .prepare(&format!(
            "SELECT {JOURNAL_COLUMNS} FROM staff_audit WHERE ?1 IS NULL OR staff = ?1
             ORDER BY at, staff, seq"
        ))
        .map_err(read_failure)?;
    let rows = stmt
        .query_map([staff], journal_entry)
        .map_err(read_failure)?;
    let mut out = Vec::new();
    for row in rows {
        let (id, mut entry) = row.map_err(read_failure)?;
        entry.actor = Some(names.get(&id).cloned().unwrap_or_else(|| format!("#{id}")));
        out.push(entry);
    }
    Ok(out)
}

/// The group customers of `name` (on the roster) go to: their own group for a staff
/// member, group 0 for the owner or a manager.
fn group_of(conn: &Connection, name: &str) -> Result<i64> {
    if name == OWNER_NAME {
        return Ok(0);
    }
    let member = find_member(conn, name)?;
    Ok(match member.role {
        Role::Staff => member.id,
        Role::Manager | Role::Owner => 0,
    })
}

/// Makes staff member `id`'s group, in the caller's transaction: their group key
/// wrapped for the owner, an empty record MACed under it, and their signing key on the
/// roster. Returns the group's keys.
fn create_group(
    tx: &Connection,
    vault_id: &[u8; 16],
    wrap_key: &SecretKey,
    id: i64,
    secrets: &StaffSecrets,
) -> Result<(GroupKeys, GroupSeal)> {
    let id_bytes = id.to_be_bytes();
    let group_wrap = envelope::wrap(
        wrap_key,
        &secrets.group_key,
        &group_wrap_label(vault_id, &id_bytes),
    );
    let (keys, seal) = group_keys(&secrets.group_key);
    let empty = GroupRecord::empty();
    tx.execute(
        "INSERT INTO staff_groups (id, wrapped, writes, customers, journal_count,
             journal_head, mac)
         VALUES (?1, ?2, 0, ?3, 0, x'', ?4)",
        params![
            id,
            group_wrap,
            empty.customers.0.as_slice(),
            record_mac(&seal.record, vault_id, id, &empty).as_slice()
        ],
    )
    .map_err(write_failure)?;
    tx.execute(
        "UPDATE staff SET verify_key = ?2, delivery_key = ?3 WHERE id = ?1",
        params![
            id,
            secrets.signer.public().as_slice(),
            delivery_key(&secrets.signer).public().as_slice()
        ],
    )
    .map_err(write_failure)?;
    Ok((keys, seal))
}

/// The id of the manager named `name` whose slot a `rekey` wiped, when `role` asks to
/// issue them a new one; `None` for a new name; a usage error for any other name on the
/// roster (removed names stay taken, so old entries keep naming who made them).
fn manager_to_reissue(tx: &Connection, name: &str, role: Role) -> Result<Option<i64>> {
    let existing: Option<(i64, String, Vec<u8>, Option<String>)> = tx
        .query_row(
            "SELECT id, role, wrapped, removed FROM staff WHERE name = ?1",
            [name],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()
        .map_err(read_failure)?;
    match existing {
        None => Ok(None),
        Some((id, existing_role, wrapped, None))
            if existing_role == "manager" && role == Role::Manager && wrapped.is_empty() =>
        {
            Ok(Some(id))
        }
        Some(_) => Err(Error::InvalidArgument {
            argument: "NAME".into(),
            reason: format!(
                "{name} is on the staff already (removed names stay taken, so old entries \
                 keep naming who made them)"
            ),
        }),
    }
}

/// A slot to store on the roster.
struct NewSlot<'a> {
    params: &'a KdfParams,
    salt: &'a [u8],
    key_file: bool,
    wrapped: Vec<u8>,
}

impl NewSlot<'_> {
    /// Puts this slot in place of member `id`'s.
    fn replace(&self, tx: &Connection, id: i64) -> Result<()> {
        tx.execute(
            "UPDATE staff SET memory_kib = ?2, iterations = ?3, parallelism = ?4, salt = ?5,
                 key_file = ?6, wrapped = ?7 WHERE id = ?1",
            params![
                id,
                self.params.memory_kib,
                self.params.iterations,
                self.params.parallelism,
                self.salt,
                self.key_file,
                self.wrapped,
            ],
        )
        .map_err(write_failure)?;
        Ok(())
    }
}

/// Checks that a name can go on the roster.
fn check_name(name: &str) -> Result<String> {
    let name = name.trim();
    let bad = |reason: &str| Error::InvalidArgument {
        argument: "NAME".into(),
        reason: reason.into(),
    };
    if name.is_empty() || name.chars().count() > 64 {
        return Err(bad("give a name of 1 to 64 characters"));
    }
    if name.chars().any(char::is_control) || name.starts_with('-') {
        return Err(bad(
            "a name cannot hold control characters or start with '-'",
        ));
    }
    if name.eq_ignore_ascii_case(OWNER_NAME) {
        return Err(bad("\"owner\" is the name the owner acts under"));
    }
    Ok(name.to_owned())
}

impl Vault {
    /// The principal who unlocked the vault.
    pub fn principal(&self) -> &Principal {
        &self.principal
    }

    /// Fails with [`Error::NotPermitted`] unless whoever unlocked the vault has one of
    /// `roles`.
    pub fn require(&self, roles: &[Role], what: &str) -> Result<()> {
        if roles.contains(&self.principal.role()) {
            Ok(())
        } else {
            Err(Error::NotPermitted {
                what: format!("{what} (you are {})", self.principal.role().as_str()),
            })
        }
    }

    /// Puts `name` on the roster with `role` and a slot for `credentials` at cost
    /// `params` (owner only). A staff member gets a new group and its key.
    pub fn staff_add(
        &mut self,
        name: &str,
        role: Role,
        credentials: &Credentials,
        params: &KdfParams,
    ) -> Result<()> {
        self.require(&[Role::Owner], "manage staff")?;
        let name = check_name(name)?;
        if role == Role::Owner {
            return Err(Error::InvalidArgument {
                argument: "--role".into(),
                reason: "the owner's own secrets are keyslots: `sealbook key add` adds one".into(),
            });
        }
        let master = super::master_of(self.master.as_ref())?;
        let identity_public = identity_key(&self.conn, &self.vault_id, master)?.public();
        let salt: [u8; 16] = random_array();
        let kek = key_encryption_key(
            params,
            credentials.passphrase.as_bytes(),
            &salt,
            credentials.key_file.as_deref(),
        )
        .map_err(|reason| Error::KeyDerivation { reason })?;
        let kek = SecretKey::from_bytes(*kek);
        let wrap_key = master.staff_wrap_key();
        let vault_id = self.vault_id;
        let fail = |e| Error::db("adding to the staff", e);
        let tx = super::state::begin_write(&mut self.conn, &self.audit.state).map_err(fail)?;
        let existing = manager_to_reissue(&tx, &name, role)?;
        // A manager whose slot a rekey wiped gets a new one under the new key.
        if let Some(id) = existing {
            let slot = NewSlot {
                params,
                salt: &salt,
                key_file: credentials.key_file.is_some(),
                wrapped: wrap_manager_slot(&kek, &vault_id, id, master),
            };
            slot.replace(&tx, id)?;
            let event = self.audit.event().count("reissued_manager", 1);
            self.audit.append(&tx, event)?;
            return tx.commit().map_err(fail);
        }
        tx.execute(
            "INSERT INTO staff (name, role, added, memory_kib, iterations, parallelism, salt,
                 key_file, wrapped)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, x'')",
            params![
                name,
                role.as_str(),
                now_utc(),
                params.memory_kib,
                params.iterations,
                params.parallelism,
                salt.as_slice(),
                credentials.key_file.is_some(),
            ],
        )
        .map_err(fail)?;
        let id = tx.last_insert_rowid();
        let mut group_seal = None;
        let wrapped = match role {
            Role::Manager => wrap_manager_slot(&kek, &vault_id, id, master),
            Role::Staff | Role::Owner => {
                let secrets = StaffSecrets {
                    group_key: SecretKey::generate(),
                    identity_public,
                    signer: Signer::generate(),
                };
                let (keys, seal) = create_group(&tx, &vault_id, &wrap_key, id, &secrets)?;
                group_seal = Some((keys, seal));
                wrap_staff_slot(&kek, &vault_id, id, &secrets)
            }
        };
        tx.execute(
            "UPDATE staff SET wrapped = ?2 WHERE id = ?1",
            params![id, wrapped],
        )
        .map_err(fail)?;
        self.audit.state.roster_changed.set(true);
        let event = self
            .audit
            .event()
            .count(&format!("added_{}", role.as_str()), 1);
        self.audit.append(&tx, event)?;
        tx.commit().map_err(fail)?;
        if let Some((keys, seal)) = group_seal {
            self.ciphers.add_group(id, keys);
            self.audit.state.add_group(id, seal);
        }
        Ok(())
    }

    /// Gives the employee who unlocked a new passphrase (and key file, as `credentials`
    /// say): their slot is wrapped again under it, at the same cost; nothing else changes.
    pub fn change_member_passphrase(&mut self, credentials: &Credentials) -> Result<()> {
        let id = match &self.principal {
            Principal::Manager { id, .. } | Principal::Staff { id, .. } => *id,
            Principal::Owner => {
                return Err(Error::Internal {
                    what: "the owner's passphrase lives in a keyslot".into(),
                });
            }
        };
        let member = roster(&self.conn)?
            .into_iter()
            .find(|m| m.id == id)
            .ok_or_else(|| tampered("your roster entry has gone"))?;
        let salt: [u8; 16] = random_array();
        let kek = key_encryption_key(
            &member.params,
            credentials.passphrase.as_bytes(),
            &salt,
            credentials.key_file.as_deref(),
        )
        .map_err(|reason| Error::KeyDerivation { reason })?;
        let kek = SecretKey::from_bytes(*kek);
        let wrapped = match (&self.member_secrets, self.master.as_ref()) {
            (Some(secrets), _) => wrap_staff_slot(&kek, &self.vault_id, id, secrets),
            (None, Some(master)) => wrap_manager_slot(&kek, &self.vault_id, id, master),
            (None, None) => return Err(tampered("no key to wrap in the new slot")),
        };
        let fail = |e| Error::db("changing the passphrase", e);
        let tx = super::state::begin_write(&mut self.conn, &self.audit.state).map_err(fail)?;
        tx.execute(
            "UPDATE staff SET salt = ?2, key_file = ?3, wrapped = ?4 WHERE id = ?1",
            params![id, salt.as_slice(), credentials.key_file.is_some(), wrapped],
        )
        .map_err(fail)?;
        let event = self.audit.event().count("passphrase_changed", 1);
        self.audit.append(&tx, event)?;
        tx.commit().map_err(fail)?;
        self.checkpoint_truncate()?;
        Ok(())
    }

    /// The roster, in the order people were added.
    pub fn staff_list(&self) -> Result<Vec<StaffMember>> {
        let members = roster(&self.conn)?;
        let mut out = Vec::with_capacity(members.len());
        for m in members {
            let customers = match m.role {
                Role::Staff => Some(
                    self.conn
                        .query_row(
                            "SELECT count(*) FROM main.customers WHERE grp = ?1",
                            [m.id],
                            |r| r.get::<_, i64>(0),
                        )
                        .map_err(read_failure)?,
                ),
                Role::Manager | Role::Owner => None,
            };
            let last_active: Option<String> = match m.role {
                Role::Staff => self.conn.query_row(
                    "SELECT max(at) FROM staff_audit WHERE staff = ?1",
                    [m.id],
                    |r| r.get(0),
                ),
                Role::Manager | Role::Owner => self.conn.query_row(
                    "SELECT max(at) FROM audit WHERE actor = ?1",
                    [&m.name],
                    |r| r.get(0),
                ),
            }
            .map_err(read_failure)?;
            let added: String = self
                .conn
                .query_row("SELECT added FROM staff WHERE id = ?1", [m.id], |r| {
                    r.get(0)
                })
                .map_err(read_failure)?;
            out.push(StaffMember {
                can_unlock: m.removed.is_none() && !m.wrapped.is_empty(),
                name: m.name,
                role: m.role,
                added,
                removed: m.removed,
                customers: customers.map(|n| u64::try_from(n).unwrap_or(0)),
                last_active,
            });
        }
        Ok(out)
    }

    /// Moves the customers with `codes` into the group of `to` (owner or manager): each
    /// is opened and sealed again under the new group's keys.
    pub fn reassign(&mut self, codes: &[String], to: &str) -> Result<Vec<String>> {
        self.require(&[Role::Owner, Role::Manager], "reassign customers")?;
        let target = group_of(&self.conn, to)?;
        let fail = |e| Error::db("reassigning customers", e);
        let tx = super::state::begin_write(&mut self.conn, &self.audit.state).map_err(fail)?;
        let mut moved = Vec::new();
        for typed in codes {
            let row = super::store::sealed_row(&tx, typed)?;
            if row.group == target {
                continue;
            }
            let customer = row.open(&self.ciphers)?;
            super::store::move_row(
                &tx,
                &self.ciphers,
                self.blind_bits,
                &row,
                &customer.data,
                target,
                &self.audit.state,
            )?;
            moved.push(row.code.clone());
        }
        let event = self
            .audit
            .event()
            .codes(moved.iter().cloned())
            .count("reassigned", moved.len() as u64);
        self.audit.append(&tx, event)?;
        tx.commit().map_err(fail)?;
        Ok(moved)
    }

    /// The codes of the customers in `name`'s group.
    pub fn codes_held_by(&self, name: &str) -> Result<Vec<String>> {
        let group = group_of(&self.conn, name)?;
        self.conn
            .prepare("SELECT code FROM main.customers WHERE grp = ?1 ORDER BY id")
            .and_then(|mut s| s.query_map([group], |r| r.get(0))?.collect())
            .map_err(read_failure)
    }

    /// The departure of `name` (owner only): their customers go to `to`'s group, their
    /// slot is wiped and their group key's wrap deleted, and the roster keeps their
    /// name, signing key and journal's end so their entries still verify. Returns how
    /// many customers moved.
    pub fn staff_remove(&mut self, name: &str, to: &str) -> Result<usize> {
        self.require(&[Role::Owner], "manage staff")?;
        let member = find_member(&self.conn, name)?;
        if to == name {
            return Err(Error::InvalidArgument {
                argument: "--reassign-to".into(),
                reason: "give someone other than the person leaving".into(),
            });
        }
        let target = group_of(&self.conn, to)?;
        let fail = |e| Error::db("removing from the staff", e);
        let tx = super::state::begin_write(&mut self.conn, &self.audit.state).map_err(fail)?;
        let group = if member.role == Role::Staff {
            member.id
        } else {
            -1
        };
        let rows = super::store::query_rows_on(
            &tx,
            &format!(
                "SELECT {} FROM main.customers WHERE grp = ?1 ORDER BY id",
                super::row::SELECT_COLUMNS
            ),
            [group],
        )?;
        let opened = super::row::open_rows(&self.ciphers, rows.clone())?;
        for (row, customer) in rows.iter().zip(&opened) {
            super::store::move_row(
                &tx,
                &self.ciphers,
                self.blind_bits,
                row,
                &customer.data,
                target,
                &self.audit.state,
            )?;
        }
        // The group's changes are folded into its record before it goes, so the
        // journal's end frozen on the roster is the record's. (A manager has neither.)
        fold_group_changes(&tx, &self.vault_id, &self.audit.state)?;
        let record = match self.audit.state.group(member.id) {
            Some(seal) if member.role == Role::Staff => {
                read_group_record(&tx, &self.vault_id, member.id, &seal.record)?
            }
            _ => GroupRecord::empty(),
        };
        if record.customers != SetDigest::default() {
            return Err(tampered(format!(
                "the group of {name} still holds customers after they were moved"
            )));
        }
        tx.execute(
            "UPDATE staff SET removed = ?2, wrapped = x'', final_count = ?3, final_head = ?4
             WHERE id = ?1",
            params![
                member.id,
                now_utc(),
                sql_int(record.journal_count),
                record.journal_head
            ],
        )
        .map_err(fail)?;
        tx.execute("DELETE FROM staff_groups WHERE id = ?1", [member.id])
            .map_err(fail)?;
        self.audit.state.roster_changed.set(true);
        let event = self
            .audit
            .event()
            .codes(rows.iter().map(|r| r.code.clone()))
            .count("removed_staff", 1)
            .count("reassigned", rows.len() as u64);
        self.audit.append(&tx, event)?;
        tx.commit().map_err(fail)?;
        self.ciphers.remove_group(member.id);
        self.audit.state.remove_group(member.id);
        Ok(rows.len())
    }

    /// Checks the roster against the header's digest, at every unlock with the master
    /// key.
    pub(super) fn check_roster(&self, recorded: Option<[u8; 32]>) -> Result<()> {
        if let Some(recorded) = recorded
            && roster_digest(&self.conn)? != recorded
        {
            return Err(tampered(
                "the staff roster or a group key's wrap was changed without the master key \
                 (a role, a slot or a departure edited)",
            ));
        }
        Ok(())
    }

    /// Every staff group's record: its MAC, and its customers against the rows; and
    /// none older than the header's marks.
    pub(super) fn verify_groups(&self) -> Result<()> {
        verify_groups(&self.conn, &self.vault_id, &self.audit.state)?;
        let header = self.audit.header(&self.conn)?;
        self.check_group_marks(header.group_marks.as_deref())
    }

    /// Checks the staff groups' records against the header's marks, at every unlock
    /// with the master key.
    pub(super) fn check_group_marks(&self, marks: Option<&[u8]>) -> Result<()> {
        if let Some(marks) = marks {
            check_marks(
                &self.conn,
                &self.vault_id,
                &self.audit.state,
                &GroupMarks::parse(marks)?,
            )?;
        }
        Ok(())
    }

    /// The staff members' journal entries this principal may see: everyone's for the
    /// owner and managers, their own for a staff member.
    pub(super) fn staff_journal(&self) -> Result<Vec<Entry>> {
        match &self.principal {
            Principal::Staff { id, .. } => journal_entries(&self.conn, Some(*id)),
            Principal::Owner | Principal::Manager { .. } => journal_entries(&self.conn, None),
        }
    }

    /// Checks the staff members' journals: every one for the owner and managers, their
    /// own for a staff member.
    pub(super) fn verify_staff_journals(&self) -> Result<u64> {
        let only = match &self.principal {
            Principal::Staff { id, .. } => Some(*id),
            Principal::Owner | Principal::Manager { .. } => None,
        };
        verify_journals(&self.conn, &self.vault_id, &self.audit.state, only)
    }
}

/// Checks every staff group's record (its MAC, its customers against the rows), and
/// that no row names a group without a key, nor a staff member a missing group.
pub(super) fn verify_groups(
    conn: &Connection,
    vault_id: &[u8; 16],
    tracker: &Tracker,
) -> Result<()> {
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM staff_groups ORDER BY id")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(read_failure)?;
    for id in ids {
        let seal = tracker
            .group(id)
            .ok_or_else(|| tampered(format!("staff group {id} has no key the master key opens")))?;
        let record = read_group_record(conn, vault_id, id, &seal.record)?;
        if group_digest(conn, &seal.state, id)? != record.customers {
            return Err(tampered(format!(
                "the customers of staff group {id} are not the ones its holders wrote: a \
                 row was rolled back, deleted, added or moved without the group key"
            )));
        }
    }
    let orphans: Option<i64> = conn
        .query_row(
            "SELECT grp FROM main.customers WHERE grp != 0
                 AND grp NOT IN (SELECT id FROM staff_groups) LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()
        .map_err(read_failure)?;
    if let Some(group) = orphans {
        return Err(tampered(format!(
            "customers name group {group}, which has no key"
        )));
    }
    let missing: Option<String> = conn
        .query_row(
            "SELECT name FROM staff WHERE role = 'staff' AND removed IS NULL
                 AND id NOT IN (SELECT id FROM staff_groups) LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()
        .map_err(read_failure)?;
    if let Some(name) = missing {
        return Err(tampered(format!("the group of {name} is missing")));
    }
    Ok(())
}

/// The X25519 key pair new keys reach a staff member through: derived from their
/// signing seed, which only their slot holds, so no one else (no manager, no owner) can
/// open what is delivered to it. Its public half is on the roster.
fn delivery_key(signer: &Signer) -> AgreementKey {
    let seed = SecretKey::from_bytes(*signer.seed());
    AgreementKey::from_bytes(*seed.derive(b"sealbook v1 staff key delivery").as_bytes())
}

fn delivery_label<'a>(vault_id: &'a [u8; 16], kind: &'a str, id: &'a [u8; 8]) -> WrapLabel<'a> {
    label(vault_id, kind, id)
}

/// Replaces everything the old master key could unwrap besides itself (in `rekey`'s
/// transaction): a new identity key and a new key for every staff group, every staff
/// group's customers sealed again under them, each group's record rewritten under its
/// new key, and the new keys delivered to each staff member's delivery key for their
/// next unlock. Managers' slots, which wrap the old master key, are wiped (the owner
/// issues them again with `staff add NAME --role manager`). So a copy of the old master
/// key (a departed manager's) opens nothing written afterwards. `old` holds the keys
/// of every group; the groups' new state keys go into `tracker`.
pub(super) fn rotate_staff_keys(
    conn: &Connection,
    vault_id: &[u8; 16],
    old: &Ciphers,
    old_tracker: &Tracker,
    new: &MasterKey,
    bits: u32,
    tracker: &mut Tracker,
) -> Result<Rewrapped> {
    let identity = AgreementKey::generate();
    let identity_public = SecretKey::from_bytes(identity.public());
    let private = SecretKey::from_bytes(*identity.to_bytes());
    let wrap_key = new.staff_wrap_key();
    schema::meta_set(
        conn,
        IDENTITY_META,
        &envelope::wrap(&wrap_key, &private, &label(vault_id, "identity key", b"")),
    )?;
    let groups: Vec<(i64, Option<Vec<u8>>)> = conn
        .prepare(
            "SELECT g.id, s.delivery_key FROM staff_groups g LEFT JOIN staff s ON s.id = g.id
             ORDER BY g.id",
        )
        .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .map_err(read_failure)?;
    let mut new_keys = BTreeMap::new();
    let mut group_secrets = Vec::with_capacity(groups.len());
    for (id, _) in &groups {
        let group_key = SecretKey::generate();
        let (keys, seal) = group_keys(&group_key);
        new_keys.insert(*id, keys);
        tracker.add_group(*id, seal);
        group_secrets.push(group_key);
    }
    let mut ciphers = Ciphers::for_groups(*vault_id, new_keys);
    ciphers.set_identity(IdentityKey::holder(identity));
    for ((id, delivery_public), group_key) in groups.iter().zip(&group_secrets) {
        let (id, id_bytes) = (*id, id.to_be_bytes());
        let old_seal = old_tracker
            .group(id)
            .ok_or_else(|| tampered(format!("no key for staff group {id}")))?;
        let mut record = read_group_record(conn, vault_id, id, &old_seal.record)?;
        let sealer = super::row::Sealer {
            ciphers: &ciphers,
            group: id,
            bits,
        };
        // In batches: memory stays bounded however large the group.
        let sql = format!(
            "SELECT {} FROM main.customers WHERE grp = ?1 AND id > ?2 ORDER BY id LIMIT 2000",
            super::row::SELECT_COLUMNS
        );
        let mut after = 0i64;
        loop {
            let rows = super::store::query_rows_on(conn, &sql, [id, after])?;
            let Some(last) = rows.last() else { break };
            after = last.id;
            let opened = super::row::open_rows(old, rows.clone())?;
            for (row, customer) in rows.iter().zip(&opened) {
                super::store::update_row(
                    conn,
                    &sealer,
                    row,
                    &customer.data,
                    &row.updated,
                    tracker,
                )?;
            }
        }
        let seal = tracker
            .group(id)
            .ok_or_else(|| tampered(format!("no new key for staff group {id}")))?;
        record.customers = group_digest(conn, &seal.state, id)?;
        write_group_record(conn, vault_id, id, &seal.record, &mut record)?;
        let delivery = delivery_to(
            delivery_public.as_deref(),
            vault_id,
            id,
            group_key,
            &identity_public,
        )?;
        conn.execute(
            "UPDATE staff_groups SET wrapped = ?2, delivery = ?3 WHERE id = ?1",
            params![
                id,
                envelope::wrap(&wrap_key, group_key, &group_wrap_label(vault_id, &id_bytes)),
                delivery
            ],
        )
        .map_err(write_failure)?;
    }
    // The rows' changes were recorded in the records directly.
    tracker.take_group_changes()?;
    let managers: Vec<String> = conn
        .prepare(
            "SELECT name FROM staff WHERE role = 'manager' AND removed IS NULL
                 AND length(wrapped) > 0 ORDER BY id",
        )
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(read_failure)?;
    conn.execute("UPDATE staff SET wrapped = x'' WHERE role = 'manager'", [])
        .map_err(write_failure)?;
    Ok(Rewrapped {
        groups: group_secrets.len(),
        managers,
    })
}

/// The length of a key wrapped under another key (`envelope::wrap`): nonce, key, tag.
const WRAPPED_KEY_LEN: usize = 24 + 32 + 16;

/// The key the identity public key travels under in a delivery: the delivered group
/// key's, so the two cannot be paired differently (an identity key of someone else's
/// choosing would need the group key to wrap it).
fn identity_delivery_key(group_key: &SecretKey) -> SecretKey {
    group_key.derive(b"sealbook v1 delivered identity public key")
}

/// Staff group `id`'s new key wrapped to the staff member's delivery key `public` (from
/// the roster), then the new identity public key wrapped under that group key.
fn delivery_to(
    public: Option<&[u8]>,
    vault_id: &[u8; 16],
    id: i64,
    group_key: &SecretKey,
    identity_public: &SecretKey,
) -> Result<Vec<u8>> {
    let id_bytes = id.to_be_bytes();
    let invalid = || tampered(format!("the delivery key of staff group {id} is invalid"));
    let public: [u8; 32] = public.and_then(|k| k.try_into().ok()).ok_or_else(invalid)?;
    let group = envelope::wrap_to(
        &public,
        group_key,
        &delivery_label(vault_id, "delivered group key", &id_bytes),
    )
    .ok_or_else(invalid)?;
    let identity = envelope::wrap(
        &identity_delivery_key(group_key),
        identity_public,
        &delivery_label(vault_id, "delivered identity public key", &id_bytes),
    );
    Ok([group, identity].concat())
}

/// Takes the keys a rekey delivered to staff member `id`, if any wait: their new group
/// key and the new identity public key (wrapped under that group key), checked against
/// their group's record, which the new group key must open; then wraps their slot again
/// under `kek` and clears the delivery, in one transaction that re-reads it.
///
/// A delivery carries no signature: someone who can write the live file could deliver a
/// group key of their own choosing with a record to match (README, threat model).
pub(super) fn take_delivery(
    conn: &mut Connection,
    vault_id: &[u8; 16],
    id: i64,
    kek: &SecretKey,
    secrets: &mut StaffSecrets,
) -> Result<()> {
    let fail = |e| Error::db("taking the keys the last rekey delivered", e);
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(fail)?;
    let delivery: Option<Vec<u8>> = tx
        .query_row(
            "SELECT delivery FROM staff_groups WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()
        .map_err(read_failure)?
        .flatten();
    let Some(delivery) = delivery.filter(|d| !d.is_empty()) else {
        return Ok(());
    };
    let bad = || tampered("the keys delivered to you by the last rekey do not open");
    let (group_part, identity_part) = delivery
        .split_at_checked(delivery.len().saturating_sub(WRAPPED_KEY_LEN))
        .ok_or_else(bad)?;
    let id_bytes = id.to_be_bytes();
    let group_key = envelope::unwrap_with(
        &delivery_key(&secrets.signer),
        group_part,
        &delivery_label(vault_id, "delivered group key", &id_bytes),
    )
    .ok_or_else(bad)?;
    let identity_public = envelope::unwrap(
        &identity_delivery_key(&group_key),
        identity_part,
        &delivery_label(vault_id, "delivered identity public key", &id_bytes),
    )
    .ok_or_else(bad)?;
    read_group_record(&tx, vault_id, id, &group_keys(&group_key).1.record)?;
    secrets.group_key = group_key;
    secrets.identity_public = *identity_public.as_bytes();
    tx.execute(
        "UPDATE staff SET wrapped = ?2 WHERE id = ?1",
        params![id, wrap_staff_slot(kek, vault_id, id, secrets)],
    )
    .map_err(fail)?;
    tx.execute(
        "UPDATE staff_groups SET delivery = NULL WHERE id = ?1",
        [id],
    )
    .map_err(fail)?;
    tx.commit().map_err(fail)
}

/// What [`rotate_staff_keys`] did.
pub(super) struct Rewrapped {
    /// How many staff groups got a new key.
    pub groups: usize,
    /// The managers whose slots wrapped the old key.
    pub managers: Vec<String>,
}

/// Folds the staff journal entries a restore carried (`restore_carried_staff`) into the
/// owner's chain, naming their authors: those the restored journals lack, as they were
/// signed. An entry whose signature verifies under the restored roster's key for its
/// author, and chains on the entry before it, is carried as it was; any other is marked
/// `[carried, unverified]`. Nothing is lost, and nothing unproven passes for proven.
pub(super) fn fold_carried_journals(
    conn: &Connection,
    vault_id: &[u8; 16],
    audit: &super::audit_log::AuditLog,
) -> Result<super::restored::Carried> {
    let fail = |e| Error::db("recording the restore in the audit log", e);
    let members: BTreeMap<i64, RosterRow> = roster(conn)?.into_iter().map(|m| (m.id, m)).collect();
    let mut stmt = conn
        .prepare(
            "SELECT staff, seq, name, verify_key, at, os_user, command, codes, counts,
                 signature, previous
             FROM restore_carried_staff ORDER BY at, staff, seq",
        )
        .map_err(fail)?;
    let mut rows = stmt.query([]).map_err(fail)?;
    let mut carried = super::restored::Carried {
        archive_entries: 0,
        adopted: 0,
        unverified: 0,
    };
    while let Some(row) = rows.next().map_err(fail)? {
        let get_text = |i: usize| row.get::<_, String>(i).map_err(fail);
        let (staff, seq): (i64, i64) = (row.get(0).map_err(fail)?, row.get(1).map_err(fail)?);
        let name = get_text(2)?;
        let codes = get_text(7)?;
        let counts = get_text(8)?;
        let entry = Entry {
            seq: u64::try_from(seq).unwrap_or(0),
            at: get_text(4)?,
            user: get_text(5)?,
            command: get_text(6)?,
            codes: codes.split_whitespace().map(str::to_owned).collect(),
            counts: serde_json::from_str(&counts).unwrap_or_default(),
            mac: row.get(9).map_err(fail)?,
            actor: None,
        };
        let previous: Vec<u8> = row.get(10).map_err(fail)?;
        // The restored vault's own journal of this author, when it is the same person.
        let member = members
            .get(&staff)
            .filter(|m| m.name == name && m.role != Role::Manager);
        let present: Option<Vec<u8>> = conn
            .query_row(
                "SELECT signature FROM staff_audit WHERE staff = ?1 AND seq = ?2",
                params![staff, seq],
                |r| r.get(0),
            )
            .optional()
            .map_err(fail)?;
        if member.is_some() && present.as_deref() == Some(entry.mac.as_slice()) {
            continue; // the archive has it
        }
        let key: Option<[u8; 32]> = member
            .and_then(|m| m.verify_key.as_deref())
            .and_then(|k| k.try_into().ok());
        let (staff_bytes, seq_bytes) = (staff.to_be_bytes(), entry.seq.to_be_bytes());
        let parts = journal_parts(
            vault_id,
            &staff_bytes,
            &seq_bytes,
            &previous,
            &entry,
            &codes,
            &counts,
        );
        let proven = key.is_some_and(|k| signing::verify(&k, JOURNAL_DOMAIN, &parts, &entry.mac));
        let mut event = Event::new(&if proven {
            entry.command.clone()
        } else {
            format!("{} [carried, unverified]", entry.command)
        })
        .codes(entry.codes.iter().map(String::as_str));
        for (count, value) in &entry.counts {
            if let Some(n) = value.as_u64() {
                event = event.count(count, n);
            }
        }
        audit.append_carried(conn, event, entry.at, entry.user, Some(name))?;
        if proven {
            carried.adopted += 1;
        } else {
            carried.unverified += 1;
        }
    }
    Ok(carried)
}

/// A staff member's keys, unwrapped from their slot, as the vault uses them.
pub(super) fn staff_ciphers(
    vault_id: [u8; 16],
    id: i64,
    secrets: &StaffSecrets,
) -> (Ciphers, GroupSeal) {
    let (keys, seal) = group_keys(&secrets.group_key);
    let mut ciphers = Ciphers::for_groups(vault_id, BTreeMap::from([(id, keys)]));
    ciphers.set_identity(IdentityKey::writer_only(secrets.identity_public));
    (ciphers, seal)
}

/// The key that would stand in for the master key's state key in a staff member's
/// tracker: derived from their group key, it matches nothing of group 0.
pub(super) fn staff_placeholder_keys(secrets: &StaffSecrets) -> MasterKey {
    let placeholder = secrets.group_key.derive(b"sealbook v1 staff placeholder");
    MasterKey::from_bytes(placeholder.as_bytes())
}

#[cfg(test)]
mod tests {
    //! White-box attacks: a credential's every key, tried on every sealed cell.

    use std::collections::BTreeSet;

    use zeroize::Zeroizing;

    use super::*;
    use crate::vault::column::Column;
    use crate::vault::header::Header;
    use crate::vault::record::CustomerData;
    use crate::vault::row::{SEALED_FIELDS_FOR_TESTS, SELECT_COLUMNS};
    use crate::vault::{LockedVault, VaultOptions};

    type TestResult = std::result::Result<(), Box<dyn std::error::Error>>;

    const OWNER: &str = "the owner's passphrase of four words";
    const ANNA: &str = "anna's own passphrase, four words";
    const PETR: &str = "petr has a different one entirely";
    const EVA: &str = "eva manages with this passphrase";
    const CHEAP: KdfParams = KdfParams {
        memory_kib: 8 * 1024,
        iterations: 1,
        parallelism: 1,
    };

    fn secret(passphrase: &str) -> Credentials {
        Credentials {
            passphrase: Zeroizing::new(passphrase.to_owned()),
            key_file: None,
        }
    }

    fn customer(name: &str, national_id: Option<&str>, account: Option<&str>) -> CustomerData {
        CustomerData {
            name: name.to_owned(),
            email: Some(format!("{}@example.cz", name.len())),
            national_id: national_id.map(str::to_owned),
            account: account.map(str::to_owned),
            notes: Some("poznámka".to_owned()),
            ..CustomerData::default()
        }
    }

    /// Every cell of the file (sealed column or search text, by customer code) that
    /// `ciphers` opens, trying each cell under the keys of every group they hold.
    fn cells_opened(conn: &Connection, ciphers: &Ciphers) -> Result<BTreeSet<(String, String)>> {
        let rows = super::super::store::query_rows_on(
            conn,
            &format!("SELECT {SELECT_COLUMNS} FROM main.customers ORDER BY id"),
            [],
        )?;
        let mut opened = BTreeSet::new();
        for row in rows {
            let context = row.context(Some(row.version));
            let search: Vec<u8> = conn
                .query_row(
                    "SELECT search_text FROM main.customer_search WHERE record_id = ?1",
                    [row.record_id.as_slice()],
                    |r| r.get(0),
                )
                .map_err(read_failure)?;
            let mut cells: Vec<(Column, &[u8], &[u8])> = SEALED_FIELDS_FOR_TESTS
                .iter()
                .filter_map(|&f| {
                    row.sealed_value(f)
                        .map(|v| (Column::Sealed(f), v, context.as_slice()))
                })
                .collect();
            cells.push((Column::SearchText, &search, &[]));
            for (column, sealed, context) in cells {
                let any_group = ciphers.group_ids().chain([row.group]).any(|group| {
                    ciphers
                        .open(group, column, &row.record_id, context, sealed)
                        .is_ok()
                });
                if any_group {
                    opened.insert((row.code.clone(), column.as_str().to_owned()));
                }
            }
        }
        Ok(opened)
    }

    /// The ciphers a staff member's slot gives, with their group key also tried as the
    /// key of every other group in the file.
    fn staff_member_keys(
        conn: &Connection,
        vault_id: [u8; 16],
        secrets: &StaffSecrets,
    ) -> Result<Ciphers> {
        let groups: Vec<i64> = conn
            .prepare("SELECT DISTINCT grp FROM main.customers")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .map_err(read_failure)?;
        let mut ciphers = Ciphers::for_groups(vault_id, BTreeMap::new());
        for group in groups {
            ciphers.add_group(group, group_keys(&secrets.group_key).0);
        }
        ciphers.set_identity(IdentityKey::writer_only(secrets.identity_public));
        Ok(ciphers)
    }

    fn all_cells(conn: &Connection) -> Result<BTreeSet<(String, String)>> {
        let mut out = BTreeSet::new();
        let mut stmt = conn
            .prepare(&format!("SELECT {SELECT_COLUMNS} FROM main.customers"))
            .map_err(read_failure)?;
        let mut rows = stmt.query([]).map_err(read_failure)?;
        while let Some(row) = rows.next().map_err(read_failure)? {
            let row = super::super::row::SealedRow::from_row(row)?;
            for &field in &SEALED_FIELDS_FOR_TESTS {
                if row.sealed_value(field).is_some() {
                    out.insert((row.code.clone(), field.name().to_owned()));
                }
            }
            out.insert((row.code.clone(), "search_text".to_owned()));
        }
        Ok(out)
    }

    /// A vault at `path`: the owner's customer Jan, staff members Anna and Petr with a
    /// customer each (Anna's with a national id and an account), a manager Eva. Returns
    /// the three codes.
    fn shop(
        path: &std::path::Path,
    ) -> std::result::Result<[String; 3], Box<dyn std::error::Error>> {
        Vault::create(path, &secret(OWNER), &CHEAP, VaultOptions::default())?;
        let mut owner = LockedVault::open(path)?.unlock(&secret(OWNER))?;
        let jan = owner
            .add_customer(customer("Jan Novák", Some("7801233540"), None))?
            .code;
        owner.staff_add("Anna", Role::Staff, &secret(ANNA), &CHEAP)?;
        owner.staff_add("Petr", Role::Staff, &secret(PETR), &CHEAP)?;
        owner.staff_add("Eva", Role::Manager, &secret(EVA), &CHEAP)?;
        drop(owner);
        let mut anna = LockedVault::open(path)?.unlock_as("Anna", &secret(ANNA))?;
        let agnieszka = anna
            .add_customer(customer(
                "Agnieszka Kowalska",
                Some("44051401359"),
                Some("PL61109010140000071219812874"),
            ))?
            .code;
        drop(anna);
        let mut petr = LockedVault::open(path)?.unlock_as("Petr", &secret(PETR))?;
        let ivan = petr
            .add_customer(customer("Иван Петров", Some("500100732259"), None))?
            .code;
        Ok([jan, agnieszka, ivan])
    }

    #[test]
    fn each_credential_opens_exactly_the_cells_its_role_allows() -> TestResult {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("vault.sealbook");
        let [jan, agnieszka, ivan] = shop(&path)?;

        let conn = Connection::open(&path)?;
        let vault_id: [u8; 16] = schema::meta_get(&conn, super::super::header::VAULT_ID)?
            .ok_or("no vault id")?
            .as_slice()
            .try_into()?;
        let every_cell = all_cells(&conn)?;

        // Anna: her customer's contact and notes cells and search text, nothing else.
        let MemberKeys::Staff {
            secrets: anna_keys, ..
        } = unlock_member(&conn, &vault_id, "Anna", &secret(ANNA))?
        else {
            return Err("Anna's slot is not a staff slot".into());
        };
        let opened = cells_opened(&conn, &staff_member_keys(&conn, vault_id, &anna_keys)?)?;
        let allowed: BTreeSet<(String, String)> = every_cell
            .iter()
            .filter(|(code, column)| {
                *code == agnieszka && column != "national_id" && column != "account"
            })
            .cloned()
            .collect();
        assert!(!allowed.is_empty());
        assert_eq!(
            opened, allowed,
            "Anna's keys open exactly her contact and notes cells"
        );
        // Her group key opens no other group's wrap, nor the identity key's.
        let wraps: Vec<(i64, Vec<u8>)> = conn
            .prepare("SELECT id, wrapped FROM staff_groups")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let identity = schema::meta_get(&conn, IDENTITY_META)?.ok_or("no identity key")?;
        for (id, wrapped) in &wraps {
            let id_bytes = id.to_be_bytes();
            assert!(
                envelope::unwrap(
                    &anna_keys.group_key,
                    wrapped,
                    &group_wrap_label(&vault_id, &id_bytes)
                )
                .is_none()
            );
        }
        assert!(
            envelope::unwrap(
                &anna_keys.group_key,
                &identity,
                &label(&vault_id, "identity key", b"")
            )
            .is_none()
        );

        // Eva, a manager: the master key, hence every cell.
        let MemberKeys::Manager { master, .. } =
            unlock_member(&conn, &vault_id, "Eva", &secret(EVA))?
        else {
            return Err("Eva's slot is not a manager slot".into());
        };
        let epoch = Header::read(&conn)?.epoch;
        let mut manager = Ciphers::new(&master.data_keys(epoch), vault_id);
        let mut tracker = Tracker::new(master.data_keys(epoch).state_key());
        load_owner_keys(&conn, &vault_id, &master, &mut manager, &mut tracker)?;
        assert_eq!(cells_opened(&conn, &manager)?, every_cell);

        // Anna leaves; her customer and Jan (given to her first) go to Petr. Nothing
        // in the file opens with the keys her slot gave her.
        let mut owner = LockedVault::open(&path)?.unlock(&secret(OWNER))?;
        owner.reassign(std::slice::from_ref(&jan), "Anna")?;
        owner.staff_remove("Anna", "Petr")?;
        // The same unlock goes on working without the leaver's group.
        assert!(owner.verify()?.problems.is_empty());
        let moved = owner.codes_held_by("Petr")?;
        drop(owner);
        assert_eq!(
            moved.iter().cloned().collect::<BTreeSet<_>>(),
            BTreeSet::from([jan, agnieszka, ivan])
        );
        let opened = cells_opened(&conn, &staff_member_keys(&conn, vault_id, &anna_keys)?)?;
        assert!(
            opened.is_empty(),
            "a removed employee's keys open {opened:?}"
        );
        assert!(unlock_member(&conn, &vault_id, "Anna", &secret(ANNA)).is_err());

        // Eva, a manager, leaves: removed, then a rekey. Every key she could unwrap
        // (the master key, hence every group key and the identity key) opens nothing
        // written afterwards, and Petr, who takes his new keys at his next unlock,
        // carries on.
        let mut owner = LockedVault::open(&path)?.unlock(&secret(OWNER))?;
        owner.staff_remove("Eva", OWNER_NAME)?;
        owner.rekey(&[], None, &|_| {})?;
        let mut petr = LockedVault::open(&path)?.unlock_as("Petr", &secret(PETR))?;
        petr.add_customer(customer("Мария Петрова", Some("500100732259"), None))?;
        drop(petr);
        let after_rekey = cells_opened(&conn, &manager)?;
        assert!(
            after_rekey.is_empty(),
            "a departed manager's keys open {after_rekey:?}"
        );
        let mut tracker = Tracker::new(master.data_keys(epoch).state_key());
        let mut fresh = Ciphers::new(&master.data_keys(epoch), vault_id);
        assert!(load_owner_keys(&conn, &vault_id, &master, &mut fresh, &mut tracker).is_err());
        assert!(unlock_member(&conn, &vault_id, "Eva", &secret(EVA)).is_err());
        Ok(())
    }
}
