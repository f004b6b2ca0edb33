//! The command line: the clap definition of `capra` and the one match that sends each command to
//! the file that runs it. A command lives in its own file, with its arguments next to the
//! function that runs it (the layout of jj's and cargo's `commands/`); it reads, calls the core,
//! writes, and nothing else: every rule lives in the library.

mod acknowledge;
mod action;
mod agreement;
mod assess;
mod characterise;
mod check;
mod clauses;
mod common;
mod compare;
mod completions;
mod controls;
mod evidence;
mod finding;
mod get;
mod git;
mod instance;
mod interview;
mod merge;
mod merge_file;
mod method;
mod minutes;
mod model;
mod new;
mod question;
mod rate;
mod report;
mod request;
mod score;
mod set;
mod show;
mod soa;
mod suggest;
mod target;

pub use common::Outcome;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use std::path::PathBuf;

const AFTER_HELP: &str = "\
Examples:
  capra new --model isms --title \"ISMS assessment 2026\" --target 3 -o assessments/2026.toml
  capra rate assessments/2026.toml ISMS.CORE.3 PA1.1 L --note \"Risk register kept, not reviewed\"
  capra evidence add assessments/2026.toml --title \"Risk register v4\" --kind document --path docs/rr.xlsx
  capra score assessments/2026.toml
  capra model show isms --process ISMS.CORE.3

Files: an assessment is one TOML file (docs/assessment-file.md); models are TOML files
(docs/models.md). The ISMS model and the ISO/IEC 33020 framework are built in; files in
./models and paths given with --models add to them.

Exit status: 0 done, 1 findings (check --strict with warnings not acknowledged or problems
with the inputs, model check with violations), 2 error (bad input, a file that cannot be read
or written).";

/// Process capability assessment (ISO/IEC 33020) of ISMS processes, from the terminal.
#[derive(Debug, Parser)]
#[command(name = "capra", version, about, after_help = AFTER_HELP)]
pub struct Cli {
    /// Model file or folder of model files to use besides the built-in ones (repeatable).
    #[arg(long = "models", short = 'M', global = true, value_name = "PATH")]
    pub models: Vec<PathBuf>,

