//! What a column of an import file stands for: a field of the catalogue (by its name or
//! an alias), a custom field, or one of the columns phone and mail programs write in
//! their contact exports (Google Contacts, Outlook): name parts, and numbered or typed
//! e-mails and phones beside the first.

use std::sync::LazyLock;

use regex::Regex;

use crate::field::Field;

/// A part of a name that contact exports split it into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum NamePart {
    First,
    Middle,
    Last,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Header {
    Field(Field),
    /// One of several columns of a contact export for one field (`E-mail 2 - Value`,
    /// `Mobile Phone`): the first filled one in a row fills the field when the row has
    /// no value for it, the others are kept as custom fields under their headers.
    Another(Field),
    /// `First Name`, `Given Name`, `Last Name`...: joined into the name when the row has
    /// none.
    NamePart(NamePart),
    /// A contact export's label of another column (`E-mail 1 - Type`, `Phone 1 - Label`).
    Label,
    /// A custom field by its key: a header sealbook does not know, or one written
    /// `field.KEY`.
    Custom(String),
}

/// Contact-export columns, matched on the header in lower case.
static CONTACT_COLUMNS: LazyLock<[(Regex, Header); 5]> = LazyLock::new(|| {
    let re = |pattern: &str| {
        Regex::new(pattern).unwrap_or_else(|_| unreachable!("the patterns are constants"))
    };
    [
        (
            re(
                r"^(e-?mail|phone|address|organi[sz]ation|website|relation|event|im|custom field) ?\d+ ?- ?(type|label)$",
            ),
            Header::Label,
        ),
        (
            re(r"^e-?mail ?\d+( ?- ?value| address)?$"),
            Header::Another(Field::Email),
        ),
        (
            re(
                r"^(phone ?\d+( ?- ?value)?|(mobile|business|home|primary|other|car|company main|assistant's|radio) phone ?\d*)$",
            ),
            Header::Another(Field::Phone),
        ),
        (
            re(r"^address ?\d+ ?- ?formatted$"),
            Header::Another(Field::Address),
        ),
        (
            re(r"^organi[sz]ation ?\d+ ?- ?name$"),
            Header::Another(Field::Company),
        ),
    ]
});

impl Header {
    /// What `header` stands for.
    pub fn parse(header: &str) -> Header {
        if let Some(field) = Field::from_header(header) {
            return Header::Field(field);
        }
        let lower = header.trim().to_lowercase();
        let part = match lower.as_str() {
            "first name" | "given name" | "imię" | "jméno" | "имя" | "نام" => {
                Some(NamePart::First)
            }
            "middle name" | "additional name" | "drugie imię" | "отчество" => {
                Some(NamePart::Middle)
            }
            "last name"
            | "family name"
            | "surname"
            | "nazwisko"
            | "příjmení"
            | "фамилия"
            | "نام خانوادگی" => Some(NamePart::Last),
            _ => None,
        };
        if let Some(part) = part {
            return Header::NamePart(part);
        }
        if let Some((_, meaning)) = CONTACT_COLUMNS.iter().find(|(re, _)| re.is_match(&lower)) {
            return meaning.clone();
        }
        let key = header
            .strip_prefix(super::write::EXCEL_FIELD_PREFIX)
            .unwrap_or_else(|| header.trim_start_matches("field."));
        Header::Custom(key.trim().to_owned())
    }

    /// How an error names the column's meaning, so two columns meaning one thing are
    /// caught: the field's name, or `custom field KEY`. Contact-export columns are each
    /// their own.
    pub fn meaning(&self, header: &str) -> String {
        match self {
            Header::Field(field) => field.name().to_owned(),
            Header::Custom(key) => format!("custom field {key}"),
            Header::Another(_) | Header::NamePart(_) | Header::Label => {
                format!("column {}", header.trim())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_name_fields_by_name_alias_or_custom_key() {
        assert_eq!(Header::parse("E-mail"), Header::Field(Field::Email));
        assert_eq!(Header::parse("Phone Number"), Header::Field(Field::Phone));
        assert_eq!(Header::parse("IBAN"), Header::Field(Field::Account));
        assert_eq!(Header::parse("field.vat"), Header::Custom("vat".into()));
        assert_eq!(Header::parse("VAT"), Header::Custom("VAT".into()));
        assert_eq!(Header::parse("field:vat"), Header::Custom("vat".into()));
        assert_eq!(Header::parse("note"), Header::Field(Field::Notes));
    }

    #[test]
    fn google_and_outlook_columns_are_understood() {
        // Google Contacts.
        assert_eq!(
            Header::parse("Given Name"),
            Header::NamePart(NamePart::First)
        );
        assert_eq!(
            Header::parse("Family Name"),
            Header::NamePart(NamePart::Last)
        );
        assert_eq!(
            Header::parse("E-mail 1 - Value"),
            Header::Another(Field::Email)
        );
        assert_eq!(Header::parse("E-mail 1 - Type"), Header::Label);
        assert_eq!(
            Header::parse("Phone 2 - Value"),
            Header::Another(Field::Phone)
        );
        assert_eq!(Header::parse("Phone 1 - Label"), Header::Label);
        assert_eq!(
            Header::parse("Organization Name"),
            Header::Field(Field::Company)
        );
        assert_eq!(
            Header::parse("Address 1 - Formatted"),
            Header::Another(Field::Address)
        );
        assert_eq!(Header::parse("Labels"), Header::Field(Field::Tags));
        // Outlook.
        assert_eq!(
            Header::parse("First Name"),
            Header::NamePart(NamePart::First)
        );
        assert_eq!(Header::parse("E-mail Address"), Header::Field(Field::Email));
        assert_eq!(
            Header::parse("E-mail 2 Address"),
            Header::Another(Field::Email)
        );
        assert_eq!(Header::parse("Mobile Phone"), Header::Another(Field::Phone));
        assert_eq!(
            Header::parse("Business Phone 2"),
            Header::Another(Field::Phone)
        );
        assert_eq!(Header::parse("Company"), Header::Field(Field::Company));
        // The extra e-mails and phones of a vCard.
        assert_eq!(Header::parse("email 2"), Header::Another(Field::Email));
        assert_eq!(Header::parse("phone 3"), Header::Another(Field::Phone));
    }

    #[test]
    fn headers_in_the_users_languages_are_understood() {
        assert_eq!(Header::parse("Imię i nazwisko"), Header::Field(Field::Name));
        assert_eq!(Header::parse("Nazwisko"), Header::NamePart(NamePart::Last));
        assert_eq!(Header::parse("Příjmení"), Header::NamePart(NamePart::Last));
        assert_eq!(Header::parse("Telefon"), Header::Field(Field::Phone));
        assert_eq!(
            Header::parse("Отчество"),
            Header::NamePart(NamePart::Middle)
        );
        assert_eq!(Header::parse("ФИО"), Header::Field(Field::Name));
        assert_eq!(Header::parse("کد ملی"), Header::Field(Field::NationalId));
        assert_eq!(
            Header::parse("نام خانوادگی"),
            Header::NamePart(NamePart::Last)
        );
        assert_eq!(Header::parse("Poznámky"), Header::Field(Field::Notes));
    }
}
