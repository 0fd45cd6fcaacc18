//! Backups, restore and verify (issue 3): age archives a cron job writes without
//! secrets, which the stock `age` tool can open, and restores that lose nothing.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Sandbox, stderr_of};

/// An age identity and its recipients file, made with the stock `age-keygen`.
struct AgeKeys {
    identity: PathBuf,
    recipients: PathBuf,
    public: String,
}

fn age_keys(sandbox: &Sandbox, name: &str) -> AgeKeys {
    let identity = sandbox.path(&format!("{name}.key"));
    let status = Command::new("age-keygen")
        .arg("-o")
        .arg(&identity)
        .stderr(Stdio::null())
        .status()
        .expect("the age tools are needed for these tests: apt-get install age");
    assert!(status.success());
    let public = Command::new("age-keygen")
        .arg("-y")
        .arg(&identity)
        .output()
        .unwrap();
    let public = String::from_utf8(public.stdout).unwrap().trim().to_owned();
    let recipients = sandbox.path(&format!("{name}.recipients"));
    std::fs::write(&recipients, format!("# {name}\n{public}\n")).unwrap();
    AgeKeys {
        identity,
        recipients,
        public,
    }
}

fn archives_in(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "age"))
        .collect();
    found.sort();
    found
}

/// Runs `backup` as cron would: no terminal, no passphrase anywhere, its own session.
fn cron_backup(sandbox: &Sandbox, to: &Path, keys: &AgeKeys) -> PathBuf {
    let out = sandbox
        .bare_cmd()
        .env("SEALBOOK_VAULT", sandbox.vault())
        .arg("backup")
        .arg("--to")
        .arg(to)
        .arg("-R")
        .arg(&keys.recipients)
        .assert()
        .success();
    PathBuf::from(
        String::from_utf8(out.get_output().stdout.clone())
            .unwrap()
            .trim(),
    )
}

fn backup_dir(sandbox: &Sandbox) -> PathBuf {
    let dir = sandbox.path("nas");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn backup_archive_opens_with_the_stock_age_tool_and_the_vault_passphrase() {
    let sandbox = Sandbox::with_vault();
    let code = sandbox.add(&["--name", "Jan Novák", "--email", "jan@firma.cz"]);
    let keys = age_keys(&sandbox, "office");
    let archive = cron_backup(&sandbox, &backup_dir(&sandbox), &keys);
    let name = archive.file_name().unwrap().to_str().unwrap().to_owned();
    assert!(
        name.starts_with("sealbook-") && name.ends_with("Z.age"),
        "{name}"
    );
    assert!(archive.is_file());
    assert_eq!(
        std::fs::metadata(&archive).unwrap().permissions().mode() & 0o777,
        0o600
    );

    let decrypted = sandbox.path("decrypted.sealbook");
    let status = Command::new("age")
        .arg("-d")
        .arg("-i")
        .arg(&keys.identity)
        .arg("-o")
        .arg(&decrypted)
        .arg(&archive)
        .status()
        .unwrap();
    assert!(status.success(), "age could not decrypt the archive");
    let shown = sandbox.json(&["--vault", decrypted.to_str().unwrap(), "show", &code]);
    assert_eq!(shown["name"], "Jan Novák");
    // Two locks: without the vault passphrase the decrypted file is still sealed.
    sandbox
        .cmd()
        .env("SEALBOOK_PASSPHRASE", "not the passphrase at all")
        .args(["--vault", decrypted.to_str().unwrap(), "show", &code])
        .assert()
        .code(3);
}

#[test]
fn backup_runs_under_setsid_with_no_terminal_and_no_passphrase() {
    let sandbox = Sandbox::with_vault();
    sandbox.add(&["--name", "Jan"]);
    let keys = age_keys(&sandbox, "office");
    let dir = backup_dir(&sandbox);
    let output = Command::new("setsid")
        .arg(env!("CARGO_BIN_EXE_sealbook"))
        .args(["backup", "--json", "--to"])
        .arg(&dir)
        .args(["-r", &keys.public])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap())
        .env("SEALBOOK_VAULT", sandbox.vault())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(summary["customers"], 1);
    assert!(summary["bytes"].as_u64().unwrap() > 1000);
    assert!(summary["seconds"].as_f64().is_some());
    assert_eq!(
        archives_in(&dir),
        vec![PathBuf::from(summary["path"].as_str().unwrap())]
    );
}

