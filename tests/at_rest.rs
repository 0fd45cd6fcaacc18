//! Attacks on the vault file (issue 2): what a stolen or altered file reveals or does.

mod common;

use std::os::unix::fs::PermissionsExt;

use common::{Sandbox, contains};

/// Distinctive values for every personal field, none of which may reach the disk.
const SECRETS: [&str; 13] = [
    "Zdeněk Quaxbridge",
    "zq.secret@quaxmail.cz",
    "+48601234567",
    "Ulice Tajná 42, Brno",
    "Quaxbridge Holdings",
    "7103192745",
    "PL61109010140000071219812874",
    "likes violet envelopes",
    "platinumtag",
    "favourite_colour",
    "ultraviolet",
    "Ownername Secretson",
    "2031-12-31",
];

fn add_secret_customer(sandbox: &Sandbox) -> String {
    sandbox.add(&[
        "--name",
        SECRETS[0],
        "--email",
        SECRETS[1],
        "--phone",
        "601 234 567",
        "--region",
        "PL",
        "--address",
        SECRETS[3],
        "--company",
        SECRETS[4],
        "--national-id",
        SECRETS[5],
        "--account",
        SECRETS[6],
        "--note",
        SECRETS[7],
        "--tag",
        SECRETS[8],
        "--field",
        &format!("{}={}", SECRETS[9], SECRETS[10]),
        "--owner",
        SECRETS[11],
    ])
}

#[test]
fn vault_files_hold_no_plaintext_personal_data() {
    let sandbox = Sandbox::with_vault();
    let code = add_secret_customer(&sandbox);
    sandbox.add(&["--name", "Мария Петрова", "--email", "maria@pochta.ru"]);
    // While the customer is shown, and after: no copy of any value on disk.
    sandbox.cmd().args(["show", &code]).assert().success();
    let files = sandbox.vault_bytes();
    assert!(!files.is_empty());
    // retain-until is kept in clear on purpose (purge needs no key), so not listed here.
    for (path, bytes) in &files {
        for secret in &SECRETS[..12] {
            assert!(
                !contains(bytes, secret.as_bytes()),
                "{secret:?} found in {}",
                path.display()
            );
        }
        for secret in ["Мария Петрова", "maria@pochta.ru", "601234567"] {
            assert!(
                !contains(bytes, secret.as_bytes()),
                "{secret:?} in {}",
                path.display()
            );
        }
    }
}

#[test]
fn vault_file_is_0600_in_a_0700_directory() {
    let sandbox = Sandbox::with_vault();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&sandbox.vault()), 0o600);
    assert_eq!(mode(sandbox.vault().parent().unwrap()), 0o700);
}

#[test]
fn ciphertext_copied_to_another_row_is_an_integrity_failure() {
    let sandbox = Sandbox::with_vault();
    let victim = sandbox.add(&["--name", "Victim", "--email", "victim@example.com"]);
    let attacker = sandbox.add(&["--name", "Attacker", "--email", "attacker@example.com"]);
    let db = sandbox.sqlite();
    db.execute(
        "UPDATE customers SET email = (SELECT email FROM customers WHERE code = ?1)
         WHERE code = ?2",
        [&attacker, &victim],
    )
    .unwrap();
    drop(db);
    let out = sandbox.cmd().args(["show", &victim]).assert().code(5);
    let stderr = common::stderr_of(&out);
    assert!(stderr.contains("integrity check failed"), "{stderr}");
    assert!(!stderr.contains("attacker@example.com"));
    assert!(out.get_output().stdout.is_empty(), "nothing may be shown");
}

#[test]
fn ciphertext_moved_to_another_column_is_an_integrity_failure() {
    let sandbox = Sandbox::with_vault();
    let code = sandbox.add(&["--name", "Jan", "--company", "Firma"]);
    let db = sandbox.sqlite();
    db.execute(
        "UPDATE customers SET company = name WHERE code = ?1",
        [&code],
    )
    .unwrap();
    drop(db);
    sandbox.cmd().args(["show", &code]).assert().code(5);
}

