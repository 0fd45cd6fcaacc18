//! `sealbook unlock`, `lock` and `status`: one vault's key kept by the user's agent
//! (`crate::agent`) so the next commands need no passphrase, and the agent itself.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime};

use zeroize::Zeroizing;

use crate::agent;
use crate::cli::{AgentArgs, UnlockArgs};
use crate::cmd::Context;
use crate::error::{Error, Result};
use crate::output;
use crate::vault::{LockedVault, Role};

/// What the agent prints once it listens.
const READY: &str = "ready";

/// "14 min 30 s", "45 s".
fn span(duration: Duration) -> String {
    let seconds = duration.as_secs();
    match (seconds / 60, seconds % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

pub fn run(cx: &Context, args: &UnlockArgs) -> Result<()> {
    // The secret is proven now, never taken from an agent already running.
    let vault = cx.unlock_with_secret()?;
    vault.require(&[Role::Owner], "keep the vault unlocked in an agent")?;
    let vault_id = vault.vault_id();
    let key = vault.key_for_agent()?;
    drop(vault);
    let socket = agent::socket_path(&vault_id)?;
    // One agent per vault: a running one makes way for this one (and its timeout).
    agent::lock(&vault_id);
    start_agent(&socket, &key, args.timeout)?;
    drop(key);
    if cx.global.json {
        return output::json(&serde_json::json!({
            "unlocked": true,
            "idle_seconds": args.timeout.as_secs(),
        }));
    }
    output::status(
        cx.global.quiet,
        &format!(
            "Unlocked: commands of yours need no passphrase until `sealbook lock`, or {} \
             without use.",
            span(args.timeout)
        ),
    );
    Ok(())
}

/// Starts the agent (this program, detached) and hands it the key through a pipe, never
/// the command line or the environment; returns once it listens.
fn start_agent(socket: &std::path::Path, key: &Zeroizing<[u8; 32]>, idle: Duration) -> Result<()> {
    let fail = |e: std::io::Error| Error::Agent {
        reason: format!("it could not be started: {e}"),
    };
    let exe = std::env::current_exe().map_err(fail)?;
    let mut child = Command::new(exe)
        .arg("agent")
        .arg("--socket")
        .arg(socket)
        .arg("--idle-seconds")
        .arg(idle.as_secs().to_string())
        // Nothing of the caller's environment (a passphrase variable, say) goes along.
        .env_clear()
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(fail)?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| fail(std::io::ErrorKind::BrokenPipe.into()))?;
    stdin.write_all(key.as_slice()).map_err(fail)?;
    drop(stdin);
    let stdout = child
        .stdout
        .take()
        .ok_or_else(|| fail(std::io::ErrorKind::BrokenPipe.into()))?;
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).map_err(fail)?;
    if line.trim() != READY {
        let _ = child.kill();
        let _ = child.wait();
        return Err(Error::Agent {
            reason: format!("it did not start listening on {}", socket.display()),
        });
    }
    Ok(())
}

/// The agent: reads the key from standard input, leaves the terminal's session (so
/// closing the terminal does not end it), and serves until locked or idle.
pub fn serve(args: &AgentArgs) -> Result<()> {
    let _ = rustix::process::setsid();
    // Read straight from the pipe: no buffer of the standard library keeps a copy.
    let mut key = Zeroizing::new([0u8; 32]);
    let mut filled = 0;
    while filled < key.len() {
        match rustix::io::read(rustix::stdio::stdin(), &mut key[filled..]) {
            Ok(0) | Err(_) => {
                return Err(Error::Agent {
                    reason: "no key came through the pipe".into(),
                });
            }
            Ok(n) => filled += n,
        }
    }
    agent::serve(
        &args.socket,
        key,
        Duration::from_secs(args.idle_seconds.max(1)),
        || {
            let mut out = std::io::stdout();
            let _ = writeln!(out, "{READY}");
            let _ = out.flush();
        },
    )
    .map(|never| match never {})
}

pub fn lock(cx: &Context) -> Result<()> {
    let locked = LockedVault::open(&cx.vault_path()?)?;
    let was_unlocked = agent::lock(&locked.vault_id());
    if cx.global.json {
        return output::json(&serde_json::json!({ "locked": true, "was_unlocked": was_unlocked }));
    }
    output::status(
        cx.global.quiet,
        if was_unlocked {
            "Locked: the agent forgot the key."
        } else {
            "The vault was not unlocked."
        },
    );
    Ok(())
}

pub fn status(cx: &Context) -> Result<()> {
    let locked = LockedVault::open(&cx.vault_path()?)?;
    let state = agent::status(&locked.vault_id());
    if cx.global.json {
        return output::json(&match state {
            Some((until, idle)) => serde_json::json!({
                "unlocked": true,
                "seconds_left": until
                    .duration_since(SystemTime::now())
                    .unwrap_or_default()
                    .as_secs(),
                "idle_seconds": idle.as_secs(),
            }),
            None => serde_json::json!({ "unlocked": false }),
        });
    }
    output::line(&match state {
        Some((until, idle)) => format!(
            "Unlocked: locks after {} more without use (timeout {}), or at `sealbook lock`.",
            span(until.duration_since(SystemTime::now()).unwrap_or_default()),
            span(idle)
        ),
        None => "Locked: commands ask for the passphrase (`sealbook unlock` keeps it).".into(),
    })
}
