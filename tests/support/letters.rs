//! A seeded generator of customers and of letters that mention them, in Czech, Polish,
//! Russian, Persian and English: for measuring the known-customer matcher. Every line
//! holds at most one mention, labelled with the customer, the field and whether the
//! form is inflected; other lines hold decoys (other people, a customer's surname
//! alone, numbers and addresses that belong to nobody in the vault).
//!
//! Shared by `tests/pseudonymise.rs` (1,000 customers, asserted) and
//! `benches/known.rs` (10,000 customers, reported).

#![allow(dead_code, clippy::cast_possible_truncation, clippy::too_many_lines)]

use sealbook::privacy::known::Field;
use sealbook::vault::CustomerData;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A language: given names and surnames as (base, genitive), and sentence templates.
struct Language {
    first: &'static [(&'static str, &'static str)],
    last: &'static [(&'static str, &'static str)],
    country_code: &'static str,
    /// The national significant number's first digits, for valid mobile numbers.
    mobile_prefix: &'static str,
    national_digits: usize,
    trunk_prefix: &'static str,
    mention: &'static [&'static str],
    inflected: &'static [&'static str],
    decoy: &'static [&'static str],
    inflects: bool,
}

const CS: Language = Language {
    first: &[
        ("Jan", "Jana"),
        ("Petr", "Petra"),
        ("Tomáš", "Tomáše"),
        ("Martin", "Martina"),
        ("Jiří", "Jiřího"),
        ("Pavel", "Pavla"),
        ("Lukáš", "Lukáše"),
        ("Jakub", "Jakuba"),
        ("Ondřej", "Ondřeje"),
        ("Václav", "Václava"),
    ],
    last: &[
        ("Novák", "Nováka"),
        ("Dvořák", "Dvořáka"),
        ("Svoboda", "Svobody"),
        ("Novotný", "Novotného"),
        ("Černý", "Černého"),
        ("Procházka", "Procházky"),
        ("Kučera", "Kučery"),
        ("Veselý", "Veselého"),
        ("Horák", "Horáka"),
        ("Němec", "Němce"),
        ("Marek", "Marka"),
        ("Pospíšil", "Pospíšila"),
        ("Hájek", "Hájka"),
        ("Král", "Krále"),
        ("Jelínek", "Jelínka"),
        ("Růžička", "Růžičky"),
        ("Beneš", "Beneše"),
        ("Fiala", "Fialy"),
        ("Sedláček", "Sedláčka"),
        ("Zeman", "Zemana"),
    ],
    country_code: "420",
    mobile_prefix: "60",
    national_digits: 9,
    trunk_prefix: "",
    mention: &[
        "Vážený zákazník {} nás včera kontaktoval.",
        "Smlouvu podepsal {} dne 12. 3. 2024.",
        "Kontakt: {}",
    ],
    inflected: &["Dopis od {} přišel včera.", "Zavolejte prosím {} zítra."],
    decoy: &[
        "Pan {} volal kvůli faktuře č. 2024/118.",
        "Schůzka s paní {} je ve 14:30.",
    ],
    inflects: true,
};

const PL: Language = Language {
    first: &[
        ("Piotr", "Piotra"),
        ("Krzysztof", "Krzysztofa"),
        ("Andrzej", "Andrzeja"),
        ("Tomasz", "Tomasza"),
        ("Paweł", "Pawła"),
        ("Marcin", "Marcina"),
        ("Michał", "Michała"),
        ("Łukasz", "Łukasza"),
        ("Adam", "Adama"),
        ("Grzegorz", "Grzegorza"),
    ],
    last: &[
        ("Kowalski", "Kowalskiego"),
        ("Wiśniewski", "Wiśniewskiego"),
        ("Wójcik", "Wójcika"),
        ("Kowalczyk", "Kowalczyka"),
        ("Kamiński", "Kamińskiego"),
        ("Lewandowski", "Lewandowskiego"),
        ("Zieliński", "Zielińskiego"),
        ("Szymański", "Szymańskiego"),
        ("Woźniak", "Woźniaka"),
        ("Dąbrowski", "Dąbrowskiego"),
        ("Kozłowski", "Kozłowskiego"),
        ("Jankowski", "Jankowskiego"),
        ("Mazur", "Mazura"),
        ("Kwiatkowski", "Kwiatkowskiego"),
        ("Krawczyk", "Krawczyka"),
        ("Piotrowski", "Piotrowskiego"),
        ("Grabowski", "Grabowskiego"),
        ("Nowakowski", "Nowakowskiego"),
        ("Pawłowski", "Pawłowskiego"),
        ("Michalski", "Michalskiego"),
    ],
    country_code: "48",
    mobile_prefix: "60",
    national_digits: 9,
    trunk_prefix: "",
    mention: &[
        "Klient {} złożył zamówienie nr 4471.",
        "Umowę podpisał {} w Krakowie.",
        "Dane kontaktowe: {}",
    ],
    inflected: &[
        "Reklamacja od {} wpłynęła wczoraj.",
        "Prosimy o telefon do {} jutro.",
    ],
    decoy: &[
        "Pan {} dzwonił w sprawie faktury.",
        "Spotkanie z panią {} o 9:15.",
    ],
    inflects: true,
};

