//! `import` and `export`: round trips, CSV edge cases, all-or-nothing imports,
//! pseudonymised exports and subject access requests.

mod common;

use std::fmt::Write;
use std::os::unix::fs::PermissionsExt;

use common::{Sandbox, contains, stderr_of};

fn fill(sandbox: &Sandbox) {
    sandbox.add(&[
        "--name",
        "Novák, Jan \"Honza\"",
        "--email",
        "jan@firma.cz",
        "--phone",
        "+420 601 123 456",
        "--address",
        "Dlouhá 5\nPraha 1",
        "--company",
        "Firma, s.r.o.",
        "--national-id",
        "710319/2745",
        "--account",
        "CZ65 0800 0000 1920 0014 5399",
        "--note",
        "line one\r\nline two, with comma",
        "--tag",
        "vip",
        "--tag",
        "velkoobchod",
        "--field",
        "vat=CZ25596641",
        "--field",
        "size=L",
        "--owner",
        "Eva",
        "--retain-until",
        "2031-12-31",
    ]);
    sandbox.add(&["--name", "Мария Петрова", "--email", "maria@pochta.ru"]);
    sandbox.add(&[
        "--name",
        "علی رضایی",
        "--phone",
        "+98 912 345 6789",
        "--note",
        "مشتری ویژه",
    ]);
    sandbox.add(&["--name", "Empty Fields"]);
}

