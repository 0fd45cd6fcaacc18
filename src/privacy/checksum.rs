//! Check-digit rules of the identifiers the detectors find. Each
//! takes ASCII digits only; callers normalise digit scripts and strip separators first.

/// The digits of a number, on the stack: the detectors check millions of spans, and an
/// allocation per check cost more than the checks.
struct Digits {
    values: [u32; 32],
    len: usize,
}

impl std::ops::Deref for Digits {
    type Target = [u32];

    fn deref(&self) -> &[u32] {
        &self.values[..self.len]
    }
}

/// The digits of `text`; `None` when it holds anything else or is longer than any
/// identifier.
fn digits(text: &str) -> Option<Digits> {
    let mut out = Digits {
        values: [0; 32],
        len: 0,
    };
    for b in text.bytes() {
        if !b.is_ascii_digit() || out.len == out.values.len() {
            return None;
        }
        out.values[out.len] = u32::from(b - b'0');
        out.len += 1;
    }
    Some(out)
}

fn weighted(d: &[u32], weights: &[u32]) -> u32 {
    d.iter().zip(weights).map(|(a, b)| a * b).sum()
}

fn leap(year: u32) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

/// True when the calendar date exists.
pub fn date_exists(year: u32, month: u32, day: u32) -> bool {
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap(year) => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// Luhn's mod-10 check.
pub fn luhn(number: &str) -> bool {
    if number.is_empty() || number.len() > 19 {
        return false;
    }
    let Some(d) = digits(number) else {
        return false;
    };
    let sum: u32 = d
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &x)| {
            if i % 2 == 1 {
                let doubled = x * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                x
            }
        })
        .sum();
    !d.is_empty() && sum.is_multiple_of(10)
}

/// Issuer numbers of Iranian banks' Shetab debit cards (16 digits), which fall outside
/// the international schemes' ranges.
const SHETAB_BINS: [u32; 30] = [
    502_229, 502_806, 502_908, 502_910, 502_938, 504_706, 505_416, 505_785, 505_801, 585_947,
    585_983, 589_210, 589_463, 603_769, 603_770, 603_799, 606_256, 606_373, 610_433, 621_986,
    622_106, 627_353, 627_381, 627_412, 627_488, 627_648, 627_760, 627_961, 628_023, 639_607,
];

/// A payment card number: a known issuer range with one of its lengths, and Luhn.
pub fn card(number: &str) -> bool {
    let len = number.len();
    let prefix = |n: usize| {
        number
            .get(..n)
            .and_then(|p| p.parse::<u32>().ok())
            .unwrap_or(0)
    };
    let issuer_ok = match number.as_bytes().first() {
        Some(b'4') => matches!(len, 13 | 16 | 19),
        Some(b'5') => {
            len == 16 && ((51..=55).contains(&prefix(2)) || SHETAB_BINS.contains(&prefix(6)))
        }
        Some(b'2') => {
            ((2221..=2720).contains(&prefix(4)) && len == 16)
                || ((2200..=2204).contains(&prefix(4)) && (16..=19).contains(&len))
        }
        Some(b'3') => {
            (matches!(prefix(2), 34 | 37) && len == 15)
                || (((300..=305).contains(&prefix(3)) || matches!(prefix(2), 36 | 38 | 39))
                    && (14..=19).contains(&len))
                || ((3528..=3589).contains(&prefix(4)) && (16..=19).contains(&len))
        }
        Some(b'6') => {
            (prefix(4) == 6011 || (644..=649).contains(&prefix(3)) || prefix(2) == 65)
                && (16..=19).contains(&len)
                || prefix(2) == 62 && (16..=19).contains(&len)
                || len == 16 && SHETAB_BINS.contains(&prefix(6))
        }
        _ => false,
    };
    issuer_ok && luhn(number)
}

/// Polish PESEL: weights 1,3,7,9 repeated, and a real birth date (the month carries the
/// century).
pub fn pl_pesel(number: &str) -> bool {
    if number.len() != 11 {
        return false;
    }
    let Some(d) = digits(number).filter(|d| d.len() == 11) else {
        return false;
    };
    let check = (10 - weighted(&d, &[1, 3, 7, 9, 1, 3, 7, 9, 1, 3]) % 10) % 10;
    if check != d[10] {
        return false;
    }
    let (yy, mm, dd) = (d[0] * 10 + d[1], d[2] * 10 + d[3], d[4] * 10 + d[5]);
    let (century, month) = match mm {
        81..=92 => (1800, mm - 80),
        1..=12 => (1900, mm),
        21..=32 => (2000, mm - 20),
        41..=52 => (2100, mm - 40),
        61..=72 => (2200, mm - 60),
        _ => return false,
    };
    date_exists(century + yy, month, dd)
}

/// Polish NIP (tax id).
pub fn pl_nip(number: &str) -> bool {
    if number.len() != 10 {
        return false;
    }
    let Some(d) = digits(number).filter(|d| d.len() == 10) else {
        return false;
    };
    let c = weighted(&d, &[6, 5, 7, 2, 3, 4, 5, 6, 7]) % 11;
    c != 10 && c == d[9]
}

