//! Reading and writing customer rows: sealing on the way in, opening on the way out.

use rusqlite::{Connection, Row, TransactionBehavior, params};

use super::column::{Ciphers, Column};
use super::record::{Customer, CustomerData};
use super::{BlindKeys, Vault, code, now_utc};
use crate::crypto::{SealError, random_array};
use crate::error::{Error, Result};
use crate::privacy::normalize::{fold, fold_identifier};

/// The columns every customer query selects, in the order [`SealedRow::from_row`] reads.
pub(super) const SELECT_COLUMNS: &str = "id, record_id, code, created, updated, retain_until, \
     name, email, phone, address, company, national_id, account, notes, tags, fields, owner";

/// The personal columns in the order of [`SELECT_COLUMNS`] (all but the search text).
const RECORD_COLUMNS: [Column; 11] = [
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
];

/// A customer row as stored: clear metadata and sealed values.
pub(super) struct SealedRow {
    pub id: i64,
    pub record_id: [u8; 16],
    code: String,
    created: String,
    updated: String,
    retain_until: Option<String>,
    sealed: Vec<Option<Vec<u8>>>,
}

fn malformed_record_id() -> rusqlite::Error {
    rusqlite::Error::InvalidColumnType(1, "record_id".into(), rusqlite::types::Type::Blob)
}

impl SealedRow {
    pub fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        let record_id: Vec<u8> = row.get(1)?;
        Ok(Self {
            id: row.get(0)?,
            record_id: record_id.try_into().map_err(|_| malformed_record_id())?,
            code: row.get(2)?,
            created: row.get(3)?,
            updated: row.get(4)?,
            retain_until: row.get(5)?,
            sealed: (6..17)
                .map(|i| row.get(i))
                .collect::<rusqlite::Result<_>>()?,
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
    };
    Error::Tampered {
        what: format!("the sealed {} of customer {code} {why}", column.as_str()),
    }
}

fn utf8(code: &str, column: Column, bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|_| tampered(code, column, SealError::Malformed))
}

impl SealedRow {
    /// Opens every sealed value; any failure is an integrity error, never a wrong value.
    pub fn open(self, ciphers: &Ciphers) -> Result<Customer> {
        let code = self.code;
        let mut values = Vec::with_capacity(RECORD_COLUMNS.len());
        for (column, sealed) in RECORD_COLUMNS.into_iter().zip(self.sealed) {
            let value = match sealed {
                Some(blob) => {
                    let plain = ciphers
                        .open(column, &self.record_id, &blob)
                        .map_err(|e| tampered(&code, column, e))?;
                    Some(utf8(&code, column, plain)?)
                }
                None => None,
            };
            values.push(value);
        }
        let mut values = values.into_iter();
        let mut next = || values.next().flatten();
        let name = next().ok_or_else(|| tampered(&code, Column::Name, SealError::Malformed))?;
        let (email, phone, address, company) = (next(), next(), next(), next());
        let (national_id, account, notes) = (next(), next(), next());
        let tags = match next() {
            Some(json) => serde_json::from_str(&json)
                .map_err(|_| tampered(&code, Column::Tags, SealError::Malformed))?,
            None => Vec::new(),
        };
        let fields = match next() {
            Some(json) => serde_json::from_str(&json)
                .map_err(|_| tampered(&code, Column::Fields, SealError::Malformed))?,
            None => std::collections::BTreeMap::new(),
        };
        let owner = next();
        Ok(Customer {
            code,
            data: CustomerData {
                name,
                email,
                phone,
                address,
                company,
                national_id,
                account,
                notes,
                tags,
                fields,
                owner,
                retain_until: self.retain_until,
            },
            created: self.created,
            updated: self.updated,
        })
    }
}

