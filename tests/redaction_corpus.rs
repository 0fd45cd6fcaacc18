//! Recall and precision of the pattern detectors on the labelled corpus that
//! `tools/corpus/generate.py` wrote (seed 1): realistic invoices, contracts, e-mails,
//! CSV and JSON exports in Polish, Czech, Russian, Persian and English, with hard decoys.
//! Every positive there was validated by python-stdnum or phonenumbers; every decoy is
//! a date, amount, postal code, order number or an id with a wrong check digit.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use sealbook::privacy::{Detectors, Finding};
use serde_json::Value;

/// Findings of the default detectors in one document.
fn findings(text: &str) -> Vec<Finding> {
    Detectors::default().find(text.as_bytes())
}

/// Where `value` occurs in `text` (every occurrence).
fn occurrences(text: &str, value: &str) -> Vec<(usize, usize)> {
    text.match_indices(value)
        .map(|(at, v)| (at, at + v.len()))
        .collect()
}

#[derive(Default)]
struct Tally {
    found: u32,
    total: u32,
    misses: Vec<String>,
}

impl Tally {
    fn rate(&self) -> f64 {
        f64::from(self.found) / f64::from(self.total.max(1))
    }
}

#[test]
fn the_corpus_is_found_with_high_recall_and_its_decoys_are_kept() {
    // SEALBOOK_CORPUS measures another corpus (a held-out seed) with the same rules.
    let dir = std::env::var_os("SEALBOOK_CORPUS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus"),
        std::path::PathBuf::from,
    );
    let labels: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("labels.json")).unwrap()).unwrap();
    let mut recall: BTreeMap<String, Tally> = BTreeMap::new();
    let mut decoys = Tally::default();
    for doc in labels["documents"].as_array().unwrap() {
        let file = doc["file"].as_str().unwrap();
        let region = doc["region"].as_str().unwrap();
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let found = findings(&text);
        let covered =
            |(start, end): (usize, usize)| found.iter().any(|f| f.start <= start && f.end >= end);
        let touched =
            |(start, end): (usize, usize)| found.iter().any(|f| f.start < end && f.end > start);
        for positive in doc["positives"].as_array().unwrap() {
            let kind = positive["kind"].as_str().unwrap();
            let value = positive["value"].as_str().unwrap();
            let places = occurrences(&text, value);
            assert!(!places.is_empty(), "{value} is labelled but not in {file}");
            for key in [kind.to_owned(), format!("{kind} {region}")] {
                let tally = recall.entry(key).or_default();
                tally.total += 1;
                if places.iter().copied().all(covered) {
                    tally.found += 1;
                } else if tally.misses.len() < 5 && !tally.misses.iter().any(|m| m == value) {
                    tally.misses.push(format!("{value} in {file}"));
                }
            }
        }
        for decoy in doc["decoys"].as_array().unwrap() {
            let value = decoy["value"].as_str().unwrap();
            decoys.total += 1;
            if occurrences(&text, value).into_iter().any(touched) {
                decoys.misses.push(format!(
                    "{} {value} in {file}",
                    decoy["what"].as_str().unwrap()
                ));
            } else {
                decoys.found += 1;
            }
        }
    }
    let mut report = String::new();
    for (key, tally) in &recall {
        let _ = writeln!(
            report,
            "{key:<22} {:>4}/{:<4} {:.3} {:?}",
            tally.found,
            tally.total,
            tally.rate(),
            tally.misses
        );
    }
    let _ = writeln!(
        report,
        "decoys kept {}/{} {:.4} {:?}",
        decoys.found,
        decoys.total,
        decoys.rate(),
        &decoys.misses[..decoys.misses.len().min(12)]
    );
    eprintln!("{report}");
    for (key, tally) in &recall {
        assert!(
            tally.rate() >= 0.99,
            "recall of {key} below 0.99:\n{report}"
        );
    }
    assert!(decoys.rate() >= 0.995, "decoys kept below 0.995:\n{report}");
}
