//! The list of flagged ratings and disagreements (`D`): each resolved with one key, as one
//! change that undo takes back whole.

use crate::util::{SMALL, model, parse};
use capra::assessment::Review;
use capra::assessment::change::Slot;
use capra::rating::Rating;
use capra::tui::app::{Action, App, Doc, Effect, Overlay};
use capra::tui::theme::Theme;
use capra::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::PathBuf;

/// SMALL after a merge: CORE.3 PA2.1 conflicted in a git merge (ours L, theirs P, kept under one
/// name with the sides marked), CORE.8 PA1.1 rated overall by three assessors (the aggregate of
/// the instance ratings is P, so any other agreed rating overrides it).
fn merged() -> String {
    let s = SMALL.replace(
        "note = \"Plans exist; tracking is informal.\"\n",
        "note = \"Plans exist; tracking is informal.\"\nreview = \"flagged\"\n",
    );
    let s = s.replace(
        "[[processes]]\nid = \"ISMS.CORE.8\"",
        r#"[[processes.assessor_ratings]]
attribute = "PA2.1"
rating = "L"
assessor = "Łucja Nowak (ours)"

[[processes.assessor_ratings]]
attribute = "PA2.1"
rating = "P"
assessor = "Łucja Nowak (theirs)"

[[processes]]
id = "ISMS.CORE.8""#,
    );
    let s = s.replace(
        "[[evidence]]",
        r#"[[processes.ratings]]
attribute = "PA1.1"
rating = "L"
review = "flagged"

[[processes.assessor_ratings]]
attribute = "PA1.1"
rating = "P"
assessor = "Ana"

[[processes.assessor_ratings]]
attribute = "PA1.1"
rating = "F"
assessor = "Ben"

[[processes.assessor_ratings]]
attribute = "PA1.1"
rating = "L"
assessor = "Cem"

[[evidence]]"#,
    );
    assert_ne!(s, SMALL);
    s
}

fn app() -> App {
    let doc = Doc::new(PathBuf::from("a.toml"), parse(&merged()), model(), false);
    let mut app = App::with_doc(Theme { color: false }, doc);
    app.assessor = Some("Lead".into());
    app
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.update(Action::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn ch(app: &mut App, c: char) -> Vec<Effect> {
    key(app, KeyCode::Char(c))
}

fn record(app: &App, p: &str, a: &str) -> capra::assessment::RatingRecord {
    let doc = app.doc.as_ref().unwrap();
    doc.assessment
        .record(&Slot::new(p, a, None))
        .unwrap()
        .clone()
}

fn status(app: &App) -> String {
    app.status.as_ref().unwrap().text.clone()
}

fn selected(app: &App) -> usize {
    match &app.overlay {
        Some(Overlay::Flagged { selected }) => *selected,
        other => panic!("the list is not open: {other:?}"),
    }
}

#[test]
fn the_list_shows_every_flagged_rating_with_each_assessor() {
    let mut a = app();
    ch(&mut a, 'D');
    assert_eq!(selected(&a), 0);
    let list = a.flagged_ratings();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].slot, Slot::new("ISMS.CORE.3", "PA2.1", None));
    assert_eq!(list[0].agreed, Some(Rating::L));
    assert_eq!(list[0].assessors.len(), 2);
    assert_eq!((list[0].ours(), list[0].theirs()), (Some(0), Some(1)));
    assert!(!list[0].split(), "L and P are one step apart");
    assert_eq!(list[1].assessors.len(), 3);
    assert!(list[1].split(), "P and F disagree");
    // Esc closes, D again opens.
    key(&mut a, KeyCode::Esc);
    assert!(a.overlay.is_none());
}

#[test]
fn take_theirs_sets_the_rating_clears_the_flag_and_one_undo_brings_it_back() {
    let mut a = app();
    ch(&mut a, 'D');
    assert_eq!(ch(&mut a, 't'), vec![Effect::Save]);
    let r = record(&a, "ISMS.CORE.3", "PA2.1");
    assert_eq!(r.rating(), Some(Rating::P));
    assert_eq!(r.review, Some(Review::Reviewed));
    assert_eq!(r.assessor, "Lead");
    assert_eq!(r.rationale, "", "a direct rating overrides nothing");
    assert!(
        status(&a).contains("took Łucja Nowak's P"),
        "{}",
        status(&a)
    );
    // The list now holds only CORE.8.
    assert_eq!(a.flagged_ratings().len(), 1);
    assert_eq!(selected(&a), 0);
    // One undo, inside the list, brings back the rating and the flag.
    assert_eq!(ch(&mut a, 'u'), vec![Effect::Save]);
    let r = record(&a, "ISMS.CORE.3", "PA2.1");
    assert_eq!(r.rating(), Some(Rating::L));
    assert_eq!(r.review, Some(Review::Flagged));
    assert_eq!(r.assessor, "");
    assert_eq!(a.flagged_ratings().len(), 2);
}

