//! The text an editor held when capra ended (a hang-up, a kill, a crash), offered back when the
//! file is opened again: `y` opens the same editor at the same place with the text, to finish
//! and save; `n` drops it.

use super::note::editor;
use crate::assessment::FindingKind;
use crate::tui::keys::Cmd;
use crate::tui::state::{
    App, Draft, DraftEditor, Effect, EvidenceForm, Filter, FindingDraft, InputField, Overlay,
    Screen,
};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

impl App {
    /// Offers a draft back, or once the question on screen is answered.
    pub(in crate::tui::app) fn offer_draft(&mut self, d: Box<Draft>) {
        let read_only = self.doc.as_ref().is_none_or(|d| d.read_only);
        if read_only {
            return;
        }
        if self.overlay.is_none() {
            self.overlay = Some(Overlay::Draft(d));
        } else {
            // Asked once the question before it is answered.
            self.draft_waiting = Some(d);
        }
    }

    /// Carries out a command of the question.
    pub(in crate::tui::app) fn draft_command(&mut self, c: Cmd) -> Vec<Effect> {
        match c {
            Cmd::Restore => {
                let Some(Overlay::Draft(d)) = self.overlay.take() else {
                    return vec![];
                };
                if self.restore_draft(*d.clone()) {
                    vec![Effect::DraftRestored(d)]
                } else {
                    vec![]
                }
            }
            Cmd::Back => {
                self.overlay = None;
                self.info("The unsaved text was dropped.");
                vec![Effect::DropDraft]
            }
            _ => vec![],
        }
    }

    /// Opens the draft's editor at its place, with its text. False when its place is gone.
    fn restore_draft(&mut self, d: Draft) -> bool {
        let what = d.describe();
        let place = !d.process.is_empty();
        if place {
            self.screen = Screen::Walk;
            self.walk.filter = Filter::All;
            self.walk.query.clear();
            if !self.go_to(&d.process, d.attribute.as_deref(), d.instance.as_deref()) {
                self.error(format!(
                    "{what} is about {}, which is not in scope any more: the text is in the draft file.",
                    d.process
                ));
                return false;
            }
        }
        let line = |s: &str| {
            let mut t = TextArea::new(vec![s.to_string()]);
            t.move_cursor(CursorMove::End);
            Box::new(t)
        };
        self.overlay = Some(match d.editor {
            DraftEditor::Note | DraftEditor::Rationale => Overlay::Note {
                text: Box::new(editor(&d.text)),
                rationale: d.editor == DraftEditor::Rationale,
            },
            DraftEditor::Finding => Overlay::Finding {
                text: Box::new(editor(&d.text)),
                draft: Box::new(FindingDraft {
                    id: d.id.clone(),
                    process: d.process.clone(),
                    attribute: d.attribute.clone(),
                    instance: d.instance.clone(),
                    kind: d.kind.unwrap_or(FindingKind::Observation),
                    severity: d.severity,
                    interview: match &d.id {
                        Some(id) => self.doc.as_ref().and_then(|doc| {
                            doc.assessment
                                .finding(id)?
                                .interview
                                .as_ref()
                                .map(|i| i.to_string())
                        }),
                        None => self.current.as_ref().map(|c| c.id.clone()),
                    },
                }),
            },
            DraftEditor::Justification => {
                let mut t = TextArea::new(vec![d.text.clone()]);
                t.move_cursor(CursorMove::End);
                t.set_wrap_mode(WrapMode::WordOrGlyph);
                Overlay::Ack {
                    warning: d.id.clone().unwrap_or_default(),
                    text: Box::new(t),
                }
            }
            DraftEditor::Evidence => {
                let mut form = EvidenceForm::new();
                for (field, text) in form.fields.iter_mut().zip(&d.fields) {
                    *field = *line(text);
                }
                if let Some(k) = d.evidence_kind {
                    form.kind = k;
                }
                Overlay::EvidenceForm(Box::new(form))
            }
            DraftEditor::Answer => {
                self.screen = Screen::Walk;
                Overlay::Input {
                    field: InputField::Answer {
                        process: d.process.clone(),
                        question: d.id.clone().unwrap_or_default(),
                    },
                    text: line(&d.text),
                    error: None,
                }
            }
            DraftEditor::NewAction | DraftEditor::Title | DraftEditor::Owner | DraftEditor::Due => {
                let id = d.id.clone().unwrap_or_default();
                self.screen = Screen::Plan;
                Overlay::Input {
                    field: match d.editor {
                        DraftEditor::Title => InputField::Title(id),
                        DraftEditor::Owner => InputField::Owner(id),
                        DraftEditor::Due => InputField::Due(id),
                        _ => InputField::NewAction,
                    },
                    text: line(&d.text),
                    error: None,
                }
            }
        });
        self.info(format!("{what}: restored. Finish it and save it as usual."));
        true
    }
}
