//! The search box along the bottom of the walk-through.

use crate::tui::keys::{Cmd, Ctx};
use crate::tui::state::App;
use crate::tui::view::chrome::{overlay_block, title_hints};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Clear;
use ratatui_textarea::TextArea;

pub fn search(app: &App, text: &TextArea<'static>, f: &mut Frame, area: Rect) {
    let r = Rect::new(area.x, area.bottom().saturating_sub(3), area.width, 3);
    f.render_widget(Clear, r);
    let block = overlay_block(
        &app.theme,
        format!(
            " Search processes and indicators · {} ",
            title_hints(
                Ctx::Search,
                &[(Cmd::Submit, "applies"), (Cmd::Clear, "clears")]
            )
        ),
    );
    let inner = block.inner(r);
    f.render_widget(block, r);
    f.render_widget(text, inner);
}
