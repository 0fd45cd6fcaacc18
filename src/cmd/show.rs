//! `sealbook show`: one customer, every field.

use crate::cli::ShowArgs;
use crate::cmd::Context;
use crate::error::Result;
use crate::output;

pub fn run(cx: &Context, args: &ShowArgs) -> Result<()> {
    let vault = cx.unlock()?;
    let customer = vault.customer(&args.code)?;
    if cx.global.json {
        output::json(&customer)
    } else {
        output::customer_detail(&customer)
    }
}
