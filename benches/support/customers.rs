//! Generated customers for the vault benchmarks: deterministic, in Czech, Polish,
//! Russian, Persian and English.

use std::collections::BTreeMap;

use sealbook::vault::CustomerData;

const FIRST: &[&str] = &[
    "Jan",
    "Eva",
    "Petr",
    "Anna",
    "Łukasz",
    "Zofia",
    "Иван",
    "Мария",
    "علی",
    "زهرا",
    "John",
    "Emma",
    "Tomáš",
    "Katarzyna",
    "Дмитрий",
    "محمد",
];
const LAST: &[&str] = &[
    "Novák",
    "Svoboda",
    "Kowalski",
    "Wiśniewska",
    "Иванов",
    "Петрова",
    "رضایی",
    "احمدی",
    "Smith",
    "Dvořák",
    "Nowak",
    "Смирнов",
    "Brown",
    "Černá",
    "Lewandowski",
    "کریمی",
];

/// A small deterministic generator, so every run benchmarks the same vault.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[usize::try_from(self.next() % items.len() as u64).unwrap()]
    }
}

/// Customer `i` of a generated vault: names in the five languages, most fields filled.
pub fn customer(rng: &mut Rng, i: usize) -> CustomerData {
    let first = rng.pick(FIRST);
    let last = rng.pick(LAST);
    let mut fields = BTreeMap::new();
    if i.is_multiple_of(3) {
        fields.insert(
            "vat".to_owned(),
            format!("CZ{:08}", rng.next() % 100_000_000),
        );
    }
    CustomerData {
        name: format!("{first} {last}"),
        email: Some(format!("customer{i}@example{}.com", i % 97)),
        phone: Some(format!("+48{}{:08}", 5 + i % 3, rng.next() % 100_000_000)),
        address: Some(format!(
            "Street {} no. {}, City {}",
            rng.next() % 500,
            i % 200,
            i % 50
        )),
        company: i
            .is_multiple_of(2)
            .then(|| format!("Company {} s.r.o.", i % 1000)),
        national_id: Some(format!("{:011}", rng.next() % 100_000_000_000)),
        account: Some(format!(
            "PL{:026}",
            u128::from(rng.next()) * 1_000_000 + i as u128
        )),
        notes: i
            .is_multiple_of(4)
            .then(|| "prefers to be called in the afternoon".to_owned()),
        tags: vec![["retail", "wholesale", "vip"][i % 3].to_owned()],
        fields,
        owner: Some(["Eva", "Petr", "Anna"][i % 3].to_owned()),
        retain_until: None,
        sealed_for_owner: Vec::new(),
    }
}
