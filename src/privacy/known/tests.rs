//! Tests of finding known customers in text.

use super::{KnownCustomer, KnownMatcher};
use crate::privacy::kind::Kind;

fn matcher() -> KnownMatcher {
    KnownMatcher::new(&[
        KnownCustomer {
            code: "C-0000000A".into(),
            name: "Jan Novák".into(),
            email: Some("jan.novak@firma.cz".into()),
            phone: Some("+420601234567".into()),
            national_id: Some("850715/1234".into()),
            account: Some("CZ6508000000192000145399".into()),
        },
        KnownCustomer {
            code: "C-0000000B".into(),
            name: "Jan Kowalski".into(),
            ..KnownCustomer::default()
        },
        KnownCustomer {
            code: "C-0000000C".into(),
            name: "Мария Петрова".into(),
            ..KnownCustomer::default()
        },
        KnownCustomer {
            code: "C-0000000D".into(),
            name: "زهرا رضایی".into(),
            phone: Some("+989123456789".into()),
            ..KnownCustomer::default()
        },
    ])
}

/// (matched text, code, kind) of every finding.
fn found(text: &str) -> Vec<(String, String, Kind)> {
    let m = matcher();
    m.find(text.as_bytes())
        .iter()
        .map(|f| {
            (
                text[f.start..f.end].to_owned(),
                m.code(f).to_owned(),
                f.kind,
            )
        })
        .collect()
}

#[test]
fn names_in_their_written_forms() {
    let hits = found("Dear JAN NOVAK, J. Novák and Novák, Jan met Jan  Kowalski.");
    let texts: Vec<&str> = hits.iter().map(|h| h.0.as_str()).collect();
    assert_eq!(
        texts,
        ["JAN NOVAK", "J. Novák", "Novák, Jan", "Jan  Kowalski"]
    );
    assert!(hits.iter().all(|h| h.2 == Kind::CustomerName));
    assert_eq!(hits[3].1, "C-0000000B");
}

#[test]
fn inflected_forms_are_lower_confidence() {
    let hits = found("od Jana Nováka, pro Jana Kowalskiego, для Марии Петровой");
    let kinds: Vec<Kind> = hits.iter().map(|h| h.2).collect();
    assert_eq!(kinds, [Kind::CustomerNameInflected; 3]);
    let codes: Vec<&str> = hits.iter().map(|h| h.1.as_str()).collect();
    assert_eq!(codes, ["C-0000000A", "C-0000000B", "C-0000000C"]);
}

#[test]
fn a_surname_alone_or_inside_a_word_is_not_a_mention() {
    assert!(found("Novák said so. Janovák. Jan Nováková").is_empty());
}

#[test]
fn identifiers_in_any_formatting() {
    let hits = found(
        "tel. +420 601 234 567 or 00420601234567, 601-234-567; rč 850715/1234; \
         IBAN CZ65 0800 0000 1920 0014 5399; mail JAN.NOVAK@firma.cz; ۰۹۱۲ ۳۴۵ ۶۷۸۹",
    );
    let kinds: Vec<Kind> = hits.iter().map(|h| h.2).collect();
    assert_eq!(
        kinds,
        [
            Kind::CustomerPhone,
            Kind::CustomerPhone,
            Kind::CustomerPhone,
            Kind::CustomerNationalId,
            Kind::CustomerAccount,
            Kind::CustomerEmail,
            Kind::CustomerPhone,
        ]
    );
    assert_eq!(hits[0].0, "+420 601 234 567");
    assert_eq!(hits[6].1, "C-0000000D");
}

#[test]
fn matches_meeting_inside_one_character_do_not_overlap() {
    let m = KnownMatcher::new(&[
        KnownCustomer {
            code: "C-0000000E".into(),
            name: "E".into(),
            account: Some("12341".into()),
            ..KnownCustomer::default()
        },
        KnownCustomer {
            code: "C-0000000F".into(),
            name: "F".into(),
            national_id: Some("23456".into()),
            ..KnownCustomer::default()
        },
    ]);
    let text = "1234½3456".as_bytes();
    let found = m.find(text);
    assert!(
        found.windows(2).all(|w| w[0].end <= w[1].start),
        "{found:?}"
    );
    assert!(found.iter().all(|f| f.start < f.end && f.end <= text.len()));
}

#[test]
fn persian_names_with_letter_variants() {
    // Arabic yeh (ي) for Persian yeh (ی), and a ZWNJ inside the surname.
    let hits = found("خانم زهرا رضاي\u{200C}ي آمد");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].1, "C-0000000D");
}

/// Found trying `pseudonymise` on a letter: "Novák, jan" was read as a reversed name
/// out of "Jan Novák, jan.novak@firma.cz", and the address it overlapped was dropped,
/// leaving ".novak@firma.cz" in clear.
#[test]
fn a_name_before_its_own_address_leaves_nothing_of_either() {
    let hits = found("Dopis pro Jan Novák, jan.novak@firma.cz");
    let texts: Vec<&str> = hits.iter().map(|h| h.0.as_str()).collect();
    assert_eq!(texts, ["Jan Novák", "jan.novak@firma.cz"]);
    assert_eq!(hits[1].2, Kind::CustomerEmail);
}
