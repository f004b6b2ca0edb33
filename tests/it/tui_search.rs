//! Searching everything (`/`: the model's text and the assessment's own, results as one types,
//! Enter goes to one) and jumping to a process by id or name (`:`).

use crate::util::{EXAMPLE, model, parse};
use capra::tui::app::{Action, App, Doc, Overlay, Pane, Screen};
use capra::tui::keys::Ctx;
use capra::tui::state::{Target, fold};
use capra::tui::theme::Theme;
use capra::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::PathBuf;

fn app() -> App {
    let doc = Doc::new(PathBuf::from("a.toml"), parse(EXAMPLE), model(), false);
    let mut a = App::with_doc(Theme { color: false }, doc);
    a.update(Action::Resize(80, 24));
    a
}

fn key(app: &mut App, code: KeyCode) {
    app.update(Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn typed(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
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

fn whats(app: &App) -> Vec<String> {
    app.search_hits().into_iter().map(|h| h.what).collect()
}

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// Selects the first result whose label starts with `what` and presses Enter.
fn choose(app: &mut App, what: &str) {
    let i = whats(app)
        .iter()
        .position(|w| w.starts_with(what))
        .unwrap_or_else(|| panic!("no {what} in {:?}", whats(app)));
    for _ in 0..i {
        key(app, KeyCode::Down);
    }
    key(app, KeyCode::Enter);
}

#[test]
fn folding_drops_case_and_accents() {
    assert_eq!(fold("Jörg BAUMGÄRTNER Paweł"), "jorg baumgartner pawel");
    assert_eq!(fold("Jörg").chars().count(), 4);
}

#[test]
fn results_follow_each_keystroke() {
    let mut a = app();
    key(&mut a, KeyCode::Char('/'));
    assert_eq!(a.ctx(), Ctx::Search);
    assert!(a.search_hits().is_empty(), "nothing typed, nothing found");
    typed(&mut a, "phish");
    let w = whats(&a);
    assert!(
        w.contains(&"process ISMS.CORE.8 Information security incident management".into()),
        "{w:?}"
    );
    assert!(
        w.iter()
            .any(|x| x.starts_with("finding F-044 · ISMS.CORE.7 PA1.1 (Hamburg")),
        "{w:?}"
    );
    let n = w.len();
    typed(&mut a, "ing simulation");
    let narrower = whats(&a);
    assert!(!narrower.is_empty() && narrower.len() < n, "{narrower:?}");
    typed(&mut a, "zzz");
    assert!(a.search_hits().is_empty());
    assert!(render(&a).contains("Nothing matches 'phishing simulationzzz'."));
    key(&mut a, KeyCode::Enter);
    assert!(status(&a).contains("Nothing matches"), "{}", status(&a));
    assert_eq!(a.ctx(), Ctx::Search, "no result: the box stays");
    for _ in 0..3 {
        key(&mut a, KeyCode::Backspace);
    }
    assert!(!a.search_hits().is_empty(), "Backspace brings them back");
    key(&mut a, KeyCode::Esc);
    assert!(a.overlay.is_none());
}

#[test]
fn notes_evidence_and_actions_are_found_too_without_accents() {
    let mut a = app();
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "jorg says");
    assert_eq!(whats(&a), vec!["note · ISMS.GOV.1 PA2.1".to_string()]);
    let mut b = app();
    key(&mut b, KeyCode::Char('/'));
    typed(&mut b, "policy register");
    let w = whats(&b);
    assert!(w.contains(&"evidence E-001".to_string()), "{w:?}");
    let mut c = app();
    key(&mut c, KeyCode::Char('/'));
    typed(&mut c, "governance calendar");
    assert!(
        whats(&c).iter().any(|x| x.starts_with("action A-001")),
        "{:?}",
        whats(&c)
    );
}

#[test]
fn enter_goes_to_a_note_a_finding_evidence_and_an_action() {
    let mut a = app();
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "jorg says");
    key(&mut a, KeyCode::Enter);
    assert!(a.overlay.is_none());
    assert_eq!(process_id(&a), "ISMS.GOV.1");
    assert_eq!(a.selected_attribute().as_deref(), Some("PA2.1"));
    assert_eq!(a.walk.focus, Pane::Attributes);

    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "phishing");
    choose(&mut a, "finding F-044");
    assert_eq!(process_id(&a), "ISMS.CORE.7");
    assert_eq!(a.selected_attribute().as_deref(), Some("PA1.1"));
    assert_eq!(a.walk.focus, Pane::Detail);
    assert_eq!(
        a.selected_finding().map(|f| f.id.to_string()).as_deref(),
        Some("F-044")
    );
    assert_eq!(a.instance_name().as_deref(), Some("Hamburg head office"));

    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "policy register");
    choose(&mut a, "evidence E-001");
    assert!(
        status(&a).starts_with("E-001 is first used at ISMS."),
        "{}",
        status(&a)
    );
    assert!(a.linked_evidence().contains(&"E-001".to_string()));

    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "governance calendar");
    choose(&mut a, "action A-001");
    assert_eq!(a.screen, Screen::Plan);
    assert_eq!(
        a.selected_action().map(|x| x.id.to_string()).as_deref(),
        Some("A-001")
    );
}

