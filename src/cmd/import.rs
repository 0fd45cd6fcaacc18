//! `sealbook import`: many customers from a file, validated like `add`, all or nothing.

use std::fs::File;
use std::io::{self, BufReader, Read};

use crate::cli::ImportArgs;
use crate::cmd::Context;
use crate::error::{Error, Result};
use crate::output;
use crate::transfer::{Format, read, sniff};
use crate::vault::{ImportOptions, ImportSummary};

fn describe(summary: &ImportSummary) -> String {
    let mut lines: Vec<String> = summary
        .errors
        .iter()
        .map(|e| {
            let field = if e.field.is_empty() {
                String::new()
            } else {
                format!(" {}:", e.field)
            };
            format!("  line {}:{field} {}", e.line, output::sanitize(&e.reason))
        })
        .collect();
    let unlisted = summary.error_count - summary.errors.len() as u64;
    if unlisted > 0 {
        lines.push(format!("  ... and {unlisted} more"));
    }
    lines.join("\n")
}

pub fn run(cx: &Context, args: &ImportArgs) -> Result<()> {
    let stdin = args.file.as_os_str() == "-";
    let input: Box<dyn Read + Send> = if stdin {
        Box::new(BufReader::with_capacity(1 << 16, io::stdin()))
    } else {
        let file = File::open(&args.file)
            .map_err(|e| Error::io(format!("opening {}", args.file.display()), e))?;
        Box::new(BufReader::with_capacity(1 << 16, file))
    };
    let forced = match &args.encoding {
        Some(name) => Some(
            sniff::encoding_named(name).ok_or_else(|| Error::InvalidArgument {
                argument: "--encoding".into(),
                reason: format!(
                    "unknown encoding '{}'; e.g. utf-8, windows-1250, windows-1251, windows-1256, \
                 utf-16le",
                    output::sanitize(name)
                ),
            })?,
        ),
        None => None,
    };
    let opened = sniff::open(input, forced, cx.region()?)
        .map_err(|e| Error::io(format!("reading {}", args.file.display()), e))?;
    let format = args
        .format
        .or_else(|| Format::from_path(&args.file))
        .unwrap_or_else(|| sniff::format(&opened.head));
    let delimiter = args
        .delimiter
        .unwrap_or_else(|| sniff::delimiter(&opened.head));
    let input = opened.input;
    let validator = cx.validator()?;
    let options = ImportOptions {
        on_duplicate: args.on_duplicate,
        match_keys: args.match_keys.clone(),
        replace_tags: args.replace_tags,
        dry_run: args.dry_run,
    };
    let mut vault = cx.unlock()?;
    let bar = output::progress(
        !cx.global.no_progress && !cx.global.quiet,
        None,
        "importing",
    );
    let rows = read::raw_rows_delimited(input, format, delimiter);
    let check = |raw| read::check_forced(raw, &validator, args.strict, args.force);
    let summary = vault.import(rows, &check, &options, &|done| {
        if done % 1024 == 0 {
            bar.set_position(done);
        }
    })?;
    bar.finish_and_clear();
    if summary.error_count > 0 {
        return Err(Error::ImportRejected {
            bad_rows: summary.error_count,
            details: describe(&summary),
        });
    }
    if cx.global.json {
        let mut report = serde_json::json!({
            "added": summary.added,
            "updated": summary.updated,
            "unchanged": summary.unchanged,
            "skipped": summary.skipped,
            "dry_run": args.dry_run,
        });
        if args.dry_run {
            report["changes"] = summary
                .changes
                .iter()
                .map(|c| serde_json::json!({"code": c.code, "line": c.line, "fields": c.fields}))
                .collect();
            report["new_lines"] = summary.new_lines.clone().into();
        }
        return output::json(&report);
    }
    if args.dry_run {
        print_plan(&summary)?;
    }
    let verb = if args.dry_run {
        "Would import"
    } else {
        "Imported"
    };
    output::status(
        cx.global.quiet,
        &format!(
            "{verb} {} new, {} updated, {} skipped{}.",
            summary.added,
            summary.updated,
            summary.skipped,
            match summary.unchanged {
                0 => String::new(),
                n => format!(", {n} unchanged (nothing new in the row)"),
            }
        ),
    );
    Ok(())
}

/// What a dry run would do, a line per customer: new rows by line, changed customers
/// by code with the fields that would change.
fn print_plan(summary: &ImportSummary) -> Result<()> {
    for line in &summary.new_lines {
        output::line(&format!("new      line {line}"))?;
    }
    for change in &summary.changes {
        output::line(&format!(
            "update   {} (line {}): {}",
            change.code,
            change.line,
            change.fields.join(", ")
        ))?;
    }
    Ok(())
}
