//! Vault-aware pseudonymisation: letters mentioning 1,000 customers in five
//! languages are rewritten with tokens and back, through the real binary.

#![allow(clippy::cast_precision_loss, clippy::cast_lossless)]

mod common;

#[path = "support/letters.rs"]
mod letters;

use common::{Sandbox, stderr_of};
use sealbook::privacy::known::Field;

/// A vault holding the generated customers; returns their codes, in order.
fn vault_with(sandbox: &Sandbox, people: &[letters::Person]) -> Vec<String> {
    sandbox
        .unlock()
        .add_customers(people.iter().map(|p| p.data.clone()))
        .unwrap()
        .into_iter()
        .map(|c| c.code)
        .collect()
}

fn value(person: &letters::Person, field: Field) -> String {
    match field {
        Field::Name => person.data.name.clone(),
        Field::Email => person.data.email.clone().unwrap(),
        Field::Phone => person.data.phone.clone().unwrap(),
        Field::NationalId => person.data.national_id.clone().unwrap(),
        Field::Account => person.data.account.clone().unwrap(),
    }
}

#[test]
fn every_mention_of_a_thousand_customers_is_replaced_and_restored() {
    let sandbox = Sandbox::with_vault();
    let people = letters::customers(1000);
    let codes = vault_with(&sandbox, &people);
    let lines = letters::letters(&people, 7);
    let mut text = String::new();
    for line in &lines {
        text.push_str(&line.text);
        text.push('\n');
    }
    let input = sandbox.path("letters.txt");
    std::fs::write(&input, &text).unwrap();
    let output = sandbox.path("letters.pseudonymised.txt");
    sandbox
        .cmd()
        .arg("pseudonymise")
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .assert()
        .success();
    let rewritten = std::fs::read_to_string(&output).unwrap();
    let rewritten: Vec<&str> = rewritten.lines().collect();
    assert_eq!(rewritten.len(), lines.len());

    let (mut exact, mut exact_hits, mut inflected, mut inflected_hits) = (0, 0, 0, 0);
    let mut misses = Vec::new();
    let mut touched_decoys = Vec::new();
    for (line, out) in lines.iter().zip(&rewritten) {
        match &line.mention {
            Some(m) => {
                let token = format!("[{}:{}]", codes[m.person], m.field.name());
                let hit = *out == format!("{}{token}{}", m.before, m.after);
                if m.inflected {
                    inflected += 1;
                    inflected_hits += usize::from(hit);
                } else {
                    exact += 1;
                    exact_hits += usize::from(hit);
                    if !hit {
                        misses.push(format!("{} => {out}", line.text));
                    }
                }
            }
            None if *out != line.text => touched_decoys.push(format!("{} => {out}", line.text)),
            None => {}
        }
    }
    let replaced = exact_hits + inflected_hits;
    let precision = replaced as f64 / (replaced + touched_decoys.len()) as f64;
    eprintln!(
        "exact mentions: {exact_hits}/{exact} (recall {:.4}); inflected: {inflected_hits}/{inflected} \
         (recall {:.4}); precision {precision:.4}",
        exact_hits as f64 / exact as f64,
        inflected_hits as f64 / inflected as f64,
    );
    assert!(exact >= 5000, "the corpus is too small: {exact}");
    assert!(
        misses.is_empty(),
        "{} exact mentions missed, e.g. {:?}",
        misses.len(),
        &misses[..misses.len().min(5)]
    );
    assert!(
        touched_decoys.is_empty(),
        "{} lines without a customer were changed, e.g. {:?}",
        touched_decoys.len(),
        &touched_decoys[..touched_decoys.len().min(5)]
    );
    assert!(
        inflected_hits * 10 >= inflected * 9,
        "inflected recall fell below 0.9"
    );

    // Back again: every mention names the right customer, with the vault's value.
    let restored_path = sandbox.path("letters.restored.txt");
    sandbox
        .cmd()
        .args(["pseudonymise", "--reverse"])
        .arg(&output)
        .arg("-o")
        .arg(&restored_path)
        .assert()
        .success();
    let restored = std::fs::read_to_string(&restored_path).unwrap();
    for ((line, out), back) in lines.iter().zip(&rewritten).zip(restored.lines()) {
        if let Some(m) = &line.mention
            && out.contains('[')
        {
            let expected = format!(
                "{}{}{}",
                m.before,
                value(&people[m.person], m.field),
                m.after
            );
            assert_eq!(back, expected, "from {out}");
        } else {
            assert_eq!(back, *out);
        }
    }
    // Two runs, each in the audit log with counts and no values.
    let audit = sandbox.json(&["audit", "--last", "2"]);
    assert_eq!(audit[0]["command"], "pseudonymise");
    assert_eq!(audit[0]["counts"]["replacements"], replaced);
    assert_eq!(audit[1]["command"], "pseudonymise --reverse");
}

