//! `sealbook audit`: show or verify the hash-chained log.

use crate::cli::AuditArgs;
use crate::cmd::Context;
use crate::error::Result;
use crate::output;
use crate::vault::AuditFilter;

pub fn run(cx: &Context, args: &AuditArgs) -> Result<()> {
    let vault = cx.unlock()?;
    if args.verify {
        let total = vault.audit_count()?;
        let bar = output::progress(!cx.global.no_progress, Some(total), "Verifying");
        let verified = vault.verify_audit(|seq| {
            if seq % 4096 == 0 {
                bar.set_position(seq);
            }
        });
        bar.finish_and_clear();
        let entries = verified?;
        return if cx.global.json {
            output::json(&serde_json::json!({ "entries": entries, "ok": true }))
        } else {
            output::status(
                cx.global.quiet,
                &format!("The audit log is intact: {entries} entries, none altered or missing."),
            );
            Ok(())
        };
    }
    let filter = AuditFilter {
        code: args.customer.clone(),
        last: args.last,
        staff: args.staff.clone(),
    };
    let entries = vault.audit_entries(&filter)?;
    if cx.global.json {
        return output::json(&entries);
    }
    let mut table = output::new_table(&[
        "#",
        "Time (UTC)",
        "Who",
        "User",
        "Command",
        "Customers",
        "Counts",
    ]);
    for entry in &entries {
        let counts = entry
            .counts
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join(" ");
        let codes = match entry.codes.len() {
            0..=3 => entry.codes.join(" "),
            n => format!("{} and {} more", entry.codes[..2].join(" "), n - 2),
        };
        table.add_row(vec![
            entry.seq.to_string(),
            output::sanitize(&entry.at),
            output::sanitize(entry.actor.as_deref().unwrap_or(crate::vault::OWNER_NAME)),
            output::sanitize(&entry.user),
            output::sanitize(&entry.command),
            output::sanitize(&codes),
            output::sanitize(&counts),
        ]);
    }
    output::table(&table)
}
