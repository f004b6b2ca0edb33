//! The document requests (`H`): the list with overdue ones marked against today, marking one
//! received, receiving one as an evidence item in one step (the same core call as `capra
//! request received --as-evidence`), removing one after a question, and the form that asks for
//! a document (from the interviewee of the interview going on, at first).

use crate::tui_agenda::{T0, ch, key, render, start, typed, with_interviews};
use crate::util::{model, parse};
use capra::assessment::receive::{AsEvidence, receive};
use capra::assessment::{EvidenceKind, RequestStatus};
use capra::tui::app::{App, Doc, Effect, Overlay};
use capra::tui::keys::{self, Cmd, Ctx};
use capra::tui::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::PathBuf;

fn app() -> App {
    let text = format!(
        "{}
[[requests]]
id = \"R-001\"
what = \"Risk treatment plan 2026\"
from = \"Ana Silva\"
due = \"2026-11-25\"
interview = \"I-001\"

[[requests]]
id = \"R-002\"
what = \"Incident log, last twelve months\"
from = \"Dana Lee\"
due = \"2026-12-10\"

[[requests]]
id = \"R-003\"
what = \"Policy set\"
status = \"received\"
received = \"2026-11-21\"
evidence = \"E-001\"
",
        with_interviews()
    );
    let doc = Doc::new(PathBuf::from("a.toml"), parse(&text), model(), false);
    let mut a = App::with_doc(Theme { color: false }, doc);
    a.today = "2026-11-30".into();
    a
}

