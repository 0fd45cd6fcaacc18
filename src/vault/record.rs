//! A customer record as the rest of sealbook sees it, and the checks every value passes
//! before it is sealed (the same for `add`, `edit` and `import`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::Date;
use time::macros::format_description;

use crate::error::{Error, Result};
use crate::field::{CATALOGUE, Check, Field, SearchForm, Shape, Spec};
use crate::privacy::email::{EMAIL_EXPECTED, normalise_email};
use crate::privacy::iban;
use crate::privacy::normalize::{fold, fold_identifier};
use crate::privacy::phone::{
    CheckedPhone, PhoneError, Region, check_phone, normalise_phone, search_forms,
};

/// The personal data of a customer, everything that is sealed at rest, plus the
/// retention date (kept in clear so `purge` needs no key).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerData {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub company: Option<String>,
    pub national_id: Option<String>,
    pub account: Option<String>,
    pub notes: Option<String>,
    pub tags: Vec<String>,
    pub fields: BTreeMap<String, String>,
    pub owner: Option<String>,
    pub retain_until: Option<String>,
    /// The fields (by name) this customer has that are sealed for the owner and that
    /// the staff member who opened the record cannot read (`docs/access.md`).
    #[serde(default, skip_deserializing, skip_serializing_if = "Vec::is_empty")]
    pub sealed_for_owner: Vec<String>,
}

/// A stored customer: the public code and timestamps around the personal data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    pub code: String,
    #[serde(flatten)]
    pub data: CustomerData,
    pub created: String,
    pub updated: String,
}

/// Control characters other than line breaks and tabs, which text fields may hold.
fn forbidden_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\r' | '\t')
}

fn required_text(field: &str, value: &str) -> Result<String> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(Error::invalid_field(field, "must not be empty"));
    }
    if trimmed.chars().any(forbidden_control) {
        return Err(Error::invalid_field(field, "contains control characters"));
    }
    Ok(trimmed.to_owned())
}

/// What a refused phone number is told.
fn phone_error(e: PhoneError) -> Error {
    match e {
        PhoneError::NeedsRegion => Error::invalid_field(
            "phone",
            "a number without +country code needs --region (e.g. --region PL) \
             or SEALBOOK_REGION",
        ),
        PhoneError::Invalid => Error::invalid_field(
            "phone",
            "not a valid phone number (write it as +48 601 234 567, or in national \
             form with --region)",
        ),
    }
}

/// Checks and canonicalises each field of a record typed by a user or read from a file.
pub struct Validator {
    pub region: Option<Region>,
}

impl Validator {
    /// Checks a typed value of a one-value field as the catalogue says it is checked.
    pub fn value(&self, field: Field, value: &str) -> Result<String> {
        match field.spec().check {
            Check::Text | Check::None => required_text(field.name(), value),
            Check::Email => self.email(value),
            Check::Phone => self.phone(value),
            Check::Account => self.account(value),
            Check::NationalId => self.national_id(value),
            Check::Date => self.future_date(value),
        }
    }

    /// [`Validator::value`] for `--force`: a national id that fails its scheme's check,
    /// and a retention date in the past, are kept as typed.
    pub fn forced_value(&self, field: Field, value: &str) -> Result<String> {
        match field.spec().check {
            Check::NationalId => required_text(field.name(), value),
            Check::Date => self.date(value),
            _ => self.value(field, value),
        }
    }

    /// A national id, refused when it looks like a known scheme (by region or shape)
    /// and fails its check digit or date.
    pub fn national_id(&self, value: &str) -> Result<String> {
        let value = required_text("national_id", value)?;
        match crate::privacy::national_id::failed_scheme(&value, self.region) {
            Some(scheme) => Err(Error::invalid_field(
                "national_id",
                format!(
                    "looks like a {scheme} but its check digit or date is wrong; check it, \
                     or pass --force to keep it as typed"
                ),
            )),
            None => Ok(value),
        }
    }

    /// A retention date, refused when it has passed: the next `purge` would erase the
    /// customer (`--force` keeps it).
    pub fn future_date(&self, value: &str) -> Result<String> {
        let date = self.date(value)?;
        let today = time::OffsetDateTime::now_utc().date().to_string();
        if date < today {
            return Err(Error::invalid_field(
                "retain_until",
                format!(
                    "{date} has passed, so the next purge would erase the customer; pass \
                     --force to keep it anyway"
                ),
            ));
        }
        Ok(date)
    }

    pub fn name(&self, value: &str) -> Result<String> {
        required_text("name", value)
    }

    pub fn email(&self, value: &str) -> Result<String> {
        normalise_email(value).ok_or_else(|| Error::invalid_field("email", EMAIL_EXPECTED))
    }

    pub fn phone(&self, value: &str) -> Result<String> {
        normalise_phone(value, self.region).map_err(phone_error)
    }

    /// [`Validator::phone`] with the number's search forms, from the same parse (for
    /// bulk imports, where parsing is most of the cost of checking a row).
    pub fn checked_phone(&self, value: &str) -> Result<CheckedPhone> {
        check_phone(value, self.region).map_err(phone_error)
    }

