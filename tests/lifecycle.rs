//! Keys, audit, retention and erasure over a vault's life: passwd, keyslots,
//! recovery keys, key files, rekey under SIGKILL, the audit chain under attack, purge,
//! and erasures that survive a restore.

mod common;

use std::fmt::Write as _;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{PASSPHRASE, Sandbox, contains, stderr_of};

const NEW_PASSPHRASE: &str = "plum orbit kettle saffron";

fn stdout_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stdout.clone()).unwrap()
}

/// The vault's key epoch, read from the file as anyone could.
fn key_epoch(sandbox: &Sandbox) -> u32 {
    let bytes: Vec<u8> = sandbox
        .sqlite()
        .query_row("SELECT value FROM meta WHERE key = 'key_epoch'", [], |r| {
            r.get(0)
        })
        .unwrap();
    u32::from_be_bytes(bytes.try_into().unwrap())
}

/// Adds `count` customers through the library, in one transaction.
fn add_many(sandbox: &Sandbox, count: usize, prefix: &str) {
    use sealbook::vault::CustomerData;
    let mut vault = sandbox.unlock();
    let customers = (0..count).map(|i| CustomerData {
        name: format!("{prefix} Customer {i}"),
        email: Some(format!("{}{i}@example.com", prefix.to_lowercase())),
        notes: Some("a note that takes a little sealing".into()),
        tags: vec!["bulk".into()],
        ..CustomerData::default()
    });
    vault.add_customers(customers).unwrap();
}

#[test]
fn passwd_changes_only_the_passphrase() {
    let sandbox = Sandbox::with_vault();
    let code = sandbox.add(&["--name", "Ada Lovelace", "--email", "ada@example.com"]);
    let sealed_before: Vec<u8> = sandbox
        .sqlite()
        .query_row("SELECT name FROM customers", [], |r| r.get(0))
        .unwrap();

    // A weak new passphrase is refused, and nothing changes.
    let out = sandbox
        .cmd()
        .arg("passwd")
        .env("SEALBOOK_NEW_PASSPHRASE", "password1")
        .assert()
        .code(1);
    assert!(stderr_of(&out).contains("too weak"), "{}", stderr_of(&out));
    // No terminal and no source for the new passphrase: a clear error, no prompt.
    let out = sandbox.cmd().arg("passwd").assert().code(3);
    assert!(stderr_of(&out).contains("SEALBOOK_NEW_PASSPHRASE"));
    sandbox.cmd().arg("list").assert().success();

    let file = sandbox.path("new-passphrase");
    std::fs::write(&file, format!("{NEW_PASSPHRASE}\n")).unwrap();
    sandbox
        .cmd()
        .arg("passwd")
        .arg("--new-passphrase-file")
        .arg(&file)
        .assert()
        .success();

    // The old passphrase is now exit 3; the new one shows the same data.
    let out = sandbox.cmd().args(["show", &code]).assert().code(3);
    assert!(stderr_of(&out).contains("wrong passphrase"));
    let shown = sandbox
        .cmd()
        .env("SEALBOOK_PASSPHRASE", NEW_PASSPHRASE)
        .args(["show", &code, "--json"])
        .assert()
        .success();
    let shown: serde_json::Value = serde_json::from_str(&stdout_of(&shown)).unwrap();
    assert_eq!(shown["name"], "Ada Lovelace");
    // Nothing was re-sealed: the stored ciphertext is the same.
    let sealed_after: Vec<u8> = sandbox
        .sqlite()
        .query_row("SELECT name FROM customers", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sealed_before, sealed_after);
}

