//! One module per subcommand. Each reads top to bottom: check what the user typed, open
//! what it needs, do the work through `vault/`, `crypto/` or `privacy/`, print.

mod add;
mod audit;
mod backup;
mod completions;
mod edit;
mod erase;
pub(crate) mod export;
mod fields;
mod find;
mod form;
mod import;
mod info;
mod init;
mod key;
mod list;
mod man;
mod passwd;
mod pseudonymise;
mod purge;
mod redact;
mod rekey;
mod restore;
mod search;
mod show;
mod staff;
mod unlock;
mod verify;

use std::path::PathBuf;

use crate::backup::OpeningKey;
use zeroize::Zeroizing;

use crate::cli::{Cli, Command, GlobalArgs, KeyCommand, StaffCommand};
use crate::crypto::MasterKey;
use crate::error::{Error, Result};
use crate::passphrase;
use crate::privacy::phone::Region;
use crate::vault::{Credentials, LockedVault, Validator, Vault};

/// Runs the command the user typed.
pub fn run(cli: Cli) -> Result<()> {
    let cx = Context {
        global: cli.global,
        command: command_name(&cli.command),
    };
    match cli.command {
        Command::Init(args) => init::run(&cx, &args),
        Command::Info => info::run(&cx),
        Command::Add(args) => add::run(&cx, &args),
        Command::Show(args) => show::run(&cx, &args),
        Command::List(args) => list::run(&cx, &args),
        Command::Search(args) => search::run(&cx, &args),
        Command::Edit(args) => edit::run(&cx, &args),
        Command::Erase(args) => erase::run(&cx, &args),
        Command::Import(args) => import::run(&cx, &args),
        Command::Export(args) => export::run(&cx, &args),
        Command::Backup(args) => backup::run(&cx, &args),
        Command::Restore(args) => restore::run(&cx, &args),
        Command::Verify(args) => verify::run(&cx, &args),
        Command::Redact(args) => redact::run(&cx, &args),
        Command::Passwd(args) => passwd::run(&cx, &args),
        Command::Rekey(args) => rekey::run(&cx, &args),
        Command::Key(command) => key::run(&cx, &command),
        Command::Audit(args) => audit::run(&cx, &args),
        Command::Staff(command) => staff::run(&cx, &command),
        Command::Reassign(args) => staff::reassign(&cx, &args),
        Command::Purge(args) => purge::run(&cx, &args),
        Command::Pseudonymise(args) => pseudonymise::run(&cx, &args),
        Command::Unlock(args) => unlock::run(&cx, &args),
        Command::Lock => unlock::lock(&cx),
        Command::Status => unlock::status(&cx),
        Command::Agent(args) => unlock::serve(&args),
        Command::Completions(args) => {
            completions::run(&args);
            Ok(())
        }
        Command::Man => man::run(),
    }
}

/// The name the audit log records for a command.
fn command_name(command: &Command) -> &'static str {
    match command {
        Command::Init(_) => "init",
        Command::Info => "info",
        Command::Add(_) => "add",
        Command::Show(_) => "show",
        Command::List(_) => "list",
        Command::Search(_) => "search",
        Command::Edit(_) => "edit",
        Command::Erase(_) => "erase",
        Command::Import(_) => "import",
        Command::Export(_) => "export",
        Command::Backup(_) => "backup",
        Command::Restore(_) => "restore",
        Command::Verify(_) => "verify",
        Command::Redact(_) => "redact",
        Command::Passwd(_) => "passwd",
        Command::Rekey(_) => "rekey",
        Command::Key(KeyCommand::List) => "key list",
        Command::Key(KeyCommand::Add(_)) => "key add",
        Command::Key(KeyCommand::Remove(_)) => "key remove",
        Command::Audit(_) => "audit",
        Command::Staff(StaffCommand::Add(_)) => "staff add",
        Command::Staff(StaffCommand::List) => "staff list",
        Command::Staff(StaffCommand::Remove(_)) => "staff remove",
        Command::Reassign(_) => "reassign",
        Command::Purge(_) => "purge",
        Command::Pseudonymise(args) if args.reverse => "pseudonymise --reverse",
        Command::Pseudonymise(_) => "pseudonymise",
        Command::Unlock(_) => "unlock",
        Command::Lock => "lock",
        Command::Status => "status",
        Command::Agent(_) => "agent",
        Command::Completions(_) => "completions",
        Command::Man => "man",
    }
}

/// How many times a passphrase typed at the terminal may be tried.
const TERMINAL_TRIES: u32 = 3;

/// What every command shares: the global options and the ways to act on them.
pub struct Context {
    pub global: GlobalArgs,
    /// The command's name, as the audit log records it.
    pub command: &'static str,
}

