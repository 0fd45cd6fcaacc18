//! The test harness: runs the real `sealbook` binary in a private temporary directory,
//! with the vault path and a test passphrase preset and nothing from the developer's
//! own environment.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

pub const PASSPHRASE: &str = "correct horse battery staple";
/// The cheapest Argon2id parameters sealbook accepts; only tests use them.
pub const CHEAP_KDF: [&str; 6] = [
    "--kdf-memory",
    "8",
    "--kdf-iterations",
    "1",
    "--kdf-parallelism",
    "1",
];

pub struct Sandbox {
    pub dir: TempDir,
}

impl Sandbox {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temporary directory"),
        }
    }

    /// A sandbox with an initialised vault.
    pub fn with_vault() -> Self {
        let sandbox = Self::new();
        sandbox.init();
        sandbox
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn vault(&self) -> PathBuf {
        self.path("data/vault.sealbook")
    }

    /// `sealbook` with only the sandbox's settings: the vault path and passphrase.
    pub fn cmd(&self) -> Command {
        let mut cmd = self.bare_cmd();
        cmd.env("SEALBOOK_VAULT", self.vault())
            .env("SEALBOOK_PASSPHRASE", PASSPHRASE);
        cmd
    }

    /// `sealbook` with no vault or passphrase preset.
    pub fn bare_cmd(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_sealbook"));
        for (key, _) in std::env::vars_os() {
            if key.to_string_lossy().starts_with("SEALBOOK_") {
                cmd.env_remove(key);
            }
        }
        cmd.env("HOME", self.dir.path())
            .env_remove("XDG_DATA_HOME")
            .env("COLUMNS", "200")
            .current_dir(self.dir.path());
        cmd
    }

    pub fn init(&self) {
        self.cmd().arg("init").args(CHEAP_KDF).assert().success();
    }

    /// Adds a customer and returns its code.
    pub fn add(&self, args: &[&str]) -> String {
        let out = self.cmd().arg("add").args(args).assert().success();
        let code = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        code.trim().to_owned()
    }

    /// Runs a command with `--json` and parses its output.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let out = self.cmd().args(args).arg("--json").assert().success();
        serde_json::from_slice(&out.get_output().stdout).expect("JSON output")
    }

    /// The codes in a JSON array of customers.
    pub fn codes(&self, args: &[&str]) -> Vec<String> {
        self.json(args)
            .as_array()
            .expect("an array")
            .iter()
            .map(|c| c["code"].as_str().unwrap().to_owned())
            .collect()
    }

    /// The bytes of the vault and of its `-wal` and `-shm` files, where present.
    pub fn vault_bytes(&self) -> Vec<(PathBuf, Vec<u8>)> {
        ["", "-wal", "-shm"]
            .iter()
            .map(|suffix| PathBuf::from(format!("{}{suffix}", self.vault().display())))
            .filter(|p| p.exists())
            .map(|p| {
                let bytes = std::fs::read(&p).unwrap();
                (p, bytes)
            })
            .collect()
    }

    /// Runs `sealbook add` `count` times on a thread of its own (each a process with its
    /// own transaction), naming the customers `PREFIX N`; the handle fails if one did.
    pub fn add_in_background(&self, prefix: &str, count: usize) -> std::thread::JoinHandle<()> {
        let (vault, prefix) = (self.vault(), prefix.to_owned());
        std::thread::spawn(move || {
            for i in 0..count {
                let status = std::process::Command::new(env!("CARGO_BIN_EXE_sealbook"))
                    .args(["add", "--name", &format!("{prefix} {i}")])
                    .env("SEALBOOK_VAULT", &vault)
                    .env("SEALBOOK_PASSPHRASE", PASSPHRASE)
                    .stdout(std::process::Stdio::null())
                    .status()
                    .unwrap();
                assert!(status.success(), "add {prefix} {i} failed");
            }
        })
    }

    /// Opens and unlocks the vault through the library, for setting up large vaults
    /// faster than the command line could.
    pub fn unlock(&self) -> sealbook::vault::Vault {
        let credentials = sealbook::vault::Credentials {
            passphrase: zeroize::Zeroizing::new(PASSPHRASE.to_owned()),
            key_file: None,
        };
        sealbook::vault::LockedVault::open(&self.vault())
            .unwrap()
            .unlock(&credentials)
            .unwrap()
    }

    /// Opens the vault file directly, as an attacker with the file would.
    pub fn sqlite(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.vault()).unwrap()
    }
}

/// True when `needle` occurs anywhere in `haystack`.
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// Compares `actual` with the committed snapshot `tests/snapshots/NAME`. With
/// `SEALBOOK_BLESS=1` the snapshot is rewritten instead (review the diff before
/// committing).
pub fn assert_snapshot(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var_os("SEALBOOK_BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "missing snapshot {}; run with SEALBOOK_BLESS=1",
            path.display()
        )
    });
    assert_eq!(
        expected, actual,
        "output differs from snapshot {name}; if the change is intended, rerun with SEALBOOK_BLESS=1"
    );
}

/// Stderr of a finished command as text.
pub fn stderr_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stderr.clone()).unwrap()
}

/// Runs `sealbook ARGS` (split at spaces) on a pseudo-terminal, through util-linux
/// `script`, typing `typed`; with `passphrase`, the vault passphrase comes from the
/// environment, else only the terminal can give it. `None`, with a message, when
/// `script` is not installed.
pub fn on_a_terminal(
    sandbox: &Sandbox,
    args: &str,
    typed: &str,
    passphrase: Option<&str>,
) -> Option<std::process::Output> {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: util-linux `script` is not installed");
        return None;
    }
    let command = format!("{} {args}", env!("CARGO_BIN_EXE_sealbook"));
    let mut script = std::process::Command::new("script");
    script
        .args(["-qec", &command, "/dev/null"])
        .env("SEALBOOK_VAULT", sandbox.vault())
        .env("HOME", sandbox.dir.path())
        .env_remove("SEALBOOK_PASSPHRASE")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    if let Some(passphrase) = passphrase {
        script.env("SEALBOOK_PASSPHRASE", passphrase);
    }
    let mut child = script.spawn().ok()?;
    std::io::Write::write_all(&mut child.stdin.take()?, typed.as_bytes()).ok()?;
    child.wait_with_output().ok()
}
