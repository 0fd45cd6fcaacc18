//! Writing and reading customers: the SQL behind add, show, edit, erase and list.

use rusqlite::{Connection, params};

use super::record::{Customer, CustomerData};
use super::row::{SELECT_COLUMNS, SealedRow, SealedValues, Sealer, open_rows};
use super::state::{self, RowState, Tracker};
use super::{Vault, now_utc};
use crate::code;
use crate::crypto::random_array;
use crate::error::{Error, Result};

/// What `erase` did.
pub struct Erased {
    /// The canonical code of the erased customer.
    pub code: String,
    /// False when another process kept the write-ahead log from being emptied, so an old
    /// copy of the sealed values may stay in `-wal` until the next checkpoint.
    pub log_truncated: bool,
}

/// The rows `sql` (selecting [`SELECT_COLUMNS`]) finds on `conn`.
pub(super) fn query_rows_on(
    conn: &Connection,
    sql: &str,
    args: impl rusqlite::Params,
) -> Result<Vec<SealedRow>> {
    let fail = |e| Error::db("reading customers", e);
    let mut stmt = conn.prepare_cached(sql).map_err(fail)?;
    let mut rows = stmt.query(args).map_err(fail)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(fail)? {
        out.push(SealedRow::from_row(row)?);
    }
    Ok(out)
}

/// Writes the tag index of customer `id`, replacing any it had (`replace`: false for a
/// customer just inserted, who has none).
fn write_tags(conn: &Connection, id: i64, tags: &[i64], replace: bool) -> rusqlite::Result<()> {
    if replace {
        conn.prepare_cached("DELETE FROM main.customer_tags WHERE customer = ?1")?
            .execute([id])?;
    }
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO main.customer_tags (bi_tag, customer) VALUES (?1, ?2)",
    )?;
    for tag in tags {
        stmt.execute([*tag, id])?;
    }
    Ok(())
}

/// The stored row of the customer with the code the user typed.
pub(super) fn sealed_row(conn: &Connection, typed_code: &str) -> Result<SealedRow> {
    let not_found = || Error::CustomerNotFound {
        code: typed_code.trim().to_owned(),
    };
    let code = code::parse(typed_code).ok_or_else(not_found)?;
    let sql = format!("SELECT {SELECT_COLUMNS} FROM customers WHERE code = ?1");
    let fail = |e| Error::db("reading the customer", e);
    let mut stmt = conn.prepare_cached(&sql).map_err(fail)?;
    let mut rows = stmt.query([&code]).map_err(fail)?;
    match rows.next().map_err(fail)? {
        Some(row) => SealedRow::from_row(row),
        None => Err(not_found()),
    }
}

pub(super) fn code_taken(conn: &Connection, code: &str) -> rusqlite::Result<bool> {
    // Every group's codes: codes are unique in the file.
    conn.prepare_cached("SELECT 1 FROM main.customers WHERE code = ?1")?
        .exists([code])
}

/// A customer to insert: new, or brought in by `import` with its code and dates.
pub(super) struct NewRow {
    pub data: CustomerData,
    /// The phone's search forms when validation found them already.
    pub phone_forms: Option<String>,
    /// A code to keep (already checked free); a new one is drawn when `None`.
    pub code: Option<String>,
    pub created: Option<String>,
    pub updated: Option<String>,
}

/// A new customer sealed and ready to insert: what an import prepares on one thread
/// and writes on another.
pub(super) struct Prepared {
    pub group: i64,
    pub record_id: [u8; 16],
    pub code: String,
    /// False when the code was drawn here: on the rare clash with an existing code a
    /// new one is drawn, where a code given by the user is an error.
    pub code_given: bool,
    pub created: String,
    pub updated: String,
    pub data: CustomerData,
    pub values: SealedValues,
}

/// A new record id: 16 random bytes.
///
/// Ids only need to be unique, and must reveal nothing: the erasure register keeps an
/// erased customer's id, and an id that followed its neighbours (a per-process prefix
/// and a counter, as the previous release drew them) would place the customer between
/// them and so tell when they were added.
pub(super) fn new_record_id() -> [u8; 16] {
    random_array()
}

