//! Benchmarks of staff with their own keys (`docs/access.md`): searches of the owner and
//! of a staff member over a vault whose customers are spread over five employees, and
//! a departure that hands one employee's customers to another.
//!
//! Run with `cargo bench --bench staff` (add `-- --customers N` for another size). It
//! prints one line per figure; targets are in brackets.

#![allow(clippy::cast_precision_loss)]

mod support;

use std::path::Path;
use std::time::Instant;

use sealbook::crypto::KdfParams;
use sealbook::field::Field;
use sealbook::vault::{Credentials, CustomerData, LockedVault, Role, Vault, VaultOptions};
use support::customers::{Rng, customer};
use zeroize::Zeroizing;

const CHEAP: KdfParams = KdfParams {
    memory_kib: 8 * 1024,
    iterations: 1,
    parallelism: 1,
};
const STAFF: [&str; 4] = ["Anna", "Petr", "Zofia", "Иван"];
const MANAGER: &str = "Eva";

fn secret(name: &str) -> Credentials {
    Credentials {
        passphrase: Zeroizing::new(format!("benchmark passphrase of {name}")),
        key_file: None,
    }
}

fn owner(path: &Path) -> Vault {
    LockedVault::open(path)
        .unwrap()
        .unlock(&secret("the owner"))
        .unwrap()
}

fn employee(path: &Path, name: &str) -> Vault {
    LockedVault::open(path)
        .unwrap()
        .unlock_as(name, &secret(name))
        .unwrap()
}

fn ms_per(start: Instant, runs: usize) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0 / runs as f64
}

/// A vault at `path` with the owner's customers and four staff members' (a fifth each)
/// and a manager. Returns every 97th customer's e-mail and the code of a customer the
/// last staff member added.
fn fill(path: &Path, count: usize) -> (Vec<String>, String) {
    Vault::create(path, &secret("the owner"), &CHEAP, VaultOptions::default()).unwrap();
    let mut vault = owner(path);
    for name in STAFF {
        vault
            .staff_add(name, Role::Staff, &secret(name), &CHEAP)
            .unwrap();
    }
    vault
        .staff_add(MANAGER, Role::Manager, &secret(MANAGER), &CHEAP)
        .unwrap();
    drop(vault);
    let mut rng = Rng(0x5EA1_B00C);
    let mut emails = Vec::new();
    let mut staff_code = String::new();
    let share = count / 5;
    for (who, name) in std::iter::once("owner").chain(STAFF).enumerate() {
        let mut vault = if who == 0 {
            owner(path)
        } else {
            employee(path, name)
        };
        for batch_start in (who * share..(who + 1) * share).step_by(10_000) {
            let batch: Vec<CustomerData> = (batch_start
                ..((who + 1) * share).min(batch_start + 10_000))
                .map(|i| customer(&mut rng, i))
                .collect();
            for (j, added) in vault.add_customers(batch).unwrap().into_iter().enumerate() {
                if (batch_start + j) % 97 == 0 {
                    emails.push(added.data.email.unwrap());
                }
                if who == STAFF.len() && staff_code.is_empty() {
                    staff_code = added.code;
                }
            }
        }
    }
    (emails, staff_code)
}

fn main() {
    let count = support::option("--customers", 100_000);
    let share = count / 5;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.sealbook");
    let start = Instant::now();
    let (emails, staff_code) = fill(&path, count);
    println!(
        "fill {count} customers over the owner and {} staff members: {:.1} s",
        STAFF.len(),
        start.elapsed().as_secs_f64()
    );

    let vault = owner(&path);
    let lookups = emails.len().min(1000);
    let start = Instant::now();
    for email in &emails[..lookups] {
        assert_eq!(vault.search(email, None, None).unwrap().len(), 1);
    }
    println!(
        "owner's exact search by e-mail (one lookup per group, 5 groups): {:.3} ms per \
         lookup over {lookups} [< 5 ms]",
        ms_per(start, lookups)
    );
    for query in ["dvořák", "zzzz nobody"] {
        let runs = 5;
        let start = Instant::now();
        let mut hits = 0;
        for _ in 0..runs {
            hits = vault.search(query, None, None).unwrap().len();
        }
        println!(
            "owner's substring search {query:?} over {count}: {:.0} ms, {hits} hits [< 300 ms]",
            ms_per(start, runs)
        );
    }
    // A national id a staff member recorded: never indexed, found by opening each one.
    let staff_id = vault
        .customer(&staff_code)
        .unwrap()
        .data
        .national_id
        .unwrap();
    let runs = 5;
    let start = Instant::now();
    for _ in 0..runs {
        let found = vault
            .search(&staff_id, Some(Field::NationalId), None)
            .unwrap();
        assert!(!found.is_empty());
    }
    println!(
        "owner's exact search by a national id a staff member recorded (opens the {} \
         staff groups' ids): {:.0} ms",
        count - share,
        ms_per(start, runs)
    );
    drop(vault);

    let anna = employee(&path, STAFF[0]);
    for query in ["dvořák", "zzzz nobody"] {
        let runs = 5;
        let start = Instant::now();
        let mut hits = 0;
        for _ in 0..runs {
            hits = anna.search(query, None, None).unwrap().len();
        }
        println!(
            "staff member's substring search {query:?} over their {share}: {:.0} ms, {hits} \
             hits [< 100 ms]",
            ms_per(start, runs)
        );
    }
    drop(anna);

    let mut vault = owner(&path);
    let start = Instant::now();
    let moved = vault.staff_remove(STAFF[0], STAFF[1]).unwrap();
    println!(
        "staff remove, {moved} customers re-sealed under another group's keys: {:.1} s \
         beyond the KDF [< 10 s]",
        start.elapsed().as_secs_f64()
    );
    vault.staff_remove(MANAGER, "owner").unwrap();
    let start = Instant::now();
    let rekeyed = vault.rekey(&[], None, &|_| {}).unwrap();
    println!(
        "rekey after a manager's departure: {} customers of the owner and {} staff groups \
         (every customer) re-sealed under new keys: {:.1} s beyond the KDF",
        rekeyed.customers,
        rekeyed.staff_groups,
        start.elapsed().as_secs_f64()
    );
}
