//! Where passphrases come from: a file, a command, the environment or the terminal.
//! A passphrase is never taken from the command line, where other users and shell
//! history could see it.

use std::io::IsTerminal;
use std::path::Path;
use std::process::{Command, Stdio};

use zeroize::Zeroizing;

use crate::cli::GlobalArgs;
use crate::crypto::master_key::key_file_digest;
use crate::error::{Error, Result};
use crate::vault::Credentials;

/// The least safe source, honoured as restic does: other processes of the same user
/// may read a process's environment.
const PASSPHRASE_VARIABLE: &str = "SEALBOOK_PASSPHRASE";

/// Removes one trailing line break, as `echo` and editors add one.
fn strip_newline(mut text: Zeroizing<String>) -> Zeroizing<String> {
    if text.ends_with('\n') {
        text.pop();
        if text.ends_with('\r') {
            text.pop();
        }
    }
    text
}

fn non_empty(text: Zeroizing<String>, source_name: &str) -> Result<Zeroizing<String>> {
    if text.is_empty() {
        return Err(Error::PassphraseSource {
            source_name: source_name.into(),
            reason: "it is empty".into(),
        });
    }
    Ok(text)
}

/// The most a passphrase file is read of: a passphrase is one line.
const MAX_PASSPHRASE_FILE: u64 = 64 * 1024;
/// The most a key file is read of (sealbook writes 32 bytes; other tools' key files are
/// small too), so `--key-file /dev/zero` is an error and not an exhausted machine.
const MAX_KEY_FILE: u64 = 1024 * 1024;

/// Reads at most `limit` bytes of `path` into memory that is wiped when dropped; a
/// longer file is an error. The buffer is allocated once, so no copy of the secret is
/// left behind by a reallocation.
fn read_bounded(path: &Path, limit: u64) -> std::io::Result<Zeroizing<Vec<u8>>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let capacity = usize::try_from(limit + 1).unwrap_or(usize::MAX);
    let mut bytes = Zeroizing::new(Vec::with_capacity(capacity));
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(std::io::Error::other(format!(
            "it is larger than {} KiB, so it cannot be a {}",
            limit / 1024,
            if limit == MAX_KEY_FILE {
                "key file"
            } else {
                "passphrase file"
            }
        )));
    }
    Ok(bytes)
}

fn from_file(path: &Path) -> Result<Zeroizing<String>> {
    let name = format!("file {}", path.display());
    warn_if_shared(path);
    let bytes = read_bounded(path, MAX_PASSPHRASE_FILE).map_err(|e| Error::PassphraseSource {
        source_name: name.clone(),
        reason: e.to_string(),
    })?;
    let text = std::str::from_utf8(&bytes).map_err(|_| Error::PassphraseSource {
        source_name: name.clone(),
        reason: "it is not UTF-8 text".into(),
    })?;
    // Only the first line counts, so a file may end with a newline or carry comments.
    let first_line = text.split('\n').next().unwrap_or_default();
    non_empty(
        strip_newline(Zeroizing::new(format!("{first_line}\n"))),
        &name,
    )
}

/// Warns when a file holding a passphrase can be read by other users of the machine.
fn warn_if_shared(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = std::fs::metadata(path)
        && meta.is_file()
        && meta.permissions().mode() & 0o044 != 0
    {
        crate::output::warning(&format!(
            "{} can be read by other users of this machine; `chmod 600` it",
            path.display()
        ));
    }
}

fn from_command(command: &str) -> Result<Zeroizing<String>> {
    let name = "--passphrase-command".to_owned();
    let output = Command::new("sh")
        .args(["-c", command])
        .stdin(Stdio::inherit())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| Error::PassphraseSource {
            source_name: name.clone(),
            reason: e.to_string(),
        })?;
    let stdout = Zeroizing::new(output.stdout);
    if !output.status.success() {
        return Err(Error::PassphraseSource {
            source_name: name,
            reason: format!("the command failed ({})", output.status),
        });
    }
    let text = String::from_utf8(stdout.to_vec()).map_err(|_| Error::PassphraseSource {
        source_name: name.clone(),
        reason: "its output is not UTF-8 text".into(),
    })?;
    non_empty(strip_newline(Zeroizing::new(text)), &name)
}

