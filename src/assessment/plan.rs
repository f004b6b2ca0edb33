//! Findings and the improvement plan: what an assessment produces for its sponsor, kept apart
//! from the assessors' working notes.
//!
//! A [`Finding`] (`F-001`) is a statement about a process, optionally about one attribute and
//! one instance: a strength, a weakness (with a severity), an observation or a recommendation.
//! Reports print findings, never notes. An [`Action`] (`A-001`) is a step of the improvement
//! plan: what to do, for which process and attributes, answering which findings, who owns it,
//! by when, and where it stands, with the date of every change of status. The plan belongs to
//! the organisation: actions not done or dropped are carried into the next assessment with
//! their ids and history (see [`super::plan_rules::carry_over`]).
//!
//! This file holds the records and what can be said of one alone; what they must satisfy within
//! an assessment, the queries on an assessment's findings and plan, and the carry-over are in
//! [`super::plan_rules`].

use super::values::{ActionStatus, Effort, FindingKind, Priority, Severity};
use crate::located::{Id, Located};
use serde::{Deserialize, Serialize};

fn is_empty(s: &str) -> bool {
    s.is_empty()
}

fn is_empty_located(s: &Located<String>) -> bool {
    s.is_empty()
}

/// A statement about a process that the report prints.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// F-001, F-002, ...
    pub id: Id,
    pub process: Id,
    /// The attribute it is about; none: the process as a whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribute: Option<Id>,
    /// The instance it is about; none: every instance, or the process has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance: Option<Id>,
    pub kind: FindingKind,
    /// How much a weakness matters (weaknesses only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    pub text: String,
    /// Who said or showed it: an interviewee, a meeting, a walk-through.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub source: String,
    /// The interview it was captured in (I-001, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interview: Option<Id>,
    /// Evidence items that support it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Id>,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub author: String,
    /// The day it was recorded (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "is_empty_located")]
    pub date: Located<String>,
}

impl Finding {
    /// Marks the finding as captured in an interview: it names the interview, and its source
    /// says with whom and when ("Interview with Ana Silva (CISO), 2026-11-20"). The command
    /// line (`capra finding add --interview`) and the screen both use this.
    pub fn captured_in(&mut self, i: &super::interview::Interview) {
        self.interview = Some(i.id.clone());
        self.source = i.source();
    }

    /// A finding with only what must be said; the rest empty.
    pub fn new(id: &str, process: &str, kind: FindingKind, text: &str) -> Finding {
        Finding {
            id: Id::from(id),
            process: Id::from(process),
            attribute: None,
            instance: None,
            kind,
            severity: None,
            text: text.to_string(),
            source: String::new(),
            interview: None,
            evidence: Vec::new(),
            author: String::new(),
            date: Located::default(),
        }
    }

    /// Where it applies, for lists: "ISMS.CORE.3 PA2.1 (Lyon)".
    pub fn place(&self) -> String {
        let mut s = self.process.to_string();
        if let Some(a) = &self.attribute {
            s.push(' ');
            s.push_str(a);
        }
        if let Some(i) = &self.instance {
            s.push_str(&format!(" ({i})"));
        }
        s
    }
}

/// A step of the improvement plan.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// ...; an action keeps its id from one assessment to the next.
    pub id: Id,
    pub title: String,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub description: String,
    /// The process it improves, if one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub process: Option<Id>,
    /// The attributes it improves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<Id>,
    /// The findings of this assessment it answers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<Id>,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub owner: String,
    /// The day it is due (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "is_empty_located")]
    pub due: Located<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effort: Option<Effort>,
    pub status: ActionStatus,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub note: String,
    /// Every change of status, oldest first; the last one is the current status.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<StatusChange>,
    /// Where the action came from when it was carried over from an earlier assessment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried: Option<Carried>,
}

/// One change of an action's status.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    pub status: ActionStatus,
    /// YYYY-MM-DD.
    pub date: Located<String>,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub by: String,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub note: String,
}

