//! How an import row is matched to the customers already in the vault (or written
//! earlier by the same import): the keys it is matched by, and the matched values seen
//! so far, kept as keyed 64-bit hashes so a million customers fit in some 70 MB.

use super::Vault;
use super::column::{Column, row_context};
use super::record::CustomerData;
use super::row::{SELECT_COLUMNS, SealedRow, malformed_row, tampered};
use crate::error::{Error, Result};
use crate::field::Field;

/// A value by which an import row is matched to a customer already in the vault.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchKey {
    Email,
    Phone,
    NationalId,
    Account,
}

impl MatchKey {
    /// The keys used unless `--match` says otherwise. Phones are left out: two people
    /// of one family or office often share one, and are still two customers.
    pub const DEFAULT: [MatchKey; 2] = [MatchKey::Email, MatchKey::NationalId];

    /// The field this key matches by.
    pub fn field(self) -> Field {
        match self {
            MatchKey::Email => Field::Email,
            MatchKey::Phone => Field::Phone,
            MatchKey::NationalId => Field::NationalId,
            MatchKey::Account => Field::Account,
        }
    }

    pub(super) fn column(self) -> Column {
        Column::Sealed(self.field())
    }

    /// How messages name the key.
    pub(super) fn label(self) -> &'static str {
        match self {
            MatchKey::Email => "e-mail",
            _ => self.field().spec().label,
        }
    }

    /// The value of this key in `data`, as matched: national ids and accounts without
    /// spaces and separators, phones without an extension.
    pub(super) fn value_of(self, data: &CustomerData) -> Option<String> {
        data.text(self.field()).map(|v| self.normalise(v))
    }

    pub(super) fn normalise(self, stored: &str) -> String {
        self.field().index_form(stored).into_owned()
    }
}

/// Who holds a matched value (e-mail, phone, national id or account) already.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Holder {
    /// A customer in the vault (or written earlier in this import): its row id.
    Row(i64),
    /// An earlier row of the file that was not written (the import already failed).
    Line(u64),
    /// More than one customer in the vault: the value matches no one customer.
    Several,
}

impl Holder {
    /// Eight bytes in memory: row ids are positive, lines are stored negated.
    pub(super) fn pack(self) -> i64 {
        match self {
            Holder::Row(id) => id,
            Holder::Line(line) => -i64::try_from(line).unwrap_or(i64::MAX),
            // Lines start at 1, so 0 is free.
            Holder::Several => 0,
        }
    }

    pub(super) fn unpack(packed: i64) -> Self {
        match packed {
            0 => Holder::Several,
            id if id > 0 => Holder::Row(id),
            line => Holder::Line(line.unsigned_abs()),
        }
    }
}

/// The matched values (e-mail, phone, national id, account) seen so far, under a keyed
/// 64-bit hash (values are not kept), in 16-byte entries. The map is split in shards that
/// grow one at a time, so growing never holds two copies of the whole table: a million
/// customers take some 70 MB.
pub(super) struct Contacts {
    hasher: std::hash::RandomState,
    shards: Vec<std::collections::HashMap<u64, i64>>,
    pub(super) written: WrittenLines,
}

/// The file lines of the rows this import has written, by row id: a row that duplicates
/// one of them is told its line, since the customer it would name is gone once the
/// failed import is rolled back. Eight bytes a row.
#[derive(Default)]
pub(super) struct WrittenLines {
    first_id: i64,
    lines: Vec<u64>,
}

impl WrittenLines {
    pub(super) fn record(&mut self, id: i64, line: u64) {
        if self.lines.is_empty() {
            self.first_id = id;
        }
        // The inserts of one transaction take consecutive ids; were one ever skipped,
        // later rows would be named by code instead.
        if usize::try_from(id - self.first_id).ok() == Some(self.lines.len()) {
            self.lines.push(line);
        }
    }

    pub(super) fn line_of(&self, id: i64) -> Option<u64> {
        let index = usize::try_from(id.checked_sub(self.first_id)?).ok()?;
        self.lines.get(index).copied()
    }
}

/// Shards of [`Contacts`]: a power of two.
const CONTACT_SHARDS: usize = 32;

impl Default for Contacts {
    fn default() -> Self {
        Self {
            hasher: std::hash::RandomState::new(),
            shards: (0..CONTACT_SHARDS)
                .map(|_| std::collections::HashMap::new())
                .collect(),
            written: WrittenLines::default(),
        }
    }
}

impl Contacts {
    fn key(&self, key: MatchKey, value: &str) -> u64 {
        use std::hash::BuildHasher;
        self.hasher.hash_one((key as u8, value))
    }

    fn shard(key: u64) -> usize {
        // The top bits: the shard's own hash map uses (a rehash of) the low ones.
        (key >> 59) as usize % CONTACT_SHARDS
    }

