//! Every user-facing error of the vault core: one clear line, a hint, the
//! documented exit code, and never a panic. Messages are compared with snapshots.

mod common;

use common::{Sandbox, assert_snapshot, stderr_of};

fn snapshot_error(sandbox: &Sandbox, name: &str, args: &[&str], code: i32) {
    let out = sandbox.cmd().args(args).assert().code(code);
    let stderr = stderr_of(&out).replace(&sandbox.dir.path().display().to_string(), "TMP");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr.starts_with("sealbook: error: ") || code == 2,
        "{stderr}"
    );
    assert_snapshot(name, &stderr);
}

#[test]
fn invalid_values_are_refused_with_a_hint() {
    let sandbox = Sandbox::with_vault();
    let cases: [(&str, &[&str], i32); 9] = [
        (
            "error-invalid-email.txt",
            &["add", "--name", "X", "--email", "user@localhost"],
            1,
        ),
        (
            "error-invalid-phone.txt",
            &["add", "--name", "X", "--phone", "+420 601 123 45"],
            1,
        ),
        (
            "error-phone-needs-region.txt",
            &["add", "--name", "X", "--phone", "601 234 567"],
            1,
        ),
        (
            "error-field-without-equals.txt",
            &["add", "--name", "X", "--field", "vat"],
            1,
        ),
        ("error-empty-name.txt", &["add", "--name", "  "], 1),
        (
            "error-bad-iban.txt",
            &[
                "add",
                "--name",
                "X",
                "--account",
                "PL61109010140000071219812875",
            ],
            1,
        ),
        (
            "error-bad-date.txt",
            &["add", "--name", "X", "--retain-until", "2031-02-30"],
            1,
        ),
        (
            "error-unknown-region.txt",
            &["add", "--name", "X", "--region", "XX"],
            2,
        ),
        ("error-unknown-code.txt", &["show", "C-AAAAAAAA"], 4),
    ];
    for (name, args, code) in cases {
        snapshot_error(&sandbox, name, args, code);
    }
    // Nothing was added by any of them.
    assert!(sandbox.codes(&["list"]).is_empty());
}

#[test]
fn missing_vault_is_exit_4_and_points_to_init() {
    let sandbox = Sandbox::new();
    snapshot_error(&sandbox, "error-missing-vault.txt", &["list"], 4);
}

#[test]
fn init_refuses_to_overwrite_and_weak_passphrases() {
    let sandbox = Sandbox::with_vault();
    let before = std::fs::read(sandbox.vault()).unwrap();
    let mut args = vec!["init"];
    args.extend(common::CHEAP_KDF);
    snapshot_error(&sandbox, "error-vault-exists.txt", &args, 1);
    assert_eq!(before, std::fs::read(sandbox.vault()).unwrap());

    let fresh = Sandbox::new();
    let out = fresh
        .cmd()
        .env("SEALBOOK_PASSPHRASE", "short")
        .arg("init")
        .args(common::CHEAP_KDF)
        .assert()
        .code(1);
    assert_snapshot("error-weak-passphrase.txt", &stderr_of(&out));
    assert!(!fresh.vault().exists());
    fresh
        .cmd()
        .env("SEALBOOK_PASSPHRASE", "short")
        .args(["init", "--allow-weak-passphrase"])
        .args(common::CHEAP_KDF)
        .assert()
        .success();
}

#[test]
fn no_passphrase_source_and_no_terminal_is_exit_3_naming_the_sources() {
    let sandbox = Sandbox::with_vault();
    let out = sandbox
        .cmd()
        .env_remove("SEALBOOK_PASSPHRASE")
        .arg("list")
        .assert()
        .code(3);
    assert_snapshot("error-no-passphrase-source.txt", &stderr_of(&out));
}

