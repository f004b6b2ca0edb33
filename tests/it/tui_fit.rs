//! Text that fits: the process list's names (full, short or cut with `…`, never two alike), the
//! process pane's width, scroll marks on lists that hide rows, and every screen at 80x24
//! without a text cut at the border.

use crate::util::{EXAMPLE, model, parse};
use capra::tui::app::{Action, App, Doc, HomeEntry, Screen};
use capra::tui::theme::Theme;
use capra::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::BTreeSet;
use std::path::PathBuf;

fn app(w: u16, h: u16) -> App {
    let doc = Doc::new(PathBuf::from("a.toml"), parse(EXAMPLE), model(), false);
    let mut a = App::with_doc(Theme { color: false }, doc);
    a.update(Action::Resize(w, h));
    a
}

fn key(app: &mut App, code: KeyCode) {
    app.update(Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn ch(app: &mut App, c: char) {
    key(app, KeyCode::Char(c));
}

fn ctrl(app: &mut App, c: char) {
    app.update(Action::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )));
}

/// The screen's rows as text (the backend quotes each row).
fn render(app: &App, w: u16, h: u16) -> Vec<String> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::view(app, f)).unwrap();
    t.backend()
        .to_string()
        .lines()
        .map(|l| {
            let l = l.strip_prefix('"').unwrap_or(l);
            l.strip_suffix('"').unwrap_or(l).to_string()
        })
        .collect()
}

fn screen(app: &App, w: u16, h: u16) -> String {
    render(app, w, h).join("\n")
}

/// The process rows of the process pane: (id, label), read between its borders.
fn process_rows(rows: &[String]) -> Vec<(String, String)> {
    let m = model();
    let ids: Vec<String> = m
        .processes
        .processes
        .iter()
        .map(|p| p.id.trim_start_matches("ISMS.").to_string())
        .collect();
    let mut out = Vec::new();
    for row in rows {
        let chars: Vec<char> = row.chars().collect();
        if chars.first() != Some(&'│') {
            continue;
        }
        let Some(end) = chars.iter().skip(1).position(|c| *c == '│') else {
            continue;
        };
        let inner: String = chars[1..end + 1].iter().collect();
        let id = inner.chars().take(7).collect::<String>().trim().to_string();
        if !ids.contains(&id) {
            continue;
        }
        // id (7), the review mark (1), the label, then " 2/3 5/5".
        let rest: String = inner.chars().skip(8).collect();
        let label = rest
            .rsplitn(3, ' ')
            .nth(2)
            .unwrap_or_default()
            .trim_end()
            .to_string();
        out.push((id, label));
    }
    out
}

#[test]
fn every_process_label_is_a_name_a_short_name_or_cut_and_no_two_alike() {
    let m = model();
    for (w, h) in [(80, 30), (120, 30), (160, 30)] {
        let a = app(w, h);
        let rows = process_rows(&render(&a, w, h));
        assert_eq!(rows.len(), 18, "at {w}: {rows:?}");
        let distinct: BTreeSet<&str> = rows.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(distinct.len(), 18, "two labels alike at {w}: {rows:?}");
        for (id, label) in &rows {
            let p = m
                .processes
                .processes
                .iter()
                .find(|p| p.id.ends_with(&format!(".{id}")))
                .unwrap();
            let short = p.short_name.as_deref().unwrap_or(&p.name);
            let whole = *label == p.name || label == short;
            let cut = label
                .strip_suffix('…')
                .is_some_and(|head| !head.is_empty() && short.starts_with(head));
            assert!(whole || cut, "at {w}: {id} shown as {label:?}");
        }
        let cuts = rows.iter().filter(|(_, l)| l.ends_with('…')).count();
        match w {
            // Narrow: some short names are cut.
            80 => assert!(cuts > 0, "{rows:?}"),
            // Wide: every short name fits, and the full name where there is room.
            _ => assert_eq!(cuts, 0, "at {w}: {rows:?}"),
        }
        if w == 160 {
            assert!(
                rows.iter()
                    .any(|(_, l)| l == "Information security risk assessment"),
                "full names at 160: {rows:?}"
            );
        }
    }
}

