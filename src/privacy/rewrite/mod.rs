//! Rewriting text with its personal data replaced, streaming in chunks so a file of any
//! size is processed in constant memory, on all cores, and written back in order.

use std::collections::BTreeMap;
use std::io::{self, Read, Write};

mod chunks;
#[cfg(test)]
mod tests;

use super::detect::Detectors;
use super::kind::{Finding, Kind};
use crate::pool;
use chunks::{Chunk, ChunkReader};

/// How a finding is replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// `[EMAIL]`, `[CARD]`, `[PL_PESEL]`...
    Label,
    /// Every letter and digit becomes `*`; cards and IBANs keep their last four digits.
    Mask,
    /// What the [`Substitution`] writes (a code token, or a token's value); never
    /// offered on the command line.
    Substitute,
}

/// A finder beside the pattern detectors, with its own replacements: the known
/// customers of a vault, or pseudonym tokens to reverse.
pub trait Substitution: Send + Sync {
    /// Findings in `text`, sorted and non-overlapping.
    fn find(&self, text: &[u8]) -> Vec<Finding>;
    /// Writes what replaces `finding`, whose original bytes are `original`.
    fn replace(&self, finding: &Finding, original: &[u8], out: &mut Vec<u8>);
}

/// Where one finding is, for reports (never its value).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub kind: Kind,
    /// 1-based line number.
    pub line: u64,
    /// 1-based column, in characters.
    pub column: u64,
}

/// What was found in one stream.
#[derive(Debug, Default)]
pub struct StreamReport {
    pub counts: BTreeMap<Kind, u64>,
    pub positions: Vec<Position>,
}

impl StreamReport {
    pub fn total(&self) -> u64 {
        self.counts.values().sum()
    }
}

/// Settings for one run of rewriting.
#[derive(Clone)]
pub struct Rewriter {
    pub detectors: Detectors,
    /// Another finder whose findings join the detectors' (and, with
    /// [`Style::Substitute`], write their own replacements).
    pub extra: Option<std::sync::Arc<dyn Substitution>>,
    pub style: Style,
    /// Keep JSON valid: a replaced bare number is written as a string.
    pub json: bool,
    /// Record where each finding is (for `--report`); counts are always kept.
    pub positions: bool,
}

fn write_replacement(out: &mut Vec<u8>, kind: Kind, original: &[u8], style: Style) {
    match style {
        Style::Label | Style::Substitute => out.extend_from_slice(kind.label().as_bytes()),
        Style::Mask => {
            let text = String::from_utf8_lossy(original);
            let keep = if matches!(kind, Kind::Card | Kind::Iban) {
                4
            } else {
                0
            };
            let total = text.chars().filter(|c| c.is_alphanumeric()).count();
            let mut seen = 0;
            let masked: String = text
                .chars()
                .map(|c| {
                    if c.is_alphanumeric() {
                        seen += 1;
                        if seen > total - keep.min(total) {
                            c
                        } else {
                            '*'
                        }
                    } else {
                        c
                    }
                })
                .collect();
            out.extend_from_slice(masked.as_bytes());
        }
    }
}

struct Done {
    output: Vec<u8>,
    positions: Vec<Position>,
}

impl Rewriter {
    /// Every finding in `text`: the detectors' and the extra finder's, sorted and apart.
    fn findings(&self, text: &[u8]) -> Vec<Finding> {
        let mut findings: Vec<Finding> = if self.detectors.kinds().is_empty() {
            Vec::new()
        } else {
            self.detectors.find(text)
        };
        if let Some(extra) = &self.extra {
            let more = extra.find(text);
            if findings.is_empty() {
                findings = more;
            } else {
                findings.extend(more);
                findings = super::detect::resolve_overlaps(findings);
            }
        }
        findings
    }

