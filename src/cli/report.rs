//! `capra report FILE`: the PDF, the CSV files and the workbook.

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
    /// Path of an Excel workbook (.xlsx) with a sheet per CSV table and a heat map (not
    /// written by default).
    #[arg(long, value_name = "PATH")]
    pub xlsx: Option<PathBuf>,
    /// Replace existing files of the same names even when capra did not write them.
    #[arg(long)]
    pub force: bool,
    /// The final report: refused while a rating is not validated (flagged for review, when the
    /// assessment requires validation) or an override has no rationale.
    #[arg(long = "final")]
    pub final_: bool,
    /// Include the team's working notes (rating and action notes) in the PDF and the CSV, for
    /// the team's internal review; the PDF then says so on its front page. Never for the sponsor.
    #[arg(long, conflicts_with = "final_")]
    pub include_notes: bool,
}

/// The top-level entry point for `capra report`.
pub fn run(models: &[PathBuf], args: Args) -> Result<Outcome> {
    let loaded = load(models, &args.file)?;
    if args.final_ {
        let prof = crate::profile::score(&loaded.model, &loaded.assessment);
        let blockers = crate::check::final_blockers(&loaded.assessment, &prof);
        if !blockers.is_empty() {
            anyhow::bail!(
                "{}: not ready for a final report ({} to settle):\n  {}\nValidate the flagged ratings (r in the interview screen) and write the missing rationales (E, or capra rate --rationale); without --final the report is written as it stands.",
                args.file.display(),
                blockers.len(),
                blockers.join("\n  ")
            );
        }
    }
    let data = std::fs::read(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let (pdf, csv) = match (args.pdf, args.csv) {
        (None, None) if args.xlsx.is_none() => {
            let (p, c) = output::default_report_paths(&args.file);
            (Some(p), Some(c))
        }
        other => other,
    };
    let options = crate::report::Options {
        today: crate::fsio::today(),
        include_notes: args.include_notes,
        logo: match output::logo_for(&loaded.assessment, &args.file) {
            Ok(l) => l,
            Err(e) => {
                eprintln!(
                    "warning: report.logo: {}; the report is made without the logo",
                    crate::text::printable(&e, false)
                );
                None
            }
        },
        font: None,
        previous: {
            let p = output::previous_for(&loaded.model, &loaded.assessment, &args.file);
            if p.is_none() && !loaded.assessment.assessment.previous.trim().is_empty() {
                eprintln!(
                    "warning: {}: the previous assessment {} cannot be read as an assessment of the same model; the report has no trend",
                    args.file.display(),
                    crate::text::printable(&loaded.assessment.assessment.previous, false)
                );
            }
            p
        },
    };
    let written = output::write_reports_with(
        &loaded.model,
        &loaded.assessment,
        &args.file,
        &data,
        csv.as_deref(),
        pdf.as_deref(),
        args.xlsx.as_deref(),
        args.force,
        &options,
    )?;
    for p in &written.paths {
        outln!("wrote {}", p.display());
    }
    if let Some(font) = &written.font {
        eprintln!(
            "note: characters DejaVu Sans lacks are set in {}",
            crate::text::printable(font, false)
        );
    }
    if let Some(w) = crate::fonts::warning(&written.missing, &args.file) {
        eprintln!("{w}");
    }
    Ok(Outcome::Done)
}
