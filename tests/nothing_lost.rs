//! Nothing lost, nothing changed unseen (round 2): merges that change only what a row
//! carries, outputs that never clobber or leak, keys that keep the way back, and a
//! process that cleans up after itself. Backups and restores are in `backup.rs`.

mod common;

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{CHEAP_KDF, Sandbox, stderr_of};

fn write(sandbox: &Sandbox, name: &str, text: &str) -> std::path::PathBuf {
    let path = sandbox.path(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn show(sandbox: &Sandbox, code: &str) -> serde_json::Value {
    sandbox.json(&["show", code])
}

#[test]
fn an_update_import_changes_only_the_cells_a_row_carries() {
    let sandbox = Sandbox::with_vault();
    let code = sandbox.add(&[
        "--name",
        "Jan Novák",
        "--email",
        "jan.novak@firma.cz",
        "--phone",
        "+420 776 944 657",
        "--address",
        "Dlouhá 5, 110 00 Praha",
        "--company",
        "Novák s.r.o.",
        "--national-id",
        // A birth number whose check digit is right: wrong ones are refused at the door.
        "800101/1238",
        "--account",
        "CZ65 0800 0000 1920 0014 5399",
        "--note",
        "prefers e-mail",
        "--tag",
        "vip",
        "--field",
        "vat=CZ25596641",
        "--retain-until",
        "2031-12-31",
    ]);
    let before = show(&sandbox, &code);
    // A row from a spreadsheet with only a name, the e-mail, a new tag and a new column.
    let file = write(
        &sandbox,
        "update.csv",
        "Name,E-mail,Tags,Branch,Address\nJan Novák,jan.novak@firma.cz,gold,Brno,\n",
    );
    sandbox
        .cmd()
        .args(["import", "--on-duplicate", "update"])
        .arg(&file)
        .assert()
        .success();
    let after = show(&sandbox, &code);
    for field in [
        "phone",
        "address",
        "company",
        "national_id",
        "account",
        "notes",
        "retain_until",
    ] {
        assert_eq!(after[field], before[field], "{field} was changed");
    }
    assert_eq!(after["tags"], serde_json::json!(["vip", "gold"]));
    assert_eq!(
        after["fields"],
        serde_json::json!({"Branch": "Brno", "vat": "CZ25596641"})
    );

    // The same file again changes nothing, and says so.
    let report = sandbox.json(&["import", "--on-duplicate", "update", file.to_str().unwrap()]);
    assert_eq!(report["updated"], 0);
    assert_eq!(report["unchanged"], 1);

    // --replace-tags replaces them instead.
    sandbox
        .cmd()
        .args(["import", "--on-duplicate", "update", "--replace-tags"])
        .arg(&file)
        .assert()
        .success();
    assert_eq!(show(&sandbox, &code)["tags"], serde_json::json!(["gold"]));
}

#[test]
fn rows_match_by_email_then_national_id_and_phones_only_when_asked() {
    let sandbox = Sandbox::with_vault();
    let jan = sandbox.add(&[
        "--name",
        "Jan Kowalski",
        "--phone",
        "+48 601 234 567",
        "--national-id",
        "44051401359",
    ]);
    // His wife shares the house phone: by default she is a new customer.
    let file = write(
        &sandbox,
        "family.csv",
        "name,phone\nAnna Kowalska,+48 601 234 567\n",
    );
    let report = sandbox.json(&["import", file.to_str().unwrap()]);
    assert_eq!(report["added"], 1);
    let again = write(
        &sandbox,
        "again.csv",
        "name,phone\nJ. Kowalski,+48 601 234 567\n",
    );
    let out = sandbox
        .cmd()
        .args(["import", "--match", "phone"])
        .arg(&again)
        .assert()
        .code(1);
    // Asked to match phones: Jan and Anna both hold this one, so it matches neither.
    assert!(
        stderr_of(&out).contains("phone belongs to several customers"),
        "{}",
        stderr_of(&out)
    );
    // A phone only Jan has matches him.
    sandbox
        .cmd()
        .args(["edit", &jan, "--phone", "+48 602 111 222"])
        .assert()
        .success();
    let mine = write(
        &sandbox,
        "mine.csv",
        "name,phone
J. Kowalski,602 111 222
",
    );
    let out = sandbox
        .cmd()
        .args(["import", "--match", "phone", "--region", "PL"])
        .arg(&mine)
        .assert()
        .code(1);
    assert!(stderr_of(&out).contains(&format!("phone: duplicates customer {jan}")));
    // The national id, written with other separators, finds Jan.
    let by_id = write(
        &sandbox,
        "by-id.csv",
        "name,national_id,company\nJan Kowalski,440514 01359,Kowalski Sp. z o.o.\n",
    );
    sandbox
        .cmd()
        .args(["import", "--on-duplicate", "update"])
        .arg(&by_id)
        .assert()
        .success();
    assert_eq!(show(&sandbox, &jan)["company"], "Kowalski Sp. z o.o.");
}

#[test]
fn a_row_matching_two_customers_is_an_error_and_merges_into_neither() {
    let sandbox = Sandbox::with_vault();
    let petrov = sandbox.add(&["--name", "Иван Петров", "--email", "ivan@example.ru"]);
    let other = sandbox.add(&["--name", "Пётр Иванов", "--national-id", "7707083893"]);
    let file = write(
        &sandbox,
        "mixed.jsonl",
        "{\"name\":\"Иван Петров\",\"email\":\"ivan@example.ru\",\"national_id\":\"7707083893\",\"notes\":\"x\"}\n",
    );
    let out = sandbox
        .cmd()
        .args(["import", "--on-duplicate", "update"])
        .arg(&file)
        .assert()
        .code(1);
    let stderr = stderr_of(&out);
    assert!(
        stderr.contains(&petrov) && stderr.contains(&other),
        "{stderr}"
    );
    assert!(show(&sandbox, &petrov)["notes"].is_null());
    assert!(show(&sandbox, &other)["notes"].is_null());
}

#[test]
fn a_dry_run_lists_each_change_and_each_new_line() {
    let sandbox = Sandbox::with_vault();
    let code = sandbox.add(&["--name", "مریم احمدی", "--email", "maryam@example.ir"]);
    let file = write(
        &sandbox,
        "rows.csv",
        "name,email,company\nمریم احمدی,maryam@example.ir,شرکت نمونه\nعلی رضایی,ali@example.ir,\n",
    );
    let report = sandbox.json(&[
        "import",
        "--on-duplicate",
        "update",
        "--dry-run",
        file.to_str().unwrap(),
    ]);
    assert_eq!(
        report["changes"],
        serde_json::json!([{"code": code, "line": 2, "fields": ["company"]}])
    );
    assert_eq!(report["new_lines"], serde_json::json!([3]));
    // Nothing was written.
    assert!(show(&sandbox, &code)["company"].is_null());
    let out = sandbox
        .cmd()
        .args(["import", "--on-duplicate", "update", "--dry-run"])
        .arg(&file)
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains(&format!("update   {code} (line 2): company")));
    assert!(stdout.contains("new      line 3"));
}

#[test]
fn two_columns_for_one_field_are_refused_naming_both() {
    let sandbox = Sandbox::with_vault();
    for header in ["name,Mobile,Phone number", "name,Phone,Phone"] {
        let file = write(
            &sandbox,
            "two.csv",
            &format!("{header}\nEva,+420776944657,+420774591883\n"),
        );
        let out = sandbox.cmd().arg("import").arg(&file).assert().code(1);
        let stderr = stderr_of(&out);
        let mut columns = header.split(',').skip(1);
        let (first, second) = (columns.next().unwrap(), columns.next().unwrap());
        assert!(
            stderr.contains(&format!("\"{first}\" and \"{second}\" both mean phone")),
            "{stderr}"
        );
    }
    assert_eq!(sandbox.json(&["list"]).as_array().unwrap().len(), 0);
}

#[test]
fn phone_extensions_are_kept_and_the_number_still_finds_the_customer() {
    let sandbox = Sandbox::with_vault();
    for (typed, stored) in [
        ("+420 212 345 678 linka 305", "+420212345678 ext. 305"),
        ("+48 22 123 45 67 wew. 12", "+48221234567 ext. 12"),
        ("+7 495 123-45-67 доб. 12", "+74951234567 ext. 12"),
        ("+98 21 2222 3333 داخلی ۱۲", "+982122223333 ext. 12"),
        ("+1 713 694 1699 ext. 5", "+17136941699 ext. 5"),
    ] {
        let record = sandbox.json(&["add", "--name", "Office", "--phone", typed]);
        assert_eq!(record["phone"], stored, "{typed}");
        let number = stored.split(" ext.").next().unwrap();
        let found = sandbox.codes(&["search", number]);
        assert_eq!(found, vec![record["code"].as_str().unwrap().to_owned()]);
    }
}

#[test]
fn add_and_edit_warn_when_a_contact_belongs_to_another_customer() {
    let sandbox = Sandbox::with_vault();
    let first = sandbox.add(&["--name", "Jan", "--email", "office@firma.cz"]);
    let out = sandbox
        .cmd()
        .args(["add", "--name", "Eva", "--email", "Office@Firma.cz"])
        .assert()
        .success();
    assert!(stderr_of(&out).contains(&format!("has the same email as {first}")));
    let second = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let second = second.trim();
    sandbox.add(&["--name", "Petr", "--phone", "+420776944657"]);
    let record = sandbox.json(&["edit", second, "--phone", "+420 776 944 657"]);
    assert_eq!(record["shared_with"][0]["field"], "phone");
    // A warning, never a refusal: both customers are there.
    assert_eq!(sandbox.json(&["list"]).as_array().unwrap().len(), 3);
}

#[test]
fn imports_are_in_the_audit_log_of_each_customer_they_created_or_changed() {
    let sandbox = Sandbox::with_vault();
    let code = sandbox.add(&["--name", "Jan", "--email", "jan@firma.cz"]);
    let file = write(
        &sandbox,
        "in.csv",
        "name,email,notes\nJan,jan@firma.cz,called\nEva,eva@firma.cz,\n",
    );
    sandbox
        .cmd()
        .args(["import", "--on-duplicate", "update"])
        .arg(&file)
        .assert()
        .success();
    let eva = sandbox.codes(&["search", "eva@firma.cz"]).remove(0);
    for customer in [&code, &eva] {
        let entries = sandbox.json(&["audit", "--customer", customer]);
        assert!(
            entries
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["command"] == "import"),
            "{customer}"
        );
    }
    let access = sandbox.json(&["export", "--subject", &eva]);
    assert!(access["audit"].to_string().contains("import"));
}

