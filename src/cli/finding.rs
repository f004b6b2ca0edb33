//! `capra finding add|edit|remove|list FILE`: the findings the report prints (strengths,
//! weaknesses, observations, recommendations), apart from the assessors' working notes.

use super::common::print_json;
use super::common::{
    Outcome, assessor_name, attribute_id, edit, id_range, load, open, out, outln, process_id,
};
use super::show::fit;
use crate::assessment::change::Change;
use crate::assessment::{Assessment, Finding, FindingKind, Severity};
use crate::located::{Id, Located};
use crate::rating::UnknownWord;
use anyhow::{Result, bail};
use clap::{Subcommand, ValueEnum};
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add a finding to a process (or one of its attributes); prints its new id.
    #[command(
        after_help = "Examples:\n  capra finding add a.toml ISMS.CORE.3 PA2.1 --kind weakness --severity high \\\n      --text \"No plan says when the risk assessment is repeated\" --source \"Interview, CISO\" --evidence E-004\n  capra finding add a.toml ISMS.CORE.3 --kind strength --text \"Every asset in the register has an owner\"\n  capra finding add a.toml ISMS.CORE.8 PA1.1 --instance Lyon --kind observation --text \"Backups tested monthly\"\nThe author is --assessor (or $CAPRA_ASSESSOR), else the lead assessor of the file's team; the date is today unless --date."
    )]
    Add(AddArgs),
    /// Change a finding: only the options given change.
    #[command(
        after_help = "Examples:\n  capra finding edit a.toml F-003 --text \"No owner for the cloud assets\" --severity medium\n  capra finding edit a.toml F-003 --attribute none      # about the process as a whole\n  capra finding edit a.toml F-003 --evidence E-002 E-007   # replaces the evidence list"
    )]
    Edit(EditArgs),
    /// Remove a finding. When an action answers it, --force drops that link too.
    Remove {
        /// The assessment file.
        file: PathBuf,
        /// The finding, e.g. F-003.
        id: String,
        /// Remove it even though actions answer it (the links are dropped, and said so).
        #[arg(long)]
        force: bool,
    },
    /// List the findings.
    #[command(
        after_help = "Examples:\n  capra finding list a.toml\n  capra finding list a.toml --process ISMS.CORE.3 --kind weakness\n  capra finding list a.toml --format csv > findings.csv"
    )]
    List(ListArgs),
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The assessment file.
    pub file: PathBuf,
    /// The process in scope it is about.
    pub process: String,
    /// The process attribute it is about (default: the process as a whole).
    pub attribute: Option<String>,
    /// strength, weakness, observation or recommendation.
    #[arg(long, value_parser = parse_finding_kind)]
    pub kind: FindingKind,
    /// What was found, in a sentence or two the sponsor can read.
    #[arg(long)]
    pub text: String,
    /// The instance it is about (a site, project or unit of the process).
    #[arg(long)]
    pub instance: Option<String>,
    /// How much a weakness matters: high, medium or low.
    #[arg(long, value_parser = parse_severity)]
    pub severity: Option<Severity>,
    /// Who said or showed it (an interviewee, a meeting, a walk-through).
    #[arg(long)]
    pub source: Option<String>,
    /// Evidence items that support it (ids of the register).
    #[arg(long, num_args = 1..)]
    pub evidence: Vec<String>,
    /// The interview it was captured in (I-001, ...); the source then defaults to
    /// "Interview with WHO (ROLE), DATE".
    #[arg(long)]
    pub interview: Option<String>,
    /// The day it was found (default: today), YYYY-MM-DD.
    #[arg(long)]
    pub date: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct EditArgs {
    /// The assessment file.
    pub file: PathBuf,
    /// The finding, e.g. F-003.
    pub id: String,
    #[arg(long)]
    pub text: Option<String>,
    #[arg(long, value_parser = parse_finding_kind)]
    pub kind: Option<FindingKind>,
    /// Move it to another process in scope.
    #[arg(long)]
    pub process: Option<String>,
    /// The attribute; `none` for the process as a whole.
    #[arg(long)]
    pub attribute: Option<String>,
    /// The instance; "" for none.
    #[arg(long)]
    pub instance: Option<String>,
    /// high, medium, low, or none.
    #[arg(long)]
    pub severity: Option<String>,
    #[arg(long)]
    pub source: Option<String>,
    /// The interview it was captured in; `none` for none.
    #[arg(long)]
    pub interview: Option<String>,
    /// The evidence list, replacing the one there is (give none to empty it: --evidence).
    #[arg(long, num_args = 0..)]
    pub evidence: Option<Vec<String>>,
    /// YYYY-MM-DD.
    #[arg(long)]
    pub date: Option<String>,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum ListFormat {
    Table,
    Json,
    Csv,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// The assessment file.
    pub file: PathBuf,
    /// Only the findings about this process.
    #[arg(long)]
    pub process: Option<String>,
    /// Only findings of this kind.
    #[arg(long, value_parser = parse_finding_kind)]
    pub kind: Option<FindingKind>,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

pub fn parse_finding_kind(s: &str) -> Result<FindingKind, UnknownWord> {
    s.parse()
}

pub fn parse_severity(s: &str) -> Result<Severity, UnknownWord> {
    s.parse()
}

fn is_none_word(s: &str) -> bool {
    let t = s.trim();
    t.is_empty() || t.eq_ignore_ascii_case("none")
}

/// The top-level entry point for `capra finding`.
pub fn run(models: &[PathBuf], assessor: Option<&str>, cmd: Command) -> Result<Outcome> {
    match cmd {
        Command::Add(args) => add(models, assessor, args),
        Command::Edit(args) => edit_finding(models, args),
        Command::Remove { file, id, force } => remove(models, file, &id, force),
        Command::List(args) => list(models, args),
    }
}

fn check_date(d: &Option<String>) -> Result<()> {
    if let Some(d) = d
        && !crate::assessment::validate::valid_date(d)
    {
        bail!("--date {d} is not a date: write it as YYYY-MM-DD");
    }
    Ok(())
}

fn add(models: &[PathBuf], assessor: Option<&str>, args: AddArgs) -> Result<Outcome> {
    check_date(&args.date)?;
    let mut loaded = open(models, &args.file)?;
    let model = &loaded.model;
    let process = process_id(model, &args.process)?;
    let attribute = args
        .attribute
        .as_deref()
        .map(|a| attribute_id(model, a))
        .transpose()?;
    let Some(id) = loaded.assessment.next_finding_id() else {
        bail!(
            "{}: a finding is already numbered F-{} or higher, so no new id can be given. Nothing was changed.",
            args.file.display(),
            crate::assessment::plan::MAX_ID_NUMBER
        );
    };
    let mut f = Finding::new(&id, &process, args.kind, args.text.trim());
    f.attribute = attribute.as_deref().map(Id::from);
    f.instance = args.instance.as_deref().map(|i| Id::from(i.trim()));
    f.severity = args.severity;
    if let Some(i) = &args.interview {
        f.captured_in(super::interview::find(&loaded.assessment, &args.file, i)?);
    }
    if let Some(s) = args.source {
        f.source = s;
    }
    f.evidence = evidence_ids(&args.evidence);
    f.author = assessor_name(assessor, &loaded.assessment);
    f.date = Located::new(args.date.unwrap_or_else(crate::fsio::today));
    edit(&mut loaded, Change::PutFinding(f))?;
    outln!("{id}");
    Ok(Outcome::Done)
}

fn evidence_ids(given: &[String]) -> Vec<Id> {
    given
        .iter()
        .flat_map(|e| e.split(','))
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(|e| Id::from(e.to_ascii_uppercase().as_str()))
        .collect()
}

/// The finding with this id (case ignored), or an error listing the ids there are.
pub fn find<'a>(a: &'a Assessment, file: &std::path::Path, id: &str) -> Result<&'a Finding> {
    match a
        .findings
        .iter()
        .find(|f| f.id.eq_ignore_ascii_case(id.trim()))
    {
        Some(f) => Ok(f),
        None if a.findings.is_empty() => bail!(
            "{}: there is no finding {id}: the assessment has no findings yet (add one with `capra finding add`). Nothing was changed.",
            file.display()
        ),
        None => bail!(
            "{}: there is no finding {id} (there are {}). Nothing was changed.",
            file.display(),
            id_range(a.findings.iter().map(|f| f.id.as_str()))
        ),
    }
}

