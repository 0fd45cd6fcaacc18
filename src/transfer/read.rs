//! Reading import files into records, one at a time with the line of each, and checking
//! each record as `add` would. Reading is sequential; checking, the costly part, is done
//! by [`check`] on as many threads as the caller likes.

use std::collections::BTreeMap;
use std::io::Read;

use serde_json::Value;

use super::Format;
mod csv_rows;

use super::header::Header;
use crate::error::Error;
use crate::field::{Check, Field, Shape};
use crate::vault::{CustomerData, ImportRow, RowError, Validator, import_code};
use csv_rows::csv_rows;

/// A row as read, before checking: column names mapped to text (or, from JSON, lists
/// and objects).
enum Cell {
    Text(String),
    List(Vec<String>),
    Map(BTreeMap<String, String>),
}

fn row_error(line: u64, field: &str, reason: impl Into<String>) -> RowError {
    RowError {
        line,
        field: field.into(),
        reason: reason.into(),
    }
}

/// What `add` would say about a value, as a row error.
fn checked<T>(line: u64, result: Result<T, Error>) -> Result<T, RowError> {
    result.map_err(|e| match e {
        Error::InvalidField { field, reason } => row_error(line, &field, reason),
        other => row_error(line, "", other.to_string()),
    })
}

fn text(line: u64, field: &str, cell: Cell) -> Result<String, RowError> {
    match cell {
        Cell::Text(t) => Ok(t),
        _ => Err(row_error(line, field, "must be text")),
    }
}

/// A record being built from one row's cells.
#[derive(Default)]
struct Building {
    /// `import --force`: values that fail only a plausibility check are kept.
    forced: bool,
    data: CustomerData,
    code: Option<String>,
    created: Option<String>,
    updated: Option<String>,
    phone_forms: Option<String>,
    has_name: bool,
}

impl Building {
    /// Fills `field` from `cell`, checked as `add` checks it.
    fn fill(&mut self, line: u64, field: Field, cell: Cell, v: &Validator) -> Result<(), RowError> {
        let name = field.name();
        match field.spec().shape {
            Shape::Code => {
                let typed = text(line, name, cell)?;
                self.code = Some(import_code(&typed).ok_or_else(|| {
                    row_error(line, name, "is not a customer code (C- and 8 characters)")
                })?);
            }
            Shape::Stamp => {
                let stamp = Some(timestamp(line, name, cell)?);
                if field == Field::Created {
                    self.created = stamp;
                } else {
                    self.updated = stamp;
                }
            }
            Shape::Tags => add_tags(line, cell, v, &mut self.data)?,
            Shape::Custom => add_fields(line, cell, v, &mut self.data)?,
            Shape::Required | Shape::Optional if field.spec().check == Check::Phone => {
                let phone = checked(line, v.checked_phone(&text(line, name, cell)?))?;
                self.data.set_text(field, phone.e164);
                self.phone_forms = Some(phone.search_forms);
            }
            Shape::Required | Shape::Optional => {
                let typed = text(line, name, cell)?;
                let value = if self.forced {
                    checked(line, v.forced_value(field, &typed))?
                } else {
                    checked(line, v.value(field, &typed))?
                };
                self.data.set_text(field, value);
                self.has_name |= field == Field::Name;
            }
        }
        Ok(())
    }

    /// Keeps `cell` as the custom field `header`; a bad value names the column.
    fn keep_as_custom(
        &mut self,
        line: u64,
        header: &str,
        cell: Cell,
        v: &Validator,
    ) -> Result<(), RowError> {
        let key = checked(line, v.field_key(header))?;
        let value = text(line, header, cell)?;
        let (_, value) =
            checked(line, v.field_assignment(&format!("{key}={value}"))).map_err(|e| RowError {
                field: header.to_owned(),
                ..e
            })?;
        self.data.fields.insert(key, value);
        Ok(())
    }
}