/// Opens many rows on all cores; the first failure wins.
pub(super) fn open_rows(ciphers: &Ciphers, rows: Vec<SealedRow>) -> Result<Vec<Customer>> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    if rows.len() < 256 || threads == 1 {
        return rows.into_iter().map(|r| r.open(ciphers)).collect();
    }
    let chunk = rows.len().div_ceil(threads);
    let mut rows = rows;
    let mut parts = Vec::new();
    while rows.len() > chunk {
        parts.push(rows.split_off(rows.len() - chunk));
    }
    parts.push(rows);
    parts.reverse();
    std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .into_iter()
            .map(|part| {
                scope.spawn(move || {
                    part.into_iter()
                        .map(|r| r.open(ciphers))
                        .collect::<Result<Vec<_>>>()
                })
            })
            .collect();
        let mut out = Vec::new();
        for handle in handles {
            out.extend(handle.join().expect("a decryption thread panicked")?);
        }
        Ok(out)
    })
}

/// The blind index values of one record.
struct BlindValues {
    email: Option<i64>,
    phone: Option<i64>,
    national_id: Option<i64>,
    account: Option<i64>,
    owner: Option<i64>,
    tags: Vec<i64>,
}

impl BlindKeys {
    fn values(&self, data: &CustomerData, bits: u32) -> BlindValues {
        let idx = |key: &crate::crypto::BlindIndexKey, v: &str| key.index(v, bits);
        BlindValues {
            email: data.email.as_deref().map(|v| idx(&self.email, v)),
            phone: data.phone.as_deref().map(|v| idx(&self.phone, v)),
            national_id: data
                .national_id
                .as_deref()
                .map(|v| idx(&self.national_id, &fold_identifier(v))),
            account: data
                .account
                .as_deref()
                .map(|v| idx(&self.account, &fold_identifier(v))),
            owner: data.owner.as_deref().map(|v| idx(&self.owner, &fold(v))),
            tags: data.tags.iter().map(|t| idx(&self.tag, &fold(t))).collect(),
        }
    }
}

fn seal_opt(c: &Ciphers, col: Column, rid: &[u8; 16], v: Option<&str>) -> Option<Vec<u8>> {
    v.map(|v| c.seal(col, rid, v.as_bytes()))
}

/// Everything written for one record: sealed values and blind indexes.
struct SealedValues {
    sealed: Vec<Option<Vec<u8>>>,
    search_text: Vec<u8>,
    blind: BlindValues,
}

/// What sealing needs of an unlocked vault, borrowed apart from its connection so a
/// transaction can be open at the same time.
struct Sealer<'a> {
    ciphers: &'a Ciphers,
    blind: &'a BlindKeys,
    bits: u32,
}

fn seal_record(
    sealer: &Sealer<'_>,
    rid: &[u8; 16],
    code: &str,
    data: &CustomerData,
) -> SealedValues {
    let c = sealer.ciphers;
    let tags = (!data.tags.is_empty())
        .then(|| serde_json::to_string(&data.tags).expect("strings serialise"));
    let fields = (!data.fields.is_empty())
        .then(|| serde_json::to_string(&data.fields).expect("strings serialise"));
    let sealed = vec![
        Some(c.seal(Column::Name, rid, data.name.as_bytes())),
        seal_opt(c, Column::Email, rid, data.email.as_deref()),
        seal_opt(c, Column::Phone, rid, data.phone.as_deref()),
        seal_opt(c, Column::Address, rid, data.address.as_deref()),
        seal_opt(c, Column::Company, rid, data.company.as_deref()),
        seal_opt(c, Column::NationalId, rid, data.national_id.as_deref()),
        seal_opt(c, Column::Account, rid, data.account.as_deref()),
        seal_opt(c, Column::Notes, rid, data.notes.as_deref()),
        seal_opt(c, Column::Tags, rid, tags.as_deref()),
        seal_opt(c, Column::Fields, rid, fields.as_deref()),
        seal_opt(c, Column::Owner, rid, data.owner.as_deref()),
    ];
    SealedValues {
        sealed,
        search_text: c.seal(Column::SearchText, rid, data.search_text(code).as_bytes()),
        blind: sealer.blind.values(data, sealer.bits),
    }
}

fn write_tags(conn: &Connection, id: i64, tags: &[i64]) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM customer_tags WHERE customer = ?1", [id])?;
    let mut stmt = conn
        .prepare_cached("INSERT OR IGNORE INTO customer_tags (bi_tag, customer) VALUES (?1, ?2)")?;
    for tag in tags {
        stmt.execute([*tag, id])?;
    }
    Ok(())
}

