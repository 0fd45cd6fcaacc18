//! `sealbook add`: add one customer.

use crate::cli::AddArgs;
use crate::cmd::Context;
use crate::cmd::fields::{self, FieldPatch};
use crate::error::Result;
use crate::vault::CustomerData;

pub fn run(cx: &Context, args: &AddArgs) -> Result<()> {
    let v = cx.validator()?;
    let mut data = CustomerData {
        name: v.name(&args.name)?,
        ..CustomerData::default()
    };
    FieldPatch::from_args(&args.fields, &v)?.apply(&mut data);
    for tag in &args.tags {
        data.add_tag(v.tag(tag)?);
    }
    let mut vault = cx.unlock()?;
    let customer = vault.add_customer(data)?;
    let contacts = fields::contact_fields(&args.fields);
    fields::print_saved(cx, &vault, &customer, &contacts, Some(&customer.code))
}
