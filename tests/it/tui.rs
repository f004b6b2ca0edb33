//! The terminal UI without a terminal: key actions in, state out (update tests), the key table,
//! and snapshots of the main screens drawn on ratatui's TestBackend.

use crate::util::{EXAMPLE, SMALL, model, parse};
use capra::rating::Rating;
use capra::store;
use capra::tui::app::{Action, App, Doc, Effect, Filter, HomeEntry, Overlay, Pane, Screen};
use capra::tui::keys::{self, Cmd, Ctx, KEYS};
use capra::tui::state::Failure;
use capra::tui::theme::Theme;
use capra::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use std::path::PathBuf;

fn doc(text: &str) -> Doc {
    Doc::new(PathBuf::from("a.toml"), parse(text), model(), false)
}

fn app(text: &str) -> App {
    let mut app = App::with_doc(Theme { color: false }, doc(text));
    app.assessor = Some("Test Assessor".into());
    app
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.update(Action::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn ch(app: &mut App, c: char) -> Vec<Effect> {
    key(app, KeyCode::Char(c))
}

fn ctrl(app: &mut App, c: char) -> Vec<Effect> {
    app.update(Action::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )))
}

fn typed(app: &mut App, s: &str) {
    for c in s.chars() {
        ch(app, c);
    }
}

/// The record of the selected slot's rating.
fn rating(app: &App) -> Option<Rating> {
    app.record().and_then(|r| r.rating())
}

fn process_id(app: &App) -> String {
    let pi = app.selected_process().unwrap();
    app.doc.as_ref().unwrap().assessment.processes[pi]
        .id
        .to_string()
}

// ---------------------------------------------------------------------------------------------
// Update: each key action
// ---------------------------------------------------------------------------------------------

#[test]
fn opens_on_the_first_process_and_attribute() {
    let app = app(SMALL);
    assert_eq!(app.screen, Screen::Walk);
    assert_eq!(process_id(&app), "ISMS.CORE.3");
    assert_eq!(app.selected_attribute().as_deref(), Some("PA1.1"));
    assert_eq!(app.walk.focus, Pane::Processes);
}

#[test]
fn rating_keys_rate_save_and_rescore() {
    let mut app = app(SMALL);
    key(&mut app, KeyCode::Tab);
    ch(&mut app, 'j'); // PA2.1
    assert_eq!(app.selected_attribute().as_deref(), Some("PA2.1"));
    for (c, r) in [
        ('n', Rating::N),
        ('p', Rating::P),
        ('l', Rating::L),
        ('f', Rating::F),
    ] {
        let effects = ch(&mut app, c);
        assert_eq!(effects, vec![Effect::Save], "{c}");
        assert_eq!(rating(&app), Some(r));
    }
    // PA1.1 F, PA2.1 F, PA2.2 F: level 2, the level shown updates at once.
    let doc = app.doc.as_ref().unwrap();
    assert_eq!(doc.profile.processes[0].capability_level, 2);
    assert_eq!(
        doc.profile.processes[0]
            .blocked_by
            .as_ref()
            .unwrap()
            .explain(),
        "PA3.1 is not rated, needs L or F"
    );
    assert_eq!(app.record().unwrap().assessor, "Test Assessor");
    assert_eq!(
        app.status.as_ref().unwrap().text,
        "ISMS.CORE.3 PA2.1: rated F"
    );
}

#[test]
fn refine_clear_and_their_limits() {
    let mut app = app(SMALL);
    ch(&mut app, 'j'); // processes pane: moves to CORE.8
    ch(&mut app, 'k');
    key(&mut app, KeyCode::Tab);
    ch(&mut app, 'j');
    ch(&mut app, 'l');
    ch(&mut app, '-');
    assert_eq!(rating(&app), Some(Rating::LMinus));
    ch(&mut app, '+');
    assert_eq!(rating(&app), Some(Rating::LPlus));
    ch(&mut app, 'p');
    ch(&mut app, '-');
    assert_eq!(rating(&app), Some(Rating::PMinus));
    ch(&mut app, 'f');
    assert_eq!(ch(&mut app, '+'), vec![]);
    assert_eq!(rating(&app), Some(Rating::F));
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("Refine works on a P or L")
    );
    // Clearing keeps the note.
    ch(&mut app, 'x');
    assert_eq!(rating(&app), None);
    assert_eq!(
        app.record().unwrap().note,
        "Plans exist; tracking is informal."
    );
    assert_eq!(key(&mut app, KeyCode::Delete), vec![], "already not rated");
}

#[test]
fn note_editor_saves_on_escape() {
    let mut app = app(SMALL);
    key(&mut app, KeyCode::Tab);
    ch(&mut app, 'G'); // last attribute shown
    let attr = app.selected_attribute().unwrap();
    ch(&mut app, 'e');
    assert!(matches!(
        app.overlay,
        Some(Overlay::Note {
            rationale: false,
            ..
        })
    ));
    // Rating keys are text here.
    typed(&mut app, "Seen: plan");
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "Missing: lfnp");
    assert_eq!(rating(&app), None, "typing in the note rates nothing");
    let effects = key(&mut app, KeyCode::Esc);
    assert_eq!(effects, vec![Effect::Save]);
    assert!(app.overlay.is_none());
    assert_eq!(app.selected_attribute().unwrap(), attr);
    assert_eq!(app.record().unwrap().note, "Seen: plan\nMissing: lfnp");
    // Opening and closing without a change saves nothing.
    ch(&mut app, 'e');
    assert_eq!(ctrl(&mut app, 's'), vec![]);
}

#[test]
fn confidence_and_review_cycle() {
    let mut app = app(SMALL);
    key(&mut app, KeyCode::Tab);
    ch(&mut app, 'j');
    use capra::assessment::{Confidence, Review};
    let mut seen = vec![];
    for _ in 0..4 {
        ch(&mut app, 'c');
        seen.push(app.record().and_then(|r| r.confidence));
    }
    assert_eq!(
        seen,
        [
            Some(Confidence::High),
            Some(Confidence::Medium),
            Some(Confidence::Low),
            None
        ]
    );
    let mut seen = vec![];
    for _ in 0..3 {
        ch(&mut app, 'r');
        seen.push(app.record().and_then(|r| r.review));
    }
    assert_eq!(seen, [Some(Review::Flagged), Some(Review::Reviewed), None]);
}

#[test]
fn instances_are_rated_one_by_one() {
    let mut app = app(SMALL);
    ch(&mut app, 'j');
    assert_eq!(process_id(&app), "ISMS.CORE.8");
    assert_eq!(app.instance_name(), None);
    ch(&mut app, 'i');
    assert_eq!(app.instance_name().as_deref(), Some("Head office"));
    ch(&mut app, 'i');
    assert_eq!(app.instance_name().as_deref(), Some("Warehouse"));
    assert_eq!(rating(&app), Some(Rating::P));
    ch(&mut app, 'l');
    // Instances F and L aggregate (median-low) to L: level 1 reached.
    let doc = app.doc.as_ref().unwrap();
    assert_eq!(
        doc.profile.processes[1].attributes[0].rating,
        Some(Rating::L)
    );
    assert_eq!(doc.profile.processes[1].capability_level, 1);
    ch(&mut app, 'i');
    assert_eq!(app.instance_name(), None);
    // A process without instances says so.
    ch(&mut app, 'k');
    ch(&mut app, 'i');
    assert_eq!(app.instance_name(), None);
    assert!(app.status.as_ref().unwrap().text.contains("no instances"));
}

