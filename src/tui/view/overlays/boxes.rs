//! The three message boxes about the file (it changed on disk, it is open in another capra, a
//! recovered version lies beside it), each with the keys of its context.

use crate::tui::keys::{self, Ctx};
use crate::tui::state::App;
use crate::tui::view::chrome::centered;
use crate::tui::view::text::clean;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use std::path::Path;

pub fn recovery(app: &App, path: &Path, f: &mut Frame, area: Rect) {
    message_box(
        app,
        f,
        area,
        " Recovered version found ",
        &[
            format!("{} lies beside this file.", clean(&path.display().to_string())),
            "It holds changes an earlier capra could not save (a full disk, a read-only folder, or a file changed by someone else).".to_string(),
        ],
        Ctx::Recovery,
    );
}

/// The text an editor held when capra ended, offered back: the question, then the first lines.
pub fn draft(app: &App, d: &crate::tui::state::Draft, f: &mut Frame, area: Rect) {
    let mut text = vec![format!(
        "{} was not saved: restore it?",
        clean(&d.describe())
    )];
    let shown: Vec<&str> = d.text.lines().take(3).collect();
    for l in &shown {
        text.push(format!("  {}", crate::tui::view::text::fit(l, 200)));
    }
    if d.text.lines().count() > shown.len() {
        text.push("  …".to_string());
    }
    message_box(app, f, area, " Unsaved text found ", &text, Ctx::Draft);
}

pub fn conflict(app: &App, recovery: &Path, f: &mut Frame, area: Rect) {
    message_box(
        app,
        f,
        area,
        " File changed on disk ",
        &[
            "Another program changed the assessment file since capra opened it,".to_string(),
            "so capra did not overwrite it.".to_string(),
            format!(
                "Your version is saved in {}.",
                clean(&recovery.display().to_string())
            ),
        ],
        Ctx::Conflict,
    );
}

pub fn locked(app: &App, path: &Path, holder: &str, f: &mut Frame, area: Rect) {
    message_box(
        app,
        f,
        area,
        " File in use ",
        &[
            format!(
                "{} is open in another capra:",
                clean(&path.display().to_string())
            ),
            clean(holder),
            "Two editors of one file would overwrite each other's ratings.".to_string(),
        ],
        Ctx::Locked,
    );
}

/// A box in the error colour with the text, then the hints of the context's keys.
fn message_box(app: &App, f: &mut Frame, area: Rect, title: &str, text: &[String], ctx: Ctx) {
    let t = &app.theme;
    let w = (area.width * 70 / 100)
        .max(40)
        .min(area.width)
        .saturating_sub(2)
        .max(1) as usize;
    let rows: usize = text
        .iter()
        .map(|s| s.chars().count().div_ceil(w).max(1))
        .sum();
    let r = centered(area, 70, rows as u16 + 4);
    f.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.error())
        .title(title.to_string());
    let inner = block.inner(r);
    f.render_widget(block, r);
    let mut lines: Vec<Line> = text.iter().map(|s| Line::raw(s.clone())).collect();
    lines.push(Line::raw(""));
    let mut spans = Vec::new();
    for (key, hint) in keys::hints(ctx) {
        spans.push(Span::styled(key, t.key()));
        spans.push(Span::raw(format!(" {hint}   ")));
    }
    lines.push(Line::from(spans));
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
