//! The command line: clap definitions and one short function per command. Each command reads,
//! calls the core, writes, and nothing else; every rule lives in the library.

mod model_cmd;
mod show;

use crate::assessment::change::{self, Change, Field, Slot};
use crate::assessment::{
    Assessment, Confidence, Evidence, EvidenceKind, Info, Member, RatingMethod, Role,
};
use crate::catalog::Catalog;
use crate::located::{Id, Located};
use crate::model::Model;
use crate::profile;
use crate::rating::{Aggregation, Order, Rating};
use crate::store;
use anyhow::{Context, Result, anyhow, bail};
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};

const AFTER_HELP: &str = "\
Examples:
  capra new --model isms --title \"ISMS assessment 2026\" --target 3 -o assessments/2026.toml
  capra rate assessments/2026.toml ISMS.CORE.3 PA1.1 L --note \"Risk register kept, not reviewed\"
  capra evidence add assessments/2026.toml --title \"Risk register v4\" --kind document --path docs/rr.xlsx
  capra score assessments/2026.toml
  capra model show isms --process ISMS.CORE.3

Files: an assessment is one TOML file (docs/assessment-file.md); models are TOML files
(docs/models.md). The ISMS model and the ISO/IEC 33020 framework are built in; files in
./models and paths given with --models add to them.";

