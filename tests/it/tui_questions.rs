//! The questions checklist in the detail pane: the model's questions for the selected attribute
//! are rows the detail pane selects (`Q` selects the first not asked), `[x]` once asked with the
//! answer under it; `Enter` writes the answer and records the question as asked (in the
//! interview going on, if any) through the same core call as `capra question ask`; `x` marks it
//! still to ask; undo takes either back; the process header counts the questions asked.

use crate::tui_agenda::{T0, app, ch, key, render, start, typed};
use capra::assessment::interview_rules::Asked;
use capra::tui::app::{Action, App, Effect, Overlay};
use capra::tui::state::{Draft, DraftEditor, InputField, Pane};
use ratatui::crossterm::event::KeyCode;

fn process(a: &App) -> String {
    let pi = a.selected_process().unwrap();
    a.doc.as_ref().unwrap().assessment.processes[pi]
        .id
        .to_string()
}

fn record(a: &App, q: &str) -> Option<capra::assessment::Question> {
    let p = process(a);
    a.doc.as_ref().unwrap().assessment.question(&p, q).cloned()
}

fn status(a: &App) -> String {
    a.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// Answers the selected question with `text`.
fn answer(a: &mut App, text: &str) -> Vec<Effect> {
    key(a, KeyCode::Enter);
    assert!(
        matches!(
            &a.overlay,
            Some(Overlay::Input {
                field: InputField::Answer { .. },
                ..
            })
        ),
        "{:?}",
        a.overlay
    );
    typed(a, text);
    key(a, KeyCode::Enter)
}

#[test]
fn q_selects_the_first_question_and_pa1_1_lists_the_process_and_attribute_questions() {
    let mut a = app();
    let qs = a.detail_questions();
    let ids: Vec<&str> = qs.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids.first(), Some(&"Q1"), "{ids:?}");
    assert!(ids.contains(&"PA1.1.Q1"), "{ids:?}");
    assert!(!ids.iter().any(|i| i.starts_with("PA2")), "{ids:?}");
    assert_eq!(
        a.selected_question(),
        None,
        "no selection outside the detail"
    );
    ch(&mut a, 'Q');
    assert_eq!(a.walk.focus, Pane::Detail);
    assert_eq!(a.selected_question().as_deref(), Some("Q1"));
    assert_eq!(a.selected_item(), None, "a question is not an item");
    assert!(a.selected_finding().is_none());
    assert!(status(&a).contains("Enter"), "{}", status(&a));
    // The questions come after the items: up from the first question is the last item.
    key(&mut a, KeyCode::Up);
    assert!(a.selected_item().is_some());
    assert_eq!(a.selected_question(), None);
    key(&mut a, KeyCode::Down);
    assert_eq!(a.selected_question().as_deref(), Some("Q1"));
    // Down to the end reaches the last question, and stops there.
    for _ in 0..100 {
        key(&mut a, KeyCode::Down);
    }
    assert_eq!(
        a.selected_question().as_deref(),
        qs.last().map(|(id, _)| id.as_str())
    );
}

#[test]
fn above_level_1_the_attribute_questions_are_listed() {
    let mut a = app();
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Down);
    assert_eq!(a.selected_attribute().as_deref(), Some("PA2.1"));
    let ids: Vec<String> = a.detail_questions().into_iter().map(|q| q.0).collect();
    assert!(!ids.is_empty());
    assert!(ids.iter().all(|i| i.starts_with("PA2.1.Q")), "{ids:?}");
}

