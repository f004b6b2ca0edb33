//! `capra instance add|remove FILE PROCESS NAME`: the instances of a process.

use super::common::{Outcome, edit, open, outln, process_id};
use crate::assessment::change::Change;
use anyhow::{Result, bail};
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add an instance to a process.
    #[command(
        after_help = "Example:\n  capra instance add a.toml ISMS.CORE.8 \"Data centre Lyon\""
    )]
    Add(Args),
    /// Remove an instance that has no ratings.
    Remove(Args),
}

#[derive(Debug, clap::Args)]
pub struct Args {
    pub file: PathBuf,
    pub process: String,
    pub name: String,
}

/// The top-level entry point for `capra instance`.
pub fn run(models: &[PathBuf], cmd: Command) -> Result<Outcome> {
    let (args, add) = match cmd {
        Command::Add(args) => (args, true),
        Command::Remove(args) => (args, false),
    };
    let (file, name) = (&args.file, &args.name);
    let mut loaded = open(models, file)?;
    let process = process_id(&loaded.model, &args.process)?;
    let names = |a: &crate::assessment::Assessment| -> Vec<String> {
        a.process(&process)
            .map(|p| p.instances.iter().map(|i| i.to_string()).collect())
            .unwrap_or_default()
    };
    let mut instances = names(&loaded.assessment);
    if add {
        instances.push(name.trim().to_string());
    } else if instances.iter().any(|i| i == name) {
        instances.retain(|i| i != name);
    } else {
        bail!(
            "{}: '{name}' is not an instance of {process}",
            file.display()
        );
    }
    edit(
        &mut loaded,
        Change::SetInstances {
            process: process.clone(),
            instances,
        },
    )?;
    let now = names(&loaded.assessment);
    outln!(
        "{process} instances: {}",
        if now.is_empty() {
            "none".to_string()
        } else {
            now.join(", ")
        }
    );
    Ok(Outcome::Done)
}
