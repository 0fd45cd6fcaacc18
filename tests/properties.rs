//! Property tests: whatever bytes arrive, the parsers and checks that face
//! user input return an answer or an error, never a panic. The budget is bounded so CI
//! stays fast; `PROPTEST_CASES=100000 cargo test --test properties` searches longer.

use std::io::Write;

use proptest::prelude::*;
use sealbook::crypto::{FieldCipher, SealPlace, recovery};
use sealbook::privacy::{Detectors, Kind};
use sealbook::transfer::{Format, read};
use sealbook::vault::Validator;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(256),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Bytes that look a little like the input they attack: mostly text, some structure.
fn texty_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..512),
        "[a-zA-Z0-9@.,;\"'\\n\\r +()\\-{}\\[\\]:]{0,400}".prop_map(String::into_bytes),
        "\\PC{0,200}".prop_map(String::into_bytes),
        // Where addresses, numbers and e-mails meet: the shapes the detectors parse.
        "[0-9a-fA-F:. @\\-+]{0,100}".prop_map(String::into_bytes),
    ]
}

const PLACE_ID: [u8; 16] = [1; 16];
const RECORD_ID: [u8; 16] = [2; 16];

fn place() -> SealPlace<'static> {
    SealPlace {
        vault_id: &PLACE_ID,
        table: "customers",
        column: "name",
        record_id: &RECORD_ID,
        row_context: b"C-0000000A",
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn opening_arbitrary_bytes_fails_cleanly(sealed in prop::collection::vec(any::<u8>(), 0..200)) {
        let cipher = FieldCipher::new(&[9; 32], 1);
        prop_assert!(cipher.open(&place(), &sealed).is_err());
    }

    #[test]
    fn a_seal_with_any_byte_changed_does_not_open(
        plaintext in "\\PC{0,60}",
        position in any::<prop::sample::Index>(),
        flip in 1u8..=255,
    ) {
        let cipher = FieldCipher::new(&[9; 32], 1);
        let mut sealed = cipher.seal(&place(), plaintext.as_bytes());
        prop_assert_eq!(cipher.open(&place(), &sealed).unwrap(), plaintext.as_bytes());
        let i = position.index(sealed.len());
        sealed[i] ^= flip;
        prop_assert!(cipher.open(&place(), &sealed).is_err());
    }

    #[test]
    fn import_parsers_never_panic(input in texty_bytes(), strict in any::<bool>()) {
        let validator = Validator { region: None };
        for format in [Format::Csv, Format::Json, Format::Jsonl] {
            let rows = read::raw_rows(Box::new(input.as_slice()), format);
            // Every row is an answer: a record or a row error; a stream may be long
            // (one error per line), so only its first part is drawn.
            for row in rows.take(1000) {
                let _ = read::check(row, &validator, strict);
            }
        }
    }

    #[test]
    fn detectors_never_panic_and_stay_in_bounds(input in texty_bytes()) {
        let detectors = Detectors::new(Kind::ALL.to_vec(), None);
        for finding in detectors.find(&input) {
            prop_assert!(finding.start < finding.end && finding.end <= input.len());
        }
    }

    #[test]
    fn recovery_key_reading_never_panics(typed in "\\PC{0,60}") {
        let _ = recovery::read(&typed);
    }

    #[test]
    fn recipients_and_identity_files_never_panic(contents in texty_bytes()) {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(&contents).unwrap();
        file.flush().unwrap();
        // Arbitrary text is (almost) never a valid recipient or identity: an error.
        let _ = sealbook::backup::recipients_from_file(file.path());
        let _ = sealbook::backup::identities_from_file(file.path());
    }
}
