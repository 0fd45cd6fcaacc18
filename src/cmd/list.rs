//! `sealbook list`: customers as a table, optionally by tag or owner.

use crate::audit::Event;
use crate::cli::ListArgs;
use crate::cmd::Context;
use crate::error::Result;
use crate::output;

pub fn run(cx: &Context, args: &ListArgs) -> Result<()> {
    let mut vault = cx.unlock()?;
    let customers = vault.list_customers(args.tag.as_deref(), args.owner.as_deref())?;
    let event = Event::new(cx.command)
        .codes(customers.iter().map(|c| c.code.as_str()))
        .count("customers", customers.len() as u64);
    vault.record(event)?;
    if cx.global.json {
        output::json(&customers)
    } else if customers.is_empty() {
        output::status(cx.global.quiet, "No customers.");
        Ok(())
    } else {
        output::customer_table(&customers)
    }
}
