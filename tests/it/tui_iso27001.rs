//! ISO/IEC 27001 readiness on the screen: the clauses and controls of the selected process at
//! the end of the detail (`C` jumps there), and the summary's readiness page (`K`), where Enter
//! goes to the first process behind a clause or control.

use crate::util::{EXAMPLE, model, parse};
use capra::model::Model;
use capra::tui::app::{Action, App, Doc, Screen};
use capra::tui::keys::{self, Cmd, Ctx};
use capra::tui::state::{Anchor, SummaryPage};
use capra::tui::theme::Theme;
use capra::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::PathBuf;

fn app_with(model: Model) -> App {
    let doc = Doc::new(PathBuf::from("a.toml"), parse(EXAMPLE), model, false);
    let mut a = App::with_doc(Theme { color: false }, doc);
    a.update(Action::Resize(80, 24));
    if let Some(g) = view::detail_geometry(&a) {
        a.update(Action::DetailMeasured(g));
    }
    a
}

fn key(app: &mut App, code: KeyCode) {
    app.update(Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    // What the shell does after each frame: measure the detail.
    if let Some(g) = view::detail_geometry(app) {
        app.update(Action::DetailMeasured(g));
    }
}

fn ch(app: &mut App, c: char) {
    key(app, KeyCode::Char(c));
}

fn render(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| view::view(app, f)).unwrap();
    t.backend().to_string()
}

fn process_id(app: &App) -> String {
    let pi = app.selected_process().unwrap();
    app.doc.as_ref().unwrap().assessment.processes[pi]
        .id
        .to_string()
}

fn press(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

#[test]
fn the_keys_are_in_the_table() {
    assert_eq!(
        keys::command_for(Ctx::Walk, &press('K')),
        Some(Cmd::Iso27001)
    );
    assert_eq!(
        keys::command_for(Ctx::Walk, &press('C')),
        Some(Cmd::Clauses)
    );
    assert_eq!(
        keys::command_for(Ctx::Summary, &press('K')),
        Some(Cmd::Iso27001)
    );
    assert_eq!(
        keys::command_for(
            Ctx::Summary,
            &KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)
        ),
        Some(Cmd::Select)
    );
    // The bar of the summary offers the page.
    assert!(
        keys::hints(Ctx::Summary)
            .iter()
            .any(|(k, h)| k == "K" && *h == "27001")
    );
    assert!(
        keys::hints(Ctx::Walk)
            .iter()
            .any(|(k, h)| k == "K" && *h == "27001")
    );
}

#[test]
fn k_shows_the_readiness_page_and_enter_goes_to_the_process() {
    let mut a = app_with(model());
    ch(&mut a, 'K');
    assert_eq!(a.screen, Screen::Summary);
    assert_eq!(a.summary_page, SummaryPage::Iso27001);
    let rows = a.iso27001_rows();
    assert_eq!(rows.first().unwrap().id, "4.1", "the clauses first");
    assert_eq!(rows.iter().filter(|e| e.theme.is_empty()).count(), 25);
    assert!(
        rows.iter()
            .filter(|e| !e.theme.is_empty())
            .all(|e| e.verdict == capra::iso27001::Verdict::AtRisk),
        "then only the controls at risk"
    );
    let screen = render(&a);
    assert!(screen.contains("technological"), "{screen}");
    // Clause 4.2 is behind ISMS.CORE.2 first.
    ch(&mut a, 'j');
    assert_eq!(a.selected_iso27001().unwrap().id, "4.2");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.screen, Screen::Walk);
    assert_eq!(process_id(&a), "ISMS.CORE.2");
    assert!(a.status.as_ref().unwrap().text.contains("Clause 4.2"));
    // The first control at risk: A.5.1, behind ISMS.CORE.1.
    ch(&mut a, 'K');
    assert_eq!(a.iso_sel, 1, "the page keeps its place");
    for _ in 0..30 {
        ch(&mut a, 'j');
    }
    let e = a.selected_iso27001().unwrap();
    assert!(!e.theme.is_empty(), "{}", e.id);
    // The page scrolls to keep the selected row in sight.
    let screen = render(&a);
    assert!(
        screen.contains(&format!("▶ {:<7}at risk", e.id)),
        "{screen}"
    );
    // K goes back to the levels; s from the walk-through opens the levels too.
    ch(&mut a, 'K');
    assert_eq!(a.summary_page, SummaryPage::Levels);
    assert!(render(&a).contains("LEVEL"));
    ch(&mut a, 's');
    assert_eq!(a.screen, Screen::Walk);
}

#[test]
fn without_a_catalogue_k_says_so() {
    let mut m = model();
    m.processes.clauses.clear();
    m.processes.controls.clear();
    let mut a = app_with(m);
    ch(&mut a, 'K');
    assert_eq!(a.screen, Screen::Walk);
    assert!(
        a.status
            .as_ref()
            .unwrap()
            .text
            .contains("no ISO/IEC 27001 catalogue")
    );
    assert!(a.iso27001_rows().is_empty());
    let g = view::detail_geometry(&a).unwrap();
    assert!(!g.anchors.iter().any(|(x, _)| *x == Anchor::Iso27001));
    assert!(a.bar_hint(Ctx::Walk, Cmd::Iso27001, "27001").is_none());
}

#[test]
fn c_jumps_to_the_clauses_and_controls_of_the_process() {
    let mut a = app_with(model());
    for _ in 0..4 {
        ch(&mut a, 'j'); // ISMS.CORE.3
    }
    assert_eq!(process_id(&a), "ISMS.CORE.3");
    ch(&mut a, 'C');
    let g = a.walk.detail_geom.clone().unwrap();
    let row = g
        .anchors
        .iter()
        .find(|(x, _)| *x == Anchor::Iso27001)
        .unwrap()
        .1;
    assert_eq!(a.walk.detail_scroll, row.min(g.max_scroll));
    assert!(a.status.as_ref().unwrap().text.contains("of this process"));
    let (entries, _) = a.doc.as_ref().unwrap().iso27001_of("ISMS.CORE.3");
    assert!(entries.iter().any(|e| e.id == "6.1.2"), "{entries:?}");
    assert!(entries.iter().any(|e| e.id == "A.5.9"), "{entries:?}");
    let screen = render(&a);
    assert!(
        screen.contains("ISO/IEC 27001 clauses and controls"),
        "{screen}"
    );
    insta::assert_snapshot!("detail_iso27001_80x24", screen);
}

#[test]
fn snapshot_readiness_page() {
    let mut a = app_with(model());
    ch(&mut a, 'K');
    insta::assert_snapshot!("iso27001_80x24", render(&a));
}
