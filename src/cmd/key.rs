//! `sealbook key list|add|remove`: the keyslots that open the vault.

use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use zeroize::Zeroizing;

use crate::cli::{KeyAddArgs, KeyCommand, KeyRemoveArgs};
use crate::cmd::Context;
use crate::crypto::master_key::key_file_digest;
use crate::crypto::{random_array, recovery};
use crate::error::{Error, Result};
use crate::vault::{Credentials, NewSecret, Role, SlotKind};
use crate::{output, passphrase};

pub fn run(cx: &Context, command: &KeyCommand) -> Result<()> {
    match command {
        KeyCommand::List => list(cx),
        KeyCommand::Add(args) => add(cx, args),
        KeyCommand::Remove(args) => remove(cx, args),
    }
}

fn list(cx: &Context) -> Result<()> {
    let vault = cx.unlock_with_secret()?;
    vault.require(&[Role::Owner], "manage the owner's keyslots")?;
    let slots = vault.keyslots()?;
    if cx.global.json {
        return output::json(&slots);
    }
    let mut table =
        output::new_table(&["Slot", "Kind", "Label", "Key file", "Argon2id", "Created"]);
    for slot in &slots {
        let marker = if Some(slot.id) == vault.opened_slot() {
            " (in use)"
        } else {
            ""
        };
        table.add_row(vec![
            format!("{}{marker}", slot.id),
            match slot.kind {
                SlotKind::Passphrase => "passphrase".into(),
                SlotKind::Recovery => "recovery key".into(),
            },
            output::sanitize(&slot.label),
            if slot.key_file { "required" } else { "-" }.into(),
            format!(
                "{} MiB, t={}, p={}",
                slot.memory_mib, slot.iterations, slot.parallelism
            ),
            slot.created.clone(),
        ]);
    }
    output::table(&table)
}

/// Creates a new key file of 32 random bytes at `path`, 0600, never replacing a file.
pub(crate) fn create_key_file(path: &Path) -> Result<Zeroizing<[u8; 32]>> {
    let bytes: Zeroizing<[u8; 32]> = Zeroizing::new(random_array());
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| Error::KeyFile {
            path: path.to_owned(),
            reason: if e.kind() == std::io::ErrorKind::AlreadyExists {
                "the file exists; `key add --key-file` creates a new key file and never \
                 overwrites one (to unlock with a key file, use --unlock-key-file)"
                    .into()
            } else {
                e.to_string()
            },
        })?;
    let written = file
        .write_all(bytes.as_slice())
        .and_then(|()| file.sync_all());
    if let Err(e) = written {
        let _ = std::fs::remove_file(path);
        return Err(Error::KeyFile {
            path: path.to_owned(),
            reason: e.to_string(),
        });
    }
    Ok(key_file_digest(bytes.as_slice()))
}

/// Which key file is new (to create for the slot) and which unlocks. `--key-file`
/// names the new one; a key file set only through `SEALBOOK_KEY_FILE` is the one the
/// user unlocks with every day, so it keeps that meaning here.
fn key_files<'a>(cx: &'a Context, args: &'a KeyAddArgs) -> (Option<&'a Path>, Option<&'a Path>) {
    let given = cx.global.key_file.as_deref();
    let from_environment = given.is_some_and(|path| {
        std::env::var_os("SEALBOOK_KEY_FILE").is_some_and(|v| Path::new(&v) == path)
    });
    if from_environment {
        (None, args.unlock_key_file.as_deref().or(given))
    } else {
        (given, args.unlock_key_file.as_deref())
    }
}

