//! The hash-chained audit log: what an entry holds and how its MAC chains it to the one
//! before. Storage lives in `vault/`; this module holds no SQL.
//!
//! Each entry's MAC is an HMAC-SHA256, under the vault's audit key, over the entry's
//! sequence number, its content and the previous entry's MAC. Editing an entry breaks its
//! MAC; inserting or deleting one breaks the next entry's; cutting entries off the end
//! is caught by the count the MACed vault header records. Entries never carry personal
//! values: only the command, customer codes and counts.

use serde::Serialize;

use crate::crypto::AuditKey;

/// At most this many customer codes are listed in one entry; a bulk read or write beyond
/// it records the count alone, so one export cannot grow the log by megabytes.
pub const MAX_CODES: usize = 10_000;

/// What a command did, before it is dated and chained.
#[derive(Clone, Debug, Default)]
pub struct Event {
    /// The subcommand, e.g. `show` or `key add`.
    pub command: String,
    /// Public codes of the customers concerned (empty beyond [`MAX_CODES`]).
    pub codes: Vec<String>,
    /// Named counts, e.g. `hits` or `added`.
    pub counts: Vec<(String, u64)>,
}

impl Event {
    pub fn new(command: &str) -> Self {
        Self {
            command: command.to_owned(),
            ..Self::default()
        }
    }

    /// Names the customers concerned, unless there are more than [`MAX_CODES`].
    #[must_use]
    pub fn codes<I, S>(mut self, codes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.codes = codes
            .into_iter()
            .take(MAX_CODES + 1)
            .map(Into::into)
            .collect();
        if self.codes.len() > MAX_CODES {
            self.codes.clear();
        }
        self
    }

    #[must_use]
    pub fn count(mut self, name: &str, value: u64) -> Self {
        self.counts.push((name.to_owned(), value));
        self
    }
}

/// One stored entry of the log.
#[derive(Clone, Debug, Serialize)]
pub struct Entry {
    /// Position in the log, from 1 with no gaps.
    pub seq: u64,
    /// UTC time, `YYYY-MM-DDTHH:MM:SSZ`.
    pub at: String,
    /// The operating-system user who ran the command.
    pub user: String,
    pub command: String,
    pub codes: Vec<String>,
    pub counts: serde_json::Map<String, serde_json::Value>,
    #[serde(skip)]
    pub mac: Vec<u8>,
    /// The employee who acted, when not the owner: a manager (in the owner's chain) or
    /// a staff member (in their own journal).
    #[serde(rename = "staff", skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
}

impl Entry {
    /// Dates `event` as entry `seq` by `user`.
    pub fn new(seq: u64, at: String, user: String, event: Event) -> Self {
        let counts = event
            .counts
            .into_iter()
            .map(|(name, value)| (name, serde_json::Value::from(value)))
            .collect();
        Self {
            seq,
            at,
            user,
            command: event.command,
            codes: event.codes,
            counts,
            mac: Vec::new(),
            actor: None,
        }
    }

    /// The codes as stored: space-separated.
    pub fn codes_text(&self) -> String {
        self.codes.join(" ")
    }

    /// The counts as stored: a JSON object.
    pub fn counts_text(&self) -> String {
        serde_json::Value::Object(self.counts.clone()).to_string()
    }

    /// The MAC this entry must carry after `previous` (the previous entry's MAC, empty
    /// for the first entry).
    pub fn chain_mac(&self, key: &AuditKey, previous: &[u8]) -> [u8; 32] {
        self.with_parts(previous, |parts| key.mac(parts))
    }

    /// Checks in constant time that `self.mac` is the MAC [`Self::chain_mac`] requires.
    pub fn mac_matches(&self, key: &AuditKey, previous: &[u8]) -> bool {
        self.with_parts(previous, |parts| key.matches(parts, &self.mac))
    }

    /// What the MAC covers: the position, the previous MAC and every field.
    fn with_parts<T>(&self, previous: &[u8], use_parts: impl FnOnce(&[&[u8]]) -> T) -> T {
        let (codes, counts) = (self.codes_text(), self.counts_text());
        let seq = self.seq.to_be_bytes();
        let mut parts: Vec<&[u8]> = vec![
            &seq,
            previous,
            self.at.as_bytes(),
            self.user.as_bytes(),
            self.command.as_bytes(),
            codes.as_bytes(),
            counts.as_bytes(),
        ];
        // Entries of the owner carry no actor, and MAC as they always have.
        if let Some(actor) = &self.actor {
            parts.push(b"actor");
            parts.push(actor.as_bytes());
        }
        use_parts(&parts)
    }
}

/// The operating-system user running this process, from its real user id and never
/// from the environment (which any caller sets as it likes): `eva (uid 1000)`, or
/// `uid 1000` when the account database names no such user.
pub fn os_user() -> String {
    let uid = rustix::process::getuid().as_raw();
    match account_name(
        uid,
        &std::fs::read_to_string("/etc/passwd").unwrap_or_default(),
    ) {
        Some(name) => format!("{name} (uid {uid})"),
        None => format!("uid {uid}"),
    }
}

/// The account name of `uid` in a passwd(5) file's text.
fn account_name(uid: u32, passwd: &str) -> Option<String> {
    passwd.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        let id = fields.nth(1)?;
        (id.parse() == Ok(uid) && !name.is_empty()).then(|| name.to_owned())
    })
}

