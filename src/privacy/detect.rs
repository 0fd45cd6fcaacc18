//! The detectors together: one pass over a text finds every enabled kind of personal
//! data, validated, as non-overlapping byte ranges of the original.

use super::kind::{Finding, Kind};
use super::numbers::{Run, scan_run};
use super::phone::Region;
use super::text::{digit_at, word_before};
use super::words::{email_at, iban_before_digits, iban_shaped_end, ipv6_at};

/// Regions whose national phone formats are recognised by default.
pub const DEFAULT_REGIONS: [&str; 7] = ["PL", "CZ", "RU", "IR", "DE", "GB", "US"];

/// The default regions, parsed once: national numbers of these are read after a phone
/// keyword even when `--regions` leaves them out of scope.
pub(super) fn default_regions() -> &'static [Region] {
    static REGIONS: std::sync::OnceLock<Vec<Region>> = std::sync::OnceLock::new();
    REGIONS.get_or_init(|| {
        DEFAULT_REGIONS
            .iter()
            .filter_map(|r| Region::parse(r))
            .collect()
    })
}

/// Which kinds to look for, and the regions for national phone numbers.
#[derive(Clone, Debug)]
pub struct Detectors {
    enabled: Vec<Kind>,
    regions: Vec<Region>,
}

impl Default for Detectors {
    fn default() -> Self {
        Self::new(Kind::ALL.to_vec(), None)
    }
}

impl Detectors {
    /// Detectors for `kinds`, reading national phone numbers in the default regions
    /// plus `extra_region`.
    pub fn new(kinds: Vec<Kind>, extra_region: Option<Region>) -> Self {
        let mut regions: Vec<Region> = DEFAULT_REGIONS
            .iter()
            .filter_map(|r| Region::parse(r))
            .collect();
        if let Some(region) = extra_region.filter(|r| !regions.contains(r)) {
            regions.insert(0, region);
        }
        Self {
            enabled: kinds,
            regions,
        }
    }

    /// These detectors with exactly `regions` in scope, instead of the default ones.
    #[must_use]
    pub fn in_regions(mut self, regions: Vec<Region>) -> Self {
        if !regions.is_empty() {
            self.regions = regions;
        }
        self
    }

    pub fn kinds(&self) -> &[Kind] {
        &self.enabled
    }

    fn on(&self, kind: Kind) -> bool {
        self.enabled.contains(&kind)
    }

    /// Every finding in `text`, sorted and non-overlapping.
    pub fn find(&self, text: &[u8]) -> Vec<Finding> {
        let enabled = |k: Kind| self.on(k);
        let mut found = Vec::with_capacity(text.len() / 256);
        let mut run = Run::default();
        let mut i = 0;
        while i < text.len() {
            let byte = text[i];
            if digit_at(text, i).is_some() {
                if let Some(iban) =
                    iban_before_digits(text, i).filter(|b| self.on(Kind::Iban) && b.end > i)
                {
                    found.push(iban);
                    i = iban.end;
                    continue;
                }
                if let Some(end) = iban_shaped_end(text, i) {
                    i = end;
                    continue;
                }
                // "PL" or "CZ" before a tax id is how it is written, not a word it is
                // glued to.
                let country_prefix =
                    i >= 2 && matches!(&text[i - 2..i], b"PL" | b"CZ") && !word_before(text, i - 2);
                if word_before(text, i)
                    && !country_prefix
                    && !matches!(text.get(i.wrapping_sub(1)), Some(b'+' | b'('))
                {
                    // Digits glued to a word (an id like "A123"): skip the whole word.
                    while digit_at(text, i).is_some()
                        || text.get(i).is_some_and(u8::is_ascii_alphanumeric)
                    {
                        i += digit_at(text, i).map_or(1, |(_, len)| len);
                    }
                    continue;
                }
                i = scan_run(text, i, &enabled, &self.regions, &mut run, &mut found);
                run.ended_at(i);
            } else if byte == b'@' && self.on(Kind::Email) {
                if let Some(email) = email_at(text, i).filter(|e| e.end > i) {
                    found.push(email);
                    i = email.end;
                    continue;
                }
                i += 1;
            } else if byte == b':' && self.on(Kind::Ip) {
                // Only an address that ends past this colon moves the scan on: in
                // "::D:" the address "::D" ends before the last colon, which would
                // otherwise be looked at again and again.
                if let Some(ip) = ipv6_at(text, i).filter(|ip| ip.end > i) {
                    found.push(ip);
                    i = ip.end;
                    continue;
                }
                i += 1;
            } else {
                i += 1;
            }
        }
        resolve_overlaps(found)
    }
}