/// Process capability assessment (ISO/IEC 33020) of ISMS processes, from the terminal.
#[derive(Debug, Parser)]
#[command(name = "capra", version, about, after_help = AFTER_HELP)]
pub struct Cli {
    /// Model file or folder of model files to use besides the built-in ones (repeatable).
    #[arg(long = "models", short = 'M', global = true, value_name = "PATH")]
    pub models: Vec<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open an assessment in the interview terminal UI (plain `capra` lists them all).
    #[command(
        after_help = "Example:\n  capra assess assessments/northwind-2026.toml\nKeys: press ? inside. Every change is saved at once."
    )]
    Assess {
        /// The assessment file.
        file: PathBuf,
    },
    /// Start a new assessment file.
    #[command(
        after_help = "Example:\n  capra new --model isms --title \"ISMS self-assessment 2026\" --unit \"Northwind IT\" \\\n      --target 2 --processes ISMS.CORE.3,ISMS.CORE.4 -o assessments/northwind-2026.toml"
    )]
    New(NewArgs),
    /// Rate one process attribute (or clear its rating with `none`).
    #[command(
        after_help = "Examples:\n  capra rate a.toml ISMS.CORE.3 PA2.1 L+ --note \"Plans exist for 3 of 4 units\" --confidence medium --evidence E-004\n  capra rate a.toml ISMS.CORE.3 PA1.1 F --instance \"Head office\"\n  capra rate a.toml ISMS.CORE.3 PA2.1 none      # clears the rating, keeps note and evidence"
    )]
    Rate(RateArgs),
    /// Characterise one outcome, achievement or practice (rating method R1).
    #[command(
        after_help = "Examples:\n  capra characterise a.toml ISMS.CORE.3 O2 L --instance \"Head office\"\n  capra characterise a.toml ISMS.CORE.3 PA2.1.c P --note \"No plan for Q4\"\n  capra characterise a.toml ISMS.CORE.3 O2 none      # removes it\nTARGET is an outcome (O1...), base practice (BP1...), information item (II1...) of the process,\nor an achievement (PA2.1.a...) or generic practice (GP2.1.1...) of the framework."
    )]
    Characterise(CharacteriseArgs),
    /// List consistency warnings and evidence coverage.
    #[command(
        after_help = "Examples:\n  capra check a.toml\n  capra check a.toml --format json\n  capra check a.toml --strict     # exit status 1 while a warning is not acknowledged"
    )]
    Check {
        /// The assessment file.
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Exit with status 1 when a warning is not acknowledged.
        #[arg(long)]
        strict: bool,
    },
    /// Accept a consistency warning with a justification, or withdraw that.
    #[command(
        after_help = "Examples:\n  capra acknowledge a.toml no-evidence:ISMS.CORE.3:PA2.1 --why \"Shown on screen; no copies allowed\"\n  capra acknowledge a.toml no-evidence:ISMS.CORE.3:PA2.1 --withdraw\nThe warning ids are those `capra check` prints."
    )]
    Acknowledge {
        /// The assessment file.
        file: PathBuf,
        /// The warning id, as `capra check` prints it.
        warning: String,
        /// Why the warning is accepted (recorded, and printed in the report).
        #[arg(long, required_unless_present = "withdraw")]
        why: Option<String>,
        /// Who accepts it (default: $CAPRA_ASSESSOR).
        #[arg(long)]
        by: Option<String>,
        /// Withdraw the acknowledgement.
        #[arg(long, conflicts_with = "why")]
        withdraw: bool,
    },
    /// Compare assessments over time: levels, gaps and ratings, before and after.
    #[command(
        after_help = "Examples:\n  capra compare assessments/2025.toml assessments/2026.toml\n  capra compare a.toml b.toml c.toml --format csv > trend.csv\n  capra compare a.toml b.toml --pdf trend.pdf\nThe assessments are put in date order (end of data collection, else creation date)."
    )]
    Compare {
        /// The assessment files, two or more.
        #[arg(required = true, num_args = 2..)]
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = CompareFormat::Table)]
        format: CompareFormat,
        /// Also write a trend report as PDF.
        #[arg(long, value_name = "PATH")]
        pdf: Option<PathBuf>,
    },
    /// Merge several assessors' files into one team assessment.
    #[command(
        after_help = "Example:\n  capra merge ana.toml ben.toml -o team.toml --title \"ISMS assessment 2026 (team)\"\nEvery assessor's rating is kept; the aggregate is proposed; ratings two or more steps apart\n(or N against F) are flagged for review, for the lead assessor to agree."
    )]
    Merge {
        /// The assessors' files, two or more.
        #[arg(required = true, num_args = 2..)]
        files: Vec<PathBuf>,
        /// The merged file.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
        /// Title of the merged assessment (default: the first file's).
        #[arg(long)]
        title: Option<String>,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// How far assessors agree: exact agreement and kappa, per process and overall.
    #[command(
        after_help = "Example:\n  capra agreement ana.toml ben.toml\nTwo files: percent agreement and linearly weighted Cohen's kappa; more: percent agreement and\nFleiss' kappa. Only attributes every assessor rated count."
    )]
    Agreement {
        /// The assessors' files, two or more.
        #[arg(required = true, num_args = 2..)]
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Show or change the rating method (R1, R2, R3) and the aggregation.
    #[command(
        after_help = "Examples:\n  capra method a.toml                     # show, and what each method would make of the ratings\n  capra method a.toml R1 --order horizontal-first\n  capra method a.toml R3 --adopt          # keep today's derived ratings as direct ratings\nNothing recorded is ever removed by a change of method."
    )]
    Method(MethodArgs),
    /// Manage the evidence register.
    #[command(subcommand)]
    Evidence(EvidenceCmd),
    /// Manage the instances of a process (projects, sites, units rated one by one).
    #[command(subcommand)]
    Instance(InstanceCmd),
    /// Set the target capability level of processes in scope.
    #[command(
        after_help = "Examples:\n  capra target a.toml 3                 # every process in scope\n  capra target a.toml 2 ISMS.SUP.4      # one process"
    )]
    Target(TargetArgs),
    /// Show capability levels, gaps to target, and what stops the next level.
    #[command(
        after_help = "Examples:\n  capra score assessments/northwind-2026.toml\n  capra score assessments/northwind-2026.toml --format json | jq '.processes[] | {id, gap}'"
    )]
    Score(ScoreArgs),
    /// Write the scored gap report: CSV files and a PDF.
    #[command(
        after_help = "Examples:\n  capra report assessments/northwind-2026.toml            # both, beside the file\n  capra report a.toml --pdf out/report.pdf --csv out/csv\n  capra report a.toml --csv out/csv                      # CSV only\nThe CSV folder holds processes.csv, ratings.csv and evidence.csv (docs/reports.md)."
    )]
    Report(ReportArgs),
    /// List, show and check models.
    #[command(subcommand)]
    Model(ModelCmd),
    /// Print shell completions.
    #[command(
        after_help = "Example:\n  capra completions bash > ~/.local/share/bash-completion/completions/capra"
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Args)]
pub struct NewArgs {
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
    /// Aggregation of instance ratings: median-low, median-high or mean.
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

#[derive(Debug, Args)]
pub struct RateArgs {
    /// The assessment file.
    pub file: PathBuf,
    /// Process id, e.g. ISMS.CORE.3.
    pub process: String,
    /// Process attribute, e.g. PA2.1.
    pub attribute: String,
    /// N, P-, P, P+, L-, L, L+, F, or none to clear the rating.
    #[arg(value_parser = parse_rating_arg)]
    pub rating: RatingArg,
    /// Rate one instance instead of the process as a whole.
    #[arg(long)]
    pub instance: Option<String>,
    /// Note (replaces the note; an empty string removes it).
    #[arg(long, allow_hyphen_values = true)]
    pub note: Option<String>,
    /// Confidence in the rating: high, medium, low, or none to remove it.
    #[arg(long, value_parser = parse_confidence)]
    pub confidence: Option<ConfidenceArg>,
    /// Link an evidence item from the register (repeatable).
    #[arg(long = "evidence", value_name = "ID")]
    pub evidence: Vec<String>,
    /// Unlink an evidence item (repeatable).
    #[arg(long = "unlink", value_name = "ID")]
    pub unlink: Vec<String>,
    /// Who gives the rating (default: $CAPRA_ASSESSOR); an empty string removes the name.
    #[arg(long)]
    pub assessor: Option<String>,
    /// Why an overall rating differs from the aggregate of the instance ratings.
    #[arg(long, allow_hyphen_values = true)]
    pub rationale: Option<String>,
}

/// A rating on the command line: a value, or `none` to clear.
#[derive(Clone, Copy, Debug)]
pub struct RatingArg(pub Option<Rating>);

#[derive(Debug, Subcommand)]
pub enum EvidenceCmd {
    /// Add an evidence item; prints its new id.
    #[command(
        after_help = "Examples:\n  capra evidence add a.toml --title \"Risk register v4\" --kind document --path evidence/risk-register.xlsx\n  capra evidence add a.toml --title \"Interview with the CISO\" --kind interview --date 2026-11-20"
    )]
    Add(EvidenceAddArgs),
    /// List the evidence register.
    List {
        /// The assessment file.
        file: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct EvidenceAddArgs {
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

#[derive(Debug, Subcommand)]
pub enum InstanceCmd {
    /// Add an instance to a process.
    #[command(
        after_help = "Example:\n  capra instance add a.toml ISMS.CORE.8 \"Data centre Lyon\""
    )]
    Add {
        file: PathBuf,
        process: String,
        name: String,
    },
    /// Remove an instance that has no ratings.
    Remove {
        file: PathBuf,
        process: String,
        name: String,
    },
}

