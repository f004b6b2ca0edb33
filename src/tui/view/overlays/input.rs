//! A one-line input of the improvement plan along the bottom of the screen, with the reason the
//! last value was refused above it.

use crate::tui::keys::{Cmd, Ctx};
use crate::tui::state::{App, InputField};
use crate::tui::view::chrome::{fit_box_title, overlay_block, title_hints};
use crate::tui::view::text::clean;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Clear, Paragraph};
use ratatui_textarea::TextArea;

pub fn input(
    app: &App,
    field: &InputField,
    text: &TextArea<'static>,
    error: Option<&str>,
    f: &mut Frame,
    area: Rect,
) {
    let h = if error.is_some() { 4 } else { 3 };
    let r = Rect::new(area.x, area.bottom().saturating_sub(h), area.width, h);
    f.render_widget(Clear, r);
    let block = overlay_block(
        &app.theme,
        fit_box_title(
            format!(
                " {} · {} ",
                field.label(),
                title_hints(
                    Ctx::Input,
                    &[(Cmd::Submit, "saves"), (Cmd::Back, "cancels")]
                )
            ),
            r,
        ),
    );
    let mut inner = block.inner(r);
    f.render_widget(block, r);
    if let Some(e) = error {
        let top = Rect { height: 1, ..inner };
        f.render_widget(
            Paragraph::new(Span::styled(clean(e), app.theme.error())),
            top,
        );
        inner.y += 1;
        inner.height = inner.height.saturating_sub(1);
    }
    f.render_widget(text, inner);
}