/// Polish REGON, 9 or 14 digits.
pub fn pl_regon(number: &str) -> bool {
    if !matches!(number.len(), 9 | 14) {
        return false;
    }
    let Some(d) = digits(number) else {
        return false;
    };
    match d.len() {
        9 => weighted(&d, &[8, 9, 2, 3, 4, 5, 6, 7]) % 11 % 10 == d[8],
        14 => {
            weighted(&d, &[2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8]) % 11 % 10 == d[13]
                && pl_regon(&number[..9])
        }
        _ => false,
    }
}

/// Czech rodné číslo: 9 digits (births before 1954, no check digit) or 10 digits
/// (divisible by 11, or the old remainder-10 rule), with a real date.
pub fn cz_rodne_cislo(number: &str) -> bool {
    if !matches!(number.len(), 9 | 10) {
        return false;
    }
    let Some(d) = digits(number) else {
        return false;
    };
    let yy = d.first().zip(d.get(1)).map_or(0, |(a, b)| a * 10 + b);
    let year = match d.len() {
        9 if yy < 54 => 1900 + yy,
        10 => {
            let value: u64 = number.parse().unwrap_or(1);
            let first9: u64 = number[..9].parse().unwrap_or(0);
            let ok = value.is_multiple_of(11) || (first9 % 11 == 10 && d[9] == 0);
            if !ok {
                return false;
            }
            if yy < 54 { 2000 + yy } else { 1900 + yy }
        }
        _ => return false,
    };
    // Women's months are +50; since 2004 either may also be +20 when a day's numbers
    // run out. Anything else is no month.
    let mut month = d[2] * 10 + d[3];
    if month > 50 {
        month -= 50;
    }
    if month > 20 {
        if year < 2004 {
            return false;
        }
        month -= 20;
    }
    date_exists(year, month, d[4] * 10 + d[5])
}

/// Czech IČO (company id), 8 digits.
pub fn cz_ico(number: &str) -> bool {
    if number.len() != 8 {
        return false;
    }
    let Some(d) = digits(number).filter(|d| d.len() == 8) else {
        return false;
    };
    let r = weighted(&d, &[8, 7, 6, 5, 4, 3, 2]) % 11;
    let check = match r {
        0 => 1,
        1 => 0,
        r => 11 - r,
    };
    check == d[7]
}

