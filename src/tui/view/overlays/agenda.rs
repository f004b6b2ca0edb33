//! The agenda (the interview plan) and the form that adds an interview. The marks: `▶` the
//! interview going on now, `✓` held, `✗` cancelled, `·` planned for a day already past.

use crate::assessment::{Interview, InterviewStatus};
use crate::tui::keys::{Cmd, Ctx};
use crate::tui::state::{App, INTERVIEW_LABELS, InterviewForm};
use crate::tui::view::chrome::{centered, overlay_block, title_hints};
use crate::tui::view::clock::clock_spans;
use crate::tui::view::text::{clean, fit};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui_textarea::TextArea;

/// The mark of an interview in the agenda.
fn mark(app: &App, i: &Interview) -> &'static str {
    if app.current.as_ref().is_some_and(|c| c.id == i.id.as_str()) {
        return "▶";
    }
    match i.status {
        InterviewStatus::Held => "✓",
        InterviewStatus::Cancelled => "✗",
        InterviewStatus::Planned if !i.at.is_empty() && i.day() < app.today.as_str() => "·",
        InterviewStatus::Planned => " ",
    }
}

pub fn agenda(app: &App, selected: usize, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let list = app.agenda();
    let r = centered(area, 90, area.height.saturating_sub(2));
    f.render_widget(Clear, r);
    let block = overlay_block(
        t,
        format!(
            " Agenda: {} interview{} · {} ",
            list.len(),
            if list.len() == 1 { "" } else { "s" },
            title_hints(
                Ctx::Agenda,
                &[
                    (Cmd::Select, "starts/ends"),
                    (Cmd::New, "adds"),
                    (Cmd::Back, "closes")
                ]
            )
        ),
    );
    let inner = block.inner(r);
    f.render_widget(block, r);
    let w = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    match app.clock() {
        Some(c) => {
            let mut now = vec![Span::raw("Now: ")];
            now.extend(clock_spans(app, &c));
            lines.push(Line::from(now));
        }
        None => lines.push(Line::styled(
            "No interview going on: Enter on one starts it.",
            t.dim(),
        )),
    }
    lines.push(Line::raw(""));
    let head = lines.len();
    if list.is_empty() {
        lines.push(Line::raw(format!(
            "No interview planned yet: {} adds one.",
            crate::tui::keys::label(Ctx::Agenda, Cmd::New)
        )));
    }
    let mut sel_row = 0;
    for (n, i) in list.iter().enumerate() {
        let on = n == selected;
        if on {
            sel_row = lines.len();
        }
        let when = if i.at.is_empty() {
            "(no date)".to_string()
        } else {
            i.when()
        };
        let minutes = i
            .minutes
            .as_ref()
            .map(|m| format!("{} min", **m))
            .unwrap_or_default();
        let mut who = clean(i.who.trim());
        if !i.role.trim().is_empty() {
            who.push_str(&format!(" ({})", clean(i.role.trim())));
        }
        let row = format!(
            "{} {:<6} {:<16} {:>7}  {who}",
            mark(app, i),
            i.id.as_str(),
            when,
            minutes
        );
        lines.push(Line::styled(
            fit(&row, w),
            if on { t.selected() } else { Style::default() },
        ));
        let processes: Vec<&str> = i.processes.iter().map(|p| p.as_str()).collect();
        if !processes.is_empty() {
            lines.push(Line::styled(
                fit(&format!("         {}", processes.join(", ")), w),
                t.dim(),
            ));
        }
    }
    let rows = inner.height as usize;
    let off = if sel_row >= rows.saturating_sub(1) {
        (sel_row + 2).saturating_sub(rows).max(head)
    } else {
        0
    };
    f.render_widget(Paragraph::new(lines).scroll((off as u16, 0)), inner);
}

pub fn interview_form(app: &App, form: &InterviewForm, f: &mut Frame, area: Rect) {
    let title = format!(
        " New interview · {} ",
        title_hints(
            Ctx::InterviewForm,
            &[
                (Cmd::NextField, "next field"),
                (Cmd::Submit, "adds"),
                (Cmd::Back, "cancels")
            ]
        )
    );
    let shown = Form {
        labels: &INTERVIEW_LABELS,
        fields: &form.fields,
        focus: form.focus,
        error: form.error.as_deref(),
    };
    small_form(app, title, &shown, f, area);
}

/// A small form as drawn: a label and a one-line input a row, and what is wrong under them.
pub struct Form<'a> {
    pub labels: &'a [&'a str],
    pub fields: &'a [TextArea<'static>],
    pub focus: usize,
    pub error: Option<&'a str>,
}

/// Draws a small form in a box.
pub fn small_form(app: &App, title: String, form: &Form, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let n = form.labels.len() as u16;
    let r = centered(area, 80, n + 4);
    f.render_widget(Clear, r);
    let block = overlay_block(t, title);
    let inner = block.inner(r);
    f.render_widget(block, r);
    for (i, label) in form.labels.iter().enumerate() {
        if i as u16 >= inner.height {
            break;
        }
        let row = Rect::new(inner.x, inner.y + i as u16, inner.width, 1);
        let [l, v] = Layout::horizontal([Constraint::Length(27), Constraint::Min(5)]).areas(row);
        let focused = form.focus == i;
        f.render_widget(
            Paragraph::new(Span::styled(
                format!("{label}:"),
                if focused { t.key() } else { Style::default() },
            )),
            l,
        );
        if let Some(field) = form.fields.get(i) {
            let mut ta = field.clone();
            ta.set_cursor_line_style(Style::default());
            if !focused {
                ta.set_cursor_style(Style::default());
            }
            f.render_widget(&ta, v);
        }
    }
    if let Some(e) = form.error
        && inner.height > n + 1
    {
        f.render_widget(
            Paragraph::new(Span::styled(clean(e), t.error())),
            Rect::new(inner.x, inner.y + n + 1, inner.width, 1),
        );
    }
}
