//! The document requests and the form that asks for one. The marks: `✓` received, `✗`
//! cancelled, `!` overdue (open and past its due date, against today's date).

use crate::assessment::{Request, RequestStatus};
use crate::tui::keys::{self, Cmd, Ctx};
use crate::tui::state::{App, REQUEST_LABELS, RequestForm};
use crate::tui::view::chrome::{centered, overlay_block, title_hints};
use crate::tui::view::overlays::agenda::{Form, small_form};
use crate::tui::view::text::{clean, fit};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

fn mark(app: &App, r: &Request) -> &'static str {
    match r.status {
        RequestStatus::Received => "✓",
        RequestStatus::Cancelled => "✗",
        RequestStatus::Open if r.is_overdue(&app.today) => "!",
        RequestStatus::Open => " ",
    }
}

pub fn requests(app: &App, selected: usize, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let list = app.requests();
    let r = centered(area, 90, area.height.saturating_sub(2));
    f.render_widget(Clear, r);
    let open = list
        .iter()
        .filter(|r| r.status == RequestStatus::Open)
        .count();
    let overdue = list.iter().filter(|r| r.is_overdue(&app.today)).count();
    let block = overlay_block(
        t,
        format!(
            " Requests · {} ",
            title_hints(
                Ctx::Requests,
                &[
                    (Cmd::Received, "received"),
                    (Cmd::ReceivedAsEvidence, "as evidence"),
                    (Cmd::New, "adds"),
                    (Cmd::Back, "closes")
                ]
            )
        ),
    );
    let inner = block.inner(r);
    f.render_widget(block, r);
    let w = inner.width as usize;
    let mut lines: Vec<Line> = vec![
        Line::styled(
            format!("{open} open, {overdue} overdue (today is {})", app.today),
            t.dim(),
        ),
        Line::raw(""),
    ];
    if list.is_empty() {
        lines.push(Line::raw(format!(
            "No document asked for yet: {} adds a request.",
            keys::label(Ctx::Requests, Cmd::New)
        )));
    }
    let mut sel_row = 0;
    for (n, q) in list.iter().enumerate() {
        let on = n == selected;
        if on {
            sel_row = lines.len();
        }
        let due = if q.due.is_empty() {
            String::new()
        } else {
            format!("due {}", q.due.as_str())
        };
        let row = format!(
            "{} {:<6} {:<14} {}",
            mark(app, q),
            q.id.as_str(),
            due,
            clean(&q.what)
        );
        let style = if on {
            t.selected()
        } else if q.is_overdue(&app.today) {
            t.warn()
        } else {
            Style::default()
        };
        lines.push(Line::styled(fit(&row, w), style));
        let mut more = Vec::new();
        if !q.from.trim().is_empty() {
            more.push(format!("from {}", clean(q.from.trim())));
        }
        if let Some(i) = &q.interview {
            more.push(format!("asked in {i}"));
        }
        match (&q.status, q.received.is_empty(), &q.evidence) {
            (RequestStatus::Received, _, Some(e)) if !q.received.is_empty() => {
                more.push(format!("received {} as {e}", q.received.as_str()))
            }
            (RequestStatus::Received, false, None) => {
                more.push(format!("received {}", q.received.as_str()))
            }
            (RequestStatus::Received, _, Some(e)) => more.push(format!("received as {e}")),
            (RequestStatus::Received, true, None) => more.push("received".into()),
            (RequestStatus::Open, _, _) if q.is_overdue(&app.today) => more.push("overdue".into()),
            _ => {}
        }
        if !more.is_empty() {
            lines.push(Line::styled(
                fit(&format!("         {}", more.join(" · ")), w),
                t.dim(),
            ));
        }
    }
    let rows = inner.height as usize;
    let off = (sel_row + 2).saturating_sub(rows);
    f.render_widget(Paragraph::new(lines).scroll((off as u16, 0)), inner);
}

pub fn request_form(app: &App, form: &RequestForm, f: &mut Frame, area: Rect) {
    let title = format!(
        " New request · {} ",
        title_hints(
            Ctx::RequestForm,
            &[
                (Cmd::NextField, "next field"),
                (Cmd::Submit, "adds"),
                (Cmd::Back, "cancels")
            ]
        )
    );
    let shown = Form {
        labels: &REQUEST_LABELS,
        fields: &form.fields,
        focus: form.focus,
        error: form.error.as_deref(),
    };
    small_form(app, title, &shown, f, area);
}
