//! Office documents (DOCX, XLSX, PPTX, ODT, ODS, ODP): ZIP containers of XML parts. Each
//! XML part is streamed through the rewriter one paragraph at a time, so a value split
//! across runs (`Jan ` + `Nov` + `ák` in three `<w:t>`) is found whole; its replacement
//! goes into the first run it touches and the rest of it is cut from the others, so the
//! runs and their formatting stay. Every part is read, document properties (author,
//! title, custom properties) and comments included; other entries (images, fonts) are
//! copied byte for byte. A spreadsheet cell whose number is personal data becomes a
//! text cell holding the replacement.
//!
//! Nothing is held whole in memory: entries are read and written as streams, and only
//! the paragraph being looked at is buffered.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, Write};
use std::path::Path;

use quick_xml::events::{BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};

use crate::privacy::rewrite::{Rewriter, StreamReport};

/// The office formats sealbook opens, by file name extension.
pub(super) fn is_office(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "docx" | "xlsx" | "pptx" | "odt" | "ods" | "odp" | "docm" | "xlsm" | "pptm"
        )
    })
}

/// Elements that only mark up text inside a paragraph; the end of any other element
/// ends the text that is searched as one.
/// (`ins` and `del` end the text: a deleted number and the one typed after it are two.)
/// The end of anything inside a properties element (`rPr`, `pPr`, `sdtPr`: colours,
/// fonts) is inline too.
const INLINE: &[&[u8]] = &[
    b"t",
    b"r",
    b"rPr",
    b"span",
    b"hyperlink",
    b"smartTag",
    b"fldSimple",
    b"fldChar",
    b"ffData",
    b"fld",
    b"delText",
    b"instrText",
    b"a",
    b"sdt",
    b"sdtContent",
    b"customXml",
    b"s",
    b"tab",
];

/// Empty elements that stand for white space between words: a tab, a line break, an
/// ODF space run. They take part in the searched text as what they stand for, so the
/// words on either side are not glued together.
fn white_space_of(name: &[u8]) -> Option<&'static str> {
    match name {
        b"tab" => Some("\t"),
        b"br" | b"cr" | b"line-break" => Some("\n"),
        b"s" => Some(" "),
        _ => None,
    }
}

/// True for a properties element (`rPr`, `pPr`, `sdtPr`, `tcPr`...).
fn is_properties(name: &[u8]) -> bool {
    name.ends_with(b"Pr") || name.ends_with(b"PrChange")
}

/// Attributes that hold text a person wrote: link targets (`mailto:` addresses, in the
/// relationship parts), the authors of comments and tracked changes, images' titles and
/// descriptions, link tooltips.
const TEXT_ATTRIBUTES: &[&[u8]] = &[
    b"Target",
    b"href",
    b"author",
    b"initials",
    b"displayName",
    b"userId",
    b"descr",
    b"title",
    b"tooltip",
    b"displayText",
    b"string-value",
    b"instr",
    b"display",
    b"prompt",
    b"promptTitle",
    b"error",
    b"errorTitle",
];

/// Elements whose text is a typed value (a number, a formula), not prose: only
/// findings that stand alone are taken there (see [`CellValue`]), so an amount in a
/// chart's cache or a custom property stays a number.
const TYPED_ELEMENTS: &[&[u8]] = &[
    b"i1",
    b"i2",
    b"i4",
    b"i8",
    b"int",
    b"ui1",
    b"ui2",
    b"ui4",
    b"ui8",
    b"uint",
    b"r4",
    b"r8",
    b"decimal",
    b"f",
    b"formula",
    b"formula1",
    b"formula2",
    b"definedName",
];

/// A part that holds no text of the document: the package's own bookkeeping.
fn is_package_part(name: &str) -> bool {
    name == "[Content_Types].xml" || name == "mimetype" || name.starts_with("META-INF/")
}

/// An XML part: the document's text, properties, comments, and the relationship parts
/// whose link targets can name a person.
fn is_xml_part(name: &str) -> bool {
    !is_package_part(name)
        && Path::new(name).extension().is_some_and(|e| {
            ["xml", "rels", "vml"]
                .iter()
                .any(|x| e.eq_ignore_ascii_case(x))
        })
}

/// Which attribute of which element holds text a person wrote: everywhere for
/// [`TEXT_ATTRIBUTES`]; on a few elements for `val`, `name` and `value`, which elsewhere
/// hold identifiers (an axis id, a slide's creation id, a sheet name formulas refer to);
/// and a pivot cache's strings (`<s v="...">`).
fn is_text_attribute(element: &[u8], attribute: &[u8]) -> bool {
    TEXT_ATTRIBUTES.contains(&attribute)
        || match attribute {
            b"val" => matches!(
                element,
                b"docVar" | b"alias" | b"tag" | b"default" | b"statusText" | b"helpText"
            ),
            b"name" => matches!(element, b"docVar" | b"cmAuthor" | b"author"),
            b"value" => element == b"listItem",
            b"v" => element == b"s",
            _ => false,
        }
}

