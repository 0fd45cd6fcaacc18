//! CSV rows for the import: each record with the line it starts on, counted from the
//! bytes read, since the CSV reader's own count misses line breaks inside quoted cells.

use std::io::Read;
use std::sync::{Arc, Mutex};

use super::{Cell, RawRow, clashing_columns, row_error};

/// Rows of a CSV file separated by `delimiter` (header first; a BOM and CRLF line ends
/// are fine).
pub(super) fn csv_rows<'a>(
    input: Box<dyn Read + Send + 'a>,
    delimiter: u8,
) -> Box<dyn Iterator<Item = RawRow> + Send + 'a> {
    // The CSV reader's own line count misses line breaks inside quoted cells, so lines
    // are counted from the bytes it reads, at each record's starting byte.
    let newlines = Arc::new(Mutex::new(Newlines::default()));
    let input = NewlineLog {
        inner: input,
        at: 0,
        log: Arc::clone(&newlines),
    };
    let line_at = move |position: Option<&csv::Position>| {
        position.map_or(0, |p| {
            newlines
                .lock()
                .map_or(p.line(), |mut log| log.line_at(p.byte()))
        })
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .delimiter(delimiter)
        .from_reader(input);
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').to_owned())
            .collect(),
        Err(e) => {
            return Box::new(std::iter::once(RawRow::bad(row_error(
                1,
                "",
                format!("cannot read the header: {e}"),
            ))));
        }
    };
    if let Some(reason) = clashing_columns(headers.iter().map(String::as_str)) {
        return Box::new(std::iter::once(RawRow::bad(row_error(1, "header", reason))));
    }
    Box::new(reader.into_records().map(move |record| {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                let line = line_at(e.position());
                let reason = match e.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => {
                        format!("has {len} fields where the header has {expected_len}")
                    }
                    _ => e.to_string(),
                };
                return RawRow::bad(row_error(line, "", reason));
            }
        };
        let line = line_at(record.position());
        let cells = headers
            .iter()
            .zip(record.iter())
            .map(|(h, value)| {
                (
                    h.clone(),
                    Cell::Text(crate::transfer::write::unguarded(value).to_owned()),
                )
            })
            .collect();
        RawRow {
            line,
            cells: Ok(cells),
        }
    }))
}

/// The offsets of the line breaks read and not yet passed, and how many were passed.
#[derive(Default)]
struct Newlines {
    ahead: std::collections::VecDeque<u64>,
    passed: u64,
}

impl Newlines {
    /// The line (from 1) of a record the CSV reader says starts at byte `offset`. Offsets
    /// only grow, so the breaks before it are counted and forgotten: memory stays the
    /// size of the read-ahead. (After a CRLF the reader names the `\n` as the start of
    /// the next record, so a break at `offset` itself is counted too.)
    fn line_at(&mut self, offset: u64) -> u64 {
        while self.ahead.front().is_some_and(|&at| at <= offset) {
            self.ahead.pop_front();
            self.passed += 1;
        }
        self.passed + 1
    }
}

/// A reader that logs where each line break it passes on is.
struct NewlineLog<R> {
    inner: R,
    at: u64,
    log: Arc<Mutex<Newlines>>,
}

impl<R: Read> Read for NewlineLog<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Ok(mut log) = self.log.lock() {
            let at = self.at;
            log.ahead.extend(
                buf[..n]
                    .iter()
                    .enumerate()
                    .filter(|(_, b)| **b == b'\n')
                    .map(|(i, _)| at + i as u64),
            );
        }
        self.at += n as u64;
        Ok(n)
    }
}