    /// Who rates, characterises or acknowledges (recorded with it; default: the lead assessor
    /// of the file's team); an empty name removes it from a rating.
    #[arg(
        long,
        global = true,
        env = "CAPRA_ASSESSOR",
        value_name = "NAME",
        visible_alias = "by"
    )]
    pub assessor: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open an assessment in the interview terminal UI (plain `capra` lists them all).
    #[command(
        after_help = "Example:\n  capra assess assessments/northwind-2026.toml\nKeys: press ? inside. Every change is saved at once."
    )]
    #[command(display_order = 1)]
    Assess(assess::Args),
    /// Start a new assessment file.
    #[command(
        after_help = "Example:\n  capra new --model isms --title \"ISMS self-assessment 2026\" --unit \"Northwind IT\" \\\n      --target 2 --processes ISMS.CORE.3,ISMS.CORE.4 -o assessments/northwind-2026.toml"
    )]
    #[command(display_order = 2)]
    New(new::Args),
    /// Rate one process attribute (or clear its rating with `none`).
    #[command(
        after_help = "Examples:\n  capra rate a.toml ISMS.CORE.3 PA2.1 L+ --note \"Plans exist for 3 of 4 units\" --confidence medium --evidence E-004\n  capra rate a.toml ISMS.CORE.3 PA1.1 F --instance \"Head office\"\n  capra rate a.toml ISMS.CORE.3 PA2.1 none      # clears the rating, keeps note and evidence"
    )]
    #[command(display_order = 3)]
    Rate(rate::Args),
    /// Characterise one outcome, achievement or practice (rating method R1).
    #[command(
        after_help = "Examples:\n  capra characterise a.toml ISMS.CORE.3 O2 L --instance \"Head office\"\n  capra characterise a.toml ISMS.CORE.3 PA2.1.c P --note \"No plan for Q4\"\n  capra characterise a.toml ISMS.CORE.3 O2 none      # removes it\nTARGET is an outcome (O1...), base practice (BP1...), information item (II1...) of the process,\nor an achievement (PA2.1.a...) or generic practice (GP2.1.1...) of the framework."
    )]
    #[command(display_order = 4)]
    Characterise(characterise::Args),
    /// List consistency warnings and evidence coverage.
    #[command(
        after_help = "Examples:\n  capra check a.toml\n  capra check a.toml --format json\n  capra check a.toml --strict     # exit status 1 while a warning is not acknowledged"
    )]
    #[command(display_order = 16)]
    Check(check::Args),
    /// Accept a consistency warning with a justification, or withdraw that.
    #[command(
        after_help = "Examples:\n  capra acknowledge a.toml no-evidence:ISMS.CORE.3:PA2.1 --why \"Shown on screen; no copies allowed\"\n  capra acknowledge a.toml no-evidence:ISMS.CORE.3:PA2.1 --withdraw\nThe warning ids are those `capra check` prints."
    )]
    #[command(display_order = 17)]
    Acknowledge(acknowledge::Args),
    /// Compare assessments over time: levels, gaps and ratings, before and after.
    #[command(
        after_help = "Examples:\n  capra compare assessments/2025.toml assessments/2026.toml\n  capra compare a.toml b.toml c.toml --format csv > trend.csv\n  capra compare a.toml b.toml --pdf trend.pdf\nThe assessments are put in date order (end of data collection, else creation date)."
    )]
    #[command(display_order = 21)]
    Compare(compare::Args),
    /// Merge several assessors' files into one team assessment.
    #[command(
        after_help = "Example:\n  capra merge ana.toml ben.toml -o team.toml --title \"ISMS assessment 2026 (team)\"\nEvery assessor's rating is kept; the aggregate is proposed; ratings two or more steps apart\n(or N against F) are flagged for review, for the lead assessor to agree."
    )]
    #[command(display_order = 22)]
    Merge(merge::Args),
    /// Three-way merge of one assessment file by identity: git's merge driver (`capra git setup`).
    #[command(
        after_help = "Example (git runs it, with the files of the common ancestor, ours and theirs):\n  capra merge-file %O %A %B\nThe result is written over OURS. Ratings, evidence, findings and actions are matched by what\nthey are about, not by line; new items with the same id are both kept (theirs renumbered).\nExit status: 0 merged, 1 merged with conflicts (both versions kept in the file, ratings\nflagged for review), 2 nothing written (a side is not an assessment, or of another model)."
    )]
    #[command(display_order = 23)]
    MergeFile(merge_file::Args),
    /// Set git up to merge assessment files with capra.
    #[command(
        subcommand,
        after_help = "Example:\n  capra git setup && git add .gitattributes && git commit -m \"Merge assessments with capra\""
    )]
    #[command(display_order = 24)]
    Git(git::Command),
    /// How far assessors agree: exact agreement and kappa, per process and overall.
    #[command(
        after_help = "Example:\n  capra agreement ana.toml ben.toml\nTwo files: percent agreement and linearly weighted Cohen's kappa; more: percent agreement and\nFleiss' kappa. Only attributes every assessor rated count."
    )]
    #[command(display_order = 25)]
    Agreement(agreement::Args),
    /// Show or change the rating method (R1, R2, R3) and the aggregation.
    #[command(
        after_help = "Examples:\n  capra method a.toml                     # show, and what each method would make of the ratings\n  capra method a.toml R1 --order horizontal-first\n  capra method a.toml R3 --adopt          # keep today's derived ratings as direct ratings\nNothing recorded is ever removed by a change of method."
    )]
    #[command(display_order = 26)]
    Method(method::Args),
    /// Manage the evidence register.
    #[command(subcommand)]
    #[command(display_order = 8)]
    Evidence(evidence::Command),
    /// Record findings: strengths, weaknesses, observations and recommendations (what the report prints).
    #[command(subcommand)]
    #[command(display_order = 5)]
    Finding(finding::Command),
    /// Manage the improvement plan: actions with owners, due dates and status.
    #[command(subcommand)]
    #[command(display_order = 6)]
    Action(action::Command),
    /// Plan interviews: who, when, for which processes (findings and requests may name one).
    #[command(subcommand)]
    #[command(display_order = 9)]
    Interview(interview::Command),
    /// Print the minutes of an interview for the interviewee to validate (text, or a PDF).
    #[command(
        after_help = "Examples:\n  capra minutes a.toml I-001\n  capra minutes a.toml I-001 --pdf minutes-I-001.pdf\nThey hold who, when, the assessors, the processes covered, the findings captured in the\ninterview and the documents asked for in it; never the private notes."
    )]
    #[command(display_order = 12)]
    Minutes(minutes::Args),
    /// The model's interview questions as a checklist: record what was asked and heard, see the
    /// coverage per process.
    #[command(subcommand)]
    #[command(display_order = 10)]
    Question(question::Command),
    /// Ask for documents and note when they come (and the evidence they became).
    #[command(subcommand)]
    #[command(display_order = 11)]
    Request(request::Command),
    /// Manage the instances of a process (projects, sites, units rated one by one).
    #[command(subcommand)]
    #[command(display_order = 13)]
    Instance(instance::Command),
    /// Set the target capability level of processes in scope.
    #[command(
        after_help = "Examples:\n  capra target a.toml 3                 # every process in scope\n  capra target a.toml 2 ISMS.SUP.4      # one process"
    )]
    #[command(display_order = 14)]
    Target(target::Args),
    /// Set an input of the assessment or a report setting, checked as loading checks the file.
    #[command(
        after_help = "Examples:\n  capra set a.toml purpose \"Baseline before certification\"\n  capra set a.toml class 2\n  capra set a.toml report.organisation \"Northwind Freight GmbH\"\n  capra set a.toml report.distribution \"Executive board\" \"CISO\"\n  capra set a.toml report.sign_off \"Dr. Henrike Vogel; COO; 2026-12-01\"\n  capra set a.toml report.status final     # refused while the report would be a draft\n  capra set a.toml report.status final --force \"Board accepted the open warnings\"\n  capra set a.toml report.logo \"\"          # one empty value removes an optional key\nKeys are named as in the file (docs/assessment-file.md); `capra get FILE` lists them."
    )]
    #[command(display_order = 19)]
    Set(set::Args),
    /// Print the inputs of the assessment and the report settings (one key, or all as key = value).
    #[command(after_help = "Examples:\n  capra get a.toml\n  capra get a.toml report.status")]
    #[command(display_order = 20)]
    Get(get::Args),
    /// Show capability levels, gaps to target, and what stops the next level.
    #[command(
        after_help = "Examples:\n  capra score assessments/northwind-2026.toml\n  capra score assessments/northwind-2026.toml --format json | jq '.processes[] | {id, gap}'"
    )]
    #[command(display_order = 15)]
    Score(score::Args),
    /// Suggest improvement actions from the model for processes below target.
    #[command(
        after_help = "Examples:\n  capra suggest assessments/northwind-2026.toml\n  capra suggest a.toml --process ISMS.CORE.3\n  capra suggest a.toml --process ISMS.CORE.3 --add 4 5     # as proposed actions in the plan\n  capra suggest a.toml --add all --format json\nFor the attributes that stop the next level: the items characterised below what it needs, or,\nwhen nothing under an attribute is characterised, all its practices (from the model's text)."
    )]
    #[command(display_order = 7)]
    Suggest(suggest::Args),
    /// Write the scored gap report: a PDF, a folder of CSV files and, when asked, a workbook.
    #[command(after_help = report::after_help())]
    #[command(display_order = 18)]
    Report(report::Args),
    /// ISO/IEC 27001 readiness per clause, from the capability of the processes behind each.
    #[command(
        after_help = "Examples:\n  capra clauses assessments/northwind-2026.toml\n  capra clauses a.toml --format csv > clauses.csv\nA clause is at risk when a rated process behind it is not performed (PA1.1 below L), when it\nasks for documented information and PA2.2 is below L, or (sections 9 and 10) when the process\nis below its target. docs/iso27001.md has the rules."
    )]
    #[command(display_order = 27)]
    Clauses(clauses::Args),
    /// ISO/IEC 27001 Annex A readiness per control, with the Statement of Applicability.
    #[command(
        after_help = "Examples:\n  capra controls assessments/northwind-2026.toml\n  capra controls a.toml --soa soa.csv --format json\nA control is at risk when a rated process it depends on is below level 1 or below its target.\nWith a SoA (--soa, else the one stored by `capra soa import`), excluded controls are left out\nand the applicable ones at risk come first."
    )]
    #[command(display_order = 28)]
    Controls(controls::Args),
    /// Store a Statement of Applicability in the assessment, or write an empty one.
    #[command(subcommand)]
    #[command(
        after_help = "Examples:\n  capra soa template -o soa.csv\n  capra soa import assessments/northwind-2026.toml soa.csv\nCSV: header row, then control id, applicable (yes/no), justification, implementation status;\n`;` separators and a UTF-8 BOM (Excel) are accepted. A bad row stops the import."
    )]
    #[command(display_order = 29)]
    Soa(soa::Command),
    /// List, show and check models.
    #[command(subcommand)]
    #[command(display_order = 30)]
    Model(model::Command),
    /// Print shell completions.
    #[command(
        after_help = "Example:\n  capra completions bash > ~/.local/share/bash-completion/completions/capra"
    )]
    #[command(display_order = 31)]
    Completions(completions::Args),
}

