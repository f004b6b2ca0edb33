//! Predictable focus and the guidance at hand: `e` opens the note from any pane, the bar says
//! when the rating keys characterise, the detail stops scrolling at its end, and `B`, `Q`, `T`
//! jump in the detail.

use crate::util::{EXAMPLE, SMALL, model, parse};
use capra::tui::app::{Action, App, Doc, Overlay, Pane};
use capra::tui::state::Anchor;
use capra::tui::theme::Theme;
use capra::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::PathBuf;

fn app(text: &str) -> App {
    let doc = Doc::new(PathBuf::from("a.toml"), parse(text), model(), false);
    let mut a = App::with_doc(Theme { color: false }, doc);
    a.update(Action::Resize(80, 24));
    // The shell measures the detail after the first frame.
    let g = view::detail_geometry(&a).unwrap();
    a.update(Action::DetailMeasured(g));
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

#[test]
fn e_opens_the_note_from_the_process_list_and_enter_goes_to_the_attributes() {
    let mut a = app(SMALL);
    assert_eq!(a.walk.focus, Pane::Processes);
    ch(&mut a, 'e');
    assert!(matches!(a.overlay, Some(Overlay::Note { .. })));
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Enter);
    assert!(a.overlay.is_none());
    assert_eq!(a.walk.focus, Pane::Attributes);
    key(&mut a, KeyCode::Enter);
    assert!(
        matches!(a.overlay, Some(Overlay::Note { .. })),
        "elsewhere Enter is e"
    );
}

#[test]
fn page_down_stops_at_the_end_of_the_detail() {
    let mut a = app(SMALL);
    let max = view::detail_geometry(&a).unwrap().max_scroll;
    assert!(
        max > 10,
        "the detail is longer than its pane at 80x24: {max}"
    );
    for _ in 0..50 {
        key(&mut a, KeyCode::PageDown);
    }
    assert_eq!(a.walk.detail_scroll, max);
    key(&mut a, KeyCode::PageUp);
    assert_eq!(a.walk.detail_scroll, max - 10, "one PgUp is one page back");
}

#[test]
fn b_q_and_t_jump_in_the_detail() {
    let mut a = app(SMALL);
    let g = view::detail_geometry(&a).unwrap();
    let row = |anchor| g.anchors.iter().find(|(x, _)| *x == anchor).unwrap().1;
    // Q: the first question, selected in the detail pane (the checklist, tui_questions.rs).
    ch(&mut a, 'Q');
    assert_eq!(a.walk.focus, Pane::Detail);
    assert_eq!(a.selected_question().as_deref(), Some("Q1"));
    assert!(a.status.as_ref().unwrap().text.contains("questions"));
    ch(&mut a, 'T');
    assert_eq!(a.walk.focus, Pane::Attributes, "T leaves the selection");
    assert_eq!(
        a.walk.detail_scroll,
        row(Anchor::Evidence).min(g.max_scroll)
    );
    assert!(row(Anchor::Evidence) > row(Anchor::Questions));
    // B: the first outcome of PA1.1, selected in the detail pane.
    ch(&mut a, 'B');
    assert_eq!(a.walk.focus, Pane::Detail);
    assert_eq!(
        a.selected_item().as_deref(),
        Some("O1"),
        "{:?}",
        a.detail_items()
    );
    // From the detail pane, T leaves the selection so the scroll shows.
    ch(&mut a, 'T');
    assert_eq!(a.walk.focus, Pane::Attributes);
}

#[test]
fn snapshot_detail_characterise() {
    let mut a = app(EXAMPLE);
    ch(&mut a, 'B');
    let screen = render(&a);
    assert!(
        screen.lines().last().unwrap().contains("characterise"),
        "{screen}"
    );
    insta::assert_snapshot!("detail_characterise_80x24", screen);
}