#[test]
fn bad_kdf_parameters_are_a_usage_error() {
    let sandbox = Sandbox::new();
    sandbox
        .cmd()
        .args(["init", "--kdf-memory", "8", "--kdf-parallelism", "0"])
        .assert()
        .code(2);
    // More memory than a vault may ask for: it could never be opened on this machine.
    sandbox
        .cmd()
        .args(["init", "--kdf-memory", "5000"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("memory above 4096 MiB"));
    assert!(!sandbox.vault().exists());
}

#[test]
fn custom_field_values_with_control_characters_are_refused() {
    let sandbox = Sandbox::with_vault();
    sandbox
        .cmd()
        .args(["add", "--name", "X", "--field", "k=a\u{1f}name:evil"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("control characters"));
}

#[test]
fn help_texts_match_their_snapshots() {
    let sandbox = Sandbox::new();
    for (name, args) in [
        ("help.txt", vec!["--help"]),
        ("help-add.txt", vec!["add", "--help"]),
        ("help-search.txt", vec!["search", "--help"]),
        ("help-edit.txt", vec!["edit", "--help"]),
        ("help-init.txt", vec!["init", "--help"]),
    ] {
        let out = sandbox.bare_cmd().args(&args).assert().success();
        assert_snapshot(
            name,
            &String::from_utf8(out.get_output().stdout.clone()).unwrap(),
        );
    }
}

/// Every command's help is part of the command-line contract: a flag renamed or a value
/// dropped by accident shows up here as a changed snapshot.
#[test]
fn every_command_has_a_help_snapshot() {
    let sandbox = Sandbox::new();
    let commands: &[&[&str]] = &[
        &["info"],
        &["show"],
        &["list"],
        &["erase"],
        &["import"],
        &["export"],
        &["backup"],
        &["restore"],
        &["verify"],
        &["redact"],
        &["passwd"],
        &["rekey"],
        &["key"],
        &["key", "list"],
        &["key", "add"],
        &["key", "remove"],
        &["audit"],
        &["purge"],
        &["pseudonymise"],
        &["completions"],
        &["man"],
        &["unlock"],
        &["lock"],
        &["status"],
        &["staff"],
        &["staff", "add"],
        &["staff", "list"],
        &["staff", "remove"],
        &["reassign"],
    ];
    for command in commands {
        let out = sandbox
            .bare_cmd()
            .args(*command)
            .arg("--help")
            .assert()
            .success();
        assert_snapshot(
            &format!("help-{}.txt", command.join("-")),
            &String::from_utf8(out.get_output().stdout.clone()).unwrap(),
        );
    }
}

#[test]
fn unknown_flags_are_usage_errors() {
    let sandbox = Sandbox::new();
    sandbox
        .bare_cmd()
        .args(["add", "--nmae", "x"])
        .assert()
        .code(2);
    sandbox.bare_cmd().arg("frobnicate").assert().code(2);
}

/// Errors name what the user typed: the flag for a flag (`note`, `national_id`), the
/// column for an import column sealbook does not know.
#[test]
fn field_errors_name_the_flag_or_column_the_user_wrote() {
    let sandbox = Sandbox::with_vault();
    let out = sandbox
        .cmd()
        .args(["add", "--name", "Jan Novák", "--note", "  "])
        .assert()
        .code(1);
    assert!(
        stderr_of(&out).contains("invalid note: must not be empty"),
        "{}",
        stderr_of(&out)
    );
    let file = sandbox.path("customers.csv");
    std::fs::write(&file, "name,VAT\nJan Novák,CZ1\u{7}\n").unwrap();
    let out = sandbox.cmd().arg("import").arg(&file).assert().code(1);
    assert!(
        stderr_of(&out).contains("VAT: the value contains control characters"),
        "{}",
        stderr_of(&out)
    );
}

/// With `--json`, an error is a JSON object on stderr, with the exit code, the message
/// and the hint.
#[test]
fn errors_are_json_when_json_was_asked_for() {
    let sandbox = Sandbox::with_vault();
    let out = sandbox
        .cmd()
        .args(["show", "C-7K3M9Q2X", "--json"])
        .assert()
        .code(4);
    let error: serde_json::Value =
        serde_json::from_str(stderr_of(&out).trim()).expect("one JSON object");
    assert_eq!(error["error"]["exit_code"], 4);
    assert_eq!(
        error["error"]["message"],
        "no customer with code C-7K3M9Q2X"
    );
    assert!(
        error["error"]["hint"]
            .as_str()
            .unwrap()
            .contains("sealbook search")
    );
}

/// The rough messages of a first trial, each now saying what is wrong and what to do.
#[test]
fn rough_edges_get_real_messages() {
    let sandbox = Sandbox::with_vault();
    let stderr = |args: &[&str], code: i32| {
        let out = sandbox.cmd().args(args).assert().code(code);
        stderr_of(&out)
    };
    // A directory given as the vault.
    let dir = sandbox.path("");
    let text = stderr(&["--vault", dir.to_str().unwrap(), "list"], 2);
    assert!(
        text.contains("is a directory; give the vault file's path"),
        "{text}"
    );
    // An age identity where a recipient belongs.
    let text = stderr(
        &[
            "backup",
            "--to",
            dir.to_str().unwrap(),
            "-r",
            "AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ",
        ],
        2,
    );
    assert!(text.contains("secret identity, not a recipient"), "{text}");
    // A missing archive, and a file that is no age archive.
    let text = stderr(
        &["restore", "--to", "x.sealbook", "nope.age", "--passphrase"],
        2,
    );
    assert!(text.contains("nope.age is not a file"), "{text}");
    let not_age = sandbox.path("notes.txt");
    std::fs::write(&not_age, "hello\n").unwrap();
    let identity = sandbox.path("id.txt");
    std::fs::write(
        &identity,
        "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX\n",
    )
    .unwrap();
    let out = sandbox
        .cmd()
        .arg("verify")
        .arg(&not_age)
        .arg("-i")
        .arg(&identity)
        .assert();
    let text = stderr_of(&out);
    assert!(!text.contains("Nothing was restored"), "{text}");
    // clap's usage errors carry sealbook's prefix too.
    let text = stderr(&["frobnicate"], 2);
    assert!(text.starts_with("sealbook: error:"), "{text}");
    // A passphrase file others can read is used, with a warning.
    let file = sandbox.path("pass.txt");
    std::fs::write(&file, format!("{}\n", common::PASSPHRASE)).unwrap();
    std::fs::set_permissions(&file, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    let out = sandbox
        .cmd()
        .env_remove("SEALBOOK_PASSPHRASE")
        .arg("--passphrase-file")
        .arg(&file)
        .arg("list")
        .assert()
        .success();
    assert!(stderr_of(&out).contains("can be read by other users"));
    // `passwd` to the passphrase the slot already has changes nothing.
    let same = sandbox.path("same.txt");
    std::fs::write(&same, format!("{}\n", common::PASSPHRASE)).unwrap();
    let text = stderr(
        &["passwd", "--new-passphrase-file", same.to_str().unwrap()],
        2,
    );
    assert!(text.contains("already has"), "{text}");
}
