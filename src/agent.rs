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
use std::time::{Duration, SystemTime, UNIX_EPOCH};

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
    /// On the boot-time clock, which keeps counting while the machine sleeps, so a
    /// laptop closed for the weekend does not wake up unlocked.
    last_use: Duration,
}

/// Time since boot, suspend included.
fn boot_time() -> Duration {
    let now = rustix::time::clock_gettime(rustix::time::ClockId::Boottime);
    Duration::new(
        u64::try_from(now.tv_sec).unwrap_or_default(),
        u32::try_from(now.tv_nsec).unwrap_or_default(),
    )
}

/// Which file a path names (device and inode), so the agent removes only its own socket
/// and notices when its socket is gone (a logout empties the runtime directory) or
/// replaced by another agent's.
fn identity(path: &Path) -> Option<(u64, u64)> {
    std::fs::symlink_metadata(path)
        .ok()
        .map(|m| (m.dev(), m.ino()))
}

/// Runs the agent for the socket at `socket` with `key` until it is told to lock, sits
/// idle for `idle`, or its socket is removed or replaced; calls `listening` once clients
/// can connect. Wipes the key and removes its own socket before the process ends.
pub fn serve(
    socket: &Path,
    key: Zeroizing<[u8; 32]>,
    idle: Duration,
    listening: impl FnOnce(),
) -> Result<std::convert::Infallible> {
    // Hold no directory of the caller's busy (a USB stick it ran from, say).
    let _ = std::env::set_current_dir("/");
    // An agent left by a crash leaves a socket nobody answers on: replace it. A live one
    // was told to lock by `unlock` before this one started.
    if UnixStream::connect(socket).is_err() {
        let _ = std::fs::remove_file(socket);
    }
    // Created 0600 from the start: no moment when another user could connect, and no
    // change of mode by path afterwards.
    let mask = rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o177));
    let bound = UnixListener::bind(socket);
    rustix::process::umask(mask);
    let listener = bound.map_err(|e| Error::io(format!("listening on {}", socket.display()), e))?;
    let own = identity(socket);
    listening();
    let held = Arc::new(Mutex::new(Held {
        key: Some(key),
        last_use: boot_time(),
    }));
    let watch = Arc::clone(&held);
    let watched_socket = socket.to_owned();
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_millis(250));
            let last_use = watch
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .last_use;
            let expired = boot_time().saturating_sub(last_use) >= idle;
            if expired || identity(&watched_socket) != own {
                shut_down(&watch, &watched_socket, own);
            }
        }
    });
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else { continue };
        if !same_user(&stream) {
            continue;
        }
        let _ = stream.set_read_timeout(Some(ANSWER_TIMEOUT));
        let _ = stream.set_write_timeout(Some(ANSWER_TIMEOUT));
        let mut request = [0u8; 1];
        if stream.read_exact(&mut request).is_err() {
            continue;
        }
        let mut state = held
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let since_use = boot_time().saturating_sub(state.last_use);
        if since_use >= idle {
            drop(state);
            shut_down(&held, socket, own);
        }
        match request[0] {
            KEY => {
                state.last_use = boot_time();
                if let Some(key) = &state.key {
                    let _ = stream.write_all(key.as_slice());
                }
            }
            STATUS => {
                let left = idle.saturating_sub(since_use);
                let until = SystemTime::now() + left;
                let until = until.duration_since(UNIX_EPOCH).unwrap_or_default();
                let mut answer = until.as_secs().to_be_bytes().to_vec();
                answer.extend_from_slice(&idle.as_secs().to_be_bytes());
                let _ = stream.write_all(&answer);
            }
            LOCK => {
                let _ = stream.write_all(&[1]);
                drop(state);
                shut_down(&held, socket, own);
            }
            _ => {}
        }
    }
    shut_down(&held, socket, own)
}

/// Wipes the key, removes the socket if it is still this agent's, and ends the process.
fn shut_down(held: &Mutex<Held>, socket: &Path, own: Option<(u64, u64)>) -> ! {
    held.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .key = None; // Zeroizing wipes it
    if identity(socket) == own {
        let _ = std::fs::remove_file(socket);
    }
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
