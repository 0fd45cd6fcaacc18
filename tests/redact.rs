//! `sealbook redact`: validated detectors, every script, structure kept, a
//! `--check` gate for scripts, and no vault needed.

#![allow(clippy::cast_precision_loss)]

mod common;
#[path = "support/corpus.rs"]
mod corpus;

use std::os::unix::fs::PermissionsExt;

use common::{Sandbox, stderr_of};
use sealbook::privacy::{Detectors, Kind};

#[test]
fn detectors_reach_099_recall_and_precision_on_a_labelled_corpus() {
    let corpus = corpus::generate(2026, 300_000);
    let found = Detectors::default().find(corpus.text.as_bytes());
    for (kind, labelled, reported, correct) in corpus::score(&corpus, &found) {
        assert!(labelled >= 20, "{kind}: only {labelled} labelled examples");
        let recall = correct as f64 / labelled as f64;
        let precision = if reported == 0 {
            1.0
        } else {
            correct as f64 / reported as f64
        };
        assert!(
            recall >= 0.99 && precision >= 0.99,
            "{kind}: recall {recall:.3}, precision {precision:.3} ({correct} of {labelled} labelled, {reported} reported)"
        );
    }
}

fn write(sandbox: &Sandbox, name: &str, text: &[u8]) -> std::path::PathBuf {
    let path = sandbox.path(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn redact_mirrors_a_directory_keeping_csv_and_json_structure() {
    let sandbox = Sandbox::new();
    write(
        &sandbox,
        "in/letter.txt",
        "Dear Jan,\nPESEL 44051401359, tel. +48 601 234 567.\n".as_bytes(),
    );
    write(
        &sandbox,
        "in/sub/customers.csv",
        "\u{feff}name,email,note\r\n\"Novák, Jan\",jan@firma.cz,\"line one\r\ncard 4111 1111 1111 1111\"\r\n".as_bytes(),
    );
    write(
        &sandbox,
        "in/data.json",
        br#"{"nip": 5260250274, "ip": "192.0.2.1", "n": [1, 2]}"#,
    );
    sandbox
        .bare_cmd()
        .args(["redact", "in", "-o", "out", "-q"])
        .assert()
        .success();
    let read = |p: &str| std::fs::read_to_string(sandbox.path(p)).unwrap();
    assert_eq!(
        read("out/letter.txt"),
        "Dear Jan,\nPESEL [PL_PESEL], tel. [PHONE].\n"
    );
    assert_eq!(
        read("out/sub/customers.csv"),
        "\u{feff}name,email,note\r\n\"Novák, Jan\",[EMAIL],\"line one\r\ncard [CARD]\"\r\n"
    );
    let json: serde_json::Value = serde_json::from_str(&read("out/data.json")).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"nip": "[PL_NIP]", "ip": "[IP]", "n": [1, 2]})
    );
    // The originals are untouched.
    assert!(read("in/letter.txt").contains("44051401359"));
}

#[test]
fn check_is_a_gate_for_scripts_and_redacted_output_passes_it() {
    let sandbox = Sandbox::new();
    write(
        &sandbox,
        "archive/a.txt",
        "ИНН 7707083893; کد ملی ۰۰۷۶۲۲۹۶۴۵\n".as_bytes(),
    );
    write(
        &sandbox,
        "archive/b.txt",
        b"nothing personal here, order 12345\n",
    );
    let out = sandbox
        .bare_cmd()
        .args(["redact", "--check", "archive"])
        .assert()
        .code(6);
    // Counts in words since round 2 ("2 pieces", "1 file").
    assert!(stderr_of(&out).contains("found 2 pieces of personal data in 1 file"));
    // With --json, a check prints its findings as JSON for scripts.
    let out = sandbox
        .bare_cmd()
        .args(["redact", "--check", "archive", "--json"])
        .assert()
        .code(6);
    let report: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(report["files"].as_array().map(Vec::len), Some(2));
    // --check writes nothing: the files are as they were and nothing was added.
    assert_eq!(
        std::fs::read_to_string(sandbox.path("archive/a.txt")).unwrap(),
        "ИНН 7707083893; کد ملی ۰۰۷۶۲۲۹۶۴۵\n"
    );
    assert_eq!(
        std::fs::read_dir(sandbox.path("archive")).unwrap().count(),
        2
    );
    sandbox
        .bare_cmd()
        .args(["redact", "archive", "-o", "clean", "-q"])
        .assert()
        .success();
    sandbox
        .bare_cmd()
        .args(["redact", "--check", "clean"])
        .assert()
        .success();
    // Redacting already redacted files changes nothing.
    sandbox
        .bare_cmd()
        .args(["redact", "clean", "-o", "again", "-q"])
        .assert()
        .success();
    for name in ["a.txt", "b.txt"] {
        assert_eq!(
            std::fs::read(sandbox.path(&format!("clean/{name}"))).unwrap(),
            std::fs::read(sandbox.path(&format!("again/{name}"))).unwrap()
        );
    }
}

#[test]
fn in_place_keeps_permissions_and_never_leaves_values() {
    let sandbox = Sandbox::new();
    let path = write(
        &sandbox,
        "notes.txt",
        b"SSN 536-90-4399 and IBAN PL61109010140000071219812874\n",
    );
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    sandbox
        .bare_cmd()
        .args(["redact", "--in-place", "notes.txt", "-q"])
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "SSN [US_SSN] and IBAN [IBAN]\n"
    );
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o640
    );
    let leftovers: Vec<_> = std::fs::read_dir(sandbox.dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left");
}