#[derive(Debug, Args)]
pub struct TargetArgs {
    /// The assessment file.
    pub file: PathBuf,
    /// The target level, 0-5.
    pub level: u8,
    /// Processes (default: every process in scope).
    pub processes: Vec<String>,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum CompareFormat {
    Table,
    Json,
    Csv,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum ShowFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// The assessment file.
    pub file: PathBuf,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct CharacteriseArgs {
    /// The assessment file.
    pub file: PathBuf,
    /// Process id, e.g. ISMS.CORE.3.
    pub process: String,
    /// Outcome, practice, information item, achievement or generic practice id.
    pub target: String,
    /// N, P-, P, P+, L-, L, L+, F, or none to remove.
    #[arg(value_parser = parse_rating_arg)]
    pub value: RatingArg,
    /// The instance characterised (default: the process as a whole).
    #[arg(long)]
    pub instance: Option<String>,
    /// A note on it.
    #[arg(long, allow_hyphen_values = true)]
    pub note: Option<String>,
    /// Who gives it (default: $CAPRA_ASSESSOR).
    #[arg(long)]
    pub assessor: Option<String>,
}

#[derive(Debug, Args)]
pub struct MethodArgs {
    /// The assessment file.
    pub file: PathBuf,
    /// The new rating method: R1, R2 or R3.
    #[arg(value_parser = parse_method)]
    pub method: Option<RatingMethod>,
    /// The aggregation: median-low, median-high or mean.
    #[arg(long, value_parser = parse_aggregation)]
    pub aggregation: Option<Aggregation>,
    /// Under R1: vertical-first, horizontal-first or two-dimensional.
    #[arg(long, value_parser = parse_order)]
    pub order: Option<Order>,
    /// Record today's derived ratings (aggregates, proposals) as direct ratings where the change
    /// would otherwise alter them, so that no level moves.
    #[arg(long)]
    pub adopt: bool,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The assessment file.
    pub file: PathBuf,
    /// Folder for the CSV files (default with no option: NAME-csv beside the file).
    #[arg(long, value_name = "DIR")]
    pub csv: Option<PathBuf>,
    /// Path of the PDF (default with no option: NAME-report.pdf beside the file).
    #[arg(long, value_name = "PATH")]
    pub pdf: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ModelCmd {
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
    /// Check a model file against the ISO/IEC 33004 rules.
    #[command(
        after_help = "Example:\n  capra model check models/my-model.toml\nEvery violation is printed as FILE:LINE: ID: MESSAGE; the exit status is 1 when there is any."
    )]
    Check {
        /// The model or framework file.
        file: PathBuf,
    },
}

fn parse_rating_arg(s: &str) -> Result<RatingArg, String> {
    if s.eq_ignore_ascii_case("none") {
        return Ok(RatingArg(None));
    }
    s.parse::<Rating>()
        .map(|r| RatingArg(Some(r)))
        .map_err(|e| format!("{e}, or none to clear"))
}

/// A confidence on the command line: a value, or `none` to remove it.
#[derive(Clone, Copy, Debug)]
pub struct ConfidenceArg(pub Option<Confidence>);

fn parse_confidence(s: &str) -> Result<ConfidenceArg, String> {
    if s.eq_ignore_ascii_case("none") {
        return Ok(ConfidenceArg(None));
    }
    s.parse()
        .map(|c| ConfidenceArg(Some(c)))
        .map_err(|e: String| format!("{e}, or none"))
}

fn parse_kind(s: &str) -> Result<EvidenceKind, String> {
    s.parse()
}

fn parse_method(s: &str) -> Result<RatingMethod, String> {
    s.parse()
}

fn parse_aggregation(s: &str) -> Result<Aggregation, String> {
    s.parse()
}

fn parse_order(s: &str) -> Result<Order, String> {
    s.parse()
}

/// The top-level entry point: runs a parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    let Some(command) = cli.command else {
        use std::io::IsTerminal;
        if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
            return crate::tui::run(None, &cli.models);
        }
        Cli::command().print_help()?;
        println!();
        return Ok(());
    };
    match command {
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "capra", &mut std::io::stdout());
            Ok(())
        }
        Command::Model(cmd) => model_cmd::run(&cli.models, cmd),
        Command::Assess { file } => crate::tui::run(Some(file), &cli.models),
        Command::New(args) => new(&cli.models, args),
        Command::Rate(args) => rate(&cli.models, args),
        Command::Evidence(EvidenceCmd::Add(args)) => evidence_add(&cli.models, args),
        Command::Evidence(EvidenceCmd::List { file }) => evidence_list(&cli.models, &file),
        Command::Instance(cmd) => instance(&cli.models, cmd),
        Command::Target(args) => target(&cli.models, args),
        Command::Score(args) => score(&cli.models, args),
        Command::Report(args) => report(&cli.models, args),
        Command::Characterise(args) => characterise(&cli.models, args),
        Command::Check {
            file,
            format,
            strict,
        } => check(&cli.models, &file, format, strict),
        Command::Acknowledge {
            file,
            warning,
            why,
            by,
            withdraw,
        } => acknowledge(&cli.models, &file, &warning, why, by, withdraw),
        Command::Method(args) => method(&cli.models, args),
        Command::Compare { files, format, pdf } => compare(&cli.models, &files, format, pdf),
        Command::Merge {
            files,
            output,
            title,
            force,
        } => merge(&cli.models, &files, &output, title, force),
        Command::Agreement { files, format } => agreement(&cli.models, &files, format),
    }
}

