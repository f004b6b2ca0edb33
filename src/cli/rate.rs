//! `capra rate FILE PROCESS ATTRIBUTE RATING`: one attribute rating, with its note, confidence,
//! evidence and rationale.

use super::common::{
    ConfidenceArg, Outcome, RatingArg, attribute_id, edit, open, outln, parse_confidence,
    parse_rating_arg, process_id, recorder,
};
use super::show;
use crate::assessment::RatingMethod;
use crate::assessment::change::{Change, Field, Slot};
use crate::profile;
use anyhow::{Result, bail};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The assessment file.
    pub file: PathBuf,
    /// Process id, e.g. ISMS.CORE.3.
    pub process: String,
    /// Process attribute, e.g. PA2.1.
    pub attribute: String,
    /// N, P-, P, P+, L-, L, L+, F, or none to clear the rating.
    #[arg(value_parser = parse_rating_arg)]
    pub rating: RatingArg,
    /// Rate one instance instead of the process as a whole.
    #[arg(long)]
    pub instance: Option<String>,
    /// Note (replaces the note; an empty string removes it).
    #[arg(long, allow_hyphen_values = true)]
    pub note: Option<String>,
    /// Confidence in the rating: high, medium, low, or none to remove it.
    #[arg(long, value_parser = parse_confidence)]
    pub confidence: Option<ConfidenceArg>,
    /// Link an evidence item from the register (repeatable).
    #[arg(long = "evidence", value_name = "ID")]
    pub evidence: Vec<String>,
    /// Unlink an evidence item (repeatable).
    #[arg(long = "unlink", value_name = "ID")]
    pub unlink: Vec<String>,
    /// Why an overall rating differs from the aggregate of the instance ratings.
    #[arg(long, allow_hyphen_values = true)]
    pub rationale: Option<String>,
}

/// The top-level entry point for `capra rate`.
pub fn run(models: &[PathBuf], assessor: Option<&str>, args: Args) -> Result<Outcome> {
    let mut loaded = open(models, &args.file)?;
    let process = process_id(&loaded.model, &args.process)?;
    let attribute = attribute_id(&loaded.model, &args.attribute)?;
    let slot = Slot::new(&process, &attribute, args.instance.as_deref());
    let current = loaded.assessment.record(&slot).cloned().unwrap_or_default();
    let before = current.rating();

    let set = |field: Field| Change::Set {
        slot: slot.clone(),
        field,
    };
    let mut changes = vec![set(Field::Rating(args.rating.0))];
    // The assessor (from --assessor or $CAPRA_ASSESSOR, else the lead assessor) is recorded
    // with a rating given; an empty name removes it.
    if let Some(name) = recorder(assessor, &loaded.assessment)
        && (args.rating.0.is_some() || name.is_empty())
    {
        changes.push(set(Field::Assessor(name.to_string())));
    }
    if let Some(note) = args.note {
        changes.push(set(Field::Note(note)));
    }
    if let Some(c) = args.confidence {
        changes.push(set(Field::Confidence(c.0)));
    }
    if let Some(r) = args.rationale {
        changes.push(set(Field::Rationale(r)));
    }
    if !args.evidence.is_empty() || !args.unlink.is_empty() {
        let mut ids: Vec<String> = current.evidence.iter().map(|e| e.to_string()).collect();
        for e in &args.evidence {
            let e = e.trim().to_string();
            if !ids.contains(&e) {
                ids.push(e);
            }
        }
        for u in &args.unlink {
            if !ids.iter().any(|x| x == u.trim()) {
                bail!(
                    "{}: evidence {u} is not linked to {process} {attribute}. Nothing was changed.",
                    args.file.display()
                );
            }
            ids.retain(|x| x != u.trim());
        }
        changes.push(set(Field::Evidence(ids)));
    }
    edit(&mut loaded, Change::Batch(changes))?;

    let prof = profile::score(&loaded.model, &loaded.assessment);
    let what = match &args.instance {
        Some(i) => format!("{process} {attribute} ({i})"),
        None => format!("{process} {attribute}"),
    };
    outln!(
        "{what}: {} (was {})",
        crate::rating::describe(args.rating.0),
        crate::rating::describe(before)
    );
    if let Some(ps) = prof.processes.iter().find(|p| p.id == process) {
        outln!("{}", show::level_line(ps));
    }
    let method = loaded.assessment.assessment.rating_method;
    if args.instance.is_some() && method != RatingMethod::R2 {
        outln!(
            "note: the assessment uses rating method {method}, under which instance ratings are kept as detail but do not count; `capra method {} R2` makes them count.",
            args.file.display()
        );
    }
    Ok(Outcome::Done)
}
