//! `capra report FILE`: the PDF and the CSV files.

use super::common::{Outcome, load, outln};
use crate::output;
use anyhow::{Context, Result};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The assessment file.
    pub file: PathBuf,
    /// Folder for the CSV files (default with no option: NAME-csv beside the file).
    #[arg(long, value_name = "DIR")]
    pub csv: Option<PathBuf>,
    /// Path of the PDF (default with no option: NAME-report.pdf beside the file).
    #[arg(long, value_name = "PATH")]
    pub pdf: Option<PathBuf>,
    /// Replace existing files of the same names even when capra did not write them.
    #[arg(long)]
    pub force: bool,
}

/// The top-level entry point for `capra report`.
pub fn run(models: &[PathBuf], args: Args) -> Result<Outcome> {
    let loaded = load(models, &args.file)?;
    let data = std::fs::read(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let (pdf, csv) = match (args.pdf, args.csv) {
        (None, None) => {
            let (p, c) = output::default_report_paths(&args.file);
            (Some(p), Some(c))
        }
        other => other,
    };
    let written = output::write_reports(
        &loaded.model,
        &loaded.assessment,
        &args.file,
        &data,
        csv.as_deref(),
        pdf.as_deref(),
        args.force,
    )?;
    for p in written {
        outln!("wrote {}", p.display());
    }
    Ok(Outcome::Done)
}
