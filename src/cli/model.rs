//! `capra model list | show | check`: the models capra knows, one model in full, and the
//! checks of a model file (ISO/IEC 33004) or framework file (ISO/IEC 33003).

use super::common::print_json;
use super::common::{Outcome, out, outln};
use super::show;
use crate::catalog::{Catalog, Origin};
use crate::model::FileKind;
use crate::text::clean;
use anyhow::{Result, anyhow, bail};
use clap::{Subcommand, ValueEnum};
use std::path::{Path, PathBuf};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the models and frameworks capra knows.
    List,
    /// Show a model or framework.
    #[command(
        after_help = "Examples:\n  capra model show isms\n  capra model show isms --process ISMS.CORE.8\n  capra model show iso33020\n  capra model show isms --format json > isms.json"
    )]
    Show {
        /// Model or framework id (see `capra model list`).
        id: String,
        /// Show one process in full.
        #[arg(long)]
        process: Option<String>,
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
    },
    /// Check a model file (ISO/IEC 33004 rules) or framework file (ISO/IEC 33003 rules).
    #[command(
        after_help = "Example:\n  capra model check models/my-model.toml\nEvery violation is printed as FILE:LINE: ID: MESSAGE, every warning as FILE:LINE: ID: warning: MESSAGE; the exit status is 1 when there is any violation (warnings alone do not fail)."
    )]
    Check {
        /// The model or framework file.
        file: PathBuf,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum ShowFormat {
    Text,
    Json,
}

/// The top-level entry point for `capra model`.
pub fn run(models: &[PathBuf], cmd: Command) -> Result<Outcome> {
    match cmd {
        Command::List => list(models),
        Command::Show {
            id,
            process,
            format,
        } => show_model(models, &id, process.as_deref(), format),
        Command::Check { file } => check(models, &file),
    }
}

fn list(models: &[PathBuf]) -> Result<Outcome> {
    let cat = Catalog::load(models)?;
    outln!(
        "{:<10} {:<10} {:<9} {:>9}  {:<40} SOURCE",
        "ID",
        "KIND",
        "VERSION",
        "PROCESSES",
        "NAME"
    );
    for e in &cat.frameworks {
        let f = &e.value.framework;
        outln!(
            "{:<10} {:<10} {:<9} {:>9}  {} {}",
            clean(f.id.as_str()),
            "framework",
            clean(&f.version),
            "-",
            show::fit(&f.name, 40),
            e.origin
        );
    }
    for e in &cat.models {
        let m = &e.value.model;
        let status = if cat.check_model(e).is_empty() {
            String::new()
        } else {
            "  (has problems: run capra model check)".to_string()
        };
        outln!(
            "{:<10} {:<10} {:<9} {:>9}  {} {}{status}",
            clean(m.id.as_str()),
            "model",
            clean(&m.version),
            e.value.processes.len(),
            show::fit(&m.name, 40),
            e.origin
        );
    }
    for (path, problem) in &cat.problems {
        outln!("(not loaded) {}: {problem}", path.display());
    }
    Ok(Outcome::Done)
}

fn show_model(
    models: &[PathBuf],
    id: &str,
    process: Option<&str>,
    format: ShowFormat,
) -> Result<Outcome> {
    let cat = Catalog::load(models)?;
    if let Some(e) = cat.model_entry(id) {
        let m = &e.value;
        match process {
            Some(pid) => {
                let p = m
                    .processes
                    .iter()
                    .find(|p| p.id.eq_ignore_ascii_case(pid))
                    .ok_or_else(|| anyhow!("{pid} is not a process of model {id}"))?;
                match format {
                    ShowFormat::Json => print_json(None, p)?,
                    ShowFormat::Text => out!("{}", show::process_text(m, p)),
                }
            }
            None => match format {
                ShowFormat::Json => print_json(None, m)?,
                ShowFormat::Text => out!("{}", show::model_text(m)),
            },
        }
        return Ok(Outcome::Done);
    }
    if let Some(e) = cat.framework_entry(id) {
        if process.is_some() {
            bail!("{id} is a framework: --process applies to process models");
        }
        match format {
            ShowFormat::Json => print_json(None, &e.value)?,
            ShowFormat::Text => out!("{}", show::framework_text(&e.value)),
        }
        return Ok(Outcome::Done);
    }
    let mut known: Vec<String> = cat
        .models
        .iter()
        .map(|e| e.value.model.id.to_string())
        .collect();
    known.extend(
        cat.frameworks
            .iter()
            .map(|e| e.value.framework.id.to_string()),
    );
    bail!("no model or framework '{id}' (known: {})", known.join(", "))
}

/// Checks one file; prints every violation as FILE:LINE: ID: MESSAGE and fails when any.
fn check(models: &[PathBuf], file: &Path) -> Result<Outcome> {
    let text = crate::fsio::read_text(file)
        .map_err(|e| anyhow!("cannot read model file {}: {e}", file.display()))?;
    let mut cat = Catalog::load(models)?;
    let (kind, id) = cat.add_text(Origin::File(file.to_path_buf()), text)?;
    let mut warnings: Vec<String> = Vec::new();
    let (problems, summary, rules) = match kind {
        FileKind::Framework => {
            let e = cat
                .framework_entry(&id)
                .ok_or_else(|| anyhow!("framework {id} vanished"))?;
            let f = &e.value;
            let summary = format!(
                "framework {id} {}: {} levels, {} attributes, {} achievements, {} generic practices, {} scale values",
                f.framework.version,
                f.levels.len(),
                f.attributes.len(),
                f.attributes
                    .iter()
                    .map(|a| a.achievements.len())
                    .sum::<usize>(),
                f.attributes
                    .iter()
                    .map(|a| a.generic_practices.len())
                    .sum::<usize>(),
                f.scale.len()
            );
            (cat.check_framework(e), summary, "ISO/IEC 33003")
        }
        FileKind::ProcessModel => {
            let e = cat
                .model_entry(&id)
                .ok_or_else(|| anyhow!("model {id} vanished"))?;
            let m = &e.value;
            let mut summary = format!(
                "model {id} {}: {} processes, {} outcomes, {} base practices, {} information items",
                m.model.version,
                m.processes.len(),
                m.processes.iter().map(|p| p.outcomes.len()).sum::<usize>(),
                m.processes
                    .iter()
                    .map(|p| p.base_practices.len())
                    .sum::<usize>(),
                m.processes
                    .iter()
                    .map(|p| p.information_items.len())
                    .sum::<usize>()
            );
            if !m.clauses.is_empty() || !m.controls.is_empty() {
                summary.push_str(&format!(
                    ", a catalogue of {} clauses and {} controls",
                    m.clauses.len(),
                    m.controls.len()
                ));
            }
            // Only this file's own violations (its framework is checked on its own).
            let own = format!("{}:", e.origin);
            let own_problems = cat
                .check_model(e)
                .into_iter()
                .filter(|p| p.starts_with(&own))
                .collect();
            warnings = cat.model_warnings(e);
            (own_problems, summary, "ISO/IEC 33004")
        }
    };
    let mut all: Vec<&String> = problems.iter().chain(warnings.iter()).collect();
    // In file order, as the checks list them: "FILE:LINE: ..." sorted by line.
    let line_of = |s: &str| -> usize {
        s.strip_prefix(&format!("{}:", file.display()))
            .and_then(|rest| rest.split(':').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    all.sort_by_key(|s| line_of(s));
    for p in &all {
        outln!("{}", clean(p));
    }
    if problems.is_empty() {
        let warned = if warnings.is_empty() {
            String::new()
        } else {
            format!(" {} warning(s).", warnings.len())
        };
        outln!(
            "{}: {}. No problems found.{warned}",
            file.display(),
            clean(&summary)
        );
        Ok(Outcome::Done)
    } else {
        eprintln!(
            "{}: {} problem(s) against the {rules} rules ({}){}",
            file.display(),
            problems.len(),
            clean(&summary),
            if warnings.is_empty() {
                String::new()
            } else {
                format!("; {} warning(s)", warnings.len())
            }
        );
        Ok(Outcome::Findings)
    }
}
