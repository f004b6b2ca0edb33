//! The settings form (`,`): every key of `capra set`, edited on screen through the same check
//! and the same `Change` as the command line.

use crate::util::{SMALL, model, parse};
use capra::assessment::keys;
use capra::report::status;
use capra::tui::app::{Action, App, Doc, Effect, Overlay};
use capra::tui::keys::Ctx;
use capra::tui::state::ordered;
use capra::tui::theme::Theme;
use capra::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::PathBuf;

fn app() -> App {
    let doc = Doc::new(PathBuf::from("a.toml"), parse(SMALL), model(), false);
    let mut a = App::with_doc(Theme { color: false }, doc);
    a.assessor = Some("Test Assessor".into());
    a
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.update(Action::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn ch(app: &mut App, c: char) -> Vec<Effect> {
    key(app, KeyCode::Char(c))
}

fn ctrl(app: &mut App, c: char) -> Vec<Effect> {
    app.update(Action::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )))
}

fn typed(app: &mut App, s: &str) {
    for c in s.chars() {
        ch(app, c);
    }
}

fn status_text(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

fn value(app: &App, name: &str) -> String {
    keys::get(&app.doc.as_ref().unwrap().assessment, name).unwrap()
}

/// Opens the form and selects the key `name`.
fn select(app: &mut App, name: &str) {
    ch(app, ',');
    assert_eq!(app.ctx(), Ctx::Settings);
    let at = ordered().iter().position(|k| k.name == name).unwrap();
    for _ in 0..at {
        ch(app, 'j');
    }
}

/// Empties the editor's line.
fn clear_line(app: &mut App) {
    for _ in 0..200 {
        key(app, KeyCode::Backspace);
    }
}

fn error(app: &App) -> Option<String> {
    match &app.overlay {
        Some(Overlay::Settings(s)) => s.edit.as_ref().and_then(|e| e.error.clone()),
        _ => None,
    }
}

fn render(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::view(app, f)).unwrap();
    t.backend().to_string()
}

#[test]
fn the_form_lists_every_key_once_by_group() {
    let names: Vec<&str> = ordered().iter().map(|k| k.name).collect();
    assert_eq!(names.len(), keys::KEYS.len());
    for k in keys::KEYS {
        assert_eq!(
            names.iter().filter(|n| **n == k.name).count(),
            1,
            "{}",
            k.name
        );
    }
    // Inputs first, then the report.
    let first_report = names.iter().position(|n| n.starts_with("report.")).unwrap();
    assert!(
        names[first_report..]
            .iter()
            .all(|n| n.starts_with("report."))
    );
}

#[test]
fn enter_edits_a_key_saves_it_through_a_change_and_undo_restores_it() {
    let mut a = app();
    select(&mut a, "unit");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.ctx(), Ctx::SettingsEdit);
    clear_line(&mut a);
    typed(&mut a, "Security office");
    assert_eq!(key(&mut a, KeyCode::Enter), vec![Effect::Save]);
    assert_eq!(value(&a, "unit"), "Security office");
    assert_eq!(status_text(&a), "unit saved.");
    assert_eq!(a.ctx(), Ctx::Settings, "back on the list");
    assert_eq!(ch(&mut a, 'u'), vec![Effect::Save]);
    assert_eq!(value(&a, "unit"), "Test unit");
    assert!(
        status_text(&a).contains("assessment inputs"),
        "{}",
        status_text(&a)
    );
    key(&mut a, KeyCode::Esc);
    assert!(a.overlay.is_none());
}

#[test]
fn a_refused_value_says_what_capra_set_says_and_keeps_the_text() {
    let mut a = app();
    select(&mut a, "class");
    key(&mut a, KeyCode::Enter);
    clear_line(&mut a);
    typed(&mut a, "7");
    assert!(key(&mut a, KeyCode::Enter).is_empty());
    let doc = a.doc.as_ref().unwrap();
    let cli = keys::set(&doc.assessment, &doc.model, "class", &["7".to_string()])
        .unwrap_err()
        .to_string();
    let shown = error(&a).expect("the reason is shown in the form");
    assert!(shown.starts_with(&cli), "{shown} / {cli}");
    assert_eq!(value(&a, "class"), "3", "nothing changed");
    assert_eq!(a.ctx(), Ctx::SettingsEdit, "the text stays to be fixed");
    // Fixed, it saves.
    key(&mut a, KeyCode::Backspace);
    typed(&mut a, "2");
    assert_eq!(key(&mut a, KeyCode::Enter), vec![Effect::Save]);
    assert_eq!(value(&a, "class"), "2");
}

#[test]
fn a_final_status_with_open_items_is_refused_with_the_list() {
    let mut a = app();
    select(&mut a, "report.status");
    key(&mut a, KeyCode::Enter);
    clear_line(&mut a);
    typed(&mut a, "final");
    assert!(key(&mut a, KeyCode::Enter).is_empty());
    let doc = a.doc.as_ref().unwrap();
    let warnings = capra::check::check(&doc.model, &doc.assessment, &doc.profile);
    let open = status::open_items(&doc.model, &doc.assessment, &doc.profile, &warnings);
    assert!(!open.is_empty(), "the fixture has open items");
    let shown = error(&a).unwrap();
    assert!(shown.contains("would still be a draft"), "{shown}");
    for item in &open {
        assert!(shown.contains(item.as_str()), "{item} not in {shown}");
    }
    assert_eq!(value(&a, "report.status"), "");
    // Draft is taken.
    clear_line(&mut a);
    typed(&mut a, "draft");
    assert_eq!(key(&mut a, KeyCode::Enter), vec![Effect::Save]);
    assert_eq!(value(&a, "report.status"), "draft");
}

