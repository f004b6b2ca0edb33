//! `capra clauses FILE`: readiness per clause of ISO/IEC 27001 (the model's `[[clauses]]`), from
//! the capability of the processes behind each. The rule is in [`crate::iso27001`]; this file
//! prints its result as a table, JSON or CSV (shared with `capra controls`; the CSV is the
//! report's, written by [`crate::report::csv::readiness`]).

use super::common::print_json;
use super::common::{Outcome, load, out};
use crate::iso27001::{Readiness, Standing};
use crate::report::csv::Stamp;
use anyhow::Result;
use clap::ValueEnum;
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Csv,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The assessment file.
    pub file: PathBuf,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// The top-level entry point for `capra clauses`.
pub fn run(models: &[PathBuf], args: Args) -> Result<Outcome> {
    let loaded = load(models, &args.file)?;
    if loaded.model.processes.clauses.is_empty() {
        anyhow::bail!(
            "model {} has no clause catalogue ([[clauses]]): see docs/models.md",
            loaded.model.id()
        );
    }
    let prof = crate::profile::score(&loaded.model, &loaded.assessment);
    let r = crate::iso27001::clauses(&loaded.model, &prof);
    print(&r, &Stamp::of(&loaded.assessment), args.format, "clause")
}

/// Prints a readiness list in the chosen format.
/// The CSV is the report's `clauses.csv` or `controls.csv`, with `stamp`'s columns first.
pub(super) fn print(r: &Readiness, stamp: &Stamp, format: Format, what: &str) -> Result<Outcome> {
    match format {
        Format::Json => print_json(None, r)?,
        Format::Csv => std::io::Write::write_all(
            &mut std::io::stdout().lock(),
            &crate::report::csv::readiness(stamp, r),
        )?,
        Format::Table => out!("{}", crate::text::printable(&table(r, what), true)),
    }
    Ok(Outcome::Done)
}

fn table(r: &Readiness, what: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{} ({} {})", r.title, r.model, r.model_version);
    let _ = writeln!(
        s,
        "{} supported, {} at risk, {} not assessed{}",
        r.counts.supported,
        r.counts.at_risk,
        r.counts.not_assessed,
        if r.counts.excluded > 0 {
            format!(
                ", {} excluded by the statement of applicability",
                r.counts.excluded
            )
        } else {
            String::new()
        }
    );
    let _ = writeln!(s, "Processes: role, capability level/target.");
    for e in &r.entries {
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "{what} {:<7} {:<12} {}{}",
            e.id,
            e.verdict.word(),
            e.title,
            if e.documented { " [documented]" } else { "" }
        );
        let procs: Vec<String> = e.processes.iter().map(Standing::short).collect();
        let _ = writeln!(s, "  processes: {}", procs.join("; "));
        let _ = writeln!(s, "  why: {}", e.reason);
        if let Some(soa) = &e.soa {
            let mut line = "  SoA: applicable".to_string();
            if !soa.implementation.is_empty() {
                let _ = write!(line, "; implementation: {}", soa.implementation);
            }
            if !soa.justification.is_empty() {
                let _ = write!(line, "; {}", soa.justification);
            }
            let _ = writeln!(s, "{line}");
        }
    }
    s
}
