//! Benchmarks of redaction: throughput with both cores and with one on three kinds of
//! text (realistic documents, prose with an identifier every ~600 bytes, a synthetic
//! corpus with one every ~38 bytes), recall and precision on the synthetic one, the
//! time and peak memory of `sealbook redact` on a 50 MB DOCX and a 50 MB XLSX, and on
//! a 1 GB text file.
//!
//! Run with `cargo bench --bench redact` (`-- --mb N` for another corpus size,
//! `--no-big` to skip the 1 GB file, `--no-office` to skip the office documents).

#![allow(clippy::cast_precision_loss)]

#[path = "../tests/support/corpus.rs"]
mod corpus;

mod support;

use std::io::Write;
use std::process::Command;
use std::time::Instant;

use sealbook::privacy::Detectors;
use sealbook::privacy::rewrite::{Rewriter, Style};

fn throughput(text: &[u8], workers: usize) -> f64 {
    let rewriter = Rewriter {
        detectors: Detectors::default(),
        extra: None,
        style: Style::Label,
        json: false,
        positions: false,
    };
    let mut best = f64::MAX;
    for _ in 0..3 {
        let mut sink = std::io::sink();
        let start = Instant::now();
        rewriter
            .run(&mut &text[..], Some(&mut sink), workers)
            .unwrap();
        best = best.min(start.elapsed().as_secs_f64());
    }
    text.len() as f64 / 1e6 / best
}

/// The labelled documents of `tests/corpus` (invoices, e-mails, CSV and JSON exports in
/// five languages), repeated to about `bytes`.
fn realistic(bytes: usize) -> (Vec<u8>, usize) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n != "labels.json"))
        .collect();
    names.sort();
    let labels: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("labels.json")).unwrap()).unwrap();
    let values: usize = labels["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["positives"].as_array().unwrap().len())
        .sum();
    let one: Vec<u8> = names
        .iter()
        .flat_map(|p| std::fs::read(p).unwrap())
        .collect();
    let copies = bytes.div_ceil(one.len());
    (one.repeat(copies), values * copies)
}

/// Prose in the five languages with one identifier of the synthetic corpus about every
/// 600 bytes.
fn prose(bytes: usize, synthetic: &corpus::Corpus) -> (Vec<u8>, usize) {
    const PARAGRAPH: &str = "Dziękujemy za spotkanie w zeszłym tygodniu i za cierpliwość przy \
        omawianiu szczegółów umowy. Děkujeme také za podklady, které jste nám poslali; \
        projdeme je s kolegy a ozveme se do konce měsíce. Мы подготовим проект договора и \
        согласуем его с юристами до следующей встречи. از همکاری شما سپاسگزاریم و امیدواریم \
        این پروژه با موفقیت به پایان برسد. Please let us know if anything changes. ";
    let mut text = Vec::with_capacity(bytes + 1024);
    let mut count = 0;
    for label in synthetic.labels.iter().cycle() {
        if text.len() >= bytes {
            break;
        }
        text.extend_from_slice(PARAGRAPH.as_bytes());
        text.extend_from_slice(&synthetic.text.as_bytes()[label.start..label.end]);
        text.extend_from_slice(b".\n");
        count += 1;
    }
    (text, count)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mb = support::option("--mb", 30);
    let corpus = corpus::generate(7, mb * 1_000_000);
    let (documents, document_values) = realistic(mb * 1_000_000);
    let (prose, prose_values) = prose(mb * 1_000_000, &corpus);
    for (name, text, values) in [
        ("realistic documents", &documents[..], document_values),
        ("prose", &prose[..], prose_values),
        ("synthetic", corpus.text.as_bytes(), corpus.labels.len()),
    ] {
        println!(
            "{name}: {:.1} MB, an identifier every {} bytes; 2 workers {:.0} MB/s [>= 100], \
             1 worker {:.0} MB/s",
            text.len() as f64 / 1e6,
            text.len() / values.max(1),
            throughput(text, 2),
            throughput(text, 1)
        );
    }
    let text = corpus.text.as_bytes();

    let found = Detectors::default().find(text);
    for (kind, labelled, reported, correct) in corpus::score(&corpus, &found) {
        println!(
            "  {:<15} recall {:.4}  precision {:.4}  ({correct}/{labelled} labelled, {reported} reported)",
            kind.name(),
            correct as f64 / labelled.max(1) as f64,
            if reported == 0 {
                1.0
            } else {
                correct as f64 / reported as f64
            }
        );
    }

    let dir = tempfile::tempdir().unwrap();
    if !args.iter().any(|a| a == "--no-office") {
        office::measure(dir.path(), &documents);
    }
    if args.iter().any(|a| a == "--no-big") {
        return;
    }
    let big = dir.path().join("big.txt");
    let mut file = std::fs::File::create(&big).unwrap();
    let mut written = 0;
    while written < 1_000_000_000 {
        file.write_all(text).unwrap();
        written += text.len();
    }
    drop(file);
    let (seconds, mib) = timed_redact(&big, &dir.path().join("out.txt"));
    println!(
        "sealbook redact of {:.2} GB: {seconds} s, peak memory {mib:.1} MiB [< 64 MB]",
        written as f64 / 1e9,
    );
}