/// Parses the command line. `$CAPRA_ASSESSOR` set but empty counts as not set (an empty
/// `--assessor ""` typed on the command line still removes a name).
pub fn parse() -> Cli {
    let matches = Cli::command().get_matches();
    let mut cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    if matches.value_source("assessor") == Some(clap::parser::ValueSource::EnvVariable)
        && cli.assessor.as_deref().is_some_and(|s| s.trim().is_empty())
    {
        cli.assessor = None;
    }
    cli
}

/// The top-level entry point: runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    let models = &cli.models;
    let assessor = cli.assessor.as_deref();
    let Some(command) = cli.command else {
        return assess::home(models, assessor, &mut Cli::command());
    };
    match command {
        Command::Assess(args) => assess::run(models, assessor, args),
        Command::New(args) => new::run(models, args),
        Command::Rate(args) => rate::run(models, assessor, args),
        Command::Characterise(args) => characterise::run(models, assessor, args),
        Command::Check(args) => check::run(models, args),
        Command::Acknowledge(args) => acknowledge::run(models, assessor, args),
        Command::Compare(args) => compare::run(models, args),
        Command::Merge(args) => merge::run(models, args),
        Command::MergeFile(args) => merge_file::run(models, args),
        Command::Git(cmd) => git::run(cmd),
        Command::Agreement(args) => agreement::run(models, args),
        Command::Method(args) => method::run(models, args),
        Command::Evidence(cmd) => evidence::run(models, cmd),
        Command::Finding(cmd) => finding::run(models, assessor, cmd),
        Command::Action(cmd) => action::run(models, assessor, cmd),
        Command::Instance(cmd) => instance::run(models, cmd),
        Command::Interview(cmd) => interview::run(models, cmd),
        Command::Request(cmd) => request::run(models, cmd),
        Command::Minutes(args) => minutes::run(models, args),
        Command::Question(cmd) => question::run(models, cmd),
        Command::Target(args) => target::run(models, args),
        Command::Set(args) => set::run(models, assessor, args),
        Command::Get(args) => get::run(models, args),
        Command::Score(args) => score::run(models, args),
        Command::Suggest(args) => suggest::run(models, assessor, args),
        Command::Report(args) => report::run(models, args),
        Command::Clauses(args) => clauses::run(models, args),
        Command::Controls(args) => controls::run(models, args),
        Command::Soa(cmd) => soa::run(models, cmd),
        Command::Model(cmd) => model::run(models, cmd),
        Command::Completions(args) => completions::run(args, &mut Cli::command()),
    }
}
