//! What a file job tells: the JSON report of findings per file (`--report`) and the
//! summary on stderr.

use std::io;
use std::path::Path;

use comfy_table::Table;
use serde_json::json;

use super::FileOutcome;
use super::atomic::{Placing, write_atomically};
use crate::error::{Error, Result};
use crate::output;
use crate::privacy::Kind;
use crate::privacy::rewrite::StreamReport;

pub(super) fn write_report(path: &Path, outcomes: &[FileOutcome], force: bool) -> Result<()> {
    let files: Vec<serde_json::Value> = outcomes
        .iter()
        .map(|o| match &o.report {
            None => json!({"path": o.name, "skipped": o.skipped}),
            Some(r) => json!({
                "path": o.name,
                "counts": r.counts.iter().map(|(k, v)| (k.name(), *v)).collect::<std::collections::BTreeMap<_, _>>(),
                "findings": r.positions.iter().map(|p| json!({
                    "type": p.kind.name(), "line": p.line, "column": p.column
                })).collect::<Vec<_>>(),
            }),
        })
        .collect();
    let document = json!({ "files": files });
    if path.as_os_str() == "-" {
        return output::json(&document);
    }
    let text = serde_json::to_vec_pretty(&document)
        .map_err(|e| Error::io("writing the report", e.into()))?;
    let placing = if force {
        Placing::Replace
    } else {
        Placing::New
    };
    write_atomically(path, placing, None, |f| {
        io::Write::write_all(f, &text)
            .map(|()| StreamReport::default())
            .map_err(|e| Error::io(format!("writing {}", path.display()), e))
    })
    .map(|_| ())
}

pub(super) fn summary(outcomes: &[FileOutcome]) {
    let mut totals: std::collections::BTreeMap<Kind, u64> = std::collections::BTreeMap::new();
    for report in outcomes.iter().filter_map(|o| o.report.as_ref()) {
        for (kind, count) in &report.counts {
            *totals.entry(*kind).or_default() += count;
        }
    }
    let scanned = outcomes.iter().filter(|o| o.report.is_some()).count();
    let with = outcomes
        .iter()
        .filter(|o| o.report.as_ref().is_some_and(|r| r.total() > 0))
        .count();
    if !totals.is_empty() {
        let mut table = Table::new();
        table.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
        table.set_header(["Kind", "Found"]);
        for (kind, count) in &totals {
            table.add_row([kind.name().to_owned(), count.to_string()]);
        }
        eprintln!("{table}");
    }
    eprintln!(
        "{} found in {with} of {}{}.",
        totals.values().sum::<u64>(),
        output::count(scanned as u64, "file", "files"),
        match outcomes.len() - scanned {
            0 => String::new(),
            skipped => format!(
                "; {} not read",
                output::count(skipped as u64, "file", "files")
            ),
        }
    );
    for outcome in outcomes {
        if let Some(reason) = &outcome.skipped {
            eprintln!("  not read: {} ({reason})", output::sanitize(&outcome.name));
        }
    }
}
