//! The one error type of sealbook: what went wrong, what to do about it, and the exit code
//! scripts rely on. Messages never contain a sealed value or key material. (Long on
//! purpose: every error's message, hint and exit code in one place, three tables.)

use std::fmt;
use std::path::PathBuf;

/// Exit codes, fixed once released (README and man page list them).
pub mod exit {
    pub const OK: u8 = 0;
    pub const OPERATIONAL: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const AUTHENTICATION: u8 = 3;
    pub const NOT_FOUND: u8 = 4;
    pub const INTEGRITY: u8 = 5;
    pub const PERSONAL_DATA_FOUND: u8 = 6;
    /// The command is not permitted for the role of whoever unlocked the vault.
    pub const NOT_PERMITTED: u8 = 7;
    /// Several customers match what `show`, `edit` or `erase` was given; none was used.
    pub const AMBIGUOUS: u8 = 8;
    pub const INTERRUPTED: u8 = 130;
}

#[derive(Debug)]
pub enum Error {
    /// No passphrase source and no terminal to ask on.
    NoPassphraseSource,
    /// No keyslot opened with the given passphrase (and key file).
    WrongPassphrase,
    /// Input shaped like a recovery key whose check characters do not match.
    MistypedRecoveryKey,
    /// The audit log fails its chain check.
    AuditChainBroken {
        fault: String,
    },
    /// No keyslot has this number.
    KeyslotNotFound {
        id: i64,
    },
    /// The role of whoever unlocked the vault does not allow this (`what`: the action).
    NotPermitted {
        what: String,
    },
    /// No employee of this name is on the roster.
    StaffNotFound {
        name: String,
    },
    /// A keyslot cannot be removed: the last one, or the one in use.
    KeyslotNeeded {
        id: i64,
        reason: String,
    },
    /// The two passphrases typed at `init` differ.
    PassphraseMismatch,
    /// The passphrase is too easy to guess.
    WeakPassphrase {
        reason: String,
    },
    /// Reading the passphrase from a file, command or terminal failed.
    PassphraseSource {
        source_name: String,
        reason: String,
    },
    /// Argon2id failed at run time (e.g. not enough memory).
    KeyDerivation {
        reason: String,
    },
    /// The unlock agent cannot run or be reached as it must.
    Agent {
        reason: String,
    },
    /// The key file could not be read.
    KeyFile {
        path: PathBuf,
        reason: String,
    },
    VaultNotFound {
        path: PathBuf,
    },
    VaultExists {
        path: PathBuf,
    },
    NotAVault {
        path: PathBuf,
    },
    /// A vault written by a newer sealbook.
    UnsupportedVersion {
        found: i64,
    },
    /// A sealed value or index failed its check: the vault was altered or damaged.
    Tampered {
        what: String,
    },
    CustomerNotFound {
        code: String,
    },
    /// The user answered no to a confirmation: nothing was done (exit 1).
    Declined {
        what: String,
    },
    /// No customer matches a value or words given instead of a code.
    NoCustomerMatches {
        query: String,
    },
    /// Several customers match a value or words given instead of a code: (code, name)
    /// of each, so the user can pick one.
    SeveralCustomersMatch {
        candidates: Vec<(String, String)>,
    },
    /// A value typed or imported for a field is not acceptable.
    InvalidField {
        field: String,
        reason: String,
    },
    /// A command-line value that clap could not judge alone.
    InvalidArgument {
        argument: String,
        reason: String,
    },
    /// A recipients file line that is not a recipient (`line` 0: the whole file).
    Recipients {
        path: PathBuf,
        line: usize,
        reason: String,
    },
    /// No given identity or passphrase opens an archive, or none could be read.
    ArchiveKey {
        reason: String,
    },
    /// An archive that is damaged, truncated, or not a sealbook archive.
    Archive {
        path: PathBuf,
        reason: String,
    },
    /// The backup directory is missing or unusable.
    BackupDir {
        path: PathBuf,
        reason: String,
    },
    /// A restore would replace an existing vault.
    RestoreTargetExists {
        path: PathBuf,
    },
    /// `verify` found problems; the count and the first are in the message.
    VerifyFailed {
        problems: usize,
        first: String,
    },
    /// An import had bad rows; nothing was imported.
    ImportRejected {
        bad_rows: u64,
        details: String,
    },
    /// `redact --check` met files it cannot read as text.
    Unchecked {
        files: usize,
    },
    /// Known values were still found in rewritten text; nothing was written.
    KnownValuesRemain {
        file: String,
        count: u64,
    },
    /// `redact --check` found personal data.
    PersonalDataFound {
        findings: u64,
        files: usize,
    },
    /// A command that destroys something must be confirmed, and there is no terminal
    /// to ask on: `what` says what it would do, `flag` how to confirm in a script.
    NeedsConfirmation {
        what: String,
        flag: String,
    },
    /// Another process has the vault open, so it cannot be replaced now.
    VaultInUse {
        path: PathBuf,
    },
    /// Something sealbook itself got wrong (a worker that stopped, a counter at its
    /// end): never the user's input, never the vault's integrity.
    Internal {
        what: String,
    },
    /// An I/O failure, with what sealbook was doing.
    Io {
        context: String,
        source: std::io::Error,
    },
    /// A database failure, with what sealbook was doing.
    Database {
        context: String,
        source: rusqlite::Error,
    },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Self::Io {
            context: context.into(),
            source,
        }
    }

    pub fn db(context: impl Into<String>, source: rusqlite::Error) -> Self {
        Self::Database {
            context: context.into(),
            source,
        }
    }

    pub fn invalid_field(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Self::InvalidField {
            field: field.into(),
            reason: reason.into(),
        }
    }

    /// The process exit code for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::NoPassphraseSource
            | Self::WrongPassphrase
            | Self::MistypedRecoveryKey
            | Self::PassphraseSource { .. }
            | Self::KeyFile { .. }
            | Self::ArchiveKey { .. } => exit::AUTHENTICATION,
            Self::VaultNotFound { .. }
            | Self::CustomerNotFound { .. }
            | Self::NoCustomerMatches { .. }
            | Self::StaffNotFound { .. }
            | Self::KeyslotNotFound { .. } => exit::NOT_FOUND,
            Self::NotPermitted { .. } => exit::NOT_PERMITTED,
            Self::SeveralCustomersMatch { .. } => exit::AMBIGUOUS,
            Self::NotAVault { .. }
            | Self::Tampered { .. }
            | Self::Archive { .. }
            | Self::AuditChainBroken { .. }
            | Self::VerifyFailed { .. } => exit::INTEGRITY,
            Self::InvalidArgument { .. } | Self::NeedsConfirmation { .. } => exit::USAGE,
            Self::PersonalDataFound { .. } => exit::PERSONAL_DATA_FOUND,
            Self::Database { source, .. } if is_corruption(source) => exit::INTEGRITY,
            _ => exit::OPERATIONAL,
        }
    }

    /// What the user can do next, when there is something useful to say.
    // One arm per error: a table, clearer whole than split.
    #[allow(clippy::too_many_lines)]
    pub fn hint(&self) -> Option<String> {
        Some(match self {
            Self::NoPassphraseSource => "give the passphrase with --passphrase-file, \
                 --passphrase-command, SEALBOOK_PASSPHRASE_FILE, SEALBOOK_PASSPHRASE_COMMAND \
                 or SEALBOOK_PASSPHRASE, or run sealbook in a terminal"
                .into(),
            Self::WrongPassphrase => "check the passphrase (and --key-file, if the vault \
                 needs one); nothing was changed"
                .into(),
            Self::PassphraseMismatch => "type the same passphrase twice".into(),
            Self::MistypedRecoveryKey => "the recovery key has a typo: compare it with the \
                 paper, group by group (O and 0, I, L and 1 count as the same); nothing was \
                 changed"
                .into(),
            Self::AuditChainBroken { .. } => "the audit log was altered; keep this vault \
                 as evidence and compare it with a backup (`sealbook verify ARCHIVE`)"
                .into(),
            Self::KeyslotNotFound { .. } => "`sealbook key list` shows the slots".into(),
            Self::NotPermitted { .. } => "ask the owner of the book (or a manager, for \
                 customers and reassignments)"
                .into(),
            Self::StaffNotFound { .. } => "`sealbook staff list` shows the roster".into(),
            Self::KeyslotNeeded { .. } => "add another slot first (`sealbook key add`), or \
                 unlock with another slot's secret"
                .into(),
            Self::WeakPassphrase { .. } => "choose a longer passphrase, e.g. four or more \
                 random words, or pass --allow-weak-passphrase"
                .into(),
            Self::VaultNotFound { .. } => {
                "create one with `sealbook init`, or point --vault / SEALBOOK_VAULT at it".into()
            }
            Self::VaultExists { .. } => {
                "choose another --vault path; sealbook never overwrites a vault".into()
            }
            Self::NotAVault { .. } => "check the --vault path; the file is not a sealbook \
                 vault or is damaged (restore it from a backup)"
                .into(),
            Self::UnsupportedVersion { .. } => "upgrade sealbook to open this vault".into(),
            Self::Tampered { .. } => "the vault file was altered or damaged; restore it \
                 from a backup"
                .into(),
            Self::CustomerNotFound { .. } => {
                "codes look like C-7K3M9Q2X; `sealbook search` finds a customer's code".into()
            }
            Self::NoCustomerMatches { .. } => "give a code, an exact e-mail, phone, national id \
                 or account, or other words; `sealbook search` shows what matches"
                .into(),
            Self::SeveralCustomersMatch { .. } => "give the code of the one you mean (or a \
                 value only that customer has); nothing was done"
                .into(),
            Self::InvalidField { .. } => "correct the value and run the command again; \
                 nothing was saved"
                .into(),
            Self::InvalidArgument { .. } => "see `sealbook --help` (or COMMAND --help)".into(),
            Self::PassphraseSource { .. } => "check the passphrase source; see `sealbook --help` \
                 for the others"
                .into(),
            Self::KeyFile { .. } => "check the --key-file path (or SEALBOOK_KEY_FILE)".into(),
            Self::Agent { .. } => "commands still work without the agent, asking for the \
                 passphrase each time; a login session normally sets $XDG_RUNTIME_DIR"
                .into(),
            Self::KeyDerivation { .. } => "the machine may lack the memory the vault's key \
                 derivation needs; close other programs and try again"
                .into(),
            Self::Recipients { .. } => "each line must be an age1… public key (from \
                 age-keygen -y), a # comment, or blank"
                .into(),
            Self::ArchiveKey { .. } => "give the age identity file that matches one of the \
                 archive's recipients (-i), or --passphrase for passphrase archives"
                .into(),
            Self::Archive { .. } => "the archive is damaged, incomplete or not a sealbook \
                 backup; use another one (nothing was restored or changed)"
                .into(),
            Self::BackupDir { .. } => {
                "create the directory (and check it is writable) or choose another --to".into()
            }
            Self::RestoreTargetExists { .. } => "pass --force to replace it (the old vault is \
                 kept as VAULT.before-restore), or restore elsewhere with --to PATH"
                .into(),
            Self::ImportRejected { .. } => {
                "correct the rows listed and import the file again".into()
            }
            Self::Unchecked { .. } => "the summary above names them: convert them to text, \
                 fix their permissions, or archive them separately, then run again \
                 (--skip-unsupported lets such files pass)"
                .into(),
            Self::PersonalDataFound { .. } => "see where with --report -, or redact them \
                 with -o OUT or --in-place"
                .into(),
            Self::KnownValuesRemain { .. } => "nothing was written for that file: a value \
                 the vault knows was still in the rewritten text, so the output is held back \
                 rather than leak it. Rewrite that part by hand, or split the file, and run \
                 again"
                .into(),
            Self::VerifyFailed { .. } => "restore the vault from a backup that passes \
                 `sealbook verify ARCHIVE`"
                .into(),
            Self::NeedsConfirmation { flag, .. } => {
                format!("pass {flag} in scripts; nothing was changed")
            }
            Self::VaultInUse { .. } => "close the other sealbook commands using this vault \
                 (or wait for them to finish) and run this one again; nothing was changed"
                .into(),
            Self::Internal { .. } => "this is a fault in sealbook, not in your data; please \
                 report it with the command you ran"
                .into(),
            Self::Database { source, .. } if is_corruption(source) => {
                "the vault file is damaged; restore it from a backup".into()
            }
            Self::Database { source, .. } if is_busy(source) => {
                "another sealbook process is writing to the vault; try again".into()
            }
            _ => return None,
        })
    }
}

