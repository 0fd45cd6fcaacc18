//! A seeded generator of labelled text for measuring the redaction detectors: letters,
//! forms and logs in English, Polish, Czech, Russian and Persian, with valid identifiers
//! (whose byte ranges are recorded) and decoys that fail their check digits.
//!
//! Shared by `tests/redact.rs` (a small corpus, asserted) and `benches/redact.rs` (a
//! large one, reported).

#![allow(dead_code, clippy::cast_possible_truncation, clippy::too_many_lines)]

use sealbook::privacy::Kind;
use sealbook::privacy::checksum as check;

pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.below(10) as u8))
            .collect()
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

/// A labelled identifier in the corpus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

#[derive(Default)]
pub struct Corpus {
    pub text: String,
    pub labels: Vec<Label>,
}

/// Appends `prefix` + digits until `valid` accepts one of the ten last digits.
fn with_check(
    rng: &mut Rng,
    body: impl Fn(&mut Rng) -> String,
    valid: impl Fn(&str) -> bool,
) -> String {
    loop {
        let stem = body(rng);
        for d in 0..10 {
            let candidate = format!("{stem}{d}");
            if valid(&candidate) {
                return candidate;
            }
        }
    }
}

fn date(rng: &mut Rng, from: u32, to: u32) -> (u32, u32, u32) {
    loop {
        let (y, m, d) = (
            from + rng.below(u64::from(to - from)) as u32,
            1 + rng.below(12) as u32,
            1 + rng.below(31) as u32,
        );
        if check::date_exists(y, m, d) {
            return (y, m, d);
        }
    }
}

fn mod97(text: &str) -> u32 {
    text.chars().fold(0, |r, c| {
        let v = c.to_digit(36).unwrap();
        if v < 10 {
            (r * 10 + v) % 97
        } else {
            (r * 100 + v) % 97
        }
    })
}

/// Every validator, to make sure a decoy is no identifier of any kind.
fn valid_as_anything(digits: &str) -> bool {
    check::card(digits)
        || check::pl_pesel(digits)
        || check::pl_nip(digits)
        || check::pl_regon(digits)
        || check::cz_rodne_cislo(digits)
        || check::cz_ico(digits)
        || check::ru_inn(digits)
        || check::ru_snils(digits)
        || check::ru_ogrn(digits)
        || check::ir_national_code(digits)
        || check::us_ssn(digits)
        || check::pl_nrb(digits)
}