#[test]
fn one_flipped_byte_in_a_sealed_field_is_an_integrity_failure() {
    let sandbox = Sandbox::with_vault();
    let code = sandbox.add(&["--name", "Jan Novák"]);
    let db = sandbox.sqlite();
    let mut sealed: Vec<u8> = db
        .query_row("SELECT name FROM customers WHERE code = ?1", [&code], |r| {
            r.get(0)
        })
        .unwrap();
    let last = sealed.len() - 1;
    sealed[last] ^= 0x01;
    db.execute(
        "UPDATE customers SET name = ?1 WHERE code = ?2",
        rusqlite::params![sealed, code],
    )
    .unwrap();
    drop(db);
    sandbox.cmd().args(["show", &code]).assert().code(5);
    sandbox.cmd().args(["search", "novak"]).assert().code(5);
    sandbox.cmd().arg("list").assert().code(5);
}

#[test]
fn wrong_passphrase_is_exit_3_and_changes_no_byte() {
    let sandbox = Sandbox::with_vault();
    sandbox.add(&["--name", "Jan Novák"]);
    let before = sandbox.vault_bytes();
    for args in [
        vec!["list"],
        vec!["add", "--name", "Eve"],
        vec!["search", "jan"],
    ] {
        sandbox
            .cmd()
            .env("SEALBOOK_PASSPHRASE", "not the passphrase at all")
            .args(&args)
            .assert()
            .code(3)
            .stderr(predicates::str::contains("wrong passphrase"));
    }
    assert_eq!(before, sandbox.vault_bytes());
}

#[test]
fn erase_leaves_neither_plaintext_nor_ciphertext() {
    let sandbox = Sandbox::with_vault();
    let code = add_secret_customer(&sandbox);
    let keep = sandbox.add(&["--name", "Kept Customer"]);
    let db = sandbox.sqlite();
    let sealed: Vec<Vec<u8>> = db
        .query_row(
            "SELECT name, email, phone, address, company, national_id, account, notes, tags,
                    fields, owner, search_text, customers.record_id
             FROM customers JOIN customer_search ON customer = id WHERE code = ?1",
            [&code],
            |r| (0..13).map(|i| r.get(i)).collect(),
        )
        .unwrap();
    drop(db);

    sandbox
        .cmd()
        .args(["erase", &code, "--yes"])
        .assert()
        .success();

    for (path, bytes) in sandbox.vault_bytes() {
        for blob in &sealed {
            assert!(
                !contains(&bytes, blob),
                "a sealed value survives in {}",
                path.display()
            );
            // A 16-byte run of a seal's nonce would be a leftover too (the record id is
            // 16 bytes in all).
            let part = if blob.len() > 21 {
                &blob[5..21]
            } else {
                &blob[..]
            };
            assert!(
                !contains(&bytes, part),
                "part of a seal in {}",
                path.display()
            );
        }
        for secret in &SECRETS[..12] {
            assert!(!contains(&bytes, secret.as_bytes()));
        }
    }
    sandbox.cmd().args(["show", &code]).assert().code(4);
    sandbox.cmd().args(["show", &keep]).assert().success();
}

#[test]
fn a_file_that_is_not_a_vault_is_exit_5() {
    let sandbox = Sandbox::new();
    let path = sandbox.path("notes.txt");
    std::fs::write(
        &path,
        "just some text, long enough to look like a file ".repeat(100),
    )
    .unwrap();
    let out = sandbox
        .cmd()
        .env("SEALBOOK_VAULT", &path)
        .arg("list")
        .assert()
        .code(5);
    common::assert_snapshot(
        "error-not-a-vault.txt",
        &common::stderr_of(&out).replace(&path.display().to_string(), "PATH"),
    );
    // Another application's SQLite database is refused too.
    let other = sandbox.path("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    sandbox
        .cmd()
        .env("SEALBOOK_VAULT", &other)
        .arg("list")
        .assert()
        .code(5);
}

#[test]
fn key_file_is_required_when_the_vault_was_made_with_one() {
    let sandbox = Sandbox::new();
    let key = sandbox.path("vault.key");
    std::fs::write(&key, [7u8; 32]).unwrap();
    sandbox
        .cmd()
        .args(["init", "--key-file"])
        .arg(&key)
        .args(common::CHEAP_KDF)
        .assert()
        .success();
    sandbox.cmd().arg("list").assert().code(3);
    let other_key = sandbox.path("other.key");
    std::fs::write(&other_key, [8u8; 32]).unwrap();
    sandbox
        .cmd()
        .arg("list")
        .arg("--key-file")
        .arg(&other_key)
        .assert()
        .code(3);
    sandbox
        .cmd()
        .arg("list")
        .arg("--key-file")
        .arg(&key)
        .assert()
        .success();
}