fn is_corruption(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
    )
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

impl fmt::Display for Error {
    // One arm per error: a table, clearer whole than split.
    #[allow(clippy::too_many_lines)]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoPassphraseSource => {
                f.write_str("no passphrase given and no terminal to ask for one")
            }
            Self::WrongPassphrase => f.write_str("wrong passphrase or key file"),
            Self::PassphraseMismatch => f.write_str("the passphrases do not match"),
            Self::MistypedRecoveryKey => {
                f.write_str("this looks like a recovery key, but its check characters do not match")
            }
            Self::AuditChainBroken { fault } => write!(f, "integrity check failed: {fault}"),
            Self::KeyslotNotFound { id } => write!(f, "no keyslot {id}"),
            Self::NotPermitted { what } => write!(f, "not permitted for your role: {what}"),
            Self::StaffNotFound { name } => write!(f, "no one named \"{name}\" is on the staff"),
            Self::KeyslotNeeded { id, reason } => {
                write!(f, "keyslot {id} cannot be removed: {reason}")
            }
            Self::WeakPassphrase { reason } => write!(f, "the passphrase is too weak: {reason}"),
            Self::PassphraseSource {
                source_name,
                reason,
            } => write!(
                f,
                "could not read the passphrase from {source_name}: {reason}"
            ),
            Self::KeyDerivation { reason } => write!(f, "key derivation failed: {reason}"),
            Self::Agent { reason } => write!(f, "the unlock agent cannot run: {reason}"),
            Self::KeyFile { path, reason } => {
                write!(f, "could not use key file {}: {reason}", path.display())
            }
            Self::VaultNotFound { path } => write!(f, "no vault at {}", path.display()),
            Self::VaultExists { path } => write!(f, "a file already exists at {}", path.display()),
            Self::NotAVault { path } => write!(f, "{} is not a sealbook vault", path.display()),
            Self::UnsupportedVersion { found } => write!(
                f,
                "the vault has format version {found}, newer than this sealbook understands"
            ),
            Self::Tampered { what } => write!(f, "integrity check failed: {what}"),
            Self::CustomerNotFound { code } => write!(f, "no customer with code {code}"),
            Self::NoCustomerMatches { query } => write!(f, "no customer matches \"{query}\""),
            Self::Declined { what } => write!(f, "{what}: not confirmed, so nothing was done"),
            Self::SeveralCustomersMatch { candidates } => {
                write!(f, "{} customers match:", candidates.len())?;
                for (code, name) in candidates {
                    write!(f, "\n  {code}  {name}")?;
                }
                Ok(())
            }
            Self::InvalidField { field, reason } => write!(f, "invalid {field}: {reason}"),
            Self::InvalidArgument { argument, reason } => write!(f, "invalid {argument}: {reason}"),
            Self::Recipients {
                path,
                line: 0,
                reason,
            } => {
                write!(f, "recipients file {}: {reason}", path.display())
            }
            Self::Recipients { path, line, reason } => {
                write!(
                    f,
                    "recipients file {} line {line}: {reason}",
                    path.display()
                )
            }
            Self::ArchiveKey { reason } => write!(f, "cannot open the archive: {reason}"),
            Self::Archive { path, reason } => {
                write!(f, "archive {} is not usable: {reason}", path.display())
            }
            Self::BackupDir { path, reason } => {
                write!(f, "cannot write backups to {}: {reason}", path.display())
            }
            Self::RestoreTargetExists { path } => {
                write!(f, "a vault already exists at {}", path.display())
            }
            Self::VerifyFailed { problems, first } => {
                write!(
                    f,
                    "verification found {}; the first: {first}",
                    crate::output::count(
                        u64::try_from(*problems).unwrap_or(u64::MAX),
                        "problem",
                        "problems"
                    )
                )
            }
            Self::ImportRejected { bad_rows, details } => {
                write!(
                    f,
                    "{}; nothing was imported:\n{details}",
                    crate::output::count(*bad_rows, "bad row", "bad rows")
                )
            }
            Self::Unchecked { files } => write!(
                f,
                "{} could not be read or rewritten, so {} personal data",
                crate::output::count(*files as u64, "file", "files"),
                if *files == 1 {
                    "it may hold"
                } else {
                    "they may hold"
                }
            ),
            Self::KnownValuesRemain { file, count } => write!(
                f,
                "{} still found in {file} after rewriting it",
                crate::output::count(*count, "known value was", "known values were")
            ),
            Self::PersonalDataFound { findings, files } => write!(
                f,
                "found {} of personal data in {}",
                crate::output::count(*findings, "piece", "pieces"),
                crate::output::count(*files as u64, "file", "files")
            ),
            Self::Io { context, source } => write!(f, "{context}: {source}"),
            Self::Database { context, source } => write!(f, "{context}: {source}"),
            Self::VaultInUse { path } => write!(
                f,
                "another process has the vault open, so {} cannot be replaced",
                path.display()
            ),
            Self::Internal { what } => write!(f, "internal error: {what}"),
            Self::NeedsConfirmation { what, .. } => {
                write!(f, "{what}, and there is no terminal to confirm it on")
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io { source, .. } => Some(source),
            Self::Database { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl From<crate::pool::Stopped> for Error {
    fn from(_: crate::pool::Stopped) -> Self {
        Error::Internal {
            what: "the worker threads stopped before finishing".into(),
        }
    }
}