    /// The findings in one piece of text (a paragraph of a document) and what each is
    /// replaced with, for writers that put the replacements back into a structure of
    /// their own (the text runs of an office document).
    pub fn replacements(&self, text: &[u8]) -> Vec<(Finding, Vec<u8>)> {
        self.findings(text)
            .into_iter()
            .filter(|f| f.start < f.end && f.end <= text.len())
            .map(|f| {
                let mut replacement = Vec::new();
                match (&self.extra, self.style) {
                    (Some(extra), Style::Substitute) => {
                        extra.replace(&f, &text[f.start..f.end], &mut replacement);
                    }
                    _ => write_replacement(
                        &mut replacement,
                        f.kind,
                        &text[f.start..f.end],
                        self.style,
                    ),
                }
                (f, replacement)
            })
            .collect()
    }

    fn rewrite_chunk(&self, chunk: &Chunk, write_output: bool) -> Done {
        let text = &chunk.bytes;
        let findings = self.findings(text);
        // Room for replacements a little longer than what they replace.
        let mut output = Vec::with_capacity(if write_output {
            text.len() + text.len() / 4
        } else {
            0
        });
        let mut positions = Vec::with_capacity(findings.len());
        // Line and column are advanced from one finding to the next, never recounted
        // from the line start, so a long line with many findings stays linear.
        let (mut line, mut column, mut scanned) = (chunk.first_line, chunk.first_column, 0usize);
        let mut json = chunk.json;
        let mut copied = 0;
        let mut last_end = 0;
        for f in &findings {
            // Findings are sorted and apart; one that is not is dropped rather than
            // allowed to corrupt (or stop) the output.
            if f.start < last_end || f.start >= f.end || f.end > text.len() {
                continue;
            }
            last_end = f.end;
            if self.positions {
                for &b in &text[scanned..f.start] {
                    if b == b'\n' {
                        line += 1;
                        column = 0;
                    } else if b & 0xC0 != 0x80 {
                        column += 1; // count characters, not UTF-8 continuation bytes
                    }
                }
                scanned = f.start;
            }
            positions.push(Position {
                kind: f.kind,
                line,
                column: column + 1,
            });
            if write_output {
                json.advance(&text[copied..f.start]);
                output.extend_from_slice(&text[copied..f.start]);
                let quote = self.json && !json.in_string;
                if quote {
                    output.push(b'"');
                }
                match (&self.extra, self.style) {
                    (Some(extra), Style::Substitute) if self.json && json.in_string => {
                        // A value put back inside a JSON string is escaped as one.
                        let mut value = Vec::new();
                        extra.replace(f, &text[f.start..f.end], &mut value);
                        let escaped = serde_json::to_string(&String::from_utf8_lossy(&value))
                            .unwrap_or_default();
                        let inner = escaped
                            .strip_prefix('"')
                            .and_then(|e| e.strip_suffix('"'))
                            .unwrap_or_default();
                        output.extend_from_slice(inner.as_bytes());
                    }
                    (Some(extra), Style::Substitute) => {
                        extra.replace(f, &text[f.start..f.end], &mut output);
                    }
                    _ => write_replacement(&mut output, f.kind, &text[f.start..f.end], self.style),
                }
                if quote {
                    output.push(b'"');
                }
                json.advance(&text[f.start..f.end]);
                copied = f.end;
            }
        }
        if write_output {
            output.extend_from_slice(&text[copied..]);
        }
        Done { output, positions }
    }

    /// Reads `input` to its end and writes it to `output` (when given) with every
    /// finding replaced. Chunks are rewritten on `workers` threads and written in order.
    pub fn run(
        &self,
        input: &mut dyn Read,
        mut output: Option<&mut (dyn Write + Send)>,
        workers: usize,
    ) -> io::Result<StreamReport> {
        let write_output = output.is_some();
        let mut chunks = ChunkReader::new(self, input);
        let mut report = StreamReport::default();
        let rewrite = |chunk: Chunk| self.rewrite_chunk(&chunk, write_output);
        pool::ordered(
            workers,
            || chunks.next(),
            &rewrite,
            |done: &mut Done| {
                if let Some(out) = output.as_mut() {
                    out.write_all(&done.output)?;
                }
                for p in &done.positions {
                    *report.counts.entry(p.kind).or_default() += 1;
                }
                if self.positions {
                    report.positions.append(&mut done.positions);
                }
                Ok::<_, io::Error>(())
            },
        )?;
        if let Some(out) = output.as_mut() {
            out.flush()?;
        }
        Ok(report)
    }
}
