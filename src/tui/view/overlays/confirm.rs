//! A yes-or-no question in a box.

use crate::tui::keys::{Cmd, Ctx};
use crate::tui::state::App;
use crate::tui::view::chrome::{centered, fit_box_title, overlay_block, title_hints};
use crate::tui::view::text::clean;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Paragraph, Wrap};

pub fn confirm(app: &App, question: &str, f: &mut Frame, area: Rect) {
    let r = centered(area, 60, 6);
    f.render_widget(Clear, r);
    let block = overlay_block(
        &app.theme,
        fit_box_title(
            format!(
                " {} ",
                title_hints(Ctx::Confirm, &[(Cmd::Submit, "yes"), (Cmd::Back, "no")])
            ),
            r,
        ),
    );
    let inner = block.inner(r);
    f.render_widget(block, r);
    f.render_widget(
        Paragraph::new(clean(question)).wrap(Wrap { trim: true }),
        inner,
    );
}
