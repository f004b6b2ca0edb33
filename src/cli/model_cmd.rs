//! `capra model list | show | check`.

use super::{ModelCmd, ShowFormat, show};
use crate::catalog::{Catalog, Origin};
use crate::model::FileKind;
use anyhow::{Result, anyhow, bail};
use std::path::{Path, PathBuf};

/// The top-level entry point for `capra model`.
pub fn run(models: &[PathBuf], cmd: ModelCmd) -> Result<()> {
    match cmd {
        ModelCmd::List => list(models),
        ModelCmd::Show {
            id,
            process,
            format,
        } => show_model(models, &id, process.as_deref(), format),
        ModelCmd::Check { file } => check(models, &file),
    }
}

fn list(models: &[PathBuf]) -> Result<()> {
    let cat = Catalog::load(models)?;
    println!(
        "{:<10} {:<10} {:<9} {:>9}  {:<40} SOURCE",
        "ID", "KIND", "VERSION", "PROCESSES", "NAME"
    );
    for e in &cat.frameworks {
        let f = &e.value.framework;
        println!(
            "{:<10} {:<10} {:<9} {:>9}  {} {}",
            f.id.as_str(),
            "framework",
            f.version,
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
        println!(
            "{:<10} {:<10} {:<9} {:>9}  {} {}{status}",
            m.id.as_str(),
            "model",
            m.version,
            e.value.processes.len(),
            show::fit(&m.name, 40),
            e.origin
        );
    }
    for (path, problem) in &cat.problems {
        println!("(not loaded) {}: {problem}", path.display());
    }
    Ok(())
}

fn show_model(
    models: &[PathBuf],
    id: &str,
    process: Option<&str>,
    format: ShowFormat,
) -> Result<()> {
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
                    ShowFormat::Json => println!("{}", serde_json::to_string_pretty(p)?),
                    ShowFormat::Text => print!("{}", show::process_text(m, p)),
                }
            }
            None => match format {
                ShowFormat::Json => println!("{}", serde_json::to_string_pretty(m)?),
                ShowFormat::Text => print!("{}", show::model_text(m)),
            },
        }
        return Ok(());
    }
    if let Some(e) = cat.framework_entry(id) {
        if process.is_some() {
            bail!("{id} is a framework: --process applies to process models");
        }
        match format {
            ShowFormat::Json => println!("{}", serde_json::to_string_pretty(&e.value)?),
            ShowFormat::Text => print!("{}", show::framework_text(&e.value)),
        }
        return Ok(());
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
fn check(models: &[PathBuf], file: &Path) -> Result<()> {
    let text = crate::store::read_text(file)
        .map_err(|e| anyhow!("cannot read model file {}: {e}", file.display()))?;
    let mut cat = Catalog::load(models)?;
    let (kind, id) = cat.add_text(Origin::File(file.to_path_buf()), text)?;
    let (problems, summary) = match kind {
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
            (cat.check_framework(e), summary)
        }
        FileKind::ProcessModel => {
            let e = cat
                .model_entry(&id)
                .ok_or_else(|| anyhow!("model {id} vanished"))?;
            let m = &e.value;
            let summary = format!(
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
            // Only this file's own violations (its framework is checked on its own).
            let own = format!("{}:", e.origin);
            let own_problems = cat
                .check_model(e)
                .into_iter()
                .filter(|p| p.starts_with(&own))
                .collect();
            (own_problems, summary)
        }
    };
    if problems.is_empty() {
        println!("{}: {summary}. No problems found.", file.display());
        Ok(())
    } else {
        for p in &problems {
            println!("{p}");
        }
        bail!(
            "{}: {} problem(s) against the ISO/IEC 33004 rules ({summary})",
            file.display(),
            problems.len()
        )
    }
}
