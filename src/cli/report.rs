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

/// The help's examples and every file `capra report` writes, named from the lists the writers
/// use, so that the help cannot forget one.
pub fn after_help() -> String {
    let csv = crate::report::csv::NAMES;
    let (last, rest) = csv.split_last().map_or(("", &csv[..0]), |(l, r)| (*l, r));
    format!(
        "Examples:\n  capra report assessments/northwind-2026.toml            # PDF and CSV, beside the file\n  capra report a.toml --pdf out/report.pdf --csv out/csv\n  capra report a.toml --csv out/csv                      # CSV only\n  capra report a.toml --xlsx out/report.xlsx             # the Excel workbook only\nFiles written:\n  NAME-report.pdf (or --pdf PATH): the PDF report\n  NAME-csv/ (or --csv DIR): {} and {last}, and {} (the list of the files capra wrote there, with their sha256)\n  --xlsx PATH: the workbook, one sheet per CSV file and a heat map (only when asked)\nNAME is the assessment file's name without .toml (docs/reports.md). Working notes stay out unless --include-notes. With report.status final while items are open and no reason recorded, nothing is written.",
        rest.join(", "),
        crate::output::MANIFEST
    )
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
    refuse_dishonest_final(&loaded, &args.file)?;
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

/// Refuses a report whose status is final while items are still open and no reason for making
/// it final anyway is recorded ([`crate::report::status::final_refused`]). Nothing is written.
fn refuse_dishonest_final(loaded: &crate::store::Loaded, file: &std::path::Path) -> Result<()> {
    if let Some(open) = crate::report::status::final_refused(&loaded.model, &loaded.assessment) {
        let f = file.display();
        anyhow::bail!(
            "{f}: report.status is final, but {} item(s) are still open and no reason for a final report is recorded:\n  {}\nSettle them and run capra report again; or make the report final anyway, with the reason printed in it: capra set {f} report.status final --force REASON; or make it a draft again: capra set {f} report.status draft. Nothing was written.",
            open.len(),
            open.join("\n  ")
        );
    }
    Ok(())
}
