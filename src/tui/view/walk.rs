//! The walk-through: the title bar with the counts, and the panes in their places (processes,
//! the selected process, its attributes, the detail), the status line and the key bar.

use crate::tui::keys::{self, Cmd, Ctx};
use crate::tui::layout;
use crate::tui::state::{App, Filter};
use crate::tui::view::attributes::attribute_list;
use crate::tui::view::chrome::{fit_spans, key_bar, status_line};
use crate::tui::view::detail::detail;
use crate::tui::view::processes::{process_header, process_list};
use crate::tui::view::text::{clean, fit};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Paragraph, Wrap};

pub fn walk(app: &App, f: &mut Frame, area: Rect) {
    let Some(doc) = &app.doc else { return };
    let pi = app.selected_process();
    let attrs = pi.map(|pi| app.visible_attributes(pi)).unwrap_or_default();
    let l = layout::walk_layout(area, attrs.len(), layout::name_widths(app));
    title_bar(app, f, l.title);
    process_list(app, f, l.processes);
    match pi {
        Some(pi) => {
            let score = &doc.profile.processes[pi];
            let record = &doc.assessment.processes[pi];
            process_header(app, score, f, l.header);
            attribute_list(app, score, record, &attrs, f, l.attributes);
            detail(app, score, f, l.detail);
        }
        None => {
            let msg = if app.visible_processes().is_empty() && !doc.assessment.processes.is_empty()
            {
                format!(
                    "No process matches the filter or search. {} changes the filter; {} then {} clears the search.",
                    keys::label(Ctx::Walk, Cmd::Filter),
                    keys::label(Ctx::Walk, Cmd::Search),
                    keys::label(Ctx::Search, Cmd::Clear)
                )
            } else {
                "No process in scope.".to_string()
            };
            f.render_widget(
                Paragraph::new(msg).wrap(Wrap { trim: true }),
                l.header.union(l.detail),
            );
        }
    }
    status_line(app, f, l.status);
    key_bar(app, Ctx::Walk, f, l.bar);
}

/// The title bar: the assessment, what is rated and at target, open warnings, read-only, and
/// the filter and search in force.
fn title_bar(app: &App, f: &mut Frame, area: Rect) {
    let Some(doc) = &app.doc else { return };
    let t = &app.theme;
    let s = &doc.profile.summary;
    let mut title = vec![Span::styled("capra ", t.title())];
    // Read-only comes first, so that no width of terminal cuts it off.
    if doc.read_only {
        title.push(Span::styled("READ-ONLY ", t.error()));
    }
    // The interview going on now, before the title, so that no width of terminal cuts it off.
    title.extend(crate::tui::view::clock::title_clock(app));
    title.extend([
        Span::raw(fit(
            &doc.assessment.assessment.title,
            (area.width as usize).saturating_sub(52).clamp(12, 40),
        )),
        Span::styled(
            format!(
                "  {}/{} rated · {}/{} at target",
                s.rated, s.to_rate, s.at_or_above_target, s.processes
            ),
            t.dim(),
        ),
    ]);
    let open = doc.open_warnings;
    if open > 0 {
        title.push(Span::styled(
            format!(
                "  {open} warning{} ({})",
                if open == 1 { "" } else { "s" },
                keys::label(Ctx::Walk, Cmd::Warnings)
            ),
            t.warn(),
        ));
    }
    if app.walk.filter != Filter::All {
        title.push(Span::styled(
            format!("  only {}", app.walk.filter.label()),
            t.warn(),
        ));
    }
    if !app.walk.query.is_empty() {
        title.push(Span::styled(
            format!("  search: {}", clean(&app.walk.query)),
            t.warn(),
        ));
    }
    f.render_widget(Paragraph::new(fit_spans(title, area.width as usize)), area);
}
