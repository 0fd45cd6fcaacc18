//! PDF: read for `redact --check`, never rewritten. Covering text with a black box
//! leaves it in the file; a safe redaction must remove the glyphs from the content
//! streams (and the fonts, metadata and form fields that repeat them), which sealbook
//! does not do. A PDF given to `redact` without `--check` is left out and named, and
//! the run fails unless `--skip-unsupported` says that is wanted.

use std::path::Path;

use crate::privacy::rewrite::{Rewriter, StreamReport};

/// Why `redact` leaves a PDF out.
pub(super) const NOT_REWRITTEN: &str = "a PDF: redacting one must remove the glyphs from \
     its content streams, not cover them, and sealbook does not rewrite PDFs; \
     `sealbook redact --check` reads its text";

/// Text pages are decompressed up to this size each: a crafted stream cannot exhaust
/// memory.
const MAX_PAGE_TEXT: usize = 64 << 20;

pub(super) fn looks_like_pdf(head: &[u8]) -> bool {
    head.starts_with(b"%PDF-")
}

/// The findings in the text of every page of the PDF at `path`, its document
/// information and XMP metadata, form field values, annotations and link targets; or
/// why it could not be read (encrypted, damaged, attachments, or text kept where the
/// page text extraction does not look).
pub(super) fn scan(rewriter: &Rewriter, path: &Path) -> Result<StreamReport, String> {
    let document = lopdf::Document::load(path).map_err(|e| format!("unreadable PDF: {e}"))?;
    if document.is_encrypted() {
        return Err("an encrypted PDF: its text cannot be read".into());
    }
    let mut report = StreamReport::default();
    let mut count = |text: &str| {
        for (finding, _) in rewriter.replacements(text.as_bytes()) {
            *report.counts.entry(finding.kind).or_default() += 1;
        }
    };
    for (number, page) in document.get_pages() {
        if has_form_xobject(&document, page) {
            return Err(format!(
                "page {number} draws text from a form object, which sealbook cannot read"
            ));
        }
        let text = document
            .extract_text_with_limit(&[number], MAX_PAGE_TEXT)
            .map_err(|e| format!("unreadable PDF page {number}: {e}"))?;
        count(&text);
        for text in annotation_texts(&document, page, number)? {
            count(&text);
        }
    }
    for text in document_texts(&document)? {
        count(&text);
    }
    Ok(report)
}

/// The texts of a page's annotations: their contents, titles and values, and links'
/// targets (`mailto:`). A file attached to the page cannot be read.
fn annotation_texts(
    document: &lopdf::Document,
    page: lopdf::ObjectId,
    number: u32,
) -> Result<Vec<String>, String> {
    let mut texts = Vec::new();
    for annotation in document.get_page_annotations(page).unwrap_or_default() {
        if annotation
            .get(b"Subtype")
            .and_then(lopdf::Object::as_name)
            .is_ok_and(|name| name == b"FileAttachment")
        {
            return Err(format!(
                "page {number} has a file attached, which sealbook cannot read"
            ));
        }
        let link = annotation
            .get(b"A")
            .ok()
            .and_then(|a| document.dereference(a).ok())
            .and_then(|(_, a)| a.as_dict().ok())
            .and_then(|a| a.get(b"URI").ok());
        texts.extend(
            [b"Contents".as_slice(), b"T", b"V"]
                .into_iter()
                .map(|key| annotation.get(key).ok())
                .chain([link])
                .filter_map(|value| text_of(document, value)),
        );
    }
    Ok(texts)
}

/// The texts kept for the whole document: the XMP metadata stream, the document
/// information (author, title) and every form field's value. Attached files cannot be
/// read.
fn document_texts(document: &lopdf::Document) -> Result<Vec<String>, String> {
    let catalog_entry = |key: &[u8]| {
        document
            .catalog()
            .ok()
            .and_then(|catalog| catalog.get(key).ok())
            .and_then(|entry| document.dereference(entry).ok())
            .map(|(_, entry)| entry)
    };
    let attachments = catalog_entry(b"Names")
        .and_then(|names| names.as_dict().ok())
        .is_some_and(|names| names.has(b"EmbeddedFiles"));
    if attachments {
        return Err("it has files attached, which sealbook cannot read".into());
    }
    let mut texts = Vec::new();
    if let Some(stream) = catalog_entry(b"Metadata").and_then(|m| m.as_stream().ok()) {
        let xmp = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        texts.push(String::from_utf8_lossy(&xmp).into_owned());
    }
    if let Ok(info) = document.trailer.get(b"Info")
        && let Ok((_, lopdf::Object::Dictionary(info))) = document.dereference(info)
    {
        texts.extend(
            info.iter()
                .filter_map(|(_, value)| text_of(document, Some(value))),
        );
    }
    let fields = catalog_entry(b"AcroForm")
        .and_then(|form| form.as_dict().ok())
        .and_then(|form| form.get(b"Fields").ok());
    let mut pending: Vec<&lopdf::Object> = fields.into_iter().collect();
    let mut seen = 0usize;
    while let Some(object) = pending.pop() {
        // A crafted form whose fields refer to each other ends here.
        seen += 1;
        if seen > 100_000 {
            return Err("a PDF form with too many fields".into());
        }
        match document.dereference(object) {
            Ok((_, lopdf::Object::Array(items))) => pending.extend(items.iter()),
            Ok((_, lopdf::Object::Dictionary(field))) => {
                texts.extend(text_of(document, field.get(b"V").ok()));
                if let Ok(kids) = field.get(b"Kids") {
                    pending.push(kids);
                }
            }
            _ => {}
        }
    }
    Ok(texts)
}

/// The text of a PDF string (or a reference to one).
fn text_of(document: &lopdf::Document, object: Option<&lopdf::Object>) -> Option<String> {
    let (_, object) = document.dereference(object?).ok()?;
    lopdf::decode_text_string(object).ok()
}

/// True when a page's resources hold a form XObject: text drawn from one is not in
/// what the page's own content stream gives.
fn has_form_xobject(document: &lopdf::Document, page: lopdf::ObjectId) -> bool {
    // Resources that cannot be read could hold anything: the page is not passed.
    let Ok((direct, ids)) = document.get_page_resources(page) else {
        return true;
    };
    let dictionaries = direct.into_iter().chain(
        ids.iter()
            .filter_map(|id| document.get_dictionary(*id).ok()),
    );
    dictionaries
        .filter_map(|resources| resources.get(b"XObject").ok())
        .filter_map(|x| document.dereference(x).ok())
        .filter_map(|(_, x)| x.as_dict().ok())
        .flat_map(|xobjects| xobjects.iter().map(|(_, object)| object))
        .filter_map(|object| document.dereference(object).ok())
        .filter_map(|(_, object)| object.as_stream().ok())
        .any(|stream| {
            stream
                .dict
                .get(b"Subtype")
                .and_then(lopdf::Object::as_name)
                .is_ok_and(|name| name == b"Form")
        })
}
