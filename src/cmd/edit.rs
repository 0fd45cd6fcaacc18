//! `sealbook edit`: change some fields of one customer.

use std::io::IsTerminal;

use crate::cli::EditArgs;
use crate::cmd::Context;
use crate::cmd::fields::{self, FieldPatch};
use crate::error::{Error, Result};
use crate::output;
use crate::privacy::normalize::fold;

pub fn run(cx: &Context, args: &EditArgs) -> Result<()> {
    let v = cx.validator()?;
    let name = args.name.as_deref().map(|n| v.name(n)).transpose()?;
    let patch = FieldPatch::from_args(&args.fields, &v)?;
    let add_tags = args
        .add_tag
        .iter()
        .map(|t| v.tag(t))
        .collect::<Result<Vec<_>>>()?;
    let unset = args
        .unset_field
        .iter()
        .map(|k| v.field_key(k))
        .collect::<Result<Vec<_>>>()?;
    let nothing_to_do = name.is_none()
        && args.fields.given().is_empty()
        && args.fields.fields.is_empty()
        && add_tags.is_empty()
        && args.remove_tag.is_empty()
        && unset.is_empty()
        && args.clear.is_empty();
    if nothing_to_do && crate::passphrase::interactive() && std::io::stderr().is_terminal() {
        let mut vault = cx.unlock()?;
        let code = crate::cmd::find::one_customer(cx, &mut vault, &args.code)?.code;
        return crate::cmd::form::edit(cx, &mut vault, &code);
    }
    if nothing_to_do {
        return Err(Error::InvalidArgument {
            argument: "edit".into(),
            reason: "nothing to change; give at least one field flag (see sealbook edit --help), \
                     or run it in a terminal for a form"
                .into(),
        });
    }

    contradictions(args, &unset, &add_tags)?;
    let removed: Vec<String> = args.remove_tag.iter().map(|t| fold(t)).collect();
    let mut absent_tags = Vec::new();
    let mut vault = cx.unlock()?;
    let code = crate::cmd::find::one_customer(cx, &mut vault, &args.code)?.code;
    let customer = vault.update_customer(&code, |data| {
        for field in &args.clear {
            data.clear(field.0);
        }
        if let Some(name) = name {
            data.name = name;
        }
        patch.apply(data);
        for key in &unset {
            data.fields.remove(key);
        }
        absent_tags = args
            .remove_tag
            .iter()
            .filter(|t| !data.tags.iter().any(|have| fold(have) == fold(t)))
            .cloned()
            .collect();
        data.tags.retain(|t| !removed.contains(&fold(t)));
        for tag in add_tags {
            data.add_tag(tag);
        }
        Ok(())
    })?;
    for tag in &absent_tags {
        output::warning(&format!(
            "{} has no tag \"{}\"; no change",
            customer.code,
            output::sanitize(tag)
        ));
    }
    let contacts = fields::contact_fields(&args.fields);
    fields::print_saved(cx, &vault, &customer, &contacts, None)?;
    if !cx.global.json {
        output::status(cx.global.quiet, &format!("Updated {}.", customer.code));
    }
    Ok(())
}

/// Flags that ask for two opposite things of one field are a usage error, never a guess
/// at which one the user meant.
fn contradictions(args: &EditArgs, unset: &[String], add_tags: &[String]) -> Result<()> {
    let clash = |reason: String| {
        Err(Error::InvalidArgument {
            argument: "edit".into(),
            reason,
        })
    };
    let given = args.fields.given();
    for cleared in &args.clear {
        if given.iter().any(|(field, _)| *field == cleared.0) {
            let flag = cleared.0.spec().flag;
            return clash(format!(
                "--clear {flag} and --{flag} ask for opposite things; give one"
            ));
        }
    }
    for assignment in &args.fields.fields {
        let key = assignment.split_once('=').map_or("", |(k, _)| k.trim());
        if unset.iter().any(|u| u == key) {
            return clash(format!(
                "--field {key}=... and --unset-field {key} ask for opposite things; give one"
            ));
        }
    }
    for tag in add_tags {
        if args.remove_tag.iter().any(|r| fold(r) == fold(tag)) {
            return clash(format!(
                "--add-tag and --remove-tag both name \"{}\"; give one",
                output::sanitize(tag)
            ));
        }
    }
    Ok(())
}