#[test]
fn a_recovery_key_opens_the_vault_and_a_typo_is_named() {
    let sandbox = Sandbox::with_vault();
    let code = sandbox.add(&["--name", "Grace Hopper"]);
    let added = sandbox.json(&["key", "add", "--recovery"]);
    let key = added["recovery_key"].as_str().unwrap().to_owned();
    let groups: Vec<&str> = key.split('-').collect();
    assert_eq!(groups.len(), 7, "{key}");
    assert!(groups.iter().all(|g| g.len() == 4));

    // Accepted wherever a passphrase is, however it is typed.
    let sloppy = key.to_lowercase().replace('-', " ");
    sandbox
        .cmd()
        .env("SEALBOOK_PASSPHRASE", &sloppy)
        .args(["show", &code])
        .assert()
        .success();

    // One character wrong: exit 3, and the message says it is a typo.
    let mut typo: Vec<char> = key.chars().collect();
    typo[1] = if typo[1] == '7' { '8' } else { '7' };
    let typo: String = typo.into_iter().collect();
    let out = sandbox
        .cmd()
        .env("SEALBOOK_PASSPHRASE", &typo)
        .args(["show", &code])
        .assert()
        .code(3);
    let err = stderr_of(&out);
    // (Named as a typo, unless the changed character happens to keep the check: one
    // key in 1,024, which then is simply a wrong key.)
    assert!(
        err.contains("check characters do not match") || err.contains("wrong passphrase"),
        "{err}"
    );

    // Slots: the last one and the one in use stay; another can go.
    let slots = sandbox.json(&["key", "list"]);
    let recovery_slot = slots[1]["id"].as_i64().unwrap();
    assert_eq!(slots[1]["kind"], "recovery");
    let out = sandbox.cmd().args(["key", "remove", "1"]).assert().code(1);
    assert!(stderr_of(&out).contains("opened the vault"));
    sandbox.cmd().args(["key", "remove", "9"]).assert().code(4);
    sandbox
        .cmd()
        .args(["key", "remove", &recovery_slot.to_string()])
        .assert()
        .success();
    sandbox
        .cmd()
        .env("SEALBOOK_PASSPHRASE", &key)
        .args(["show", &code])
        .assert()
        .code(3);
    let out = sandbox.cmd().args(["key", "remove", "1"]).assert().code(1);
    assert!(stderr_of(&out).contains("last slot"));
}

#[test]
fn a_key_file_slot_needs_the_file_and_the_passphrase() {
    let sandbox = Sandbox::with_vault();
    let code = sandbox.add(&["--name", "Katherine Johnson"]);
    let key_file = sandbox.path("vault.key");
    sandbox
        .cmd()
        .args(["key", "add", "--key-file"])
        .arg(&key_file)
        .env("SEALBOOK_NEW_PASSPHRASE", NEW_PASSPHRASE)
        .assert()
        .success();
    let meta = std::fs::metadata(&key_file).unwrap();
    assert_eq!(meta.len(), 32);
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);

    // Never overwrites: a second add naming the same path fails and the file stays.
    let before = std::fs::read(&key_file).unwrap();
    let out = sandbox
        .cmd()
        .args(["key", "add", "--key-file"])
        .arg(&key_file)
        .env("SEALBOOK_NEW_PASSPHRASE", NEW_PASSPHRASE)
        .assert()
        .code(3);
    assert!(stderr_of(&out).contains("never"));
    assert_eq!(std::fs::read(&key_file).unwrap(), before);

    let with_new = |cmd: &mut assert_cmd::Command| {
        cmd.env("SEALBOOK_PASSPHRASE", NEW_PASSPHRASE)
            .args(["show", &code]);
    };
    // The new passphrase alone does not open it; with the file it does.
    let mut cmd = sandbox.cmd();
    with_new(&mut cmd);
    cmd.assert().code(3);
    let mut cmd = sandbox.cmd();
    with_new(&mut cmd);
    cmd.arg("--key-file").arg(&key_file).assert().success();
    // The file with the old passphrase (whose slot needs no file) does not.
    sandbox
        .cmd()
        .args(["show", &code, "--key-file"])
        .arg(&key_file)
        .assert()
        .code(3);
}

#[test]
fn rekey_reseals_everything_and_drops_the_slots_not_given() {
    let sandbox = Sandbox::with_vault();
    add_many(&sandbox, 300, "Bulk");
    let code = sandbox.add(&["--name", "Hedy Lamarr", "--email", "hedy@example.com"]);
    sandbox.json(&["key", "add", "--recovery"]);
    let sealed = |sandbox: &Sandbox| -> Vec<u8> {
        sandbox
            .sqlite()
            .query_row(
                "SELECT email FROM customers WHERE code = ?1",
                [&code],
                |r| r.get(0),
            )
            .unwrap()
    };
    let before = sealed(&sandbox);
    let epoch = key_epoch(&sandbox);

    // Without a terminal, dropping a slot needs --yes.
    sandbox.cmd().arg("rekey").assert().code(2);
    assert_eq!(key_epoch(&sandbox), epoch);

    let out = sandbox.cmd().args(["rekey", "--yes"]).assert().success();
    // The dropped slot is named with its kind and label, and the missing recovery key
    // is pointed out.
    let stderr = stderr_of(&out);
    assert!(stderr.contains("keyslot 2 (recovery key, \"recovery key\") was dropped"));
    assert!(stderr.contains("no recovery key now"));
    assert_eq!(key_epoch(&sandbox), epoch + 1);
    assert_ne!(sealed(&sandbox), before, "the e-mail was not re-sealed");
    assert_eq!(sandbox.json(&["key", "list"]).as_array().unwrap().len(), 1);

    // Everything still opens, every index still finds, the chain still verifies.
    sandbox.cmd().arg("verify").assert().success();
    sandbox.cmd().args(["audit", "--verify"]).assert().success();
    assert_eq!(sandbox.codes(&["search", "hedy@example.com"]), vec![code]);
    assert_eq!(sandbox.codes(&["list", "--tag", "bulk"]).len(), 300);
    assert_eq!(sandbox.codes(&["search", "bulk17@example.com"]).len(), 1);
    // A substring search decrypts every search text ("@" keeps random codes out).
    assert_eq!(sandbox.codes(&["search", "bulk299@"]).len(), 1);
}