#[test]
fn next_unrated_walks_the_gaps_in_order() {
    let mut app = app(SMALL);
    ch(&mut app, ' ');
    assert_eq!(process_id(&app), "ISMS.CORE.3");
    assert_eq!(app.selected_attribute().as_deref(), Some("PA3.1"));
    assert_eq!(app.walk.focus, Pane::Attributes);
    ch(&mut app, 'f');
    ch(&mut app, ' ');
    assert_eq!(app.selected_attribute().as_deref(), Some("PA3.2"));
    ch(&mut app, 'l');
    ch(&mut app, ' ');
    // CORE.8 PA1.1 is rated by its instances: nothing left there at target 1.
    assert_eq!(
        app.status.as_ref().unwrap().text,
        "Every attribute the targets call for is rated."
    );
}

#[test]
fn filter_search_and_all_attributes() {
    let mut app = app(EXAMPLE);
    assert_eq!(app.visible_processes().len(), 18);
    ch(&mut app, 'o');
    assert_eq!(app.walk.filter, Filter::Unrated);
    let unrated = app.visible_processes().len();
    assert!(unrated > 0 && unrated < 18, "{unrated}");
    ch(&mut app, 'o');
    assert_eq!(app.walk.filter, Filter::Flagged);
    assert_eq!(app.visible_processes().len(), 4);
    ch(&mut app, 'o');
    assert_eq!(app.walk.filter, Filter::All);

    ch(&mut app, '/');
    assert!(matches!(app.overlay, Some(Overlay::Search(_))));
    typed(&mut app, "phishing");
    ctrl(&mut app, 'f');
    let found: Vec<String> = {
        let doc = app.doc.as_ref().unwrap();
        app.visible_processes()
            .iter()
            .map(|&i| doc.assessment.processes[i].id.to_string())
            .collect()
    };
    assert!(found.contains(&"ISMS.CORE.8".to_string()), "{found:?}");
    assert!(found.len() < 18);
    ch(&mut app, '/');
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.visible_processes().len(), 18);

    let pi = app.selected_process().unwrap();
    let before = app.visible_attributes(pi).len();
    ch(&mut app, 'a');
    assert_eq!(app.visible_attributes(pi).len(), 9);
    assert!(before < 9);
}

#[test]
fn target_undo_redo() {
    let mut app = app(SMALL);
    ch(&mut app, 't');
    let effects = ch(&mut app, '1');
    assert_eq!(effects, vec![Effect::Save]);
    let doc = app.doc.as_ref().unwrap();
    assert_eq!(doc.profile.processes[0].target_level, 1);
    assert_eq!(doc.profile.processes[0].gap, 0);
    ch(&mut app, 't');
    assert_eq!(ch(&mut app, 'x'), vec![], "not a level: nothing happens");
    assert_eq!(ch(&mut app, 'u'), vec![Effect::Save]);
    assert_eq!(
        app.doc.as_ref().unwrap().profile.processes[0].target_level,
        3
    );
    assert_eq!(ctrl(&mut app, 'r'), vec![Effect::Save]);
    assert_eq!(
        app.doc.as_ref().unwrap().profile.processes[0].target_level,
        1
    );
    ctrl(&mut app, 'z');
    ctrl(&mut app, 'z');
    assert_eq!(app.status.as_ref().unwrap().text, "Nothing to undo.");
    // Sixty changes can all be undone.
    key(&mut app, KeyCode::Tab);
    for i in 0..60 {
        ch(&mut app, if i % 2 == 0 { 'p' } else { 'l' });
    }
    for _ in 0..60 {
        ch(&mut app, 'u');
    }
    assert_eq!(
        rating(&app),
        Some(Rating::F),
        "back to the original PA1.1 F"
    );
    assert_eq!(
        store::to_text(&app.doc.as_ref().unwrap().assessment),
        store::to_text(&parse(SMALL))
    );
}

#[test]
fn evidence_picker_links_and_adds() {
    let mut app = app(SMALL);
    key(&mut app, KeyCode::Tab);
    ch(&mut app, 'j'); // PA2.1, no evidence
    ch(&mut app, 'v');
    assert!(matches!(app.overlay, Some(Overlay::Picker(_))));
    assert_eq!(key(&mut app, KeyCode::Enter), vec![Effect::Save]);
    assert_eq!(app.record().unwrap().evidence, ["E-001"]);
    key(&mut app, KeyCode::Enter);
    assert!(
        app.record().unwrap().evidence.is_empty(),
        "Enter again unlinks"
    );
    // A new item through the form, linked at once.
    ctrl(&mut app, 'n');
    assert!(matches!(app.overlay, Some(Overlay::EvidenceForm(_))));
    assert_eq!(key(&mut app, KeyCode::Enter), vec![], "a title is needed");
    typed(&mut app, "Interview with the CISO");
    key(&mut app, KeyCode::Tab);
    ch(&mut app, 'i'); // kind: interview
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "Room 4");
    assert_eq!(key(&mut app, KeyCode::Enter), vec![Effect::Save]);
    assert!(app.overlay.is_none());
    let doc = app.doc.as_ref().unwrap();
    let e = doc.assessment.evidence_item("E-002").unwrap();
    assert_eq!(e.title, "Interview with the CISO");
    assert_eq!(e.kind, capra::assessment::EvidenceKind::Interview);
    assert_eq!(e.location, "Room 4");
    assert_eq!(app.record().unwrap().evidence, ["E-002"]);
    // One undo takes back the item and its link together.
    ch(&mut app, 'u');
    assert!(
        app.doc
            .as_ref()
            .unwrap()
            .assessment
            .evidence_item("E-002")
            .is_none()
    );
}

#[test]
fn panes_movement_summary_help_quit() {
    let mut app = app(EXAMPLE);
    ch(&mut app, 'G');
    assert_eq!(process_id(&app), "ISMS.SUP.4");
    ch(&mut app, 'g');
    assert_eq!(process_id(&app), "ISMS.GOV.1");
    key(&mut app, KeyCode::Down);
    assert_eq!(process_id(&app), "ISMS.GOV.2");
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.walk.focus, Pane::Attributes);
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.walk.focus, Pane::Detail);
    key(&mut app, KeyCode::PageDown);
    assert_eq!(app.walk.detail_scroll, 10);
    // In the detail pane the arrows select the findings first, then the outcomes and practices.
    let findings = app.detail_findings().len();
    assert!(findings > 0, "the example has findings on ISMS.GOV.2 PA1.1");
    assert!(app.selected_finding().is_some());
    for _ in 0..findings {
        ch(&mut app, 'j');
    }
    assert!(app.selected_finding().is_none());
    assert_eq!(app.selected_item().as_deref(), Some("O1"));
    ch(&mut app, 'j');
    assert_eq!(app.selected_item().as_deref(), Some("O2"));
    // After the items come the questions to ask (tui_questions.rs): G goes to the last one.
    ch(&mut app, 'G');
    assert_eq!(
        app.selected_question(),
        app.detail_questions().last().map(|x| x.0.clone())
    );
    for _ in 0..app.detail_questions().len() {
        ch(&mut app, 'k');
    }
    assert_eq!(
        app.selected_item(),
        app.detail_items().last().map(|x| x.0.clone())
    );
    key(&mut app, KeyCode::BackTab);
    assert_eq!(app.walk.focus, Pane::Attributes);
    // h and l are not movement keys: l rates.
    ch(&mut app, 'h');
    assert_eq!(app.walk.focus, Pane::Attributes);
    ch(&mut app, 's');
    assert_eq!(app.screen, Screen::Summary);
    ch(&mut app, 'j');
    assert_eq!(app.summary_scroll, 1);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Walk);
    ch(&mut app, '?');
    assert!(matches!(app.overlay, Some(Overlay::Help { .. })));
    ch(&mut app, 'j');
    key(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
    assert_eq!(ch(&mut app, 'q'), vec![Effect::Quit]);
    assert!(app.quit);
}

