//! Attacks on the vault file: what a stolen or altered file reveals or does.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

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
    // An open connection keeps the write-ahead log from being folded in and deleted,
    // so its pages are on disk to be searched too.
    let reader = open_reader(&sandbox);
    let code = add_secret_customer(&sandbox);
    sandbox.add(&["--name", "Мария Петрова", "--email", "maria@pochta.ru"]);
    // While the customer is shown, and after: no copy of any value on disk.
    sandbox.cmd().args(["show", &code]).assert().success();
    let files = sandbox.vault_bytes();
    assert_eq!(files.len(), 3, "vault, -wal and -shm");
    assert!(
        files[1].1.len() > 4096,
        "the log holds the new customers' pages"
    );
    // retain-until is kept in clear on purpose (purge needs no key), so not listed here.
    for (path, bytes) in &files {
        for secret in &SECRETS[..12] {
            // As typed, and as search folds it (lower case, accents dropped).
            let folded = secret.to_lowercase().replace('ě', "e").replace('á', "a");
            for form in [secret.to_string(), folded, secret.to_uppercase()] {
                assert!(
                    !contains(bytes, form.as_bytes()),
                    "{form:?} found in {}",
                    path.display()
                );
            }
        }
        for secret in [
            "Мария Петрова",
            "мария петрова",
            "maria@pochta.ru",
            "601234567",
        ] {
            assert!(
                !contains(bytes, secret.as_bytes()),
                "{secret:?} in {}",
                path.display()
            );
        }
    }
    drop(reader);
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
    let code = sandbox.add(&["--name", "Jan Novák"]);
    // A process that died mid-session leaves committed pages in the write-ahead log;
    // a wrong passphrase must not even fold those into the vault file.
    let crashed = sandbox.sqlite();
    crashed
        .execute(
            "INSERT INTO meta (key, value) VALUES ('left_by_a_crash', x'00')",
            [],
        )
        .unwrap();
    std::mem::forget(crashed);
    let wal = PathBuf::from(format!("{}-wal", sandbox.vault().display()));
    let vault_before = std::fs::read(sandbox.vault()).unwrap();
    let wal_before = std::fs::read(&wal).unwrap();
    assert!(
        !wal_before.is_empty(),
        "the test needs a log with pages in it"
    );
    for args in [
        vec!["list"],
        vec!["add", "--name", "Eve"],
        vec!["search", "jan"],
        vec!["edit", &code, "--name", "Eve"],
        vec!["erase", &code, "--yes"],
    ] {
        sandbox
            .cmd()
            .env("SEALBOOK_PASSPHRASE", "not the passphrase at all")
            .args(&args)
            .assert()
            .code(3)
            .stderr(predicates::str::contains("wrong passphrase"));
    }
    assert!(
        std::fs::read(sandbox.vault()).unwrap() == vault_before,
        "vault file changed"
    );
    assert!(
        std::fs::read(&wal).unwrap() == wal_before,
        "write-ahead log changed"
    );
}

