//! What a report says of the findings and the improvement plan: the findings of each process,
//! grouped (about the process as a whole, and per attribute), and the actions in the order the
//! sponsor should read them (open first, then by priority, then by due date).
//!
//! Pure: "today", which decides what is overdue, is given by the caller. Working notes (an
//! action's note) are carried only when the report is asked to include them.

use crate::assessment::plan::id_order;
use crate::assessment::{
    Action, ActionStatus, Assessment, Effort, Finding, FindingKind, Priority, Severity,
};
use crate::model::Model;

/// One finding as a report prints it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FindingItem {
    pub id: String,
    pub process: String,
    pub process_name: String,
    /// `None`: about the process as a whole.
    pub attribute: Option<String>,
    pub instance: Option<String>,
    pub kind: FindingKind,
    /// Weaknesses only.
    pub severity: Option<Severity>,
    pub text: String,
    pub source: String,
    pub evidence: Vec<String>,
    pub author: String,
    pub date: String,
    /// The actions that answer it.
    pub answered_by: Vec<String>,
}

impl FindingItem {
    pub fn of(a: &Assessment, model: &Model, f: &Finding) -> FindingItem {
        FindingItem {
            id: f.id.to_string(),
            process: f.process.to_string(),
            process_name: model
                .process(&f.process)
                .map(|p| p.name.to_string())
                .unwrap_or_default(),
            attribute: f.attribute.as_ref().map(|x| x.to_string()),
            instance: f.instance.as_ref().map(|x| x.to_string()),
            kind: f.kind,
            severity: f.severity,
            text: f.text.clone(),
            source: f.source.clone(),
            evidence: f.evidence.iter().map(|e| e.to_string()).collect(),
            author: f.author.clone(),
            date: f.date.to_string(),
            answered_by: a
                .actions_answering(&f.id)
                .iter()
                .map(|x| x.id.to_string())
                .collect(),
        }
    }

    /// What it is about within its process: "PA2.1 (Lyon)", "PA2.1", "Lyon", or "" for the
    /// process as a whole.
    pub fn about(&self) -> String {
        match (&self.attribute, &self.instance) {
            (Some(a), Some(i)) => format!("{a} ({i})"),
            (Some(a), None) => a.clone(),
            (None, Some(i)) => format!("({i})"),
            (None, None) => String::new(),
        }
    }
}

/// The findings of one attribute of a process.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttributeFindings {
    pub id: String,
    pub name: String,
    pub findings: Vec<FindingItem>,
}

/// The findings of one process: about the process as a whole, then per attribute (in the
/// model's order), each list in id order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProcessFindings {
    pub process: Vec<FindingItem>,
    pub attributes: Vec<AttributeFindings>,
}

impl ProcessFindings {
    /// The findings of `process`, grouped.
    pub fn of(a: &Assessment, model: &Model, process: &str) -> ProcessFindings {
        let mut list: Vec<&Finding> = a.findings_of(process).collect();
        list.sort_by(|x, y| id_order("F-", &x.id, &y.id));
        let mut out = ProcessFindings::default();
        for f in list.iter().filter(|f| f.attribute.is_none()) {
            out.process.push(FindingItem::of(a, model, f));
        }
        let mut attrs: Vec<(String, String)> = model
            .attributes()
            .map(|x| (x.id.to_string(), x.name.clone()))
            .collect();
        // An attribute the model does not know (a file not yet validated) still shows.
        for f in &list {
            if let Some(at) = &f.attribute
                && !attrs.iter().any(|(id, _)| id == at.as_str())
            {
                attrs.push((at.to_string(), String::new()));
            }
        }
        for (id, name) in attrs {
            let findings: Vec<FindingItem> = list
                .iter()
                .filter(|f| f.attribute.as_ref().is_some_and(|x| x == id.as_str()))
                .map(|f| FindingItem::of(a, model, f))
                .collect();
            if !findings.is_empty() {
                out.attributes
                    .push(AttributeFindings { id, name, findings });
            }
        }
        out
    }

    /// Every finding: the process's own first, then per attribute.
    pub fn all(&self) -> impl Iterator<Item = &FindingItem> {
        self.process
            .iter()
            .chain(self.attributes.iter().flat_map(|a| a.findings.iter()))
    }

    /// The findings of one kind, in the order of [`ProcessFindings::all`].
    pub fn of_kind(&self, kind: FindingKind) -> Vec<&FindingItem> {
        self.all().filter(|f| f.kind == kind).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.process.is_empty() && self.attributes.is_empty()
    }
}

/// One action of the improvement plan as a report prints it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanRow {
    pub id: String,
    pub title: String,
    pub description: String,
    pub process: Option<String>,
    pub attributes: Vec<String>,
    pub findings: Vec<String>,
    pub owner: String,
    pub due: String,
    pub priority: Option<Priority>,
    pub effort: Option<Effort>,
    pub status: ActionStatus,
    /// The day it reached its status, when recorded.
    pub status_since: String,
    /// Open and due before the report's "today".
    pub overdue: bool,
    /// The assessment it was carried over from, and the findings it answered there.
    pub carried_from: String,
    pub carried_findings: Vec<String>,
    /// The action's note: a working note, empty unless the report includes them.
    pub note: String,
    /// "YYYY-MM-DD status", oldest first.
    pub history: Vec<String>,
}

