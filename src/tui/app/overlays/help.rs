//! The help overlay and the legend of symbols opened from it: open, scroll, close.

use crate::tui::keys::Cmd;
use crate::tui::state::{App, Effect, Overlay};

impl App {
    pub(in crate::tui::app) fn open_help(&mut self) {
        self.overlay = Some(Overlay::Help { scroll: 0 });
    }

    /// Carries out a command of the help overlay.
    pub(in crate::tui::app) fn help_command(&mut self, c: Cmd) -> Vec<Effect> {
        match (c, &mut self.overlay) {
            (Cmd::Back, _) => self.overlay = None,
            (Cmd::Up, Some(Overlay::Help { scroll })) => *scroll = scroll.saturating_sub(1),
            (Cmd::Down, Some(Overlay::Help { scroll })) => *scroll = scroll.saturating_add(1),
            (Cmd::Legend, _) => self.overlay = Some(Overlay::Legend { scroll: 0 }),
            _ => {}
        }
        vec![]
    }

    /// Carries out a command of the legend: scroll, or back to the help.
    pub(in crate::tui::app) fn legend_command(&mut self, c: Cmd) -> Vec<Effect> {
        match (c, &mut self.overlay) {
            (Cmd::Back, _) => self.open_help(),
            (Cmd::Up, Some(Overlay::Legend { scroll })) => *scroll = scroll.saturating_sub(1),
            (Cmd::Down, Some(Overlay::Legend { scroll })) => *scroll = scroll.saturating_add(1),
            _ => {}
        }
        vec![]
    }
}