#[test]
fn read_only_changes_nothing() {
    let model = model();
    let a = parse(SMALL);
    let mut app = App::with_doc(
        Theme { color: false },
        Doc::new("a.toml".into(), a, model, true),
    );
    key(&mut app, KeyCode::Tab);
    assert_eq!(ch(&mut app, 'n'), vec![]);
    assert_eq!(rating(&app), Some(Rating::F));
    assert!(app.status.as_ref().unwrap().text.starts_with("Read-only"));
}

#[test]
fn mouse_selects_process_and_attribute() {
    let mut app = app(EXAMPLE);
    app.update(Action::Resize(120, 40));
    let click = |col, row| {
        Action::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: col,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    // Row 1 is the pane border, row 2 the "Management processes" heading, row 3 GOV.1,
    // row 4 GOV.2, row 5 the "Core processes" heading, row 6 CORE.1.
    app.update(click(5, 6));
    assert_eq!(process_id(&app), "ISMS.CORE.1");
    app.update(click(5, 2));
    assert_eq!(process_id(&app), "ISMS.CORE.1", "a heading selects nothing");
    // The attribute list starts below the header (4 lines on a screen this tall, the fourth
    // the model's references): border at row 5, PA1.1 at row 6.
    app.update(click(60, 7));
    assert_eq!(app.walk.focus, Pane::Attributes);
    assert_eq!(app.selected_attribute().as_deref(), Some("PA2.1"));
    app.update(Action::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 5,
        row: 10,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(process_id(&app), "ISMS.CORE.2");
}

#[test]
fn effects_from_the_shell_come_back_as_state() {
    let mut app = app(SMALL);
    app.update(Action::Saved(Err(Failure::new("disk full"))));
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("NOT SAVED: disk full")
    );
    app.update(Action::Conflict(PathBuf::from("a.recovered.toml")));
    assert_eq!(app.ctx(), Ctx::Conflict);
    assert_eq!(ch(&mut app, 'o'), vec![Effect::Overwrite]);
    app.update(Action::Conflict(PathBuf::from("a.recovered.toml")));
    assert_eq!(ch(&mut app, 'r'), vec![Effect::Reload]);
    app.update(Action::Locked {
        path: "b.toml".into(),
        holder: "capra (process 1)".into(),
    });
    assert_eq!(
        ch(&mut app, 'r'),
        vec![Effect::Open {
            path: "b.toml".into(),
            read_only: true
        }]
    );
}

#[test]
fn home_and_new_assessment_form() {
    let mut app = App::new(Theme { color: false });
    app.new_model = Some(model());
    app.update(Action::HomeLoaded(vec![home_entry("a"), home_entry("b")]));
    ch(&mut app, 'j');
    assert_eq!(app.home_sel, 1);
    assert_eq!(
        key(&mut app, KeyCode::Enter),
        vec![Effect::Open {
            path: "assessments/b.toml".into(),
            read_only: false
        }]
    );
    ch(&mut app, 'n');
    assert_eq!(app.screen, Screen::NewForm);
    // Enter on an empty form moves on; Ctrl+s checks the form.
    ctrl(&mut app, 's');
    assert_eq!(
        app.form.as_ref().unwrap().error.as_deref(),
        Some("Give the assessment a title.")
    );
    typed(&mut app, "Quick check");
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "CFO");
    key(&mut app, KeyCode::Enter); // to unit
    typed(&mut app, "IT");
    key(&mut app, KeyCode::Tab); // class
    key(&mut app, KeyCode::Tab); // target
    key(&mut app, KeyCode::Backspace);
    typed(&mut app, "1");
    key(&mut app, KeyCode::Tab); // lead
    typed(&mut app, "Ana Lead");
    key(&mut app, KeyCode::Tab); // team
    typed(&mut app, "Bo Rater, Cy Owner (participant)");
    key(&mut app, KeyCode::Tab); // process list
    ctrl(&mut app, 'a'); // all out
    ch(&mut app, ' '); // GOV.1 in
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    ch(&mut app, ' '); // CORE.1 in
    key(&mut app, KeyCode::Tab); // button
    let effects = key(&mut app, KeyCode::Enter);
    let [Effect::Create(req)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(req.title, "Quick check");
    assert_eq!(req.sponsor, "CFO");
    assert_eq!(req.unit, "IT");
    assert_eq!(req.target, Some(1));
    assert_eq!(req.class, 3);
    assert_eq!(req.lead, "Ana Lead");
    assert_eq!(req.processes, ["ISMS.GOV.1", "ISMS.CORE.1"]);
    assert_eq!(req.team.len(), 2);
    assert_eq!(req.team[1].1, capra::assessment::Role::Participant);
    // Leaving a filled form asks first (tests/it/tui_discard.rs).
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::NewForm);
    ch(&mut app, 'y');
    assert_eq!(app.screen, Screen::Home);
}

fn home_entry(name: &str) -> HomeEntry {
    HomeEntry {
        path: PathBuf::from(format!("assessments/{name}.toml")),
        title: format!("Assessment {name}"),
        unit: "Unit".into(),
        created: "2026-11-01".into(),
        rated: 3,
        to_rate: 9,
        error: None,
    }
}

// ---------------------------------------------------------------------------------------------
// The key table
// ---------------------------------------------------------------------------------------------