fn catalog(models: &[PathBuf]) -> Result<Catalog> {
    Ok(Catalog::load(models)?)
}

/// Loads an assessment, printing the warnings.
fn load(models: &[PathBuf], file: &Path) -> Result<store::Loaded> {
    let loaded = store::load(file, &catalog(models)?)?;
    for w in &loaded.warnings {
        eprintln!("warning: {w}");
    }
    Ok(loaded)
}

/// Applies a change and saves; on any error the file is left as it was.
fn edit(loaded: &mut store::Loaded, c: Change) -> Result<Change> {
    if let Some(holder) = store::lock_holder(&loaded.path) {
        bail!(
            "{} is open in {holder}: change it there, or close it first. Nothing was changed.",
            loaded.path.display()
        );
    }
    let inverse = change::apply(&mut loaded.assessment, &loaded.model, c)
        .map_err(|e| anyhow!("{}: {e}. Nothing was changed.", loaded.path.display()))?;
    store::save(&loaded.path, &loaded.assessment)?;
    Ok(inverse)
}

/// Finds a process id of the model, ignoring case.
fn process_id(model: &Model, id: &str) -> Result<String> {
    model
        .processes
        .processes
        .iter()
        .find(|p| p.id.eq_ignore_ascii_case(id))
        .map(|p| p.id.to_string())
        .ok_or_else(|| {
            anyhow!(
                "{id} is not a process of model {} (see `capra model show {}` for the ids)",
                model.id(),
                model.id()
            )
        })
}

/// Finds an attribute id of the model, ignoring case.
fn attribute_id(model: &Model, id: &str) -> Result<String> {
    model
        .attributes()
        .find(|a| a.id.eq_ignore_ascii_case(id))
        .map(|a| a.id.to_string())
        .ok_or_else(|| {
            let ids: Vec<&str> = model.attributes().map(|a| a.id.as_str()).collect();
            anyhow!(
                "{id} is not a process attribute of model {} (use one of {})",
                model.id(),
                ids.join(", ")
            )
        })
}

/// Today's date, YYYY-MM-DD (UTC).
pub fn today() -> String {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::OffsetDateTime::now_utc()
        .date()
        .format(&format)
        .unwrap_or_default()
}

/// The top-level entry point for `capra new`.
fn new(models: &[PathBuf], args: NewArgs) -> Result<()> {
    if let Some(prev) = &args.from {
        return new_from(models, prev, &args);
    }
    let mut cat = catalog(models)?;
    let as_path = Path::new(&args.model);
    let model_id = if args.model.ends_with(".toml") || as_path.is_file() {
        let text = store::read_text(as_path)
            .map_err(|e| anyhow!("cannot read model file {}: {e}", as_path.display()))?;
        cat.add_text(crate::catalog::Origin::File(as_path.to_path_buf()), text)?
            .1
    } else {
        args.model.clone()
    };
    let model = cat.model(&model_id)?;
    let target = args.target.unwrap_or(3.min(model.max_level()));
    if target > model.max_level() {
        bail!(
            "--target {} is above the highest level of model {}, {}",
            target,
            model.id(),
            model.max_level()
        );
    }
    let processes: Vec<String> = if args.processes.is_empty() {
        model
            .processes
            .processes
            .iter()
            .map(|p| p.id.to_string())
            .collect()
    } else {
        args.processes
            .iter()
            .map(|p| process_id(&model, p.trim()))
            .collect::<Result<_>>()?
    };
    if args.title.trim().is_empty() {
        bail!("--title is empty: give the assessment a title");
    }
    let output = match args.output {
        Some(p) => p,
        None if Path::new("assessments").is_dir() => {
            Path::new("assessments").join(format!("{}.toml", crate::assessment::slug(&args.title)))
        }
        None => PathBuf::from(format!("{}.toml", crate::assessment::slug(&args.title))),
    };
    if output.exists() && !args.force {
        bail!(
            "{} already exists: choose another name with -o, or replace it with --force",
            output.display()
        );
    }
    let mut info = Info::new(args.title.trim().to_string(), today());
    info.sponsor = args.sponsor;
    info.purpose = args.purpose;
    info.unit = args.unit;
    info.class = Located::new(args.class);
    // Instances are rated one by one under R2; without instances R3 is the plain choice.
    info.rating_method = args.method.unwrap_or(if args.instances.is_empty() {
        RatingMethod::R3
    } else {
        RatingMethod::R2
    });
    info.aggregation = args.aggregation;
    let refs: Vec<&str> = processes.iter().map(String::as_str).collect();
    let mut a = Assessment::new(&model, info, &refs, target);
    if let Some(lead) = args.lead {
        a.team.push(Member {
            name: Located::new(lead),
            role: Role::LeadAssessor,
            organisation: String::new(),
        });
    }
    if !args.instances.is_empty() {
        let instances: Vec<String> = args
            .instances
            .iter()
            .map(|s| s.trim().to_string())
            .collect();
        let changes = processes
            .iter()
            .map(|p| Change::SetInstances {
                process: p.clone(),
                instances: instances.clone(),
            })
            .collect();
        change::apply(&mut a, &model, Change::Batch(changes))?;
    }
    store::save(&output, &a)?;
    println!(
        "Created {}: {} process(es) of model {} {} in scope, target level {}.",
        output.display(),
        processes.len(),
        model.id(),
        model.processes.model.version,
        target
    );
    println!(
        "Next: capra rate {} {} PA1.1 L   (then: capra score {})",
        output.display(),
        processes.first().map(String::as_str).unwrap_or("PROCESS"),
        output.display()
    );
    Ok(())
}

