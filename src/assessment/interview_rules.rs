//! What interviews, document requests and questions asked must satisfy within an assessment,
//! and the queries on them (the model's questions and their coverage too). [`check_interview`],
//! [`check_request`] and [`check_question`] are the one statement of the rules; edits
//! ([`super::change`]) and files read from disk ([`super::validate`]) both use them.

use super::Assessment;
use super::interview::{Interview, Question, Request, question_parts};
use super::plan::{Finding, MAX_ID_NUMBER, id_number};
use super::plan_rules::Fault;
use super::values::{RequestStatus, valid_date, valid_date_time};
use crate::located::Id;
use crate::model::Model;

fn next_id<'a>(prefix: &str, ids: impl Iterator<Item = &'a str>) -> Option<String> {
    let max = ids.filter_map(|i| id_number(prefix, i)).max().unwrap_or(0);
    max.checked_add(1)
        .filter(|n| *n <= MAX_ID_NUMBER)
        .map(|n| format!("{prefix}{n:03}"))
}

impl Assessment {
    pub fn interview(&self, id: &str) -> Option<&Interview> {
        self.interviews.iter().find(|i| i.id == id)
    }

    pub fn request(&self, id: &str) -> Option<&Request> {
        self.requests.iter().find(|r| r.id == id)
    }

    /// The next free interview id (I-001, ...), or `None` past [`MAX_ID_NUMBER`].
    pub fn next_interview_id(&self) -> Option<String> {
        next_id("I-", self.interviews.iter().map(|i| i.id.as_str()))
    }

    /// The next free request id (R-001, ...), or `None` past [`MAX_ID_NUMBER`].
    pub fn next_request_id(&self) -> Option<String> {
        next_id("R-", self.requests.iter().map(|r| r.id.as_str()))
    }

    /// The findings captured in an interview, in id order.
    pub fn findings_of_interview<'a>(
        &'a self,
        interview: &'a str,
    ) -> impl Iterator<Item = &'a Finding> {
        self.findings
            .iter()
            .filter(move |f| f.interview.as_ref().is_some_and(|i| i == interview))
    }

    /// The document requests made in an interview, in id order.
    pub fn requests_of_interview<'a>(
        &'a self,
        interview: &'a str,
    ) -> impl Iterator<Item = &'a Request> {
        self.requests
            .iter()
            .filter(move |r| r.interview.as_ref().is_some_and(|i| i == interview))
    }

    /// The requests whose document became evidence `id`.
    pub fn requests_citing<'a>(&'a self, evidence: &'a str) -> impl Iterator<Item = &'a Request> {
        self.requests
            .iter()
            .filter(move |r| r.evidence.as_ref().is_some_and(|e| e == evidence))
    }
}

