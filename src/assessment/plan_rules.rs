//! What findings and actions must satisfy within an assessment, the queries on an assessment's
//! findings and improvement plan, and the carry-over of open actions into a follow-up.
//!
//! [`check_finding`] and [`check_action`] are the one statement of the rules; edits
//! ([`super::change`]) and files read from disk ([`super::validate`]) both use them.

use super::Assessment;
use super::plan::{Action, Carried, Finding, MAX_ID_NUMBER, id_number};
use super::values::{FindingKind, valid_date};
use crate::model::Model;
use std::ops::Range;

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

/// One thing wrong with a finding or an action, with where it is in the file when read from one.
pub type Fault = (Option<Range<usize>>, String);

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
    if let Some(i) = &f.interview
        && a.interview(i).is_none()
    {
        out.push((
            i.span(),
            format!("finding {id}: interview {i} is not in this assessment"),
        ));
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