/// The path of `target` as seen from the folder `from` (both made absolute first).
fn relative_path(from: &Path, target: &Path) -> String {
    let abs = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let (from, target) = (abs(from), abs(target));
    let a: Vec<_> = from.components().collect();
    let b: Vec<_> = target.components().collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 {
        return target.display().to_string();
    }
    let mut p = PathBuf::new();
    for _ in common..a.len() {
        p.push("..");
    }
    for c in &b[common..] {
        p.push(c);
    }
    p.display().to_string()
}

/// `capra new --from PREVIOUS`: a follow-up assessment.
fn new_from(models: &[PathBuf], prev_path: &Path, args: &NewArgs) -> Result<()> {
    let prev = load(models, prev_path)?;
    if args.title.trim().is_empty() {
        bail!("--title is empty: give the assessment a title");
    }
    let output = match &args.output {
        Some(p) => p.clone(),
        None => prev_path.with_file_name(format!("{}.toml", crate::assessment::slug(&args.title))),
    };
    if output.exists() && !args.force {
        bail!(
            "{} already exists: choose another name with -o, or replace it with --force",
            output.display()
        );
    }
    let out_dir = output
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(out_dir)
        .with_context(|| format!("cannot create the folder {}", out_dir.display()))?;
    let a = crate::track::seed(
        &prev.model,
        &prev.assessment,
        args.title.trim().to_string(),
        today(),
        relative_path(out_dir, prev_path),
        args.copy_ratings,
    );
    store::save(&output, &a)?;
    println!(
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
    Ok(())
}

/// The top-level entry point for `capra rate`.
fn rate(models: &[PathBuf], args: RateArgs) -> Result<()> {
    let mut loaded = load(models, &args.file)?;
    let process = process_id(&loaded.model, &args.process)?;
    let attribute = attribute_id(&loaded.model, &args.attribute)?;
    let slot = Slot::new(&process, &attribute, args.instance.as_deref());
    let current = loaded
        .assessment
        .process(&process)
        .and_then(|p| {
            p.ratings.iter().find(|r| {
                r.attribute == attribute.as_str()
                    && r.instance.as_ref().map(|i| i.as_str()) == args.instance.as_deref()
            })
        })
        .cloned()
        .unwrap_or_default();
    let before = current.rating();

    let mut changes = vec![Change::Set {
        slot: slot.clone(),
        field: Field::Rating(args.rating.0),
    }];
    match args.assessor {
        // Given explicitly: set it, or with "" remove it.
        Some(name) => changes.push(Change::Set {
            slot: slot.clone(),
            field: Field::Assessor(name.trim().to_string()),
        }),
        None => {
            let env = std::env::var("CAPRA_ASSESSOR").unwrap_or_default();
            if !env.trim().is_empty() && args.rating.0.is_some() {
                changes.push(Change::Set {
                    slot: slot.clone(),
                    field: Field::Assessor(env.trim().to_string()),
                });
            }
        }
    }
    if let Some(note) = args.note {
        changes.push(Change::Set {
            slot: slot.clone(),
            field: Field::Note(note),
        });
    }
    if let Some(c) = args.confidence {
        changes.push(Change::Set {
            slot: slot.clone(),
            field: Field::Confidence(c.0),
        });
    }
    if let Some(r) = args.rationale {
        changes.push(Change::Set {
            slot: slot.clone(),
            field: Field::Rationale(r),
        });
    }
    if !args.evidence.is_empty() || !args.unlink.is_empty() {
        let mut ids: Vec<String> = current.evidence.iter().map(|e| e.to_string()).collect();
        for e in &args.evidence {
            let e = e.trim().to_string();
            if !ids.contains(&e) {
                ids.push(e);
            }
        }
        for u in &args.unlink {
            if !ids.iter().any(|x| x == u.trim()) {
                bail!(
                    "{}: evidence {u} is not linked to {process} {attribute}. Nothing was changed.",
                    args.file.display()
                );
            }
            ids.retain(|x| x != u.trim());
        }
        changes.push(Change::Set {
            slot: slot.clone(),
            field: Field::Evidence(ids),
        });
    }
    edit(&mut loaded, Change::Batch(changes))?;

    let prof = profile::score(&loaded.model, &loaded.assessment);
    let what = match &args.instance {
        Some(i) => format!("{process} {attribute} ({i})"),
        None => format!("{process} {attribute}"),
    };
    println!(
        "{what}: {} (was {})",
        crate::rating::describe(args.rating.0),
        crate::rating::describe(before)
    );
    if let Some(ps) = prof.processes.iter().find(|p| p.id == process) {
        println!("{}", show::level_line(ps));
    }
    let method = loaded.assessment.assessment.rating_method;
    if args.instance.is_some() && method != RatingMethod::R2 {
        println!(
            "note: the assessment uses rating method {method}, under which instance ratings are kept as detail but do not count; `capra method {} R2` makes them count.",
            args.file.display()
        );
    }
    Ok(())
}

/// The top-level entry point for `capra evidence add`.
fn evidence_add(models: &[PathBuf], args: EvidenceAddArgs) -> Result<()> {
    let mut loaded = load(models, &args.file)?;
    let id = loaded.assessment.next_evidence_id();
    let mut sha256 = String::new();
    let mut path = String::new();
    if let Some(p) = &args.path {
        match std::fs::metadata(p) {
            Ok(m) if m.is_file() => {
                sha256 =
                    store::hash_file(p).with_context(|| format!("cannot read {}", p.display()))?;
            }
            Ok(_) => eprintln!(
                "note: {} is not a regular file; recorded without a sha256",
                p.display()
            ),
            Err(e) => eprintln!(
                "note: {} cannot be read ({e}); recorded without a sha256",
                p.display()
            ),
        }
        if std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink()) {
            let target = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
            eprintln!(
                "note: {} is a symbolic link to {}; the sha256 of that file is recorded",
                p.display(),
                target.display()
            );
        }
        path = relative_to_file(p, &args.file);
        if Path::new(&path).is_absolute() {
            eprintln!(
                "note: {} lies outside the assessment file's folder, so its full path {path} is recorded; it will not be found if the folder is moved or shared",
                p.display()
            );
        }
    }
    if let Some(d) = &args.date
        && !crate::assessment::valid_date(d)
    {
        bail!("--date {d} is not a date: write it as YYYY-MM-DD");
    }
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
    println!("{id}");
    Ok(())
}