    /// Accounts that look like an IBAN must pass its check, so a mistyped digit is
    /// caught when it is entered rather than when money goes astray.
    pub fn account(&self, value: &str) -> Result<String> {
        let value = required_text("account", value)?;
        let compact = fold_identifier(&value);
        if iban::looks_like_iban(&compact) && !iban::is_valid(&compact) {
            return Err(Error::invalid_field(
                "account",
                "looks like an IBAN but its check digits or length are wrong",
            ));
        }
        Ok(value)
    }

    pub fn tag(&self, value: &str) -> Result<String> {
        let tag = required_text("tag", value)?;
        if tag.contains([',', ';']) {
            return Err(Error::invalid_field(
                "tag",
                "must not contain a comma or semicolon (they separate tags in files)",
            ));
        }
        Ok(tag)
    }

    /// A custom field written `KEY=VALUE`.
    pub fn field_assignment(&self, assignment: &str) -> Result<(String, String)> {
        let Some((key, value)) = assignment.split_once('=') else {
            return Err(Error::invalid_field(
                "field",
                "expected KEY=VALUE, e.g. --field vat=CZ25596641",
            ));
        };
        let value = value.trim();
        if value.chars().any(forbidden_control) {
            return Err(Error::invalid_field(
                "field",
                "the value contains control characters",
            ));
        }
        Ok((self.field_key(key)?, value.to_owned()))
    }

    pub fn field_key(&self, key: &str) -> Result<String> {
        let key = key.trim();
        if key.is_empty() || key.chars().any(char::is_control) {
            return Err(Error::invalid_field(
                "field",
                "the key before = must be a non-empty name",
            ));
        }
        Ok(key.to_owned())
    }

    /// A calendar date written `YYYY-MM-DD`.
    pub fn date(&self, value: &str) -> Result<String> {
        let format = format_description!("[year]-[month]-[day]");
        Date::parse(value.trim(), &format)
            .map(|_| value.trim().to_owned())
            .map_err(|_| {
                Error::invalid_field(
                    "retain_until",
                    "expected a date as YYYY-MM-DD, e.g. 2031-12-31",
                )
            })
    }
}

impl CustomerData {
    /// Adds `tag` unless the customer has it already (compared folded, so "VIP" = "vip").
    pub fn add_tag(&mut self, tag: String) {
        let folded = fold(&tag);
        if !self.tags.iter().any(|t| fold(t) == folded) {
            self.tags.push(tag);
        }
    }

    /// Takes what `row` carries and keeps everything else: a field `row` leaves empty
    /// keeps its stored value, tags are added (or replace the stored ones with
    /// `replace_tags`), custom fields merge by key. Returns the names of the fields that
    /// changed, in the JSON record's order; empty when the row changes nothing.
    ///
    /// Clearing a field is never a merge's doing: a user who wants a field emptied says
    /// so with `edit --clear`.
    pub fn merge_from(&mut self, row: &CustomerData, replace_tags: bool) -> Vec<&'static str> {
        let mut changed = Vec::new();
        for spec in &CATALOGUE {
            let field = spec.field;
            let differs = match spec.shape {
                Shape::Code | Shape::Stamp => false,
                Shape::Required | Shape::Optional => match row.text(field) {
                    Some(given) if !given.is_empty() && self.text(field) != Some(given) => {
                        self.set_text(field, given.to_owned());
                        true
                    }
                    _ => false,
                },
                Shape::Tags => {
                    let before = self.tags.clone();
                    if replace_tags && !row.tags.is_empty() {
                        self.tags.clear();
                    }
                    for tag in &row.tags {
                        self.add_tag(tag.clone());
                    }
                    self.tags != before
                }
                Shape::Custom => {
                    let mut differs = false;
                    for (key, value) in &row.fields {
                        if self.fields.get(key) != Some(value) {
                            self.fields.insert(key.clone(), value.clone());
                            differs = true;
                        }
                    }
                    differs
                }
            };
            if differs {
                changed.push(spec.name);
            }
        }
        changed
    }
}

