//! `sealbook verify`: check the live vault (every seal and index), or a backup archive
//! (decrypts, SQLite integrity, a sealbook vault; every seal too with the passphrase).

use crate::backup;
use crate::cli::VerifyArgs;
use crate::cmd::Context;
use crate::error::{Error, Result};
use crate::vault::{LockedVault, VerifyReport, sidecars, snapshot};
use crate::{output, passphrase};

fn check_report(report: &VerifyReport) -> Result<()> {
    match report.problems.first() {
        Some(first) => Err(Error::VerifyFailed {
            problems: report.problems.len(),
            first: first.clone(),
        }),
        None => Ok(()),
    }
}

pub fn run(cx: &Context, args: &VerifyArgs) -> Result<()> {
    let Some(archive) = &args.archive else {
        let vault = cx.unlock()?;
        let report = vault.verify()?;
        check_report(&report)?;
        return if cx.global.json {
            output::json(&serde_json::json!({
                "ok": true,
                "customers": report.customers,
                "audit_entries": report.audit_entries,
            }))
        } else {
            output::line(&format!(
                "OK: {} customers and {} audit entries; every seal opens, every index \
                 matches and the audit chain is intact.",
                report.customers, report.audit_entries
            ))
        };
    };

    let key = cx.opening_key(&args.key)?;
    let mut decrypted = tempfile::Builder::new()
        .prefix(".sealbook-verify-")
        .tempfile()
        .map_err(|e| Error::io("creating a temporary file", e))?;
    crate::process::remove_on_interrupt(decrypted.path());
    let _sidecars = sidecars::Sidecars(decrypted.path().to_owned());
    backup::decrypt_archive(archive, &key, decrypted.as_file_mut())?;
    let as_archive_error = |e: Error| match e {
        Error::Tampered { what } => Error::Archive {
            path: archive.clone(),
            reason: what,
        },
        other => other,
    };
    let facts = snapshot::inspect_file(decrypted.path()).map_err(as_archive_error)?;
    let full = args.full || passphrase::source_configured(&cx.global);
    // When the archive's vault was last current: proven by the vault's key when it is
    // given, else as the file says (a renamed old archive cannot pass for a new one).
    let mut last_change = facts.last_change.clone();
    if full {
        let credentials = passphrase::credentials(&cx.global)?;
        let vault = LockedVault::open(decrypted.path())?.unlock(&credentials)?;
        let report = vault.verify().map_err(as_archive_error)?;
        check_report(&report)?;
        last_change.clone_from(&report.last_change);
    }
    let date = last_change.as_deref().unwrap_or("an unknown date");
    if cx.global.json {
        output::json(&serde_json::json!({
            "ok": true,
            "customers": facts.customers,
            "seals_checked": full,
            "vault": facts.vault,
            "last_change": last_change,
            "last_change_authenticated": full,
        }))
    } else {
        let depth = if full {
            format!(
                "every seal opens and every index matches; the vault inside was last \
                 changed at {date} (proven by its key)"
            )
        } else {
            format!(
                "it decrypts and is an intact sealbook vault, last changed at {date} as the \
                 file says (give the vault passphrase to check every seal and prove the date)"
            )
        };
        output::line(&format!("OK: {} customers; {depth}.", facts.customers))
    }
}
