//! The sealed customer store: creating and unlocking a vault file, and reading and
//! writing customers through it. All SQL of sealbook lives below this module.

mod audit_log;
mod column;
mod export;
mod header;
mod import;
pub mod keyslot;
mod known;
mod matching;
mod purge;
mod record;
mod rekey;
mod restored;
mod row;
mod schema;
mod search;
pub mod sidecars;
mod slot_changes;
pub mod snapshot;
mod staff;
mod state;
mod store;
mod upgrade;
mod verify;

use std::fs::{self, OpenOptions};
use std::io::ErrorKind;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use time::OffsetDateTime;
use time::macros::format_description;

use crate::crypto::{BlindIndexKey, KdfParams, MasterKey, random_array};
use crate::error::{Error, Result};
pub use audit_log::AuditFilter;
use column::Ciphers;
pub use export::ExportFilter;
pub use import::{
    ImportChange, ImportOptions, ImportRow, ImportSummary, MAX_REPORTED_ERRORS, MatchKey,
    OnDuplicate, RowError, import_code,
};
pub use keyslot::{Credentials, NewSecret, SlotInfo, SlotKind};
pub use purge::Purged;
pub use record::{Customer, CustomerData, Validator};
pub use rekey::Rekeyed;
pub use restored::RestoreOutcome;
pub use staff::{OWNER_NAME, Principal, Role, StaffMember};
pub use store::Erased;
pub use verify::VerifyReport;

/// Bits kept of each blind index. With R customers, 2 ≤ R/2^bits < √R keeps several
/// customers behind every index value (CipherSweet's rule) for R from about 130k down
/// to a few hundred, where a leaked index reveals little.
const DEFAULT_BLIND_INDEX_BITS: u32 = 16;

/// A vault's short id: its first four id bytes in hex.
fn short_id(vault_id: &[u8; 16]) -> String {
    vault_id[..4].iter().fold(String::new(), |mut hex, b| {
        use std::fmt::Write;
        let _ = write!(hex, "{b:02x}");
        hex
    })
}

/// The current time in UTC as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn now_utc() -> String {
    OffsetDateTime::now_utc()
        .format(format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second]Z"
        ))
        .unwrap_or_default()
}

/// The master key of an unlocked vault; [`Error::NotPermitted`] when a staff member,
/// who never holds it, unlocked it. (A function of the field, so a transaction may
/// borrow the connection meanwhile.)
fn master_of(master: Option<&MasterKey>) -> Result<&MasterKey> {
    master.ok_or_else(|| Error::NotPermitted {
        what: "this needs the master key, which staff members do not hold".into(),
    })
}

/// An opened vault file whose keys are not yet known.
pub struct LockedVault {
    conn: Connection,
    path: PathBuf,
    vault_id: [u8; 16],
}

/// An unlocked vault: customers can be read and written.
pub struct Vault {
    conn: Connection,
    path: PathBuf,
    vault_id: [u8; 16],
    /// `None` when a staff member unlocked: they never hold the master key.
    master: Option<MasterKey>,
    principal: Principal,
    epoch: u32,
    /// The keys of every group this principal opens (`column::Ciphers`).
    ciphers: Ciphers,
    blind_bits: u32,
    /// What a staff member's slot gave them, to wrap again when they change their
    /// passphrase (`None` for everyone else).
    member_secrets: Option<Box<staff::StaffSecrets>>,
    /// The keyslot the vault was opened with (`None`: opened by the unlock agent).
    slot: Option<keyslot::OpenedSlot>,
    audit: audit_log::AuditLog,
}

/// One blind index key per indexed field.
struct BlindKeys {
    email: BlindIndexKey,
    phone: BlindIndexKey,
    national_id: BlindIndexKey,
    account: BlindIndexKey,
    owner: BlindIndexKey,
    tag: BlindIndexKey,
}

impl BlindKeys {
    fn new(keys: &crate::crypto::DataKeys<'_>) -> Self {
        Self {
            email: keys.blind_index_key("email"),
            phone: keys.blind_index_key("phone"),
            national_id: keys.blind_index_key("national_id"),
            account: keys.blind_index_key("account"),
            owner: keys.blind_index_key("owner"),
            tag: keys.blind_index_key("tag"),
        }
    }
}

use header::{
    AUDIT_COUNT, BLIND_INDEX_BITS, HEADER_MAC, Header, KEY_EPOCH, StateDigests, VAULT_ID,
};

/// Choices made once, when a vault is created.
#[derive(Clone, Copy, Debug)]
pub struct VaultOptions {
    /// Bits kept of each blind index (1 to 63).
    pub blind_index_bits: u32,
}

