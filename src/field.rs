//! The columns of a customer record, each described once in [`CATALOGUE`]: its name
//! (in JSON records, CSV headers, SQL and seals), the spreadsheet headers that mean it,
//! whether it is sealed, indexed, searchable or clearable, how it is checked, searched,
//! pseudonymised, and read from and written to a record.
//!
//! Adding a field is one entry here (and a variant of [`Field`]) plus its tests; the
//! commands, the file readers and writers and the vault read this table. A new sealed
//! field also needs its SQL column (a schema upgrade), which the vault's schema check
//! will insist on. (Longer than most files here: it is one table, with the headers of
//! five languages, and the accessors that read it, which belong together.)

use std::borrow::Cow;

use crate::privacy::normalize::{fold, fold_identifier};
use crate::privacy::phone::phone_base;
use crate::vault::{Customer, CustomerData};

/// A column of a customer record, in the order of JSON records and CSV exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Code,
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
    RetainUntil,
    Created,
    Updated,
}

/// How a field holds its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// The public customer code, given by the vault.
    Code,
    /// Text every customer has (the name).
    Required,
    /// Text a customer may lack.
    Optional,
    /// A list of tags, compared without case and accents.
    Tags,
    /// Custom fields, `KEY=VALUE`.
    Custom,
    /// A time the vault records (created, updated).
    Stamp,
}

/// How a typed value is checked before it is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    Text,
    Email,
    Phone,
    Account,
    /// Checked against the national scheme it looks like (PESEL, rodné číslo, SNILS...).
    NationalId,
    Date,
    /// Not typed by users: codes and times are checked where they are read.
    None,
}

/// How a value is written into the sealed search text that substring search scans.
///
/// The order of the variants is the order of the segments in a search text, and within
/// one form the catalogue's order: `verify` compares each stored search text with one
/// rebuilt from the record, so this order is part of the file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SearchForm {
    /// Folded (lower case, no accents, ASCII digits).
    Folded,
    /// Every form a phone number is typed in.
    Phone,
    /// Folded, and again without spaces and separators.
    Identifier,
    /// Each tag folded.
    Tags,
    /// Each custom field's key and value folded.
    Custom,
}

/// The class a sealed field belongs to: who may read it once a vault has staff
/// (`docs/access.md`): contact and notes are read by the customer's staff member, the
/// owner and managers; identity and finance are written by staff and read only by the
/// owner and managers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Class {
    Contact,
    Notes,
    Identity,
    Finance,
}

/// How `export --pseudonymise` replaces a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PseudonymForm {
    /// A keyed token of the value as stored.
    AsStored,
    /// A keyed token of the folded value, so spelling variants share a token.
    Folded,
    /// A keyed token of the value without separators.
    Identifier,
    /// Each tag, and each custom field's key and value, tokenised.
    Each,
    /// A date or time cut to its month.
    Month,
}

/// Everything sealbook knows about one field. (Its yes-or-no properties are bools on
/// purpose: each is read on its own, and a table of them reads like a form.)
#[derive(Debug)]
#[allow(clippy::struct_excessive_bools)]
pub struct Spec {
    pub field: Field,
    /// The name in JSON records, CSV headers, SQL columns and seals; never changes.
    pub name: &'static str,
    /// The name people read in `show`.
    pub label: &'static str,
    /// The `add`/`edit` flag and `edit --clear` value.
    pub flag: &'static str,
    /// The `search --in` value.
    pub cli_name: &'static str,
    /// Other column headers that mean this field on import (compared in lower case,
    /// with spaces and dashes read as `_`).
    pub aliases: &'static [&'static str],
    pub shape: Shape,
    pub check: Check,
    /// Sealed with a cipher of its own; otherwise stored in clear.
    pub sealed: bool,
    /// Who may read it once a vault has staff; `None` for what is stored in clear.
    pub class: Option<Class>,
    /// `edit --clear` can empty it.
    pub clearable: bool,
    /// Found exactly by `search` through a blind index (or, for the code, in clear).
    pub exact: bool,
    /// `add` and `edit` warn when another customer holds the same value.
    pub contact: bool,
    /// How it enters the search text; `None`: not in it.
    pub search: Option<SearchForm>,
    pub pseudonym: PseudonymForm,
}

const fn spec(field: Field, name: &'static str, shape: Shape) -> Spec {
    Spec {
        field,
        name,
        label: name,
        flag: name,
        cli_name: name,
        aliases: &[],
        shape,
        check: Check::Text,
        sealed: true,
        class: Some(Class::Contact),
        clearable: true,
        exact: false,
        contact: false,
        search: Some(SearchForm::Folded),
        pseudonym: PseudonymForm::Folded,
    }
}

