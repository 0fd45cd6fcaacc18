//! `sealbook restore`: decrypt an archive beside its destination, check it, and only then
//! install it in one rename.

use std::fs;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

use crate::backup;
use crate::cli::RestoreArgs;
use crate::cmd::Context;
use crate::error::{Error, Result};
use crate::output;
use crate::vault::snapshot;

/// The first free `VAULT.before-restore` name (then `.1`, `.2`, ...), so no earlier
/// copy is ever overwritten.
fn before_restore_name(target: &Path) -> Result<PathBuf> {
    let base = format!("{}.before-restore", target.display());
    std::iter::once(PathBuf::from(&base))
        .chain((1..1000).map(|n| PathBuf::from(format!("{base}.{n}"))))
        .find(|p| !p.exists())
        .ok_or_else(|| Error::InvalidArgument {
            argument: "restore".into(),
            reason: format!("{base}.1 to .999 all exist; remove old copies first"),
        })
}

pub fn run(cx: &Context, args: &RestoreArgs) -> Result<()> {
    let target = match &args.to {
        Some(path) => path.clone(),
        None => cx.vault_path()?,
    };
    if target.exists() && !args.force {
        return Err(Error::RestoreTargetExists { path: target });
    }
    if !args.archive.is_file() {
        return Err(Error::io(
            format!("opening {}", args.archive.display()),
            std::io::Error::from(std::io::ErrorKind::NotFound),
        ));
    }
    let key = cx.opening_key(&args.key)?;
    let erasures = recorded_erasures(cx, &target);
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.is_dir() {
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
    }

    // Decrypted beside the target so the final rename is atomic; removed on any error.
    let mut restored = tempfile::Builder::new()
        .prefix(".sealbook-restore-")
        .tempfile_in(dir)
        .map_err(|e| Error::io(format!("creating a file in {}", dir.display()), e))?;
    let bytes = backup::decrypt_archive(&args.archive, &key, restored.as_file_mut())?;
    let facts = snapshot::inspect_file(restored.path()).map_err(|e| match e {
        Error::Tampered { what } => Error::Archive {
            path: args.archive.clone(),
            reason: what,
        },
        other => other,
    })?;
    snapshot::prepare_restored(restored.path())?;
    let reapplied = snapshot::reapply_erasures(restored.path(), &erasures)?;

    let kept = if target.exists() {
        Some(set_aside(&target)?)
    } else {
        None
    };
    let persisted = if kept.is_some() {
        restored.persist(&target)
    } else {
        restored.persist_noclobber(&target)
    };
    persisted.map_err(|e| Error::io(format!("installing {}", target.display()), e.error))?;
    fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::io(format!("syncing {}", dir.display()), e))?;

    if cx.global.json {
        output::json(&serde_json::json!({
            "path": target,
            "bytes": bytes,
            "customers": facts.customers.unsigned_abs() - reapplied.len() as u64,
            "erasures_reapplied": reapplied,
            "previous": kept,
        }))
    } else {
        if !reapplied.is_empty() {
            output::status(
                cx.global.quiet,
                &format!(
                    "Erased {} customer(s) again that the current vault had erased after this \
                     backup was taken: {}",
                    reapplied.len(),
                    reapplied.join(" ")
                ),
            );
        }
        if let Some(kept) = &kept {
            output::status(
                cx.global.quiet,
                &format!("Kept the replaced vault as {}", kept.display()),
            );
        }
        output::status(
            cx.global.quiet,
            &format!(
                "Restored {} customers to {}. It opens with the vault's passphrase.",
                facts.customers.unsigned_abs() - reapplied.len() as u64,
                target.display()
            ),
        );
        Ok(())
    }
}

/// The erasures recorded by the vault being replaced and by the configured vault (when
/// restoring elsewhere): a restore must not bring back a customer erased since the
/// backup. A vault whose register cannot be read is reported and skipped.
fn recorded_erasures(cx: &Context, target: &Path) -> Vec<snapshot::Erasure> {
    let mut sources = vec![target.to_owned()];
    if let Ok(configured) = cx.vault_path()
        && configured != target
    {
        sources.push(configured);
    }
    let mut erasures = Vec::new();
    for source in sources.iter().filter(|p| p.is_file()) {
        match snapshot::erasures_in_file(source) {
            Ok(found) => erasures.extend(found),
            Err(e) => output::warning(&format!(
                "could not read the erasures recorded in {}, so customers erased there may \
                 come back with this restore: {e}",
                source.display()
            )),
        }
    }
    erasures
}

/// Keeps the vault at `target` as `.before-restore` (a hard link, so `target` still
/// holds a whole vault until the restored one replaces it) with whatever log it has,
/// after making sure no other process has it open.
fn set_aside(target: &Path) -> Result<PathBuf> {
    let in_use = || Error::Io {
        context: format!("replacing {}", target.display()),
        source: std::io::Error::other(
            "another process has the vault open; close it and restore again",
        ),
    };
    let log_files = || {
        ["-wal", "-shm"]
            .iter()
            .any(|s| PathBuf::from(format!("{}{s}", target.display())).exists())
    };
    match snapshot::checkpoint_file(target) {
        // The last connection to close deletes the log: if it is still there, some
        // other process has the vault open, idle or not.
        Ok(true) if !log_files() => {}
        Ok(_) => return Err(in_use()),
        // A damaged vault cannot be checkpointed; its log moves with it below.
        Err(_) => {}
    }
    let kept = before_restore_name(target)?;
    fs::hard_link(target, &kept)
        .map_err(|e| Error::io(format!("keeping the old vault as {}", kept.display()), e))?;
    // Whatever log is left belongs to the old vault: it must not be replayed into
    // the restored one.
    for suffix in ["-wal", "-shm"] {
        let log = PathBuf::from(format!("{}{suffix}", target.display()));
        if log.exists() {
            let moved = PathBuf::from(format!("{}{suffix}", kept.display()));
            fs::rename(&log, &moved)
                .map_err(|e| Error::io(format!("moving {}", log.display()), e))?;
        }
    }
    Ok(kept)
}
