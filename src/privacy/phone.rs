//! Phone numbers: parsed and validated per region, stored in E.164.

use phonenumber::country::Id;
use phonenumber::{Mode, PhoneNumber};

use super::normalize::ascii_digits;

/// A two-letter region whose numbering plan sealbook knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region(Id);

impl Region {
    /// Parses a region code such as `PL` (any case).
    /// A cheap test of whether `digits` has the length and first digit of a national
    /// number of this region, to spare a full parse of numbers that cannot be one.
    /// Regions without a rule here are always tried.
    pub fn could_be_national(self, digits: &str) -> bool {
        let n = digits.len();
        let first = digits.as_bytes().first().copied().unwrap_or(b'0');
        match self.0.as_ref() {
            "PL" | "CZ" => n == 9 && first != b'0',
            "RU" => (n == 11 && first == b'8') || (n == 10 && first != b'0'),
            "IR" => (n == 11 && first == b'0') || (n == 10 && first == b'9'),
            "DE" => first == b'0' && (6..=13).contains(&n),
            "GB" => first == b'0' && (10..=11).contains(&n),
            "US" => (n == 10 && first >= b'2') || (n == 11 && first == b'1'),
            _ => true,
        }
    }

    /// The two-letter code (`PL`).
    pub fn code(&self) -> &str {
        self.0.as_ref()
    }

    pub fn parse(code: &str) -> Option<Self> {
        let upper = code.trim().to_ascii_uppercase();
        if upper.len() != 2 {
            return None;
        }
        upper.parse::<Id>().ok().map(Region)
    }
}

/// Why a phone number was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneError {
    /// A national number with no region to read it in.
    NeedsRegion,
    /// Not a number of any plan, or not valid in its plan.
    Invalid,
}

/// Between a stored number and its extension: `+420212345678 ext. 305`.
const EXTENSION_MARK: &str = " ext. ";

/// An extension written after a number, in the ways offices write one: `ext. 12`,
/// `x12`, Polish `wew. 12`, Czech `linka 305` / `kl. 305`, Russian `доб. 12`, Persian
/// `داخلی ۱۲` (digits already made ASCII).
static EXTENSION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)[\s,;(]*(?:ext\.?|extn\.?|extension|x|wew\.?|wewn\.?|linka|kl\.?|доб\.?|добавочный|вн\.?|داخلی)\s*[:.#]?\s*([0-9]{1,6})\s*\)?\s*$",
    )
    .unwrap_or_else(|_| unreachable!("the pattern is a constant"))
});

/// The number written in `text` and the extension after it, if any.
fn split_extension(text: &str) -> (&str, Option<&str>) {
    match EXTENSION.captures(text) {
        Some(found) => {
            let (Some(whole), Some(digits)) = (found.get(0), found.get(1)) else {
                return (text, None);
            };
            (&text[..whole.start()], Some(digits.as_str()))
        }
        None => (text, None),
    }
}

/// The number of a stored phone without its extension: what blind indexes, matches and
/// search forms use, so `+420212345678` finds `+420212345678 ext. 305`.
pub fn phone_base(stored: &str) -> &str {
    stored
        .split_once(EXTENSION_MARK)
        .map_or(stored, |(number, _)| number)
}

fn parse(text: &str, region: Option<Region>) -> Result<PhoneNumber, PhoneError> {
    let text = ascii_digits(text);
    let international = text.trim_start().starts_with('+') || text.trim_start().starts_with("00");
    if !international && region.is_none() {
        return Err(PhoneError::NeedsRegion);
    }
    let number = phonenumber::parse(region.map(|r| r.0), &text).map_err(|_| PhoneError::Invalid)?;
    if number.is_valid() {
        Ok(number)
    } else {
        Err(PhoneError::Invalid)
    }
}

/// The E.164 form of a parsed number: `+`, country code, national significant number.
/// Written out here because the crate's formatter matches the national formatting
/// rules (regular expressions) even for E.164, which needs none of them.
fn e164(number: &PhoneNumber) -> String {
    format!("+{}{}", number.country().code(), number.national())
}

/// The E.164 form (`+48601234567`) of a phone number written in any common way, with
/// its extension if one was written (`+48601234567 ext. 12`). Numbers without `+` are
/// read in `region`.
pub fn normalise_phone(text: &str, region: Option<Region>) -> Result<String, PhoneError> {
    check_phone(text, region).map(|checked| checked.e164)
}

/// The stored form of a parsed number and the extension written after it.
fn stored_form(number: &PhoneNumber, extension: Option<&str>) -> String {
    let extension = extension.or_else(|| number.extension().map(|e| &**e));
    match extension {
        Some(ext) => format!("{}{EXTENSION_MARK}{ext}", e164(number)),
        None => e164(number),
    }
}

/// A stored number as people read it: international format with the country's grouping
/// (`+48 601 234 567`, `+420 212 345 678 ext. 305`). A value that does not parse is
/// shown as it is.
pub fn display(stored: &str) -> String {
    let (base, extension) = match stored.split_once(EXTENSION_MARK) {
        Some((base, ext)) => (base, Some(ext)),
        None => (stored, None),
    };
    let Ok(number) = phonenumber::parse(None, base) else {
        return stored.to_owned();
    };
    let grouped = number.format().mode(Mode::International).to_string();
    match extension {
        Some(ext) => format!("{grouped}{EXTENSION_MARK}{ext}"),
        None => grouped,
    }
}

/// A valid phone number in its stored form and the digits it is searched by.
pub struct CheckedPhone {
    /// The E.164 form, as stored (with ` ext. N` when an extension was written).
    pub e164: String,
    /// What [`search_forms`] gives for `e164`.
    pub search_forms: String,
}

