//! Staff with their own keys, attacked from the command line: what an employee sees,
//! what they may run, and what editing the file gets them (`docs/access.md`).

mod common;

use common::{PASSPHRASE, Sandbox, contains};

const ANNA: &str = "anna's own passphrase, four words";
const PETR: &str = "petr has a different one entirely";
const EVA: &str = "eva manages with this passphrase";

/// A vault with the owner's customer Jan, staff members Anna and Petr, a manager Eva,
/// and one customer of each staff member: Anna's with a national id and an account.
struct Shop {
    sandbox: Sandbox,
    jan: String,
    agnieszka: String,
    ivan: String,
}

impl Shop {
    fn new() -> Self {
        let sandbox = Sandbox::with_vault();
        let jan = sandbox.add(&[
            "--name",
            "Jan Novák",
            "--email",
            "jan@firma.cz",
            "--national-id",
            "7801233540",
        ]);
        for (name, role, secret) in [
            ("Anna", "staff", ANNA),
            ("Petr", "staff", PETR),
            ("Eva", "manager", EVA),
        ] {
            sandbox
                .cmd()
                .args(["staff", "add", name, "--role", role])
                .env("SEALBOOK_NEW_PASSPHRASE", secret)
                .assert()
                .success();
        }
        let shop = Self {
            sandbox,
            jan,
            agnieszka: String::new(),
            ivan: String::new(),
        };
        let agnieszka = shop.add_as(
            "Anna",
            &[
                "--name",
                "Agnieszka Kowalska",
                "--email",
                "agnieszka@wp.pl",
                "--national-id",
                "44051401359",
                "--account",
                "PL61109010140000071219812874",
            ],
        );
        let ivan = shop.add_as(
            "Petr",
            &["--name", "Иван Петров", "--phone", "+7 985 174-12-38"],
        );
        Self {
            agnieszka,
            ivan,
            ..shop
        }
    }

    /// `sealbook --as NAME` with NAME's passphrase.
    fn as_(&self, name: &str) -> assert_cmd::Command {
        let secret = match name {
            "Anna" => ANNA,
            "Petr" => PETR,
            "Eva" => EVA,
            _ => PASSPHRASE,
        };
        let mut cmd = self.sandbox.cmd();
        if name != "owner" {
            cmd.args(["--as", name]).env("SEALBOOK_PASSPHRASE", secret);
        }
        cmd
    }

    fn add_as(&self, name: &str, args: &[&str]) -> String {
        let out = self.as_(name).arg("add").args(args).assert().success();
        String::from_utf8_lossy(&out.get_output().stdout)
            .trim()
            .to_owned()
    }

    fn codes_as(&self, name: &str) -> Vec<String> {
        let out = self.as_(name).args(["list", "--json"]).assert().success();
        let list: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        let mut codes: Vec<String> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["code"].as_str().unwrap().to_owned())
            .collect();
        codes.sort();
        codes
    }

    fn staff_id(&self, name: &str) -> i64 {
        self.sandbox
            .sqlite()
            .query_row("SELECT id FROM staff WHERE name = ?1", [name], |r| r.get(0))
            .unwrap()
    }
}

/// The vault file and its write-ahead log (the shared-memory index changes on reads).
fn written_state(sandbox: &Sandbox) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut files = sandbox.vault_bytes();
    files.retain(|(path, _)| !path.to_string_lossy().ends_with("-shm"));
    files
}

fn sorted(mut codes: Vec<String>) -> Vec<String> {
    codes.sort();
    codes
}

