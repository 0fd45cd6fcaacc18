//! `sealbook restore`: decrypt an archive beside its destination, check it, and only then
//! install it in one rename.

use std::fs;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

use crate::backup;
use crate::cli::RestoreArgs;
use crate::cmd::Context;
use crate::error::{Error, Result};
use crate::vault::{Credentials, LockedVault, RestoreOutcome, sidecars, snapshot};
use crate::{output, passphrase};

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

/// Where the restored vault goes (inside `--to` when that is a directory), once the
/// archive is known to be a file and nothing would be replaced without `--force`.
fn checked_target(cx: &Context, args: &RestoreArgs) -> Result<PathBuf> {
    let target = match &args.to {
        // A directory (`--to backups/`): the vault goes inside it, under the usual name.
        Some(path) if path.is_dir() => path.join("vault.sealbook"),
        Some(path) => path.clone(),
        None => cx.vault_path()?,
    };
    if target.exists() && !args.force {
        return Err(Error::RestoreTargetExists { path: target });
    }
    if !args.archive.is_file() {
        return Err(Error::InvalidArgument {
            argument: "ARCHIVE".into(),
            reason: format!(
                "{} is not a file; `ls` the backup directory for sealbook-*.age archives",
                args.archive.display()
            ),
        });
    }
    Ok(target)
}

pub fn run(cx: &Context, args: &RestoreArgs) -> Result<()> {
    if cx.global.as_staff.is_some() {
        return Err(crate::error::Error::NotPermitted {
            what: "restore a backup (only the owner restores, with a passphrase of the \
                   vault's own keyslots)"
                .into(),
        });
    }
    let target = checked_target(cx, args)?;
    let key = cx.opening_key(&args.key)?;
    // The vault passphrase: the restored vault's log is extended, and the erasures it
    // must apply again are proven, under its key, before it is installed.
    let credentials = passphrase::credentials(&cx.global)?;
    let mut registers = recorded_registers(cx, &target, &credentials);
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
    crate::process::remove_on_interrupt(restored.path());
    // SQLite's own files beside the decrypted copy go with it, whatever happens.
    let _sidecars = sidecars::Sidecars(restored.path().to_owned());
    let bytes = backup::decrypt_archive(&args.archive, &key, restored.as_file_mut())?;
    let facts = snapshot::inspect_file(restored.path()).map_err(|e| match e {
        Error::Tampered { what } => Error::Archive {
            path: args.archive.clone(),
            reason: what,
        },
        other => other,
    })?;
    snapshot::prepare_restored(restored.path())?;
    // Newer archives of the same vault beside this one: with no vault left to prove
    // its erasures (a stolen laptop, a damaged file), they are the best record of who
    // was erased since. All of them are read, not the newest by name: a file name
    // proves nothing, and each register only grows.
    let newer = newer_archives(&args.archive, &facts);
    let vault_gone = !target.exists() && !configured_vault_exists(cx, &target);
    let mut newest_read = Vec::new();
    if !registers.iter().any(|r| r.proven) {
        for archive in &newer {
            if let Some(register) = archive_register(archive, &key, dir, &credentials) {
                registers.push(register);
                newest_read.push(archive.clone());
            }
        }
    }
    let pending = snapshot::PendingRestore {
        archive: args
            .archive
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        archive_last_change: facts.last_change.clone(),
        registers,
        carried: 0,
    };
    let replaced = target.exists().then_some(target.as_path());
    snapshot::record_restore(restored.path(), replaced, pending)?;
    // Unlocked with the vault passphrase (a wrong one is exit 3, and nothing is
    // installed): the restore and its erasures join the log now.
    let done = LockedVault::open(restored.path())?
        .unlock_restored(&credentials)
        .map(|(vault, outcome)| {
            drop(vault);
            outcome
        })?;

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

    print(
        cx,
        &Outcome {
            target,
            bytes,
            facts,
            done,
            kept,
            vault_gone,
            newer,
            newest_read,
        },
    )
}

/// What a restore did, for its report.
struct Outcome {
    target: PathBuf,
    bytes: u64,
    facts: snapshot::FileFacts,
    done: RestoreOutcome,
    kept: Option<PathBuf>,
    vault_gone: bool,
    newer: Vec<PathBuf>,
    /// The newer archives whose erasure registers were read.
    newest_read: Vec<PathBuf>,
}