#[test]
fn csv_exports_neutralise_spreadsheet_formulas_and_import_takes_them_back() {
    let sandbox = Sandbox::with_vault();
    sandbox.add(&[
        "--name",
        "=HYPERLINK(\"http://x\",\"click\")",
        "--note",
        "@SUM(A1)",
        "--phone",
        "+48601234567",
    ]);
    let out = sandbox
        .cmd()
        .args(["export", "--format", "csv"])
        .assert()
        .success();
    let csv = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\""),
        "{csv}"
    );
    assert!(
        csv.contains("'@SUM(A1)") && csv.contains("'+48601234567"),
        "{csv}"
    );
    let raw = sandbox
        .cmd()
        .args(["export", "--format", "csv", "--allow-formulas"])
        .assert()
        .success();
    let raw = String::from_utf8(raw.get_output().stdout.clone()).unwrap();
    assert!(
        !raw.contains("'@SUM") && raw.contains(",@SUM(A1),"),
        "{raw}"
    );

    // The guarded file imports back to the same values.
    let other = Sandbox::with_vault();
    let file = other.path("guarded.csv");
    std::fs::write(&file, &csv).unwrap();
    other.cmd().arg("import").arg(&file).assert().success();
    let back = other.json(&["list"]);
    assert_eq!(back[0]["name"], "=HYPERLINK(\"http://x\",\"click\")");
    assert_eq!(back[0]["notes"], "@SUM(A1)");
    assert_eq!(back[0]["phone"], "+48601234567");
}