/// Builds a checked record from one row's cells, validated exactly as `add` validates.
/// A contact export's extra e-mails and phones fill the field only when the row has no
/// value for it, and are otherwise kept as custom fields; its name parts make the name
/// only when there is none.
fn record(
    line: u64,
    cells: Vec<(String, Cell)>,
    v: &Validator,
    strict: bool,
    forced: bool,
) -> Result<ImportRow, RowError> {
    let mut row = Building {
        forced,
        ..Building::default()
    };
    let mut others = Vec::new();
    let mut name_parts = Vec::new();
    for (header, cell) in cells {
        if let Cell::Text(t) = &cell
            && t.trim().is_empty()
        {
            continue;
        }
        match Header::parse(&header) {
            Header::Field(field) => row.fill(line, field, cell, v)?,
            Header::Another(field) => others.push((field, header, cell)),
            Header::NamePart(part) => name_parts.push((part, text(line, &header, cell)?)),
            Header::Label => {}
            Header::Custom(key)
                if header.starts_with("field.")
                    || header.starts_with(super::write::EXCEL_FIELD_PREFIX) =>
            {
                let value = text(line, &header, cell)?;
                let (key, value) = checked(line, v.field_assignment(&format!("{key}={value}")))?;
                row.data.fields.insert(key, value);
            }
            Header::Custom(_) if strict => {
                return Err(row_error(line, &header, "is not a known column (--strict)"));
            }
            // A header sealbook does not know is a custom field of that name.
            Header::Custom(_) => row.keep_as_custom(line, &header, cell, v)?,
        }
    }
    for (field, header, cell) in others {
        if row.data.text(field).is_none() {
            row.fill(line, field, cell, v)?;
        } else {
            row.keep_as_custom(line, &header, cell, v)?;
        }
    }
    if !row.has_name && !name_parts.is_empty() {
        name_parts.sort_by_key(|(part, _)| *part);
        let joined: Vec<&str> = name_parts.iter().map(|(_, t)| t.trim()).collect();
        row.fill(line, Field::Name, Cell::Text(joined.join(" ")), v)?;
    }
    if !row.has_name {
        return Err(row_error(line, "name", "is missing"));
    }
    Ok(ImportRow {
        line,
        data: row.data,
        phone_forms: row.phone_forms,
        code: row.code,
        created: row.created,
        updated: row.updated,
    })
}

/// A `created` or `updated` cell: an RFC 3339 time, kept as written.
fn timestamp(line: u64, column: &str, cell: Cell) -> Result<String, RowError> {
    let stamp = text(line, column, cell)?;
    time::OffsetDateTime::parse(&stamp, &time::format_description::well_known::Rfc3339)
        .map(|_| stamp)
        .map_err(|_| row_error(line, column, "expected a time like 2026-11-22T19:28:26Z"))
}

fn add_tags(line: u64, cell: Cell, v: &Validator, data: &mut CustomerData) -> Result<(), RowError> {
    let tags = match cell {
        // `;` between tags, or ` ::: ` as Google Contacts writes its labels (`* starred`
        // for its own).
        Cell::Text(t) => t
            .split(';')
            .flat_map(|t| t.split(":::"))
            .map(|t| t.trim().trim_start_matches("* ").to_owned())
            .collect(),
        Cell::List(list) => list,
        Cell::Map(_) => return Err(row_error(line, "tags", "must be a list")),
    };
    for tag in tags.iter().filter(|t| !t.trim().is_empty()) {
        let tag = checked(line, v.tag(tag))?;
        data.add_tag(tag);
    }
    Ok(())
}

fn add_fields(
    line: u64,
    cell: Cell,
    v: &Validator,
    data: &mut CustomerData,
) -> Result<(), RowError> {
    let map = match cell {
        Cell::Map(map) => map,
        Cell::Text(t) => serde_json::from_str::<BTreeMap<String, String>>(&t)
            .map_err(|_| row_error(line, "fields", "must be a JSON object of text values"))?,
        Cell::List(_) => return Err(row_error(line, "fields", "must be an object")),
    };
    for (key, value) in map {
        let (key, value) = checked(line, v.field_assignment(&format!("{key}={value}")))?;
        data.fields.insert(key, value);
    }
    Ok(())
}

/// One record as read from the file, before its values are checked: its cells, or why
/// it could not be read.
pub struct RawRow {
    line: u64,
    cells: Result<Vec<(String, Cell)>, RowError>,
}

impl RawRow {
    fn bad(error: RowError) -> Self {
        Self {
            line: error.line,
            cells: Err(error),
        }
    }
}

/// Two columns that would fill the same field (`Mobile` and `Phone number`, or `Phone`
/// twice): one would silently lose to the other, so the file is refused instead.
fn clashing_columns<'a>(headers: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let mut seen: Vec<(String, &str)> = Vec::new();
    // Blank headers (trailing empty columns of a spreadsheet) hold nothing to lose.
    for header in headers.into_iter().filter(|h| !h.trim().is_empty()) {
        let meaning = Header::parse(header).meaning(header);
        if let Some((_, first)) = seen.iter().find(|(m, _)| *m == meaning) {
            return Some(format!(
                "columns \"{first}\" and \"{header}\" both mean {meaning}; remove or rename one"
            ));
        }
        seen.push((meaning, header));
    }
    None
}

