//! The kinds of personal data the detectors find, with the names users type
//! (`--only card,iban`) and the labels written in their place (`[CARD]`).

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Email,
    Phone,
    Card,
    Iban,
    PlPesel,
    PlNip,
    PlRegon,
    CzRodneCislo,
    CzIco,
    RuInn,
    RuSnils,
    RuOgrn,
    IrNationalId,
    UsSsn,
    Ip,
    /// A known customer's name, as the vault holds it (or its order reversed, or with
    /// an initial), found by `pseudonymise` and `redact --known-customers`.
    CustomerName,
    /// A known customer's name in an inflected form (Nováka, Kowalskiego, Петрова):
    /// lower confidence.
    CustomerNameInflected,
    CustomerEmail,
    CustomerPhone,
    CustomerNationalId,
    CustomerAccount,
    /// A pseudonymisation token, such as `[C-7K3M9Q2X:name]`, found by `--reverse`.
    Token,
    /// A token whose customer or field the vault no longer holds: it stays a token.
    UnknownToken,
}

impl Kind {
    pub const ALL: [Kind; 15] = [
        Kind::Email,
        Kind::Phone,
        Kind::Card,
        Kind::Iban,
        Kind::PlPesel,
        Kind::PlNip,
        Kind::PlRegon,
        Kind::CzRodneCislo,
        Kind::CzIco,
        Kind::RuInn,
        Kind::RuSnils,
        Kind::RuOgrn,
        Kind::IrNationalId,
        Kind::UsSsn,
        Kind::Ip,
    ];

    /// The name on the command line and in reports.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Email => "email",
            Kind::Phone => "phone",
            Kind::Card => "card",
            Kind::Iban => "iban",
            Kind::PlPesel => "pl_pesel",
            Kind::PlNip => "pl_nip",
            Kind::PlRegon => "pl_regon",
            Kind::CzRodneCislo => "cz_rodne_cislo",
            Kind::CzIco => "cz_ico",
            Kind::RuInn => "ru_inn",
            Kind::RuSnils => "ru_snils",
            Kind::RuOgrn => "ru_ogrn",
            Kind::IrNationalId => "ir_national_id",
            Kind::UsSsn => "us_ssn",
            Kind::Ip => "ip",
            Kind::CustomerName => "customer_name",
            Kind::CustomerNameInflected => "customer_name_inflected",
            Kind::CustomerEmail => "customer_email",
            Kind::CustomerPhone => "customer_phone",
            Kind::CustomerNationalId => "customer_national_id",
            Kind::CustomerAccount => "customer_account",
            Kind::Token => "token",
            Kind::UnknownToken => "unknown_token",
        }
    }

    /// The label written by `--style label`, e.g. `[PL_PESEL]`.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Email | Kind::CustomerEmail => "[EMAIL]",
            Kind::Phone | Kind::CustomerPhone => "[PHONE]",
            Kind::Card => "[CARD]",
            Kind::Iban => "[IBAN]",
            Kind::PlPesel => "[PL_PESEL]",
            Kind::PlNip => "[PL_NIP]",
            Kind::PlRegon => "[PL_REGON]",
            Kind::CzRodneCislo => "[CZ_RODNE_CISLO]",
            Kind::CzIco => "[CZ_ICO]",
            Kind::RuInn => "[RU_INN]",
            Kind::RuSnils => "[RU_SNILS]",
            Kind::RuOgrn => "[RU_OGRN]",
            Kind::IrNationalId => "[IR_NATIONAL_ID]",
            Kind::UsSsn => "[US_SSN]",
            Kind::Ip => "[IP]",
            Kind::CustomerName | Kind::CustomerNameInflected => "[NAME]",
            Kind::CustomerNationalId => "[NATIONAL_ID]",
            Kind::CustomerAccount => "[ACCOUNT]",
            Kind::Token | Kind::UnknownToken => "[TOKEN]",
        }
    }

    pub fn parse(name: &str) -> Option<Kind> {
        let name = name.trim().to_ascii_lowercase().replace('-', "_");
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Words that, shortly before a number, say which kind it is (lower case).
    pub(super) fn keywords(self) -> &'static [&'static str] {
        match self {
            Kind::Phone => &[
                "tel",
                "phone",
                "mobil",
                "mob.",
                "kom.",
                "fax",
                "call",
                "zadzwoń",
                "volejte",
                "тел",
                "моб",
                "звон",
                "تلفن",
                "تماس",
                "همراه",
                "موبایل",
            ],
            Kind::PlPesel => &["pesel"],
            Kind::PlNip => &["nip"],
            Kind::PlRegon => &["regon"],
            Kind::CzRodneCislo => &["rodné", "rodne", "r.č", "rč"],
            Kind::CzIco => &["ičo", "ico"],
            Kind::RuInn => &["инн", "inn"],
            Kind::RuSnils => &["снилс", "snils"],
            Kind::RuOgrn => &["огрн", "ogrn"],
            Kind::IrNationalId => &["کد ملی", "کدملی", "شماره ملی", "national code", "melli"],
            Kind::UsSsn => &["ssn", "social security"],
            Kind::Card => &["card", "karta", "karty", "карт", "کارت"],
            // Shapes that need no keyword, and values the vault names.
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_upper_case_names_and_names_parse_back() {
        for kind in Kind::ALL {
            assert_eq!(
                kind.label(),
                format!("[{}]", kind.name().to_ascii_uppercase())
            );
            assert_eq!(Kind::parse(kind.name()), Some(kind));
        }
        assert_eq!(Kind::parse("PL-PESEL"), Some(Kind::PlPesel));
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One piece of personal data: its kind and its byte range in the scanned text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Finding {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    /// For a known customer's value or a token: which one, as an index into the
    /// matcher that found it; 0 for the pattern detectors.
    pub subject: u32,
}
