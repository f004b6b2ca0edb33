//! `capra completions SHELL`: shell completion scripts.

use super::common::Outcome;
use anyhow::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell.
    pub shell: clap_complete::Shell,
}

/// The top-level entry point for `capra completions`.
pub fn run(args: Args, cli: &mut clap::Command) -> Result<Outcome> {
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, cli, "capra", &mut buf);
    std::io::Write::write_all(&mut std::io::stdout().lock(), &buf)?;
    Ok(Outcome::Done)
}
