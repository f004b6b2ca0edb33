//! `capra merge-file BASE OURS THEIRS`: git's merge driver for assessment files (`capra git
//! setup` installs it). The three versions are merged by identity in the core
//! ([`crate::track::merge3`]); the result is checked as `store::load` checks a file, then
//! written over OURS, as git's driver contract wants. Exit status: 0 merged cleanly, 1 merged
//! with conflicts (both versions kept in the file, in a form capra loads), 2 nothing written
//! (a side that is not an assessment of this capra, or another model).

use super::common::{Outcome, catalog, take_lock};
use crate::catalog::Catalog;
use crate::store::{self, Loaded};
use anyhow::{Result, anyhow, bail};
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The common ancestor (git's %O); an empty file when both branches added the file.
    pub base: PathBuf,
    /// Our version (git's %A): the merged file is written here.
    pub ours: PathBuf,
    /// Their version (git's %B).
    pub theirs: PathBuf,
}

/// At most this many of the changes taken from THEIRS are listed one by one.
const LISTED: usize = 12;

/// The top-level entry point for `capra merge-file`.
pub fn run(models: &[PathBuf], args: Args) -> Result<Outcome> {
    let _lock = take_lock(&args.ours)?;
    let catalog = catalog(models)?;
    let ours = side(&catalog, "OURS", &args.ours)?;
    let theirs = side(&catalog, "THEIRS", &args.theirs)?;
    let base_text = crate::fsio::read_text(&args.base).map_err(|e| {
        anyhow!(
            "cannot read BASE {}: {e}. Nothing was written.",
            args.base.display()
        )
    })?;
    let base = if base_text.trim().is_empty() {
        None
    } else {
        Some(side(&catalog, "BASE", &args.base)?)
    };
    let model = &ours.model;
    let merged = crate::track::merge3(
        model,
        base.as_ref().map(|l| &l.assessment),
        &ours.assessment,
        &theirs.assessment,
    )
    .map_err(|e| anyhow!("{e}. Nothing was written."))?;
    // The checks `store::load` makes, on the text that would be written.
    let text = store::to_text(&merged.assessment);
    let again = store::parse(&args.ours, &text).map_err(|e| {
        anyhow!("the merged assessment cannot be written as a file capra reads ({e}). Nothing was written.")
    })?;
    let problems = crate::assessment::validate::validate(&again, model);
    if !problems.is_empty() {
        let list: Vec<String> = problems
            .iter()
            .map(|p| format!("  {}", p.message))
            .collect();
        bail!(
            "the merged assessment would not load ({} problem(s)):\n{}\nNothing was written; merge this file by hand.",
            problems.len(),
            list.join("\n")
        );
    }
    store::save(&args.ours, &merged.assessment)?;
    report(&merged);
    Ok(if merged.conflicts.is_empty() {
        Outcome::Done
    } else {
        Outcome::Findings
    })
}

/// One side of the merge, loaded and checked as any assessment file; the error names the side.
fn side(catalog: &Catalog, label: &str, path: &Path) -> Result<Loaded> {
    let what = || {
        format!(
            "{label} ({}) cannot be merged; nothing was written",
            path.display()
        )
    };
    store::load(path, catalog).map_err(|e| {
        // A file of a newer capra may not parse at all: say so rather than name its first key.
        let newer = crate::fsio::read_text(path)
            .ok()
            .and_then(|t| toml::from_str::<toml::Table>(&t).ok())
            .and_then(|t| t.get("schema_version").and_then(toml::Value::as_integer))
            .filter(|v| *v > i64::from(crate::assessment::SCHEMA_VERSION));
        match newer {
            Some(v) => anyhow!(
                "{}: it was written by a newer capra (schema_version {v}; this capra reads {}): upgrade capra",
                what(),
                crate::assessment::SCHEMA_VERSION
            ),
            None => anyhow::Error::new(e).context(what()),
        }
    })
}

/// The summary on stderr: what came from THEIRS, what was renumbered, every conflict.
fn report(m: &crate::track::ThreeWay) {
    let say = |s: &str| eprintln!("{}", crate::text::printable(s, true));
    say(&format!(
        "capra merge-file: {} change(s) taken from theirs, {} renumbered, {} conflict(s).",
        m.taken.len(),
        m.renumbered.len(),
        m.conflicts.len()
    ));
    for t in m.taken.iter().take(LISTED) {
        say(&format!("  theirs: {t}"));
    }
    if m.taken.len() > LISTED {
        say(&format!("  ... and {} more", m.taken.len() - LISTED));
    }
    for r in &m.renumbered {
        say(&format!(
            "  renumbered: theirs' new {} is {} (links follow)",
            r.from, r.to
        ));
    }
    for c in &m.conflicts {
        say(&format!("  CONFLICT {}: {}", c.place, c.detail));
    }
    if !m.conflicts.is_empty() {
        say(
            "Both versions are kept in the file; ratings in conflict are flagged for review. Resolve them in `capra assess FILE` (D lists them; o, t or a new rating agrees each), then `git add` the file.",
        );
    }
}
