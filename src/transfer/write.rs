//! Writing customers out as CSV, a JSON array or JSON Lines, a batch at a time.

use std::io::Write;

use serde_json::{Map, Value};

use super::Format;
use crate::field::{Field, Shape};
use crate::vault::Customer;

/// The value of one column of a customer, as JSON.
fn column(c: &Customer, field: Field) -> Value {
    let d = &c.data;
    match field.spec().shape {
        Shape::Tags => Value::Array(d.tags.iter().cloned().map(Value::String).collect()),
        Shape::Custom => Value::Object(
            d.fields
                .iter()
                .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                .collect(),
        ),
        _ => c
            .text(field)
            .map_or(Value::Null, |v| Value::String(v.to_owned())),
    }
}

/// The columns an export writes: `--fields`, or every column.
pub fn columns(selected: &[String]) -> Result<Vec<Field>, String> {
    if selected.is_empty() {
        return Ok(Field::all().collect());
    }
    selected
        .iter()
        .map(|s| {
            Field::from_header(s).ok_or_else(|| {
                let all: Vec<&str> = Field::all().map(Field::name).collect();
                format!("unknown field '{s}'; fields are {}", all.join(", "))
            })
        })
        .collect()
}

/// An optional text as a CSV cell: empty when absent.
fn text_cell(value: Option<&str>) -> std::borrow::Cow<'_, str> {
    std::borrow::Cow::Borrowed(value.unwrap_or(""))
}

/// Characters that make a spreadsheet read a cell as a formula (OWASP's list): a cell
/// starting with one of them is written with a leading `'`, which spreadsheets take as
/// "text" and hide, and which `import` removes again.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `cell`, made safe to open in a spreadsheet when `guard` is set.
fn guarded(cell: std::borrow::Cow<'_, str>, guard: bool) -> std::borrow::Cow<'_, str> {
    if guard && cell.starts_with(FORMULA_STARTS) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        cell
    }
}