/// A valid identifier of `kind`, as people write it.
pub fn identifier(rng: &mut Rng, kind: Kind) -> String {
    match kind {
        Kind::PlPesel => {
            let (y, m, d) = date(rng, 1930, 2020);
            let month = if y >= 2000 { m + 20 } else { m };
            with_check(
                rng,
                |r| format!("{:02}{month:02}{d:02}{}", y % 100, r.digits(4)),
                check::pl_pesel,
            )
        }
        Kind::PlNip => {
            let nip = with_check(
                rng,
                |r| format!("{}{}", 1 + r.below(9), r.digits(8)),
                check::pl_nip,
            );
            if rng.below(2) == 0 {
                nip
            } else {
                format!("{}-{}-{}-{}", &nip[..3], &nip[3..6], &nip[6..8], &nip[8..])
            }
        }
        Kind::PlRegon => with_check(rng, |r| r.digits(8), check::pl_regon),
        Kind::CzRodneCislo => {
            let (y, m, d) = date(rng, 1954, 2003);
            let month = if rng.below(2) == 0 { m } else { m + 50 };
            let rc = with_check(
                rng,
                |r| format!("{:02}{month:02}{d:02}{}", y % 100, r.digits(3)),
                check::cz_rodne_cislo,
            );
            if rng.below(2) == 0 {
                rc
            } else {
                format!("{}/{}", &rc[..6], &rc[6..])
            }
        }
        Kind::CzIco => with_check(rng, |r| r.digits(7), check::cz_ico),
        Kind::RuInn => {
            if rng.below(2) == 0 {
                with_check(
                    rng,
                    |r| format!("{}{}", 1 + r.below(9), r.digits(8)),
                    check::ru_inn,
                )
            } else {
                let stem = with_check(
                    rng,
                    |r| format!("{}{}", 1 + r.below(9), r.digits(9)),
                    |c| (0..10).any(|d| check::ru_inn(&format!("{c}{d}"))),
                );
                with_check(rng, |_| stem.clone(), check::ru_inn)
            }
        }
        Kind::RuSnils => {
            let s = with_check(
                rng,
                |r| format!("{}{}", 1 + r.below(9), r.digits(9)),
                check::ru_snils,
            );
            format!("{}-{}-{} {}", &s[..3], &s[3..6], &s[6..9], &s[9..])
        }
        Kind::RuOgrn => with_check(rng, |r| format!("1{}", r.digits(11)), check::ru_ogrn),
        Kind::IrNationalId => {
            let code = with_check(rng, |r| r.digits(9), check::ir_national_code);
            if rng.below(2) == 0 {
                code
            } else {
                to_persian(&code)
            }
        }
        Kind::UsSsn => loop {
            let s = format!(
                "{:03}-{:02}-{:04}",
                1 + rng.below(898),
                1 + rng.below(99),
                1 + rng.below(9999)
            );
            if check::us_ssn(&s.replace('-', "")) {
                break s;
            }
        },
        Kind::Card => {
            let prefix = rng.pick(&["4", "51", "55", "2221", "2720", "6011", "3528"]);
            let card = with_check(
                rng,
                |r| format!("{prefix}{}", r.digits(15 - prefix.len())),
                check::card,
            );
            if rng.below(2) == 0 {
                card
            } else {
                format!(
                    "{} {} {} {}",
                    &card[..4],
                    &card[4..8],
                    &card[8..12],
                    &card[12..]
                )
            }
        }
        Kind::Account => {
            // A Polish NRB: a Polish IBAN's check digits and account, without "PL".
            let bban = rng.digits(24);
            let check_digits = 98 - mod97(&format!("{bban}PL00"));
            format!("{check_digits:02}{bban}")
        }
        Kind::Iban => {
            let countries = [("PL", 28), ("CZ", 24), ("DE", 22), ("IR", 26)];
            let (country, len) = countries[rng.below(4) as usize];
            let bban = rng.digits(len - 4);
            let check_digits = 98 - mod97(&format!("{bban}{country}00"));
            let iban = format!("{country}{check_digits:02}{bban}");
            if rng.below(2) == 0 {
                iban
            } else {
                iban.as_bytes()
                    .chunks(4)
                    .map(|c| std::str::from_utf8(c).unwrap())
                    .collect::<Vec<_>>()
                    .join(" ")
            }
        }
        Kind::Email => {
            let local = rng.pick(&[
                "jan.novak",
                "anna",
                "k.kowalski",
                "иван",
                "petr+faktury",
                "o'brien",
                "maryam.r",
            ]);
            let domain = rng.pick(&[
                "firma.cz",
                "example.pl",
                "почта.рф",
                "mail.example.com",
                "shop.ir",
            ]);
            format!("{local}{}@{domain}", rng.below(100))
        }
        Kind::Phone => loop {
            let n = rng.digits(8);
            let (text, region) = match rng.below(6) {
                0 => (format!("+48 6{} {} {}", &n[..2], &n[2..5], &n[5..8]), None),
                1 => (format!("601 {} {}", &n[..3], &n[3..6]), Some("PL")),
                2 => (format!("+420 7{} {} {}", &n[..2], &n[2..5], &n[5..8]), None),
                3 => (
                    format!("8 (912) {}-{}-{}", &n[..3], &n[3..5], &n[5..7]),
                    Some("RU"),
                ),
                4 => (format!("0912 {} {}", &n[..3], &n[3..7]), Some("IR")),
                _ => (
                    to_persian(&format!("0912 {} {}", &n[..3], &n[3..7])),
                    Some("IR"),
                ),
            };
            let region = region.and_then(sealbook::privacy::phone::Region::parse);
            // Only numbers valid in their plan are labelled: an unassigned range is no phone.
            if sealbook::privacy::phone::normalise_phone(&text, region).is_ok() {
                break text;
            }
        },
        Kind::Ip => {
            if rng.below(3) == 0 {
                format!(
                    "2001:db8:{:x}::{:x}",
                    rng.below(65535),
                    1 + rng.below(65534)
                )
            } else {
                format!(
                    "{}.{}.{}.{}",
                    1 + rng.below(223),
                    rng.below(256),
                    rng.below(256),
                    1 + rng.below(254)
                )
            }
        }
        other => panic!("no identifiers of {other:?}: the pattern detectors do not find it"),
    }
}

/// The same identifier with its last digit changed so that it is no identifier at all.
fn decoy(rng: &mut Rng, kind: Kind) -> Option<String> {
    let valid = identifier(rng, kind);
    let digits: String = valid.chars().filter(char::is_ascii_digit).collect();
    let last = valid.rfind(|c: char| c.is_ascii_digit())?;
    (1..10).find_map(|step| {
        let d = (valid.as_bytes()[last] - b'0' + step) % 10;
        let mut changed = valid.clone();
        changed.replace_range(last..=last, &d.to_string());
        let changed_digits = format!("{}{d}", &digits[..digits.len() - 1]);
        (!valid_as_anything(&changed_digits)).then_some(changed)
    })
}

fn to_persian(text: &str) -> String {
    text.chars()
        .map(|c| {
            c.to_digit(10)
                .map_or(c, |d| char::from_u32(0x06F0 + d).unwrap())
        })
        .collect()
}

