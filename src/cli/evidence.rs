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
    if let Some(d) = &args.date
        && !crate::assessment::validate::valid_date(d)
    {
        bail!("--date {d} is not a date: write it as YYYY-MM-DD");
    }
    // The file is hashed before the assessment is locked: a large one takes a while, and the
    // interview screen must not wait for it.
    let mut sha256 = String::new();
    let mut path = String::new();
    if let Some(p) = &args.path {
        match std::fs::metadata(p) {
            Ok(_) if is_system_file(p) => eprintln!(
                "note: {} is a system file, not a document; recorded without a sha256",
                p.display()
            ),
            Ok(m) if m.is_file() => {
                sha256 = hash(p).with_context(|| format!("cannot read {}", p.display()))?;
            }
            Ok(m) => eprintln!(
                "note: {} is {}; recorded without a sha256",
                p.display(),
                fsio::special_kind(&m).unwrap_or("not a regular file")
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
    let mut loaded = open(models, &args.file)?;
    let Some(id) = loaded.assessment.next_evidence_id() else {
        bail!(
            "{}: the evidence register already has an item numbered E-{} or higher, so no new id can be given. Renumber the items in the file (and the links to them) to make room. Nothing was changed.",
            args.file.display(),
            crate::assessment::MAX_EVIDENCE_NUMBER
        );
    };
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

/// Files of the running system (`/proc`, `/sys`, `/dev`): reading them may never end.
fn is_system_file(p: &Path) -> bool {
    let real = fsio::real_path(p);
    ["/proc", "/sys", "/dev"]
        .iter()
        .any(|root| real.starts_with(root))
}

/// Hashes an evidence file; on a terminal, a large file shows how far it is (Ctrl+C stops it,
/// and nothing is changed: the assessment is saved only after the hash).
fn hash(p: &Path) -> std::io::Result<String> {
    use std::io::{IsTerminal, Write};
    let show = std::io::stderr().is_terminal();
    let mut last = std::time::Instant::now();
    let mut shown = false;
    let gb = |n: u64| n as f64 / 1e9;
    let sha = fsio::hash_file_with(p, |done, total| {
        if show && total > 256 * 1024 * 1024 && last.elapsed().as_millis() >= 500 {
            last = std::time::Instant::now();
            shown = true;
            let _ = write!(
                std::io::stderr(),
                "\rhashing {}: {:.1} of {:.1} GB (Ctrl+C stops; nothing is changed)",
                p.display(),
                gb(done),
                gb(total)
            );
        }
    })?;
    if shown {
        let _ = writeln!(std::io::stderr());
    }
    Ok(sha)
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
