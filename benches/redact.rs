//! Benchmarks of redaction: throughput on a generated 50 MB corpus with both
//! cores and with one, recall and precision on that corpus, and the peak memory of
//! `sealbook redact` on a 1 GB file.
//!
//! Run with `cargo bench --bench redact` (`-- --mb N` for another corpus size).

#![allow(clippy::cast_precision_loss)]

#[path = "../tests/support/corpus.rs"]
mod corpus;

mod support;

use std::io::Write;
use std::process::Command;
use std::time::Instant;

use sealbook::privacy::Detectors;
use sealbook::privacy::rewrite::{Rewriter, Style};

fn throughput(text: &[u8], workers: usize) -> f64 {
    let rewriter = Rewriter {
        detectors: Detectors::default(),
        extra: None,
        style: Style::Label,
        json: false,
        positions: false,
    };
    let mut best = f64::MAX;
    for _ in 0..3 {
        let mut sink = std::io::sink();
        let start = Instant::now();
        rewriter
            .run(&mut &text[..], Some(&mut sink), workers)
            .unwrap();
        best = best.min(start.elapsed().as_secs_f64());
    }
    text.len() as f64 / 1e6 / best
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mb = support::option("--mb", 50);
    let corpus = corpus::generate(7, mb * 1_000_000);
    let text = corpus.text.as_bytes();
    println!(
        "corpus: {:.1} MB, {} labelled identifiers",
        text.len() as f64 / 1e6,
        corpus.labels.len()
    );

    println!(
        "throughput, 2 workers: {:.0} MB/s [>= 100]",
        throughput(text, 2)
    );
    println!(
        "throughput, 1 worker: {:.0} MB/s [>= 50]",
        throughput(text, 1)
    );

    let found = Detectors::default().find(text);
    for (kind, labelled, reported, correct) in corpus::score(&corpus, &found) {
        println!(
            "  {:<15} recall {:.4}  precision {:.4}  ({correct}/{labelled} labelled, {reported} reported)",
            kind.name(),
            correct as f64 / labelled.max(1) as f64,
            if reported == 0 {
                1.0
            } else {
                correct as f64 / reported as f64
            }
        );
    }

    if args.iter().any(|a| a == "--no-big") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    let mut file = std::fs::File::create(&big).unwrap();
    let mut written = 0;
    while written < 1_000_000_000 {
        file.write_all(text).unwrap();
        written += text.len();
    }
    drop(file);
    let out = Command::new("/usr/bin/time")
        .args(["-f", "TIME %e %M"])
        .arg(env!("CARGO_BIN_EXE_sealbook"))
        .args(["redact", "-q"])
        .arg(&big)
        .arg("-o")
        .arg(dir.path().join("out.txt"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = stderr
        .lines()
        .rfind(|l| l.starts_with("TIME "))
        .unwrap_or("TIME ? ?");
    let parts: Vec<&str> = line.split_whitespace().collect();
    let kib: f64 = parts[2].parse().unwrap_or(f64::NAN);
    println!(
        "sealbook redact of {:.2} GB: {} s, peak memory {:.1} MiB [< 64 MB]",
        written as f64 / 1e9,
        parts[1],
        kib / 1024.0
    );
}