/// Sentences with one identifier each: `{}` is where it goes. The words before it are
/// what a real document would say.
fn templates(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Email => &[
            "Please write to {} with questions.\n",
            "Kontakt: {}\n",
            "Пишите на {}, пожалуйста.\n",
            "ایمیل: {}\n",
        ],
        Kind::Phone => &[
            "Call us: tel. {} (office hours).\n",
            "Telefon: {}\n",
            "Контактный тел. {}\n",
            "شماره تلفن {} است.\n",
        ],
        Kind::Card => &[
            "Card on file: {} expires 12/27.\n",
            "Platba kartou {}.\n",
            "Номер карты {}\n",
        ],
        Kind::Iban => &[
            "Please transfer to IBAN {} by Friday.\n",
            "Numer rachunku: {}\n",
            "Číslo účtu {}\n",
        ],
        Kind::Account => &[
            "Nr rachunku: {}\n",
            "Wpłaty prosimy kierować na konto {} w terminie 14 dni.\n",
        ],
        Kind::PlPesel => &[
            "Pan Jan Kowalski, PESEL {}, zamieszkały w Krakowie.\n",
            "PESEL: {}\n",
        ],
        Kind::PlNip => &["Faktura dla firmy, NIP {}.\n", "NIP: {}\n"],
        Kind::PlRegon => &["REGON {} wpisany do rejestru.\n"],
        Kind::CzRodneCislo => &["Paní Nováková, rodné číslo {}, bytem Brno.\n", "RČ: {}\n"],
        Kind::CzIco => &["Dodavatel s IČO {} fakturuje měsíčně.\n"],
        Kind::RuInn => &[
            "Организация, ИНН {}, зарегистрирована в Москве.\n",
            "ИНН: {}\n",
        ],
        Kind::RuSnils => &["Застрахованное лицо, СНИЛС {}.\n"],
        Kind::RuOgrn => &["ОГРН {} присвоен при регистрации.\n"],
        Kind::IrNationalId => &["آقای رضایی با کد ملی {} ثبت نام کرد.\n", "کد ملی: {}\n"],
        Kind::UsSsn => &["Applicant SSN {} was verified.\n"],
        Kind::Ip => &["Login from {} at 12:30:45.\n", "Přihlášení z adresy {}\n"],
        other => panic!("no templates for {other:?}: the pattern detectors do not find it"),
    }
}

/// Text with numbers that are no identifiers: dates, amounts, times, references.
const FILLER: &[&str] = &[
    "The meeting is on 14.05.2024 at 10:30; the invoice FV/2024/0042 totals 1 250,00 Kč.\n",
    "Zamówienie nr 12345 z dnia 2024-05-14, ilość 3 szt., cena 99,99 zł.\n",
    "Смета на 2025 год: 1 500 000 руб., срок 30 дней, договор № 17-08.\n",
    "جلسه در تاریخ ۱۴۰۳/۰۲/۲۵ ساعت ۱۰:۳۰ برگزار می‌شود.\n",
    "Version 2.4.1 of the software shipped with 365 fixes and 12 new features.\n",
    "Objednávka č. 2024/118 bude doručena do 5 pracovních dnů.\n",
];

/// Generates about `bytes` of labelled text from `seed`.
pub fn generate(seed: u64, bytes: usize) -> Corpus {
    let mut rng = Rng::new(seed);
    let mut corpus = Corpus::default();
    while corpus.text.len() < bytes {
        let kind = Kind::ALL[rng.below(Kind::ALL.len() as u64) as usize];
        let template = rng.pick(templates(kind));
        let (before, after) = template.split_once("{}").unwrap();
        match rng.below(4) {
            0 => corpus
                .text
                .push_str(FILLER[rng.below(FILLER.len() as u64) as usize]),
            1 => {
                if let Some(value) = decoy(&mut rng, kind)
                    .filter(|_| !matches!(kind, Kind::Email | Kind::Phone | Kind::Ip))
                {
                    corpus.text.push_str(before);
                    corpus.text.push_str(&value);
                    corpus.text.push_str(after);
                }
            }
            _ => {
                let value = identifier(&mut rng, kind);
                corpus.text.push_str(before);
                let start = corpus.text.len();
                corpus.text.push_str(&value);
                corpus.labels.push(Label {
                    kind,
                    start,
                    end: corpus.text.len(),
                });
                corpus.text.push_str(after);
            }
        }
    }
    corpus
}

/// Recall and precision of `found` against the labels, per kind:
/// `(kind, labelled, found, correct)`.
pub fn score(
    corpus: &Corpus,
    found: &[sealbook::privacy::Finding],
) -> Vec<(Kind, usize, usize, usize)> {
    Kind::ALL
        .iter()
        .map(|&kind| {
            let labels: Vec<&Label> = corpus.labels.iter().filter(|l| l.kind == kind).collect();
            let hits: Vec<_> = found.iter().filter(|f| f.kind == kind).collect();
            let correct = hits
                .iter()
                .filter(|f| labels.iter().any(|l| l.start == f.start && l.end == f.end))
                .count();
            (kind, labels.len(), hits.len(), correct)
        })
        .collect()
}