#[test]
fn a_long_text_is_written_in_the_multi_line_editor() {
    let mut a = app();
    select(&mut a, "report.executive_summary");
    key(&mut a, KeyCode::Enter);
    typed(&mut a, "First line.");
    assert!(
        key(&mut a, KeyCode::Enter).is_empty(),
        "Enter is a new line"
    );
    typed(&mut a, "Second line.");
    assert_eq!(ctrl(&mut a, 's'), vec![Effect::Save]);
    assert_eq!(
        value(&a, "report.executive_summary"),
        "First line.\nSecond line."
    );
}

#[test]
fn signatures_are_one_a_line() {
    let mut a = app();
    select(&mut a, "report.sign_off");
    key(&mut a, KeyCode::Enter);
    typed(&mut a, "Ana Silva; Lead assessor; 2026-11-30");
    key(&mut a, KeyCode::Enter);
    typed(&mut a, "Ben Ode");
    assert_eq!(ctrl(&mut a, 's'), vec![Effect::Save]);
    let doc = a.doc.as_ref().unwrap();
    assert_eq!(
        keys::get_lines(&doc.assessment, "report.sign_off").unwrap(),
        vec!["Ana Silva; Lead assessor; 2026-11-30", "Ben Ode"]
    );
    // Opened again, each signature is on its line.
    key(&mut a, KeyCode::Enter);
    let Some(Overlay::Settings(s)) = &a.overlay else {
        panic!("the form is open")
    };
    assert_eq!(s.edit.as_ref().unwrap().text.lines().len(), 2);
}

#[test]
fn x_clears_an_optional_key_and_refuses_a_needed_one() {
    let mut a = app();
    select(&mut a, "sponsor");
    assert_eq!(ch(&mut a, 'x'), vec![Effect::Save]);
    assert_eq!(value(&a, "sponsor"), "");
    assert_eq!(status_text(&a), "sponsor cleared.");
    key(&mut a, KeyCode::Up);
    assert!(ch(&mut a, 'x').is_empty(), "a title is needed");
    assert_eq!(value(&a, "title"), "Small test assessment");
}

#[test]
fn esc_in_the_editor_changes_nothing() {
    let mut a = app();
    select(&mut a, "title");
    key(&mut a, KeyCode::Enter);
    typed(&mut a, " more");
    assert!(key(&mut a, KeyCode::Esc).is_empty());
    assert_eq!(
        a.ctx(),
        Ctx::Discard,
        "asks first (tests/it/tui_discard.rs)"
    );
    assert!(ch(&mut a, 'y').is_empty());
    assert_eq!(value(&a, "title"), "Small test assessment");
    assert_eq!(a.ctx(), Ctx::Settings);
}

#[test]
fn snapshot_settings() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app();
        a.update(Action::Resize(w, h));
        ch(&mut a, ',');
        insta::assert_snapshot!(format!("settings_{w}x{h}"), render(&a, w, h));
    }
    let mut a = app();
    select(&mut a, "class");
    key(&mut a, KeyCode::Enter);
    clear_line(&mut a);
    typed(&mut a, "7");
    key(&mut a, KeyCode::Enter);
    insta::assert_snapshot!("settings_refused_80x24", render(&a, 80, 24));
    let mut a = app();
    a.update(Action::Resize(120, 40));
    select(&mut a, "report.executive_summary");
    key(&mut a, KeyCode::Enter);
    typed(&mut a, "The ISMS is run with care.");
    insta::assert_snapshot!("settings_long_120x40", render(&a, 120, 40));
}

#[test]
fn the_team_is_edited_one_member_a_line_and_undone_whole() {
    let mut a = app();
    let before = a.doc.as_ref().unwrap().assessment.team.clone();
    select(&mut a, "team");
    key(&mut a, KeyCode::Enter);
    // The editor opens on the members, one a line; a new one is added at the end.
    let Some(Overlay::Settings(s)) = &a.overlay else {
        panic!("the form is open")
    };
    assert_eq!(s.edit.as_ref().unwrap().text.lines().len(), before.len());
    ctrl(&mut a, 'e');
    key(&mut a, KeyCode::End);
    key(&mut a, KeyCode::Enter);
    typed(&mut a, "Ben Ode; assessor; Halvorsen Assurance");
    assert_eq!(ctrl(&mut a, 's'), vec![Effect::Save]);
    let team = &a.doc.as_ref().unwrap().assessment.team;
    assert_eq!(team.len(), before.len() + 1);
    let ben = team.last().unwrap();
    assert_eq!(ben.name.as_str(), "Ben Ode");
    assert_eq!(ben.organisation, "Halvorsen Assurance");
    // A role the file does not know is refused, with the same words as capra set.
    key(&mut a, KeyCode::Enter);
    typed(&mut a, "\nCleo; boss");
    ctrl(&mut a, 's');
    assert!(
        error(&a).is_some_and(|e| e.contains("team takes")),
        "{:?}",
        error(&a)
    );
    key(&mut a, KeyCode::Esc);
    if a.ctx() == Ctx::Discard {
        ch(&mut a, 'y');
    }
    // One undo brings the team back as it was.
    key(&mut a, KeyCode::Esc);
    ch(&mut a, 'u');
    assert_eq!(a.doc.as_ref().unwrap().assessment.team, before);
}
