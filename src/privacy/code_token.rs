//! Code tokens: `sealbook pseudonymise` writes a known customer's value as a token naming
//! their code and the field (`[C-7K3M9Q2X:name]`), and `--reverse` puts the current value
//! back. (Not to be confused with the keyed pseudonyms of `export --pseudonymise`, which
//! `crate::crypto::pseudonym` makes and nobody can reverse.)

use std::collections::HashMap;

use super::kind::{Finding, Kind};
use super::known::{Field, KnownMatcher};

/// How a code token is written: a template with `{code}` and `{field}`, parsed once.
#[derive(Clone, Debug)]
pub struct TokenFormat {
    parts: Vec<Part>,
    pattern: regex::bytes::Regex,
}

/// A piece of a token template.
#[derive(Clone, Debug)]
enum Part {
    Text(String),
    Code,
    Field,
}

/// The default token: `[C-7K3M9Q2X:name]`.
pub const DEFAULT_TOKEN: &str = "[{code}:{field}]";

impl TokenFormat {
    /// Checks `template`: it needs `{code}` and `{field}` once each, so every token can
    /// be read back by `--reverse`.
    pub fn new(template: &str) -> Result<Self, String> {
        if template.matches("{code}").count() != 1 || template.matches("{field}").count() != 1 {
            return Err("the format needs {code} and {field}, once each".into());
        }
        if template.chars().any(char::is_control) {
            return Err("the format cannot contain control characters".into());
        }
        let mut parts = Vec::new();
        let mut text = String::new();
        let mut rest = template;
        while !rest.is_empty() {
            let (part, tail) = if let Some(tail) = rest.strip_prefix("{code}") {
                (Part::Code, tail)
            } else if let Some(tail) = rest.strip_prefix("{field}") {
                (Part::Field, tail)
            } else {
                let next = rest.chars().next().map_or(1, char::len_utf8);
                text.push_str(&rest[..next]);
                rest = &rest[next..];
                continue;
            };
            if !text.is_empty() {
                parts.push(Part::Text(std::mem::take(&mut text)));
            }
            parts.push(part);
            rest = tail;
        }
        if !text.is_empty() {
            parts.push(Part::Text(text));
        }
        let fields: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
        let pattern: String = parts
            .iter()
            .map(|part| match part {
                Part::Text(text) => regex::escape(text),
                Part::Code => format!("(?P<code>{})", crate::code::pattern()),
                Part::Field => format!("(?P<field>{})", fields.join("|")),
            })
            .collect();
        let pattern = regex::bytes::Regex::new(&pattern).map_err(|e| e.to_string())?;
        Ok(Self { parts, pattern })
    }

    pub fn render(&self, code: &str, field: Field) -> String {
        let mut out = Vec::new();
        self.write(code, field, &mut out);
        String::from_utf8(out).unwrap_or_default()
    }

    /// Appends the token of `code` and `field` to `out`.
    pub fn write(&self, code: &str, field: Field, out: &mut Vec<u8>) {
        for part in &self.parts {
            out.extend_from_slice(match part {
                Part::Text(text) => text.as_bytes(),
                Part::Code => code.as_bytes(),
                Part::Field => field.name().as_bytes(),
            });
        }
    }
}

/// Replaces known customers with their tokens.
pub struct Pseudonymiser {
    pub matcher: KnownMatcher,
    pub format: TokenFormat,
}

impl super::rewrite::Substitution for Pseudonymiser {
    fn find(&self, text: &[u8]) -> Vec<Finding> {
        self.matcher.find(text)
    }

    fn replace(&self, finding: &Finding, _original: &[u8], out: &mut Vec<u8>) {
        let field = Field::of_kind(finding.kind).unwrap_or(Field::Name);
        self.format.write(self.matcher.code(finding), field, out);
    }
}

/// Replaces tokens with the current value of the field they name.
pub struct Reverser {
    pub format: TokenFormat,
    /// Values by (code, field); a token not here (an erased customer, a field since
    /// cleared) stays as it is and is reported as unknown.
    values: Vec<String>,
    index: HashMap<(String, Field), u32>,
}

impl Reverser {
    pub fn new(
        format: TokenFormat,
        values: impl IntoIterator<Item = (String, Field, String)>,
    ) -> Self {
        let mut reverser = Self {
            format,
            values: Vec::new(),
            index: HashMap::new(),
        };
        for (code, field, value) in values {
            let at = u32::try_from(reverser.values.len()).unwrap_or(u32::MAX);
            reverser.values.push(value);
            reverser.index.insert((code, field), at);
        }
        reverser
    }

    /// The code of a token found, for the audit log.
    pub fn code_of(&self, finding: &Finding, text: &[u8]) -> Option<String> {
        let captures = self
            .format
            .pattern
            .captures(&text[finding.start..finding.end])?;
        String::from_utf8(captures.name("code")?.as_bytes().to_vec()).ok()
    }
}

impl super::rewrite::Substitution for Reverser {
    fn find(&self, text: &[u8]) -> Vec<Finding> {
        self.format
            .pattern
            .captures_iter(text)
            .filter_map(|c| {
                let whole = c.get(0)?;
                let code = std::str::from_utf8(c.name("code")?.as_bytes()).ok()?;
                let field = Field::parse(std::str::from_utf8(c.name("field")?.as_bytes()).ok()?)?;
                let known = self.index.get(&(code.to_owned(), field));
                Some(Finding {
                    kind: if known.is_some() {
                        Kind::Token
                    } else {
                        Kind::UnknownToken
                    },
                    start: whole.start(),
                    end: whole.end(),
                    subject: known.copied().unwrap_or(u32::MAX),
                })
            })
            .collect()
    }

    fn replace(&self, finding: &Finding, original: &[u8], out: &mut Vec<u8>) {
        match self.values.get(finding.subject as usize) {
            Some(value) if finding.kind == Kind::Token => out.extend_from_slice(value.as_bytes()),
            _ => out.extend_from_slice(original),
        }
    }
}
