//! Leaving a form with text typed and not saved asks first: the new-assessment form, the
//! evidence form and the settings editor. Untouched, they close at once.

use crate::util::{SMALL, model, parse};
use capra::tui::app::{Action, App, Doc, Overlay, Screen};
use capra::tui::keys::Ctx;
use capra::tui::theme::Theme;
use capra::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::PathBuf;

fn app() -> App {
    let doc = Doc::new(PathBuf::from("a.toml"), parse(SMALL), model(), false);
    App::with_doc(Theme { color: false }, doc)
}

fn home() -> App {
    let mut a = App::new(Theme { color: false });
    a.new_model = Some(model());
    a.update(Action::HomeLoaded(vec![]));
    a
}

fn key(app: &mut App, code: KeyCode) {
    app.update(Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn ch(app: &mut App, c: char) {
    key(app, KeyCode::Char(c));
}

fn ctrl(app: &mut App, c: char) {
    app.update(Action::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )));
}

fn typed(app: &mut App, s: &str) {
    for c in s.chars() {
        ch(app, c);
    }
}

fn render(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::view(app, f)).unwrap();
    t.backend().to_string()
}

#[test]
fn the_new_assessment_form_asks_before_dropping_what_was_typed() {
    let mut a = home();
    ch(&mut a, 'n');
    assert_eq!(a.screen, Screen::NewForm);
    // Nothing typed: Esc leaves at once.
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.screen, Screen::Home);
    ch(&mut a, 'n');
    typed(&mut a, "Audit 2027");
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.ctx(), Ctx::Discard);
    assert_eq!(a.discard.as_deref(), Some("Discard this new assessment?"));
    // No: the form as it was.
    ch(&mut a, 'n');
    assert_eq!(a.screen, Screen::NewForm);
    assert_eq!(a.ctx(), Ctx::NewForm);
    assert_eq!(a.form.as_ref().unwrap().fields[0].lines()[0], "Audit 2027");
    // Yes: back to the list, the form gone.
    key(&mut a, KeyCode::Esc);
    ch(&mut a, 'y');
    assert_eq!(a.screen, Screen::Home);
    assert!(a.form.is_none());
}

#[test]
fn a_process_taken_out_of_scope_counts_as_typed() {
    let mut a = home();
    ch(&mut a, 'n');
    for _ in 0..7 {
        key(&mut a, KeyCode::Tab);
    }
    ch(&mut a, ' ');
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.ctx(), Ctx::Discard);
}

#[test]
fn the_new_evidence_form_asks_when_something_was_typed() {
    let mut a = app();
    key(&mut a, KeyCode::Tab);
    ch(&mut a, 'v');
    ctrl(&mut a, 'n');
    assert_eq!(a.ctx(), Ctx::EvidenceForm);
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.ctx(), Ctx::Picker, "nothing typed: back at once");
    ctrl(&mut a, 'n');
    typed(&mut a, "Minutes");
    key(&mut a, KeyCode::Esc);
    assert_eq!(
        a.discard.as_deref(),
        Some("Discard this new evidence item?")
    );
    ch(&mut a, 'y');
    assert_eq!(a.ctx(), Ctx::Picker);
    assert_eq!(a.doc.as_ref().unwrap().assessment.evidence.len(), 1);
}

#[test]
fn an_item_of_the_register_asks_only_when_changed() {
    let mut a = app();
    ch(&mut a, 'V');
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.ctx(), Ctx::Register, "unchanged: back at once");
    key(&mut a, KeyCode::Enter);
    typed(&mut a, "!");
    key(&mut a, KeyCode::Esc);
    assert_eq!(
        a.discard.as_deref(),
        Some("Discard your changes to evidence E-001?")
    );
    key(&mut a, KeyCode::Esc);
    assert_eq!(
        a.ctx(),
        Ctx::EvidenceForm,
        "Esc on the question keeps editing"
    );
}

#[test]
fn the_settings_editor_asks_when_the_text_was_changed() {
    let mut a = app();
    ch(&mut a, ',');
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.ctx(), Ctx::Settings, "unchanged: closed at once");
    key(&mut a, KeyCode::Enter);
    typed(&mut a, " 2");
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.discard.as_deref(), Some("Discard your change to title?"));
    ch(&mut a, 'y');
    assert_eq!(a.ctx(), Ctx::Settings);
    let Some(Overlay::Settings(s)) = &a.overlay else {
        panic!("the form is open")
    };
    assert!(s.edit.is_none());
    let title = &a.doc.as_ref().unwrap().assessment.assessment.title;
    assert_eq!(title, "Small test assessment", "nothing saved");
}

#[test]
fn snapshot_discard() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = home();
        a.update(Action::Resize(w, h));
        ch(&mut a, 'n');
        typed(&mut a, "Audit 2027");
        key(&mut a, KeyCode::Esc);
        insta::assert_snapshot!(format!("discard_new_form_{w}x{h}"), render(&a, w, h));
    }
}
