//! The unlock agent: after `sealbook unlock`, a small background process keeps one
//! vault's master key in memory so that the user's next commands need no passphrase,
//! until `sealbook lock`, its idle timeout, or a reboot. It follows ssh-agent's
//! practice:
//!
//! - it listens on a Unix socket in `$XDG_RUNTIME_DIR/sealbook/` (a directory that must
//!   be the user's own and 0700; the socket is 0600), one socket per vault, named by the
//!   vault's id;
//! - both ends check that the other is a process of the same user (`SO_PEERCRED`);
//! - the key is never written to disk, the process is not dumpable, and the key is wiped
//!   on lock, on timeout and on exit;
//! - any process of the same user can use an unlocked vault (the trade-off the README's
//!   threat model states); commands that change keys still ask for the secret.
//!
//! The protocol is one request byte and a fixed-size answer: `K` → the 32-byte key,
//! `S` → when the agent locks (Unix seconds) and its idle timeout (seconds), both
//! big-endian u64; `L` → one byte, then the agent wipes the key and exits.

use std::io::{Read, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use zeroize::Zeroizing;

use crate::error::{Error, Result};

const KEY: u8 = b'K';
const STATUS: u8 = b'S';
const LOCK: u8 = b'L';
/// How long a client waits for the agent to answer.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(2);

/// Where the user's agents live: `$XDG_RUNTIME_DIR/sealbook`, made 0700 if absent (when
/// `create`: only `unlock` makes it), and refused if it is not the user's own private
/// directory.
fn agent_dir(create: bool) -> Result<PathBuf> {
    let runtime = std::env::var_os("XDG_RUNTIME_DIR")
        .filter(|d| !d.is_empty())
        .ok_or_else(|| Error::Agent {
            reason: "there is no per-user runtime directory ($XDG_RUNTIME_DIR is not set), \
                     where the agent's socket would live"
                .into(),
        })?;
    let dir = PathBuf::from(runtime).join("sealbook");
    if create {
        match std::fs::DirBuilder::new().mode(0o700).create(&dir) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(Error::io(format!("creating {}", dir.display()), e)),
        }
    }
    let meta = std::fs::symlink_metadata(&dir)
        .map_err(|e| Error::io(format!("reading {}", dir.display()), e))?;
    let private = meta.is_dir()
        && meta.uid() == rustix::process::getuid().as_raw()
        && meta.permissions().mode().trailing_zeros() >= 6; // no bit for group or others
    if !private {
        return Err(Error::Agent {
            reason: format!(
                "{} must be a directory of yours that only you can open (mode 0700)",
                dir.display()
            ),
        });
    }
    Ok(dir)
}

/// The socket of the agent for vault `vault_id`, its directory made if absent.
pub fn socket_path(vault_id: &[u8; 16]) -> Result<PathBuf> {
    Ok(socket_in(&agent_dir(true)?, vault_id))
}

fn socket_in(dir: &Path, vault_id: &[u8; 16]) -> PathBuf {
    let name = vault_id.iter().fold(String::new(), |mut hex, b| {
        use std::fmt::Write;
        let _ = write!(hex, "{b:02x}");
        hex
    });
    dir.join(format!("{name}.sock"))
}

/// True when the process at the other end of `stream` is this user's.
fn same_user(stream: &UnixStream) -> bool {
    rustix::net::sockopt::socket_peercred(stream)
        .is_ok_and(|peer| peer.uid == rustix::process::getuid())
}

/// Sends `request` to the agent of `vault_id` and reads `answer.len()` bytes back.
/// `false` when there is no agent, or the socket is not one of this user's.
fn ask(vault_id: &[u8; 16], request: u8, answer: &mut [u8]) -> bool {
    let Ok(dir) = agent_dir(false) else {
        return false;
    };
    let path = socket_in(&dir, vault_id);
    let Ok(mut stream) = UnixStream::connect(&path) else {
        return false;
    };
    if !same_user(&stream) {
        return false;
    }
    let _ = stream.set_read_timeout(Some(ANSWER_TIMEOUT));
    stream.write_all(&[request]).is_ok() && stream.read_exact(answer).is_ok()
}

/// The key the agent of `vault_id` holds, if one is running.
pub fn key(vault_id: &[u8; 16]) -> Option<Zeroizing<[u8; 32]>> {
    let mut key = Zeroizing::new([0u8; 32]);
    ask(vault_id, KEY, key.as_mut_slice()).then_some(key)
}

/// When the agent of `vault_id` will lock unless used again, and its idle timeout.
pub fn status(vault_id: &[u8; 16]) -> Option<(SystemTime, Duration)> {
    let mut answer = [0u8; 16];
    if !ask(vault_id, STATUS, &mut answer) {
        return None;
    }
    let (until, idle) = answer.split_at(8);
    let seconds = |bytes: &[u8]| u64::from_be_bytes(bytes.try_into().unwrap_or_default());
    Some((
        UNIX_EPOCH + Duration::from_secs(seconds(until)),
        Duration::from_secs(seconds(idle)),
    ))
}