#[test]
fn key_table_is_consistent() {
    // No key means two things in one context.
    for (i, a) in KEYS.iter().enumerate() {
        for b in &KEYS[i + 1..] {
            if a.ctx == b.ctx {
                for ka in a.keys {
                    assert!(
                        !b.keys.contains(ka),
                        "{:?}: {} is bound to {:?} and {:?}",
                        a.ctx,
                        ka.label(),
                        a.cmd,
                        b.cmd
                    );
                }
            }
        }
        assert!(!a.help.is_empty());
    }
    // Every key the table lists does what the table says.
    for b in KEYS {
        for k in b.keys {
            let ev = KeyEvent::new(k.code, k.mods);
            assert_eq!(keys::command_for(b.ctx, &ev), Some(b.cmd), "{}", k.label());
        }
    }
    // Every context has help and a way out, and shows them in its bar.
    for (ctx, rows) in keys::help_sections() {
        assert!(!rows.is_empty(), "{ctx:?} has no keys");
    }
    for ctx in [Ctx::Walk, Ctx::Summary, Ctx::Home] {
        let hints = keys::hints(ctx);
        assert!(hints.iter().any(|(_, h)| *h == "help"), "{ctx:?}");
        assert!(hints.iter().any(|(_, h)| *h == "quit"), "{ctx:?}");
    }
    assert_eq!(keys::hints(Ctx::Walk)[0], ("n/p/l/f".to_string(), "rate"));
    // The rating keys are single letters, as assessors expect.
    for (c, cmd) in [
        ('n', Cmd::RateN),
        ('p', Cmd::RateP),
        ('l', Cmd::RateL),
        ('f', Cmd::RateF),
    ] {
        let ev = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(keys::command_for(Ctx::Walk, &ev), Some(cmd));
    }
    // Every context has its section in the help, in the order of Ctx::ALL.
    let sections: Vec<Ctx> = keys::help_sections().into_iter().map(|s| s.0).collect();
    assert_eq!(sections, Ctx::ALL);
    // After the target key, the digits are the levels.
    for level in 0..=5u8 {
        let ev = KeyEvent::new(KeyCode::Char((b'0' + level) as char), KeyModifiers::NONE);
        assert_eq!(keys::command_for(Ctx::Target, &ev), Some(Cmd::Level(level)));
    }
    // On the kind field each kind has its first letter, and the form's keys still work.
    for kind in capra::assessment::EvidenceKind::ALL {
        let first = kind.word().chars().next().unwrap();
        let ev = KeyEvent::new(KeyCode::Char(first), KeyModifiers::NONE);
        assert_eq!(
            keys::command_for(Ctx::EvidenceKind, &ev),
            Some(Cmd::Kind(*kind))
        );
    }
    let tab = KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(
        keys::command_for(Ctx::EvidenceKind, &tab),
        Some(Cmd::NextField)
    );
    // Screen texts name a command by its first key.
    assert_eq!(keys::label(Ctx::Walk, Cmd::EditNote), "e");
    assert_eq!(keys::label(Ctx::Picker, Cmd::NewEvidence), "Ctrl+n");
    assert_eq!(
        keys::choice(Ctx::Walk, &[Cmd::RateP, Cmd::RateL, Cmd::RateF]),
        "p, l or f"
    );
    // The mouse answers only on screens, never in an overlay.
    for m in keys::MOUSE {
        assert!(
            [Ctx::Walk, Ctx::Summary, Ctx::Home, Ctx::NewForm, Ctx::Plan].contains(&m.ctx),
            "{:?}",
            m.ctx
        );
        assert!(!m.help.is_empty());
    }
}

#[test]
fn target_and_evidence_kind_keys_come_from_the_table() {
    let mut app = app(SMALL);
    ch(&mut app, 't');
    assert_eq!(app.ctx(), Ctx::Target);
    assert_eq!(
        app.status.as_ref().unwrap().text,
        "Target level for this process: press 0, 1, 2, 3, 4 or 5."
    );
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.ctx(), Ctx::Walk);
    assert_eq!(app.status.as_ref().unwrap().text, "Target unchanged.");
    // The kind field of a new evidence item: arrows, Space and first letters.
    key(&mut app, KeyCode::Tab);
    ch(&mut app, 'v');
    ctrl(&mut app, 'n');
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.ctx(), Ctx::EvidenceKind);
    let kind = |app: &App| match &app.overlay {
        Some(Overlay::EvidenceForm(f)) => f.kind,
        _ => panic!("no form"),
    };
    use capra::assessment::EvidenceKind;
    key(&mut app, KeyCode::Right);
    assert_eq!(kind(&app), EvidenceKind::Interview);
    ch(&mut app, ' ');
    assert_eq!(kind(&app), EvidenceKind::Observation);
    key(&mut app, KeyCode::Left);
    assert_eq!(kind(&app), EvidenceKind::Interview);
    ch(&mut app, 'r');
    assert_eq!(kind(&app), EvidenceKind::Record);
    ch(&mut app, 'x');
    assert_eq!(kind(&app), EvidenceKind::Record, "not a kind: nothing");
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.ctx(), Ctx::EvidenceForm);
}

#[test]
fn mouse_on_the_home_list() {
    let mut app = App::new(Theme { color: false });
    app.update(Action::HomeLoaded(vec![
        home_entry("a"),
        home_entry("b"),
        home_entry("c"),
    ]));
    let click = |row| {
        Action::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: 3,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    // The files start on the row below the column headings (see home_80x24).
    app.update(click(5));
    assert_eq!(app.home_sel, 1);
    app.update(click(3));
    assert_eq!(app.home_sel, 1, "the headings select nothing");
    app.update(click(4));
    assert_eq!(app.home_sel, 0);
    app.update(click(8));
    assert_eq!(app.home_sel, 0, "below the list selects nothing");
}

// ---------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------

fn render(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::view(app, f)).unwrap();
    t.backend().to_string()
}

fn example_app(w: u16, h: u16) -> App {
    let mut a = app(EXAMPLE);
    a.update(Action::Resize(w, h));
    a
}

/// The example without its findings and improvement plan (they close the file), for screens
/// that show what a test adds.
fn bare_example_app(w: u16, h: u16) -> App {
    let bare = EXAMPLE.split("\n[[findings]]").next().unwrap_or(EXAMPLE);
    let mut a = app(bare);
    a.update(Action::Resize(w, h));
    a
}

#[test]
fn snapshot_walk() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = example_app(w, h);
        ch(&mut a, 'j');
        ch(&mut a, 'j');
        ch(&mut a, 'j');
        ch(&mut a, 'j'); // CORE.3
        key(&mut a, KeyCode::Tab);
        ch(&mut a, 'j'); // PA2.1
        insta::assert_snapshot!(format!("walk_{w}x{h}"), render(&a, w, h));
    }
}

#[test]
fn snapshot_walk_with_instances() {
    let mut a = example_app(120, 40);
    for _ in 0..9 {
        ch(&mut a, 'j');
    }
    ch(&mut a, 'i');
    insta::assert_snapshot!("walk_instance_120x40", render(&a, 120, 40));
}

#[test]
fn snapshot_summary() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = example_app(w, h);
        ch(&mut a, 's');
        insta::assert_snapshot!(format!("summary_{w}x{h}"), render(&a, w, h));
    }
}

#[test]
fn snapshot_help_and_note() {
    let mut a = example_app(80, 24);
    ch(&mut a, '?');
    insta::assert_snapshot!("help_80x24", render(&a, 80, 24));
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Tab);
    ch(&mut a, 'e');
    insta::assert_snapshot!("note_80x24", render(&a, 80, 24));
}

#[test]
fn snapshot_home_and_form() {
    let mut a = App::new(Theme { color: false });
    a.new_model = Some(model());
    a.update(Action::HomeLoaded(vec![home_entry("a"), home_entry("b")]));
    insta::assert_snapshot!("home_80x24", render(&a, 80, 24));
    ch(&mut a, 'n');
    insta::assert_snapshot!("new_form_80x24", render(&a, 80, 24));
}

#[test]
fn escape_sequences_in_notes_never_reach_the_terminal() {
    let text = SMALL.replace(
        "note = \"Risk register complete.\"",
        "note = \"evil \\u001b[2J\\u001b]0;pwned\\u0007 note\"",
    );
    let mut a = app(&text);
    key(&mut a, KeyCode::Tab);
    let screen = render(&a, 120, 40);
    assert!(!screen.contains('\u{1b}'));
    assert!(screen.contains("evil �[2J�]0;pwned� note"), "{screen}");
}

