//! A yes-or-no question: yes applies the change it holds, no (or Esc) changes nothing.

use crate::tui::keys::Cmd;
use crate::tui::state::{App, Effect, Overlay};

impl App {
    /// Asks before applying a change; yes applies it and says `done`.
    pub(in crate::tui::app) fn confirm(
        &mut self,
        question: String,
        change: crate::assessment::change::Change,
        done: String,
    ) {
        self.overlay = Some(Overlay::Confirm {
            question,
            change: Box::new(change),
            done,
        });
    }

    /// A key on the question.
    pub(in crate::tui::app) fn confirm_command(&mut self, c: Cmd) -> Vec<Effect> {
        match c {
            Cmd::Submit => {
                let Some(Overlay::Confirm { change, done, .. }) = self.overlay.take() else {
                    return vec![];
                };
                let effects = self.edit(*change, &done);
                self.clamp_selections();
                effects
            }
            Cmd::Back => {
                self.overlay = None;
                self.info("Nothing changed.");
                vec![]
            }
            _ => vec![],
        }
    }

    /// Keeps the selections of the detail pane and the plan on something that is there.
    pub(in crate::tui::app) fn clamp_selections(&mut self) {
        let n = self.detail_len();
        self.walk.item_sel = self.walk.item_sel.min(n.saturating_sub(1));
        let m = self.plan_actions().len();
        self.plan.sel = self.plan.sel.min(m.saturating_sub(1));
    }
}
