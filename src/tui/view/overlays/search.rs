//! The search box over the walk-through: the query, how many results, and the results as they
//! are found, each saying what it is and where, with the text around the match.

use crate::tui::keys::{Cmd, Ctx};
use crate::tui::layout::list_offset;
use crate::tui::state::{App, Search};
use crate::tui::view::chrome::{centered, fit_box_title, overlay_block, title_hints};
use crate::tui::view::text::{clean, fit};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

pub fn search(app: &App, s: &Search, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let hits = app.search_hits();
    let h = (hits.len() as u16 * 2 + 4).clamp(6, area.height.saturating_sub(2));
    let r = centered(area, 96, h);
    f.render_widget(Clear, r);
    let block = overlay_block(
        t,
        fit_box_title(
            format!(
                " Search everything · {} ",
                title_hints(
                    Ctx::Search,
                    &[
                        (Cmd::Select, "goes"),
                        (Cmd::Filter, "filters"),
                        (Cmd::Clear, "closes")
                    ]
                )
            ),
            r,
        ),
    );
    let inner = block.inner(r);
    f.render_widget(block, r);
    let [query, count, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(inner);
    let [ql, qv] = Layout::horizontal([Constraint::Length(5), Constraint::Min(5)]).areas(query);
    f.render_widget(Paragraph::new(Span::styled("Find", t.heading())), ql);
    f.render_widget(&s.text, qv);
    let q = app.search_query().unwrap_or_default();
    let said = if q.is_empty() {
        "Type: the model's text, notes, findings, evidence, actions, interviews…".to_string()
    } else if hits.is_empty() {
        format!("Nothing matches '{}'.", clean(&q))
    } else if hits.len() == 1 {
        "1 result".to_string()
    } else {
        format!("{} results", hits.len())
    };
    f.render_widget(Paragraph::new(Span::styled(said, t.dim())), count);
    let shown = (list.height / 2) as usize;
    let sel = s.selected.min(hits.len().saturating_sub(1));
    let offset = list_offset(sel, shown);
    let width = list.width as usize;
    let mut lines = Vec::new();
    for (i, hit) in hits.iter().enumerate().skip(offset).take(shown) {
        let style = if i == sel { t.selected() } else { t.heading() };
        lines.push(Line::from(Span::styled(
            fit(&clean(&hit.what), width),
            style,
        )));
        lines.push(Line::from(Span::styled(
            fit(&format!("  {}", clean(&hit.snippet)), width),
            Style::default(),
        )));
    }
    f.render_widget(Paragraph::new(lines), list);
}
