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

/// The findings in the text of every page of the PDF at `path`, or why it could not be
/// read (encrypted, damaged).
pub(super) fn scan(rewriter: &Rewriter, path: &Path) -> Result<StreamReport, String> {
    let document = lopdf::Document::load(path).map_err(|e| format!("unreadable PDF: {e}"))?;
    if document.is_encrypted() {
        return Err("an encrypted PDF: its text cannot be read".into());
    }
    let mut report = StreamReport::default();
    for page in document.get_pages().into_keys() {
        let text = document
            .extract_text_with_limit(&[page], MAX_PAGE_TEXT)
            .map_err(|e| format!("unreadable PDF page {page}: {e}"))?;
        for (finding, _) in rewriter.replacements(text.as_bytes()) {
            *report.counts.entry(finding.kind).or_default() += 1;
        }
    }
    Ok(report)
}