#[test]
fn a_rekey_killed_at_any_point_leaves_the_old_or_the_new_key() {
    let sandbox = Sandbox::with_vault();
    add_many(&sandbox, 3000, "Bulk");
    let code = sandbox.add(&["--name", "Ada Lovelace", "--email", "ada@example.com"]);
    // Delays spread over a rekey's run, from before it starts to after it ends.
    let mut outcomes = Vec::new();
    for delay_ms in [0, 30, 80, 150, 250, 400, 600, 900, 1400, 2500] {
        let epoch_before = key_epoch(&sandbox);
        let mut child = Command::new(env!("CARGO_BIN_EXE_sealbook"))
            .args(["rekey", "--yes"])
            .env("SEALBOOK_VAULT", sandbox.vault())
            .env("SEALBOOK_PASSPHRASE", PASSPHRASE)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let finished = child.try_wait().unwrap().is_some();
        child.kill().unwrap(); // SIGKILL: no chance to clean up
        child.wait().unwrap();
        let epoch_after = key_epoch(&sandbox);
        assert!(
            epoch_after == epoch_before || epoch_after == epoch_before + 1,
            "key epoch went from {epoch_before} to {epoch_after}"
        );
        // Opens (with the same passphrase: its slot is rewrapped under either key)
        // and passes a full check: no row sealed under one key and indexed under another.
        sandbox.cmd().arg("verify").assert().success();
        assert_eq!(
            sandbox.codes(&["search", "ada@example.com"]),
            vec![code.clone()]
        );
        outcomes.push((delay_ms, finished, epoch_after > epoch_before));
    }
    eprintln!("(delay ms, finished before the kill, epoch changed): {outcomes:?}");
    assert_eq!(sandbox.codes(&["list"]).len(), 3001);
    // Some kills landed mid-rekey (the epoch stayed although the process was running).
    assert!(
        outcomes
            .iter()
            .any(|(_, finished, changed)| !finished && !changed),
        "no kill interrupted a rekey: {outcomes:?}"
    );
}

/// The audit table's rows, as an attacker with the file sees them.
fn audit_count(sandbox: &Sandbox) -> i64 {
    sandbox
        .sqlite()
        .query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
        .unwrap()
}

/// A vault with a few entries in its log: init, add, show, search, edit.
fn audited_vault() -> (Sandbox, String) {
    let sandbox = Sandbox::with_vault();
    let code = sandbox.add(&["--name", "Margaret Hamilton", "--email", "mh@example.com"]);
    sandbox.cmd().args(["show", &code]).assert().success();
    sandbox
        .cmd()
        .args(["search", "hamilton"])
        .assert()
        .success();
    sandbox
        .cmd()
        .args(["edit", &code, "--phone", "+48 601 234 567"])
        .assert()
        .success();
    (sandbox, code)
}

fn verify_fails_naming(sandbox: &Sandbox, expected: &str) {
    let out = sandbox.cmd().args(["audit", "--verify"]).assert().code(5);
    let err = stderr_of(&out);
    assert!(err.contains(expected), "expected {expected:?} in: {err}");
}

