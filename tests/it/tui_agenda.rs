//! The agenda (`M`): the interview plan on screen, starting, switching and ending the interview
//! going on now, its clock in the title bar (time comes in as `Action::Tick`), the form that
//! adds an interview, and resuming the current interview from the state file.

use crate::util::{SMALL, model, parse};
use capra::assessment::InterviewStatus;
use capra::tui::app::{Action, App, Doc, Effect, Overlay};
use capra::tui::keys::{self, Cmd, Ctx};
use capra::tui::state::{Current, LastPlace};
use capra::tui::theme::Theme;
use capra::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::PathBuf;

/// 2026-11-30 14:00 UTC, in seconds since 1970.
pub const T0: i64 = 1_796_047_200;

pub fn with_interviews() -> String {
    format!(
        "{SMALL}
[[interviews]]
id = \"I-001\"
who = \"Ana Silva\"
role = \"CISO\"
at = \"2026-11-20T09:00\"
minutes = 60
processes = [\"ISMS.CORE.8\"]
status = \"held\"

[[interviews]]
id = \"I-002\"
who = \"Dana Lee\"
role = \"process owner\"
at = \"2026-11-30T14:00\"
minutes = 45
processes = [\"ISMS.CORE.8\", \"ISMS.CORE.3\"]

[[interviews]]
id = \"I-003\"
who = \"Bo Chen\"
at = \"2026-11-25\"
"
    )
}

pub fn app() -> App {
    let doc = Doc::new(
        PathBuf::from("a.toml"),
        parse(&with_interviews()),
        model(),
        false,
    );
    let mut a = App::with_doc(Theme { color: false }, doc);
    a.today = "2026-11-30".into();
    a.assessor = Some("Lead".into());
    a
}

pub fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.update(Action::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

pub fn ch(app: &mut App, c: char) -> Vec<Effect> {
    key(app, KeyCode::Char(c))
}

pub fn typed(app: &mut App, s: &str) {
    for c in s.chars() {
        ch(app, c);
    }
}

pub fn render(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::view(app, f)).unwrap();
    t.backend().to_string()
}

fn status(a: &App) -> String {
    a.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

fn selected_agenda(a: &App) -> usize {
    match &a.overlay {
        Some(Overlay::Agenda { selected }) => *selected,
        o => panic!("not the agenda: {o:?}"),
    }
}

fn process(a: &App) -> String {
    let pi = a.selected_process().unwrap();
    a.doc.as_ref().unwrap().assessment.processes[pi]
        .id
        .to_string()
}

fn interview_status(a: &App, id: &str) -> InterviewStatus {
    a.doc
        .as_ref()
        .unwrap()
        .assessment
        .interview(id)
        .unwrap()
        .status
}

/// Opens the agenda and starts the interview at this row at the instant `at`.
pub fn start(a: &mut App, row: usize, at: i64) {
    a.update(Action::Tick(at));
    if !matches!(a.overlay, Some(Overlay::Agenda { .. })) {
        ch(a, 'M');
    }
    if let Some(Overlay::Agenda { selected }) = &mut a.overlay {
        *selected = row;
    }
    key(a, KeyCode::Enter);
}

#[test]
fn the_keys_are_in_the_table() {
    let press = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    assert_eq!(keys::command_for(Ctx::Walk, &press('M')), Some(Cmd::Agenda));
    assert_eq!(keys::command_for(Ctx::Agenda, &press('a')), Some(Cmd::New));
    assert_eq!(
        keys::command_for(Ctx::Agenda, &press('x')),
        Some(Cmd::EndInterview)
    );
    assert_eq!(
        keys::command_for(
            Ctx::InterviewForm,
            &KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE)
        ),
        Some(Cmd::NextField)
    );
}

#[test]
fn m_opens_the_agenda_in_time_order_and_esc_closes_it() {
    let mut a = app();
    ch(&mut a, 'M');
    assert_eq!(selected_agenda(&a), 0);
    let order: Vec<String> = a.agenda().iter().map(|i| i.id.to_string()).collect();
    assert_eq!(order, ["I-001", "I-003", "I-002"]);
    ch(&mut a, 'j');
    ch(&mut a, 'j');
    ch(&mut a, 'j');
    assert_eq!(selected_agenda(&a), 2, "stops at the last");
    ch(&mut a, 'k');
    assert_eq!(selected_agenda(&a), 1);
    key(&mut a, KeyCode::Esc);
    assert!(a.overlay.is_none());
}

#[test]
fn enter_starts_an_interview_goes_to_its_first_process_and_the_clock_runs() {
    let mut a = app();
    assert_eq!(process(&a), "ISMS.CORE.3");
    // No tick yet: no instant to start from.
    ch(&mut a, 'M');
    ch(&mut a, 'G');
    ch(&mut a, 'j');
    ch(&mut a, 'j');
    key(&mut a, KeyCode::Enter);
    assert!(a.current.is_none());
    assert!(status(&a).contains("clock"), "{}", status(&a));

    start(&mut a, 2, T0);
    assert!(a.overlay.is_none());
    assert_eq!(
        a.current,
        Some(Current {
            id: "I-002".into(),
            started: T0
        })
    );
    assert_eq!(process(&a), "ISMS.CORE.8", "its first process");
    assert_eq!(status(&a), "I-002 with Dana Lee started (45 min).");
    let c = a.clock().unwrap();
    assert_eq!(c.label(), "I-002 Dana Lee 0/45 min");

    a.update(Action::Tick(T0 + 23 * 60 + 59));
    let c = a.clock().unwrap();
    assert_eq!((c.elapsed, c.over()), (23, None));
    let screen = render(&a, 80, 24);
    assert!(screen.contains("I-002 Dana Lee 23/45 min"), "{screen}");
    assert!(!screen.contains("over by"), "{screen}");

    a.update(Action::Tick(T0 + 49 * 60));
    assert_eq!(a.clock().unwrap().over(), Some(4));
    let screen = render(&a, 80, 24);
    assert!(
        screen.contains("I-002 Dana Lee 49/45 min over by 4 min"),
        "{screen}"
    );
}

#[test]
fn the_over_time_cue_is_in_the_warning_style() {
    let mut a = app();
    a.theme = Theme { color: true };
    start(&mut a, 2, T0);
    a.update(Action::Tick(T0 + 50 * 60));
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    t.draw(|f| view::view(&a, f)).unwrap();
    let buf = t.backend().buffer().clone();
    let row: String = (0..120).map(|x| buf[(x, 0)].symbol().to_string()).collect();
    let at = row.find("over by 5 min").expect("the cue") as u16;
    let x = row[..at as usize].chars().count() as u16;
    assert_eq!(buf[(x, 0)].style().fg, a.theme.warn().fg);
    assert_ne!(a.theme.warn().fg, None);
}

#[test]
fn enter_on_the_current_one_or_x_ends_it_marked_held_and_undo_takes_that_back() {
    let mut a = app();
    start(&mut a, 2, T0);
    a.update(Action::Tick(T0 + 30 * 60));
    ch(&mut a, 'M');
    assert_eq!(
        selected_agenda(&a),
        2,
        "the agenda opens on the current one"
    );
    assert_eq!(key(&mut a, KeyCode::Enter), vec![Effect::Save]);
    assert!(a.current.is_none());
    assert_eq!(interview_status(&a, "I-002"), InterviewStatus::Held);
    assert_eq!(status(&a), "I-002 ended after 30 min, marked held");
    key(&mut a, KeyCode::Esc);
    ch(&mut a, 'u');
    assert_eq!(interview_status(&a, "I-002"), InterviewStatus::Planned);

    // x from the agenda, whatever is selected.
    start(&mut a, 1, T0 + 100);
    assert_eq!(a.current.as_ref().unwrap().id, "I-003");
    ch(&mut a, 'M');
    ch(&mut a, 'g');
    assert_eq!(ch(&mut a, 'x'), vec![Effect::Save]);
    assert!(a.current.is_none());
    assert_eq!(interview_status(&a, "I-003"), InterviewStatus::Held);
    // Nothing going on: x says so and changes nothing.
    assert_eq!(ch(&mut a, 'x'), vec![]);
    assert_eq!(status(&a), "No interview is going on.");
}

#[test]
fn ending_one_already_held_changes_nothing_in_the_file() {
    let mut a = app();
    start(&mut a, 0, T0);
    assert_eq!(a.current.as_ref().unwrap().id, "I-001");
    ch(&mut a, 'M');
    assert_eq!(ch(&mut a, 'x'), vec![]);
    assert!(a.current.is_none());
    assert_eq!(status(&a), "I-001 ended after 0 min");
}

#[test]
fn enter_on_another_switches_to_it_from_a_new_start() {
    let mut a = app();
    start(&mut a, 2, T0);
    start(&mut a, 1, T0 + 600);
    assert_eq!(
        a.current,
        Some(Current {
            id: "I-003".into(),
            started: T0 + 600
        })
    );
    assert_eq!(
        status(&a),
        "I-003 with Bo Chen started; I-002 is no longer the current one."
    );
    assert_eq!(interview_status(&a, "I-002"), InterviewStatus::Planned);
    // No time box: the clock counts up only.
    a.update(Action::Tick(T0 + 600 + 120));
    assert_eq!(a.clock().unwrap().label(), "I-003 Bo Chen 2 min");
}

#[test]
fn a_adds_an_interview_from_the_form() {
    let mut a = app();
    ch(&mut a, 'M');
    ch(&mut a, 'a');
    assert!(matches!(a.overlay, Some(Overlay::InterviewForm(_))));
    // Enter with no interviewee: the form says so and stays.
    assert_eq!(key(&mut a, KeyCode::Enter), vec![]);
    typed(&mut a, "Chris Park");
    key(&mut a, KeyCode::Tab);
    typed(&mut a, "HR lead");
    key(&mut a, KeyCode::Tab);
    typed(&mut a, "1 December");
    key(&mut a, KeyCode::Tab);
    typed(&mut a, "30");
    key(&mut a, KeyCode::Tab);
    // The processes start with the one selected in the walk-through.
    for _ in 0.."ISMS.CORE.3".len() {
        key(&mut a, KeyCode::Backspace);
    }
    typed(&mut a, "core8, ISMS.CORE.3");
    assert_eq!(
        key(&mut a, KeyCode::Enter),
        vec![],
        "a wrong date adds nothing"
    );
    match &a.overlay {
        Some(Overlay::InterviewForm(f)) => {
            assert!(f.error.as_deref().unwrap().contains("not a date"), "{f:?}")
        }
        o => panic!("{o:?}"),
    }
    insta::assert_snapshot!("interview_form_80x24", render(&a, 80, 24));
    // Back to the when field (Shift+Tab twice), fix it.
    key(&mut a, KeyCode::BackTab);
    key(&mut a, KeyCode::BackTab);
    for _ in 0.."1 December".len() {
        key(&mut a, KeyCode::Backspace);
    }
    typed(&mut a, "2026-12-01T10:00");
    assert_eq!(key(&mut a, KeyCode::Enter), vec![Effect::Save]);
    let doc = a.doc.as_ref().unwrap();
    let i = doc.assessment.interview("I-004").unwrap();
    assert_eq!(
        (i.who.as_str(), i.role.as_str(), i.at.as_str()),
        ("Chris Park", "HR lead", "2026-12-01T10:00")
    );
    assert_eq!(i.minutes.as_ref().map(|m| **m), Some(30));
    let ps: Vec<&str> = i.processes.iter().map(|p| p.as_str()).collect();
    assert_eq!(ps, ["ISMS.CORE.3", "ISMS.CORE.8"], "in model order");
    assert_eq!(selected_agenda(&a), 3, "the new one selected, last in time");
    assert_eq!(status(&a), "I-004 with Chris Park added to the plan");
}

#[test]
fn the_form_refuses_a_process_out_of_scope_and_esc_adds_nothing() {
    let mut a = app();
    ch(&mut a, 'M');
    ch(&mut a, 'a');
    typed(&mut a, "Chris");
    for _ in 0..4 {
        key(&mut a, KeyCode::Tab);
    }
    typed(&mut a, " nosuch");
    assert_eq!(key(&mut a, KeyCode::Enter), vec![]);
    match &a.overlay {
        Some(Overlay::InterviewForm(f)) => {
            assert_eq!(
                f.error.as_deref(),
                Some("'nosuch' names no process in scope.")
            )
        }
        o => panic!("{o:?}"),
    }
    key(&mut a, KeyCode::Esc);
    assert!(matches!(a.overlay, Some(Overlay::Agenda { .. })));
    assert_eq!(a.agenda().len(), 3);
}

#[test]
fn the_current_interview_is_kept_with_the_place_and_resumed() {
    let mut a = app();
    start(&mut a, 2, T0);
    let place = a.last_place().unwrap();
    assert_eq!(
        place.interview,
        Some(Current {
            id: "I-002".into(),
            started: T0
        })
    );
    // As the state file holds it.
    let text = toml::to_string(&place).unwrap();
    assert!(
        text.contains("[interview]\nid = \"I-002\"\nstarted = 1796047200"),
        "{text}"
    );
    let back: LastPlace = toml::from_str(&text).unwrap();
    assert_eq!(back, place);

    let mut b = app();
    b.update(Action::ReturnTo(back));
    b.update(Action::Tick(T0 + 10 * 60));
    assert_eq!(b.clock().unwrap().label(), "I-002 Dana Lee 10/45 min");
    // One no longer in the file is not resumed.
    let mut c = app();
    c.update(Action::ReturnTo(LastPlace {
        process: "ISMS.CORE.3".into(),
        interview: Some(Current {
            id: "I-009".into(),
            started: T0,
        }),
        ..LastPlace::default()
    }));
    assert!(c.current.is_none());
}

#[test]
fn snapshot_agenda() {
    let mut a = app();
    start(&mut a, 2, T0);
    a.update(Action::Tick(T0 + 49 * 60));
    ch(&mut a, 'M');
    insta::assert_snapshot!("agenda_80x24", render(&a, 80, 24));
    insta::assert_snapshot!("agenda_120x40", render(&a, 120, 40));
    key(&mut a, KeyCode::Esc);
    insta::assert_snapshot!("walk_clock_120x40", render(&a, 120, 40));
}
