//! `capra interview add|list|edit|remove FILE`: the interview plan.

use super::common::print_json;
use super::common::{Format, Outcome, edit, id_range, load, open, out, outln, process_id};
use super::show::fit;
use crate::assessment::change::Change;
use crate::assessment::{Assessment, Interview, InterviewStatus};
use crate::located::{Id, Located};
use crate::model::Model;
use crate::rating::UnknownWord;
use anyhow::{Result, bail};
use clap::Subcommand;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Plan an interview; prints its new id.
    #[command(
        after_help = "Examples:\n  capra interview add a.toml --who \"Ana Silva\" --role CISO --at 2026-11-20T14:00 --minutes 60 \\\n      --processes ISMS.CORE.3,ISMS.CORE.4 --assessors \"Łucja Nowak\"\n  capra interview add a.toml --who \"Ben Ode\" --role \"Backup operator\""
    )]
    Add(AddArgs),
    /// List the interviews.
    List {
        /// The assessment file.
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Change an interview: only the options given change.
    #[command(
        after_help = "Examples:\n  capra interview edit a.toml I-001 --status held --notes \"Nervous about the audit\"\n  capra interview edit a.toml I-001 --at 2026-11-21T09:30 --processes ISMS.CORE.3"
    )]
    Edit(EditArgs),
    /// Remove an interview. While findings or requests name it, --force unlinks them.
    Remove {
        /// The assessment file.
        file: PathBuf,
        /// The interview, e.g. I-001.
        id: String,
        /// Remove it even though findings or requests name it (the links are dropped, and said so).
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The assessment file.
    pub file: PathBuf,
    /// The interviewee.
    #[arg(long)]
    pub who: String,
    #[command(flatten)]
    pub fields: Fields,
}

#[derive(Debug, clap::Args)]
pub struct EditArgs {
    /// The assessment file.
    pub file: PathBuf,
    /// The interview, e.g. I-001.
    pub id: String,
    /// The interviewee.
    #[arg(long)]
    pub who: Option<String>,
    #[command(flatten)]
    pub fields: Fields,
    /// planned, held or cancelled.
    #[arg(long, value_parser = parse_status)]
    pub status: Option<InterviewStatus>,
}

#[derive(Debug, clap::Args)]
pub struct Fields {
    /// The interviewee's role (CISO, process owner, ...).
    #[arg(long)]
    pub role: Option<String>,
    /// When: YYYY-MM-DD or YYYY-MM-DDTHH:MM ("" clears it).
    #[arg(long)]
    pub at: Option<String>,
    /// The planned length in minutes (0 clears it).
    #[arg(long)]
    pub minutes: Option<u32>,
    /// The processes in scope it covers, replacing the list (comma-separated or repeated).
    #[arg(long, num_args = 0..)]
    pub processes: Option<Vec<String>>,
    /// The assessors who hold it, replacing the list (comma-separated or repeated).
    #[arg(long, num_args = 0..)]
    pub assessors: Option<Vec<String>>,
    /// Private notes: never printed in minutes or reports.
    #[arg(long)]
    pub notes: Option<String>,
}

pub fn parse_status(s: &str) -> Result<InterviewStatus, UnknownWord> {
    s.parse()
}

/// The top-level entry point for `capra interview`.
pub fn run(models: &[PathBuf], cmd: Command) -> Result<Outcome> {
    match cmd {
        Command::Add(args) => add(models, args),
        Command::List { file, format } => list(models, &file, format),
        Command::Edit(args) => edit_interview(models, args),
        Command::Remove { file, id, force } => remove(models, &file, &id, force),
    }
}

