//! Findings written while an interview is going on are captured in it: the finding names the
//! interview and its source says with whom, through the same core call as `capra finding add
//! --interview`; the editor says "from I-002 Dana Lee".

use crate::tui_agenda::{T0, app, ch, key, render, start, typed};
use capra::assessment::Finding;
use capra::tui::app::{Effect, Overlay};
use ratatui::crossterm::event::KeyCode;

fn last_finding(a: &capra::tui::app::App) -> Finding {
    a.doc
        .as_ref()
        .unwrap()
        .assessment
        .findings
        .last()
        .cloned()
        .unwrap()
}

fn draft_interview(a: &capra::tui::app::App) -> Option<String> {
    match &a.overlay {
        Some(Overlay::Finding { draft, .. }) => draft.interview.clone(),
        o => panic!("not the finding editor: {o:?}"),
    }
}

#[test]
fn a_finding_written_during_an_interview_is_captured_in_it() {
    let mut a = app();
    start(&mut a, 2, T0);
    key(&mut a, KeyCode::Tab);
    ch(&mut a, 'W');
    assert_eq!(draft_interview(&a).as_deref(), Some("I-002"));
    let screen = render(&a, 80, 24);
    assert!(screen.contains("from I-002 Dana Lee"), "{screen}");
    typed(&mut a, "No record of the last incident review.");
    insta::assert_snapshot!("finding_from_interview_80x24", render(&a, 80, 24));
    insta::assert_snapshot!("finding_from_interview_120x40", render(&a, 120, 40));
    assert_eq!(key(&mut a, KeyCode::Esc), vec![Effect::Save]);
    let f = last_finding(&a);
    assert_eq!(f.text, "No record of the last incident review.");
    assert_eq!(f.interview.as_ref().map(|i| i.as_str()), Some("I-002"));
    assert_eq!(
        f.source,
        "Interview with Dana Lee (process owner), 2026-11-30"
    );
    // The same as the core call the command line makes.
    let doc = a.doc.as_ref().unwrap();
    let mut by_cli = f.clone();
    by_cli.interview = None;
    by_cli.source.clear();
    by_cli.captured_in(doc.assessment.interview("I-002").unwrap());
    assert_eq!(by_cli, f);
    // Editing it again still says where it came from, even with the interview ended.
    ch(&mut a, 'M');
    ch(&mut a, 'x');
    ch(&mut a, 'q');
    assert!(a.current.is_none());
    key(&mut a, KeyCode::Tab);
    let n = a.detail_findings().len();
    assert!(n > 0);
    while a.selected_finding().map(|x| x.id.clone()) != Some(f.id.clone()) {
        ch(&mut a, 'j');
    }
    ch(&mut a, 'e');
    assert_eq!(draft_interview(&a).as_deref(), Some("I-002"));
    assert!(render(&a, 80, 24).contains("from I-002 Dana Lee"));
}

#[test]
fn with_no_interview_going_on_a_finding_has_no_source() {
    let mut a = app();
    ch(&mut a, 'O');
    assert_eq!(draft_interview(&a), None);
    assert!(!render(&a, 80, 24).contains("from I-"));
    typed(&mut a, "Seen on the wall.");
    assert_eq!(key(&mut a, KeyCode::Esc), vec![Effect::Save]);
    let f = last_finding(&a);
    assert!(f.interview.is_none());
    assert_eq!(f.source, "");
}
