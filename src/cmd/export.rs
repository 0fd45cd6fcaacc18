//! `sealbook export`: customers out as CSV, JSON or JSON Lines, plain or pseudonymised,
//! or everything about one customer.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::audit::{Event, MAX_CODES};
use crate::cli::ExportArgs;
use crate::cmd::Context;
use crate::crypto::pseudonym::PseudonymKey;
use crate::error::{Error, Result};
use crate::field::{CATALOGUE, PseudonymForm, Shape};
use crate::output;
use crate::privacy::normalize::{fold, fold_identifier};
use crate::transfer::{Format, write};
use crate::vault::{AuditFilter, Customer, ExportFilter};

/// Customers decrypted and written per batch.
const BATCH: usize = 4096;

/// A time or date cut to its month (`2026-11`): pseudonymised rows keep when, roughly,
/// without the exact second that would single a customer out.
fn month(stamp: &str) -> Value {
    Value::String(stamp.chars().take(7).collect())
}

/// Replaces every personal value of `record` with its keyed token: the fields, the code
/// (which would link the rows to the vault and to other exports), each tag (`hiv-positive`
/// says too much in clear) and each custom field's name. Dates are cut to their month.
fn pseudonymise(record: &mut Map<String, Value>, customer: &Customer, key: &PseudonymKey) {
    let d = &customer.data;
    for spec in &CATALOGUE {
        let Some(slot) = record.get_mut(spec.name) else {
            continue;
        };
        let token = |canonical: String| Value::String(key.token(spec.name, &canonical));
        let text = customer.text(spec.field);
        *slot = match spec.pseudonym {
            PseudonymForm::AsStored => text.map_or(Value::Null, |v| token(v.to_owned())),
            PseudonymForm::Folded => text.map_or(Value::Null, |v| token(fold(v))),
            PseudonymForm::Identifier => text.map_or(Value::Null, |v| token(fold_identifier(v))),
            PseudonymForm::Month => text.map_or(Value::Null, month),
            PseudonymForm::Each if spec.shape == Shape::Tags => Value::Array(
                d.tags
                    .iter()
                    .map(|t| Value::String(key.token("tag", &fold(t))))
                    .collect(),
            ),
            PseudonymForm::Each => Value::Object(
                d.fields
                    .iter()
                    .map(|(k, v)| {
                        let name = key.token("field name", &fold(k));
                        (
                            name,
                            Value::String(key.token(&format!("field.{k}"), &fold(v))),
                        )
                    })
                    .collect(),
            ),
        };
    }
}

/// Where an export goes: standard output, or a private file that appears under its
/// name only when complete (so a failed export leaves neither a partial file nor a
/// destroyed earlier one).
enum Output {
    Stdout(BufWriter<io::Stdout>),
    File {
        temp: BufWriter<tempfile::NamedTempFile>,
        path: PathBuf,
        replace: bool,
    },
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Stdout(w) => w.write(buf),
            Output::File { temp, .. } => temp.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(w) => w.flush(),
            Output::File { temp, .. } => temp.flush(),
        }
    }
}

impl Output {
    fn open(args: &ExportArgs) -> Result<Self> {
        let Some(path) = &args.output else {
            return Ok(Output::Stdout(BufWriter::with_capacity(
                1 << 16,
                io::stdout(),
            )));
        };
        if path.exists() && !args.force {
            return Err(Error::InvalidArgument {
                argument: "--output".into(),
                reason: format!("{} exists; pass --force to replace it", path.display()),
            });
        }
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        // tempfile creates the file 0600, which the export keeps.
        let temp = tempfile::Builder::new()
            .prefix(".sealbook-export-")
            .tempfile_in(dir)
            .map_err(|e| Error::io(format!("creating a file in {}", dir.display()), e))?;
        crate::process::remove_on_interrupt(temp.path());
        Ok(Output::File {
            temp: BufWriter::with_capacity(1 << 16, temp),
            path: path.clone(),
            replace: args.force,
        })
    }

    /// Flushes and, for a file, gives it its final name.
    fn finish(self) -> Result<()> {
        let fail = |e| Error::io("writing the export", e);
        match self {
            Output::Stdout(mut w) => w.flush().map_err(fail),
            Output::File {
                temp,
                path,
                replace,
            } => {
                let temp = temp.into_inner().map_err(|e| fail(e.into_error()))?;
                temp.as_file().sync_all().map_err(fail)?;
                let persisted = if replace {
                    temp.persist(&path)
                } else {
                    temp.persist_noclobber(&path)
                };
                persisted
                    .map(|_| ())
                    .map_err(|e| Error::io(format!("writing {}", path.display()), e.error))
            }
        }
    }
}

