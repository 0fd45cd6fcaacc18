//! Benchmarks of the key lifecycle and audit trail: rekey of a large vault,
//! the cost of one audit entry, and verifying a long audit log.
//!
//! Run with `cargo bench --bench lifecycle` (`-- --customers N --entries M` for other
//! sizes). One line per figure; targets are in brackets.

#![allow(clippy::cast_precision_loss)]

mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use sealbook::audit::Event;
use sealbook::crypto::KdfParams;
use sealbook::vault::{Credentials, CustomerData, LockedVault, Vault, VaultOptions};
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

fn create(path: &Path) -> Vault {
    Vault::create(path, &credentials(), &CHEAP, VaultOptions::default()).unwrap();
    LockedVault::open(path)
        .unwrap()
        .unlock(&credentials())
        .unwrap()
}

/// A customer with most fields set, as a shop's record would have.
fn customer(i: usize) -> CustomerData {
    CustomerData {
        name: format!("Customer Number {i}"),
        email: Some(format!("customer{i}@example.com")),
        phone: Some(format!("+48601{:06}", i % 1_000_000)),
        address: Some(format!(
            "ul. Długa {}, 00-{:03} Warszawa",
            i % 200,
            i % 1000
        )),
        company: i
            .is_multiple_of(2)
            .then(|| format!("Firma {} sp. z o.o.", i % 5000)),
        notes: i
            .is_multiple_of(4)
            .then(|| "prefers to be called in the afternoon".to_owned()),
        tags: vec![["retail", "wholesale", "vip"][i % 3].to_owned()],
        owner: Some(["Eva", "Petr", "Anna"][i % 3].to_owned()),
        ..CustomerData::default()
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let customers = support::option("--customers", 100_000);
    let entries = support::option("--entries", 1_000_000);
    let dir = tempfile::tempdir().unwrap();

    // Rekey: everything re-sealed, re-indexed and re-MACed in one transaction.
    let path = dir.path().join("rekey.sealbook");
    let mut vault = create(&path);
    for start in (0..customers).step_by(10_000) {
        vault
            .add_customers((start..(start + 10_000).min(customers)).map(customer))
            .unwrap();
    }
    drop(vault);
    let vault = LockedVault::open(&path)
        .unwrap()
        .unlock(&credentials())
        .unwrap();
    let started = Instant::now();
    let rekeyed = vault.rekey(&[], None, &|_| {}).unwrap();
    let rekey = started.elapsed();
    assert_eq!(rekeyed.customers, customers as u64);
    println!(
        "rekey of {customers} customers (beyond the KDF): {:.2} s [< 10 s for 100,000]",
        rekey.as_secs_f64()
    );

    // One audit entry in its own transaction, as `show` writes before printing.
    let path = dir.path().join("audit.sealbook");
    let mut vault = create(&path);
    let code = vault.add_customer(customer(1)).unwrap().code;
    let rounds = 2_000;
    let started = Instant::now();
    for _ in 0..rounds {
        vault
            .record(Event::new("show").codes([code.as_str()]))
            .unwrap();
    }
    let per_entry = started.elapsed() / rounds;
    println!(
        "audit entry for one command (own transaction): {:.3} ms [< 1 ms]",
        ms(per_entry)
    );

    // Verify a long log.
    let started = Instant::now();
    let mut remaining = entries.saturating_sub(rounds as usize + 2);
    while remaining > 0 {
        let batch = remaining.min(100_000);
        vault
            .record_many((0..batch).map(|i| {
                Event::new("search")
                    .codes([code.as_str()])
                    .count("hits", i as u64)
            }))
            .unwrap();
        remaining -= batch;
    }
    let filled = started.elapsed();
    let total = vault.audit_count().unwrap();
    let started = Instant::now();
    let verified = vault.verify_audit(|_| {}).unwrap();
    let verify = started.elapsed();
    assert_eq!(verified, total);
    println!(
        "audit --verify of {total} entries: {:.2} s [< 5 s for 1,000,000] \
         (appending them in bulk took {:.1} s)",
        verify.as_secs_f64(),
        filled.as_secs_f64()
    );
}