#[test]
fn restore_installs_a_checked_vault_and_keeps_the_one_it_replaces() {
    let sandbox = Sandbox::with_vault();
    let kept = sandbox.add(&["--name", "In the backup"]);
    let keys = age_keys(&sandbox, "office");
    let archive = cron_backup(&sandbox, &backup_dir(&sandbox), &keys);
    let later = sandbox.add(&["--name", "Added after the backup"]);

    // Refuses to replace the vault without --force, and changes nothing.
    let out = sandbox
        .cmd()
        .arg("restore")
        .arg(&archive)
        .arg("-i")
        .arg(&keys.identity)
        .assert()
        .code(1);
    assert!(stderr_of(&out).contains("--force"));
    assert_eq!(sandbox.codes(&["list"]), vec![kept.clone(), later.clone()]);

    sandbox
        .cmd()
        .arg("restore")
        .arg(&archive)
        .arg("-i")
        .arg(&keys.identity)
        .arg("--force")
        .assert()
        .success();
    assert_eq!(sandbox.codes(&["list"]), vec![kept.clone()]);
    let before = format!("{}.before-restore", sandbox.vault().display());
    assert_eq!(
        sandbox.codes(&["--vault", &before, "list"]),
        vec![kept.clone(), later]
    );

    // Elsewhere with --to, into a directory that does not exist yet.
    let other = sandbox.path("elsewhere/vault.sealbook");
    let restored = sandbox.json(&[
        "restore",
        archive.to_str().unwrap(),
        "-i",
        keys.identity.to_str().unwrap(),
        "--to",
        other.to_str().unwrap(),
    ]);
    assert_eq!(restored["customers"], 1);
    assert_eq!(
        sandbox.codes(&["--vault", other.to_str().unwrap(), "list"]),
        vec![kept]
    );
}

/// Restores `archive` to a fresh path and returns the outcome and that path.
fn restore_to_fresh(sandbox: &Sandbox, archive: &Path, identity: &Path) -> (i32, String, PathBuf) {
    let target = sandbox.path("fresh/vault.sealbook");
    let out = sandbox
        .cmd()
        .arg("restore")
        .arg(archive)
        .arg("-i")
        .arg(identity)
        .arg("--to")
        .arg(&target)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        target,
    )
}

fn leftovers(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| entries.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default()
}

#[test]
fn damaged_archives_and_wrong_identities_restore_nothing() {
    let sandbox = Sandbox::with_vault();
    sandbox.add(&["--name", "Jan", "--note", &"a long note ".repeat(2000)]);
    let keys = age_keys(&sandbox, "office");
    let archive = cron_backup(&sandbox, &backup_dir(&sandbox), &keys);
    let bytes = std::fs::read(&archive).unwrap();

    let truncated = sandbox.path("truncated.age");
    std::fs::write(&truncated, &bytes[..bytes.len() - 100]).unwrap();
    let mut flipped_bytes = bytes.clone();
    let middle = flipped_bytes.len() / 2;
    flipped_bytes[middle] ^= 0x01;
    let flipped = sandbox.path("flipped.age");
    std::fs::write(&flipped, &flipped_bytes).unwrap();
    let not_age = sandbox.path("not.age");
    std::fs::write(&not_age, "hello, this is not an archive").unwrap();

    for damaged in [&truncated, &flipped, &not_age] {
        let (code, stderr, target) = restore_to_fresh(&sandbox, damaged, &keys.identity);
        assert_eq!(code, 5, "{}: {stderr}", damaged.display());
        assert!(stderr.contains("hint: "), "{stderr}");
        assert!(!target.exists());
        assert!(
            leftovers(target.parent().unwrap()).is_empty(),
            "a temporary file was left"
        );
    }

    let stranger = age_keys(&sandbox, "stranger");
    let (code, stderr, target) = restore_to_fresh(&sandbox, &archive, &stranger.identity);
    assert_eq!(code, 3, "{stderr}");
    assert!(!target.exists());

    // verify ARCHIVE says the same without restoring anything.
    for (damaged, expected) in [(&truncated, 5), (&flipped, 5)] {
        sandbox
            .cmd()
            .arg("verify")
            .arg(damaged)
            .arg("-i")
            .arg(&keys.identity)
            .assert()
            .code(expected);
    }
}