fn export(sandbox: &Sandbox, args: &[&str]) -> String {
    let out = sandbox.cmd().arg("export").args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn export_then_import_into_a_new_vault_round_trips_in_every_format() {
    let source = Sandbox::with_vault();
    fill(&source);
    for format in ["csv", "json", "jsonl"] {
        let first = export(&source, &["--format", format]);
        let target = Sandbox::with_vault();
        let file = target.path(&format!("customers.{format}"));
        std::fs::write(&file, &first).unwrap();
        target.cmd().arg("import").arg(&file).assert().success();
        let second = export(&target, &["--format", format]);
        assert_eq!(first, second, "{format} round trip");
    }
}

#[test]
fn csv_edge_cases_import_cleanly() {
    let sandbox = Sandbox::with_vault();
    let file = sandbox.path("spreadsheet.csv");
    std::fs::write(
        &file,
        "\u{feff}Full Name,E-mail,Telephone,IBAN,Tags,Loyalty\r\n\
         \"Novák, Jan\",jan@firma.cz,+48 601 234 567,PL61 1090 1014 0000 0712 1981 2874,vip;gold,\"said \"\"hi\"\"\"\r\n\
         Мария Петрова,maria@pochta.ru,,,,\r\n\
         علی رضایی,,+98 912 345 6789,,,\"two\r\nlines\"\r\n",
    )
    .unwrap();
    sandbox
        .cmd()
        .arg("import")
        .arg(&file)
        .assert()
        .success()
        .stderr("Imported 3 new, 0 updated, 0 skipped.\n");
    let all = sandbox.json(&["list"]);
    assert_eq!(all[0]["name"], "Novák, Jan");
    assert_eq!(all[0]["account"], "PL61 1090 1014 0000 0712 1981 2874");
    assert_eq!(all[0]["tags"], serde_json::json!(["vip", "gold"]));
    assert_eq!(
        all[0]["fields"],
        serde_json::json!({"Loyalty": "said \"hi\""})
    );
    assert_eq!(all[1]["phone"], serde_json::Value::Null);
    assert_eq!(all[2]["phone"], "+989123456789");
    assert_eq!(all[2]["fields"]["Loyalty"], "two\r\nlines");

    let header_only = sandbox.path("empty.csv");
    std::fs::write(&header_only, "name,email\n").unwrap();
    sandbox
        .cmd()
        .arg("import")
        .arg(&header_only)
        .assert()
        .success();
    assert_eq!(sandbox.codes(&["list"]).len(), 3);
}

#[test]
fn a_bad_import_lists_every_bad_row_and_changes_no_byte() {
    let sandbox = Sandbox::with_vault();
    let existing = sandbox.add(&["--name", "Existing", "--email", "taken@firma.cz"]);
    let before = sandbox.vault_bytes();
    let file = sandbox.path("bad.csv");
    std::fs::write(
        &file,
        "name,email,phone\nGood One,good@firma.cz,\nBad Mail,not-an-address,\n,nobody@firma.cz,\n\
         Ragged,r@firma.cz,,extra\nDuplicate,taken@firma.cz,\nBad Phone,,+420 601 123 45\n",
    )
    .unwrap();
    let out = sandbox.cmd().arg("import").arg(&file).assert().code(1);
    // Since round 2 counts are written in words ("5 bad rows"), and the hint no longer
    // talks of duplicates (their own row errors do).
    assert_eq!(
        stderr_of(&out),
        "sealbook: error: 5 bad rows; nothing was imported:\n\
         \x20 line 3: email: expected an address like name@example.com\n\
         \x20 line 4: name: is missing\n\
         \x20 line 5: has 4 fields where the header has 3\n\
         \x20 line 6: email: duplicates customer "
            .to_owned()
            + &existing
            + " (use --on-duplicate skip or update)\n\
         \x20 line 7: phone: not a valid phone number (write it as +48 601 234 567, or in national form with --region)\n\
         hint: correct the rows listed and import the file again\n"
    );
    assert!(sandbox.vault_bytes() == before, "the vault changed");
}

#[test]
fn long_lists_of_bad_rows_are_cut_at_twenty() {
    let sandbox = Sandbox::with_vault();
    let mut text = String::from("name,email\n");
    for i in 0..30 {
        writeln!(text, "Row {i},bad{i}").unwrap();
    }
    let file = sandbox.path("many.csv");
    std::fs::write(&file, text).unwrap();
    let out = sandbox.cmd().arg("import").arg(&file).assert().code(1);
    let stderr = stderr_of(&out);
    // Counts in words since round 2.
    assert!(stderr.starts_with("sealbook: error: 30 bad rows"));
    assert_eq!(stderr.matches("  line ").count(), 20);
    assert!(stderr.contains("... and 10 more"));
}

#[test]
fn duplicates_error_skip_or_update_and_dry_run_writes_nothing() {
    let sandbox = Sandbox::with_vault();
    let code = sandbox.add(&["--name", "Jan", "--email", "jan@firma.cz"]);
    let file = sandbox.path("update.jsonl");
    std::fs::write(&file, "{\"name\": \"Jan Novák\", \"email\": \"JAN@firma.cz\", \"tags\": [\"vip\"]}\n{\"name\": \"Eva\"}\n").unwrap();
    let before = sandbox.vault_bytes();
    let dry = sandbox.json(&[
        "import",
        file.to_str().unwrap(),
        "--on-duplicate",
        "update",
        "--dry-run",
    ]);
    // Round 2: the report also says what would change, and which lines are new.
    assert_eq!(
        dry,
        serde_json::json!({"added": 1, "updated": 1, "unchanged": 0, "skipped": 0,
            "dry_run": true,
            "changes": [{"code": code, "line": 1, "fields": ["name", "tags"]}],
            "new_lines": [2]})
    );
    assert!(
        sandbox.vault_bytes() == before,
        "a dry run changed the vault"
    );
    let skipped = sandbox.json(&["import", file.to_str().unwrap(), "--on-duplicate", "skip"]);
    assert_eq!(skipped["skipped"], 1);
    assert_eq!(sandbox.json(&["show", &code])["name"], "Jan");
    sandbox
        .cmd()
        .args(["import", file.to_str().unwrap(), "--on-duplicate", "update"])
        .assert()
        .success();
    let shown = sandbox.json(&["show", &code]);
    assert_eq!(shown["name"], "Jan Novák");
    assert_eq!(shown["tags"], serde_json::json!(["vip"]));
}

#[test]
fn strict_refuses_unknown_columns() {
    let sandbox = Sandbox::with_vault();
    let file = sandbox.path("extra.csv");
    std::fs::write(&file, "name,shoe size\nJan,44\n").unwrap();
    sandbox
        .cmd()
        .args(["import", file.to_str().unwrap(), "--strict"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "line 2: shoe size: is not a known column (--strict)",
        ));
    sandbox
        .cmd()
        .args(["import", file.to_str().unwrap()])
        .assert()
        .success();
    assert_eq!(
        sandbox.json(&["list"])[0]["fields"],
        serde_json::json!({"shoe size": "44"})
    );
}

#[test]
fn pseudonymised_exports_hold_no_personal_value_but_still_join() {
    let sandbox = Sandbox::with_vault();
    fill(&sandbox);
    let plain = export(&sandbox, &["--format", "json"]);
    let first = export(&sandbox, &["--pseudonymise"]);
    let second = export(&sandbox, &["--pseudonymise"]);
    for value in [
        "Novák",
        "jan@firma.cz",
        "601123456",
        "Dlouhá",
        "Firma, s.r.o.",
        "710319",
        "CZ65",
        "line one",
        "CZ25596641",
        "Eva",
        "Мария",
        "maria@pochta.ru",
        "رضایی",
        "9123456789",
        "مشتری",
    ] {
        assert!(
            plain.contains(value) || plain.contains(&value.replace(' ', "")),
            "{value} is in the plain export"
        );
        assert!(
            !contains(first.as_bytes(), value.as_bytes()),
            "{value} leaked into a pseudonymised export"
        );
    }
    assert_eq!(
        first, second,
        "the same value gives the same token in every export"
    );
    // Round 2 (integrity): tags, custom-field names and codes are tokens too, and dates
    // keep only their month, so nothing in a row singles a customer out or links it back.
    assert!(!first.contains("vip") && !first.contains("vat"), "{first}");
    assert!(
        !first.contains("2031-12-31") && first.contains("2031-12"),
        "{first}"
    );
    let plain_rows: Vec<serde_json::Value> = serde_json::from_str(&plain).unwrap();
    for row in &plain_rows {
        let code = row["code"].as_str().unwrap();
        assert!(!first.contains(code), "the code {code} links the row");
        let created = row["created"].as_str().unwrap();
        assert!(!first.contains(created), "the exact time {created} is kept");
    }
    let unlinkable = export(&sandbox, &["--pseudonymise", "--unlinkable"]);
    assert_ne!(first, unlinkable);
    for row in &plain_rows {
        assert!(!unlinkable.contains(row["code"].as_str().unwrap()));
    }
}

#[test]
fn export_to_a_file_is_private_and_never_overwrites_by_accident() {
    let sandbox = Sandbox::with_vault();
    fill(&sandbox);
    let path = sandbox.path("out.json");
    sandbox
        .cmd()
        .args(["export", "-o", path.to_str().unwrap()])
        .assert()
        .success();
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 4);
    sandbox
        .cmd()
        .args(["export", "-o", path.to_str().unwrap()])
        .assert()
        .code(2);
    // --force over a file others could read leaves a private one.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    sandbox
        .cmd()
        .args([
            "export",
            "-o",
            path.to_str().unwrap(),
            "--force",
            "--tag",
            "vip",
        ])
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 1);
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let leftovers = std::fs::read_dir(sandbox.dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".sealbook-export")
        })
        .count();
    assert_eq!(leftovers, 0, "no temporary export is left");
    let fields = export(&sandbox, &["--fields", "code,name", "--search", "петрова"]);
    assert_eq!(fields.lines().count(), 2);
    assert!(fields.starts_with("code,name\n") && fields.contains("Мария Петрова"));
}

