//! `sealbook completions`: shell completions generated from the clap definition.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};

pub fn run(args: &CompletionsArgs) {
    clap_complete::generate(
        args.shell,
        &mut Cli::command(),
        "sealbook",
        &mut std::io::stdout(),
    );
}