#[test]
fn erase_leaves_neither_plaintext_nor_ciphertext() {
    let sandbox = Sandbox::with_vault();
    let code = add_secret_customer(&sandbox);
    let keep = sandbox.add(&["--name", "Kept Customer"]);
    // Another reader keeps the log file alive: erase must still empty it.
    let reader = open_reader(&sandbox);
    let db = sandbox.sqlite();
    // The random record id is not checked: the erasure register keeps it (it names no
    // one) so that restoring an older backup can erase the customer again.
    let sealed: Vec<Vec<u8>> = db
        .query_row(
            "SELECT name, email, phone, address, company, national_id, account, notes, tags,
                    fields, owner, search_text
             FROM customers JOIN customer_search USING (record_id) WHERE code = ?1",
            [&code],
            |r| (0..12).map(|i| r.get(i)).collect(),
        )
        .unwrap();
    drop(db);

    sandbox
        .cmd()
        .args(["erase", &code, "--yes"])
        .assert()
        .success();

    let files = sandbox.vault_bytes();
    assert_eq!(files.len(), 3, "vault, -wal and -shm are all checked");
    for (path, bytes) in files {
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
    drop(reader);
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

/// A connection that has read the vault, so the log stays on disk while it lives.
fn open_reader(sandbox: &Sandbox) -> rusqlite::Connection {
    let reader = sandbox.sqlite();
    let _: i64 = reader
        .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
        .unwrap();
    reader
}

/// Runs `sql` on the vault file directly, as an attacker with the file would.
fn tamper(sandbox: &Sandbox, sql: &str, args: &[&str]) {
    let db = sandbox.sqlite();
    let changed = db.execute(sql, rusqlite::params_from_iter(args)).unwrap();
    assert!(changed > 0, "the tampering changed nothing: {sql}");
}

#[test]
fn codes_swapped_between_customers_are_an_integrity_failure() {
    let sandbox = Sandbox::with_vault();
    let a = sandbox.add(&["--name", "Alice Original"]);
    let b = sandbox.add(&["--name", "Bob Impostor"]);
    tamper(
        &sandbox,
        "UPDATE customers SET code = 'C-TMP00000' WHERE code = ?1",
        &[&a],
    );
    tamper(
        &sandbox,
        "UPDATE customers SET code = ?1 WHERE code = ?2",
        &[&a, &b],
    );
    tamper(
        &sandbox,
        "UPDATE customers SET code = ?1 WHERE code = 'C-TMP00000'",
        &[&b],
    );
    let out = sandbox.cmd().args(["show", &a]).assert().code(5);
    assert!(!String::from_utf8_lossy(&out.get_output().stdout).contains("Bob"));
}

#[test]
fn altered_retention_date_is_an_integrity_failure() {
    let sandbox = Sandbox::with_vault();
    let code = sandbox.add(&["--name", "Jan", "--retain-until", "2031-12-31"]);
    tamper(
        &sandbox,
        "UPDATE customers SET retain_until = '2020-01-01' WHERE code = ?1",
        &[&code],
    );
    sandbox.cmd().args(["show", &code]).assert().code(5);
}

#[test]
fn search_texts_swapped_or_deleted_are_an_integrity_failure() {
    let sandbox = Sandbox::with_vault();
    let a = sandbox.add(&["--name", "Alice Original", "--email", "alice@example.com"]);
    sandbox.add(&["--name", "Bob Impostor"]);
    let db = sandbox.sqlite();
    let texts: Vec<(Vec<u8>, Vec<u8>)> = db
        .prepare("SELECT record_id, search_text FROM customer_search")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    db.execute(
        "UPDATE customer_search SET search_text = ?1 WHERE record_id = ?2",
        rusqlite::params![texts[0].1, texts[1].0],
    )
    .unwrap();
    drop(db);
    sandbox.cmd().args(["search", "impostor"]).assert().code(5);

    // The whole search row of one customer copied onto another's row.
    let db = sandbox.sqlite();
    db.execute(
        "UPDATE customer_search SET record_id = ?1, search_text = ?2 WHERE record_id = ?3",
        rusqlite::params![texts[0].0, texts[0].1, texts[1].0],
    )
    .unwrap();
    drop(db);
    // Alice's text now also sits on Bob's row: a search for her must not return Bob.
    sandbox.cmd().args(["search", "alice"]).assert().code(5);
    // Bob's own text is gone, so substring search no longer finds him; verify says so.
    sandbox
        .cmd()
        .args(["search", "impostor"])
        .assert()
        .success()
        .stdout("");
    sandbox
        .cmd()
        .arg("verify")
        .assert()
        .code(5)
        .stderr(predicates::str::contains("search text"));

    tamper(&sandbox, "DELETE FROM customer_search", &[]);
    sandbox.cmd().args(["search", "alice"]).assert().code(5);
    // Exact search goes through the blind index and never reads the search texts.
    assert_eq!(sandbox.codes(&["search", "alice@example.com"]), vec![a]);
}

#[test]
fn altered_vault_header_is_an_integrity_failure() {
    for sql in [
        "UPDATE meta SET value = x'00000008' WHERE key = 'blind_index_bits'",
        "UPDATE meta SET value = x'00000002' WHERE key = 'key_epoch'",
        "DELETE FROM meta WHERE key = 'header_mac'",
    ] {
        let sandbox = Sandbox::with_vault();
        sandbox.add(&["--name", "Jan"]);
        tamper(&sandbox, sql, &[]);
        sandbox.cmd().arg("list").assert().code(5);
    }
}

#[test]
fn any_flipped_part_of_a_seal_is_an_integrity_failure() {
    // Version, key epoch, nonce, ciphertext and tag: each flipped in turn.
    for position in [0, 3, 10, 30, 34] {
        let sandbox = Sandbox::with_vault();
        let code = sandbox.add(&["--name", "Jan Novák"]);
        let db = sandbox.sqlite();
        let mut sealed: Vec<u8> = db
            .query_row("SELECT name FROM customers WHERE code = ?1", [&code], |r| {
                r.get(0)
            })
            .unwrap();
        sealed[position] ^= 0x20;
        db.execute(
            "UPDATE customers SET name = ?1 WHERE code = ?2",
            rusqlite::params![sealed, code],
        )
        .unwrap();
        drop(db);
        sandbox.cmd().args(["show", &code]).assert().code(5);
    }
}

#[test]
fn damaged_database_pages_are_an_integrity_failure() {
    let sandbox = Sandbox::with_vault();
    for i in 0..30 {
        sandbox.add(&[
            "--name",
            &format!("Customer {i}"),
            "--note",
            &"x".repeat(300),
        ]);
    }
    let mut bytes = std::fs::read(sandbox.vault()).unwrap();
    assert!(bytes.len() > 8 * 4096);
    // Scribble over the b-tree page headers of pages 3 to 8.
    for page in 2..8 {
        bytes[page * 4096..page * 4096 + 12].copy_from_slice(&[0xA5; 12]);
    }
    std::fs::write(sandbox.vault(), bytes).unwrap();
    sandbox.cmd().arg("list").assert().code(5);
}