#[test]
fn a_staff_member_sees_only_their_customers_and_never_reads_a_national_id() {
    let shop = Shop::new();
    assert_eq!(shop.codes_as("Anna"), vec![shop.agnieszka.clone()]);
    assert_eq!(shop.codes_as("Petr"), vec![shop.ivan.clone()]);
    let everyone = sorted(vec![
        shop.jan.clone(),
        shop.agnieszka.clone(),
        shop.ivan.clone(),
    ]);
    assert_eq!(shop.codes_as("owner"), everyone);
    assert_eq!(shop.codes_as("Eva"), everyone);

    // Another group's customer is not there for Anna, by code or by search.
    shop.as_("Anna").args(["show", &shop.jan]).assert().code(4);
    let found = shop
        .as_("Anna")
        .args(["search", "jan@firma.cz", "--json"])
        .assert()
        .success();
    assert_eq!(
        String::from_utf8_lossy(&found.get_output().stdout).trim(),
        "[]"
    );

    // Anna recorded a national id and an account, and cannot read either back.
    let out = shop
        .as_("Anna")
        .args(["show", &shop.agnieszka, "--json"])
        .assert()
        .success();
    let shown: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(shown["name"], "Agnieszka Kowalska");
    assert!(shown["national_id"].is_null() && shown["account"].is_null());
    assert_eq!(
        shown["sealed_for_owner"],
        serde_json::json!(["national_id", "account"])
    );
    let text = shop
        .as_("Anna")
        .args(["show", &shop.agnieszka])
        .assert()
        .success();
    let text = String::from_utf8_lossy(&text.get_output().stdout).into_owned();
    assert!(text.contains("sealed for the owner") && !text.contains("44051401359"));
    // Nor find a customer by them, nor by substring.
    shop.as_("Anna")
        .args(["search", "--in", "national-id", "44051401359"])
        .assert()
        .code(7);
    let found = shop
        .as_("Anna")
        .args(["search", "4405140", "--json"])
        .assert()
        .success();
    assert_eq!(
        String::from_utf8_lossy(&found.get_output().stdout).trim(),
        "[]"
    );
    // An export of hers carries them empty.
    let out = shop
        .as_("Anna")
        .args(["export", "--format", "csv"])
        .assert()
        .success();
    assert!(!contains(&out.get_output().stdout, b"44051401359"));

    // The owner and the manager read them, and find the customer by them.
    for who in ["owner", "Eva"] {
        let out = shop
            .as_(who)
            .args(["search", "--in", "national-id", "44051401359", "--json"])
            .assert()
            .success();
        let hits: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        assert_eq!(hits[0]["code"], shop.agnieszka.as_str(), "{who}");
        assert_eq!(hits[0]["account"], "PL61109010140000071219812874", "{who}");
    }
    // Anna edits the contact details; the values sealed for the owner stay.
    shop.as_("Anna")
        .args(["edit", &shop.agnieszka, "--phone", "+48 601 234 567"])
        .assert()
        .success();
    let owner_view = shop.sandbox.json(&["show", &shop.agnieszka]);
    assert_eq!(owner_view["national_id"], "44051401359");
    assert_eq!(owner_view["phone"], "+48601234567");
    // Nothing of it in clear in the file.
    for (_, bytes) in shop.sandbox.vault_bytes() {
        for secret in [
            "Agnieszka",
            "44051401359",
            "PL61109010140000071219812874",
            "Иван",
        ] {
            assert!(!contains(&bytes, secret.as_bytes()), "{secret} in clear");
        }
    }
    shop.sandbox.cmd().arg("verify").assert().success();
}

#[test]
fn every_command_a_role_may_not_run_exits_7_and_changes_nothing() {
    let shop = Shop::new();
    let before = written_state(&shop.sandbox);
    let staff_refused: &[&[&str]] = &[
        &["erase", "--yes", "C-AAAAAAAA"],
        &["purge", "--yes"],
        &["rekey"],
        &["key", "list"],
        &["verify"],
        &["staff", "list"],
        &["staff", "remove", "Petr", "--reassign-to", "Anna"],
        &["reassign", "--from", "Petr", "--to", "Anna"],
        &["unlock"],
        &["restore", "archive.age"],
    ];
    for args in staff_refused {
        let out = shop.as_("Anna").args(*args).assert().code(7);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        assert!(
            stderr.contains("not permitted for your role"),
            "{args:?}: {stderr}"
        );
        // Refused before anything was written: not even an audit entry.
        assert!(
            written_state(&shop.sandbox) == before,
            "{args:?} wrote to the vault"
        );
    }
    let manager_refused: &[&[&str]] = &[
        &["staff", "add", "Mallory"],
        &["staff", "remove", "Anna", "--reassign-to", "Eva"],
        &["rekey"],
        &["key", "add"],
        &["purge", "--yes"],
        &["unlock"],
    ];
    for args in manager_refused {
        shop.as_("Eva").args(*args).assert().code(7);
        assert!(
            written_state(&shop.sandbox) == before,
            "{args:?} wrote to the vault"
        );
    }
}

