//! Numbering plans for the detectors' hot path: each region's number patterns, read once
//! from the phone number library's metadata into lock-free regular expressions.
//!
//! The library's own validation shares one mutex-guarded cache of 100 compiled
//! expressions among every thread and region, and holds the lock while it matches. With
//! seven regions in scope, redaction recompiled patterns for most numbers and ran one
//! thread at a time (measured: 20 MB/s with one worker or two). A number is valid here
//! exactly when its national significant number has a possible length of its region and
//! matches one of the region's number types, which is how the library decides.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock, RwLock};

use phonenumber::metadata::DATABASE;

/// One region's numbering plan.
pub struct Plan {
    national_prefix: Option<String>,
    lengths: Vec<usize>,
    types: regex::RegexSet,
}

impl Plan {
    fn build(meta: &phonenumber::Metadata) -> Option<Plan> {
        let types = meta.descriptors();
        let descriptors = [
            types.fixed_line(),
            types.mobile(),
            types.toll_free(),
            types.premium_rate(),
            types.shared_cost(),
            types.personal_number(),
            types.voip(),
            types.pager(),
            types.uan(),
            types.voicemail(),
        ];
        let descriptors: Vec<&phonenumber::metadata::Descriptor> =
            descriptors.into_iter().flatten().collect();
        let patterns: Vec<String> = descriptors
            .iter()
            .map(|d| format!("^(?:{})$", d.national_number().as_str()))
            .collect();
        // Lengths are given per number type (the general description often has none).
        let mut lengths: Vec<usize> = descriptors
            .iter()
            .chain([&types.general()])
            .flat_map(|d| d.possible_length().iter().map(|&n| usize::from(n)))
            .collect();
        lengths.sort_unstable();
        lengths.dedup();
        // The library's patterns are written to be read ignoring whitespace.
        let set = regex::RegexSetBuilder::new(patterns)
            .ignore_whitespace(true)
            // ASCII digits only: the plans are matched against ASCII digits, and the
            // Unicode classes of `\d` cost most of the time to build them.
            .unicode(false)
            .build()
            .ok()?;
        Some(Plan {
            national_prefix: meta.national_prefix().map(str::to_owned),
            lengths,
            types: set,
        })
    }

    /// True for a national significant number (no trunk prefix) of this plan.
    fn has(&self, number: &str) -> bool {
        (self.lengths.is_empty() || self.lengths.contains(&number.len()))
            && self.types.is_match(number)
    }

    /// True for digits written as a national number of this region, with or without
    /// its trunk prefix ("0", "8").
    pub fn national(&self, digits: &str) -> bool {
        self.has(digits)
            || self
                .national_prefix
                .as_deref()
                .and_then(|prefix| digits.strip_prefix(prefix))
                .is_some_and(|rest| self.has(rest))
    }
}

type Plans = RwLock<HashMap<String, Option<Arc<Plan>>>>;

fn plans() -> &'static Plans {
    static PLANS: OnceLock<Plans> = OnceLock::new();
    PLANS.get_or_init(Plans::default)
}

thread_local! {
    /// Each thread's copy of the plans it has used, by region and by country code: the
    /// shared map is read once per thread and plan, never per number.
    static BY_REGION: RefCell<Vec<(String, Option<Arc<Plan>>)>> = RefCell::default();
    static BY_CODE: RefCell<HashMap<u16, Vec<Arc<Plan>>>> = RefCell::default();
}

fn build_shared(id: &str) -> Option<Arc<Plan>> {
    if let Some(plan) = plans().read().ok()?.get(id) {
        return plan.clone();
    }
    let plan = DATABASE.by_id(id).and_then(Plan::build).map(Arc::new);
    plans().write().ok()?.insert(id.to_owned(), plan.clone());
    plan
}

/// The plan of region `id` ("CZ"), built the first time any thread asks for it.
pub fn of_region(id: &str) -> Option<Arc<Plan>> {
    // A short list, scanned: a thread uses a handful of regions.
    BY_REGION.with_borrow_mut(|mine| {
        if let Some((_, plan)) = mine.iter().find(|(region, _)| region == id) {
            return plan.clone();
        }
        let plan = build_shared(id);
        mine.push((id.to_owned(), plan.clone()));
        plan
    })
}

/// The plans of the regions that share country code `code`.
fn of_code(code: u16, use_plans: impl FnOnce(&[Arc<Plan>]) -> bool) -> bool {
    BY_CODE.with_borrow_mut(|mine| {
        let plans = mine.entry(code).or_insert_with(|| {
            DATABASE
                .region(&code)
                .unwrap_or_default()
                .iter()
                .filter_map(|id| build_shared(id))
                .collect()
        });
        use_plans(plans)
    })
}

/// True for the digits after a `+`: a country code (one to three digits) and a number
/// of one of the regions that share it.
pub fn international(digits: &str) -> bool {
    (1..=3).any(|len| {
        let Some(code) = digits.get(..len).and_then(|c| c.parse::<u16>().ok()) else {
            return false;
        };
        let rest = &digits[len..];
        of_code(code, |plans| plans.iter().any(|plan| plan.has(rest)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plans agree with the library on numbers of every kind the detectors see.
    #[test]
    fn plans_agree_with_the_library() {
        for (region, digits) in [
            ("CZ", "776944657"),
            ("CZ", "212345678"),
            ("PL", "855746276"),
            ("PL", "601234567"),
            ("RU", "89853741238"),
            ("IR", "09123456789"),
            ("GB", "07867493060"),
            ("US", "7136941699"),
            ("CZ", "076944657"),
            ("PL", "123"),
            ("GB", "07867"),
        ] {
            let plan = of_region(region).unwrap_or_else(|| unreachable!("{region} has a plan"));
            assert_eq!(
                plan.national(digits),
                crate::privacy::phone::is_valid(
                    digits,
                    crate::privacy::phone::Region::parse(region)
                ),
                "{region} {digits}"
            );
        }
        assert!(international("420776944657"));
        assert!(international("989123456789"));
        assert!(!international("4207769446"));
    }
}