#[test]
fn verify_checks_an_archive_without_and_with_the_vault_passphrase() {
    let sandbox = Sandbox::with_vault();
    sandbox.add(&["--name", "Jan"]);
    let keys = age_keys(&sandbox, "office");
    let archive = cron_backup(&sandbox, &backup_dir(&sandbox), &keys);
    let without = sandbox
        .bare_cmd()
        .arg("verify")
        .arg(&archive)
        .arg("-i")
        .arg(&keys.identity)
        .arg("--json")
        .assert()
        .success();
    let report: serde_json::Value = serde_json::from_slice(&without.get_output().stdout).unwrap();
    assert_eq!(
        report,
        serde_json::json!({"ok": true, "customers": 1, "seals_checked": false})
    );
    let with = sandbox.json(&[
        "verify",
        archive.to_str().unwrap(),
        "-i",
        keys.identity.to_str().unwrap(),
    ]);
    assert_eq!(with["seals_checked"], true);
    sandbox
        .cmd()
        .env("SEALBOOK_PASSPHRASE", "not the passphrase at all")
        .arg("verify")
        .arg(&archive)
        .arg("-i")
        .arg(&keys.identity)
        .assert()
        .code(3);
}

#[test]
fn verify_finds_an_index_that_does_not_match_its_field() {
    let sandbox = Sandbox::with_vault();
    let code = sandbox.add(&["--name", "Jan", "--email", "jan@firma.cz"]);
    sandbox.add(&["--name", "Eva"]);
    sandbox.cmd().arg("verify").assert().success();
    sandbox
        .sqlite()
        .execute(
            "UPDATE customers SET bi_email = bi_email + 1 WHERE code = ?1",
            [&code],
        )
        .unwrap();
    let out = sandbox.cmd().arg("verify").assert().code(5);
    assert!(stderr_of(&out).contains(&format!("the email index of customer {code}")));
}

#[test]
fn passphrase_archives_round_trip() {
    let sandbox = Sandbox::with_vault();
    let code = sandbox.add(&["--name", "Jan"]);
    let passphrase_file = sandbox.path("archive-passphrase");
    std::fs::write(&passphrase_file, "an archive passphrase of some length\n").unwrap();
    let dir = backup_dir(&sandbox);
    let out = sandbox
        .cmd()
        .env("SEALBOOK_BACKUP_PASSPHRASE_FILE", &passphrase_file)
        .arg("backup")
        .arg("--to")
        .arg(&dir)
        .args(["--passphrase", "--work-factor", "10"])
        .assert()
        .success();
    let archive = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let target = sandbox.path("restored/vault.sealbook");
    sandbox
        .cmd()
        .env("SEALBOOK_BACKUP_PASSPHRASE_FILE", &passphrase_file)
        .args(["restore", archive.trim(), "--passphrase", "--to"])
        .arg(&target)
        .assert()
        .success();
    assert_eq!(
        sandbox.codes(&["--vault", target.to_str().unwrap(), "list"]),
        vec![code]
    );

    std::fs::write(&passphrase_file, "the wrong archive passphrase\n").unwrap();
    sandbox
        .cmd()
        .env("SEALBOOK_BACKUP_PASSPHRASE_FILE", &passphrase_file)
        .args(["verify", archive.trim(), "--passphrase"])
        .assert()
        .code(3);
    // Without a passphrase source and no terminal, it says what to set.
    sandbox
        .cmd()
        .args(["verify", archive.trim(), "--passphrase"])
        .assert()
        .code(3)
        .stderr(predicates::str::contains("SEALBOOK_BACKUP_PASSPHRASE_FILE"));
}

