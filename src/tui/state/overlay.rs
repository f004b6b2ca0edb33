//! What can be drawn over a screen, and the state each overlay keeps.

use super::forms::EvidenceForm;
use ratatui_textarea::TextArea;
use std::path::PathBuf;

/// The evidence picker over the register.
#[derive(Debug, Default)]
pub struct Picker {
    pub filter: TextArea<'static>,
    pub selected: usize,
}

/// What is drawn over the screen.
#[derive(Debug)]
pub enum Overlay {
    Help {
        scroll: u16,
    },
    /// The note editor; `rationale` when it edits why a rating overrides the aggregate or
    /// proposal instead of the note.
    Note {
        text: Box<TextArea<'static>>,
        rationale: bool,
    },
    Picker(Box<Picker>),
    EvidenceForm(Box<EvidenceForm>),
    Search(Box<TextArea<'static>>),
    Conflict {
        recovery: PathBuf,
    },
    Warnings {
        selected: usize,
    },
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
}
