//! `capra action add|set|remove|list FILE`: the improvement plan, with owners, due dates and
//! the history of each action's status.

use super::common::id_range;
use super::common::print_json;
use super::common::{
    Outcome, assessor_name, attribute_id, edit, load, open, out, outln, process_id,
};
use super::finding::ListFormat;
use super::show::fit;
use crate::assessment::change::Change;
use crate::assessment::{Action, ActionStatus, Assessment, Effort, Priority};
use crate::located::{Id, Located};
use crate::model::Model;
use crate::rating::UnknownWord;
use anyhow::{Result, bail};
use clap::Subcommand;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add an action to the improvement plan; prints its new id.
    #[command(
        after_help = "Examples:\n  capra action add a.toml --title \"Plan the yearly risk assessment\" --process ISMS.CORE.3 \\\n      --attribute PA2.1 --finding F-002 --owner \"J. Park\" --due 2027-03-31 --priority high --effort small\n  capra action add a.toml --title \"Train the asset owners\" --status agreed"
    )]
    Add(AddArgs),
    /// Change an action: only the options given change; a new status is recorded with today's date.
    #[command(
        after_help = "Examples:\n  capra action set a.toml A-002 --status in-progress\n  capra action set a.toml A-002 --status done --note \"Plan approved by the board on 12 May\"\n  capra action set a.toml A-002 --owner \"M. Roy\" --due 2027-06-30"
    )]
    Set(SetArgs),
    /// Remove an action from the plan.
    Remove {
        /// The assessment file.
        file: PathBuf,
        /// The action, e.g. A-002.
        id: String,
    },
    /// List the improvement plan; overdue actions are marked.
    #[command(
        after_help = "Examples:\n  capra action list a.toml\n  capra action list a.toml --status open --owner \"J. Park\"\n  capra action list a.toml --overdue\n  capra action list a.toml --format csv > actions.csv"
    )]
    List(ListArgs),
}

/// What an action is about; the same options for `add` and `set`.
#[derive(Debug, clap::Args)]
pub struct Fields {
    /// A longer description: what exactly, how it will be checked.
    #[arg(long)]
    pub description: Option<String>,
    /// The process it improves ("none" for none).
    #[arg(long)]
    pub process: Option<String>,
    /// The attributes it improves (replaces the list).
    #[arg(long = "attribute", num_args = 1.., value_name = "ATTRIBUTE")]
    pub attributes: Option<Vec<String>>,
    /// The findings it answers (replaces the list; give the option alone to empty it).
    #[arg(long = "finding", num_args = 0.., value_name = "FINDING")]
    pub findings: Option<Vec<String>>,
    /// Who is responsible for it.
    #[arg(long)]
    pub owner: Option<String>,
    /// The day it is due, YYYY-MM-DD ("none" for no date).
    #[arg(long)]
    pub due: Option<String>,
    /// high, medium or low.
    #[arg(long, value_parser = parse_priority)]
    pub priority: Option<Priority>,
    /// small, medium or large.
    #[arg(long, value_parser = parse_effort)]
    pub effort: Option<Effort>,
    /// proposed, agreed, in-progress, done or dropped.
    #[arg(long, value_parser = parse_status)]
    pub status: Option<ActionStatus>,
    /// A note on the action (with --status: a note on that change too).
    #[arg(long)]
    pub note: Option<String>,
    /// The day of the status change (default: today), YYYY-MM-DD.
    #[arg(long)]
    pub date: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The assessment file.
    pub file: PathBuf,
    /// What to do, in a line.
    #[arg(long)]
    pub title: String,
    #[command(flatten)]
    pub fields: Fields,
}

#[derive(Debug, clap::Args)]
pub struct SetArgs {
    /// The assessment file.
    pub file: PathBuf,
    /// The action, e.g. A-002.
    pub id: String,
    #[arg(long)]
    pub title: Option<String>,
    #[command(flatten)]
    pub fields: Fields,
}

/// Which actions `list` shows by status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusFilter {
    /// Proposed, agreed or in progress.
    Open,
    One(ActionStatus),
}