fn edit_finding(models: &[PathBuf], args: EditArgs) -> Result<Outcome> {
    check_date(&args.date)?;
    let mut loaded = open(models, &args.file)?;
    let mut f = find(&loaded.assessment, &args.file, &args.id)?.clone();
    let model = &loaded.model;
    if let Some(t) = args.text {
        f.text = t.trim().to_string();
    }
    if let Some(p) = args.process {
        f.process = Id::from(process_id(model, &p)?.as_str());
    }
    if let Some(a) = args.attribute {
        f.attribute = if is_none_word(&a) {
            None
        } else {
            Some(Id::from(attribute_id(model, &a)?.as_str()))
        };
    }
    if let Some(i) = args.instance {
        f.instance = (!i.trim().is_empty()).then(|| Id::from(i.trim()));
    }
    if let Some(s) = args.severity {
        f.severity = if is_none_word(&s) {
            None
        } else {
            Some(s.parse()?)
        };
    }
    if let Some(k) = args.kind {
        f.kind = k;
        if k != FindingKind::Weakness && f.severity.take().is_some() {
            eprintln!("note: the severity was dropped: only weaknesses have one");
        }
    }
    if let Some(s) = args.source {
        f.source = s;
    }
    if let Some(i) = args.interview {
        f.interview = if is_none_word(&i) {
            None
        } else {
            Some(
                super::interview::find(&loaded.assessment, &args.file, &i)?
                    .id
                    .clone(),
            )
        };
    }
    if let Some(e) = args.evidence {
        f.evidence = evidence_ids(&e);
    }
    if let Some(d) = args.date {
        f.date = Located::new(d);
    }
    let id = f.id.to_string();
    edit(&mut loaded, Change::PutFinding(f))?;
    outln!("{id}");
    Ok(Outcome::Done)
}

