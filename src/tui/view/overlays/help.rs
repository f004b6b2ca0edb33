//! The help overlay: every key and mouse gesture of every context, from the key table.

use crate::tui::keys::{self, Cmd, Ctx};
use crate::tui::state::App;
use crate::tui::view::chrome::{centered, fit_box_title, overlay_block, scroll_marks};
use crate::tui::view::text::wrap_words;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

pub fn help(app: &App, scroll: u16, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let r = centered(area, 90, area.height.saturating_sub(2));
    f.render_widget(Clear, r);
    let block = overlay_block(
        t,
        fit_box_title(
            format!(
                " Keys ({} closes, {} scroll, {} the legend of symbols) ",
                keys::label(Ctx::Help, Cmd::Back),
                keys::labels(Ctx::Help, &[Cmd::Up, Cmd::Down], ""),
                keys::label(Ctx::Help, Cmd::Legend)
            ),
            r,
        ),
    );
    let inner = block.inner(r);
    let mut lines = Vec::new();
    let text_w = (inner.width as usize).saturating_sub(24).max(10);
    for (ctx, rows) in keys::help_sections() {
        lines.push(Line::from(Span::styled(
            ctx.title().to_string(),
            t.heading(),
        )));
        for (keys, help) in rows {
            for (i, part) in wrap_words(help, text_w).into_iter().enumerate() {
                let k = if i == 0 { keys.as_str() } else { "" };
                lines.push(Line::from(vec![
                    Span::styled(format!("  {k:<22}"), t.key()),
                    Span::raw(part),
                ]));
            }
        }
        lines.push(Line::raw(""));
    }
    let below = lines
        .len()
        .saturating_sub(scroll as usize + inner.height as usize);
    f.render_widget(scroll_marks(t, block, scroll as usize, below), r);
    f.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}