fn split(given: &[String]) -> impl Iterator<Item = &str> {
    given
        .iter()
        .flat_map(|s| s.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn check_at(at: &Option<String>) -> Result<()> {
    if let Some(at) = at
        && !at.is_empty()
        && !crate::assessment::validate::valid_date_time(at)
    {
        bail!("--at {at} is not a date: write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM");
    }
    Ok(())
}

fn apply_fields(i: &mut Interview, f: Fields, model: &Model) -> Result<()> {
    if let Some(r) = f.role {
        i.role = r.trim().to_string();
    }
    if let Some(at) = f.at {
        i.at = Located::new(at.trim().to_string());
    }
    if let Some(m) = f.minutes {
        i.minutes = (m > 0).then(|| Located::new(m));
    }
    if let Some(ps) = f.processes {
        i.processes = split(&ps)
            .map(|p| process_id(model, p).map(|p| Id::from(p.as_str())))
            .collect::<Result<_>>()?;
    }
    if let Some(names) = f.assessors {
        i.assessors = split(&names).map(str::to_string).collect();
    }
    if let Some(n) = f.notes {
        i.notes = n;
    }
    Ok(())
}

fn add(models: &[PathBuf], args: AddArgs) -> Result<Outcome> {
    check_at(&args.fields.at)?;
    let mut loaded = open(models, &args.file)?;
    let Some(id) = loaded.assessment.next_interview_id() else {
        bail!(
            "{}: an interview is already numbered I-{} or higher, so no new id can be given. Nothing was changed.",
            args.file.display(),
            crate::assessment::plan::MAX_ID_NUMBER
        );
    };
    let mut i = Interview::new(&id, args.who.trim());
    apply_fields(&mut i, args.fields, &loaded.model)?;
    edit(&mut loaded, Change::PutInterview(i))?;
    outln!("{id}");
    Ok(Outcome::Done)
}

/// The interview with this id (case ignored), or an error listing the ids there are.
pub fn find<'a>(a: &'a Assessment, file: &Path, id: &str) -> Result<&'a Interview> {
    match a
        .interviews
        .iter()
        .find(|i| i.id.eq_ignore_ascii_case(id.trim()))
    {
        Some(i) => Ok(i),
        None if a.interviews.is_empty() => bail!(
            "{}: there is no interview {}: none is planned yet (plan one with `capra interview add`). Nothing was changed.",
            file.display(),
            crate::text::shown_id(id)
        ),
        None => bail!(
            "{}: there is no interview {} (there are {}). Nothing was changed.",
            file.display(),
            crate::text::shown_id(id),
            id_range(a.interviews.iter().map(|i| i.id.as_str()))
        ),
    }
}

fn edit_interview(models: &[PathBuf], args: EditArgs) -> Result<Outcome> {
    check_at(&args.fields.at)?;
    let mut loaded = open(models, &args.file)?;
    let mut i = find(&loaded.assessment, &args.file, &args.id)?.clone();
    if let Some(w) = args.who {
        i.who = w.trim().to_string();
    }
    if let Some(s) = args.status {
        i.status = s;
    }
    apply_fields(&mut i, args.fields, &loaded.model)?;
    let id = i.id.to_string();
    edit(&mut loaded, Change::PutInterview(i))?;
    outln!("{id}");
    Ok(Outcome::Done)
}

fn remove(models: &[PathBuf], file: &Path, id: &str, force: bool) -> Result<Outcome> {
    let mut loaded = open(models, file)?;
    let id = find(&loaded.assessment, file, id)?.id.to_string();
    let unlink = loaded.assessment.unlink_interview(&id);
    if !unlink.is_empty() && !force {
        bail!(
            "{}: interview {id} is named by {}. Remove it with --force to unlink them too. Nothing was changed.",
            file.display(),
            unlink.places.join(", ")
        );
    }
    let mut changes = unlink.changes;
    changes.push(Change::RemoveInterview(id.clone()));
    edit(&mut loaded, Change::Batch(changes))?;
    for place in &unlink.places {
        eprintln!("note: {place} no longer names interview {id}");
    }
    outln!("removed {id}");
    Ok(Outcome::Done)
}

fn list(models: &[PathBuf], file: &Path, format: Format) -> Result<Outcome> {
    let loaded = load(models, file)?;
    let a = &loaded.assessment;
    match format {
        Format::Json => print_json(Some("interviews"), &a.interviews)?,
        Format::Table => out!("{}", table(a)),
    }
    Ok(Outcome::Done)
}

/// The interviews as a text table: id, status, when, length, who (role), processes, and how
/// many findings and requests were captured in each.
pub fn table(a: &Assessment) -> String {
    let mut out = String::new();
    if a.interviews.is_empty() {
        out.push_str(
            "No interviews yet. Plan one with `capra interview add FILE --who NAME --at YYYY-MM-DDTHH:MM`.\n",
        );
        return out;
    }
    let _ = writeln!(
        out,
        "{:<6} {:<9} {:<16} {:>4} {:<30} PROCESSES",
        "ID", "STATUS", "WHEN", "MIN", "WHO"
    );
    for i in &a.interviews {
        let who = if i.role.is_empty() {
            i.who.clone()
        } else {
            format!("{} ({})", i.who, i.role)
        };
        let mut processes = i
            .processes
            .iter()
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let findings = a.findings_of_interview(&i.id).count();
        let requests = a.requests_of_interview(&i.id).count();
        if findings + requests > 0 {
            processes.push_str(&format!(" [{findings} finding(s), {requests} request(s)]"));
        }
        let _ = writeln!(
            out,
            "{:<6} {:<9} {:<16} {:>4} {} {}",
            i.id.as_str(),
            i.status.word(),
            i.when(),
            i.minutes
                .as_ref()
                .map(|m| m.to_string())
                .unwrap_or("-".into()),
            fit(&who, 30),
            processes
        );
    }
    crate::text::printable(&out, true)
}
