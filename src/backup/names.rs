//! Archive file names: `sealbook-<vault short id>-<UTC time>[-N].age`, written and read
//! back, so a directory of archives can be listed by vault and by time.

use std::fs;
use std::path::Path;

use time::OffsetDateTime;
use time::macros::format_description;

use crate::error::{Error, Result};

const PREFIX: &str = "sealbook-";
const SUFFIX: &str = ".age";

/// The file name of an archive of vault `vault` (its short id) taken at `at`, with
/// `-N` when that second is taken: `sealbook-3fa9c01b-20261122T020000Z.age`.
pub(super) fn archive_name(vault: &str, at: OffsetDateTime, attempt: u32) -> String {
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
