//! What can be drawn over a screen, and the state each overlay keeps.

use super::forms::EvidenceForm;
use super::plan::{FindingDraft, InputField};
use crate::assessment::change::Change;
use ratatui_textarea::TextArea;
use std::path::PathBuf;

/// The evidence picker over the register.
#[derive(Debug, Default)]
pub struct Picker {
    pub filter: TextArea<'static>,
    pub selected: usize,
}

/// The search box: the query being typed and the selected result.
#[derive(Debug, Default)]
pub struct Search {
    pub text: TextArea<'static>,
    pub selected: usize,
}

/// The jump prompt: the id or name being typed, and why the last try did not move.
#[derive(Debug, Default)]
pub struct Goto {
    pub text: TextArea<'static>,
    pub error: Option<String>,
}

/// What is drawn over the screen.
#[derive(Debug)]
pub enum Overlay {
    Help {
        scroll: u16,
    },
    /// The legend of the symbols (opened from the help).
    Legend {
        scroll: u16,
    },
    /// The note editor; `rationale` when it edits why a rating overrides the aggregate or
    /// proposal instead of the note.
    Note {
        text: Box<TextArea<'static>>,
        rationale: bool,
    },
    /// The same editor on the text of a finding (new or changed), with its kind and severity.
    Finding {
        text: Box<TextArea<'static>>,
        draft: Box<FindingDraft>,
    },
    /// A question answered yes or no; yes applies the change and says `done`.
    Confirm {
        question: String,
        change: Box<Change>,
        done: String,
    },
    /// A one-line input of the improvement plan (a title, an owner, a due date); `error` says
    /// why the last try was refused, the text stays.
    Input {
        field: InputField,
        text: Box<TextArea<'static>>,
        error: Option<String>,
    },
    Picker(Box<Picker>),
    EvidenceForm(Box<EvidenceForm>),
    /// The search box over everything, with live results.
    Search(Box<Search>),
    /// The prompt that jumps to a process by id or name.
    Goto(Box<Goto>),
    Conflict {
        recovery: PathBuf,
    },
    Warnings {
        selected: usize,
    },
    /// The ratings flagged for review, with each assessor's rating.
    Flagged {
        selected: usize,
    },
    /// A draft of an editor was left beside the file (capra ended while it was typed): restore
    /// it or drop it.
    Draft(Box<super::draft::Draft>),
    /// A recovery file was found beside the file: restore it or keep the file.
    Recovery {
        path: PathBuf,
    },
    /// Acknowledging a warning: its id and the justification being written.
    Ack {
        warning: String,
        text: Box<TextArea<'static>>,
    },
    Locked {
        path: PathBuf,
        holder: String,
    },
    /// The agenda: the interview plan, with the current interview marked.
    Agenda {
        selected: usize,
    },
    /// The form that adds an interview to the plan.
    InterviewForm(Box<super::agenda::InterviewForm>),
    /// Before a report is written: what keeps it a draft (the open items of
    /// `report::status`), to go on or cancel.
    DraftReport {
        open: Vec<String>,
        scroll: u16,
    },
    /// The evidence register: every item, who cites it; edit or remove the selected one.
    Register {
        selected: usize,
    },
    /// The settings form: every key of `capra set`, one being edited or none.
    Settings(Box<super::settings::Settings>),
    /// The document requests: what was asked for, from whom, by when, received or not.
    Requests {
        selected: usize,
    },
    /// The form that asks for a document.
    RequestForm(Box<super::agenda::RequestForm>),
}
