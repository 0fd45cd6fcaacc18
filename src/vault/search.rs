//! Finding customers: exact matches through blind indexes, and substring search by
//! decrypting one sealed search text per customer on all cores.

use std::collections::HashSet;

use super::Vault;
use super::column::{Ciphers, Column};
use super::record::{Customer, SEARCH_FIELD_SEPARATOR};
use super::row::{SELECT_COLUMNS, SealedRow, malformed_row, open_rows};
use crate::code;
use crate::crypto::BlindIndexKey;
use crate::error::{Error, Result};
use crate::field::Field;
use crate::pool;
use crate::privacy::email::normalise_email;
use crate::privacy::normalize::{ascii_digits, fold};
use crate::privacy::phone::{Region, normalise_phone};

/// Rows read per batch of a substring scan: bounds memory whatever the vault size.
const SCAN_BATCH: usize = 2_048;

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
    fn new(query: &str, field: Option<Field>) -> Self {
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
            field: field.map(Field::name),
        }
    }

    fn matches(&self, search_text: &str) -> bool {
        let segments = || {
            search_text
                .split(SEARCH_FIELD_SEPARATOR)
                .filter_map(|s| s.split_once(':'))
                .filter(|(name, _)| self.field.is_none_or(|f| f == *name))
        };
        if let Some(digits) = &self.phone_digits
            && segments().any(|(name, text)| name == "phone" && text.contains(digits.as_str()))
        {
            return true;
        }
        self.words
            .iter()
            .all(|word| segments().any(|(_, text)| text.contains(word.as_str())))
    }
}