/// docs/tui.md lists every key of the table with its help sentence, so the guide cannot drift
/// from what the keys do.
#[test]
fn the_guide_lists_every_key() {
    let guide = include_str!("../../docs/tui.md");
    for (ctx, rows) in keys::help_sections() {
        assert!(guide.contains(&format!("### {}", ctx.title())), "{ctx:?}");
        for (keys, help) in rows {
            let row = format!("| `{keys}` | {help} |");
            assert!(guide.contains(&row), "docs/tui.md lacks the row:\n{row}");
        }
    }
}

#[test]
fn report_key_asks_the_shell_and_reports_back() {
    let mut a = app(SMALL);
    // The fixture has open items: the report key asks first (tests/it/tui_draft_report.rs).
    assert!(ch(&mut a, 'R').is_empty());
    assert_eq!(ch(&mut a, 'y'), vec![Effect::Report]);
    a.update(Action::ReportWritten(Ok(vec![
        PathBuf::from("a-report.pdf"),
        PathBuf::from("a-csv"),
    ])));
    assert_eq!(
        a.status.as_ref().unwrap().text,
        "Report written: a-report.pdf, a-csv"
    );
    ch(&mut a, 's');
    assert!(ch(&mut a, 'R').is_empty());
    assert_eq!(ch(&mut a, 'y'), vec![Effect::Report]);
    a.update(Action::ReportWritten(Err(Failure::new("disk full"))));
    assert!(
        a.status
            .as_ref()
            .unwrap()
            .text
            .contains("Report not written: disk full")
    );
}

#[test]
fn characterise_in_the_detail_pane_and_accept_the_proposal() {
    let mut a = app(SMALL);
    // To R1, through the same change the command line uses.
    {
        let doc = a.doc.as_mut().unwrap();
        doc.history
            .apply(
                &mut doc.assessment,
                &doc.model,
                capra::assessment::change::Change::SetMethod(capra::assessment::RatingMethod::R1),
            )
            .unwrap();
    }
    ch(&mut a, 'j'); // CORE.8, PA1.1
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.walk.focus, Pane::Detail);
    let outcomes: Vec<String> = a
        .detail_items()
        .into_iter()
        .filter(|x| x.1 == capra::model::ItemKind::Outcome)
        .map(|x| x.0)
        .collect();
    assert_eq!(outcomes.len(), 6);
    ch(&mut a, 'i'); // Head office
    for (i, o) in outcomes.iter().enumerate() {
        assert_eq!(a.selected_item().as_deref(), Some(o.as_str()));
        let effects = ch(&mut a, if i == 0 { 'p' } else { 'l' });
        assert_eq!(effects, vec![Effect::Save]);
        ch(&mut a, 'j');
    }
    assert_eq!(a.characterisation("O1"), Some(Rating::P));
    // The attribute itself was not rated by those keys.
    let doc = a.doc.as_ref().unwrap();
    let pa11 = &doc.profile.processes[1].attributes[0];
    let prop = pa11.proposal.as_ref().unwrap();
    assert!(prop.is_complete());
    // Head office P L L L L L -> median-low L; Warehouse nothing said yet: the proposal is L,
    // but under R1 the attribute counts only once every instance is characterised.
    assert_eq!(prop.rating, Some(Rating::L));
    assert_eq!(pa11.source, capra::profile::Source::Incomplete);
    assert_eq!(pa11.missing, vec!["Warehouse".to_string()]);
    assert_eq!(pa11.rating, None);
    // Refine and remove a characterisation.
    ch(&mut a, 'g');
    ch(&mut a, '+');
    assert_eq!(a.characterisation("O1"), Some(Rating::PPlus));
    ch(&mut a, 'x');
    assert_eq!(a.characterisation("O1"), None);
    ch(&mut a, 'p');
    // Accept the proposal: it becomes the attribute's rating, for the process as a whole.
    ch(&mut a, 'i'); // Warehouse
    ch(&mut a, 'i'); // the process as a whole
    assert_eq!(ch(&mut a, 'A'), vec![Effect::Save]);
    let doc = a.doc.as_ref().unwrap();
    assert_eq!(
        doc.profile.processes[1].attributes[0].source,
        capra::profile::Source::Accepted
    );
    key(&mut a, KeyCode::BackTab); // out of the detail pane: it shows from the top
    let snap = render(&a, 120, 40);
    assert!(
        snap.contains("Proposed from characterisations: L (6 of 6 outcomes;"),
        "{snap}"
    );
    assert!(snap.contains("vertical-first) · accepted"), "{snap}");
    assert!(
        snap.contains("Head office: O1 P, O2 L, O3 L, O4 L, O5 L, O6 L"),
        "{snap}"
    );
    assert!(
        !snap.contains("Warehouse: O1 -"),
        "rows with nothing said are not shown"
    );
}

#[test]
fn warnings_list_jump_and_acknowledge() {
    let mut a = app(SMALL);
    let open = a.warnings().len();
    assert!(open >= 2, "{open}");
    ch(&mut a, 'w');
    assert_eq!(a.ctx(), Ctx::Warnings);
    let first = a.warnings()[0].clone();
    ch(&mut a, 'a');
    assert_eq!(a.ctx(), Ctx::Ack);
    // Enter with nothing written does not acknowledge.
    assert_eq!(key(&mut a, KeyCode::Enter), vec![]);
    typed(&mut a, "Seen on screen only");
    assert_eq!(key(&mut a, KeyCode::Enter), vec![Effect::Save]);
    assert_eq!(a.ctx(), Ctx::Warnings);
    let w = a
        .warnings()
        .into_iter()
        .find(|w| w.id() == first.id())
        .unwrap();
    assert_eq!(w.acknowledged.unwrap().justification, "Seen on screen only");
    // Enter goes to the warning's process and attribute.
    ch(&mut a, 'j');
    let second = a.warnings()[1].clone();
    key(&mut a, KeyCode::Enter);
    assert!(a.overlay.is_none());
    assert_eq!(process_id(&a), second.process);
    if let Some(attr) = &second.attribute {
        assert_eq!(a.selected_attribute().as_deref(), Some(attr.as_str()));
    }
    assert_eq!(a.status.as_ref().unwrap().text, second.reason);
}

#[test]
fn rationale_editor_writes_the_rationale() {
    let mut a = app(SMALL);
    ch(&mut a, 'j'); // CORE.8: instances F and P aggregate to P
    key(&mut a, KeyCode::Tab);
    ch(&mut a, 'l'); // overrides with L
    assert!(
        a.warnings()
            .iter()
            .any(|w| w.id() == "override-without-rationale:ISMS.CORE.8:PA1.1")
    );
    ch(&mut a, 'E');
    assert!(matches!(
        a.overlay,
        Some(Overlay::Note {
            rationale: true,
            ..
        })
    ));
    typed(&mut a, "Head office handles most incidents");
    assert_eq!(key(&mut a, KeyCode::Esc), vec![Effect::Save]);
    assert_eq!(
        a.record().unwrap().rationale,
        "Head office handles most incidents"
    );
    assert!(a.record().unwrap().note.is_empty(), "the note is untouched");
    assert!(
        !a.warnings()
            .iter()
            .any(|w| w.id() == "override-without-rationale:ISMS.CORE.8:PA1.1")
    );
}