/// Seals `row` as a new customer, drawing a code when it has none (not yet checked
/// against the vault).
pub(super) fn prepare(sealer: &Sealer<'_>, row: NewRow, now: &str) -> Result<Prepared> {
    let NewRow {
        data,
        phone_forms,
        code,
        created,
        updated,
    } = row;
    let record_id = new_record_id();
    let code_given = code.is_some();
    let code = code.unwrap_or_else(code::generate);
    let created = created.unwrap_or_else(|| now.to_owned());
    let updated = updated.unwrap_or_else(|| created.clone());
    let values = sealer.seal_with(&record_id, &code, 1, &data, phone_forms.as_deref(), None)?;
    Ok(Prepared {
        group: sealer.group,
        record_id,
        code,
        code_given,
        created,
        updated,
        data,
        values,
    })
}

impl Prepared {
    /// Draws another code and seals the values again (the code is bound into them).
    pub(super) fn redraw_code(&mut self, sealer: &Sealer<'_>) -> Result<()> {
        self.code = code::generate();
        self.values = sealer.seal(&self.record_id, &self.code, 1, &self.data)?;
        Ok(())
    }
}

/// Inserts a prepared customer (version 1) and records it in the state `tracker`;
/// returns its row id. A clash of codes fails with SQLite's unique constraint error, and
/// nothing of the row is written.
pub(super) fn insert_prepared(
    conn: &Connection,
    p: &Prepared,
    tracker: &Tracker,
) -> rusqlite::Result<i64> {
    let rid = p.record_id.as_slice();
    conn.prepare_cached(
        "INSERT INTO main.customers (record_id, code, created, updated, retain_until, name,
             email, phone, address, company, national_id, account, notes, tags, fields, owner,
             bi_email, bi_phone, bi_national_id, bi_account, bi_owner, grp)
         VALUES (?1, ?2, ?3, ?21, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
             ?17, ?18, ?19, ?20, ?22)",
    )?
    .execute({
        let mut args: Vec<&dyn rusqlite::ToSql> =
            vec![&rid, &p.code, &p.created, &p.data.retain_until];
        args.extend(p.values.columns());
        args.push(&p.updated);
        args.push(&p.group);
        rusqlite::params_from_iter(args)
    })?;
    let id = conn.last_insert_rowid();
    conn.prepare_cached(
        "INSERT INTO main.customer_search (customer, record_id, search_text)
         VALUES (?1, ?2, ?3)",
    )?
    .execute(params![id, rid, p.values.search_text])?;
    write_tags(conn, id, &p.values.blind.tags, false)?;
    tracker.customer_changed(
        None,
        Some(&RowState {
            group: p.group,
            record_id: &p.record_id,
            version: 1,
            code: &p.code,
            retain_until: p.data.retain_until.as_deref(),
            created: &p.created,
            updated: &p.updated,
        }),
    );
    Ok(id)
}

/// True when `e` is the unique constraint failing: a code already taken.
pub(super) fn is_code_clash(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _)
        if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE)
}

pub(super) fn insert_row(
    conn: &Connection,
    sealer: &Sealer<'_>,
    row: NewRow,
    tracker: &Tracker,
) -> Result<Customer> {
    let fail = |e| Error::db("adding customers", e);
    let mut prepared = prepare(sealer, row, &now_utc())?;
    if !prepared.code_given {
        while code_taken(conn, &prepared.code).map_err(fail)? {
            prepared.redraw_code(sealer)?;
        }
    }
    insert_prepared(conn, &prepared, tracker).map_err(fail)?;
    let Prepared {
        code,
        data,
        created,
        updated,
        ..
    } = prepared;
    Ok(Customer {
        code,
        data,
        created,
        updated,
    })
}

