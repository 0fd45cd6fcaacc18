//! Benchmark of backup and restore: sealbook against the same work done with
//! stock tools (`sqlite3 VAULT "VACUUM INTO 'snap'"` then `age -R recipients snap`),
//! side by side on one vault, and the peak memory of each sealbook process.
//!
//! Run with `cargo bench --bench backup` (default 1,000,000 customers; `-- --customers N`
//! for another size). Needs `sqlite3`, `age`, `age-keygen` and GNU `time` on PATH.

#![allow(clippy::cast_precision_loss, clippy::too_many_lines)]

mod support;

use std::path::Path;
use std::process::Command;

use sealbook::crypto::KdfParams;
use sealbook::vault::{Credentials, CustomerData, LockedVault, Vault, VaultOptions};
use zeroize::Zeroizing;

const CHEAP: KdfParams = KdfParams {
    memory_kib: 8 * 1024,
    iterations: 1,
    parallelism: 1,
};

fn customer(i: usize) -> CustomerData {
    CustomerData {
        name: format!("Customer {i} Novák"),
        email: Some(format!("customer{i}@example{}.com", i % 97)),
        phone: Some(format!("+48{}{:08}", 5 + i % 3, i * 7919 % 100_000_000)),
        address: Some(format!(
            "Street {} no. {}, City {}",
            i % 500,
            i % 200,
            i % 50
        )),
        company: Some(format!("Company {} s.r.o.", i % 1000)),
        national_id: Some(format!("{:011}", i * 104_729 % 100_000_000_000)),
        account: Some(format!("PL{:026}", i * 15_485_863)),
        tags: vec![["retail", "wholesale", "vip"][i % 3].to_owned()],
        ..CustomerData::default()
    }
}

/// Runs `command` under GNU time; returns wall seconds and peak resident KiB.
fn measure(command: &mut Command) -> (f64, u64) {
    let mut timed = Command::new("/usr/bin/time");
    timed.arg("-f").arg("TIME %e %M").arg(command.get_program());
    timed.args(command.get_args());
    for (key, value) in command.get_envs() {
        match value {
            Some(v) => timed.env(key, v),
            None => timed.env_remove(key),
        };
    }
    let out = timed.output().expect("GNU time runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let line = stderr
        .lines()
        .rfind(|l| l.starts_with("TIME "))
        .expect("time's report");
    let mut parts = line.split_whitespace().skip(1);
    let seconds = parts.next().unwrap().parse().unwrap();
    let kib = parts.next().unwrap().parse().unwrap();
    (seconds, kib)
}

fn clear_dir(dir: &Path) {
    for entry in std::fs::read_dir(dir).unwrap() {
        std::fs::remove_file(entry.unwrap().path()).unwrap();
    }
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let count = support::option("--customers", 1_000_000);
    let rounds = 3;

    let dir = tempfile::tempdir().unwrap();
    let vault_path = dir.path().join("vault.sealbook");
    let credentials = Credentials {
        passphrase: Zeroizing::new("benchmark passphrase".to_owned()),
        key_file: None,
    };
    Vault::create(&vault_path, &credentials, &CHEAP, VaultOptions::default()).unwrap();
    {
        let mut vault = LockedVault::open(&vault_path)
            .unwrap()
            .unlock(&credentials)
            .unwrap();
        for start in (0..count).step_by(20_000) {
            vault
                .add_customers((start..count.min(start + 20_000)).map(customer))
                .unwrap();
        }
        vault.checkpoint_truncate().unwrap();
    }
    let size = std::fs::metadata(&vault_path).unwrap().len();
    println!(
        "vault: {count} customers, {:.0} MiB",
        size as f64 / 1_048_576.0
    );

    let identity = dir.path().join("identity.key");
    let recipients = dir.path().join("recipients");
    assert!(
        Command::new("age-keygen")
            .arg("-o")
            .arg(&identity)
            .output()
            .unwrap()
            .status
            .success()
    );
    let public = Command::new("age-keygen")
        .arg("-y")
        .arg(&identity)
        .output()
        .unwrap()
        .stdout;
    std::fs::write(&recipients, public).unwrap();
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();

    let (mut ours, mut theirs, mut peak) = (Vec::new(), Vec::new(), 0);
    for _ in 0..rounds {
        let (seconds, kib) = measure(
            Command::new(env!("CARGO_BIN_EXE_sealbook"))
                .arg("backup")
                .arg("--to")
                .arg(&out_dir)
                .arg("-R")
                .arg(&recipients)
                .env("SEALBOOK_VAULT", &vault_path),
        );
        ours.push(seconds);
        peak = peak.max(kib);
        clear_dir(&out_dir);

        let snapshot = out_dir.join("snap");
        let script = format!(
            "sqlite3 '{}' \"VACUUM INTO '{}'\" && age -R '{}' -o '{}' '{}'",
            vault_path.display(),
            snapshot.display(),
            recipients.display(),
            out_dir.join("pipeline.age").display(),
            snapshot.display()
        );
        theirs.push(measure(Command::new("sh").arg("-c").arg(script)).0);
        clear_dir(&out_dir);
    }
    let (ours_median, theirs_median) = (median(&mut ours), median(&mut theirs));
    println!(
        "backup: sealbook {ours_median:.2} s, stock pipeline {theirs_median:.2} s, \
         ratio {:.2} (median of {rounds}) [<= 1.10]",
        ours_median / theirs_median
    );
    println!(
        "backup peak memory: {:.1} MiB [< 64 MB]",
        peak as f64 / 1024.0
    );

    let archive_out = Command::new(env!("CARGO_BIN_EXE_sealbook"))
        .arg("backup")
        .arg("--to")
        .arg(&out_dir)
        .arg("-R")
        .arg(&recipients)
        .env("SEALBOOK_VAULT", &vault_path)
        .output()
        .unwrap();
    let archive = String::from_utf8(archive_out.stdout).unwrap();
    let target = dir.path().join("restored.sealbook");
    let (seconds, kib) = measure(
        Command::new(env!("CARGO_BIN_EXE_sealbook"))
            .args(["restore", archive.trim(), "-i"])
            .arg(&identity)
            .arg("--to")
            .arg(&target)
            // A restore unlocks what it restores, to record itself in the vault's log.
            .env("SEALBOOK_PASSPHRASE", "benchmark passphrase"),
    );
    println!(
        "restore: {seconds:.2} s, peak memory {:.1} MiB [< 64 MB]",
        kib as f64 / 1024.0
    );
    // For profiling by hand: keep the generated vault.
    if let Some(keep) = std::env::var_os("SEALBOOK_BENCH_KEEP") {
        std::fs::copy(&vault_path, keep).unwrap();
    }
}
