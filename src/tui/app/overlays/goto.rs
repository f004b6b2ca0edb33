//! The jump prompt: type a process's id (`CORE.3`, `core3`, `ISMS.CORE.3`) or the start of its
//! name, Tab completes, Enter goes there; a wrong or ambiguous id says so and moves nothing.

use crate::tui::keys::Cmd;
use crate::tui::state::{App, Effect, Overlay, Pane, fold};
use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::{CursorMove, TextArea};

impl App {
    /// Opens the jump prompt, empty.
    pub(in crate::tui::app) fn open_goto(&mut self) {
        self.overlay = Some(Overlay::Goto(Box::default()));
    }

    /// The text of the jump prompt.
    fn goto_text(&self) -> String {
        match &self.overlay {
            Some(Overlay::Goto(g)) => g.text.lines().join(" ").trim().to_string(),
            _ => String::new(),
        }
    }

    /// A key in the jump prompt.
    pub(in crate::tui::app) fn goto_key(&mut self, ev: KeyEvent, cmd: Option<Cmd>) -> Vec<Effect> {
        match cmd {
            Some(Cmd::Back) => self.overlay = None,
            Some(Cmd::Submit) => self.goto_submit(),
            Some(Cmd::Complete) => self.goto_complete(),
            _ => {
                if let Some(Overlay::Goto(g)) = &mut self.overlay
                    && g.text.input(ev)
                {
                    g.error = None;
                }
            }
        }
        vec![]
    }

    /// Says why the prompt did not move, keeping it open with what was typed.
    fn goto_refuse(&mut self, why: String) {
        if let Some(Overlay::Goto(g)) = &mut self.overlay {
            g.error = Some(why.clone());
        }
        self.error(why);
    }

    fn goto_submit(&mut self) {
        let typed = self.goto_text();
        if typed.is_empty() {
            self.overlay = None;
            return;
        }
        let found = self.goto_matches(&typed, false);
        match found.as_slice() {
            [] => self.goto_refuse(format!("No process '{typed}' in this assessment.")),
            [(id, name)] => {
                let (id, name) = (id.clone(), name.clone());
                self.overlay = None;
                if self.reveal_place(&id, None, None) {
                    self.walk.focus = Pane::Processes;
                    self.info(format!("{id} {name}"));
                }
            }
            many => {
                let ids: Vec<&str> = many.iter().map(|(id, _)| id.as_str()).collect();
                self.goto_refuse(format!("'{typed}' could be {}.", ids.join(", ")))
            }
        }
    }

    /// Completes what is typed: the whole id when one process matches, else as far as the ids
    /// (or names) that match agree.
    fn goto_complete(&mut self) {
        let typed = self.goto_text();
        let found = self.goto_matches(&typed, true);
        let done = match found.as_slice() {
            [] => {
                self.goto_refuse(format!("No process starts with '{typed}'."));
                return;
            }
            [(id, _)] => id.clone(),
            many => {
                // Complete within the form the user typed: a name, or an id.
                let by_name = many.iter().all(|(_, n)| fold(n).starts_with(&fold(&typed)));
                let texts: Vec<&str> = many
                    .iter()
                    .map(|(id, n)| if by_name { n.as_str() } else { id.as_str() })
                    .collect();
                let common = common_prefix(&texts);
                let ids: Vec<&str> = many.iter().map(|(id, _)| id.as_str()).collect();
                let msg = format!("{} match: {}", ids.len(), ids.join(", "));
                if let Some(Overlay::Goto(g)) = &mut self.overlay {
                    g.error = Some(msg);
                }
                if fold(&common).starts_with(&fold(&typed)) && common.len() > typed.len() {
                    common
                } else {
                    return;
                }
            }
        };
        if let Some(Overlay::Goto(g)) = &mut self.overlay {
            let mut t = TextArea::new(vec![done]);
            t.move_cursor(CursorMove::End);
            g.text = t;
            if found.len() == 1 {
                g.error = None;
            }
        }
    }
}

/// The longest start the texts share, compared without case or accents.
fn common_prefix(texts: &[&str]) -> String {
    let Some(first) = texts.first() else {
        return String::new();
    };
    let mut n = first.chars().count();
    for t in &texts[1..] {
        n = n.min(
            first
                .chars()
                .zip(t.chars())
                .take_while(|(a, b)| fold(&a.to_string()) == fold(&b.to_string()))
                .count(),
        );
    }
    first.chars().take(n).collect()
}
