//! The box for writing why a warning is accepted.

use crate::tui::keys::{Cmd, Ctx};
use crate::tui::state::App;
use crate::tui::view::chrome::{centered, fit_box_title, overlay_block, title_hints};
use crate::tui::view::text::clean;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Clear;
use ratatui_textarea::TextArea;

pub fn ack(app: &App, warning: &str, text: &TextArea<'static>, f: &mut Frame, area: Rect) {
    let r = centered(area, 80, 8);
    f.render_widget(Clear, r);
    let block = overlay_block(
        &app.theme,
        fit_box_title(
            format!(
                " Why is {} accepted? {} ",
                clean(warning),
                title_hints(Ctx::Ack, &[(Cmd::Submit, "saves"), (Cmd::Back, "cancels")])
            ),
            r,
        ),
    );
    let inner = block.inner(r);
    f.render_widget(block, r);
    f.render_widget(text, inner);
}
