//! `sealbook search`: exact through blind indexes, otherwise by substring.

use crate::audit::Event;
use crate::cli::SearchArgs;
use crate::cmd::Context;
use crate::error::{Error, Result};
use crate::output;

pub fn run(cx: &Context, args: &SearchArgs) -> Result<()> {
    if args.query.trim().is_empty() {
        return Err(Error::InvalidArgument {
            argument: "QUERY".into(),
            reason: "the search query is empty".into(),
        });
    }
    let region = cx.region()?;
    let mut vault = cx.unlock()?;
    let found = vault.search(&args.query, args.field.map(|f| f.0), region)?;
    // The query itself may be personal data, so only the hits are recorded.
    let event = Event::new(cx.command)
        .codes(found.iter().map(|c| c.code.as_str()))
        .count("hits", found.len() as u64);
    vault.record(event)?;
    if cx.global.json {
        output::json(&found)
    } else if found.is_empty() {
        output::status(cx.global.quiet, "No customer matches.");
        Ok(())
    } else {
        output::customer_table(&found)
    }
}
