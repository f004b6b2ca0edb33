//! `capra target FILE LEVEL [PROCESS...]`: target capability levels.

use super::common::{Outcome, edit, open, outln, process_id};
use crate::assessment::change::Change;
use anyhow::Result;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The assessment file.
    pub file: PathBuf,
    /// The target level, 0-5.
    pub level: u8,
    /// Processes (default: every process in scope).
    pub processes: Vec<String>,
}

/// The top-level entry point for `capra target`.
pub fn run(models: &[PathBuf], args: Args) -> Result<Outcome> {
    let mut loaded = open(models, &args.file)?;
    let ids: Vec<String> = if args.processes.is_empty() {
        loaded
            .assessment
            .processes
            .iter()
            .map(|p| p.id.to_string())
            .collect()
    } else {
        args.processes
            .iter()
            .map(|p| process_id(&loaded.model, p))
            .collect::<Result<_>>()?
    };
    let changes = ids
        .iter()
        .map(|p| Change::SetTarget {
            process: p.clone(),
            target: args.level,
        })
        .collect();
    edit(&mut loaded, Change::Batch(changes))?;
    outln!(
        "Target level {} set for {} process(es).",
        args.level,
        ids.len()
    );
    Ok(Outcome::Done)
}