#[test]
fn stdin_to_stdout_with_mask_style_and_chosen_kinds() {
    let sandbox = Sandbox::new();
    sandbox
        .bare_cmd()
        .args([
            "redact",
            "-",
            "--style",
            "mask",
            "--only",
            "card,iban",
            "-q",
        ])
        .write_stdin("card 4111 1111 1111 1111, mail jan@firma.cz\n")
        .assert()
        .success()
        .stdout("card **** **** **** 1111, mail jan@firma.cz\n");
    sandbox
        .bare_cmd()
        .args(["redact", "-", "--skip", "email", "-q"])
        .write_stdin("mail jan@firma.cz, ip 192.0.2.1\n")
        .assert()
        .success()
        .stdout("mail jan@firma.cz, ip [IP]\n");
}

#[test]
fn binary_files_are_skipped_and_other_bytes_are_kept() {
    let sandbox = Sandbox::new();
    write(
        &sandbox,
        "in/photo.jpg",
        b"\xff\xd8\xff\x00\x10JFIF jan@firma.cz",
    );
    write(
        &sandbox,
        "in/latin1.txt",
        b"Caf\xe9 owner: jan@firma.cz \xff end\n",
    );
    // Round 2 (nothing lost): a file left out is named, and fails the run unless
    // --skip-unsupported says that is expected.
    let out = sandbox
        .bare_cmd()
        .args(["redact", "in", "-o", "failed"])
        .assert()
        .code(1);
    assert!(stderr_of(&out).contains("not read: in/photo.jpg (binary)"));
    let out = sandbox
        .bare_cmd()
        .args(["redact", "in", "-o", "out", "--skip-unsupported"])
        .assert()
        .success();
    assert!(stderr_of(&out).contains("not read: in/photo.jpg (binary)"));
    assert!(!sandbox.path("out/photo.jpg").exists());
    assert_eq!(
        std::fs::read(sandbox.path("out/latin1.txt")).unwrap(),
        b"Caf\xe9 owner: [EMAIL] \xff end\n"
    );
    // A --check gate does not pass a file it could not read. (Counts in words since
    // round 2: "1 file".)
    sandbox
        .bare_cmd()
        .args(["redact", "--check", "out", "in/photo.jpg"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("1 file could not be read"))
        .stderr(predicates::str::contains("in/photo.jpg (binary)"));
}

#[test]
fn report_says_where_but_never_what() {
    let sandbox = Sandbox::new();
    write(
        &sandbox,
        "a.txt",
        b"first line\nPESEL 44051401359 and jan@firma.cz\n",
    );
    let out = sandbox
        .bare_cmd()
        .args(["redact", "--check", "a.txt", "--report", "-", "-q"])
        .assert()
        .code(6);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(!stdout.contains("44051401359") && !stdout.contains("jan@firma.cz"));
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        report,
        serde_json::json!({"files": [{
            "path": "a.txt",
            "counts": {"email": 1, "pl_pesel": 1},
            "findings": [
                {"type": "pl_pesel", "line": 2, "column": 7},
                {"type": "email", "line": 2, "column": 23},
            ],
        }]})
    );
}

#[test]
fn bad_redact_invocations_are_usage_errors() {
    let sandbox = Sandbox::new();
    write(&sandbox, "in/a.txt", b"x");
    sandbox
        .bare_cmd()
        .args(["redact", "in"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("-o DIR"));
    sandbox
        .bare_cmd()
        .args(["redact", "in/a.txt", "--only", "passport"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown kind 'passport'"));
    sandbox
        .bare_cmd()
        .args(["redact", "missing.txt"])
        .assert()
        .code(1);
    sandbox
        .bare_cmd()
        .args(["redact", "in/a.txt", "--check", "--in-place"])
        .assert()
        .code(2);
    sandbox
        .bare_cmd()
        .args(["redact", "-", "--in-place"])
        .assert()
        .code(2);
    sandbox
        .bare_cmd()
        .args(["redact", "-", "-o", "in"])
        .assert()
        .code(2);
    sandbox
        .bare_cmd()
        .args(["redact", "in/a.txt", "-o", "in/a.txt"])
        .assert()
        .code(2);
}

#[test]
fn redact_needs_no_vault() {
    let sandbox = Sandbox::new();
    write(&sandbox, "a.txt", b"PESEL 44051401359\n");
    sandbox
        .bare_cmd()
        .env("SEALBOOK_VAULT", sandbox.path("no/such/vault"))
        .args(["redact", "a.txt", "-q"])
        .assert()
        .success()
        .stdout("PESEL [PL_PESEL]\n");
    let _ = Kind::ALL;
}

#[test]
fn in_place_through_a_link_redacts_the_file_and_mirrors_refuse_name_clashes() {
    let sandbox = Sandbox::new();
    let real = write(&sandbox, "real.txt", b"mail ada@example.com\n");
    let link = sandbox.path("link.txt");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    sandbox
        .bare_cmd()
        .args(["redact", "--in-place"])
        .arg(&link)
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&real).unwrap(), "mail [EMAIL]\n");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );

    // Two inputs called x.txt would land on one output file: refused, nothing written.
    std::fs::create_dir_all(sandbox.path("a")).unwrap();
    std::fs::create_dir_all(sandbox.path("b")).unwrap();
    let a = write(&sandbox, "a/x.txt", b"one ada@example.com\n");
    let b = write(&sandbox, "b/x.txt", b"two ada@example.com\n");
    let out_dir = sandbox.path("out");
    let out = sandbox
        .bare_cmd()
        .arg("redact")
        .arg(&a)
        .arg(&b)
        .arg("-o")
        .arg(&out_dir)
        .assert()
        .code(2);
    assert!(stderr_of(&out).contains("x.txt"));
    assert!(!out_dir.join("x.txt").exists());
}
