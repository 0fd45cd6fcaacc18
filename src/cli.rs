//! The command-line interface, declared with clap. Only definitions live here: the doc
//! comments are the `--help` text, the man page and the shell completions.
//!
//! It is long on purpose: this file is the whole command-line contract (every command,
//! flag, value, default and help text) that users' scripts depend on, read in one place
//! and checked against `tests/snapshots/help-*.txt`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::field::{Field, Spec};

/// Declares a command-line value that names a field of the catalogue: the fields whose
/// spec passes `$keep`, each called by `$name` (a command-line name from its spec).
macro_rules! field_value {
    ($(#[$doc:meta])* $type:ident, $keep:expr, $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $type(pub Field);

        impl clap::ValueEnum for $type {
            fn value_variants<'a>() -> &'a [Self] {
                static VARIANTS: std::sync::LazyLock<Vec<$type>> = std::sync::LazyLock::new(|| {
                    let keep: fn(&Spec) -> bool = $keep;
                    Field::those(keep).map($type).collect()
                });
                &VARIANTS
            }

            fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
                Some(clap::builder::PossibleValue::new(self.0.spec().$name))
            }
        }
    };
}

/// Says how the command line spells the values of a type that lives outside it (the
/// vault and the privacy scanners know nothing of clap), with each value's help.
macro_rules! cli_values {
    ($type:ty { $($variant:path => $name:literal $(: $help:literal)?),* $(,)? }) => {
        impl clap::ValueEnum for $type {
            fn value_variants<'a>() -> &'a [Self] {
                &[$($variant),*]
            }

            fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
                match self {
                    $($variant => Some(clap::builder::PossibleValue::new($name)$(.help($help))?),)*
                    #[allow(unreachable_patterns)]
                    _ => None,
                }
            }
        }
    };
}

cli_values!(crate::privacy::rewrite::Style {
    crate::privacy::rewrite::Style::Label => "label": "`[EMAIL]`, `[CARD]`, `[PL_PESEL]`...",
    crate::privacy::rewrite::Style::Mask => "mask":
        "Every letter and digit becomes `*`; cards and IBANs keep their last four digits",
});

cli_values!(crate::vault::OnDuplicate {
    crate::vault::OnDuplicate::Error => "error": "The row is an error, and nothing is imported",
    crate::vault::OnDuplicate::Skip => "skip": "The row is left out",
    crate::vault::OnDuplicate::Update => "update":
        "The existing customer takes the values the row carries; empty cells keep what is \
         stored, tags are added, custom fields merge by key",
});

cli_values!(crate::vault::MatchKey {
    crate::vault::MatchKey::Email => "email",
    crate::vault::MatchKey::Phone => "phone",
    crate::vault::MatchKey::NationalId => "national-id",
    crate::vault::MatchKey::Account => "account",
});

field_value!(
    /// A field that `search --in` can restrict a search to.
    SearchField,
    |s| s.search.is_some(),
    cli_name
);

field_value!(
    /// A field that `edit --clear` can empty (the name cannot be cleared).
    ClearableField,
    |s| s.clearable,
    flag
);

/// Keeps a small business's customer records sealed.
///
/// Personal fields are encrypted in a local SQLite file with a key derived from your
/// passphrase; exact search uses blind indexes, so nothing is decrypted that is not shown.
#[derive(Debug, Parser)]
#[command(
    name = "sealbook",
    version,
    propagate_version = true,
    max_term_width = 100
)]
#[command(after_long_help = EXIT_CODES)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// Exit codes, also shown in the man page and README.
pub const EXIT_CODES: &str = "Exit codes:
  0    success
  1    operational error (I/O, bad file, bad record)
  2    usage error
  3    authentication failed: wrong passphrase or key file, or no passphrase source
  4    not found: no such customer, no vault at the path
  5    integrity failure: tampered or corrupted vault or archive
  6    redact --check found personal data
  7    not permitted for your role (an employee unlocked with --as); nothing was done
  8    several customers match what show, edit or erase was given; nothing was done
  130  interrupted