#[test]
fn an_export_that_cannot_be_logged_prints_nothing() {
    let sandbox = Sandbox::with_vault();
    sandbox.add(&["--name", "Jana Dvořáková", "--email", "jana@example.cz"]);
    // The header's entry count rolled back: the log refuses to append.
    let db = sandbox.sqlite();
    db.execute(
        "UPDATE meta SET value = x'0000000000000001' WHERE key = 'audit_count'",
        [],
    )
    .unwrap();
    drop(db);
    let out = sandbox
        .cmd()
        .args(["export", "--format", "jsonl"])
        .assert()
        .code(5);
    assert!(out.get_output().stdout.is_empty());
}

#[test]
fn derived_files_are_private_and_never_clobbered_or_written_through_a_link() {
    let sandbox = Sandbox::new();
    let input = write(
        &sandbox,
        "letter.txt",
        "Write to jan.novak@firma.cz today.\n",
    );
    std::fs::set_permissions(&input, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = sandbox.path("clean.txt");
    sandbox
        .bare_cmd()
        .args(["redact", "-o"])
        .arg(&out)
        .arg(&input)
        .assert()
        .success();
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    // An existing output is not replaced without --force.
    std::fs::write(&out, "keep me").unwrap();
    sandbox
        .bare_cmd()
        .args(["redact", "-o"])
        .arg(&out)
        .arg(&input)
        .assert()
        .code(2);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    // Not through a link either, and with --force the link itself is replaced.
    let elsewhere = write(&sandbox, "elsewhere.txt", "precious");
    let link = sandbox.path("link.txt");
    std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
    sandbox
        .bare_cmd()
        .args(["redact", "-o"])
        .arg(&link)
        .arg(&input)
        .assert()
        .code(2);
    sandbox
        .bare_cmd()
        .args(["redact", "--force", "-o"])
        .arg(&link)
        .arg(&input)
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), "precious");
    assert!(!std::fs::symlink_metadata(&link).unwrap().is_symlink());
    assert!(std::fs::read_to_string(&link).unwrap().contains("[EMAIL]"));
    // The report too.
    let report = write(&sandbox, "report.json", "old report");
    sandbox
        .bare_cmd()
        .args(["redact", "--check", "--report"])
        .arg(&report)
        .arg(&input)
        .assert()
        .code(2);
    assert_eq!(std::fs::read_to_string(&report).unwrap(), "old report");
}

