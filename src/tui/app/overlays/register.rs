//! The evidence register: move through the items, edit one in the evidence form, remove one
//! (asking first, naming what cites it; yes unlinks it from them, as `capra evidence remove
//! --force` does, through the same core call).

use crate::tui::keys::Cmd;
use crate::tui::state::{App, Effect, EvidenceForm, Overlay};

impl App {
    /// Opens the register on its first item.
    pub(in crate::tui::app) fn open_register(&mut self) {
        if self.doc.is_some() {
            self.overlay = Some(Overlay::Register { selected: 0 });
        }
    }

    /// The register with item `id` selected (the first when it is gone).
    pub(in crate::tui::app) fn register_at(&self, id: &str) -> Overlay {
        let selected = self
            .doc
            .as_ref()
            .and_then(|d| d.assessment.evidence.iter().position(|e| e.id == id))
            .unwrap_or(0);
        Overlay::Register { selected }
    }

    /// A command in the register.
    pub(in crate::tui::app) fn register_command(&mut self, cmd: Cmd) -> Vec<Effect> {
        let Some(doc) = &self.doc else {
            return vec![];
        };
        let n = doc.assessment.evidence.len();
        let Some(Overlay::Register { selected }) = &mut self.overlay else {
            return vec![];
        };
        *selected = (*selected).min(n.saturating_sub(1));
        let item = doc.assessment.evidence.get(*selected);
        match cmd {
            Cmd::Up => *selected = selected.saturating_sub(1),
            Cmd::Down => *selected = (*selected + 1).min(n.saturating_sub(1)),
            Cmd::Back => self.overlay = None,
            Cmd::Select => {
                if let Some(e) = item {
                    self.overlay = Some(Overlay::EvidenceForm(Box::new(EvidenceForm::of(e))));
                }
            }
            Cmd::Remove => {
                if let Some(e) = item {
                    let id = e.id.to_string();
                    let (change, places) = doc.assessment.remove_evidence_unlinked(&id);
                    let (question, done) = if places.is_empty() {
                        (
                            format!("Remove evidence {id} ({})? Nothing cites it.", e.title),
                            format!("evidence {id} removed"),
                        )
                    } else {
                        (
                            format!(
                                "Remove evidence {id} ({})? It is cited by {}: they will no longer cite it.",
                                e.title,
                                places.join(", ")
                            ),
                            format!("evidence {id} removed; unlinked from {}", places.join(", ")),
                        )
                    };
                    self.confirm(question, change, done);
                }
            }
            _ => {}
        }
        vec![]
    }
}