/// Keeps the earliest-starting (then longest) of overlapping findings: an e-mail found
/// at its `@` replaces the digits of its local part scanned before it. A later finding
/// that overlaps and reaches further extends the one kept, so no tail of it is left in
/// clear.
pub(super) fn resolve_overlaps(mut found: Vec<Finding>) -> Vec<Finding> {
    found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out: Vec<Finding> = Vec::with_capacity(found.len());
    for f in found {
        match out.last_mut() {
            Some(last) if f.start < last.end => last.end = last.end.max(f.end),
            _ => out.push(f),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by the property tests: an address ending before the colon the scan stood
    /// on made `find` loop for ever, filling memory.
    #[test]
    fn an_address_ending_before_its_colon_does_not_stall_the_scan() {
        let detectors = Detectors::default();
        for text in ["::D:", "a ::1: b", "::D::D:"] {
            assert!(detectors.find(text.as_bytes()).len() <= 2, "{text}");
        }
    }

    /// The kinds and texts found in `text`.
    fn found(text: &str) -> Vec<(Kind, String)> {
        Detectors::default()
            .find(text.as_bytes())
            .into_iter()
            .map(|f| (f.kind, text[f.start..f.end].to_owned()))
            .collect()
    }

    fn one(text: &str, kind: Kind, value: &str) {
        assert_eq!(found(text), vec![(kind, value.to_owned())], "in {text:?}");
    }

    fn none(text: &str) {
        assert_eq!(found(text), vec![], "in {text:?}");
    }

    /// A finding that overlaps the one kept and reaches further extends it: no tail is
    /// left in clear.
    #[test]
    fn overlapping_findings_are_joined_not_cut() {
        let finding = |start, end| Finding {
            kind: Kind::Email,
            start,
            end,
            subject: 0,
        };
        let joined = resolve_overlaps(vec![finding(10, 20), finding(0, 12), finding(30, 31)]);
        assert_eq!(
            joined.iter().map(|f| (f.start, f.end)).collect::<Vec<_>>(),
            [(0, 20), (30, 31)]
        );
    }

    #[test]
    fn cards_with_issuer_length_and_luhn() {
        one("card 4111111111111111 ok", Kind::Card, "4111111111111111");
        one("Amex 378282246310005.", Kind::Card, "378282246310005");
        one(
            "MC 2223 0000 4840 0011, thanks",
            Kind::Card,
            "2223 0000 4840 0011",
        );
        one(
            "paid with 4111-1111-1111-1111",
            Kind::Card,
            "4111-1111-1111-1111",
        );
        none("card 4111111111111112 ok");
        none("order 94111111111111111 (embedded in a longer number)");
    }

    #[test]
    fn ibans() {
        one(
            "IBAN PL61109010140000071219812874.",
            Kind::Iban,
            "PL61109010140000071219812874",
        );
        one(
            "účet CZ65 0800 0000 1920 0014 5399 prosím",
            Kind::Iban,
            "CZ65 0800 0000 1920 0014 5399",
        );
        one(
            "IR820540102680020817909002",
            Kind::Iban,
            "IR820540102680020817909002",
        );
        none("IBAN PL61109010140000071219812875.");
    }

    #[test]
    fn emails() {
        one(
            "write to jan.novak+x@firma.cz.",
            Kind::Email,
            "jan.novak+x@firma.cz",
        );
        one("почта: иван@почта.рф", Kind::Email, "иван@почта.рф");
        none("user@localhost and a@b.c");
    }

    #[test]
    fn phones_in_national_and_international_form() {
        one("tel. 601 234 567", Kind::Phone, "601 234 567");
        one("тел. 8 (912) 345-67-89", Kind::Phone, "8 (912) 345-67-89");
        one("تلفن: 0912 345 6789", Kind::Phone, "0912 345 6789");
        one("call +48 601 234 567 today", Kind::Phone, "+48 601 234 567");
        one("تلفن ۰۹۱۲ ۳۴۵ ۶۷۸۹", Kind::Phone, "۰۹۱۲ ۳۴۵ ۶۷۸۹");
        none("call +420 601 123 45 today");
    }

    #[test]
    fn polish_ids() {
        one("PESEL 44051401359", Kind::PlPesel, "44051401359");
        one("PESEL: 02270803624.", Kind::PlPesel, "02270803624");
        none("PESEL 44051401358");
        none("PESEL 44053101359");
        one("NIP 5260250274", Kind::PlNip, "5260250274");
        one("NIP: 526-025-02-74", Kind::PlNip, "526-025-02-74");
        // Changed on purpose: the country prefix of a VAT number is part of it and is
        // redacted with it (it was left standing before "[PL_NIP]").
        one("NIP PL5260250274", Kind::PlNip, "PL5260250274");
        one("VAT: PL 526-025-02-74", Kind::PlNip, "PL 526-025-02-74");
        none("NIP 5260250275");
        one("REGON 123456785", Kind::PlRegon, "123456785");
        one("REGON 12345678512347", Kind::PlRegon, "12345678512347");
        none("REGON 123456786");
    }

    #[test]
    fn czech_ids() {
        one("rodné číslo 710319/2745", Kind::CzRodneCislo, "710319/2745");
        one("RČ 7801233540", Kind::CzRodneCislo, "7801233540");
        one("rodné číslo 0472150008", Kind::CzRodneCislo, "0472150008");
        one("rodné číslo 530101/123", Kind::CzRodneCislo, "530101/123");
        one("r.č. 6003150000", Kind::CzRodneCislo, "6003150000");
        none("rodné číslo 710319/2746");
        none("rodné číslo 540101/123");
        one("IČO 25596641", Kind::CzIco, "25596641");
        one("IČO: 00064581", Kind::CzIco, "00064581");
        none("IČO 25596642");
    }

    #[test]
    fn russian_ids() {
        one("ИНН 7707083893", Kind::RuInn, "7707083893");
        one("ИНН 500100732259", Kind::RuInn, "500100732259");
        none("ИНН 7707083894");
        none("ИНН 500100732258");
        one("СНИЛС 112-233-445 95", Kind::RuSnils, "112-233-445 95");
        none("СНИЛС 112-233-445 96");
        one("ОГРН 1027700132195", Kind::RuOgrn, "1027700132195");
        one("ОГРНИП 304500116000157", Kind::RuOgrn, "304500116000157");
        none("ОГРН 1027700132196");
    }

    #[test]
    fn iranian_national_codes_in_any_digit_script() {
        one("کد ملی 0076229645", Kind::IrNationalId, "0076229645");
        one("کد ملی: ۰۴۹۹۳۷۰۸۹۹", Kind::IrNationalId, "۰۴۹۹۳۷۰۸۹۹");
        one("کد ملی ١٥٨٣٢٥٠٦٨٩", Kind::IrNationalId, "١٥٨٣٢٥٠٦٨٩");
        none("کد ملی 0076229646");
        none("کد ملی 1111111111");
    }

    #[test]
    fn ssns_and_ip_addresses() {
        one("SSN 536-90-4399", Kind::UsSsn, "536-90-4399");
        none("SSN 900-12-3456");
        none("SSN 078-05-1120");
        one("from 192.0.2.1 at", Kind::Ip, "192.0.2.1");
        one("from 2001:db8::1 at", Kind::Ip, "2001:db8::1");
        none("from 192.168.001.001 at");
        none("<Application>LibreOffice/7.4.7.2$Linux_X86_64</Application>");
        none("at 12:30:45 on 14.05.2024 and 2031-12-31");
    }

    #[test]
    fn iban_shaped_words_do_not_hide_what_follows() {
        one(
            "London SW19 2AB tel 07700 900123",
            Kind::Phone,
            "07700 900123",
        );
        one(
            "AB12 and card 4111111111111111",
            Kind::Card,
            "4111111111111111",
        );
        // A mistyped IBAN is not searched for card numbers inside it.
        none("IBAN PL61 6011 0000 4000 0000 0000 0006 9999");
    }

    #[test]
    fn national_phone_formats_need_no_keyword() {
        for (text, value) in [
            ("Jana, 776 944 657", "776 944 657"),
            ("774-591-883", "774-591-883"),
            ("volat 732692829", "732692829"),
            ("Biuro 85 5746276", "85 5746276"),
            ("8 (985) 174-12-38", "8 (985) 174-12-38"),
            ("8-903-364-41-85", "8-903-364-41-85"),
            ("звонить 89774309023", "89774309023"),
            ("+7 (812) 689-67-34", "+7 (812) 689-67-34"),
            ("09397668163", "09397668163"),
            ("07867493060", "07867493060"),
            ("713.694.1699", "713.694.1699"),
            ("1-713-649-3660", "1-713-649-3660"),
            ("00420 797 833 739", "00420 797 833 739"),
            ("0044 7475 035937", "0044 7475 035937"),
            ("۰۰۹۸ ۹۳۳ ۲۳۶ ۶۴۸۲", "۰۰۹۸ ۹۳۳ ۲۳۶ ۶۴۸۲"),
        ] {
            one(text, Kind::Phone, value);
        }
    }

    #[test]
    fn the_keyword_nearest_a_number_decides_and_dates_and_amounts_are_not_phones() {
        assert_eq!(
            found("کد ملی 0499370899 و شماره 0939 093 3366"),
            vec![
                (Kind::IrNationalId, "0499370899".to_owned()),
                (Kind::Phone, "0939 093 3366".to_owned())
            ]
        );
        // A mistyped INN is not an Iranian national code, nor the other way round.
        none("ИНН 7707083894");
        none("کد ملی 7707083893");
        // A valid value of a strong kind after another kind's keyword keeps its label.
        one("NIP 44051401359", Kind::PlPesel, "44051401359");
        none("Datum: 12.05.2024");
        none("issued 05/16/2020");
        none("Celkem 776 944 657 Kč");
        none("Faktura č. 202130610");
        // Found by review: a word for orders or data that does not introduce the
        // number does not hide a phone; no-break spaces separate groups; a country
        // code without "+" after a phone keyword.
        one(
            "Objednávky přijímá Jana Nová 776 944 657",
            Kind::Phone,
            "776 944 657",
        );
        one(
            "In order to reach me: 601 234 567",
            Kind::Phone,
            "601 234 567",
        );
        one(
            "volejte 776\u{a0}944\u{a0}657",
            Kind::Phone,
            "776\u{a0}944\u{a0}657",
        );
        one("Tel. 420776944657", Kind::Phone, "420776944657");
        none("Objednávka č. 776944657");
        // Found by the second review: a colon alone does not make a word introduce a
        // number, a number written as a phone stays one, and "account" in a job title
        // does not hide the phone after it.
        one(
            "Objednávky: +420 776 944 657",
            Kind::Phone,
            "+420 776 944 657",
        );
        one("Fakturace: 776 944 657", Kind::Phone, "776 944 657");
        one(
            "Account manager Jana Nová, 776 944 657",
            Kind::Phone,
            "776 944 657",
        );
        one("Tel. 776 944 657 Zlín", Kind::Phone, "776 944 657");
        none("Celkem 123\u{a0}456\u{a0}789\u{a0}Kč");
        one(
            "Účet EUR 19-2000145399/0800",
            Kind::Account,
            "19-2000145399/0800",
        );
        none("کد پستی 1842185946");
    }

    #[test]
    fn cards_accounts_and_tax_ids_in_national_formats() {
        one(
            "کارت 6037 9975 9952 7182",
            Kind::Card,
            "6037 9975 9952 7182",
        );
        one(
            "Nr rachunku: 61 1090 1014 0000 0712 1981 2874",
            Kind::Account,
            "61 1090 1014 0000 0712 1981 2874",
        );
        one(
            "konto 61109010140000071219812874",
            Kind::Account,
            "61109010140000071219812874",
        );
        one(
            "účet 19-2000145399/0800",
            Kind::Account,
            "19-2000145399/0800",
        );
        none("účet 19-2000145398/0800");
        one("DIČ: CZ25596641", Kind::CzIco, "CZ25596641");
        one("IČO 25 59 66 41", Kind::CzIco, "25 59 66 41");
        one("SSN 536904399", Kind::UsSsn, "536904399");
        one("rodné číslo 320406/320", Kind::CzRodneCislo, "320406/320");
    }

    #[test]
    fn numbers_glued_to_words_or_longer_runs_are_not_matches() {
        none("ref A44051401359 and 440514013591");
        none("part 5260250274x");
    }

    #[test]
    fn only_enabled_kinds_are_found() {
        let cards_only = Detectors::new(vec![Kind::Card], None);
        let text = b"jan@firma.cz 4111111111111111";
        let kinds: Vec<Kind> = cards_only.find(text).iter().map(|f| f.kind).collect();
        assert_eq!(kinds, vec![Kind::Card]);
    }
}
