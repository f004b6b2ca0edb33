//! Findings and the improvement plan: what an assessment produces for its sponsor, kept apart
//! from the assessors' working notes.
//!
//! A [`Finding`] (`F-001`) is a statement about a process, optionally about one attribute and
//! one instance: a strength, a weakness (with a severity), an observation or a recommendation.
//! Reports print findings, never notes. An [`Action`] (`A-001`) is a step of the improvement
//! plan: what to do, for which process and attributes, answering which findings, who owns it,
//! by when, and where it stands, with the date of every change of status. The plan belongs to
//! the organisation: actions not done or dropped are carried into the next assessment with
//! their ids and history (see [`carry_over`]).
//!
//! [`check_finding`] and [`check_action`] are the one statement of what a finding or an action
//! must satisfy; edits ([`super::change`]) and files read from disk ([`super::validate`]) both use
//! them.

use super::values::{ActionStatus, Effort, FindingKind, Priority, Severity};
use super::{Assessment, is_empty, is_empty_located};
use crate::located::{Id, Located};
use crate::model::Model;
use serde::{Deserialize, Serialize};
use std::ops::Range;

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

fn next_id<'a>(prefix: &str, ids: impl Iterator<Item = &'a str>, from: u64) -> Option<String> {
    let max = ids.filter_map(|i| id_number(prefix, i)).max().unwrap_or(0);
    max.checked_add(1)
        .map(|n| n.max(from))
        .filter(|n| *n <= MAX_ID_NUMBER)
        .map(|n| format!("{prefix}{n:03}"))
}

impl Assessment {
    pub fn finding(&self, id: &str) -> Option<&Finding> {
        self.findings.iter().find(|f| f.id == id)
    }

    pub fn action(&self, id: &str) -> Option<&Action> {
        self.actions.iter().find(|x| x.id == id)
    }

    /// The next free finding id (F-001, ...), or `None` past [`MAX_ID_NUMBER`].
    pub fn next_finding_id(&self) -> Option<String> {
        next_id("F-", self.findings.iter().map(|f| f.id.as_str()), 1)
    }

    /// The next free action id (A-001, ...), or `None` past [`MAX_ID_NUMBER`]: one past the
    /// highest in use, and never below `next_action_number`, so that a follow-up assessment
    /// does not reuse an id of the previous plan.
    pub fn next_action_id(&self) -> Option<String> {
        next_id(
            "A-",
            self.actions.iter().map(|x| x.id.as_str()),
            self.assessment.next_action_number.unwrap_or(1),
        )
    }

    /// The findings about a process, in id order.
    pub fn findings_of<'a>(&'a self, process: &'a str) -> impl Iterator<Item = &'a Finding> {
        self.findings.iter().filter(move |f| f.process == process)
    }

    /// The actions that answer a finding.
    pub fn actions_answering(&self, finding: &str) -> Vec<&Action> {
        self.actions
            .iter()
            .filter(|x| x.findings.iter().any(|f| f == finding))
            .collect()
    }