impl Default for VaultOptions {
    fn default() -> Self {
        Self {
            blind_index_bits: DEFAULT_BLIND_INDEX_BITS,
        }
    }
}

fn open_connection(path: &Path, writable: bool) -> Result<Connection> {
    let mode = if writable {
        OpenFlags::SQLITE_OPEN_READ_WRITE
    } else {
        OpenFlags::SQLITE_OPEN_READ_ONLY
    };
    let conn = Connection::open_with_flags(path, mode | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| Error::db(format!("opening {}", path.display()), e))?;
    schema::configure_connection(&conn).map_err(|_| Error::NotAVault {
        path: path.to_owned(),
    })?;
    Ok(conn)
}

/// Creates `dir` and any missing parents with mode 0700.
fn create_private_dir(dir: &Path) -> Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|e| Error::io(format!("creating directory {}", dir.display()), e))
}

impl LockedVault {
    /// Opens the vault file at `path` read-only, without unlocking it: nothing can be
    /// written (not even a checkpoint of a log left by a crash) until a key is proven.
    pub fn open(path: &Path) -> Result<Self> {
        if !path.exists() {
            return Err(Error::VaultNotFound {
                path: path.to_owned(),
            });
        }
        let conn = open_connection(path, false)?;
        schema::check(&conn, path)?;
        schema::check_objects(&conn)?;
        let not_a_vault = || Error::NotAVault {
            path: path.to_owned(),
        };
        let id = schema::meta_get(&conn, VAULT_ID)
            .map_err(|_| not_a_vault())?
            .ok_or_else(not_a_vault)?;
        let vault_id = id.as_slice().try_into().map_err(|_| Error::Tampered {
            what: "the vault id is malformed".into(),
        })?;
        Ok(Self {
            conn,
            path: path.to_owned(),
            vault_id,
        })
    }

    /// The vault's short id: the first four bytes of its random id in hex, as backup
    /// archive names carry it so archives of two vaults in one folder are told apart.
    pub fn short_id(&self) -> String {
        short_id(&self.vault_id)
    }

    /// Unlocks with `credentials`; a wrong passphrase is [`Error::WrongPassphrase`] and
    /// leaves the file untouched.
    pub fn unlock(self, credentials: &Credentials) -> Result<Vault> {
        let vault = self.unlock_keys(credentials)?;
        vault.refuse_pending_restore()?;
        Ok(vault)
    }

    /// Unlocks a vault file that `restore` has just decrypted and prepared, folding the
    /// restore into its audit log and re-applying the erasures it carries (see
    /// `vault::restored`). Any other unlock refuses a file that holds such a record.
    pub fn unlock_restored(self, credentials: &Credentials) -> Result<(Vault, RestoreOutcome)> {
        let mut vault = self.unlock_keys(credentials)?;
        let outcome = vault.fold_in_restore()?;
        Ok((vault, outcome))
    }

    fn unlock_keys(self, credentials: &Credentials) -> Result<Vault> {
        let (master, slot) = keyslot::unlock(&self.conn, &self.vault_id, credentials)?;
        drop(self.conn);
        let conn = open_connection(&self.path, true)?;
        Vault::with_master(
            conn,
            self.path,
            self.vault_id,
            master,
            Some(slot),
            Principal::Owner,
        )
    }

    /// Unlocks as the employee `name` on the roster, with their own secret: a manager
    /// opens every customer, a staff member their own group.
    pub fn unlock_as(self, name: &str, credentials: &Credentials) -> Result<Vault> {
        let keys = staff::unlock_member(&self.conn, &self.vault_id, name, credentials)?;
        drop(self.conn);
        let conn = open_connection(&self.path, true)?;
        let vault = match keys {
            staff::MemberKeys::Manager { id, name, master } => Vault::with_master(
                conn,
                self.path,
                self.vault_id,
                master,
                None,
                Principal::Manager { id, name },
            )?,
            staff::MemberKeys::Staff {
                id,
                name,
                mut secrets,
                kek,
            } => {
                let mut conn = conn;
                staff::take_delivery(&mut conn, &self.vault_id, id, &kek, &mut secrets)?;
                Vault::for_staff(conn, self.path, self.vault_id, id, name, secrets)?
            }
        };
        vault.refuse_pending_restore()?;
        Ok(vault)
    }

    /// The vault's random id (clear in the file; the unlock agent is found by it).
    pub fn vault_id(&self) -> [u8; 16] {
        self.vault_id
    }

