//! `redact` on office documents and PDFs, as a user runs it: documents the test writes
//! with the zip and XML crates (and, where LibreOffice is installed, ones LibreOffice
//! writes), text split across runs, properties and comments, spreadsheet cells.

mod common;

use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;

use common::Sandbox;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

/// A DOCX whose phone number, e-mail and name are split across runs with formatting,
/// with an author e-mail in its properties and a PESEL in a comment.
const DOCUMENT: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t xml:space="preserve">Tel. 776 </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>944 657</w:t></w:r><w:r><w:t xml:space="preserve">, e-mail jana.no</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>vakova@firma.cz</w:t></w:r><w:r><w:t xml:space="preserve"> &amp; dále.</w:t></w:r></w:p><w:p><w:r><w:t>Objednávka č. 2024/118 ze dne 14.05.2024 na 1 250,00 Kč.</w:t></w:r></w:p></w:body></w:document>"#;

const CORE: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>jana.novakova@firma.cz</dc:creator><dc:title>Smlouva</dc:title></cp:coreProperties>"#;

const COMMENTS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="0" w:author="Kowalski"><w:p><w:r><w:t>PESEL 4405140</w:t></w:r><w:r><w:t>1359 sprawdzony</w:t></w:r></w:p></w:comment></w:comments>"#;

/// A document variable, an XML comment, and a legacy text box.
const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><!-- volat 776 944 657 --><w:docVars><w:docVar w:name="Tel" w:val="776944657"/></w:docVars></w:settings>"#;
const VML: &str = r#"<xml xmlns:v="urn:schemas-microsoft-com:vml"><v:shape><v:textbox><div>tel. 601 234 567</div></v:textbox></v:shape></xml>"#;

/// A link whose target is an e-mail address.
const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="mailto:jana.novakova@firma.cz?subject=Faktura&amp;body=Ahoj" TargetMode="External"/></Relationships>"#;

/// Writes a ZIP package of `parts` (name, content) at `path`, stored or deflated.
fn write_package(path: &Path, parts: &[(&str, &[u8])]) {
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    for (name, content) in parts {
        let method = if *name == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        zip.start_file(*name, options).unwrap();
        zip.write_all(content).unwrap();
    }
    zip.finish().unwrap();
}

/// The entries of the ZIP package at `path`, in order, with their contents.
fn read_package(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut content = Vec::new();
            entry.read_to_end(&mut content).unwrap();
            (entry.name().unwrap().into_owned(), content)
        })
        .collect()
}

fn part_bytes<'a>(parts: &'a [(String, Vec<u8>)], name: &str) -> &'a [u8] {
    &parts.iter().find(|(n, _)| n == name).unwrap().1
}

fn part(parts: &[(String, Vec<u8>)], name: &str) -> String {
    String::from_utf8(part_bytes(parts, name).to_vec()).unwrap()
}

fn docx(sandbox: &Sandbox) -> std::path::PathBuf {
    let path = sandbox.path("smlouva.docx");
    write_package(
        &path,
        &[
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            ("_rels/.rels", RELS.as_bytes()),
            ("word/document.xml", DOCUMENT.as_bytes()),
            ("word/comments.xml", COMMENTS.as_bytes()),
            ("docProps/core.xml", CORE.as_bytes()),
            ("word/_rels/document.xml.rels", DOCUMENT_RELS.as_bytes()),
            ("word/settings.xml", SETTINGS.as_bytes()),
            ("word/vmlDrawing1.vml", VML.as_bytes()),
            (
                "docProps/thumbnail.png",
                b"\x89PNG picture of page one: 601 234 567",
            ),
            (
                "word/media/image1.png",
                b"\x89PNG\r\n\x1a\n not really an image 776944657",
            ),
        ],
    );
    path
}

