//! One customer row: sealing a record's values on the way in and opening them on the way
//! out. Any value that does not open is an integrity error, never a wrong value.

use rusqlite::Row;

use super::BlindKeys;
use super::column::{Ciphers, Column, SEALED, identity_binding, row_context};
use super::record::{Customer, CustomerData};
use super::state::RowState;
use crate::crypto::SealError;
use crate::error::{Error, Result};
use crate::field::Field;
use crate::pool;

/// The columns every customer query selects, in the order [`SealedRow::from_row`] reads.
pub(super) const SELECT_COLUMNS: &str = "id, record_id, code, created, updated, retain_until, \
     name, email, phone, address, company, national_id, account, notes, tags, fields, owner, \
     version, grp";

/// The sealed fields, for tests that try every cell.
#[cfg(test)]
pub(super) const SEALED_FIELDS_FOR_TESTS: [Field; SEALED.len()] = SEALED;

/// A customer row as stored: clear metadata and sealed values.
#[derive(Clone)]
pub(super) struct SealedRow {
    pub id: i64,
    pub record_id: [u8; 16],
    pub code: String,
    pub created: String,
    pub updated: String,
    pub retain_until: Option<String>,
    /// Counts the row's writes; bound into its seals and its state element.
    pub version: i64,
    /// The group the row is in: 0, or the staff member who holds the customer.
    pub group: i64,
    /// The sealed values back to back, in one allocation: exports read millions.
    sealed: Vec<u8>,
    /// Where each sealed value of [`SEALED`] lies in `sealed` (`None`: NULL).
    spans: [Option<std::ops::Range<usize>>; SEALED.len()],
}

/// An integrity error for a row whose stored form is not what sealbook writes.
pub(super) fn malformed_row(detail: impl std::fmt::Display) -> Error {
    Error::Tampered {
        what: format!("a customer row is malformed ({detail})"),
    }
}

impl SealedRow {
    /// Reads a row selected with [`SELECT_COLUMNS`]. A value of the wrong type or size
    /// is an integrity error (exit 5): sealbook never writes one.
    pub fn from_row(row: &Row<'_>) -> Result<Self> {
        let get_err = |e: rusqlite::Error| malformed_row(e);
        let record_id: Vec<u8> = row.get(1).map_err(get_err)?;
        let mut blobs: [Option<&[u8]>; SEALED.len()] = [None; SEALED.len()];
        for (i, blob) in blobs.iter_mut().enumerate() {
            *blob = match row.get_ref(6 + i).map_err(get_err)? {
                rusqlite::types::ValueRef::Null => None,
                rusqlite::types::ValueRef::Blob(bytes) => Some(bytes),
                _ => {
                    return Err(malformed_row(format!("{} is not a blob", SEALED[i].name())));
                }
            };
        }
        let mut sealed = Vec::with_capacity(blobs.iter().flatten().map(|b| b.len()).sum());
        let spans = blobs.map(|blob| {
            blob.map(|bytes| {
                sealed.extend_from_slice(bytes);
                sealed.len() - bytes.len()..sealed.len()
            })
        });
        Ok(Self {
            id: row.get(0).map_err(get_err)?,
            record_id: record_id
                .try_into()
                .map_err(|_| malformed_row("record id"))?,
            code: row.get(2).map_err(get_err)?,
            created: row.get(3).map_err(get_err)?,
            updated: row.get(4).map_err(get_err)?,
            retain_until: row.get(5).map_err(get_err)?,
            version: row.get(6 + SEALED.len()).map_err(get_err)?,
            group: row.get(7 + SEALED.len()).map_err(get_err)?,
            sealed,
            spans,
        })
    }

