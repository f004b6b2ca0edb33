//! `capra request add|list|received|remove FILE`: documents asked for, and whether they came.

use super::common::print_json;
use super::common::{Format, Outcome, edit, id_range, load, open, out, outln, parse_kind};
use super::show::fit;
use crate::assessment::change::Change;
use crate::assessment::receive::{AsEvidence, receive};
use crate::assessment::{Assessment, EvidenceKind, Request, RequestStatus};
use crate::located::Located;
use anyhow::{Result, bail};
use clap::Subcommand;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ask for a document; prints the request's new id.
    #[command(
        after_help = "Examples:\n  capra request add a.toml --what \"Risk treatment plan 2026\" --from \"Ana Silva\" --due 2026-12-01 --interview I-001"
    )]
    Add(AddArgs),
    /// List the requests; overdue ones (open, past their due date) are marked.
    List {
        /// The assessment file.
        file: PathBuf,
        /// Only the open ones.
        #[arg(long)]
        open: bool,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Mark a request received, with the evidence it became (an item of the register, or a new
    /// one made in the same step).
    #[command(
        after_help = "Examples:\n  capra request received a.toml R-001 --evidence E-004\n  capra request received a.toml R-001 --as-evidence --kind document --path evidence/rtp.pdf\n  capra request received a.toml R-002      # received, not (yet) in the register"
    )]
    Received(ReceivedArgs),
    /// Change a request: only the options given change.
    #[command(
        after_help = "Examples:\n  capra request edit a.toml R-001 --due 2026-12-15\n  capra request edit a.toml R-001 --status cancelled\n  capra request edit a.toml R-001 --interview none"
    )]
    Edit(EditArgs),
    /// Remove a request.
    Remove {
        /// The assessment file.
        file: PathBuf,
        /// The request, e.g. R-001.
        id: String,
    },
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The assessment file.
    pub file: PathBuf,
    /// What is asked for.
    #[arg(long)]
    pub what: String,
    /// Who is to provide it.
    #[arg(long)]
    pub from: Option<String>,
    /// By when, YYYY-MM-DD.
    #[arg(long)]
    pub due: Option<String>,
    /// The interview it was asked for in (I-001, ...).
    #[arg(long)]
    pub interview: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct EditArgs {
    /// The assessment file.
    pub file: PathBuf,
    /// The request, e.g. R-001.
    pub id: String,
    #[arg(long)]
    pub what: Option<String>,
    #[arg(long)]
    pub from: Option<String>,
    /// YYYY-MM-DD; "" clears it.
    #[arg(long)]
    pub due: Option<String>,
    /// The interview it was asked for in; `none` for none.
    #[arg(long)]
    pub interview: Option<String>,
    /// open, received or cancelled (no longer received: its date and evidence are dropped).
    #[arg(long, value_parser = parse_status)]
    pub status: Option<RequestStatus>,
}

pub fn parse_status(s: &str) -> Result<RequestStatus, crate::rating::UnknownWord> {
    s.parse()
}

#[derive(Debug, clap::Args)]
pub struct ReceivedArgs {
    /// The assessment file.
    pub file: PathBuf,
    /// The request, e.g. R-001.
    pub id: String,
    /// The evidence item it became (already in the register).
    #[arg(long, conflicts_with = "as_evidence")]
    pub evidence: Option<String>,
    /// Add it to the evidence register now (title: what was asked for, unless --title).
    #[arg(long)]
    pub as_evidence: bool,
    /// With --as-evidence: document (the default), interview, observation or record.
    #[arg(long, value_parser = parse_kind, requires = "as_evidence")]
    pub kind: Option<EvidenceKind>,
    /// With --as-evidence: the file; its sha256 is recorded, as `capra evidence add` does.
    #[arg(long, requires = "as_evidence")]
    pub path: Option<PathBuf>,
    /// With --as-evidence: the evidence item's title.
    #[arg(long, requires = "as_evidence")]
    pub title: Option<String>,
    /// The day it came (default: today), YYYY-MM-DD.
    #[arg(long)]
    pub date: Option<String>,
}

