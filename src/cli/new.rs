//! `capra new`: a new assessment file, or with `--from` a follow-up of a previous one.

use super::common::{Outcome, catalog, load, outln, parse_aggregation, parse_method, take_lock};
use crate::assessment::RatingMethod;
use crate::assessment::create::{NewAssessment, create};
use crate::catalog::Origin;
use crate::fsio;
use crate::rating::Aggregation;
use crate::store;
use anyhow::{Result, anyhow, bail};
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Model id (e.g. isms) or path to a model file.
    #[arg(long, default_value = "isms")]
    pub model: String,
    /// Follow up a previous assessment: same scope, targets, instances, team, inputs and
    /// evidence register; its ratings are shown beside the new ones.
    #[arg(long, value_name = "PREVIOUS.toml")]
    pub from: Option<PathBuf>,
    /// With --from: copy the previous ratings, notes and evidence links, to be revised.
    #[arg(long, requires = "from")]
    pub copy_ratings: bool,
    /// Title of the assessment.
    #[arg(long)]
    pub title: String,
    /// Target capability level for every process in scope (0-5; default 3, or the model's
    /// highest level when that is lower).
    #[arg(long)]
    pub target: Option<u8>,
    /// Processes in scope, comma separated (default: every process of the model).
    #[arg(long, value_delimiter = ',', value_name = "ID,ID")]
    pub processes: Vec<String>,
    /// Where to write (default: assessments/<title>.toml, or ./<title>.toml when there is no
    /// assessments folder).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Who commissions the assessment.
    #[arg(long, default_value = "")]
    pub sponsor: String,
    /// The organisational unit assessed.
    #[arg(long, default_value = "")]
    pub unit: String,
    /// Why the assessment is made.
    #[arg(long, default_value = "")]
    pub purpose: String,
    /// Class of assessment: 1 (most rigorous), 2, 3 (lightest).
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u8).range(1..=3))]
    pub class: u8,
    /// Rating method: R1, R2 or R3 (default R3, or R2 with --instances).
    #[arg(long, value_parser = parse_method)]
    pub method: Option<RatingMethod>,
    /// Aggregation of instance ratings: median-low, median-high, mean or minimum.
    #[arg(long, default_value = "median-low", value_parser = parse_aggregation)]
    pub aggregation: Aggregation,
    /// Lead assessor's name (added to the team).
    #[arg(long)]
    pub lead: Option<String>,
    /// Instances every process is rated on, comma separated (e.g. sites).
    #[arg(long, value_delimiter = ',', value_name = "NAME,NAME")]
    pub instances: Vec<String>,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// The top-level entry point for `capra new`.
pub fn run(models: &[PathBuf], args: Args) -> Result<Outcome> {
    if let Some(prev) = &args.from {
        return follow_up(models, prev, &args);
    }
    let mut cat = catalog(models)?;
    let as_path = Path::new(&args.model);
    let model_id = if args.model.ends_with(".toml") || as_path.is_file() {
        let text = fsio::read_text(as_path)
            .map_err(|e| anyhow!("cannot read model file {}: {e}", as_path.display()))?;
        cat.add_text(Origin::File(as_path.to_path_buf()), text)?.1
    } else {
        args.model.clone()
    };
    let model = cat.model(&model_id)?;
    let mut req = NewAssessment::new(args.title.clone(), fsio::today());
    req.sponsor = args.sponsor.clone();
    req.unit = args.unit.clone();
    req.purpose = args.purpose.clone();
    req.class = args.class;
    req.method = args.method;
    req.aggregation = args.aggregation;
    req.target = args.target;
    req.lead = args.lead.clone().unwrap_or_default();
    req.processes = args.processes.clone();
    req.instances = args.instances.clone();
    let a = create(&model, &req)?;
    let output = match &args.output {
        Some(p) => p.clone(),
        None if Path::new("assessments").is_dir() => {
            Path::new("assessments").join(format!("{}.toml", crate::assessment::slug(&args.title)))
        }
        None => PathBuf::from(format!("{}.toml", crate::assessment::slug(&args.title))),
    };
    fsio::make_folder_for(&output)?;
    let _lock = take_lock(&output)?;
    refuse_existing(&output, args.force)?;
    store::save(&output, &a)?;
    let first = a.processes.first().map(|p| p.id.to_string());
    outln!(
        "Created {}: {} process(es) of model {} {} in scope, target level {}.",
        output.display(),
        a.processes.len(),
        crate::text::clean(model.id()),
        crate::text::clean(&model.processes.model.version),
        a.processes.first().map(|p| *p.target).unwrap_or_default()
    );
    outln!(
        "Next: capra rate {} {} PA1.1 L   (then: capra score {})",
        output.display(),
        first.as_deref().unwrap_or("PROCESS"),
        output.display()
    );
    Ok(Outcome::Done)
}

fn refuse_existing(output: &Path, force: bool) -> Result<()> {
    if output.exists() && !force {
        bail!(
            "{} already exists: choose another name with -o, or replace it with --force",
            output.display()
        );
    }
    Ok(())
}

/// `capra new --from PREVIOUS`: a follow-up assessment.
fn follow_up(models: &[PathBuf], prev_path: &Path, args: &Args) -> Result<Outcome> {
    let prev = load(models, prev_path)?;
    if args.title.trim().is_empty() {
        bail!("--title is empty: give the assessment a title");
    }
    let output = match &args.output {
        Some(p) => p.clone(),
        None => prev_path.with_file_name(format!("{}.toml", crate::assessment::slug(&args.title))),
    };
    fsio::make_folder_for(&output)?;
    let _lock = take_lock(&output)?;
    refuse_existing(&output, args.force)?;
    let a = crate::track::seed(
        &prev.model,
        &prev.assessment,
        args.title.trim().to_string(),
        fsio::today(),
        fsio::relative_path(fsio::folder_of(&output), prev_path)
            .display()
            .to_string(),
        args.copy_ratings,
    );
    store::save(&output, &a)?;
    outln!(
        "Created {} following {}: {} process(es), their targets and instances, the team and {} evidence item(s) carried over{}.",
        output.display(),
        prev_path.display(),
        a.processes.len(),
        a.evidence.len(),
        if args.copy_ratings {
            ", with the previous ratings to revise"
        } else {
            "; the previous ratings are shown beside the new ones"
        }
    );
    let done = prev.assessment.actions.len() - a.actions.len();
    if a.actions.is_empty() {
        if done > 0 {
            outln!("The previous improvement plan has no open action ({done} done or dropped).");
        }
    } else {
        let ids: Vec<&str> = a.actions.iter().map(|x| x.id.as_str()).collect();
        outln!(
            "Improvement plan: {} open action(s) carried over to check first ({}){}; see `capra action list {}`.",
            a.actions.len(),
            ids.join(", "),
            if done > 0 {
                format!("; {done} done or dropped stay in the previous file")
            } else {
                String::new()
            },
            output.display()
        );
    }
    Ok(Outcome::Done)
}
