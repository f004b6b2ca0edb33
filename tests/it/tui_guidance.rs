//! The guidance beside an editor: the questions to ask and the typical evidence of the
//! attribute stay in sight while a note or a finding is typed (beside the editor on a wide
//! screen, above it on a narrow one after `Ctrl+g`).

use crate::util::{SMALL, model, parse};
use capra::tui::app::{Action, App, Doc};
use capra::tui::keys::Ctx;
use capra::tui::theme::Theme;
use capra::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::PathBuf;

fn app(w: u16, h: u16) -> App {
    let doc = Doc::new(PathBuf::from("a.toml"), parse(SMALL), model(), false);
    let mut a = App::with_doc(Theme { color: false }, doc);
    a.update(Action::Resize(w, h));
    a
}

fn key(app: &mut App, code: KeyCode, mods: KeyModifiers) {
    app.update(Action::Key(KeyEvent::new(code, mods)));
}

fn render(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::view(app, f)).unwrap();
    t.backend().to_string()
}

/// The first question the model gives the selected attribute (PA1.1: the process's own).
fn first_question(a: &App) -> String {
    let doc = a.doc.as_ref().unwrap();
    let p = doc.model.process("ISMS.CORE.3").unwrap();
    let q = p.guidance.questions[0].clone();
    // The start of it, short enough to stay on one wrapped line.
    q.chars().take(24).collect()
}

#[test]
fn on_a_wide_screen_the_questions_are_beside_the_note_and_ctrl_g_hides_them() {
    let mut a = app(120, 40);
    let q = first_question(&a);
    key(&mut a, KeyCode::Char('e'), KeyModifiers::NONE);
    assert_eq!(a.ctx(), Ctx::Note);
    let screen = render(&a, 120, 40);
    assert!(screen.contains("Guidance"), "{screen}");
    assert!(screen.contains(&q), "{q} not in\n{screen}");
    insta::assert_snapshot!("note_with_guidance_120x40", screen);
    key(&mut a, KeyCode::Char('g'), KeyModifiers::CONTROL);
    assert_eq!(a.ctx(), Ctx::Note, "Ctrl+g stays in the editor");
    let screen = render(&a, 120, 40);
    assert!(!screen.contains("Guidance"), "{screen}");
    // Typing goes on in the editor, whatever the guidance does.
    key(&mut a, KeyCode::Char('x'), KeyModifiers::NONE);
    key(&mut a, KeyCode::Char('g'), KeyModifiers::CONTROL);
    assert!(render(&a, 120, 40).contains("Guidance"));
}

#[test]
fn on_a_narrow_screen_ctrl_g_shows_the_questions_above_the_note_and_the_finding() {
    let mut a = app(80, 24);
    let q = first_question(&a);
    key(&mut a, KeyCode::Char('e'), KeyModifiers::NONE);
    assert!(!render(&a, 80, 24).contains("Guidance"));
    key(&mut a, KeyCode::Char('g'), KeyModifiers::CONTROL);
    let screen = render(&a, 80, 24);
    assert!(screen.contains("Guidance"), "{screen}");
    assert!(screen.contains(&q), "{q} not in\n{screen}");
    assert!(
        screen.contains("Note (private)"),
        "the editor stays: {screen}"
    );
    insta::assert_snapshot!("note_with_guidance_80x24", screen);
    key(&mut a, KeyCode::Esc, KeyModifiers::NONE);
    // The finding editor shares the toggle.
    key(&mut a, KeyCode::Char('W'), KeyModifiers::NONE);
    assert_eq!(a.ctx(), Ctx::Finding);
    let screen = render(&a, 80, 24);
    assert!(
        screen.contains("Guidance") && screen.contains("New finding"),
        "{screen}"
    );
    key(&mut a, KeyCode::Char('g'), KeyModifiers::CONTROL);
    assert!(!render(&a, 80, 24).contains("Guidance"));
}