/// Every field, in [`Field`] order.
pub const CATALOGUE: [Spec; 15] = [
    Spec {
        class: None,
        aliases: &["customer_code"],
        check: Check::None,
        sealed: false,
        clearable: false,
        exact: true,
        pseudonym: PseudonymForm::AsStored,
        ..spec(Field::Code, "code", Shape::Code)
    },
    Spec {
        aliases: &[
            "full_name",
            "customer",
            "customer_name",
            "imię_i_nazwisko",
            "jméno_a_příjmení",
            "celé_jméno",
            "фио",
            "имя_и_фамилия",
            "نام_و_نام_خانوادگی",
        ],
        clearable: false,
        ..spec(Field::Name, "name", Shape::Required)
    },
    Spec {
        aliases: &[
            "e_mail",
            "mail",
            "email_address",
            "e_mail_address",
            "adres_e_mail",
            "почта",
            "электронная_почта",
            "ایمیل",
        ],
        check: Check::Email,
        exact: true,
        contact: true,
        pseudonym: PseudonymForm::AsStored,
        ..spec(Field::Email, "email", Shape::Optional)
    },
    Spec {
        aliases: &[
            "telephone",
            "tel",
            "mobile",
            "phone_number",
            "telefon",
            "телефон",
            "تلفن",
        ],
        check: Check::Phone,
        exact: true,
        contact: true,
        search: Some(SearchForm::Phone),
        pseudonym: PseudonymForm::AsStored,
        ..spec(Field::Phone, "phone", Shape::Optional)
    },
    Spec {
        aliases: &[
            "postal_address",
            "adres",
            "adresa",
            "адрес",
            "آدرس",
            "نشانی",
        ],
        ..spec(Field::Address, "address", Shape::Optional)
    },
    Spec {
        aliases: &[
            "organisation",
            "organization",
            "firm",
            "organization_name",
            "organization_1___name",
            "nazwa_firmy",
            "společnost",
            "компания",
            "организация",
            "شرکت",
        ],
        ..spec(Field::Company, "company", Shape::Optional)
    },
    Spec {
        class: Some(Class::Identity),
        label: "national id",
        flag: "national-id",
        cli_name: "national-id",
        aliases: &[
            "nationalid",
            "id_number",
            "pesel",
            "rodné_číslo",
            "снилс",
            "کد_ملی",
        ],
        check: Check::NationalId,
        exact: true,
        search: Some(SearchForm::Identifier),
        pseudonym: PseudonymForm::Identifier,
        ..spec(Field::NationalId, "national_id", Shape::Optional)
    },
    Spec {
        class: Some(Class::Finance),
        aliases: &[
            "iban",
            "bank_account",
            "account_number",
            "numer_konta",
            "číslo_účtu",
            "счёт",
            "счет",
            "شماره_حساب",
        ],
        check: Check::Account,
        exact: true,
        search: Some(SearchForm::Identifier),
        pseudonym: PseudonymForm::Identifier,
        ..spec(Field::Account, "account", Shape::Optional)
    },
    Spec {
        class: Some(Class::Notes),
        flag: "note",
        aliases: &[
            "note",
            "comment",
            "comments",
            "notatki",
            "uwagi",
            "poznámka",
            "poznámky",
            "примечание",
            "заметки",
            "توضیحات",
            "یادداشت",
        ],
        ..spec(Field::Notes, "notes", Shape::Optional)
    },
    Spec {
        class: Some(Class::Notes),
        aliases: &["tag", "labels"],
        clearable: false,
        exact: true,
        search: Some(SearchForm::Tags),
        pseudonym: PseudonymForm::Each,
        ..spec(Field::Tags, "tags", Shape::Tags)
    },
    Spec {
        class: Some(Class::Notes),
        clearable: false,
        search: Some(SearchForm::Custom),
        pseudonym: PseudonymForm::Each,
        ..spec(Field::Fields, "fields", Shape::Custom)
    },
    Spec {
        class: Some(Class::Notes),
        aliases: &["account_manager"],
        ..spec(Field::Owner, "owner", Shape::Optional)
    },
    Spec {
        class: None,
        label: "retain until",
        flag: "retain-until",
        cli_name: "retain-until",
        aliases: &["retention", "retain"],
        check: Check::Date,
        sealed: false,
        search: None,
        pseudonym: PseudonymForm::Month,
        ..spec(Field::RetainUntil, "retain_until", Shape::Optional)
    },
    Spec {
        class: None,
        check: Check::None,
        sealed: false,
        clearable: false,
        search: None,
        pseudonym: PseudonymForm::Month,
        ..spec(Field::Created, "created", Shape::Stamp)
    },
    Spec {
        class: None,
        check: Check::None,
        sealed: false,
        clearable: false,
        search: None,
        pseudonym: PseudonymForm::Month,
        ..spec(Field::Updated, "updated", Shape::Stamp)
    },
];

impl Field {
    /// Every field, in record order.
    pub fn all() -> impl Iterator<Item = Field> {
        CATALOGUE.iter().map(|s| s.field)
    }