fn print(cx: &Context, outcome: &Outcome) -> Result<()> {
    let Outcome {
        target,
        bytes,
        facts,
        done,
        kept,
        vault_gone,
        newer,
        newest_read,
    } = outcome;
    let (reapplied, carried, vault_gone) = (&done.reapplied, done.carried, *vault_gone);
    let archive_date = facts.last_change.as_deref().unwrap_or("an unknown date");
    if cx.global.json {
        output::json(&serde_json::json!({
            "path": target,
            "bytes": bytes,
            "customers": facts.customers.unsigned_abs() - reapplied.len() as u64,
            "erasures_reapplied": reapplied,
            "erasures_not_reapplied": done.unproven,
            "previous": kept,
            "archive_last_change": facts.last_change,
            "audit_entries_carried": carried,
            "audit_entries_carried_unverified": done.carried_unverified,
            "vault_was_missing": vault_gone,
            "newer_archives": newer,
            "erasures_read_from": newest_read,
        }))
    } else {
        print_newer(cx, outcome, archive_date);
        if !reapplied.is_empty() {
            output::status(
                cx.global.quiet,
                &format!(
                    "Erased {} again that were erased after this backup was taken: {}",
                    output::count(reapplied.len() as u64, "customer", "customers"),
                    reapplied.join(" ")
                ),
            );
        }
        if !done.unproven.is_empty() {
            output::warning(&format!(
                "{} named by an erasure register that the vault passphrase \
                 could not prove (it was altered, or written under a key this passphrase \
                 does not open), so they were NOT erased again: {}. Erase them with \
                 `sealbook erase` if their erasure was real; the audit log records this.",
                output::count(done.unproven.len() as u64, "customer is", "customers are"),
                done.unproven.join(" ")
            ));
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
                "Restored {} customers to {}, as they were at {archive_date} (the newest \
                 change recorded inside the archive). It opens with \
                 the vault's passphrase.{}",
                facts.customers.unsigned_abs() - reapplied.len() as u64,
                target.display(),
                if kept.is_some() {
                    format!(
                        " The replaced vault's audit log is kept: {carried} entries the \
                         archive lacked were added{}.",
                        match done.carried_unverified {
                            0 => String::new(),
                            n => format!(
                                ", and {n} that its key could not prove were added marked \
                                 [carried, unverified]"
                            ),
                        }
                    )
                } else {
                    String::new()
                }
            ),
        );
        Ok(())
    }
}

/// What the restore says of newer archives, and of a vault that was gone.
fn print_newer(cx: &Context, outcome: &Outcome, archive_date: &str) {
    let Outcome {
        target,
        vault_gone,
        newer,
        newest_read,
        ..
    } = outcome;
    if *vault_gone || !newest_read.is_empty() {
        let newer_note = match (newest_read.len(), newer.len()) {
            (0, 0) => " No newer archive of this vault is in the same folder.".into(),
            (0, 1) => " A newer archive of this vault is in the same folder.".into(),
            (0, n) => format!(" {n} newer archives of this vault are in the same folder."),
            (read, _) => format!(
                " The erasures recorded in the {} of this vault in the \
                 same folder were read, and those their own key proves were applied.",
                output::count(read as u64, "newer archive", "newer archives")
            ),
        };
        let why = if *vault_gone {
            format!("no vault was at {}", target.display())
        } else {
            format!(
                "the erasures of the vault at {} could not be proven",
                target.display()
            )
        };
        output::warning(&format!(
            "{why}, so customers erased after this archive was last changed \
             ({archive_date}, as recorded inside it) may not all be erased again.{newer_note}"
        ));
    } else if !newer.is_empty() {
        output::status(
            cx.global.quiet,
            &format!(
                "Note: {} of this vault in the same folder; the newest is {}.",
                output::count(newer.len() as u64, "newer archive is", "newer archives are"),
                newer
                    .last()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default()
            ),
        );
    }
}

/// True when the configured vault (other than `target`) exists.
fn configured_vault_exists(cx: &Context, target: &Path) -> bool {
    cx.vault_path()
        .is_ok_and(|configured| configured != target && configured.is_file())
}