Environment: SEALBOOK_PASSPHRASE (the vault passphrase; least safe),
SEALBOOK_BACKUP_PASSPHRASE_FILE (the passphrase of passphrase-encrypted archives),
SEALBOOK_AS (the employee to unlock as).";

/// Options every command accepts, before or after its name.
#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]
    #[arg(long, global = true, env = "SEALBOOK_VAULT", value_name = "PATH")]
    pub vault: Option<PathBuf>,

    /// Print machine-readable JSON on stdout
    #[arg(long, global = true)]
    pub json: bool,

    /// Print nothing but results and errors
    #[arg(long, short, global = true)]
    pub quiet: bool,

    /// Never draw progress bars
    #[arg(long, global = true)]
    pub no_progress: bool,

    /// Read the passphrase from the first line of this file
    #[arg(
        long,
        global = true,
        env = "SEALBOOK_PASSPHRASE_FILE",
        hide_env_values = true,
        value_name = "PATH",
        conflicts_with = "passphrase_command"
    )]
    pub passphrase_file: Option<PathBuf>,

    /// Run this shell command and read the passphrase from its output
    #[arg(
        long,
        global = true,
        env = "SEALBOOK_PASSPHRASE_COMMAND",
        hide_env_values = true,
        value_name = "CMD"
    )]
    pub passphrase_command: Option<String>,

    /// A key file that the vault requires together with the passphrase
    #[arg(long, global = true, env = "SEALBOOK_KEY_FILE", value_name = "PATH")]
    pub key_file: Option<PathBuf>,

    /// Default country for phone numbers written without +, e.g. PL
    #[arg(long, global = true, env = "SEALBOOK_REGION", value_name = "CC")]
    pub region: Option<String>,

    /// Unlock as this employee on the staff, with their own passphrase (default: the
    /// owner)
    #[arg(long = "as", global = true, env = "SEALBOOK_AS", value_name = "NAME")]
    pub as_staff: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new vault
    Init(InitArgs),
    /// Show the vault's id (as backup archive names carry it), size and last change;
    /// needs no passphrase
    Info,
    /// Add a customer and print its code
    Add(AddArgs),
    /// Show one customer, every field
    Show(ShowArgs),
    /// List customers as a table
    List(ListArgs),
    /// Find customers: exact on e-mail, phone, national id, account, code and tag;
    /// otherwise by substring, ignoring case, accents and digit script
    Search(SearchArgs),
    /// Change a customer's fields
    Edit(EditArgs),
    /// Irreversibly remove a customer
    Erase(EraseArgs),
    /// Add many customers from a CSV, JSON or JSON Lines file, all or nothing
    Import(ImportArgs),
    /// Write customers out as CSV, JSON or JSON Lines, plain or pseudonymised
    Export(ExportArgs),
    /// Write an encrypted backup archive; needs no vault passphrase
    Backup(BackupArgs),
    /// Decrypt, check and install a backup archive
    Restore(RestoreArgs),
    /// Check the vault (every seal and index) or a backup archive
    Verify(VerifyArgs),
    /// Remove personal data from files (works without a vault)
    Redact(RedactArgs),
    /// Change the passphrase (rewraps the key; nothing is re-sealed)
    Passwd(PasswdArgs),
    /// Rotate the master key: every field, index and audit entry re-sealed at once
    Rekey(RekeyArgs),
    /// Manage keyslots: passphrases, key files and recovery keys that open the vault
    #[command(subcommand)]
    Key(KeyCommand),
    /// Show the tamper-evident log of who did what (never personal data)
    Audit(AuditArgs),
    /// Manage the staff: employees with their own passphrase, who see only their own
    /// customers (staff) or every customer (managers)
    #[command(subcommand)]
    Staff(StaffCommand),
    /// Hand customers over to another employee (owner or manager)
    Reassign(ReassignArgs),
    /// Erase every customer whose retain-until date has passed
    Purge(PurgeArgs),
    /// Replace the vault's customers in files with their codes, and back with --reverse
    #[command(alias = "pseudonymize")]
    Pseudonymise(PseudonymiseArgs),
    /// Keep the vault unlocked for your next commands (any terminal of yours), until
    /// `sealbook lock` or the idle timeout
    Unlock(UnlockArgs),
    /// Forget the key an earlier `unlock` kept
    Lock,
    /// Say whether the vault is unlocked, and until when
    Status,
    /// The background agent that `unlock` starts (not for direct use)
    #[command(hide = true)]
    Agent(AgentArgs),
    /// Print shell completions
    Completions(CompletionsArgs),
    /// Print the man page (roff)
    Man,
}