/// The top-level entry point for `capra request`.
pub fn run(models: &[PathBuf], cmd: Command) -> Result<Outcome> {
    match cmd {
        Command::Add(args) => add(models, args),
        Command::List { file, open, format } => list(models, &file, open, format),
        Command::Received(args) => received(models, args),
        Command::Edit(args) => edit_request(models, args),
        Command::Remove { file, id } => {
            let mut loaded = open(models, &file)?;
            let id = find(&loaded.assessment, &file, &id)?.id.to_string();
            edit(&mut loaded, Change::RemoveRequest(id.clone()))?;
            outln!("removed {id}");
            Ok(Outcome::Done)
        }
    }
}

fn check_date(option: &str, d: &Option<String>) -> Result<()> {
    if let Some(d) = d
        && !crate::assessment::validate::valid_date(d)
    {
        bail!("{option} {d} is not a date: write it as YYYY-MM-DD");
    }
    Ok(())
}

fn add(models: &[PathBuf], args: AddArgs) -> Result<Outcome> {
    check_date("--due", &args.due)?;
    let mut loaded = open(models, &args.file)?;
    let Some(id) = loaded.assessment.next_request_id() else {
        bail!(
            "{}: a request is already numbered R-{} or higher, so no new id can be given. Nothing was changed.",
            args.file.display(),
            crate::assessment::plan::MAX_ID_NUMBER
        );
    };
    let mut r = Request::new(&id, args.what.trim());
    r.from = args.from.unwrap_or_default().trim().to_string();
    r.due = Located::new(args.due.unwrap_or_default());
    if let Some(i) = &args.interview {
        r.interview = Some(
            super::interview::find(&loaded.assessment, &args.file, i)?
                .id
                .clone(),
        );
    }
    edit(&mut loaded, Change::PutRequest(r))?;
    outln!("{id}");
    Ok(Outcome::Done)
}

/// The request with this id (case ignored), or an error listing the ids there are.
fn find<'a>(a: &'a Assessment, file: &Path, id: &str) -> Result<&'a Request> {
    match a
        .requests
        .iter()
        .find(|r| r.id.eq_ignore_ascii_case(id.trim()))
    {
        Some(r) => Ok(r),
        None => bail!(
            "{}: there is no request {} (there are {}). Nothing was changed.",
            file.display(),
            crate::text::shown_id(id),
            id_range(a.requests.iter().map(|r| r.id.as_str()))
        ),
    }
}

fn received(models: &[PathBuf], args: ReceivedArgs) -> Result<Outcome> {
    check_date("--date", &args.date)?;
    // A file is hashed before the assessment is locked, as `capra evidence add` does.
    let path = match &args.path {
        Some(p) => Some(super::evidence::register_path(p, &args.file)?),
        None => None,
    };
    let mut loaded = open(models, &args.file)?;
    let r = find(&loaded.assessment, &args.file, &args.id)?.clone();
    let evidence = match &args.evidence {
        Some(e) => {
            let e = e.trim().to_ascii_uppercase();
            if loaded.assessment.evidence_item(&e).is_none() {
                bail!(
                    "{}: there is no evidence {} in the register (add it with `capra evidence add`, or use --as-evidence). Nothing was changed.",
                    args.file.display(),
                    crate::text::shown_id(&e)
                );
            }
            Some(e)
        }
        None => None,
    };
    let as_evidence = args.as_evidence.then(|| {
        let (path, sha256) = path.unwrap_or_default();
        AsEvidence {
            title: args.title.clone(),
            kind: args.kind,
            path,
            sha256,
        }
    });
    let day = args.date.unwrap_or_else(crate::fsio::today);
    let (change, evidence) = receive(
        &loaded.assessment,
        &r,
        &day,
        evidence.as_deref(),
        as_evidence,
    )
    .map_err(|e| anyhow::anyhow!("{}: {e}. Nothing was changed.", args.file.display()))?;
    let id = r.id.to_string();
    edit(&mut loaded, change)?;
    match evidence {
        Some(e) => outln!("{id} received: {e}"),
        None => outln!("{id} received"),
    }
    Ok(Outcome::Done)
}