/// [`normalise_phone`] and [`search_forms`] from one parse: a bulk import would
/// otherwise parse each number twice, and parsing is most of its validation cost.
pub fn check_phone(text: &str, region: Option<Region>) -> Result<CheckedPhone, PhoneError> {
    let digits = ascii_digits(text);
    let (written, extension) = split_extension(&digits);
    let number = parse(written, region)?;
    let e164 = stored_form(&number, extension);
    // An extension or carrier code is not part of E.164; the stored number is read again
    // without them so the forms are exactly those of the stored value.
    let search_forms = if number.extension().is_some() || number.carrier().is_some() {
        search_forms(&e164)
    } else {
        forms_of(phone_base(&e164), &number)
    };
    debug_assert_eq!(search_forms, self::search_forms(&e164), "{text}");
    Ok(CheckedPhone { e164, search_forms })
}

/// True when `digits` (ASCII, `+` allowed in front) is a valid number, read in
/// `region` when it has no `+`. The detectors' cheaper form of [`normalise_phone`].
pub fn is_valid(digits: &str, region: Option<Region>) -> bool {
    phonenumber::parse(region.map(|r| r.0), digits).is_ok_and(|n| n.is_valid())
}

/// Digit strings under which a stored E.164 number should be found by a substring
/// search: the international digits and the national form with its trunk prefix
/// (`989123456789 09123456789`).
pub fn search_forms(e164: &str) -> String {
    let e164 = phone_base(e164);
    match phonenumber::parse(None, e164) {
        Ok(number) => forms_of(e164, &number),
        Err(_) => e164.chars().filter(char::is_ascii_digit).collect(),
    }
}

/// [`search_forms`] of `e164`, already parsed as `number`.
fn forms_of(e164: &str, number: &PhoneNumber) -> String {
    let international: String = e164.chars().filter(char::is_ascii_digit).collect();
    let national: String = number
        .format()
        .mode(Mode::National)
        .to_string()
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    if national.is_empty()
        || international.ends_with(&national) && national.len() == international.len()
    {
        international
    } else {
        format!("{international} {national}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_shown_grouped_with_their_extension() {
        assert_eq!(display("+48601234567"), "+48 601 234 567");
        assert_eq!(
            display("+420212345678 ext. 305"),
            "+420 212 345 678 ext. 305"
        );
        assert_eq!(display("+79851741238"), "+7 985 174-12-38");
        assert_eq!(display("not a number"), "not a number");
    }

    fn region(code: &str) -> Option<Region> {
        Region::parse(code)
    }

    #[test]
    fn national_forms_become_e164() {
        assert_eq!(
            normalise_phone("601 234 567", region("PL")),
            Ok("+48601234567".to_owned())
        );
        assert_eq!(
            normalise_phone("601-234-567", region("pl")),
            Ok("+48601234567".to_owned())
        );
        assert_eq!(
            normalise_phone("8 (912) 345-67-89", region("RU")),
            Ok("+79123456789".to_owned())
        );
        assert_eq!(
            normalise_phone("0912 345 6789", region("IR")),
            Ok("+989123456789".to_owned())
        );
        assert_eq!(
            normalise_phone("۰۹۱۲۳۴۵۶۷۸۹", region("IR")),
            Ok("+989123456789".to_owned())
        );
        assert_eq!(
            normalise_phone("+48 601 234 567", None),
            Ok("+48601234567".to_owned())
        );
    }

    #[test]
    fn invalid_numbers_and_missing_regions_are_refused() {
        assert_eq!(
            normalise_phone("+420 601 123 45", None),
            Err(PhoneError::Invalid)
        );
        assert_eq!(
            normalise_phone("601 234 567", None),
            Err(PhoneError::NeedsRegion)
        );
        assert_eq!(
            normalise_phone("hello", region("PL")),
            Err(PhoneError::Invalid)
        );
        assert!(Region::parse("XX").is_none());
        assert!(Region::parse("POL").is_none());
    }

    #[test]
    fn search_forms_include_the_national_trunk_prefix() {
        assert_eq!(search_forms("+989123456789"), "989123456789 09123456789");
    }

    /// Numbers of many plans, written the ways people write them, with an extension,
    /// and an Italian one whose national number keeps its leading zero.
    const WRITTEN: [(&str, &str); 10] = [
        ("601 234 567", "PL"),
        ("+420 601 123 456", "CZ"),
        ("8 (912) 345-67-89", "RU"),
        ("0912 345 6789", "IR"),
        ("۰۹۱۲۳۴۵۶۷۸۹", "IR"),
        ("030 123456", "DE"),
        ("020 7946 0958", "GB"),
        ("(201) 555-0123 ext. 42", "US"),
        ("+39 06 6982 1234", "IT"),
        ("+48 22 123 45 67", "PL"),
    ];

    #[test]
    fn e164_written_out_is_the_crates_e164() -> Result<(), Box<dyn std::error::Error>> {
        for (text, code) in WRITTEN {
            let number = parse(text, region(code)).map_err(|e| format!("{text}: {e:?}"))?;
            let crates = number.format().mode(Mode::E164).to_string();
            assert_eq!(e164(&number), crates, "{text}");
        }
        Ok(())
    }

    #[test]
    fn one_parse_gives_what_two_give() -> Result<(), Box<dyn std::error::Error>> {
        for (text, code) in WRITTEN {
            let checked = check_phone(text, region(code)).map_err(|e| format!("{text}: {e:?}"))?;
            let stored = normalise_phone(text, region(code)).map_err(|e| format!("{e:?}"))?;
            assert_eq!(checked.e164, stored, "{text}");
            assert_eq!(checked.search_forms, search_forms(&stored), "{text}");
        }
        Ok(())
    }
}