#[derive(Debug, Args)]
pub struct UnlockArgs {
    /// Lock again after this long without use: 90s, 15m, 2h (at most 24h)
    #[arg(long, value_name = "DURATION", default_value = "15m", value_parser = crate::agent::parse_timeout)]
    pub timeout: std::time::Duration,
}

#[derive(Debug, Args)]
pub struct AgentArgs {
    /// The socket to listen on
    #[arg(long)]
    pub socket: PathBuf,

    /// Seconds without use before the agent locks
    #[arg(long)]
    pub idle_seconds: u64,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Argon2id memory in MiB [default: calibrated to about 0.5 s, at least 64]
    #[arg(long, value_name = "MIB")]
    pub kdf_memory: Option<u32>,

    /// Argon2id iterations [default: 3]
    #[arg(long, value_name = "N")]
    pub kdf_iterations: Option<u32>,

    /// Argon2id lanes [default: 4]
    #[arg(long, value_name = "N")]
    pub kdf_parallelism: Option<u32>,

    /// Accept a passphrase that is easy to guess
    #[arg(long)]
    pub allow_weak_passphrase: bool,
}

/// Personal fields shared by `add` and `edit`.
#[derive(Debug, Args, Default, PartialEq, Eq)]
pub struct FieldArgs {
    /// E-mail address
    #[arg(long)]
    pub email: Option<String>,

    /// Phone number; national forms need --region
    #[arg(long)]
    pub phone: Option<String>,

    /// Postal address
    #[arg(long)]
    pub address: Option<String>,

    /// Company name
    #[arg(long)]
    pub company: Option<String>,

    /// National id (PESEL, rodné číslo, SNILS, کد ملی, ...)
    #[arg(long)]
    pub national_id: Option<String>,

    /// Bank account (IBANs are checked) or card reference
    #[arg(long)]
    pub account: Option<String>,

    /// Free-text note
    #[arg(long)]
    pub note: Option<String>,

    /// Who in the business looks after this customer
    #[arg(long)]
    pub owner: Option<String>,

    /// Date after which `purge` erases the customer (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub retain_until: Option<String>,

    /// Custom field, KEY=VALUE (repeatable)
    #[arg(long = "field", value_name = "KEY=VALUE")]
    pub fields: Vec<String>,

    /// Keep a national id that fails its scheme's check digit, or a retain-until date
    /// that has passed
    #[arg(long)]
    pub force: bool,
}

impl FieldArgs {
    /// The one-value fields given, with their typed values, in record order.
    pub fn given(&self) -> Vec<(Field, &str)> {
        [
            (Field::Email, &self.email),
            (Field::Phone, &self.phone),
            (Field::Address, &self.address),
            (Field::Company, &self.company),
            (Field::NationalId, &self.national_id),
            (Field::Account, &self.account),
            (Field::Notes, &self.note),
            (Field::Owner, &self.owner),
            (Field::RetainUntil, &self.retain_until),
        ]
        .into_iter()
        .filter_map(|(field, value)| Some((field, value.as_deref()?)))
        .collect()
    }
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Full name
    #[arg(long)]
    pub name: String,

    #[command(flatten)]
    pub fields: FieldArgs,

    /// Tag (repeatable)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The customer: a code (C-7K3M9Q2X), an exact e-mail, phone, national id or
    /// account, or words that match only them
    #[arg(value_name = "CUSTOMER")]
    pub code: String,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only customers with this tag
    #[arg(long)]
    pub tag: Option<String>,

    /// Only customers looked after by this owner
    #[arg(long)]
    pub owner: Option<String>,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to look for: an e-mail, a phone number, a code, or any words
    pub query: String,