const RU: Language = Language {
    first: &[
        ("Иван", "Ивана"),
        ("Сергей", "Сергея"),
        ("Алексей", "Алексея"),
        ("Дмитрий", "Дмитрия"),
        ("Андрей", "Андрея"),
        ("Михаил", "Михаила"),
        ("Николай", "Николая"),
        ("Павел", "Павла"),
        ("Владимир", "Владимира"),
        ("Олег", "Олега"),
    ],
    last: &[
        ("Петров", "Петрова"),
        ("Иванов", "Иванова"),
        ("Смирнов", "Смирнова"),
        ("Кузнецов", "Кузнецова"),
        ("Попов", "Попова"),
        ("Васильев", "Васильева"),
        ("Соколов", "Соколова"),
        ("Михайлов", "Михайлова"),
        ("Новиков", "Новикова"),
        ("Фёдоров", "Фёдорова"),
        ("Морозов", "Морозова"),
        ("Волков", "Волкова"),
        ("Алексеев", "Алексеева"),
        ("Лебедев", "Лебедева"),
        ("Семёнов", "Семёнова"),
        ("Егоров", "Егорова"),
        ("Павлов", "Павлова"),
        ("Козлов", "Козлова"),
        ("Степанов", "Степанова"),
        ("Николаев", "Николаева"),
    ],
    country_code: "7",
    mobile_prefix: "91",
    national_digits: 10,
    trunk_prefix: "8",
    mention: &[
        "Клиент {} оплатил счёт вчера.",
        "Договор подписал {} 5 марта.",
        "Контакт: {}",
    ],
    inflected: &["Письмо от {} пришло вчера.", "Позвоните {} завтра."],
    decoy: &[
        "Звонил господин {} по поводу счёта.",
        "Встреча с {} в 10:00.",
    ],
    inflects: true,
};

const FA: Language = Language {
    first: &[
        ("علی", "علی"),
        ("محمد", "محمد"),
        ("حسین", "حسین"),
        ("رضا", "رضا"),
        ("مهدی", "مهدی"),
        ("زهرا", "زهرا"),
        ("فاطمه", "فاطمه"),
        ("مریم", "مریم"),
        ("سارا", "سارا"),
        ("امیر", "امیر"),
    ],
    last: &[
        ("رضایی", "رضایی"),
        ("احمدی", "احمدی"),
        ("محمدی", "محمدی"),
        ("حسینی", "حسینی"),
        ("کریمی", "کریمی"),
        ("موسوی", "موسوی"),
        ("جعفری", "جعفری"),
        ("صادقی", "صادقی"),
        ("رحیمی", "رحیمی"),
        ("کاظمی", "کاظمی"),
        ("حیدری", "حیدری"),
        ("قاسمی", "قاسمی"),
        ("نوری", "نوری"),
        ("اکبری", "اکبری"),
        ("عباسی", "عباسی"),
        ("طاهری", "طاهری"),
        ("یوسفی", "یوسفی"),
        ("شریفی", "شریفی"),
        ("جلالی", "جلالی"),
        ("مرادی", "مرادی"),
    ],
    country_code: "98",
    mobile_prefix: "912",
    national_digits: 10,
    trunk_prefix: "0",
    mention: &[
        "مشتری {} دیروز تماس گرفت.",
        "قرارداد توسط {} امضا شد.",
        "تماس: {}",
    ],
    inflected: &[],
    decoy: &[
        "آقای {} درباره فاکتور تماس گرفت.",
        "جلسه با خانم {} ساعت ۱۰ است.",
    ],
    inflects: false,
};

