//! `sealbook info`: what the vault file says of itself without its key — the short id
//! that backup archive names carry, how many customers and keyslots, the last change.

use crate::cmd::Context;
use crate::error::Result;
use crate::output;
use crate::vault::LockedVault;

pub fn run(cx: &Context) -> Result<()> {
    let path = cx.vault_path()?;
    let facts = LockedVault::open(&path)?.facts()?;
    if cx.global.json {
        return output::json(&serde_json::json!({
            "path": path,
            "vault": facts.vault,
            "customers": facts.customers,
            "keyslots": facts.keyslots,
            "schema_version": facts.version,
            "last_change": facts.last_change,
        }));
    }
    let mut table = comfy_table::Table::new();
    table.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
    for (name, value) in [
        ("Vault", path.display().to_string()),
        ("Id", facts.vault.clone()),
        ("Customers", facts.customers.to_string()),
        ("Keyslots", facts.keyslots.to_string()),
        (
            "Last change",
            facts.last_change.unwrap_or_else(|| "-".into()),
        ),
        (
            "Backups",
            format!("sealbook-{}-YYYYMMDDTHHMMSSZ.age", facts.vault),
        ),
    ] {
        table.add_row(vec![name.to_owned(), value]);
    }
    output::table(&table)
}