    /// The actions that improve a process.
    pub fn actions_of<'a>(&'a self, process: &'a str) -> impl Iterator<Item = &'a Action> {
        self.actions
            .iter()
            .filter(move |x| x.process.as_ref().is_some_and(|p| p == process))
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

/// One thing wrong with a finding or an action, with where it is in the file when read from one.
pub type Fault = (Option<Range<usize>>, String);

fn valid_date(s: &str) -> bool {
    super::validate::valid_date(s)
}

fn attribute_ids(model: &Model) -> String {
    model
        .attributes()
        .map(|x| x.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a finding must satisfy: a text; a process in scope; an attribute of the model's levels;
/// one of the process's instances; evidence in the register; a severity only on a weakness; a
/// date that is a date.
pub fn check_finding(a: &Assessment, model: &Model, f: &Finding) -> Vec<Fault> {
    let mut out: Vec<Fault> = Vec::new();
    let id = &f.id;
    if f.id.trim().is_empty() {
        out.push((f.id.span(), "a finding needs an id (F-001, ...)".into()));
    }
    if f.text.trim().is_empty() {
        out.push((
            f.id.span(),
            format!("finding {id} has no text: say what was found"),
        ));
    }
    match a.process(&f.process) {
        None if model.process(&f.process).is_none() => out.push((
            f.process.span(),
            format!(
                "finding {id}: {} is not a process of model {} (see `capra model show {}`)",
                crate::text::shown_id(&f.process),
                model.id(),
                model.id()
            ),
        )),
        None => out.push((
            f.process.span(),
            format!(
                "finding {id}: process {} is not in the scope of this assessment (in scope: {})",
                f.process,
                a.processes
                    .iter()
                    .map(|p| p.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
        Some(p) => {
            if let Some(i) = &f.instance
                && !p.instances.iter().any(|x| x == i.as_str())
            {
                let known: Vec<&str> = p.instances.iter().map(|x| x.as_str()).collect();
                out.push((
                    i.span(),
                    if known.is_empty() {
                        format!(
                            "finding {id}: process {} has no instances; '{i}' is not one",
                            p.id
                        )
                    } else {
                        format!(
                            "finding {id}: '{i}' is not an instance of {} (its instances: {})",
                            p.id,
                            known.join(", ")
                        )
                    },
                ));
            }
        }
    }
    if let Some(at) = &f.attribute
        && !model.attributes().any(|x| x.id == at.as_str())
    {
        out.push((
            at.span(),
            format!(
                "finding {id}: {at} is not a process attribute of model {} up to its level {} (use one of {})",
                model.id(),
                model.max_level(),
                attribute_ids(model)
            ),
        ));
    }
    if f.severity.is_some() && f.kind != FindingKind::Weakness {
        out.push((
            f.id.span(),
            format!(
                "finding {id} is a {} and has a severity: only weaknesses have one",
                f.kind
            ),
        ));
    }
    for e in &f.evidence {
        if a.evidence_item(e).is_none() {
            out.push((
                e.span(),
                format!("finding {id}: evidence {e} is not in the evidence register"),
            ));
        }
    }
    if !f.date.is_empty() && !valid_date(&f.date) {
        out.push((
            f.date.span(),
            format!(
                "finding {id}: date '{}' is not a date: write it as YYYY-MM-DD",
                f.date.get()
            ),
        ));
    }
    out
}

/// What an action must satisfy: a title; a process of the model; attributes of the model; the
/// findings it answers in this file; dates that are dates.
pub fn check_action(a: &Assessment, model: &Model, x: &Action) -> Vec<Fault> {
    let mut out: Vec<Fault> = Vec::new();
    let id = &x.id;
    if x.id.trim().is_empty() {
        out.push((x.id.span(), "an action needs an id (A-001, ...)".into()));
    }
    if x.title.trim().is_empty() {
        out.push((
            x.id.span(),
            format!("action {id} has no title: say what to do"),
        ));
    }
    if let Some(p) = &x.process
        && model.process(p).is_none()
    {
        out.push((
            p.span(),
            format!(
                "action {id}: {} is not a process of model {} (see `capra model show {}`)",
                crate::text::shown_id(p),
                model.id(),
                model.id()
            ),
        ));
    }
    for at in &x.attributes {
        if !model.attributes().any(|m| m.id == at.as_str()) {
            out.push((
                at.span(),
                format!(
                    "action {id}: {at} is not a process attribute of model {} (use one of {})",
                    model.id(),
                    attribute_ids(model)
                ),
            ));
        }
    }
    for f in &x.findings {
        if a.finding(f).is_none() {
            out.push((
                f.span(),
                format!("action {id}: finding {f} is not in this assessment"),
            ));
        }
    }
    if !x.due.is_empty() && !valid_date(&x.due) {
        out.push((
            x.due.span(),
            format!(
                "action {id}: due date '{}' is not a date: write it as YYYY-MM-DD",
                x.due.get()
            ),
        ));
    }
    for h in &x.history {
        if !valid_date(&h.date) {
            out.push((
                h.date.span(),
                format!(
                    "action {id}: the date '{}' of its change to {} is not a date: write it as YYYY-MM-DD",
                    h.date.get(),
                    h.status
                ),
            ));
        }
    }
    out
}

/// The actions of an earlier assessment to carry into a new one: every action not done or
/// dropped, with its id, history and everything else, its links to findings of the earlier
/// assessment turned into text under `carried`. `from` is the earlier assessment's title and
/// `file` its path as seen from the new file. Attributes and a process the new model does not
/// know are left out.
pub fn carry_over(previous: &Assessment, from: &str, file: &str, model: &Model) -> Vec<Action> {
    previous
        .actions
        .iter()
        .filter(|x| x.status.is_open())
        .map(|x| {
            let mut x = x.clone();
            let mut findings: Vec<String> = x
                .findings
                .iter()
                .map(|f| match previous.finding(f) {
                    Some(found) => format!("{f}: {}", found.text),
                    None => f.to_string(),
                })
                .collect();
            let earlier = x.carried.take();
            if let Some(c) = &earlier {
                findings.splice(0..0, c.findings.iter().cloned());
            }
            x.findings.clear();
            x.process = x.process.filter(|p| model.process(p).is_some());
            x.attributes
                .retain(|at| model.attributes().any(|m| m.id == at.as_str()));
            x.carried = Some(Carried {
                from: earlier
                    .as_ref()
                    .map(|c| c.from.clone())
                    .unwrap_or_else(|| from.to_string()),
                file: if earlier.is_some() {
                    earlier.map(|c| c.file).unwrap_or_default()
                } else {
                    file.to_string()
                },
                findings,
            });
            x
        })
        .collect()
}