/// `export --subject CODE`: everything held about one customer, with the audit entries
/// that name them.
fn subject_access(
    cx: &Context,
    args: &ExportArgs,
    vault: &mut crate::vault::Vault,
    code: &str,
) -> Result<()> {
    let customer = vault.customer(code)?;
    let event = Event::new(cx.command)
        .codes([customer.code.as_str()])
        .count("subject_access", 1);
    vault.record(event)?;
    let audit = vault.audit_entries(&AuditFilter {
        code: Some(customer.code.clone()),
        last: None,
        staff: None,
    })?;
    let mut out = Output::open(args)?;
    let document = serde_json::json!({
        "subject": customer,
        "audit": audit,
        "generated": crate::vault::now_utc(),
        "note": "Every field sealbook holds about this customer, and every audit log \
                 entry that names them. The vault keeps no other personal data; the \
                 audit log records codes and counts only.",
    });
    serde_json::to_writer_pretty(&mut out, &document)
        .map_err(|e| Error::io("writing the export", e.into()))?;
    writeln!(out).map_err(|e| Error::io("writing the export", e))?;
    out.finish()
}

/// The customers `export --search QUERY` covers, with `--tag` and `--owner` applied.
fn searched(
    vault: &crate::vault::Vault,
    query: &str,
    region: Option<crate::privacy::phone::Region>,
    filter: &ExportFilter,
) -> Result<Vec<Customer>> {
    Ok(vault
        .search(query, None, region)?
        .into_iter()
        .filter(|c| filter.keeps(c))
        .collect())
}

/// The format of the export: `--format`, the output file's extension, JSON with
/// `--json`, else CSV. Cards carry whole contacts, so they take no pseudonyms or
/// column choice.
fn format_of(cx: &Context, args: &ExportArgs) -> Result<Format> {
    // `--json` asks for JSON output, as it does of every command.
    let format = args
        .format
        .or_else(|| args.output.as_deref().and_then(Format::from_path))
        .unwrap_or(if cx.global.json {
            Format::Json
        } else {
            Format::Csv
        });
    if format == Format::Vcard && (args.pseudonymise || !args.fields.is_empty()) {
        return Err(Error::InvalidArgument {
            argument: "--format vcard".into(),
            reason: "cards carry whole contacts: --pseudonymise and --fields need csv, json \
                     or jsonl"
                .into(),
        });
    }
    Ok(format)
}

pub fn run(cx: &Context, args: &ExportArgs) -> Result<()> {
    let format = format_of(cx, args)?;
    let columns = write::columns(&args.fields).map_err(|reason| Error::InvalidArgument {
        argument: "--fields".into(),
        reason,
    })?;
    let region = cx.region()?;
    let mut vault = cx.unlock()?;

    if let Some(code) = &args.subject {
        return subject_access(cx, args, &mut vault, code);
    }

    let key = match (args.pseudonymise, args.unlinkable) {
        (true, true) => Some(PseudonymKey::one_time()),
        (true, false) => Some(vault.pseudonym_key()?),
        _ => None,
    };
    let filter = ExportFilter {
        tag: args.tag.clone(),
        owner: args.owner.clone(),
    };
    // The audit entry is written before the first customer leaves the process: an
    // export that cannot be logged prints nothing.
    let record = |vault: &mut crate::vault::Vault, count: u64, codes: Vec<String>| {
        let event = Event::new(cx.command)
            .codes(codes)
            .count("customers", count)
            .count("pseudonymised", u64::from(args.pseudonymise));
        vault.record(event)
    };
    let found = if let Some(query) = &args.search {
        let found = searched(&vault, query, region, &filter)?;
        let codes = found.iter().take(MAX_CODES + 1).map(|c| c.code.clone());
        record(&mut vault, found.len() as u64, codes.collect())?;
        Some(found)
    } else {
        let (count, codes) = vault.export_selection(&filter)?;
        record(&mut vault, count, codes)?;
        None
    };

    let out = Output::open(args)?;
    let mut writer = if args.excel {
        // Each custom field is a column: their keys are gathered first.
        let mut keys = std::collections::BTreeSet::new();
        let mut gather = |customers: &mut Vec<Customer>| -> Result<()> {
            keys.extend(customers.iter().flat_map(|c| c.data.fields.keys().cloned()));
            Ok(())
        };
        match &found {
            Some(found) => gather(&mut found.clone())?,
            None => {
                vault.export(&filter, BATCH, &mut gather)?;
            }
        }
        let delimiter = if write::decimal_comma(region) {
            b';'
        } else {
            b','
        };
        write::Writer::excel(out, columns, keys.into_iter().collect(), delimiter)
    } else {
        write::Writer::new(out, format, columns)
    }
    .map_err(|e| Error::io("writing the export", e))?;
    if args.allow_formulas {
        writer = writer.allow_formulas();
    }
    let bar = output::progress(
        !cx.global.no_progress && !cx.global.quiet,
        Some(u64::try_from(vault.customer_count()?).unwrap_or(0)),
        "exporting",
    );
    let mut emit = |customers: &mut Vec<Customer>| -> Result<()> {
        for customer in customers.iter() {
            let written = match &key {
                Some(key) => {
                    let mut record = writer.object(customer);
                    pseudonymise(&mut record, customer, key);
                    writer.write(&record)
                }
                None => writer.write_customer(customer),
            };
            written.map_err(|e| Error::io("writing the export", e))?;
        }
        bar.inc(customers.len() as u64);
        Ok(())
    };
    match found {
        Some(mut found) => emit(&mut found)?,
        None => {
            vault.export(&filter, BATCH, emit)?;
        }
    }
    bar.finish_and_clear();
    writer
        .finish()
        .map_err(|e| Error::io("writing the export", e))?
        .finish()
}
