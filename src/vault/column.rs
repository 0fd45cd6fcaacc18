//! The sealed columns of a customer row and the cipher of each.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, OnceLock};

use crate::crypto::envelope::AgreementKey;
use crate::crypto::session::{Session, SessionPlace};
use crate::crypto::{DataKeys, FieldCipher, SealError, SealPlace};
use crate::field::{CATALOGUE, Class, Field};

/// A sealed column of the `customers` table, or the sealed search text beside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    /// A field the catalogue marks sealed.
    Sealed(Field),
    /// The folded text of every field, for substring search with one decryption per row.
    SearchText,
}

pub const TABLE: &str = "customers";
/// The table that holds the sealed search text.
pub const SEARCH_TABLE: &str = "customer_search";

const SEALED_COUNT: usize = {
    let (mut count, mut i) = (0, 0);
    while i < CATALOGUE.len() {
        if CATALOGUE[i].sealed {
            count += 1;
        }
        i += 1;
    }
    count
};

/// The fields the catalogue marks sealed, in storage order (the order of the table's
/// columns and of [`super::row::SELECT_COLUMNS`]).
pub const SEALED: [Field; SEALED_COUNT] = {
    let mut sealed = [Field::Code; SEALED_COUNT];
    let (mut i, mut next) = (0, 0);
    while i < CATALOGUE.len() {
        if CATALOGUE[i].sealed {
            sealed[next] = CATALOGUE[i].field;
            next += 1;
        }
        i += 1;
    }
    sealed
};

impl Column {
    /// The SQL column name, also part of every seal's associated data.
    pub fn as_str(self) -> &'static str {
        match self {
            Column::Sealed(field) => field.name(),
            Column::SearchText => "search_text",
        }
    }

    /// Where this column's cipher is kept in [`Ciphers`].
    fn slot(self) -> usize {
        match self {
            Column::Sealed(field) => field as usize,
            Column::SearchText => CATALOGUE.len(),
        }
    }
}

/// The cipher of every sealed column of one group's rows, and the group's blind index
/// keys. Group 0 (customers no staff member holds) is keyed by the master key; a staff
/// member's group by that group's own random key (`vault::staff`).
pub struct GroupKeys {
    by_column: Vec<FieldCipher>,
    pub(super) blind: super::BlindKeys,
}

impl GroupKeys {
    pub fn new(keys: &DataKeys<'_>) -> Self {
        Self {
            // A cipher for every field (unsealed ones are never used), so a column's
            // cipher is found by the field's number.
            by_column: Field::all()
                .map(Column::Sealed)
                .chain([Column::SearchText])
                .map(|c| keys.field_cipher(c.as_str()))
                .collect(),
            blind: super::BlindKeys::new(keys),
        }
    }

    fn accepting_legacy(self) -> Self {
        Self {
            by_column: self
                .by_column
                .into_iter()
                .map(crate::crypto::FieldCipher::accepting_legacy)
                .collect(),
            blind: self.blind,
        }
    }
}

/// The business's identity key, which seals the national ids and accounts of staff
/// members' customers (`docs/access.md`, section 3): its public half to write them (a
/// staff member takes it from their own authenticated slot), its private half, held by
/// the owner and managers only, to read them.
pub struct IdentityKey {
    public: [u8; 32],
    private: Option<AgreementKey>,
    /// This process's writing session: one ephemeral key for every value it seals.
    writer: OnceLock<Option<Session>>,
    /// The sessions the private half has resumed, by their ephemeral public key.
    readers: Mutex<HashMap<[u8; 32], Option<Session>>>,
}

/// The length of the ephemeral public key in front of every identity seal.
const EPHEMERAL_LEN: usize = 32;

impl IdentityKey {
    /// The key of a reader who holds the private half (owner, manager).
    pub fn holder(private: AgreementKey) -> Self {
        Self {
            public: private.public(),
            private: Some(private),
            writer: OnceLock::new(),
            readers: Mutex::new(HashMap::new()),
        }
    }