    /// Search only this field
    #[arg(long = "in", value_name = "FIELD", value_enum)]
    pub field: Option<SearchField>,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// The customer: a code (C-7K3M9Q2X), an exact e-mail, phone, national id or
    /// account, or words that match only them
    #[arg(value_name = "CUSTOMER")]
    pub code: String,

    /// New full name
    #[arg(long)]
    pub name: Option<String>,

    #[command(flatten)]
    pub fields: FieldArgs,

    /// Add a tag (repeatable)
    #[arg(long, value_name = "TAG")]
    pub add_tag: Vec<String>,

    /// Remove a tag (repeatable)
    #[arg(long, value_name = "TAG")]
    pub remove_tag: Vec<String>,

    /// Remove a custom field (repeatable)
    #[arg(long, value_name = "KEY")]
    pub unset_field: Vec<String>,

    /// Clear a field: email, phone, address, company, national-id, account, note,
    /// owner or retain-until (repeatable)
    #[arg(long, value_name = "FIELD", value_enum)]
    pub clear: Vec<ClearableField>,
}

#[derive(Debug, Args)]
pub struct EraseArgs {
    /// The customer: a code (C-7K3M9Q2X), an exact e-mail, phone, national id or
    /// account, or words that match only them
    #[arg(value_name = "CUSTOMER")]
    pub code: String,

    /// Do not ask for confirmation (needed when there is no terminal)
    #[arg(long, short)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
#[command(group(
    clap::ArgGroup::new("archive_key")
        .required(true)
        .args(["recipients", "recipients_files", "passphrase"])
))]
pub struct BackupArgs {
    /// Directory to write the archive into (sealbook-VAULTID-YYYYMMDDTHHMMSSZ.age)
    #[arg(long, value_name = "DIR")]
    pub to: PathBuf,

    /// Encrypt to this age recipient, age1… (repeatable)
    #[arg(short = 'r', long = "recipient", value_name = "RECIPIENT")]
    pub recipients: Vec<String>,

    /// Encrypt to the recipients listed in this file, one per line (repeatable)
    #[arg(short = 'R', long = "recipients-file", value_name = "PATH")]
    pub recipients_files: Vec<PathBuf>,

    /// Encrypt with a passphrase instead (age scrypt), read from
    /// --archive-passphrase-file, SEALBOOK_BACKUP_PASSPHRASE_FILE or the terminal
    #[arg(long, conflicts_with_all = ["recipients", "recipients_files"])]
    pub passphrase: bool,

    /// With --passphrase: read the archive passphrase from the first line of this file
    #[arg(long, value_name = "PATH", requires = "passphrase")]
    pub archive_passphrase_file: Option<PathBuf>,

    /// scrypt work factor (log2 N) for --passphrase archives
    #[arg(long, value_name = "N", default_value_t = crate::backup::DEFAULT_WORK_FACTOR,
          value_parser = clap::value_parser!(u8).range(10..=22), requires = "passphrase")]
    pub work_factor: u8,

    /// After writing, keep the newest N archives of this vault in DIR and delete its
    /// older ones (other vaults' archives and other files are never touched)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub keep: Option<u32>,

    /// Keep the newest archive of each of the last N days that have one
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub keep_daily: Option<u32>,

    /// Keep the newest archive of each of the last N ISO weeks that have one
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub keep_weekly: Option<u32>,

    /// Keep the newest archive of each of the last N months that have one
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub keep_monthly: Option<u32>,
}

/// How an archive is opened: age identity files or the archive's passphrase.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("opening_key").args(["identities", "passphrase"])))]
pub struct ArchiveKeyArgs {
    /// age identity file (from age-keygen) that opens the archive (repeatable)
    #[arg(short = 'i', long = "identity", value_name = "PATH")]
    pub identities: Vec<PathBuf>,

    /// The archive was encrypted with a passphrase: read it from
    /// --archive-passphrase-file, SEALBOOK_BACKUP_PASSPHRASE_FILE or the terminal
    #[arg(long)]
    pub passphrase: bool,

