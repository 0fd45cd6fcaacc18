//! Backups, restore and verify: age archives a cron job writes without
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

/// `backup` of the sandbox's vault to `to`, as cron runs it: no passphrase anywhere.
fn backup_cmd(sandbox: &Sandbox, to: &Path, keys: &AgeKeys) -> assert_cmd::Command {
    let mut cmd = sandbox.bare_cmd();
    cmd.env("SEALBOOK_VAULT", sandbox.vault())
        .arg("backup")
        .arg("--to")
        .arg(to)
        .arg("-R")
        .arg(&keys.recipients);
    cmd
}

/// Runs `backup` as cron would: no terminal, no passphrase anywhere, its own session.
fn cron_backup(sandbox: &Sandbox, to: &Path, keys: &AgeKeys) -> PathBuf {
    let out = backup_cmd(sandbox, to, keys).assert().success();
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
    assert_eq!(report["ok"], true);
    assert_eq!(report["customers"], 1);
    assert_eq!(report["seals_checked"], false);
    // Round 2: the archive says when its vault was last changed, proven only with the key.
    assert_eq!(report["last_change_authenticated"], false);
    let info = sandbox.json(&["info"]);
    assert_eq!(report["vault"], info["vault"]);
    let with = sandbox.json(&[
        "verify",
        archive.to_str().unwrap(),
        "-i",
        keys.identity.to_str().unwrap(),
    ]);
    assert_eq!(with["seals_checked"], true);
    assert_eq!(with["last_change_authenticated"], true);
    // The date is the vault's own (its newest audit entry), whatever the file is called.
    let newest = sandbox.json(&["audit", "--last", "1"]);
    assert!(with["last_change"].as_str().unwrap() <= newest[0]["at"].as_str().unwrap());
    assert!(with["last_change"].as_str().unwrap().starts_with("20"));
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

/// The vault's short id, as `sealbook info` shows it and archive names carry it.
fn vault_id(sandbox: &Sandbox) -> String {
    let info = sandbox.json(&["info"]);
    info["vault"].as_str().unwrap().to_owned()
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut left: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    left.sort();
    left
}

// Round 2 (nothing lost): retention deletes only this vault's archives. Names written
// before archives carried a vault id, and other vaults' archives, are never touched.
#[test]
fn retention_deletes_only_old_archives_of_the_same_vault() {
    let sandbox = Sandbox::with_vault();
    sandbox.add(&["--name", "Jan"]);
    let keys = age_keys(&sandbox, "office");
    let dir = backup_dir(&sandbox);
    let id = vault_id(&sandbox);
    assert_eq!(id.len(), 8);
    let others = [
        "notes.age",
        "sealbook-latest.age",
        "sealbook-20200101T000000Z.age.bak",
        ".sealbook-20200101T000000Z.age.partial-00000000",
        "holiday-photos.jpg",
        // Written before archives named their vault: whose they are is unknown.
        "sealbook-20200101T000000Z.age",
        // Another vault backing up into the same folder.
        "sealbook-0badc0de-20200101T000000Z.age",
        "sealbook-0badc0de-20210101T000000Z.age",
    ];
    for name in others {
        std::fs::write(dir.join(name), "not mine").unwrap();
    }
    let old = [
        format!("sealbook-{id}-20200101T000000Z.age"),
        format!("sealbook-{id}-20210101T000000Z-2.age"),
    ];
    for name in &old {
        std::fs::write(dir.join(name), "an old archive").unwrap();
    }
    let out = backup_cmd(&sandbox, &dir, &keys)
        .args(["--keep", "2"])
        .assert()
        .success();
    let newest = PathBuf::from(
        String::from_utf8(out.get_output().stdout.clone())
            .unwrap()
            .trim(),
    );
    let newest = newest.file_name().unwrap().to_str().unwrap().to_owned();
    assert!(newest.starts_with(&format!("sealbook-{id}-")), "{newest}");
    let mut expected: Vec<String> = others.iter().map(|s| (*s).to_owned()).collect();
    expected.push(old[1].clone());
    expected.push(newest.clone());
    expected.sort();
    assert_eq!(names_in(&dir), expected);

    // A name dated in the future is left alone and warned about; --keep 1 never
    // deletes the archive just written.
    let future = format!("sealbook-{id}-29991231T000000Z.age");
    std::fs::write(dir.join(&future), "from a clock set wrong").unwrap();
    let out = backup_cmd(&sandbox, &dir, &keys)
        .args(["--keep", "1", "--json"])
        .assert()
        .success();
    let report: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let written = report["path"].as_str().unwrap();
    assert!(Path::new(written).exists());
    assert!(dir.join(&future).exists());
    assert!(stderr_of(&out).contains("dated in the future"));
    let pruned: Vec<&str> = report["pruned"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert_eq!(pruned.len(), 2, "{pruned:?}");
    for name in others {
        assert!(dir.join(name).exists(), "{name} was deleted");
    }
}

#[test]
fn retention_policies_keep_one_archive_per_day_week_and_month() {
    let sandbox = Sandbox::with_vault();
    let keys = age_keys(&sandbox, "office");
    let dir = backup_dir(&sandbox);
    let id = vault_id(&sandbox);
    // Two archives a day for the first days of 2024 and one on 1 Feb and 1 Mar.
    let mut planted = Vec::new();
    for day in 1..=10 {
        for hour in ["02", "14"] {
            planted.push(format!("sealbook-{id}-202401{day:02}T{hour}0000Z.age"));
        }
    }
    planted.push(format!("sealbook-{id}-20240201T020000Z.age"));
    planted.push(format!("sealbook-{id}-20240301T020000Z.age"));
    for name in &planted {
        std::fs::write(dir.join(name), "old").unwrap();
    }
    let out = backup_cmd(&sandbox, &dir, &keys)
        .args(["--keep-daily", "3", "--keep-monthly", "3", "-q"])
        .assert()
        .success();
    // -q: silent on success, so cron mails nothing.
    assert!(out.get_output().stdout.is_empty());
    assert!(out.get_output().stderr.is_empty());
    let left = names_in(&dir);
    // Today's archive (the newest day), then 1 Mar and 1 Feb as the other two days;
    // months: this month (today's), March and February.
    let kept_planted: Vec<&String> = planted.iter().filter(|n| left.contains(n)).collect();
    assert_eq!(
        kept_planted,
        [
            &format!("sealbook-{id}-20240201T020000Z.age"),
            &format!("sealbook-{id}-20240301T020000Z.age"),
        ]
    );
    assert_eq!(left.len(), 3, "{left:?}");
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

// Round 2 (nothing lost): a damaged vault makes no archive and rotates no good one out.
#[test]
fn a_damaged_vault_is_not_backed_up_and_nothing_is_pruned() {
    let sandbox = Sandbox::with_vault();
    sandbox.add(&["--name", "Jan"]);
    let keys = age_keys(&sandbox, "office");
    let dir = backup_dir(&sandbox);
    let good = cron_backup(&sandbox, &dir, &keys);
    for damage in [
        "DELETE FROM meta WHERE key = 'header_mac'",
        "DELETE FROM keyslots",
    ] {
        let db = sandbox.sqlite();
        db.execute_batch(&format!("BEGIN; {damage}; COMMIT;"))
            .unwrap();
        drop(db);
        let out = backup_cmd(&sandbox, &dir, &keys)
            .args(["--keep", "1"])
            .assert()
            .code(5);
        assert!(stderr_of(&out).contains("none was deleted"));
        assert_eq!(archives_in(&dir), vec![good.clone()], "{damage}");
    }
}

/// `audit --json` as a list of (command, codes) pairs.
fn audit_trail(sandbox: &Sandbox) -> Vec<(String, String)> {
    sandbox
        .json(&["audit"])
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["command"].as_str().unwrap().to_owned(),
                e["codes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| c.as_str().unwrap())
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        })
        .collect()
}

#[test]
fn a_restore_keeps_every_audit_entry_and_records_itself_and_its_erasures() {
    let sandbox = Sandbox::with_vault();
    let kept = sandbox.add(&["--name", "Jan Novák"]);
    let leaving = sandbox.add(&["--name", "Eva Svobodová"]);
    let keys = age_keys(&sandbox, "office");
    let archive = cron_backup(&sandbox, &backup_dir(&sandbox), &keys);
    // After the backup: a read, an edit and an erasure.
    sandbox.cmd().args(["show", &kept]).assert().success();
    sandbox
        .cmd()
        .args(["edit", &kept, "--note", "called back"])
        .assert()
        .success();
    sandbox
        .cmd()
        .args(["erase", &leaving, "--yes"])
        .assert()
        .success();
    let before = audit_trail(&sandbox);
    sandbox
        .cmd()
        .arg("restore")
        .arg(&archive)
        .arg("-i")
        .arg(&keys.identity)
        .arg("--force")
        .assert()
        .success();
    let after = audit_trail(&sandbox);
    // Every entry the replaced vault had, in order, then the restore and the erasure
    // it re-applied (and the `audit` reads themselves).
    assert_eq!(after[..before.len()], before[..]);
    let rest: Vec<&(String, String)> = after[before.len()..]
        .iter()
        .filter(|(command, _)| command != "audit")
        .collect();
    assert_eq!(rest[0].0, "restore");
    assert_eq!(rest[0].1, leaving);
    assert_eq!(
        rest[1],
        &("erase (re-applied by restore)".to_owned(), leaving.clone())
    );
    sandbox.cmd().args(["audit", "--verify"]).assert().success();
    sandbox.cmd().arg("verify").assert().success();
}

#[test]
fn entries_written_after_a_rekey_are_kept_and_marked_unverified() {
    let sandbox = Sandbox::with_vault();
    let code = sandbox.add(&["--name", "Jan Novák"]);
    let keys = age_keys(&sandbox, "office");
    let archive = cron_backup(&sandbox, &backup_dir(&sandbox), &keys);
    sandbox.cmd().args(["rekey", "--yes"]).assert().success();
    sandbox.cmd().args(["show", &code]).assert().success();
    sandbox
        .cmd()
        .arg("restore")
        .arg(&archive)
        .arg("-i")
        .arg(&keys.identity)
        .arg("--force")
        .assert()
        .success();
    let trail = audit_trail(&sandbox);
    assert!(trail.contains(&("rekey [carried, unverified]".to_owned(), String::new())));
    assert!(trail.contains(&("show [carried, unverified]".to_owned(), code)));
    let restore = sandbox.json(&["audit"]);
    let restore = restore
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["command"] == "restore")
        .unwrap();
    assert!(restore["counts"]["carried_unverified"].as_u64().unwrap() >= 2);
    sandbox.cmd().args(["audit", "--verify"]).assert().success();
}

#[test]
fn a_restore_with_the_vault_gone_says_so_and_applies_the_newest_archives_erasures() {
    let sandbox = Sandbox::with_vault();
    let stays = sandbox.add(&["--name", "Jan Novák"]);
    let erased = sandbox.add(&["--name", "Eva Svobodová"]);
    let keys = age_keys(&sandbox, "office");
    let dir = backup_dir(&sandbox);
    let old = cron_backup(&sandbox, &dir, &keys);
    let inside: serde_json::Value = sandbox.json(&["info"]);
    let date = inside["last_change"].as_str().unwrap().to_owned();
    // A second later: an erasure, then the nightly archive that records it.
    std::thread::sleep(Duration::from_millis(1100));
    sandbox
        .cmd()
        .args(["erase", &erased, "--yes"])
        .assert()
        .success();
    cron_backup(&sandbox, &dir, &keys);
    // The laptop is stolen.
    std::fs::remove_file(sandbox.vault()).unwrap();
    let out = sandbox
        .cmd()
        .arg("restore")
        .arg(&old)
        .arg("-i")
        .arg(&keys.identity)
        .assert()
        .success();
    let stderr = stderr_of(&out);
    assert!(stderr.contains("no vault was at"), "{stderr}");
    assert!(stderr.contains(&date), "{stderr}");
    assert!(
        // Counts are written out in words since round 2: "1 newer archive", "2 newer archives".
        stderr.contains("newer archive") && stderr.contains("of this vault"),
        "{stderr}"
    );
    sandbox.cmd().args(["show", &erased]).assert().code(4);
    sandbox.cmd().args(["show", &stays]).assert().success();
}

#[test]
fn an_interrupted_verify_leaves_no_decrypted_copy_and_exits_130() {
    let sandbox = Sandbox::new();
    let keys = age_keys(&sandbox, "office");
    let fifo = sandbox.path("archive.age");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let scratch = sandbox.path("tmp");
    std::fs::create_dir(&scratch).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_sealbook"))
        .arg("verify")
        .arg(&fifo)
        .arg("-i")
        .arg(&keys.identity)
        .env("TMPDIR", &scratch)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while std::fs::read_dir(&scratch).unwrap().count() == 0 {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no scratch file"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(130));
    assert_eq!(std::fs::read_dir(&scratch).unwrap().count(), 0);
}

#[test]
fn an_erasure_made_before_a_rekey_is_applied_again_by_a_restore() {
    let sandbox = Sandbox::with_vault();
    let stays = sandbox.add(&["--name", "Jan Novák"]);
    let leaving = sandbox.add(&["--name", "Eva Svobodová"]);
    let keys = age_keys(&sandbox, "office");
    let archive = cron_backup(&sandbox, &backup_dir(&sandbox), &keys);
    sandbox
        .cmd()
        .args(["erase", &leaving, "--yes"])
        .assert()
        .success();
    sandbox.cmd().args(["rekey", "--yes"]).assert().success();
    let out = sandbox
        .cmd()
        .arg("restore")
        .arg(&archive)
        .arg("-i")
        .arg(&keys.identity)
        .arg("--force")
        .assert()
        .success();
    assert!(stderr_of(&out).contains(&leaving), "{}", stderr_of(&out));
    sandbox.cmd().args(["show", &leaving]).assert().code(4);
    sandbox.cmd().args(["show", &stays]).assert().success();
    sandbox.cmd().arg("verify").assert().success();
}

#[test]
fn a_restore_needs_the_vault_passphrase_and_installs_nothing_without_it() {
    let sandbox = Sandbox::with_vault();
    sandbox.add(&["--name", "Jan Novák"]);
    let keys = age_keys(&sandbox, "office");
    let archive = cron_backup(&sandbox, &backup_dir(&sandbox), &keys);
    let before = std::fs::read(sandbox.vault()).unwrap();
    for passphrase in [None, Some("not the passphrase at all")] {
        let mut cmd = sandbox.bare_cmd();
        cmd.env("SEALBOOK_VAULT", sandbox.vault());
        if let Some(p) = passphrase {
            cmd.env("SEALBOOK_PASSPHRASE", p);
        }
        cmd.arg("restore")
            .arg(&archive)
            .arg("-i")
            .arg(&keys.identity)
            .arg("--force")
            .assert()
            .code(3);
        assert_eq!(std::fs::read(sandbox.vault()).unwrap(), before);
        // No decrypted copy is left beside the vault.
        let names: Vec<PathBuf> = leftovers(&sandbox.path("data"))
            .into_iter()
            .filter(|p| p.to_string_lossy().contains("restore"))
            .collect();
        assert_eq!(names, Vec::<PathBuf>::new());
    }
}

// Found by the second review of the restore design.

#[test]
fn an_archive_holding_a_restore_record_is_refused() {
    let sandbox = Sandbox::with_vault();
    let jan = sandbox.add(&["--name", "Jan Novák"]);
    let keys = age_keys(&sandbox, "office");
    // A copy of the vault with a planted record, encrypted to the public recipient.
    let evil = sandbox.path("evil.sealbook");
    sandbox
        .sqlite()
        .execute("VACUUM INTO ?1", [evil.to_str().unwrap()])
        .unwrap();
    rusqlite::Connection::open(&evil)
        .unwrap()
        .execute(
            "INSERT INTO restore_pending VALUES ('2020-01-01T00:00:00Z', 'admin', '{}')",
            [],
        )
        .unwrap();
    let dir = backup_dir(&sandbox);
    let archive = dir.join(format!(
        "sealbook-{}-20991231T000000Z.age",
        vault_id(&sandbox)
    ));
    let status = Command::new("age")
        .arg("-r")
        .arg(&keys.public)
        .arg("-o")
        .arg(&archive)
        .arg(&evil)
        .status()
        .unwrap();
    assert!(status.success());
    let before = std::fs::read(sandbox.vault()).unwrap();
    sandbox
        .cmd()
        .arg("restore")
        .arg(&archive)
        .arg("-i")
        .arg(&keys.identity)
        .arg("--force")
        .assert()
        .code(5);
    assert_eq!(std::fs::read(sandbox.vault()).unwrap(), before);
    sandbox.cmd().args(["show", &jan]).assert().success();
}

#[test]
fn an_emptied_erasure_register_is_not_trusted_and_newer_archives_are_all_read() {
    let sandbox = Sandbox::with_vault();
    let eva = sandbox.add(&["--name", "Eva Svobodová"]);
    let keys = age_keys(&sandbox, "office");
    let dir = backup_dir(&sandbox);
    let old = cron_backup(&sandbox, &dir, &keys);
    std::thread::sleep(Duration::from_millis(1100));
    sandbox
        .cmd()
        .args(["erase", &eva, "--yes"])
        .assert()
        .success();
    let newest = cron_backup(&sandbox, &dir, &keys);
    // The old archive copied under a newer name must not hide the real newest one.
    std::fs::copy(
        &old,
        dir.join(format!(
            "sealbook-{}-20991231T000000Z.age",
            vault_id(&sandbox)
        )),
    )
    .unwrap();
    // The live vault's register emptied by someone without the key.
    sandbox
        .sqlite()
        .execute("DELETE FROM erasures", [])
        .unwrap();
    let out = sandbox
        .cmd()
        .arg("restore")
        .arg(&old)
        .arg("-i")
        .arg(&keys.identity)
        .arg("--force")
        .assert()
        .success();
    let stderr = stderr_of(&out);
    assert!(
        stderr.contains("not the one its key holder wrote"),
        "{stderr}"
    );
    // The genuine newer archive's register was read and proven: Eva stays erased.
    assert!(newest.exists());
    sandbox.cmd().args(["show", &eva]).assert().code(4);
    sandbox.cmd().arg("verify").assert().success();
}

#[test]
fn a_damaged_vault_can_be_replaced_by_a_restore() {
    let sandbox = Sandbox::with_vault();
    let jan = sandbox.add(&["--name", "Jan Novák"]);
    let keys = age_keys(&sandbox, "office");
    let archive = cron_backup(&sandbox, &backup_dir(&sandbox), &keys);
    let mut bytes = std::fs::read(sandbox.vault()).unwrap();
    bytes[..16].copy_from_slice(b"not a vault file");
    std::fs::write(sandbox.vault(), bytes).unwrap();
    sandbox
        .cmd()
        .arg("restore")
        .arg(&archive)
        .arg("-i")
        .arg(&keys.identity)
        .arg("--force")
        .assert()
        .success();
    sandbox.cmd().args(["show", &jan]).assert().success();
    sandbox.cmd().arg("verify").assert().success();
}

/// `--archive-passphrase-file` gives a passphrase archive's passphrase from a file, for
/// backup and for reading the archive back.
#[test]
fn the_archive_passphrase_can_come_from_a_file() {
    let sandbox = Sandbox::with_vault();
    sandbox.add(&["--name", "Jan Novák"]);
    let dir = sandbox.path("archives");
    std::fs::create_dir(&dir).unwrap();
    let file = sandbox.path("archive-pass.txt");
    std::fs::write(&file, "stone anchor velvet orbit kettle\n").unwrap();
    std::fs::set_permissions(&file, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    sandbox
        .cmd()
        .args([
            "backup",
            "--passphrase",
            "--work-factor",
            "10",
            "--archive-passphrase-file",
        ])
        .arg(&file)
        .arg("--to")
        .arg(&dir)
        .assert()
        .success();
    let archive = std::fs::read_dir(&dir)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    sandbox
        .cmd()
        .args(["verify", "--passphrase", "--archive-passphrase-file"])
        .arg(&file)
        .arg(&archive)
        .assert()
        .success();
    // Without --passphrase the flag is a usage error, not silently ignored.
    sandbox
        .cmd()
        .args(["verify", "--archive-passphrase-file"])
        .arg(&file)
        .arg(&archive)
        .assert()
        .code(2);
}