#[test]
fn a_staff_member_cannot_raise_their_rights_by_editing_the_file() {
    let shop = Shop::new();
    let anna = shop.staff_id("Anna");

    // Calling herself a manager: her slot holds no master key, and the roster is
    // authenticated under the master key.
    let db = shop.sandbox.sqlite();
    db.execute("UPDATE staff SET role = 'manager' WHERE id = ?1", [anna])
        .unwrap();
    shop.as_("Anna").arg("list").assert().code(3);
    shop.sandbox.cmd().arg("list").assert().code(5);
    db.execute("UPDATE staff SET role = 'staff' WHERE id = ?1", [anna])
        .unwrap();
    shop.sandbox.cmd().arg("list").assert().success();

    // Moving the owner's customer into her group: its seals are not under her keys.
    db.execute(
        "UPDATE customers SET grp = ?1 WHERE code = ?2",
        rusqlite::params![anna, shop.jan],
    )
    .unwrap();
    let out = shop.as_("Anna").arg("list").assert().code(5);
    assert!(!contains(&out.get_output().stdout, "Novák".as_bytes()));
    shop.sandbox.cmd().arg("verify").assert().code(5);
    db.execute("UPDATE customers SET grp = 0 WHERE code = ?1", [&shop.jan])
        .unwrap();

    // Copying her customer's sealed national id onto Petr's: it is bound to its record
    // and group, and Petr's row is bound to its own identity seals.
    db.execute(
        "UPDATE customers SET national_id =
             (SELECT national_id FROM customers WHERE code = ?1) WHERE code = ?2",
        rusqlite::params![shop.agnieszka, shop.ivan],
    )
    .unwrap();
    shop.sandbox
        .cmd()
        .args(["show", &shop.ivan])
        .assert()
        .code(5);
    shop.as_("Petr").args(["show", &shop.ivan]).assert().code(5);
}

#[test]
fn no_one_alters_or_removes_another_persons_audit_entries_unseen() {
    let shop = Shop::new();
    shop.as_("Petr")
        .args(["show", &shop.ivan])
        .assert()
        .success();
    shop.as_("Anna")
        .args(["show", &shop.agnieszka])
        .assert()
        .success();
    shop.sandbox
        .cmd()
        .args(["audit", "--verify"])
        .assert()
        .success();
    let petr = shop.staff_id("Petr");
    let intact = shop.sandbox.vault_bytes();
    let attacks = [
        // Anna removes Petr's newest entry.
        format!(
            "DELETE FROM staff_audit WHERE staff = {petr}
                 AND seq = (SELECT max(seq) FROM staff_audit WHERE staff = {petr})"
        ),
        // ... or rewrites what Petr did.
        format!("UPDATE staff_audit SET codes = '' WHERE staff = {petr} AND seq = 1"),
        // ... or the owner's entries.
        "UPDATE audit SET command = 'list' WHERE seq = 2".to_owned(),
        "DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)".to_owned(),
    ];
    for attack in attacks {
        shop.sandbox.sqlite().execute_batch(&attack).unwrap();
        shop.sandbox
            .cmd()
            .args(["audit", "--verify"])
            .assert()
            .code(5);
        // The next attack starts from the intact file.
        for (path, bytes) in &intact {
            std::fs::write(path, bytes).unwrap();
        }
    }
    shop.sandbox
        .cmd()
        .args(["audit", "--verify"])
        .assert()
        .success();

    // Every entry names who acted.
    let out = shop
        .sandbox
        .cmd()
        .args(["audit", "--staff", "Petr", "--json"])
        .assert()
        .success();
    let entries: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let entries = entries.as_array().unwrap();
    assert!(entries.len() >= 2);
    assert!(entries.iter().all(|e| e["staff"] == "Petr"));
    // A staff member sees their own entries only.
    let out = shop
        .as_("Anna")
        .args(["audit", "--json"])
        .assert()
        .success();
    let entries: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert!(
        entries
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["staff"] == "Anna")
    );
}

