//! The committed completions and man page must match what the binary generates; a
//! stale file fails this test. Regenerate with `sealbook completions SHELL`
//! and `sealbook man` as the messages say.

mod common;

use std::path::Path;

use common::Sandbox;

fn assert_fresh(file: &str, args: &[&str]) {
    let out = Sandbox::new().bare_cmd().args(args).assert().success();
    let generated = out.get_output().stdout.clone();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    if std::env::var_os("SEALBOOK_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{file} is stale: run `cargo run -- {} > {file}` (or SEALBOOK_BLESS=1 cargo test)",
        args.join(" ")
    );
}

#[test]
fn committed_completions_are_fresh() {
    assert_fresh("completions/sealbook.bash", &["completions", "bash"]);
    assert_fresh("completions/_sealbook", &["completions", "zsh"]);
    assert_fresh("completions/sealbook.fish", &["completions", "fish"]);
    assert_fresh("completions/_sealbook.ps1", &["completions", "powershell"]);
    assert_fresh("completions/sealbook.elv", &["completions", "elvish"]);
}

#[test]
fn committed_man_page_is_fresh() {
    assert_fresh("man/sealbook.1", &["man"]);
}