fn status(a: &App) -> String {
    a.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

fn request(a: &App, id: &str) -> capra::assessment::Request {
    a.doc
        .as_ref()
        .unwrap()
        .assessment
        .request(id)
        .cloned()
        .unwrap()
}

#[test]
fn the_keys_are_in_the_table() {
    let press = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    assert_eq!(
        keys::command_for(Ctx::Walk, &press('H')),
        Some(Cmd::Requests)
    );
    assert_eq!(
        keys::command_for(Ctx::Requests, &press('r')),
        Some(Cmd::Received)
    );
    assert_eq!(
        keys::command_for(Ctx::Requests, &press('E')),
        Some(Cmd::ReceivedAsEvidence)
    );
    assert_eq!(
        keys::command_for(Ctx::Requests, &press('x')),
        Some(Cmd::Remove)
    );
}

#[test]
fn h_lists_the_requests_with_the_overdue_marked() {
    let mut a = app();
    ch(&mut a, 'H');
    assert!(matches!(a.overlay, Some(Overlay::Requests { selected: 0 })));
    let screen = render(&a, 80, 24);
    assert!(screen.contains("2 open, 1 overdue"), "{screen}");
    assert!(screen.contains("! R-001  due 2026-11-25"), "{screen}");
    assert!(screen.contains("  R-002  due 2026-12-10"), "{screen}");
    assert!(screen.contains("✓ R-003"), "{screen}");
    insta::assert_snapshot!("requests_80x24", screen);
    insta::assert_snapshot!("requests_120x40", render(&a, 120, 40));
    // Against another day, nothing is overdue.
    a.today = "2026-11-20".into();
    assert!(render(&a, 80, 24).contains("2 open, 0 overdue"));
    ch(&mut a, 'H');
    assert!(a.overlay.is_none());
}

#[test]
fn enter_or_r_marks_received_today() {
    let mut a = app();
    ch(&mut a, 'H');
    assert_eq!(key(&mut a, KeyCode::Enter), vec![Effect::Save]);
    let r = request(&a, "R-001");
    assert_eq!(r.status, RequestStatus::Received);
    assert_eq!(r.received.as_str(), "2026-11-30");
    assert_eq!(r.evidence, None);
    assert_eq!(status(&a), "R-001 received");
    assert_eq!(ch(&mut a, 'r'), vec![], "already received");
    assert_eq!(status(&a), "R-001 is already received.");
    ch(&mut a, 'j');
    assert_eq!(ch(&mut a, 'r'), vec![Effect::Save]);
    assert_eq!(request(&a, "R-002").status, RequestStatus::Received);
}

#[test]
fn e_receives_it_as_a_new_evidence_item_in_one_step() {
    let mut a = app();
    let before = a.doc.as_ref().unwrap().assessment.clone();
    ch(&mut a, 'H');
    ch(&mut a, 'j');
    assert_eq!(ch(&mut a, 'E'), vec![Effect::Save]);
    let doc = a.doc.as_ref().unwrap();
    let r = doc.assessment.request("R-002").unwrap();
    let e = r.evidence.as_ref().expect("cites the new item").to_string();
    assert_eq!(status(&a), format!("R-002 received: evidence {e} added"));
    let item = doc.assessment.evidence_item(&e).unwrap();
    assert_eq!(item.title, "Incident log, last twelve months");
    assert_eq!(item.kind, EvidenceKind::Document);
    assert_eq!(item.owner, "Dana Lee");
    // The same edit as the command line's.
    let mut by_cli = before.clone();
    let (change, _) = receive(
        &before,
        before.request("R-002").unwrap(),
        "2026-11-30",
        None,
        Some(AsEvidence::default()),
    )
    .unwrap();
    capra::assessment::change::apply(&mut by_cli, &doc.model, change).unwrap();
    assert_eq!(by_cli.requests, doc.assessment.requests);
    assert_eq!(by_cli.evidence, doc.assessment.evidence);
    // Once evidence, E again makes no second item.
    assert_eq!(ch(&mut a, 'E'), vec![]);
    assert_eq!(status(&a), format!("R-002 is already evidence {e}."));
    // One change: undo takes back both.
    key(&mut a, KeyCode::Esc);
    ch(&mut a, 'u');
    let after = &a.doc.as_ref().unwrap().assessment;
    assert_eq!(after.requests, before.requests);
    assert_eq!(after.evidence, before.evidence);
}

#[test]
fn x_removes_after_a_question() {
    let mut a = app();
    ch(&mut a, 'H');
    ch(&mut a, 'x');
    assert!(matches!(a.overlay, Some(Overlay::Confirm { .. })));
    ch(&mut a, 'n');
    assert_eq!(a.requests().len(), 3);
    ch(&mut a, 'H');
    ch(&mut a, 'x');
    assert_eq!(ch(&mut a, 'y'), vec![Effect::Save]);
    let ids: Vec<String> = a.requests().iter().map(|r| r.id.to_string()).collect();
    assert_eq!(ids, ["R-002", "R-003"]);
    assert_eq!(status(&a), "R-001 removed");
}

#[test]
fn a_asks_for_a_document_from_the_interviewee_of_the_current_interview() {
    let mut a = app();
    start(&mut a, 2, T0);
    ch(&mut a, 'H');
    ch(&mut a, 'a');
    match &a.overlay {
        Some(Overlay::RequestForm(f)) => assert_eq!(f.value(1), "Dana Lee"),
        o => panic!("{o:?}"),
    }
    typed(&mut a, "Supplier register");
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Tab);
    typed(&mut a, "next week");
    assert_eq!(
        key(&mut a, KeyCode::Enter),
        vec![],
        "a wrong date adds nothing"
    );
    insta::assert_snapshot!("request_form_80x24", render(&a, 80, 24));
    for _ in 0.."next week".len() {
        key(&mut a, KeyCode::Backspace);
    }
    typed(&mut a, "2026-12-07");
    assert_eq!(key(&mut a, KeyCode::Enter), vec![Effect::Save]);
    let r = request(&a, "R-004");
    assert_eq!(
        (r.what.as_str(), r.from.as_str(), r.due.as_str()),
        ("Supplier register", "Dana Lee", "2026-12-07")
    );
    assert_eq!(r.interview.as_ref().map(|i| i.as_str()), Some("I-002"));
    assert!(matches!(a.overlay, Some(Overlay::Requests { selected: 3 })));
    // With no interview going on, from starts empty and the request names none.
    let mut b = app();
    ch(&mut b, 'H');
    ch(&mut b, 'a');
    typed(&mut b, "Org chart");
    assert_eq!(key(&mut b, KeyCode::Enter), vec![Effect::Save]);
    let r = request(&b, "R-004");
    assert_eq!((r.from.as_str(), r.interview.is_none()), ("", true));
    // Esc adds nothing.
    ch(&mut b, 'a');
    typed(&mut b, "Nothing");
    key(&mut b, KeyCode::Esc);
    assert_eq!(b.requests().len(), 4);
}