#[test]
fn a_departure_hands_customers_over_and_locks_the_leaver_out() {
    let shop = Shop::new();
    // The owner's customer goes to Anna first, through a manager.
    shop.as_("Eva")
        .args(["reassign", &shop.jan, "--to", "Anna"])
        .assert()
        .success();
    assert_eq!(
        shop.codes_as("Anna"),
        sorted(vec![shop.jan.clone(), shop.agnieszka.clone()])
    );
    shop.sandbox
        .cmd()
        .args(["staff", "remove", "Anna", "--reassign-to", "Petr"])
        .assert()
        .success();
    assert_eq!(
        shop.codes_as("Petr"),
        sorted(vec![
            shop.jan.clone(),
            shop.agnieszka.clone(),
            shop.ivan.clone()
        ])
    );
    let out = shop.as_("Anna").arg("list").assert().code(7);
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("removed"));
    // The moved customers keep every value, the owner's fields included.
    let moved = shop.sandbox.json(&["show", &shop.agnieszka]);
    assert_eq!(moved["account"], "PL61109010140000071219812874");
    // Her entries still verify, and the departure is in the log.
    shop.sandbox
        .cmd()
        .args(["audit", "--verify"])
        .assert()
        .success();
    shop.sandbox.cmd().arg("verify").assert().success();
    let out = shop
        .sandbox
        .cmd()
        .args(["staff", "list", "--json"])
        .assert()
        .success();
    let roster: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let anna = roster
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "Anna")
        .unwrap();
    assert!(anna["removed"].is_string());
    assert_eq!(anna["customers"], 0);
    // A name is never reused: her entries keep naming her.
    shop.sandbox
        .cmd()
        .args(["staff", "add", "Anna"])
        .env("SEALBOOK_NEW_PASSPHRASE", ANNA)
        .assert()
        .code(2);
}

#[test]
fn an_employee_changes_their_own_passphrase() {
    let shop = Shop::new();
    let new = "anna chose a brand new passphrase";
    shop.as_("Anna")
        .arg("passwd")
        .env("SEALBOOK_NEW_PASSPHRASE", new)
        .assert()
        .success();
    shop.as_("Anna").arg("list").assert().code(3);
    let out = shop
        .sandbox
        .cmd()
        .args(["--as", "Anna", "list", "--json"])
        .env("SEALBOOK_PASSPHRASE", new)
        .assert()
        .success();
    assert!(contains(
        &out.get_output().stdout,
        shop.agnieszka.as_bytes()
    ));
    // The owner's view of the roster is unchanged, and the change is in Anna's journal.
    shop.sandbox
        .cmd()
        .args(["audit", "--verify"])
        .assert()
        .success();
    let audit = shop.sandbox.json(&["audit", "--staff", "Anna"]);
    assert!(
        audit
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["command"] == "passwd")
    );
}

#[test]
fn a_vault_from_before_staff_upgrades_and_keeps_working() {
    let sandbox = Sandbox::new();
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vault-v2.sealbook");
    std::fs::create_dir_all(sandbox.vault().parent().unwrap()).unwrap();
    std::fs::copy(&fixture, sandbox.vault()).unwrap();
    let before = sandbox.json(&["list"]);
    assert!(!before.as_array().unwrap().is_empty());
    sandbox.cmd().arg("verify").assert().success();
    sandbox
        .cmd()
        .args(["staff", "add", "Anna"])
        .env("SEALBOOK_NEW_PASSPHRASE", ANNA)
        .assert()
        .success();
    assert_eq!(sandbox.json(&["list"]), before);
    sandbox.cmd().args(["audit", "--verify"]).assert().success();
}

