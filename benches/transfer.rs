//! Benchmarks of import and export: `sealbook import` of a generated CSV
//! against inserting the same rows unsealed with rusqlite, measured side by side, and
//! `sealbook export` to CSV, each with its peak memory.
//!
//! Run with `cargo bench --bench transfer` (default 1,000,000 customers;
//! `-- --customers N` for another size). Needs GNU `time`.

#![allow(clippy::cast_precision_loss)]

mod support;

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

const PASSPHRASE: &str = "benchmark passphrase";

/// A valid Polish IBAN for `n`: ISO 13616 check digits over a made-up account number.
fn iban(n: usize) -> String {
    let bban = format!("{:024}", n * 15_485_863);
    // "PL00" moved to the end, letters as numbers: P=25, L=21.
    let remainder = format!("{bban}252100")
        .bytes()
        .fold(0u32, |r, b| (r * 10 + u32::from(b - b'0')) % 97);
    format!("PL{:02}{bban}", 98 - remainder)
}

fn write_csv(path: &Path, count: usize) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(
        out,
        "name,email,phone,address,company,national_id,account,notes,tags,owner"
    )
    .unwrap();
    for i in 0..count {
        writeln!(
            out,
            "Customer {i} Novák,customer{i}@example{}.com,+48 6{:02} {:03} {:03},\"Street {}, City {}\",Company {} s.r.o.,{:011},{},prefers e-mail,{},{}",
            i % 97,
            i % 100,
            (i / 100) % 1000,
            (i / 100_000) % 1000,
            i % 500,
            i % 50,
            i % 1000,
            i * 7919 % 100_000_000_000,
            iban(i),
            ["retail", "wholesale", "vip"][i % 3],
            ["Eva", "Petr", "Anna"][i % 3],
        )
        .unwrap();
    }
    // On disk before anything is timed: the kernel writing the file back during an
    // import would be counted against the import.
    out.into_inner().unwrap().sync_all().unwrap();
}

/// Runs `args` of sealbook under GNU time: wall seconds and peak resident KiB.
fn sealbook(vault: &Path, args: &[&str]) -> (f64, f64) {
    let out = Command::new("/usr/bin/time")
        .args(["-f", "TIME %e %M", env!("CARGO_BIN_EXE_sealbook")])
        .args(args)
        .args(["--no-progress", "-q"])
        .env("SEALBOOK_VAULT", vault)
        .env("SEALBOOK_PASSPHRASE", PASSPHRASE)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let line = stderr.lines().rfind(|l| l.starts_with("TIME ")).unwrap();
    let parts: Vec<f64> = line
        .split_whitespace()
        .skip(1)
        .map(|p| p.parse().unwrap())
        .collect();
    (parts[0], parts[1] / 1024.0)
}

/// A new vault at `vault` with the cheapest key derivation: the benchmarks time the
/// work, not the unlock.
fn init_vault(vault: &Path) {
    sealbook(
        vault,
        &[
            "init",
            "--kdf-memory",
            "8",
            "--kdf-iterations",
            "1",
            "--kdf-parallelism",
            "1",
        ],
    );
}

/// The same rows inserted as plain text with rusqlite, in one transaction.
fn unsealed_insert(csv_path: &Path, db: &Path) -> f64 {
    let start = Instant::now();
    let mut conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch(
        "PRAGMA journal_mode=WAL;
         CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT, email TEXT, phone TEXT,
             address TEXT, company TEXT, national_id TEXT, account TEXT, notes TEXT, tags TEXT,
             owner TEXT);",
    )
    .unwrap();
    let tx = conn.transaction().unwrap();
    {
        let mut insert = tx
            .prepare("INSERT INTO customers (name, email, phone, address, company, national_id, account, notes, tags, owner) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")
            .unwrap();
        let mut reader = csv::Reader::from_path(csv_path).unwrap();
        for record in reader.records() {
            let record = record.unwrap();
            insert
                .execute(rusqlite::params_from_iter(record.iter()))
                .unwrap();
        }
    }
    tx.commit().unwrap();
    start.elapsed().as_secs_f64()
}

