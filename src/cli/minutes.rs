//! `capra minutes FILE I-001 [--pdf PATH]`: the minutes of an interview, for the interviewee to
//! validate (never the assessors' private notes).

use super::common::print_json;
use super::common::{Outcome, load, out};
use anyhow::{Result, anyhow};
use clap::ValueEnum;
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The assessment file.
    pub file: PathBuf,
    /// The interview, e.g. I-001.
    pub interview: String,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Also write them as a PDF.
    #[arg(long, value_name = "PATH")]
    pub pdf: Option<PathBuf>,
    /// With --pdf: replace an existing file even when capra did not write it.
    #[arg(long, requires = "pdf")]
    pub force: bool,
}

/// The top-level entry point for `capra minutes`.
pub fn run(models: &[PathBuf], args: Args) -> Result<Outcome> {
    let loaded = load(models, &args.file)?;
    let a = &loaded.assessment;
    let id = super::interview::find(a, &args.file, &args.interview)?
        .id
        .to_string();
    let m = crate::report::minutes::minutes(&loaded.model, a, &id)
        .ok_or_else(|| anyhow!("{}: there is no interview {id}", args.file.display()))?;
    match args.format {
        Format::Json => print_json(None, &m)?,
        Format::Text => out!("{}", crate::text::printable(&m.text(), true)),
    }
    if let Some(path) = args.pdf {
        let bytes = crate::report::pdf::render_minutes(&m)?;
        crate::output::write_pdf(&path, &bytes, &[args.file.as_path()], args.force)?;
        eprintln!("wrote {}", path.display());
    }
    Ok(Outcome::Done)
}