#[test]
fn an_older_copy_of_another_group_put_back_is_found() {
    // Whoever holds an older copy of the file (no key needed) puts back Petr's group as
    // it was: his record, his rows and his journal, wiping what was written since,
    // including a customer the owner handed him.
    let shop = Shop::new();
    let petr = shop.staff_id("Petr");
    let old = shop.sandbox.path("old.sealbook");
    shop.sandbox
        .sqlite()
        .execute("VACUUM INTO ?1", [old.to_str().unwrap()])
        .unwrap();
    shop.add_as("Petr", &["--name", "Мария Петрова"]);
    shop.sandbox
        .cmd()
        .args(["reassign", &shop.jan, "--to", "Petr"])
        .assert()
        .success();
    let db = shop.sandbox.sqlite();
    db.execute("ATTACH DATABASE ?1 AS old", [old.to_str().unwrap()])
        .unwrap();
    db.execute_batch(&format!(
        "PRAGMA foreign_keys = OFF;
         DELETE FROM customer_tags WHERE customer IN (SELECT id FROM customers WHERE grp = {petr});
         DELETE FROM customer_search WHERE customer IN (SELECT id FROM customers WHERE grp = {petr});
         DELETE FROM customers WHERE grp = {petr};
         INSERT INTO customers SELECT * FROM old.customers WHERE grp = {petr};
         INSERT INTO customer_search SELECT * FROM old.customer_search
             WHERE customer IN (SELECT id FROM old.customers WHERE grp = {petr});
         DELETE FROM staff_audit WHERE staff = {petr};
         INSERT INTO staff_audit SELECT * FROM old.staff_audit WHERE staff = {petr};
         UPDATE staff_groups SET (writes, customers, journal_count, journal_head, mac) =
             (SELECT writes, customers, journal_count, journal_head, mac
              FROM old.staff_groups WHERE id = {petr}) WHERE id = {petr};"
    ))
    .unwrap();
    // Consistent for Petr himself (he holds no master key), but not for the owner.
    let out = shop.sandbox.cmd().arg("list").assert().code(5);
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("older copy"));
    shop.sandbox.cmd().arg("verify").assert().code(5);
}