#[test]
fn a_docx_is_redacted_across_runs_with_its_formatting_properties_and_comments() {
    let sandbox = Sandbox::new();
    let input = docx(&sandbox);
    let output = sandbox.path("out/smlouva.docx");
    let report = sandbox.path("report.json");
    sandbox
        .bare_cmd()
        .args(["redact", "-q"])
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .arg("--report")
        .arg(&report)
        .assert()
        .success();
    let before = read_package(&input);
    let after = read_package(&output);
    // The same entries in the same order; parts without text copied byte for byte.
    let names =
        |parts: &[(String, Vec<u8>)]| parts.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&before), names(&after));
    assert_eq!(
        part_bytes(&before, "word/media/image1.png"),
        part_bytes(&after, "word/media/image1.png")
    );
    let document = part(&after, "word/document.xml");
    for value in ["776", "944 657", "jana.no", "vakova@firma.cz"] {
        assert!(!document.contains(value), "{value} left in {document}");
    }
    assert!(
        document.contains("[PHONE]") && document.contains("[EMAIL]"),
        "{document}"
    );
    // The runs and their formatting stay; so do the decoys and the escaped ampersand.
    assert_eq!(
        document.matches("<w:r>").count(),
        DOCUMENT.matches("<w:r>").count()
    );
    assert!(document.contains("<w:b/>") && document.contains("<w:i/>"));
    assert!(document.contains("&amp; dále"), "{document}");
    assert!(
        document.contains("2024/118")
            && document.contains("14.05.2024")
            && document.contains("1 250,00 Kč")
    );
    assert!(!part(&after, "docProps/core.xml").contains("firma.cz"));
    let rels = part(&after, "word/_rels/document.xml.rels");
    assert!(
        rels.contains(r#"Target="mailto:[EMAIL]?subject=Faktura&amp;body=Ahoj""#)
            && rels.contains("TargetMode"),
        "{rels}"
    );
    assert_eq!(part(&before, "_rels/.rels"), part(&after, "_rels/.rels"));
    // Found by review: attributes, comments, VML text boxes and thumbnails.
    let settings = part(&after, "word/settings.xml");
    assert!(
        !settings.contains("776") && settings.contains("<!--"),
        "{settings}"
    );
    assert!(!part(&after, "word/vmlDrawing1.vml").contains("601 234"));
    let thumbnail = part_bytes(&after, "docProps/thumbnail.png");
    assert!(thumbnail.starts_with(b"\x89PNG") && !common::contains(thumbnail, b"601"));
    let comments = part(&after, "word/comments.xml");
    assert!(
        !comments.contains("4405140") && !comments.contains("1359"),
        "{comments}"
    );
    assert!(comments.contains("[PL_PESEL]"));
    // The report counts what was found in the file.
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(report).unwrap()).unwrap();
    let text = report.to_string();
    assert!(
        text.contains("smlouva.docx") && text.contains("pl_pesel"),
        "{text}"
    );

    // --check finds it in the original, nothing in the output.
    sandbox
        .bare_cmd()
        .args(["redact", "--check", "-q"])
        .arg(&input)
        .assert()
        .code(6);
    sandbox
        .bare_cmd()
        .args(["redact", "--check", "-q"])
        .arg(&output)
        .assert()
        .success();
}