/// The element with what the rewriter finds in its text attributes replaced, if it
/// found anything. Attributes left alone keep their bytes exactly; a changed value is
/// escaped again. A pivot cache's number (`<n v="...">`) that is personal data cannot be
/// replaced by a label, so the document is refused.
fn redact_attributes(
    element: &BytesStart<'_>,
    rewriter: &Rewriter,
    report: &mut StreamReport,
) -> io::Result<Option<BytesStart<'static>>> {
    let element_name = element.local_name();
    let mut changed: Vec<(usize, String)> = Vec::new();
    for (index, attribute) in element.attributes().enumerate() {
        let attribute = attribute.map_err(bad_document)?;
        let key = attribute.key.local_name();
        let pivot_number = element_name.as_ref() == b"n" && key.as_ref() == b"v";
        if !pivot_number && !is_text_attribute(element_name.as_ref(), key.as_ref()) {
            continue;
        }
        let value = attribute
            .normalized_value(quick_xml::XmlVersion::default())
            .map_err(bad_document)?
            .into_owned();
        let mut paragraph = Paragraph {
            standalone_only: pivot_number,
            ..Paragraph::default()
        };
        paragraph.push_text(Event::Text(BytesText::new(&value).into_owned()), value);
        if paragraph.redact(rewriter, report) {
            if pivot_number {
                return Err(bad_document(
                    "a pivot table's cache holds personal data as a number; refresh or \
                     delete the pivot table and run again",
                ));
            }
            changed.push((index, paragraph.pieces.swap_remove(0).text));
        }
    }
    if changed.is_empty() {
        return Ok(None);
    }
    let name = String::from_utf8_lossy(element.name().as_ref()).into_owned();
    let mut rebuilt = BytesStart::new(name);
    for (index, attribute) in element.attributes().flatten().enumerate() {
        match changed.iter().find(|(i, _)| *i == index) {
            // Escaped by quick-xml, as a (key, value) pair of strings is.
            Some((_, value)) => {
                let key = String::from_utf8_lossy(attribute.key.as_ref()).into_owned();
                rebuilt.push_attribute((key.as_str(), value.as_str()));
            }
            None => rebuilt.push_attribute(attribute),
        }
    }
    Ok(Some(rebuilt.into_owned()))
}

/// A spreadsheet part whose `<c>` cells hold values (`<v>`) beside shared-string indexes.
fn is_sheet_part(name: &str) -> bool {
    name.starts_with("xl/worksheets/") || name.starts_with("xl/chartsheets/")
}

fn bad_document(e: impl std::fmt::Display) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("not a valid office document: {e}"),
    )
}

/// Rewrites (or, with no `output`, only scans) the office document `input`.
pub(super) fn rewrite<W: Write + Seek>(
    rewriter: &Rewriter,
    input: impl Read + Seek,
    output: Option<&mut W>,
) -> io::Result<StreamReport> {
    rewrite_nested(rewriter, input, output, 0)
}

/// How deep documents embedded in documents are read; deeper is refused (a document
/// that embeds itself a thousand times would exhaust memory and the stack).
const MAX_NESTING: usize = 3;

fn rewrite_nested<W: Write + Seek>(
    rewriter: &Rewriter,
    input: impl Read + Seek,
    output: Option<&mut W>,
    depth: usize,
) -> io::Result<StreamReport> {
    let mut archive = zip::ZipArchive::new(BufReader::new(input)).map_err(bad_document)?;
    let mut report = StreamReport::default();
    let mut writer = output.map(zip::ZipWriter::new);
    let has_objects = archive
        .file_names()
        .flatten()
        .any(|n| n.contains("embeddings/") || n.starts_with("Object "));
    for index in 0..archive.len() {
        let raw = archive.by_index_raw(index).map_err(bad_document)?;
        let name = raw.name().map_err(bad_document)?.into_owned();
        let embedded = match Embedded::of(&name, raw.size(), has_objects) {
            Embedded::Package if depth >= MAX_NESTING => Embedded::Unreadable,
            other => other,
        };
        drop(raw);
        if is_thumbnail(&name) {
            // A picture of the first page: replaced by a blank one (the package stays
            // valid; its text cannot be read out of the picture).
            if let Some(writer) = writer.as_mut() {
                writer
                    .start_file(name.as_str(), zip::write::SimpleFileOptions::default())
                    .map_err(bad_document)?;
                writer.write_all(BLANK_PNG)?;
            }
            continue;
        }
        if embedded == Embedded::Unreadable {
            return Err(bad_document(format!(
                "it holds an embedded object, or a picture of one, that sealbook cannot \
                 read ({name}); open the document, remove or convert the object, and run \
                 again"
            )));
        }
        if !is_xml_part(&name) && embedded != Embedded::Package {
            if let Some(writer) = writer.as_mut() {
                let entry = archive.by_index_raw(index).map_err(bad_document)?;
                writer.raw_copy_file(entry).map_err(bad_document)?;
            }
            continue;
        }
        let entry = archive.by_index(index).map_err(bad_document)?;
        // The default deflate level: the fastest saved a tenth of the time for files
        // half as large again (measured on a 25 MB text document).
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(entry.compression())
            .last_modified_time(entry.last_modified().unwrap_or_default());
        if embedded == Embedded::Package {
            // A spreadsheet inside a document: small, read whole, rewritten the same way.
            let mut nested = Vec::new();
            BufReader::new(entry).read_to_end(&mut nested)?;
            let mut out = io::Cursor::new(Vec::new());
            let found = rewrite_nested(
                rewriter,
                io::Cursor::new(nested),
                writer.as_ref().map(|_| &mut out),
                depth + 1,
            )?;
            for (kind, count) in found.counts {
                *report.counts.entry(kind).or_default() += count;
            }
            if let Some(writer) = writer.as_mut() {
                writer
                    .start_file(name.as_str(), options)
                    .map_err(bad_document)?;
                writer.write_all(out.get_ref())?;
            }
            continue;
        }
        let reader = BufReader::with_capacity(1 << 16, entry);
        match writer.as_mut() {
            Some(writer) => {
                writer
                    .start_file(name.as_str(), options)
                    .map_err(bad_document)?;
                rewrite_part(rewriter, &name, reader, Some(writer), &mut report)?;
            }
            None => rewrite_part(rewriter, &name, reader, None::<&mut io::Sink>, &mut report)?,
        }
    }
    if let Some(writer) = writer {
        writer.finish().map_err(bad_document)?.flush()?;
    }
    Ok(report)
}

