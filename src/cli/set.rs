//! `capra set FILE KEY VALUE...`: one input of the assessment or one report setting, checked as
//! loading checks the file (src/assessment/keys.rs).

use super::common::{Outcome, edit, open, outln};
use crate::assessment::change::Change;
use crate::assessment::keys;
use anyhow::{Result, anyhow, bail};
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
    let mut change = keys::set(&loaded.assessment, &loaded.model, &args.key, &args.values)
        .map_err(|e| anyhow!("{file}: {e}. Nothing was changed."))?;
    if keys::makes_final(&args.key, &args.values) {
        let a = &loaded.assessment;
        let profile = crate::profile::score(&loaded.model, a);
        let warnings = crate::check::check(&loaded.model, a, &profile);
        let open = crate::report::status::open_items(&loaded.model, a, &profile, &warnings);
        match (&args.force, open.is_empty()) {
            (_, true) => {}
            (Some(reason), false) if !reason.trim().is_empty() => {
                if let Change::SetReport(r) = &mut change {
                    r.final_override = reason.trim().to_string();
                    r.final_override_by = super::common::assessor_name(assessor, a);
                    r.final_override_date = crate::fsio::today();
                }
            }
            _ => bail!(
                "{file}: the report would still be a draft ({} open):\n  {}\nSettle them, or make it final anyway with --force REASON (the report prints the reason). Nothing was changed.",
                open.len(),
                open.join("\n  ")
            ),
        }
    } else if args.force.is_some() {
        bail!("{file}: --force is only for `report.status final`. Nothing was changed.");
    }
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
