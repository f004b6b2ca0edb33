//! `capra compare FILE FILE...`: assessments over time, as a table, JSON, CSV or a trend PDF.

use super::common::print_json;
use super::common::{Outcome, labelled, load_many, out};
use super::show;
use anyhow::Result;
use clap::ValueEnum;
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Csv,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The assessment files, two or more.
    #[arg(required = true, num_args = 2..)]
    pub files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Also write a trend report as PDF.
    #[arg(long, value_name = "PATH")]
    pub pdf: Option<PathBuf>,
    /// With --pdf: replace an existing file even when capra did not write it.
    #[arg(long, requires = "pdf")]
    pub force: bool,
}

/// The top-level entry point for `capra compare`.
pub fn run(models: &[PathBuf], args: Args) -> Result<Outcome> {
    let loaded = load_many(models, &args.files)?;
    let items = labelled(&loaded);
    // The newest model the files name is used to score all of them.
    let model = &loaded[loaded.len() - 1].1.model;
    let cmp = crate::track::compare(model, &items)?;
    match args.format {
        Format::Json => print_json(None, &cmp)?,
        Format::Csv => std::io::Write::write_all(
            &mut std::io::stdout().lock(),
            &crate::report::csv::trend(&cmp),
        )?,
        Format::Table => out!("{}", show::compare_text(&cmp)),
    }
    if let Some(path) = args.pdf {
        let bytes = crate::report::pdf::render_trend(&cmp)?;
        let inputs: Vec<&std::path::Path> = args.files.iter().map(PathBuf::as_path).collect();
        crate::output::write_pdf(&path, &bytes, &inputs, args.force)?;
        eprintln!("wrote {}", path.display());
    }
    Ok(Outcome::Done)
}
