//! The legend of symbols (from the help), the read-only badge and bar, and the return to the
//! place a file was left at.

use crate::util::{EXAMPLE, SMALL, model, parse};
use capra::tui::app::{Action, App, Doc, Overlay};
use capra::tui::keys::Ctx;
use capra::tui::state::LastPlace;
use capra::tui::theme::Theme;
use capra::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::PathBuf;

fn app(text: &str, read_only: bool) -> App {
    let doc = Doc::new(PathBuf::from("a.toml"), parse(text), model(), read_only);
    let mut a = App::with_doc(Theme { color: false }, doc);
    a.update(Action::Resize(80, 24));
    a
}

fn key(app: &mut App, code: KeyCode) {
    app.update(Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn render(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| view::view(app, f)).unwrap();
    t.backend().to_string()
}

#[test]
fn the_legend_opens_from_the_help_scrolls_and_goes_back() {
    let mut a = app(SMALL, false);
    key(&mut a, KeyCode::Char('?'));
    key(&mut a, KeyCode::Char('L'));
    assert_eq!(a.ctx(), Ctx::Legend);
    key(&mut a, KeyCode::Char('j'));
    assert!(matches!(a.overlay, Some(Overlay::Legend { scroll: 1 })));
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.ctx(), Ctx::Help, "Esc: back to the help");
    key(&mut a, KeyCode::Char('L'));
    key(&mut a, KeyCode::Char('q'));
    assert!(a.overlay.is_none(), "q closes both");
    assert!(!a.quit, "and does not quit");
}

#[test]
fn snapshot_legend() {
    let mut a = app(EXAMPLE, false);
    key(&mut a, KeyCode::Char('?'));
    key(&mut a, KeyCode::Char('L'));
    let screen = render(&a);
    for sym in ["N P L F", "P- P+", "needs F", "2/3", "5/5", "⚑"] {
        assert!(screen.contains(sym), "{sym} in\n{screen}");
    }
    insta::assert_snapshot!("legend_80x24", screen);
}

#[test]
fn read_only_shows_a_badge_and_offers_no_rating_keys() {
    let a = app(EXAMPLE, true);
    let screen = render(&a);
    let first = screen.lines().next().unwrap();
    assert!(first.contains("capra READ-ONLY"), "{first}");
    let bar = screen.lines().last().unwrap();
    assert!(
        !bar.contains("n/p/l/f") && !bar.contains("finding") && !bar.contains("note"),
        "{bar}"
    );
    assert!(bar.contains("help") && bar.contains("quit"), "{bar}");
    insta::assert_snapshot!("read_only_80x24", screen);
}

#[test]
fn reopening_returns_to_the_place_it_was_left_at() {
    let mut a = app(SMALL, false);
    let place = LastPlace {
        process: "ISMS.CORE.8".into(),
        attribute: Some("PA1.1".into()),
        instance: None,
        ..LastPlace::default()
    };
    a.update(Action::ReturnTo(place.clone()));
    assert_eq!(a.last_place(), Some(place));
    assert_eq!(
        a.status.as_ref().unwrap().text,
        "Back at ISMS.CORE.8 PA1.1, where you left off."
    );
    // A place no longer in scope changes nothing.
    a.update(Action::ReturnTo(LastPlace {
        process: "ISMS.SUP.9".into(),
        ..LastPlace::default()
    }));
    assert_eq!(a.last_place().unwrap().process, "ISMS.CORE.8");
}