#[test]
fn redact_check_fails_on_what_it_found_or_could_not_read() {
    let sandbox = Sandbox::new();
    let dir = sandbox.path("archive");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("binary.bin"), b"\x00\x01\x02 jan@firma.cz").unwrap();
    std::fs::write(dir.join("clean.txt"), "nothing here\n").unwrap();
    Command::new("mkfifo")
        .arg(dir.join("pipe"))
        .status()
        .unwrap();
    std::os::unix::fs::symlink(dir.join("missing.txt"), dir.join("dangling")).unwrap();
    // Nothing found, but three inputs were not checked: exit 1, each named.
    let out = sandbox
        .bare_cmd()
        .args(["redact", "--check"])
        .arg(&dir)
        .assert()
        .code(1);
    let stderr = stderr_of(&out);
    for name in ["binary.bin", "pipe", "dangling"] {
        assert!(stderr.contains(name), "{name} not listed: {stderr}");
    }
    // Personal data found wins: exit 6 although some files were unreadable.
    std::fs::write(dir.join("found.txt"), "PESEL 44051401359\n").unwrap();
    sandbox
        .bare_cmd()
        .args(["redact", "--check"])
        .arg(&dir)
        .assert()
        .code(6);
    std::fs::remove_file(dir.join("found.txt")).unwrap();
    // A link to a regular file is read, as tar -h would archive it.
    let outside = write(&sandbox, "outside.txt", "mail jan@firma.cz\n");
    std::os::unix::fs::symlink(&outside, dir.join("linked.txt")).unwrap();
    sandbox
        .bare_cmd()
        .args(["redact", "--check"])
        .arg(&dir)
        .assert()
        .code(6);
    // Rewriting a tree that had to leave files out says so and fails, unless told.
    let out = sandbox
        .bare_cmd()
        .args(["redact", "-o"])
        .arg(sandbox.path("mirror"))
        .arg(&dir)
        .assert()
        .code(1);
    assert!(stderr_of(&out).contains("not read: "));
    sandbox
        .bare_cmd()
        .args(["redact", "--skip-unsupported", "-o"])
        .arg(sandbox.path("mirror2"))
        .arg(&dir)
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(sandbox.path("mirror2/linked.txt"))
            .unwrap()
            .contains("[EMAIL]")
    );
}

