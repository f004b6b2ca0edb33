//! The question asked before leaving a form with text typed and not saved.

use crate::tui::keys::{Cmd, Ctx};
use crate::tui::state::App;
use crate::tui::view::chrome::{centered, overlay_block, title_hints};
use crate::tui::view::text::clean;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Paragraph, Wrap};

pub fn discard(app: &App, question: &str, f: &mut Frame, area: Rect) {
    let r = centered(area, 50, 5);
    f.render_widget(Clear, r);
    let block = overlay_block(
        &app.theme,
        format!(
            " {} ",
            title_hints(
                Ctx::Discard,
                &[(Cmd::Submit, "discards"), (Cmd::Back, "keeps editing")]
            )
        ),
    );
    let inner = block.inner(r);
    f.render_widget(block, r);
    f.render_widget(
        Paragraph::new(format!("{} What was typed is lost.", clean(question)))
            .wrap(Wrap { trim: true }),
        inner,
    );
}
