//! Customer files in and out: CSV, JSON and JSON Lines, read and written a record at a
//! time. Columns are the fields of [`crate::field::CATALOGUE`], named as in a JSON record
//! (`name`, `email`, ... `retain_until`), with the catalogue's aliases accepted on import.

pub mod header;
pub mod read;
pub mod sniff;
pub mod vcard;
pub mod write;

use std::path::Path;

/// A file format for import and export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    Json,
    Jsonl,
    // vCard (`.vcf`): contacts as phones and mail programs exchange them. (A plain
    // comment: a doc comment would turn the short list of formats in `--help` long.)
    Vcard,
}

impl Format {
    /// The format a file name suggests: `.csv`, `.json`, `.jsonl` / `.ndjson`, `.vcf`.
    pub fn from_path(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "vcf" | "vcard" => Some(Format::Vcard),
            _ => None,
        }
    }
}
