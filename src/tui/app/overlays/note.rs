//! The note editor (also used for the rationale of a rating, and by the finding editor): open it
//! on the selected slot, type, and save on the way out.

use crate::assessment::change::Field;
use crate::tui::keys::Cmd;
use crate::tui::state::{App, Effect, Overlay};
use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

/// The multi-line editor on a text, the cursor at its end: notes, rationales and findings are
/// all written in it.
pub(in crate::tui::app) fn editor(current: &str) -> TextArea<'static> {
    let mut t = TextArea::new(current.split('\n').map(str::to_string).collect());
    t.set_wrap_mode(WrapMode::WordOrGlyph);
    t.move_cursor(CursorMove::Bottom);
    t.move_cursor(CursorMove::End);
    t
}

impl App {
    /// Opens the editor on the note (or the rationale) of the selected slot.
    pub(in crate::tui::app) fn open_note(&mut self, rationale: bool) {
        if self.slot().is_none() {
            return;
        }
        let current = self.record_text(rationale);
        self.overlay = Some(Overlay::Note {
            text: Box::new(editor(&current)),
            rationale,
        });
    }

    /// A key in the note editor: closing saves, anything else is text.
    pub(in crate::tui::app) fn note_key(&mut self, ev: KeyEvent, cmd: Option<Cmd>) -> Vec<Effect> {
        if cmd == Some(Cmd::Back) {
            return self.close_note();
        }
        if cmd == Some(Cmd::Guidance) {
            self.guidance_toggled = !self.guidance_toggled;
            return vec![];
        }
        if let Some(Overlay::Note { text, .. }) = &mut self.overlay {
            text.input(ev);
        }
        vec![]
    }

    fn close_note(&mut self) -> Vec<Effect> {
        let Some(Overlay::Note { text, rationale }) = self.overlay.take() else {
            return vec![];
        };
        let new = text.lines().join("\n").trim_end().to_string();
        let old = self.record_text(rationale);
        if new == old.trim_end() {
            self.info(if rationale {
                "Rationale unchanged."
            } else {
                "Note unchanged."
            });
            return vec![];
        }
        if rationale {
            self.set(Field::Rationale(new), "rationale saved")
        } else {
            self.set(Field::Note(new), "note saved")
        }
    }
}