// ---------------------------------------------------------------------------------------------
// Findings and the improvement plan
// ---------------------------------------------------------------------------------------------

use capra::assessment::{ActionStatus, FindingKind, Severity};
use capra::tui::state::StatusFilter;

/// The small fixture open with a fixed today.
fn plan_app() -> App {
    let mut a = app(SMALL);
    a.today = "2026-11-30".into();
    a
}

fn findings(app: &App) -> &[capra::assessment::Finding] {
    &app.doc.as_ref().unwrap().assessment.findings
}

fn actions(app: &App) -> &[capra::assessment::Action] {
    &app.doc.as_ref().unwrap().assessment.actions
}

/// The kind and severity in the finding editor.
fn draft(app: &App) -> (FindingKind, Option<Severity>) {
    match &app.overlay {
        Some(Overlay::Finding { draft, .. }) => (draft.kind, draft.severity),
        other => panic!("no finding editor: {other:?}"),
    }
}

#[test]
fn finding_keys_add_each_kind_to_the_attribute() {
    let mut app = plan_app();
    key(&mut app, KeyCode::Tab);
    ch(&mut app, 'j'); // PA2.1
    for (c, kind) in [
        ('S', FindingKind::Strength),
        ('W', FindingKind::Weakness),
        ('O', FindingKind::Observation),
        ('I', FindingKind::Recommendation),
    ] {
        ch(&mut app, c);
        assert_eq!(app.ctx(), Ctx::Finding, "{c}");
        assert_eq!(draft(&app).0, kind);
        // Rating keys and the finding keys are text here.
        typed(&mut app, &format!("A {} seen: nplf SWOI", kind.word()));
        assert_eq!(key(&mut app, KeyCode::Esc), vec![Effect::Save], "{c}");
        assert!(app.overlay.is_none());
        let f = findings(&app).last().unwrap();
        assert_eq!(f.kind, kind);
        assert_eq!(f.text, format!("A {} seen: nplf SWOI", kind.word()));
        assert_eq!(f.process, "ISMS.CORE.3");
        assert_eq!(f.attribute.as_deref().map(|a| a.as_str()), Some("PA2.1"));
        assert_eq!(f.instance, None);
        assert_eq!(f.author, "Test Assessor");
        assert_eq!(f.date.as_str(), "2026-11-30");
        let severity = (kind == FindingKind::Weakness).then_some(Severity::Medium);
        assert_eq!(f.severity, severity, "a weakness is medium by default");
    }
    let ids: Vec<&str> = findings(&app).iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["F-001", "F-002", "F-003", "F-004"]);
    assert_eq!(
        app.status.as_ref().unwrap().text,
        "F-004 added: Recommendation on ISMS.CORE.3 PA2.1"
    );
    // What is saved is in the file's text.
    let text = store::to_text(&app.doc.as_ref().unwrap().assessment);
    assert!(
        text.contains("kind = \"weakness\"\nseverity = \"medium\""),
        "{text}"
    );
    assert!(text.contains("text = \"A strength seen: nplf SWOI\""));
    // The rating was not touched by any of the typing.
    assert_eq!(rating(&app), Some(Rating::L));
    // An empty text adds nothing.
    ch(&mut app, 'S');
    assert_eq!(key(&mut app, KeyCode::Esc), vec![]);
    assert_eq!(findings(&app).len(), 4);
    assert_eq!(
        app.status.as_ref().unwrap().text,
        "Nothing written: no finding added."
    );
    // Undo takes the last finding back.
    assert_eq!(ch(&mut app, 'u'), vec![Effect::Save]);
    assert_eq!(findings(&app).len(), 3);
}

#[test]
fn finding_severity_kind_process_level_and_instance() {
    let mut app = plan_app();
    // Tab cycles a weakness's severity, Shift+Tab the kind (a severity only on a weakness).
    key(&mut app, KeyCode::Tab);
    ch(&mut app, 'W');
    key(&mut app, KeyCode::Tab);
    assert_eq!(draft(&app), (FindingKind::Weakness, Some(Severity::Low)));
    key(&mut app, KeyCode::Tab);
    assert_eq!(draft(&app), (FindingKind::Weakness, Some(Severity::High)));
    key(&mut app, KeyCode::BackTab);
    assert_eq!(draft(&app), (FindingKind::Observation, None));
    key(&mut app, KeyCode::Tab);
    assert_eq!(draft(&app), (FindingKind::Observation, None), "no severity");
    key(&mut app, KeyCode::BackTab);
    key(&mut app, KeyCode::BackTab);
    key(&mut app, KeyCode::BackTab);
    assert_eq!(draft(&app), (FindingKind::Weakness, Some(Severity::Medium)));
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "No review of the risk method");
    ctrl(&mut app, 's');
    let f = findings(&app).last().unwrap();
    assert_eq!(
        (f.kind, f.severity),
        (FindingKind::Weakness, Some(Severity::High))
    );
    // From the process list: a finding about the process as a whole.
    key(&mut app, KeyCode::BackTab);
    assert_eq!(app.walk.focus, Pane::Processes);
    ch(&mut app, 'S');
    typed(&mut app, "Top management takes part");
    key(&mut app, KeyCode::Esc);
    let f = findings(&app).last().unwrap();
    assert_eq!(f.attribute, None);
    assert_eq!(f.place(), "ISMS.CORE.3");
    // On an instance: the finding is about that instance.
    ch(&mut app, 'j'); // CORE.8
    ch(&mut app, 'i'); // Head office
    key(&mut app, KeyCode::Tab);
    ch(&mut app, 'O');
    typed(&mut app, "Backups tested monthly");
    key(&mut app, KeyCode::Esc);
    let f = findings(&app).last().unwrap();
    assert_eq!(f.place(), "ISMS.CORE.8 PA1.1 (Head office)");
    // Adding a finding while an item of the detail is selected keeps that item selected.
    key(&mut app, KeyCode::Tab);
    ch(&mut app, 'j');
    ch(&mut app, 'j');
    let item = app.selected_item().unwrap();
    ch(&mut app, 'S');
    typed(&mut app, "Restores are tested");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.selected_item().unwrap(), item);
    // Read-only: no editor opens.
    let mut ro = App::with_doc(
        Theme { color: false },
        Doc::new(PathBuf::from("a.toml"), parse(SMALL), model(), true),
    );
    ch(&mut ro, 'S');
    assert!(ro.overlay.is_none());
}