#[test]
fn a_name_across_the_chunk_boundary_is_still_found() {
    let sandbox = Sandbox::with_vault();
    let code = sandbox.add(&["--name", "Jan Novák"]);
    // "Jan" ends the line that ends the first 1 MiB read; "Novák" starts the next.
    let filler_line = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do\n";
    let mut text = String::new();
    while text.len() < (1 << 20) - 200 {
        text.push_str(filler_line);
    }
    let pad = (1 << 20) - text.len() - "Dear Jan\n".len();
    text.push_str(&"x".repeat(pad - 1));
    text.push('\n');
    text.push_str("Dear Jan\nNovák, thank you.\n");
    text.push_str(filler_line);
    assert_eq!(text.find("Jan\nNovák").unwrap() + 4, 1 << 20);
    let file = write(&sandbox, "letter.txt", &text);
    let out = sandbox
        .cmd()
        .args(["pseudonymise", "-"])
        .write_stdin(std::fs::read(&file).unwrap())
        .assert()
        .success();
    let rewritten = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(!rewritten.contains("Novák"), "the split name was left");
    assert!(rewritten.contains(&format!("[{code}:name]")));
    let out = sandbox
        .cmd()
        .args(["redact", "--known-customers", "--check"])
        .arg(&file)
        .assert()
        .code(6);
    drop(out);
}

