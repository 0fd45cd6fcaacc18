//! What an import file is written in, read from its first bytes: its text encoding
//! (UTF-8 with or without a byte-order mark, UTF-16 with one, or the Windows code page
//! Excel writes for Polish and Czech, Russian, or Persian: 1250, 1251, 1256), its format
//! when the name does not say (standard input), and a CSV file's delimiter (`,`, `;` as
//! Excel writes where decimals take a comma, or tab).

use std::io::{self, Read};

use encoding_rs::{Encoding, UTF_8, WINDOWS_1250, WINDOWS_1251, WINDOWS_1256};

use super::Format;
use crate::privacy::phone::Region;

/// Bytes read ahead to decide.
const HEAD: usize = 64 * 1024;

/// The code pages tried for a file that is not UTF-8, each with the script its letters
/// are in.
const CODE_PAGES: [(&Encoding, Script); 3] = [
    (WINDOWS_1250, Script::Latin),
    (WINDOWS_1251, Script::Cyrillic),
    (WINDOWS_1256, Script::Arabic),
];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Script {
    Latin,
    Cyrillic,
    Arabic,
}

fn script(c: char) -> Option<Script> {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{C0}'..='\u{24F}' => Some(Script::Latin),
        '\u{400}'..='\u{4FF}' => Some(Script::Cyrillic),
        '\u{600}'..='\u{6FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' => {
            Some(Script::Arabic)
        }
        _ => None,
    }
}

/// How well `text` reads as words of `expected`: words with a letter beyond ASCII count
/// for the guess when they are all that script (for Latin, mostly plain letters with a
/// few accented ones, as Polish and Czech are), and against it otherwise.
fn plausibility(text: &str, expected: Script) -> i64 {
    let mut score = 0;
    for word in text.split(|c: char| !c.is_alphabetic()) {
        if word.is_ascii() {
            continue;
        }
        let scripts: Vec<Option<Script>> = word.chars().map(script).collect();
        let foreign = scripts.iter().any(|s| s.is_some_and(|s| s != expected));
        let accented = word.chars().filter(|c| !c.is_ascii()).count();
        let plausible = !foreign
            && scripts.iter().all(Option::is_some)
            && (expected != Script::Latin || accented * 2 <= word.chars().count());
        score += if plausible { 1 } else { -1 };
    }
    score
}

/// The code page a region's spreadsheets are saved in.
fn code_page_of(region: Region) -> Option<&'static Encoding> {
    match region.code() {
        "PL" | "CZ" | "SK" | "HU" | "SI" | "HR" => Some(WINDOWS_1250),
        "RU" | "UA" | "BY" | "BG" | "KZ" => Some(WINDOWS_1251),
        "IR" | "AF" => Some(WINDOWS_1256),
        _ => None,
    }
}

/// The encoding of a file that starts with `head`: a byte-order mark decides; text that
/// is valid UTF-8 is UTF-8; anything else is the code page its words read best in, the
/// region's code page winning a tie.
pub fn encoding(head: &[u8], region: Option<Region>) -> &'static Encoding {
    if let Some((encoding, _)) = Encoding::for_bom(head) {
        return encoding;
    }
    match std::str::from_utf8(head) {
        Ok(_) => return UTF_8,
        // A character cut by the end of the head is still UTF-8.
        Err(e) if e.error_len().is_none() => return UTF_8,
        Err(_) => {}
    }
    let preferred = region.and_then(code_page_of);
    CODE_PAGES
        .iter()
        .max_by_key(|(encoding, script)| {
            let (text, _) = encoding.decode_without_bom_handling(head);
            (plausibility(&text, *script), Some(*encoding) == preferred)
        })
        .map_or(WINDOWS_1250, |(encoding, _)| *encoding)
}

/// An encoding named on the command line (`windows-1250`, `cp1251`, `utf-16le`...).
pub fn encoding_named(name: &str) -> Option<&'static Encoding> {
    let label = name.trim().to_ascii_lowercase();
    let label = label
        .strip_prefix("cp")
        .map_or(label.clone(), |n| format!("windows-{n}"));
    Encoding::for_label(label.as_bytes())
}

/// The format of text that starts with `head` (after any byte-order mark): JSON when it
/// opens with `[`, JSON Lines with `{`, vCard with `BEGIN:VCARD`, CSV otherwise.
pub fn format(head: &str) -> Format {
    let text = head.trim_start_matches('\u{feff}').trim_start();
    if text
        .get(..11)
        .is_some_and(|start| start.eq_ignore_ascii_case("BEGIN:VCARD"))
    {
        return Format::Vcard;
    }
    match text.chars().next() {
        Some('[') => Format::Json,
        Some('{') => Format::Jsonl,
        _ => Format::Csv,
    }
}

