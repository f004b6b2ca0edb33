//! The improvement plan screen's own state (which actions it shows, which is selected), the
//! finding being written in the editor and the one-line inputs of the plan. The questions on
//! findings and actions are in `queries`.

use crate::assessment::{ActionStatus, FindingKind, Severity};

/// Which actions the plan shows by status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusFilter {
    All,
    /// Proposed, agreed or in progress.
    Open,
    Is(ActionStatus),
}

impl StatusFilter {
    /// The next filter: all, open, then each status, then all again.
    pub fn next(self) -> StatusFilter {
        let all = ActionStatus::ALL;
        match self {
            StatusFilter::All => StatusFilter::Open,
            StatusFilter::Open => StatusFilter::Is(all[0]),
            StatusFilter::Is(s) => match all.iter().position(|x| *x == s) {
                Some(i) if i + 1 < all.len() => StatusFilter::Is(all[i + 1]),
                _ => StatusFilter::All,
            },
        }
    }

    pub fn label(self) -> String {
        match self {
            StatusFilter::All => "all".into(),
            StatusFilter::Open => "open".into(),
            StatusFilter::Is(s) => s.word().into(),
        }
    }

    pub fn keeps(self, s: ActionStatus) -> bool {
        match self {
            StatusFilter::All => true,
            StatusFilter::Open => s.is_open(),
            StatusFilter::Is(x) => x == s,
        }
    }
}

/// The improvement plan screen's own state.
#[derive(Clone, Debug)]
pub struct Plan {
    /// Index into the actions shown.
    pub sel: usize,
    pub status: StatusFilter,
    /// Only this owner's actions.
    pub owner: Option<String>,
    /// Only the actions past their due date.
    pub overdue: bool,
    /// Esc goes back to the summary (it was opened there), else to the walk-through.
    pub back_to_summary: bool,
    /// The status key was pressed: the next key is the new status.
    pub status_pending: bool,
}

impl Default for Plan {
    fn default() -> Self {
        Plan {
            sel: 0,
            status: StatusFilter::All,
            owner: None,
            overdue: false,
            back_to_summary: false,
            status_pending: false,
        }
    }
}

/// A finding being written in the editor: a new one (no id yet) or one being changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FindingDraft {
    /// The finding changed; `None` for a new one.
    pub id: Option<String>,
    pub process: String,
    pub attribute: Option<String>,
    pub instance: Option<String>,
    pub kind: FindingKind,
    /// For a weakness only.
    pub severity: Option<Severity>,
    /// The interview it is captured in (the one going on when a new finding was begun).
    pub interview: Option<String>,
}

impl FindingDraft {
    /// "Weakness (medium)", "Strength".
    pub fn kind_label(&self) -> String {
        kind_label(self.kind, self.severity)
    }
}

/// "Weakness (medium)", "Strength": a finding's kind with its severity.
pub fn kind_label(kind: FindingKind, severity: Option<Severity>) -> String {
    let w = kind.word();
    let mut s = w[..1].to_uppercase() + &w[1..];
    if let Some(sv) = severity {
        s.push_str(&format!(" ({sv})"));
    }
    s
}

/// What a one-line input of the plan screen sets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputField {
    /// The title of a new action.
    NewAction,
    Title(String),
    Owner(String),
    Due(String),
    /// The answer heard to a question of the model (`Q2`, `PA2.1.Q1`) of a process.
    Answer {
        process: String,
        question: String,
    },
}

impl InputField {
    pub fn label(&self) -> String {
        match self {
            InputField::NewAction => "New action: its title".into(),
            InputField::Title(id) => format!("{id}: title"),
            InputField::Owner(id) => format!("{id}: owner"),
            InputField::Due(id) => format!("{id}: due date (YYYY-MM-DD, empty for none)"),
            InputField::Answer { process, question } => {
                format!("{process} {question}: the answer heard")
            }
        }
    }
}
