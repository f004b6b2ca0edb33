//! The summary screen's keys: scroll, back to the walk-through, write the report, the plan.

use crate::tui::keys::Cmd;
use crate::tui::state::{App, Effect, Screen};

impl App {
    /// Carries out a command of the summary.
    pub(in crate::tui::app) fn summary_command(&mut self, c: Cmd) -> Vec<Effect> {
        match c {
            Cmd::Back => self.screen = Screen::Walk,
            Cmd::Up => self.summary_scroll = self.summary_scroll.saturating_sub(1),
            Cmd::Down => self.summary_scroll = self.summary_scroll.saturating_add(1),
            Cmd::Report => return self.write_report(),
            Cmd::Plan => self.open_plan(),
            _ => {}
        }
        vec![]
    }

    /// Asks the shell for the report (from the walk-through or the summary).
    pub(in crate::tui::app) fn write_report(&mut self) -> Vec<Effect> {
        self.info("Writing the report…");
        vec![Effect::Report]
    }
}