/// A path as seen from the assessment file's folder when it lies below it, else absolute.
fn relative_to_file(p: &Path, file: &Path) -> String {
    let abs = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let base = file
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if let Ok(base) = std::fs::canonicalize(base)
        && let Ok(rel) = abs.strip_prefix(&base)
    {
        return rel.to_string_lossy().into_owned();
    }
    abs.to_string_lossy().into_owned()
}

/// The top-level entry point for `capra evidence list`.
fn evidence_list(models: &[PathBuf], file: &Path) -> Result<()> {
    let loaded = load(models, file)?;
    print!("{}", show::evidence_table(&loaded.assessment));
    Ok(())
}

/// The top-level entry point for `capra instance`.
fn instance(models: &[PathBuf], cmd: InstanceCmd) -> Result<()> {
    let (file, process, name, add) = match cmd {
        InstanceCmd::Add {
            file,
            process,
            name,
        } => (file, process, name, true),
        InstanceCmd::Remove {
            file,
            process,
            name,
        } => (file, process, name, false),
    };
    let mut loaded = load(models, &file)?;
    let process = process_id(&loaded.model, &process)?;
    let mut instances: Vec<String> = loaded
        .assessment
        .process(&process)
        .map(|p| p.instances.iter().map(|i| i.to_string()).collect())
        .unwrap_or_default();
    if add {
        instances.push(name.trim().to_string());
    } else if instances.iter().any(|i| i == &name) {
        instances.retain(|i| i != &name);
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
    let now: Vec<String> = loaded
        .assessment
        .process(&process)
        .map(|p| p.instances.iter().map(|i| i.to_string()).collect())
        .unwrap_or_default();
    println!(
        "{process} instances: {}",
        if now.is_empty() {
            "none".to_string()
        } else {
            now.join(", ")
        }
    );
    Ok(())
}

/// The top-level entry point for `capra target`.
fn target(models: &[PathBuf], args: TargetArgs) -> Result<()> {
    let mut loaded = load(models, &args.file)?;
    let ids: Vec<String> = if args.processes.is_empty() {
        loaded
            .assessment
            .processes
            .iter()
            .map(|p| p.id.to_string())
            .collect()
    } else {
        args.processes
            .iter()
            .map(|p| process_id(&loaded.model, p))
            .collect::<Result<_>>()?
    };
    let changes = ids
        .iter()
        .map(|p| Change::SetTarget {
            process: p.clone(),
            target: args.level,
        })
        .collect();
    edit(&mut loaded, Change::Batch(changes))?;
    println!(
        "Target level {} set for {} process(es).",
        args.level,
        ids.len()
    );
    Ok(())
}

/// The top-level entry point for `capra score`.
fn score(models: &[PathBuf], args: ScoreArgs) -> Result<()> {
    let loaded = load(models, &args.file)?;
    let prof = profile::score(&loaded.model, &loaded.assessment);
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&prof)?),
        Format::Table => print!("{}", show::score_table(&prof, &loaded.model)),
    }
    Ok(())
}

