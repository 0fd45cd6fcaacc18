//! The sealed customer store: creating and unlocking a vault file, and reading and
//! writing customers through it. All SQL of sealbook lives below this module.

mod code;
mod column;
pub mod keyslot;
mod record;
mod schema;
mod search;
mod store;

use std::fs::{self, OpenOptions};
use std::io::ErrorKind;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use time::OffsetDateTime;
use time::macros::format_description;

use crate::crypto::{BlindIndexKey, KdfParams, MasterKey, random_array};
use crate::error::{Error, Result};
use column::Ciphers;
pub use keyslot::Credentials;
pub use record::{Customer, CustomerData, FIELD_NAMES, Validator};
pub use search::{ExactField, SearchField};

/// Bits kept of each blind index. With R customers, 2 ≤ R/2^bits < √R keeps several
/// customers behind every index value (CipherSweet's rule) for R from about 130k down
/// to a few hundred, where a leaked index reveals little.
const DEFAULT_BLIND_INDEX_BITS: u32 = 16;

/// The current time in UTC as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn now_utc() -> String {
    OffsetDateTime::now_utc()
        .format(format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second]Z"
        ))
        .unwrap_or_default()
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
    master: MasterKey,
    ciphers: Ciphers,
    blind: BlindKeys,
    blind_bits: u32,
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

const KEY_EPOCH: &str = "key_epoch";
const VAULT_ID: &str = "vault_id";
const BLIND_INDEX_BITS: &str = "blind_index_bits";

fn open_connection(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| Error::db(format!("opening {}", path.display()), e))?;
    schema::configure_connection(&conn).map_err(|_| Error::NotAVault {
        path: path.to_owned(),
    })?;
    Ok(conn)
}

fn read_u32(conn: &Connection, key: &str) -> Result<u32> {
    let bytes = schema::meta_get(conn, key)?.ok_or_else(|| Error::Tampered {
        what: format!("the vault header has no {key}"),
    })?;
    let array: [u8; 4] = bytes.as_slice().try_into().map_err(|_| Error::Tampered {
        what: format!("the vault header's {key} is malformed"),
    })?;
    Ok(u32::from_be_bytes(array))
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

fn remove_database_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = fs::remove_file(PathBuf::from(name));
    }
}

impl LockedVault {
    /// Opens the vault file at `path` without unlocking it. Nothing is written.
    pub fn open(path: &Path) -> Result<Self> {
        if !path.exists() {
            return Err(Error::VaultNotFound {
                path: path.to_owned(),
            });
        }
        let conn = open_connection(path)?;
        schema::check(&conn, path)?;
        let id = schema::meta_get(&conn, VAULT_ID)?.ok_or_else(|| Error::NotAVault {
            path: path.to_owned(),
        })?;
        let vault_id = id.as_slice().try_into().map_err(|_| Error::Tampered {
            what: "the vault id is malformed".into(),
        })?;
        Ok(Self {
            conn,
            path: path.to_owned(),
            vault_id,
        })
    }

    /// Unlocks with `credentials`; a wrong passphrase is [`Error::WrongPassphrase`] and
    /// leaves the file untouched.
    pub fn unlock(self, credentials: &Credentials) -> Result<Vault> {
        let master = keyslot::unlock(&self.conn, &self.vault_id, credentials)?;
        Vault::with_master(self.conn, self.path, self.vault_id, master)
    }
}

impl Vault {
    /// Creates a new vault at `path` (never overwriting anything), with one keyslot for
    /// `credentials` at cost `params`. The file is 0600 in a 0700 directory and appears
    /// under its final name only once complete.
    pub fn create(path: &Path, credentials: &Credentials, params: &KdfParams) -> Result<()> {
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

        let result = Self::write_new(&tmp, credentials, params).and_then(|()| {
            fs::hard_link(&tmp, path).map_err(|e| match e.kind() {
                ErrorKind::AlreadyExists => Error::VaultExists {
                    path: path.to_owned(),
                },
                _ => Error::io(format!("creating {}", path.display()), e),
            })
        });
        remove_database_files(&tmp);
        result
    }

    fn write_new(tmp: &Path, credentials: &Credentials, params: &KdfParams) -> Result<()> {
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(tmp)
            .map_err(|e| Error::io(format!("creating {}", tmp.display()), e))?;
        let conn = open_connection(tmp)?;
        let fail = |e| Error::db("writing the new vault", e);
        schema::create(&conn).map_err(fail)?;
        let vault_id: [u8; 16] = random_array();
        schema::meta_set(&conn, VAULT_ID, &vault_id)?;
        schema::meta_set(&conn, KEY_EPOCH, &1u32.to_be_bytes())?;
        schema::meta_set(
            &conn,
            BLIND_INDEX_BITS,
            &DEFAULT_BLIND_INDEX_BITS.to_be_bytes(),
        )?;
        let master = MasterKey::generate();
        keyslot::add(&conn, &vault_id, &master, credentials, params, "passphrase")?;
        conn.close().map_err(|(_, e)| fail(e))?;
        Ok(())
    }

    fn with_master(
        conn: Connection,
        path: PathBuf,
        vault_id: [u8; 16],
        master: MasterKey,
    ) -> Result<Self> {
        let epoch = read_u32(&conn, KEY_EPOCH)?;
        let blind_bits = read_u32(&conn, BLIND_INDEX_BITS)?;
        if !(1..=63).contains(&blind_bits) {
            return Err(Error::Tampered {
                what: "the vault header's blind index size is out of range".into(),
            });
        }
        let keys = master.data_keys(epoch);
        let ciphers = Ciphers::new(&keys, vault_id);
        let blind = BlindKeys {
            email: keys.blind_index_key("email"),
            phone: keys.blind_index_key("phone"),
            national_id: keys.blind_index_key("national_id"),
            account: keys.blind_index_key("account"),
            owner: keys.blind_index_key("owner"),
            tag: keys.blind_index_key("tag"),
        };
        Ok(Self {
            conn,
            path,
            vault_id,
            master,
            ciphers,
            blind,
            blind_bits,
        })
    }

    /// The vault file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The master key, for keyslot management.
    pub fn master_key(&self) -> &MasterKey {
        &self.master
    }

    /// The random id of this vault, bound into every seal.
    pub fn id(&self) -> &[u8; 16] {
        &self.vault_id
    }
}
