//! `sealbook backup`: snapshot the vault and encrypt it to an age archive. Needs no
//! vault passphrase, so a cron job can run it on a machine that holds no secret.

use std::time::Instant;

use crate::backup::{self, ArchiveKey, Retention};
use crate::cli::BackupArgs;
use crate::cmd::Context;
use crate::error::{Error, Result};
use crate::vault::{LockedVault, snapshot};
use crate::{output, passphrase};

fn archive_key(args: &BackupArgs) -> Result<ArchiveKey> {
    if args.passphrase {
        return Ok(ArchiveKey::Passphrase {
            passphrase: passphrase::backup(true, args.archive_passphrase_file.as_deref())?,
            work_factor: args.work_factor,
        });
    }
    let mut recipients = backup::recipients_from_args(&args.recipients)?;
    for path in &args.recipients_files {
        recipients.extend(backup::recipients_from_file(path)?);
    }
    Ok(ArchiveKey::Recipients(recipients))
}

fn retention(args: &BackupArgs) -> Retention {
    let count = |n: Option<u32>| n.map(|n| n as usize);
    Retention {
        last: count(args.keep),
        daily: count(args.keep_daily),
        weekly: count(args.keep_weekly),
        monthly: count(args.keep_monthly),
    }
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
    crate::process::remove_on_interrupt(snapshot_file.path());
    vault.snapshot_into(snapshot_file.path())?;
    let vault_id = vault.short_id();
    drop(vault);
    // A damaged vault makes no archive, and so rotates no good older one out: the
    // snapshot is checked while it is encrypted, and the archive is named only if it
    // passes.
    let mut facts = None;
    let check = || {
        let found = snapshot::inspect_snapshot(snapshot_file.path()).map_err(|e| match e {
            Error::Tampered { what } => Error::Tampered {
                what: format!("{what}; no archive was written and none was deleted"),
            },
            other => other,
        })?;
        facts = Some(found);
        Ok(())
    };
    let written = backup::write_archive(snapshot_file.path(), &args.to, &vault_id, &key, check)?;
    let facts = facts.ok_or_else(|| Error::Tampered {
        what: "the snapshot was not checked".into(),
    })?;
    drop(snapshot_file);
    let pruned = backup::prune(&args.to, &facts.vault, &retention(args), &written.path)?;
    for path in &pruned.future {
        output::warning(&format!(
            "{} is dated in the future; retention left it alone (check this machine's clock)",
            path.display()
        ));
    }

    if cx.global.json {
        output::json(&serde_json::json!({
            "path": written.path,
            "bytes": written.bytes,
            "customers": facts.customers,
            "vault": facts.vault,
            "seconds": started.elapsed().as_secs_f64(),
            "pruned": pruned.deleted,
            "future": pruned.future,
        }))
    } else if cx.global.quiet {
        Ok(())
    } else {
        for path in &pruned.deleted {
            output::status(false, &format!("Deleted old archive {}", path.display()));
        }
        output::line(&written.path.display().to_string())
    }
}