#[test]
fn take_ours_keeps_the_agreed_rating_and_marks_it_reviewed() {
    let mut a = app();
    ch(&mut a, 'D');
    ch(&mut a, 'o');
    let r = record(&a, "ISMS.CORE.3", "PA2.1");
    assert_eq!(r.rating(), Some(Rating::L));
    assert_eq!(r.review, Some(Review::Reviewed));
}

#[test]
fn an_override_of_the_aggregate_gets_a_rationale_and_positions_pick_assessors() {
    let mut a = app();
    ch(&mut a, 'D');
    ch(&mut a, 'j');
    assert_eq!(selected(&a), 1);
    // 2: Ben's F, over the aggregate P of the instance ratings: a rationale is written.
    ch(&mut a, '2');
    let r = record(&a, "ISMS.CORE.8", "PA1.1");
    assert_eq!(r.rating(), Some(Rating::F));
    assert_eq!(r.rationale, "agreed: took Ben's F");
    let warnings = a.warnings();
    assert!(
        !warnings
            .iter()
            .any(|w| w.rule.to_string() == "override-without-rationale"),
        "{warnings:?}"
    );
    // Undo, then a position past the list changes nothing.
    ch(&mut a, 'u');
    assert_eq!(selected(&a), 1);
    assert!(ch(&mut a, '4').is_empty());
    assert!(status(&a).contains("3 assessors"), "{}", status(&a));
    assert_eq!(record(&a, "ISMS.CORE.8", "PA1.1").rationale, "");
}

#[test]
fn a_new_rating_resolves_the_last_one_and_the_list_says_none_is_left() {
    let mut a = app();
    ch(&mut a, 'D');
    ch(&mut a, 'f'); // CORE.3 PA2.1: F, a new value
    let r = record(&a, "ISMS.CORE.3", "PA2.1");
    assert_eq!(
        (r.rating(), r.review),
        (Some(Rating::F), Some(Review::Reviewed))
    );
    ch(&mut a, 'n'); // CORE.8 PA1.1: N, over the aggregate P: rationale
    let r = record(&a, "ISMS.CORE.8", "PA1.1");
    assert_eq!(r.rating(), Some(Rating::N));
    assert_eq!(r.rationale, "agreed: N after review");
    assert!(a.flagged_ratings().is_empty());
    assert!(
        status(&a).contains("Nothing is left flagged"),
        "{}",
        status(&a)
    );
    // Keys on an empty list do nothing.
    assert!(ch(&mut a, 'o').is_empty());
    assert!(ch(&mut a, 'a').is_empty());
    assert_eq!(selected(&a), 0);
}

#[test]
fn keep_and_go_to() {
    let mut a = app();
    ch(&mut a, 'D');
    ch(&mut a, 'j');
    // a: the agreed L is kept, reviewed; L overrides the aggregate P, so a rationale too.
    ch(&mut a, 'a');
    let r = record(&a, "ISMS.CORE.8", "PA1.1");
    assert_eq!(
        (r.rating(), r.review, r.rationale.as_str()),
        (Some(Rating::L), Some(Review::Reviewed), "agreed: kept L")
    );
    // Enter goes to the remaining one on the walk-through.
    key(&mut a, KeyCode::Enter);
    assert!(a.overlay.is_none());
    let slot = a.slot().unwrap();
    assert_eq!(slot, Slot::new("ISMS.CORE.3", "PA2.1", None));
}

/// After a git merge with two different names, ours is the one the agreed rating came from,
/// whatever the order of the names.
#[test]
fn ours_is_the_side_the_agreed_rating_came_from() {
    let text = merged()
        .replace(
            "rating = \"L\"\nassessor = \"Łucja Nowak (ours)\"",
            "rating = \"P\"\nassessor = \"Adam\"",
        )
        .replace(
            "rating = \"P\"\nassessor = \"Łucja Nowak (theirs)\"",
            "rating = \"L\"\nassessor = \"Zoe\"",
        );
    let doc = Doc::new(PathBuf::from("a.toml"), parse(&text), model(), false);
    let a = App::with_doc(Theme { color: false }, doc);
    let f = &a.flagged_ratings()[0];
    // Sorted by name: Adam (P) first, Zoe (L) second; the agreed L is Zoe's.
    assert_eq!(f.assessors[0].0, "Adam");
    assert_eq!((f.ours(), f.theirs()), (Some(1), Some(0)));
}

#[test]
fn read_only_resolves_nothing() {
    let doc = Doc::new(PathBuf::from("a.toml"), parse(&merged()), model(), true);
    let mut a = App::with_doc(Theme { color: false }, doc);
    ch(&mut a, 'D');
    assert!(ch(&mut a, 't').is_empty());
    assert_eq!(a.flagged_ratings().len(), 2);
}

fn render(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::view(app, f)).unwrap();
    t.backend().to_string()
}

#[test]
fn snapshot_flagged() {
    let mut a = app();
    a.update(Action::Resize(80, 24));
    ch(&mut a, 'D');
    ch(&mut a, 'j');
    insta::assert_snapshot!("flagged_80x24", render(&a, 80, 24));
    ch(&mut a, 'o');
    ch(&mut a, 'o');
    insta::assert_snapshot!("flagged_none_80x24", render(&a, 80, 24));
}
