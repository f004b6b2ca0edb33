//! `capra set FILE KEY VALUE...`: one input of the assessment or one report setting, checked as
//! loading checks the file (src/assessment/keys.rs).

use super::common::{Outcome, edit, open, outln};
use crate::assessment::keys;
use crate::report::status::{self, Refused};
use anyhow::{Result, anyhow};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The assessment file.
    pub file: PathBuf,
    /// The key, as named in the file: `purpose`, `class`, `report.organisation`... (`capra get
    /// FILE` lists them).
    pub key: String,
    /// The value; several (or one with commas) for a list such as `report.distribution`; one
    /// empty value ("") removes an optional key.
    #[arg(required = true, num_args = 1..)]
    pub values: Vec<String>,
    /// With `report.status final` while something is still open: make it final anyway, and
    /// record REASON (`report.final_override`) with who (`--assessor`, else the lead assessor)
    /// and the day, which the report prints.
    #[arg(long, value_name = "REASON")]
    pub force: Option<String>,
}

/// The top-level entry point for `capra set`.
pub fn run(models: &[PathBuf], assessor: Option<&str>, args: Args) -> Result<Outcome> {
    let mut loaded = open(models, &args.file)?;
    let file = args.file.display().to_string();
    let by = super::common::assessor_name(assessor, &loaded.assessment);
    let today = crate::fsio::today();
    let force = args.force.as_deref().map(|reason| status::FinalOverride {
        reason,
        by: &by,
        date: &today,
    });
    let change = status::set_key(
        &loaded.model,
        &loaded.assessment,
        &args.key,
        &args.values,
        force,
    )
    .map_err(|e| match e {
        Refused::Invalid(e) => anyhow!("{file}: {e}. Nothing was changed."),
        Refused::StillOpen(open) => anyhow!(
            "{file}: the report would still be a draft ({} open):\n  {}\nSettle them, or make it final anyway with --force REASON (the report prints the reason). Nothing was changed.",
            open.len(),
            open.join("\n  ")
        ),
        Refused::ForceNotFinal => {
            anyhow!("{file}: --force is only for `report.status final`. Nothing was changed.")
        }
    })?;
    edit(&mut loaded, change)?;
    let value = keys::get(&loaded.assessment, &args.key).unwrap_or_default();
    let name = keys::find(&args.key).map_or(args.key.as_str(), |k| k.name);
    if value.is_empty() {
        outln!("{name} removed.");
    } else {
        outln!("{name} = {value}");
    }
    Ok(Outcome::Done)
}