/// The delimiter of a CSV file whose text starts with `head`: whichever of `,`, `;` and
/// tab its header line (outside quotes) holds most of; `,` when none.
pub fn delimiter(head: &str) -> u8 {
    let mut counts = [(b',', 0), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for c in head.trim_start_matches('\u{feff}').chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            _ if !quoted => {
                for (delimiter, count) in &mut counts {
                    if c == char::from(*delimiter) {
                        *count += 1;
                    }
                }
            }
            _ => {}
        }
    }
    counts
        .iter()
        .max_by_key(|(delimiter, count)| (*count, *delimiter == b','))
        .filter(|(_, count)| *count > 0)
        .map_or(b',', |(delimiter, _)| *delimiter)
}

/// An import file opened for reading: as UTF-8, whatever it was written in.
pub struct Opened {
    pub input: Box<dyn Read + Send>,
    pub encoding: &'static Encoding,
    /// The start of the text, decoded, for the format and delimiter to be read from.
    pub head: String,
}

/// Reads the head of `input` and returns the whole input as UTF-8: passed through when it
/// is UTF-8 already (so a bad byte further on is still an error, never silently
/// replaced), transcoded otherwise.
pub fn open(
    mut input: Box<dyn Read + Send>,
    forced: Option<&'static Encoding>,
    region: Option<Region>,
) -> io::Result<Opened> {
    let mut head = Vec::with_capacity(HEAD);
    (&mut input).take(HEAD as u64).read_to_end(&mut head)?;
    let encoding = forced.unwrap_or_else(|| encoding(&head, region));
    let (text, _) = encoding.decode_with_bom_removal(&head);
    let head_text = text.into_owned();
    let whole = io::Cursor::new(head).chain(input);
    let input: Box<dyn Read + Send> = if encoding == UTF_8 {
        Box::new(whole)
    } else {
        Box::new(
            encoding_rs_io::DecodeReaderBytesBuilder::new()
                .encoding(Some(encoding))
                .bom_override(true)
                .build(whole),
        )
    };
    Ok(Opened {
        input,
        encoding,
        head: head_text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(text: &str, encoding: &'static Encoding) -> Vec<u8> {
        encoding.encode(text).0.into_owned()
    }

    #[test]
    fn excel_code_pages_are_told_apart_by_their_words() {
        let polish = "imię,nazwisko\nZażółć,Gęślą Jaźń\nŁukasz,Wiśniewski\n";
        let czech = "jméno,příjmení\nJiří,Dvořák\nŽaneta,Nováková\n";
        let russian = "имя,фамилия\nМария,Петрова\nИван,Кузнецов\n";
        let persian = "نام,نام خانوادگی\nزهرا,رضایی\nعلی,محمدی\n";
        for (text, encoding) in [
            (polish, WINDOWS_1250),
            (czech, WINDOWS_1250),
            (russian, WINDOWS_1251),
            (persian, WINDOWS_1256),
        ] {
            assert_eq!(
                super::encoding(&encoded(text, encoding), None),
                encoding,
                "{text}"
            );
        }
        // UTF-8, with or without a mark, and UTF-16 with one.
        assert_eq!(super::encoding(czech.as_bytes(), None), UTF_8);
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(russian.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(super::encoding(&utf16, None), encoding_rs::UTF_16LE);
    }

    #[test]
    fn delimiters_and_formats_are_read_from_the_head() {
        assert_eq!(delimiter("name;email;phone\n\"a,b\";c;d"), b';');
        assert_eq!(delimiter("\u{feff}name,email\n"), b',');
        assert_eq!(delimiter("name\temail\tnote\n"), b'\t');
        assert_eq!(delimiter("\"Novák, Jan\";email\n"), b';');
        assert_eq!(delimiter("name\n"), b',');
        assert_eq!(format("  [{\"name\": 1}]"), Format::Json);
        assert_eq!(format("{\"name\": 1}\n"), Format::Jsonl);
        assert_eq!(format("\u{feff}name,email"), Format::Csv);
        assert_eq!(format("BEGIN:VCARD\r\nVERSION:3.0"), Format::Vcard);
    }

    #[test]
    fn encodings_are_named_as_people_write_them() {
        assert_eq!(encoding_named("cp1250"), Some(WINDOWS_1250));
        assert_eq!(encoding_named("Windows-1251"), Some(WINDOWS_1251));
        assert_eq!(encoding_named("utf-16le"), Some(encoding_rs::UTF_16LE));
        assert_eq!(encoding_named("klingon"), None);
    }

    #[test]
    fn a_transcoded_file_reads_back_as_utf8() -> io::Result<()> {
        let bytes = encoded("name\nŁukasz Wiśniewski\n", WINDOWS_1250);
        let mut opened = open(Box::new(io::Cursor::new(bytes)), None, None)?;
        let mut text = String::new();
        opened.input.read_to_string(&mut text)?;
        assert_eq!(text, "name\nŁukasz Wiśniewski\n");
        assert_eq!(opened.encoding, WINDOWS_1250);
        Ok(())
    }
}
