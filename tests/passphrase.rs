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
