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
use time::macros::format_description;

use crate::crypto::random_array;
use crate::error::{Error, Result};

/// age's scrypt work factor (log₂ N) for passphrase archives unless told otherwise:
/// about a second on a current machine, as the age tool chooses.
pub const DEFAULT_WORK_FACTOR: u8 = 18;
/// The most work a passphrase archive may demand when it is opened.
const MAX_WORK_FACTOR: u8 = 22;
const COPY_BUFFER: usize = 256 * 1024;
const PREFIX: &str = "sealbook-";
const SUFFIX: &str = ".age";

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

/// The file name of an archive of vault `vault` (its short id) taken at `at`, with
/// `-N` when that second is taken: `sealbook-3fa9c01b-20261122T020000Z.age`.
fn archive_name(vault: &str, at: OffsetDateTime, attempt: u32) -> String {
    let stamp = at
        .format(format_description!(
            "[year][month][day]T[hour][minute][second]Z"
        ))
        .unwrap_or_default();
    if attempt == 0 {
        format!("{PREFIX}{vault}-{stamp}{SUFFIX}")
    } else {
        format!("{PREFIX}{vault}-{stamp}-{attempt}{SUFFIX}")
    }
}

/// A name sealbook gives its archives, taken apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArchiveName {
    /// The short id of the vault it holds; `None` for names written before archives
    /// carried one (`sealbook-20261122T020000Z.age`), which no retention touches.
    pub vault: Option<String>,
    /// When it was written, `YYYYMMDDTHHMMSSZ`.
    pub stamp: String,
    /// The `-N` of a second archive in the same second (0 for none).
    pub counter: u64,
}

fn is_stamp(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 16
        && b[..8].iter().all(u8::is_ascii_digit)
        && b[8] == b'T'
        && b[9..15].iter().all(u8::is_ascii_digit)
        && b[15] == b'Z'
}

/// True for a vault's short id as archive names carry it: 8 lower-case hex digits.
fn is_short_id(text: &str) -> bool {
    text.len() == SHORT_ID_LEN && text.bytes().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f'))
}

const SHORT_ID_LEN: usize = 8;