/// A cell read from a CSV file, without the `'` an export put before a formula
/// character.
pub fn unguarded(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

/// Where records go: through a CSV encoder, or straight out as JSON.
enum Out<W: Write> {
    Csv(Box<csv::Writer<W>>),
    Raw(W),
}

/// Writes customers in one format; `finish` closes a JSON array.
pub struct Writer<W: Write> {
    out: Out<W>,
    format: Format,
    columns: Vec<Field>,
    written: u64,
    /// CSV cells that a spreadsheet would run as formulas get a leading `'`.
    formula_guard: bool,
    /// For spreadsheets: the custom fields' keys, each written as a column of its own.
    custom_columns: Option<Vec<String>>,
}

/// Whether spreadsheets of the user write decimals with a comma (and so expect `;`
/// between CSV cells): by `--region` when given, else by the locale (`LC_ALL`,
/// `LC_NUMERIC`, `LANG`).
pub fn decimal_comma(region: Option<crate::privacy::phone::Region>) -> bool {
    const COMMA_REGIONS: [&str; 24] = [
        "PL", "CZ", "SK", "RU", "UA", "BY", "DE", "AT", "FR", "BE", "ES", "IT", "PT", "NL", "SE",
        "DK", "FI", "NO", "HU", "RO", "BG", "HR", "SI", "TR",
    ];
    const COMMA_LANGUAGES: [&str; 22] = [
        "pl", "cs", "sk", "ru", "uk", "be", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "fi",
        "nb", "hu", "ro", "bg", "hr", "sl", "tr",
    ];
    if let Some(region) = region {
        return COMMA_REGIONS.contains(&region.code());
    }
    ["LC_ALL", "LC_NUMERIC", "LANG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty())
        .is_some_and(|locale| {
            let language = locale.split(['_', '.', '@']).next().unwrap_or_default();
            COMMA_LANGUAGES.contains(&language)
        })
}

/// How a spreadsheet export names a custom field's column (`field:vat`); import reads it
/// back as that custom field.
pub const EXCEL_FIELD_PREFIX: &str = "field:";

fn csv_cell(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(";"),
        Some(Value::Object(map)) if map.is_empty() => String::new(),
        Some(v @ Value::Object(_)) => v.to_string(),
        _ => String::new(),
    }
}

impl<W: Write> Writer<W> {
    pub fn new(out: W, format: Format, columns: Vec<Field>) -> std::io::Result<Self> {
        let out = match format {
            Format::Csv => {
                let mut csv = csv::Writer::from_writer(out);
                csv.write_record(columns.iter().map(|f| f.name()))?;
                Out::Csv(Box::new(csv))
            }
            Format::Json => {
                let mut out = out;
                out.write_all(b"[")?;
                Out::Raw(out)
            }
            Format::Jsonl | Format::Vcard => Out::Raw(out),
        };
        Ok(Self {
            formula_guard: true,
            out,
            format,
            columns,
            written: 0,
            custom_columns: None,
        })
    }

    /// A CSV writer for spreadsheets (`export --excel`): a UTF-8 byte-order mark (so Excel
    /// reads the accents), `delimiter` between cells, and each custom field in a column
    /// of its own (`field:vat`) instead of one JSON cell; `custom` lists their keys.
    pub fn excel(
        mut out: W,
        columns: Vec<Field>,
        custom: Vec<String>,
        delimiter: u8,
    ) -> std::io::Result<Self> {
        out.write_all("\u{feff}".as_bytes())?;
        let mut csv = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .from_writer(out);
        let mut header = Vec::new();
        for field in &columns {
            if *field == Field::Fields {
                header.extend(
                    custom
                        .iter()
                        .map(|key| format!("{EXCEL_FIELD_PREFIX}{key}")),
                );
            } else {
                header.push(field.name().to_owned());
            }
        }
        csv.write_record(&header)?;
        Ok(Self {
            formula_guard: true,
            out: Out::Csv(Box::new(csv)),
            format: Format::Csv,
            columns,
            written: 0,
            custom_columns: Some(custom),
        })
    }

    /// Writes CSV cells exactly as stored, formula characters and all
    /// (`export --allow-formulas`).
    #[must_use]
    pub fn allow_formulas(mut self) -> Self {
        self.formula_guard = false;
        self
    }

    pub fn object(&self, c: &Customer) -> Map<String, Value> {
        self.columns
            .iter()
            .map(|&field| (field.name().to_owned(), column(c, field)))
            .collect()
    }

    /// Writes one customer as it is: for CSV straight from its fields, without building
    /// a JSON object first (the common, bulk case).
    pub fn write_customer(&mut self, c: &Customer) -> std::io::Result<()> {
        if let (Out::Raw(out), Format::Vcard) = (&mut self.out, self.format) {
            self.written += 1;
            return super::vcard::write_card(out, c);
        }
        let Out::Csv(csv) = &mut self.out else {
            let record = self.object(c);
            return self.write(&record);
        };
        let d = &c.data;
        for &field in &self.columns {
            if let (Shape::Custom, Some(keys)) = (field.spec().shape, &self.custom_columns) {
                for key in keys {
                    let cell = text_cell(d.fields.get(key).map(String::as_str));
                    csv.write_field(guarded(cell, self.formula_guard).as_bytes())?;
                }
                continue;
            }
            let cell = match field.spec().shape {
                Shape::Tags => std::borrow::Cow::Owned(d.tags.join(";")),
                Shape::Custom if d.fields.is_empty() => std::borrow::Cow::Borrowed(""),
                Shape::Custom => {
                    std::borrow::Cow::Owned(serde_json::to_string(&d.fields).unwrap_or_default())
                }
                _ => text_cell(c.text(field)),
            };
            csv.write_field(guarded(cell, self.formula_guard).as_bytes())?;
        }
        csv.write_record(None::<&[u8]>)?;
        self.written += 1;
        Ok(())
    }

    /// Writes `record` (an object of column values).
    pub fn write(&mut self, record: &Map<String, Value>) -> std::io::Result<()> {
        match &mut self.out {
            Out::Csv(csv) => {
                let guard = self.formula_guard;
                csv.write_record(self.columns.iter().map(|field| {
                    guarded(csv_cell(record.get(field.name())).into(), guard).into_owned()
                }))?;
            }
            Out::Raw(out) => {
                if self.format == Format::Json {
                    out.write_all(if self.written > 0 { b",\n" } else { b"\n" })?;
                }
                serde_json::to_writer(&mut *out, record)?;
                if self.format == Format::Jsonl {
                    out.write_all(b"\n")?;
                }
            }
        }
        self.written += 1;
        Ok(())
    }

    /// Ends the output (closes a JSON array) and flushes it.
    pub fn finish(self) -> std::io::Result<W> {
        let mut out = match self.out {
            Out::Csv(csv) => csv.into_inner().map_err(csv::IntoInnerError::into_error)?,
            Out::Raw(mut out) => {
                if self.format == Format::Json {
                    out.write_all(if self.written > 0 { b"\n]\n" } else { b"]\n" })?;
                }
                out
            }
        };
        out.flush()?;
        Ok(out)
    }
}