/// Russian INN, 10 digits (companies) or 12 (people).
pub fn ru_inn(number: &str) -> bool {
    if !matches!(number.len(), 10 | 12) {
        return false;
    }
    let Some(d) = digits(number) else {
        return false;
    };
    let check = |w: &[u32]| weighted(&d, w) % 11 % 10;
    match d.len() {
        10 => check(&[2, 4, 10, 3, 5, 9, 4, 6, 8]) == d[9],
        12 => {
            check(&[7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) == d[10]
                && check(&[3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) == d[11]
        }
        _ => false,
    }
}

/// Russian SNILS, 11 digits; checked only above 001-001-998.
pub fn ru_snils(number: &str) -> bool {
    if number.len() != 11 {
        return false;
    }
    let Some(d) = digits(number).filter(|d| d.len() == 11) else {
        return false;
    };
    let body: u64 = number[..9].parse().unwrap_or(0);
    if body <= 1_001_998 {
        return false;
    }
    let s: u32 = d[..9].iter().zip((1..=9).rev()).map(|(&x, w)| x * w).sum();
    let check = match s {
        0..=99 => s,
        100 | 101 => 0,
        _ => s % 101 % 100,
    };
    check == d[9] * 10 + d[10]
}

/// Russian OGRN (13 digits) and OGRNIP (15 digits, starting with 3 or 4).
pub fn ru_ogrn(number: &str) -> bool {
    if !matches!(number.len(), 13 | 15) {
        return false;
    }
    let Some(d) = digits(number) else {
        return false;
    };
    match d.len() {
        13 => number[..12]
            .parse::<u64>()
            .is_ok_and(|v| v % 11 % 10 == u64::from(d[12])),
        15 if matches!(d[0], 3 | 4) => number[..14]
            .parse::<u64>()
            .is_ok_and(|v| v % 13 % 10 == u64::from(d[14])),
        _ => false,
    }
}

/// Iranian national code (کد ملی), 10 digits, not all equal.
pub fn ir_national_code(number: &str) -> bool {
    if number.len() != 10 {
        return false;
    }
    let Some(d) = digits(number).filter(|d| d.len() == 10) else {
        return false;
    };
    if d.iter().all(|&x| x == d[0]) {
        return false;
    }
    let s: u32 = d[..9].iter().zip((2..=10).rev()).map(|(&x, w)| x * w).sum();
    let r = s % 11;
    let check = if r < 2 { r } else { 11 - r };
    check == d[9]
}

/// US social security number, `AAAGGSSSS` digits: no area 000, 666 or 900–999, no
/// group 00, no serial 0000, and not one of the well-known sample numbers.
pub fn us_ssn(number: &str) -> bool {
    if number.len() != 9 || digits(number).is_none() {
        return false;
    }
    let area: u32 = number[..3].parse().unwrap_or(0);
    let group = &number[3..5];
    let serial = &number[5..];
    area != 0
        && area != 666
        && area < 900
        && group != "00"
        && serial != "0000"
        && !matches!(number, "078051120" | "457555462" | "219099999")
}

/// A Polish domestic account number (NRB): 26 digits, a Polish IBAN without its "PL".
pub fn pl_nrb(number: &str) -> bool {
    number.len() == 26 && super::iban::mod97_ok(&format!("PL{number}"))
}

/// Bank codes of the Czech payment system (the banks' four-digit codes).
const CZ_BANK_CODES: [&str; 46] = [
    "0100", "0300", "0600", "0710", "0800", "2010", "2060", "2070", "2100", "2200", "2220", "2250",
    "2260", "2600", "2700", "3030", "3050", "3060", "3500", "4000", "4300", "5500", "5800", "6000",
    "6100", "6200", "6210", "6300", "6363", "6700", "6800", "7910", "7950", "7960", "7970", "7990",
    "8030", "8040", "8060", "8090", "8150", "8190", "8198", "8220", "8250", "8255",
];

/// A Czech domestic account, `[prefix-]number/bank`: a known bank code, and the weighted
/// mod-11 checks of the prefix (up to 6 digits) and the number (2 to 10 digits).
pub fn cz_account(prefix: &str, number: &str, bank: &str) -> bool {
    const WEIGHTS: [u32; 10] = [6, 3, 7, 9, 10, 5, 8, 4, 2, 1];
    let check = |part: &str| {
        digits(part).is_some_and(|d| {
            let offset = WEIGHTS.len() - d.len();
            weighted(&d, &WEIGHTS[offset..]).is_multiple_of(11)
        })
    };
    prefix.len() <= 6
        && (2..=10).contains(&number.len())
        && number.bytes().any(|b| b != b'0')
        && CZ_BANK_CODES.contains(&bank)
        && check(prefix)
        && check(number)
}

/// A Russian 20-digit account checked against its bank's 9-digit BIK: the Bank of
/// Russia's key (weights 7, 1, 3 over the BIK's last three digits and the account).
pub fn ru_account(account: &str, bik: &str) -> bool {
    if account.len() != 20 || bik.len() != 9 {
        return false;
    }
    let Some(d) = digits(&format!("{}{account}", &bik[6..])) else {
        return false;
    };
    let weights: Vec<u32> = [7, 1, 3].iter().copied().cycle().take(23).collect();
    weighted(&d, &weights).is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cards() {
        for ok in [
            "4111111111111111",
            "378282246310005",
            "2223000048400011",
            "5555555555554444",
        ] {
            assert!(card(ok), "{ok}");
        }
        for bad in ["4111111111111112", "1234567812345670", "411111111111111"] {
            assert!(!card(bad), "{bad}");
        }
    }

    #[test]
    fn polish_ids() {
        assert!(pl_pesel("44051401359") && pl_pesel("02270803624"));
        assert!(!pl_pesel("44051401358") && !pl_pesel("44053101359"));
        assert!(pl_nip("5260250274") && pl_nip("1234563218"));
        assert!(!pl_nip("5260250275"));
        assert!(pl_regon("123456785") && pl_regon("12345678512347"));
        assert!(!pl_regon("123456786") && !pl_regon("12345678512348"));
    }

    #[test]
    fn czech_ids() {
        for ok in [
            "7103192745",
            "7801233540",
            "0472150008",
            "530101123",
            "6003150000",
        ] {
            assert!(cz_rodne_cislo(ok), "{ok}");
        }
        for bad in ["7103192746", "540101123", "7113192745", "0441010009"] {
            assert!(!cz_rodne_cislo(bad), "{bad}");
        }
        assert!(cz_ico("25596641") && cz_ico("00064581"));
        assert!(!cz_ico("25596642"));
    }

    #[test]
    fn russian_ids() {
        assert!(ru_inn("7707083893") && ru_inn("500100732259"));
        assert!(!ru_inn("7707083894") && !ru_inn("500100732258"));
        assert!(ru_snils("11223344595"));
        assert!(!ru_snils("11223344596"));
        assert!(ru_ogrn("1027700132195") && ru_ogrn("304500116000157"));
        assert!(!ru_ogrn("1027700132196"));
    }

    #[test]
    fn iranian_and_us_ids() {
        assert!(ir_national_code("0076229645") && ir_national_code("1583250689"));
        assert!(ir_national_code("0499370899"));
        assert!(!ir_national_code("0076229646") && !ir_national_code("1111111111"));
        assert!(us_ssn("536904399"));
        assert!(!us_ssn("900123456") && !us_ssn("078051120") && !us_ssn("000123456"));
    }

    #[test]
    fn dates() {
        assert!(date_exists(2000, 2, 29) && !date_exists(1900, 2, 29));
        assert!(!date_exists(2024, 4, 31) && !date_exists(2024, 13, 1));
    }
}
