//! Adding, showing, editing, listing and erasing customers.

mod common;

use common::Sandbox;
use serde_json::json;

#[test]
fn add_prints_a_code_and_show_returns_every_field() {
    let sandbox = Sandbox::with_vault();
    let code = sandbox.add(&[
        "--name",
        " Jan Novák ",
        "--email",
        "Jan.Novak+x@Firma.CZ",
        "--phone",
        "601-234-567",
        "--region",
        "PL",
        "--address",
        "Dlouhá 5, Praha",
        "--company",
        "Firma s.r.o.",
        "--national-id",
        "710319/2745",
        "--account",
        "CZ65 0800 0000 1920 0014 5399",
        "--note",
        "prefers e-mail",
        "--tag",
        "VIP",
        "--tag",
        "wholesale",
        "--field",
        "vat=CZ25596641",
        "--field",
        "since=2019",
        "--owner",
        "Eva",
        "--retain-until",
        "2031-12-31",
    ]);
    assert!(
        code.len() == 10
            && code.starts_with("C-")
            && code[2..]
                .chars()
                .all(|c| "0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains(c)),
        "{code}"
    );
    let mut shown = sandbox.json(&["show", &code]);
    let created = shown["created"].take();
    let updated = shown["updated"].take();
    assert_eq!(created, updated);
    assert!(created.as_str().unwrap().ends_with('Z'));
    assert_eq!(
        shown,
        json!({
            "code": code,
            "name": "Jan Novák",
            "email": "jan.novak+x@firma.cz",
            "phone": "+48601234567",
            "address": "Dlouhá 5, Praha",
            "company": "Firma s.r.o.",
            "national_id": "710319/2745",
            "account": "CZ65 0800 0000 1920 0014 5399",
            "notes": "prefers e-mail",
            "tags": ["VIP", "wholesale"],
            "fields": {"since": "2019", "vat": "CZ25596641"},
            "owner": "Eva",
            "retain_until": "2031-12-31",
            "created": null,
            "updated": null,
        })
    );
}

#[test]
fn add_with_json_prints_the_new_record() {
    let sandbox = Sandbox::with_vault();
    let added = sandbox.json(&["add", "--name", "Eva Malá"]);
    assert_eq!(added["name"], "Eva Malá");
    assert_eq!(added["email"], serde_json::Value::Null);
    assert_eq!(added["tags"], json!([]));
    let code = added["code"].as_str().unwrap();
    assert_eq!(sandbox.json(&["show", code]), added);
}

#[test]
fn codes_are_unique_and_accepted_in_any_case() {
    let sandbox = Sandbox::with_vault();
    let codes: Vec<String> = (0..20)
        .map(|i| sandbox.add(&["--name", &format!("Customer {i}")]))
        .collect();
    let mut unique = codes.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 20);
    let lower = codes[0].to_lowercase();
    assert_eq!(sandbox.json(&["show", &lower])["code"], codes[0].as_str());
}

#[test]
fn edit_changes_only_what_is_named() {
    let sandbox = Sandbox::with_vault();
    let code = sandbox.add(&[
        "--name",
        "Jan Novák",
        "--email",
        "jan@firma.cz",
        "--tag",
        "vip",
        "--tag",
        "new",
        "--field",
        "vat=1",
        "--field",
        "size=L",
        "--company",
        "Firma",
    ]);
    sandbox
        .cmd()
        .args([
            "edit",
            &code,
            "--name",
            "Jan Nový",
            "--add-tag",
            "gold",
            "--remove-tag",
            "VIP",
        ])
        .args([
            "--unset-field",
            "size",
            "--field",
            "vat=2",
            "--clear",
            "company",
        ])
        .assert()
        .success();
    let shown = sandbox.json(&["show", &code]);
    assert_eq!(shown["name"], "Jan Nový");
    assert_eq!(shown["email"], "jan@firma.cz");
    assert_eq!(shown["company"], serde_json::Value::Null);
    assert_eq!(shown["tags"], json!(["new", "gold"]));
    assert_eq!(shown["fields"], json!({"vat": "2"}));
    assert_ne!(shown["created"], serde_json::Value::Null);
    // The blind indexes follow the edit.
    assert!(sandbox.codes(&["search", "vip"]).is_empty());
    assert_eq!(sandbox.codes(&["search", "gold"]), vec![code.clone()]);
    assert_eq!(sandbox.codes(&["search", "nový"]), vec![code]);
}

#[test]
fn tags_cannot_hold_the_separators_files_use() {
    let sandbox = Sandbox::with_vault();
    for tag in ["a,b", "a;b"] {
        sandbox
            .cmd()
            .args(["add", "--name", "Jan", "--tag", tag])
            .assert()
            .code(1)
            .stderr(predicates::str::contains("comma or semicolon"));
    }
}

