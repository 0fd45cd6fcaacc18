//! `sealbook passwd`: a new passphrase for the slot the vault was opened with.

use crate::cli::PasswdArgs;
use crate::cmd::Context;
use crate::error::{Error, Result};
use crate::vault::{Credentials, Role};
use crate::{output, passphrase};

pub fn run(cx: &Context, args: &PasswdArgs) -> Result<()> {
    let mut vault = cx.unlock_with_secret()?;
    let new_passphrase = passphrase::replacement(args.new.new_passphrase_file.as_deref())?;
    passphrase::check_strength(&new_passphrase, args.new.allow_weak_passphrase)?;
    if vault.principal().role() != Role::Owner {
        // An employee's slot is on the roster: only theirs changes.
        let credentials = Credentials {
            passphrase: new_passphrase,
            key_file: passphrase::key_file(&cx.global)?,
        };
        vault.change_member_passphrase(&credentials)?;
        let name = vault.principal().name().to_owned();
        return if cx.global.json {
            output::json(&serde_json::json!({ "staff": name, "changed": true }))
        } else {
            output::status(
                cx.global.quiet,
                &format!(
                    "Changed the passphrase of {}; the old one no longer opens this file. A \
                     copy of the file from before (a backup, a synced copy) still opens with \
                     it: if it leaked, ask the owner to hand your customers to a new entry on \
                     the staff, which seals them under a new key.",
                    output::sanitize(&name)
                ),
            );
            Ok(())
        };
    }
    // The slot keeps its key file: the one given to unlock.
    let credentials = Credentials {
        passphrase: new_passphrase,
        key_file: passphrase::key_file(&cx.global)?,
    };
    if let Some(slot) = vault.opened_slot()
        && vault.prove_slot(slot, &credentials).is_ok()
    {
        return Err(Error::InvalidArgument {
            argument: "passwd".into(),
            reason: "the new passphrase is the one the slot already has; nothing changed".into(),
        });
    }
    vault.change_passphrase(&credentials)?;
    let slot = vault.opened_slot().unwrap_or_default();
    if cx.global.json {
        output::json(&serde_json::json!({ "slot": slot, "changed": true }))
    } else {
        output::status(
            cx.global.quiet,
            &format!(
                "Changed the passphrase of keyslot {slot}; the old one no longer opens this \
                 file. The master key is unchanged: a copy of the vault file from before \
                 (a backup, a synced copy) still opens with the old passphrase. To revoke \
                 it from everything written from now on, run `sealbook rekey`."
            ),
        );
        Ok(())
    }
}