fn edit_request(models: &[PathBuf], args: EditArgs) -> Result<Outcome> {
    if args.due.as_deref() != Some("") {
        check_date("--due", &args.due)?;
    }
    let mut loaded = open(models, &args.file)?;
    let mut r = find(&loaded.assessment, &args.file, &args.id)?.clone();
    if let Some(w) = args.what {
        r.what = w.trim().to_string();
    }
    if let Some(f) = args.from {
        r.from = f.trim().to_string();
    }
    if let Some(d) = args.due {
        r.due = Located::new(d);
    }
    if let Some(i) = args.interview {
        r.interview = if i.trim().is_empty() || i.trim().eq_ignore_ascii_case("none") {
            None
        } else {
            Some(
                super::interview::find(&loaded.assessment, &args.file, &i)?
                    .id
                    .clone(),
            )
        };
    }
    if let Some(s) = args.status {
        r.status = s;
        if s != RequestStatus::Received {
            r.received = Located::default();
            r.evidence = None;
        }
    }
    let id = r.id.to_string();
    edit(&mut loaded, Change::PutRequest(r))?;
    outln!("{id}");
    Ok(Outcome::Done)
}

/// A request as `request list --format json` prints it: the record, and whether it is overdue.
#[derive(serde::Serialize)]
struct Listed<'a> {
    #[serde(flatten)]
    request: &'a Request,
    overdue: bool,
}

fn list(models: &[PathBuf], file: &Path, only_open: bool, format: Format) -> Result<Outcome> {
    let loaded = load(models, file)?;
    let a = &loaded.assessment;
    let today = crate::fsio::today();
    let shown: Vec<&Request> = a
        .requests
        .iter()
        .filter(|r| !only_open || r.status == RequestStatus::Open)
        .collect();
    match format {
        Format::Json => {
            let listed: Vec<Listed> = shown
                .iter()
                .map(|r| Listed {
                    request: r,
                    overdue: r.is_overdue(&today),
                })
                .collect();
            print_json(Some("requests"), &listed)?
        }
        Format::Table => out!("{}", table(a, &shown, &today)),
    }
    Ok(Outcome::Done)
}

/// The requests as a text table: id, status, due (overdue marked `!`), from, what, and the
/// interview and evidence they belong to.
pub fn table(a: &Assessment, shown: &[&Request], today: &str) -> String {
    let mut out = String::new();
    if shown.is_empty() {
        out.push_str(if a.requests.is_empty() {
            "No document requests yet. Add one with `capra request add FILE --what ...`.\n"
        } else {
            "No request matches.\n"
        });
        return out;
    }
    let _ = writeln!(
        out,
        "{:<6} {:<9} {:<11} {:<20} WHAT",
        "ID", "STATUS", "DUE", "FROM"
    );
    let mut overdue = 0;
    for r in shown {
        let late = r.is_overdue(today);
        overdue += usize::from(late);
        let due = if late {
            format!("{}!", r.due.as_str())
        } else {
            r.due.to_string()
        };
        let mut what = r.what.replace('\n', " ");
        if let Some(i) = &r.interview {
            what.push_str(&format!(" [{i}]"));
        }
        if let Some(e) = &r.evidence {
            what.push_str(&format!(" -> {e}"));
        }
        if !r.received.is_empty() {
            what.push_str(&format!(" (received {})", r.received.as_str()));
        }
        let _ = writeln!(
            out,
            "{:<6} {:<9} {:<11} {} {}",
            r.id.as_str(),
            r.status.word(),
            due,
            fit(&r.from, 20),
            what
        );
    }
    if overdue > 0 {
        let _ = writeln!(
            out,
            "! overdue: {overdue} open request(s) past their due date ({today})"
        );
    }
    crate::text::printable(&out, true)
}