/// What an interview must satisfy: an id; an interviewee; a date (and time) that is one; a
/// length above zero; processes in scope; assessors with names.
pub fn check_interview(a: &Assessment, model: &Model, i: &Interview) -> Vec<Fault> {
    let mut out: Vec<Fault> = Vec::new();
    let id = &i.id;
    if i.id.trim().is_empty() {
        out.push((i.id.span(), "an interview needs an id (I-001, ...)".into()));
    }
    if i.who.trim().is_empty() {
        out.push((
            i.id.span(),
            format!("interview {id} does not say who is interviewed (who = \"...\")"),
        ));
    }
    if !i.at.is_empty() && !valid_date_time(&i.at) {
        out.push((
            i.at.span(),
            format!(
                "interview {id}: '{}' is not a date: write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM",
                i.at.get()
            ),
        ));
    }
    if let Some(m) = &i.minutes
        && **m == 0
    {
        out.push((
            m.span(),
            format!("interview {id}: a length of 0 minutes: give the planned length, or none"),
        ));
    }
    for p in &i.processes {
        if a.process(p).is_none() {
            out.push((
                p.span(),
                if model.process(p).is_none() {
                    format!(
                        "interview {id}: {} is not a process of model {} (see `capra model show {}`)",
                        crate::text::shown_id(p),
                        model.id(),
                        model.id()
                    )
                } else {
                    format!(
                        "interview {id}: process {p} is not in the scope of this assessment (in scope: {})",
                        a.processes
                            .iter()
                            .map(|p| p.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                },
            ));
        }
    }
    if i.assessors.iter().any(|n| n.trim().is_empty()) {
        out.push((
            i.id.span(),
            format!("interview {id}: an assessor has no name"),
        ));
    }
    out
}

/// What a document request must satisfy: an id; what is asked for; dates that are dates; an
/// interview and evidence that exist; evidence only once received.
pub fn check_request(a: &Assessment, r: &Request) -> Vec<Fault> {
    let mut out: Vec<Fault> = Vec::new();
    let id = &r.id;
    if r.id.trim().is_empty() {
        out.push((r.id.span(), "a request needs an id (R-001, ...)".into()));
    }
    if r.what.trim().is_empty() {
        out.push((
            r.id.span(),
            format!("request {id} does not say what is asked for (what = \"...\")"),
        ));
    }
    for (name, d) in [("due", &r.due), ("received", &r.received)] {
        if !d.is_empty() && !valid_date(d) {
            out.push((
                d.span(),
                format!(
                    "request {id}: {name} date '{}' is not a date: write it as YYYY-MM-DD",
                    d.get()
                ),
            ));
        }
    }
    if let Some(i) = &r.interview
        && a.interview(i).is_none()
    {
        out.push((
            i.span(),
            format!("request {id}: interview {i} is not in this assessment"),
        ));
    }
    if let Some(e) = &r.evidence {
        if a.evidence_item(e).is_none() {
            out.push((
                e.span(),
                format!("request {id}: evidence {e} is not in the evidence register"),
            ));
        }
        if r.status != RequestStatus::Received {
            out.push((
                e.span(),
                format!(
                    "request {id} is {} and names evidence {e}: only a received request has evidence",
                    r.status
                ),
            ));
        }
    }
    out
}

/// The questions of the model's interview guidance for a process, with their ids: the
/// process's own (`Q1`, ...), then those of each attribute up to `level` (`PA1.1.Q1`, ...).
pub fn questions_of<'m>(model: &'m Model, process: &str, level: u8) -> Vec<(String, &'m str)> {
    let mut out: Vec<(String, &str)> = Vec::new();
    if let Some(p) = model.process(process) {
        for (i, q) in p.guidance.questions.iter().enumerate() {
            out.push((format!("Q{}", i + 1), q.as_str()));
        }
    }
    for a in model.attributes().filter(|a| a.level <= level) {
        for (i, q) in a.guidance.questions.iter().enumerate() {
            out.push((format!("{}.Q{}", a.id, i + 1), q.as_str()));
        }
    }
    out
}

/// The text of one question of the model for a process, if there is one with that id.
pub fn question_text<'m>(model: &'m Model, process: &str, id: &str) -> Option<&'m str> {
    match question_parts(id)? {
        (None, n) => model
            .process(process)?
            .guidance
            .questions
            .get(n - 1)
            .map(String::as_str),
        (Some(a), n) => model
            .attribute(a)?
            .guidance
            .questions
            .get(n - 1)
            .map(String::as_str),
    }
}

/// How far the interview guidance of a process is covered: the questions asked, and all its
/// questions up to the process's target level (at least level 1).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Coverage {
    pub process: String,
    pub asked: usize,
    pub total: usize,
}

impl Assessment {
    /// The record of a question asked of a process.
    pub fn question(&self, process: &str, id: &str) -> Option<&Question> {
        self.questions
            .iter()
            .find(|q| q.process == process && q.question == id)
    }

