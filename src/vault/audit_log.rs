//! Storage of the audit log: appending an entry inside the transaction whose change it
//! records, reading entries back, and checking the whole chain.

use rusqlite::{Connection, params};

use super::header::{AUDIT_COUNT, Header};
use super::state::Tracker;
use super::{Vault, now_utc, schema};
use crate::audit::{ChainFault, ChainVerifier, Entry, Event, os_user};
use crate::crypto::{AuditKey, HeaderKey, MasterKey};
use crate::error::{Error, Result};

/// The keys that appending an entry needs. Every write transaction ends with an entry,
/// so the log is also what writes the header: the entry count, the new entry's MAC as
/// the head, and the state digests with the transaction's changes folded in.
pub(super) struct AuditLog {
    pub(super) key: AuditKey,
    header_key: HeaderKey,
    /// The current transaction's changes to the state digests.
    pub(super) state: Tracker,
    vault_id: [u8; 16],
    user: String,
    /// The command recorded with write events.
    pub command: String,
    /// The manager whose entries these are (`None`: the owner).
    pub(super) actor: Option<String>,
    /// Set when a staff member unlocked: their entries go to their own signed journal.
    pub(super) staff: Option<super::staff::StaffAuthor>,
}

/// The entry count the vault header records.
pub(super) fn recorded_count(conn: &Connection) -> Result<u64> {
    let bytes = schema::meta_get(conn, AUDIT_COUNT)?.ok_or_else(|| Error::Tampered {
        what: "the vault header has no audit entry count".into(),
    })?;
    let array: [u8; 8] = bytes.as_slice().try_into().map_err(|_| Error::Tampered {
        what: "the vault header's audit entry count is malformed".into(),
    })?;
    Ok(u64::from_be_bytes(array))
}

fn broken(fault: &ChainFault) -> Error {
    Error::AuditChainBroken {
        fault: fault.to_string(),
    }
}

fn read_failure(e: rusqlite::Error) -> Error {
    Error::db("reading the audit log", e)
}

fn write_failure(e: rusqlite::Error) -> Error {
    Error::db("writing the audit log", e)
}

pub(super) fn entry_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Entry> {
    let codes: String = row.get(4)?;
    let counts: String = row.get(5)?;
    let entry = Entry {
        actor: row.get(7)?,
        // A negative number (only an edit makes one) reads as 0, which fails the check.
        seq: u64::try_from(row.get::<_, i64>(0)?).unwrap_or(0),
        at: row.get(1)?,
        user: row.get(2)?,
        command: row.get(3)?,
        codes: codes.split_whitespace().map(str::to_owned).collect(),
        // An edited counts column that is not JSON still fails the MAC check; here
        // it reads as empty rather than stopping the listing.
        counts: serde_json::from_str(&counts).unwrap_or_default(),
        mac: row.get(6)?,
    };
    // The MAC covers the codes and counts as sealbook writes them; stored text in any
    // other form (a code wrapped in tabs hides it from `audit --customer`) is made to
    // fail the check.
    if entry.codes_text() != codes || entry.counts_text() != counts {
        return Ok(Entry {
            mac: Vec::new(),
            ..entry
        });
    }
    Ok(entry)
}