#[test]
fn ctrl_f_filters_the_list_and_enter_shows_a_process_it_hid() {
    let mut a = app();
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "phishing");
    a.update(Action::Key(KeyEvent::new(
        KeyCode::Char('f'),
        KeyModifiers::CONTROL,
    )));
    assert!(a.overlay.is_none());
    assert_eq!(a.walk.query, "phishing");
    assert!(a.visible_processes().len() < 18);
    key(&mut a, KeyCode::Char('/'));
    let Some(Overlay::Search(s)) = &a.overlay else {
        panic!()
    };
    assert_eq!(
        s.text.lines()[0],
        "phishing",
        "the filter in force is the query"
    );
    key(&mut a, KeyCode::Esc);
    assert!(a.walk.query.is_empty(), "Esc clears the filter");
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "phishing");
    a.update(Action::Key(KeyEvent::new(
        KeyCode::Char('f'),
        KeyModifiers::CONTROL,
    )));
    key(&mut a, KeyCode::Char('/'));
    for _ in 0.."phishing".len() {
        key(&mut a, KeyCode::Backspace);
    }
    typed(&mut a, "jorg says");
    key(&mut a, KeyCode::Enter);
    assert_eq!(process_id(&a), "ISMS.GOV.1", "shown again to go there");
    assert!(a.walk.query.is_empty());
}

#[test]
fn a_result_says_where_it_goes() {
    let mut a = app();
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "F-044");
    let h = a.search_hits();
    assert!(
        h.iter()
            .any(|h| h.target == Target::Finding("F-044".into())),
        "{h:?}"
    );
}

#[test]
fn snapshot_search_with_mixed_results() {
    let mut a = app();
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "leipzig");
    let screen = render(&a);
    for s in [
        "Search everything",
        "results",
        "note · ",
        "rationale · ",
        "finding F-",
    ] {
        assert!(screen.contains(s), "{s} in\n{screen}");
    }
    insta::assert_snapshot!("search_mixed_80x24", screen);
}

#[test]
fn colon_jumps_to_a_process_by_id_or_name() {
    for typed_id in [
        "CORE.3",
        "core3",
        "ISMS.CORE.3",
        "isms core 3",
        "Information security risk a",
    ] {
        let mut a = app();
        key(&mut a, KeyCode::Char(':'));
        assert_eq!(a.ctx(), Ctx::Goto);
        typed(&mut a, typed_id);
        key(&mut a, KeyCode::Enter);
        assert!(a.overlay.is_none(), "{typed_id}: {}", status(&a));
        assert_eq!(process_id(&a), "ISMS.CORE.3", "{typed_id}");
        assert_eq!(a.walk.focus, Pane::Processes);
    }
}