const EN: Language = Language {
    first: &[
        ("James", "James"),
        ("Mary", "Mary"),
        ("John", "John"),
        ("Patricia", "Patricia"),
        ("Robert", "Robert"),
        ("Jennifer", "Jennifer"),
        ("Michael", "Michael"),
        ("Linda", "Linda"),
        ("William", "William"),
        ("Elizabeth", "Elizabeth"),
    ],
    last: &[
        ("Smith", "Smith"),
        ("Johnson", "Johnson"),
        ("Williams", "Williams"),
        ("Brown", "Brown"),
        ("Jones", "Jones"),
        ("Garcia", "Garcia"),
        ("Miller", "Miller"),
        ("Davis", "Davis"),
        ("Rodriguez", "Rodriguez"),
        ("Martinez", "Martinez"),
        ("Hernandez", "Hernandez"),
        ("Lopez", "Lopez"),
        ("Gonzalez", "Gonzalez"),
        ("Wilson", "Wilson"),
        ("Anderson", "Anderson"),
        ("Thomas", "Thomas"),
        ("Taylor", "Taylor"),
        ("Moore", "Moore"),
        ("Jackson", "Jackson"),
        ("Martin", "Martin"),
    ],
    country_code: "44",
    mobile_prefix: "7911",
    national_digits: 10,
    trunk_prefix: "0",
    mention: &[
        "Customer {} placed order 4471 yesterday.",
        "The contract was signed by {} on 5 March.",
        "Contact: {}",
    ],
    inflected: &[],
    decoy: &[
        "Mr {} called about invoice 2024/118.",
        "Meeting with Ms {} at 10:30.",
    ],
    inflects: false,
};

const LANGUAGES: [&Language; 5] = [&CS, &PL, &RU, &FA, &EN];

/// People who are not customers, for decoys.
const STRANGERS: &[&str] = &[
    "Karel Čapek",
    "Adam Mickiewicz",
    "Антон Чехов",
    "حافظ شیرازی",
    "Jane Austen",
    "Bohumil Hrabal",
    "Wisława Szymborska",
    "Лев Толстой",
    "سعدی شیرازی",
    "Charles Dickens",
];

/// One generated customer: what goes into the vault, and how the letters write it.
pub struct Person {
    pub data: CustomerData,
    first_genitive: &'static str,
    last_genitive: &'static str,
    language: usize,
    national_phone: String,
}

/// A line of a letter: its text, and the mention it carries, if any.
pub struct Line {
    pub text: String,
    pub mention: Option<Mention>,
}

pub struct Mention {
    /// Index of the customer in the generated list.
    pub person: usize,
    pub field: Field,
    pub inflected: bool,
    /// Bytes of the line before and after the mention.
    pub before: String,
    pub after: String,
}

/// `count` customers with distinct names (up to 1,000: every first/last pair of the
/// five languages), e-mails and valid mobile numbers.
pub fn customers(count: usize) -> Vec<Person> {
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let language = i % LANGUAGES.len();
        let lang = LANGUAGES[language];
        let pair = i / LANGUAGES.len();
        let (first, first_genitive) = lang.first[pair % lang.first.len()];
        let (last, last_genitive) = lang.last[(pair / lang.first.len()) % lang.last.len()];
        // Beyond 1,000 customers names repeat; a number keeps e-mails apart.
        let subscriber = format!(
            "{:0width$}",
            i,
            width = lang.national_digits - lang.mobile_prefix.len()
        );
        let national = format!("{}{subscriber}", lang.mobile_prefix);
        let e164 = format!("+{}{national}", lang.country_code);
        out.push(Person {
            data: CustomerData {
                name: format!("{first} {last}"),
                email: Some(format!("customer{i}@example.com")),
                phone: Some(e164),
                ..CustomerData::default()
            },
            first_genitive,
            last_genitive,
            language,
            national_phone: format!("{}{national}", lang.trunk_prefix),
        });
    }
    out
}

