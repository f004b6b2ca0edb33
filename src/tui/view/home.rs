//! The home screen: the list of assessment files with their progress.

use crate::tui::keys::{self, Cmd, Ctx};
use crate::tui::layout;
use crate::tui::state::App;
use crate::tui::view::chrome::{key_bar, marks_row, status_line};
use crate::tui::view::text::{fit, labels, pad};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn home(app: &App, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let l = layout::home_layout(area);
    f.render_widget(
        Paragraph::new(vec![
            Line::from(vec![
                Span::styled("capra", t.title()),
                Span::raw("  process capability assessment (ISO/IEC 33020)"),
            ]),
            Line::from(Span::styled("Assessments in ./assessments", t.dim())),
        ]),
        l.title,
    );
    let list = l.list.rows;
    let w = list.width as usize;
    let title_w = w.saturating_sub(48).max(16);
    f.render_widget(
        Paragraph::new(Line::from(Span::styled(
            format!(
                "{} {} {:<10} {:>7}",
                pad("TITLE", title_w),
                pad("UNIT", 24),
                "CREATED",
                "RATED"
            ),
            t.heading(),
        ))),
        l.header,
    );
    // Titles cut to fit, never two alike.
    let titles: Vec<(&str, Option<&str>)> =
        app.home.iter().map(|e| (e.title.as_str(), None)).collect();
    let titles = labels(&titles, title_w);
    let mut lines = Vec::new();
    for (i, e) in app.home.iter().enumerate().skip(l.list.offset) {
        let text = match &e.error {
            Some(err) => format!(
                "{} {}",
                pad(&e.path.display().to_string(), title_w),
                fit(err, 40)
            ),
            None => format!(
                "{} {} {:<10} {:>7}",
                pad(titles.get(i).map_or("", |s| s.as_str()), title_w),
                pad(&e.unit, 24),
                fit(&e.created, 10),
                format!("{}/{}", e.rated, e.to_rate)
            ),
        };
        let style = if i == app.home_sel {
            t.selected()
        } else if e.error.is_some() {
            t.error()
        } else {
            Style::default()
        };
        lines.push(Line::from(Span::styled(text, style)));
    }
    let new = keys::label(Ctx::Home, Cmd::New);
    lines.push(Line::raw(""));
    if app.home.is_empty() {
        lines.push(Line::raw(format!(
            "No assessments here yet. Press {new} to start one from the ISMS model."
        )));
    } else {
        lines.push(Line::from(Span::styled(
            format!(
                "{} opens the selected assessment; {new} starts a new one from the ISMS model.",
                keys::label(Ctx::Home, Cmd::Select)
            ),
            t.dim(),
        )));
    }
    // The list does not scroll: assessments beyond the screen are counted on its last row.
    let total = lines.len();
    let rows = marks_row(t, f, list, total, 0);
    f.render_widget(Paragraph::new(lines), rows);
    status_line(app, f, l.status);
    key_bar(app, Ctx::Home, f, l.bar);
}