#[test]
fn edit_without_changes_is_a_usage_error() {
    let sandbox = Sandbox::with_vault();
    let code = sandbox.add(&["--name", "Jan"]);
    sandbox.cmd().args(["edit", &code]).assert().code(2);
}

#[test]
fn list_filters_by_tag_and_owner() {
    let sandbox = Sandbox::with_vault();
    let a = sandbox.add(&["--name", "A", "--tag", "VIP", "--owner", "Eva"]);
    let b = sandbox.add(&["--name", "B", "--tag", "vip"]);
    let c = sandbox.add(&["--name", "C", "--owner", "eva"]);
    assert_eq!(
        sandbox.codes(&["list"]),
        vec![a.clone(), b.clone(), c.clone()]
    );
    assert_eq!(sandbox.codes(&["list", "--tag", "vip"]), vec![a.clone(), b]);
    assert_eq!(
        sandbox.codes(&["list", "--owner", "EVA"]),
        vec![a.clone(), c]
    );
    assert_eq!(
        sandbox.codes(&["list", "--tag", "Vip", "--owner", "Eva"]),
        vec![a]
    );
    assert!(sandbox.codes(&["list", "--tag", "nobody"]).is_empty());
}

#[test]
fn list_table_shows_customers_and_strips_terminal_escapes() {
    let sandbox = Sandbox::with_vault();
    // Control characters are refused at the door...
    sandbox
        .cmd()
        .args(["add", "--name", "Eve \u{1b}[31mRed"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("control characters"));
    // ...and a bidi override, which is printable, is neutralised when shown.
    sandbox.add(&[
        "--name",
        "Eve Red\u{202e}txet",
        "--email",
        "eve@example.com",
    ]);
    let out = sandbox.cmd().arg("list").assert().success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("eve@example.com"), "{stdout}");
    assert!(
        !stdout.contains('\u{1b}'),
        "escape reached the terminal: {stdout:?}"
    );
    assert!(
        !stdout.contains('\u{202e}'),
        "bidi override reached the terminal"
    );
}

#[test]
fn erase_removes_the_customer() {
    let sandbox = Sandbox::with_vault();
    let gone = sandbox.add(&[
        "--name",
        "Gone",
        "--email",
        "gone@example.com",
        "--tag",
        "x",
    ]);
    let kept = sandbox.add(&["--name", "Kept", "--tag", "x"]);
    let erased = sandbox.json(&["erase", &gone, "--yes"]);
    assert_eq!(erased, json!({"erased": gone}));
    assert_eq!(sandbox.codes(&["list"]), vec![kept.clone()]);
    assert_eq!(sandbox.codes(&["search", "x"]), vec![kept]);
    assert!(sandbox.codes(&["search", "gone@example.com"]).is_empty());
    sandbox
        .cmd()
        .args(["erase", &gone, "--yes"])
        .assert()
        .code(4);
}

#[test]
fn erase_without_a_terminal_needs_yes() {
    let sandbox = Sandbox::with_vault();
    let code = sandbox.add(&["--name", "Jan"]);
    sandbox
        .cmd()
        .args(["erase", &code])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--yes"));
    sandbox.cmd().args(["show", &code]).assert().success();
}

#[test]
fn global_options_work_after_the_subcommand() {
    let sandbox = Sandbox::with_vault();
    let code = sandbox.add(&["--name", "Jan Novák"]);
    let out = sandbox
        .bare_cmd()
        .args(["search", "novak", "--json", "--vault"])
        .arg(sandbox.vault())
        .env("SEALBOOK_PASSPHRASE", common::PASSPHRASE)
        .assert()
        .success();
    let found: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(found[0]["code"], code.as_str());
}

#[test]
fn default_vault_lives_in_the_xdg_data_directory() {
    let sandbox = Sandbox::new();
    let data_home = sandbox.path("xdg");
    sandbox
        .bare_cmd()
        .env("XDG_DATA_HOME", &data_home)
        .env("SEALBOOK_PASSPHRASE", common::PASSPHRASE)
        .arg("init")
        .args(common::CHEAP_KDF)
        .assert()
        .success();
    assert!(data_home.join("sealbook/vault.sealbook").is_file());
}

