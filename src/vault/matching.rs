//! How an import row is matched to the customers already in the vault (or written
//! earlier by the same import): the keys it is matched by, and the matched values seen
//! so far, kept as keyed 64-bit hashes so a million customers fit in some 70 MB.

use super::column::Column;
use super::record::CustomerData;
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

    pub(super) fn label(self) -> &'static str {
        self.field().spec().label
    }

    /// The value of this key in `data`, as matched: national ids and accounts without
    /// spaces and separators, phones without an extension.
    pub(super) fn value_of(self, data: &CustomerData) -> Option<String> {
        data.text(self.field()).map(|v| self.normalise(v))
    }

    pub(super) fn normalise(self, stored: &str) -> String {
        self.field().index_form(stored)
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
