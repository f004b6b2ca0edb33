//! Acknowledging a warning: write why it is accepted, save it into the assessment, or cancel;
//! either way back to the warning list.

use crate::assessment::Acknowledgement;
use crate::assessment::change::Change;
use crate::located::Id;
use crate::tui::keys::{self, Cmd, Ctx};
use crate::tui::state::{App, Effect, Overlay};
use ratatui::crossterm::event::KeyEvent;

impl App {
    /// A key while writing a justification.
    pub(in crate::tui::app) fn ack_key(&mut self, ev: KeyEvent, cmd: Option<Cmd>) -> Vec<Effect> {
        match cmd {
            Some(Cmd::Back) => {
                self.overlay = Some(Overlay::Warnings { selected: 0 });
                self.info("Not acknowledged.");
                vec![]
            }
            Some(Cmd::Submit) => self.save_acknowledgement(),
            _ => {
                if let Some(Overlay::Ack { text, .. }) = &mut self.overlay {
                    text.input(ev);
                }
                vec![]
            }
        }
    }

    fn save_acknowledgement(&mut self) -> Vec<Effect> {
        let Some(Overlay::Ack { warning, text }) = self.overlay.take() else {
            return vec![];
        };
        let why = text.lines().join(" ").trim().to_string();
        if why.is_empty() {
            self.overlay = Some(Overlay::Ack { warning, text });
            let msg = format!(
                "Write why the warning is accepted; {} cancels.",
                keys::label(Ctx::Ack, Cmd::Back)
            );
            self.error(msg);
            return vec![];
        }
        let ack = Acknowledgement {
            warning: Id::from(warning.as_str()),
            justification: why,
            by: self.recorder().unwrap_or_default(),
            date: self.today.clone(),
        };
        let effects = self.edit(Change::Acknowledge(ack), &format!("{warning} acknowledged"));
        self.overlay = Some(Overlay::Warnings { selected: 0 });
        effects
    }
}