#[test]
fn the_process_pane_grows_with_the_terminal() {
    let width = |w: u16| {
        let rows = render(&app(w, 24), w, 24);
        rows[1].chars().skip(1).position(|c| c == '┐').unwrap() + 2
    };
    let (narrow, wide, wider) = (width(80), width(120), width(160));
    assert!(narrow <= 34, "{narrow}");
    assert!(wide > narrow && wider > wide, "{narrow} {wide} {wider}");
}

#[test]
fn names_alike_cut_apart() {
    let names = [
        ("Information security risk assessment", None),
        ("Information security risk treatment", None),
        ("Information security incident management", None),
        ("Information security change management", None),
        ("Information security improvement", None),
    ];
    for w in [8, 12, 20] {
        let l = capra::text::labels::labels(&names, w);
        let distinct: BTreeSet<&String> = l.iter().collect();
        assert_eq!(distinct.len(), names.len(), "at {w}: {l:?}");
        assert!(
            l.iter().all(|s| s.chars().count() <= w && s.contains('…')),
            "at {w}: {l:?}"
        );
    }
}

#[test]
fn home_titles_are_cut_with_an_ellipsis_and_stay_apart() {
    let mut a = App::new(Theme { color: false });
    let entry = |title: &str, file: &str| HomeEntry {
        path: PathBuf::from(file),
        title: title.into(),
        unit: "Operations".into(),
        created: "2026-01-01".into(),
        rated: 1,
        to_rate: 2,
        error: None,
    };
    a.update(Action::HomeLoaded(vec![
        entry(
            "Northwind Freight ISMS capability assessment 2025 (baseline)",
            "a.toml",
        ),
        entry(
            "Northwind Freight ISMS capability assessment 2026 (follow-up)",
            "b.toml",
        ),
    ]));
    a.update(Action::Resize(80, 24));
    let rows = render(&a, 80, 24);
    // The two rows below the header, each up to the unit column.
    let titles: Vec<String> = rows[4..6]
        .iter()
        .map(|r| {
            r.split(" Operations")
                .next()
                .unwrap_or_default()
                .trim_end()
                .to_string()
        })
        .collect();
    assert_eq!(titles.len(), 2, "{rows:#?}");
    assert_ne!(titles[0], titles[1], "{titles:?}");
    for t in &titles {
        assert!(t.contains('…'), "{t:?}");
    }
}

#[test]
fn the_attribute_list_marks_the_rows_it_hides() {
    let mut a = app(80, 24);
    ch(&mut a, 'a'); // all nine attributes: more than the pane shows at 80x24
    let rows = render(&a, 80, 24);
    let s = rows.join("\n");
    assert!(s.contains("more┘"), "a mark below the attributes:\n{s}");
    // Down to the last: the mark moves above.
    key(&mut a, KeyCode::Tab);
    for _ in 0..8 {
        ch(&mut a, 'j');
    }
    let s = screen(&a, 80, 24);
    assert!(s.contains("PA5.2"), "{s}");
    assert!(s.contains("↑ "), "a mark above the attributes:\n{s}");
}

#[test]
fn the_process_list_marks_hidden_rows_and_says_what_filters_it() {
    let mut a = app(80, 24);
    let s = screen(&a, 80, 24);
    assert!(s.contains("↓ 2 more┘"), "{s}");
    ch(&mut a, 'o');
    let rows = render(&a, 80, 24);
    assert!(rows[1].contains("Processes · only"), "{}", rows[1]);
}

#[test]
fn the_evidence_form_shows_every_kind_at_80x24() {
    let mut a = app(80, 24);
    key(&mut a, KeyCode::Tab);
    ch(&mut a, 'v');
    ctrl(&mut a, 'n');
    let s = screen(&a, 80, 24);
    for kind in ["document", "interview", "observation", "record"] {
        assert!(s.contains(kind), "{kind} in\n{s}");
    }
}