/// The searched fields in the order of their segments: by [`SearchForm`], then (a stable
/// sort) in the catalogue's order.
static SEARCHED: std::sync::LazyLock<Vec<(SearchForm, &'static Spec)>> =
    std::sync::LazyLock::new(|| {
        let mut searched: Vec<(SearchForm, &'static Spec)> = CATALOGUE
            .iter()
            .filter_map(|s| Some((s.search?, s)))
            .collect();
        searched.sort_by_key(|(form, _)| *form);
        searched
    });

/// Separates fields inside the sealed search text; never part of folded text.
pub const SEARCH_FIELD_SEPARATOR: char = '\u{1F}';

impl CustomerData {
    /// The folded text that substring search scans: one segment per field, each
    /// starting with the field's name, so `--in` can restrict a match to one field.
    pub fn search_text(&self, code: &str) -> String {
        self.search_text_with(code, None)
    }

    /// [`CustomerData::search_text`], given the phone's search forms when the caller
    /// has them already (see [`Validator::checked_phone`]).
    ///
    /// Segments follow [`SearchForm`]'s order, which `verify` relies on.
    pub fn search_text_with(&self, code: &str, phone_forms: Option<&str>) -> String {
        self.search_text_for(code, phone_forms, true)
    }

    /// [`CustomerData::search_text_with`], without the fields sealed for the owner
    /// unless `with_owner_fields`: the search text of a staff member's customer, which
    /// that staff member reads.
    pub fn search_text_for(
        &self,
        code: &str,
        phone_forms: Option<&str>,
        with_owner_fields: bool,
    ) -> String {
        let mut out = String::new();
        let mut push = |field: &str, text: &str| {
            out.push_str(field);
            out.push(':');
            out.push_str(text);
            out.push(SEARCH_FIELD_SEPARATOR);
        };
        let text = |field: Field| match field {
            Field::Code => Some(code),
            Field::NationalId | Field::Account if !with_owner_fields => None,
            _ => self.text(field),
        };
        for &(form, spec) in SEARCHED.iter() {
            let name = spec.name;
            match form {
                SearchForm::Folded => {
                    if let Some(v) = text(spec.field) {
                        push(name, &fold(v));
                    }
                }
                SearchForm::Phone => match (text(spec.field), phone_forms) {
                    (Some(_), Some(forms)) => push(name, forms),
                    (Some(phone), None) => push(name, &search_forms(phone)),
                    (None, _) => {}
                },
                SearchForm::Identifier => {
                    if let Some(v) = text(spec.field) {
                        push(
                            name,
                            &format!("{} {}", fold(v), fold_identifier(v).to_lowercase()),
                        );
                    }
                }
                SearchForm::Tags => {
                    for tag in &self.tags {
                        push(name, &fold(tag));
                    }
                }
                SearchForm::Custom => {
                    for (key, value) in &self.fields {
                        push(name, &format!("{} {}", fold(key), fold(value)));
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn validator() -> Validator {
        Validator {
            region: Region::parse("PL"),
        }
    }

    #[test]
    fn field_assignment_needs_an_equals_sign() {
        let v = validator();
        assert_eq!(
            v.field_assignment("vat = CZ1").ok(),
            Some(("vat".to_owned(), "CZ1".to_owned()))
        );
        assert!(v.field_assignment("vat").is_err());
        assert!(v.field_assignment("=x").is_err());
    }

    #[test]
    fn accounts_that_look_like_ibans_are_checked() {
        let v = validator();
        assert!(v.account("PL61 1090 1014 0000 0712 1981 2874").is_ok());
        assert!(v.account("PL61 1090 1014 0000 0712 1981 2875").is_err());
        assert!(v.account("4111-1111").is_ok());
    }

    #[test]
    fn dates_must_exist() {
        let v = validator();
        assert!(v.date("2031-12-31").is_ok());
        assert!(v.date("2031-02-30").is_err());
        assert!(v.date("31.12.2031").is_err());
    }

    #[test]
    fn a_merge_changes_only_what_the_row_carries() {
        let mut stored = CustomerData {
            name: "Jan Novák".into(),
            email: Some("jan@firma.cz".into()),
            address: Some("Dlouhá 5, Praha".into()),
            national_id: Some("800101/1234".into()),
            tags: vec!["vip".into()],
            fields: [("vat".to_owned(), "CZ1".to_owned())].into(),
            retain_until: Some("2031-12-31".into()),
            ..CustomerData::default()
        };
        let row = CustomerData {
            name: "Jan Novák".into(),
            email: Some("jan.novak@firma.cz".into()),
            tags: vec!["VIP".into(), "gold".into()],
            fields: [("branch".to_owned(), "Brno".to_owned())].into(),
            ..CustomerData::default()
        };
        let changed = stored.merge_from(&row, false);
        assert_eq!(changed, ["email", "tags", "fields"]);
        assert_eq!(stored.address.as_deref(), Some("Dlouhá 5, Praha"));
        assert_eq!(stored.national_id.as_deref(), Some("800101/1234"));
        assert_eq!(stored.retain_until.as_deref(), Some("2031-12-31"));
        assert_eq!(stored.tags, ["vip", "gold"]);
        assert_eq!(stored.fields.len(), 2);
        // The same row again changes nothing.
        assert!(stored.merge_from(&row, false).is_empty());
        // Replacing tags keeps only the row's.
        assert_eq!(stored.merge_from(&row, true), ["tags"]);
        assert_eq!(stored.tags, ["VIP", "gold"]);
    }

    #[test]
    fn search_text_keeps_fields_apart() {
        let data = CustomerData {
            name: "Jan Novák".into(),
            phone: Some("+48601234567".into()),
            tags: vec!["VIP".into()],
            ..CustomerData::default()
        };
        let text = data.search_text("C-7K3M9Q2X");
        assert!(text.contains("name:jan novak\u{1f}"));
        assert!(text.contains("phone:48601234567 601234567\u{1f}"));
        assert!(text.contains("tags:vip\u{1f}"));
    }
}