    /// Unlocks with a master key the unlock agent held, checked exactly as one from a
    /// keyslot (the header's MAC proves it). A vault opened so cannot change keys.
    pub fn unlock_with_master(self, master: MasterKey) -> Result<Vault> {
        // Proven on the read-only connection first: a file that only carries this
        // vault's id is never opened for writing with the agent's key.
        Header::read(&self.conn)?.verify(&self.conn, &self.vault_id, &master.header_key())?;
        drop(self.conn);
        let conn = open_connection(&self.path, true)?;
        let vault = Vault::with_master(
            conn,
            self.path,
            self.vault_id,
            master,
            None,
            Principal::Owner,
        )?;
        vault.refuse_pending_restore()?;
        Ok(vault)
    }
}

impl Vault {
    /// Creates a new vault at `path` (never overwriting anything), with one keyslot for
    /// `credentials` at cost `params`. The file is 0600 in a 0700 directory and appears
    /// under its final name only once complete.
    pub fn create(
        path: &Path,
        credentials: &Credentials,
        params: &KdfParams,
        options: VaultOptions,
    ) -> Result<()> {
        if path.exists() {
            return Err(Error::VaultExists {
                path: path.to_owned(),
            });
        }
        let dir = path.parent().unwrap_or(Path::new(""));
        create_private_dir(dir)?;
        let file_name = path.file_name().ok_or_else(|| Error::InvalidArgument {
            argument: "--vault".into(),
            reason: "the path names no file".into(),
        })?;
        let mut tmp_name = std::ffi::OsString::from(".");
        tmp_name.push(file_name);
        tmp_name.push(format!(".init-{:08x}", u32::from_be_bytes(random_array())));
        let tmp = dir.join(tmp_name);

        let result = Self::write_new(&tmp, credentials, params, options).and_then(|()| {
            fs::hard_link(&tmp, path).map_err(|e| match e.kind() {
                ErrorKind::AlreadyExists => Error::VaultExists {
                    path: path.to_owned(),
                },
                _ => Error::io(format!("creating {}", path.display()), e),
            })
        });
        sidecars::remove_with_sidecars(&tmp);
        result
    }

    fn write_new(
        tmp: &Path,
        credentials: &Credentials,
        params: &KdfParams,
        options: VaultOptions,
    ) -> Result<()> {
        if !(1..=63).contains(&options.blind_index_bits) {
            return Err(Error::InvalidArgument {
                argument: "blind index size".into(),
                reason: "must be 1 to 63 bits".into(),
            });
        }
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(tmp)
            .map_err(|e| Error::io(format!("creating {}", tmp.display()), e))?;
        let conn = open_connection(tmp, true)?;
        let fail = |e| Error::db("writing the new vault", e);
        schema::create(&conn).map_err(fail)?;
        let vault_id: [u8; 16] = random_array();
        schema::meta_set(&conn, VAULT_ID, &vault_id)?;
        let epoch = 1u32;
        let master = MasterKey::generate();
        let log = audit_log::AuditLog::new(&master, &vault_id, epoch, "init");
        staff::create_identity_key(&conn, &vault_id, &master)?;
        let header = Header {
            epoch,
            blind_bits: options.blind_index_bits,
            audit_count: Some(0),
            state: Some(StateDigests::default()),
            roster: Some(staff::roster_digest(&conn)?),
            group_marks: Some(Vec::new()),
        };
        log.write_header(&conn, &header)?;
        let secret = NewSecret::Passphrase(credentials);
        keyslot::add(&conn, &vault_id, &master, &secret, params, "passphrase")?;
        log.state.keyslots_changed();
        // The log starts with the vault's creation.
        log.append(&conn, crate::audit::Event::new("init"))?;
        conn.close().map_err(|(_, e)| fail(e))?;
        Ok(())
    }

    fn with_master(
        mut conn: Connection,
        path: PathBuf,
        vault_id: [u8; 16],
        master: MasterKey,
        slot: Option<keyslot::OpenedSlot>,
        principal: Principal,
    ) -> Result<Self> {
        let (header, upgrade) = Self::check_header(&mut conn, &vault_id, &master)?;
        let keys = master.data_keys(header.epoch);
        let mut ciphers = Ciphers::new(&keys, vault_id);
        if upgrade {
            ciphers = ciphers.accepting_legacy();
        }
        let mut audit = audit_log::AuditLog::new(&master, &vault_id, header.epoch, "");
        if let Principal::Manager { name, .. } = &principal {
            audit.actor = Some(name.clone());
        }
        let mut vault = Self {
            conn,
            path,
            vault_id,
            master: Some(master),
            principal,
            epoch: header.epoch,
            ciphers,
            blind_bits: header.blind_bits,
            slot,
            audit,
            member_secrets: None,
        };
        if upgrade {
            vault.upgrade_to_v3()?;
            vault.ciphers = Ciphers::new(&vault.master()?.data_keys(vault.epoch), vault_id);
        } else if header.roster.is_none() {
            vault.upgrade_to_v4()?;
        }
        if let Some(master) = &vault.master {
            staff::load_owner_keys(
                &vault.conn,
                &vault_id,
                master,
                &mut vault.ciphers,
                &mut vault.audit.state,
            )?;
        }
        vault.check_state_at_unlock()?;
        let header = vault.audit.header(&vault.conn)?;
        vault.check_roster(header.roster)?;
        vault.check_group_marks(header.group_marks.as_deref())?;
        vault.load_erasures()?;
        Ok(vault)
    }