#[test]
fn a_spreadsheet_number_becomes_a_text_cell_and_shared_string_indexes_stay() {
    let sandbox = Sandbox::new();
    let shared = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>Jméno</t></si><si><r><t>IČO 2559</t></r><r><rPr><b/></rPr><t>6641</t></r></si></sst>"#;
    let sheet = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="2"><v>44051401359</v></c><c r="C1"><v>1250.5</v></c><c r="D1" t="s"><v>1</v></c><c r="E1"><v>250000000</v></c><c r="F1"><v>4.4051401359E10</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>jana.novakova@firma.cz</t></is></c><c r="B2" t="str"><f>A2</f><v>jana.novakova@firma.cz</v></c></row></sheetData></worksheet>"#;
    let input = sandbox.path("kontakty.xlsx");
    write_package(
        &input,
        &[
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            ("xl/sharedStrings.xml", shared.as_bytes()),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ],
    );
    sandbox
        .bare_cmd()
        .args(["redact", "-q", "--in-place"])
        .arg(&input)
        .assert()
        .success();
    let after = read_package(&input);
    let sheet = part(&after, "xl/worksheets/sheet1.xml");
    // A number that is a PESEL (also as Excel's E notation) becomes a text cell.
    assert!(
        sheet.contains(r#"<c r="B1" s="2" t="inlineStr"><is><t>[PL_PESEL]</t></is></c>"#),
        "{sheet}"
    );
    assert!(
        sheet.contains(r#"<c r="F1" t="inlineStr"><is><t>[PL_PESEL]</t></is></c>"#),
        "{sheet}"
    );
    // An amount that happens to be a valid phone number stays a number.
    assert!(
        sheet.contains(r#"<c r="E1"><v>250000000</v></c>"#),
        "{sheet}"
    );
    assert!(sheet.contains(r#"<c r="A1" t="s"><v>0</v></c>"#), "{sheet}");
    assert!(sheet.contains("<v>1250.5</v>"), "{sheet}");
    // Inline strings are text; a formula's text result keeps its formula.
    assert!(!sheet.contains("jana.novakova"), "{sheet}");
    assert!(
        sheet.contains(r#"<c r="A2" t="inlineStr"><is><t>[EMAIL]</t></is></c>"#),
        "{sheet}"
    );
    assert!(
        sheet.contains(r#"<c r="B2" t="str"><f>A2</f><v>[EMAIL]</v></c>"#),
        "{sheet}"
    );
    let shared = part(&after, "xl/sharedStrings.xml");
    assert!(
        !shared.contains("2559") && !shared.contains("6641") && shared.contains("[CZ_ICO]"),
        "{shared}"
    );
}

#[test]
fn an_odt_is_redacted_and_keeps_its_stored_mimetype_first() {
    let sandbox = Sandbox::new();
    let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>Тел. 8 (985) <text:span>174-12-38</text:span>, ИНН 7707083893</text:p></office:text></office:body></office:document-content>"#;
    let input = sandbox.path("dogovor.odt");
    write_package(
        &input,
        &[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", content.as_bytes()),
        ],
    );
    let output = sandbox.path("dogovor-redacted.odt");
    sandbox
        .bare_cmd()
        .args(["redact", "-q"])
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .assert()
        .success();
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&output).unwrap()).unwrap();
    let first = archive.by_index(0).unwrap();
    assert_eq!(first.name().unwrap(), "mimetype");
    assert_eq!(first.compression(), zip::CompressionMethod::Stored);
    drop(first);
    let content = part(&read_package(&output), "content.xml");
    assert!(
        !content.contains("985")
            && !content.contains("174-12-38")
            && !content.contains("7707083893"),
        "{content}"
    );
    assert!(content.contains("<text:span>"), "{content}");
}

#[test]
fn a_damaged_office_file_is_named_and_nothing_is_written() {
    let sandbox = Sandbox::new();
    let input = docx(&sandbox);
    let bytes = std::fs::read(&input).unwrap();
    std::fs::write(&input, &bytes[..bytes.len() / 2]).unwrap();
    let output = sandbox.path("out.docx");
    let assert = sandbox
        .bare_cmd()
        .args(["redact"])
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .assert()
        .failure();
    let stderr = common::stderr_of(&assert);
    assert!(
        stderr.contains("smlouva.docx") && stderr.contains("office document"),
        "{stderr}"
    );
    assert!(!output.exists());
    let leftovers: Vec<_> = std::fs::read_dir(sandbox.path(""))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".sealbook"))
        .collect();
    assert!(leftovers.is_empty());
}

/// A one-page PDF whose text holds `line`, written with lopdf.
fn pdf_with(path: &Path, line: &str) {
    pdf_with_author(path, line, None);
}

/// The same, with an author in its document information.
fn pdf_with_author(path: &Path, line: &str, author: Option<&str>) {
    use lopdf::content::{Content, Operation};
    use lopdf::{Document, Object, Stream, dictionary};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let resources_id = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font_id } });
    let content = Content {
        operations: vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 12.into()]),
            Operation::new("Td", vec![72.into(), 700.into()]),
            Operation::new("Tj", vec![Object::string_literal(line)]),
            Operation::new("ET", vec![]),
        ],
    };
    let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().unwrap()));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        "Resources" => resources_id, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 },
        ),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    if let Some(author) = author {
        let info_id = doc.add_object(dictionary! { "Author" => Object::string_literal(author) });
        doc.trailer.set("Info", info_id);
    }
    doc.save(path).unwrap();
}

