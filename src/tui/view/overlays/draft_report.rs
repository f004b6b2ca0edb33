//! Before a report is written while something keeps it a draft: the list of what is open and
//! the question.

use crate::tui::keys::{Cmd, Ctx};
use crate::tui::state::App;
use crate::tui::view::chrome::{centered, overlay_block, title_hints};
use crate::tui::view::text::wrap_words;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

pub fn draft_report(app: &App, open: &[String], scroll: u16, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let r0 = centered(area, 80, 10);
    let w = r0.width.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = Vec::new();
    for l in wrap_words(
        &format!(
            "The report would be a DRAFT: {} item(s) still open. Write it anyway (marked DRAFT, with this list), or settle them first?",
            open.len()
        ),
        w,
    ) {
        lines.push(Line::from(Span::styled(l, t.title())));
    }
    lines.push(Line::raw(""));
    for item in open {
        for (i, l) in wrap_words(item, w.saturating_sub(4))
            .into_iter()
            .enumerate()
        {
            lines.push(Line::raw(format!(
                "{}{l}",
                if i == 0 { "  - " } else { "    " }
            )));
        }
    }
    let h = (lines.len() as u16 + 2).min(area.height.saturating_sub(4));
    let r = centered(area, 80, h);
    f.render_widget(Clear, r);
    let block = overlay_block(
        t,
        format!(
            " Before writing the report · {} ",
            title_hints(
                Ctx::DraftReport,
                &[(Cmd::Submit, "writes it"), (Cmd::Back, "cancels")]
            )
        ),
    );
    let inner = block.inner(r);
    f.render_widget(block, r);
    let max = (lines.len() as u16).saturating_sub(inner.height);
    f.render_widget(Paragraph::new(lines).scroll((scroll.min(max), 0)), inner);
}
