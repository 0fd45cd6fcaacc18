//! `sealbook rekey`: rotate the master key, re-sealing everything in one transaction,
//! and keep every keyslot whose secret the user gives.

use std::path::Path;

use crate::cli::RekeyArgs;
use crate::cmd::Context;
use crate::crypto::recovery;
use crate::error::{Error, Result};
use crate::vault::{Credentials, Rekeyed, Role, SlotInfo, SlotKind, Vault};
use crate::{output, passphrase};

/// How a slot is named to the user: its number, kind and label, so nobody drops a
/// paper recovery key without knowing it.
fn describe(slot: &SlotInfo) -> String {
    let kind = match slot.kind {
        SlotKind::Passphrase if slot.key_file => "passphrase and key file",
        SlotKind::Passphrase => "passphrase",
        SlotKind::Recovery => "recovery key",
    };
    format!(
        "keyslot {} ({kind}, \"{}\")",
        slot.id,
        output::sanitize(&slot.label)
    )
}

/// Parses `SLOT` or `SLOT=FILE`.
fn parse_keep(text: &str) -> Result<(i64, Option<&Path>)> {
    let (id, file) = match text.split_once('=') {
        Some((id, file)) => (id, Some(Path::new(file))),
        None => (text, None),
    };
    let id = id.trim().parse().map_err(|_| Error::InvalidArgument {
        argument: "--keep-slot".into(),
        reason: format!("expected a slot number or SLOT=FILE, not {text:?}"),
    })?;
    Ok((id, file))
}

/// Opens every slot the user asked to keep with its secret.
fn prove_kept(
    cx: &Context,
    vault: &Vault,
    slots: &[SlotInfo],
    args: &RekeyArgs,
) -> Result<Vec<crate::vault::keyslot::OpenedSlot>> {
    let mut kept = Vec::new();
    for text in &args.keep_slots {
        let (id, file) = parse_keep(text)?;
        if Some(id) == vault.opened_slot() {
            continue;
        }
        let slot = slots
            .iter()
            .find(|s| s.id == id)
            .ok_or(Error::KeyslotNotFound { id })?;
        let key_file = if slot.key_file {
            Some(
                passphrase::key_file(&cx.global)?.ok_or_else(|| Error::InvalidArgument {
                    argument: "--keep-slot".into(),
                    reason: format!(
                        "{} needs its key file: give it with --key-file",
                        describe(slot)
                    ),
                })?,
            )
        } else {
            None
        };
        let secret = passphrase::slot_secret(file, &format!("Secret of {}: ", describe(slot)))?;
        let credentials = Credentials {
            passphrase: secret,
            key_file,
        };
        kept.push(vault.prove_slot(id, &credentials)?);
    }
    Ok(kept)
}

pub fn run(cx: &Context, args: &RekeyArgs) -> Result<()> {
    let vault = cx.unlock_with_secret()?;
    vault.require(&[Role::Owner], "rekey the vault")?;
    let vault_id = vault.vault_id();
    let slots = vault.keyslots()?;
    let kept = prove_kept(cx, &vault, &slots, args)?;
    let dropped: Vec<&SlotInfo> = slots
        .iter()
        .filter(|s| Some(s.id) != vault.opened_slot() && !kept.iter().any(|k| k.id == s.id))
        .collect();
    if !dropped.is_empty() && !args.yes {
        let names = dropped.iter().map(|s| describe(s)).collect::<Vec<_>>();
        let names = names.join(", ");
        if !passphrase::interactive() {
            return Err(Error::NeedsConfirmation {
                what: format!("rekeying would drop {names}"),
                flag: "--keep-slot SLOT=FILE to keep a slot, or --yes to drop them".into(),
            });
        }
        let question = format!(
            "Rekeying drops {names}: their secrets were not given (keep one with \
             --keep-slot). Continue?"
        );
        if !output::confirm(&question)? {
            return Err(Error::Declined {
                what: "rekey".into(),
            });
        }
    }
    let new_recovery = args.new_recovery.then(recovery::generate);
    let total = vault.customer_count()?.unsigned_abs();
    let bar = output::progress(!cx.global.no_progress, Some(total), "Re-sealing");
    let rekeyed = vault.rekey(
        &kept,
        new_recovery.as_ref().map(|(_, secret)| secret.as_str()),
        &|done| bar.set_position(done),
    )?;
    // The agent holds the old key, which no longer opens anything written from now on.
    crate::agent::lock(&vault_id);
    bar.finish_and_clear();
    warn_of_lost_secrets(&dropped, &rekeyed, new_recovery.is_some());
    if cx.global.json {
        return output::json(&serde_json::json!({
            "customers": rekeyed.customers,
            "audit_entries": rekeyed.audit_entries,
            "key_epoch": rekeyed.epoch,
            "kept_slots": rekeyed.kept_slots,
            "dropped_slots": rekeyed.dropped_slots,
            "recovery_slot": rekeyed.recovery_slot,
            "managers_to_reissue": rekeyed.managers_to_reissue,
            "staff_groups": rekeyed.staff_groups,
            "recovery_key": new_recovery.as_ref().map(|(printed, _)| printed.as_str()),
        }));
    }
    if let Some((printed, _)) = &new_recovery {
        output::line(printed.as_str())?;
    }
    output::status(
        cx.global.quiet,
        &format!(
            "Rekeyed: {} customers and {} audit entries re-sealed under a new master key \
             (key epoch {}){}; slots kept: {:?}.{}",
            rekeyed.customers,
            rekeyed.audit_entries,
            rekeyed.epoch,
            match rekeyed.staff_groups {
                0 => String::new(),
                n => format!(
                    ", and {} given new keys (each staff member takes theirs at their next \
                     unlock)",
                    output::count(n as u64, "staff group", "staff groups")
                ),
            },
            rekeyed.kept_slots,
            match rekeyed.recovery_slot {
                Some(id) => format!(
                    " New recovery key above (slot {id}): write it on paper; it is shown once."
                ),
                None => String::new(),
            }
        ),
    );
    Ok(())
}

/// Names each secret that no longer opens the vault after a rekey, and what to do.
fn warn_of_lost_secrets(dropped: &[&SlotInfo], rekeyed: &Rekeyed, new_recovery: bool) {
    for slot in dropped {
        output::warning(&format!(
            "{} was dropped; add its secret again with `sealbook key add`",
            describe(slot)
        ));
    }
    for name in &rekeyed.managers_to_reissue {
        output::warning(&format!(
            "manager {} held the old key; give them a new slot with `sealbook staff add \"{}\" \
             --role manager` (they type a passphrase)",
            output::sanitize(name),
            output::sanitize(name)
        ));
    }
    if dropped.iter().any(|s| s.kind == SlotKind::Recovery) && !new_recovery {
        output::warning(
            "the vault has no recovery key now; print a new one with \
             `sealbook key add --recovery`",
        );
    }
}