#[test]
fn the_audit_log_records_reads_and_writes_without_personal_values() {
    let (sandbox, code) = audited_vault();
    sandbox
        .cmd()
        .args(["export", "--format", "json"])
        .assert()
        .success();
    let entries = sandbox.json(&["audit"]);
    let commands: Vec<&str> = entries
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["command"].as_str().unwrap())
        .collect();
    assert_eq!(
        commands,
        ["init", "add", "show", "search", "edit", "export"]
    );
    for entry in &entries.as_array().unwrap()[1..] {
        assert_eq!(entry["codes"][0], code.as_str(), "{entry}");
        assert!(!entry["user"].as_str().unwrap().is_empty());
    }
    assert_eq!(entries[3]["counts"]["hits"], 1);
    // The stored log holds no personal value, not even the search query.
    let dump: String = sandbox
        .sqlite()
        .prepare("SELECT at || os_user || command || codes || counts FROM audit")
        .unwrap()
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for value in ["Margaret", "Hamilton", "hamilton", "mh@example.com", "601"] {
        assert!(!dump.contains(value), "{value} is in the audit log");
    }
    // Entries about one customer, and a subject access request that includes them.
    assert_eq!(
        sandbox
            .json(&["audit", "--customer", &code])
            .as_array()
            .unwrap()
            .len(),
        5
    );
    let subject = sandbox.json(&["export", "--subject", &code]);
    let listed = subject["audit"].as_array().unwrap();
    assert!(listed.len() >= 5, "{subject}");
    sandbox.cmd().args(["audit", "--verify"]).assert().success();
}

#[test]
fn an_edited_audit_entry_is_named() {
    let (sandbox, _) = audited_vault();
    sandbox
        .sqlite()
        .execute("UPDATE audit SET codes = 'C-00000000' WHERE seq = 3", [])
        .unwrap();
    verify_fails_naming(&sandbox, "audit entry 3 fails its check");
    // The full vault check reports it too, and no command adds to an altered log.
    sandbox.cmd().arg("verify").assert().code(5);
}

#[test]
fn an_audit_entry_edited_to_another_type_is_still_exit_5() {
    let (sandbox, _) = audited_vault();
    sandbox
        .sqlite()
        .execute("UPDATE audit SET counts = 5 WHERE seq = 2", [])
        .unwrap();
    verify_fails_naming(&sandbox, "audit entry 2 fails its check");
}

#[test]
fn a_deleted_audit_entry_is_named() {
    let (sandbox, _) = audited_vault();
    sandbox
        .sqlite()
        .execute("DELETE FROM audit WHERE seq = 2", [])
        .unwrap();
    verify_fails_naming(&sandbox, "audit entries 2 to 2 are missing");
}

#[test]
fn an_inserted_audit_entry_is_named() {
    let (sandbox, _) = audited_vault();
    let db = sandbox.sqlite();
    // Make room at 3 and insert a forged entry there, as an editor of the file could.
    db.execute_batch(
        "UPDATE audit SET seq = -seq WHERE seq >= 3;
         UPDATE audit SET seq = 1 - seq WHERE seq < 0;
         INSERT INTO audit (seq, at, os_user, command, codes, counts, mac)
         VALUES (3, '2026-01-01T00:00:00Z', 'mallory', 'show', '', '{}', zeroblob(32));",
    )
    .unwrap();
    drop(db);
    verify_fails_naming(&sandbox, "audit entry 3 fails its check");

    // Appended at the end instead: more entries than the header records.
    let (sandbox, _) = audited_vault();
    let n = audit_count(&sandbox);
    sandbox
        .sqlite()
        .execute(
            "INSERT INTO audit (seq, at, os_user, command, codes, counts, mac)
             VALUES (?1, '2026-01-01T00:00:00Z', 'mallory', 'show', '', '{}', zeroblob(32))",
            [n + 1],
        )
        .unwrap();
    verify_fails_naming(&sandbox, &format!("holds {} entries", n + 1));
}

#[test]
fn deleting_the_last_audit_entries_is_caught() {
    let (sandbox, _) = audited_vault();
    let n = audit_count(&sandbox);
    sandbox
        .sqlite()
        .execute("DELETE FROM audit WHERE seq > 2", [])
        .unwrap();
    verify_fails_naming(
        &sandbox,
        &format!("ends at entry 2 but the vault header records {n}"),
    );
    // Lowering the recorded count to match breaks the header's MAC instead.
    sandbox
        .sqlite()
        .execute(
            "UPDATE meta SET value = ?1 WHERE key = 'audit_count'",
            [2u64.to_be_bytes().to_vec()],
        )
        .unwrap();
    let out = sandbox.cmd().args(["audit", "--verify"]).assert().code(5);
    assert!(stderr_of(&out).contains("vault header"));
}