#[test]
fn retention_deletes_only_old_sealbook_archives() {
    let sandbox = Sandbox::with_vault();
    sandbox.add(&["--name", "Jan"]);
    let keys = age_keys(&sandbox, "office");
    let dir = backup_dir(&sandbox);
    let others = [
        "notes.age",
        "sealbook-latest.age",
        "sealbook-20200101T000000Z.age.bak",
        ".sealbook-20200101T000000Z.age.partial-00000000",
        "holiday-photos.jpg",
    ];
    for name in others {
        std::fs::write(dir.join(name), "not mine").unwrap();
    }
    for old in [
        "sealbook-20200101T000000Z.age",
        "sealbook-20210101T000000Z-2.age",
    ] {
        std::fs::write(dir.join(old), "an old archive").unwrap();
    }
    let out = sandbox
        .bare_cmd()
        .env("SEALBOOK_VAULT", sandbox.vault())
        .arg("backup")
        .arg("--to")
        .arg(&dir)
        .arg("-R")
        .arg(&keys.recipients)
        .args(["--keep", "2"])
        .assert()
        .success();
    let newest = PathBuf::from(
        String::from_utf8(out.get_output().stdout.clone())
            .unwrap()
            .trim(),
    );
    let mut left: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    left.sort();
    let mut expected: Vec<String> = others.iter().map(|s| (*s).to_owned()).collect();
    expected.push("sealbook-20210101T000000Z-2.age".into());
    expected.push(newest.file_name().unwrap().to_str().unwrap().to_owned());
    expected.sort();
    assert_eq!(left, expected);
}

#[test]
fn unusable_backup_targets_and_recipients_are_clear_errors() {
    let sandbox = Sandbox::with_vault();
    let keys = age_keys(&sandbox, "office");
    let out = sandbox
        .bare_cmd()
        .env("SEALBOOK_VAULT", sandbox.vault())
        .args(["backup", "--to", "/nonexistent/backups", "-R"])
        .arg(&keys.recipients)
        .assert()
        .code(1);
    assert!(stderr_of(&out).contains("hint: create the directory"));

    let bad = sandbox.path("bad.recipients");
    std::fs::write(&bad, format!("# ok\n{}\nage1notakey\n", keys.public)).unwrap();
    let out = sandbox
        .bare_cmd()
        .env("SEALBOOK_VAULT", sandbox.vault())
        .arg("backup")
        .arg("--to")
        .arg(backup_dir(&sandbox))
        .arg("-R")
        .arg(&bad)
        .assert()
        .code(1);
    assert!(stderr_of(&out).contains("line 3"), "{}", stderr_of(&out));
    assert!(archives_in(&backup_dir(&sandbox)).is_empty());
    // Recipients and a passphrase do not mix; one of them is required.
    sandbox
        .cmd()
        .args(["backup", "--to", ".", "--passphrase", "-r", &keys.public])
        .assert()
        .code(2);
    sandbox.cmd().args(["backup", "--to", "."]).assert().code(2);
}

