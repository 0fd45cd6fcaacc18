//! `sealbook search`: exact through blind indexes, otherwise by substring.

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
    let vault = cx.unlock()?;
    let found = vault.search(&args.query, args.field, region)?;
    if cx.global.json {
        output::json(&found)
    } else if found.is_empty() {
        output::status(cx.global.quiet, "No customer matches.");
        Ok(())
    } else {
        output::customer_table(&found)
    }
}
