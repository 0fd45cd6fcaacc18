//! Backup archives: a vault snapshot streamed through age to a file that appears under
//! its final name only when complete, and back. No SQL here (snapshots are taken by
//! `vault::snapshot`), and no vault key: archives are encrypted to age recipients or an
//! age passphrase, independent of the vault passphrase.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufReader, Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use age::secrecy::SecretString;
use time::OffsetDateTime;

use crate::crypto::random_array;
use crate::error::{Error, Result};

mod names;
mod retention;
#[cfg(test)]
mod tests;

use names::archive_name;
pub use names::{ArchiveName, archives_of, is_archive_name};
pub use retention::{Pruned, Retention, prune};

/// age's scrypt work factor (log₂ N) for passphrase archives unless told otherwise:
/// about a second on a current machine, as the age tool chooses.
pub const DEFAULT_WORK_FACTOR: u8 = 18;
/// The most work a passphrase archive may demand when it is opened.
const MAX_WORK_FACTOR: u8 = 22;
const COPY_BUFFER: usize = 256 * 1024;

/// Who can open an archive.
pub enum ArchiveKey {
    Recipients(Vec<Box<dyn age::Recipient + Send>>),
    Passphrase {
        passphrase: SecretString,
        work_factor: u8,
    },
}

/// What opens an archive.
pub enum OpeningKey {
    Identities(Vec<Box<dyn age::Identity + Send + Sync>>),
    Passphrase(SecretString),
}

/// Parses one recipient as written after `-r` or on a line of a recipients file.
fn parse_recipient(text: &str) -> std::result::Result<Box<dyn age::Recipient + Send>, String> {
    if text.starts_with("ssh-") {
        return Err("SSH keys are not supported; use an age1… X25519 recipient".into());
    }
    if text.to_ascii_uppercase().starts_with("AGE-SECRET-KEY-") {
        return Err(
            "this is a secret identity, not a recipient: give its public key \
                    (age-keygen -y IDENTITY_FILE prints it), and keep the identity away \
                    from the machine that writes backups"
                .into(),
        );
    }
    age::x25519::Recipient::from_str(text)
        .map(|r| Box::new(r) as Box<dyn age::Recipient + Send>)
        .map_err(|_| "not an age recipient (expected age1…)".into())
}

/// Recipients given with `-r`.
pub fn recipients_from_args(values: &[String]) -> Result<Vec<Box<dyn age::Recipient + Send>>> {
    values
        .iter()
        .map(|v| {
            parse_recipient(v.trim()).map_err(|reason| Error::InvalidArgument {
                argument: "-r".into(),
                reason,
            })
        })
        .collect()
}

/// Recipients from a file in age's format: one per line, `#` comments, blank lines.
pub fn recipients_from_file(path: &Path) -> Result<Vec<Box<dyn age::Recipient + Send>>> {
    let text = fs::read_to_string(path)
        .map_err(|e| Error::io(format!("reading recipients file {}", path.display()), e))?;
    let mut recipients = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let recipient = parse_recipient(line).map_err(|reason| Error::Recipients {
            path: path.to_owned(),
            line: number + 1,
            reason,
        })?;
        recipients.push(recipient);
    }
    if recipients.is_empty() {
        return Err(Error::Recipients {
            path: path.to_owned(),
            line: 0,
            reason: "the file names no recipient".into(),
        });
    }
    Ok(recipients)
}

/// Identities from an age identity file (as written by `age-keygen`).
pub fn identities_from_file(path: &Path) -> Result<Vec<Box<dyn age::Identity + Send + Sync>>> {
    let bad = |reason: String| Error::ArchiveKey {
        reason: format!("identity file {}: {reason}", path.display()),
    };
    let file = age::IdentityFile::from_file(path.to_string_lossy().into_owned())
        .map_err(|e| bad(e.to_string()))?;
    let identities = file.into_identities().map_err(|e| bad(e.to_string()))?;
    if identities.is_empty() {
        return Err(bad("it holds no identity".into()));
    }
    Ok(identities)
}

/// Checks that `dir` is a directory sealbook can write an archive into.
pub fn check_target_dir(dir: &Path) -> Result<()> {
    let meta = fs::metadata(dir).map_err(|e| Error::BackupDir {
        path: dir.to_owned(),
        reason: e.to_string(),
    })?;
    if !meta.is_dir() {
        return Err(Error::BackupDir {
            path: dir.to_owned(),
            reason: "not a directory".into(),
        });
    }
    Ok(())
}

fn copy_stream(mut from: impl Read, to: &mut impl Write) -> io::Result<u64> {
    let mut buffer = vec![0u8; COPY_BUFFER];
    let mut total = 0u64;
    loop {
        let n = match from.read(&mut buffer) {
            Ok(0) => return Ok(total),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        to.write_all(&buffer[..n])?;
        total += n as u64;
    }
}

fn encryptor(key: &ArchiveKey) -> Result<age::Encryptor> {
    let failed = |e: age::EncryptError| Error::ArchiveKey {
        reason: e.to_string(),
    };
    match key {
        ArchiveKey::Recipients(recipients) => {
            age::Encryptor::with_recipients(recipients.iter().map(|r| r.as_ref() as _))
                .map_err(failed)
        }
        ArchiveKey::Passphrase {
            passphrase,
            work_factor,
        } => {
            let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
            recipient.set_work_factor(*work_factor);
            age::Encryptor::with_recipients(std::iter::once(&recipient as _)).map_err(failed)
        }
    }
}

pub(crate) fn sync_dir(dir: &Path) -> Result<()> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::io(format!("syncing directory {}", dir.display()), e))
}

