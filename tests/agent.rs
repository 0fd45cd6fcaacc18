//! `sealbook unlock`, `lock` and `status`: the vault's key kept by a per-user agent so the
//! next commands need no passphrase, its socket private, its idle timeout kept, and the
//! commands that change keys still asking for the secret.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use common::{PASSPHRASE, Sandbox};

/// A vault and a private runtime directory; the agent, if any, is locked when dropped.
struct Unlockable {
    sandbox: Sandbox,
    runtime: PathBuf,
}

impl Unlockable {
    fn new() -> Self {
        let sandbox = Sandbox::with_vault();
        let runtime = sandbox.path("run");
        std::fs::create_dir(&runtime).unwrap();
        std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700)).unwrap();
        Self { sandbox, runtime }
    }

    /// `sealbook` with the passphrase in the environment.
    fn cmd(&self) -> assert_cmd::Command {
        let mut cmd = self.sandbox.cmd();
        cmd.env("XDG_RUNTIME_DIR", &self.runtime);
        cmd
    }

    /// `sealbook` with no passphrase source and no terminal.
    fn without_passphrase(&self) -> assert_cmd::Command {
        let mut cmd = self.sandbox.bare_cmd();
        cmd.env("SEALBOOK_VAULT", self.sandbox.vault())
            .env("XDG_RUNTIME_DIR", &self.runtime);
        cmd
    }

    fn status(&self) -> serde_json::Value {
        let out = self
            .without_passphrase()
            .args(["status", "--json"])
            .assert()
            .success();
        serde_json::from_slice(&out.get_output().stdout).unwrap()
    }

    fn sockets(&self) -> Vec<PathBuf> {
        std::fs::read_dir(self.runtime.join("sealbook"))
            .map(|dir| dir.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default()
    }
}

impl Drop for Unlockable {
    fn drop(&mut self) {
        let _ = self.without_passphrase().arg("lock").output();
    }
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// The process serving `socket`, found by its command line.
fn agent_pid(socket: &Path) -> Option<u32> {
    std::fs::read_dir("/proc").ok()?.find_map(|entry| {
        let entry = entry.ok()?;
        let pid: u32 = entry.file_name().to_str()?.parse().ok()?;
        let cmdline = std::fs::read(entry.path().join("cmdline")).ok()?;
        common::contains(&cmdline, socket.as_os_str().as_encoded_bytes()).then_some(pid)
    })
}

#[test]
fn unlock_keeps_the_vault_open_until_lock_and_key_changes_still_ask() {
    let vault = Unlockable::new();
    let code = vault.sandbox.add(&["--name", "Jan Novák"]);
    // Without the agent and without a passphrase, nothing opens.
    vault.without_passphrase().arg("list").assert().code(3);
    assert_eq!(vault.status()["unlocked"], false);

    vault
        .cmd()
        .args(["unlock", "--timeout", "5m"])
        .assert()
        .success();
    let listed = vault
        .without_passphrase()
        .args(["list", "--json"])
        .assert()
        .success();
    assert!(common::contains(
        &listed.get_output().stdout,
        code.as_bytes()
    ));
    let status = vault.status();
    assert_eq!(status["unlocked"], true);
    assert_eq!(status["idle_seconds"], 300);

    // The socket is private, in a private directory, and the agent holds no secret of
    // its caller's environment.
    let sockets = vault.sockets();
    assert_eq!(sockets.len(), 1);
    assert_eq!(mode(&sockets[0]), 0o600);
    assert_eq!(mode(&vault.runtime.join("sealbook")), 0o700);
    let pid = agent_pid(&sockets[0]).expect("the agent runs");
    let environ = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
    assert!(!common::contains(&environ, PASSPHRASE.as_bytes()));

    // Changing keys still needs the secret.
    vault.without_passphrase().arg("passwd").assert().code(3);
    vault
        .without_passphrase()
        .args(["key", "list"])
        .assert()
        .code(3);

    vault.without_passphrase().arg("lock").assert().success();
    vault.without_passphrase().arg("list").assert().code(3);
    assert_eq!(vault.status()["unlocked"], false);
    assert!(vault.sockets().is_empty(), "the socket is removed");
    assert!(agent_pid(&sockets[0]).is_none(), "the agent has exited");
}

#[test]
fn an_idle_agent_locks_by_itself() {
    let vault = Unlockable::new();
    vault
        .cmd()
        .args(["unlock", "--timeout", "1s"])
        .assert()
        .success();
    assert_eq!(vault.status()["unlocked"], true);
    std::thread::sleep(std::time::Duration::from_millis(2500));
    assert_eq!(vault.status()["unlocked"], false);
    assert!(vault.sockets().is_empty());
}

#[test]
fn a_wrong_passphrase_starts_no_agent_and_a_rekey_locks_one() {
    let vault = Unlockable::new();
    vault
        .cmd()
        .env("SEALBOOK_PASSPHRASE", "not the passphrase")
        .arg("unlock")
        .assert()
        .code(3);
    assert_eq!(vault.status()["unlocked"], false);

    vault.cmd().arg("unlock").assert().success();
    vault.cmd().args(["rekey", "--yes"]).assert().success();
    // The old key opens nothing written from now on: the agent is gone.
    assert_eq!(vault.status()["unlocked"], false);
    vault.without_passphrase().arg("list").assert().code(3);
}

#[test]
fn the_agent_needs_a_private_runtime_directory() {
    let vault = Unlockable::new();
    let shared = vault.runtime.join("sealbook");
    std::fs::create_dir(&shared).unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = vault.cmd().arg("unlock").assert().code(1);
    assert!(common::stderr_of(&out).contains("only you can open"));
    let out = vault
        .cmd()
        .env_remove("XDG_RUNTIME_DIR")
        .arg("unlock")
        .assert()
        .code(1);
    assert!(common::stderr_of(&out).contains("XDG_RUNTIME_DIR"));
    // Commands still work, asking for the passphrase as before.
    vault
        .cmd()
        .env_remove("XDG_RUNTIME_DIR")
        .arg("list")
        .assert()
        .success();
}

/// A logout empties the runtime directory: an agent whose socket is gone forgets the key
/// and exits, rather than keep it where no `lock` can reach it.
#[test]
fn an_agent_whose_socket_is_removed_exits() {
    let vault = Unlockable::new();
    vault.cmd().arg("unlock").assert().success();
    let socket = vault.sockets().pop().expect("a socket");
    let pid = agent_pid(&socket).expect("the agent runs");
    std::fs::remove_file(&socket).unwrap();
    // Gone, or a zombie nobody has reaped yet (as in a container without an init).
    let gone = (0..40).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(100));
        std::fs::read_to_string(format!("/proc/{pid}/stat")).map_or(true, |stat| {
            stat.rsplit(')')
                .next()
                .is_some_and(|s| s.trim_start().starts_with('Z'))
        })
    });
    assert!(gone, "the agent still runs");
}

