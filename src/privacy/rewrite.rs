//! Rewriting text with its personal data replaced, streaming in chunks so a file of any
//! size is processed in constant memory, on all cores, and written back in order.

use std::collections::BTreeMap;
use std::io::{self, Read, Write};

use super::detect::Detectors;
use super::kind::{Finding, Kind};
use crate::pool;

/// Bytes read at a time; chunks are cut after the last line break inside them.
const CHUNK: usize = 1 << 20;
/// A chunk with no line break is cut at a space once it reaches this size.
const MAX_CHUNK: usize = 4 << 20;

/// How a finding is replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Style {
    /// `[EMAIL]`, `[CARD]`, `[PL_PESEL]`...
    Label,
    /// Every letter and digit becomes `*`; cards and IBANs keep their last four digits.
    Mask,
    /// What the [`Substitution`] writes (a pseudonym token, or a token's value).
    #[value(skip)]
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

struct Chunk {
    bytes: Vec<u8>,
    first_line: u64,
    /// Characters already on the chunk's first line (a chunk may start mid-line).
    first_column: u64,
    /// For JSON: whether the chunk starts inside a string, or just after a backslash.
    json: JsonState,
}

struct Done {
    output: Vec<u8>,
    positions: Vec<Position>,
}

/// Tracks whether a JSON text is inside a string, byte by byte.
#[derive(Clone, Copy, Default)]
struct JsonState {
    in_string: bool,
    escaped: bool,
}

impl JsonState {
    fn advance(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if self.escaped {
                self.escaped = false;
            } else if self.in_string && b == b'\\' {
                self.escaped = true;
            } else if b == b'"' {
                self.in_string = !self.in_string;
            }
        }
    }
}

impl Rewriter {
    fn rewrite_chunk(&self, chunk: &Chunk, write_output: bool) -> Done {
        let text = &chunk.bytes;
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

/// Cuts an input into [`Chunk`]s, keeping count of where each starts.
struct ChunkReader<'a> {
    rewriter: &'a Rewriter,
    input: &'a mut dyn Read,
    /// Bytes read and not yet cut off.
    pending: Vec<u8>,
    line: u64,
    column: u64,
    json: JsonState,
    eof: bool,
}

impl<'a> ChunkReader<'a> {
    fn new(rewriter: &'a Rewriter, input: &'a mut dyn Read) -> Self {
        Self {
            rewriter,
            input,
            pending: Vec::with_capacity(CHUNK * 2),
            line: 1,
            column: 0,
            json: JsonState::default(),
            eof: false,
        }
    }