/// SQLite integers are signed; entry numbers never come near the limit.
fn sql_int(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

pub(super) const ENTRY_COLUMNS: &str = "seq, at, os_user, command, codes, counts, mac, actor";

impl AuditLog {
    pub fn new(master: &MasterKey, vault_id: &[u8; 16], epoch: u32, command: &str) -> Self {
        let keys = master.data_keys(epoch);
        Self {
            key: keys.audit_key(),
            header_key: master.header_key(),
            state: Tracker::new(keys.state_key()),
            vault_id: *vault_id,
            user: os_user(),
            command: command.to_owned(),
            actor: None,
            staff: None,
        }
    }

    /// An event of the current command.
    pub fn event(&self) -> Event {
        Event::new(&self.command)
    }

    /// The header, once its MAC proves it.
    pub fn header(&self, conn: &Connection) -> Result<Header> {
        let header = Header::read(conn)?;
        header.verify(conn, &self.vault_id, &self.header_key)?;
        Ok(header)
    }

    /// Writes `header` and its MAC.
    pub fn write_header(&self, conn: &Connection, header: &Header) -> Result<()> {
        header.write(conn, &self.vault_id, &self.header_key)
    }

    /// Appends `event` as the next entry, inside the caller's write transaction, and
    /// records the new count in the MACed header. Refuses when the header or the last
    /// entry was tampered with, so a new entry never seals over an altered log.
    pub fn append(&self, conn: &Connection, event: Event) -> Result<u64> {
        self.append_as(conn, event, now_utc(), self.user.clone())
    }

    /// [`AuditLog::append`] dated `at` and done by `user`: for events that happened
    /// while the key was not at hand (a restore), recorded at the next unlock.
    pub fn append_as(
        &self,
        conn: &Connection,
        event: Event,
        at: String,
        user: String,
    ) -> Result<u64> {
        if let Some(author) = &self.staff {
            return super::staff::append_journal(
                conn,
                &self.vault_id,
                author,
                &self.state,
                event,
                user,
            );
        }
        let (header, previous) = self.head(conn)?;
        let seq = header.audit_count.unwrap_or(0) + 1;
        let mut entry = Entry::new(seq, at, user, event);
        entry.actor.clone_from(&self.actor);
        entry.mac = entry.chain_mac(&self.key, &previous).to_vec();
        self.insert(conn, header, &entry)
    }

    /// [`AuditLog::append_as`] naming `actor` (an employee) rather than this writer: an
    /// entry of another vault's log carried over a restore.
    pub fn append_carried(
        &self,
        conn: &Connection,
        event: Event,
        at: String,
        user: String,
        actor: Option<String>,
    ) -> Result<u64> {
        let (header, previous) = self.head(conn)?;
        let seq = header.audit_count.unwrap_or(0) + 1;
        let mut entry = Entry::new(seq, at, user, event);
        entry.actor = actor;
        entry.mac = entry.chain_mac(&self.key, &previous).to_vec();
        self.insert(conn, header, &entry)
    }

    /// Appends `entry` exactly as it is, MAC included, after checking that it chains on
    /// the current last entry: entries of this vault written after a backup was taken,
    /// carried over a restore of that backup.
    pub fn adopt(&self, conn: &Connection, entry: &Entry) -> Result<u64> {
        let (header, previous) = self.head(conn)?;
        let count = header.audit_count.unwrap_or(0);
        if entry.seq != count + 1 || !entry.mac_matches(&self.key, &previous) {
            return Err(broken(&ChainFault::BadEntry { seq: entry.seq }));
        }
        self.insert(conn, header, entry)
    }

    /// The header, proven by its MAC, and the last entry's MAC (which must be the head
    /// the header records).
    fn head(&self, conn: &Connection) -> Result<(Header, Vec<u8>)> {
        let header = self.header(conn)?;
        let count = header.audit_count.unwrap_or(0);
        let previous: Vec<u8> = if count == 0 {
            Vec::new()
        } else {
            conn.prepare_cached("SELECT mac FROM audit WHERE seq = ?1")
                .and_then(|mut s| s.query_row([sql_int(count)], |r| r.get(0)))
                .map_err(|_| {
                    broken(&ChainFault::Truncated {
                        last: count - 1,
                        recorded: count,
                    })
                })?
        };
        if let Some(state) = &header.state
            && count > 0
            && previous != state.audit_head
        {
            return Err(broken(&ChainFault::BadEntry { seq: count }));
        }
        Ok((header, previous))
    }

    /// Inserts `entry` and writes the header that ends with it, with the transaction's
    /// changes to the state folded in.
    fn insert(&self, conn: &Connection, mut header: Header, entry: &Entry) -> Result<u64> {
        let seq = entry.seq;
        conn.prepare_cached(
            "INSERT INTO audit (seq, at, os_user, command, codes, counts, mac, actor)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )
        .and_then(|mut s| {
            s.execute(params![
                sql_int(seq),
                entry.at,
                entry.user,
                entry.command,
                entry.codes_text(),
                entry.counts_text(),
                entry.mac,
                entry.actor,
            ])
        })
        .map_err(write_failure)?;
        header.audit_count = Some(seq);
        if let Some(state) = &mut header.state {
            state.audit_head = entry
                .mac
                .as_slice()
                .try_into()
                .map_err(|_| broken(&ChainFault::BadEntry { seq }))?;
            self.state.fold_into(conn, state)?;
        }
        super::staff::fold_group_changes(conn, &self.vault_id, &self.state)?;
        if let Some(roster) = &mut header.roster {
            let now = super::staff::roster_digest(conn)?;
            if !self.state.roster_changed.replace(false) && now != *roster {
                return Err(Error::Tampered {
                    what: "the staff roster or a group key's wrap was changed without the \
                           master key"
                        .into(),
                });
            }
            *roster = now;
        }
        header.group_marks = super::staff::advance_marks(
            conn,
            &self.vault_id,
            &self.state,
            header.group_marks.as_deref(),
        )?;
        self.write_header(conn, &header)?;
        Ok(seq)
    }

    /// The entry count the header records, once the header's MAC proves it.
    pub fn checked_count(&self, conn: &Connection) -> Result<u64> {
        Ok(self.header(conn)?.audit_count.unwrap_or(0))
    }

    /// Checks every entry of the log, in order, against the recorded count.
    pub fn verify(&self, conn: &Connection, progress: impl FnMut(u64)) -> Result<u64> {
        let recorded = self.checked_count(conn)?;
        self.verify_against(conn, recorded, progress)
    }

    /// Checks every entry of the log, in order, against `recorded`, a count read from a
    /// header already proven.
    pub fn verify_against(
        &self,
        conn: &Connection,
        recorded: u64,
        mut progress: impl FnMut(u64),
    ) -> Result<u64> {
        let mut verifier = ChainVerifier::new(&self.key, recorded);
        let mut stmt = conn
            .prepare(&format!("SELECT {ENTRY_COLUMNS} FROM audit ORDER BY seq"))
            .map_err(read_failure)?;
        let mut rows = stmt.query([]).map_err(read_failure)?;
        while let Some(row) = rows.next().map_err(read_failure)? {
            // A value of the wrong type (only an edit makes one) is a bad entry.
            let entry = entry_from_row(row).map_err(|_| {
                let seq = row
                    .get::<_, i64>(0)
                    .ok()
                    .and_then(|s| u64::try_from(s).ok());
                Error::AuditChainBroken {
                    fault: ChainFault::BadEntry {
                        seq: seq.unwrap_or(0),
                    }
                    .to_string(),
                }
            })?;
            verifier.push(&entry).map_err(|f| broken(&f))?;
            progress(entry.seq);
        }
        verifier.finish().map_err(|f| broken(&f))
    }
}

/// Entries read per batch when the whole log is re-MACed.
const RECHAIN_BATCH: i64 = 10_000;

impl AuditLog {
    /// Re-MACs the whole log under `new`'s key, inside the caller's transaction, after
    /// checking each entry under this log's key: a rekey never launders an altered log.
    pub fn rechain(&self, conn: &Connection, new: &AuditLog) -> Result<u64> {
        let recorded = self.checked_count(conn)?;
        let mut verifier = ChainVerifier::new(&self.key, recorded);
        let mut previous_new = Vec::new();
        let mut after = 0i64;
        loop {
            let entries: Vec<Entry> = conn
                .prepare_cached(&format!(
                    "SELECT {ENTRY_COLUMNS} FROM audit WHERE seq > ?1 ORDER BY seq LIMIT ?2"
                ))
                .and_then(|mut s| {
                    s.query_map(params![after, RECHAIN_BATCH], entry_from_row)?
                        .collect::<rusqlite::Result<_>>()
                })
                .map_err(read_failure)?;
            let Some(last) = entries.last() else { break };
            after = i64::try_from(last.seq).unwrap_or(i64::MAX);
            let mut update = conn
                .prepare_cached("UPDATE audit SET mac = ?2 WHERE seq = ?1")
                .map_err(write_failure)?;
            for entry in &entries {
                verifier.push(entry).map_err(|f| broken(&f))?;
                let mac = entry.chain_mac(&new.key, &previous_new);
                update
                    .execute(params![sql_int(entry.seq), mac.as_slice()])
                    .map_err(write_failure)?;
                previous_new = mac.to_vec();
            }
        }
        verifier.finish().map_err(|f| broken(&f))
    }
}

/// Which entries `audit` lists.
#[derive(Clone, Debug, Default)]
pub struct AuditFilter {
    /// Only entries naming this customer code.
    pub code: Option<String>,
    /// Only the newest this many.
    pub last: Option<u64>,
    /// Only entries of this employee (`owner` for the owner's own).
    pub staff: Option<String>,
}

impl Vault {
    /// Entries of the audit log and of the staff members' journals this principal may
    /// see, oldest first.
    pub fn audit_entries(&self, filter: &AuditFilter) -> Result<Vec<Entry>> {
        let mut entries = if self.principal.role() == super::Role::Staff {
            Vec::new()
        } else {
            // An employee's newest entries may lie further back than the newest of all.
            let chain_filter = AuditFilter {
                last: filter.last.filter(|_| filter.staff.is_none()),
                ..filter.clone()
            };
            self.chain_entries(&chain_filter)?
        };
        let code = filter
            .code
            .as_deref()
            .map(|typed| crate::code::parse(typed).unwrap_or_else(|| typed.trim().to_uppercase()));
        entries.extend(
            self.staff_journal()?
                .into_iter()
                .filter(|e| code.as_ref().is_none_or(|c| e.codes.contains(c))),
        );
        if let Some(name) = &filter.staff {
            entries.retain(|e| e.actor.as_deref().unwrap_or(super::staff::OWNER_NAME) == name);
        }
        // Chain entries first at equal times: the sort is stable.
        entries.sort_by(|a, b| a.at.cmp(&b.at));
        if let Some(last) = filter.last {
            let keep = usize::try_from(last).unwrap_or(usize::MAX);
            let skip = entries.len().saturating_sub(keep);
            entries.drain(..skip);
        }
        Ok(entries)
    }

    /// Entries of the owner's chain, oldest first.
    fn chain_entries(&self, filter: &AuditFilter) -> Result<Vec<Entry>> {
        let code = filter
            .code
            .as_deref()
            .map(|typed| crate::code::parse(typed).unwrap_or_else(|| typed.trim().to_uppercase()));
        let last = filter
            .last
            .map_or(i64::MAX, |n| i64::try_from(n).unwrap_or(i64::MAX));
        let sql = format!(
            "SELECT * FROM (
                 SELECT {ENTRY_COLUMNS} FROM audit
                 WHERE ?1 IS NULL OR instr(' ' || codes || ' ', ' ' || ?1 || ' ') > 0
                 ORDER BY seq DESC LIMIT ?2)
             ORDER BY seq"
        );
        let mut stmt = self.conn.prepare(&sql).map_err(read_failure)?;
        let rows = stmt
            .query_map(params![code, last], entry_from_row)
            .map_err(read_failure)?;
        rows.collect::<rusqlite::Result<_>>().map_err(read_failure)
    }

    /// Checks the whole audit chain; the number of entries, or
    /// [`Error::AuditChainBroken`] naming the first bad one.
    pub fn verify_audit(&self, progress: impl FnMut(u64)) -> Result<u64> {
        // A staff member checks their own journal; the owner and managers the chain
        // and every journal.
        if self.principal.role() == super::Role::Staff {
            return self.verify_staff_journals();
        }
        Ok(self.verify_chain(progress)? + self.verify_staff_journals()?)
    }

    /// Checks the owner's chain.
    fn verify_chain(&self, progress: impl FnMut(u64)) -> Result<u64> {
        let fail = |e| Error::db("reading the audit log", e);
        // One snapshot: a concurrent command may append while the chain is read. (Inside
        // a caller's transaction, that one is the snapshot.)
        if !self.conn.is_autocommit() {
            return self.audit.verify(&self.conn, progress);
        }
        let tx = self.conn.unchecked_transaction().map_err(fail)?;
        let verified = self.audit.verify(&tx, progress);
        tx.finish().map_err(fail)?;
        verified
    }

    /// How many entries the header records.
    pub fn audit_count(&self) -> Result<u64> {
        recorded_count(&self.conn)
    }

    /// Appends many events in one transaction; for benchmarks that need a long log.
    #[doc(hidden)]
    pub fn record_many(&mut self, events: impl IntoIterator<Item = Event>) -> Result<()> {
        let tx = self.conn.transaction().map_err(write_failure)?;
        for event in events {
            self.audit.append(&tx, event)?;
        }
        tx.commit().map_err(write_failure)
    }
}