#[test]
fn a_staff_member_cannot_test_guesses_of_national_ids() {
    // Anna records guesses of the owner's customer's national id, hoping someone who
    // can read them indexes them beside the real one.
    let shop = Shop::new();
    for guess in ["7801233540", "7801233551", "7801233562"] {
        shop.add_as(
            "Anna",
            &["--name", "Probe", "--national-id", guess, "--force"],
        );
    }
    shop.sandbox.cmd().arg("list").assert().success();
    shop.as_("Eva").arg("list").assert().success();
    let indexed: i64 = shop
        .sandbox
        .sqlite()
        .query_row(
            "SELECT count(*) FROM customers WHERE grp != 0 AND bi_national_id IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(indexed, 0, "a staff group's national id was indexed");
    // The owner still finds Anna's customer by a national id she recorded.
    let hits = shop
        .sandbox
        .json(&["search", "--in", "national-id", "44051401359"]);
    assert_eq!(hits[0]["code"], shop.agnieszka.as_str());
    // ... and by the id alone, written as people write it.
    let hits = shop.sandbox.json(&["search", "440514-01359"]);
    assert_eq!(hits[0]["code"], shop.agnieszka.as_str());
}

#[test]
fn a_rekey_asks_for_new_manager_slots_and_the_owner_issues_them() {
    let shop = Shop::new();
    let out = shop
        .sandbox
        .cmd()
        .args(["rekey", "--yes"])
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("manager Eva"));
    // Eva's slot held the old master key: it is gone, and she is told to ask.
    shop.as_("Eva").arg("list").assert().code(3);
    shop.sandbox
        .cmd()
        .args(["staff", "add", "Eva", "--role", "manager"])
        .env("SEALBOOK_NEW_PASSPHRASE", EVA)
        .assert()
        .success();
    assert_eq!(shop.codes_as("Eva").len(), 3);
    // Staff groups got new keys (the old master key unwrapped the old ones), delivered
    // to each staff member: Anna takes hers at her next unlock and carries on.
    let anna = shop.staff_id("Anna");
    let waiting = |id: i64| -> bool {
        shop.sandbox
            .sqlite()
            .query_row(
                "SELECT delivery IS NOT NULL FROM staff_groups WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert!(waiting(anna));
    // A delivery swapped for someone else's is refused, never used.
    let petr = shop.staff_id("Petr");
    assert!(waiting(petr));
    shop.sandbox
        .sqlite()
        .execute(
            "UPDATE staff_groups SET delivery = (SELECT delivery FROM staff_groups WHERE id = ?1)
             WHERE id = ?2",
            [anna, petr],
        )
        .unwrap();
    let out = shop.as_("Petr").arg("list").assert().code(5);
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("delivered"));
    // The review's attack: Petr's genuine group key, but an identity key of the
    // attacker's choosing beside it (both wrap inputs are public). The identity key
    // travels under the delivered group key, so this is refused too.
    let db = shop.sandbox.sqlite();
    let vault_id: Vec<u8> = db
        .query_row("SELECT value FROM meta WHERE key = 'vault_id'", [], |r| {
            r.get(0)
        })
        .unwrap();
    let vault_id: [u8; 16] = vault_id.try_into().unwrap();
    let (genuine, delivery_key): (Vec<u8>, Vec<u8>) = db
        .query_row(
            "SELECT g.delivery, s.delivery_key FROM staff_groups g JOIN staff s ON s.id = g.id
             WHERE g.id = ?1",
            [anna],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let attacker = sealbook::crypto::envelope::AgreementKey::generate();
    let id_bytes = anna.to_be_bytes();
    let forged_identity = sealbook::crypto::envelope::wrap_to(
        &delivery_key.try_into().unwrap(),
        &sealbook::crypto::envelope::SecretKey::from_bytes(attacker.public()),
        &sealbook::crypto::envelope::WrapLabel {
            vault_id: &vault_id,
            kind: "delivered identity public key",
            id: &id_bytes,
            epoch: 0,
        },
    )
    .unwrap();
    let forged = [&genuine[..genuine.len() - 72], &forged_identity[..]].concat();
    db.execute(
        "UPDATE staff_groups SET delivery = ?2 WHERE id = ?1",
        rusqlite::params![anna, forged],
    )
    .unwrap();
    shop.as_("Anna").arg("list").assert().code(5);
    db.execute(
        "UPDATE staff_groups SET delivery = ?2 WHERE id = ?1",
        rusqlite::params![anna, genuine],
    )
    .unwrap();
    assert_eq!(shop.codes_as("Anna"), vec![shop.agnieszka.clone()]);
    assert!(!waiting(anna));
    shop.as_("Anna")
        .args(["edit", &shop.agnieszka, "--note", "po rekey"])
        .assert()
        .success();
    shop.sandbox.cmd().arg("verify").assert().success();
}

#[test]
fn a_restore_keeps_what_staff_did_after_the_backup() {
    let shop = Shop::new();
    let passphrase_file = shop.sandbox.path("archive-passphrase");
    std::fs::write(&passphrase_file, "an archive passphrase of some length\n").unwrap();
    std::fs::set_permissions(
        &passphrase_file,
        std::os::unix::fs::PermissionsExt::from_mode(0o600),
    )
    .unwrap();
    std::fs::create_dir(shop.sandbox.path("nas")).unwrap();
    let out = shop
        .sandbox
        .cmd()
        .env("SEALBOOK_BACKUP_PASSPHRASE_FILE", &passphrase_file)
        .args(["backup", "--to"])
        .arg(shop.sandbox.path("nas"))
        .args(["--passphrase", "--work-factor", "10"])
        .assert()
        .success();
    let archive = String::from_utf8_lossy(&out.get_output().stdout)
        .trim()
        .to_owned();
    // After the backup, Anna reads her customer and adds one.
    shop.as_("Anna")
        .args(["show", &shop.agnieszka])
        .assert()
        .success();
    shop.add_as("Anna", &["--name", "Zofia Wiśniewska"]);
    let anna_before = shop.sandbox.json(&["audit", "--staff", "Anna"]);
    shop.sandbox
        .cmd()
        .env("SEALBOOK_BACKUP_PASSPHRASE_FILE", &passphrase_file)
        .args(["restore", &archive, "--passphrase", "--force"])
        .assert()
        .success();
    // Her entries after the backup are in the restored log, named as hers and proven
    // by her signature; the journal she had at the backup is untouched.
    let anna_after = shop.sandbox.json(&["audit", "--staff", "Anna"]);
    let commands = |entries: &serde_json::Value| -> Vec<String> {
        entries
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["command"].as_str().unwrap().to_owned())
            .collect()
    };
    let after = commands(&anna_after);
    for command in commands(&anna_before) {
        assert!(after.contains(&command), "{command} lost: {after:?}");
    }
    assert!(!after.iter().any(|c| c.contains("unverified")), "{after:?}");
    shop.sandbox
        .cmd()
        .args(["audit", "--verify"])
        .assert()
        .success();
    shop.sandbox.cmd().arg("verify").assert().success();
}
