//! `capra evidence add|edit|remove|list FILE`: the evidence register.

use super::common::{Outcome, edit, load, open, out, outln, parse_kind};
use super::show;
use crate::assessment::change::Change;
use crate::assessment::{Assessment, Evidence, EvidenceKind};
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
    /// Change an evidence item: only the options given change.
    #[command(
        after_help = "Examples:\n  capra evidence edit a.toml E-004 --title \"Risk register v5\" --path evidence/rr-v5.xlsx\n  capra evidence edit a.toml E-004 --owner \"\"     # an empty value clears a field\nA new --path is hashed again, as `capra evidence add` does."
    )]
    Edit(EditArgs),
    /// Remove an evidence item. While ratings or findings cite it, --force unlinks it from them.
    #[command(
        after_help = "Examples:\n  capra evidence remove a.toml E-004\n  capra evidence remove a.toml E-004 --force   # also unlinks it from every rating and finding"
    )]
    Remove {
        /// The assessment file.
        file: PathBuf,
        /// The evidence item, e.g. E-004.
        id: String,
        /// Remove it even though ratings or findings cite it (the links are dropped, and said so).
        #[arg(long)]
        force: bool,
    },
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

#[derive(Debug, clap::Args)]
pub struct EditArgs {
    /// The assessment file.
    pub file: PathBuf,
    /// The evidence item, e.g. E-004.
    pub id: String,
    #[arg(long)]
    pub title: Option<String>,
    /// document, interview, observation or record.
    #[arg(long, value_parser = parse_kind)]
    pub kind: Option<EvidenceKind>,
    /// A file, hashed again; "" removes the path and its sha256.
    #[arg(long)]
    pub path: Option<String>,
    #[arg(long)]
    pub location: Option<String>,
    /// YYYY-MM-DD; "" clears it.
    #[arg(long)]
    pub date: Option<String>,
    #[arg(long)]
    pub owner: Option<String>,
    #[arg(long)]
    pub note: Option<String>,
}

/// The top-level entry point for `capra evidence`.
pub fn run(models: &[PathBuf], cmd: Command) -> Result<Outcome> {
    match cmd {
        Command::Add(args) => add(models, args),
        Command::Edit(args) => edit_item(models, args),
        Command::Remove { file, id, force } => remove(models, &file, &id, force),
        Command::List { file } => {
            let loaded = load(models, &file)?;
            out!("{}", show::evidence_table(&loaded.assessment));
            Ok(Outcome::Done)
        }
    }
}

fn check_date(d: &Option<String>) -> Result<()> {
    if let Some(d) = d
        && !d.is_empty()
        && !crate::assessment::validate::valid_date(d)
    {
        bail!("--date {d} is not a date: write it as YYYY-MM-DD");
    }
    Ok(())
}

fn add(models: &[PathBuf], args: AddArgs) -> Result<Outcome> {
    check_date(&args.date)?;
    // The file is hashed before the assessment is locked: a large one takes a while, and the
    // interview screen must not wait for it.
    let (path, sha256) = match &args.path {
        Some(p) => register_path(p, &args.file)?,
        None => (String::new(), String::new()),
    };
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

/// The evidence item with this id (case ignored), or an error saying which there are.
fn find<'a>(a: &'a Assessment, file: &Path, id: &str) -> Result<&'a Evidence> {
    match a
        .evidence
        .iter()
        .find(|e| e.id.eq_ignore_ascii_case(id.trim()))
    {
        Some(e) => Ok(e),
        None => bail!(
            "{}: there is no evidence {} in the register (there are {}). Nothing was changed.",
            file.display(),
            crate::text::shown_id(id),
            super::common::id_range(a.evidence.iter().map(|e| e.id.as_str()))
        ),
    }
}

fn edit_item(models: &[PathBuf], args: EditArgs) -> Result<Outcome> {
    check_date(&args.date)?;
    let path = match args.path.as_deref() {
        Some("") => Some((String::new(), String::new())),
        Some(p) => Some(register_path(Path::new(p), &args.file)?),
        None => None,
    };
    let mut loaded = open(models, &args.file)?;
    let mut e = find(&loaded.assessment, &args.file, &args.id)?.clone();
    if let Some(t) = args.title {
        e.title = t.trim().to_string();
    }
    if let Some(k) = args.kind {
        e.kind = k;
    }
    if let Some((path, sha256)) = path {
        e.path = path;
        e.sha256 = Located::new(sha256);
    }
    if let Some(l) = args.location {
        e.location = l;
    }
    if let Some(d) = args.date {
        e.date = Located::new(d);
    }
    if let Some(o) = args.owner {
        e.owner = o;
    }
    if let Some(n) = args.note {
        e.note = n;
    }
    let id = e.id.to_string();
    edit(&mut loaded, Change::PutEvidence(e))?;
    outln!("{id}");
    Ok(Outcome::Done)
}

fn remove(models: &[PathBuf], file: &Path, id: &str, force: bool) -> Result<Outcome> {
    let mut loaded = open(models, file)?;
    let id = find(&loaded.assessment, file, id)?.id.to_string();
    let (change, places) = loaded.assessment.remove_evidence_unlinked(&id);
    if !places.is_empty() && !force {
        bail!(
            "{}: evidence {id} is cited by {}. Remove it with --force to unlink it from them too, or unlink it first. Nothing was changed.",
            file.display(),
            places.join(", ")
        );
    }
    edit(&mut loaded, change)?;
    for place in &places {
        eprintln!("note: {place} no longer cites {id}");
    }
    outln!("removed {id}");
    Ok(Outcome::Done)
}

/// The path to record for an evidence file and its sha256 (empty when it cannot be hashed: a
/// system file, a special file, one that cannot be read, each said on stderr).
pub fn register_path(p: &Path, file: &Path) -> Result<(String, String)> {
    let mut sha256 = String::new();
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
        let target = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        eprintln!(
            "note: {} is a symbolic link to {}; the sha256 of that file is recorded",
            p.display(),
            target.display()
        );
    }
    let path = relative_to_file(p, file);
    if Path::new(&path).is_absolute() {
        eprintln!(
            "note: {} lies outside the assessment file's folder, so its full path {path} is recorded; it will not be found if the folder is moved or shared",
            p.display()
        );
    }
    Ok((path, sha256))
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
