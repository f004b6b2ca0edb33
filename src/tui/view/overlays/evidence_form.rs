//! The evidence form (a new item, or one of the register being edited): title, kind (a row of
//! choices), location, date, owner.

use crate::assessment::EvidenceKind;
use crate::tui::keys::{Cmd, Ctx};
use crate::tui::state::{App, EVIDENCE_LABELS, EvidenceForm};
use crate::tui::view::chrome::{centered, fit_spans, overlay_block, title_hints};
use crate::tui::view::text::{clean, fit};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::{Clear, Paragraph};

pub fn evidence_form(app: &App, form: &EvidenceForm, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    // Wide enough for the labels and every kind on one row when the screen allows.
    let label_w = EVIDENCE_LABELS
        .iter()
        .map(|l| l.chars().count() + 2)
        .max()
        .unwrap_or(20);
    let kinds_w: usize = EvidenceKind::ALL
        .iter()
        .map(|k| k.word().chars().count() + 3)
        .sum();
    let want = u16::try_from(label_w + kinds_w + 2).unwrap_or(u16::MAX);
    let mut r = centered(area, 70, 10);
    if r.width < want {
        let w = want.min(area.width);
        r.x = area.x + (area.width - w) / 2;
        r.width = w;
    }
    f.render_widget(Clear, r);
    let (what, submit) = match &form.editing {
        Some(id) => (format!("Evidence {}", clean(id)), "saves"),
        None => ("New evidence item".to_string(), "adds and links"),
    };
    let block = overlay_block(
        t,
        format!(
            " {} ",
            fit(
                &format!(
                    "{what} · {}",
                    title_hints(
                        Ctx::EvidenceForm,
                        &[
                            (Cmd::NextField, "next field"),
                            (Cmd::Submit, submit),
                            (Cmd::Back, "cancels")
                        ]
                    )
                ),
                (r.width as usize).saturating_sub(4)
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
        let [l, v] = Layout::horizontal([
            Constraint::Length(u16::try_from(label_w).unwrap_or(20)),
            Constraint::Min(5),
        ])
        .areas(row);
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
                // Spaced when they fit, packed when not, cut with `…` on a very narrow screen.
                let row = |pad: &str| -> Vec<Span<'static>> {
                    let mut spans: Vec<Span<'static>> = EvidenceKind::ALL
                        .iter()
                        .flat_map(|k| {
                            [
                                Span::styled(
                                    format!("{pad}{}{pad}", k.word()),
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
                    spans.pop();
                    spans
                };
                let width = |s: &[Span]| s.iter().map(|x| x.content.chars().count()).sum::<usize>();
                let mut kinds = row(" ");
                if width(&kinds) > v.width as usize {
                    kinds = row("");
                }
                f.render_widget(Paragraph::new(fit_spans(kinds, v.width as usize)), v);
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
