//! Editing the open assessment: every change goes through the history (so it can be undone),
//! rescores, says what was done and asks the shell to save.

use crate::assessment::change::{Change, Field};
use crate::tui::state::{App, Effect};

impl App {
    /// Applies a change through the history, rescoring and asking for a save.
    pub(in crate::tui::app) fn edit(&mut self, change: Change, what: &str) -> Vec<Effect> {
        let Some(doc) = &mut self.doc else {
            return vec![];
        };
        if doc.read_only {
            self.error(
                "Read-only: nothing can be changed here (the file is open in another capra, or its permissions allow no writing).",
            );
            return vec![];
        }
        match doc.history.apply(&mut doc.assessment, &doc.model, change) {
            Ok(()) => {
                doc.rescore();
                self.ok(what.to_string());
                vec![Effect::Save]
            }
            Err(e) => {
                self.error(e.to_string());
                vec![]
            }
        }
    }

    /// Sets one field of the selected slot, with the assessor when a rating is given.
    pub(in crate::tui::app) fn set(&mut self, field: Field, what: &str) -> Vec<Effect> {
        let Some(slot) = self.slot() else {
            return vec![];
        };
        let label = format!(
            "{} {}{}: {what}",
            slot.process,
            slot.attribute,
            slot.instance
                .as_ref()
                .map(|i| format!(" ({i})"))
                .unwrap_or_default()
        );
        let mut changes = vec![Change::Set {
            slot: slot.clone(),
            field: field.clone(),
        }];
        if let (Field::Rating(Some(_)), Some(who)) = (&field, self.recorder()) {
            changes.push(Change::Set {
                slot,
                field: Field::Assessor(who),
            });
        }
        self.edit(Change::Batch(changes), &label)
    }
}