/// Runs `sealbook redact INPUT -o OUTPUT` under `/usr/bin/time`: seconds and peak MiB.
fn timed_redact(input: &std::path::Path, output: &std::path::Path) -> (String, f64) {
    let out = Command::new("/usr/bin/time")
        .args(["-f", "TIME %e %M"])
        .arg(env!("CARGO_BIN_EXE_sealbook"))
        .args(["redact", "-q"])
        .arg(input)
        .arg("-o")
        .arg(output)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let line = stderr
        .lines()
        .rfind(|l| l.starts_with("TIME "))
        .unwrap_or("TIME ? ?");
    let parts: Vec<&str> = line.split_whitespace().collect();
    let kib: f64 = parts[2].parse().unwrap_or(f64::NAN);
    (parts[1].to_owned(), kib / 1024.0)
}

/// Large office documents made from the realistic corpus.
mod office {
    use std::io::Write;
    use std::path::Path;

    const NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    fn escape(text: &str) -> String {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }

    /// A DOCX of about `bytes` (compressed) whose paragraphs are the corpus's lines,
    /// each split into runs every 23 characters as editors split them.
    fn docx(path: &Path, lines: &[&str], bytes: u64) {
        let file = std::fs::File::create(path).unwrap();
        let mut zip = zip::ZipWriter::new(file);
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("word/document.xml", options).unwrap();
        write!(
            zip,
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{NS}"><w:body>"#
        )
        .unwrap();
        let mut written = 0u64;
        'outer: loop {
            for line in lines {
                let chars: Vec<char> = line.chars().collect();
                let mut paragraph = String::from("<w:p>");
                for run in chars.chunks(23) {
                    let run: String = run.iter().collect();
                    paragraph.push_str(
                        r#"<w:r><w:rPr><w:lang w:val="cs-CZ"/></w:rPr><w:t xml:space="preserve">"#,
                    );
                    paragraph.push_str(&escape(&run));
                    paragraph.push_str("</w:t></w:r>");
                }
                paragraph.push_str("</w:p>");
                zip.write_all(paragraph.as_bytes()).unwrap();
                written += paragraph.len() as u64;
                if written % (1 << 20) < paragraph.len() as u64
                    && zip
                        .get_ref()
                        .and_then(|f| f.metadata().ok())
                        .map_or(0, |m| m.len())
                        >= bytes
                {
                    break 'outer;
                }
            }
        }
        zip.write_all(b"</w:body></w:document>").unwrap();
        zip.finish().unwrap();
    }

    /// An XLSX of about `bytes` (compressed): a shared string per line, a row per line
    /// with the string and a number.
    fn xlsx(path: &Path, lines: &[&str], bytes: u64) {
        let file = std::fs::File::create(path).unwrap();
        let mut zip = zip::ZipWriter::new(file);
        let options = zip::write::SimpleFileOptions::default();
        let rows = lines.len();
        zip.start_file("xl/sharedStrings.xml", options).unwrap();
        write!(zip, r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#).unwrap();
        for line in lines {
            write!(zip, "<si><t>{}</t></si>", escape(line)).unwrap();
        }
        zip.write_all(b"</sst>").unwrap();
        zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
        write!(zip, r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#).unwrap();
        let mut row = 0usize;
        while zip
            .get_ref()
            .and_then(|f| f.metadata().ok())
            .map_or(0, |m| m.len())
            < bytes
        {
            for _ in 0..10_000 {
                row += 1;
                write!(
                    zip,
                    r#"<row r="{row}"><c r="A{row}" t="s"><v>{}</v></c><c r="B{row}"><v>{}</v></c><c r="C{row}"><v>{}</v></c></row>"#,
                    row % rows,
                    600_000_000 + (row * 7919) % 99_999_999,
                    row as f64 * 1.25
                )
                .unwrap();
            }
        }
        zip.write_all(b"</sheetData></worksheet>").unwrap();
        zip.finish().unwrap();
    }

    pub fn measure(dir: &Path, documents: &[u8]) {
        let text = String::from_utf8_lossy(documents);
        let lines: Vec<&str> = text.lines().take(20_000).collect();
        for (name, make) in [
            ("docx", docx as fn(&Path, &[&str], u64)),
            ("xlsx", xlsx as fn(&Path, &[&str], u64)),
        ] {
            let input = dir.join(format!("big.{name}"));
            make(&input, &lines, 50_000_000);
            let size = std::fs::metadata(&input).unwrap().len();
            let mut archive = zip::ZipArchive::new(std::fs::File::open(&input).unwrap()).unwrap();
            let xml: u64 = (0..archive.len())
                .map(|i| archive.by_index_raw(i).unwrap().size())
                .sum();
            let (seconds, mib) = super::timed_redact(&input, &dir.join(format!("out.{name}")));
            println!(
                "sealbook redact of a {:.0} MB {name} ({:.0} MB of XML): {seconds} s, \
                 peak memory {mib:.1} MiB [< 200 MB]",
                size as f64 / 1e6,
                xml as f64 / 1e6
            );
        }
    }
}
