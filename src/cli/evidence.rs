//! `capra evidence add|list FILE`: the evidence register.

use super::common::{Outcome, edit, load, open, out, outln, parse_kind};
use super::show;
use crate::assessment::change::Change;
use crate::assessment::{Evidence, EvidenceKind};
use crate::fsio;
use crate::located::{Id, Located};
use anyhow::{Context, Result, bail};
use clap::Subcommand;
use std::path::{Path, PathBuf};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add an evidence item; prints its new id.
    #[command(
        after_help = "Examples:\n  capra evidence add a.toml --title \"Risk register v4\" --kind document --path evidence/risk-register.xlsx\n  capra evidence add a.toml --title \"Interview with the CISO\" --kind interview --date 2026-11-20"
    )]
    Add(AddArgs),
    /// List the evidence register.
    List {
        /// The assessment file.
        file: PathBuf,
    },
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The assessment file.
    pub file: PathBuf,
    /// What the evidence is.
    #[arg(long)]
    pub title: String,
    /// document, interview, observation or record.
    #[arg(long, value_parser = parse_kind)]
    pub kind: EvidenceKind,
    /// A file; its sha256 is recorded so later changes to it can be noticed.
    #[arg(long)]
    pub path: Option<PathBuf>,
    /// Where it can be found, in words (a system, a share, a URL).
    #[arg(long)]
    pub location: Option<String>,
    /// Date of the evidence, YYYY-MM-DD.
    #[arg(long)]
    pub date: Option<String>,
    /// Who owns it.
    #[arg(long)]
    pub owner: Option<String>,
    /// A note on it.
    #[arg(long)]
    pub note: Option<String>,
}

/// The top-level entry point for `capra evidence`.
pub fn run(models: &[PathBuf], cmd: Command) -> Result<Outcome> {
    match cmd {
        Command::Add(args) => add(models, args),
        Command::List { file } => {
            let loaded = load(models, &file)?;
            out!("{}", show::evidence_table(&loaded.assessment));
            Ok(Outcome::Done)
        }
    }
}

fn add(models: &[PathBuf], args: AddArgs) -> Result<Outcome> {
    let mut loaded = open(models, &args.file)?;
    let id = loaded.assessment.next_evidence_id();
    let mut sha256 = String::new();
    let mut path = String::new();
    if let Some(p) = &args.path {
        match std::fs::metadata(p) {
            Ok(m) if m.is_file() => {
                sha256 =
                    fsio::hash_file(p).with_context(|| format!("cannot read {}", p.display()))?;
            }
            Ok(_) => eprintln!(
                "note: {} is not a regular file; recorded without a sha256",
                p.display()
            ),
            Err(e) => eprintln!(
                "note: {} cannot be read ({e}); recorded without a sha256",
                p.display()
            ),
        }
        if std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink()) {
            let target = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
            eprintln!(
                "note: {} is a symbolic link to {}; the sha256 of that file is recorded",
                p.display(),
                target.display()
            );
        }
        path = relative_to_file(p, &args.file);
        if Path::new(&path).is_absolute() {
            eprintln!(
                "note: {} lies outside the assessment file's folder, so its full path {path} is recorded; it will not be found if the folder is moved or shared",
                p.display()
            );
        }
    }
    if let Some(d) = &args.date
        && !crate::assessment::validate::valid_date(d)
    {
        bail!("--date {d} is not a date: write it as YYYY-MM-DD");
    }
    let e = Evidence {
        id: Id::from(id.as_str()),
        title: args.title,
        kind: args.kind,
        location: args.location.unwrap_or_default(),
        path,
        sha256: Located::new(sha256),
        date: Located::new(args.date.unwrap_or_default()),
        owner: args.owner.unwrap_or_default(),
        note: args.note.unwrap_or_default(),
    };
    edit(&mut loaded, Change::PutEvidence(e))?;
    outln!("{id}");
    Ok(Outcome::Done)
}

/// A path as seen from the assessment file's folder when it lies below it, else absolute.
fn relative_to_file(p: &Path, file: &Path) -> String {
    let abs = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    if let Ok(base) = std::fs::canonicalize(fsio::folder_of(file))
        && let Ok(rel) = abs.strip_prefix(&base)
    {
        return rel.to_string_lossy().into_owned();
    }
    abs.to_string_lossy().into_owned()
}
