//! The evidence form (a new item, or one of the register being edited): title, kind (a row of
//! choices), location, date, owner.

use crate::assessment::EvidenceKind;
use crate::tui::keys::{Cmd, Ctx};
use crate::tui::state::{App, EVIDENCE_LABELS, EvidenceForm};
use crate::tui::view::chrome::{centered, overlay_block, title_hints};
use crate::tui::view::text::clean;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

pub fn evidence_form(app: &App, form: &EvidenceForm, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let r = centered(area, 70, 10);
    f.render_widget(Clear, r);
    let (what, submit) = match &form.editing {
        Some(id) => (format!("Evidence {}", clean(id)), "saves"),
        None => ("New evidence item".to_string(), "adds and links"),
    };
    let block = overlay_block(
        t,
        format!(
            " {what} · {} ",
            title_hints(
                Ctx::EvidenceForm,
                &[
                    (Cmd::NextField, "next field"),
                    (Cmd::Submit, submit),
                    (Cmd::Back, "cancels")
                ]
            )
        ),
    );
    let inner = block.inner(r);
    f.render_widget(block, r);
    for (i, label) in EVIDENCE_LABELS.iter().enumerate() {
        if i as u16 >= inner.height {
            break;
        }
        let row = Rect::new(inner.x, inner.y + i as u16, inner.width, 1);
        let [l, v] = Layout::horizontal([Constraint::Length(20), Constraint::Min(5)]).areas(row);
        let focused = form.focus == i;
        f.render_widget(
            Paragraph::new(Span::styled(
                format!("{label}:"),
                if focused { t.key() } else { Style::default() },
            )),
            l,
        );
        match EvidenceForm::field_at(i) {
            None => {
                let kinds: Vec<Span> = EvidenceKind::ALL
                    .iter()
                    .flat_map(|k| {
                        [
                            Span::styled(
                                format!(" {} ", k.word()),
                                if *k == form.kind {
                                    t.selected()
                                } else {
                                    Style::default()
                                },
                            ),
                            Span::raw(" "),
                        ]
                    })
                    .collect();
                f.render_widget(Paragraph::new(Line::from(kinds)), v);
            }
            Some(idx) => {
                let mut ta = form.fields[idx].clone();
                ta.set_cursor_line_style(Style::default());
                if !focused {
                    ta.set_cursor_style(Style::default());
                }
                f.render_widget(&ta, v);
            }
        }
    }
    if let Some(e) = &form.error
        && inner.height > 6
    {
        f.render_widget(
            Paragraph::new(Span::styled(clean(e), t.error())),
            Rect::new(inner.x, inner.y + 6, inner.width, 1),
        );
    }
}
