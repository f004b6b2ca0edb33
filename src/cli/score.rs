//! `capra score FILE`: levels, gaps to target, and what stops the next level; per process, the
//! findings by kind and the actions of the improvement plan (open, overdue, done).

use super::common::print_json;
use super::common::{Format, Outcome, load, out};
use super::show;
use crate::assessment::Assessment;
use crate::assessment::plan::{ActionCounts, FindingCounts};
use crate::profile::{self, Profile};
use anyhow::Result;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The assessment file.
    pub file: PathBuf,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// The top-level entry point for `capra score`.
pub fn run(models: &[PathBuf], args: Args) -> Result<Outcome> {
    let loaded = load(models, &args.file)?;
    let prof = profile::score(&loaded.model, &loaded.assessment);
    let today = crate::fsio::today();
    match args.format {
        Format::Json => print_json(None, &with_plan(&prof, &loaded.assessment, &today)?)?,
        Format::Table => {
            out!("{}", show::score_table(&prof, &loaded.model));
            out!("{}", plan_table(&prof, &loaded.assessment, &today));
        }
    }
    Ok(Outcome::Done)
}

/// The counts of one process: its findings by kind, and its actions.
fn counts(a: &Assessment, process: &str, today: &str) -> (FindingCounts, ActionCounts) {
    (
        FindingCounts::of(a.findings_of(process)),
        ActionCounts::of(a.actions_of(process), today),
    )
}

/// The profile as JSON, each process with `findings` (strength, weakness, observation,
/// recommendation) and `actions` (open, overdue, done, dropped) added; every other field as the
/// profile has it.
fn with_plan(prof: &Profile, a: &Assessment, today: &str) -> Result<serde_json::Value> {
    let mut v = serde_json::to_value(prof)?;
    if let Some(list) = v
        .get_mut("processes")
        .and_then(serde_json::Value::as_array_mut)
    {
        for p in list {
            let id = p
                .get("id")
                .and_then(serde_json::Value::as_str)
                .unwrap_or_default()
                .to_string();
            let (f, x) = counts(a, &id, today);
            if let Some(obj) = p.as_object_mut() {
                obj.insert("findings".into(), serde_json::to_value(f)?);
                obj.insert("actions".into(), serde_json::to_value(x)?);
            }
        }
    }
    Ok(v)
}

/// Findings and actions per process, after the score table; nothing when the assessment has
/// neither.
fn plan_table(prof: &Profile, a: &Assessment, today: &str) -> String {
    if a.findings.is_empty() && a.actions.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "\nFindings and actions\nprocess          strengths weaknesses observations recommendations  open overdue done\n",
    );
    for p in &prof.processes {
        let (f, x) = counts(a, &p.id, today);
        if f.total() == 0 && x.open + x.done + x.dropped == 0 {
            continue;
        }
        out.push_str(&format!(
            "{:<16} {:>9} {:>10} {:>12} {:>15} {:>5} {:>7} {:>4}\n",
            p.id,
            f.strength,
            f.weakness,
            f.observation,
            f.recommendation,
            x.open,
            x.overdue,
            x.done
        ));
    }
    let unplaced = a.actions.iter().filter(|x| x.process.is_none()).count();
    if unplaced > 0 {
        out.push_str(&format!(
            "{unplaced} action(s) name no process and are not counted above.\n"
        ));
    }
    out
}
