//! The process itself: hardened at start so a crash cannot write customers into a core
//! file, and interrupted cleanly, so Ctrl-C or SIGTERM in the middle of an export,
//! redaction, restore, verify or backup leaves none of its temporary files behind.
//!
//! Commands register each temporary file they create with [`remove_on_interrupt`] and
//! [`forget`] it once it has its final name; a watcher thread removes whatever is still
//! registered when a signal arrives, and ends the process with exit code 130.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::exit;

/// Temporary files to remove on an interrupt.
static TEMPORARY: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Makes the process non-dumpable (no core file, no ptrace by other processes of the
/// user) and sets its core-file limit to zero, so neither a crash nor `kill -QUIT`
/// during an export can write decrypted customers to disk. Best effort: a kernel that
/// refuses is no reason not to run.
pub fn harden() {
    use rustix::process::{DumpableBehavior, Resource, Rlimit, set_dumpable_behavior, setrlimit};
    let _ = set_dumpable_behavior(DumpableBehavior::NotDumpable);
    let _ = setrlimit(
        Resource::Core,
        Rlimit {
            current: Some(0),
            maximum: Some(0),
        },
    );
}

/// Starts the watcher for SIGINT, SIGTERM and SIGHUP.
pub fn handle_interrupts() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            remove_temporary_files();
            std::process::exit(i32::from(exit::INTERRUPTED));
        }
    });
}

fn remove_temporary_files() {
    let paths = match TEMPORARY.lock() {
        Ok(paths) => paths.clone(),
        Err(poisoned) => poisoned.into_inner().clone(),
    };
    for path in paths {
        // A SQLite scratch file may have its journal beside it.
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut name = path.clone().into_os_string();
            name.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(name));
        }
    }
}

/// Registers a temporary file to remove if the process is interrupted.
pub fn remove_on_interrupt(path: &Path) {
    let mut paths = TEMPORARY
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    paths.push(path.to_owned());
}

/// Takes `path` off the list, once it has been renamed to its final name or removed.
pub fn forget(path: &Path) {
    let mut paths = TEMPORARY
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    paths.retain(|p| p != path);
}
