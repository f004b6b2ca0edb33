//! The parts every screen and overlay is framed with: the bar of key hints, the status line,
//! the bordered panes and boxes, and the key hints written into a box's title.

use crate::tui::keys::{self, Cmd, Ctx};
use crate::tui::state::{App, Level};
use crate::tui::theme::Theme;
use crate::tui::view::text::clean;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

/// The bar of key hints. When they do not all fit, hints are dropped from the end, but never
/// help and quit, so that every other key can always be found.
pub fn key_bar(app: &App, ctx: Ctx, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let mut items = keys::hints_with(ctx, |cmd, hint| app.bar_hint(ctx, cmd, hint));
    let width = |items: &[(String, &str)]| -> usize {
        items
            .iter()
            .map(|(k, h)| k.chars().count() + h.chars().count() + 3)
            .sum()
    };
    while width(&items) > area.width as usize {
        let Some(pos) = items
            .iter()
            .rposition(|(_, h)| *h != "help" && *h != "quit")
        else {
            break;
        };
        items.remove(pos);
    }
    let mut spans = Vec::new();
    for (key, hint) in items {
        spans.push(Span::styled(key, t.key()));
        spans.push(Span::raw(format!(" {hint}  ")));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The status line: the last thing said, coloured by how it went.
pub fn status_line(app: &App, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    if let Some(s) = &app.status {
        let style = match s.level {
            Level::Info => Style::default(),
            Level::Ok => t.ok(),
            Level::Error => t.error(),
        };
        f.render_widget(Paragraph::new(Span::styled(clean(&s.text), style)), area);
    }
}

/// A pane of the walk-through: a border, brighter with its title when it has the focus.
pub fn pane_block<'a>(t: &Theme, title: String, focused: bool) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            t.focus_border()
        } else {
            t.border()
        })
        .title(Span::styled(
            title,
            if focused {
                t.heading()
            } else {
                Style::default()
            },
        ))
}

/// The border of an overlay, with its title.
pub fn overlay_block<'a>(t: &Theme, title: String) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(t.focus_border())
        .title(title)
}

/// A box `w_pct` per cent wide (at least 40 columns) and `h` rows high, centred in `area`.
pub fn centered(area: Rect, w_pct: u16, h: u16) -> Rect {
    let w = (area.width * w_pct / 100).max(40).min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Key hints for a box's title, each the command's key and a few words, joined by ` · `:
/// `Enter applies · Esc clears`.
pub fn title_hints(ctx: Ctx, hints: &[(Cmd, &str)]) -> String {
    let parts: Vec<String> = hints
        .iter()
        .map(|(cmd, words)| format!("{} {words}", keys::label(ctx, *cmd)))
        .collect();
    parts.join(" · ")
}
