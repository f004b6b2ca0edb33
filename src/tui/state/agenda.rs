//! The interview plan on screen: the interview going on now (its id and the instant it
//! started), the form that adds an interview, and what the header shows of the running clock.
//! Time comes in as a message (`Action::Tick`), so everything here is a pure function of the
//! state.

use crate::assessment::Interview;
use ratatui_textarea::{CursorMove, TextArea};
use serde::{Deserialize, Serialize};

/// The interview going on now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Current {
    /// I-001, ...
    pub id: String,
    /// When it started, in seconds since 1970-01-01 UTC.
    pub started: i64,
}

/// The running clock of the current interview, as the header shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clock {
    pub id: String,
    pub who: String,
    /// Whole minutes since the start.
    pub elapsed: u64,
    /// The planned length, when there is one.
    pub time_box: Option<u32>,
}

impl Clock {
    /// The minutes past the time box, when it is passed.
    pub fn over(&self) -> Option<u64> {
        let b = u64::from(self.time_box?);
        (self.elapsed > b).then(|| self.elapsed - b)
    }

    /// "I-002 Dana Lee 23/45 min", or "I-002 Dana Lee 23 min" without a time box.
    pub fn label(&self) -> String {
        match self.time_box {
            Some(b) => format!("{} {} {}/{b} min", self.id, self.who, self.elapsed),
            None => format!("{} {} {} min", self.id, self.who, self.elapsed),
        }
    }
}

/// The clock of an interview started at `started`, at `now` (seconds since 1970).
pub fn clock(i: &Interview, started: i64, now: i64) -> Clock {
    Clock {
        id: i.id.to_string(),
        who: i.who.trim().to_string(),
        elapsed: u64::try_from(now.saturating_sub(started)).unwrap_or(0) / 60,
        time_box: i.minutes.as_ref().map(|m| **m),
    }
}

/// The labels of the interview form's fields, in order.
pub const INTERVIEW_LABELS: [&str; 5] = [
    "Interviewee",
    "Role",
    "When (YYYY-MM-DD[THH:MM])",
    "Minutes",
    "Processes",
];

/// A small form of one-line fields: the interview form (who, role, when, minutes, processes:
/// ids separated by commas or spaces) and the request form (what, from whom, by when).
#[derive(Debug)]
pub struct SmallForm {
    pub fields: Vec<TextArea<'static>>,
    pub focus: usize,
    pub error: Option<String>,
}

/// The form that adds an interview to the plan ([`INTERVIEW_LABELS`]).
pub type InterviewForm = SmallForm;

/// The form that asks for a document ([`REQUEST_LABELS`]).
pub type RequestForm = SmallForm;

/// The labels of the request form's fields, in order.
pub const REQUEST_LABELS: [&str; 3] = ["What", "From", "Due (YYYY-MM-DD)"];

impl SmallForm {
    /// A form whose fields start with these texts, the cursor at the end of each.
    fn with(defaults: &[&str]) -> SmallForm {
        let fields = defaults
            .iter()
            .map(|d| {
                let mut t = TextArea::new(vec![d.to_string()]);
                t.move_cursor(CursorMove::End);
                t
            })
            .collect();
        SmallForm {
            fields,
            focus: 0,
            error: None,
        }
    }

    /// An empty interview form, the processes field holding `process` (the one selected).
    pub fn interview(process: Option<&str>) -> SmallForm {
        SmallForm::with(&["", "", "", "", process.unwrap_or_default()])
    }

    /// An empty request form, `from` filled in (the interviewee of the interview going on).
    pub fn request(from: &str) -> SmallForm {
        SmallForm::with(&["", from, ""])
    }

    /// The trimmed text of a field.
    pub fn value(&self, i: usize) -> String {
        self.fields
            .get(i)
            .map(|t| t.lines().join(" ").trim().to_string())
            .unwrap_or_default()
    }
}