    /// The next chunk; `None` at the end of the input.
    fn next(&mut self) -> io::Result<Option<Chunk>> {
        while !self.eof || !self.pending.is_empty() {
            // Read a chunk; one with no line break in it grows up to MAX_CHUNK, so a
            // long line is cut as rarely as possible. With known values to find, a
            // little more is read than is cut, to see whether a value spans the cut.
            let extra = self.rewriter.extra.as_deref();
            let lookahead = if extra.is_some() { CUT_WINDOW } else { 0 };
            let pending = &mut self.pending;
            if !self.eof && pending.len() < CHUNK + lookahead {
                self.eof = fill(self.input, pending, CHUNK + lookahead)?;
            }
            let choose = |pending: &[u8], eof: bool| {
                if eof {
                    Some(pending.len())
                } else {
                    cut_point(&pending[..pending.len() - lookahead])
                }
            };
            let mut cut = choose(pending, self.eof);
            while cut.is_none() && !self.eof && pending.len() < MAX_CHUNK + lookahead {
                self.eof = fill(self.input, pending, MAX_CHUNK + lookahead)?;
                cut = choose(pending, self.eof);
            }
            let mut cut =
                cut.unwrap_or_else(|| utf8_boundary(&pending[..pending.len() - lookahead]));
            if let Some(extra) = extra
                && !self.eof
            {
                cut = cut_outside_values(extra, pending, cut);
            }
            if cut == 0 {
                continue;
            }
            // The chunk keeps the big buffer; the few bytes after the cut start a new one
            // with room for the next read, so reading never grows a buffer bit by bit.
            let mut rest = Vec::with_capacity(CHUNK * 2);
            rest.extend_from_slice(&pending[cut..]);
            pending.truncate(cut);
            let bytes = std::mem::replace(pending, rest);
            let chunk = Chunk {
                first_line: self.line,
                first_column: self.column,
                json: self.json,
                bytes,
            };
            if self.rewriter.positions {
                self.line += count_lines(&chunk.bytes);
                self.column = column_after(&chunk.bytes, self.column);
            }
            if self.rewriter.json {
                self.json.advance(&chunk.bytes);
            }
            return Ok(Some(chunk));
        }
        Ok(None)
    }
}

/// Where to end a chunk: after its last line break (identifiers do not span lines).
/// A line longer than [`MAX_CHUNK`] is cut after a space or punctuation that no
/// identifier can span: one with no digit, `@` or Persian digit in the bytes after it,
/// so neither a number nor the words that name it are split. Only a line with no such
/// place at all is cut hard, on a character boundary.
fn cut_point(pending: &[u8]) -> Option<usize> {
    if let Some(newline) = pending.iter().rposition(|&b| b == b'\n') {
        return Some(newline + 1);
    }
    if pending.len() < MAX_CHUNK {
        return None;
    }
    for clear in [128, 24] {
        if let Some(cut) = quiet_cut(pending, clear) {
            return Some(cut);
        }
    }
    Some(utf8_boundary(pending))
}

/// The last cut after a separator followed by `clear` bytes with nothing an identifier
/// could start with.
fn quiet_cut(pending: &[u8], clear: usize) -> Option<usize> {
    let busy = |b: u8| b.is_ascii_digit() || matches!(b, b'@' | b'+' | 0xD9 | 0xDB);
    let separator = |b: u8| b.is_ascii_whitespace() || b"\",;{}[]|<>".contains(&b);
    let mut quiet_run = 0; // bytes after the current position without a busy byte
    for i in (0..pending.len()).rev() {
        if separator(pending[i]) && quiet_run >= clear {
            return Some(i + 1);
        }
        quiet_run = if busy(pending[i]) { 0 } else { quiet_run + 1 };
    }
    None
}

/// Bytes either side of a cut that are searched for a known value spanning it: longer
/// than any name, e-mail or number written across a line break.
const CUT_WINDOW: usize = 512;

/// Moves `cut` back to an earlier line break while a value `extra` knows (a customer's
/// name written "Jan" at the end of one line and "Novák" on the next) would be split
/// by it, so each chunk sees every value whole. Never moves it to 0.
fn cut_outside_values(extra: &dyn Substitution, pending: &[u8], mut cut: usize) -> usize {
    let char_start = |mut i: usize| {
        while i > 0 && i < pending.len() && (pending[i] & 0xC0) == 0x80 {
            i -= 1;
        }
        i
    };
    for _ in 0..16 {
        let start = char_start(cut.saturating_sub(CUT_WINDOW));
        let end = char_start((cut + CUT_WINDOW).min(pending.len())).max(cut);
        let spanning = extra
            .find(&pending[start..end])
            .into_iter()
            .map(|f| (start + f.start, start + f.end))
            .find(|&(from, to)| from < cut && to > cut);
        let Some((from, _)) = spanning else {
            return cut;
        };
        match pending[..from].iter().rposition(|&b| b == b'\n') {
            Some(newline) if newline + 1 < cut => cut = newline + 1,
            _ => return cut,
        }
    }
    cut
}

/// Reads into `pending` until it holds `target` bytes or the input ends; true at the end.
fn fill(input: &mut dyn Read, pending: &mut Vec<u8>, target: usize) -> io::Result<bool> {
    let want = (target - pending.len()) as u64;
    let n = input.take(want).read_to_end(pending)?;
    Ok((n as u64) < want)
}

/// The end of the last whole UTF-8 character in `bytes`.
fn utf8_boundary(bytes: &[u8]) -> usize {
    let mut lead = bytes.len();
    while lead > 0 && bytes.len() - lead < 4 {
        lead -= 1;
        if bytes[lead] & 0xC0 != 0x80 {
            let width = match bytes[lead] {
                0x00..=0x7F => 1,
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            return if lead + width <= bytes.len() {
                lead + width
            } else {
                lead
            };
        }
    }
    bytes.len()
}

/// The column (in characters) after `bytes`, starting from `column`.
fn column_after(bytes: &[u8], column: u64) -> u64 {
    let tail = bytes
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(bytes, |n| &bytes[n + 1..]);
    let chars = tail.iter().fold(0, |n, &b| n + u64::from(b & 0xC0 != 0x80));
    if tail.len() == bytes.len() {
        column + chars
    } else {
        chars
    }
}

/// Line breaks in `bytes`.
fn count_lines(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0, |n, &b| n + u64::from(b == b'\n'))
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