/// Tells the agent of `vault_id` to wipe its key and exit; `false` when none was
/// running.
pub fn lock(vault_id: &[u8; 16]) -> bool {
    ask(vault_id, LOCK, &mut [0u8; 1])
}

/// The agent's state: the key, and when it was last handed out.
struct Held {
    key: Option<Zeroizing<[u8; 32]>>,
    last_use: Instant,
}

/// Runs the agent for the socket at `socket` with `key` until it is told to lock or sits
/// idle for `idle`. Removes its socket and wipes the key before it returns.
pub fn serve(
    socket: &Path,
    key: Zeroizing<[u8; 32]>,
    idle: Duration,
    listening: impl FnOnce(),
) -> Result<()> {
    // An agent left by a crash leaves a socket nobody answers on: replace it. A live one
    // was told to lock by `unlock` before this one started.
    if UnixStream::connect(socket).is_err() {
        let _ = std::fs::remove_file(socket);
    }
    let listener = UnixListener::bind(socket)
        .map_err(|e| Error::io(format!("listening on {}", socket.display()), e))?;
    std::fs::set_permissions(socket, std::fs::Permissions::from_mode(0o600))
        .map_err(|e| Error::io(format!("securing {}", socket.display()), e))?;
    crate::process::remove_on_interrupt(socket);
    listening();
    let held = Arc::new(Mutex::new(Held {
        key: Some(key),
        last_use: Instant::now(),
    }));
    let watch = Arc::clone(&held);
    let watched_socket = socket.to_owned();
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_millis(250));
            let expired = watch
                .lock()
                .map_or(true, |held| held.last_use.elapsed() >= idle);
            if expired {
                shut_down(&watch, &watched_socket);
            }
        }
    });
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else { continue };
        if !same_user(&stream) {
            continue;
        }
        let _ = stream.set_read_timeout(Some(ANSWER_TIMEOUT));
        let mut request = [0u8; 1];
        if stream.read_exact(&mut request).is_err() {
            continue;
        }
        match request[0] {
            KEY => {
                let Ok(mut state) = held.lock() else { break };
                state.last_use = Instant::now();
                if let Some(key) = &state.key {
                    let _ = stream.write_all(key.as_slice());
                }
            }
            STATUS => {
                let Ok(state) = held.lock() else { break };
                let left = idle.saturating_sub(state.last_use.elapsed());
                let until = SystemTime::now() + left;
                let until = until.duration_since(UNIX_EPOCH).unwrap_or_default();
                let mut answer = until.as_secs().to_be_bytes().to_vec();
                answer.extend_from_slice(&idle.as_secs().to_be_bytes());
                let _ = stream.write_all(&answer);
            }
            LOCK => {
                let _ = stream.write_all(&[1]);
                break;
            }
            _ => {}
        }
    }
    shut_down(&held, socket)
}

/// Wipes the key, removes the socket and ends the process.
fn shut_down(held: &Mutex<Held>, socket: &Path) -> ! {
    if let Ok(mut held) = held.lock() {
        held.key = None; // Zeroizing wipes it
    }
    let _ = std::fs::remove_file(socket);
    std::process::exit(0)
}

/// Parses an idle timeout written `90s`, `15m`, `2h` or plain minutes (`15`).
pub fn parse_timeout(text: &str) -> std::result::Result<Duration, String> {
    let text = text.trim();
    let (number, unit) = match text.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((at, _)) => text.split_at(at),
        None => (text, "m"),
    };
    let number: u64 = number
        .parse()
        .map_err(|_| "write it as 90s, 15m or 2h".to_owned())?;
    let seconds = match unit.trim() {
        "s" | "sec" => number,
        "m" | "min" => number.saturating_mul(60),
        "h" => number.saturating_mul(3600),
        _ => return Err("write it as 90s, 15m or 2h".into()),
    };
    if seconds == 0 || seconds > 24 * 3600 {
        return Err("between 1 second and 24 hours".into());
    }
    Ok(Duration::from_secs(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts_read_as_people_write_them() {
        assert_eq!(parse_timeout("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_timeout("15m"), Ok(Duration::from_secs(900)));
        assert_eq!(parse_timeout("2h"), Ok(Duration::from_secs(7200)));
        assert_eq!(parse_timeout("15"), Ok(Duration::from_secs(900)));
        assert!(parse_timeout("0s").is_err());
        assert!(parse_timeout("25h").is_err());
        assert!(parse_timeout("soon").is_err());
    }
}