    /// What the vault's state digest covers of this row.
    pub fn state(&self) -> RowState<'_> {
        RowState {
            group: self.group,
            record_id: &self.record_id,
            version: self.version,
            code: &self.code,
            retain_until: self.retain_until.as_deref(),
            created: &self.created,
            updated: &self.updated,
        }
    }

    /// Opens every sealed value. The row is borrowed, so a bulk reader can free it on
    /// the thread that read it. A row whose record id is in the erasure register does
    /// not open: it was erased, and someone put it back.
    pub fn open(&self, ciphers: &Ciphers) -> Result<Customer> {
        if ciphers.is_erased(&self.record_id) {
            return Err(Error::Tampered {
                what: format!(
                    "customer {} was erased, and its row has been put back into the file",
                    self.code
                ),
            });
        }
        self.open_as(ciphers, Some(self.version))
    }

    /// Opens a row of a vault before schema 3, whose seals bind no version: only the
    /// upgrade, with ciphers that accept them, reads these.
    pub fn open_legacy(&self, ciphers: &Ciphers) -> Result<Customer> {
        self.open_as(ciphers, None)
    }

    /// The sealed value of `field`, if the row has one.
    pub fn sealed_value(&self, field: Field) -> Option<&[u8]> {
        let at = SEALED.iter().position(|&f| f == field)?;
        self.spans[at].clone().map(|span| &self.sealed[span])
    }

    /// The context every seal of the row but its identity seals is bound to.
    pub(super) fn context(&self, version: Option<i64>) -> Vec<u8> {
        let mut context = row_context(&self.code, self.retain_until.as_deref(), version);
        if self.group != 0 {
            context.extend_from_slice(&identity_binding(
                IDENTITY_FIELDS.map(|f| self.sealed_value(f)),
            ));
        }
        context
    }

    fn open_as(&self, ciphers: &Ciphers, version: Option<i64>) -> Result<Customer> {
        let code = self.code.clone();
        let context = self.context(version);
        let mut data = CustomerData {
            retain_until: self.retain_until.clone(),
            ..CustomerData::default()
        };
        for (field, span) in SEALED.into_iter().zip(self.spans.iter().cloned()) {
            let Some(span) = span else { continue };
            let column = Column::Sealed(field);
            let plain = match ciphers.open(
                self.group,
                column,
                &self.record_id,
                &context,
                &self.sealed[span],
            ) {
                Err(SealError::Withheld) => {
                    data.sealed_for_owner.push(field.name().to_owned());
                    continue;
                }
                opened => opened.map_err(|e| tampered(&code, column, e))?,
            };
            data.set_sealed_form(field, utf8(&code, column, plain)?)
                .map_err(|_| tampered(&code, column, SealError::Malformed))?;
        }
        if data.name.is_empty() {
            return Err(tampered(
                &code,
                Column::Sealed(Field::Name),
                SealError::Malformed,
            ));
        }
        Ok(Customer {
            code,
            data,
            created: self.created.clone(),
            updated: self.updated.clone(),
        })
    }
}

pub(super) fn tampered(code: &str, column: Column, error: SealError) -> Error {
    let why = match error {
        SealError::Malformed => "is malformed",
        SealError::WrongEpoch { .. } => "was sealed under another key epoch",
        SealError::Inauthentic => {
            "failed its integrity check (altered, or moved from another record)"
        }
        SealError::Withheld => "is sealed for the owner",
    };
    Error::Tampered {
        what: format!("the sealed {} of customer {code} {why}", column.as_str()),
    }
}

fn utf8(code: &str, column: Column, bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|_| tampered(code, column, SealError::Malformed))
}

/// Rows opened per piece of work when many are opened at once.
const OPEN_BATCH: usize = 256;

/// Opens many rows on all cores; the first failure wins.
pub(super) fn open_rows(ciphers: &Ciphers, rows: Vec<SealedRow>) -> Result<Vec<Customer>> {
    if rows.len() < OPEN_BATCH {
        return rows.into_iter().map(|r| r.open(ciphers)).collect();
    }
    let mut rows = rows.into_iter();
    let batches: Vec<Vec<SealedRow>> = std::iter::from_fn(|| {
        let batch: Vec<SealedRow> = rows.by_ref().take(OPEN_BATCH).collect();
        (!batch.is_empty()).then_some(batch)
    })
    .collect();
    let open = |batch: Vec<SealedRow>| {
        batch
            .into_iter()
            .map(|r| r.open(ciphers))
            .collect::<Result<Vec<_>>>()
    };
    let opened = pool::map(pool::cores(), batches, &open)?;
    let mut customers =
        Vec::with_capacity(opened.iter().map(|b| b.as_ref().map_or(0, Vec::len)).sum());
    for batch in opened {
        customers.extend(batch?);
    }
    Ok(customers)
}

/// The blind index values of one record.
pub(super) struct BlindValues {
    pub email: Option<i64>,
    pub phone: Option<i64>,
    pub national_id: Option<i64>,
    pub account: Option<i64>,
    pub owner: Option<i64>,
    pub tags: Vec<i64>,
}

impl BlindKeys {
    pub(super) fn values(&self, data: &CustomerData, bits: u32) -> BlindValues {
        let idx = |key: &crate::crypto::BlindIndexKey, field: Field| {
            data.text(field)
                .map(|v| key.index(&field.index_form(v), bits))
        };
        BlindValues {
            email: idx(&self.email, Field::Email),
            phone: idx(&self.phone, Field::Phone),
            national_id: idx(&self.national_id, Field::NationalId),
            account: idx(&self.account, Field::Account),
            owner: idx(&self.owner, Field::Owner),
            tags: data
                .tags
                .iter()
                .map(|t| self.tag.index(&Field::Tags.index_form(t), bits))
                .collect(),
        }
    }
}

/// Everything written for one record: sealed values and blind indexes.
pub(super) struct SealedValues {
    pub sealed: Vec<Option<Vec<u8>>>,
    pub search_text: Vec<u8>,
    pub blind: BlindValues,
}

