//! The inflected forms of Czech, Polish and Russian names: a customer written "Novák"
//! is also found as "Nováka", "Novákovi", "Nowakiem" or "Петровой".

use crate::privacy::normalize::fold;

/// One form of a name word, and whether it is inflected.
#[derive(Clone, Debug)]
pub(super) struct WordForm {
    pub text: String,
    pub inflected: bool,
}

/// Suffixes that Czech, Polish and Russian add to a surname or given name, by the
/// ending of the base form (folded: no accents). Base forms are checked from the most
/// specific ending to the least.
fn inflections(word: &str) -> Vec<String> {
    // `word` is folded, so the endings are compared folded too ("ский" folds to
    // "скии", "ová" to "ova"), and the forms made are folded as the text will be.
    let ends = |suffix: &str| {
        let suffix = fold(suffix);
        word.ends_with(&suffix) && word.len() > suffix.len() + 1
    };
    let stem = |cut: &str| &word[..word.len() - fold(cut).len()];
    let with = |base: &str, suffixes: &[&str]| -> Vec<String> {
        suffixes
            .iter()
            .map(|s| fold(&format!("{base}{s}")))
            .collect()
    };
    let last = word.chars().last().unwrap_or(' ');
    // Cyrillic.
    if ends("ский") || ends("цкий") {
        return with(stem("ий"), &["ого", "ому", "им", "ом"]);
    }
    if ends("ская") || ends("цкая") {
        return with(stem("ая"), &["ой", "ую"]);
    }
    if ends("ова") || ends("ева") || ends("ина") || ends("ына") {
        return with(stem("а"), &["ой", "у", "ою"]);
    }
    if ends("ов") || ends("ев") || ends("ин") || ends("ын") {
        return with(word, &["а", "у", "ым", "е"]);
    }
    if ('а'..='я').contains(&last) {
        let without_last = &word[..word.len() - last.len_utf8()];
        return match last {
            'а' | 'я' => with(without_last, &["ы", "и", "е", "у", "ой", "ю"]),
            // й and ь (й folds to и): Андрей → Андрея, Игорь → Игоря.
            'и' | 'ь' => with(without_last, &["я", "ю", "ем", "е"]),
            _ => with(word, &["а", "у", "ом", "е", "ем"]),
        };
    }
    if !last.is_ascii_alphabetic() {
        return Vec::new();
    }
    // Latin: Polish adjectival surnames, Czech adjectival, feminine and masculine.
    if ends("ski") || ends("cki") || ends("dzki") {
        return with(stem("i"), &["iego", "iemu", "im"]);
    }
    if ends("ska") || ends("cka") || ends("dzka") {
        return with(stem("a"), &["iej"]);
    }
    if ends("y") {
        // Czech adjectival (Novotný → folded "novotny").
        return with(stem("y"), &["eho", "emu", "ym"]);
    }
    if ends("a") {
        // Czech -ová and nouns in -a (Svoboda): Svobody, Svobodovi, Svobodou.
        return with(stem("a"), &["y", "e", "ou", "u", "ovi", "owi", "ej"]);
    }
    if ends("e") || ends("o") || ends("i") || ends("u") {
        return Vec::new();
    }
    // Consonant ending (Novák, Nowak, Dvořák, Jan).
    let mut out = with(
        word,
        &["a", "u", "e", "em", "iem", "ovi", "owi", "om", "ie"],
    );
    // A fleeting e drops before the ending: Marek → Marka, Němec → Němce, Pavel → Pavla.
    if ends("ek") || ends("ec") || ends("el") {
        let dropped = format!("{}{}", &word[..word.len() - 2], &word[word.len() - 1..]);
        out.extend(with(&dropped, &["a", "u", "e", "em", "ovi", "owi", "iem"]));
    }
    out
}

pub(super) fn forms(word: &str) -> Vec<WordForm> {
    let mut out = vec![WordForm {
        text: word.to_owned(),
        inflected: false,
    }];
    out.extend(inflections(word).into_iter().map(|text| WordForm {
        text,
        inflected: true,
    }));
    out
}

/// The base form of a word and its inflected forms, as text.
pub(super) fn forms_of(word: &str) -> impl Iterator<Item = String> {
    std::iter::once(word.to_owned()).chain(inflections(word))
}