/// A white 1×1 PNG, written in place of a document's thumbnail.
const BLANK_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00, 0x00, 0x00, 0x00, 0x3a, 0x7e, 0x9b,
    0x55, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0x0f, 0x00, 0x01,
    0x01, 0x01, 0x00, 0xb1, 0x38, 0xf6, 0x14, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];

/// The thumbnail a document carries: ODF's `Thumbnails/thumbnail.png`, OOXML's
/// `docProps/thumbnail.*`.
fn is_thumbnail(name: &str) -> bool {
    name.starts_with("Thumbnails/") || name.starts_with("docProps/thumbnail.")
}

/// Nested packages larger than this are not read into memory.
const MAX_EMBEDDED: u64 = 64 << 20;

/// What an entry under an `embeddings/` folder is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Embedded {
    /// Not an embedded object.
    No,
    /// An office document inside the document (a chart's spreadsheet, a pasted
    /// table): redacted like the outer one.
    Package,
    /// Anything else (an OLE object, a PDF): its text cannot be read, so the document
    /// is not passed.
    Unreadable,
}

impl Embedded {
    /// What entry `name` (of `size` bytes) is, in a package that holds embedded
    /// objects or not.
    fn of(name: &str, size: u64, has_objects: bool) -> Embedded {
        let extension = |list: &[&str]| {
            Path::new(name)
                .extension()
                .is_some_and(|e| list.iter().any(|x| e.eq_ignore_ascii_case(x)))
        };
        let package = is_office(Path::new(name)) && size <= MAX_EMBEDDED;
        // Word's "alternative format" chunks are shown as body text.
        let alt_chunk = name.starts_with("word/afchunk")
            || name.starts_with("word/")
                && extension(&["mht", "mhtml", "htm", "html", "xhtml", "rtf", "txt"]);
        // Pictures that stand in for an embedded object show its content: a metafile
        // beside embedded objects, ODF's replacement pictures, ODF's OLE binaries
        // (`Object 2`, a file rather than a folder).
        let preview = has_objects && extension(&["emf", "wmf"])
            || name.starts_with("ObjectReplacements/")
            || name.starts_with("Object ") && !name.contains('/');
        if (alt_chunk || name.contains("embeddings/")) && package {
            Embedded::Package
        } else if alt_chunk || preview || name.contains("embeddings/") {
            Embedded::Unreadable
        } else {
            Embedded::No
        }
    }
}

/// A piece of text of the paragraph being read: which buffered event it is, and its
/// characters (an entity reference stands for one).
struct Piece {
    event: usize,
    text: String,
}

/// The events of one paragraph, held until its end so its text can be searched whole.
#[derive(Default)]
struct Paragraph {
    events: Vec<Event<'static>>,
    pieces: Vec<Piece>,
    /// Only findings that stand alone count (a spreadsheet number, see [`CellValue`]).
    standalone_only: bool,
    /// Bytes of text held.
    text_len: usize,
}

/// The most text and markup one paragraph may hold. Real paragraphs are far smaller; a
/// crafted document of one endless paragraph is refused rather than held in memory.
const MAX_PARAGRAPH_TEXT: usize = 16 << 20;
const MAX_PARAGRAPH_EVENTS: usize = 1 << 20;

impl Paragraph {
    /// Refuses a paragraph past [`MAX_PARAGRAPH_TEXT`] or [`MAX_PARAGRAPH_EVENTS`].
    fn check_size(&self) -> io::Result<()> {
        if self.events.len() > MAX_PARAGRAPH_EVENTS || self.text_len > MAX_PARAGRAPH_TEXT {
            return Err(bad_document(
                "a paragraph larger than sealbook reads (16 MB of text or a million runs)",
            ));
        }
        Ok(())
    }

    fn push_text(&mut self, event: Event<'static>, text: String) {
        self.text_len += text.len();
        self.pieces.push(Piece {
            event: self.events.len(),
            text,
        });
        self.events.push(event);
    }

