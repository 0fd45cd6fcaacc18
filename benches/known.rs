//! Benchmarks of vault-aware pseudonymisation: building the known-customer
//! matcher from a vault of 10,000 customers, and scanning letters that mention them.
//!
//! Run with `cargo bench --bench known` (`-- --customers N --megabytes M` for other
//! sizes). One line per figure; targets are in brackets.

#![allow(clippy::cast_precision_loss)]

#[path = "../tests/support/letters.rs"]
mod letters;

mod support;

use std::sync::Arc;
use std::time::Instant;

use sealbook::crypto::KdfParams;
use sealbook::privacy::Detectors;
use sealbook::privacy::code_token::{DEFAULT_TOKEN, Pseudonymiser, TokenFormat};
use sealbook::privacy::known::KnownMatcher;
use sealbook::privacy::rewrite::{Rewriter, Style};
use sealbook::vault::{Credentials, LockedVault, Vault, VaultOptions};
use zeroize::Zeroizing;

fn main() {
    let count = support::option("--customers", 10_000);
    let megabytes = support::option("--megabytes", 50);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("known.sealbook");
    let credentials = Credentials {
        passphrase: Zeroizing::new("benchmark passphrase".to_owned()),
        key_file: None,
    };
    let cheap = KdfParams {
        memory_kib: 8 * 1024,
        iterations: 1,
        parallelism: 1,
    };
    Vault::create(&path, &credentials, &cheap, VaultOptions::default()).unwrap();
    let people = letters::customers(count);
    {
        let mut vault = LockedVault::open(&path)
            .unwrap()
            .unlock(&credentials)
            .unwrap();
        vault
            .add_customers(people.iter().map(|p| p.data.clone()))
            .unwrap();
    }

    // Building the matcher after unlock: decrypting every customer and indexing them.
    let vault = LockedVault::open(&path)
        .unwrap()
        .unlock(&credentials)
        .unwrap();
    let started = Instant::now();
    let customers = vault.known_customers().unwrap();
    let matcher = KnownMatcher::new(&customers);
    let build = started.elapsed();
    println!(
        "build the matcher for {count} customers after unlock: {:.0} ms [< 1 s]",
        build.as_secs_f64() * 1000.0
    );

    let peak_after_build = support::peak_rss_mib();

    // Letters mentioning them, repeated to the size asked for.
    let lines = letters::letters(&people, 11);
    let mut one = String::new();
    for line in &lines {
        one.push_str(&line.text);
        one.push('\n');
    }
    let mentions = lines.iter().filter(|l| l.mention.is_some()).count();
    let mut text = Vec::with_capacity(megabytes << 20);
    while text.len() < megabytes << 20 {
        text.extend_from_slice(one.as_bytes());
    }
    let rewriter = Rewriter {
        detectors: Detectors::new(Vec::new(), None),
        extra: Some(Arc::new(Pseudonymiser {
            matcher,
            format: TokenFormat::new(DEFAULT_TOKEN).unwrap(),
        })),
        style: Style::Substitute,
        json: false,
        positions: false,
    };
    for workers in [1, 2] {
        let mut best = f64::MAX;
        let mut replaced = 0;
        for _ in 0..3 {
            let started = Instant::now();
            let report = rewriter
                .run(&mut text.as_slice(), Some(&mut std::io::sink()), workers)
                .unwrap();
            best = best.min(started.elapsed().as_secs_f64());
            replaced = report.total();
        }
        println!(
            "pseudonymise {:.0} MB of letters ({replaced} replacements; {mentions} mentions \
             per {:.1} MB) with {workers} worker(s): {:.0} MB/s{}",
            text.len() as f64 / 1e6,
            one.len() as f64 / 1e6,
            text.len() as f64 / 1e6 / best,
            if workers == 1 {
                " [>= 50 MB/s on one core]"
            } else {
                ""
            }
        );
    }
    println!(
        "peak memory: {peak_after_build:.0} MiB once the matcher is built; {:.0} MiB after \
         scanning, with the benchmark's {:.0} MB of text held in memory [< 200 MB]",
        support::peak_rss_mib(),
        text.len() as f64 / 1e6
    );
}
