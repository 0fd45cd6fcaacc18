//! Tests of rewriting streams: styles, JSON, chunk cuts and positions.

use super::*;
use chunks::{MAX_CHUNK, cut_point, utf8_boundary};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn redact(
    text: &str,
    style: Style,
    json: bool,
) -> Result<(String, StreamReport), Box<dyn std::error::Error>> {
    let rewriter = Rewriter {
        detectors: Detectors::default(),
        extra: None,
        style,
        json,
        positions: true,
    };
    let mut out: Vec<u8> = Vec::new();
    let report = rewriter.run(&mut text.as_bytes(), Some(&mut out), 2)?;
    Ok((String::from_utf8(out)?, report))
}

#[test]
fn labels_replace_exactly_the_findings() -> TestResult {
    let (out, report) = redact(
        "Jan <jan@firma.cz>\nPESEL 44051401359, card 4111 1111 1111 1111\n",
        Style::Label,
        false,
    )?;
    assert_eq!(out, "Jan <[EMAIL]>\nPESEL [PL_PESEL], card [CARD]\n");
    assert_eq!(report.total(), 3);
    assert_eq!(
        report.positions[1],
        Position {
            kind: Kind::PlPesel,
            line: 2,
            column: 7
        }
    );
    Ok(())
}

#[test]
fn mask_keeps_the_last_four_digits_of_cards_and_ibans() -> TestResult {
    let (out, _) = redact(
        "card 4111 1111 1111 1111, IBAN PL61 1090 1014 0000 0712 1981 2874",
        Style::Mask,
        false,
    )?;
    assert_eq!(
        out,
        "card **** **** **** 1111, IBAN **** **** **** **** **** **** 2874"
    );
    let (out, _) = redact("PESEL 44051401359", Style::Mask, false)?;
    assert_eq!(out, "PESEL ***********");
    Ok(())
}

#[test]
fn json_stays_valid() -> TestResult {
    let text = r#"{"pesel": 44051401359, "mail": "jan@firma.cz", "note": "say \"hi\" to 4111111111111111"}"#;
    let (out, _) = redact(text, Style::Label, true)?;
    let value: serde_json::Value = serde_json::from_str(&out)?;
    assert_eq!(value["pesel"], "[PL_PESEL]");
    assert_eq!(value["mail"], "[EMAIL]");
    assert_eq!(value["note"], "say \"hi\" to [CARD]");
    Ok(())
}

#[test]
fn redacting_twice_changes_nothing_more() -> TestResult {
    let text = "tel. +48 601 234 567, IBAN PL61109010140000071219812874, SSN 536-90-4399\n";
    for style in [Style::Label, Style::Mask] {
        let (once, _) = redact(text, style, false)?;
        let (twice, report) = redact(&once, style, false)?;
        assert_eq!(once, twice);
        assert_eq!(report.total(), 0, "{once}");
    }
    Ok(())
}

#[test]
fn chunks_are_reassembled_in_order_with_line_numbers() -> TestResult {
    let line = "nothing here, just words and numbers 12 34\n";
    let mut text = line.repeat(60_000);
    text.push_str("mail jan@firma.cz\n");
    let (out, report) = redact(&text, Style::Label, false)?;
    assert_eq!(
        out.len(),
        text.len() - "jan@firma.cz".len() + "[EMAIL]".len()
    );
    assert!(out.ends_with("mail [EMAIL]\n"));
    assert_eq!(
        report.positions,
        vec![Position {
            kind: Kind::Email,
            line: 60_001,
            column: 6
        }]
    );
    Ok(())
}

#[test]
fn lines_longer_than_a_chunk_lose_no_finding() -> TestResult {
    // One 3 MiB line: every identifier in it, wherever the chunks are cut.
    let mut text = String::new();
    let mut expected = 0;
    while text.len() < 10 << 20 {
        text.push_str(&"lorem ipsum dolor ".repeat(700));
        text.push_str("card 4111 1111 1111 1111 mail jan@firma.cz tel. +48 601 234 567 ");
        expected += 3;
    }
    let (out, report) = redact(&text, Style::Label, false)?;
    assert_eq!(report.total(), expected);
    assert!(!out.contains("4111") && !out.contains("jan@") && !out.contains("601 234"));
    let last = report.positions.last().ok_or("no finding")?;
    assert_eq!(last.line, 1);
    assert!(
        last.column > 3_000_000,
        "columns keep counting across chunks"
    );
    Ok(())
}

#[test]
fn json_on_one_long_line_stays_valid() -> TestResult {
    let items: Vec<String> = (0..150_000)
        .map(|i| format!(r#"{{"note": "say \"hi\" \\ {i}", "pesel": 44051401359, "mail": "jan{i}@firma.cz"}}"#))
        .collect();
    let text = format!("[{}]", items.join(","));
    assert!(text.len() > 2 * MAX_CHUNK);
    let (out, report) = redact(&text, Style::Label, true)?;
    assert_eq!(report.total(), 300_000);
    let value: serde_json::Value = serde_json::from_str(&out)?;
    assert_eq!(value[149_999]["pesel"], "[PL_PESEL]");
    assert_eq!(value[149_999]["note"], "say \"hi\" \\ 149999");
    Ok(())
}

#[test]
fn a_failing_writer_ends_the_run_instead_of_hanging() {
    struct Broken;
    impl Write for Broken {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    let rewriter = Rewriter {
        detectors: Detectors::default(),
        extra: None,
        style: Style::Label,
        json: false,
        positions: false,
    };
    let text = "a line of text\n".repeat(1_000_000);
    let result = rewriter.run(&mut text.as_bytes(), Some(&mut Broken), 2);
    assert_eq!(result.unwrap_err().kind(), io::ErrorKind::BrokenPipe);
}

#[test]
fn hard_cuts_fall_on_character_boundaries() {
    let text = "aé".as_bytes();
    assert_eq!(utf8_boundary(text), 3);
    assert_eq!(utf8_boundary(&text[..2]), 1, "a cut never splits é");
    // Nothing but digits: no quiet place, so the cut is hard but whole-character.
    let digits = "۱".repeat(MAX_CHUNK / 2 + 1);
    let cut = cut_point(digits.as_bytes()).unwrap_or(0);
    assert!(cut > 0 && digits.is_char_boundary(cut));
    // Text with a quiet stretch is cut after a separator before it.
    let mut mixed = "4111 1111 1111 1111 ".repeat(MAX_CHUNK / 40);
    mixed.push_str(&"quiet words ".repeat(MAX_CHUNK / 12));
    mixed.push_str("and a last 4111 1111 1111 1111");
    let cut = cut_point(mixed.as_bytes()).unwrap_or(0);
    assert!(cut > MAX_CHUNK / 2);
    assert!(
        !mixed.as_bytes()[cut..]
            .iter()
            .take(128)
            .any(u8::is_ascii_digit)
    );
}

#[test]
fn non_utf8_bytes_pass_through_untouched() -> TestResult {
    let rewriter = Rewriter {
        detectors: Detectors::default(),
        extra: None,
        style: Style::Label,
        json: false,
        positions: false,
    };
    let input: Vec<u8> = [b"caf\xe9 jan@firma.cz \xff\xfe end".as_slice()].concat();
    let mut out = Vec::new();
    rewriter.run(&mut input.as_slice(), Some(&mut out), 2)?;
    assert_eq!(out, b"caf\xe9 [EMAIL] \xff\xfe end");
    Ok(())
}