#[test]
fn subject_access_export_holds_everything_about_one_customer() {
    let sandbox = Sandbox::with_vault();
    fill(&sandbox);
    let code = sandbox.codes(&["list"])[0].clone();
    let report: serde_json::Value =
        serde_json::from_str(&export(&sandbox, &["--subject", &code])).unwrap();
    assert_eq!(report["subject"], sandbox.json(&["show", &code]));
    sandbox
        .cmd()
        .args(["export", "--subject", "C-AAAAAAAA"])
        .assert()
        .code(4);
}

#[test]
fn a_duplicate_of_a_row_written_before_a_bad_one_names_that_row_by_line() {
    // The first row is written before the bad one fails the import, and rolled back
    // with it: its code would name a customer who never exists.
    let sandbox = Sandbox::with_vault();
    let file = sandbox.path("later.csv");
    std::fs::write(
        &file,
        "name,email\nFirst,same@firma.cz\nBad,not-an-address\nSecond,same@firma.cz\n",
    )
    .unwrap();
    let out = sandbox.cmd().arg("import").arg(&file).assert().code(1);
    let err = stderr_of(&out);
    assert!(err.contains("line 3: email:"), "{err}");
    assert!(err.contains("line 4: email: duplicates line 2"), "{err}");
    assert!(sandbox.codes(&["list"]).is_empty());
}

