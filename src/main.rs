//! The `sealbook` binary: parse the command line, run it, and turn the outcome into an
//! exit code. A closed pipe (`sealbook list | head`) is success.

use std::process::ExitCode;

use clap::Parser;
use sealbook::cli::Cli;
use sealbook::error::{Error, exit};

fn main() -> ExitCode {
    sealbook::process::harden();
    sealbook::process::handle_interrupts();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) {
                e.exit();
            }
            // One prefix for every error, clap's usage errors included.
            let text = e.render().to_string();
            eprint!("{}", text.replacen("error:", "sealbook: error:", 1));
            return ExitCode::from(exit::USAGE);
        }
    };
    let json = cli.global.json;
    match sealbook::cmd::run(cli) {
        Ok(()) => ExitCode::from(exit::OK),
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::from(exit::OK)
        }
        Err(error) if json => {
            // Scripts that asked for JSON get the error as JSON too, on stderr.
            let report = serde_json::json!({
                "error": {
                    "exit_code": error.exit_code(),
                    "message": error.to_string(),
                    "hint": error.hint(),
                }
            });
            eprintln!("{report}");
            ExitCode::from(error.exit_code())
        }
        Err(error) => {
            eprintln!("sealbook: error: {error}");
            if let Some(hint) = error.hint() {
                eprintln!("hint: {hint}");
            }
            ExitCode::from(error.exit_code())
        }
    }
}
