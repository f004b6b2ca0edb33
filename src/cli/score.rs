//! `capra score FILE`: levels, gaps to target, and what stops the next level.

use super::common::{Format, Outcome, load, out, outln};
use super::show;
use crate::profile;
use anyhow::Result;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The assessment file.
    pub file: PathBuf,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// The top-level entry point for `capra score`.
pub fn run(models: &[PathBuf], args: Args) -> Result<Outcome> {
    let loaded = load(models, &args.file)?;
    let prof = profile::score(&loaded.model, &loaded.assessment);
    match args.format {
        Format::Json => outln!("{}", serde_json::to_string_pretty(&prof)?),
        Format::Table => out!("{}", show::score_table(&prof, &loaded.model)),
    }
    Ok(Outcome::Done)
}