#[test]
fn duplicates_within_a_file_are_found_even_after_a_bad_row() {
    let sandbox = Sandbox::with_vault();
    let file = sandbox.path("twice.csv");
    std::fs::write(
        &file,
        "name,email\n,missing@firma.cz\nFirst,same@firma.cz\nSecond,SAME@firma.cz\n",
    )
    .unwrap();
    let out = sandbox.cmd().arg("import").arg(&file).assert().code(1);
    let err = stderr_of(&out);
    assert!(err.contains("line 2: name: is missing"), "{err}");
    assert!(err.contains("line 4: email: duplicates line 3"), "{err}");
    assert!(sandbox.codes(&["list"]).is_empty());

    // Without the bad row, the second is a duplicate of the customer the first added,
    // and --on-duplicate update makes them one.
    std::fs::write(
        &file,
        "name,email\nFirst,same@firma.cz\nSecond,SAME@firma.cz\n",
    )
    .unwrap();
    sandbox
        .cmd()
        .args(["import", "--on-duplicate", "update"])
        .arg(&file)
        .assert()
        .success();
    let all = sandbox.json(&["list"]);
    assert_eq!(all.as_array().unwrap().len(), 1);
    assert_eq!(all[0]["name"], "Second");
}

/// Writes `text` to `name` in `encoding`, as Excel would save it.
fn saved_as(
    sandbox: &Sandbox,
    name: &str,
    text: &str,
    encoding: &'static encoding_rs::Encoding,
) -> std::path::PathBuf {
    let path = sandbox.path(name);
    let bytes = if encoding == encoding_rs::UTF_16LE {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    } else {
        encoding.encode(text).0.into_owned()
    };
    std::fs::write(&path, bytes).unwrap();
    path
}