/// The stored row of the customer with the code the user typed.
fn sealed_row(conn: &Connection, typed_code: &str) -> Result<SealedRow> {
    let not_found = || Error::CustomerNotFound {
        code: typed_code.trim().to_owned(),
    };
    let code = code::parse(typed_code).ok_or_else(not_found)?;
    let sql = format!("SELECT {SELECT_COLUMNS} FROM customers WHERE code = ?1");
    match conn.query_row(&sql, [&code], SealedRow::from_row) {
        Ok(row) => Ok(row),
        Err(rusqlite::Error::QueryReturnedNoRows) => Err(not_found()),
        Err(e) => Err(Error::db("reading the customer", e)),
    }
}

fn code_taken(conn: &Connection, code: &str) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT 1 FROM customers WHERE code = ?1")?
        .exists([code])
}

fn insert_row(
    conn: &Connection,
    sealer: &Sealer<'_>,
    data: CustomerData,
) -> rusqlite::Result<Customer> {
    let record_id: [u8; 16] = random_array();
    let mut code = code::generate();
    while code_taken(conn, &code)? {
        code = code::generate();
    }
    let now = now_utc();
    let values = seal_record(sealer, &record_id, &code, &data);
    let s = &values.sealed;
    let b = &values.blind;
    conn.prepare_cached(
        "INSERT INTO customers (record_id, code, created, updated, retain_until, name, email,
             phone, address, company, national_id, account, notes, tags, fields, owner,
             bi_email, bi_phone, bi_national_id, bi_account, bi_owner)
         VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
             ?17, ?18, ?19, ?20)",
    )?
    .execute(params![
        record_id.as_slice(),
        code,
        now,
        data.retain_until,
        s[0],
        s[1],
        s[2],
        s[3],
        s[4],
        s[5],
        s[6],
        s[7],
        s[8],
        s[9],
        s[10],
        b.email,
        b.phone,
        b.national_id,
        b.account,
        b.owner,
    ])?;
    let id = conn.last_insert_rowid();
    conn.prepare_cached(
        "INSERT INTO customer_search (customer, record_id, search_text) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![id, record_id.as_slice(), values.search_text])?;
    write_tags(conn, id, &b.tags)?;
    Ok(Customer {
        code,
        data,
        created: now.clone(),
        updated: now,
    })
}