    /// Replaces what the rewriter finds in the paragraph's text, piece by piece, and
    /// counts it in `report`; true when anything was replaced.
    fn redact(&mut self, rewriter: &Rewriter, report: &mut StreamReport) -> bool {
        if self.pieces.is_empty() {
            return false;
        }
        let text: String = self.pieces.iter().map(|p| p.text.as_str()).collect();
        let mut replacements = rewriter.replacements(text.as_bytes());
        if self.standalone_only {
            replacements.retain(|(finding, _)| finding.kind.stands_alone());
        }
        if replacements.is_empty() {
            return false;
        }
        // Each piece's range in the paragraph's text.
        let mut ranges = Vec::with_capacity(self.pieces.len());
        let mut at = 0;
        for piece in &self.pieces {
            ranges.push(at..at + piece.text.len());
            at += piece.text.len();
        }
        // One pass over the pieces and the (sorted, apart) findings together: each
        // byte of text is copied to the piece it came from, and each replacement to
        // the piece its finding starts in.
        let mut rebuilt: Vec<String> = vec![String::new(); self.pieces.len()];
        let mut piece = 0;
        let copy_to = |rebuilt: &mut Vec<String>, piece: &mut usize, from: usize, to: usize| {
            let mut at = from;
            while at < to {
                while ranges[*piece].end <= at {
                    *piece += 1;
                }
                let end = to.min(ranges[*piece].end);
                rebuilt[*piece].push_str(&text[at..end]);
                at = end;
            }
        };
        let mut copied = 0;
        for (finding, replacement) in &replacements {
            *report.counts.entry(finding.kind).or_default() += 1;
            copy_to(&mut rebuilt, &mut piece, copied, finding.start);
            while ranges[piece].end <= finding.start && piece + 1 < ranges.len() {
                piece += 1;
            }
            rebuilt[piece].push_str(&String::from_utf8_lossy(replacement));
            // The finding's own text is dropped; later text goes to its own pieces.
            copied = finding.end;
        }
        copy_to(&mut rebuilt, &mut piece, copied, text.len());
        for (piece, new_text) in self.pieces.iter_mut().zip(rebuilt) {
            if new_text != piece.text {
                self.events[piece.event] = Event::Text(BytesText::new(&new_text).into_owned());
                piece.text = new_text;
            }
        }
        true
    }

    fn flush<W: Write>(
        &mut self,
        rewriter: &Rewriter,
        report: &mut StreamReport,
        writer: Option<&mut Writer<W>>,
    ) -> io::Result<()> {
        self.redact(rewriter, report);
        if let Some(writer) = writer {
            for event in self.events.drain(..) {
                writer.write_event(event).map_err(io::Error::other)?;
            }
        }
        self.events.clear();
        self.pieces.clear();
        self.standalone_only = false;
        self.text_len = 0;
        Ok(())
    }
}

/// The characters an entity reference stands for.
fn resolve_reference(reference: &quick_xml::events::BytesRef<'_>) -> io::Result<String> {
    if let Some(c) = reference.resolve_char_ref().map_err(bad_document)? {
        return Ok(c.to_string());
    }
    let name = reference.decode().map_err(bad_document)?;
    quick_xml::escape::resolve_predefined_entity(&name)
        .map(str::to_owned)
        .ok_or_else(|| bad_document(format!("unknown entity &{name};")))
}

/// What a spreadsheet cell holds in its `<v>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CellValue {
    /// A number (no type, or `t="n"`): only values that are personal data whatever
    /// stands around them (a card, an IBAN, a PESEL, a known customer's value) are
    /// taken, since 9 random digits are a valid phone number more often than not.
    Number,
    /// The text result of a formula (`t="str"`).
    Text,
    /// An index into the shared strings, a boolean or an error: nothing to read.
    Other,
}

/// The cell of a spreadsheet being read, held until its end.
struct Cell {
    start: BytesStart<'static>,
    value_kind: CellValue,
    events: Vec<Event<'static>>,
    value: Option<String>,
    has_formula: bool,
    /// The formula's text: its string literals can hold personal data.
    formula: String,
    /// The formula is the master of a shared formula (`<f t="shared" ref="...">`).
    shared_master: bool,
}

