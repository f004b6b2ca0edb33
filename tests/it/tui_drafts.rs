//! The text of an open editor as a draft (what the shell keeps beside the file while it is
//! typed), and a draft offered back after capra ended with an editor open.

use crate::util::{SMALL, model, parse};
use capra::assessment::FindingKind;
use capra::tui::app::{Action, App, Doc, Effect, Overlay, Screen};
use capra::tui::state::{Draft, DraftEditor};
use capra::tui::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::PathBuf;

fn app_ro(read_only: bool) -> App {
    let doc = Doc::new(PathBuf::from("a.toml"), parse(SMALL), model(), read_only);
    App::with_doc(Theme { color: false }, doc)
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.update(Action::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn typed(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

#[test]
fn an_editor_with_unsaved_text_is_a_draft_until_it_closes() {
    let mut a = app_ro(false);
    assert_eq!(a.draft(), None);
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Char('j')); // PA2.1, which has a note
    key(&mut a, KeyCode::Char('e'));
    assert_eq!(a.draft(), None, "nothing typed yet: the note as saved");
    typed(&mut a, " Ask Ana.");
    let d = a.draft().unwrap();
    assert_eq!(d.editor, DraftEditor::Note);
    assert_eq!(
        (
            d.process.as_str(),
            d.attribute.as_deref(),
            d.instance.as_deref()
        ),
        ("ISMS.CORE.3", Some("PA2.1"), None)
    );
    assert_eq!(d.text, "Plans exist; tracking is informal. Ask Ana.");
    assert_eq!(d.describe(), "A note you were typing on ISMS.CORE.3 PA2.1");
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.draft(), None, "saved: no draft");
    // A new finding is a draft as soon as it has text; cancelled by emptying it, it is none.
    key(&mut a, KeyCode::Char('W'));
    typed(&mut a, "No plan");
    let d = a.draft().unwrap();
    assert_eq!(
        (d.editor, d.kind, d.process.as_str()),
        (
            DraftEditor::Finding,
            Some(FindingKind::Weakness),
            "ISMS.CORE.3"
        )
    );
    // Drafts go through TOML and back unchanged.
    let text = toml::to_string(&d).unwrap();
    assert_eq!(toml::from_str::<Draft>(&text).unwrap(), d);
}

fn note_draft() -> Draft {
    Draft {
        editor: DraftEditor::Note,
        process: "ISMS.CORE.8".into(),
        attribute: Some("PA1.1".into()),
        instance: Some("Warehouse".into()),
        id: None,
        kind: None,
        severity: None,
        text: "Half a sent".into(),
        fields: Vec::new(),
        evidence_kind: None,
    }
}

#[test]
fn a_draft_found_is_offered_and_y_restores_it_at_its_place() {
    let mut a = app_ro(false);
    a.update(Action::DraftFound(Box::new(note_draft())));
    assert!(matches!(a.overlay, Some(Overlay::Draft(_))));
    let fx = key(&mut a, KeyCode::Char('y'));
    assert_eq!(fx, vec![Effect::DraftRestored(Box::new(note_draft()))]);
    let Some(Overlay::Note { text, rationale }) = &a.overlay else {
        panic!("{:?}", a.overlay)
    };
    assert!(!rationale);
    assert_eq!(text.lines().join("\n"), "Half a sent");
    assert_eq!(a.instance_name().as_deref(), Some("Warehouse"));
    assert_eq!(a.selected_attribute().as_deref(), Some("PA1.1"));
    typed(&mut a, "ence.");
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.record().unwrap().note, "Half a sentence.");
}

#[test]
fn n_drops_the_draft_and_read_only_is_never_offered_one() {
    let mut a = app_ro(false);
    a.update(Action::DraftFound(Box::new(note_draft())));
    assert_eq!(key(&mut a, KeyCode::Char('n')), vec![Effect::DropDraft]);
    assert!(a.overlay.is_none());
    let mut ro = app_ro(true);
    ro.update(Action::DraftFound(Box::new(note_draft())));
    assert!(ro.overlay.is_none());
}

#[test]
fn a_plan_input_draft_restores_on_the_plan_screen() {
    let mut a = app_ro(false);
    let d = Draft {
        editor: DraftEditor::NewAction,
        process: "ISMS.CORE.3".into(),
        text: "Plan the yearly".into(),
        ..note_draft()
    };
    a.update(Action::DraftFound(Box::new(d)));
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.screen, Screen::Plan);
    assert!(matches!(a.overlay, Some(Overlay::Input { .. })));
    assert_eq!(a.draft().unwrap().text, "Plan the yearly");
}

#[test]
fn a_new_evidence_form_is_a_draft_and_comes_back_filled() {
    let mut a = app_ro(false);
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Char('v'));
    a.update(Action::Key(KeyEvent::new(
        KeyCode::Char('n'),
        KeyModifiers::CONTROL,
    )));
    typed(&mut a, "Board minutes");
    let d = a.draft().unwrap();
    assert_eq!(d.editor, DraftEditor::Evidence);
    assert_eq!(d.fields[0], "Board minutes");
    assert_eq!(
        d.describe(),
        "A new evidence item you were adding on ISMS.CORE.3 PA1.1"
    );
    // Cancelled (asked first, then yes): no draft.
    key(&mut a, KeyCode::Esc);
    assert!(
        a.draft().is_some(),
        "still open while the question is asked"
    );
    key(&mut a, KeyCode::Char('y'));
    assert_eq!(a.draft(), None);
    // Offered back after a crash: the form, filled, at its place.
    let mut b = app_ro(false);
    b.update(Action::DraftFound(Box::new(d.clone())));
    key(&mut b, KeyCode::Char('y'));
    assert!(matches!(b.overlay, Some(Overlay::EvidenceForm(_))));
    assert_eq!(b.draft(), Some(d));
}

#[test]
fn snapshot_draft_offer() {
    let mut a = app_ro(false);
    a.update(Action::Resize(80, 24));
    a.update(Action::DraftFound(Box::new(note_draft())));
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    t.draw(|f| capra::tui::view::view(&a, f)).unwrap();
    insta::assert_snapshot!("draft_offer_80x24", t.backend().to_string());
}

#[test]
fn a_draft_found_with_a_recovered_version_is_offered_after_it() {
    let mut a = app_ro(false);
    a.update(Action::RecoveryFound(PathBuf::from("a.recovered.toml")));
    a.update(Action::DraftFound(Box::new(note_draft())));
    assert!(matches!(a.overlay, Some(Overlay::Recovery { .. })));
    key(&mut a, KeyCode::Char('k')); // keep the file
    assert!(matches!(a.overlay, Some(Overlay::Draft(_))));
}
