//! Which customer `show`, `edit` and `erase` mean: a code, or any exact e-mail, phone,
//! national id or account, or words that match exactly one customer. Several matches are
//! an error listing them (exit 8); nothing is ever done to one of several.

use crate::audit::Event;
use crate::cmd::Context;
use crate::error::{Error, Result};
use crate::output;
use crate::vault::{Customer, Vault};

/// The one customer `typed` names.
pub fn one_customer(cx: &Context, vault: &mut Vault, typed: &str) -> Result<Customer> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Err(Error::InvalidArgument {
            argument: "CUSTOMER".into(),
            reason: "give a customer code, or a value or words that match one customer".into(),
        });
    }
    if crate::code::parse(typed).is_some() {
        match vault.customer(typed) {
            Err(Error::CustomerNotFound { .. })
                if !typed.to_ascii_uppercase().starts_with("C-") =>
            {
                // Eight letters that read as a code ("NOVAKOVA") may be a name.
            }
            found => return found,
        }
    }
    let mut found = vault.search(typed, None, cx.region()?)?;
    match found.len() {
        0 => Err(Error::NoCustomerMatches {
            query: output::sanitize(typed),
        }),
        1 => Ok(found.remove(0)),
        _ => {
            // The candidates' names are shown: a read of personal data, so it is logged.
            vault.record(
                Event::new(cx.command)
                    .codes(found.iter().map(|c| c.code.as_str()))
                    .count("candidates", found.len() as u64),
            )?;
            Err(Error::SeveralCustomersMatch {
                candidates: found
                    .into_iter()
                    .map(|c| (c.code, output::sanitize(&c.data.name)))
                    .collect(),
            })
        }
    }
}