#[test]
fn a_pdf_is_checked_but_never_rewritten() {
    let sandbox = Sandbox::new();
    let pdf = sandbox.path("scan.pdf");
    pdf_with(&pdf, "Pan Kowalski, PESEL 44051401359, tel. 601 234 567");
    let clean = sandbox.path("clean.pdf");
    pdf_with(&clean, "Objednavka 2024/118 ze dne 14.05.2024");
    let assert = sandbox
        .bare_cmd()
        .args(["redact", "--check"])
        .arg(&pdf)
        .assert()
        .code(6);
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
        + &common::stderr_of(&assert);
    assert!(
        stdout.contains("pl_pesel") || stdout.contains("PESEL") || stdout.contains("2 found"),
        "{stdout}"
    );
    sandbox
        .bare_cmd()
        .args(["redact", "--check", "-q"])
        .arg(&clean)
        .assert()
        .success();
    // Found by review: the document information is read too.
    let authored = sandbox.path("authored.pdf");
    pdf_with_author(
        &authored,
        "Objednavka 2024/118",
        Some("jana.novakova@firma.cz"),
    );
    sandbox
        .bare_cmd()
        .args(["redact", "--check", "-q"])
        .arg(&authored)
        .assert()
        .code(6);
    // And the XMP metadata stream.
    let tagged = sandbox.path("tagged.pdf");
    pdf_with(&tagged, "Objednavka 2024/118");
    let mut doc = lopdf::Document::load(&tagged).unwrap();
    let xmp = lopdf::Stream::new(
        lopdf::dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
        b"<x:xmpmeta><dc:creator>jana.novakova@firma.cz</dc:creator></x:xmpmeta>".to_vec(),
    );
    let xmp_id = doc.add_object(xmp);
    doc.catalog_mut().unwrap().set("Metadata", xmp_id);
    doc.save(&tagged).unwrap();
    sandbox
        .bare_cmd()
        .args(["redact", "--check", "-q"])
        .arg(&tagged)
        .assert()
        .code(6);
    // Rewriting is refused, naming the file and why; nothing is written.
    let out = sandbox.path("out.pdf");
    let assert = sandbox
        .bare_cmd()
        .args(["redact"])
        .arg(&pdf)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1);
    let stderr = common::stderr_of(&assert) + &String::from_utf8_lossy(&assert.get_output().stdout);
    assert!(
        stderr.contains("scan.pdf") && stderr.contains("glyphs"),
        "{stderr}"
    );
    assert!(!out.exists());
}

/// LibreOffice as an independent writer and reader: a document it saved is redacted,
/// and the redacted copy opens in it and holds no value. Skipped where it is absent.
#[test]
fn a_document_saved_by_libreoffice_is_redacted_and_opens_again() {
    let Some(soffice) = ["soffice", "libreoffice"].into_iter().find(|b| {
        Command::new(b)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    }) else {
        eprintln!("skipped: LibreOffice (soffice) is not installed");
        return;
    };
    let sandbox = Sandbox::new();
    let text = sandbox.path("dopis.txt");
    std::fs::write(
        &text,
        "Vážená paní Nováková,\nvolejte na 776 944 657 nebo pište na jana.novakova@firma.cz.\nRČ 710319/2745\n",
    )
    .unwrap();
    let convert = |input: &Path, to: &str| {
        let status = Command::new(soffice)
            .args(["--headless", "--convert-to", to, "--outdir"])
            .arg(sandbox.path(""))
            .arg(input)
            .env("HOME", sandbox.path(""))
            .output()
            .unwrap();
        assert!(status.status.success(), "{status:?}");
    };
    convert(&text, "docx");
    let docx = sandbox.path("dopis.docx");
    let redacted = sandbox.path("redacted/dopis.docx");
    sandbox
        .bare_cmd()
        .args(["redact", "-q"])
        .arg(&docx)
        .arg("-o")
        .arg(&redacted)
        .assert()
        .success();
    std::fs::remove_file(&text).unwrap();
    convert(&redacted, "txt:Text");
    let back = std::fs::read_to_string(sandbox.path("dopis.txt")).unwrap();
    assert!(
        back.contains("Nováková") && back.contains("[PHONE]") && back.contains("[EMAIL]"),
        "{back}"
    );
    for value in ["776 944 657", "jana.novakova", "710319"] {
        assert!(!back.contains(value), "{value} in {back}");
    }

    // Spreadsheets: the phone is text; the PESEL and the amount are numbers, and only
    // the PESEL is personal data whatever stands around it.
    let csv = sandbox.path("klienci.csv");
    for format in ["xlsx", "ods"] {
        std::fs::write(
            &csv,
            "Nazwisko,Telefon,PESEL,Kwota\nKowalski,601 234 567,44051401359,250000000\n",
        )
        .unwrap();
        convert(&csv, format);
        let sheet = sandbox.path(&format!("klienci.{format}"));
        sandbox
            .bare_cmd()
            .args(["redact", "-q", "--in-place"])
            .arg(&sheet)
            .assert()
            .success();
        std::fs::remove_file(&csv).unwrap();
        convert(&sheet, "csv");
        let back = std::fs::read_to_string(&csv).unwrap();
        assert!(
            back.contains("Kowalski") && back.contains("250000000"),
            "{format}: {back}"
        );
        assert!(
            back.contains("[PHONE]") && back.contains("[PL_PESEL]"),
            "{format}: {back}"
        );
        assert!(
            !back.contains("601 234 567") && !back.contains("44051401359"),
            "{format}: {back}"
        );
    }
}

