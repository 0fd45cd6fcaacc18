//! E-mail addresses in their practical form: Unicode letters and digits, dotted domains.

use unicode_normalization::UnicodeNormalization;

/// Why a string is not an e-mail address sealbook accepts.
pub const EMAIL_EXPECTED: &str = "expected an address like name@example.com";

fn local_part_ok(local: &str) -> bool {
    !local.is_empty()
        && local.chars().count() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "._%+-'".contains(c))
}

fn domain_ok(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    let Some(tld) = labels.last() else {
        return false;
    };
    labels.len() >= 2
        && domain.len() <= 253
        && tld.chars().count() >= 2
        && tld.chars().all(char::is_alphabetic)
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.chars().count() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
}

/// Returns true when `text` is a whole e-mail address.
pub fn is_email(text: &str) -> bool {
    match text.rsplit_once('@') {
        Some((local, domain)) => local_part_ok(local) && domain_ok(domain),
        None => false,
    }
}

/// The canonical form stored and indexed: trimmed, NFC, lower case. `None` when it is
/// not an e-mail address.
pub fn normalise_email(text: &str) -> Option<String> {
    let canonical: String = text.trim().nfc().flat_map(char::to_lowercase).collect();
    is_email(&canonical).then_some(canonical)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_practical_addresses() {
        assert_eq!(
            normalise_email(" Jan.Novak+x@Firma.CZ ").as_deref(),
            Some("jan.novak+x@firma.cz")
        );
        assert!(is_email("иван@почта.рф"));
        assert!(is_email("o'brien@example.ie"));
    }

    #[test]
    fn rejects_what_is_not_an_address() {
        for bad in [
            "user@localhost",
            "a@b.c",
            "no-at-sign",
            "@example.com",
            "a..b@example.com",
            "a@-x.com",
            "a b@example.com",
            "a@example.c0m",
        ] {
            assert!(normalise_email(bad).is_none(), "{bad}");
        }
    }
}
