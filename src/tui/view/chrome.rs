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
        f.render_widget(
            Paragraph::new(Span::styled(
                crate::text::labels::cut(&clean(&s.text), area.width as usize),
                style,
            )),
            area,
        );
    }
}

/// The columns the top mark of [`scroll_marks`] takes (with a space before it), for a title to
/// leave free.
pub fn top_mark_width(above: usize) -> usize {
    if above > 0 {
        format!(" ↑ {above} more").chars().count()
    } else {
        0
    }
}

/// Marks on the border of a list for the rows it hides: "↑ 2 more" at the top right when rows
/// are hidden above, "↓ 5 more" at the bottom right when rows are hidden below.
pub fn scroll_marks<'a>(t: &Theme, block: Block<'a>, above: usize, below: usize) -> Block<'a> {
    let mut block = block;
    if above > 0 {
        block = block.title_top(
            Line::from(Span::styled(format!("↑ {above} more"), t.warn())).right_aligned(),
        );
    }
    if below > 0 {
        block = block.title_bottom(
            Line::from(Span::styled(format!("↓ {below} more"), t.warn())).right_aligned(),
        );
    }
    block
}

/// The same marks as [`scroll_marks`] for `total` rows without a border, shown from row
/// `scroll` in `area`: when some are hidden, the area's last row says how many, right-aligned
/// ("↑ 2 more  ↓ 5 more"), and the rows are drawn above it. Returns the area for the rows.
pub fn marks_row(t: &Theme, f: &mut Frame, area: Rect, total: usize, scroll: usize) -> Rect {
    let h = area.height as usize;
    if scroll == 0 && total <= h || h < 2 {
        return area;
    }
    let rows = Rect {
        height: area.height - 1,
        ..area
    };
    let below = total.saturating_sub(scroll + rows.height as usize);
    let mut text = String::new();
    if scroll > 0 {
        text.push_str(&format!("↑ {scroll} more"));
    }
    if below > 0 {
        if !text.is_empty() {
            text.push_str("  ");
        }
        text.push_str(&format!("↓ {below} more"));
    }
    let last = Rect::new(area.x, area.bottom() - 1, area.width, 1);
    f.render_widget(
        Paragraph::new(Line::from(Span::styled(text, t.warn())).right_aligned()),
        last,
    );
    rows
}

/// Spans cut to `width` characters, the last one shown ending in `…` when anything is left out.
pub fn fit_spans(spans: Vec<Span<'static>>, width: usize) -> Line<'static> {
    let total: usize = spans.iter().map(|s| s.content.chars().count()).sum();
    if total <= width {
        return Line::from(spans);
    }
    let mut out = Vec::new();
    let mut left = width;
    for s in spans {
        let n = s.content.chars().count();
        if n < left {
            left -= n;
            out.push(s);
        } else {
            let text = crate::text::labels::cut(&s.content, left.max(1)).to_string();
            let text = if n == left {
                // Exactly fills the space, but more follows: end it with the ellipsis.
                let mut t: String = s.content.chars().take(left.saturating_sub(1)).collect();
                t.push('…');
                t
            } else {
                text
            };
            if left > 0 {
                out.push(Span::styled(text, s.style));
            }
            break;
        }
    }
    Line::from(out)
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

/// A box's title cut to fit on the top border of `r` (with `…`), spaces kept round it.
pub fn fit_box_title(title: String, r: Rect) -> String {
    let room = (r.width as usize).saturating_sub(4);
    if title.trim().chars().count() <= room {
        title
    } else {
        format!(" {} ", crate::text::labels::cut(title.trim(), room))
    }
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