    /// The fields whose spec passes `keep`, in record order.
    pub fn those(keep: impl Fn(&Spec) -> bool) -> impl Iterator<Item = Field> {
        CATALOGUE.iter().filter(move |s| keep(s)).map(|s| s.field)
    }

    pub fn spec(self) -> &'static Spec {
        &CATALOGUE[self as usize]
    }

    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// The field a column header names (its name or an alias), if any.
    pub fn from_header(header: &str) -> Option<Field> {
        let h = header.trim().to_lowercase().replace([' ', '-'], "_");
        CATALOGUE
            .iter()
            .find(|s| s.name == h || s.aliases.contains(&h.as_str()))
            .map(|s| s.field)
    }

    /// The field whose command-line name (`--clear`, `--in`) is `flag`.
    pub fn from_flag(flag: &str) -> Option<Field> {
        CATALOGUE.iter().find(|s| s.flag == flag).map(|s| s.field)
    }

    /// A stored value in the form blind indexes and import matching compare: e-mails as
    /// stored, phones without an extension, identifiers without separators, other text
    /// folded.
    pub fn index_form(self, stored: &str) -> Cow<'_, str> {
        match self {
            Field::Email | Field::Code => Cow::Borrowed(stored),
            Field::Phone => Cow::Borrowed(phone_base(stored)),
            Field::NationalId | Field::Account => Cow::Owned(fold_identifier(stored)),
            _ => Cow::Owned(fold(stored)),
        }
    }
}

impl CustomerData {
    /// The text of a one-value field (`None` when absent, and for the fields a record
    /// does not hold as one text: code, tags, custom fields, times).
    pub fn text(&self, field: Field) -> Option<&str> {
        match field {
            Field::Name => Some(&self.name),
            _ => self.optional(field).and_then(Option::as_deref),
        }
    }

    fn optional(&self, field: Field) -> Option<&Option<String>> {
        Some(match field {
            Field::Email => &self.email,
            Field::Phone => &self.phone,
            Field::Address => &self.address,
            Field::Company => &self.company,
            Field::NationalId => &self.national_id,
            Field::Account => &self.account,
            Field::Notes => &self.notes,
            Field::Owner => &self.owner,
            Field::RetainUntil => &self.retain_until,
            _ => return None,
        })
    }

    /// Where an optional one-value field lives in the record.
    fn optional_mut(&mut self, field: Field) -> Option<&mut Option<String>> {
        Some(match field {
            Field::Email => &mut self.email,
            Field::Phone => &mut self.phone,
            Field::Address => &mut self.address,
            Field::Company => &mut self.company,
            Field::NationalId => &mut self.national_id,
            Field::Account => &mut self.account,
            Field::Notes => &mut self.notes,
            Field::Owner => &mut self.owner,
            Field::RetainUntil => &mut self.retain_until,
            _ => return None,
        })
    }

    /// Sets a one-value field (the name, or an optional field); others are left alone.
    pub fn set_text(&mut self, field: Field, value: String) {
        if field == Field::Name {
            self.name = value;
        } else if let Some(slot) = self.optional_mut(field) {
            *slot = Some(value);
        }
    }

    /// Empties an optional one-value field (what `edit --clear` does).
    pub fn clear(&mut self, field: Field) {
        if let Some(slot) = self.optional_mut(field) {
            *slot = None;
        }
    }

    /// A sealed field's value in the form it is sealed: text as it is, tags and custom
    /// fields as JSON; `None` when empty.
    pub fn sealed_form(&self, field: Field) -> Option<Cow<'_, str>> {
        match field.spec().shape {
            Shape::Tags => (!self.tags.is_empty()).then(|| Cow::Owned(json(&self.tags))),
            Shape::Custom => (!self.fields.is_empty()).then(|| Cow::Owned(json(&self.fields))),
            _ => self.text(field).map(Cow::Borrowed),
        }
    }

    /// Puts back a value read in [`CustomerData::sealed_form`]; an error when tags or
    /// custom fields are not the JSON sealbook writes.
    pub fn set_sealed_form(&mut self, field: Field, value: String) -> serde_json::Result<()> {
        match field.spec().shape {
            Shape::Tags => self.tags = serde_json::from_str(&value)?,
            Shape::Custom => self.fields = serde_json::from_str(&value)?,
            _ => self.set_text(field, value),
        }
        Ok(())
    }
}

impl Customer {
    /// The text of a one-value column, the code and times included.
    pub fn text(&self, field: Field) -> Option<&str> {
        match field {
            Field::Code => Some(&self.code),
            Field::Created => Some(&self.created),
            Field::Updated => Some(&self.updated),
            _ => self.data.text(field),
        }
    }
}

/// JSON of tags or custom fields; lists and maps of strings always serialise.
fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

#[cfg(test)]
mod tests;
