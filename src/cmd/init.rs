//! `sealbook init`: create a vault with a calibrated Argon2id cost.

use std::time::Duration;

use crate::cli::InitArgs;
use crate::cmd::Context;
use crate::crypto::{KdfParams, kdf};
use crate::error::{Error, Result};
use crate::vault::{Credentials, Vault, VaultOptions};
use crate::{output, passphrase};

/// How long unlocking should take on this machine when no cost is given.
const CALIBRATION_TARGET: Duration = Duration::from_millis(500);

fn chosen_params(args: &InitArgs) -> Result<Option<KdfParams>> {
    if args.kdf_memory.is_none() && args.kdf_iterations.is_none() && args.kdf_parallelism.is_none()
    {
        return Ok(None);
    }
    let memory_mib = args.kdf_memory.unwrap_or(kdf::FLOOR.memory_kib / 1024);
    let params = KdfParams {
        memory_kib: memory_mib
            .checked_mul(1024)
            .ok_or_else(|| Error::InvalidArgument {
                argument: "--kdf-memory".into(),
                reason: "too large".into(),
            })?,
        iterations: args.kdf_iterations.unwrap_or(kdf::FLOOR.iterations),
        parallelism: args.kdf_parallelism.unwrap_or(kdf::FLOOR.parallelism),
    };
    params.validate().map_err(|reason| Error::InvalidArgument {
        argument: "--kdf-memory / --kdf-iterations / --kdf-parallelism".into(),
        reason,
    })?;
    Ok(Some(params))
}

pub fn run(cx: &Context, args: &InitArgs) -> Result<()> {
    let path = cx.vault_path()?;
    if path.exists() {
        return Err(Error::VaultExists { path });
    }
    let explicit = chosen_params(args)?;
    let key_file = match &cx.global.key_file {
        // A key file that does not exist yet is made, when asked at a terminal: a new
        // vault is exactly when a new second factor is wanted.
        Some(file) if !file.exists() => {
            let make = passphrase::interactive()
                && output::confirm(&format!(
                    "{} does not exist. Create a new random key file there?",
                    file.display()
                ))?;
            if !make {
                return Err(Error::KeyFile {
                    path: file.clone(),
                    reason: "it does not exist; run init at a terminal to have it made, or \
                             make one with `head -c 32 /dev/urandom > FILE && chmod 600 FILE`"
                        .into(),
                });
            }
            let digest = crate::cmd::key::create_key_file(file)?;
            output::status(
                cx.global.quiet,
                &format!(
                    "Created key file {}: keep a copy apart from the vault, for without it the \
                     vault does not open.",
                    file.display()
                ),
            );
            Some(digest)
        }
        _ => passphrase::key_file(&cx.global)?,
    };
    let new_passphrase = passphrase::new(&cx.global)?;
    passphrase::check_strength(&new_passphrase, args.allow_weak_passphrase)?;
    let params = if let Some(params) = explicit {
        if params.below_owasp_minimum() {
            output::warning(
                "these key derivation parameters are below OWASP's minimum \
                 (19 MiB, 2 iterations); use them for tests only",
            );
        }
        params
    } else {
        output::status(
            cx.global.quiet,
            "Calibrating the key derivation for this machine...",
        );
        kdf::calibrate(CALIBRATION_TARGET).map_err(|reason| Error::KeyDerivation { reason })?
    };
    let credentials = Credentials {
        passphrase: new_passphrase,
        key_file,
    };
    Vault::create(&path, &credentials, &params, VaultOptions::default())?;
    if cx.global.json {
        output::json(&serde_json::json!({
            "vault": path,
            "kdf": {
                "algorithm": "argon2id",
                "memory_mib": params.memory_kib / 1024,
                "iterations": params.iterations,
                "parallelism": params.parallelism,
            },
            "key_file": credentials.key_file.is_some(),
        }))
    } else {
        output::status(
            cx.global.quiet,
            &format!(
                "Created vault {} (Argon2id {} MiB, {} iterations, {} lanes).\n\
                 Keep the passphrase safe: without it the vault cannot be opened.",
                path.display(),
                params.memory_kib / 1024,
                params.iterations,
                params.parallelism
            ),
        );
        Ok(())
    }
}
