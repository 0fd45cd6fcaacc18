//! `sealbook redact`: remove personal data from files, a directory tree or standard
//! input, before they are archived or shared. Needs no vault.

use crate::cli::RedactArgs;
use crate::cmd::Context;
use crate::error::{Error, Result};
use crate::files::{self, FileJob};
use crate::output;
use crate::privacy::code_token::{DEFAULT_TOKEN, Pseudonymiser, TokenFormat};
use crate::privacy::known::KnownMatcher;
use crate::privacy::phone::Region;
use crate::privacy::rewrite::Rewriter;
use crate::privacy::{Detectors, Kind};
use crate::vault::Role;

fn kinds(args: &RedactArgs) -> Result<Vec<Kind>> {
    let parse = |names: &[String]| -> Result<Vec<Kind>> {
        names
            .iter()
            .map(|n| {
                Kind::parse(n).ok_or_else(|| Error::InvalidArgument {
                    argument: "--only / --skip".into(),
                    reason: format!(
                        "unknown kind '{}'; known: {}",
                        output::sanitize(n),
                        Kind::ALL.map(Kind::name).join(", ")
                    ),
                })
            })
            .collect()
    };
    let only = parse(&args.only)?;
    let skip = parse(&args.skip)?;
    let chosen: Vec<Kind> = Kind::ALL
        .into_iter()
        .filter(|k| only.is_empty() || only.contains(k))
        .filter(|k| !skip.contains(k))
        .collect();
    if chosen.is_empty() {
        return Err(Error::InvalidArgument {
            argument: "--only / --skip".into(),
            reason: "no kind of data is left to look for".into(),
        });
    }
    Ok(chosen)
}

pub fn run(cx: &Context, args: &RedactArgs) -> Result<()> {
    let detectors = Detectors::new(kinds(args)?, cx.region()?).in_regions(regions(args)?);
    let job = FileJob {
        inputs: &args.inputs,
        output: args.output.as_deref(),
        in_place: args.in_place,
        check: args.check,
        report: args.report.as_deref(),
        recheck: None,
        force: args.force,
        skip_unsupported: args.skip_unsupported,
    };
    let mut rewriter = Rewriter {
        detectors,
        extra: None,
        style: args.style,
        json: false,
        positions: args.report.is_some(),
    };
    let mut vault = None;
    if args.known_customers {
        let mut unlocked = cx.unlock()?;
        unlocked.require(
            &[Role::Owner, Role::Manager],
            "redact known customers, which needs every customer",
        )?;
        let customers = unlocked.known_customers()?;
        rewriter.extra = Some(std::sync::Arc::new(Pseudonymiser {
            matcher: KnownMatcher::new(&customers),
            format: TokenFormat::new(DEFAULT_TOKEN).map_err(|reason| Error::InvalidArgument {
                argument: "token".into(),
                reason,
            })?,
        }));
        unlocked.set_command("redact");
        vault = Some(unlocked);
    }
    let outcomes = files::process(&job, &rewriter)?;
    if let Some(vault) = &mut vault {
        let (read, total) = files::totals(&outcomes);
        let event = crate::audit::Event::new("redact")
            .count("files", read)
            .count("replacements", total)
            .count("known_customers", 1);
        vault.record(event)?;
    }
    files::finish(cx.global.quiet, cx.global.json, &job, &outcomes)
}

/// The regions `--regions` puts in scope; an unknown code is an error naming it.
fn regions(args: &RedactArgs) -> Result<Vec<Region>> {
    args.regions
        .iter()
        .filter(|code| !code.trim().is_empty())
        .map(|code| {
            Region::parse(code).ok_or_else(|| Error::InvalidArgument {
                argument: "--regions".into(),
                reason: format!(
                    "'{}' is not a known two-letter country code (e.g. PL, CZ, RU, IR, GB, US)",
                    crate::output::sanitize(code)
                ),
            })
        })
        .collect()
}
