//! `sealbook purge`: erase the customers whose retain-until date has passed.

use crate::cli::PurgeArgs;
use crate::cmd::Context;
use crate::error::{Error, Result};
use crate::vault::{Role, now_utc};
use crate::{output, passphrase};

pub fn run(cx: &Context, args: &PurgeArgs) -> Result<()> {
    if !args.dry_run && !args.yes && !passphrase::interactive() {
        return Err(Error::NeedsConfirmation {
            what: "purge would erase every customer past their retain-until date".into(),
            flag: "--yes (or --dry-run to see who)".into(),
        });
    }
    let mut vault = cx.unlock()?;
    vault.require(&[Role::Owner], "purge customers")?;
    let now = now_utc();
    let today = now.get(..10).unwrap_or(&now);
    let mut dry_run = args.dry_run;
    if !dry_run && !args.yes {
        let due = vault.purge_expired(today, true)?;
        if due.codes.is_empty()
            || !output::confirm(&format!(
                "Erase {} irreversibly?",
                output::count(due.codes.len() as u64, "customer", "customers")
            ))?
        {
            dry_run = due.codes.is_empty();
            if !dry_run {
                return Err(Error::Declined {
                    what: "purge".into(),
                });
            }
        }
    }
    let purged = vault.purge_expired(today, dry_run)?;
    if !purged.log_truncated {
        output::warning(
            "another process is reading the vault, so its write-ahead log could not be \
             emptied; the erased values stay in the -wal file until the next write",
        );
    }
    if cx.global.json {
        let key = if args.dry_run {
            "would_erase"
        } else {
            "erased"
        };
        return output::json(&serde_json::json!({ key: purged.codes, "date": today }));
    }
    for code in &purged.codes {
        output::line(code)?;
    }
    let verb = if args.dry_run {
        "Would erase"
    } else {
        "Erased"
    };
    output::status(
        cx.global.quiet,
        &format!(
            "{verb} {} whose retain-until date is before {today}.",
            output::count(purged.codes.len() as u64, "customer", "customers")
        ),
    );
    Ok(())
}
