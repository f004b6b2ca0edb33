//! The summary: every process's level against its target as a bar, and the heat map of the
//! attribute ratings, with the counts and the evidence coverage above.

use crate::tui::keys::{self, Cmd, Ctx};
use crate::tui::state::App;
use crate::tui::view::chrome::{key_bar, marks_row, status_line};
use crate::tui::view::text::{fit, id_column, pad};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn summary(app: &App, f: &mut Frame, area: Rect) {
    let Some(doc) = &app.doc else { return };
    if app.summary_page == crate::tui::state::SummaryPage::Iso27001 && doc.has_catalogue() {
        return super::iso27001::page(app, f, area);
    }
    let t = &app.theme;
    let [title, body, status, bar] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let s = &doc.profile.summary;
    let c = &s.coverage;
    let open = doc.open_warnings;
    let coverage = format!(
        "Evidence behind {} of {} rated ({} by two kinds) · confidence H{} M{} L{} -{} · {open} open warning{} ({} in the walk-through)",
        c.with_evidence,
        c.rated,
        c.two_kinds,
        c.confidence_high,
        c.confidence_medium,
        c.confidence_low,
        c.confidence_unset,
        if open == 1 { "" } else { "s" },
        keys::label(Ctx::Walk, Cmd::Warnings)
    );
    f.render_widget(
        Paragraph::new(vec![
            Line::from(vec![
                Span::styled("Summary ", t.title()),
                Span::styled(if doc.read_only { "READ-ONLY " } else { "" }, t.error()),
                Span::raw(fit(
                    &doc.assessment.assessment.title,
                    (title.width as usize).saturating_sub(19).min(60),
                )),
            ]),
            Line::from(Span::styled(
                fit(&format!(
                    "{} of {} processes at or above target · {} below · total gap {} level(s) · {} of {} attributes rated",
                    s.at_or_above_target, s.processes, s.below_target, s.total_gap, s.rated, s.to_rate
                ), title.width as usize),
                t.dim(),
            )),
            Line::from(Span::styled(fit(&coverage, title.width as usize), t.dim())),
        ]),
        title,
    );
    let attrs: Vec<&str> = doc.model.attributes().map(|a| a.id.as_str()).collect();
    let max = doc.model.max_level() as usize;
    let (cut, id_w) = id_column(&doc.assessment);
    let cell = if body.width >= 110 { 6 } else { 4 };
    let fixed = id_w + 1 + max * 2 + 2 + 4 + 5 + attrs.len() * cell + 6;
    // `fixed` counts the space after the name and five columns of evidence ("10/10"); one
    // column stays free at the right edge.
    let name_w = (body.width as usize).saturating_sub(fixed + 1).clamp(0, 40);
    let label = super::processes::process_labels(app, name_w);
    let mut lines = Vec::new();
    let mut head = format!(
        "{:<id_w$} {} {:<bw$}  {:<4}{:<5}",
        "",
        pad("", name_w),
        "LEVEL",
        "L/T",
        "GAP",
        bw = max * 2
    );
    for a in &attrs {
        let label = if cell >= 6 {
            a.to_string()
        } else {
            a.trim_start_matches("PA").to_string()
        };
        head.push_str(&format!("{label:<cell$}"));
    }
    head.push_str(" EVID");
    lines.push(Line::from(Span::styled(head, t.heading())));
    for (pi, p) in doc.profile.processes.iter().enumerate() {
        let mut spans = vec![Span::raw(format!(
            "{:<id_w$} {} ",
            &p.id[cut..],
            pad(label.get(pi).map_or("", |s| s.as_str()), name_w)
        ))];
        let mut bar = String::new();
        for lvl in 1..=max as u8 {
            bar.push_str(if lvl <= p.capability_level {
                "██"
            } else if lvl <= p.target_level {
                "░░"
            } else {
                "  "
            });
        }
        spans.push(Span::styled(bar, t.gap(p.gap)));
        spans.push(Span::raw(format!(
            "  {:<4}",
            format!("{}/{}", p.capability_level, p.target_level)
        )));
        spans.push(Span::styled(
            format!(
                "{:<5}",
                if p.gap == 0 {
                    "✓".to_string()
                } else {
                    format!("-{}", p.gap)
                }
            ),
            t.gap(p.gap),
        ));
        for a in &p.attributes {
            let code = a.rating.map(|r| r.code()).unwrap_or("·");
            let text = format!("{code:^w$}", w = cell - 1);
            spans.push(Span::styled(text, t.heat(a.rating)));
            spans.push(Span::raw(" "));
        }
        spans.push(Span::styled(
            format!("{}/{}", p.coverage.with_evidence, p.coverage.rated),
            if p.coverage.with_evidence < p.coverage.rated {
                t.warn()
            } else {
                t.dim()
            },
        ));
        lines.push(Line::from(spans));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(
        fit(
            "██ level reached  ░░ short of target  · not rated  EVID: rated attributes backed by evidence",
            body.width as usize,
        ),
        t.dim(),
    )));
    if let Some(m) = &doc.profile.maturity {
        lines.push(Line::from(Span::styled(
            fit(&m.summary(), body.width as usize),
            t.dim(),
        )));
    }
    let rows = marks_row(t, f, body, lines.len(), app.summary_scroll as usize);
    f.render_widget(Paragraph::new(lines).scroll((app.summary_scroll, 0)), rows);
    status_line(app, f, status);
    key_bar(app, Ctx::Summary, f, bar);
}