#[test]
fn two_processes_adding_at_once_lose_nothing() {
    let sandbox = Sandbox::with_vault();
    let write_csv = |name: &str, prefix: &str| {
        let path = sandbox.path(name);
        let mut text = String::from("name,email\n");
        for i in 0..1000 {
            writeln!(text, "{prefix} {i},{prefix}{i}@example.com").unwrap();
        }
        std::fs::write(&path, text).unwrap();
        path
    };
    let first = write_csv("a.csv", "alpha");
    let second = write_csv("b.csv", "beta");
    let spawn_import = |file: &Path| {
        Command::new(env!("CARGO_BIN_EXE_sealbook"))
            .arg("import")
            .arg(file)
            .env("SEALBOOK_VAULT", sandbox.vault())
            .env("SEALBOOK_PASSPHRASE", PASSPHRASE)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    // Two bulk imports and two loops of single adds, all at the same time.
    let imports = [spawn_import(&first), spawn_import(&second)];
    let adders = [
        sandbox.add_in_background("gamma", 25),
        sandbox.add_in_background("delta", 25),
    ];
    for import in imports {
        let out = import.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    for adder in adders {
        adder.join().unwrap();
    }
    assert_eq!(sandbox.codes(&["list"]).len(), 2050);
    let verified = sandbox.json(&["audit", "--verify"]);
    // init, two imports, 50 adds, and the list above.
    assert_eq!(verified["entries"], 54);
    sandbox.cmd().arg("verify").assert().success();
}

#[test]
fn purge_erases_only_customers_past_their_date() {
    let sandbox = Sandbox::with_vault();
    // A date that has passed needs --force at the door (a purge would erase it).
    let expired = sandbox.add(&[
        "--name",
        "Expired",
        "--retain-until",
        "2020-01-31",
        "--force",
    ]);
    let current = sandbox.add(&["--name", "Current", "--retain-until", "2999-12-31"]);
    let forever = sandbox.add(&["--name", "No Date"]);

    let dry = sandbox.json(&["purge", "--dry-run"]);
    assert_eq!(dry["would_erase"], serde_json::json!([expired]));
    assert_eq!(sandbox.codes(&["list"]).len(), 3);
    // No terminal: a real purge needs --yes.
    sandbox.cmd().arg("purge").assert().code(2);

    let done = sandbox.json(&["purge", "--yes"]);
    assert_eq!(done["erased"], serde_json::json!([expired]));
    assert_eq!(sandbox.codes(&["list"]), vec![current.clone(), forever]);
    let audit = sandbox.json(&["audit", "--last", "2"]);
    assert_eq!(audit[0]["command"], "purge");
    assert_eq!(audit[0]["codes"], serde_json::json!([expired]));

    // Someone without the key moves a date into the past: the row fails its check
    // (the date is bound into its seals) and nobody is erased.
    sandbox
        .sqlite()
        .execute(
            "UPDATE customers SET retain_until = '2001-01-01' WHERE code = ?1",
            [&current],
        )
        .unwrap();
    sandbox.cmd().args(["purge", "--yes"]).assert().code(5);
    assert_eq!(
        sandbox
            .sqlite()
            .query_row("SELECT count(*) FROM customers", [], |r| r.get::<_, i64>(0))
            .unwrap(),
        2
    );
}

#[test]
fn an_erasure_survives_restoring_an_older_backup() {
    let sandbox = Sandbox::with_vault();
    let forgotten = sandbox.add(&["--name", "Forget Me", "--email", "forget@example.com"]);
    let kept = sandbox.add(&["--name", "Keep Me"]);
    let dir = sandbox.path("nas");
    std::fs::create_dir_all(&dir).unwrap();
    let passphrase_file = sandbox.path("archive-passphrase");
    std::fs::write(&passphrase_file, "archive passphrase for tests\n").unwrap();
    let out = sandbox
        .cmd()
        .env("SEALBOOK_BACKUP_PASSPHRASE_FILE", &passphrase_file)
        .arg("backup")
        .arg("--to")
        .arg(&dir)
        .args(["--passphrase", "--work-factor", "10"])
        .assert()
        .success();
    let archive = stdout_of(&out).trim().to_owned();

    sandbox
        .cmd()
        .args(["erase", &forgotten, "--yes"])
        .assert()
        .success();
    let restored = sandbox
        .cmd()
        .env("SEALBOOK_BACKUP_PASSPHRASE_FILE", &passphrase_file)
        .args(["restore", &archive, "--passphrase", "--force", "--json"])
        .assert()
        .success();
    let report: serde_json::Value = serde_json::from_str(&stdout_of(&restored)).unwrap();
    assert_eq!(report["erasures_reapplied"], serde_json::json!([forgotten]));
    assert_eq!(report["customers"], 1);
    assert_eq!(sandbox.codes(&["list"]), vec![kept]);
    for (path, bytes) in sandbox.vault_bytes() {
        assert!(
            !contains(&bytes, b"forget@example.com"),
            "{}",
            path.display()
        );
    }
    sandbox.cmd().arg("verify").assert().success();
    // The restored vault remembers the erasure for the next restore.
    let registered: i64 = sandbox
        .sqlite()
        .query_row("SELECT count(*) FROM erasures", [], |r| r.get(0))
        .unwrap();
    assert_eq!(registered, 1);
}

#[test]
fn a_vault_from_the_first_release_is_upgraded_on_unlock() {
    // Made by sealbook 0.1 at schema version 1 (no audit log, no erasure register):
    // customers C-TCTY47XW (Jan Novák, tag vip) and C-6B0Z49EY (retain until 2020).
    let sandbox = Sandbox::new();
    std::fs::create_dir_all(sandbox.vault().parent().unwrap()).unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vault-v1.sealbook");
    std::fs::copy(fixture, sandbox.vault()).unwrap();

    // A wrong passphrase upgrades nothing.
    let before = std::fs::read(sandbox.vault()).unwrap();
    sandbox
        .cmd()
        .env("SEALBOOK_PASSPHRASE", "not the passphrase")
        .arg("list")
        .assert()
        .code(3);
    assert_eq!(std::fs::read(sandbox.vault()).unwrap(), before);

    assert_eq!(
        sandbox.codes(&["search", "jan.novak@firma.cz"]),
        vec!["C-TCTY47XW".to_owned()]
    );
    let version: i64 = sandbox
        .sqlite()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    // Schema 4 since staff: the upgrade goes straight there.
    assert_eq!(version, 4);
    // The log starts with the upgrade (round 2: to schema 3, every row re-sealed), then
    // the first command; everything else works.
    let audit = sandbox.json(&["audit"]);
    assert_eq!(audit[0]["command"], "upgrade");
    assert_eq!(audit[1]["command"], "search");
    assert_eq!(
        sandbox.json(&["purge", "--yes"])["erased"],
        serde_json::json!(["C-6B0Z49EY"])
    );
    sandbox.json(&["key", "add", "--recovery"]);
    sandbox.cmd().arg("verify").assert().success();
}

#[test]
fn a_key_file_in_the_environment_unlocks_and_a_second_slot_can_be_added() {
    // A vault created with a key file, used every day through SEALBOOK_KEY_FILE.
    let sandbox = Sandbox::new();
    let daily = sandbox.path("daily.key");
    std::fs::write(&daily, [7u8; 32]).unwrap();
    sandbox
        .cmd()
        .env("SEALBOOK_KEY_FILE", &daily)
        .arg("init")
        .args(common::CHEAP_KDF)
        .assert()
        .success();
    // key add with that variable set: the variable's file unlocks, it is not taken for
    // a new file to create, and (round 2, nothing lost) the new slot keeps the second
    // factor: it needs that same key file.
    sandbox
        .cmd()
        .env("SEALBOOK_KEY_FILE", &daily)
        .env("SEALBOOK_NEW_PASSPHRASE", NEW_PASSPHRASE)
        .args(["key", "add"])
        .assert()
        .success();
    sandbox
        .cmd()
        .env("SEALBOOK_PASSPHRASE", NEW_PASSPHRASE)
        .arg("list")
        .assert()
        .code(3);
    sandbox
        .cmd()
        .env("SEALBOOK_PASSPHRASE", NEW_PASSPHRASE)
        .env("SEALBOOK_KEY_FILE", &daily)
        .arg("list")
        .assert()
        .success();
    // A passphrase-only slot is made when asked for explicitly.
    sandbox
        .cmd()
        .env("SEALBOOK_KEY_FILE", &daily)
        .env(
            "SEALBOOK_NEW_PASSPHRASE",
            "another passphrase for the phone 77",
        )
        .args(["key", "add", "--no-key-file"])
        .assert()
        .success();
    sandbox
        .cmd()
        .env("SEALBOOK_PASSPHRASE", "another passphrase for the phone 77")
        .arg("list")
        .assert()
        .success();
}