/// The assessment an action was carried over from, and the findings it answered there (their
/// ids and text, since those findings are not in this file).
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Carried {
    /// The title of the earlier assessment.
    pub from: String,
    /// Its file, relative to this file's folder, when known.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub file: String,
    /// "F-004: no owner for the cloud assets", one per finding it answered there.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<String>,
}

impl Action {
    /// A proposed action with only a title; the rest empty.
    pub fn new(id: &str, title: &str) -> Action {
        Action {
            id: Id::from(id),
            title: title.to_string(),
            description: String::new(),
            process: None,
            attributes: Vec::new(),
            findings: Vec::new(),
            owner: String::new(),
            due: Located::default(),
            priority: None,
            effort: None,
            status: ActionStatus::Proposed,
            note: String::new(),
            history: Vec::new(),
            carried: None,
        }
    }

    /// True when it is still open and its due date is before `today` (YYYY-MM-DD).
    pub fn is_overdue(&self, today: &str) -> bool {
        self.status.is_open() && !self.due.is_empty() && self.due.as_str() < today
    }

    /// Sets the status and records the change (nothing is recorded when it does not change).
    pub fn set_status(&mut self, status: ActionStatus, date: &str, by: &str, note: &str) {
        if status == self.status && !self.history.is_empty() {
            return;
        }
        self.status = status;
        self.history.push(StatusChange {
            status,
            date: Located::new(date.to_string()),
            by: by.to_string(),
            note: note.to_string(),
        });
    }

    /// The day the action reached its current status, when recorded.
    pub fn status_date(&self) -> Option<&str> {
        self.history
            .iter()
            .rev()
            .find(|h| h.status == self.status)
            .map(|h| h.date.as_str())
    }
}

/// Numbered ids: the number of `F-014` with prefix `F-` is 14.
pub fn id_number(prefix: &str, id: &str) -> Option<u64> {
    id.strip_prefix(prefix).and_then(|n| n.parse::<u64>().ok())
}

/// The highest number a finding or action id can have: ids stay short.
pub const MAX_ID_NUMBER: u64 = 999_999_999;

/// `F-2` before `F-10`: by number when both have one, else by text.
pub fn id_order(prefix: &str, a: &str, b: &str) -> std::cmp::Ordering {
    match (id_number(prefix, a), id_number(prefix, b)) {
        (Some(x), Some(y)) => x.cmp(&y).then(a.cmp(b)),
        _ => a.cmp(b),
    }
}

/// Counts of findings by kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FindingCounts {
    pub strength: usize,
    pub weakness: usize,
    pub observation: usize,
    pub recommendation: usize,
}

impl FindingCounts {
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> FindingCounts {
        let mut c = FindingCounts::default();
        for f in findings {
            match f.kind {
                FindingKind::Strength => c.strength += 1,
                FindingKind::Weakness => c.weakness += 1,
                FindingKind::Observation => c.observation += 1,
                FindingKind::Recommendation => c.recommendation += 1,
            }
        }
        c
    }

    pub fn total(&self) -> usize {
        self.strength + self.weakness + self.observation + self.recommendation
    }
}

/// Counts of actions: open (proposed, agreed, in progress), of which overdue; done; dropped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ActionCounts {
    pub open: usize,
    pub overdue: usize,
    pub done: usize,
    pub dropped: usize,
}

impl ActionCounts {
    pub fn of<'a>(actions: impl IntoIterator<Item = &'a Action>, today: &str) -> ActionCounts {
        let mut c = ActionCounts::default();
        for x in actions {
            match x.status {
                ActionStatus::Done => c.done += 1,
                ActionStatus::Dropped => c.dropped += 1,
                _ => {
                    c.open += 1;
                    if x.is_overdue(today) {
                        c.overdue += 1;
                    }
                }
            }
        }
        c
    }
}
