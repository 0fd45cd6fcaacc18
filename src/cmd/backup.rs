//! `sealbook backup`: snapshot the vault and encrypt it to an age archive. Needs no
//! vault passphrase, so a cron job can run it on a machine that holds no secret.

use std::time::Instant;

use crate::backup::{self, ArchiveKey};
use crate::cli::BackupArgs;
use crate::cmd::Context;
use crate::error::{Error, Result};
use crate::vault::{LockedVault, snapshot};
use crate::{output, passphrase};

fn archive_key(args: &BackupArgs) -> Result<ArchiveKey> {
    if args.passphrase {
        return Ok(ArchiveKey::Passphrase {
            passphrase: passphrase::backup(true)?,
            work_factor: args.work_factor,
        });
    }
    let mut recipients = backup::recipients_from_args(&args.recipients)?;
    for path in &args.recipients_files {
        recipients.extend(backup::recipients_from_file(path)?);
    }
    Ok(ArchiveKey::Recipients(recipients))
}

pub fn run(cx: &Context, args: &BackupArgs) -> Result<()> {
    let started = Instant::now();
    backup::check_target_dir(&args.to)?;
    let key = archive_key(args)?;
    let vault_path = cx.vault_path()?;
    let vault = LockedVault::open(&vault_path)?;

    // The snapshot is a sealed copy of the vault, kept beside it (0600, 0700 directory)
    // and removed when this guard drops, whatever happens.
    let snapshot_dir = vault_path.parent().unwrap_or(std::path::Path::new("."));
    let snapshot_file = tempfile::Builder::new()
        .prefix(".sealbook-snapshot-")
        .tempfile_in(snapshot_dir)
        .map_err(|e| {
            Error::io(
                format!("creating a snapshot in {}", snapshot_dir.display()),
                e,
            )
        })?;
    vault.snapshot_into(snapshot_file.path())?;
    drop(vault);
    let customers = snapshot::count_in_file(snapshot_file.path())?;

    let written = backup::write_archive(snapshot_file.path(), &args.to, &key)?;
    drop(snapshot_file);
    let pruned = match args.keep {
        Some(keep) => backup::prune(&args.to, keep as usize)?,
        None => Vec::new(),
    };

    if cx.global.json {
        output::json(&serde_json::json!({
            "path": written.path,
            "bytes": written.bytes,
            "customers": customers,
            "seconds": started.elapsed().as_secs_f64(),
            "pruned": pruned,
        }))
    } else {
        for path in &pruned {
            output::status(
                cx.global.quiet,
                &format!("Deleted old archive {}", path.display()),
            );
        }
        output::line(&written.path.display().to_string())
    }
}
