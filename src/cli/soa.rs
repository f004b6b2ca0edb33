//! `capra soa import FILE SOA.csv` and `capra soa template [-o PATH]`: the Statement of
//! Applicability, stored in the assessment (`[[soa]]`) so that reports can be made again.

use super::common::{Outcome, catalog, edit, open, outln};
use crate::assessment::change::Change;
use crate::assessment::soa::{self, SoaEntry};
use crate::model::Model;
use anyhow::{Result, bail};
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Store a Statement of Applicability (CSV) in the assessment, replacing the one there.
    Import {
        /// The assessment file.
        file: PathBuf,
        /// The SoA: header row, then control id, applicable (yes/no), justification,
        /// implementation status.
        soa: PathBuf,
    },
    /// Write an empty Statement of Applicability to fill in: every control, applicable blank.
    Template {
        /// The model whose catalogue to use.
        #[arg(long, default_value = "isms")]
        model: String,
        /// Where to write it (default: standard output).
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
    },
}

/// Reads and checks a SoA file against the model's catalogue; every bad row is an error.
pub fn read(model: &Model, path: &Path) -> Result<Vec<SoaEntry>> {
    let text = crate::fsio::read_text(path)?;
    let ids: Vec<&str> = model
        .processes
        .controls
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    match soa::parse_csv(text.as_bytes(), &ids) {
        Ok(rows) => Ok(rows),
        Err(errors) => {
            let lines: Vec<String> = errors
                .iter()
                .map(|e| {
                    crate::text::printable(
                        &format!("{}:{}: {}", path.display(), e.line, e.message),
                        false,
                    )
                })
                .collect();
            bail!(
                "{}\n{} bad row(s) in {}: nothing imported",
                lines.join("\n"),
                errors.len(),
                path.display()
            )
        }
    }
}

/// The top-level entry point for `capra soa`.
pub fn run(models: &[PathBuf], cmd: Command) -> Result<Outcome> {
    match cmd {
        Command::Import { file, soa: path } => {
            let mut editing = open(models, &file)?;
            let rows = read(&editing.loaded.model, &path)?;
            let (n, applicable) = (rows.len(), rows.iter().filter(|r| r.applicable).count());
            let all = editing.loaded.model.processes.controls.len();
            edit(&mut editing, Change::SetSoa(rows))?;
            outln!(
                "{}: statement of applicability stored: {n} of {all} controls, {applicable} applicable, {} excluded",
                file.display(),
                n - applicable
            );
            Ok(Outcome::Done)
        }
        Command::Template { model, output } => {
            let cat = catalog(models)?;
            let m = cat.model(&model)?;
            if m.processes.controls.is_empty() {
                bail!("model {} has no control catalogue ([[controls]])", m.id());
            }
            let controls: Vec<(&str, &str)> = m
                .processes
                .controls
                .iter()
                .map(|c| (c.id.as_str(), c.title.as_str()))
                .collect();
            let bytes = soa::template_csv(&controls);
            match output {
                Some(path) => {
                    if path.exists() {
                        bail!("{} exists: capra does not overwrite it", path.display());
                    }
                    crate::fsio::write_atomic(&path, &bytes)?;
                    eprintln!("wrote {}", path.display());
                }
                None => std::io::Write::write_all(&mut std::io::stdout().lock(), &bytes)?,
            }
            Ok(Outcome::Done)
        }
    }
}