#[test]
fn enter_records_the_answer_as_capra_question_ask_does() {
    let mut a = app();
    ch(&mut a, 'Q');
    let before = a.doc.as_ref().unwrap().assessment.clone();
    let effects = answer(&mut a, "Yearly, by the CISO");
    assert_eq!(effects, vec![Effect::Save]);
    assert!(a.overlay.is_none());
    let q = record(&a, "Q1").expect("recorded");
    assert!(q.asked);
    assert_eq!(q.answer, "Yearly, by the CISO");
    assert_eq!(q.interview, None, "no interview is going on");
    // The same record the core call of `capra question ask` makes.
    let said = Asked {
        asked: true,
        answer: Some("Yearly, by the CISO".into()),
        ..Asked::default()
    };
    let doc = a.doc.as_ref().unwrap();
    assert_eq!(
        before.asked_question(&doc.model, &process(&a), "q1", said),
        Ok(q)
    );
    assert!(status(&a).contains("Q1: asked"), "{}", status(&a));
    // Enter again opens the input on the answer kept.
    key(&mut a, KeyCode::Enter);
    match &a.overlay {
        Some(Overlay::Input { text, .. }) => {
            assert_eq!(text.lines().join(""), "Yearly, by the CISO")
        }
        o => panic!("no input: {o:?}"),
    }
    key(&mut a, KeyCode::Esc);
    assert_eq!(record(&a, "Q1").unwrap().answer, "Yearly, by the CISO");
}

#[test]
fn the_answer_records_the_interview_going_on() {
    let mut a = app();
    start(&mut a, 1, T0);
    let cur = a
        .current
        .as_ref()
        .expect("an interview going on")
        .id
        .clone();
    a.overlay = None;
    ch(&mut a, 'Q');
    let q = a.selected_question().unwrap();
    answer(&mut a, "Quarterly reviews");
    let r = record(&a, &q).unwrap();
    assert_eq!(r.interview.as_ref().map(|i| i.as_str()), Some(cur.as_str()));
    assert!(status(&a).contains(&format!("in {cur}")), "{}", status(&a));
    let screen = render(&a, 120, 40);
    assert!(
        screen.contains(&format!("in {cur}: Quarterly reviews")),
        "{screen}"
    );
}

#[test]
fn x_marks_a_question_to_ask_again_and_undo_takes_it_back() {
    let mut a = app();
    ch(&mut a, 'Q');
    answer(&mut a, "Owner named");
    assert!(record(&a, "Q1").unwrap().asked);
    assert_eq!(ch(&mut a, 'x'), vec![Effect::Save]);
    let r = record(&a, "Q1").unwrap();
    assert!(!r.asked, "x un-asks");
    assert_eq!(r.answer, "Owner named", "the answer is kept");
    // x on a question not asked changes nothing (and opens no confirmation).
    assert_eq!(ch(&mut a, 'x'), vec![]);
    assert!(a.overlay.is_none());
    // Undo: asked again; undo again: no record at all; redo: asked.
    ch(&mut a, 'u');
    assert!(record(&a, "Q1").unwrap().asked);
    ch(&mut a, 'u');
    assert_eq!(record(&a, "Q1"), None);
    a.update(Action::Key(ratatui::crossterm::event::KeyEvent::new(
        KeyCode::Char('r'),
        ratatui::crossterm::event::KeyModifiers::CONTROL,
    )));
    assert!(record(&a, "Q1").unwrap().asked);
}

#[test]
fn x_on_an_outcome_still_removes_its_characterisation() {
    let mut a = app();
    ch(&mut a, 'B');
    let item = a.selected_item().unwrap();
    ch(&mut a, 'l');
    assert!(a.characterisation(&item).is_some());
    ch(&mut a, 'x');
    assert_eq!(a.characterisation(&item), None);
    assert_eq!(record(&a, "Q1"), None, "no question touched");
}

#[test]
fn a_read_only_file_records_no_answer() {
    let mut a = app();
    ch(&mut a, 'Q');
    answer(&mut a, "Asked before");
    a.doc.as_mut().unwrap().read_only = true;
    assert_eq!(key(&mut a, KeyCode::Enter), vec![]);
    assert!(a.overlay.is_none(), "no input that could not be saved");
    assert!(status(&a).contains("Read-only"), "{}", status(&a));
    assert_eq!(ch(&mut a, 'x'), vec![]);
    assert!(record(&a, "Q1").unwrap().asked, "x changes nothing either");
}