/// Checks one record read by [`raw_rows`] exactly as `add` checks its values.
pub fn check(raw: RawRow, v: &Validator, strict: bool) -> Result<ImportRow, RowError> {
    check_forced(raw, v, strict, false)
}

/// [`check`]; with `forced`, national ids failing their scheme's check and retention
/// dates in the past are kept as the file has them (`import --force`).
pub fn check_forced(
    raw: RawRow,
    v: &Validator,
    strict: bool,
    forced: bool,
) -> Result<ImportRow, RowError> {
    record(raw.line, raw.cells?, v, strict, forced)
}

fn json_cells(line: u64, value: Value) -> Result<Vec<(String, Cell)>, RowError> {
    let Value::Object(object) = value else {
        return Err(row_error(line, "", "is not a JSON object"));
    };
    if let Some(reason) = clashing_columns(object.keys().map(String::as_str)) {
        return Err(row_error(line, "", reason));
    }
    object
        .into_iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(key, value)| {
            let cell = match value {
                Value::String(s) => Cell::Text(s),
                Value::Number(n) => Cell::Text(n.to_string()),
                Value::Bool(b) => Cell::Text(b.to_string()),
                Value::Array(items) => Cell::List(
                    items
                        .into_iter()
                        .map(|i| match i {
                            Value::String(s) => Ok(s),
                            _ => Err(row_error(line, &key, "must be a list of text")),
                        })
                        .collect::<Result<_, _>>()?,
                ),
                Value::Object(map) => Cell::Map(
                    map.into_iter()
                        .map(|(k, v)| match v {
                            Value::String(s) => Ok((k, s)),
                            _ => Err(row_error(line, &key, "values must be text")),
                        })
                        .collect::<Result<_, _>>()?,
                ),
                Value::Null => unreachable!("nulls were filtered out"),
            };
            Ok((key, cell))
        })
        .collect()
}

/// Reads records of `format` from `input`, to be checked with [`check`]. JSON Lines and
/// CSV stream; a JSON array is read whole. CSV is comma-separated.
pub fn raw_rows<'a>(
    input: Box<dyn Read + Send + 'a>,
    format: Format,
) -> Box<dyn Iterator<Item = RawRow> + Send + 'a> {
    raw_rows_delimited(input, format, b',')
}

/// [`raw_rows`], with CSV fields separated by `delimiter`.
pub fn raw_rows_delimited<'a>(
    input: Box<dyn Read + Send + 'a>,
    format: Format,
    delimiter: u8,
) -> Box<dyn Iterator<Item = RawRow> + Send + 'a> {
    let json_row = |line: u64, value: Value| RawRow {
        line,
        cells: json_cells(line, value),
    };
    match format {
        Format::Csv => csv_rows(input, delimiter),
        Format::Vcard => {
            Box::new(
                super::vcard::cards(std::io::BufReader::new(input)).map(|card| match card {
                    Ok(card) => RawRow {
                        line: card.line,
                        cells: Ok(card
                            .cells
                            .into_iter()
                            .map(|(header, value)| (header, Cell::Text(value)))
                            .collect()),
                    },
                    Err(e) => RawRow::bad(row_error(0, "", format!("cannot read the cards: {e}"))),
                }),
            )
        }
        Format::Jsonl => {
            let stream = serde_json::Deserializer::from_reader(input).into_iter::<Value>();
            Box::new(stream.enumerate().map(move |(i, value)| {
                let line = i as u64 + 1;
                match value {
                    Ok(value) => json_row(line, value),
                    Err(e) => RawRow::bad(row_error(
                        e.line() as u64,
                        "",
                        format!("is not valid JSON: {e}"),
                    )),
                }
            }))
        }
        Format::Json => match serde_json::from_reader::<_, Value>(input) {
            Ok(Value::Array(items)) => Box::new(
                items
                    .into_iter()
                    .enumerate()
                    .map(move |(i, value)| json_row(i as u64 + 1, value)),
            ),
            Ok(_) => Box::new(std::iter::once(RawRow::bad(row_error(
                1,
                "",
                "the file must hold a JSON array of records",
            )))),
            Err(e) => Box::new(std::iter::once(RawRow::bad(row_error(
                e.line() as u64,
                "",
                format!("is not valid JSON: {e}"),
            )))),
        },
    }
}
