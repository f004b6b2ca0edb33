//! `capra assess FILE` and plain `capra`: the interview screen.

use super::common::Outcome;
use anyhow::Result;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The assessment file.
    pub file: PathBuf,
}

/// The top-level entry point for `capra assess`.
pub fn run(models: &[PathBuf], assessor: Option<&str>, args: Args) -> Result<Outcome> {
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        anyhow::bail!(
            "capra assess opens the interview screen, which needs a terminal: run it in one. From a script, use `capra score {}`, `capra rate`, `capra check` and the other commands",
            args.file.display()
        );
    }
    screen(models, assessor, Some(&args.file))
}

/// The top-level entry point for plain `capra`: the list of assessments on a terminal, the help
/// text elsewhere.
pub fn home(
    models: &[PathBuf],
    assessor: Option<&str>,
    cli: &mut clap::Command,
) -> Result<Outcome> {
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        return screen(models, assessor, None);
    }
    cli.print_help()?;
    println!();
    Ok(Outcome::Done)
}

fn screen(models: &[PathBuf], assessor: Option<&str>, file: Option<&Path>) -> Result<Outcome> {
    let assessor = assessor.map(str::trim).filter(|s| !s.is_empty());
    crate::tui::run(
        file.map(Path::to_path_buf),
        models,
        assessor.map(str::to_string),
    )?;
    Ok(Outcome::Done)
}
