//! The search box: type a query, apply it to the process list or clear it.

use crate::tui::keys::{self, Cmd, Ctx};
use crate::tui::state::{App, Effect, Overlay};
use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::{CursorMove, TextArea};

impl App {
    /// Opens the search box with the query in force.
    pub(in crate::tui::app) fn open_search(&mut self) {
        let mut t = TextArea::new(vec![self.walk.query.clone()]);
        t.move_cursor(CursorMove::End);
        self.overlay = Some(Overlay::Search(Box::new(t)));
    }

    /// A key in the search box.
    pub(in crate::tui::app) fn search_key(
        &mut self,
        ev: KeyEvent,
        cmd: Option<Cmd>,
    ) -> Vec<Effect> {
        match cmd {
            Some(Cmd::Submit) => {
                if let Some(Overlay::Search(t)) = self.overlay.take() {
                    self.walk.query = t.lines().join(" ").trim().to_string();
                }
                self.walk.proc_sel = 0;
                let n = self.visible_processes().len();
                let msg = if self.walk.query.is_empty() {
                    "Search cleared.".to_string()
                } else {
                    format!(
                        "{n} process(es) match '{}'. {} and {} clear it.",
                        self.walk.query,
                        keys::label(Ctx::Walk, Cmd::Search),
                        keys::label(Ctx::Search, Cmd::Clear)
                    )
                };
                self.info(msg);
            }
            Some(Cmd::Clear) => {
                self.overlay = None;
                self.walk.query.clear();
                self.walk.proc_sel = 0;
                self.info("Search cleared.");
            }
            _ => {
                if let Some(Overlay::Search(t)) = &mut self.overlay {
                    t.input(ev);
                }
            }
        }
        vec![]
    }
}