impl Vault {
    /// Adds customers in one transaction: all are added, or none.
    pub fn add_customers(
        &mut self,
        records: impl IntoIterator<Item = CustomerData>,
    ) -> Result<Vec<Customer>> {
        let fail = |e| Error::db("adding customers", e);
        let sealer = Sealer {
            ciphers: &self.ciphers,
            blind: &self.blind,
            bits: self.blind_bits,
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(fail)?;
        let added = records
            .into_iter()
            .map(|data| insert_row(&tx, &sealer, data))
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(fail)?;
        tx.commit().map_err(fail)?;
        Ok(added)
    }

    /// Adds one customer and returns it with its new code.
    pub fn add_customer(&mut self, data: CustomerData) -> Result<Customer> {
        let mut added = self.add_customers([data])?;
        Ok(added.remove(0))
    }

    /// The customer with `code`, or [`Error::CustomerNotFound`].
    pub fn customer(&self, code: &str) -> Result<Customer> {
        self.sealed_row(code)?.open(&self.ciphers)
    }

    pub(super) fn sealed_row(&self, typed_code: &str) -> Result<SealedRow> {
        sealed_row(&self.conn, typed_code)
    }

    /// Replaces the personal data of the customer with `code`; every value is sealed
    /// afresh (new nonces) and the blind indexes recomputed.
    pub fn update_customer(&mut self, code: &str, data: CustomerData) -> Result<Customer> {
        let fail = |e| Error::db("updating the customer", e);
        let sealer = Sealer {
            ciphers: &self.ciphers,
            blind: &self.blind,
            bits: self.blind_bits,
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(fail)?;
        let row = sealed_row(&tx, code)?;
        let values = seal_record(&sealer, &row.record_id, &row.code, &data);
        let (s, b) = (&values.sealed, &values.blind);
        let now = now_utc();
        tx.execute(
            "UPDATE customers SET updated = ?2, retain_until = ?3, name = ?4, email = ?5,
                 phone = ?6, address = ?7, company = ?8, national_id = ?9, account = ?10,
                 notes = ?11, tags = ?12, fields = ?13, owner = ?14, bi_email = ?15,
                 bi_phone = ?16, bi_national_id = ?17, bi_account = ?18, bi_owner = ?19
             WHERE id = ?1",
            params![
                row.id,
                now,
                data.retain_until,
                s[0],
                s[1],
                s[2],
                s[3],
                s[4],
                s[5],
                s[6],
                s[7],
                s[8],
                s[9],
                s[10],
                b.email,
                b.phone,
                b.national_id,
                b.account,
                b.owner,
            ],
        )
        .map_err(fail)?;
        tx.execute(
            "UPDATE customer_search SET search_text = ?2 WHERE customer = ?1",
            params![row.id, values.search_text],
        )
        .map_err(fail)?;
        write_tags(&tx, row.id, &b.tags).map_err(fail)?;
        tx.commit().map_err(fail)?;
        Ok(Customer {
            code: row.code,
            data,
            created: row.created,
            updated: now,
        })
    }

    /// Removes the customer with `code` for good: secure delete overwrites the freed
    /// pages, and the write-ahead log is checkpointed and truncated so no copy of the
    /// sealed values is left in `-wal` either. Returns the canonical code.
    pub fn erase_customer(&mut self, code: &str) -> Result<String> {
        let fail = |e| Error::db("erasing the customer", e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(fail)?;
        let row = sealed_row(&tx, code)?;
        for table in ["customer_tags", "customer_search"] {
            tx.execute(
                &format!("DELETE FROM {table} WHERE customer = ?1"),
                [row.id],
            )
            .map_err(fail)?;
        }
        tx.execute("DELETE FROM customers WHERE id = ?1", [row.id])
            .map_err(fail)?;
        tx.commit().map_err(fail)?;
        self.checkpoint_truncate()?;
        Ok(row.code)
    }

    /// Moves everything from the write-ahead log into the vault file and empties the log.
    pub fn checkpoint_truncate(&self) -> Result<()> {
        let (busy, _, _): (i64, i64, i64) = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .map_err(|e| Error::db("checkpointing the write-ahead log", e))?;
        if busy != 0 {
            return Err(Error::Database {
                context: "truncating the write-ahead log".into(),
                source: rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                    Some("another process is reading the vault".into()),
                ),
            });
        }
        Ok(())
    }

    /// Every customer, oldest first, optionally only those with a tag and/or owner.
    pub fn list_customers(&self, tag: Option<&str>, owner: Option<&str>) -> Result<Vec<Customer>> {
        let sql = format!(
            "SELECT {SELECT_COLUMNS} FROM customers
             WHERE (?1 IS NULL OR id IN (SELECT customer FROM customer_tags WHERE bi_tag = ?1))
               AND (?2 IS NULL OR bi_owner = ?2)
             ORDER BY id"
        );
        let tag_index = tag.map(|t| self.blind.tag.index(&fold(t), self.blind_bits));
        let owner_index = owner.map(|o| self.blind.owner.index(&fold(o), self.blind_bits));
        let rows = self.query_rows(&sql, rusqlite::params![tag_index, owner_index])?;
        let customers = open_rows(&self.ciphers, rows)?;
        // Blind indexes are truncated: drop the customers that only share an index value.
        Ok(customers
            .into_iter()
            .filter(|c| tag.is_none_or(|t| c.data.tags.iter().any(|x| fold(x) == fold(t))))
            .filter(|c| owner.is_none_or(|o| c.data.owner.as_deref().map(fold) == Some(fold(o))))
            .collect())
    }

    pub(super) fn query_rows(
        &self,
        sql: &str,
        args: impl rusqlite::Params,
    ) -> Result<Vec<SealedRow>> {
        let fail = |e| Error::db("reading customers", e);
        let mut stmt = self.conn.prepare_cached(sql).map_err(fail)?;
        let rows = stmt.query_map(args, SealedRow::from_row).map_err(fail)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(fail)
    }

    /// How many customers the vault holds.
    pub fn customer_count(&self) -> Result<i64> {
        self.conn
            .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
            .map_err(|e| Error::db("counting customers", e))
    }
}