/// What [`Cells::take`] did with an event.
enum Taken {
    /// A cell ended: here it is, whole.
    Cell(Cell),
    /// The event belongs to the cell being read.
    Kept,
    /// The event is not in a held cell (an inline string cell is read as text).
    Not(Event<'static>),
}

/// Reads the cells of a spreadsheet part: each `<c>` with a value is held until its
/// end; one with an inline string passes through as text.
#[derive(Default)]
struct Cells {
    cell: Option<Cell>,
    in_value: bool,
    in_formula: bool,
    in_inline_cell: bool,
}

impl Cells {
    fn take(&mut self, event: Event<'static>) -> io::Result<Taken> {
        match &event {
            Event::Start(start) if start.local_name().as_ref() == b"c" => {
                let kind = start
                    .try_get_attribute("t")
                    .map_err(bad_document)?
                    .map(|a| a.value.into_owned());
                let value_kind = match kind.as_deref() {
                    None | Some(b"n") => CellValue::Number,
                    Some(b"str") => CellValue::Text,
                    Some(b"inlineStr") => {
                        self.in_inline_cell = true;
                        return Ok(Taken::Not(event));
                    }
                    Some(_) => CellValue::Other,
                };
                self.cell = Some(Cell {
                    start: start.clone(),
                    value_kind,
                    events: Vec::new(),
                    value: None,
                    has_formula: false,
                    formula: String::new(),
                    shared_master: false,
                });
                return Ok(Taken::Kept);
            }
            Event::End(end) if end.local_name().as_ref() == b"c" => {
                if std::mem::take(&mut self.in_inline_cell) {
                    return Ok(Taken::Not(event));
                }
                return Ok(self.cell.take().map_or(Taken::Kept, Taken::Cell));
            }
            _ => {}
        }
        let Some(current) = self.cell.as_mut() else {
            return Ok(Taken::Not(event));
        };
        let value_text = match &event {
            Event::Start(s) if s.local_name().as_ref() == b"v" => {
                self.in_value = true;
                None
            }
            Event::End(e) if e.local_name().as_ref() == b"v" => {
                self.in_value = false;
                None
            }
            Event::Start(s) | Event::Empty(s) if s.local_name().as_ref() == b"f" => {
                current.has_formula = true;
                current.shared_master |= s.try_get_attribute("ref").ok().flatten().is_some();
                self.in_formula = matches!(event, Event::Start(_));
                None
            }
            Event::End(e) if e.local_name().as_ref() == b"f" => {
                self.in_formula = false;
                None
            }
            Event::Text(t) if self.in_formula => {
                current.formula.push_str(&t.decode().map_err(bad_document)?);
                None
            }
            Event::GeneralRef(r) if self.in_formula => {
                current.formula.push_str(&resolve_reference(r)?);
                None
            }
            Event::Text(t) if self.in_value => Some(t.decode().map_err(bad_document)?.into_owned()),
            Event::GeneralRef(r) if self.in_value => Some(resolve_reference(r)?),
            _ => None,
        };
        if let Some(text) = value_text.filter(|_| current.value_kind != CellValue::Other) {
            current
                .value
                .get_or_insert_with(String::new)
                .push_str(&text);
        }
        current.events.push(event);
        Ok(Taken::Kept)
    }
}

/// A number cell's value as digits: `7.76944657E8` (how some writers store integers)
/// read as `776944657`.
fn plain_number(value: &str) -> String {
    match value.parse::<f64>() {
        Ok(n) if value.contains(['E', 'e']) && n.fract() == 0.0 && n.abs() < 9.0e15 => {
            format!("{n:.0}")
        }
        _ => value.to_owned(),
    }
}

/// Where in the markup the reader stands, as far as searching its text goes.
#[derive(Default)]
struct Markup {
    /// Depth inside properties elements (`rPr`, `pPr`...), whose ends are all inline.
    properties_depth: usize,
    /// Inside an element whose text is a typed value.
    in_typed: bool,
    /// Inside an ODF spreadsheet cell that holds a number.
    in_numeric_cell: bool,
    /// Inside a chart's number cache, whose `<v>` hold numbers (its string cache, text).
    in_number_cache: bool,
}

impl Markup {
    /// Takes in the start of element `name`; true when it starts a block, which ends
    /// the text before it.
    fn start(&mut self, name: &[u8]) -> bool {
        let properties = is_properties(name);
        if properties {
            self.properties_depth += 1;
        }
        match name {
            b"numCache" | b"numLit" => self.in_number_cache = true,
            b"annotation" => self.in_numeric_cell = false,
            _ => {}
        }
        self.in_typed = TYPED_ELEMENTS.contains(&name) || self.in_number_cache && name == b"v";
        !properties && self.properties_depth == 0 && !INLINE.contains(&name)
    }

