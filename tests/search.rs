//! `sealbook search`: exact through blind indexes, otherwise by substring,
//! insensitive to case, accents and digit script.

mod common;

use common::Sandbox;

struct Book {
    sandbox: Sandbox,
    novak: String,
    petrova: String,
    rezaei: String,
    kowalski: String,
}

fn book() -> Book {
    let sandbox = Sandbox::with_vault();
    let novak = sandbox.add(&[
        "--name",
        "Jan Novák",
        "--email",
        "jan.novak@firma.cz",
        "--phone",
        "601-234-567",
        "--region",
        "PL",
        "--national-id",
        "710319/2745",
        "--tag",
        "VIP",
    ]);
    let petrova = sandbox.add(&[
        "--name",
        "Мария Ивановна Петрова",
        "--phone",
        "+7 912 345-67-89",
        "--address",
        "Москва, ул. Ленина 1",
    ]);
    let rezaei = sandbox.add(&[
        "--name",
        "علي رضایی",
        "--phone",
        "+98 912 345 6789",
        "--company",
        "شرکت كاوه",
    ]);
    let kowalski = sandbox.add(&[
        "--name",
        "Łukasz Kowalski",
        "--account",
        "PL61 1090 1014 0000 0712 1981 2874",
        "--note",
        "wants invoices by post",
        "--field",
        "loyalty=gold",
    ]);
    Book {
        sandbox,
        novak,
        petrova,
        rezaei,
        kowalski,
    }
}

#[test]
fn search_finds_by_any_word_ignoring_case_and_accents() {
    let b = book();
    let s = &b.sandbox;
    assert_eq!(s.codes(&["search", "novak"]), vec![b.novak.clone()]);
    assert_eq!(s.codes(&["search", "NOVÁK"]), vec![b.novak.clone()]);
    assert_eq!(s.codes(&["search", "novák jan"]), vec![b.novak.clone()]);
    assert_eq!(s.codes(&["search", "lukasz"]), vec![b.kowalski.clone()]);
    assert_eq!(s.codes(&["search", "invoices"]), vec![b.kowalski.clone()]);
    assert_eq!(s.codes(&["search", "GOLD"]), vec![b.kowalski.clone()]);
}

#[test]
fn search_finds_cyrillic_and_persian_names_by_any_of_their_words() {
    let b = book();
    let s = &b.sandbox;
    assert_eq!(s.codes(&["search", "петрова"]), vec![b.petrova.clone()]);
    assert_eq!(s.codes(&["search", "ИВАНОВНА"]), vec![b.petrova.clone()]);
    assert_eq!(s.codes(&["search", "москва"]), vec![b.petrova.clone()]);
    assert_eq!(s.codes(&["search", "رضایی"]), vec![b.rezaei.clone()]);
    // Arabic yeh and kaf find the Persian letters, and back.
    assert_eq!(s.codes(&["search", "علی"]), vec![b.rezaei.clone()]);
    assert_eq!(s.codes(&["search", "کاوه"]), vec![b.rezaei.clone()]);
}

#[test]
fn search_finds_phones_in_any_format_and_digit_script() {
    let b = book();
    let s = &b.sandbox;
    assert_eq!(
        s.codes(&["search", "+48 601 234 567"]),
        vec![b.novak.clone()]
    );
    assert_eq!(s.codes(&["search", "+48601234567"]), vec![b.novak.clone()]);
    assert_eq!(s.codes(&["search", "601 234 567"]), vec![b.novak.clone()]);
    assert_eq!(s.codes(&["search", "۰۹۱۲۳۴۵۶۷۸۹"]), vec![b.rezaei.clone()]);
    assert_eq!(
        s.codes(&["search", "+۹۸۹۱۲۳۴۵۶۷۸۹"]),
        vec![b.rezaei.clone()]
    );
    assert_eq!(
        s.codes(&["search", "8 (912) 345-67-89", "--region", "RU"]),
        vec![b.petrova.clone()]
    );
    assert_eq!(
        s.codes(&["search", "0912 345 6789", "--region", "IR"]),
        vec![b.rezaei.clone()]
    );
}

#[test]
fn search_is_exact_on_email_national_id_account_code_and_tag() {
    let b = book();
    let s = &b.sandbox;
    assert_eq!(
        s.codes(&["search", "JAN.NOVAK@FIRMA.CZ"]),
        vec![b.novak.clone()]
    );
    assert_eq!(s.codes(&["search", "7103192745"]), vec![b.novak.clone()]);
    assert_eq!(
        s.codes(&["search", "PL61109010140000071219812874"]),
        vec![b.kowalski.clone()]
    );
    assert_eq!(
        s.codes(&["search", &b.petrova.to_lowercase()]),
        vec![b.petrova.clone()]
    );
    assert_eq!(s.codes(&["search", "vip"]), vec![b.novak.clone()]);
    assert!(s.codes(&["search", "nobody@firma.cz"]).is_empty());
}

#[test]
fn search_in_one_field() {
    let b = book();
    let s = &b.sandbox;
    assert_eq!(
        s.codes(&["search", "jan", "--in", "name"]),
        vec![b.novak.clone()]
    );
    assert!(s.codes(&["search", "firma", "--in", "name"]).is_empty());
    assert_eq!(
        s.codes(&["search", "firma", "--in", "email"]),
        vec![b.novak.clone()]
    );
    assert_eq!(
        s.codes(&["search", "vip", "--in", "tags"]),
        vec![b.novak.clone()]
    );
    assert!(s.codes(&["search", "vip", "--in", "notes"]).is_empty());
}

#[test]
fn search_without_hits_says_so() {
    let b = book();
    b.sandbox
        .cmd()
        .args(["search", "zzzz"])
        .assert()
        .success()
        .stdout("")
        .stderr("No customer matches.\n");
    assert!(b.sandbox.codes(&["search", "zzzz"]).is_empty());
}
