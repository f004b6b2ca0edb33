//! What the editor open now holds that is not saved yet, as a [`Draft`] for the shell to keep
//! beside the file.

use super::app::App;
use super::draft::{Draft, DraftEditor};
use super::overlay::Overlay;
use super::plan::InputField;

impl App {
    /// The text of the editor open now, when it differs from what is saved.
    pub fn draft(&self) -> Option<Draft> {
        let doc = self.doc.as_ref()?;
        let blank = |editor| Draft {
            editor,
            process: String::new(),
            attribute: None,
            instance: None,
            id: None,
            kind: None,
            severity: None,
            text: String::new(),
            fields: Vec::new(),
            evidence_kind: None,
        };
        let (d, saved) = match self.overlay.as_ref()? {
            Overlay::Note { text, rationale } => {
                let slot = self.slot()?;
                let editor = if *rationale {
                    DraftEditor::Rationale
                } else {
                    DraftEditor::Note
                };
                let d = Draft {
                    process: slot.process,
                    attribute: Some(slot.attribute),
                    instance: slot.instance,
                    text: text.lines().join("\n"),
                    ..blank(editor)
                };
                (d, self.record_text(*rationale))
            }
            Overlay::Finding { text, draft } => {
                let saved = draft
                    .id
                    .as_ref()
                    .and_then(|id| doc.assessment.findings.iter().find(|f| &f.id == id))
                    .map(|f| f.text.clone())
                    .unwrap_or_default();
                let d = Draft {
                    process: draft.process.clone(),
                    attribute: draft.attribute.clone(),
                    instance: draft.instance.clone(),
                    id: draft.id.clone(),
                    kind: Some(draft.kind),
                    severity: draft.severity,
                    text: text.lines().join("\n"),
                    ..blank(DraftEditor::Finding)
                };
                (d, saved)
            }
            Overlay::Ack { warning, text } => {
                let saved = doc
                    .assessment
                    .acknowledgements
                    .iter()
                    .find(|k| &k.warning == warning)
                    .map(|k| k.justification.clone())
                    .unwrap_or_default();
                let d = Draft {
                    id: Some(warning.clone()),
                    text: text.lines().join(" "),
                    ..blank(DraftEditor::Justification)
                };
                (d, saved)
            }
            Overlay::Input { field, text, .. } => {
                let action = |id: &str| doc.assessment.actions.iter().find(|x| x.id == id);
                let (editor, id, saved) = match field {
                    InputField::NewAction => (DraftEditor::NewAction, None, String::new()),
                    InputField::Title(id) => (
                        DraftEditor::Title,
                        Some(id.clone()),
                        action(id).map(|x| x.title.clone()).unwrap_or_default(),
                    ),
                    InputField::Owner(id) => (
                        DraftEditor::Owner,
                        Some(id.clone()),
                        action(id).map(|x| x.owner.clone()).unwrap_or_default(),
                    ),
                    InputField::Due(id) => (
                        DraftEditor::Due,
                        Some(id.clone()),
                        action(id)
                            .map(|x| String::clone(&x.due))
                            .unwrap_or_default(),
                    ),
                    InputField::Answer { process, question } => (
                        DraftEditor::Answer,
                        Some(question.clone()),
                        doc.assessment
                            .question(process, question)
                            .map(|q| q.answer.clone())
                            .unwrap_or_default(),
                    ),
                };
                let process = match field {
                    InputField::NewAction => self
                        .selected_process()
                        .map(|pi| doc.assessment.processes[pi].id.to_string())
                        .unwrap_or_default(),
                    InputField::Answer { process, .. } => process.clone(),
                    _ => String::new(),
                };
                let d = Draft {
                    process,
                    id,
                    text: text.lines().join(" "),
                    ..blank(editor)
                };
                (d, saved)
            }
            Overlay::EvidenceForm(form) => {
                let slot = self.slot()?;
                let fields: Vec<String> = form.fields.iter().map(|t| t.lines().join(" ")).collect();
                let d = Draft {
                    process: slot.process,
                    attribute: Some(slot.attribute),
                    instance: slot.instance,
                    text: fields.join(" ").trim().to_string(),
                    fields,
                    evidence_kind: Some(form.kind),
                    ..blank(DraftEditor::Evidence)
                };
                (d, String::new())
            }
            _ => return None,
        };
        (d.text.trim_end() != saved.trim_end() && !d.text.trim().is_empty()).then_some(d)
    }
}