/// Rewrites the row `old` with `data` as its next version, sealed afresh under the
/// keys of `sealer`'s group (which moves the row there), and records the change in the
/// state `tracker`. Values sealed for the owner that `data` does not carry because the
/// writer could not read them are kept.
pub(super) fn update_row(
    conn: &Connection,
    sealer: &Sealer<'_>,
    old: &SealedRow,
    data: &CustomerData,
    now: &str,
    tracker: &Tracker,
) -> Result<()> {
    let fail = |e| Error::db("updating the customer", e);
    let (id, record_id, code) = (old.id, &old.record_id, old.code.as_str());
    let version = old.version + 1;
    let kept = (sealer.group == old.group).then_some(old);
    let values = sealer.seal_with(record_id, code, version, data, None, kept)?;
    let b = &values.blind;
    let group = sealer.group;
    conn.prepare_cached(
        "UPDATE main.customers SET updated = ?2, retain_until = ?3, name = ?4, email = ?5,
             phone = ?6, address = ?7, company = ?8, national_id = ?9, account = ?10,
             notes = ?11, tags = ?12, fields = ?13, owner = ?14, bi_email = ?15,
             bi_phone = ?16, bi_national_id = ?17, bi_account = ?18, bi_owner = ?19,
             version = ?20, grp = ?21
         WHERE id = ?1",
    )
    .and_then(|mut s| {
        s.execute(rusqlite::params_from_iter({
            let mut args: Vec<&dyn rusqlite::ToSql> = vec![&id, &now, &data.retain_until];
            args.extend(values.columns());
            args.push(&version);
            args.push(&group);
            args
        }))
    })
    .map_err(fail)?;
    conn.prepare_cached(
        "UPDATE main.customer_search SET record_id = ?2, search_text = ?3 WHERE customer = ?1",
    )
    .and_then(|mut s| s.execute(params![id, record_id.as_slice(), values.search_text]))
    .map_err(fail)?;
    write_tags(conn, id, &b.tags, true).map_err(fail)?;
    tracker.customer_changed(
        Some(&old.state()),
        Some(&RowState {
            group,
            record_id,
            version,
            code,
            retain_until: data.retain_until.as_deref(),
            created: &old.created,
            updated: now,
        }),
    );
    Ok(())
}

/// Moves customer row `old`, opened as `data`, into group `group`: sealed afresh under
/// that group's keys, as its next version.
pub(super) fn move_row(
    conn: &Connection,
    ciphers: &super::column::Ciphers,
    bits: u32,
    old: &SealedRow,
    data: &CustomerData,
    group: i64,
    tracker: &Tracker,
) -> Result<()> {
    let sealer = Sealer {
        ciphers,
        group,
        bits,
    };
    update_row(conn, &sealer, old, data, &old.updated, tracker)
}

/// Deletes customer row `old` and everything indexed by it, and registers the erasure
/// so a restore of an older backup can apply it again; both recorded in `tracker`.
pub(super) fn delete_row(
    conn: &Connection,
    old: &SealedRow,
    tracker: &Tracker,
) -> rusqlite::Result<()> {
    delete_customer_row(conn, old, tracker)?;
    register_erasure(conn, &old.record_id, &old.code, &now_utc(), tracker)
}

/// Deletes customer row `old` and everything indexed by it, and records it in `tracker`.
pub(super) fn delete_customer_row(
    conn: &Connection,
    old: &SealedRow,
    tracker: &Tracker,
) -> rusqlite::Result<()> {
    let id = old.id;
    conn.prepare_cached("DELETE FROM main.customer_tags WHERE customer = ?1")?
        .execute([id])?;
    conn.prepare_cached("DELETE FROM main.customer_search WHERE customer = ?1")?
        .execute([id])?;
    conn.prepare_cached("DELETE FROM main.customers WHERE id = ?1")?
        .execute([id])?;
    tracker.customer_changed(Some(&old.state()), None);
    Ok(())
}