/// Groups of digits as people write them: `601 234 567`.
fn grouped(digits: &str, rng: &mut Rng) -> String {
    let separator = [" ", "-", " "][rng.below(3)];
    let mut out = String::new();
    let mut rest = digits;
    while rest.len() > 4 {
        let take = 3;
        out.push_str(&rest[..take]);
        out.push_str(separator);
        rest = &rest[take..];
    }
    out.push_str(rest);
    out
}

fn persian_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(0x06F0 + d).unwrap_or(c),
            None => c,
        })
        .collect()
}

/// Persian text as often typed on Arabic keyboards: ي for ی and ك for ک.
fn arabic_letters(text: &str) -> String {
    text.replace('ی', "ي").replace('ک', "ك")
}

/// Letters mentioning each of `people` in every exact form (full name, surname first,
/// initial and surname where that pair is unique, e-mail, international and national
/// phone), inflected where the language inflects, with decoy lines between.
pub fn letters(people: &[Person], seed: u64) -> Vec<Line> {
    let mut rng = Rng(seed.max(1));
    let mut initials = std::collections::HashMap::new();
    for p in people {
        let key = initial_form(&p.data.name);
        *initials.entry(key).or_insert(0usize) += 1;
    }
    let mut lines = Vec::new();
    for (index, p) in people.iter().enumerate() {
        let lang = LANGUAGES[p.language];
        let (first, last) = p.data.name.split_once(' ').unwrap_or((&p.data.name, ""));
        let phone = p.data.phone.clone().unwrap_or_default();
        let international = format!(
            "+{} {}",
            lang.country_code,
            grouped(&phone[1 + lang.country_code.len()..], &mut rng)
        );
        let national = grouped(&p.national_phone, &mut rng);
        let mut forms: Vec<(String, Field, bool)> = vec![
            (p.data.name.clone(), Field::Name, false),
            (format!("{last}, {first}"), Field::Name, false),
            (
                p.data.email.clone().unwrap_or_default(),
                Field::Email,
                false,
            ),
            (international, Field::Phone, false),
            (national.clone(), Field::Phone, false),
        ];
        if initials[&initial_form(&p.data.name)] == 1 {
            forms.push((initial_form(&p.data.name), Field::Name, false));
        }
        if p.language == 3 {
            forms.push((persian_digits(&national), Field::Phone, false));
            forms.push((arabic_letters(&p.data.name), Field::Name, false));
        }
        if lang.inflects {
            forms.push((
                format!("{} {}", p.first_genitive, p.last_genitive),
                Field::Name,
                true,
            ));
        }
        for (text, field, inflected) in forms {
            let templates = if inflected {
                lang.inflected
            } else {
                lang.mention
            };
            let template = templates[rng.below(templates.len())];
            let (before, after) = template.split_once("{}").unwrap_or((template, ""));
            lines.push(Line {
                text: format!("{before}{text}{after}"),
                mention: Some(Mention {
                    person: index,
                    field,
                    inflected,
                    before: before.to_owned(),
                    after: after.to_owned(),
                }),
            });
        }
        // Decoys: a stranger, the customer's surname alone, a number of nobody.
        let decoy = lang.decoy[rng.below(lang.decoy.len())];
        let stranger = STRANGERS[rng.below(STRANGERS.len())];
        lines.push(Line {
            text: decoy.replace("{}", stranger),
            mention: None,
        });
        lines.push(Line {
            text: decoy.replace("{}", last),
            mention: None,
        });
        lines.push(Line {
            text: format!(
                "Ref. {} / tel. +{} {}{} / stranger{index}@example.org",
                10_000 + rng.below(90_000),
                lang.country_code,
                lang.mobile_prefix,
                "9".repeat(lang.national_digits - lang.mobile_prefix.len())
            ),
            mention: None,
        });
    }
    // Mentions of one customer are spread through the text, not bunched.
    for i in (1..lines.len()).rev() {
        let j = rng.below(i + 1);
        lines.swap(i, j);
    }
    lines
}

/// "J. Novák" for "Jan Novák".
fn initial_form(name: &str) -> String {
    let (first, last) = name.split_once(' ').unwrap_or((name, ""));
    let initial: String = first.chars().take(1).collect();
    format!("{initial}. {last}")
}
