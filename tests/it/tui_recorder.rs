//! Who an edit on screen is recorded as: the assessor given, else the lead assessor, by the
//! same rule as the command line (`Assessment::recorder`).

use crate::util::{SMALL, model, parse};
use capra::tui::app::{Action, App, Doc};
use capra::tui::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::PathBuf;

fn app(assessor: Option<&str>) -> App {
    let doc = Doc::new(PathBuf::from("a.toml"), parse(SMALL), model(), false);
    let mut a = App::with_doc(Theme { color: false }, doc);
    a.assessor = assessor.map(str::to_string);
    a
}

fn key(app: &mut App, code: KeyCode) {
    app.update(Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// Rates CORE.3 PA2.1 (rated L by no one in the fixture) F; returns its assessor.
fn rate(app: &mut App) -> String {
    key(app, KeyCode::Tab);
    key(app, KeyCode::Char('j'));
    assert_eq!(app.selected_attribute().as_deref(), Some("PA2.1"));
    assert_eq!(app.record().unwrap().assessor, "", "no one rated it yet");
    key(app, KeyCode::Char('f'));
    app.record().unwrap().assessor.clone()
}

#[test]
fn with_no_assessor_given_a_rating_on_screen_records_the_lead_assessor() {
    let mut a = app(None);
    assert_eq!(rate(&mut a), "Łucja Nowak");
    // The same rule as the command line.
    let doc = a.doc.as_ref().unwrap();
    assert_eq!(
        doc.assessment.recorder(None).as_deref(),
        Some("Łucja Nowak")
    );
    assert_eq!(a.recorder().as_deref(), Some("Łucja Nowak"));
}

#[test]
fn an_assessor_given_is_recorded_instead() {
    let mut a = app(Some("  Ben Ode "));
    assert_eq!(rate(&mut a), "Ben Ode");
}

#[test]
fn a_finding_written_on_screen_has_the_lead_assessor_as_author() {
    let mut a = app(None);
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Char('S'));
    for c in "Kept well.".chars() {
        key(&mut a, KeyCode::Char(c));
    }
    key(&mut a, KeyCode::Esc);
    let doc = a.doc.as_ref().unwrap();
    let f = doc.assessment.findings.last().expect("a finding was added");
    assert_eq!(f.author, "Łucja Nowak");
}