#[test]
fn a_wrong_or_ambiguous_id_says_so_and_moves_nothing() {
    let mut a = app();
    let before = process_id(&a);
    key(&mut a, KeyCode::Char(':'));
    typed(&mut a, "CORE.99");
    key(&mut a, KeyCode::Enter);
    assert_eq!(status(&a), "No process 'CORE.99' in this assessment.");
    assert!(
        matches!(a.overlay, Some(Overlay::Goto(_))),
        "the prompt stays"
    );
    assert_eq!(process_id(&a), before);
    assert!(render(&a).contains("No process 'CORE.99'"));
    for _ in 0.."CORE.99".len() {
        key(&mut a, KeyCode::Backspace);
    }
    typed(&mut a, "3");
    key(&mut a, KeyCode::Enter);
    assert!(
        status(&a).starts_with("'3' could be ISMS.CORE.3, "),
        "{}",
        status(&a)
    );
    assert_eq!(process_id(&a), before);
    key(&mut a, KeyCode::Esc);
    assert!(a.overlay.is_none());
    assert_eq!(process_id(&a), before);
}

#[test]
fn tab_completes_an_id_or_a_name() {
    let mut a = app();
    key(&mut a, KeyCode::Char(':'));
    typed(&mut a, "aware");
    key(&mut a, KeyCode::Tab);
    let Some(Overlay::Goto(g)) = &a.overlay else {
        panic!()
    };
    assert_eq!(g.text.lines()[0], "ISMS.CORE.7");
    key(&mut a, KeyCode::Enter);
    assert_eq!(process_id(&a), "ISMS.CORE.7");

    key(&mut a, KeyCode::Char(':'));
    typed(&mut a, "isms.su");
    key(&mut a, KeyCode::Tab);
    let Some(Overlay::Goto(g)) = &a.overlay else {
        panic!()
    };
    assert_eq!(g.text.lines()[0], "ISMS.SUP.");
    assert!(
        g.error.as_deref().unwrap_or("").contains("ISMS.SUP.1"),
        "{:?}",
        g.error
    );
}

#[test]
fn evidence_cited_nowhere_opens_the_picker_and_interviews_are_found() {
    let text = format!(
        "{EXAMPLE}\n[[evidence]]\nid = \"E-099\"\ntitle = \"Visitor log of the Hamburg reception\"\nkind = \"record\"\n\n[[interviews]]\nid = \"I-001\"\nwho = \"Zoë Brandt\"\nrole = \"Facility manager\"\nprocesses = [\"ISMS.CORE.5\"]\nnotes = \"Walked through the visitor log.\"\n"
    );
    let doc = Doc::new(PathBuf::from("a.toml"), parse(&text), model(), false);
    let mut a = App::with_doc(Theme { color: false }, doc);
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "visitor log");
    assert_eq!(
        whats(&a),
        vec![
            "evidence E-099".to_string(),
            "interview I-001 · Zoë Brandt".into()
        ]
    );
    key(&mut a, KeyCode::Enter);
    assert!(
        matches!(a.overlay, Some(Overlay::Picker(_))),
        "cited nowhere: the picker"
    );
    assert_eq!(a.picker_items().len(), 1);
    assert!(
        status(&a).starts_with("E-099 is used nowhere yet"),
        "{}",
        status(&a)
    );
    key(&mut a, KeyCode::Esc);

    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "zoe");
    key(&mut a, KeyCode::Enter);
    assert_eq!(process_id(&a), "ISMS.CORE.5");
}

#[test]
fn a_characterisation_note_is_found_and_goes_to_its_attribute() {
    let mut a = app();
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "exceptions expired, checked");
    let w = whats(&a);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].starts_with("note on O5 · ISMS.") && w[0].contains(" PA1.1"),
        "{w:?}"
    );
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.selected_attribute().as_deref(), Some("PA1.1"));
}