#[test]
fn findings_in_the_detail_are_edited_and_deleted_after_asking() {
    let mut app = plan_app();
    key(&mut app, KeyCode::Tab);
    ch(&mut app, 'j'); // PA2.1
    ch(&mut app, 'W');
    typed(&mut app, "No plan for the yearly review");
    key(&mut app, KeyCode::Esc);
    // A finding about the process as a whole is listed under every attribute, after theirs.
    key(&mut app, KeyCode::BackTab);
    ch(&mut app, 'S');
    typed(&mut app, "Owners named");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.walk.focus, Pane::Detail);
    let listed: Vec<&str> = app
        .detail_findings()
        .iter()
        .map(|f| f.id.as_str())
        .collect();
    assert_eq!(listed, ["F-001", "F-002"]);
    // The findings come first in the detail's selection, then the items to characterise.
    assert_eq!(app.selected_finding().unwrap().id, "F-001");
    assert_eq!(app.selected_item(), None);
    ch(&mut app, 'j');
    assert_eq!(app.selected_finding().unwrap().id, "F-002");
    ch(&mut app, 'j');
    assert_eq!(app.selected_finding().map(|f| f.id.to_string()), None);
    assert!(app.selected_item().is_some(), "then the first achievement");
    ch(&mut app, 'k');
    ch(&mut app, 'k');
    // e edits the selected finding: its text, its kind.
    ch(&mut app, 'e');
    assert_eq!(app.ctx(), Ctx::Finding);
    typed(&mut app, " or the method");
    key(&mut app, KeyCode::BackTab); // observation
    assert_eq!(key(&mut app, KeyCode::Esc), vec![Effect::Save]);
    let f = &findings(&app)[0];
    assert_eq!(f.text, "No plan for the yearly review or the method");
    assert_eq!((f.kind, f.severity), (FindingKind::Observation, None));
    assert_eq!(f.id, "F-001", "the same finding, changed");
    assert_eq!(findings(&app).len(), 2);
    // Enter edits too; closing unchanged saves nothing.
    key(&mut app, KeyCode::Enter);
    assert_eq!(key(&mut app, KeyCode::Esc), vec![]);
    assert_eq!(app.status.as_ref().unwrap().text, "F-001 unchanged.");
    // x asks; n keeps it; y deletes it; undo brings it back.
    assert_eq!(ch(&mut app, 'x'), vec![]);
    assert_eq!(app.ctx(), Ctx::Confirm);
    assert_eq!(ch(&mut app, 'n'), vec![]);
    assert_eq!(findings(&app).len(), 2);
    assert_eq!(
        rating(&app),
        Some(Rating::L),
        "x on a finding clears no rating"
    );
    ch(&mut app, 'x');
    assert_eq!(ch(&mut app, 'y'), vec![Effect::Save]);
    assert_eq!(findings(&app).len(), 1);
    assert_eq!(app.status.as_ref().unwrap().text, "F-001 deleted");
    ch(&mut app, 'u');
    assert_eq!(findings(&app).len(), 2);
    // A finding that an action answers: the question says the link goes, and it does.
    ch(&mut app, 'P');
    ch(&mut app, 'a');
    typed(&mut app, "Plan the yearly review");
    key(&mut app, KeyCode::Enter);
    assert_eq!(ch(&mut app, 'L'), vec![Effect::Save]);
    assert_eq!(actions(&app)[0].findings, ["F-001"]);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Walk);
    ch(&mut app, 'x');
    match &app.overlay {
        Some(Overlay::Confirm { question, .. }) => assert_eq!(
            question,
            "Delete finding F-001? Action A-001 answers it and will no longer be linked to it."
        ),
        other => panic!("no question: {other:?}"),
    }
    key(&mut app, KeyCode::Enter);
    assert_eq!(findings(&app).len(), 1);
    assert!(actions(&app)[0].findings.is_empty());
    // One undo brings back both the finding and the link.
    ch(&mut app, 'u');
    assert_eq!(findings(&app).len(), 2);
    assert_eq!(actions(&app)[0].findings, ["F-001"]);
}

#[test]
fn plan_screen_adds_edits_and_records_each_status_change() {
    let mut app = plan_app();
    assert_eq!(ch(&mut app, 'P'), vec![]);
    assert_eq!(app.screen, Screen::Plan);
    assert_eq!(app.ctx(), Ctx::Plan);
    // Add: a one-line title; the process is the one selected in the walk-through.
    ch(&mut app, 'a');
    assert_eq!(app.ctx(), Ctx::Input);
    assert_eq!(key(&mut app, KeyCode::Enter), vec![], "a title is needed");
    assert_eq!(app.ctx(), Ctx::Input);
    typed(&mut app, "Plan the yearly risk assessment");
    assert_eq!(key(&mut app, KeyCode::Enter), vec![Effect::Save]);
    let x = &actions(&app)[0];
    assert_eq!(x.id, "A-001");
    assert_eq!(x.title, "Plan the yearly risk assessment");
    assert_eq!(
        x.process.as_deref().map(|p| p.as_str()),
        Some("ISMS.CORE.3")
    );
    assert_eq!(x.status, ActionStatus::Proposed);
    assert_eq!(x.history.len(), 1);
    assert_eq!(app.selected_action().unwrap().id, "A-001");
    // Status: s then a key; each change is recorded with today and the assessor.
    ch(&mut app, 's');
    assert_eq!(app.ctx(), Ctx::PlanStatus);
    assert_eq!(ch(&mut app, 'a'), vec![Effect::Save]);
    ch(&mut app, 's');
    assert_eq!(ch(&mut app, 'i'), vec![Effect::Save]);
    let x = &actions(&app)[0];
    assert_eq!(x.status, ActionStatus::InProgress);
    let steps: Vec<(ActionStatus, &str, &str)> = x
        .history
        .iter()
        .map(|h| (h.status, h.date.as_str(), h.by.as_str()))
        .collect();
    assert_eq!(
        steps,
        [
            (ActionStatus::Proposed, "2026-11-30", "Test Assessor"),
            (ActionStatus::Agreed, "2026-11-30", "Test Assessor"),
            (ActionStatus::InProgress, "2026-11-30", "Test Assessor"),
        ]
    );
    ch(&mut app, 's');
    assert_eq!(ch(&mut app, 'z'), vec![], "not a status: nothing");
    assert_eq!(app.status.as_ref().unwrap().text, "Status unchanged.");
    ch(&mut app, 's');
    assert_eq!(
        ch(&mut app, 'i'),
        vec![],
        "the same status: nothing recorded"
    );
    assert_eq!(actions(&app)[0].history.len(), 3);
    // Owner and title.
    ch(&mut app, 'o');
    typed(&mut app, "J. Park");
    assert_eq!(key(&mut app, KeyCode::Enter), vec![Effect::Save]);
    assert_eq!(actions(&app)[0].owner, "J. Park");
    ch(&mut app, 't');
    typed(&mut app, " (board)");
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        actions(&app)[0].title,
        "Plan the yearly risk assessment (board)"
    );
    // A due date that is not one is refused, and what was typed stays to correct.
    ch(&mut app, 'd');
    typed(&mut app, "2026-13-01");
    assert_eq!(key(&mut app, KeyCode::Enter), vec![]);
    match &app.overlay {
        Some(Overlay::Input { text, error, .. }) => {
            assert_eq!(text.lines(), ["2026-13-01"]);
            assert_eq!(
                error.as_deref(),
                Some("'2026-13-01' is not a date: write YYYY-MM-DD, or nothing for none.")
            );
        }
        other => panic!("the input closed: {other:?}"),
    }
    assert!(actions(&app)[0].due.is_empty());
    for _ in 0..5 {
        key(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "11-01");
    assert_eq!(key(&mut app, KeyCode::Enter), vec![Effect::Save]);
    assert_eq!(actions(&app)[0].due.as_str(), "2026-11-01");
    assert!(app.overlay.is_none());
    // Esc in an input changes nothing.
    ch(&mut app, 'o');
    typed(&mut app, "someone else");
    assert_eq!(key(&mut app, KeyCode::Esc), vec![]);
    assert_eq!(actions(&app)[0].owner, "J. Park");
    // Undo works on the plan.
    assert_eq!(ch(&mut app, 'u'), vec![Effect::Save]);
    assert!(actions(&app)[0].due.is_empty());
    ctrl(&mut app, 'r');
    assert_eq!(actions(&app)[0].due.as_str(), "2026-11-01");
    // Priority: high, medium, low, none.
    ch(&mut app, 'p');
    assert_eq!(
        actions(&app)[0].priority,
        Some(capra::assessment::Priority::High)
    );
    ch(&mut app, 'p');
    ch(&mut app, 'p');
    ch(&mut app, 'p');
    assert_eq!(actions(&app)[0].priority, None);
    // Remove asks first.
    ch(&mut app, 'x');
    ch(&mut app, 'n');
    assert_eq!(actions(&app).len(), 1);
    // Esc goes back.
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Walk);
    // From the summary, and back there.
    ch(&mut app, 's');
    ch(&mut app, 'P');
    assert_eq!(app.screen, Screen::Plan);
    ch(&mut app, 'P');
    assert_eq!(app.screen, Screen::Summary);
}

