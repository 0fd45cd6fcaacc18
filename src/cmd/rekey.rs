//! `sealbook rekey`: rotate the master key, re-sealing everything in one transaction.

use crate::cli::RekeyArgs;
use crate::cmd::Context;
use crate::error::{Error, Result};
use crate::{output, passphrase};

pub fn run(cx: &Context, args: &RekeyArgs) -> Result<()> {
    let vault = cx.unlock()?;
    let others: Vec<i64> = vault
        .keyslots()?
        .iter()
        .map(|s| s.id)
        .filter(|id| *id != vault.opened_slot())
        .collect();
    if !others.is_empty() && !args.yes {
        if !passphrase::interactive() {
            return Err(Error::InvalidArgument {
                argument: "rekey".into(),
                reason: format!(
                    "keyslot(s) {others:?} would be dropped and there is no terminal to \
                     confirm on; pass --yes"
                ),
            });
        }
        let question = format!(
            "Rekeying drops keyslot(s) {others:?} (their secrets were not given). Continue?"
        );
        if !output::confirm(&question)? {
            output::status(cx.global.quiet, "Nothing changed.");
            return Ok(());
        }
    }
    let total = vault.customer_count()?.unsigned_abs();
    let bar = output::progress(!cx.global.no_progress, Some(total), "Re-sealing");
    let rekeyed = vault.rekey(&|done| bar.set_position(done))?;
    bar.finish_and_clear();
    for id in &rekeyed.dropped_slots {
        output::warning(&format!(
            "keyslot {id} was dropped; add its secret again with `sealbook key add`"
        ));
    }
    if cx.global.json {
        output::json(&serde_json::json!({
            "customers": rekeyed.customers,
            "audit_entries": rekeyed.audit_entries,
            "key_epoch": rekeyed.epoch,
            "dropped_slots": rekeyed.dropped_slots,
        }))
    } else {
        output::status(
            cx.global.quiet,
            &format!(
                "Rekeyed: {} customers and {} audit entries re-sealed under a new master key \
                 (key epoch {}).",
                rekeyed.customers, rekeyed.audit_entries, rekeyed.epoch
            ),
        );
        Ok(())
    }
}