    /// The coverage of the interview guidance, per process in scope.
    pub fn question_coverage(&self, model: &Model) -> Vec<Coverage> {
        self.processes
            .iter()
            .map(|p| {
                let all = questions_of(model, &p.id, (*p.target).max(1));
                let asked = all
                    .iter()
                    .filter(|(id, _)| self.question(&p.id, id).is_some_and(|q| q.asked))
                    .count();
                Coverage {
                    process: p.id.to_string(),
                    asked,
                    total: all.len(),
                }
            })
            .collect()
    }

    /// The questions asked in an interview.
    pub fn questions_of_interview<'a>(
        &'a self,
        interview: &'a str,
    ) -> impl Iterator<Item = &'a Question> {
        self.questions
            .iter()
            .filter(move |q| q.interview.as_ref().is_some_and(|i| i == interview))
    }
}

/// What is said of a question when it is recorded, by `capra question ask` and the interview
/// screen's checklist alike: asked or still to ask, and, when given, the interview it was asked
/// in, the answer heard and the item the answer bears on (an empty item: none).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Asked {
    pub asked: bool,
    pub interview: Option<String>,
    pub answer: Option<String>,
    pub item: Option<String>,
}

impl Assessment {
    /// The record of question `id` (`q2` is read as `Q2`) of a process as `said` makes it: the
    /// record already kept, if any, with what `said` gives put in its place (what it leaves out
    /// stays). Err says why there is none: the model has no such question for the process. The
    /// caller applies it as `Change::PutQuestion`, which checks the rest (the process in scope,
    /// the interview, the item).
    pub fn asked_question(
        &self,
        model: &Model,
        process: &str,
        id: &str,
        said: Asked,
    ) -> Result<Question, String> {
        let qid = id.trim().to_ascii_uppercase();
        if question_text(model, process, &qid).is_none() {
            return Err(format!(
                "{process} has no question {}",
                crate::text::shown_id(&qid)
            ));
        }
        let mut q = self.question(process, &qid).cloned().unwrap_or(Question {
            process: Id::from(process),
            question: Id::from(qid.as_str()),
            interview: None,
            asked: true,
            answer: String::new(),
            item: None,
        });
        q.asked = said.asked;
        if let Some(i) = said.interview {
            q.interview = Some(Id::from(i.as_str()));
        }
        if let Some(t) = said.answer {
            q.answer = t.trim().to_string();
        }
        if let Some(item) = said.item {
            q.item = (!item.trim().is_empty()).then(|| Id::from(item.trim()));
        }
        Ok(q)
    }
}

/// What a question record must satisfy: a process in scope; a question of the model's guidance
/// for it; an interview in the file; an item of the process or its attributes.
pub fn check_question(a: &Assessment, model: &Model, q: &Question) -> Vec<Fault> {
    let mut out: Vec<Fault> = Vec::new();
    let what = format!("question {} of {}", q.question, q.process);
    if a.process(&q.process).is_none() {
        out.push((
            q.process.span(),
            format!(
                "{what}: {} is not a process in the scope of this assessment",
                crate::text::shown_id(&q.process)
            ),
        ));
        return out;
    }
    if question_text(model, &q.process, &q.question).is_none() {
        out.push((
            q.question.span(),
            format!(
                "{what}: model {} has no such question (ids: Q1, Q2, ... for the process's, PA2.1.Q1, ... for an attribute's; see `capra question list`)",
                model.id()
            ),
        ));
    }
    if let Some(i) = &q.interview
        && a.interview(i).is_none()
    {
        out.push((
            i.span(),
            format!("{what}: interview {i} is not in this assessment"),
        ));
    }
    if let Some(item) = &q.item
        && model
            .process(&q.process)
            .is_none_or(|mp| model.item(mp, item).is_none())
    {
        out.push((
            item.span(),
            format!(
                "{what}: {item} is not an outcome, practice, information item or achievement of {}",
                q.process
            ),
        ));
    }
    out
}
