//! Cutting a stream into chunks that can be rewritten apart: after a line break where
//! there is one, never inside a value a finder knows, and counting lines, columns and
//! JSON string state so each chunk knows where it starts.

use std::io::{self, Read};

use super::{Rewriter, Substitution};

/// Bytes read at a time; chunks are cut after the last line break inside them.
const CHUNK: usize = 1 << 20;
/// A chunk with no line break is cut at a space once it reaches this size.
pub(super) const MAX_CHUNK: usize = 4 << 20;

pub(super) struct Chunk {
    pub bytes: Vec<u8>,
    pub first_line: u64,
    /// Characters already on the chunk's first line (a chunk may start mid-line).
    pub first_column: u64,
    /// For JSON: whether the chunk starts inside a string, or just after a backslash.
    pub json: JsonState,
}

/// Tracks whether a JSON text is inside a string, byte by byte.
#[derive(Clone, Copy, Default)]
pub(super) struct JsonState {
    pub in_string: bool,
    escaped: bool,
}

impl JsonState {
    pub fn advance(&mut self, bytes: &[u8]) {
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

/// Cuts an input into [`Chunk`]s, keeping count of where each starts.
pub(super) struct ChunkReader<'a> {
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
    pub fn new(rewriter: &'a Rewriter, input: &'a mut dyn Read) -> Self {
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
    pub fn next(&mut self) -> io::Result<Option<Chunk>> {
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
pub(super) fn cut_point(pending: &[u8]) -> Option<usize> {
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
pub(super) fn utf8_boundary(bytes: &[u8]) -> usize {
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
