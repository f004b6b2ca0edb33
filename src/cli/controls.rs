//! `capra controls FILE [--soa SOA.csv]`: readiness per Annex A control of ISO/IEC 27001 (the
//! model's `[[controls]]`), from the capability of the processes each depends on. With a
//! Statement of Applicability (given, else the one stored in the assessment), excluded controls
//! are left out and the applicable ones at risk come first.

use super::clauses::{Format, print};
use super::common::{Outcome, load};
use anyhow::Result;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The assessment file.
    pub file: PathBuf,
    /// A Statement of Applicability (CSV) to use instead of the one stored in the assessment.
    #[arg(long, value_name = "SOA.csv")]
    pub soa: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// The top-level entry point for `capra controls`.
pub fn run(models: &[PathBuf], args: Args) -> Result<Outcome> {
    let loaded = load(models, &args.file)?;
    if loaded.model.processes.controls.is_empty() {
        anyhow::bail!(
            "model {} has no control catalogue ([[controls]]): see docs/models.md",
            loaded.model.id()
        );
    }
    let soa = match &args.soa {
        Some(path) => super::soa::read(&loaded.model, path)?,
        None => loaded.assessment.soa.clone(),
    };
    let prof = crate::profile::score(&loaded.model, &loaded.assessment);
    let r = crate::iso27001::controls(&loaded.model, &prof, &soa);
    print(
        &r,
        &crate::report::csv::Stamp::of(&loaded.assessment),
        args.format,
        "control",
    )
}