/// The top-level entry point for `capra report`.
fn report(models: &[PathBuf], args: ReportArgs) -> Result<()> {
    let loaded = load(models, &args.file)?;
    let data = std::fs::read(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let (pdf, csv) = match (args.pdf, args.csv) {
        (None, None) => {
            let (p, c) = store::default_report_paths(&args.file);
            (Some(p), Some(c))
        }
        other => other,
    };
    let written = store::write_reports(
        &loaded.model,
        &loaded.assessment,
        &data,
        csv.as_deref(),
        pdf.as_deref(),
    )?;
    for p in written {
        println!("wrote {}", p.display());
    }
    Ok(())
}

fn assessor_or_env(given: Option<String>) -> String {
    given
        .or_else(|| std::env::var("CAPRA_ASSESSOR").ok())
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// The top-level entry point for `capra characterise`.
fn characterise(models: &[PathBuf], args: CharacteriseArgs) -> Result<()> {
    let mut loaded = load(models, &args.file)?;
    let process = process_id(&loaded.model, &args.process)?;
    let record = args.value.0.map(|value| change::CharacterisationValue {
        value,
        assessor: assessor_or_env(args.assessor.clone()),
        note: args.note.clone().unwrap_or_default(),
    });
    edit(
        &mut loaded,
        Change::Characterise {
            process: process.clone(),
            item: args.target.trim().to_string(),
            instance: args.instance.clone(),
            record,
        },
    )?;
    let what = match &args.instance {
        Some(i) => format!("{process} {} ({i})", args.target),
        None => format!("{process} {}", args.target),
    };
    println!("{what}: {}", crate::rating::describe(args.value.0));
    let prof = profile::score(&loaded.model, &loaded.assessment);
    if let Some(ps) = prof.processes.iter().find(|p| p.id == process) {
        for a in ps.attributes.iter().filter(|a| a.proposal.is_some()) {
            let p = a
                .proposal
                .as_ref()
                .map(|p| (p.rating, p.characterised, p.items.len()));
            if let Some((r, n, of)) = p {
                println!(
                    "{} proposal: {} ({n} of {of} characterised); rating in use: {} ({})",
                    a.id,
                    crate::rating::describe(r),
                    crate::rating::describe(a.rating),
                    a.source.word()
                );
            }
        }
        println!("{}", show::level_line(ps));
    }
    if loaded.assessment.assessment.rating_method != RatingMethod::R1 {
        println!(
            "note: the assessment uses rating method {}; characterisations are kept as detail and propose ratings only under R1 (`capra method {} R1`).",
            loaded.assessment.assessment.rating_method,
            args.file.display()
        );
    }
    Ok(())
}

/// The top-level entry point for `capra check`.
fn check(models: &[PathBuf], file: &Path, format: Format, strict: bool) -> Result<()> {
    let loaded = load(models, file)?;
    let prof = profile::score(&loaded.model, &loaded.assessment);
    let warnings = crate::check::check(&loaded.model, &loaded.assessment, &prof);
    let stale = crate::check::stale_acknowledgements(&loaded.assessment, &warnings);
    match format {
        Format::Json => {
            #[derive(serde::Serialize)]
            struct Out<'a> {
                warnings: Vec<serde_json::Value>,
                stale_acknowledgements: Vec<&'a str>,
                coverage: &'a profile::Coverage,
            }
            let warnings = warnings
                .iter()
                .map(|w| {
                    let mut v = serde_json::to_value(w).unwrap_or_default();
                    v["id"] = serde_json::Value::String(w.id());
                    v
                })
                .collect();
            let out = Out {
                warnings,
                stale_acknowledgements: stale.iter().map(|k| k.warning.as_str()).collect(),
                coverage: &prof.summary.coverage,
            };
            println!("{}", serde_json::to_string_pretty(&out)?);
        }
        Format::Table => print!("{}", show::check_text(&warnings, &stale, &prof, file)),
    }
    let open = warnings.iter().filter(|w| w.acknowledged.is_none()).count();
    if strict && open > 0 {
        bail!("{open} warning(s) not acknowledged");
    }
    Ok(())
}

/// The top-level entry point for `capra acknowledge`.
fn acknowledge(
    models: &[PathBuf],
    file: &Path,
    warning: &str,
    why: Option<String>,
    by: Option<String>,
    withdraw: bool,
) -> Result<()> {
    let mut loaded = load(models, file)?;
    if withdraw {
        edit(&mut loaded, Change::Unacknowledge(warning.to_string()))?;
        println!("{warning}: acknowledgement withdrawn");
        return Ok(());
    }
    let prof = profile::score(&loaded.model, &loaded.assessment);
    let warnings = crate::check::check(&loaded.model, &loaded.assessment, &prof);
    if !warnings.iter().any(|w| w.id() == warning) {
        let ids: Vec<String> = warnings.iter().map(|w| w.id()).collect();
        bail!(
            "{}: there is no warning {warning} (run `capra check {}`; current ids: {})",
            file.display(),
            file.display(),
            if ids.is_empty() {
                "none".to_string()
            } else {
                ids.join(", ")
            }
        );
    }
    edit(
        &mut loaded,
        Change::Acknowledge(crate::assessment::Acknowledgement {
            warning: Id::from(warning),
            justification: why.unwrap_or_default().trim().to_string(),
            by: assessor_or_env(by),
            date: today(),
        }),
    )?;
    println!("{warning}: acknowledged");
    Ok(())
}

/// The top-level entry point for `capra method`.
fn method(models: &[PathBuf], args: MethodArgs) -> Result<()> {
    let mut loaded = load(models, &args.file)?;
    let info = &loaded.assessment.assessment;
    let (old_m, old_a, old_o) = (info.rating_method, info.aggregation, info.aggregation_order);
    let new_m = args.method.unwrap_or(old_m);
    let new_a = args.aggregation.unwrap_or(old_a);
    let new_o = args.order.unwrap_or(old_o);
    let before = profile::score(&loaded.model, &loaded.assessment);
    let mut trial = loaded.assessment.clone();
    trial.assessment.rating_method = new_m;
    trial.assessment.aggregation = new_a;
    trial.assessment.aggregation_order = new_o;
    let after = profile::score(&loaded.model, &trial);
    let changed = show::method_changes(&before, &after);
    println!(
        "Rating method {new_m}: {}\nAggregation {new_a}: {}\nOrder {new_o}: {}",
        new_m.explain(),
        new_a.explain(),
        new_o.explain()
    );
    if (new_m, new_a, new_o) == (old_m, old_a, old_o) {
        if !changed.is_empty() {
            println!();
        }
        for m in [RatingMethod::R1, RatingMethod::R2, RatingMethod::R3] {
            if m == old_m {
                continue;
            }
            let mut t = loaded.assessment.clone();
            t.assessment.rating_method = m;
            let n = show::method_changes(&before, &profile::score(&loaded.model, &t)).len();
            println!("Under {m}, {n} attribute rating(s) would change.");
        }
        return Ok(());
    }
    let mut changes = vec![
        Change::SetMethod(new_m),
        Change::SetAggregation {
            method: new_a,
            order: new_o,
        },
    ];
    if args.adopt {
        for (p, a, old, _) in &changed {
            if let Some(r) = old {
                changes.push(Change::Set {
                    slot: Slot::new(p, a, None),
                    field: Field::Rating(Some(*r)),
                });
            }
        }
    }
    edit(&mut loaded, Change::Batch(changes))?;
    let n_inst: usize = loaded
        .assessment
        .processes
        .iter()
        .map(|p| p.ratings.iter().filter(|r| r.instance.is_some()).count())
        .sum();
    let n_char: usize = loaded
        .assessment
        .processes
        .iter()
        .map(|p| p.characterisations.len())
        .sum();
    println!(
        "Changed from {old_m} ({old_a}, {old_o}). Nothing recorded was removed: {n_inst} instance rating(s) and {n_char} characterisation(s) stay in the file."
    );
    if changed.is_empty() {
        println!("No attribute rating changes.");
    } else if args.adopt {
        println!(
            "{} derived rating(s) were recorded as direct ratings, so no level moves.",
            changed.iter().filter(|c| c.2.is_some()).count()
        );
    } else {
        println!("{} attribute rating(s) change:", changed.len());
        for (p, a, old, new) in &changed {
            println!(
                "  {p} {a}: {} -> {}",
                crate::rating::describe(*old),
                crate::rating::describe(*new)
            );
        }
        println!("(Run again with --adopt to keep the old ratings as direct ratings.)");
    }
    Ok(())
}

/// Loads several assessment files of one model, with labels (their file names).
fn load_many(models: &[PathBuf], files: &[PathBuf]) -> Result<Vec<(String, store::Loaded)>> {
    files
        .iter()
        .map(|f| {
            let label = f
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| f.display().to_string());
            load(models, f).map(|l| (label, l))
        })
        .collect()
}

