//! `capra check FILE`: consistency warnings and evidence coverage.

use super::common::print_json;
use super::common::{Format, Outcome, load, out, outln};
use super::show;
use crate::profile;
use anyhow::Result;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The assessment file.
    pub file: PathBuf,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Exit with status 1 when a warning is not acknowledged or the inputs have a problem.
    #[arg(long)]
    pub strict: bool,
}

/// The top-level entry point for `capra check`.
pub fn run(models: &[PathBuf], args: Args) -> Result<Outcome> {
    let loaded = load(models, &args.file)?;
    let prof = profile::score(&loaded.model, &loaded.assessment);
    let warnings = crate::check::check(&loaded.model, &loaded.assessment, &prof);
    let stale = crate::check::stale_acknowledgements(&loaded.assessment, &warnings);
    let mut inputs = crate::check::input_problems(&loaded.assessment);
    let class = *loaded.assessment.assessment.class.get();
    let class_gaps = crate::check::class_gaps(&loaded.assessment);
    let previous = &loaded.assessment.assessment.previous;
    if !previous.is_empty() && !crate::fsio::folder_of(&args.file).join(previous).is_file() {
        inputs.push(format!(
            "the previous assessment {previous} (the `previous` key in [assessment], a path from this file's folder) does not exist: correct the path, or remove the key"
        ));
    }
    match args.format {
        Format::Json => {
            #[derive(serde::Serialize)]
            struct Out<'a> {
                warnings: Vec<serde_json::Value>,
                inputs: &'a [String],
                class: u8,
                class_requirements_not_met: &'a [String],
                stale_acknowledgements: Vec<&'a str>,
                coverage: &'a profile::Coverage,
            }
            let warnings = warnings
                .iter()
                .map(|w| {
                    let mut v = serde_json::to_value(w)?;
                    v["id"] = serde_json::Value::String(w.id());
                    Ok(v)
                })
                .collect::<Result<_, serde_json::Error>>()?;
            let out = Out {
                warnings,
                inputs: &inputs,
                class,
                class_requirements_not_met: &class_gaps,
                stale_acknowledgements: stale.iter().map(|k| k.warning.as_str()).collect(),
                coverage: &prof.summary.coverage,
            };
            print_json(None, &out)?;
        }
        Format::Table => {
            for p in &inputs {
                outln!("Inputs: {}\n", crate::text::clean(p));
            }
            for g in &class_gaps {
                outln!("Class {class} not met: {}\n", crate::text::clean(g));
            }
            out!("{}", show::check_text(&warnings, &stale, &prof, &args.file))
        }
    }
    let open = warnings.iter().filter(|w| w.acknowledged.is_none()).count();
    if args.strict && open + inputs.len() + class_gaps.len() > 0 {
        eprintln!(
            "{open} warning(s) not acknowledged, {} problem(s) with the inputs, {} requirement(s) of class {class} not met",
            inputs.len(),
            class_gaps.len()
        );
        return Ok(Outcome::Findings);
    }
    Ok(Outcome::Done)
}