    pub(super) fn insert(&mut self, key: MatchKey, value: &str, holder: Holder) {
        let key = self.key(key, value);
        self.shards[Self::shard(key)].insert(key, holder.pack());
    }

    /// Records a value of a customer already in the vault: one that two customers hold
    /// (two people sharing a phone) matches neither.
    pub(super) fn insert_existing(&mut self, key: MatchKey, value: &str, holder: Holder) {
        let key = self.key(key, value);
        let shard = &mut self.shards[Self::shard(key)];
        let packed = holder.pack();
        shard
            .entry(key)
            .and_modify(|known| {
                if *known != packed {
                    *known = Holder::Several.pack();
                }
            })
            .or_insert(packed);
    }

    pub(super) fn add(&mut self, keys: &[MatchKey], data: &CustomerData, holder: Holder) {
        for &key in keys {
            if let Some(value) = key.value_of(data) {
                self.insert(key, &value, holder);
            }
        }
    }

    pub(super) fn get(&self, key: MatchKey, value: &str) -> Option<Holder> {
        let key = self.key(key, value);
        self.shards[Self::shard(key)]
            .get(&key)
            .copied()
            .map(Holder::unpack)
    }
}

/// What an import row matches in the vault (or earlier in the file).
pub(super) enum Match {
    New,
    /// The holder, and the field (as in the JSON record) that matched.
    One(Holder, &'static str),
    /// Two keys of the row lead to two different customers: never merged into either.
    Conflict(String),
}

/// The vault's side of matching: the values already stored, and which customer holds
/// a value a row carries.
impl Vault {
    /// How an error names the holder of a matched value: by the line of the file that
    /// brought it in (the failed import is rolled back, so it never gets its code), or
    /// by the code of the customer already in the vault.
    pub(super) fn describe(&self, seen: &Contacts, holder: Holder) -> Result<String> {
        Ok(match holder {
            Holder::Row(id) => match seen.written.line_of(id) {
                Some(other) => format!("line {other}"),
                None => format!("customer {}", self.code_of(id)?),
            },
            Holder::Line(other) => format!("line {other}"),
            Holder::Several => "several customers".into(),
        })
    }

    pub(super) fn code_of(&self, id: i64) -> Result<String> {
        self.conn
            .prepare_cached("SELECT code FROM customers WHERE id = ?1")
            .and_then(|mut s| s.query_row([id], |r| r.get(0)))
            .map_err(|e| Error::db("looking for duplicates", e))
    }

    /// The row id of the customer with `code`, if there is one.
    pub(super) fn row_of_code(&self, code: &str) -> Result<Option<i64>> {
        use rusqlite::OptionalExtension;
        self.conn
            .prepare_cached("SELECT id FROM customers WHERE code = ?1")
            .and_then(|mut s| s.query_row([code], |r| r.get(0)).optional())
            .map_err(|e| Error::db("looking for duplicates", e))
    }

    pub(super) fn sealed_row_by_id(&self, id: i64) -> Result<SealedRow> {
        let sql = format!("SELECT {SELECT_COLUMNS} FROM customers WHERE id = ?1");
        let mut rows = self.query_rows(&sql, [id])?;
        rows.pop().ok_or_else(|| Error::Tampered {
            what: "a customer vanished during the import".into(),
        })
    }

    /// The matched values of the customers already in the vault, each decrypted once,
    /// so a bulk import probes memory instead of the indexes.
    pub(super) fn existing_contacts(&self, keys: &[MatchKey]) -> Result<Contacts> {
        let mut contacts = Contacts::default();
        if keys.is_empty() {
            return Ok(contacts);
        }
        let fail = |e| Error::db("looking for duplicates", e);
        let columns: Vec<&str> = keys.iter().map(|k| k.column().as_str()).collect();
        let sql = format!(
            "SELECT id, record_id, code, retain_until, version, {}, {CELL_BINDING} FROM customers
             WHERE {}",
            columns.join(", "),
            columns
                .iter()
                .map(|c| format!("{c} IS NOT NULL"))
                .collect::<Vec<_>>()
                .join(" OR ")
        );
        let mut stmt = self.conn.prepare(&sql).map_err(fail)?;
        let mut rows = stmt.query([]).map_err(fail)?;
        while let Some(row) = rows.next().map_err(fail)? {
            let id: i64 = row.get(0).map_err(malformed_row)?;
            for (index, &key) in keys.iter().enumerate() {
                if let Some(value) = self.open_cell(row, 1, 5 + index, key.column())? {
                    contacts.insert_existing(key, &key.normalise(&value), Holder::Row(id));
                }
            }
        }
        Ok(contacts)
    }