/// `show`, `edit` and `erase` take a code, or any exact e-mail, phone, national id or
/// account, or words that match one customer; several matches are listed (exit 8) and
/// nothing is done to any of them.
#[test]
fn show_edit_and_erase_find_a_customer_by_anything_that_names_only_them() {
    let sandbox = Sandbox::with_vault();
    let jan = sandbox.add(&[
        "--name",
        "Jan Novák",
        "--email",
        "jan@firma.cz",
        "--phone",
        "+420 601 234 567",
        "--national-id",
        "710319/2745",
    ]);
    let jana = sandbox.add(&["--name", "Jana Nováková", "--email", "jana@firma.cz"]);
    let zahra = sandbox.add(&[
        "--name",
        "زهرا رضایی",
        "--account",
        "IR062960000000100324200001",
    ]);

    // By exact e-mail (any case), phone in another form, national id without separators,
    // words that match only one customer, and a code typed in lower case.
    for typed in [
        "JAN@firma.cz",
        "601 234 567",
        "7103192745",
        "nováková",
        &jan.to_lowercase(),
    ] {
        let shown = sandbox.json(&["--region", "CZ", "show", typed]);
        let expected = if typed == "nováková" { &jana } else { &jan };
        assert_eq!(shown["code"], expected.as_str(), "{typed}");
    }
    // Persian words, and an account written with spaces.
    assert_eq!(sandbox.json(&["show", "رضایی"])["code"], zahra.as_str());
    assert_eq!(
        sandbox.json(&["show", "IR06 2960 0000 0010 0324 2000 01"])["code"],
        zahra.as_str()
    );

    // "novák" matches both Jan and Jana: listed, exit 8, and nothing changed or erased.
    let before = sandbox.json(&["list"]);
    for args in [
        vec!["show", "novák"],
        vec!["edit", "novák", "--note", "should not be written"],
        vec!["erase", "--yes", "novák"],
    ] {
        let out = sandbox.cmd().args(&args).assert().code(8);
        let stderr = common::stderr_of(&out);
        assert!(
            stderr.contains(&jan) && stderr.contains(&jana) && stderr.contains("Jana Nováková"),
            "{stderr}"
        );
        assert!(!stderr.contains(&zahra), "{stderr}");
    }
    assert_eq!(sandbox.json(&["list"]), before);

    // Nothing matches: exit 4, as for an unknown code.
    sandbox
        .cmd()
        .args(["show", "nobody@nowhere.cz"])
        .assert()
        .code(4);
    sandbox.cmd().args(["show", "C-7K3M9Q2X"]).assert().code(4);

    // Edit and erase by e-mail act on that customer only.
    sandbox
        .cmd()
        .args(["edit", "jana@firma.cz", "--note", "prefers phone"])
        .assert()
        .success();
    assert_eq!(sandbox.json(&["show", &jana])["notes"], "prefers phone");
    sandbox
        .cmd()
        .args(["erase", "--yes", "jan@firma.cz"])
        .assert()
        .success();
    sandbox.cmd().args(["show", &jan]).assert().code(4);
    assert_eq!(sandbox.codes(&["list"]).len(), 2);
}

/// Eight letters that could be read as a code ("NOVAKOVA") are looked up as words when
/// no customer has that code.
#[test]
fn a_word_that_reads_as_a_code_still_finds_by_name() {
    let sandbox = Sandbox::with_vault();
    let code = sandbox.add(&["--name", "Petra Novakova"]);
    assert_eq!(sandbox.json(&["show", "NOVAKOVA"])["code"], code.as_str());
}

/// Output people read: phones grouped as the country writes them (extension kept), notes
/// with their line breaks, and plain aligned columns with no box-drawing when stdout is
/// not a terminal (a pipe, a file, a cron mail).
#[test]
fn tables_are_plain_when_piped_and_phones_read_as_people_write_them() {
    let sandbox = Sandbox::with_vault();
    let code = sandbox.add(&[
        "--name",
        "Łukasz Wiśniewski",
        "--phone",
        "+48 601 234 567 wew. 12",
        "--note",
        "Dzwonić po 16:00.\nFaktury na adres firmy.",
    ]);
    let out = sandbox.cmd().arg("list").assert().success();
    let list = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(list.contains("+48 601 234 567 ext. 12"), "{list}");
    assert!(!list.contains(['│', '┆', '─', '═']), "{list}");
    let header = list.lines().next().unwrap();
    assert!(header.trim_start().starts_with("Code"), "{list}");
    // Columns line up: the code starts where the header's first column does.
    let row = list.lines().find(|l| l.contains(&code)).unwrap();
    assert_eq!(row.find(&code), header.find("Code"), "{list}");

    let out = sandbox.cmd().args(["show", &code]).assert().success();
    let shown = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(shown.contains("Dzwonić po 16:00.\n"), "{shown}");
    assert!(shown.contains("Faktury na adres firmy."), "{shown}");
    // JSON keeps the stored form.
    assert_eq!(
        sandbox.json(&["show", &code])["phone"],
        "+48601234567 ext. 12"
    );
}

