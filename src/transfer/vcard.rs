//! vCard 3.0 and 4.0 (`.vcf`) as phones and mail programs write them (Google, Apple,
//! Android): cards read into rows of the same named cells a CSV file gives, and customers
//! written out as cards a phone imports.
//!
//! Reading unfolds continuation lines, undoes `\n`, `\,`, `\;` escapes and the
//! quoted-printable encoding old Android exports use, and keeps every e-mail and phone of
//! a card (the first fills the field, the others become custom fields `email 2`,
//! `phone 2`, as for contact exports in CSV). The vCard grammar is small and the crates
//! for it do not decode quoted-printable, so it is read here.

use std::io::{self, BufRead, Write};

use crate::vault::Customer;

/// A card as named cells, and the line its `BEGIN:VCARD` is on.
pub struct Card {
    pub line: u64,
    pub cells: Vec<(String, String)>,
}

/// One content line: its name, its parameters (upper-cased names), and its value.
struct Property {
    name: String,
    params: Vec<(String, String)>,
    value: String,
}

fn parse_property(line: &str) -> Option<Property> {
    // The value starts after the first colon outside a quoted parameter value.
    let mut quoted = false;
    let colon = line.char_indices().find_map(|(i, c)| match c {
        '"' => {
            quoted = !quoted;
            None
        }
        ':' if !quoted => Some(i),
        _ => None,
    })?;
    let (head, value) = (&line[..colon], &line[colon + 1..]);
    let mut parts = head.split(';');
    // Apple writes grouped names (`item1.EMAIL`): the group is dropped.
    let name = parts
        .next()?
        .rsplit('.')
        .next()?
        .trim()
        .to_ascii_uppercase();
    let params = parts
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (
                k.trim().to_ascii_uppercase(),
                v.trim_matches('"').to_owned(),
            ),
            // vCard 2.1 writes bare types (`TEL;CELL`).
            None => ("TYPE".to_owned(), p.trim().to_owned()),
        })
        .collect();
    Some(Property {
        name,
        params,
        value: value.to_owned(),
    })
}

impl Property {
    fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The value, decoded: quoted-printable when the card says so, then unescaped.
    fn text(&self) -> String {
        let raw = if self
            .param("ENCODING")
            .is_some_and(|e| e.eq_ignore_ascii_case("QUOTED-PRINTABLE"))
        {
            String::from_utf8_lossy(&quoted_printable(&self.value)).into_owned()
        } else {
            self.value.clone()
        };
        unescape(&raw)
    }

    /// The value's `;`-separated components (N, ADR, ORG), each decoded.
    fn components(&self) -> Vec<String> {
        split_unescaped(&self.value, ';')
            .into_iter()
            .map(|c| {
                Property {
                    value: c,
                    ..self.clone_head()
                }
                .text()
            })
            .collect()
    }

    fn clone_head(&self) -> Property {
        Property {
            name: self.name.clone(),
            params: self.params.clone(),
            value: String::new(),
        }
    }
}

/// Splits at `separator` where it is not escaped with a backslash.
fn split_unescaped(text: &str, separator: char) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut escaped = false;
    for c in text.chars() {
        match c {
            _ if escaped => {
                if let Some(last) = parts.last_mut() {
                    last.push('\\');
                    last.push(c);
                }
                escaped = false;
            }
            '\\' => escaped = true,
            _ if c == separator => parts.push(String::new()),
            _ => {
                if let Some(last) = parts.last_mut() {
                    last.push(c);
                }
            }
        }
    }
    parts
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

