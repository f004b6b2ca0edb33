//! `capra instance add|remove FILE PROCESS NAME`: the instances of a process.

use super::common::{Outcome, attribute_id, edit, open, outln, process_id};
use crate::assessment::NotApplicable;
use crate::assessment::change::Change;
use crate::located::Id;
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
    /// Mark an instance not applicable to one attribute (or to all), with the reason; under R1
    /// and R2 an attribute counts as rated only once every applicable instance is.
    #[command(
        name = "na",
        after_help = "Examples:\n  capra instance na a.toml ISMS.CORE.8 Oslo --attribute PA2.2 --reason \"No work products kept at Oslo\"\n  capra instance na a.toml ISMS.CORE.8 Oslo --remove"
    )]
    NotApplicable(NaArgs),
}

#[derive(Debug, clap::Args)]
pub struct NaArgs {
    pub file: PathBuf,
    pub process: String,
    pub name: String,
    /// The attribute it does not apply to (default: every attribute).
    #[arg(long)]
    pub attribute: Option<String>,
    /// Why it does not apply (recorded, and printed in the report).
    #[arg(long, required_unless_present = "remove")]
    pub reason: Option<String>,
    /// Take the mark away.
    #[arg(long, conflicts_with = "reason")]
    pub remove: bool,
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
        Command::NotApplicable(args) => return not_applicable(models, args),
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

/// `capra instance na`: an instance marked not applicable, or the mark taken away.
fn not_applicable(models: &[PathBuf], args: NaArgs) -> Result<Outcome> {
    let mut loaded = open(models, &args.file)?;
    let process = process_id(&loaded.model, &args.process)?;
    let attribute = match &args.attribute {
        Some(a) => Some(attribute_id(&loaded.model, a)?),
        None => None,
    };
    let Some(mut record) = loaded.assessment.process(&process).cloned() else {
        bail!(
            "{}: {process} is not in the scope of this assessment",
            args.file.display()
        );
    };
    let name = args.name.trim();
    if !record.instances.iter().any(|i| i == name) {
        bail!(
            "{}: '{name}' is not an instance of {process} (add it with `capra instance add`)",
            args.file.display()
        );
    }
    let same = |n: &NotApplicable| {
        n.instance == name && n.attribute.as_ref().map(|a| a.to_string()) == attribute
    };
    let had = record.not_applicable.iter().any(same);
    record.not_applicable.retain(|n| !same(n));
    let what = attribute
        .clone()
        .unwrap_or_else(|| "every attribute".into());
    if !args.remove {
        let reason = args.reason.unwrap_or_default().trim().to_string();
        if reason.is_empty() {
            bail!("--reason is empty: say why the instance does not apply");
        }
        record.not_applicable.push(NotApplicable {
            instance: Id::from(name),
            attribute: attribute.as_deref().map(Id::from),
            reason,
        });
    } else if !had {
        bail!(
            "{}: '{name}' of {process} is not marked not applicable to {what}",
            args.file.display()
        );
    }
    edit(&mut loaded, Change::PutProcess(record))?;
    outln!(
        "{process} {name}: {} {what}",
        if args.remove {
            "applies again to"
        } else {
            "not applicable to"
        }
    );
    Ok(Outcome::Done)
}
