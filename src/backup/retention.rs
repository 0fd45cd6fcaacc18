//! Retention: which archives of a vault a backup keeps, and pruning the others.

use std::fs;
use std::path::{Path, PathBuf};

use time::OffsetDateTime;

use super::{archives_of, sync_dir};
use crate::error::{Error, Result};

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
    pub(super) fn keep(&self, times: &[OffsetDateTime]) -> Vec<bool> {
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
