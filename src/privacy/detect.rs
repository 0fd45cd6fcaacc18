//! The detectors together: one pass over a text finds every enabled kind of personal
//! data, validated, as non-overlapping byte ranges of the original.

use super::kind::{Finding, Kind};
use super::numbers::{Run, scan_run};
use super::phone::Region;
use super::text::{digit_at, word_before};
use super::words::{email_at, iban_before_digits, iban_shaped_end, ipv6_at};

/// Regions whose national phone formats are recognised by default.
pub const DEFAULT_REGIONS: [&str; 7] = ["PL", "CZ", "RU", "IR", "DE", "GB", "US"];

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

    pub fn kinds(&self) -> &[Kind] {
        &self.enabled
    }

    fn on(&self, kind: Kind) -> bool {
        self.enabled.contains(&kind)
    }

    /// Every finding in `text`, sorted and non-overlapping.
    pub fn find(&self, text: &[u8]) -> Vec<Finding> {
        let enabled = |k: Kind| self.on(k);
        let mut found = Vec::new();
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
                // "PL" before a NIP is how it is written, not a word it is glued to.
                let pl_prefix = i >= 2 && &text[i - 2..i] == b"PL" && !word_before(text, i - 2);
                if word_before(text, i)
                    && !pl_prefix
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
/// at its `@` replaces the digits of its local part scanned before it.
pub(super) fn resolve_overlaps(mut found: Vec<Finding>) -> Vec<Finding> {
    found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out: Vec<Finding> = Vec::with_capacity(found.len());
    for f in found {
        match out.last() {
            Some(last) if f.start < last.end => {}
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
        one("NIP PL5260250274", Kind::PlNip, "5260250274");
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
