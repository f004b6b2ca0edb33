//! `capra suggest FILE [--process P] [--add N...|all] [--format table|json]`: what the model says
//! is missing for the next level of each process below target, as numbered candidate actions;
//! `--add` puts chosen ones in the improvement plan as proposed actions.

use super::common::print_json;
use super::common::{
    Editing, Format, Outcome, assessor_name, edit, load, open, out, outln, process_id,
};
use crate::assessment::change::Change;
use crate::model::Model;
use crate::suggest::{Suggestion, Suggestions, suggest};
use anyhow::{Result, bail};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The assessment file.
    pub file: PathBuf,
    /// Only this process (the numbers stay those of the whole list).
    #[arg(long)]
    pub process: Option<String>,
    /// Add these suggestions (by number, or `all`) to the plan as proposed actions.
    #[arg(long, num_args = 1.., value_name = "N")]
    pub add: Option<Vec<String>>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Which suggestions `--add` names.
enum Pick {
    All,
    Numbers(Vec<usize>),
}

fn parse_pick(given: &[String]) -> Result<Pick> {
    let words: Vec<&str> = given
        .iter()
        .flat_map(|s| s.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if words.is_empty() {
        bail!("--add needs suggestion numbers (e.g. --add 1 3) or all. Nothing was changed.");
    }
    if words.iter().any(|w| w.eq_ignore_ascii_case("all")) {
        if words.len() > 1 {
            bail!("--add all takes no numbers besides it. Nothing was changed.");
        }
        return Ok(Pick::All);
    }
    let mut numbers = Vec::new();
    for w in words {
        match w.parse::<usize>() {
            Ok(n) if n > 0 => {
                if !numbers.contains(&n) {
                    numbers.push(n);
                }
            }
            _ => bail!(
                "--add {}: not a suggestion number (1, 2, ... as `capra suggest` prints them, or all). Nothing was changed.",
                crate::text::shown_id(w)
            ),
        }
    }
    Ok(Pick::Numbers(numbers))
}

/// The process id of `--process`, which must be in the assessment's scope.
fn scoped_process(model: &Model, a: &crate::assessment::Assessment, p: &str) -> Result<String> {
    let id = process_id(model, p)?;
    if a.process(&id).is_none() {
        bail!(
            "process {id} is not in the scope of this assessment (in scope: {})",
            a.processes
                .iter()
                .map(|p| p.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    Ok(id)
}

pub fn run(models: &[PathBuf], assessor: Option<&str>, args: Args) -> Result<Outcome> {
    let pick = args.add.as_deref().map(parse_pick).transpose()?;
    match pick {
        None => show(models, args),
        Some(pick) => add(models, assessor, args, pick),
    }
}

/// The suggestions of a loaded file, all numbered, then filtered to `--process`.
fn suggestions(loaded: &crate::store::Loaded, process: Option<&str>) -> Result<Suggestions> {
    let (model, a) = (&loaded.model, &loaded.assessment);
    let only = process.map(|p| scoped_process(model, a, p)).transpose()?;
    let profile = crate::profile::score(model, a);
    let all = suggest(model, a, &profile);
    Ok(match only {
        Some(p) => all.only(|x| x == p),
        None => all,
    })
}

fn show(models: &[PathBuf], args: Args) -> Result<Outcome> {
    let loaded = load(models, &args.file)?;
    let s = suggestions(&loaded, args.process.as_deref())?;
    match args.format {
        Format::Json => print_json(None, &s)?,
        Format::Table => out!("{}", table(&s, &args.file, args.process.as_deref())),
    }
    Ok(Outcome::Done)
}

/// The suggestions as text, grouped by process and attribute.
pub fn table(s: &Suggestions, file: &Path, process: Option<&str>) -> String {
    let mut out = String::new();
    if s.processes.is_empty() {
        out.push_str(if s.at_or_above_target.is_empty() {
            "No process in scope.\n"
        } else if s.at_or_above_target.len() == 1 {
            "The process reaches its target: nothing to suggest.\n"
        } else {
            "All processes in scope reach their target: nothing to suggest.\n"
        });
        return out;
    }
    for p in &s.processes {
        let _ = writeln!(
            out,
            "{} {}: level {} of target {}; for level {}:",
            p.process, p.name, p.capability_level, p.target_level, p.next_level
        );
        for a in &p.attributes {
            let _ = write!(out, "  {}", a.reason);
            if !a.note.is_empty() {
                let _ = write!(out, " ({})", a.note);
            }
            out.push('\n');
            for x in &a.suggestions {
                let mut line = format!("  {:>4}  {}", x.number, x.title());
                if a.characterised {
                    line.push_str(&format!(" [{}]", x.state));
                }
                if let Some(id) = &x.in_plan {
                    line.push_str(&format!(" (in the plan: {id})"));
                }
                let _ = writeln!(out, "{line}");
            }
        }
    }
    let n = s.all().count();
    let open: Vec<String> = s
        .all()
        .filter(|x| x.in_plan.is_none())
        .map(|x| x.number.to_string())
        .collect();
    if n > 0 {
        let _ = writeln!(out, "\n{n} suggestion(s).");
        if open.is_empty() {
            let _ = writeln!(out, "The plan holds every one of them.");
        } else {
            let only = process
                .map(|p| format!(" --process {p}"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "Add some to the plan as proposed actions: capra suggest {}{only} --add {} (or --add all).",
                file.display(),
                open.iter().take(2).cloned().collect::<Vec<_>>().join(" ")
            );
        }
    }
    if !s.at_or_above_target.is_empty() {
        let _ = writeln!(
            out,
            "At or above target: {}.",
            s.at_or_above_target.join(", ")
        );
    }
    crate::text::printable(&out, true)
}

/// A suggestion added, or left out because the plan holds it already (JSON output of `--add`).
#[derive(serde::Serialize)]
struct Added<'a> {
    number: usize,
    process: &'a str,
    attribute: &'a str,
    item: &'a str,
    /// The new action's id, or the id of the action that already holds it.
    action: String,
    added: bool,
}

fn add(models: &[PathBuf], assessor: Option<&str>, args: Args, pick: Pick) -> Result<Outcome> {
    let mut loaded: Editing = open(models, &args.file)?;
    let s = suggestions(&loaded, args.process.as_deref())?;
    let chosen: Vec<&Suggestion> = match &pick {
        Pick::All => s.all().collect(),
        Pick::Numbers(ns) => {
            let mut v = Vec::new();
            for &n in ns {
                match s.number(n) {
                    Some(x) => v.push(x),
                    None => bail!("{}", not_a_number(&loaded, &s, &args, n)?),
                }
            }
            v
        }
    };
    if chosen.is_empty() {
        if args.format == Format::Json {
            outln!("[]");
        }
        eprintln!("Nothing to suggest, so nothing was added.");
        return Ok(Outcome::Done);
    }
    let (old, new): (Vec<&Suggestion>, Vec<&Suggestion>) =
        chosen.iter().partition(|x| x.in_plan.is_some());
    let by = assessor_name(assessor, &loaded.assessment);
    let today = crate::fsio::today();
    let Some(actions) = crate::suggest::actions(&loaded.assessment, &new, &today, &by) else {
        bail!(
            "{}: the action ids would pass A-{}, so no new id can be given. Nothing was changed.",
            args.file.display(),
            crate::assessment::plan::MAX_ID_NUMBER
        );
    };
    let ids: Vec<String> = actions.iter().map(|x| x.id.to_string()).collect();
    if !actions.is_empty() {
        edit(
            &mut loaded,
            Change::Batch(actions.into_iter().map(Change::PutAction).collect()),
        )?;
    }
    for x in &old {
        eprintln!(
            "suggestion {} ({} {} {}) is already in the plan as {}: not added again.",
            x.number,
            x.process,
            x.attribute,
            x.item,
            x.in_plan.as_deref().unwrap_or_default()
        );
    }
    match args.format {
        Format::Json => {
            let mut rows: Vec<Added> = new
                .iter()
                .zip(&ids)
                .map(|(x, id)| Added {
                    number: x.number,
                    process: &x.process,
                    attribute: &x.attribute,
                    item: &x.item,
                    action: id.clone(),
                    added: true,
                })
                .collect();
            rows.extend(old.iter().map(|x| Added {
                number: x.number,
                process: &x.process,
                attribute: &x.attribute,
                item: &x.item,
                action: x.in_plan.clone().unwrap_or_default(),
                added: false,
            }));
            rows.sort_by_key(|r| r.number);
            print_json(Some("suggestions"), &rows)?;
        }
        Format::Table => {
            for id in &ids {
                outln!("{id}");
            }
        }
    }
    if ids.is_empty() {
        eprintln!("Nothing was added: the plan holds every suggestion chosen.");
    } else {
        eprintln!(
            "Added {} proposed action(s); see them with `capra action list {}`.",
            ids.len(),
            args.file.display()
        );
    }
    Ok(Outcome::Done)
}

/// Why `--add N` names no suggestion: out of range, or another process's under `--process`.
fn not_a_number(
    loaded: &crate::store::Loaded,
    s: &Suggestions,
    args: &Args,
    n: usize,
) -> Result<String> {
    let numbers: Vec<usize> = s.all().map(|x| x.number).collect();
    let range = match (numbers.first(), numbers.last()) {
        (Some(a), Some(b)) if a == b => format!("there is only suggestion {a}"),
        (Some(a), Some(b)) => format!("the suggestions are numbered {a} to {b}"),
        _ => "there is nothing to suggest".to_string(),
    };
    if args.process.is_some()
        && let Ok(all) = suggestions(loaded, None)
        && let Some(x) = all.number(n)
    {
        return Ok(format!(
            "--add {n}: suggestion {n} is for {}, not for the process given with --process ({range}). Nothing was changed.",
            x.process
        ));
    }
    Ok(format!(
        "--add {n}: no such suggestion ({range}; see `capra suggest {}`). Nothing was changed.",
        args.file.display()
    ))
}
