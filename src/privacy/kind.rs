//! The kinds of personal data the detectors find, with the names users type
//! (`--only card,iban`) and the labels written in their place (`[CARD]`).

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Email,
    Phone,
    Card,
    Iban,
    /// A domestic bank account number: the Polish NRB, the Czech `prefix-number/bank`,
    /// the Russian 20-digit account beside its bank's BIK.
    Account,
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
    pub const ALL: [Kind; 16] = [
        Kind::Email,
        Kind::Phone,
        Kind::Card,
        Kind::Iban,
        Kind::Account,
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
            Kind::Account => "account",
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
            Kind::Account | Kind::CustomerAccount => "[ACCOUNT]",
            Kind::Token | Kind::UnknownToken => "[TOKEN]",
        }
    }

    /// True for kinds whose format and check digits are specific enough that a match is
    /// personal data whatever word stands before it. A match of a weaker kind (a
    /// ten-digit checksum passes for one number in eleven) right after another kind's
    /// keyword is far more likely a mistyped value of that kind, and is left alone.
    pub(super) fn is_strong(self) -> bool {
        matches!(
            self,
            Kind::Card
                | Kind::Iban
                | Kind::Account
                | Kind::PlPesel
                | Kind::CzRodneCislo
                | Kind::RuSnils
                | Kind::RuOgrn
        )
    }

    /// True for findings that are personal data with no word around them: the strong
    /// kinds, and the values of known customers and their tokens. A spreadsheet number
    /// cell is read for these only.
    pub fn stands_alone(self) -> bool {
        self.is_strong() || !Kind::ALL.contains(&self)
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
                "cell",
            ],
            Kind::Account => &[
                "rachun", "konto", "účet", "účtu", "ucet", "р/с", "к/с", "счет", "счёт", "حساب",
                "account", "acct",
            ],
            Kind::PlPesel => &["pesel"],
            Kind::PlNip => &["nip", "vat"],
            Kind::PlRegon => &["regon"],
            Kind::CzRodneCislo => &["rodné", "rodne", "r.č", "rč"],
            Kind::CzIco => &["ičo", "ico", "dič", "dic"],
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