fn parse_status_filter(s: &str) -> Result<StatusFilter, UnknownWord> {
    if s.trim().eq_ignore_ascii_case("open") {
        Ok(StatusFilter::Open)
    } else {
        s.parse()
            .map(StatusFilter::One)
            .map_err(|mut e: UnknownWord| {
                e.allowed = format!("open, {}", e.allowed);
                e
            })
    }
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// The assessment file.
    pub file: PathBuf,
    /// open (proposed, agreed or in progress), or one status.
    #[arg(long, value_parser = parse_status_filter)]
    pub status: Option<StatusFilter>,
    /// Only the actions of this owner (case ignored).
    #[arg(long)]
    pub owner: Option<String>,
    /// Only the actions that improve this process.
    #[arg(long)]
    pub process: Option<String>,
    /// Only open actions past their due date.
    #[arg(long)]
    pub overdue: bool,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

pub fn parse_priority(s: &str) -> Result<Priority, UnknownWord> {
    s.parse()
}

pub fn parse_effort(s: &str) -> Result<Effort, UnknownWord> {
    s.parse()
}

pub fn parse_status(s: &str) -> Result<ActionStatus, UnknownWord> {
    s.parse()
}

/// The top-level entry point for `capra action`.
pub fn run(models: &[PathBuf], assessor: Option<&str>, cmd: Command) -> Result<Outcome> {
    match cmd {
        Command::Add(args) => add(models, assessor, args),
        Command::Set(args) => set(models, assessor, args),
        Command::Remove { file, id } => remove(models, file, &id),
        Command::List(args) => list(models, args),
    }
}

fn is_none_word(s: &str) -> bool {
    let t = s.trim();
    t.is_empty() || t.eq_ignore_ascii_case("none")
}

fn check_dates(f: &Fields) -> Result<()> {
    for (name, d) in [("--due", &f.due), ("--date", &f.date)] {
        if let Some(d) = d
            && !is_none_word(d)
            && !crate::assessment::validate::valid_date(d.trim())
        {
            bail!("{name} {d} is not a date: write it as YYYY-MM-DD");
        }
    }
    Ok(())
}

/// Applies the options given to an action; a status change is recorded with its date and who.
fn apply_fields(
    x: &mut Action,
    f: Fields,
    model: &Model,
    a: &Assessment,
    file: &Path,
    by: &str,
) -> Result<()> {
    if let Some(d) = f.description {
        x.description = d;
    }
    if let Some(p) = f.process {
        x.process = if is_none_word(&p) {
            None
        } else {
            Some(Id::from(process_id(model, &p)?.as_str()))
        };
    }
    if let Some(list) = f.attributes {
        x.attributes = list
            .iter()
            .flat_map(|s| s.split(','))
            .filter(|s| !s.trim().is_empty())
            .map(|s| attribute_id(model, s.trim()).map(|id| Id::from(id.as_str())))
            .collect::<Result<_>>()?;
    }
    if let Some(list) = f.findings {
        x.findings = list
            .iter()
            .flat_map(|s| s.split(','))
            .filter(|s| !s.trim().is_empty())
            .map(|s| super::finding::find(a, file, s).map(|found| found.id.clone()))
            .collect::<Result<_>>()?;
    }
    if let Some(o) = f.owner {
        x.owner = o.trim().to_string();
    }
    if let Some(d) = f.due {
        x.due = Located::new(if is_none_word(&d) {
            String::new()
        } else {
            d.trim().to_string()
        });
    }
    if let Some(p) = f.priority {
        x.priority = Some(p);
    }
    if let Some(e) = f.effort {
        x.effort = Some(e);
    }
    let date = f.date.unwrap_or_else(crate::fsio::today);
    match f.status {
        Some(s) => {
            let note = f.note.clone().unwrap_or_default();
            if s != x.status || x.history.is_empty() {
                x.set_status(s, date.trim(), by, &note);
            }
            if let Some(n) = f.note {
                x.note = n;
            }
        }
        None => {
            if let Some(n) = f.note {
                x.note = n;
            }
        }
    }
    Ok(())
}

fn add(models: &[PathBuf], assessor: Option<&str>, args: AddArgs) -> Result<Outcome> {
    check_dates(&args.fields)?;
    let mut loaded = open(models, &args.file)?;
    let Some(id) = loaded.assessment.next_action_id() else {
        bail!(
            "{}: an action is already numbered A-{} or higher, so no new id can be given. Nothing was changed.",
            args.file.display(),
            crate::assessment::plan::MAX_ID_NUMBER
        );
    };
    let mut x = Action::new(&id, args.title.trim());
    let mut fields = args.fields;
    let status = fields.status.take().unwrap_or(ActionStatus::Proposed);
    fields.status = Some(status);
    let by = assessor_name(assessor, &loaded.assessment);
    apply_fields(
        &mut x,
        fields,
        &loaded.model,
        &loaded.assessment,
        &args.file,
        &by,
    )?;
    edit(&mut loaded, Change::PutAction(x))?;
    outln!("{id}");
    Ok(Outcome::Done)
}

/// The action with this id (case ignored), or an error listing the ids there are.
fn find<'a>(a: &'a Assessment, file: &Path, id: &str) -> Result<&'a Action> {
    match a
        .actions
        .iter()
        .find(|x| x.id.eq_ignore_ascii_case(id.trim()))
    {
        Some(x) => Ok(x),
        None if a.actions.is_empty() => bail!(
            "{}: there is no action {id}: the improvement plan is empty (add one with `capra action add`). Nothing was changed.",
            file.display()
        ),
        None => bail!(
            "{}: there is no action {id} (there are {}). Nothing was changed.",
            file.display(),
            id_range(a.actions.iter().map(|x| x.id.as_str()))
        ),
    }
}

