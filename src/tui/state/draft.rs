//! The text of an editor that is open, as a value: the shell keeps it in a draft file beside the
//! assessment while it is typed, so that a hang-up, a kill or a crash loses none of it, and
//! offers it back the next time the file is opened. [`LastPlace`] is the other small thing
//! kept beside the file: where the walk-through was. `App::draft` (in `drafting`) says what the
//! editor of the moment holds that is not saved yet.

use crate::assessment::{EvidenceKind, FindingKind, Severity};
use serde::{Deserialize, Serialize};

/// Which editor a draft was typed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DraftEditor {
    Note,
    Rationale,
    Finding,
    /// The justification of a warning's acknowledgement.
    Justification,
    /// The title of a new action.
    NewAction,
    /// The title, owner or due date of an action.
    Title,
    Owner,
    Due,
    /// The form of a new evidence item (its fields in `fields`).
    Evidence,
    /// The answer to a question of the model (the question's id in `id`).
    Answer,
}

/// What an editor holds that is not saved, and where it goes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub editor: DraftEditor,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub process: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribute: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    /// The finding, warning or action the text belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<FindingKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    pub text: String,
    /// The new evidence form: title, location, date, owner.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence_kind: Option<EvidenceKind>,
}

impl Draft {
    /// "A note you were typing on ISMS.CORE.3 PA2.1": what the question names.
    pub fn describe(&self) -> String {
        let place = [
            Some(self.process.clone()).filter(|p| !p.is_empty()),
            self.attribute.clone(),
            self.instance.as_ref().map(|i| format!("({i})")),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
        let on = if place.is_empty() {
            String::new()
        } else {
            format!(" on {place}")
        };
        let id = self.id.clone().unwrap_or_default();
        match self.editor {
            DraftEditor::Note => format!("A note you were typing{on}"),
            DraftEditor::Rationale => format!("A rationale you were typing{on}"),
            DraftEditor::Finding if self.id.is_some() => format!("Your changes to finding {id}"),
            DraftEditor::Finding => format!("A finding you were typing{on}"),
            DraftEditor::Justification => format!("A justification you were typing for {id}"),
            DraftEditor::NewAction => "The title of a new action you were typing".into(),
            DraftEditor::Title => format!("The title you were typing for {id}"),
            DraftEditor::Owner => format!("The owner you were typing for {id}"),
            DraftEditor::Due => format!("The due date you were typing for {id}"),
            DraftEditor::Evidence => format!("A new evidence item you were adding{on}"),
            DraftEditor::Answer => format!("The answer you were typing to {id}{on}"),
        }
    }
}

/// Where the walk-through was when the file was last left: kept beside the file (never in it)
/// so that reopening it returns there.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastPlace {
    pub process: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribute: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    /// The interview going on when the file was left: reopening resumes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interview: Option<super::agenda::Current>,
}