impl PlanRow {
    /// The row of an action; `today` (YYYY-MM-DD) decides whether it is overdue, and its note
    /// is kept only when `notes` is true.
    pub fn of(x: &Action, today: &str, notes: bool) -> PlanRow {
        PlanRow {
            id: x.id.to_string(),
            title: x.title.clone(),
            description: x.description.clone(),
            process: x.process.as_ref().map(|p| p.to_string()),
            attributes: x.attributes.iter().map(|a| a.to_string()).collect(),
            findings: x.findings.iter().map(|f| f.to_string()).collect(),
            owner: x.owner.clone(),
            due: x.due.to_string(),
            priority: x.priority,
            effort: x.effort,
            status: x.status,
            status_since: x.status_date().unwrap_or_default().to_string(),
            overdue: x.is_overdue(today),
            carried_from: x
                .carried
                .as_ref()
                .map(|c| c.from.clone())
                .unwrap_or_default(),
            carried_findings: x
                .carried
                .as_ref()
                .map(|c| c.findings.clone())
                .unwrap_or_default(),
            note: if notes { x.note.clone() } else { String::new() },
            history: x
                .history
                .iter()
                .map(|h| format!("{} {}", h.date.as_str(), h.status))
                .collect(),
        }
    }

    /// A quick win: open, of small effort, of high or medium priority
    /// ([`crate::assessment::plan::is_quick_win`]).
    pub fn is_quick_win(&self) -> bool {
        crate::assessment::plan::is_quick_win(self.status, self.effort, self.priority)
    }

    /// "ISMS.CORE.3 PA2.1, PA2.2", "ISMS.CORE.3", "PA2.1", or "" when it names neither.
    pub fn place(&self) -> String {
        let attrs = self.attributes.join(", ");
        match (&self.process, attrs.is_empty()) {
            (Some(p), true) => p.clone(),
            (Some(p), false) => format!("{p} {attrs}"),
            (None, _) => attrs,
        }
    }
}

/// The order of the plan: open actions first; then high, medium, low priority, none last; then
/// the earliest due date (none last); then id.
pub fn plan_order(x: &PlanRow, y: &PlanRow) -> std::cmp::Ordering {
    let rank = |p: &PlanRow| {
        (
            !p.status.is_open(),
            match p.priority {
                Some(Priority::High) => 0,
                Some(Priority::Medium) => 1,
                Some(Priority::Low) => 2,
                None => 3,
            },
            p.due.is_empty(),
        )
    };
    rank(x)
        .cmp(&rank(y))
        .then_with(|| x.due.cmp(&y.due))
        .then_with(|| id_order("A-", &x.id, &y.id))
}

/// The improvement plan, prioritised (see [`plan_order`]).
pub fn plan(a: &Assessment, today: &str, notes: bool) -> Vec<PlanRow> {
    let mut rows: Vec<PlanRow> = a
        .actions
        .iter()
        .map(|x| PlanRow::of(x, today, notes))
        .collect();
    rows.sort_by(plan_order);
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, status: ActionStatus, priority: Option<Priority>, due: &str) -> PlanRow {
        let mut x = Action::new(id, id);
        x.status = status;
        x.priority = priority;
        x.due = crate::located::Located::new(due.to_string());
        x.note = "ask the CFO again".into();
        PlanRow::of(&x, "2026-06-01", false)
    }

    #[test]
    fn open_first_then_priority_then_due_date() {
        use ActionStatus::*;
        use Priority::*;
        let mut rows = [
            row("A-1", Done, Some(High), "2026-01-01"),
            row("A-2", Proposed, None, "2026-01-01"),
            row("A-3", Agreed, Some(Low), ""),
            row("A-4", InProgress, Some(High), "2026-09-01"),
            row("A-5", Proposed, Some(High), "2026-02-01"),
            row("A-6", Proposed, Some(High), ""),
            row("A-7", Dropped, None, ""),
            row("A-10", Proposed, Some(Medium), "2026-03-01"),
            row("A-9", Proposed, Some(Medium), "2026-03-01"),
        ];
        rows.sort_by(plan_order);
        let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "A-5", "A-4", "A-6", "A-9", "A-10", "A-3", "A-2", "A-1", "A-7"
            ]
        );
        let overdue: Vec<&str> = rows
            .iter()
            .filter(|r| r.overdue)
            .map(|r| r.id.as_str())
            .collect();
        assert_eq!(overdue, ["A-5", "A-9", "A-10", "A-2"]);
        assert!(rows.iter().all(|r| r.note.is_empty()), "notes are left out");
    }
}
