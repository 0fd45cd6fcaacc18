//! `sealbook staff add|list|remove` and `sealbook reassign`: employees with their own
//! keys, and handing customers from one to another (`docs/access.md`).

use crate::cli::{ReassignArgs, StaffAddArgs, StaffCommand, StaffRemoveArgs, StaffRole};
use crate::cmd::Context;
use crate::error::Result;
use crate::vault::{Credentials, Role};
use crate::{output, passphrase};

pub fn run(cx: &Context, command: &StaffCommand) -> Result<()> {
    match command {
        StaffCommand::Add(args) => add(cx, args),
        StaffCommand::List => list(cx),
        StaffCommand::Remove(args) => remove(cx, args),
    }
}

fn add(cx: &Context, args: &StaffAddArgs) -> Result<()> {
    let mut vault = cx.unlock_with_secret()?;
    vault.require(&[Role::Owner], "manage staff")?;
    let role = match args.role {
        StaffRole::Staff => Role::Staff,
        StaffRole::Manager => Role::Manager,
    };
    let key_file = args
        .employee_key_file
        .as_deref()
        .map(passphrase::read_key_file)
        .transpose()?;
    if passphrase::interactive() && args.new.new_passphrase_file.is_none() {
        output::status(
            cx.global.quiet,
            &format!("{}: type your own passphrase (twice).", args.name.trim()),
        );
    }
    let new_passphrase = passphrase::replacement(args.new.new_passphrase_file.as_deref())?;
    passphrase::check_strength(&new_passphrase, args.new.allow_weak_passphrase)?;
    let credentials = Credentials {
        passphrase: new_passphrase,
        key_file,
    };
    let params = vault.opened_params()?;
    vault.staff_add(&args.name, role, &credentials, &params)?;
    let name = args.name.trim();
    if cx.global.json {
        return output::json(&serde_json::json!({ "name": name, "role": role, "added": true }));
    }
    let what = match role {
        Role::Manager => "sees every customer and field",
        Role::Staff | Role::Owner => {
            "sees only the customers assigned to them, and cannot read national ids or accounts"
        }
    };
    output::status(
        cx.global.quiet,
        &format!(
            "Added {} as {}: {what}. They unlock with `--as \"{}\"` (or SEALBOOK_AS).",
            output::sanitize(name),
            role.as_str(),
            output::sanitize(name)
        ),
    );
    Ok(())
}

fn list(cx: &Context) -> Result<()> {
    let vault = cx.unlock()?;
    vault.require(&[Role::Owner, Role::Manager], "list the staff")?;
    let members = vault.staff_list()?;
    if cx.global.json {
        return output::json(&members);
    }
    if members.is_empty() {
        output::status(
            cx.global.quiet,
            "No one but the owner; add an employee with `sealbook staff add NAME`.",
        );
        return Ok(());
    }
    let mut table = output::new_table(&["Name", "Role", "Customers", "Last active", "Added"]);
    for m in &members {
        table.add_row(vec![
            match &m.removed {
                Some(at) => format!("{} (removed {at})", output::sanitize(&m.name)),
                None => output::sanitize(&m.name),
            },
            if m.can_unlock || m.removed.is_some() {
                m.role.as_str().to_owned()
            } else {
                format!("{} (no slot: `staff add` again)", m.role.as_str())
            },
            m.customers.map_or_else(|| "all".into(), |n| n.to_string()),
            m.last_active.clone().unwrap_or_else(|| "-".into()),
            m.added.clone(),
        ]);
    }
    output::table(&table)
}

fn remove(cx: &Context, args: &StaffRemoveArgs) -> Result<()> {
    let mut vault = cx.unlock_with_secret()?;
    vault.require(&[Role::Owner], "manage staff")?;
    let was_manager = vault
        .staff_list()?
        .iter()
        .any(|m| m.name == args.name && m.role == Role::Manager && m.removed.is_none());
    let moved = vault.staff_remove(&args.name, &args.reassign_to)?;
    if cx.global.json {
        return output::json(&serde_json::json!({
            "name": args.name,
            "removed": true,
            "reassigned": moved,
            "to": args.reassign_to,
        }));
    }
    output::status(
        cx.global.quiet,
        &format!(
            "Removed {}: {} went to {}, sealed under their keys; {}'s passphrase no longer \
             opens this vault.",
            output::sanitize(&args.name),
            output::count(moved as u64, "customer", "customers"),
            output::sanitize(&args.reassign_to),
            output::sanitize(&args.name),
        ),
    );
    if was_manager {
        output::warning(
            "a manager held the master key: run `sealbook rekey` now, so that nothing \
             written from now on opens with a copy of it",
        );
    }
    Ok(())
}

pub fn reassign(cx: &Context, args: &ReassignArgs) -> Result<()> {
    let mut vault = cx.unlock()?;
    vault.require(&[Role::Owner, Role::Manager], "reassign customers")?;
    let codes = match &args.from {
        Some(from) => vault.codes_held_by(from)?,
        None => args.codes.clone(),
    };
    let moved = vault.reassign(&codes, &args.to)?;
    if cx.global.json {
        return output::json(&serde_json::json!({ "reassigned": moved, "to": args.to }));
    }
    output::status(
        cx.global.quiet,
        &format!(
            "Handed {} over to {}.",
            output::count(moved.len() as u64, "customer", "customers"),
            output::sanitize(&args.to)
        ),
    );
    Ok(())
}