/// Input checked where it is cheap to be right: a national id of a known scheme with a
/// wrong check digit, and a retention date that has passed, are refused unless
/// `--force`; flags that contradict each other are usage errors; removing a tag the
/// customer lacks says so.
#[test]
fn typos_and_contradictions_are_caught_at_the_door() {
    let sandbox = Sandbox::with_vault();
    let out = sandbox
        .cmd()
        .args([
            "add",
            "--name",
            "Jan Kowalski",
            "--national-id",
            "44051401358",
            "--region",
            "PL",
        ])
        .assert()
        .code(1);
    assert!(common::stderr_of(&out).contains("looks like a PESEL"));
    // Written as a Czech birth number, it is checked as one in any region.
    sandbox
        .cmd()
        .args(["add", "--name", "Jan Novák", "--national-id", "710319/2746"])
        .assert()
        .code(1);
    let kept = sandbox.add(&[
        "--name",
        "Jan Kowalski",
        "--national-id",
        "44051401358",
        "--region",
        "PL",
        "--force",
    ]);
    assert_eq!(sandbox.json(&["show", &kept])["national_id"], "44051401358");
    sandbox.add(&[
        "--name",
        "Anna Nowak",
        "--national-id",
        "44051401359",
        "--region",
        "PL",
    ]);

    let out = sandbox
        .cmd()
        .args(["edit", &kept, "--retain-until", "2001-01-01"])
        .assert()
        .code(1);
    assert!(common::stderr_of(&out).contains("purge would erase"));

    // Import rows get the same checks, and --force.
    let file = sandbox.path("ids.csv");
    std::fs::write(&file, "name,national_id\nPetr Svoboda,710319/2746\n").unwrap();
    sandbox.cmd().arg("import").arg(&file).assert().code(1);
    sandbox
        .cmd()
        .args(["import", "--force"])
        .arg(&file)
        .assert()
        .success();

    for args in [
        vec!["edit", kept.as_str(), "--clear", "note", "--note", "x"],
        vec![
            "edit",
            kept.as_str(),
            "--field",
            "vat=1",
            "--unset-field",
            "vat",
        ],
        vec![
            "edit",
            kept.as_str(),
            "--add-tag",
            "vip",
            "--remove-tag",
            "VIP",
        ],
    ] {
        sandbox.cmd().args(&args).assert().code(2);
    }
    let out = sandbox
        .cmd()
        .args(["edit", &kept, "--remove-tag", "vip"])
        .assert()
        .success();
    assert!(common::stderr_of(&out).contains("has no tag \"vip\"; no change"));
}

/// `edit CUSTOMER` with no field flags, on a terminal, opens a form: every field
/// prefilled, Enter keeps it; here only the tags are typed. (Skipped where util-linux
/// `script`, which gives the command a terminal, is missing.)
#[test]
fn edit_on_a_terminal_without_flags_opens_a_prefilled_form() {
    let sandbox = Sandbox::with_vault();
    let code = sandbox.add(&[
        "--name",
        "Anna Nowak",
        "--email",
        "anna@nowak.pl",
        "--phone",
        "+48 22 123 45 67",
    ]);
    // Ten one-value fields kept with Enter, then the tags typed.
    let typed = format!("{}gold\r", "\r".repeat(10));
    let edit = format!("edit {code}");
    let Some(out) = common::on_a_terminal(&sandbox, &edit, &typed, Some(common::PASSPHRASE)) else {
        return;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains("anna@nowak.pl"),
        "the form shows the values: {text}"
    );
    let after = sandbox.json(&["show", &code]);
    assert_eq!(after["tags"], json!(["gold"]));
    assert_eq!(after["email"], "anna@nowak.pl");
    assert_eq!(after["phone"], "+48221234567");
}

/// A confirmation answered "no" exits 1 and changes nothing; `-y` answers it in scripts.
#[test]
fn a_declined_confirmation_exits_1_and_erases_nothing() {
    let sandbox = Sandbox::with_vault();
    let code = sandbox.add(&["--name", "Jan Novák"]);
    let erase = format!("erase {code}");
    let Some(out) = common::on_a_terminal(&sandbox, &erase, "no\n", Some(common::PASSPHRASE))
    else {
        return;
    };
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    sandbox.cmd().args(["show", &code]).assert().success();
    sandbox
        .cmd()
        .args(["erase", "-y", &code])
        .assert()
        .success();
    sandbox.cmd().args(["show", &code]).assert().code(4);
}