impl Vault {
    /// Customers whose `field` equals `value` exactly (after normalisation). Index hits
    /// are decrypted and compared, since truncated indexes are shared by several values.
    pub fn find_exact(
        &self,
        field: Field,
        value: &str,
        region: Option<Region>,
    ) -> Result<Vec<Customer>> {
        if !field.spec().exact {
            return Ok(Vec::new()); // no index to consult
        }
        if field == Field::Code {
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
        self.find_canonical(field, &canonical)
    }

    /// Customers whose `field` equals `canonical`, a value already in the form the
    /// index uses (as stored: lower-case e-mail, E.164 phone).
    pub(super) fn find_canonical(&self, field: Field, canonical: &str) -> Result<Vec<Customer>> {
        let owner_field = matches!(field, Field::NationalId | Field::Account);
        let mut rows = Vec::new();
        if owner_field {
            // Indexed in group 0 only, whose keys staff do not hold; in staff groups,
            // found by opening each value (`Sealer::seal_with` says why).
            if let Some(keys) = self.ciphers.blind(0) {
                let (key, sql) = exact_query(keys, field);
                let index = key.index(canonical, self.blind_bits);
                rows = self.query_rows(&format!("{sql} AND +grp = 0"), [index])?;
                // Every national id and account number has a digit: an e-mail or a
                // name typed into `search` opens none of them.
                if canonical.chars().any(|c| c.is_ascii_digit()) && !canonical.contains('@') {
                    rows.extend(self.staff_groups_holding(field, canonical)?);
                }
                rows.sort_by_key(|r| r.id);
            }
        } else {
            // One lookup per group: each group's values are indexed under its own keys.
            // (`+grp`: the blind index, not the group's index, must drive the lookup.)
            for group in self.ciphers.group_ids() {
                let Some(keys) = self.ciphers.blind(group) else {
                    continue;
                };
                let (key, sql) = exact_query(keys, field);
                let index = key.index(canonical, self.blind_bits);
                rows.extend(self.query_rows(
                    &format!("{sql} AND +grp = ?2 ORDER BY id"),
                    rusqlite::params![index, group],
                )?);
            }
            rows.sort_by_key(|r| r.id);
        }
        let customers = open_rows(&self.ciphers, rows)?;
        Ok(customers
            .into_iter()
            .filter(|c| field_values(field, c).iter().any(|v| v == canonical))
            .collect())
    }

    /// The other customers holding the e-mail address or phone number (without
    /// extension) that `customer` has, for the fields named in `fields`: `add` and
    /// `edit` warn about them, since a shared contact is often a typo or a duplicate,
    /// but sometimes two people of one family or office.
    pub fn sharing_contacts(
        &self,
        customer: &Customer,
        fields: &[Field],
    ) -> Result<Vec<(Field, String)>> {
        let mut shared = Vec::new();
        for &field in fields {
            let Some(value) = customer
                .data
                .text(field)
                .map(|v| field.index_form(v).into_owned())
            else {
                continue;
            };
            for other in self.find_canonical(field, &value)? {
                if other.code != customer.code {
                    shared.push((field, other.code));
                }
            }
        }
        Ok(shared)
    }

    /// The rows of staff groups whose `field` (national id or account, never indexed
    /// there) is `canonical`, found by opening every such value.
    fn staff_groups_holding(&self, field: Field, canonical: &str) -> Result<Vec<SealedRow>> {
        let fail = |e| Error::db("searching customers", e);
        let column = Column::Sealed(field);
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT id, record_id, grp, code, {0} FROM customers
                 WHERE grp != 0 AND {0} IS NOT NULL",
                column.as_str()
            ))
            .map_err(fail)?;
        let mut rows = stmt.query([]).map_err(fail)?;
        let mut ids = Vec::new();
        while let Some(row) = rows.next().map_err(fail)? {
            let record_id: Vec<u8> = row.get(1).map_err(malformed_row)?;
            let record_id: [u8; 16] = record_id
                .try_into()
                .map_err(|_| malformed_row("record id"))?;
            let (group, code): (i64, String) = (
                row.get(2).map_err(malformed_row)?,
                row.get(3).map_err(malformed_row)?,
            );
            let sealed: Vec<u8> = row.get(4).map_err(malformed_row)?;
            let plain = self
                .ciphers
                .open(group, column, &record_id, &[], &sealed)
                .map_err(|e| super::row::tampered(&code, column, e))?;
            if field.index_form(&String::from_utf8_lossy(&plain)) == canonical {
                ids.push(row.get::<_, i64>(0).map_err(malformed_row)?.to_string());
            }
        }
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        self.query_rows(
            &format!(
                "SELECT {SELECT_COLUMNS} FROM customers WHERE id IN ({})",
                ids.join(",")
            ),
            [],
        )
    }

    /// The search behind `sealbook search`: exact matches on the indexed fields when
    /// there are any, otherwise every customer whose fields contain each word of the
    /// query, insensitive to case, accents and digit script.
    pub fn search(
        &self,
        query: &str,
        field: Option<Field>,
        region: Option<Region>,
    ) -> Result<Vec<Customer>> {
        if let Some(owner_field @ (Field::NationalId | Field::Account)) = field {
            self.require(
                &[super::Role::Owner, super::Role::Manager],
                &format!(
                    "search by {}, which is sealed for the owner",
                    owner_field.name()
                ),
            )?;
        }
        let exact_fields: Vec<Field> = match field {
            Some(f) if f.spec().exact => vec![f],
            Some(_) => Vec::new(),
            None => Field::those(|s| s.exact).collect(),
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
        let mut matched = self.scan_search_texts(needle)?;
        matched.sort_unstable();
        let mut customers = Vec::with_capacity(matched.len());
        for hits in matched.chunks(1000) {
            let list: Vec<String> = hits.iter().map(|(id, _)| id.to_string()).collect();
            let sql = format!(
                "SELECT {SELECT_COLUMNS} FROM customers WHERE id IN ({}) ORDER BY id",
                list.join(",")
            );
            let rows = self.query_rows(&sql, [])?;
            // Each row must be the record its search text was sealed for: a search text
            // moved onto another customer's row would otherwise return that customer.
            let same = rows.len() == hits.len()
                && rows
                    .iter()
                    .zip(hits)
                    .all(|(row, (id, record_id))| row.id == *id && row.record_id == *record_id);
            if !same {
                return Err(Error::Tampered {
                    what: "the search index does not match the customers it names".into(),
                });
            }
            customers.extend(open_rows(&self.ciphers, rows)?);
        }
        Ok(customers)
    }

    /// Reads the sealed search texts in batches on this thread while worker threads
    /// open and match them, so reading and decryption overlap on all cores. Returns the
    /// row numbers and record ids of the matching customers.
    fn scan_search_texts(&self, needle: &Needle) -> Result<Vec<Hit>> {
        let fail = |e| Error::db("scanning customers", e);
        let mut stmt = self
            .conn
            .prepare(
                "SELECT s.customer, s.record_id, s.search_text, c.grp
                 FROM customer_search s JOIN customers c ON c.id = s.customer",
            )
            .map_err(fail)?;
        let mut rows = stmt.query([]).map_err(fail)?;
        let mut rows_read = 0u64;
        let next_batch = || {
            let mut batch = Vec::with_capacity(SCAN_BATCH);
            while batch.len() < SCAN_BATCH {
                let Some(row) = rows.next().map_err(fail)? else {
                    break;
                };
                let record_id: Vec<u8> = row.get(1).map_err(malformed_row)?;
                batch.push(ScanRow {
                    id: row.get(0).map_err(malformed_row)?,
                    record_id: record_id
                        .try_into()
                        .map_err(|_| malformed_row("search record id"))?,
                    search_text: row.get(2).map_err(malformed_row)?,
                    group: row.get(3).map_err(malformed_row)?,
                });
            }
            rows_read += batch.len() as u64;
            Ok((!batch.is_empty()).then_some(batch))
        };
        let ciphers = &self.ciphers;
        let scan = |batch: Vec<ScanRow>| scan_batch(ciphers, needle, &batch);
        let mut ids = Vec::new();
        pool::ordered(
            pool::cores(),
            next_batch,
            &scan,
            |hits: &mut Result<Vec<Hit>>| {
                match hits {
                    Ok(hits) => {
                        ids.append(hits);
                        Ok(())
                    }
                    // The batch's error is taken out (a placeholder is left in its place).
                    Err(e) => Err(std::mem::replace(e, Error::from(pool::Stopped))),
                }
            },
        )?;
        drop(rows);
        // Every customer has exactly one search text; a missing one would hide a
        // customer from substring search (`verify` checks each one by name).
        if i64::try_from(rows_read).ok() != Some(self.customer_count()?) {
            return Err(Error::Tampered {
                what: "the search index does not match the customers".into(),
            });
        }
        Ok(ids)
    }
}

