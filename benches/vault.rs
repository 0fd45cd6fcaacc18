//! Benchmarks of the vault core, on a vault of generated customers.
//!
//! Run with `cargo bench --bench vault` (add `-- --customers N` for another size).
//! It prints one line per figure; targets are in brackets.

#![allow(clippy::cast_precision_loss)]

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use sealbook::crypto::{KdfParams, kdf};
use sealbook::vault::{Credentials, CustomerData, LockedVault, Vault, VaultOptions};
use support::customers::{Rng, customer};
use zeroize::Zeroizing;

const CHEAP: KdfParams = KdfParams {
    memory_kib: 8 * 1024,
    iterations: 1,
    parallelism: 1,
};
fn credentials() -> Credentials {
    Credentials {
        passphrase: Zeroizing::new("benchmark passphrase".to_owned()),
        key_file: None,
    }
}

fn open(path: &Path) -> Vault {
    LockedVault::open(path)
        .unwrap()
        .unlock(&credentials())
        .unwrap()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Child mode: open the vault, run one substring search, print the peak memory.
fn child_search(path: &Path, query: &str) {
    let vault = open(path);
    let found = vault.search(query, None, None).unwrap();
    println!("{} {:.1}", found.len(), support::peak_rss_mib());
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child-search") {
        child_search(Path::new(&args[i + 1]), &args[i + 2]);
        return;
    }
    let count = support::option("--customers", 100_000);

    let floor = kdf::time_derivation(&kdf::FLOOR).unwrap();
    let calibrated = kdf::calibrate(Duration::from_millis(500)).unwrap();
    let calibrated_time = kdf::time_derivation(&calibrated).unwrap();
    println!("kdf floor (64 MiB, t=3, p=4): {:.0} ms", ms(floor));
    println!(
        "kdf calibrated ({} MiB, t=3, p=4): {:.0} ms [about 500 ms]",
        calibrated.memory_kib / 1024,
        ms(calibrated_time)
    );

    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("bench.sealbook");
    Vault::create(&path, &credentials(), &CHEAP, VaultOptions::default()).unwrap();
    let mut vault = open(&path);
    let mut rng = Rng(0x5EA1_B00C);
    let start = Instant::now();
    let mut emails = Vec::new();
    for batch_start in (0..count).step_by(10_000) {
        let batch: Vec<CustomerData> = (batch_start..count.min(batch_start + 10_000))
            .map(|i| customer(&mut rng, i))
            .collect();
        for (j, added) in vault.add_customers(batch).unwrap().into_iter().enumerate() {
            if (batch_start + j) % 97 == 0 {
                emails.push(added.data.email.unwrap());
            }
        }
    }
    let fill = start.elapsed();
    let rate = count as f64 / fill.as_secs_f64();
    println!(
        "fill {count} customers: {:.1} s ({rate:.0} customers/s, batches of 10k)",
        fill.as_secs_f64()
    );

    let lookups = emails.len().min(1000);
    let start = Instant::now();
    for email in &emails[..lookups] {
        let found = vault.search(email, None, None).unwrap();
        assert_eq!(found.len(), 1);
    }
    let exact = ms(start.elapsed()) / lookups as f64;
    println!("exact search by e-mail: {exact:.3} ms per lookup over {lookups} [< 5 ms]");

    for query in ["dvořák", "zzzz nobody", "afternoon"] {
        let runs = 5;
        let start = Instant::now();
        let mut hits = 0;
        for _ in 0..runs {
            hits = vault.search(query, None, None).unwrap().len();
        }
        println!(
            "substring search {query:?}: {:.0} ms per search, {hits} hits [< 300 ms]",
            ms(start.elapsed()) / f64::from(runs)
        );
    }

    let adds = 200;
    let start = Instant::now();
    for i in 0..adds {
        vault.add_customer(customer(&mut rng, count + i)).unwrap();
    }
    let add = ms(start.elapsed()) / adds as f64;
    println!(
        "add one customer (own transaction, state digest included): {add:.2} ms \
         [< 1 ms beyond the KDF]"
    );

    edit_and_verify(&mut vault, adds);

    vault.checkpoint_truncate().unwrap();
    drop(vault);
    let size = std::fs::metadata(&path).unwrap().len();
    let per_customer = size as f64 / (count + adds) as f64;
    println!(
        "vault file: {:.1} MiB, {per_customer:.0} bytes per customer",
        size as f64 / 1_048_576.0
    );

    let out = Command::new(std::env::current_exe().unwrap())
        .arg("--child-search")
        .arg(&path)
        .arg("dvořák")
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    let peak = report.split_whitespace().nth(1).unwrap_or("?");
    println!("peak memory of a process running one substring search: {peak} MiB [< 100 MB]");
}

/// Edits `count` customers one transaction each, then verifies the whole vault; prints
/// both figures.
fn edit_and_verify(vault: &mut Vault, count: usize) {
    let adds = count;
    let codes: Vec<String> = vault
        .list_customers(Some("vip"), None)
        .unwrap()
        .into_iter()
        .take(adds)
        .map(|c| c.code)
        .collect();
    let start = Instant::now();
    for (i, code) in codes.iter().enumerate() {
        vault
            .update_customer(code, |data| {
                data.notes = Some(format!("called back {i}"));
                Ok(())
            })
            .unwrap();
    }
    let edit = ms(start.elapsed()) / codes.len().max(1) as f64;
    println!(
        "edit one customer (own transaction, state digest included): {edit:.2} ms \
         [< 1 ms beyond the KDF]"
    );

    let start = Instant::now();
    let report = vault.verify().unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    println!(
        "verify {} customers (every seal, index and digest): {:.1} s [1M: < 30 s]",
        report.customers,
        start.elapsed().as_secs_f64()
    );
}
