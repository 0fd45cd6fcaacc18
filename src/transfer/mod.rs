//! Customer files in and out: CSV, JSON and JSON Lines, read and written a record at a
//! time. Field names are the JSON record's (`name`, `email`, ... `retain_until`), with
//! common aliases accepted on import.

pub mod read;
pub mod write;

use std::path::Path;

/// A file format for import and export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    Json,
    Jsonl,
}

impl Format {
    /// The format a file name suggests: `.csv`, `.json`, `.jsonl` / `.ndjson`.
    pub fn from_path(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            _ => None,
        }
    }
}

/// Every column of an export, in order.
pub const COLUMNS: [&str; 16] = [
    "code",
    "name",
    "email",
    "phone",
    "address",
    "company",
    "national_id",
    "account",
    "notes",
    "tags",
    "fields",
    "owner",
    "retain_until",
    "created",
    "updated",
    "",
];

/// The canonical field a column header names, if any: case-insensitive, with the
/// aliases spreadsheets use.
pub fn canonical_column(header: &str) -> Option<&'static str> {
    let h = header.trim().to_lowercase().replace([' ', '-'], "_");
    Some(match h.as_str() {
        "code" | "customer_code" => "code",
        "name" | "full_name" | "customer" | "customer_name" => "name",
        "email" | "e_mail" | "mail" | "email_address" => "email",
        "phone" | "telephone" | "tel" | "mobile" | "phone_number" => "phone",
        "address" | "postal_address" => "address",
        "company" | "organisation" | "organization" | "firm" => "company",
        "national_id" | "nationalid" | "id_number" => "national_id",
        "account" | "iban" | "bank_account" | "account_number" => "account",
        "notes" | "note" | "comment" | "comments" => "notes",
        "tags" | "tag" | "labels" => "tags",
        "fields" => "fields",
        "owner" | "account_manager" => "owner",
        "retain_until" | "retention" | "retain" => "retain_until",
        "created" => "created",
        "updated" => "updated",
        _ => return None,
    })
}
