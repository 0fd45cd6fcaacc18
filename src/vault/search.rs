//! Finding customers: exact matches through blind indexes, and substring search by
//! decrypting one sealed search text per customer on all cores.

use std::collections::HashSet;

use super::column::{Ciphers, Column};
use super::record::{Customer, SEARCH_FIELD_SEPARATOR};
use super::store::{SELECT_COLUMNS, open_rows, tampered};
use super::{Vault, code};
use crate::crypto::BlindIndexKey;
use crate::error::{Error, Result};
use crate::privacy::email::normalise_email;
use crate::privacy::normalize::{ascii_digits, fold, fold_identifier};
use crate::privacy::phone::{Region, normalise_phone};

/// Fields with a blind index (plus the code, stored in clear).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExactField {
    Code,
    Email,
    Phone,
    NationalId,
    Account,
    Tag,
}

/// A field that `search --in` can restrict a search to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SearchField {
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
}

impl SearchField {
    /// The segment name in the sealed search text.
    fn segment(self) -> &'static str {
        match self {
            Self::Code => "code",
            Self::Name => "name",
            Self::Email => "email",
            Self::Phone => "phone",
            Self::Address => "address",
            Self::Company => "company",
            Self::NationalId => "national_id",
            Self::Account => "account",
            Self::Notes => "notes",
            Self::Tags => "tags",
            Self::Fields => "fields",
            Self::Owner => "owner",
        }
    }

    fn exact(self) -> Option<ExactField> {
        Some(match self {
            Self::Code => ExactField::Code,
            Self::Email => ExactField::Email,
            Self::Phone => ExactField::Phone,
            Self::NationalId => ExactField::NationalId,
            Self::Account => ExactField::Account,
            Self::Tags => ExactField::Tag,
            _ => return None,
        })
    }
}

/// Rows read per batch of a substring scan: bounds memory whatever the vault size.
const SCAN_BATCH: usize = 16_384;

/// What a substring search looks for, folded once.
struct Needle {
    /// Every word must occur in some allowed field.
    words: Vec<String>,
    /// For a query that is only a phone number's digits and separators: the digits,
    /// matched against phone numbers as one run.
    phone_digits: Option<String>,
    field: Option<&'static str>,
}

impl Needle {
    fn new(query: &str, field: Option<SearchField>) -> Self {
        let folded = fold(query);
        let digits_only = ascii_digits(query);
        let phone_like = digits_only
            .chars()
            .all(|c| c.is_ascii_digit() || " +-().".contains(c))
            && digits_only.chars().filter(char::is_ascii_digit).count() >= 3;
        Self {
            words: folded.split(' ').map(str::to_owned).collect(),
            phone_digits: phone_like
                .then(|| digits_only.chars().filter(char::is_ascii_digit).collect()),
            field: field.map(SearchField::segment),
        }
    }

    fn matches(&self, search_text: &str) -> bool {
        let segments = || {
            search_text
                .split(SEARCH_FIELD_SEPARATOR)
                .filter_map(|s| s.split_once(':'))
                .filter(|(name, _)| self.field.is_none_or(|f| f == *name))
        };
        if let Some(digits) = &self.phone_digits {
            if segments().any(|(name, text)| name == "phone" && text.contains(digits.as_str())) {
                return true;
            }
        }
        self.words
            .iter()
            .all(|word| segments().any(|(_, text)| text.contains(word.as_str())))
    }
}

impl Vault {
    /// Customers whose `field` equals `value` exactly (after normalisation). Index hits
    /// are decrypted and compared, since truncated indexes are shared by several values.
    pub fn find_exact(&self, field: ExactField, value: &str, region: Option<Region>) -> Result<Vec<Customer>> {
        if field == ExactField::Code {
            return match code::parse(value) {
                Some(code) => match self.customer(&code) {
                    Ok(c) => Ok(vec![c]),
                    Err(Error::CustomerNotFound { .. }) => Ok(Vec::new()),
                    Err(e) => Err(e),
                },
                None => Ok(Vec::new()),
            };
        }
        let Some(canonical) = canonical(field, value, region) else {
            return Ok(Vec::new());
        };
        let (key, sql) = self.exact_query(field);
        let index = key.index(&canonical, self.blind_bits);
        let rows = self.query_rows(&sql, &[index])?;
        let customers = open_rows(&self.ciphers, rows)?;
        Ok(customers
            .into_iter()
            .filter(|c| field_values(field, c).iter().any(|v| *v == canonical))
            .collect())
    }

    fn exact_query(&self, field: ExactField) -> (&BlindIndexKey, String) {
        let by_column = |key, column: &str| {
            (key, format!("SELECT {SELECT_COLUMNS} FROM customers WHERE {column} = ?1 ORDER BY id"))
        };
        match field {
            ExactField::Email => by_column(&self.blind.email, "bi_email"),
            ExactField::Phone => by_column(&self.blind.phone, "bi_phone"),
            ExactField::NationalId => by_column(&self.blind.national_id, "bi_national_id"),
            ExactField::Account => by_column(&self.blind.account, "bi_account"),
            ExactField::Tag | ExactField::Code => (
                &self.blind.tag,
                format!(
                    "SELECT {SELECT_COLUMNS} FROM customers WHERE id IN \
                     (SELECT customer FROM customer_tags WHERE bi_tag = ?1) ORDER BY id"
                ),
            ),
        }
    }

