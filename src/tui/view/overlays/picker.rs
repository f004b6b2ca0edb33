//! The evidence picker: a filter line over the register, each item marked when linked.

use crate::tui::keys::{self, Cmd, Ctx};
use crate::tui::layout::ListArea;
use crate::tui::state::{App, Picker};
use crate::tui::view::chrome::{centered, fit_box_title, overlay_block, scroll_marks, title_hints};
use crate::tui::view::text::{clean, fit};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

pub fn picker(app: &App, p: &Picker, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let items = app.picker_items();
    let r = centered(
        area,
        80,
        (items.len() as u16 + 5).clamp(8, area.height.saturating_sub(2)),
    );
    f.render_widget(Clear, r);
    let block = overlay_block(
        t,
        fit_box_title(
            format!(
                " Evidence: {} · type to filter · {} ",
                title_hints(
                    Ctx::Picker,
                    &[
                        (Cmd::Toggle, "links or unlinks"),
                        (Cmd::NewEvidence, "new item")
                    ]
                ),
                title_hints(Ctx::Picker, &[(Cmd::Back, "closes")])
            ),
            r,
        ),
    );
    let inner = block.inner(r);
    let [filter, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    let [fl, fv] = Layout::horizontal([Constraint::Length(8), Constraint::Min(5)]).areas(filter);
    f.render_widget(Paragraph::new("Filter:"), fl);
    f.render_widget(&p.filter, fv);
    let rows = ListArea::new(list, p.selected);
    let below = items.len().saturating_sub(rows.offset + rows.height());
    f.render_widget(scroll_marks(t, block, rows.offset, below), r);
    let mut lines = Vec::new();
    if items.is_empty() {
        lines.push(Line::from(Span::styled(
            format!(
                "No evidence item matches. {} adds a new one.",
                keys::label(Ctx::Picker, Cmd::NewEvidence)
            ),
            t.dim(),
        )));
    }
    for (i, (id, title, kind, linked)) in items
        .iter()
        .enumerate()
        .skip(rows.offset)
        .take(rows.height())
    {
        let text = fit(
            &format!(
                "[{}] {id:<6} {:<12} {}",
                if *linked { "x" } else { " " },
                kind.word(),
                clean(title)
            ),
            list.width as usize,
        );
        let style = if i == p.selected {
            t.selected()
        } else {
            Style::default()
        };
        lines.push(Line::from(Span::styled(text, style)));
    }
    f.render_widget(Paragraph::new(lines), list);
}
