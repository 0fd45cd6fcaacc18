//! `sealbook man`: the man page generated from the clap definition.

use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::{Error, Result};

/// The roff source of `sealbook(1)`.
pub fn render() -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    Ok(out)
}

pub fn run() -> Result<()> {
    let page = render().map_err(|e| Error::io("rendering the man page", e))?;
    std::io::Write::write_all(&mut std::io::stdout().lock(), &page)
        .map_err(|e| Error::io("writing the man page", e))
}