#[test]
fn stdin_tokens_formats_and_erased_customers() {
    let sandbox = Sandbox::with_vault();
    let ada = sandbox.add(&["--name", "Ada Lovelace", "--email", "ada@example.com"]);
    let out = sandbox
        .cmd()
        .args(["pseudonymise", "-", "--token", "<<{field} of {code}>>"])
        .write_stdin("Dear Ada Lovelace (ADA@example.com),\n")
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(
        text,
        format!("Dear <<name of {ada}>> (<<email of {ada}>>),\n")
    );

    // A format that cannot be read back is refused.
    let out = sandbox
        .cmd()
        .args(["pseudonymise", "-", "--token", "[{code}]"])
        .write_stdin("x")
        .assert()
        .code(2);
    assert!(stderr_of(&out).contains("{field}"));

    // A token of an erased customer stays a token and is reported.
    sandbox
        .cmd()
        .args(["erase", &ada, "--yes"])
        .assert()
        .success();
    let out = sandbox
        .cmd()
        .args([
            "pseudonymise",
            "--reverse",
            "-",
            "--token",
            "<<{field} of {code}>>",
        ])
        .write_stdin(text.clone())
        .assert()
        .success();
    assert_eq!(
        String::from_utf8(out.get_output().stdout.clone()).unwrap(),
        text
    );
    assert!(stderr_of(&out).contains("no longer holds"));
}

#[test]
fn redact_with_known_customers_adds_names_to_the_detectors() {
    let sandbox = Sandbox::with_vault();
    sandbox.add(&["--name", "Jan Novák"]);
    let letter = "Pan Jan Novák, e-mail jan@example.cz\n";
    let plain = sandbox
        .cmd()
        .args(["redact", "-"])
        .write_stdin(letter)
        .assert()
        .success();
    assert_eq!(
        String::from_utf8(plain.get_output().stdout.clone()).unwrap(),
        "Pan Jan Novák, e-mail [EMAIL]\n"
    );
    let known = sandbox
        .cmd()
        .args(["redact", "-", "--known-customers"])
        .write_stdin(letter)
        .assert()
        .success();
    assert_eq!(
        String::from_utf8(known.get_output().stdout.clone()).unwrap(),
        "Pan [NAME], e-mail [EMAIL]\n"
    );
    // Without the passphrase, --known-customers cannot run; plain redact needs none.
    sandbox
        .bare_cmd()
        .env("SEALBOOK_VAULT", sandbox.vault())
        .args(["redact", "-", "--known-customers"])
        .write_stdin(letter)
        .assert()
        .code(3);
}

#[test]
fn a_name_broken_where_a_chunk_ends_is_replaced_and_the_output_checked() {
    // Files are rewritten in chunks of about 1 MiB cut at line breaks. A name broken
    // across the line break where a chunk would end (round 2: it used to be seen by
    // neither chunk, and the fail-closed check of the output refused to write it) moves
    // the cut to an earlier line break, so the name is found whole.
    const CHUNK: usize = 1 << 20;
    let sandbox = Sandbox::with_vault();
    let code = sandbox.add(&["--name", "Ada Lovelace", "--email", "ada@example.com"]);
    let mut text = "ada@example.com ".repeat(2000);
    text.push('\n');
    while text.len() + 81 < CHUNK - 4 {
        text.push_str(&"x".repeat(80));
        text.push('\n');
    }
    text.push_str(&"y".repeat(CHUNK - 5 - text.len()));
    text.push_str(" Ada\nLovelace");
    text.push_str(&" more text".repeat(1000));
    text.push('\n');
    assert_eq!(&text[CHUNK - 4..CHUNK], "Ada\n");
    let input = sandbox.path("long.txt");
    std::fs::write(&input, &text).unwrap();
    let target = sandbox.path("long.out.txt");
    let out = sandbox
        .cmd()
        .arg("pseudonymise")
        .arg(&input)
        .arg("-o")
        .arg(&target)
        .assert()
        .success();
    assert!(
        stderr_of(&out).contains("customer_name "),
        "{}",
        stderr_of(&out)
    );
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(!written.contains("Lovelace") && !written.contains("ada@example.com"));
    assert!(written.contains(&format!("[{code}:name]")));
    assert!(
        std::fs::read_dir(sandbox.dir.path()).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with(".sealbook")),
        "a temporary file was left behind"
    );
    // The same name on one line is found and replaced as usual.
    let short = sandbox.path("short.txt");
    std::fs::write(&short, "Ada\nLovelace wrote.\n").unwrap();
    let out = sandbox
        .cmd()
        .arg("pseudonymise")
        .arg(&short)
        .assert()
        .success();
    assert_eq!(
        String::from_utf8(out.get_output().stdout.clone()).unwrap(),
        format!("[{code}:name] wrote.\n")
    );
}

#[test]
fn values_put_back_into_json_strings_are_escaped() {
    let sandbox = Sandbox::with_vault();
    let code = sandbox.add(&["--name", "Jan \"Honza\" Novák\\"]);
    let file = sandbox.path("letter.json");
    std::fs::write(&file, format!("{{\"to\": \"[{code}:name]\", \"n\": 1}}\n")).unwrap();
    let out = sandbox
        .cmd()
        .args(["pseudonymise", "--reverse"])
        .arg(&file)
        .assert()
        .success();
    let value: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(value["to"], "Jan \"Honza\" Novák\\");
}