impl ArchiveName {
    /// Parses a file name; `None` for anything sealbook did not name.
    pub fn parse(name: &str) -> Option<Self> {
        let body = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
        let mut parts = body.split('-');
        let first = parts.next()?;
        let (vault, stamp) = if is_short_id(first) {
            (Some(first.to_owned()), parts.next()?)
        } else {
            (None, first)
        };
        if !is_stamp(stamp) {
            return None;
        }
        let counter = match parts.next() {
            None => 0,
            Some(n) if !n.is_empty() && n.bytes().all(|c| c.is_ascii_digit()) => n.parse().ok()?,
            Some(_) => return None,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(Self {
            vault,
            stamp: stamp.to_owned(),
            counter,
        })
    }

    /// When the archive was written, from its name.
    pub fn time(&self) -> Option<OffsetDateTime> {
        let format = format_description!("[year][month][day]T[hour][minute][second]Z");
        time::PrimitiveDateTime::parse(&self.stamp, &format)
            .ok()
            .map(time::PrimitiveDateTime::assume_utc)
    }
}

/// True only for names sealbook gives its archives, so retention never touches a
/// file it did not write.
pub fn is_archive_name(name: &str) -> bool {
    ArchiveName::parse(name).is_some()
}

/// The archives of vault `vault` in `dir`: (file name, parsed name), oldest first.
pub fn archives_of(dir: &Path, vault: &str) -> Result<Vec<(String, ArchiveName)>> {
    let entries =
        fs::read_dir(dir).map_err(|e| Error::io(format!("listing {}", dir.display()), e))?;
    let mut archives: Vec<(String, ArchiveName)> = entries
        .filter_map(std::result::Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter_map(|name| ArchiveName::parse(&name).map(|parsed| (name, parsed)))
        .filter(|(_, parsed)| parsed.vault.as_deref() == Some(vault))
        .collect();
    archives.sort_by(|a, b| (&a.1.stamp, a.1.counter).cmp(&(&b.1.stamp, b.1.counter)));
    Ok(archives)
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

fn sync_dir(dir: &Path) -> Result<()> {
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

/// Which archives of a vault `backup` keeps, as restic's `forget` counts them: the
/// newest `last`, and the newest archive of each of the last `daily` days, `weekly` ISO
/// weeks and `monthly` months that have one. An archive any rule keeps is kept.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Retention {
    pub last: Option<usize>,
    pub daily: Option<usize>,
    pub weekly: Option<usize>,
    pub monthly: Option<usize>,
}

impl Retention {
    /// True when no rule was given: nothing is pruned.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Which of `times` (newest first) to keep.
    fn keep(&self, times: &[OffsetDateTime]) -> Vec<bool> {
        let mut keep = vec![false; times.len()];
        for flag in keep.iter_mut().take(self.last.unwrap_or(0)) {
            *flag = true;
        }
        let rules: [(Option<usize>, Period); 3] = [
            (self.daily, |t| (t.year(), t.ordinal().into())),
            (self.weekly, |t| {
                let (year, week, _) = t.to_iso_week_date();
                (year, week.into())
            }),
            (self.monthly, |t| (t.year(), u8::from(t.month()).into())),
        ];
        for (count, period) in rules {
            let Some(count) = count else { continue };
            let mut periods = 0;
            let mut last_period = None;
            for (i, time) in times.iter().enumerate() {
                let this = period(*time);
                if last_period != Some(this) {
                    if periods == count {
                        break;
                    }
                    periods += 1;
                    last_period = Some(this);
                    keep[i] = true;
                }
            }
        }
        keep
    }
}

/// The period (day, ISO week or month) an archive's time falls in, as (year, number).
type Period = fn(OffsetDateTime) -> (i32, u32);

/// What retention did.
#[derive(Debug, Default)]
pub struct Pruned {
    pub deleted: Vec<PathBuf>,
    /// Archives of this vault dated after now: left alone, since a clock set wrong
    /// (here or on the machine that wrote them) must not decide what is deleted.
    pub future: Vec<PathBuf>,
}

/// Applies `policy` to the archives of vault `vault` in `dir`, never deleting `written`
/// (the archive just made), archives of other vaults, archives dated in the future, or
/// any file sealbook did not name.
pub fn prune(dir: &Path, vault: &str, policy: &Retention, written: &Path) -> Result<Pruned> {
    let mut pruned = Pruned::default();
    if policy.is_empty() {
        return Ok(pruned);
    }
    // A minute of grace for clocks a little ahead of this one.
    let now = OffsetDateTime::now_utc() + time::Duration::minutes(1);
    let mut candidates = Vec::new();
    for (name, parsed) in archives_of(dir, vault)?.into_iter().rev() {
        let path = dir.join(&name);
        match parsed.time() {
            Some(at) if at <= now => candidates.push((path, at)),
            _ => pruned.future.push(path),
        }
    }
    let times: Vec<OffsetDateTime> = candidates.iter().map(|(_, at)| *at).collect();
    let keep = policy.keep(&times);
    let written_name = written.file_name();
    for ((path, _), keep) in candidates.into_iter().zip(keep) {
        if keep || path.file_name() == written_name {
            continue;
        }
        fs::remove_file(&path).map_err(|e| Error::io(format!("deleting {}", path.display()), e))?;
        pruned.deleted.push(path);
    }
    if !pruned.deleted.is_empty() {
        sync_dir(dir)?;
    }
    Ok(pruned)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sealbook_archive_names_are_recognised() {
        assert!(is_archive_name("sealbook-20261122T193000Z.age"));
        assert!(is_archive_name("sealbook-20261122T193000Z-2.age"));
        let named = ArchiveName::parse("sealbook-3fa9c01b-20261122T193000Z-2.age");
        assert_eq!(
            named,
            Some(ArchiveName {
                vault: Some("3fa9c01b".into()),
                stamp: "20261122T193000Z".into(),
                counter: 2
            })
        );
        assert_eq!(
            ArchiveName::parse("sealbook-20261122T193000Z.age").map(|a| a.vault),
            Some(None)
        );
        assert!(!is_archive_name(
            "sealbook-3fa9c01b-20261122T193000Z-2-3.age"
        ));
        assert!(!is_archive_name("sealbook-3FA9C01B-20261122T193000Z.age"));
        for other in [
            "sealbook-20261122T193000Z.age.partial-0000",
            ".sealbook-20261122T193000Z.age.partial-1234abcd",
            "sealbook-latest.age",
            "sealbook-20261122T193000Z-.age",
            "notes.age",
            "sealbook-20261122-193000.age",
        ] {
            assert!(!is_archive_name(other), "{other}");
        }
    }

    #[test]
    fn archive_names_sort_by_time_then_counter() {
        let mut names = vec![
            "sealbook-20261122T193000Z-10.age",
            "sealbook-20261122T193000Z-2.age",
            "sealbook-20261121T235959Z.age",
            "sealbook-20261122T193000Z.age",
        ];
        names.sort_by_key(|n| {
            let a = ArchiveName::parse(n).unwrap();
            (a.stamp, a.counter)
        });
        assert_eq!(
            names,
            [
                "sealbook-20261121T235959Z.age",
                "sealbook-20261122T193000Z.age",
                "sealbook-20261122T193000Z-2.age",
                "sealbook-20261122T193000Z-10.age",
            ]
        );
    }

    fn at(text: &str) -> OffsetDateTime {
        ArchiveName::parse(&format!("sealbook-{text}.age"))
            .and_then(|a| a.time())
            .unwrap()
    }

    #[test]
    fn retention_keeps_the_newest_of_each_period() {
        // Newest first: two a day for four days of two ISO weeks and two months.
        let times: Vec<OffsetDateTime> = [
            "20261202T200000Z",
            "20261202T020000Z",
            "20261201T020000Z",
            "20261130T200000Z",
            "20261130T020000Z",
            "20261129T020000Z",
        ]
        .iter()
        .map(|t| at(t))
        .collect();
        let daily = Retention {
            daily: Some(2),
            ..Retention::default()
        };
        assert_eq!(daily.keep(&times), [true, false, true, false, false, false]);
        // 2026-11-30 is a Monday: the 29th ends the week before.
        let weekly = Retention {
            weekly: Some(5),
            ..Retention::default()
        };
        assert_eq!(
            weekly.keep(&times),
            [true, false, false, false, false, true]
        );
        let monthly = Retention {
            monthly: Some(1),
            last: Some(1),
            ..Retention::default()
        };
        assert_eq!(
            monthly.keep(&times),
            [true, false, false, false, false, false]
        );
        let both = Retention {
            monthly: Some(2),
            ..Retention::default()
        };
        assert_eq!(both.keep(&times), [true, false, false, true, false, false]);
    }

    #[test]
    fn recipients_file_errors_name_the_line() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("recipients");
        let key = age::x25519::Identity::generate().to_public().to_string();
        fs::write(&path, format!("# office NAS\n{key}\n\nnot-a-key\n"))?;
        match recipients_from_file(&path) {
            Err(Error::Recipients { line, .. }) => assert_eq!(line, 4),
            other => panic!("expected a line error, got {:?}", other.err()),
        }
        fs::write(&path, format!("# office NAS\n{key}\n"))?;
        assert_eq!(recipients_from_file(&path).map(|r| r.len()).ok(), Some(1));
        Ok(())
    }
}