    /// The key of a writer who holds only the public half (a staff member).
    pub fn writer_only(public: [u8; 32]) -> Self {
        Self {
            public,
            private: None,
            writer: OnceLock::new(),
            readers: Mutex::new(HashMap::new()),
        }
    }

    fn seal(&self, place: &SessionPlace<'_>, plaintext: &[u8]) -> Option<Vec<u8>> {
        let session = self
            .writer
            .get_or_init(|| Session::begin(0, &self.public))
            .as_ref()?;
        let mut out = session.ephemeral_public().to_vec();
        out.extend(session.seal(place, plaintext));
        Some(out)
    }

    fn open(&self, place: &SessionPlace<'_>, sealed: &[u8]) -> Result<Vec<u8>, SealError> {
        let Some(private) = &self.private else {
            return Err(SealError::Withheld);
        };
        let ephemeral: [u8; EPHEMERAL_LEN] = sealed
            .get(..EPHEMERAL_LEN)
            .and_then(|e| e.try_into().ok())
            .ok_or(SealError::Malformed)?;
        let mut readers = self
            .readers
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let session = readers
            .entry(ephemeral)
            .or_insert_with(|| Session::resume(0, &ephemeral, private))
            .as_ref()
            .ok_or(SealError::Inauthentic)?;
        session
            .open(place, &sealed[EPHEMERAL_LEN..])
            .map(|plain| plain.to_vec())
            .ok_or(SealError::Inauthentic)
    }
}

/// True for the columns that staff members write and never read: in a staff member's
/// group they are sealed to the identity key, not under the group key.
pub fn sealed_for_owner(column: Column) -> bool {
    matches!(
        column,
        Column::Sealed(field)
            if matches!(field.spec().class, Some(Class::Identity | Class::Finance))
    )
}

/// The keys of every group this reader opens, plus the vault id that binds seals to
/// this vault.
pub struct Ciphers {
    vault_id: [u8; 16],
    groups: BTreeMap<i64, GroupKeys>,
    identity: Option<IdentityKey>,
    /// Record ids in the erasure register: their rows never open.
    erased: std::collections::HashSet<[u8; 16]>,
}

impl Ciphers {
    /// The ciphers of group 0 alone, from the master key's data keys.
    pub fn new(keys: &DataKeys<'_>, vault_id: [u8; 16]) -> Self {
        Self {
            vault_id,
            groups: BTreeMap::from([(0, GroupKeys::new(keys))]),
            identity: None,
            erased: std::collections::HashSet::new(),
        }
    }

    /// Ciphers of the given groups only, for a staff member.
    pub fn for_groups(vault_id: [u8; 16], groups: BTreeMap<i64, GroupKeys>) -> Self {
        Self {
            vault_id,
            groups,
            identity: None,
            erased: std::collections::HashSet::new(),
        }
    }

    /// Adds the keys of group `id`.
    pub fn add_group(&mut self, id: i64, keys: GroupKeys) {
        self.groups.insert(id, keys);
    }

    /// Forgets the keys of group `id` (its staff member left).
    pub fn remove_group(&mut self, id: i64) {
        self.groups.remove(&id);
    }

    /// Sets the identity key that seals staff groups' national ids and accounts.
    pub fn set_identity(&mut self, identity: IdentityKey) {
        self.identity = Some(identity);
    }

