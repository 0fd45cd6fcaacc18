//! The sealed columns of a customer row and the cipher of each.

use crate::crypto::{DataKeys, FieldCipher, SealError, SealPlace};

/// Every sealed column of the `customers` table, in storage order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Name,
    Email,
    Phone,
    Address,
    Company,
    NationalId,
    Account,
    Notes,
    Tags,
    Fields,
    Owner,
    /// The folded text of every field, for substring search with one decryption per row.
    SearchText,
}

pub const TABLE: &str = "customers";
/// The table that holds the sealed search text.
pub const SEARCH_TABLE: &str = "customer_search";

impl Column {
    pub const ALL: [Column; 12] = [
        Column::Name,
        Column::Email,
        Column::Phone,
        Column::Address,
        Column::Company,
        Column::NationalId,
        Column::Account,
        Column::Notes,
        Column::Tags,
        Column::Fields,
        Column::Owner,
        Column::SearchText,
    ];

    /// The SQL column name, also part of every seal's associated data.
    pub fn as_str(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::Email => "email",
            Column::Phone => "phone",
            Column::Address => "address",
            Column::Company => "company",
            Column::NationalId => "national_id",
            Column::Account => "account",
            Column::Notes => "notes",
            Column::Tags => "tags",
            Column::Fields => "fields",
            Column::Owner => "owner",
            Column::SearchText => "search_text",
        }
    }
}

/// One cipher per sealed column, plus the vault id that binds seals to this vault.
pub struct Ciphers {
    vault_id: [u8; 16],
    by_column: Vec<FieldCipher>,
}

impl Ciphers {
    pub fn new(keys: &DataKeys<'_>, vault_id: [u8; 16]) -> Self {
        Self {
            vault_id,
            by_column: Column::ALL
                .iter()
                .map(|c| keys.field_cipher(c.as_str()))
                .collect(),
        }
    }

    fn place<'a>(&'a self, column: Column, record_id: &'a [u8; 16]) -> SealPlace<'a> {
        SealPlace {
            vault_id: &self.vault_id,
            table: if column == Column::SearchText {
                SEARCH_TABLE
            } else {
                TABLE
            },
            column: column.as_str(),
            record_id,
        }
    }

    pub fn seal(&self, column: Column, record_id: &[u8; 16], plaintext: &[u8]) -> Vec<u8> {
        self.by_column[column as usize].seal(&self.place(column, record_id), plaintext)
    }

    pub fn open(
        &self,
        column: Column,
        record_id: &[u8; 16],
        sealed: &[u8],
    ) -> Result<Vec<u8>, SealError> {
        self.by_column[column as usize].open(&self.place(column, record_id), sealed)
    }
}