#[test]
fn embedded_spreadsheets_are_redacted_and_unreadable_objects_stop_the_document() {
    let sandbox = Sandbox::new();
    let nested_path = sandbox.path("nested.xlsx");
    let shared = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>tel. 601 234 567</t></si></sst>"#;
    write_package(&nested_path, &[("xl/sharedStrings.xml", shared.as_bytes())]);
    let nested = std::fs::read(&nested_path).unwrap();
    let input = sandbox.path("report.docx");
    write_package(
        &input,
        &[
            ("word/document.xml", DOCUMENT.as_bytes()),
            ("word/embeddings/Microsoft_Excel_Worksheet.xlsx", &nested),
        ],
    );
    let output = sandbox.path("report-redacted.docx");
    sandbox
        .bare_cmd()
        .args(["redact", "-q"])
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .assert()
        .success();
    let inner = sandbox.path("inner.xlsx");
    std::fs::write(
        &inner,
        part_bytes(
            &read_package(&output),
            "word/embeddings/Microsoft_Excel_Worksheet.xlsx",
        ),
    )
    .unwrap();
    let shared = part(&read_package(&inner), "xl/sharedStrings.xml");
    assert!(
        shared.contains("[PHONE]") && !shared.contains("601 234 567"),
        "{shared}"
    );

    // An OLE object cannot be read: the document is named as not read, not passed.
    let ole = sandbox.path("ole.docx");
    write_package(
        &ole,
        &[
            ("word/document.xml", b"<w:document/>".as_slice()),
            (
                "word/embeddings/oleObject1.bin",
                b"\xd0\xcf\x11\xe0 601 234 567".as_slice(),
            ),
        ],
    );
    let assert = sandbox
        .bare_cmd()
        .args(["redact", "--check"])
        .arg(&ole)
        .assert()
        .code(1);
    let stderr = common::stderr_of(&assert);
    assert!(stderr.contains("oleObject1.bin"), "{stderr}");
}

/// Found by the second review: a sheet written with indentation (as many tools write
/// them) had its cells written before their row.
#[test]
fn an_indented_sheet_keeps_its_cells_inside_their_rows() {
    let sandbox = Sandbox::new();
    let sheet = "<?xml version=\"1.0\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\n  <sheetData>\n    <row r=\"1\">\n      <c r=\"A1\"><v>44051401359</v></c>\n      <c r=\"B1\"><v>7</v></c>\n    </row>\n  </sheetData>\n</worksheet>\n";
    let input = sandbox.path("odsazeny.xlsx");
    write_package(&input, &[("xl/worksheets/sheet1.xml", sheet.as_bytes())]);
    sandbox
        .bare_cmd()
        .args(["redact", "-q", "--in-place"])
        .arg(&input)
        .assert()
        .success();
    let out = part(&read_package(&input), "xl/worksheets/sheet1.xml");
    let row = out.find("<row").unwrap();
    let first_cell = out.find("<c ").unwrap();
    let row_end = out.find("</row>").unwrap();
    assert!(row < first_cell && first_cell < row_end, "{out}");
    assert!(
        out.contains("[PL_PESEL]") && out.contains("<v>7</v>"),
        "{out}"
    );
    assert!(out.starts_with("<?xml"), "{out}");
}

