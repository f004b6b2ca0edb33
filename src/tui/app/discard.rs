//! Leaving a form with text typed and not saved asks first (`App::discard` holds the
//! question): yes leaves the form as its cancel key would, no goes back to it as it was.

use crate::tui::keys::Cmd;
use crate::tui::state::{App, Effect, Overlay, Screen};

impl App {
    /// A key on the question.
    pub(in crate::tui::app) fn discard_command(&mut self, c: Cmd) -> Vec<Effect> {
        match c {
            Cmd::Submit => {
                self.discard = None;
                match &self.overlay {
                    Some(Overlay::Settings(_)) => self.leave_setting_edit(),
                    Some(Overlay::EvidenceForm(_)) => self.leave_evidence_form(),
                    None if self.screen == Screen::NewForm => self.leave_new_form(),
                    _ => {}
                }
            }
            Cmd::Back => {
                self.discard = None;
                self.info("Still editing: nothing was dropped.");
            }
            _ => {}
        }
        vec![]
    }
}
