//! The sealed columns of a customer row and the cipher of each.

use crate::crypto::{DataKeys, FieldCipher, SealError, SealPlace};
use crate::field::{CATALOGUE, Field};

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

/// One cipher per sealed column, plus the vault id that binds seals to this vault.
pub struct Ciphers {
    vault_id: [u8; 16],
    by_column: Vec<FieldCipher>,
    /// Record ids in the erasure register: their rows never open.
    erased: std::collections::HashSet<[u8; 16]>,
}

impl Ciphers {
    pub fn new(keys: &DataKeys<'_>, vault_id: [u8; 16]) -> Self {
        Self {
            vault_id,
            // A cipher for every field (unsealed ones are never used), so a column's
            // cipher is found by the field's number.
            by_column: Field::all()
                .map(Column::Sealed)
                .chain([Column::SearchText])
                .map(|c| keys.field_cipher(c.as_str()))
                .collect(),
            erased: std::collections::HashSet::new(),
        }
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
            by_column: self
                .by_column
                .into_iter()
                .map(crate::crypto::FieldCipher::accepting_legacy)
                .collect(),
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

    /// Seals one value of the record `record_id`, whose clear metadata is `row`.
    pub fn seal(
        &self,
        column: Column,
        record_id: &[u8; 16],
        row: &[u8],
        plaintext: &[u8],
    ) -> Vec<u8> {
        self.by_column[column.slot()].seal(&self.place(column, record_id, row), plaintext)
    }

    pub fn open(
        &self,
        column: Column,
        record_id: &[u8; 16],
        row: &[u8],
        sealed: &[u8],
    ) -> Result<Vec<u8>, SealError> {
        self.by_column[column.slot()].open(&self.place(column, record_id, row), sealed)
    }
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