#[test]
fn a_pptx_slide_and_its_notes_are_redacted() {
    let sandbox = Sandbox::new();
    let slide = r#"<?xml version="1.0" encoding="UTF-8"?>
<p:sld xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:rPr lang="cs-CZ"/><a:t>Kontakt: tel. 776 </a:t></a:r><a:r><a:rPr lang="cs-CZ" b="1"><a:solidFill><a:srgbClr val="FF0000"/></a:solidFill></a:rPr><a:t>944 657</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld><p:extLst><p:ext uri="{BB962C8B-B14F-4D97-AF65-F5344CB8AC3E}"><p14:creationId xmlns:p14="http://schemas.microsoft.com/office/powerpoint/2010/main" val="2451238719"/></p:ext></p:extLst></p:sld>"#;
    let notes = r#"<?xml version="1.0" encoding="UTF-8"?>
<p:notes xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>ИНН клиента 7707083893</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:notes>"#;
    let input = sandbox.path("prezentace.pptx");
    write_package(
        &input,
        &[
            ("ppt/slides/slide1.xml", slide.as_bytes()),
            ("ppt/notesSlides/notesSlide1.xml", notes.as_bytes()),
        ],
    );
    let output = sandbox.path("prezentace-redacted.pptx");
    sandbox
        .bare_cmd()
        .args(["redact", "-q"])
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .assert()
        .success();
    let after = read_package(&output);
    let slide = part(&after, "ppt/slides/slide1.xml");
    assert!(
        !slide.contains("776") && !slide.contains("944 657"),
        "{slide}"
    );
    assert!(
        slide.contains("[PHONE]") && slide.contains(r#"b="1""#),
        "{slide}"
    );
    // The slide's creation id is an identifier, not a phone number.
    assert!(slide.contains(r#"val="2451238719""#), "{slide}");
    let notes = part(&after, "ppt/notesSlides/notesSlide1.xml");
    assert!(
        notes.contains("[RU_INN]") && !notes.contains("7707083893"),
        "{notes}"
    );
}

/// The bounds that keep a crafted document from exhausting memory: documents nested
/// deeper than three levels, and a paragraph past 16 MB, are named as not read.
#[test]
fn deep_nesting_and_endless_paragraphs_are_refused() {
    let sandbox = Sandbox::new();
    let document = r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>tel. 601 234 567</w:t></w:r></w:p></w:body></w:document>"#;
    let mut nested = sandbox.path("level0.docx");
    write_package(&nested, &[("word/document.xml", document.as_bytes())]);
    for level in 1..=4 {
        let inner = std::fs::read(&nested).unwrap();
        nested = sandbox.path(&format!("level{level}.docx"));
        write_package(
            &nested,
            &[
                ("word/document.xml", document.as_bytes()),
                ("word/embeddings/inner.docx", &inner),
            ],
        );
    }
    // Three levels inside: read. Four: refused.
    sandbox
        .bare_cmd()
        .args(["redact", "--check", "-q"])
        .arg(sandbox.path("level3.docx"))
        .assert()
        .code(6);
    let assert = sandbox
        .bare_cmd()
        .args(["redact", "--check", "--skip-unsupported"])
        .arg(sandbox.path("level4.docx"))
        .assert();
    let stderr = common::stderr_of(&assert);
    assert!(
        stderr.contains("not read") && stderr.contains("inner.docx"),
        "{stderr}"
    );

    let mut endless = String::from("<w:document xmlns:w=\"w\"><w:body><w:p>");
    while endless.len() < 17 << 20 {
        endless.push_str("<w:r><w:t>ordinary words and more ordinary words </w:t></w:r>");
    }
    endless.push_str("</w:p></w:body></w:document>");
    let big = sandbox.path("endless.docx");
    write_package(&big, &[("word/document.xml", endless.as_bytes())]);
    let assert = sandbox
        .bare_cmd()
        .args(["redact", "--check"])
        .arg(&big)
        .assert()
        .code(1);
    let stderr = common::stderr_of(&assert);
    assert!(
        stderr.contains("endless.docx") && stderr.contains("paragraph"),
        "{stderr}"
    );
}