/// Where the chain first fails, as `audit --verify` reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChainFault {
    /// Entry `seq` does not carry the MAC its content and predecessor require: it was
    /// edited, inserted, or an entry before it was deleted.
    BadEntry { seq: u64 },
    /// Sequence numbers skip from `after` to `found`.
    Gap { after: u64, found: u64 },
    /// The log ends at `last` but the vault header records `recorded` entries.
    Truncated { last: u64, recorded: u64 },
    /// The log holds entries past the count the header records.
    Extra { recorded: u64, found: u64 },
}

impl std::fmt::Display for ChainFault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChainFault::BadEntry { seq } => write!(
                f,
                "audit entry {seq} fails its check: it was edited or inserted, or the entry \
                 before it was deleted"
            ),
            ChainFault::Gap { after, found } => write!(
                f,
                "audit entries {} to {} are missing (entry {after} is followed by {found})",
                after + 1,
                found - 1
            ),
            ChainFault::Truncated { last, recorded } => write!(
                f,
                "the audit log ends at entry {last} but the vault header records {recorded}: \
                 entries {} to {recorded} were deleted",
                last + 1
            ),
            ChainFault::Extra { recorded, found } => write!(
                f,
                "the audit log holds {found} entries but the vault header records {recorded}"
            ),
        }
    }
}

/// Checks a log entry by entry, in order, against the count the header records.
pub struct ChainVerifier<'k> {
    key: &'k AuditKey,
    recorded: u64,
    last_seq: u64,
    last_mac: Vec<u8>,
}

impl<'k> ChainVerifier<'k> {
    pub fn new(key: &'k AuditKey, recorded: u64) -> Self {
        Self {
            key,
            recorded,
            last_seq: 0,
            last_mac: Vec::new(),
        }
    }

    /// Checks the next entry.
    pub fn push(&mut self, entry: &Entry) -> Result<(), ChainFault> {
        if entry.seq != self.last_seq + 1 {
            return Err(if entry.seq > self.last_seq + 1 {
                ChainFault::Gap {
                    after: self.last_seq,
                    found: entry.seq,
                }
            } else {
                ChainFault::BadEntry { seq: entry.seq }
            });
        }
        if entry.seq > self.recorded {
            return Err(ChainFault::Extra {
                recorded: self.recorded,
                found: entry.seq,
            });
        }
        if !entry.mac_matches(self.key, &self.last_mac) {
            return Err(ChainFault::BadEntry { seq: entry.seq });
        }
        self.last_seq = entry.seq;
        self.last_mac.clone_from(&entry.mac);
        Ok(())
    }

    /// Ends the check: how many entries were verified.
    pub fn finish(self) -> Result<u64, ChainFault> {
        if self.last_seq < self.recorded {
            return Err(ChainFault::Truncated {
                last: self.last_seq,
                recorded: self.recorded,
            });
        }
        Ok(self.last_seq)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_user_is_named_from_the_uid_not_the_environment() {
        let passwd = "root:x:0:0:root:/root:/bin/bash\neva:x:1000:1000:Eva:/home/eva:/bin/sh\n";
        assert_eq!(account_name(1000, passwd).as_deref(), Some("eva"));
        assert_eq!(account_name(0, passwd).as_deref(), Some("root"));
        assert_eq!(account_name(1001, passwd), None);
        // Whatever $USER says, the real uid decides.
        let uid = rustix::process::getuid().as_raw();
        assert!(os_user().contains(&format!("uid {uid}")));
    }

    fn chain(key: &AuditKey, n: u64) -> Vec<Entry> {
        let mut previous = Vec::new();
        (1..=n)
            .map(|seq| {
                let event = Event::new("show").codes(["C-0000000A"]).count("hits", seq);
                let mut entry = Entry::new(seq, "2026-11-22T10:00:00Z".into(), "ada".into(), event);
                entry.mac = entry.chain_mac(key, &previous).to_vec();
                previous.clone_from(&entry.mac);
                entry
            })
            .collect()
    }

    fn verify(key: &AuditKey, entries: &[Entry], recorded: u64) -> Result<u64, ChainFault> {
        let mut verifier = ChainVerifier::new(key, recorded);
        for entry in entries {
            verifier.push(entry)?;
        }
        verifier.finish()
    }

    #[test]
    fn an_intact_chain_verifies() {
        let key = AuditKey::from_bytes([7; 32]);
        assert_eq!(verify(&key, &chain(&key, 5), 5), Ok(5));
        assert_eq!(verify(&key, &[], 0), Ok(0));
    }

    #[test]
    fn every_kind_of_tampering_is_named() {
        let key = AuditKey::from_bytes([7; 32]);
        let entries = chain(&key, 5);

        let mut edited = entries.clone();
        edited[2].codes = vec!["C-0000000B".into()];
        assert_eq!(
            verify(&key, &edited, 5),
            Err(ChainFault::BadEntry { seq: 3 })
        );

        let mut deleted = entries.clone();
        deleted.remove(1);
        assert_eq!(
            verify(&key, &deleted, 5),
            Err(ChainFault::Gap { after: 1, found: 3 })
        );

        assert_eq!(
            verify(&key, &entries[..3], 5),
            Err(ChainFault::Truncated {
                last: 3,
                recorded: 5
            })
        );
        assert_eq!(
            verify(&key, &entries, 4),
            Err(ChainFault::Extra {
                recorded: 4,
                found: 5
            })
        );
        // A whole log made under another key.
        assert_eq!(
            verify(&AuditKey::from_bytes([8; 32]), &entries, 5),
            Err(ChainFault::BadEntry { seq: 1 })
        );
    }
}
