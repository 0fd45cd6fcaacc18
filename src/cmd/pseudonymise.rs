//! `sealbook pseudonymise`: replace the vault's customers in files with tokens naming
//! their codes, or (`--reverse`) put the current values back.

use std::sync::Arc;
use std::time::Instant;

use crate::audit::Event;
use crate::cli::PseudonymiseArgs;
use crate::cmd::Context;
use crate::error::{Error, Result};
use crate::files::{self, FileJob};
use crate::output;
use crate::privacy::code_token::{Pseudonymiser, Reverser, TokenFormat};
use crate::privacy::known::KnownMatcher;
use crate::privacy::rewrite::{Rewriter, Style};
use crate::privacy::{Detectors, Kind};
use crate::vault::Role;

pub fn run(cx: &Context, args: &PseudonymiseArgs) -> Result<()> {
    let format = TokenFormat::new(&args.token).map_err(|reason| Error::InvalidArgument {
        argument: "--token".into(),
        reason,
    })?;
    let mut vault = cx.unlock()?;
    vault.require(
        &[Role::Owner, Role::Manager],
        "pseudonymise files against every customer",
    )?;
    let started = Instant::now();
    let mut rewriter = Rewriter {
        detectors: Detectors::new(Vec::new(), None),
        extra: None,
        style: Style::Substitute,
        json: false,
        positions: args.report.is_some(),
    };
    let job = FileJob {
        inputs: &args.inputs,
        output: args.output.as_deref(),
        in_place: args.in_place,
        check: false,
        report: args.report.as_deref(),
        recheck: None,
        force: args.force,
        skip_unsupported: args.skip_unsupported,
    };

    if args.reverse {
        let reverser = Arc::new(Reverser::new(format, vault.token_values()?));
        rewriter.extra = Some(reverser);
        // Recorded before any value is written out: a reveal the log does not know of
        // must not happen, even when a later file fails.
        vault.record(Event::new(cx.command).count("inputs", args.inputs.len() as u64))?;
        let outcomes = files::process(&job, &rewriter)?;
        let count = |kind: Kind| -> u64 {
            outcomes
                .iter()
                .filter_map(|o| o.report.as_ref())
                .filter_map(|r| r.counts.get(&kind))
                .sum()
        };
        if count(Kind::UnknownToken) > 0 {
            let unknown = count(Kind::UnknownToken);
            output::warning(&format!(
                "{} a customer or field the vault no longer holds (erased or cleared); \
                 {} left as {}",
                output::count(unknown, "token names", "tokens name"),
                if unknown == 1 { "it was" } else { "they were" },
                if unknown == 1 { "it is" } else { "they are" },
            ));
        }
        return files::finish(cx.global.quiet, cx.global.json, &job, &outcomes);
    }

    let matcher = KnownMatcher::new(&vault.known_customers()?);
    if matcher.is_empty() {
        output::warning("the vault holds no customers, so there is nothing to replace");
    }
    let pseudonymiser = Arc::new(Pseudonymiser { matcher, format });
    rewriter.extra = Some(pseudonymiser.clone());
    // The check after rewriting counts what the same matcher still finds.
    let rechecker = Rewriter {
        style: Style::Label,
        positions: false,
        ..rewriter.clone()
    };
    let job = FileJob {
        recheck: Some(&rechecker),
        ..job
    };
    if !cx.global.quiet && started.elapsed().as_secs() >= 1 {
        output::status(
            false,
            &format!(
                "Indexed {} customers in {:.1} s.",
                pseudonymiser.matcher.len(),
                started.elapsed().as_secs_f64()
            ),
        );
    }
    let outcomes = files::process(&job, &rewriter)?;
    let (read, replaced) = files::totals(&outcomes);
    vault.record(
        Event::new(cx.command)
            .count("files", read)
            .count("replacements", replaced),
    )?;
    files::finish(cx.global.quiet, cx.global.json, &job, &outcomes)
}