impl Context {
    /// The vault path: `--vault`, `SEALBOOK_VAULT`, or the XDG data directory.
    pub fn vault_path(&self) -> Result<PathBuf> {
        if let Some(path) = &self.global.vault {
            if path.is_dir() {
                return Err(Error::InvalidArgument {
                    argument: "--vault".into(),
                    reason: format!(
                        "{} is a directory; give the vault file's path, e.g. {}",
                        path.display(),
                        path.join("vault.sealbook").display()
                    ),
                });
            }
            return Ok(path.clone());
        }
        let data_home = std::env::var_os("XDG_DATA_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
            .ok_or_else(|| Error::InvalidArgument {
                argument: "--vault".into(),
                reason: "neither XDG_DATA_HOME nor HOME is set; give --vault PATH".into(),
            })?;
        Ok(data_home.join("sealbook").join("vault.sealbook"))
    }

    /// The default region for phone numbers, from `--region` / `SEALBOOK_REGION`.
    pub fn region(&self) -> Result<Option<Region>> {
        match &self.global.region {
            None => Ok(None),
            Some(code) if code.trim().is_empty() => Ok(None),
            Some(code) => Region::parse(code)
                .map(Some)
                .ok_or_else(|| Error::InvalidArgument {
                    argument: "--region".into(),
                    reason: format!(
                        "'{}' is not a known two-letter country code (e.g. PL, CZ, RU, IR)",
                        crate::output::sanitize(code)
                    ),
                }),
        }
    }

    /// The validator for values typed in this command.
    pub fn validator(&self) -> Result<Validator> {
        Ok(Validator {
            region: self.region()?,
        })
    }

    /// The key that opens an archive, from `-i` files or the archive passphrase.
    pub fn opening_key(&self, args: &crate::cli::ArchiveKeyArgs) -> Result<OpeningKey> {
        if args.passphrase {
            return Ok(OpeningKey::Passphrase(passphrase::backup(
                false,
                args.archive_passphrase_file.as_deref(),
            )?));
        }
        let mut identities = Vec::new();
        for path in &args.identities {
            identities.extend(crate::backup::identities_from_file(path)?);
        }
        if identities.is_empty() {
            return Err(Error::InvalidArgument {
                argument: "-i".into(),
                reason: "give an identity file with -i, or --passphrase".into(),
            });
        }
        Ok(OpeningKey::Identities(identities))
    }

    /// Opens and unlocks the vault, asking for the passphrase only once the file is
    /// known to be a vault.
    ///
    /// A vault kept unlocked by `sealbook unlock` opens with the agent's key, with no
    /// passphrase asked.
    pub fn unlock(&self) -> Result<Vault> {
        let locked = LockedVault::open(&self.vault_path()?)?;
        // The agent holds the owner's key: an employee unlocks with their own secret.
        if self.global.as_staff.is_none()
            && let Some(key) = crate::agent::key(&locked.vault_id())
        {
            // A key that no longer opens (the vault was rekeyed, or replaced) is ignored,
            // and the passphrase asked for as usual.
            if let Ok(mut vault) = locked.unlock_with_master(MasterKey::from_bytes(&key)) {
                vault.set_command(self.command);
                return Ok(vault);
            }
        }
        self.unlock_with_secret()
    }

    /// Opens and unlocks the vault with its secret (passphrase, key file), never with
    /// the agent's key: for the commands that change keys.
    pub fn unlock_with_secret(&self) -> Result<Vault> {
        let key_file = passphrase::key_file(&self.global)?;
        self.unlock_with_key_file(key_file.as_ref())
    }

    /// Like [`Self::unlock`], with the key file (digest) given by the command.
    ///
    /// A passphrase typed at the terminal gets two more tries when it is wrong; one from
    /// a file, command or variable does not (it would be wrong again).
    pub fn unlock_with_key_file(&self, key_file: Option<&Zeroizing<[u8; 32]>>) -> Result<Vault> {
        let path = self.vault_path()?;
        let tries = if passphrase::source_configured(&self.global) || !passphrase::interactive() {
            1
        } else {
            TERMINAL_TRIES
        };
        let mut tried = 0;
        loop {
            tried += 1;
            let locked = LockedVault::open(&path)?;
            let credentials = Credentials {
                passphrase: passphrase::existing(&self.global)?,
                key_file: key_file.cloned(),
            };
            let unlocked = match &self.global.as_staff {
                Some(name) => locked.unlock_as(name, &credentials),
                None => locked.unlock(&credentials),
            };
            match unlocked {
                Err(Error::WrongPassphrase | Error::MistypedRecoveryKey) if tried < tries => {
                    eprintln!("Wrong passphrase or key file; try again.");
                }
                Err(e) => return Err(e),
                Ok(mut vault) => {
                    vault.set_command(self.command);
                    return Ok(vault);
                }
            }
        }
    }
}