/// The same rows as plain text in a table shaped like the vault's: a unique 16-byte
/// record id drawn as the vault draws them (a random prefix, a counter, random bits), a
/// unique random code, and indexes on the columns the vault keeps blind indexes of. Not a target, a reference: what SQLite alone costs for this schema.
fn unsealed_indexed_insert(csv_path: &Path, db: &Path) -> f64 {
    let start = Instant::now();
    let mut conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch(
        "PRAGMA journal_mode=WAL;
         PRAGMA cache_size=-65536;
         CREATE TABLE customers (id INTEGER PRIMARY KEY, record_id BLOB NOT NULL UNIQUE,
             code TEXT NOT NULL UNIQUE, name TEXT, email TEXT, phone TEXT, address TEXT,
             company TEXT, national_id TEXT, account TEXT, notes TEXT, tags TEXT, owner TEXT);
         CREATE INDEX customers_email ON customers (email);
         CREATE INDEX customers_phone ON customers (phone);
         CREATE INDEX customers_national_id ON customers (national_id);
         CREATE INDEX customers_account ON customers (account);
         CREATE INDEX customers_owner ON customers (owner);",
    )
    .unwrap();
    // xorshift64*: random enough to scatter codes as the vault's random codes are.
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut random = move || {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    let (prefix, mut counter) = (random().to_be_bytes()[..6].to_vec(), 0u32);
    let tx = conn.transaction().unwrap();
    {
        let mut insert = tx
            .prepare("INSERT INTO customers (record_id, code, name, email, phone, address, company, national_id, account, notes, tags, owner) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")
            .unwrap();
        let mut reader = csv::Reader::from_path(csv_path).unwrap();
        for record in reader.records() {
            let record = record.unwrap();
            let mut record_id = prefix.clone();
            record_id.extend_from_slice(&counter.to_be_bytes());
            record_id.extend_from_slice(&random().to_be_bytes()[..6]);
            counter += 1;
            let code = format!("C-{:012X}", random() >> 16);
            let mut args: Vec<&dyn rusqlite::ToSql> = vec![&record_id, &code];
            let cells: Vec<&str> = record.iter().collect();
            args.extend(cells.iter().map(|v| v as &dyn rusqlite::ToSql));
            insert.execute(rusqlite::params_from_iter(args)).unwrap();
        }
    }
    tx.commit().unwrap();
    start.elapsed().as_secs_f64()
}

fn main() {
    let count = support::option("--customers", 1_000_000);
    let dir = tempfile::tempdir().unwrap();
    let csv_path = dir.path().join("customers.csv");
    write_csv(&csv_path, count);
    let vault = dir.path().join("vault.sealbook");
    init_vault(&vault);
    let (kdf_seconds, _) = sealbook(&vault, &["list", "--tag", "nobody"]);

    let (import_seconds, import_peak) = sealbook(&vault, &["import", csv_path.to_str().unwrap()]);
    let sealed = import_seconds - kdf_seconds;
    let unsealed = unsealed_insert(&csv_path, &dir.path().join("plain.db"));
    let indexed = unsealed_indexed_insert(&csv_path, &dir.path().join("plain-indexed.db"));
    println!(
        "import {count}: {sealed:.1} s, {:.0} customers/s [>= 100000]; unsealed rusqlite insert {unsealed:.1} s; ratio {:.2} [<= 3]; peak {import_peak:.0} MiB [< 200]",
        count as f64 / sealed,
        sealed / unsealed
    );
    println!(
        "  reference: the same rows unsealed into a table with the vault's unique ids and five indexes: {indexed:.1} s, {:.0} customers/s",
        count as f64 / indexed
    );

    let out = dir.path().join("export.csv");
    let (export_seconds, export_peak) = sealbook(&vault, &["export", "-o", out.to_str().unwrap()]);
    let exported = export_seconds - kdf_seconds;
    println!(
        "export {count} to CSV: {exported:.1} s, {:.0} customers/s [>= 200000]; peak {export_peak:.0} MiB [< 200]",
        count as f64 / exported
    );
    println!("(open and unlock with the test KDF: {kdf_seconds:.2} s, subtracted above)");
    spreadsheets_and_cards(
        dir.path(),
        support::option("--spreadsheet-customers", 100_000),
    );
}

/// A CSV saved by Excel in Poland (Windows-1250, `;`, CRLF) against the same rows in
/// UTF-8, and vCard export, of `count` customers each.
fn spreadsheets_and_cards(dir: &Path, count: usize) {
    let utf8 = dir.join("small.csv");
    write_csv(&utf8, count);
    let text = std::fs::read_to_string(&utf8).unwrap();
    let excel = dir.join("excel-cp1250.csv");
    let saved = text.replace(',', ";").replace('\n', "\r\n");
    std::fs::write(&excel, encoding_rs::WINDOWS_1250.encode(&saved).0).unwrap();
    let mut rates = Vec::new();
    for (what, file) in [("UTF-8", &utf8), ("Excel cp1250 ;", &excel)] {
        let vault = dir.join(format!("vault-{}.sealbook", rates.len()));
        init_vault(&vault);
        let (seconds, _) = sealbook(&vault, &["import", file.to_str().unwrap()]);
        rates.push(count as f64 / seconds);
        println!(
            "import {count} from {what}: {seconds:.1} s, {:.0} customers/s",
            count as f64 / seconds
        );
        if rates.len() == 2 {
            println!(
                "  cp1250 rate / UTF-8 rate: {:.2} [about 1]",
                rates[1] / rates[0]
            );
            let cards = dir.join("cards.vcf");
            let (seconds, peak) = sealbook(&vault, &["export", "-o", cards.to_str().unwrap()]);
            println!(
                "export {count} to vCard: {seconds:.1} s, {:.0} customers/s; peak {peak:.0} MiB",
                count as f64 / seconds
            );
        }
    }
}