fn from_terminal(prompt: &str) -> Result<Zeroizing<String>> {
    let text = rpassword::prompt_password(prompt).map_err(|e| Error::PassphraseSource {
        source_name: "the terminal".into(),
        reason: e.to_string(),
    })?;
    non_empty(Zeroizing::new(text), "the terminal")
}

/// True when a person can be asked: standard input is a terminal.
pub fn interactive() -> bool {
    std::io::stdin().is_terminal()
}

/// The passphrase from the first source given, in order: file, command, environment,
/// terminal. `None` means only the terminal is left, and it is not there.
fn from_sources(global: &GlobalArgs) -> Result<Option<Zeroizing<String>>> {
    if let Some(path) = &global.passphrase_file {
        return from_file(path).map(Some);
    }
    if let Some(command) = &global.passphrase_command {
        return from_command(command).map(Some);
    }
    if let Ok(value) = std::env::var(PASSPHRASE_VARIABLE) {
        return non_empty(Zeroizing::new(value), PASSPHRASE_VARIABLE).map(Some);
    }
    Ok(None)
}

/// The passphrase that opens an existing vault.
pub fn existing(global: &GlobalArgs) -> Result<Zeroizing<String>> {
    match from_sources(global)? {
        Some(passphrase) => Ok(passphrase),
        None if interactive() => match &global.as_staff {
            Some(name) => from_terminal(&format!(
                "Passphrase of {}: ",
                crate::output::sanitize(name)
            )),
            None => from_terminal("Vault passphrase: "),
        },
        None => Err(Error::NoPassphraseSource),
    }
}

/// A new passphrase: typed twice on a terminal, or read once from a source.
pub fn new(global: &GlobalArgs) -> Result<Zeroizing<String>> {
    if let Some(passphrase) = from_sources(global)? {
        return Ok(passphrase);
    }
    if !interactive() {
        return Err(Error::NoPassphraseSource);
    }
    let first = from_terminal("New vault passphrase: ")?;
    let second = from_terminal("Repeat the passphrase: ")?;
    if first != second {
        return Err(Error::PassphraseMismatch);
    }
    Ok(first)
}

/// zxcvbn's score from 0 (guessable in 10³ tries) to 4 (more than 10¹⁰): below 3, a
/// passphrase falls to an offline attack on a stolen vault file too soon.
const MINIMUM_SCORE: u8 = 3;

/// Why a passphrase is too easy to guess, if it is, with zxcvbn's advice.
pub fn weakness(passphrase: &str) -> Option<String> {
    let estimate = zxcvbn::zxcvbn(passphrase, &["sealbook", "vault", "customer"]);
    if u8::from(estimate.score()) >= MINIMUM_SCORE {
        return None;
    }
    let mut reason = format!(
        "it could be guessed in about 10^{:.0} tries",
        estimate.guesses_log10()
    );
    if let Some(feedback) = estimate.feedback() {
        if let Some(warning) = feedback.warning() {
            reason = format!("{reason} ({})", advice(&warning.to_string()));
        }
        for suggestion in feedback.suggestions() {
            reason = format!("{reason}; {}", advice(&suggestion.to_string()));
        }
    }
    Some(reason)
}

