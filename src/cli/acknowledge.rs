//! `capra acknowledge FILE WARNING --why TEXT`: accept a consistency warning, or withdraw that.

use super::common::{Outcome, assessor_name, edit, open, outln};
use crate::assessment::Acknowledgement;
use crate::assessment::change::Change;
use crate::located::Id;
use crate::profile;
use anyhow::{Result, bail};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The assessment file.
    pub file: PathBuf,
    /// The warning id, as `capra check` prints it.
    pub warning: String,
    /// Why the warning is accepted (recorded, and printed in the report).
    #[arg(long, required_unless_present = "withdraw")]
    pub why: Option<String>,
    /// Withdraw the acknowledgement.
    #[arg(long, conflicts_with = "why")]
    pub withdraw: bool,
}

/// The top-level entry point for `capra acknowledge`.
pub fn run(models: &[PathBuf], assessor: Option<&str>, args: Args) -> Result<Outcome> {
    let file = &args.file;
    let warning = args.warning.as_str();
    let mut loaded = open(models, file)?;
    if args.withdraw {
        edit(&mut loaded, Change::Unacknowledge(warning.to_string()))?;
        outln!("{warning}: acknowledgement withdrawn");
        return Ok(Outcome::Done);
    }
    let prof = profile::score(&loaded.model, &loaded.assessment);
    let warnings = crate::check::check(&loaded.model, &loaded.assessment, &prof);
    if !warnings.iter().any(|w| w.id() == warning) {
        let ids: Vec<String> = warnings.iter().map(|w| w.id()).collect();
        bail!(
            "{}: there is no warning {warning} (run `capra check {}`; current ids: {})",
            file.display(),
            file.display(),
            if ids.is_empty() {
                "none".to_string()
            } else {
                ids.join(", ")
            }
        );
    }
    let by = assessor_name(assessor, &loaded.assessment);
    edit(
        &mut loaded,
        Change::Acknowledge(Acknowledgement {
            warning: Id::from(warning),
            justification: args.why.unwrap_or_default().trim().to_string(),
            by,
            date: crate::fsio::today(),
        }),
    )?;
    outln!("{warning}: acknowledged");
    Ok(Outcome::Done)
}
