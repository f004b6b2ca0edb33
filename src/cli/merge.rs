//! `capra merge FILE FILE... -o TEAM`: several assessors' files into one team assessment.

use super::common::{Outcome, labelled, load_many, outln, take_lock};
use crate::store;
use anyhow::{Result, bail};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The assessors' files, two or more.
    #[arg(required = true, num_args = 2..)]
    pub files: Vec<PathBuf>,
    /// The merged file.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: PathBuf,
    /// Title of the merged assessment (default: the first file's).
    #[arg(long)]
    pub title: Option<String>,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// The top-level entry point for `capra merge`.
pub fn run(models: &[PathBuf], args: Args) -> Result<Outcome> {
    let output = &args.output;
    crate::fsio::make_folder_for(output)?;
    let _lock = take_lock(output)?;
    if output.exists() && !args.force {
        bail!(
            "{} already exists: choose another name with -o, or replace it with --force",
            output.display()
        );
    }
    let loaded = load_many(models, &args.files)?;
    let items = labelled(&loaded);
    let model = &loaded[0].1.model;
    let title = args
        .title
        .unwrap_or_else(|| loaded[0].1.assessment.assessment.title.clone());
    let merged = crate::track::merge(model, &items, title)?;
    store::save(output, &merged.assessment)?;
    outln!(
        "Merged {} file(s) into {}: {} process(es), {} evidence item(s).",
        args.files.len(),
        output.display(),
        merged.assessment.processes.len(),
        merged.assessment.evidence.len()
    );
    for n in &merged.notes {
        outln!("note: {n}");
    }
    if merged.disagreements.is_empty() {
        outln!(
            "No disagreements: the proposed ratings are the aggregates of the assessors' ratings."
        );
        return Ok(Outcome::Done);
    }
    outln!(
        "{} disagreement(s), flagged for review (two or more steps apart, or N against F):",
        merged.disagreements.len()
    );
    for d in &merged.disagreements {
        let who: Vec<String> = d.ratings.iter().map(|(w, r)| format!("{w} {r}")).collect();
        outln!(
            "  {} {}{}: {}",
            d.process,
            d.attribute,
            d.instance
                .as_ref()
                .map(|i| format!(" ({i})"))
                .unwrap_or_default(),
            who.join(", ")
        );
    }
    outln!(
        "Agree each one in `capra assess {}` (o shows the flagged ones; rate, E for the rationale, r to mark reviewed).",
        output.display()
    );
    Ok(Outcome::Done)
}