    /// Takes in the end of element `name`; true when it is inline (the text goes on).
    fn end(&mut self, name: &[u8]) -> bool {
        self.in_typed = false;
        match name {
            b"table-cell" => self.in_numeric_cell = false,
            b"numCache" | b"numLit" => self.in_number_cache = false,
            _ => {}
        }
        if is_properties(name) {
            self.properties_depth = self.properties_depth.saturating_sub(1);
        }
        INLINE.contains(&name) || self.properties_depth > 0 || is_properties(name)
    }
}

fn rewrite_part<W: Write>(
    rewriter: &Rewriter,
    name: &str,
    input: impl BufRead,
    output: Option<&mut W>,
    report: &mut StreamReport,
) -> io::Result<()> {
    let mut reader = Reader::from_reader(input);
    reader.config_mut().trim_text(false);
    let mut writer = output.map(Writer::new);
    let mut cells = is_sheet_part(name).then(Cells::default);
    let mut paragraph = Paragraph::default();
    let mut markup = Markup::default();
    let mut buf = Vec::new();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(bad_document)?
            .into_owned();
        buf.clear();
        let event = match cells.as_mut() {
            Some(cells) => match cells.take(event)? {
                Taken::Cell(done) => {
                    // What came before the cell (its row, white space) goes out first.
                    paragraph.flush(rewriter, report, writer.as_mut())?;
                    write_cell(done, rewriter, report, writer.as_mut())?;
                    continue;
                }
                Taken::Kept => continue,
                Taken::Not(event) => event,
            },
            None => event,
        };
        paragraph.check_size()?;
        match event {
            Event::Eof => break,
            Event::Text(t) => {
                let text = t.decode().map_err(bad_document)?.into_owned();
                paragraph.standalone_only |= markup.in_typed || markup.in_numeric_cell;
                paragraph.push_text(Event::Text(t), text);
            }
            Event::Comment(comment) => {
                paragraph
                    .events
                    .push(redact_comment(comment, rewriter, report)?);
            }
            Event::GeneralRef(r) => {
                let text = resolve_reference(&r)?;
                paragraph.push_text(Event::GeneralRef(r), text);
            }
            Event::CData(c) => {
                let text = String::from_utf8_lossy(&c).into_owned();
                paragraph.push_text(Event::CData(c), text);
            }
            Event::End(end) => {
                let inline = markup.end(end.local_name().as_ref());
                paragraph.events.push(Event::End(end));
                if !inline {
                    paragraph.flush(rewriter, report, writer.as_mut())?;
                }
            }
            Event::Start(start) => {
                // The start of a block (a note, a comment, a text box) ends the text
                // before it: "657" and the footnote mark "1" are not one number.
                if markup.start(start.local_name().as_ref()) && !paragraph.pieces.is_empty() {
                    paragraph.flush(rewriter, report, writer.as_mut())?;
                }
                let start = redact_attributes(&start, rewriter, report)?.unwrap_or(start);
                let start = if start.local_name().as_ref() == b"table-cell" {
                    let (start, numeric) = odf_cell(start, rewriter, report);
                    markup.in_numeric_cell = numeric;
                    start
                } else {
                    start
                };
                paragraph.events.push(Event::Start(start));
                if paragraph.pieces.is_empty() {
                    paragraph.flush(rewriter, report, writer.as_mut())?;
                }
            }
            Event::Empty(empty) => {
                let empty = redact_attributes(&empty, rewriter, report)?.unwrap_or(empty);
                if let Some(space) = white_space_of(empty.local_name().as_ref()) {
                    paragraph.push_text(Event::Empty(empty), space.to_owned());
                    continue;
                }
                paragraph.events.push(Event::Empty(empty));
                if paragraph.pieces.is_empty() {
                    paragraph.flush(rewriter, report, writer.as_mut())?;
                }
            }
            other => {
                paragraph.events.push(other);
                // Text is found inside a paragraph; outside one, nothing waits.
                if paragraph.pieces.is_empty() {
                    paragraph.flush(rewriter, report, writer.as_mut())?;
                }
            }
        }
    }
    paragraph.flush(rewriter, report, writer.as_mut())
}

/// An XML comment, searched on its own and written back as a comment.
fn redact_comment(
    comment: BytesText<'static>,
    rewriter: &Rewriter,
    report: &mut StreamReport,
) -> io::Result<Event<'static>> {
    let text = comment.decode().map_err(bad_document)?.into_owned();
    let mut alone = Paragraph::default();
    alone.push_text(Event::Text(BytesText::new(&text).into_owned()), text);
    Ok(if alone.redact(rewriter, report) {
        // A comment may not hold "--".
        let new_text = alone.pieces.swap_remove(0).text.replace("--", "- -");
        Event::Comment(BytesText::from_escaped(new_text))
    } else {
        Event::Comment(comment)
    })
}

/// An ODF spreadsheet cell's start tag: whether it holds a number (read for findings
/// that stand alone only, like an XLSX number cell), and, when that number is personal
/// data, the tag of a text cell instead (its value, type and formula dropped; the
/// cell's text is redacted as text).
fn odf_cell(
    start: BytesStart<'static>,
    rewriter: &Rewriter,
    report: &mut StreamReport,
) -> (BytesStart<'static>, bool) {
    let attribute = |name: &[u8]| {
        start
            .attributes()
            .flatten()
            .find(|a| a.key.local_name().as_ref() == name)
            .map(|a| String::from_utf8_lossy(&a.value).into_owned())
    };
    let numeric = matches!(
        attribute(b"value-type").as_deref(),
        Some("float" | "currency" | "percentage")
    );
    let found_in = |text: String, standalone_only: bool, report: &mut StreamReport| {
        let mut probe = Paragraph {
            standalone_only,
            ..Paragraph::default()
        };
        probe.push_text(Event::Text(BytesText::new(&text).into_owned()), text);
        probe.redact(rewriter, report)
    };
    // A formula's string literals are text; one that holds personal data goes.
    let formula_found = attribute(b"formula").is_some_and(|f| found_in(f, false, report));
    // A number is counted with the cell's text, which shows the same value.
    let value_found = numeric
        && attribute(b"value")
            .is_some_and(|v| found_in(plain_number(&v), true, &mut StreamReport::default()));
    if !formula_found && !value_found {
        return (start, numeric);
    }
    let name = String::from_utf8_lossy(start.name().as_ref()).into_owned();
    let mut rebuilt = BytesStart::new(name);
    for attribute in start.attributes().flatten() {
        match attribute.key.local_name().as_ref() {
            b"formula" => {}
            b"value" if value_found => {}
            b"value-type" if value_found => {
                rebuilt.push_attribute((attribute.key.as_ref(), b"string".as_slice()));
            }
            _ => rebuilt.push_attribute(attribute),
        }
    }
    (rebuilt, numeric)
}

