//! The list of consistency warnings: open it, move, go to the place a warning names, or start
//! acknowledging one.

use crate::tui::keys::Cmd;
use crate::tui::state::{App, Effect, Filter, Overlay};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

impl App {
    /// Opens the list on its first warning.
    pub(in crate::tui::app) fn open_warnings(&mut self) {
        self.overlay = Some(Overlay::Warnings { selected: 0 });
    }

    /// Carries out a command of the warning list.
    pub(in crate::tui::app) fn warnings_command(&mut self, c: Cmd) -> Vec<Effect> {
        let warnings = self.warnings();
        let Some(Overlay::Warnings { selected }) = &mut self.overlay else {
            return vec![];
        };
        match c {
            Cmd::Up => *selected = selected.saturating_sub(1),
            Cmd::Down => *selected = (*selected + 1).min(warnings.len().saturating_sub(1)),
            Cmd::Back => self.overlay = None,
            Cmd::Select => {
                let Some(w) = warnings.get(*selected) else {
                    return vec![];
                };
                // Shown whatever the filter or search: go to the warning's place.
                self.overlay = None;
                self.walk.filter = Filter::All;
                self.walk.query.clear();
                self.go_to(&w.process, w.attribute.as_deref(), w.instance.as_deref());
                self.info(w.reason.clone());
            }
            Cmd::Acknowledge => {
                let Some(w) = warnings.get(*selected) else {
                    return vec![];
                };
                let mut t = TextArea::new(vec![
                    w.acknowledged
                        .as_ref()
                        .map(|k| k.justification.clone())
                        .unwrap_or_default(),
                ]);
                t.move_cursor(CursorMove::End);
                t.set_wrap_mode(WrapMode::WordOrGlyph);
                self.overlay = Some(Overlay::Ack {
                    warning: w.id(),
                    text: Box::new(t),
                });
            }
            _ => {}
        }
        vec![]
    }
}