/// Adds an entry to the erasure register (none if the record is there already).
pub(super) fn register_erasure(
    conn: &Connection,
    record_id: &[u8],
    code: &str,
    at: &str,
    tracker: &Tracker,
) -> rusqlite::Result<()> {
    let added = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO erasures (record_id, code, erased_at) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![record_id, code, at])?;
    if added == 1 {
        tracker.erasure_added(record_id, code, at);
    }
    Ok(())
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
            group: self.own_group(),
            bits: self.blind_bits,
        };
        // IMMEDIATE takes the write lock now, so concurrent writers queue on the busy
        // timeout instead of failing half way through.
        let tx = state::begin_write(&mut self.conn, &self.audit.state).map_err(fail)?;
        let added = records
            .into_iter()
            .map(|data| {
                let row = NewRow {
                    data,
                    phone_forms: None,
                    code: None,
                    created: None,
                    updated: None,
                };
                insert_row(&tx, &sealer, row, &self.audit.state)
            })
            .collect::<Result<Vec<_>>>()?;
        let event = self
            .audit
            .event()
            .codes(added.iter().map(|c| c.code.as_str()))
            .count("added", added.len() as u64);
        self.audit.append(&tx, event)?;
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
        sealed_row(&self.conn, code)?.open(&self.ciphers)
    }

    /// Changes the customer with `code` by `change`, read and written in one write
    /// transaction so concurrent edits cannot undo each other. Every value is sealed
    /// afresh (new nonces), the blind indexes are recomputed, and the log is
    /// checkpointed so replaced values leave no copy in `-wal`.
    pub fn update_customer(
        &mut self,
        code: &str,
        change: impl FnOnce(&mut CustomerData) -> Result<()>,
    ) -> Result<Customer> {
        let fail = |e| Error::db("updating the customer", e);
        let tx = state::begin_write(&mut self.conn, &self.audit.state).map_err(fail)?;
        let row = sealed_row(&tx, code)?;
        let mut customer = row.open(&self.ciphers)?;
        change(&mut customer.data)?;
        let now = now_utc();
        let sealer = Sealer {
            ciphers: &self.ciphers,
            group: row.group,
            bits: self.blind_bits,
        };
        update_row(&tx, &sealer, &row, &customer.data, &now, &self.audit.state)?;
        let event = self.audit.event().codes([customer.code.as_str()]);
        self.audit.append(&tx, event)?;
        tx.commit().map_err(fail)?;
        customer.updated = now;
        self.checkpoint_truncate()?;
        Ok(customer)
    }

    /// Removes the customer with `code` for good: secure delete overwrites the freed
    /// space, and the write-ahead log is checkpointed and truncated so no copy of the
    /// sealed values stays in `-wal` either.
    pub fn erase_customer(&mut self, code: &str) -> Result<Erased> {
        self.require(
            &[super::Role::Owner, super::Role::Manager],
            "erase customers",
        )?;
        let fail = |e| Error::db("erasing the customer", e);
        let tx = state::begin_write(&mut self.conn, &self.audit.state).map_err(fail)?;
        let row = sealed_row(&tx, code)?;
        // An erased row that was put back is refused by open, but may be erased again.
        if !self.ciphers.is_erased(&row.record_id) {
            row.open(&self.ciphers)?;
        }
        delete_row(&tx, &row, &self.audit.state).map_err(fail)?;
        let event = self.audit.event().codes([row.code.as_str()]);
        self.audit.append(&tx, event)?;
        tx.commit().map_err(fail)?;
        Ok(Erased {
            code: row.code,
            log_truncated: self.checkpoint_truncate()?,
        })
    }

    /// Every customer, oldest first, optionally only those with a tag and/or owner.
    pub fn list_customers(&self, tag: Option<&str>, owner: Option<&str>) -> Result<Vec<Customer>> {
        let filter = super::ExportFilter {
            tag: tag.map(str::to_owned),
            owner: owner.map(str::to_owned),
        };
        let sql = format!(
            "SELECT {SELECT_COLUMNS} FROM customers WHERE {} ORDER BY id",
            super::export::FILTER_SQL
        );
        let (tag_index, owner_index) = self.filter_indexes(&filter);
        let rows = self.query_rows(&sql, rusqlite::params![0i64, tag_index, owner_index])?;
        let customers = open_rows(&self.ciphers, rows)?;
        Ok(customers.into_iter().filter(|c| filter.keeps(c)).collect())
    }

    pub(super) fn query_rows(
        &self,
        sql: &str,
        args: impl rusqlite::Params,
    ) -> Result<Vec<SealedRow>> {
        query_rows_on(&self.conn, sql, args)
    }

    /// How many customers the vault holds.
    pub fn customer_count(&self) -> Result<i64> {
        self.conn
            .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
            .map_err(|e| Error::db("counting customers", e))
    }
}

#[cfg(test)]
mod tests {
    use super::new_record_id;

    #[test]
    fn record_ids_are_uniformly_random() {
        let ids: Vec<[u8; 16]> = (0..1000).map(|_| new_record_id()).collect();
        // No shared prefix, no order: every byte position takes many values.
        for position in 0..16 {
            let values: std::collections::HashSet<u8> = ids.iter().map(|id| id[position]).collect();
            assert!(
                values.len() > 200,
                "byte {position} takes {} values",
                values.len()
            );
        }
        let ordered = ids.windows(2).filter(|w| w[0] < w[1]).count();
        assert!(
            (400..600).contains(&ordered),
            "{ordered} of 999 pairs in order"
        );
    }
}