    /// With --passphrase: read the archive passphrase from the first line of this file
    #[arg(long, value_name = "PATH", requires = "passphrase")]
    pub archive_passphrase_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Needs the archive's age identity (or its passphrase) and the vault \
passphrase: before it is installed, the restored vault is unlocked to add the replaced \
vault's audit entries and the restore to its log, and to erase again, from registers the \
vault's key proves, the customers erased since the backup."
)]
pub struct RestoreArgs {
    /// The archive to restore
    pub archive: PathBuf,

    #[command(flatten)]
    pub key: ArchiveKeyArgs,

    /// Where to install the vault [default: the --vault path]
    #[arg(long, value_name = "PATH")]
    pub to: Option<PathBuf>,

    /// Replace an existing vault, keeping it as VAULT.before-restore
    #[arg(long)]
    pub force: bool,
}

/// Where a new passphrase comes from, for `passwd` and `key add`.
#[derive(Debug, Args)]
pub struct NewPassphraseArgs {
    /// Read the new passphrase from the first line of this file
    #[arg(
        long,
        env = "SEALBOOK_NEW_PASSPHRASE_FILE",
        hide_env_values = true,
        value_name = "PATH"
    )]
    pub new_passphrase_file: Option<PathBuf>,

    /// Accept a new passphrase that is easy to guess
    #[arg(long)]
    pub allow_weak_passphrase: bool,
}

#[derive(Debug, Args)]
#[command(
    after_help = "The new passphrase is typed twice on the terminal, or read from \
--new-passphrase-file or SEALBOOK_NEW_PASSPHRASE."
)]
pub struct PasswdArgs {
    #[command(flatten)]
    pub new: NewPassphraseArgs,
}

#[derive(Debug, Args)]
pub struct RekeyArgs {
    /// Keep this keyslot (see `sealbook key list`) under the new key. Its passphrase or
    /// recovery key is asked for on the terminal, or read from the first line of FILE
    /// with SLOT=FILE; a slot that needs a key file uses --key-file (repeatable)
    #[arg(long = "keep-slot", value_name = "SLOT[=FILE]")]
    pub keep_slots: Vec<String>,

    /// Print a new recovery key (a new slot under the new master key), e.g. to replace
    /// a paper recovery key that is dropped
    #[arg(long)]
    pub new_recovery: bool,

    /// Rekey even though slots not kept will be dropped
    #[arg(long, short)]
    pub yes: bool,
}

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// List the keyslots
    List,
    /// Add a keyslot: a passphrase (with --key-file, a new key file too), or --recovery
    #[command(
        after_help = "With --key-file PATH, a new 32-byte key file is created at PATH \
(mode 0600; an existing file is never overwritten) and the new slot needs it together with \
the new passphrase. The vault itself is unlocked as usual; give the key file of the slot \
you unlock with as --unlock-key-file (a key file set only in SEALBOOK_KEY_FILE is taken as \
that one)."
    )]
    Add(KeyAddArgs),
    /// Remove a keyslot (never the last one, nor the one in use)
    Remove(KeyRemoveArgs),
}

#[derive(Debug, Args)]
pub struct KeyAddArgs {
    /// Print a new recovery key once, to write on paper; it opens the vault wherever a
    /// passphrase is accepted
    #[arg(long, conflicts_with = "new_passphrase_file")]
    pub recovery: bool,

    /// A name for the slot, shown by `key list`
    #[arg(long)]
    pub label: Option<String>,

    /// The key file of the slot that unlocks the vault for this command
    #[arg(long, value_name = "PATH")]
    pub unlock_key_file: Option<PathBuf>,

    /// The new slot needs no key file, even though the slot you unlock with does (by
    /// default a new passphrase slot then needs that same key file too)
    #[arg(long, conflicts_with = "recovery")]
    pub no_key_file: bool,

    #[command(flatten)]
    pub new: NewPassphraseArgs,
}

#[derive(Debug, Args)]
pub struct KeyRemoveArgs {
    /// The slot number, from `sealbook key list`
    pub id: i64,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Check every entry's MAC and the entry count; exit 5 naming the first bad entry
    #[arg(long)]
    pub verify: bool,

    /// Only entries about this customer code
    #[arg(long, value_name = "CODE", conflicts_with = "verify")]
    pub customer: Option<String>,

