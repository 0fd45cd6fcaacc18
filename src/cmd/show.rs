//! `sealbook show`: one customer, every field.

use crate::audit::Event;
use crate::cli::ShowArgs;
use crate::cmd::Context;
use crate::error::Result;
use crate::output;

pub fn run(cx: &Context, args: &ShowArgs) -> Result<()> {
    let mut vault = cx.unlock()?;
    let customer = crate::cmd::find::one_customer(cx, &mut vault, &args.code)?;
    vault.record(Event::new(cx.command).codes([customer.code.as_str()]))?;
    if cx.global.json {
        output::json(&customer)
    } else {
        output::customer_detail(&customer)
    }
}