fn add(cx: &Context, args: &KeyAddArgs) -> Result<()> {
    let (new_key_file, unlock_key_file) = key_files(cx, args);
    if args.recovery && new_key_file.is_some() {
        return Err(Error::InvalidArgument {
            argument: "--recovery".into(),
            reason: "a recovery key opens the vault alone; it cannot need a key file".into(),
        });
    }
    if args.no_key_file && new_key_file.is_some() {
        return Err(Error::InvalidArgument {
            argument: "--no-key-file".into(),
            reason: "--key-file names a new key file for the slot; give one or the other".into(),
        });
    }
    let unlock_key_file = unlock_key_file.map(passphrase::read_key_file).transpose()?;
    // A second factor the user chose is kept: the new slot needs the same key file as
    // the one unlocking, unless a new one or --no-key-file is asked for.
    let mut vault = cx.unlock_with_key_file(unlock_key_file.as_ref())?;
    vault.require(&[Role::Owner], "manage the owner's keyslots")?;
    let inherited_key_file = unlock_key_file;
    if args.recovery {
        let (printed, secret) = recovery::generate();
        let label = args.label.as_deref().unwrap_or("recovery key");
        let id = vault.add_keyslot(&NewSecret::Recovery(&secret), label)?;
        if cx.global.json {
            return output::json(&serde_json::json!({
                "slot": id,
                "kind": "recovery",
                "recovery_key": printed.as_str(),
            }));
        }
        output::line(printed.as_str())?;
        output::status(
            cx.global.quiet,
            &format!(
                "Added keyslot {id}. Write the recovery key above on paper and keep it \
                 somewhere safe: it is shown only once, and it opens the vault wherever a \
                 passphrase is asked for."
            ),
        );
        return Ok(());
    }
    let new_passphrase = passphrase::replacement(args.new.new_passphrase_file.as_deref())?;
    passphrase::check_strength(&new_passphrase, args.new.allow_weak_passphrase)?;
    let inherits = new_key_file.is_none() && !args.no_key_file && vault.opened_with_key_file();
    // The key file is created only once everything else is known to be in order.
    let key_file = match new_key_file {
        Some(path) => Some(create_key_file(path)?),
        None if inherits => inherited_key_file,
        None => None,
    };
    let credentials = Credentials {
        passphrase: new_passphrase,
        key_file,
    };
    let label = args
        .label
        .as_deref()
        .unwrap_or(if credentials.key_file.is_some() {
            "passphrase and key file"
        } else {
            "passphrase"
        });
    let added = vault.add_keyslot(&NewSecret::Passphrase(&credentials), label);
    let id = match added {
        Ok(id) => id,
        Err(e) => {
            // A key file no slot uses would only mislead.
            if let Some(path) = new_key_file {
                let _ = std::fs::remove_file(path);
            }
            return Err(e);
        }
    };
    if cx.global.json {
        return output::json(&serde_json::json!({
            "slot": id,
            "kind": "passphrase",
            "key_file": new_key_file,
            "key_file_required": new_key_file.is_some() || inherits,
        }));
    }
    let detail = match new_key_file {
        Some(path) => format!(
            " It needs the new passphrase together with the key file {}; keep a copy of \
             that file apart from the vault.",
            path.display()
        ),
        None if inherits => " Like the slot you unlocked with, it needs the new passphrase \
             together with the same key file (--no-key-file makes a slot without one)."
            .into(),
        None => String::new(),
    };
    output::status(cx.global.quiet, &format!("Added keyslot {id}.{detail}"));
    Ok(())
}

fn remove(cx: &Context, args: &KeyRemoveArgs) -> Result<()> {
    let mut vault = cx.unlock_with_secret()?;
    vault.require(&[Role::Owner], "manage the owner's keyslots")?;
    vault.remove_keyslot(args.id)?;
    if cx.global.json {
        output::json(&serde_json::json!({ "removed": args.id }))
    } else {
        output::status(
            cx.global.quiet,
            &format!(
                "Removed keyslot {}. The master key is unchanged: a copy of the vault \
                 file from before still opens with that slot's secret. To revoke it from \
                 everything written from now on, run `sealbook rekey`.",
                args.id
            ),
        );
        Ok(())
    }
}