/// zxcvbn's sentence as a clause: lower-case first letter, no full stop.
fn advice(sentence: &str) -> String {
    let sentence = sentence.trim().trim_end_matches('.');
    let mut chars = sentence.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

/// Refuses a weak new passphrase unless the user allowed it.
pub fn check_strength(passphrase: &str, allow_weak: bool) -> Result<()> {
    match weakness(passphrase) {
        Some(reason) if !allow_weak => Err(Error::WeakPassphrase { reason }),
        _ => Ok(()),
    }
}

/// The variable that gives `passwd` and `key add` their new passphrase in scripts.
const NEW_PASSPHRASE_VARIABLE: &str = "SEALBOOK_NEW_PASSPHRASE";

/// The replacement passphrase of `passwd` or a new slot's: from `file`,
/// `SEALBOOK_NEW_PASSPHRASE`, or typed twice on the terminal.
pub fn replacement(file: Option<&Path>) -> Result<Zeroizing<String>> {
    if let Some(path) = file {
        return from_file(path);
    }
    if let Ok(value) = std::env::var(NEW_PASSPHRASE_VARIABLE) {
        return non_empty(Zeroizing::new(value), NEW_PASSPHRASE_VARIABLE);
    }
    if !interactive() {
        return Err(Error::PassphraseSource {
            source_name: "the terminal".into(),
            reason: format!(
                "there is none to type the new passphrase on; give --new-passphrase-file \
                 or {NEW_PASSPHRASE_VARIABLE}"
            ),
        });
    }
    let first = from_terminal("New passphrase: ")?;
    let second = from_terminal("Repeat the new passphrase: ")?;
    if first != second {
        return Err(Error::PassphraseMismatch);
    }
    Ok(first)
}

/// The secret of a slot other than the one unlocking (for `rekey --keep-slot`): the
/// first line of `file`, or typed once on the terminal after `prompt`.
pub fn slot_secret(file: Option<&Path>, prompt: &str) -> Result<Zeroizing<String>> {
    if let Some(path) = file {
        return from_file(path);
    }
    if !interactive() {
        return Err(Error::PassphraseSource {
            source_name: "the terminal".into(),
            reason: "there is none to type the slot's secret on; give it as \
                     --keep-slot SLOT=FILE"
                .into(),
        });
    }
    from_terminal(prompt)
}

/// The digest of a key file's contents.
pub fn read_key_file(path: &Path) -> Result<Zeroizing<[u8; 32]>> {
    let contents = read_bounded(path, MAX_KEY_FILE).map_err(|e| Error::KeyFile {
        path: path.to_owned(),
        reason: e.to_string(),
    })?;
    if contents.is_empty() {
        return Err(Error::KeyFile {
            path: path.to_owned(),
            reason: "the file is empty".into(),
        });
    }
    Ok(key_file_digest(&contents))
}

/// The digest of the key file named by `--key-file`, if any.
pub fn key_file(global: &GlobalArgs) -> Result<Option<Zeroizing<[u8; 32]>>> {
    global.key_file.as_deref().map(read_key_file).transpose()
}

/// Passphrase and key file for unlocking an existing vault.
pub fn credentials(global: &GlobalArgs) -> Result<Credentials> {
    let key_file = key_file(global)?;
    Ok(Credentials {
        passphrase: existing(global)?,
        key_file,
    })
}

/// The variable naming a file that holds the passphrase of passphrase-encrypted archives.
pub const BACKUP_PASSPHRASE_FILE: &str = "SEALBOOK_BACKUP_PASSPHRASE_FILE";

/// The passphrase of a passphrase-encrypted archive: from `file`
/// (`--archive-passphrase-file`), the file named by `SEALBOOK_BACKUP_PASSPHRASE_FILE`, or
/// the terminal (twice when `confirm`).
pub fn backup(confirm: bool, file: Option<&Path>) -> Result<age::secrecy::SecretString> {
    let named = file
        .map(Path::to_path_buf)
        .or_else(|| std::env::var_os(BACKUP_PASSPHRASE_FILE).map(std::path::PathBuf::from));
    let text = if let Some(path) = named {
        from_file(&path)?
    } else if !interactive() {
        return Err(Error::PassphraseSource {
            source_name: "the terminal".into(),
            reason: format!("there is none; set {BACKUP_PASSPHRASE_FILE} or use age recipients"),
        });
    } else {
        let first = from_terminal("Archive passphrase: ")?;
        if confirm && first != from_terminal("Repeat the archive passphrase: ")? {
            return Err(Error::PassphraseMismatch);
        }
        first
    };
    // An archive passphrase protects every customer of the backup: warn as for the
    // vault's (archives written by cron cannot be asked to choose again).
    if let Some(weakness) = weakness(&text) {
        crate::output::warning(&format!("the archive passphrase is weak: {weakness}"));
    }
    Ok(age::secrecy::SecretString::from(text.as_str().to_owned()))
}

/// True when a vault passphrase can be had without asking (file, command or variable).
pub fn source_configured(global: &GlobalArgs) -> bool {
    global.passphrase_file.is_some()
        || global.passphrase_command.is_some()
        || std::env::var_os(PASSPHRASE_VARIABLE).is_some()
}
