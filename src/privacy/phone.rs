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

/// The E.164 form (`+48601234567`) of a phone number written in any common way.
/// Numbers without `+` are read in `region`.
pub fn normalise_phone(text: &str, region: Option<Region>) -> Result<String, PhoneError> {
    parse(text, region).map(|n| n.format().mode(Mode::E164).to_string())
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
    let international: String = e164.chars().filter(char::is_ascii_digit).collect();
    let national: String = phonenumber::parse(None, e164)
        .map(|n| n.format().mode(Mode::National).to_string())
        .unwrap_or_default()
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
}