fn set(models: &[PathBuf], assessor: Option<&str>, args: SetArgs) -> Result<Outcome> {
    check_dates(&args.fields)?;
    let mut loaded = open(models, &args.file)?;
    let mut x = find(&loaded.assessment, &args.file, &args.id)?.clone();
    if let Some(t) = args.title {
        x.title = t.trim().to_string();
    }
    let by = assessor_name(assessor, &loaded.assessment);
    apply_fields(
        &mut x,
        args.fields,
        &loaded.model,
        &loaded.assessment,
        &args.file,
        &by,
    )?;
    let id = x.id.to_string();
    edit(&mut loaded, Change::PutAction(x))?;
    outln!("{id}");
    Ok(Outcome::Done)
}

fn remove(models: &[PathBuf], file: PathBuf, id: &str) -> Result<Outcome> {
    let mut loaded = open(models, &file)?;
    let id = find(&loaded.assessment, &file, id)?.id.to_string();
    edit(&mut loaded, Change::RemoveAction(id.clone()))?;
    outln!("removed {id}");
    Ok(Outcome::Done)
}

/// An action as `action list --format json` prints it: the record, and whether it is overdue.
#[derive(serde::Serialize)]
struct Listed<'a> {
    #[serde(flatten)]
    action: &'a Action,
    overdue: bool,
}

fn list(models: &[PathBuf], args: ListArgs) -> Result<Outcome> {
    let loaded = load(models, &args.file)?;
    let a = &loaded.assessment;
    let today = crate::fsio::today();
    let process = args
        .process
        .as_deref()
        .map(|p| process_id(&loaded.model, p))
        .transpose()?;
    let shown: Vec<&Action> = a
        .actions
        .iter()
        .filter(|x| match args.status {
            None => true,
            Some(StatusFilter::Open) => x.status.is_open(),
            Some(StatusFilter::One(s)) => x.status == s,
        })
        .filter(|x| {
            args.owner
                .as_ref()
                .is_none_or(|o| x.owner.trim().eq_ignore_ascii_case(o.trim()))
        })
        .filter(|x| {
            process
                .as_ref()
                .is_none_or(|p| x.process.as_ref().is_some_and(|xp| xp == p.as_str()))
        })
        .filter(|x| !args.overdue || x.is_overdue(&today))
        .collect();
    match args.format {
        ListFormat::Json => {
            let listed: Vec<Listed> = shown
                .iter()
                .map(|x| Listed {
                    action: x,
                    overdue: x.is_overdue(&today),
                })
                .collect();
            print_json(Some("actions"), &listed)?
        }
        ListFormat::Csv => std::io::Write::write_all(
            &mut std::io::stdout().lock(),
            &crate::report::csv::actions(a, &shown, &today),
        )?,
        ListFormat::Table => out!("{}", table(a, &shown, &today)),
    }
    Ok(Outcome::Done)
}

/// The plan as a text table: id, status, due (overdue marked), owner, priority, what, where.
pub fn table(a: &Assessment, shown: &[&Action], today: &str) -> String {
    let mut out = String::new();
    if shown.is_empty() {
        out.push_str(if a.actions.is_empty() {
            "The improvement plan is empty. Add an action with `capra action add FILE --title ...`, or see `capra suggest FILE`.\n"
        } else {
            "No action matches.\n"
        });
        return out;
    }
    let _ = writeln!(
        out,
        "{:<6} {:<11} {:<11} {:<14} {:<6} TITLE",
        "ID", "STATUS", "DUE", "OWNER", "PRIO"
    );
    let mut overdue = 0;
    for x in shown {
        let late = x.is_overdue(today);
        overdue += usize::from(late);
        let due = if late {
            format!("{}!", x.due.as_str())
        } else {
            x.due.to_string()
        };
        let mut title = x.title.replace('\n', " ");
        if let Some(p) = &x.process {
            title.push_str(&format!(" [{p}"));
            for at in &x.attributes {
                title.push_str(&format!(" {at}"));
            }
            title.push(']');
        }
        if x.carried.is_some() {
            title.push_str(" (carried over)");
        }
        let _ = writeln!(
            out,
            "{:<6} {:<11} {:<11} {} {:<6} {}",
            x.id.as_str(),
            x.status.word(),
            due,
            fit(&x.owner, 14),
            x.priority.map(|p| p.word()).unwrap_or("-"),
            title
        );
    }
    if overdue > 0 {
        let _ = writeln!(
            out,
            "! overdue: {overdue} open action(s) past their due date ({today})"
        );
    }
    crate::text::printable(&out, true)
}
