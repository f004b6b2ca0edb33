//! The evidence register (`V`): every item with what cites it; editing one in the evidence form
//! and removing one (asking first, unlinking it as `capra evidence remove --force` does).

use crate::util::{SMALL, model, parse};
use capra::tui::app::{Action, App, Doc, Effect, Overlay};
use capra::tui::keys::Ctx;
use capra::tui::theme::Theme;
use capra::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::PathBuf;

/// The small fixture with a second item, cited by nothing, and a finding citing E-001.
fn text() -> String {
    format!(
        "{SMALL}\n[[evidence]]\nid = \"E-002\"\ntitle = \"Old policy\"\nkind = \"record\"\n\n[[findings]]\nid = \"F-001\"\nprocess = \"ISMS.CORE.3\"\nattribute = \"PA1.1\"\nkind = \"strength\"\ntext = \"The register is kept.\"\nevidence = [\"E-001\"]\n"
    )
}

fn app() -> App {
    let doc = Doc::new(PathBuf::from("a.toml"), parse(&text()), model(), false);
    App::with_doc(Theme { color: false }, doc)
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.update(Action::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn ch(app: &mut App, c: char) -> Vec<Effect> {
    key(app, KeyCode::Char(c))
}

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

fn ids(app: &App) -> Vec<String> {
    let a = &app.doc.as_ref().unwrap().assessment;
    a.evidence.iter().map(|e| e.id.to_string()).collect()
}

fn render(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::view(app, f)).unwrap();
    t.backend().to_string()
}

#[test]
fn the_register_counts_what_cites_each_item() {
    let a = app();
    let doc = a.doc.as_ref().unwrap();
    let c = doc.assessment.evidence_citations("E-001");
    assert_eq!((c.ratings, c.findings), (1, 1));
    let c = doc.assessment.evidence_citations("E-002");
    assert_eq!((c.ratings, c.findings), (0, 0));
}

#[test]
fn enter_edits_the_selected_item_in_the_form_prefilled() {
    let mut a = app();
    ch(&mut a, 'V');
    assert_eq!(a.ctx(), Ctx::Register);
    key(&mut a, KeyCode::Enter);
    let Some(Overlay::EvidenceForm(f)) = &a.overlay else {
        panic!("the form is open")
    };
    assert_eq!(f.editing.as_deref(), Some("E-001"));
    assert_eq!(f.fields[0].lines()[0], "Risk register 2026");
    assert_eq!(f.fields[1].lines()[0], "SharePoint > ISMS");
    // A new title, saved through one change; back on the register.
    for c in " (v2)".chars() {
        ch(&mut a, c);
    }
    assert_eq!(key(&mut a, KeyCode::Enter), vec![Effect::Save]);
    assert_eq!(a.ctx(), Ctx::Register);
    let e = &a.doc.as_ref().unwrap().assessment.evidence[0];
    assert_eq!(e.title, "Risk register 2026 (v2)");
    assert_eq!(e.location, "SharePoint > ISMS", "other fields kept");
    assert_eq!(status(&a), "evidence E-001 saved");
    // Esc in the form goes back to the register, changing nothing.
    ch(&mut a, 'e');
    ch(&mut a, 'x');
    key(&mut a, KeyCode::Esc);
    assert_eq!(
        a.ctx(),
        Ctx::Discard,
        "asks first (tests/it/tui_discard.rs)"
    );
    ch(&mut a, 'y');
    assert_eq!(a.ctx(), Ctx::Register);
    let e = &a.doc.as_ref().unwrap().assessment.evidence[0];
    assert_eq!(e.title, "Risk register 2026 (v2)");
}

#[test]
fn x_asks_naming_what_cites_the_item_and_yes_unlinks_it() {
    let mut a = app();
    ch(&mut a, 'V');
    assert!(ch(&mut a, 'x').is_empty(), "asks first");
    let Some(Overlay::Confirm { question, .. }) = &a.overlay else {
        panic!("a question")
    };
    assert!(question.contains("ISMS.CORE.3 PA1.1"), "{question}");
    assert!(question.contains("finding F-001"), "{question}");
    // No: nothing changes.
    ch(&mut a, 'n');
    assert_eq!(ids(&a), vec!["E-001", "E-002"]);
    // Yes: removed and unlinked, said on the status line.
    ch(&mut a, 'V');
    ch(&mut a, 'x');
    assert_eq!(ch(&mut a, 'y'), vec![Effect::Save]);
    assert_eq!(ids(&a), vec!["E-002"]);
    let s = status(&a);
    assert!(s.contains("E-001 removed"), "{s}");
    assert!(
        s.contains("unlinked from ISMS.CORE.3 PA1.1, finding F-001"),
        "{s}"
    );
    let doc = a.doc.as_ref().unwrap();
    assert!(doc.assessment.findings[0].evidence.is_empty());
    // One change: one undo brings back the item and its links.
    ch(&mut a, 'u');
    assert_eq!(ids(&a), vec!["E-001", "E-002"]);
    let doc = a.doc.as_ref().unwrap();
    assert_eq!(doc.assessment.findings[0].evidence.len(), 1);
}

#[test]
fn an_item_nothing_cites_is_removed_after_asking() {
    let mut a = app();
    ch(&mut a, 'V');
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Delete);
    let Some(Overlay::Confirm { question, .. }) = &a.overlay else {
        panic!("a question")
    };
    assert!(question.contains("Nothing cites it"), "{question}");
    assert_eq!(key(&mut a, KeyCode::Enter), vec![Effect::Save]);
    assert_eq!(ids(&a), vec!["E-001"]);
}

#[test]
fn snapshot_register() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app();
        a.update(Action::Resize(w, h));
        ch(&mut a, 'V');
        insta::assert_snapshot!(format!("register_{w}x{h}"), render(&a, w, h));
    }
    let mut a = app();
    ch(&mut a, 'V');
    key(&mut a, KeyCode::Enter);
    insta::assert_snapshot!("register_edit_80x24", render(&a, 80, 24));
}