/// A finished archive.
pub struct WrittenArchive {
    pub path: PathBuf,
    pub bytes: u64,
}

/// Encrypts `snapshot` into a new archive in `dir`. The data goes to a hidden partial
/// file first, is fsynced, and only then gets its final `sealbook-…age` name, so an
/// interrupted backup never leaves a half archive under a final name.
///
/// `approve` runs beside the encryption (it checks the snapshot, on another core): the
/// archive gets its final name only when it returns `Ok`, so a damaged snapshot leaves
/// no archive behind.
pub fn write_archive(
    snapshot: &Path,
    dir: &Path,
    vault: &str,
    key: &ArchiveKey,
    approve: impl FnOnce() -> Result<()> + Send,
) -> Result<WrittenArchive> {
    let encryptor = encryptor(key)?;
    let now = OffsetDateTime::now_utc();
    let partial = dir.join(format!(
        ".{}.partial-{:08x}",
        archive_name(vault, now, 0),
        u32::from_be_bytes(random_array())
    ));
    crate::process::remove_on_interrupt(&partial);
    let result = std::thread::scope(|scope| {
        let approval = scope.spawn(approve);
        let written = write_partial(snapshot, &partial, encryptor);
        let approved = approval
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        let bytes = approved.and(written)?;
        let path = link_final(&partial, dir, vault, now)?;
        Ok::<_, Error>(WrittenArchive { path, bytes })
    });
    let _ = fs::remove_file(&partial);
    crate::process::forget(&partial);
    let written = result?;
    sync_dir(dir)?;
    Ok(written)
}

fn write_partial(snapshot: &Path, partial: &Path, encryptor: age::Encryptor) -> Result<u64> {
    let write_err = |e| Error::io(format!("writing {}", partial.display()), e);
    let input = File::open(snapshot).map_err(|e| Error::io("reading the snapshot", e))?;
    let output = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(partial)
        .map_err(write_err)?;
    let mut writer = encryptor.wrap_output(output).map_err(write_err)?;
    copy_stream(input, &mut writer).map_err(write_err)?;
    let file = writer.finish().map_err(write_err)?;
    file.sync_all().map_err(write_err)?;
    file.metadata().map(|m| m.len()).map_err(write_err)
}

/// Gives the partial file its final name without ever replacing an existing file.
fn link_final(partial: &Path, dir: &Path, vault: &str, at: OffsetDateTime) -> Result<PathBuf> {
    for attempt in 0..1000 {
        let path = dir.join(archive_name(vault, at, attempt));
        match fs::hard_link(partial, &path) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            // Some network and FAT file systems have no hard links: fall back to a
            // rename, after checking the name is free (no other writer uses it).
            Err(_) if !path.exists() => {
                fs::rename(partial, &path)
                    .map_err(|e| Error::io(format!("creating {}", path.display()), e))?;
                return Ok(path);
            }
            Err(e) => return Err(Error::io(format!("creating {}", path.display()), e)),
        }
    }
    Err(Error::BackupDir {
        path: dir.to_owned(),
        reason: "too many archives with the same timestamp".into(),
    })
}

fn decrypt_error(archive: &Path, error: age::DecryptError, passphrase: bool) -> Error {
    use age::DecryptError as D;
    match error {
        D::NoMatchingKeys | D::KeyDecryptionFailed => Error::ArchiveKey {
            reason: format!("no identity given opens {}", archive.display()),
        },
        D::DecryptionFailed if passphrase => Error::ArchiveKey {
            reason: format!("the passphrase does not open {}", archive.display()),
        },
        D::ExcessiveWork { required, .. } => Error::Archive {
            path: archive.to_owned(),
            reason: format!("it demands scrypt work factor {required}, above the limit"),
        },
        D::InvalidHeader | D::UnknownFormat => Error::Archive {
            path: archive.to_owned(),
            reason: "it is not an age archive (its header is not age's)".into(),
        },
        other => Error::Archive {
            path: archive.to_owned(),
            reason: other.to_string(),
        },
    }
}

/// Decrypts `archive` into `output` (a new 0600 file the caller removes on error) and
/// fsyncs it. A damaged or truncated archive is [`Error::Archive`]. Returns the size.
pub fn decrypt_archive(archive: &Path, key: &OpeningKey, output: &mut File) -> Result<u64> {
    let file =
        File::open(archive).map_err(|e| Error::io(format!("opening {}", archive.display()), e))?;
    let decryptor = age::Decryptor::new_buffered(BufReader::new(file))
        .map_err(|e| decrypt_error(archive, e, false))?;
    let reader = match key {
        OpeningKey::Identities(ids) => decryptor.decrypt(ids.iter().map(|i| i.as_ref() as _)),
        OpeningKey::Passphrase(passphrase) => {
            let mut identity = age::scrypt::Identity::new(passphrase.clone());
            identity.set_max_work_factor(MAX_WORK_FACTOR);
            decryptor.decrypt(std::iter::once(&identity as _))
        }
    }
    .map_err(|e| decrypt_error(archive, e, matches!(key, OpeningKey::Passphrase(_))))?;
    let copied = copy_stream(reader, output).and_then(|n| output.sync_all().map(|()| n));
    copied.map_err(|e| {
        if e.kind() == io::ErrorKind::InvalidData || e.kind() == io::ErrorKind::UnexpectedEof {
            Error::Archive {
                path: archive.to_owned(),
                reason: "it is truncated or was altered".into(),
            }
        } else {
            Error::io("writing the restored vault", e)
        }
    })
}