/// The blind index key of an exactly searchable field among `keys`, and the query of
/// its index (the caller adds a group condition and the order).
fn exact_query(keys: &super::BlindKeys, field: Field) -> (&BlindIndexKey, String) {
    let by_column = |key, column: &str| {
        (
            key,
            format!("SELECT {SELECT_COLUMNS} FROM customers WHERE {column} = ?1"),
        )
    };
    match field {
        Field::Email => by_column(&keys.email, "bi_email"),
        Field::Phone => by_column(&keys.phone, "bi_phone"),
        Field::NationalId => by_column(&keys.national_id, "bi_national_id"),
        Field::Account => by_column(&keys.account, "bi_account"),
        // Tags (`find_exact` looks codes up in clear and asks for no other field).
        _ => (
            &keys.tag,
            format!(
                "SELECT {SELECT_COLUMNS} FROM customers WHERE id IN \
                 (SELECT customer FROM customer_tags WHERE bi_tag = ?1)"
            ),
        ),
    }
}

/// A matching search text: the customer row it is stored for and the record it was
/// sealed for (the two must agree).
type Hit = (i64, [u8; 16]);

struct ScanRow {
    /// The customer row the search text is stored for.
    id: i64,
    record_id: [u8; 16],
    search_text: Vec<u8>,
    /// The group of the customer row, whose keys sealed the text.
    group: i64,
}

/// Opens and matches one batch of search texts.
fn scan_batch(ciphers: &Ciphers, needle: &Needle, batch: &[ScanRow]) -> Result<Vec<Hit>> {
    let bad = || Error::Tampered {
        what: "a sealed search text failed its integrity check (altered or moved)".into(),
    };
    let mut ids = Vec::new();
    for row in batch {
        let plain = ciphers
            .open(
                row.group,
                Column::SearchText,
                &row.record_id,
                &[],
                &row.search_text,
            )
            .map_err(|_| bad())?;
        let text = std::str::from_utf8(&plain).map_err(|_| bad())?;
        if needle.matches(text) {
            ids.push((row.id, row.record_id));
        }
    }
    Ok(ids)
}

/// The normalised form under which `field` is indexed, or `None` when `value` cannot be
/// such a value (then the index is not consulted).
fn canonical(field: Field, value: &str, region: Option<Region>) -> Option<String> {
    let value = match field {
        Field::Code => code::parse(value)?,
        Field::Email => normalise_email(value)?,
        Field::Phone => normalise_phone(value, region).ok()?,
        _ => value.to_owned(),
    };
    let canonical = field.index_form(&value).into_owned();
    (!canonical.is_empty()).then_some(canonical)
}

/// A customer's values of an indexed field, normalised as the index normalises them.
fn field_values(field: Field, c: &Customer) -> Vec<String> {
    match field {
        Field::Tags => c
            .data
            .tags
            .iter()
            .map(|t| field.index_form(t).into_owned())
            .collect(),
        _ => c
            .text(field)
            .map(|v| field.index_form(v).into_owned())
            .into_iter()
            .collect(),
    }
}