    /// Only the newest N entries
    #[arg(long, value_name = "N", conflicts_with = "verify")]
    pub last: Option<u64>,

    /// Only entries of this employee ("owner" for the owner's own)
    #[arg(long, value_name = "NAME", conflicts_with = "verify")]
    pub staff: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Put an employee on the staff (owner only); they type their own passphrase at
    /// this terminal, or it is read from --new-passphrase-file
    #[command(
        after_help = "A staff member sees, searches, lists and exports only the \
customers assigned to them, adds customers (assigned to themselves) and edits their \
contact details and notes. They can record a national id or an account number, but never \
read one back: these are sealed for the owner and managers. A manager sees every customer \
and field, and reassigns and erases customers; only the owner manages staff, keys, \
restores and purges. Employees unlock with `--as NAME` (or SEALBOOK_AS=NAME)."
    )]
    Add(StaffAddArgs),
    /// List the staff: roles, customers held, last activity
    List,
    /// An employee's departure (owner only): their customers go to another employee,
    /// their slot is removed, and nothing written afterwards opens with their keys
    Remove(StaffRemoveArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StaffRole {
    /// Sees and edits only their own customers; records national ids and accounts
    /// without reading them
    Staff,
    /// Sees every customer and field; reassigns and erases customers
    Manager,
}

#[derive(Debug, Args)]
pub struct StaffAddArgs {
    /// The employee's name, as the audit log and `--as` name them
    pub name: String,

    /// What they may do
    #[arg(long, value_enum, default_value = "staff")]
    pub role: StaffRole,

    /// An existing key file the employee's slot requires besides their passphrase
    #[arg(long, value_name = "PATH")]
    pub employee_key_file: Option<PathBuf>,

    #[command(flatten)]
    pub new: NewPassphraseArgs,
}

#[derive(Debug, Args)]
pub struct StaffRemoveArgs {
    /// The employee who leaves
    pub name: String,

    /// Who takes over their customers ("owner" for the owner)
    #[arg(long, value_name = "NAME")]
    pub reassign_to: String,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("which").required(true).args(["codes", "from"])))]
pub struct ReassignArgs {
    /// Codes of the customers to hand over
    pub codes: Vec<String>,

    /// Hand over every customer of this employee
    #[arg(long, value_name = "NAME", conflicts_with = "codes")]
    pub from: Option<String>,

    /// The employee who takes them over ("owner" for the owner)
    #[arg(long, value_name = "NAME")]
    pub to: String,
}

#[derive(Debug, Args)]
pub struct PurgeArgs {
    /// List who would be erased, and erase nobody
    #[arg(long)]
    pub dry_run: bool,

    /// Erase without asking (needed when there is no terminal)
    #[arg(long, short)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Check this backup archive instead of the vault
    #[arg(requires = "opening_key")]
    pub archive: Option<PathBuf>,

    #[command(flatten)]
    pub key: ArchiveKeyArgs,

    /// With ARCHIVE: also unlock the archived vault and open every seal in it
    /// (automatic when a vault passphrase source is set)
    #[arg(long, requires = "archive")]
    pub full: bool,
}

#[derive(Debug, Args)]
#[command(after_long_help = REDACT_KINDS)]
// Each bool is an on/off flag the user types.
#[allow(clippy::struct_excessive_bools)]
pub struct RedactArgs {
    /// Files or directories to redact; - reads standard input
    #[arg(required = true, value_name = "PATH")]
    pub inputs: Vec<PathBuf>,

