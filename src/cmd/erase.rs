//! `sealbook erase`: remove a customer for good.

use crate::cli::EraseArgs;
use crate::cmd::Context;
use crate::error::{Error, Result};
use crate::vault::Role;
use crate::{output, passphrase};

pub fn run(cx: &Context, args: &EraseArgs) -> Result<()> {
    if !args.yes && !passphrase::interactive() {
        return Err(Error::NeedsConfirmation {
            what: format!("erase {} irreversibly", output::sanitize(args.code.trim())),
            flag: "--yes".into(),
        });
    }
    let mut vault = cx.unlock()?;
    vault.require(&[Role::Owner, Role::Manager], "erase customers")?;
    let customer = crate::cmd::find::one_customer(cx, &mut vault, &args.code)?;
    if !args.yes
        && !output::confirm(&format!(
            "Erase {} ({}) irreversibly?",
            customer.code,
            output::sanitize(&customer.data.name)
        ))?
    {
        return Err(Error::Declined {
            what: format!("erase {}", customer.code),
        });
    }
    let erased = vault.erase_customer(&customer.code)?;
    if !erased.log_truncated {
        output::warning(
            "another process is reading the vault, so its write-ahead log could not be \
             emptied; the erased values stay in the -wal file until the next write",
        );
    }
    let code = erased.code;
    if cx.global.json {
        output::json(&serde_json::json!({ "erased": code }))
    } else {
        output::status(cx.global.quiet, &format!("Erased {code}."));
        Ok(())
    }
}
