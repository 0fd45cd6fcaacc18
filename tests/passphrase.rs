//! Passphrase sources: file, command, environment; never the command line.

mod common;

use common::{PASSPHRASE, Sandbox};

#[test]
fn passphrase_file_opens_the_vault() {
    let sandbox = Sandbox::with_vault();
    let file = sandbox.path("pass.txt");
    std::fs::write(&file, format!("{PASSPHRASE}\n")).unwrap();
    sandbox
        .cmd()
        .env_remove("SEALBOOK_PASSPHRASE")
        .arg("--passphrase-file")
        .arg(&file)
        .arg("list")
        .assert()
        .success();
    sandbox
        .cmd()
        .env_remove("SEALBOOK_PASSPHRASE")
        .env("SEALBOOK_PASSPHRASE_FILE", &file)
        .arg("list")
        .assert()
        .success();
}

#[test]
fn passphrase_file_takes_precedence_over_the_environment() {
    let sandbox = Sandbox::with_vault();
    let file = sandbox.path("wrong.txt");
    std::fs::write(&file, "a wrong passphrase entirely\n").unwrap();
    sandbox
        .cmd()
        .arg("--passphrase-file")
        .arg(&file)
        .arg("list")
        .assert()
        .code(3);
}

#[test]
fn passphrase_command_opens_the_vault() {
    let sandbox = Sandbox::with_vault();
    sandbox
        .cmd()
        .env_remove("SEALBOOK_PASSPHRASE")
        .args([
            "list",
            "--passphrase-command",
            &format!("printf '%s\\n' '{PASSPHRASE}'"),
        ])
        .assert()
        .success();
    sandbox
        .cmd()
        .env_remove("SEALBOOK_PASSPHRASE")
        .env("SEALBOOK_PASSPHRASE_COMMAND", "exit 1")
        .arg("list")
        .assert()
        .code(3)
        .stderr(predicates::str::contains("the command failed"));
}

#[test]
fn missing_passphrase_file_is_exit_3() {
    let sandbox = Sandbox::with_vault();
    sandbox
        .cmd()
        .args(["list", "--passphrase-file", "/nonexistent/pass"])
        .assert()
        .code(3)
        .stderr(predicates::str::contains("could not read the passphrase"));
}

#[test]
fn init_takes_the_passphrase_from_a_file_and_the_vault_opens_with_it() {
    let sandbox = Sandbox::new();
    let file = sandbox.path("pass.txt");
    std::fs::write(&file, "a long and different passphrase\n").unwrap();
    sandbox
        .cmd()
        .env_remove("SEALBOOK_PASSPHRASE")
        .arg("--passphrase-file")
        .arg(&file)
        .arg("init")
        .args(common::CHEAP_KDF)
        .assert()
        .success();
    sandbox.cmd().arg("list").assert().code(3);
    sandbox
        .cmd()
        .env("SEALBOOK_PASSPHRASE", "a long and different passphrase")
        .arg("list")
        .assert()
        .success();
}

/// A passphrase mistyped at the terminal gets two more tries; the third wrong one is
/// exit 3, and a right one on the way opens the vault.
#[test]
fn a_mistyped_passphrase_at_the_terminal_gets_two_more_tries() {
    let sandbox = Sandbox::with_vault();
    let code = sandbox.add(&["--name", "Jan Novák"]);
    let Some(out) = common::on_a_terminal(
        &sandbox,
        "list",
        "wrong one\nwrong two\nwrong three\n",
        None,
    ) else {
        return;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(3), "{text}");
    assert_eq!(text.matches("Vault passphrase:").count(), 3, "{text}");
    assert_eq!(text.matches("try again").count(), 2, "{text}");

    let typed = format!("wrong one\n{PASSPHRASE}\n");
    let out = common::on_a_terminal(&sandbox, "--json list", &typed, None).unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains(&code), "{text}");
}

/// `init --key-file FILE` for a file that does not exist: made on request at a terminal
/// (and the vault then needs it), refused with a recipe without one.
#[test]
fn init_offers_to_make_a_missing_key_file() {
    let sandbox = Sandbox::new();
    let key = sandbox.path("vault.key");
    sandbox
        .bare_cmd()
        .env("SEALBOOK_VAULT", sandbox.vault())
        .env("SEALBOOK_PASSPHRASE", PASSPHRASE)
        .args(["--key-file", key.to_str().unwrap(), "init"])
        .args(common::CHEAP_KDF)
        .assert()
        .code(3)
        .stderr(predicates::str::contains("does not exist"));
    assert!(!key.exists());
    let args = format!(
        "--key-file {} init {}",
        key.display(),
        common::CHEAP_KDF.join(" ")
    );
    let typed = format!("yes\n{PASSPHRASE}\n{PASSPHRASE}\n");
    let Some(out) = common::on_a_terminal(&sandbox, &args, &typed, None) else {
        return;
    };
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(std::fs::read(&key).unwrap().len(), 32);
    // The vault opens with the key file, and not without it.
    sandbox
        .cmd()
        .args(["--key-file", key.to_str().unwrap(), "list"])
        .assert()
        .success();
    sandbox.cmd().arg("list").assert().code(3);
}