/// Writes a spreadsheet cell; one whose value holds personal data becomes an inline
/// text cell holding the value with its findings replaced.
fn write_cell<W: Write>(
    cell: Cell,
    rewriter: &Rewriter,
    report: &mut StreamReport,
    writer: Option<&mut Writer<W>>,
) -> io::Result<()> {
    let mut paragraph = Paragraph {
        standalone_only: cell.value_kind == CellValue::Number,
        ..Paragraph::default()
    };
    let mut changed = false;
    if let Some(value) = &cell.value {
        let value = match cell.value_kind {
            CellValue::Number => plain_number(value),
            _ => value.clone(),
        };
        paragraph.push_text(Event::Text(BytesText::new(&value).into_owned()), value);
        changed = paragraph.redact(rewriter, report);
    }
    // A formula's string literals are text (`HYPERLINK("mailto:...")`): a formula that
    // holds personal data goes, and the cell keeps its (redacted) value as text. A
    // shared formula's master cannot go without breaking the cells that share it.
    let mut formula = Paragraph::default();
    let formula_text = cell.formula.clone();
    formula.push_text(
        Event::Text(BytesText::new(&formula_text).into_owned()),
        formula_text,
    );
    let formula_found = !cell.formula.is_empty() && formula.redact(rewriter, report);
    if formula_found && cell.shared_master {
        return Err(bad_document(
            "a shared formula holds personal data; replace it with its values and run again",
        ));
    }
    let keep_formula = cell.has_formula && !formula_found;
    changed |= formula_found;
    let Some(writer) = writer else {
        return Ok(());
    };
    let write = |writer: &mut Writer<W>, event: Event<'_>| {
        writer.write_event(event).map_err(io::Error::other)
    };
    if !changed {
        write(writer, Event::Start(cell.start.clone()))?;
        for event in cell.events {
            write(writer, event)?;
        }
        return write(writer, Event::End(cell.start.to_end().into_owned()));
    }
    // The cell keeps its reference, style and formula (a shared formula's master and
    // the calculation chain stay valid); its value becomes text.
    let mut start =
        BytesStart::new(String::from_utf8_lossy(cell.start.name().as_ref()).into_owned());
    for attribute in cell.start.attributes().flatten() {
        if attribute.key.local_name().as_ref() != b"t" {
            start.push_attribute(attribute);
        }
    }
    let prefix = String::from_utf8_lossy(cell.start.name().as_ref())
        .strip_suffix('c')
        .unwrap_or_default()
        .to_owned();
    let tag = |name: &str| BytesStart::new(format!("{prefix}{name}"));
    if keep_formula {
        start.push_attribute(("t", "str"));
        write(writer, Event::Start(start.clone()))?;
        let mut in_value = false;
        for event in cell.events {
            match &event {
                Event::Start(s) if s.local_name().as_ref() == b"v" => {
                    in_value = true;
                    write(writer, event)?;
                    for text in paragraph.events.drain(..) {
                        write(writer, text)?;
                    }
                }
                Event::End(e) if e.local_name().as_ref() == b"v" => {
                    in_value = false;
                    write(writer, event)?;
                }
                _ if in_value => {}
                _ => write(writer, event)?,
            }
        }
        return write(writer, Event::End(start.to_end()));
    }
    start.push_attribute(("t", "inlineStr"));
    write(writer, Event::Start(start.clone()))?;
    write(writer, Event::Start(tag("is")))?;
    write(writer, Event::Start(tag("t")))?;
    for event in paragraph.events {
        write(writer, event)?;
    }
    write(writer, Event::End(tag("t").to_end()))?;
    write(writer, Event::End(tag("is").to_end()))?;
    write(writer, Event::End(start.to_end()))
}

/// Reads every text part of the office document just written to `file` again, with
/// `rechecker`: what the fail-closed check of a rewritten document counts.
pub(super) fn recheck(rechecker: &Rewriter, file: &File) -> io::Result<u64> {
    let mut again = file.try_clone()?;
    again.seek(io::SeekFrom::Start(0))?;
    Ok(rewrite(rechecker, again, None::<&mut File>)?.total())
}

