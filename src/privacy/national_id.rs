//! Checking a national id typed into a record against the scheme it looks like: by the
//! region (`--region`) and its number of digits, or by a shape only one scheme writes
//! (`850715/1234`, `112-233-445 95`). A value of a known scheme that fails its check
//! digit (or holds no real date of birth) is almost always a typo.

use super::checksum;
use super::phone::Region;

/// A scheme: its name, its number of digits, and its check.
type Scheme = (&'static str, usize, fn(&str) -> bool);

/// The scheme `value` looks like and fails, if any: `None` when it passes, or looks
/// like no scheme sealbook knows (then it is kept as typed).
pub fn failed_scheme(value: &str, region: Option<Region>) -> Option<&'static str> {
    let compact: String = value
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '/' | '.'))
        .collect();
    if !compact.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let trimmed = value.trim();
    let by_region: &[Scheme] = match region.as_ref().map(Region::code) {
        // A person's number only: a company's (NIP, IČO, a 10-digit INN) is as likely
        // some other id of the same length.
        Some("PL") => &[("PESEL", 11, checksum::pl_pesel)],
        Some("CZ" | "SK") => &[
            ("rodné číslo", 10, checksum::cz_rodne_cislo),
            ("rodné číslo", 9, checksum::cz_rodne_cislo),
        ],
        Some("RU") => &[
            ("SNILS", 11, checksum::ru_snils),
            ("INN", 12, checksum::ru_inn),
        ],
        Some("IR") => &[("national code", 10, checksum::ir_national_code)],
        _ => &[],
    };
    let by_shape: &[Scheme] = if shaped_rodne_cislo(trimmed) {
        &[("rodné číslo", compact.len(), checksum::cz_rodne_cislo)]
    } else if shaped_snils(trimmed) {
        &[("SNILS", 11, checksum::ru_snils)]
    } else {
        &[]
    };
    // A shape only one scheme writes decides; otherwise the region's schemes by length.
    let schemes = if by_shape.is_empty() {
        by_region
    } else {
        by_shape
    };
    schemes
        .iter()
        .find(|(_, digits, _)| *digits == compact.len())
        .and_then(|(name, _, valid)| (!valid(&compact)).then_some(*name))
}

/// `NNNNNN/NNN` or `NNNNNN/NNNN`, as Czech and Slovak birth numbers are written.
fn shaped_rodne_cislo(text: &str) -> bool {
    let Some((date, serial)) = text.split_once('/') else {
        return false;
    };
    date.len() == 6
        && matches!(serial.len(), 3 | 4)
        && date
            .bytes()
            .chain(serial.bytes())
            .all(|b| b.is_ascii_digit())
}

/// `NNN-NNN-NNN NN`, as Russian SNILS numbers are written.
fn shaped_snils(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 14
        && b[3] == b'-'
        && b[7] == b'-'
        && b[11] == b' '
        && [0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13]
            .iter()
            .all(|&i| b[i].is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_in_known_schemes_are_caught_and_other_ids_kept() {
        let pl = Region::parse("PL");
        assert_eq!(failed_scheme("44051401359", pl), None);
        assert_eq!(failed_scheme("44051401358", pl), Some("PESEL"));
        // Ten digits in Poland may be a NIP or anything else: kept.
        assert_eq!(failed_scheme("123-456-32-19", pl), None);
        // Written as a birth number, it is checked as one whatever the region.
        assert_eq!(failed_scheme("710319/2745", None), None);
        assert_eq!(failed_scheme("710319/2745", pl), None);
        assert_eq!(failed_scheme("710319/2746", None), Some("rodné číslo"));
        assert_eq!(failed_scheme("112-233-445 95", None), None);
        assert_eq!(failed_scheme("112-233-445 96", None), Some("SNILS"));
        assert_eq!(failed_scheme("0499370899", Region::parse("IR")), None);
        assert_eq!(
            failed_scheme("0499370898", Region::parse("IR")),
            Some("national code")
        );
        // Anything else is kept as typed: passports, other countries, letters.
        assert_eq!(failed_scheme("AB1234567", pl), None);
        assert_eq!(failed_scheme("123456", pl), None);
        assert_eq!(failed_scheme("44051401358", None), None);
    }
}
