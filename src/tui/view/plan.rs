//! The improvement plan: the actions in a table (id, status, due date with overdue marked,
//! owner, priority, title), the filters in force above it, and the selected action's process,
//! findings and history of status changes below.

use crate::assessment::Action;
use crate::tui::keys::{self, Cmd, Ctx};
use crate::tui::layout;
use crate::tui::state::{App, StatusFilter};
use crate::tui::view::chrome::{key_bar, marks_row, status_line};
use crate::tui::view::text::{clean, fit, pad};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn plan(app: &App, f: &mut Frame, area: Rect) {
    let Some(doc) = &app.doc else { return };
    let t = &app.theme;
    let shown = app.plan_actions();
    let sel = app.plan.sel.min(shown.len().saturating_sub(1));
    let l = layout::plan_layout(area, sel);
    let (title, head, rows, detail, status, bar) =
        (l.title, l.header, l.list, l.detail, l.status, l.bar);
    let list = rows.rows;
    let all = &doc.assessment.actions;
    let counts = crate::assessment::plan::ActionCounts::of(all.iter(), &app.today);
    let filtered =
        app.plan.status != StatusFilter::All || app.plan.owner.is_some() || app.plan.overdue;
    let filters = format!(
        "Showing: status {} ({}) · owner {} ({}) · {} ({})",
        app.plan.status.label(),
        keys::label(Ctx::Plan, Cmd::StatusFilter),
        app.plan
            .owner
            .as_deref()
            .map(clean)
            .unwrap_or_else(|| "any".into()),
        keys::label(Ctx::Plan, Cmd::OwnerFilter),
        if app.plan.overdue {
            "overdue only"
        } else {
            "any due date"
        },
        keys::label(Ctx::Plan, Cmd::Overdue),
    );
    let summary = format!(
        "  {} action{} · {} open · {} overdue · {} done",
        all.len(),
        if all.len() == 1 { "" } else { "s" },
        counts.open,
        counts.overdue,
        counts.done
    );
    // The counts come first; the assessment's title gets what is left.
    let title_room = (area.width as usize)
        .saturating_sub("Improvement plan ".len() + summary.chars().count())
        .clamp(4, 60);
    f.render_widget(
        Paragraph::new(vec![
            Line::from(vec![
                Span::styled("Improvement plan ", t.title()),
                Span::styled(if doc.read_only { "READ-ONLY " } else { "" }, t.error()),
                Span::raw(fit(&doc.assessment.assessment.title, title_room)),
                Span::styled(summary, t.dim()),
            ]),
            Line::from(Span::styled(
                fit(&filters, area.width as usize),
                if filtered { t.warn() } else { t.dim() },
            )),
        ]),
        title,
    );
    let id_w = shown
        .iter()
        .map(|x| x.id.chars().count())
        .max()
        .unwrap_or(5)
        .max(5);
    let owner_w = 14;
    let fixed = id_w + 1 + 12 + 13 + owner_w + 7;
    let title_w = (area.width as usize).saturating_sub(fixed);
    f.render_widget(
        Paragraph::new(Line::from(Span::styled(
            format!(
                "{}{}{}{}{}TITLE",
                pad("ID", id_w + 1),
                pad("STATUS", 12),
                pad("DUE", 13),
                pad("OWNER", owner_w),
                pad("PRIO", 7)
            ),
            t.heading(),
        ))),
        head,
    );
    if shown.is_empty() {
        let msg = if all.is_empty() {
            format!(
                "No action yet: {} adds one for the process selected in the walk-through.",
                keys::label(Ctx::Plan, Cmd::New)
            )
        } else {
            format!(
                "No action matches the filters ({} of {} hidden).",
                all.len(),
                all.len()
            )
        };
        f.render_widget(
            Paragraph::new(Span::styled(msg, t.dim())).wrap(Wrap { trim: true }),
            list,
        );
    }
    let mut lines: Vec<Line> = Vec::new();
    for (i, x) in shown
        .iter()
        .enumerate()
        .skip(rows.offset)
        .take(rows.height())
    {
        lines.push(action_row(app, x, i == sel, id_w, owner_w, title_w));
    }
    f.render_widget(Paragraph::new(lines), list);
    if let Some(x) = shown.get(sel) {
        action_detail(app, x, f, detail);
    }
    status_line(app, f, status);
    let ctx = if app.plan.status_pending {
        Ctx::PlanStatus
    } else {
        Ctx::Plan
    };
    key_bar(app, ctx, f, bar);
}

fn action_row(
    app: &App,
    x: &Action,
    on: bool,
    id_w: usize,
    owner_w: usize,
    title_w: usize,
) -> Line<'static> {
    let t = &app.theme;
    let base = if on { t.selected() } else { Style::default() };
    let overdue = x.is_overdue(&app.today);
    let status_style = if x.status.is_open() {
        Style::default()
    } else {
        t.dim()
    };
    let due = if x.due.is_empty() {
        "-".to_string()
    } else if overdue {
        format!("{} !", x.due.get())
    } else {
        x.due.get().clone()
    };
    Line::from(vec![
        Span::styled(pad(&x.id, id_w + 1), base.patch(t.title())),
        Span::styled(pad(x.status.word(), 12), base.patch(status_style)),
        Span::styled(
            pad(&due, 13),
            if overdue { base.patch(t.error()) } else { base },
        ),
        Span::styled(pad(&fit(&x.owner, owner_w - 1), owner_w), base),
        Span::styled(pad(x.priority.map(|p| p.word()).unwrap_or("-"), 7), base),
        Span::styled(fit(&x.title, title_w), base),
    ])
}

/// The selected action: its process, attributes and findings, then its history.
fn action_detail(app: &App, x: &Action, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let mut facts = vec![format!("{} ", x.id)];
    match &x.process {
        Some(p) => facts.push(format!(
            "for {p}{} ({} goes there)",
            if x.attributes.is_empty() {
                String::new()
            } else {
                format!(
                    " {}",
                    x.attributes
                        .iter()
                        .map(|a| a.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            },
            keys::label(Ctx::Plan, Cmd::Select)
        )),
        None => facts.push("for no process in particular".into()),
    }
    if !x.findings.is_empty() {
        facts.push(format!(
            " · answers {}",
            x.findings
                .iter()
                .map(|f| f.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if let Some(e) = x.effort {
        facts.push(format!(" · effort {e}"));
    }
    let history: Vec<String> = x
        .history
        .iter()
        .map(|h| {
            let by = if h.by.is_empty() {
                String::new()
            } else {
                format!(" {}", h.by)
            };
            format!("{} {}{by}", h.status, h.date.get())
        })
        .collect();
    let mut lines = vec![
        Line::from(Span::styled("─".repeat(area.width as usize), t.border())),
        Line::raw(clean(&facts.concat())),
        Line::from(vec![
            Span::styled("History: ", t.dim()),
            Span::raw(if history.is_empty() {
                "none recorded".to_string()
            } else {
                clean(&history.join(" → "))
            }),
        ]),
    ];
    if !x.description.is_empty() {
        lines.push(Line::from(Span::styled(clean(&x.description), t.dim())));
    }
    // The rest of a long description is counted on the last row rather than cut silently.
    let para = Paragraph::new(lines).wrap(Wrap { trim: false });
    let total = para.line_count(area.width.max(1));
    let rows = marks_row(t, f, area, total, 0);
    f.render_widget(para, rows);
}