    /// Where to write: a file, or a directory mirrored file by file [default: standard
    /// output, for one file]
    #[arg(short = 'o', long = "output", value_name = "OUT",
          conflicts_with_all = ["in_place", "check"])]
    pub output: Option<PathBuf>,

    /// Replace each file with its redacted version (atomically, permissions kept)
    #[arg(long, conflicts_with = "check")]
    pub in_place: bool,

    /// Look only for these kinds (comma-separated)
    #[arg(long, value_name = "KINDS", value_delimiter = ',')]
    pub only: Vec<String>,

    /// Do not look for these kinds (comma-separated)
    #[arg(long, value_name = "KINDS", value_delimiter = ',')]
    pub skip: Vec<String>,

    /// Regions whose national phone formats are found without a keyword (comma-separated
    /// two-letter codes; default PL,CZ,RU,IR,DE,GB,US plus --region). Numbers of other
    /// regions are found after a phone keyword or with an international prefix
    #[arg(long, value_name = "CODES", value_delimiter = ',')]
    pub regions: Vec<String>,

    /// How to replace what is found
    #[arg(long, value_enum, default_value = "label")]
    pub style: crate::privacy::rewrite::Style,

    /// Write nothing; exit 6 when anything is found, 0 when clean
    #[arg(long)]
    pub check: bool,

    /// Write a JSON report of what was found where (never the values); - for stdout
    #[arg(long, value_name = "PATH")]
    pub report: Option<PathBuf>,

    /// Also find the vault's own customers by name, e-mail, phone, national id and
    /// account (unlocks the vault)
    #[arg(long)]
    pub known_customers: bool,

    /// Replace output files (-o, --report) that exist already
    #[arg(long)]
    pub force: bool,

    /// Files that cannot be read or rewritten (binary, unreadable, not a regular file)
    /// are listed but do not make the run fail
    #[arg(long)]
    pub skip_unsupported: bool,
}

#[derive(Debug, Args)]
#[command(after_long_help = PSEUDONYMISE_HELP)]
// Each bool is an on/off flag the user types.
#[allow(clippy::struct_excessive_bools)]
pub struct PseudonymiseArgs {
    /// Files or directories; - reads standard input
    #[arg(required = true, value_name = "PATH")]
    pub inputs: Vec<PathBuf>,

    /// Where to write: a file, or a directory mirrored file by file [default: standard
    /// output, for one file]
    #[arg(
        short = 'o',
        long = "output",
        value_name = "OUT",
        conflicts_with = "in_place"
    )]
    pub output: Option<PathBuf>,

    /// Replace each file with its rewritten version (atomically, permissions kept)
    #[arg(long)]
    pub in_place: bool,

    /// Put the identities back: replace tokens with the vault's current values
    #[arg(long)]
    pub reverse: bool,

    /// Replace output files (-o, --report) that exist already
    #[arg(long)]
    pub force: bool,

    /// Files that cannot be read or rewritten (binary, unreadable, not a regular file)
    /// are listed but do not make the run fail
    #[arg(long)]
    pub skip_unsupported: bool,

    /// How tokens are written; {code} and {field} are filled in
    #[arg(long, value_name = "FORMAT", default_value = crate::privacy::code_token::DEFAULT_TOKEN)]
    pub token: String,

    /// Write a JSON report of what was replaced where (never the values); - for stdout
    #[arg(long, value_name = "PATH")]
    pub report: Option<PathBuf>,
}

/// The long help of `pseudonymise`.
pub const PSEUDONYMISE_HELP: &str = "Finds the vault's customers by full name (also \
surname first, and initial with surname), e-mail, phone (any formatting, national or \
international), national id and account, ignoring case, accents, digit script and spacing, \
in Latin, Cyrillic and Persian script. Inflected surnames (Nováka, Kowalskiego, Петрова) \
are found too and counted apart, as lower confidence. A surname alone is not replaced.
The output is scanned again before it is kept: a known value left in it is an error \
(exit 1) and nothing is written. --reverse writes each field's current value (not the \
spelling the text had); a token of an erased customer stays a token and is counted as \
unknown_token.";

/// The kinds `redact` knows, for its long help.
pub const REDACT_KINDS: &str = "Kinds: email, phone, card, iban, pl_pesel, pl_nip, pl_regon, \
cz_rodne_cislo, cz_ico, ru_inn, ru_snils, ru_ogrn, ir_national_id, us_ssn, ip.
Each is validated (check digits, real dates, issuer ranges), not just matched by shape.
National phone numbers are read in PL, CZ, RU, IR, DE, GB, US and --region; numbers
without + need a word such as \"tel\" before them or a leading 0 to count as phones.";

fn parse_delimiter(text: &str) -> Result<u8, String> {
    match text {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        _ if text.len() == 1 && text.is_ascii() && !text.as_bytes()[0].is_ascii_alphanumeric() => {
            Ok(text.as_bytes()[0])
        }
        _ => Err("give one character such as , or ; (or tab)".into()),
    }
}