    /// The search behind `sealbook search`: exact matches on the indexed fields when
    /// there are any, otherwise every customer whose fields contain each word of the
    /// query, insensitive to case, accents and digit script.
    pub fn search(&self, query: &str, field: Option<SearchField>, region: Option<Region>) -> Result<Vec<Customer>> {
        let exact_fields = match field {
            Some(f) => f.exact().into_iter().collect(),
            None => vec![
                ExactField::Code,
                ExactField::Email,
                ExactField::Phone,
                ExactField::NationalId,
                ExactField::Account,
                ExactField::Tag,
            ],
        };
        let mut seen = HashSet::new();
        let mut found = Vec::new();
        for exact in exact_fields {
            for customer in self.find_exact(exact, query, region)? {
                if seen.insert(customer.code.clone()) {
                    found.push(customer);
                }
            }
        }
        if !found.is_empty() {
            return Ok(found);
        }
        self.substring_search(&Needle::new(query, field))
    }

    fn substring_search(&self, needle: &Needle) -> Result<Vec<Customer>> {
        if needle.words.iter().all(String::is_empty) && needle.phone_digits.is_none() {
            return Ok(Vec::new());
        }
        let fail = |e| Error::db("scanning customers", e);
        let mut stmt = self
            .conn
            .prepare("SELECT id, record_id, code, search_text FROM customers ORDER BY id")
            .map_err(fail)?;
        let mut rows = stmt.query([]).map_err(fail)?;
        let mut matched_ids = Vec::new();
        let mut batch = Vec::with_capacity(SCAN_BATCH);
        loop {
            let row = rows.next().map_err(fail)?;
            if let Some(row) = row {
                let record_id: Vec<u8> = row.get(1).map_err(fail)?;
                batch.push(ScanRow {
                    id: row.get(0).map_err(fail)?,
                    record_id: record_id.try_into().map_err(|_| Error::Tampered {
                        what: "a customer's record id is malformed".into(),
                    })?,
                    code: row.get(2).map_err(fail)?,
                    search_text: row.get(3).map_err(fail)?,
                });
            }
            if batch.len() == SCAN_BATCH || (row.is_none() && !batch.is_empty()) {
                matched_ids.extend(scan_batch(&self.ciphers, needle, &batch)?);
                batch.clear();
            }
            if row.is_none() {
                break;
            }
        }
        drop(rows);
        let mut customers = Vec::with_capacity(matched_ids.len());
        for ids in matched_ids.chunks(500) {
            let list: Vec<String> = ids.iter().map(i64::to_string).collect();
            let sql = format!(
                "SELECT {SELECT_COLUMNS} FROM customers WHERE id IN ({}) ORDER BY id",
                list.join(",")
            );
            customers.extend(open_rows(&self.ciphers, self.query_rows(&sql, &[])?)?);
        }
        Ok(customers)
    }
}

struct ScanRow {
    id: i64,
    record_id: [u8; 16],
    code: String,
    search_text: Vec<u8>,
}

/// Opens and matches one batch of search texts, split across the available cores.
fn scan_batch(ciphers: &Ciphers, needle: &Needle, batch: &[ScanRow]) -> Result<Vec<i64>> {
    let scan = |rows: &[ScanRow]| -> Result<Vec<i64>> {
        let mut ids = Vec::new();
        for row in rows {
            let plain = ciphers
                .open(Column::SearchText, &row.record_id, &row.search_text)
                .map_err(|e| tampered(&row.code, Column::SearchText, e))?;
            let text = std::str::from_utf8(&plain).map_err(|_| {
                tampered(&row.code, Column::SearchText, crate::crypto::SealError::Malformed)
            })?;
            if needle.matches(text) {
                ids.push(row.id);
            }
        }
        Ok(ids)
    };
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    if threads == 1 || batch.len() < 512 {
        return scan(batch);
    }
    let chunk = batch.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = batch
            .chunks(chunk)
            .map(|part| scope.spawn(move || scan(part)))
            .collect();
        let mut ids = Vec::new();
        for handle in handles {
            ids.extend(handle.join().expect("a search thread panicked")?);
        }
        Ok(ids)
    })
}

/// The normalised form under which `field` is indexed, or `None` when `value` cannot be
/// such a value (then the index is not consulted).
fn canonical(field: ExactField, value: &str, region: Option<Region>) -> Option<String> {
    let folded = match field {
        ExactField::Email => normalise_email(value)?,
        ExactField::Phone => normalise_phone(value, region).ok()?,
        ExactField::NationalId | ExactField::Account => fold_identifier(value),
        ExactField::Tag => fold(value),
        ExactField::Code => code::parse(value)?,
    };
    (!folded.is_empty()).then_some(folded)
}

/// A customer's values of an indexed field, normalised as the index normalises them.
fn field_values(field: ExactField, c: &Customer) -> Vec<String> {
    let d = &c.data;
    match field {
        ExactField::Email => d.email.iter().cloned().collect(),
        ExactField::Phone => d.phone.iter().cloned().collect(),
        ExactField::NationalId => d.national_id.iter().map(|v| fold_identifier(v)).collect(),
        ExactField::Account => d.account.iter().map(|v| fold_identifier(v)).collect(),
        ExactField::Tag => d.tags.iter().map(|t| fold(t)).collect(),
        ExactField::Code => vec![c.code.clone()],
    }
}
