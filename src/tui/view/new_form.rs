//! The form that starts a new assessment: the fields, the processes in scope, the button.

use crate::tui::keys::{self, Cmd, Ctx};
use crate::tui::layout::ListArea;
use crate::tui::state::{App, FORM_LABELS};
use crate::tui::view::chrome::{key_bar, scroll_marks, status_line};
use crate::tui::view::text::{clean, fit};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

pub fn new_form(app: &App, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let Some(form) = &app.form else { return };
    let [title, fields, list, button, status, bar] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(FORM_LABELS.len() as u16),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    f.render_widget(
        Paragraph::new(vec![
            Line::from(Span::styled("New assessment of the ISMS model", t.title())),
            Line::from(Span::styled(
                "Team: Name (role), ... with role assessor, participant, observer or sponsor.",
                t.dim(),
            )),
        ]),
        title,
    );
    let label_w = 22u16;
    for (i, label) in FORM_LABELS.iter().enumerate() {
        let row = Rect::new(fields.x, fields.y + i as u16, fields.width, 1);
        let [l, v] =
            Layout::horizontal([Constraint::Length(label_w), Constraint::Min(5)]).areas(row);
        let focused = form.focus == i;
        let ls = if focused { t.key() } else { Style::default() };
        f.render_widget(Paragraph::new(Span::styled(format!("{label}:"), ls)), l);
        let mut ta = form.fields[i].clone();
        ta.set_cursor_line_style(Style::default());
        if focused {
            ta.set_cursor_style(Style::default().add_modifier(Modifier::REVERSED));
        } else {
            ta.set_cursor_style(Style::default());
        }
        f.render_widget(&ta, v);
    }
    let focused = form.focus == form.list_focus();
    let chosen = form.processes.iter().filter(|p| p.2).count();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            t.focus_border()
        } else {
            t.border()
        })
        .title(format!(
            " Processes in scope: {chosen} of {} ({} toggles, {} all) ",
            form.processes.len(),
            keys::label(Ctx::NewForm, Cmd::Toggle),
            keys::label(Ctx::NewForm, Cmd::ToggleAll)
        ));
    let inner = block.inner(list);
    let rows = ListArea::new(inner, form.proc_sel);
    let below = form
        .processes
        .len()
        .saturating_sub(rows.offset + rows.height());
    f.render_widget(scroll_marks(t, block, rows.offset, below), list);
    let lines: Vec<Line> = form
        .processes
        .iter()
        .enumerate()
        .skip(rows.offset)
        .take(rows.height())
        .map(|(i, (id, name, on))| {
            let text = fit(
                &format!(
                    "[{}] {:<13} {}",
                    if *on { "x" } else { " " },
                    id,
                    clean(name)
                ),
                inner.width as usize,
            );
            let style = if focused && i == form.proc_sel {
                t.selected()
            } else {
                Style::default()
            };
            Line::from(Span::styled(text, style))
        })
        .collect();
    f.render_widget(Paragraph::new(lines), inner);
    let bs = if form.focus == form.button_focus() {
        t.selected()
    } else {
        t.key()
    };
    let mut spans = vec![Span::styled(" Create assessment ", bs)];
    if let Some(e) = &form.error {
        spans.push(Span::raw("  "));
        spans.push(Span::styled(clean(e), t.error()));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), button);
    status_line(app, f, status);
    key_bar(app, Ctx::NewForm, f, bar);
}