/// The archives of the same vault as `archive` in its folder, written after it (by the
/// date in their names), oldest first.
fn newer_archives(archive: &Path, facts: &snapshot::FileFacts) -> Vec<PathBuf> {
    let dir = archive
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let this = archive
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(backup::ArchiveName::parse);
    let Ok(all) = backup::archives_of(dir, &facts.vault) else {
        return Vec::new();
    };
    all.into_iter()
        .filter(|(_, name)| {
            this.as_ref()
                .is_none_or(|this| (&name.stamp, name.counter) > (&this.stamp, this.counter))
        })
        .map(|(file, _)| dir.join(file))
        .collect()
}

/// The erasure register of a newer archive, when it can be read (else a warning).
fn archive_register(
    archive: &Path,
    key: &backup::OpeningKey,
    dir: &Path,
    credentials: &Credentials,
) -> Option<snapshot::CarriedRegister> {
    match register_of_archive(archive, key, dir, credentials) {
        Ok(found) => Some(found),
        Err(e) => {
            output::warning(&format!(
                "could not read the erasures recorded in {}: {e}",
                archive.display()
            ));
            None
        }
    }
}

/// The erasure register inside another archive, decrypted to a scratch file in `dir`.
fn register_of_archive(
    archive: &Path,
    key: &backup::OpeningKey,
    dir: &Path,
    credentials: &Credentials,
) -> Result<snapshot::CarriedRegister> {
    let mut scratch = tempfile::Builder::new()
        .prefix(".sealbook-restore-")
        .tempfile_in(dir)
        .map_err(|e| Error::io(format!("creating a file in {}", dir.display()), e))?;
    crate::process::remove_on_interrupt(scratch.path());
    let _sidecars = sidecars::Sidecars(scratch.path().to_owned());
    backup::decrypt_archive(archive, key, scratch.as_file_mut())?;
    snapshot::inspect_file(scratch.path())?;
    let found = snapshot::register_in_file(scratch.path()).map(|register| {
        let path = scratch.path().to_owned();
        prove(register, &path, credentials)
    });
    crate::process::forget(scratch.path());
    found
}

/// The erasures recorded by the vault being replaced and by the configured vault (when
/// restoring elsewhere): a restore must not bring back a customer erased since the
/// backup. A vault whose register cannot be read is reported and skipped.
fn recorded_registers(
    cx: &Context,
    target: &Path,
    credentials: &Credentials,
) -> Vec<snapshot::CarriedRegister> {
    let mut sources = vec![target.to_owned()];
    if let Ok(configured) = cx.vault_path()
        && configured != target
    {
        sources.push(configured);
    }
    let mut registers = Vec::new();
    for source in sources.iter().filter(|p| p.is_file()) {
        match snapshot::register_in_file(source) {
            Ok(found) => registers.push(prove(found, source, credentials)),
            Err(e) => output::warning(&format!(
                "could not read the erasures recorded in {}, so customers erased there may \
                 come back with this restore: {e}",
                source.display()
            )),
        }
    }
    registers
}

/// Marks `register` proven when the copy of the vault it was read from, unlocked with
/// the vault passphrase, proves it with its own key: a register someone forged in that
/// copy, or one from a copy this passphrase does not open, erases nobody.
fn prove(
    mut register: snapshot::CarriedRegister,
    source: &Path,
    credentials: &Credentials,
) -> snapshot::CarriedRegister {
    // An empty register is proven too: entries deleted from it would otherwise bring
    // erased customers back in silence.
    match LockedVault::open(source).and_then(|copy| copy.unlock(credentials)) {
        Ok(copy) => register.proven = copy.proves(&register),
        Err(e) => output::warning(&format!(
            "the erasures recorded in {} cannot be proven ({e})",
            source.display()
        )),
    }
    if !register.proven {
        output::warning(&format!(
            "the erasure register of {} is not the one its key holder wrote (or cannot be \
             read): the customers it names are not erased again, and customers erased there \
             since this backup may come back. Check `sealbook audit` for erase entries.",
            source.display()
        ));
    }
    register
}

/// Keeps the vault at `target` as `.before-restore` (a hard link, so `target` still
/// holds a whole vault until the restored one replaces it) with whatever log it has,
/// after making sure no other process has it open.
fn set_aside(target: &Path) -> Result<PathBuf> {
    let kept = before_restore_name(target)?;
    sidecars::keep_aside(target, &kept)?;
    Ok(kept)
}