#[test]
fn plan_filters_and_goes_to_the_process() {
    let mut app = plan_app();
    let add = |app: &mut App, title: &str, owner: &str, due: &str| {
        ch(app, 'a');
        typed(app, title);
        key(app, KeyCode::Enter);
        ch(app, 'o');
        typed(app, owner);
        key(app, KeyCode::Enter);
        ch(app, 'd');
        typed(app, due);
        key(app, KeyCode::Enter);
    };
    ch(&mut app, 'P');
    add(
        &mut app,
        "Plan the risk assessment",
        "J. Park",
        "2026-11-01",
    );
    key(&mut app, KeyCode::Esc);
    ch(&mut app, 'j'); // CORE.8
    ch(&mut app, 'P');
    add(&mut app, "Test the backups", "M. Roy", "2027-06-30");
    add(&mut app, "Train the owners", "J. Park", "2026-10-01");
    ch(&mut app, 's');
    ch(&mut app, 'd'); // A-003 done
    let shown = |app: &App| -> Vec<String> {
        app.plan_actions()
            .iter()
            .map(|x| x.id.to_string())
            .collect()
    };
    assert_eq!(shown(&app), ["A-001", "A-002", "A-003"]);
    // By status: all, open, proposed, agreed, in progress, done, dropped, all.
    ch(&mut app, 'f');
    assert_eq!(app.plan.status, StatusFilter::Open);
    assert_eq!(shown(&app), ["A-001", "A-002"]);
    for _ in 0..4 {
        ch(&mut app, 'f');
    }
    assert_eq!(app.plan.status, StatusFilter::Is(ActionStatus::Done));
    assert_eq!(shown(&app), ["A-003"]);
    ch(&mut app, 'f');
    assert!(shown(&app).is_empty());
    ch(&mut app, 'f');
    assert_eq!(app.plan.status, StatusFilter::All);
    // By owner, each in turn, then all.
    ch(&mut app, 'O');
    assert_eq!(shown(&app), ["A-001", "A-003"]);
    ch(&mut app, 'O');
    assert_eq!(shown(&app), ["A-002"]);
    ch(&mut app, 'O');
    assert_eq!(shown(&app).len(), 3);
    // Overdue only: open and past due (A-003 is past due but done).
    ch(&mut app, '!');
    assert_eq!(shown(&app), ["A-001"]);
    ch(&mut app, '!');
    // The mouse: a click selects the action under it (the list starts on row 3, see plan_80x24).
    let click = |row| {
        Action::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: 10,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    app.update(click(5));
    assert_eq!(app.selected_action().unwrap().id, "A-003");
    app.update(click(9));
    assert_eq!(
        app.selected_action().unwrap().id,
        "A-003",
        "below the list: nothing"
    );
    app.update(click(3));
    assert_eq!(app.selected_action().unwrap().id, "A-001");
    // Enter: the walk-through on the action's process.
    ch(&mut app, 'j');
    assert_eq!(app.selected_action().unwrap().id, "A-002");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Walk);
    assert_eq!(process_id(&app), "ISMS.CORE.8");
    ch(&mut app, 'P');
    ch(&mut app, 'k');
    key(&mut app, KeyCode::Enter);
    assert_eq!(process_id(&app), "ISMS.CORE.3");
    // Even when the walk-through's filter hides the process.
    ch(&mut app, 'o');
    ch(&mut app, 'o'); // only flagged: none in the fixture
    ch(&mut app, 'P');
    ch(&mut app, 'j');
    key(&mut app, KeyCode::Enter);
    assert_eq!(process_id(&app), "ISMS.CORE.8");
    assert_eq!(app.walk.filter, Filter::All);
}

#[test]
fn snapshot_findings_in_the_detail() {
    let mut a = bare_example_app(80, 24);
    a.today = "2026-11-30".into();
    for _ in 0..4 {
        ch(&mut a, 'j'); // CORE.3
    }
    ch(&mut a, 'S');
    typed(
        &mut a,
        "Top management reviews the risk register every quarter",
    );
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Tab);
    ch(&mut a, 'j'); // PA2.1
    ch(&mut a, 'W');
    key(&mut a, KeyCode::Tab); // low
    key(&mut a, KeyCode::Tab); // high
    typed(
        &mut a,
        "No plan says when the risk assessment is repeated or by whom",
    );
    key(&mut a, KeyCode::Esc);
    ch(&mut a, 'I');
    typed(
        &mut a,
        "Schedule the yearly risk assessment in the ISMS calendar",
    );
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Tab);
    insta::assert_snapshot!("detail_findings_80x24", render(&a, 80, 24));
    ch(&mut a, 'W');
    typed(&mut a, "Risk criteria not approved");
    insta::assert_snapshot!("finding_editor_80x24", render(&a, 80, 24));
}

#[test]
fn snapshot_plan() {
    let mut a = bare_example_app(80, 24);
    a.today = "2026-11-30".into();
    for _ in 0..4 {
        ch(&mut a, 'j'); // CORE.3
    }
    ch(&mut a, 'P');
    for (title, owner, due, status) in [
        (
            "Plan the yearly risk assessment",
            "J. Park",
            "2026-11-01",
            'a',
        ),
        (
            "Approve the risk acceptance criteria",
            "Board",
            "2027-03-31",
            'i',
        ),
        ("Train the asset owners", "M. Roy", "2026-09-30", 'd'),
    ] {
        ch(&mut a, 'a');
        typed(&mut a, title);
        key(&mut a, KeyCode::Enter);
        ch(&mut a, 'o');
        typed(&mut a, owner);
        key(&mut a, KeyCode::Enter);
        ch(&mut a, 'd');
        typed(&mut a, due);
        key(&mut a, KeyCode::Enter);
        ch(&mut a, 's');
        ch(&mut a, status);
    }
    ch(&mut a, 'p'); // A-003 high
    ch(&mut a, 'k');
    ch(&mut a, 'k');
    insta::assert_snapshot!("plan_80x24", render(&a, 80, 24));
}

/// The shipped example's plan: carried actions, done and overdue ones, the new proposals.
#[test]
fn snapshot_example_plan() {
    let mut a = example_app(80, 24);
    a.today = "2026-11-30".into();
    ch(&mut a, 'P');
    insta::assert_snapshot!("plan_example_80x24", render(&a, 80, 24));
}
