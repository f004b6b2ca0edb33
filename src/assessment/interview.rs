//! Interviews and document requests: how the assessors gather what they rate.
//!
//! An [`Interview`] (`I-001`) is a conversation planned or held with one interviewee: who, in
//! which role, when, for how long, about which processes, with which assessors, and private
//! notes that never leave the file. Findings may name the interview they were captured in
//! (`interview = "I-001"`). A [`Request`] (`R-001`) is a document asked for, perhaps during an
//! interview: what, from whom, by when, and, once received, the day and the evidence item it
//! became. A [`Question`] records one question of the model's interview guidance as asked, with
//! its answer. All three belong to one assessment: a follow-up does not carry them.
//!
//! This file holds the records and what can be said of one alone; what they must satisfy
//! within an assessment, and the queries, are in [`super::interview_rules`].

use super::values::{InterviewStatus, RequestStatus};
use crate::located::{Id, Located};
use serde::{Deserialize, Serialize};

fn is_empty(s: &str) -> bool {
    s.is_empty()
}

fn is_empty_located(s: &Located<String>) -> bool {
    s.is_empty()
}

fn planned() -> InterviewStatus {
    InterviewStatus::Planned
}

fn is_planned(s: &InterviewStatus) -> bool {
    *s == InterviewStatus::Planned
}

fn open() -> RequestStatus {
    RequestStatus::Open
}

fn is_open(s: &RequestStatus) -> bool {
    *s == RequestStatus::Open
}

/// An interview, planned or held.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Interview {
    /// I-001, I-002, ...
    pub id: Id,
    /// The interviewee.
    pub who: String,
    /// The interviewee's role ("CISO", "process owner").
    #[serde(default, skip_serializing_if = "is_empty")]
    pub role: String,
    /// When: YYYY-MM-DD or YYYY-MM-DDTHH:MM.
    #[serde(default, skip_serializing_if = "is_empty_located")]
    pub at: Located<String>,
    /// The planned length, in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<Located<u32>>,
    /// The processes it covers (in scope).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub processes: Vec<Id>,
    /// The assessors who hold it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assessors: Vec<String>,
    /// planned (the default), held or cancelled.
    #[serde(default = "planned", skip_serializing_if = "is_planned")]
    pub status: InterviewStatus,
    /// The assessors' private notes: never printed in minutes or reports.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub notes: String,
}

impl Interview {
    /// A planned interview with only an interviewee; the rest empty.
    pub fn new(id: &str, who: &str) -> Interview {
        Interview {
            id: Id::from(id),
            who: who.to_string(),
            role: String::new(),
            at: Located::default(),
            minutes: None,
            processes: Vec::new(),
            assessors: Vec::new(),
            status: InterviewStatus::Planned,
            notes: String::new(),
        }
    }

    /// "Interview with Ana Silva (CISO), 2026-11-20": the source of a finding captured in it.
    pub fn source(&self) -> String {
        let mut s = format!("Interview with {}", self.who.trim());
        if !self.role.trim().is_empty() {
            s.push_str(&format!(" ({})", self.role.trim()));
        }
        if !self.at.is_empty() {
            s.push_str(&format!(", {}", self.day()));
        }
        s
    }

    /// The day of the interview (the date part of `at`), empty when not set.
    pub fn day(&self) -> &str {
        self.at.split('T').next().unwrap_or_default()
    }

    /// `at` as people read it: "2026-11-20 14:00".
    pub fn when(&self) -> String {
        self.at.replacen('T', " ", 1)
    }
}

/// A document asked for.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Request {
    ///
    pub id: Id,
    /// What is asked for.
    pub what: String,
    /// Who is to provide it.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub from: String,
    /// By when (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "is_empty_located")]
    pub due: Located<String>,
    /// The interview it was asked for in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interview: Option<Id>,
    /// open (the default), received or cancelled.
    #[serde(default = "open", skip_serializing_if = "is_open")]
    pub status: RequestStatus,
    /// The day it was received (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "is_empty_located")]
    pub received: Located<String>,
    /// The evidence item it became, once received.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Id>,
}

impl Request {
    /// An open request with only what is asked for; the rest empty.
    pub fn new(id: &str, what: &str) -> Request {
        Request {
            id: Id::from(id),
            what: what.to_string(),
            from: String::new(),
            due: Located::default(),
            interview: None,
            status: RequestStatus::Open,
            received: Located::default(),
            evidence: None,
        }
    }

    /// True when it is still open and its due date is before `today` (YYYY-MM-DD).
    pub fn is_overdue(&self, today: &str) -> bool {
        self.status == RequestStatus::Open && !self.due.is_empty() && self.due.as_str() < today
    }
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

/// A question of the model's interview guidance as asked in this assessment: with its answer,
/// the interview it was asked in, and the outcome or practice the answer bears on.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub process: Id,
    /// `Q1`, `Q2`, ...: the process's questions in model order; `PA2.1.Q1`, ...: an
    /// attribute's (the framework's questions, asked of this process).
    pub question: Id,
    /// The interview it was asked in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interview: Option<Id>,
    /// True (the default, not written) once asked; false: recorded, still to ask.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub asked: bool,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub answer: String,
    /// The outcome, practice or achievement the answer bears on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<Id>,
}

/// Splits a question id into the attribute it belongs to (none: the process's own) and its
/// number: `Q3` is (None, 3), `PA2.1.Q1` is (Some("PA2.1"), 1).
pub fn question_parts(id: &str) -> Option<(Option<&str>, usize)> {
    let (attribute, q) = match id.rsplit_once('.') {
        Some((a, q)) => (Some(a), q),
        None => (None, id),
    };
    let n = q.strip_prefix('Q')?.parse::<usize>().ok()?;
    (n >= 1).then_some((attribute, n))
}

/// The order of questions: the process's own first, then each attribute's in level order.
pub fn question_order(model: &crate::model::Model, id: &str) -> (usize, usize, String) {
    match question_parts(id) {
        Some((None, n)) => (0, n, String::new()),
        Some((Some(a), n)) => (1 + model.attribute_index(a), n, String::new()),
        None => (usize::MAX, 0, id.to_string()),
    }
}