#[test]
fn an_interrupted_redaction_leaves_no_temporary_file_and_exits_130() {
    let sandbox = Sandbox::new();
    let out_dir = sandbox.path("out");
    std::fs::create_dir(&out_dir).unwrap();
    for signal in ["INT", "TERM"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_sealbook"))
            .args(["redact", "-", "-o"])
            .arg(out_dir.join(format!("{signal}.txt")))
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(b"jan.novak@firma.cz\n").unwrap();
        // Wait for the temporary file: the command is now writing.
        let started = Instant::now();
        while std::fs::read_dir(&out_dir).unwrap().count() == 0 {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "no temporary file"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status()
            .unwrap();
        let status = child.wait().unwrap();
        drop(stdin);
        assert_eq!(status.code(), Some(130), "{signal}");
        assert_eq!(std::fs::read_dir(&out_dir).unwrap().count(), 0, "{signal}");
    }
}

#[test]
fn the_process_writes_no_core_file() {
    let sandbox = Sandbox::new();
    let mut child = Command::new(env!("CARGO_BIN_EXE_sealbook"))
        .args(["redact", "-"])
        .current_dir(sandbox.dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let limits_path = format!("/proc/{}/limits", child.id());
    // Soft and hard limits both zero (the soft one often is already, by default).
    let core_limits = || -> Vec<String> {
        let limits = std::fs::read_to_string(&limits_path).unwrap();
        let line = limits
            .lines()
            .find(|l| l.starts_with("Max core file size"))
            .unwrap()
            .to_owned();
        line.split_whitespace()
            .skip(4)
            .take(2)
            .map(str::to_owned)
            .collect()
    };
    let started = Instant::now();
    while core_limits() != ["0", "0"] {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{:?}",
            core_limits()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(child.stdin.take());
    child.wait().unwrap();
}

#[test]
fn key_files_and_passphrase_files_are_read_within_bounds() {
    let sandbox = Sandbox::with_vault();
    let out = sandbox
        .cmd()
        .args(["list", "--key-file", "/dev/zero"])
        .assert()
        .code(3);
    assert!(stderr_of(&out).contains("larger than"));
    let out = sandbox
        .bare_cmd()
        .env("SEALBOOK_VAULT", sandbox.vault())
        .args(["list", "--passphrase-file", "/dev/zero"])
        .assert()
        .code(3);
    assert!(stderr_of(&out).contains("larger than"));
}

#[test]
fn a_vault_with_more_keyslots_than_sealbook_writes_is_refused_before_any_derivation() {
    let sandbox = Sandbox::with_vault();
    let db = sandbox.sqlite();
    for _ in 0..40 {
        db.execute(
            "INSERT INTO keyslots (label, memory_kib, iterations, parallelism, salt, key_file,
                 wrapped, created, kind)
             SELECT label, memory_kib, iterations, parallelism, salt, key_file, wrapped,
                 created, kind FROM keyslots LIMIT 1",
            [],
        )
        .unwrap();
    }
    drop(db);
    let out = sandbox.cmd().arg("list").assert().code(5);
    assert!(stderr_of(&out).contains("keyslots"));
}

#[test]
fn a_slot_whose_derivation_would_cost_too_much_is_refused() {
    let sandbox = Sandbox::with_vault();
    sandbox
        .sqlite()
        .execute(
            "UPDATE keyslots SET memory_kib = 4194304, iterations = 64",
            [],
        )
        .unwrap();
    let started = Instant::now();
    sandbox.cmd().arg("list").assert().code(5);
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn the_audit_log_names_the_real_user_whatever_the_environment_says() {
    let sandbox = Sandbox::with_vault();
    sandbox
        .cmd()
        .env("USER", "mallory")
        .env("LOGNAME", "mallory")
        .args(["add", "--name", "Eve"])
        .assert()
        .success();
    let entries = sandbox.json(&["audit", "--last", "1"]);
    let user = entries[0]["user"].as_str().unwrap();
    assert!(!user.contains("mallory"), "{user}");
    assert!(user.contains("uid "), "{user}");
}

#[test]
fn rekey_keeps_the_slots_whose_secrets_are_given_and_names_the_others() {
    let sandbox = Sandbox::with_vault();
    let code = sandbox.add(&["--name", "Hedy"]);
    let recovery = sandbox.json(&["key", "add", "--recovery", "--label", "paper in the safe"]);
    let recovery_key = recovery["recovery_key"].as_str().unwrap().to_owned();
    sandbox
        .cmd()
        .env(
            "SEALBOOK_NEW_PASSPHRASE",
            "second passphrase for the laptop 42",
        )
        .args(["key", "add", "--label", "laptop"])
        .assert()
        .success();
    // Without a terminal and without --yes, the refusal names each slot's kind and label.
    let out = sandbox.cmd().arg("rekey").assert().code(2);
    let stderr = stderr_of(&out);
    assert!(
        stderr.contains("keyslot 2 (recovery key, \"paper in the safe\")"),
        "{stderr}"
    );
    assert!(
        stderr.contains("keyslot 3 (passphrase, \"laptop\")"),
        "{stderr}"
    );
    // A wrong secret for a kept slot changes nothing.
    let wrong = write(&sandbox, "wrong.txt", "not the key\n");
    sandbox
        .cmd()
        .args(["rekey", "--keep-slot"])
        .arg(format!("2={}", wrong.display()))
        .assert()
        .code(3);
    // The recovery key is given: its slot is kept, the laptop's is dropped.
    let paper = write(&sandbox, "paper.txt", &format!("{recovery_key}\n"));
    let report = sandbox.json(&[
        "rekey",
        "--yes",
        "--keep-slot",
        &format!("2={}", paper.display()),
    ]);
    assert_eq!(report["kept_slots"], serde_json::json!([1, 2]));
    assert_eq!(report["dropped_slots"], serde_json::json!([3]));
    sandbox
        .cmd()
        .env("SEALBOOK_PASSPHRASE", &recovery_key)
        .args(["show", &code])
        .assert()
        .success();
    // --new-recovery prints a new key that opens the rekeyed vault.
    let report = sandbox.json(&["rekey", "--yes", "--new-recovery"]);
    let fresh = report["recovery_key"].as_str().unwrap();
    sandbox
        .cmd()
        .env("SEALBOOK_PASSPHRASE", fresh)
        .args(["show", &code])
        .assert()
        .success();
}

#[test]
fn a_new_slot_keeps_the_key_file_of_the_slot_that_unlocked() {
    let sandbox = Sandbox::new();
    let key_file = sandbox.path("usb.key");
    std::fs::write(&key_file, [7u8; 32]).unwrap();
    sandbox
        .cmd()
        .arg("init")
        .args(CHEAP_KDF)
        .arg("--key-file")
        .arg(&key_file)
        .assert()
        .success();
    let new = "a second passphrase nobody guesses 91";
    let report = sandbox.json(&[
        "key",
        "add",
        "--unlock-key-file",
        key_file.to_str().unwrap(),
        "--new-passphrase-file",
        write(&sandbox, "new.txt", new).to_str().unwrap(),
    ]);
    assert_eq!(report["key_file_required"], true);
    // The new passphrase alone does not open the vault; with the key file it does.
    sandbox
        .cmd()
        .env("SEALBOOK_PASSPHRASE", new)
        .arg("list")
        .assert()
        .code(3);
    sandbox
        .cmd()
        .env("SEALBOOK_PASSPHRASE", new)
        .arg("list")
        .arg("--key-file")
        .arg(&key_file)
        .assert()
        .success();
    // --no-key-file makes a slot without one, when asked for explicitly.
    let report = sandbox.json(&[
        "key",
        "add",
        "--no-key-file",
        "--unlock-key-file",
        key_file.to_str().unwrap(),
        "--new-passphrase-file",
        write(&sandbox, "third.txt", "a third passphrase for the phone 77")
            .to_str()
            .unwrap(),
    ]);
    assert_eq!(report["key_file_required"], false);
    sandbox
        .cmd()
        .env("SEALBOOK_PASSPHRASE", "a third passphrase for the phone 77")
        .arg("list")
        .assert()
        .success();
}

#[test]
fn removing_a_slot_or_changing_a_passphrase_says_that_old_copies_still_open() {
    let sandbox = Sandbox::with_vault();
    sandbox
        .cmd()
        .env(
            "SEALBOOK_NEW_PASSPHRASE",
            "second passphrase for the laptop 42",
        )
        .args(["key", "add"])
        .assert()
        .success();
    let out = sandbox
        .cmd()
        .args(["key", "remove", "2"])
        .assert()
        .success();
    assert!(stderr_of(&out).contains("sealbook rekey"));
    let out = sandbox
        .cmd()
        .env("SEALBOOK_NEW_PASSPHRASE", "a brand new passphrase for 2027")
        .arg("passwd")
        .assert()
        .success();
    let stderr = stderr_of(&out);
    assert!(stderr.contains("master key is unchanged") && stderr.contains("sealbook rekey"));
}