#[test]
fn the_rating_keys_under_the_scale_are_never_broken() {
    let a = app(80, 24);
    let s = screen(&a, 80, 24);
    for hint in ["refine", "x clear", "c confidence", "r review"] {
        assert!(s.contains(hint), "{hint} whole in\n{s}");
    }
}

/// Rows that run into the right edge of the screen or of a box: the last character before a
/// border (or the screen's edge) is a letter or digit of a word that goes on, with no `…`.
fn cut_rows(rows: &[String]) -> Vec<String> {
    rows.iter()
        .filter(|r| {
            let chars: Vec<char> = r.chars().collect();
            // The right edge of the screen: text that reaches it was cut, unless it ends a
            // word there by chance; a text cut by us ends in `…`.
            // A scroll mark ("↓ 4 more") may end a row.
            !r.ends_with(" more")
                && chars.len() >= 2
                && chars[chars.len() - 1].is_alphanumeric()
                && chars[chars.len() - 2].is_alphanumeric()
        })
        .cloned()
        .collect()
}

#[test]
fn no_screen_runs_text_into_the_edge_at_80x24() {
    let mut screens: Vec<(&str, App)> = Vec::new();
    screens.push(("walk", app(80, 24)));
    let mut a = app(80, 24);
    ch(&mut a, 'a');
    screens.push(("walk, all attributes", a));
    let mut a = app(80, 24);
    ch(&mut a, '?');
    screens.push(("help", a));
    let mut a = app(80, 24);
    ch(&mut a, '?');
    ch(&mut a, 'L');
    screens.push(("legend", a));
    let mut a = app(80, 24);
    key(&mut a, KeyCode::Tab);
    ch(&mut a, 'v');
    screens.push(("picker", a));
    let mut a = app(80, 24);
    key(&mut a, KeyCode::Tab);
    ch(&mut a, 'v');
    ctrl(&mut a, 'n');
    screens.push(("evidence form", a));
    let mut a = app(80, 24);
    ch(&mut a, 's');
    screens.push(("summary", a));
    let mut a = app(80, 24);
    ch(&mut a, 'w');
    screens.push(("warnings", a));
    for (name, a) in &screens {
        let rows = render(a, 80, 24);
        let cut = cut_rows(&rows);
        assert!(
            cut.is_empty(),
            "{name}: rows cut at the edge without …:\n{cut:#?}\n{}",
            rows.join("\n")
        );
        if *name == "summary" {
            assert_eq!(a.screen, Screen::Summary);
        }
    }
}

#[test]
fn snapshots_of_the_walk_with_short_names() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(w, h);
        ch(&mut a, 'a');
        insta::assert_snapshot!(format!("fit_walk_{w}x{h}"), screen(&a, w, h));
    }
}

#[test]
fn snapshot_of_the_evidence_form_at_80x24() {
    let mut a = app(80, 24);
    key(&mut a, KeyCode::Tab);
    ch(&mut a, 'v');
    ctrl(&mut a, 'n');
    insta::assert_snapshot!("fit_evidence_form_80x24", screen(&a, 80, 24));
}

#[test]
fn a_box_title_too_long_for_its_box_ends_in_an_ellipsis() {
    let mut a = app(80, 24);
    key(&mut a, KeyCode::Tab);
    ch(&mut a, 'v');
    let rows = render(&a, 80, 24);
    let title = rows
        .iter()
        .find(|r| r.contains("Evidence:"))
        .expect("the picker's title");
    assert!(title.contains("… ┐"), "{title}");
}

#[test]
fn the_plan_counts_the_detail_it_cannot_show() {
    let mut a = app(80, 24);
    ch(&mut a, 'P');
    assert_eq!(a.screen, Screen::Plan);
    let rows = render(&a, 80, 24);
    // The row above the status line: the detail's last row.
    let last = &rows[rows.len() - 3];
    assert!(
        last.trim_start().starts_with('↓') && last.ends_with(" more"),
        "{}",
        rows.join("\n")
    );
}