/// The top-level entry point for `capra compare`.
fn compare(
    models: &[PathBuf],
    files: &[PathBuf],
    format: CompareFormat,
    pdf: Option<PathBuf>,
) -> Result<()> {
    let loaded = load_many(models, files)?;
    let items: Vec<(String, &Assessment)> = loaded
        .iter()
        .map(|(l, x)| (l.clone(), &x.assessment))
        .collect();
    // The newest model the files name is used to score all of them.
    let model = &loaded[loaded.len() - 1].1.model;
    let cmp = crate::track::compare(model, &items)?;
    match format {
        CompareFormat::Json => println!("{}", serde_json::to_string_pretty(&cmp)?),
        CompareFormat::Csv => {
            std::io::Write::write_all(&mut std::io::stdout(), &crate::report::csv::trend(&cmp))?
        }
        CompareFormat::Table => print!("{}", show::compare_text(&cmp)),
    }
    if let Some(path) = pdf {
        let bytes = crate::report::pdf::render_trend(&cmp).map_err(|e| anyhow!(e))?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create the folder {}", dir.display()))?;
        }
        store::write_atomic(&path, &bytes)?;
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}

/// The top-level entry point for `capra merge`.
fn merge(
    models: &[PathBuf],
    files: &[PathBuf],
    output: &Path,
    title: Option<String>,
    force: bool,
) -> Result<()> {
    if output.exists() && !force {
        bail!(
            "{} already exists: choose another name with -o, or replace it with --force",
            output.display()
        );
    }
    let loaded = load_many(models, files)?;
    let items: Vec<(String, &Assessment)> = loaded
        .iter()
        .map(|(l, x)| (l.clone(), &x.assessment))
        .collect();
    let model = &loaded[0].1.model;
    let title = title.unwrap_or_else(|| loaded[0].1.assessment.assessment.title.clone());
    let merged = crate::track::merge(model, &items, title)?;
    store::save(output, &merged.assessment)?;
    println!(
        "Merged {} file(s) into {}: {} process(es), {} evidence item(s).",
        files.len(),
        output.display(),
        merged.assessment.processes.len(),
        merged.assessment.evidence.len()
    );
    for n in &merged.notes {
        println!("note: {n}");
    }
    if merged.disagreements.is_empty() {
        println!(
            "No disagreements: the proposed ratings are the aggregates of the assessors' ratings."
        );
    } else {
        println!(
            "{} disagreement(s), flagged for review (two or more steps apart, or N against F):",
            merged.disagreements.len()
        );
        for d in &merged.disagreements {
            let who: Vec<String> = d.ratings.iter().map(|(w, r)| format!("{w} {r}")).collect();
            println!(
                "  {} {}{}: {}",
                d.process,
                d.attribute,
                d.instance
                    .as_ref()
                    .map(|i| format!(" ({i})"))
                    .unwrap_or_default(),
                who.join(", ")
            );
        }
        println!(
            "Agree each one in `capra assess {}` (o shows the flagged ones; rate, E for the rationale, r to mark reviewed).",
            output.display()
        );
    }
    Ok(())
}

/// The top-level entry point for `capra agreement`.
fn agreement(models: &[PathBuf], files: &[PathBuf], format: Format) -> Result<()> {
    let loaded = load_many(models, files)?;
    let items: Vec<(String, &Assessment)> = loaded
        .iter()
        .map(|(l, x)| (l.clone(), &x.assessment))
        .collect();
    let rep = crate::track::agreement_report(&loaded[0].1.model, &items)?;
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&rep)?),
        Format::Table => print!("{}", show::agreement_text(&rep)),
    }
    Ok(())
}