impl SealedValues {
    /// The sealed columns ([`SEALED`]), then the five blind indexes, as SQL parameters in the
    /// order the `customers` table lists them.
    pub fn columns(&self) -> Vec<&dyn rusqlite::ToSql> {
        let b = &self.blind;
        let mut out: Vec<&dyn rusqlite::ToSql> = self
            .sealed
            .iter()
            .map(|s| s as &dyn rusqlite::ToSql)
            .collect();
        out.extend([
            &b.email as &dyn rusqlite::ToSql,
            &b.phone,
            &b.national_id,
            &b.account,
            &b.owner,
        ]);
        out
    }
}

/// What sealing needs of an unlocked vault, borrowed apart from its connection so a
/// transaction can be open at the same time.
pub(super) struct Sealer<'a> {
    pub ciphers: &'a Ciphers,
    /// The group the sealed rows go to.
    pub group: i64,
    pub bits: u32,
}

/// The fields sealed for the owner in a staff group's rows, in the order their seals
/// are bound into the row's other seals.
const IDENTITY_FIELDS: [Field; 2] = [Field::NationalId, Field::Account];

impl Sealer<'_> {
    /// Seals every value of `data` for version `version` of the record `record_id`
    /// with public `code`.
    pub fn seal(
        &self,
        record_id: &[u8; 16],
        code: &str,
        version: i64,
        data: &CustomerData,
    ) -> Result<SealedValues> {
        self.seal_with(record_id, code, version, data, None, None)
    }

    /// [`Sealer::seal`], given the phone's search forms when they are known already,
    /// and the row's stored form (`kept`) when it is rewritten: the values sealed for
    /// the owner that this writer could not read are kept as they are.
    pub fn seal_with(
        &self,
        record_id: &[u8; 16],
        code: &str,
        version: i64,
        data: &CustomerData,
        phone_forms: Option<&str>,
        kept: Option<&SealedRow>,
    ) -> Result<SealedValues> {
        let c = self.ciphers;
        let group = self.group;
        let no_key = || Error::NotPermitted {
            what: "write a customer of a group whose key this unlock does not hold".into(),
        };
        let mut sealed: Vec<Option<Vec<u8>>> = vec![None; SEALED.len()];
        // Identity seals first: the other seals of a staff group's row are bound to them.
        let mut context = row_context(code, data.retain_until.as_deref(), Some(version));
        let is_identity = |field: Field| group != 0 && IDENTITY_FIELDS.contains(&field);
        for (at, &field) in SEALED.iter().enumerate() {
            if !is_identity(field) {
                continue;
            }
            let withheld = data.sealed_for_owner.iter().any(|f| f == field.name());
            sealed[at] = match (data.sealed_form(field), kept) {
                (Some(value), _) => Some(
                    c.seal(
                        group,
                        Column::Sealed(field),
                        record_id,
                        &[],
                        value.as_bytes(),
                    )
                    .ok_or_else(no_key)?,
                ),
                (None, Some(row)) if withheld => row.sealed_value(field).map(<[u8]>::to_vec),
                (None, _) => None,
            };
        }
        if group != 0 {
            let binding = identity_binding(IDENTITY_FIELDS.map(|f| {
                SEALED
                    .iter()
                    .position(|&s| s == f)
                    .and_then(|at| sealed[at].as_deref())
            }));
            context.extend_from_slice(&binding);
        }
        for (at, &field) in SEALED.iter().enumerate() {
            if is_identity(field) {
                continue;
            }
            if let Some(value) = data.sealed_form(field) {
                sealed[at] = Some(
                    c.seal(
                        group,
                        Column::Sealed(field),
                        record_id,
                        &context,
                        value.as_bytes(),
                    )
                    .ok_or_else(no_key)?,
                );
            }
        }
        // A staff member reads the search text of their customers: it never holds the
        // values sealed for the owner.
        let search_text = data.search_text_for(code, phone_forms, group == 0);
        let blind = c.blind(group).ok_or_else(no_key)?;
        let mut blind = blind.values(data, self.bits);
        if group != 0 {
            // Never indexed in a staff group: an index made by anyone who can read them
            // would let staff test guesses (record a guess, wait for it to be indexed,
            // compare). The owner and managers find them by opening them (`search`).
            blind.national_id = None;
            blind.account = None;
        }
        Ok(SealedValues {
            sealed,
            search_text: c
                .seal(
                    group,
                    Column::SearchText,
                    record_id,
                    &[],
                    search_text.as_bytes(),
                )
                .ok_or_else(no_key)?,
            blind,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn select_columns_list_the_sealed_fields_in_storage_order() {
        let columns: Vec<&str> = SELECT_COLUMNS.split(',').map(str::trim).collect();
        let sealed: Vec<&str> = SEALED.iter().map(|f| f.name()).collect();
        assert_eq!(columns[6..6 + sealed.len()], sealed[..]);
        assert_eq!(columns[6 + sealed.len()], "version");
    }
}