fn remove(models: &[PathBuf], file: PathBuf, id: &str, force: bool) -> Result<Outcome> {
    let mut loaded = open(models, &file)?;
    let id = find(&loaded.assessment, &file, id)?.id.to_string();
    let answering: Vec<crate::assessment::Action> = loaded
        .assessment
        .actions_answering(&id)
        .into_iter()
        .cloned()
        .collect();
    if !answering.is_empty() && !force {
        let ids: Vec<&str> = answering.iter().map(|x| x.id.as_str()).collect();
        bail!(
            "{}: finding {id} is answered by action {}. Remove it with --force to drop that link too, or change the action first (`capra action set`). Nothing was changed.",
            file.display(),
            ids.join(", ")
        );
    }
    let mut changes: Vec<Change> = answering
        .iter()
        .map(|x| {
            let mut x = x.clone();
            x.findings.retain(|f| f != id.as_str());
            Change::PutAction(x)
        })
        .collect();
    changes.push(Change::RemoveFinding(id.clone()));
    edit(&mut loaded, Change::Batch(changes))?;
    for x in &answering {
        eprintln!("note: action {} no longer answers {id}", x.id);
    }
    outln!("removed {id}");
    Ok(Outcome::Done)
}

fn list(models: &[PathBuf], args: ListArgs) -> Result<Outcome> {
    let loaded = load(models, &args.file)?;
    let a = &loaded.assessment;
    let process = args
        .process
        .as_deref()
        .map(|p| process_id(&loaded.model, p))
        .transpose()?;
    let shown: Vec<&Finding> = a
        .findings
        .iter()
        .filter(|f| process.as_ref().is_none_or(|p| f.process == p.as_str()))
        .filter(|f| args.kind.is_none_or(|k| f.kind == k))
        .collect();
    match args.format {
        ListFormat::Json => print_json(Some("findings"), &shown)?,
        ListFormat::Csv => {
            std::io::Write::write_all(
                &mut std::io::stdout().lock(),
                &crate::report::csv::findings(a, &loaded.model, &shown),
            )?;
        }
        ListFormat::Table => out!("{}", table(a, &shown)),
    }
    Ok(Outcome::Done)
}

/// The findings as a text table: id, where, kind (and severity), text, who said it.
pub fn table(a: &Assessment, shown: &[&Finding]) -> String {
    let mut out = String::new();
    if shown.is_empty() {
        out.push_str(if a.findings.is_empty() {
            "No findings yet. Add one with `capra finding add FILE PROCESS [ATTRIBUTE] --kind weakness --text ...`.\n"
        } else {
            "No finding matches.\n"
        });
        return out;
    }
    // The WHERE column is as wide as its widest entry, up to 40 characters.
    let w = shown
        .iter()
        .map(|f| f.place().chars().count())
        .max()
        .unwrap_or(0)
        .clamp(5, 40);
    let _ = writeln!(out, "{:<6} {:<w$} {:<16} TEXT", "ID", "WHERE", "KIND");
    for f in shown {
        let kind = match f.severity {
            Some(s) => format!("{} ({})", f.kind, s),
            None => f.kind.to_string(),
        };
        let answered: Vec<&str> = a
            .actions_answering(&f.id)
            .iter()
            .map(|x| x.id.as_str())
            .collect();
        let mut text = f.text.replace('\n', " ");
        if !answered.is_empty() {
            text.push_str(&format!(" [-> {}]", answered.join(", ")));
        }
        let _ = writeln!(
            out,
            "{:<6} {} {} {}",
            f.id.as_str(),
            fit(&f.place(), w),
            fit(&kind, 16),
            text
        );
    }
    crate::text::printable(&out, true)
}
