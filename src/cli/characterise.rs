//! `capra characterise FILE PROCESS ITEM VALUE`: one outcome, achievement or practice (R1).

use super::common::{
    Outcome, RatingArg, assessor_name, edit, open, outln, parse_rating_arg, process_id,
};
use super::show;
use crate::assessment::RatingMethod;
use crate::assessment::change::{self, Change};
use crate::profile;
use anyhow::Result;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The assessment file.
    pub file: PathBuf,
    /// Process id, e.g. ISMS.CORE.3.
    pub process: String,
    /// Outcome, practice, information item, achievement or generic practice id.
    pub target: String,
    /// N, P-, P, P+, L-, L, L+, F, or none to remove.
    #[arg(value_parser = parse_rating_arg)]
    pub value: RatingArg,
    /// The instance characterised (default: the process as a whole).
    #[arg(long)]
    pub instance: Option<String>,
    /// A note on it.
    #[arg(long, allow_hyphen_values = true)]
    pub note: Option<String>,
}

/// The top-level entry point for `capra characterise`.
pub fn run(models: &[PathBuf], assessor: Option<&str>, args: Args) -> Result<Outcome> {
    let mut loaded = open(models, &args.file)?;
    let process = process_id(&loaded.model, &args.process)?;
    let record = args.value.0.map(|value| change::CharacterisationValue {
        value,
        assessor: assessor_name(assessor, &loaded.assessment),
        note: args.note.clone().unwrap_or_default(),
    });
    edit(
        &mut loaded,
        Change::Characterise {
            process: process.clone(),
            item: args.target.trim().to_string(),
            instance: args.instance.clone(),
            record,
        },
    )?;
    let what = match &args.instance {
        Some(i) => format!("{process} {} ({i})", args.target),
        None => format!("{process} {}", args.target),
    };
    outln!("{what}: {}", crate::rating::describe(args.value.0));
    let prof = profile::score(&loaded.model, &loaded.assessment);
    if let Some(ps) = prof.processes.iter().find(|p| p.id == process) {
        for a in &ps.attributes {
            if let Some(p) = &a.proposal {
                outln!(
                    "{} proposal: {} ({} of {} characterised); rating in use: {} ({})",
                    a.id,
                    crate::rating::describe(p.rating),
                    p.characterised,
                    p.items.len(),
                    crate::rating::describe(a.rating),
                    a.source.word()
                );
            }
        }
        outln!("{}", show::level_line(ps));
    }
    if loaded.assessment.assessment.rating_method != RatingMethod::R1 {
        outln!(
            "note: the assessment uses rating method {}; characterisations are kept as detail and propose ratings only under R1 (`capra method {} R1`).",
            loaded.assessment.assessment.rating_method,
            args.file.display()
        );
    }
    Ok(Outcome::Done)
}
