//! Undo and redo say what they change and go there.

use crate::util::{SMALL, model, parse};
use capra::rating::Rating;
use capra::tui::app::{Action, App, Doc, Effect, Filter};
use capra::tui::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::PathBuf;

fn app() -> App {
    let doc = Doc::new(PathBuf::from("a.toml"), parse(SMALL), model(), false);
    App::with_doc(Theme { color: false }, doc)
}

fn key(app: &mut App, code: KeyCode, mods: KeyModifiers) -> Vec<Effect> {
    app.update(Action::Key(KeyEvent::new(code, mods)))
}

fn ch(app: &mut App, c: char) -> Vec<Effect> {
    key(app, KeyCode::Char(c), KeyModifiers::NONE)
}

fn status(app: &App) -> String {
    app.status.as_ref().unwrap().text.clone()
}

fn rating(app: &App) -> Option<Rating> {
    app.record().and_then(|r| r.rating())
}

#[test]
fn undo_and_redo_name_the_change_and_go_to_it() {
    let mut a = app();
    // CORE.3 PA2.1 rated F (was L), then the selection moves away to CORE.8.
    key(&mut a, KeyCode::Tab, KeyModifiers::NONE);
    ch(&mut a, 'j');
    ch(&mut a, 'f');
    key(&mut a, KeyCode::BackTab, KeyModifiers::NONE);
    ch(&mut a, 'j');
    assert_eq!(a.slot().unwrap().process, "ISMS.CORE.8");
    // Undo goes back to CORE.3 PA2.1 and says so, with the value it is back to.
    assert_eq!(ch(&mut a, 'u'), vec![Effect::Save]);
    assert_eq!(status(&a), "Undone: ISMS.CORE.3 PA2.1 rating L");
    let slot = a.slot().unwrap();
    assert_eq!(
        (slot.process.as_str(), slot.attribute.as_str()),
        ("ISMS.CORE.3", "PA2.1")
    );
    assert_eq!(rating(&a), Some(Rating::L));
    // Away again; redo comes back.
    key(&mut a, KeyCode::Up, KeyModifiers::NONE);
    assert_eq!(a.slot().unwrap().attribute, "PA1.1");
    key(&mut a, KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert_eq!(status(&a), "Redone: ISMS.CORE.3 PA2.1 rating F");
    assert_eq!(a.slot().unwrap().attribute, "PA2.1");
    assert_eq!(rating(&a), Some(Rating::F));
}

#[test]
fn undo_of_an_instance_rating_selects_the_instance_and_shows_hidden_processes() {
    let mut a = app();
    ch(&mut a, 'j'); // CORE.8
    ch(&mut a, 'i'); // Head office
    key(&mut a, KeyCode::Tab, KeyModifiers::NONE);
    ch(&mut a, 'n');
    // Only the flagged processes: none, so nothing is shown.
    ch(&mut a, 'o');
    ch(&mut a, 'o');
    assert_eq!(a.walk.filter, Filter::Flagged);
    ch(&mut a, 'u');
    assert_eq!(
        status(&a),
        "Undone: ISMS.CORE.8 PA1.1 (Head office) rating F"
    );
    assert_eq!(a.walk.filter, Filter::All, "the place is shown");
    assert_eq!(a.instance_name().as_deref(), Some("Head office"));
    assert_eq!(rating(&a), Some(Rating::F));
}

#[test]
fn undo_of_a_target_and_of_a_finding() {
    let mut a = app();
    ch(&mut a, 't');
    ch(&mut a, '1');
    ch(&mut a, 'u');
    assert_eq!(status(&a), "Undone: ISMS.CORE.3 target 3");
    key(&mut a, KeyCode::Tab, KeyModifiers::NONE);
    ch(&mut a, 'S');
    for c in "Good".chars() {
        ch(&mut a, c);
    }
    key(&mut a, KeyCode::Esc, KeyModifiers::NONE);
    ch(&mut a, 'u');
    assert_eq!(
        status(&a),
        "Undone: ISMS.CORE.3 PA1.1 finding F-001 removed"
    );
    key(&mut a, KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert_eq!(status(&a), "Redone: ISMS.CORE.3 PA1.1 finding F-001");
}
