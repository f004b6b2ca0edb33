//! `capra question ask|remove|list FILE`: the model's interview questions as a checklist, with
//! the answers heard and the coverage per process.

use super::common::print_json;
use super::common::{Format, Outcome, edit, load, open, out, outln, process_id};
use crate::assessment::change::Change;
use crate::assessment::interview_rules::{Asked, questions_of};
use crate::assessment::{Assessment, Question};
use crate::model::Model;
use anyhow::{Result, bail};
use clap::Subcommand;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Record a question of the model's guidance as asked, with the answer heard.
    #[command(
        after_help = "Examples:\n  capra question ask a.toml ISMS.CORE.3 Q2 --interview I-001 --answer \"Yearly, by the CISO\" --item O2\n  capra question ask a.toml ISMS.CORE.3 PA2.1.Q1 --answer \"Plans per quarter\"\n  capra question ask a.toml ISMS.CORE.3 Q4 --not-asked     # on the list for later\nThe ids are those `capra question list` shows: Q1, Q2, ... for the process's own questions,\nPA2.1.Q1, ... for an attribute's."
    )]
    Ask(AskArgs),
    /// Remove the record of a question.
    Remove {
        /// The assessment file.
        file: PathBuf,
        /// The process in scope.
        process: String,
        /// The question, e.g. Q2 or PA2.1.Q1.
        question: String,
    },
    /// List the questions per process, which were asked, and the coverage (asked / total).
    #[command(
        after_help = "Examples:\n  capra question list a.toml\n  capra question list a.toml --process ISMS.CORE.3 --format json\nThe total counts the process's questions and those of the attributes up to its target level."
    )]
    List {
        /// The assessment file.
        file: PathBuf,
        /// Only this process.
        #[arg(long)]
        process: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

#[derive(Debug, clap::Args)]
pub struct AskArgs {
    /// The assessment file.
    pub file: PathBuf,
    /// The process in scope.
    pub process: String,
    /// The question, e.g. Q2 or PA2.1.Q1.
    pub question: String,
    /// The interview it was asked in (I-001, ...).
    #[arg(long)]
    pub interview: Option<String>,
    /// The answer heard.
    #[arg(long)]
    pub answer: Option<String>,
    /// The outcome, practice or achievement the answer bears on (O2, BP3, PA2.1.a, ...).
    #[arg(long)]
    pub item: Option<String>,
    /// Record it as still to ask.
    #[arg(long)]
    pub not_asked: bool,
}

/// The top-level entry point for `capra question`.
pub fn run(models: &[PathBuf], cmd: Command) -> Result<Outcome> {
    match cmd {
        Command::Ask(args) => ask(models, args),
        Command::Remove {
            file,
            process,
            question,
        } => {
            let mut loaded = open(models, &file)?;
            let process = process_id(&loaded.model, &process)?;
            let question = question.trim().to_ascii_uppercase();
            edit(
                &mut loaded,
                Change::RemoveQuestion {
                    process: process.clone(),
                    question: question.clone(),
                },
            )?;
            outln!("removed {process} {question}");
            Ok(Outcome::Done)
        }
        Command::List {
            file,
            process,
            format,
        } => list(models, &file, process.as_deref(), format),
    }
}

fn ask(models: &[PathBuf], args: AskArgs) -> Result<Outcome> {
    let mut loaded = open(models, &args.file)?;
    let process = process_id(&loaded.model, &args.process)?;
    let qid = args.question.trim().to_ascii_uppercase();
    let a = &loaded.assessment;
    let interview = match &args.interview {
        Some(i) => Some(super::interview::find(a, &args.file, i)?.id.to_string()),
        None => None,
    };
    let said = Asked {
        asked: !args.not_asked,
        interview,
        answer: args.answer,
        item: args.item,
    };
    let q = match a.asked_question(&loaded.model, &process, &qid, said) {
        Ok(q) => q,
        Err(why) => bail!(
            "{}: {why} (see `capra question list {} --process {process}`). Nothing was changed.",
            args.file.display(),
            args.file.display()
        ),
    };
    edit(&mut loaded, Change::PutQuestion(q))?;
    let cov = loaded.assessment.question_coverage(&loaded.model);
    let shown = cov.iter().find(|c| c.process == process);
    outln!(
        "{process} {qid}: {}{}",
        if args.not_asked { "to ask" } else { "asked" },
        shown
            .map(|c| format!(" ({} of {} questions asked)", c.asked, c.total))
            .unwrap_or_default()
    );
    Ok(Outcome::Done)
}

/// One question as `question list --format json` prints it.
#[derive(serde::Serialize)]
struct Listed<'a> {
    id: String,
    text: &'a str,
    asked: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    record: Option<&'a Question>,
}

/// One process as `question list --format json` prints it.
#[derive(serde::Serialize)]
struct ListedProcess<'a> {
    process: String,
    asked: usize,
    total: usize,
    questions: Vec<Listed<'a>>,
}

fn listed<'a>(model: &'a Model, a: &'a Assessment, only: Option<&str>) -> Vec<ListedProcess<'a>> {
    a.question_coverage(model)
        .into_iter()
        .filter(|c| only.is_none_or(|p| c.process == p))
        .map(|c| {
            let target = a.process(&c.process).map_or(1, |p| (*p.target).max(1));
            let questions = questions_of(model, &c.process, target)
                .into_iter()
                .map(|(id, text)| {
                    let record = a.question(&c.process, &id);
                    Listed {
                        asked: record.is_some_and(|q| q.asked),
                        id,
                        text,
                        record,
                    }
                })
                .collect();
            ListedProcess {
                process: c.process,
                asked: c.asked,
                total: c.total,
                questions,
            }
        })
        .collect()
}

fn list(models: &[PathBuf], file: &Path, process: Option<&str>, format: Format) -> Result<Outcome> {
    let loaded = load(models, file)?;
    let only = process.map(|p| process_id(&loaded.model, p)).transpose()?;
    let shown = listed(&loaded.model, &loaded.assessment, only.as_deref());
    match format {
        Format::Json => print_json(Some("questions"), &shown)?,
        Format::Table => {
            let mut s = String::new();
            for p in &shown {
                let name = loaded
                    .model
                    .process(&p.process)
                    .map(|x| x.name.as_str())
                    .unwrap_or_default();
                let _ = writeln!(
                    s,
                    "{} {name}: {} of {} questions asked",
                    p.process, p.asked, p.total
                );
                for q in &p.questions {
                    let mark = if q.asked { "[x]" } else { "[ ]" };
                    let _ = writeln!(s, "  {mark} {:<9} {}", q.id, q.text);
                    if let Some(r) = q.record {
                        let mut said = Vec::new();
                        if let Some(i) = &r.interview {
                            said.push(format!("in {i}"));
                        }
                        if let Some(item) = &r.item {
                            said.push(format!("on {item}"));
                        }
                        if !r.answer.is_empty() {
                            said.push(r.answer.replace('\n', " "));
                        }
                        if !said.is_empty() {
                            let _ = writeln!(s, "      -> {}", said.join("; "));
                        }
                    }
                }
                s.push('\n');
            }
            out!("{}", crate::text::printable(&s, true));
        }
    }
    Ok(Outcome::Done)
}