#[test]
fn a_backup_taken_while_customers_are_added_is_a_consistent_vault() {
    let sandbox = Sandbox::with_vault();
    let keys = age_keys(&sandbox, "office");
    let dir = backup_dir(&sandbox);
    let writer = sandbox.add_in_background("Concurrent", 40);
    let mut archives = Vec::new();
    while !writer.is_finished() {
        archives.push(cron_backup(&sandbox, &dir, &keys));
    }
    writer.join().unwrap();
    assert!(archives.len() >= 2, "backups ran alongside the writer");
    for archive in &archives {
        // Every seal, index and search text of each snapshot checks out.
        sandbox
            .cmd()
            .arg("verify")
            .arg(archive)
            .arg("-i")
            .arg(&keys.identity)
            .assert()
            .success()
            .stdout(predicates::str::contains("every seal opens"));
    }
}

#[test]
fn a_killed_backup_leaves_no_file_under_a_final_name() {
    let sandbox = Sandbox::with_vault();
    // About 20 MB of sealed notes, so the archive takes a while to write; added through
    // the library, as no command line could carry them.
    {
        use sealbook::vault::CustomerData;
        let mut vault = sandbox.unlock();
        let customers = (0..50).map(|i| CustomerData {
            name: format!("Customer {i}"),
            notes: Some("n".repeat(200_000)),
            ..CustomerData::default()
        });
        vault.add_customers(customers).unwrap();
    }
    let keys = age_keys(&sandbox, "office");
    let dir = backup_dir(&sandbox);
    // Start backups until one is caught mid-write (its hidden partial file exists),
    // then kill it. A run that finishes first is discarded and tried again.
    let mut caught = None;
    for _ in 0..10 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_sealbook"))
            .arg("backup")
            .arg("--to")
            .arg(&dir)
            .arg("-R")
            .arg(&keys.recipients)
            .env("SEALBOOK_VAULT", sandbox.vault())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(60) {
            // Killed once the archive is being written, not merely created.
            let partial = leftovers(&dir).into_iter().find(|p| {
                p.to_string_lossy().contains(".partial-")
                    && std::fs::metadata(p).is_ok_and(|m| m.len() > 1 << 20)
            });
            if partial.is_some() {
                child.kill().unwrap();
                caught = partial;
                break;
            }
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        child.wait().unwrap();
        if caught.is_some() {
            break;
        }
        for finished in archives_in(&dir) {
            std::fs::remove_file(finished).unwrap();
        }
    }
    let partial = caught.expect("no backup was caught mid-write in ten tries");
    assert!(
        archives_in(&dir).is_empty(),
        "a final archive exists after the kill"
    );
    assert!(
        partial
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with('.')
    );
    // The next run is not disturbed by the leftover.
    let archive = cron_backup(&sandbox, &dir, &keys);
    assert_eq!(archives_in(&dir), vec![archive]);
}

#[test]
fn restore_refuses_to_replace_a_vault_another_process_has_open() {
    let sandbox = Sandbox::with_vault();
    sandbox.add(&["--name", "Jan"]);
    let keys = age_keys(&sandbox, "office");
    let archive = cron_backup(&sandbox, &backup_dir(&sandbox), &keys);
    sandbox.add(&["--name", "Eva"]);
    // Another process with the vault open, even idle, would write to the old file.
    let other = sandbox.sqlite();
    let seen: i64 = other
        .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
        .unwrap();
    assert_eq!(seen, 2);
    let before = std::fs::read(sandbox.vault()).unwrap();
    let out = sandbox
        .cmd()
        .arg("restore")
        .arg(&archive)
        .arg("-i")
        .arg(&keys.identity)
        .arg("--force")
        .assert()
        .code(1);
    assert!(stderr_of(&out).contains("another process has the vault open"));
    assert!(
        std::fs::read(sandbox.vault()).unwrap() == before,
        "the vault was touched"
    );
    drop(other);
    // Once it is closed, the restore goes through.
    sandbox
        .cmd()
        .arg("restore")
        .arg(&archive)
        .arg("-i")
        .arg(&keys.identity)
        .arg("--force")
        .assert()
        .success();
    assert_eq!(sandbox.codes(&["list"]).len(), 1);
}