    /// A staff member's vault: their group's keys only, their queries scoped to their
    /// group, their entries signed into their own journal.
    fn for_staff(
        conn: Connection,
        path: PathBuf,
        vault_id: [u8; 16],
        id: i64,
        name: String,
        secrets: Box<staff::StaffSecrets>,
    ) -> Result<Self> {
        if schema::version(&conn)? < 4 {
            return Err(Error::Tampered {
                what: "a staff slot in a vault without staff".into(),
            });
        }
        let (ciphers, seal) = staff::staff_ciphers(vault_id, id, &secrets);
        // The header's values are the owner's: a staff member cannot check its MAC, and
        // reads only the blind index size from it (a changed size makes their searches
        // find nothing, never another group's customers).
        let header = Header::read(&conn)?;
        let placeholder = staff::staff_placeholder_keys(&secrets);
        let mut audit = audit_log::AuditLog::new(&placeholder, &vault_id, 1, "");
        staff::check_staff_at_unlock(&conn, &vault_id, id, &seal)?;
        audit.state.add_group(id, seal);
        audit.staff = Some(staff::StaffAuthor {
            id,
            signer: crate::crypto::signing::Signer::from_seed(&secrets.signer.seed()),
        });
        staff::scope_to_group(&conn, id)?;
        let mut vault = Self {
            conn,
            path,
            vault_id,
            master: None,
            principal: Principal::Staff { id, name },
            epoch: header.epoch,
            ciphers,
            blind_bits: header.blind_bits,
            slot: None,
            audit,
            member_secrets: Some(secrets),
        };
        vault.load_erasures()?;
        Ok(vault)
    }

    /// The master key; [`Error::NotPermitted`] for a staff member, who never holds it.
    fn master(&self) -> Result<&MasterKey> {
        master_of(self.master.as_ref())
    }

    /// The group new customers of this principal go to: their own for a staff member,
    /// group 0 for the owner and managers.
    fn own_group(&self) -> i64 {
        match &self.principal {
            Principal::Staff { id, .. } => *id,
            Principal::Owner | Principal::Manager { .. } => 0,
        }
    }

    /// Checks the MACed header and returns it, with whether the vault still has to be
    /// upgraded to schema version 3 (which needs the vault's ciphers). A version 1
    /// vault is brought to version 2 here, once its header has proven the key.
    fn check_header(
        conn: &mut Connection,
        vault_id: &[u8; 16],
        master: &MasterKey,
    ) -> Result<(Header, bool)> {
        let fail = |e| Error::db("reading the vault header", e);
        // One snapshot for every header value: a concurrent writer may append to the
        // audit log (and re-MAC the header) at any moment.
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(fail)?;
        let mut header = Header::read(&tx)?;
        let header_key = master.header_key();
        header.verify(&tx, vault_id, &header_key)?;
        if schema::version(&tx)? == 1 {
            schema::migrate_v1(&tx)?;
            header.audit_count = Some(0);
            header.write(&tx, vault_id, &header_key)?;
        }
        tx.commit().map_err(fail)?;
        let upgrade = header.state.is_none();
        Ok((header, upgrade))
    }

    /// Names the command whose changes and reads this vault records in the audit log.
    pub fn set_command(&mut self, command: &str) {
        command.clone_into(&mut self.audit.command);
    }

    /// The vault's random id (the unlock agent is found by it).
    pub fn vault_id(&self) -> [u8; 16] {
        self.vault_id
    }

    /// The master key's bytes, for the unlock agent to keep in memory (the owner's
    /// only: an agent's key unlocks as the owner).
    pub fn key_for_agent(&self) -> Result<zeroize::Zeroizing<[u8; 32]>> {
        self.require(&[Role::Owner], "keep the vault unlocked in an agent")?;
        Ok(self.master()?.to_bytes())
    }

    /// Records a read that revealed personal data (or any event) in the audit log, in
    /// its own transaction. Commands call this before they print what they read.
    pub fn record(&mut self, event: crate::audit::Event) -> Result<()> {
        let fail = |e| Error::db("writing the audit log", e);
        let tx = state::begin_write(&mut self.conn, &self.audit.state).map_err(fail)?;
        self.audit.append(&tx, event)?;
        tx.commit().map_err(fail)
    }
}