    /// Whom a row matches: by each of `keys` in turn, the customer (or earlier row of
    /// the file) holding the same value. A match in memory is confirmed against the
    /// stored value, so a collision of the in-memory hash cannot make a false match.
    /// Two keys that lead to two different holders are a conflict.
    pub(super) fn match_of(
        &self,
        seen: &Contacts,
        keys: &[MatchKey],
        data: &CustomerData,
    ) -> Result<Match> {
        let mut found: Option<(MatchKey, Holder)> = None;
        for &key in keys {
            let Some(value) = key.value_of(data) else {
                continue;
            };
            let holder = match seen.get(key, &value) {
                Some(Holder::Row(id))
                    if self
                        .stored_value(id, key.column())?
                        .is_some_and(|stored| key.normalise(&stored) == value) =>
                {
                    Holder::Row(id)
                }
                Some(Holder::Line(line)) => Holder::Line(line),
                Some(Holder::Several) => {
                    return Ok(Match::Conflict(format!(
                        "its {} belongs to several customers already, so it matches no one \
                         of them; match by another key with --match",
                        key.label()
                    )));
                }
                _ => continue,
            };
            match found {
                None => found = Some((key, holder)),
                Some((_, first)) if first == holder => {}
                Some((first_key, first)) => {
                    return Ok(Match::Conflict(format!(
                        "its {} matches {} but its {} matches {}; fix the row or choose \
                         the keys with --match",
                        first_key.label(),
                        self.describe(seen, first)?,
                        key.label(),
                        self.describe(seen, holder)?,
                    )));
                }
            }
        }
        Ok(found.map_or(Match::New, |(key, holder)| {
            Match::One(holder, key.field().name())
        }))
    }

    /// The decrypted value of one column of row `id`.
    pub(super) fn stored_value(&self, id: i64, column: Column) -> Result<Option<String>> {
        let sql = format!(
            "SELECT record_id, code, retain_until, version, {}, {CELL_BINDING} FROM customers
             WHERE id = ?1",
            column.as_str()
        );
        let fail = |e| Error::db("looking for duplicates", e);
        let mut stmt = self.conn.prepare_cached(&sql).map_err(fail)?;
        let mut rows = stmt.query([id]).map_err(fail)?;
        let Some(row) = rows.next().map_err(fail)? else {
            return Ok(None);
        };
        self.open_cell(row, 0, 4, column)
    }

    /// Opens the sealed `column` at `sealed_at` of a row that has `record_id, code,
    /// retain_until, version` from `identity_at` on, and ends with [`CELL_BINDING`] (all
    /// a seal is bound to).
    pub(super) fn open_cell(
        &self,
        row: &rusqlite::Row<'_>,
        identity_at: usize,
        sealed_at: usize,
        column: Column,
    ) -> Result<Option<String>> {
        let Some(sealed) = row
            .get::<_, Option<Vec<u8>>>(sealed_at)
            .map_err(malformed_row)?
        else {
            return Ok(None);
        };
        let record_id: Vec<u8> = row.get(identity_at).map_err(malformed_row)?;
        let record_id: [u8; 16] = record_id
            .try_into()
            .map_err(|_| malformed_row("record id"))?;
        let code: String = row.get(identity_at + 1).map_err(malformed_row)?;
        let retain_until: Option<String> = row.get(identity_at + 2).map_err(malformed_row)?;
        let version: i64 = row.get(identity_at + 3).map_err(malformed_row)?;
        if self.ciphers.is_erased(&record_id) {
            return Err(Error::Tampered {
                what: format!("customer {code} was erased, and its row has been put back"),
            });
        }
        let end = row.as_ref().column_count();
        let group: i64 = row.get(end - 3).map_err(malformed_row)?;
        let mut context = row_context(&code, retain_until.as_deref(), Some(version));
        if group != 0 {
            let national_id: Option<Vec<u8>> = row.get(end - 2).map_err(malformed_row)?;
            let account: Option<Vec<u8>> = row.get(end - 1).map_err(malformed_row)?;
            context.extend_from_slice(&super::column::identity_binding([
                national_id.as_deref(),
                account.as_deref(),
            ]));
        }
        let plain = self
            .ciphers
            .open(group, column, &record_id, &context, &sealed)
            .map_err(|e| match e {
                crate::crypto::SealError::Withheld => Error::NotPermitted {
                    what: format!(
                        "match by {}, which is sealed for the owner",
                        column.as_str()
                    ),
                },
                e => tampered(&code, column, e),
            })?;
        Ok(Some(String::from_utf8_lossy(&plain).into_owned()))
    }
}

/// The columns a single sealed cell's context needs besides the row's identity: its
/// group and, in a staff group, the identity seals bound into the row's other seals.
const CELL_BINDING: &str = "grp, national_id, account";
