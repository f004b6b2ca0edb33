//! The list of consistency warnings, open and acknowledged, scrolled to the selected one.

use crate::tui::keys::{Cmd, Ctx};
use crate::tui::state::App;
use crate::tui::view::chrome::{centered, fit_box_title, overlay_block, scroll_marks, title_hints};
use crate::tui::view::text::wrap_words;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

pub fn warnings(app: &App, selected: usize, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let ws = app.warnings();
    let r = centered(area, 90, area.height.saturating_sub(2));
    f.render_widget(Clear, r);
    let open = ws.iter().filter(|w| w.acknowledged.is_none()).count();
    let block = overlay_block(
        t,
        fit_box_title(
            format!(
                " Consistency warnings: {open} open, {} acknowledged · {} ",
                ws.len() - open,
                title_hints(
                    Ctx::Warnings,
                    &[
                        (Cmd::Select, "goes to it"),
                        (Cmd::Acknowledge, "acknowledges"),
                        (Cmd::Back, "closes")
                    ]
                )
            ),
            r,
        ),
    );
    let inner = block.inner(r);
    let mut lines: Vec<Line> = Vec::new();
    let mut sel_row = 0;
    if ws.is_empty() {
        lines.push(Line::raw(
            "No warnings: the ratings, their evidence and each other agree.",
        ));
    }
    let w = inner.width as usize;
    for (i, wn) in ws.iter().enumerate() {
        let on = i == selected;
        if on {
            sel_row = lines.len();
        }
        let head = format!(
            "{} {}  [{}]",
            if wn.acknowledged.is_some() {
                "✓"
            } else {
                "!"
            },
            wn.place(),
            wn.rule
        );
        lines.push(Line::from(Span::styled(
            head,
            if on { t.selected() } else { t.title() },
        )));
        for l in wrap_words(&wn.reason, w.saturating_sub(4)) {
            lines.push(Line::raw(format!("    {l}")));
        }
        if let Some(k) = &wn.acknowledged {
            for l in wrap_words(
                &format!("accepted: {}", k.justification),
                w.saturating_sub(4),
            ) {
                lines.push(Line::from(Span::styled(format!("    {l}"), t.ok())));
            }
        }
    }
    let off = sel_row.saturating_sub(inner.height as usize / 2) as u16;
    let below = lines
        .len()
        .saturating_sub(off as usize + inner.height as usize);
    f.render_widget(scroll_marks(t, block, off as usize, below), r);
    f.render_widget(Paragraph::new(lines).scroll((off, 0)), inner);
}
