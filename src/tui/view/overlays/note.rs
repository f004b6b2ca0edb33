//! The note editor over the walk-through (also for the rationale of a rating).

use crate::tui::keys::{Cmd, Ctx};
use crate::tui::state::App;
use crate::tui::view::chrome::{centered, overlay_block, title_hints};
use crate::tui::view::text::clean;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Clear;
use ratatui_textarea::TextArea;

pub fn note(app: &App, text: &TextArea<'static>, rationale: bool, f: &mut Frame, area: Rect) {
    let r = centered(area, 80, (area.height * 6 / 10).max(8));
    f.render_widget(Clear, r);
    let what = if rationale {
        "Why the rating overrides the aggregate or proposal"
    } else {
        "Note"
    };
    let title = match app.slot() {
        Some(s) => format!(
            " {what} · {} {}{} · {} ",
            s.process,
            s.attribute,
            s.instance
                .as_ref()
                .map(|i| format!(" ({})", clean(i)))
                .unwrap_or_default(),
            title_hints(Ctx::Note, &[(Cmd::Back, "saves and closes")])
        ),
        None => format!(" {what} "),
    };
    let block = overlay_block(&app.theme, title);
    let inner = block.inner(r);
    f.render_widget(block, r);
    f.render_widget(text, inner);
}