/// CSV files saved by Excel in Poland, Czechia, Russia and Iran: Windows code pages,
/// `;` between cells, CRLF line ends, a line break inside a quoted cell; and Excel's
/// "Unicode text" (UTF-16 with a mark, tab-separated).
#[test]
fn spreadsheets_saved_by_excel_import_with_their_letters_intact() {
    let sandbox = Sandbox::with_vault();
    let files = [
        (
            "polska.csv",
            "Imię i nazwisko;E-mail;Notatki\r\nŁukasz Wiśniewski;lukasz@firma.pl;\"Zażółć\r\ngęślą jaźń\"\r\n",
            encoding_rs::WINDOWS_1250,
        ),
        (
            "cesko.csv",
            "Name;Email;Company\r\nJiří Dvořák;jiri@firma.cz;Žlutý kůň s.r.o.\r\n",
            encoding_rs::WINDOWS_1250,
        ),
        (
            "rossiya.csv",
            "Name;Email;Notes\r\nМария Петрова;maria@firma.ru;постоянный клиент\r\n",
            encoding_rs::WINDOWS_1251,
        ),
        (
            "iran.csv",
            // Windows-1256 has the Arabic forms of yeh and kaf, which Persian files use.
            "Name;Email;Notes\r\nزهرا رضايي;zahra@firma.ir;مشتري دائمي\r\n",
            encoding_rs::WINDOWS_1256,
        ),
        (
            "unicode.txt",
            "Name\tEmail\r\nΕλένη Παπαδοπούλου\teleni@firma.gr\r\n",
            encoding_rs::UTF_16LE,
        ),
    ];
    for (name, text, encoding) in files {
        let path = saved_as(&sandbox, name, text, encoding);
        sandbox.cmd().arg("import").arg(&path).assert().success();
    }
    let names: Vec<String> = sandbox
        .json(&["list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        names,
        [
            "Łukasz Wiśniewski",
            "Jiří Dvořák",
            "Мария Петрова",
            "زهرا رضايي",
            "Ελένη Παπαδοπούλου"
        ]
    );
    // Typed with the Persian forms of the letters, the name still finds her.
    assert_eq!(sandbox.json(&["show", "رضایی"])["email"], "zahra@firma.ir");
    let lukasz = sandbox.json(&["show", "lukasz@firma.pl"]);
    assert_eq!(lukasz["notes"], "Zażółć\r\ngęślą jaźń");
    assert_eq!(
        sandbox.json(&["show", "jiri@firma.cz"])["company"],
        "Žlutý kůň s.r.o."
    );
}

/// Errors name the line a row starts on, counting CRLF once and the line breaks inside
/// quoted cells; `--encoding` and `--delimiter` override what is detected.
#[test]
fn line_numbers_count_quoted_line_breaks_and_overrides_are_obeyed() {
    let sandbox = Sandbox::with_vault();
    let path = saved_as(
        &sandbox,
        "notes.csv",
        "name;email;notes\r\nA;a@firma.cz;\"one\r\ntwo\r\nthree\"\r\nB;not-an-address;x\r\n",
        encoding_rs::WINDOWS_1250,
    );
    let out = sandbox.cmd().arg("import").arg(&path).assert().code(1);
    assert!(
        stderr_of(&out).contains("line 5: email:"),
        "{}",
        stderr_of(&out)
    );
    // Forced to read the file as UTF-8 with commas, it has one column and no names.
    let forced = sandbox.path("forced.csv");
    std::fs::write(&forced, "name|email\nJan Novák|jan@firma.cz\n").unwrap();
    sandbox
        .cmd()
        .args(["import", "--delimiter", "|"])
        .arg(&forced)
        .assert()
        .success();
    assert_eq!(sandbox.json(&["show", "jan@firma.cz"])["name"], "Jan Novák");
    sandbox
        .cmd()
        .args(["import", "--encoding", "klingon"])
        .arg(&forced)
        .assert()
        .code(2);
    sandbox
        .cmd()
        .args(["import", "--delimiter", "ab"])
        .arg(&forced)
        .assert()
        .code(2);
}

/// Contact exports of Google Contacts and Outlook: names in parts, several e-mails and
/// phones (the first fills the field, the others are kept as custom fields), labels
/// dropped, Google's labels as tags; and JSON on standard input recognised as JSON.
#[test]
fn google_and_outlook_contact_exports_map_onto_the_fields() {
    let sandbox = Sandbox::with_vault();
    let google = sandbox.path("contacts.csv");
    std::fs::write(
        &google,
        "First Name,Middle Name,Last Name,Labels,E-mail 1 - Label,E-mail 1 - Value,\
         E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,\
         Phone 2 - Label,Phone 2 - Value,Organization Name,Notes\n\
         Jan,,Novák,* myContacts ::: VIP,* Work,jan@firma.cz,Home,jan@doma.cz,Mobile,\
         +420 601 234 567,Work,+420 212 345 678,Firma s.r.o.,prefers e-mail\n",
    )
    .unwrap();
    sandbox.cmd().arg("import").arg(&google).assert().success();
    let jan = sandbox.json(&["show", "jan@firma.cz"]);
    assert_eq!(jan["name"], "Jan Novák");
    assert_eq!(jan["phone"], "+420601234567");
    assert_eq!(jan["company"], "Firma s.r.o.");
    assert_eq!(jan["tags"], serde_json::json!(["myContacts", "VIP"]));
    assert_eq!(jan["fields"]["E-mail 2 - Value"], "jan@doma.cz");
    assert_eq!(jan["fields"]["Phone 2 - Value"], "+420 212 345 678");
    assert!(
        !jan["fields"]
            .as_object()
            .unwrap()
            .keys()
            .any(|k| k.contains("Label")),
        "{jan}"
    );

    let outlook = sandbox.path("outlook.csv");
    std::fs::write(
        &outlook,
        "First Name,Last Name,E-mail Address,Mobile Phone,Business Phone,Company\n\
         Anna,Kowalska,anna@firma.pl,,+48 22 123 45 67,Biuro Sp. z o.o.\n",
    )
    .unwrap();
    sandbox.cmd().arg("import").arg(&outlook).assert().success();
    let anna = sandbox.json(&["show", "anna@firma.pl"]);
    assert_eq!(anna["name"], "Anna Kowalska");
    assert_eq!(anna["phone"], "+48221234567");
    assert_eq!(anna["company"], "Biuro Sp. z o.o.");

    sandbox
        .cmd()
        .args(["import", "-"])
        .write_stdin("[{\"name\": \"Мария Петрова\", \"email\": \"maria@firma.ru\"}]")
        .assert()
        .success();
    assert_eq!(
        sandbox.json(&["show", "maria@firma.ru"])["name"],
        "Мария Петрова"
    );
}

/// `export --excel` writes what a spreadsheet opens with its letters and columns intact:
/// a UTF-8 mark, `;` where decimals take a comma (here by `--region CZ`), each custom
/// field in its own column; and the file imports back. `export --json` is JSON.
#[test]
fn excel_exports_open_in_spreadsheets_and_import_back() {
    let sandbox = Sandbox::with_vault();
    sandbox.add(&[
        "--name",
        "Jiří Dvořák",
        "--email",
        "jiri@firma.cz",
        "--field",
        "vat=CZ25596641",
        "--field",
        "branch=Brno; sever",
    ]);
    sandbox.add(&["--name", "Мария Петрова", "--field", "inn=7707083893"]);
    let file = sandbox.path("zakaznici.csv");
    sandbox
        .cmd()
        .args(["export", "--excel", "--region", "CZ", "-o"])
        .arg(&file)
        .assert()
        .success();
    let bytes = std::fs::read(&file).unwrap();
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "no byte-order mark"
    );
    let text = String::from_utf8(bytes).unwrap();
    let header = text.lines().next().unwrap();
    assert!(header.contains(";name;"), "{header}");
    assert!(
        header.contains("field:branch;field:inn;field:vat"),
        "{header}"
    );
    assert!(!header.contains(";fields;"), "{header}");
    assert!(text.contains("\"Brno; sever\""), "{text}");

    let other = Sandbox::with_vault();
    other.cmd().arg("import").arg(&file).assert().success();
    let jiri = other.json(&["show", "jiri@firma.cz"]);
    assert_eq!(jiri["fields"]["vat"], "CZ25596641");
    assert_eq!(jiri["fields"]["branch"], "Brno; sever");

    let out = sandbox.cmd().args(["export", "--json"]).assert().success();
    let exported: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(exported.as_array().map(Vec::len), Some(2));
}

