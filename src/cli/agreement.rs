//! `capra agreement FILE FILE...`: how far assessors agree.

use super::common::print_json;
use super::common::{Format, Outcome, labelled, load_many, out};
use super::show;
use anyhow::Result;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The assessors' files, two or more.
    #[arg(required = true, num_args = 2..)]
    pub files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// The top-level entry point for `capra agreement`.
pub fn run(models: &[PathBuf], args: Args) -> Result<Outcome> {
    let loaded = load_many(models, &args.files)?;
    let items = labelled(&loaded);
    let rep = crate::track::agreement_report(&loaded[0].1.model, &items)?;
    match args.format {
        Format::Json => print_json(None, &rep)?,
        Format::Table => out!("{}", show::agreement_text(&rep)),
    }
    Ok(Outcome::Done)
}
