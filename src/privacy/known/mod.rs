//! Finding known people in text: the vault's customers by name (full, reversed, with an
//! initial, and the common inflected forms of Czech, Polish and Russian surnames),
//! e-mail, phone in any formatting, national id and account. The caller supplies the
//! customers; nothing here knows about the vault.
//!
//! Text is folded (case, accents, digit script, Persian letter variants, ZWNJ) with a
//! map back to the original bytes, cut into words, and matched word by word through
//! hash maps, so the cost per byte does not grow with the number of customers.

mod inflect;
mod matcher;
#[cfg(test)]
mod tests;

use super::kind::Kind;

pub use matcher::KnownMatcher;

/// Which of a customer's values a mention is of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    Email,
    Phone,
    NationalId,
    Account,
}

impl Field {
    pub const ALL: [Field; 5] = [
        Field::Name,
        Field::Email,
        Field::Phone,
        Field::NationalId,
        Field::Account,
    ];

    /// The record field this is, in the catalogue.
    pub fn catalogued(self) -> crate::field::Field {
        match self {
            Field::Name => crate::field::Field::Name,
            Field::Email => crate::field::Field::Email,
            Field::Phone => crate::field::Field::Phone,
            Field::NationalId => crate::field::Field::NationalId,
            Field::Account => crate::field::Field::Account,
        }
    }

    /// The field's name in tokens (`[C-7K3M9Q2X:email]`): its name in records.
    pub fn name(self) -> &'static str {
        self.catalogued().name()
    }

    pub fn parse(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name)
    }

    fn kind(self, inflected: bool) -> Kind {
        match self {
            Field::Name if inflected => Kind::CustomerNameInflected,
            Field::Name => Kind::CustomerName,
            Field::Email => Kind::CustomerEmail,
            Field::Phone => Kind::CustomerPhone,
            Field::NationalId => Kind::CustomerNationalId,
            Field::Account => Kind::CustomerAccount,
        }
    }

    /// The field of a finding's kind, for the customer kinds.
    pub fn of_kind(kind: Kind) -> Option<Field> {
        Some(match kind {
            Kind::CustomerName | Kind::CustomerNameInflected => Field::Name,
            Kind::CustomerEmail => Field::Email,
            Kind::CustomerPhone => Field::Phone,
            Kind::CustomerNationalId => Field::NationalId,
            Kind::CustomerAccount => Field::Account,
            _ => return None,
        })
    }
}

/// What the matcher is told about one customer (as stored: e-mail lower-cased, phone
/// in E.164).
#[derive(Clone, Debug, Default)]
pub struct KnownCustomer {
    pub code: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub national_id: Option<String>,
    pub account: Option<String>,
}