/// Checks that `reader` starts like a ZIP file, so a text file named `.docx` is read
/// as text rather than failing as a broken document.
pub(super) fn looks_like_zip(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::privacy::Detectors;
    use crate::privacy::rewrite::Style;
    use proptest::prelude::*;

    fn rewriter() -> Rewriter {
        Rewriter {
            detectors: Detectors::default(),
            extra: None,
            style: Style::Label,
            json: false,
            positions: false,
        }
    }

    const LINES: &[&str] = &[
        "Tel. 776 944 657, e-mail jana.novakova@firma.cz & spol.",
        "PESEL 44051401359 <pan Kowalski>, konto 61 1090 1014 0000 0712 1981 2874",
        "ИНН 7707083893, тел. 8 (985) 174-12-38",
        "کد ملی ۰۴۹۹۳۷۰۸۹۹ و شماره 0939 093 3366",
        "Objednávka č. 2024/118 ze dne 14.05.2024 na 1 250,00 Kč.",
    ];

    /// The text of a paragraph split into runs at `cuts` (character positions).
    fn paragraph_xml(line: &str, cuts: &[usize]) -> String {
        let chars: Vec<char> = line.chars().collect();
        let mut bounds: Vec<usize> = cuts.iter().map(|c| c % (chars.len() + 1)).collect();
        bounds.extend([0, chars.len()]);
        bounds.sort_unstable();
        bounds.dedup();
        let mut xml = String::from("<w:document xmlns:w=\"w\"><w:p>");
        for pair in bounds.windows(2) {
            let run: String = chars[pair[0]..pair[1]].iter().collect();
            let run = run
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            xml.push_str("<w:r><w:rPr><w:b/></w:rPr><w:t>");
            xml.push_str(&run);
            xml.push_str("</w:t></w:r>");
        }
        xml.push_str("</w:p></w:document>");
        xml
    }

    /// The text of every `<w:t>` of `xml`, unescaped and joined.
    fn text_of(xml: &[u8]) -> Result<String, quick_xml::Error> {
        let mut reader = Reader::from_reader(xml);
        let mut text = String::new();
        loop {
            match reader.read_event()? {
                Event::Eof => return Ok(text),
                Event::Text(t) => text.push_str(&t.decode()?),
                Event::GeneralRef(r) => text
                    .push_str(&resolve_reference(&r).map_err(|e| quick_xml::Error::Io(e.into()))?),
                _ => {}
            }
        }
    }

    fn redacted(xml: &str) -> Result<String, TestCaseError> {
        let mut out = Vec::new();
        let mut report = StreamReport::default();
        rewrite_part(
            &rewriter(),
            "word/document.xml",
            xml.as_bytes(),
            Some(&mut out),
            &mut report,
        )
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
        Ok(String::from_utf8_lossy(&out).into_owned())
    }

    /// Found by review: words on either side of a tab or line break were glued
    /// together, a deleted number was read with the one typed after it, and a colour in
    /// a run's properties cut the paragraph in two.
    #[test]
    fn tabs_breaks_tracked_changes_and_run_properties_keep_words_apart() -> Result<(), TestCaseError>
    {
        let out = redacted(
            "<w:p><w:r><w:t>PESEL</w:t></w:r><w:r><w:tab/><w:t>44051401359</w:t></w:r></w:p>",
        )?;
        prop_assert!(
            out.contains("[PL_PESEL]") && !out.contains("4405"),
            "{}",
            out
        );
        prop_assert!(out.contains("<w:tab/>"), "{}", out);
        let out = redacted(
            "<w:p><w:r><w:t>jana@firma.cz</w:t><w:br/><w:t>776 944 657</w:t></w:r></w:p>",
        )?;
        prop_assert!(
            out.contains("[EMAIL]") && out.contains("[PHONE]"),
            "{}",
            out
        );
        let out = redacted(
            "<w:p><w:del><w:r><w:delText>776 944 657</w:delText></w:r></w:del>\
             <w:ins><w:r><w:t>602 123 456</w:t></w:r></w:ins></w:p>",
        )?;
        prop_assert!(!out.contains("776") && !out.contains("602 123"), "{}", out);
        let out = redacted(
            "<a:p><a:r><a:t>Tel. 776 944 </a:t></a:r><a:r><a:rPr><a:solidFill>\
             <a:srgbClr val=\"FF0000\"/></a:solidFill></a:rPr><a:t>657</a:t></a:r></a:p>",
        )?;
        prop_assert!(
            !out.contains("776 944") && out.contains("[PHONE]"),
            "{}",
            out
        );
        // A footnote's mark right after a number is not part of it.
        let out = redacted(
            "<text:p>Volejte 776 944 657<text:note><text:note-citation>1\
             </text:note-citation></text:note></text:p>",
        )?;
        prop_assert!(out.contains("[PHONE]") && !out.contains("944"), "{}", out);
        Ok(())
    }

    proptest! {
        /// However a paragraph is cut into runs, its redacted text is the redacted
        /// text of the paragraph written whole, and the runs stay runs.
        #[test]
        fn runs_split_anywhere_redact_like_the_whole_text(
            line in 0..LINES.len(),
            cuts in proptest::collection::vec(0usize..200, 0..12),
        ) {
            let line = LINES[line];
            let xml = paragraph_xml(line, &cuts);
            let mut out = Vec::new();
            let mut report = StreamReport::default();
            rewrite_part(&rewriter(), "word/document.xml", xml.as_bytes(), Some(&mut out), &mut report)
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            let mut whole = Vec::new();
            rewriter().run(&mut line.as_bytes(), Some(&mut whole), 1)
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            let redacted = text_of(&out).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(redacted, String::from_utf8_lossy(&whole).into_owned());
            let runs = |x: &[u8]| String::from_utf8_lossy(x).matches("<w:r>").count();
            prop_assert_eq!(runs(&out), runs(xml.as_bytes()));
        }
    }
}
