//! The three message boxes about the file: it changed on disk (reload or overwrite), it is open
//! in another capra (read-only or quit), a recovered version lies beside it (restore or keep).

use crate::tui::keys::Cmd;
use crate::tui::state::{App, Effect, Overlay};

impl App {
    /// Carries out a command of the box shown when the file changed on disk.
    pub(in crate::tui::app) fn conflict_command(&mut self, c: Cmd) -> Vec<Effect> {
        match c {
            Cmd::Reload => {
                self.overlay = None;
                vec![Effect::Reload]
            }
            Cmd::Overwrite => {
                self.overlay = None;
                vec![Effect::Overwrite]
            }
            _ => vec![],
        }
    }

    /// Carries out a command of the box shown when the file is open in another capra.
    pub(in crate::tui::app) fn locked_command(&mut self, c: Cmd) -> Vec<Effect> {
        if c != Cmd::ReadOnly {
            return vec![];
        }
        let Some(Overlay::Locked { path, .. }) = self.overlay.take() else {
            return vec![];
        };
        vec![Effect::Open {
            path,
            read_only: true,
        }]
    }

    /// Carries out a command of the box shown when a recovered version was found.
    pub(in crate::tui::app) fn recovery_command(&mut self, c: Cmd) -> Vec<Effect> {
        match c {
            Cmd::Restore => {
                let Some(Overlay::Recovery { path }) = self.overlay.take() else {
                    return vec![];
                };
                vec![Effect::Restore(path)]
            }
            Cmd::Back => {
                if let Some(Overlay::Recovery { path }) = self.overlay.take() {
                    self.info(format!(
                        "Kept the file as it is; the recovered version stays in {}.",
                        path.display()
                    ));
                }
                if let Some(d) = self.draft_waiting.take() {
                    self.overlay = Some(Overlay::Draft(d));
                }
                vec![]
            }
            _ => vec![],
        }
    }
}