// Each bool is one of the user's flags.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file to import; - reads standard input
    pub file: PathBuf,

    /// The file's format [default: from its extension, else from its first bytes]
    #[arg(long, value_enum)]
    pub format: Option<crate::transfer::Format>,

    /// The file's text encoding, e.g. windows-1250 (cp1250), windows-1251, windows-1256,
    /// utf-16le [default: detected: UTF-8 or UTF-16 by their marks, else the Windows code
    /// page the text reads best in]
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,

    /// The CSV delimiter: `,`, `;` or `tab` [default: the one the header line uses]
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,

    /// Keep national ids that fail their scheme's check digit, and retain-until dates
    /// that have passed, as the file has them
    #[arg(long)]
    pub force: bool,

    /// Check every row and report what would happen, but write nothing
    #[arg(long)]
    pub dry_run: bool,

    /// A column that is no known field is an error, not a custom field
    #[arg(long)]
    pub strict: bool,

    /// What to do with a row that matches a customer already in the vault (see --match).
    /// `update` changes only the fields the row carries: empty cells keep what is
    /// stored, tags are added, custom fields merge by key
    #[arg(long, value_enum, default_value = "error")]
    pub on_duplicate: crate::vault::OnDuplicate,

    /// Which values match a row to an existing customer, in order of preference. Phones
    /// are not matched unless named: people who share one are still two customers. A
    /// row whose values match two different customers is an error
    #[arg(
        long = "match",
        value_enum,
        value_delimiter = ',',
        value_name = "KEYS",
        default_value = "email,national-id"
    )]
    pub match_keys: Vec<crate::vault::MatchKey>,

    /// With --on-duplicate update, the row's tags replace the customer's instead of
    /// being added to them
    #[arg(long)]
    pub replace_tags: bool,
}

#[derive(Debug, Args)]
// Each bool is an on/off flag the user types.
#[allow(clippy::struct_excessive_bools)]
pub struct ExportArgs {
    /// Output format [default: from --output's extension, else csv]
    #[arg(long, value_enum)]
    pub format: Option<crate::transfer::Format>,

    /// Write to this file (created 0600) instead of standard output
    #[arg(long, short = 'o', value_name = "PATH")]
    pub output: Option<PathBuf>,

    /// Replace an existing --output file
    #[arg(long, requires = "output")]
    pub force: bool,

    /// Only these columns, comma-separated (e.g. code,name,email)
    #[arg(long, value_name = "F,...", value_delimiter = ',')]
    pub fields: Vec<String>,

    /// Replace every personal value, the code, each tag and each custom field's name
    /// with a keyed token (same value, same token); dates keep only their month
    #[arg(long)]
    pub pseudonymise: bool,

    /// With --pseudonymise: use a fresh key, so tokens match no other export
    #[arg(long, requires = "pseudonymise")]
    pub unlinkable: bool,

    /// Only customers with this tag
    #[arg(long)]
    pub tag: Option<String>,

    /// Only customers looked after by this owner
    #[arg(long)]
    pub owner: Option<String>,

    /// Only customers that `sealbook search QUERY` finds
    #[arg(long, value_name = "QUERY")]
    pub search: Option<String>,

    /// CSV only: write cells that start with = + - @ tab or carriage return as they
    /// are. By default they get a leading ' so a spreadsheet shows them as text instead
    /// of running them as formulas; import removes that ' again
    #[arg(long)]
    pub allow_formulas: bool,

    /// For spreadsheets: CSV with a UTF-8 byte-order mark, `;` between cells where your
    /// region or locale writes decimals with a comma, and each custom field in a column
    /// of its own (`field:vat`)
    #[arg(long, conflicts_with_all = ["pseudonymise", "format"])]
    pub excel: bool,

    /// Everything the vault holds about one customer, as JSON (a subject access request)
    #[arg(long, value_name = "CODE", conflicts_with_all = ["pseudonymise", "tag", "owner", "search", "fields"])]
    pub subject: Option<String>,
}
