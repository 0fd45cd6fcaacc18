//! Putting an output file in place atomically: written through a private temporary
//! file beside the target that takes its name only when complete (and, with a recheck,
//! only when nothing is found in it again).

use std::fs::{self, File};
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use super::recheck_stream;
use crate::error::{Error, Result};
use crate::privacy::rewrite::{Rewriter, StreamReport};

/// How an output file may be put in place.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Placing {
    /// A new file: an existing one (or a link) at the name is an error.
    New,
    /// A new file that may replace what is at the name (`--force`); a link there is
    /// replaced itself, never written through.
    Replace,
    /// The input itself, rewritten in place, keeping its permissions.
    InPlace(Option<u32>),
}

/// Refuses to put a new file where one exists, unless `--force`.
fn check_free(target: &Path, placing: Placing) -> Result<()> {
    if placing == Placing::New && fs::symlink_metadata(target).is_ok() {
        return Err(Error::InvalidArgument {
            argument: "-o".into(),
            reason: format!("{} exists; pass --force to replace it", target.display()),
        });
    }
    Ok(())
}

/// Writes through a temporary file beside `target` (0600, as files derived from
/// personal data are) that takes its name only when complete.
pub(crate) fn write_atomically(
    target: &Path,
    placing: Placing,
    recheck: Option<&Rewriter>,
    write: impl FnOnce(&mut File) -> Result<StreamReport>,
) -> Result<StreamReport> {
    check_free(target, placing)?;
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
    let mut temp = tempfile::Builder::new()
        .prefix(".sealbook-redact-")
        .tempfile_in(dir)
        .map_err(|e| Error::io(format!("writing in {}", dir.display()), e))?;
    crate::process::remove_on_interrupt(temp.path());
    let temp_path = temp.path().to_owned();
    let result = write_temp(&mut temp, target, placing, recheck, write);
    crate::process::forget(&temp_path);
    result
}

fn write_temp(
    temp: &mut tempfile::NamedTempFile,
    target: &Path,
    placing: Placing,
    recheck: Option<&Rewriter>,
    write: impl FnOnce(&mut File) -> Result<StreamReport>,
) -> Result<StreamReport> {
    let report = write(temp.as_file_mut())?;
    if let Some(rechecker) = recheck {
        let mut written = File::open(temp.path())
            .map_err(|e| Error::io(format!("reading back {}", target.display()), e))?;
        recheck_stream(rechecker, &mut written, &target.display().to_string())?;
    }
    if let Placing::InPlace(Some(mode)) = placing {
        fs::set_permissions(temp.path(), fs::Permissions::from_mode(mode))
            .map_err(|e| Error::io(format!("setting permissions of {}", target.display()), e))?;
    }
    temp.as_file()
        .sync_all()
        .map_err(|e| Error::io(format!("writing {}", target.display()), e))?;
    // Renaming replaces a link at the name itself; with no --force, a file that
    // appeared there meanwhile is not replaced either.
    if placing == Placing::New {
        match fs::hard_link(temp.path(), target) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                return Err(Error::io(
                    format!("writing {} (pass --force to replace it)", target.display()),
                    e,
                ));
            }
            // File systems without hard links: the name was free a moment ago.
            Err(_) => fs::rename(temp.path(), target)
                .map_err(|e| Error::io(format!("writing {}", target.display()), e))?,
        }
    } else {
        fs::rename(temp.path(), target)
            .map_err(|e| Error::io(format!("writing {}", target.display()), e))?;
    }
    Ok(report)
}