    /// The groups these ciphers open, in order.
    pub fn group_ids(&self) -> impl Iterator<Item = i64> + '_ {
        self.groups.keys().copied()
    }

    /// The blind index keys of group `group`.
    pub(super) fn blind(&self, group: i64) -> Option<&super::BlindKeys> {
        self.groups.get(&group).map(|g| &g.blind)
    }

    /// Refuses, from now on, to open the rows of these erased records.
    pub fn refuse_erased(&mut self, record_ids: impl IntoIterator<Item = [u8; 16]>) {
        self.erased.extend(record_ids);
    }

    /// True for a record id in the erasure register.
    pub fn is_erased(&self, record_id: &[u8; 16]) -> bool {
        !self.erased.is_empty() && self.erased.contains(record_id)
    }

    /// These ciphers, opening the unpadded values of vaults before schema 3 as well:
    /// only for the upgrade that re-seals them.
    #[must_use]
    pub fn accepting_legacy(self) -> Self {
        Self {
            vault_id: self.vault_id,
            groups: self
                .groups
                .into_iter()
                .map(|(id, g)| (id, g.accepting_legacy()))
                .collect(),
            identity: self.identity,
            erased: self.erased,
        }
    }

    fn place<'a>(
        &'a self,
        column: Column,
        record_id: &'a [u8; 16],
        row_context: &'a [u8],
    ) -> SealPlace<'a> {
        SealPlace {
            vault_id: &self.vault_id,
            table: if column == Column::SearchText {
                SEARCH_TABLE
            } else {
                TABLE
            },
            column: column.as_str(),
            record_id,
            row_context,
        }
    }

    /// Where an identity seal of a staff group's row lives: the column and the group
    /// are bound in, the row's version is not (staff edits of contact fields leave
    /// these values, which staff cannot seal again, as they are).
    fn identity_place<'a>(
        &'a self,
        group: i64,
        column: Column,
        record_id: &'a [u8; 16],
    ) -> SessionPlace<'a> {
        SessionPlace {
            vault_id: &self.vault_id,
            record_id,
            class: column.as_str(),
            class_version: group,
        }
    }

    /// Seals one value of the record `record_id` in group `group`, whose clear
    /// metadata is `row`. `None` when these ciphers hold no key for the group.
    pub fn seal(
        &self,
        group: i64,
        column: Column,
        record_id: &[u8; 16],
        row: &[u8],
        plaintext: &[u8],
    ) -> Option<Vec<u8>> {
        if group != 0 && sealed_for_owner(column) {
            let place = self.identity_place(group, column, record_id);
            return self.identity.as_ref()?.seal(&place, plaintext);
        }
        let keys = self.groups.get(&group)?;
        Some(keys.by_column[column.slot()].seal(&self.place(column, record_id, row), plaintext))
    }

    pub fn open(
        &self,
        group: i64,
        column: Column,
        record_id: &[u8; 16],
        row: &[u8],
        sealed: &[u8],
    ) -> Result<Vec<u8>, SealError> {
        if group != 0 && sealed_for_owner(column) {
            let place = self.identity_place(group, column, record_id);
            return match &self.identity {
                Some(identity) => identity.open(&place, sealed),
                None => Err(SealError::Withheld),
            };
        }
        let keys = self.groups.get(&group).ok_or(SealError::Inauthentic)?;
        keys.by_column[column.slot()].open(&self.place(column, record_id, row), sealed)
    }
}

/// What the other seals of a staff group's row add to their context: a digest of its
/// identity seals, which anyone with the public identity key can make. Only a holder of
/// the group key can attach them to a row, so a national id planted on another group's
/// customer makes that row fail its check.
pub fn identity_binding<'a>(sealed: impl IntoIterator<Item = Option<&'a [u8]>>) -> [u8; 32] {
    crate::crypto::digest(b"sealbook v1 identity binding", sealed)
}

/// The clear metadata of a customer row that its sealed values are bound to: the public
/// code, the retention date and the row's version, so an older ciphertext of the same
/// cell does not open in a newer row. (`None`: the layout of vaults before schema 3,
/// which had no versions, read only by the upgrade. The search text, kept in its own
/// table, is bound to the record id alone, since every hit is opened again from the
/// customer row.)
pub fn row_context(code: &str, retain_until: Option<&str>, version: Option<i64>) -> Vec<u8> {
    let mut context = code.as_bytes().to_vec();
    context.push(0);
    if let Some(date) = retain_until {
        context.extend_from_slice(date.as_bytes());
    }
    if let Some(version) = version {
        context.push(0);
        context.extend_from_slice(&version.to_be_bytes());
    }
    context
}
