//! The summary's ISO/IEC 27001 page: the readiness of every clause (verdict and reason), the
//! controls counted per theme, and the controls at risk, each with why. The clauses and the
//! controls at risk are rows to select; Enter goes to the first process behind one.

use crate::iso27001::Entry;
use crate::tui::keys::{self, Cmd, Ctx};
use crate::tui::state::{App, theme_counts};
use crate::tui::theme::Theme;
use crate::tui::view::chrome::{key_bar, marks_row, status_line};
use crate::tui::view::detail_reference::verdict_style;
use crate::tui::view::text::fit;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn page(app: &App, f: &mut Frame, area: Rect) {
    let Some(doc) = &app.doc else { return };
    let t = &app.theme;
    let [title, body, status, bar] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let Some((clauses, controls)) = doc.iso27001() else {
        return;
    };
    let w = body.width as usize;
    let (c, k) = (&clauses.counts, &controls.counts);
    let mut control_counts = format!(
        "controls {} supported, {} at risk, {} not assessed",
        k.supported, k.at_risk, k.not_assessed
    );
    if k.excluded > 0 {
        control_counts.push_str(&format!(", {} excluded by the SoA", k.excluded));
    }
    f.render_widget(
        Paragraph::new(vec![
            Line::from(vec![
                Span::styled("ISO/IEC 27001 readiness ", t.title()),
                Span::styled(if doc.read_only { "READ-ONLY " } else { "" }, t.error()),
                Span::raw(fit(&doc.assessment.assessment.title, 50)),
            ]),
            Line::from(Span::styled(
                fit(
                    &format!(
                        "Clauses {} supported, {} at risk, {} not assessed · {control_counts}",
                        c.supported, c.at_risk, c.not_assessed
                    ),
                    w,
                ),
                t.dim(),
            )),
            Line::from(Span::styled(
                fit(
                    &format!(
                        "A signal from capability, not an audit result. {} goes to the first process behind a row.",
                        keys::label(Ctx::Summary, Cmd::Select)
                    ),
                    w,
                ),
                t.dim(),
            )),
        ]),
        title,
    );
    let mut lines: Vec<Line> = Vec::new();
    lines.push(Line::from(Span::styled(
        format!(
            "{:<16}{:>10}{:>9}{:>14}",
            "CONTROLS", "SUPPORTED", "AT RISK", "NOT ASSESSED"
        ),
        t.heading(),
    )));
    for th in theme_counts(&controls) {
        lines.push(Line::raw(format!(
            "{:<16}{:>10}{:>9}{:>14}",
            th.theme, th.supported, th.at_risk, th.not_assessed
        )));
    }
    let mut row = 0usize;
    let mut sel_line = 0usize;
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled("CLAUSES", t.heading())));
    for e in &clauses.entries {
        if row == app.iso_sel {
            sel_line = lines.len();
        }
        entry_lines(t, e, row == app.iso_sel, w, &mut lines);
        row += 1;
    }
    let at_risk: Vec<&Entry> = controls
        .entries
        .iter()
        .filter(|e| e.verdict == crate::iso27001::Verdict::AtRisk)
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(
        format!("CONTROLS AT RISK ({})", at_risk.len()),
        t.heading(),
    )));
    if at_risk.is_empty() {
        lines.push(Line::styled("none", t.dim()));
    }
    for e in at_risk {
        if row == app.iso_sel {
            sel_line = lines.len();
        }
        entry_lines(t, e, row == app.iso_sel, w, &mut lines);
        row += 1;
    }
    // Keep the selected row and its reason in sight; the top stays until it must move.
    // One row less when the rows do not all fit: the last says how many are hidden.
    let h = if lines.len() > body.height as usize {
        (body.height as usize).saturating_sub(1)
    } else {
        body.height as usize
    };
    let scroll = (sel_line + 2).saturating_sub(h);
    let rows = marks_row(t, f, body, lines.len(), scroll);
    f.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), rows);
    status_line(app, f, status);
    key_bar(app, Ctx::Summary, f, bar);
}

/// A clause or control: a row with the id, verdict and title, then the reason.
fn entry_lines(t: &Theme, e: &Entry, selected: bool, w: usize, lines: &mut Vec<Line<'static>>) {
    let mark = if selected { "▶ " } else { "  " };
    lines.push(
        Line::from(vec![
            Span::raw(mark),
            Span::styled(format!("{:<7}", e.id), t.title()),
            Span::styled(
                format!("{:<13}", e.verdict.word()),
                verdict_style(t, e.verdict),
            ),
            Span::raw(fit(&e.title, w.saturating_sub(22))),
        ])
        .style(t.row(selected, true)),
    );
    lines.push(Line::styled(
        fit(&format!("         {}", e.reason), w),
        t.dim(),
    ));
}
