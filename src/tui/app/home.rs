//! The home screen's keys: move in the list of assessment files, open one, start a new one.

use crate::tui::keys::Cmd;
use crate::tui::state::{App, Effect, NewForm, Screen};

impl App {
    /// Carries out a command of the home screen.
    pub(in crate::tui::app) fn home_command(&mut self, c: Cmd) -> Vec<Effect> {
        match c {
            Cmd::Up => self.home_sel = self.home_sel.saturating_sub(1),
            Cmd::Down if self.home_sel + 1 < self.home.len() => self.home_sel += 1,
            Cmd::Select => return self.open_selected_file(),
            Cmd::New => match &self.new_model {
                Some(m) => {
                    self.form = Some(NewForm::new(m));
                    self.screen = Screen::NewForm;
                }
                None => self.error("The ISMS model could not be loaded."),
            },
            _ => {}
        }
        vec![]
    }

    fn open_selected_file(&mut self) -> Vec<Effect> {
        let Some(e) = self.home.get(self.home_sel) else {
            return vec![];
        };
        if let Some(err) = &e.error {
            let msg = format!("Cannot open {}: {err}", e.path.display());
            self.error(msg);
            return vec![];
        }
        vec![Effect::Open {
            path: e.path.clone(),
            read_only: false,
        }]
    }
}
