//! `R` first says what keeps the report a draft (the open items of `report::status`) and asks;
//! with nothing open it writes at once.

use crate::util::{SMALL, model, parse};
use capra::tui::app::{Action, App, Doc, Effect, Overlay};
use capra::tui::keys::Ctx;
use capra::tui::theme::Theme;
use capra::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::PathBuf;

/// One process, its one attribute the target needs rated F with evidence: nothing is open.
const SETTLED: &str = r#"schema_version = 1

[model]
id = "isms"
version = "1.0.0"
sha256 = "0000000000000000000000000000000000000000000000000000000000000000"

[framework]
id = "iso33020"
version = "1.0.0"
sha256 = "0000000000000000000000000000000000000000000000000000000000000000"

[assessment]
title = "Settled"
class = 3
rating_method = "R2"
aggregation = "median-low"
created = "2026-11-01"

[[team]]
name = "Ana Silva"
role = "lead-assessor"

[[processes]]
id = "ISMS.CORE.3"
target = 1

[[processes.ratings]]
attribute = "PA1.1"
rating = "F"
confidence = "high"
evidence = ["E-001"]

[[evidence]]
id = "E-001"
title = "Risk register 2026"
kind = "document"
location = "SharePoint > ISMS"
date = "2026-10-01"
"#;

fn app(text: &str) -> App {
    let doc = Doc::new(PathBuf::from("a.toml"), parse(text), model(), false);
    App::with_doc(Theme { color: false }, doc)
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.update(Action::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn ch(app: &mut App, c: char) -> Vec<Effect> {
    key(app, KeyCode::Char(c))
}

fn open_items(app: &App) -> Vec<String> {
    let doc = app.doc.as_ref().unwrap();
    let warnings = capra::check::check(&doc.model, &doc.assessment, &doc.profile);
    capra::report::status::open_items(&doc.model, &doc.assessment, &doc.profile, &warnings)
}

fn render(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::view(app, f)).unwrap();
    t.backend().to_string()
}

#[test]
fn r_lists_what_keeps_the_report_a_draft_and_asks() {
    let mut a = app(SMALL);
    let open = open_items(&a);
    assert!(!open.is_empty());
    assert!(ch(&mut a, 'R').is_empty(), "nothing written yet");
    assert_eq!(a.ctx(), Ctx::DraftReport);
    let Some(Overlay::DraftReport { open: shown, .. }) = &a.overlay else {
        panic!("the question is shown")
    };
    assert_eq!(shown, &open);
    // No: nothing is written.
    assert!(key(&mut a, KeyCode::Esc).is_empty());
    assert!(a.overlay.is_none());
    assert_eq!(a.status.as_ref().unwrap().text, "No report written.");
    // Yes: the report is written (as a draft).
    ch(&mut a, 'R');
    assert_eq!(key(&mut a, KeyCode::Enter), vec![Effect::Report]);
    assert!(a.overlay.is_none());
}

#[test]
fn r_on_the_summary_asks_too() {
    let mut a = app(SMALL);
    ch(&mut a, 's');
    assert!(ch(&mut a, 'R').is_empty());
    assert_eq!(a.ctx(), Ctx::DraftReport);
    assert!(ch(&mut a, 'n').is_empty());
    assert_eq!(a.ctx(), Ctx::Summary);
}

#[test]
fn with_nothing_open_r_writes_at_once() {
    let mut a = app(SETTLED);
    assert_eq!(open_items(&a), Vec::<String>::new());
    assert_eq!(ch(&mut a, 'R'), vec![Effect::Report]);
    assert!(a.overlay.is_none());
}

#[test]
fn snapshot_draft_report() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(SMALL);
        a.update(Action::Resize(w, h));
        ch(&mut a, 'R');
        insta::assert_snapshot!(format!("draft_report_{w}x{h}"), render(&a, w, h));
    }
}