/// vCard in and out: cards as phones and mail programs write them import with every
/// e-mail and phone kept, and `export --format vcard` writes cards that import back into
/// the same customers (code, tags and custom fields included).
#[test]
fn contacts_go_onto_a_phone_and_come_back_as_vcards() {
    let sandbox = Sandbox::with_vault();
    let file = sandbox.path("contacts.vcf");
    std::fs::write(
        &file,
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jan Novák\r\nN:Novák;Jan;;;\r\n\
         EMAIL;TYPE=INTERNET;TYPE=WORK:jan@firma.cz\r\nEMAIL;TYPE=HOME:jan@doma.cz\r\n\
         TEL;TYPE=CELL:+420 601 234 567\r\nTEL;TYPE=WORK:+420 212 345 678\r\n\
         ORG:Firma s.r.o.\r\nNOTE:Volat po 16\\, díky\r\nEND:VCARD\r\n\
         BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Мария Петрова\r\n\
         TEL;VALUE=uri;TYPE=cell:tel:+7-985-174-12-38\r\nEND:VCARD\r\n",
    )
    .unwrap();
    sandbox.cmd().arg("import").arg(&file).assert().success();
    let jan = sandbox.json(&["show", "jan@firma.cz"]);
    assert_eq!(jan["name"], "Jan Novák");
    assert_eq!(jan["phone"], "+420601234567");
    assert_eq!(jan["company"], "Firma s.r.o.");
    assert_eq!(jan["notes"], "Volat po 16, díky");
    assert_eq!(jan["fields"]["email 2"], "jan@doma.cz");
    assert_eq!(jan["fields"]["phone 2"], "+420 212 345 678");
    assert_eq!(sandbox.json(&["show", "Петрова"])["phone"], "+79851741238");
    sandbox
        .cmd()
        .args([
            "edit",
            "jan@firma.cz",
            "--add-tag",
            "vip",
            "--field",
            "vat=CZ1",
        ])
        .assert()
        .success();

    let cards = sandbox.path("out.vcf");
    sandbox
        .cmd()
        .args(["export", "-o"])
        .arg(&cards)
        .assert()
        .success();
    let text = std::fs::read_to_string(&cards).unwrap();
    assert_eq!(text.matches("BEGIN:VCARD").count(), 2, "{text}");
    assert!(text.contains("FN:Jan Novák\r\n"), "{text}");
    assert!(text.contains("CATEGORIES:vip\r\n"), "{text}");

    let other = Sandbox::with_vault();
    other.cmd().arg("import").arg(&cards).assert().success();
    let back = other.json(&["show", "jan@firma.cz"]);
    assert_eq!(back["code"], jan["code"]);
    assert_eq!(back["tags"], serde_json::json!(["vip"]));
    assert_eq!(back["fields"]["vat"], "CZ1");
    assert_eq!(back["notes"], "Volat po 16, díky");

    sandbox
        .cmd()
        .args(["export", "--format", "vcard", "--pseudonymise"])
        .assert()
        .code(2);
}