#[test]
fn an_answer_being_typed_is_a_draft_and_comes_back() {
    let mut a = app();
    ch(&mut a, 'Q');
    key(&mut a, KeyCode::Enter);
    typed(&mut a, "Half an ans");
    let d = a.draft().expect("a draft");
    assert_eq!(d.editor, DraftEditor::Answer);
    assert_eq!(d.id.as_deref(), Some("Q1"));
    assert_eq!(d.process, "ISMS.CORE.3");
    let mut b = app();
    b.update(Action::DraftFound(Box::new(Draft { ..d })));
    key(&mut b, KeyCode::Enter);
    assert!(matches!(
        &b.overlay,
        Some(Overlay::Input {
            field: InputField::Answer { .. },
            ..
        })
    ));
    typed(&mut b, "wer");
    key(&mut b, KeyCode::Enter);
    let r = b
        .doc
        .as_ref()
        .unwrap()
        .assessment
        .question("ISMS.CORE.3", "Q1")
        .cloned()
        .unwrap();
    assert_eq!(r.answer, "Half an answer");
}

#[test]
fn snapshot_questions_checklist() {
    let mut a = app();
    ch(&mut a, 'Q');
    answer(&mut a, "Yearly, by the CISO; last run in March");
    key(&mut a, KeyCode::Down);
    let small = render(&a, 80, 24);
    assert!(small.contains("[x]") || small.contains("[ ]"), "{small}");
    insta::assert_snapshot!("questions_checklist_80x24", small);
    let big = render(&a, 120, 40);
    assert!(big.contains("[x] Q1"), "{big}");
    assert!(big.contains("Yearly, by the CISO"), "{big}");
    insta::assert_snapshot!("questions_checklist_120x40", big);
}

#[test]
fn the_process_header_counts_the_questions_asked_as_question_list_does() {
    let mut a = app();
    let p = process(&a);
    let total = {
        let doc = a.doc.as_ref().unwrap();
        let cov = doc.assessment.question_coverage(&doc.model);
        cov.iter().find(|c| c.process == p).unwrap().total
    };
    assert!(
        total > a.detail_questions().len(),
        "PA2.x and PA3.x count too"
    );
    let header = |a: &App| render(a, 120, 40).lines().nth(2).unwrap().to_string();
    assert!(
        header(&a).contains(&format!("questions 0/{total}")),
        "{}",
        header(&a)
    );
    ch(&mut a, 'Q');
    answer(&mut a, "Yes");
    assert!(
        header(&a).contains(&format!("questions 1/{total}")),
        "{}",
        header(&a)
    );
    // A question not asked (recorded for later) does not count.
    ch(&mut a, 'x');
    assert!(header(&a).contains(&format!("questions 0/{total}")));
    assert_eq!(a.question_coverage_of(&p).unwrap().asked, 0);
}

#[test]
fn the_legend_lists_the_checklist_marks_and_the_header_count() {
    let mut a = app();
    ch(&mut a, '?');
    ch(&mut a, 'L');
    let mut seen = String::new();
    for _ in 0..100 {
        seen.push_str(&render(&a, 120, 40));
        ch(&mut a, 'j');
    }
    for want in [
        "[x]",
        "a question to ask that was asked",
        "[ ]",
        "a question to ask not asked yet",
        "questions 4/35",
    ] {
        assert!(seen.contains(want), "{want} not in the legend");
    }
}

#[test]
fn undo_goes_back_to_the_question_and_says_what_it_took_back() {
    let mut a = app();
    ch(&mut a, 'Q');
    answer(&mut a, "Named in the policy");
    // Elsewhere: the next attribute, focus on the attributes.
    key(&mut a, KeyCode::BackTab);
    key(&mut a, KeyCode::Down);
    assert_eq!(a.selected_attribute().as_deref(), Some("PA2.1"));
    ch(&mut a, 'u');
    assert_eq!(record(&a, "Q1"), None);
    assert_eq!(a.selected_attribute().as_deref(), Some("PA1.1"));
    assert_eq!(a.selected_question().as_deref(), Some("Q1"));
    assert!(status(&a).contains("question Q1"), "{}", status(&a));
}
