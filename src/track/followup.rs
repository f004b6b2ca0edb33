//! Following up the improvement plan across assessments: which actions were closed, which are
//! still open or overdue, and how the levels of the processes moved where actions were done.
//!
//! Actions keep their id from one assessment to the next (`capra new --from` carries the open
//! ones over), so an action is followed by its id.

use crate::assessment::{ActionStatus, Assessment};
use serde::Serialize;

/// Where an action stands at the last assessment that has it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Done in the last assessment.
    Closed,
    /// Dropped in the last assessment.
    Dropped,
    /// Proposed, agreed or in progress, not past its due date.
    StillOpen,
    /// Still open and due before the last assessment's date.
    Overdue,
    /// Open in an earlier assessment, absent from the last one: it was not carried over.
    NotCarriedOver,
    /// Not in the first assessment's plan, open in the last: added since.
    New,
}

impl Outcome {
    pub fn word(self) -> &'static str {
        match self {
            Outcome::Closed => "closed",
            Outcome::Dropped => "dropped",
            Outcome::StillOpen => "still open",
            Outcome::Overdue => "overdue",
            Outcome::NotCarriedOver => "not carried over",
            Outcome::New => "new",
        }
    }
}

/// One action across the assessments.
#[derive(Clone, Debug, Serialize)]
pub struct ActionTrend {
    pub id: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub process: Option<String>,
    pub owner: String,
    pub due: String,
    /// Its status in each assessment, oldest first; `None` where it is not in the plan.
    pub statuses: Vec<Option<ActionStatus>>,
    pub outcome: Outcome,
    /// The process's level in the first and the last assessment that have it, for closed
    /// actions of a process.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<(u8, u8)>,
}

/// The follow-up of the improvement plan between the first and the last assessment compared.
#[derive(Clone, Debug, Default, Serialize)]
pub struct FollowUp {
    pub actions: Vec<ActionTrend>,
    pub closed: usize,
    pub dropped: usize,
    pub still_open: usize,
    pub overdue: usize,
    pub not_carried_over: usize,
    /// Open actions added since the first assessment (overdue ones are counted as overdue).
    pub new: usize,
}

impl FollowUp {
    pub fn is_empty(&self) -> bool {
        self.actions.is_empty()
    }
}

/// Follows every action of the assessments (oldest first); `dates` are the dates they are
/// ordered by, `levels(process)` gives a process's first and last level.
pub fn follow_up(
    ordered: &[&Assessment],
    dates: &[String],
    levels: impl Fn(&str) -> Option<(u8, u8)>,
) -> FollowUp {
    let mut ids: Vec<String> = Vec::new();
    for a in ordered {
        for x in &a.actions {
            if !ids.iter().any(|i| i == x.id.as_str()) {
                ids.push(x.id.to_string());
            }
        }
    }
    ids.sort_by(|a, b| crate::assessment::plan::id_order("A-", a, b));
    let last_date = dates.last().cloned().unwrap_or_default();
    let last_index = ordered.len().saturating_sub(1);
    let mut out = FollowUp::default();
    for id in ids {
        let statuses: Vec<Option<ActionStatus>> = ordered
            .iter()
            .map(|a| a.action(&id).map(|x| x.status))
            .collect();
        // The latest record of the action speaks for it.
        let Some((at, x)) = ordered
            .iter()
            .enumerate()
            .rev()
            .find_map(|(i, a)| a.action(&id).map(|x| (i, x)))
        else {
            continue;
        };
        let outcome = match x.status {
            ActionStatus::Done => Outcome::Closed,
            ActionStatus::Dropped => Outcome::Dropped,
            _ if at < last_index => Outcome::NotCarriedOver,
            _ if x.is_overdue(&last_date) => Outcome::Overdue,
            _ if statuses[0].is_none() => Outcome::New,
            _ => Outcome::StillOpen,
        };
        // An action already closed by the date of the first assessment compared is history,
        // not follow-up; one closed in an earlier file after that date was closed in between.
        let first_date = dates.first().map(String::as_str).unwrap_or_default();
        if statuses.iter().flatten().all(|s| !s.is_open())
            && statuses[0].is_some()
            && x.status_date().is_none_or(|d| d <= first_date)
        {
            continue;
        }
        match outcome {
            Outcome::Closed => out.closed += 1,
            Outcome::Dropped => out.dropped += 1,
            Outcome::StillOpen => out.still_open += 1,
            Outcome::Overdue => out.overdue += 1,
            Outcome::NotCarriedOver => out.not_carried_over += 1,
            Outcome::New => out.new += 1,
        }
        let process = x.process.as_ref().map(|p| p.to_string());
        let level = match (outcome, &process) {
            (Outcome::Closed, Some(p)) => levels(p),
            _ => None,
        };
        out.actions.push(ActionTrend {
            id,
            title: x.title.clone(),
            process,
            owner: x.owner.clone(),
            due: x.due.to_string(),
            statuses,
            outcome,
            level,
        });
    }
    out
}