/// With `SEALBOOK_TEST_RAW_CLIENT=SOCKET`, this test connects to SOCKET, asks for the key
/// and prints how many bytes came back: the other-user process of the next test.
#[test]
fn helper_raw_client_run_as_another_user() {
    let Some(socket) = std::env::var_os("SEALBOOK_TEST_RAW_CLIENT") else {
        return;
    };
    let got = std::os::unix::net::UnixStream::connect(&socket).map_or(0, |mut stream| {
        use std::io::{Read, Write};
        let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(3)));
        let _ = stream.write_all(b"K");
        let mut key = Vec::new();
        let _ = stream.read_to_end(&mut key);
        key.len()
    });
    println!("RAW-CLIENT-GOT {got}");
}

/// A process of another user gets nothing from the agent, even when the socket's
/// directory and file are opened up to it: the agent checks who is asking. (Needs root,
/// to run a process as `nobody`, and util-linux `setpriv`; skipped otherwise.)
#[test]
fn a_process_of_another_user_is_refused() {
    if !rustix::process::getuid().is_root()
        || std::process::Command::new("setpriv")
            .arg("--version")
            .output()
            .is_err()
    {
        eprintln!("skipped: needs root and util-linux setpriv");
        return;
    }
    let vault = Unlockable::new();
    vault.cmd().arg("unlock").assert().success();
    let socket = vault.sockets().pop().expect("a socket");
    // Open the way on purpose: only the agent's own check is left.
    for dir in [
        vault.sandbox.dir.path(),
        &vault.runtime,
        &vault.runtime.join("sealbook"),
    ] {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    std::fs::set_permissions(&socket, std::fs::Permissions::from_mode(0o777)).unwrap();
    let me = std::env::current_exe().unwrap();
    let out = std::process::Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(&me)
        .args([
            "--exact",
            "helper_raw_client_run_as_another_user",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("SEALBOOK_TEST_RAW_CLIENT", &socket)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    if !text.contains("RAW-CLIENT-GOT") {
        eprintln!("skipped: the test binary cannot run as nobody here: {text}");
        return;
    }
    assert!(
        text.contains("RAW-CLIENT-GOT 0"),
        "another user got key bytes: {text}"
    );
    // While the directory is open to others, the owner's commands do not trust it
    // either; made private again, the agent serves them.
    vault.without_passphrase().arg("list").assert().code(3);
    let private = std::fs::Permissions::from_mode(0o700);
    std::fs::set_permissions(vault.runtime.join("sealbook"), private).unwrap();
    vault.without_passphrase().arg("list").assert().success();
}