fn quoted_printable(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied(),
            bytes.get(i + 2).copied(),
        ) {
            (b'=', Some(a), Some(b)) if hex(a).is_some() && hex(b).is_some() => {
                let value = hex(a).unwrap_or(0) * 16 + hex(b).unwrap_or(0);
                out.push(u8::try_from(value).unwrap_or(b'?'));
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    out
}

/// The cards in `input`, a card at a time. Folded lines (a continuation starts with a
/// space or tab, or follows a quoted-printable soft break `=`) are joined first.
pub fn cards(input: impl BufRead) -> impl Iterator<Item = io::Result<Card>> {
    let mut lines = input.lines();
    let mut number = 0u64;
    let mut pending: Option<(u64, String)> = None;
    // Logical lines: (line number, text).
    let mut next_line = move || -> Option<io::Result<(u64, String)>> {
        loop {
            let physical = match lines.next() {
                Some(Ok(line)) => {
                    number += 1;
                    Some(line.trim_end_matches('\r').to_owned())
                }
                Some(Err(e)) => return Some(Err(e)),
                None => None,
            };
            match (physical, pending.take()) {
                (Some(text), Some((at, mut current)))
                    if text.starts_with([' ', '\t']) || current.ends_with('=') && qp(&current) =>
                {
                    if current.ends_with('=') && qp(&current) {
                        current.pop();
                        current.push_str(&text);
                    } else {
                        current.push_str(&text[1..]);
                    }
                    pending = Some((at, current));
                }
                (Some(text), Some(done)) => {
                    pending = Some((number, text));
                    return Some(Ok(done));
                }
                (Some(text), None) => pending = Some((number, text)),
                (None, Some(done)) => return Some(Ok(done)),
                (None, None) => return None,
            }
        }
    };
    std::iter::from_fn(move || {
        let mut card: Option<(u64, Vec<Property>)> = None;
        loop {
            let (at, text) = match next_line()? {
                Ok(line) => line,
                Err(e) => return Some(Err(e)),
            };
            let upper = text.trim().to_ascii_uppercase();
            if upper == "BEGIN:VCARD" {
                card = Some((at, Vec::new()));
            } else if upper == "END:VCARD" {
                if let Some((line, properties)) = card.take() {
                    return Some(Ok(Card {
                        line,
                        cells: cells_of(&properties),
                    }));
                }
            } else if let Some((_, properties)) = &mut card {
                properties.extend(parse_property(&text));
            }
        }
    })
}

/// True for a line whose value is quoted-printable (its `=` at the end is a soft break).
fn qp(line: &str) -> bool {
    line.split(':')
        .next()
        .is_some_and(|head| head.to_ascii_uppercase().contains("QUOTED-PRINTABLE"))
}

/// The named cells of a card, as the import reads a row.
fn cells_of(properties: &[Property]) -> Vec<(String, String)> {
    let mut cells = Vec::new();
    let (mut emails, mut phones) = (0, 0);
    let numbered = |base: &str, n: u32| {
        if n == 1 {
            base.to_owned()
        } else {
            format!("{base} {n}")
        }
    };
    for property in properties {
        let value = property.text();
        match property.name.as_str() {
            "FN" => cells.push(("name".into(), value)),
            "N" => {
                let parts = property.components();
                for (header, at) in [
                    ("Family Name", 0),
                    ("Given Name", 1),
                    ("Additional Name", 2),
                ] {
                    if let Some(part) = parts.get(at).filter(|p| !p.trim().is_empty()) {
                        cells.push((header.into(), part.clone()));
                    }
                }
            }
            "EMAIL" => {
                emails += 1;
                cells.push((numbered("email", emails), value));
            }
            "TEL" => {
                phones += 1;
                // vCard 4.0 may write `tel:+1-555-...`.
                let number = value.strip_prefix("tel:").unwrap_or(&value).to_owned();
                cells.push((numbered("phone", phones), number));
            }
            "ORG" => {
                let company = property.components().into_iter().next().unwrap_or_default();
                cells.push(("company".into(), company));
            }
            "ADR" => {
                let parts: Vec<String> = property
                    .components()
                    .into_iter()
                    .map(|p| p.trim().to_owned())
                    .filter(|p| !p.is_empty())
                    .collect();
                cells.push(("address".into(), parts.join(", ")));
            }
            "NOTE" => cells.push(("notes".into(), value)),
            "CATEGORIES" => {
                let tags = split_unescaped(&property.value, ',')
                    .iter()
                    .map(|t| unescape(t))
                    .collect::<Vec<_>>()
                    .join(";");
                cells.push(("tags".into(), tags));
            }
            "X-SEALBOOK-CODE" => cells.push(("code".into(), value)),
            "X-SEALBOOK-FIELD" => {
                if let Some(key) = property.param("NAME") {
                    cells.push((format!("field.{key}"), value));
                }
            }
            "BDAY" => cells.push(("birthday".into(), value)),
            "TITLE" => cells.push(("title".into(), value)),
            _ => {}
        }
    }
    cells
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes `line` folded at 75 bytes (never inside a character), with CRLF.
fn folded(out: &mut impl Write, line: &str) -> io::Result<()> {
    let mut rest = line;
    let mut first = true;
    while !rest.is_empty() {
        let room = if first { 75 } else { 74 };
        let mut cut = rest.len().min(room);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        if !first {
            out.write_all(b" ")?;
        }
        out.write_all(&rest.as_bytes()[..cut])?;
        out.write_all(b"\r\n")?;
        rest = &rest[cut..];
        first = false;
    }
    Ok(())
}

/// Writes `customer` as a vCard 3.0 card: the name (family name taken as the last
/// word), e-mail, phone, company, address, notes, tags as categories, and the code and
/// custom fields as `X-SEALBOOK-` properties that `import` reads back.
pub fn write_card(out: &mut impl Write, customer: &Customer) -> io::Result<()> {
    let d = &customer.data;
    let (given, family) = match d.name.rsplit_once(' ') {
        Some((given, family)) => (given, family),
        None => ("", d.name.as_str()),
    };
    let mut lines = vec![
        "BEGIN:VCARD".to_owned(),
        "VERSION:3.0".to_owned(),
        format!("FN:{}", escape(&d.name)),
        format!("N:{};{};;;", escape(family), escape(given)),
    ];
    if let Some(email) = &d.email {
        lines.push(format!("EMAIL;TYPE=INTERNET:{}", escape(email)));
    }
    if let Some(phone) = &d.phone {
        lines.push(format!("TEL;TYPE=CELL:{}", escape(phone)));
    }
    if let Some(company) = &d.company {
        lines.push(format!("ORG:{}", escape(company)));
    }
    if let Some(address) = &d.address {
        lines.push(format!("ADR:;;{};;;;", escape(address)));
    }
    if let Some(notes) = &d.notes {
        lines.push(format!("NOTE:{}", escape(notes)));
    }
    if !d.tags.is_empty() {
        let tags: Vec<String> = d.tags.iter().map(|t| escape(t)).collect();
        lines.push(format!("CATEGORIES:{}", tags.join(",")));
    }
    lines.push(format!("X-SEALBOOK-CODE:{}", customer.code));
    for (key, value) in &d.fields {
        let key: String = key
            .chars()
            .filter(|c| !matches!(c, ';' | ':' | '"' | ','))
            .collect();
        lines.push(format!("X-SEALBOOK-FIELD;NAME=\"{key}\":{}", escape(value)));
    }
    lines.push("END:VCARD".to_owned());
    for line in lines {
        folded(out, &line)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> io::Result<Vec<Card>> {
        cards(text.as_bytes()).collect()
    }

    #[test]
    fn cards_as_google_apple_and_android_write_them() -> Result<(), Box<dyn std::error::Error>> {
        let google = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jan Novák\r\nN:Novák;Jan;;;\r\n\
            EMAIL;TYPE=INTERNET;TYPE=WORK:jan@firma.cz\r\nEMAIL;TYPE=INTERNET;TYPE=HOME:jan@doma.cz\r\n\
            TEL;TYPE=CELL:+420 601 234 567\r\nORG:Firma s.r.o.;Obchod\r\n\
            ADR;TYPE=WORK:;;Dlouhá 5;Praha;;110 00;Česko\r\nNOTE:Volat po 16\\n\r\n  hodině\\, díky\r\n\
            CATEGORIES:vip,myContacts\r\nEND:VCARD\r\n";
        let cards = read(google)?;
        assert_eq!(cards.len(), 1);
        let cells = &cards[0].cells;
        let get = |k: &str| cells.iter().find(|(h, _)| h == k).map(|(_, v)| v.as_str());
        assert_eq!(get("name"), Some("Jan Novák"));
        assert_eq!(get("email"), Some("jan@firma.cz"));
        assert_eq!(get("email 2"), Some("jan@doma.cz"));
        assert_eq!(get("company"), Some("Firma s.r.o."));
        assert_eq!(get("address"), Some("Dlouhá 5, Praha, 110 00, Česko"));
        assert_eq!(get("notes"), Some("Volat po 16\n hodině, díky"));
        assert_eq!(get("tags"), Some("vip;myContacts"));

        // Apple's grouped names and vCard 4.0's tel: URIs.
        let apple = "BEGIN:VCARD\nVERSION:4.0\nFN:Мария Петрова\nitem1.EMAIL;type=INTERNET:maria@firma.ru\n\
            TEL;VALUE=uri;TYPE=cell:tel:+7-985-174-12-38\nEND:VCARD\n";
        let cells = &read(apple)?[0].cells;
        assert!(cells.contains(&("email".into(), "maria@firma.ru".into())));
        assert!(cells.contains(&("phone".into(), "+7-985-174-12-38".into())));

        // Android's vCard 2.1 with quoted-printable, folded with soft breaks.
        let android = "BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C5=81ukasz;=\n\
            Wi=C5=9Bniewski;;;\nFN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C5=81ukasz Wi=C5=9Bniewski\n\
            TEL;CELL:601234567\nEND:VCARD\n";
        let cards = read(android)?;
        assert!(
            cards[0]
                .cells
                .contains(&("name".into(), "Łukasz Wiśniewski".into()))
        );
        assert_eq!(cards[0].line, 1);
        Ok(())
    }

    #[test]
    fn long_lines_fold_without_splitting_a_letter() -> Result<(), Box<dyn std::error::Error>> {
        let mut out = Vec::new();
        folded(&mut out, &format!("NOTE:{}", "ž".repeat(60)))?;
        let text = String::from_utf8(out)?;
        assert!(text.lines().all(|l| l.len() <= 76));
        let unfolded: String = text
            .split("\r\n")
            .enumerate()
            .map(|(i, l)| {
                if i == 0 {
                    l
                } else {
                    l.strip_prefix(' ').unwrap_or(l)
                }
            })
            .collect();
        assert_eq!(unfolded, format!("NOTE:{}", "ž".repeat(60)));
        Ok(())
    }
}
