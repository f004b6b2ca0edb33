//! The file changed on disk and read again: the screen stays on the same process, attribute and
//! instance (by id, not by position) and says how many ratings changed.

use crate::util::{SMALL, model, parse};
use capra::tui::app::{Action, App, Doc, Pane};
use capra::tui::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::PathBuf;

fn doc(text: &str) -> Doc {
    Doc::new(PathBuf::from("a.toml"), parse(text), model(), false)
}

fn ch(app: &mut App, c: char) {
    app.update(Action::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::NONE,
    )));
}

#[test]
fn a_reload_keeps_the_place_by_id_and_counts_the_changed_ratings() {
    let mut a = App::with_doc(Theme { color: false }, doc(SMALL));
    ch(&mut a, 'j'); // CORE.8, the second process
    ch(&mut a, 'i');
    ch(&mut a, 'i'); // its Warehouse instance
    a.update(Action::Key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE)));
    assert_eq!(a.walk.proc_sel, 1);
    // Someone else brings CORE.4 into scope (before CORE.8) and rates the Warehouse F.
    let theirs = SMALL
        .replace(
            "[[processes]]\nid = \"ISMS.CORE.8\"",
            "[[processes]]\nid = \"ISMS.CORE.4\"\ntarget = 1\n\n[[processes]]\nid = \"ISMS.CORE.8\"",
        )
        .replace(
            "instance = \"Warehouse\"\nrating = \"P\"",
            "instance = \"Warehouse\"\nrating = \"F\"",
        );
    assert_ne!(theirs, SMALL);
    a.update(Action::Reloaded(Box::new(doc(&theirs))));
    let slot = a.slot().unwrap();
    assert_eq!(slot.process, "ISMS.CORE.8");
    assert_eq!(slot.attribute, "PA1.1");
    assert_eq!(slot.instance.as_deref(), Some("Warehouse"));
    assert_eq!(a.walk.proc_sel, 2, "found by id: one place further down");
    assert_eq!(a.walk.focus, Pane::Attributes);
    assert_eq!(
        a.status.as_ref().unwrap().text,
        "The file was changed on disk and reloaded: 1 rating changed."
    );
}
