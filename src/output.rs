//! Everything printed: customer tables, JSON, and sanitising of stored text before a
//! terminal sees it.

use std::io::{self, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::field::{CATALOGUE, Field, Shape};
use crate::privacy::phone;
use crate::vault::Customer;

/// Replaces control and bidirectional-override characters, which stored or imported
/// text could use to rewrite the terminal or disguise what is shown.
pub fn sanitize(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' => {
                '\u{FFFD}'
            }
            '\n' | '\t' => ' ',
            c if c.is_control() => '\u{FFFD}',
            c => c,
        })
        .collect()
}

fn write_failed(e: io::Error) -> Error {
    Error::io("writing to standard output", e)
}

/// Writes `value` as one line of JSON on stdout.
pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<()> {
    let mut out = io::stdout().lock();
    serde_json::to_writer(&mut out, value).map_err(|e| Error::io("writing JSON", e.into()))?;
    writeln!(out).map_err(write_failed)
}

/// Writes a line on stdout.
pub fn line(text: &str) -> Result<()> {
    writeln!(io::stdout().lock(), "{text}").map_err(write_failed)
}

/// A table for stdout: boxed and fitted to the terminal's width (long text wraps at
/// spaces), or, when stdout is not a terminal, plain columns aligned with spaces, for
/// `grep`, `cut` and mail.
pub fn new_table(header: &[&str]) -> Table {
    use std::io::IsTerminal;
    let mut table = Table::new();
    if io::stdout().is_terminal() {
        table
            .load_preset(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
    } else {
        table
            .load_preset(comfy_table::presets::NOTHING)
            .set_content_arrangement(ContentArrangement::Disabled);
    }
    table.set_header(header.iter().copied());
    table
}

/// Prints `table` on stdout; plain tables lose the spaces that pad their last column.
pub fn table(table: &Table) -> Result<()> {
    use std::io::IsTerminal;
    let text = table.to_string();
    if io::stdout().is_terminal() {
        return line(&text);
    }
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    line(&lines.join("\n"))
}

/// Keeps the columns at `unbroken` (codes, e-mails, phones, most important first) from
/// wrapping as far as the terminal allows: each is kept whole while a little of every
/// other column still fits, and one that cannot be whole still gets room for an
/// ordinary value.
fn keep_whole(table: &mut Table, unbroken: &[usize]) {
    use comfy_table::{ColumnConstraint, Width};
    /// Room for a wrapped column, for a column's padding and border, and for an
    /// ordinary e-mail or phone.
    const NARROWEST: usize = 5;
    const FRAME: usize = 3;
    const ORDINARY: u16 = 28;
    use std::io::IsTerminal;
    let Some(width) = table.width().filter(|_| io::stdout().is_terminal()) else {
        return; // not a terminal: nothing wraps
    };
    let widths = table.column_max_content_widths();
    let mut budget = usize::from(width)
        .saturating_sub(widths.len().saturating_sub(unbroken.len()) * (NARROWEST + FRAME));
    for &index in unbroken.iter().filter(|&&i| i < widths.len()) {
        let whole = usize::from(widths[index]) + FRAME;
        let constraint = if whole <= budget {
            budget -= whole;
            ColumnConstraint::ContentWidth
        } else if usize::from(ORDINARY) + FRAME <= budget {
            budget -= usize::from(ORDINARY) + FRAME;
            ColumnConstraint::LowerBoundary(Width::Fixed(ORDINARY))
        } else {
            continue;
        };
        if let Some(column) = table.column_mut(index) {
            column.set_constraint(constraint);
        }
    }
}

/// Stored text as shown, keeping its line breaks (for notes).
fn sanitize_lines(text: &str) -> String {
    text.lines().map(sanitize).collect::<Vec<_>>().join("\n")
}

fn opt(value: Option<&str>) -> String {
    value.map(sanitize).unwrap_or_default()
}

/// Customers as a table: the columns that identify someone at a glance.
pub fn customer_table(customers: &[Customer]) -> Result<()> {
    let mut table = new_table(&["Code", "Name", "E-mail", "Phone", "Company", "Tags"]);
    for c in customers {
        table.add_row(vec![
            c.code.clone(),
            sanitize(&c.data.name),
            opt(c.data.email.as_deref()),
            c.data
                .phone
                .as_deref()
                .map(phone::display)
                .map(|p| sanitize(&p))
                .unwrap_or_default(),
            opt(c.data.company.as_deref()),
            sanitize(&c.data.tags.join(", ")),
        ]);
    }
    keep_whole(&mut table, &[0, 3, 2]);
    self::table(&table)
}

/// A one-value field as `show` prints it: phones grouped, notes with their line breaks.
fn shown(field: Field, value: Option<&str>) -> String {
    match (field, value) {
        (Field::Phone, Some(phone)) => sanitize(&phone::display(phone)),
        (Field::Notes, Some(notes)) => sanitize_lines(notes),
        (_, value) => opt(value),
    }
}

/// One customer, every field on its own row: the one-value fields in record order,
/// then the tags, each custom field, and the times.
pub fn customer_detail(c: &Customer) -> Result<()> {
    let mut table = new_table(&["Field", "Value"]);
    let mut rows: Vec<(u8, Vec<String>)> = Vec::new();
    for spec in &CATALOGUE {
        let (group, row) = match spec.shape {
            Shape::Tags => (
                1,
                vec![spec.label.to_owned(), sanitize(&c.data.tags.join(", "))],
            ),
            Shape::Custom => {
                for (key, value) in &c.data.fields {
                    rows.push((2, vec![format!("field {}", sanitize(key)), sanitize(value)]));
                }
                continue;
            }
            Shape::Stamp => (3, vec![spec.label.to_owned(), opt(c.text(spec.field))]),
            _ if c.data.sealed_for_owner.iter().any(|f| f == spec.name) => (
                0,
                vec![
                    spec.label.to_owned(),
                    "(recorded; sealed for the owner)".to_owned(),
                ],
            ),
            _ => (
                0,
                vec![spec.label.to_owned(), shown(spec.field, c.text(spec.field))],
            ),
        };
        rows.push((group, row));
    }
    rows.sort_by_key(|(group, _)| *group);
    for (_, row) in rows {
        table.add_row(row);
    }
    self::table(&table)
}

/// `n` and the noun that fits it: "1 customer", "3 customers".
pub fn count(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A status message on stderr, unless `--quiet`.
pub fn status(quiet: bool, text: &str) {
    if !quiet {
        eprintln!("{text}");
    }
}

/// Asks `question` on the terminal; true only when the answer is "yes".
pub fn confirm(question: &str) -> Result<bool> {
    use std::io::BufRead;
    eprint!("{question} Type yes to confirm: ");
    io::stderr().flush().ok();
    let mut answer = String::new();
    io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|e| Error::io("reading the confirmation", e))?;
    Ok(answer.trim().eq_ignore_ascii_case("yes"))
}

/// A warning on stderr (always shown).
pub fn warning(text: &str) {
    eprintln!("sealbook: warning: {text}");
}

/// A progress bar on stderr for long work, hidden when stderr is not a terminal or with
/// `--no-progress`. `total` is `None` when the amount of work is unknown.
pub fn progress(enabled: bool, total: Option<u64>, what: &str) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !enabled || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = match total {
        Some(total) => indicatif::ProgressBar::new(total),
        None => indicatif::ProgressBar::new_spinner(),
    };
    let template = if total.is_some() {
        "{msg} [{bar:30}] {pos}/{len} ({per_sec}, {eta})"
    } else {
        "{spinner} {msg} {pos} ({per_sec})"
    };
    if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(what.to_owned());
    bar
}
