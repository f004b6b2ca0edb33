//! `capra get FILE [KEY]`: the inputs of the assessment and the report settings, as `capra set`
//! names them.

use super::common::{Outcome, load, outln};
use crate::assessment::keys;
use anyhow::{Result, anyhow};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The assessment file.
    pub file: PathBuf,
    /// One key (`purpose`, `report.status`...): its value alone. Without it: every key, as
    /// `key = value`.
    pub key: Option<String>,
}

/// The top-level entry point for `capra get`.
pub fn run(models: &[PathBuf], args: Args) -> Result<Outcome> {
    let loaded = load(models, &args.file)?;
    match &args.key {
        Some(k) => {
            let v = keys::get(&loaded.assessment, k)
                .map_err(|e| anyhow!("{}: {e}", args.file.display()))?;
            outln!("{}", crate::text::printable(&v, true));
        }
        None => {
            for (k, v) in keys::get_all(&loaded.assessment) {
                outln!("{k} = {}", crate::text::printable(&v, true));
            }
        }
    }
    Ok(Outcome::Done)
}
