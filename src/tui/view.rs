//! Drawing: a pure function of [`App`]. Nothing here changes state or touches a file.
//!
//! Text that comes from files (model texts, notes, titles) goes through [`clean`] before it is
//! drawn, so an escape sequence inside a note is shown, never sent to the terminal.

use super::app::{App, EVIDENCE_LABELS, FORM_LABELS, Filter, Level, Overlay, Pane, Screen};
use super::keys::{self, Ctx};
use super::theme::Theme;
use crate::assessment::ProcessRecord;
use crate::profile::{AttributeScore, ProcessScore, Source};
use crate::rating::{self, Rating};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

pub use crate::text::clean;

/// Breaks text into lines of at most `width` characters, at spaces where it can.
pub fn wrap_words(s: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = String::new();
    for word in clean(s).split(' ') {
        let wl = word.chars().count();
        let ll = line.chars().count();
        if ll > 0 && ll + 1 + wl > width {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
        while line.chars().count() > width.max(1) {
            let head: String = line.chars().take(width.max(1)).collect();
            let rest: String = line.chars().skip(width.max(1)).collect();
            out.push(head);
            line = rest;
        }
    }
    if !line.is_empty() || out.is_empty() {
        out.push(line);
    }
    out
}

/// Cuts to `width` characters with an ellipsis.
fn fit(s: &str, width: usize) -> String {
    let s = clean(s);
    if s.chars().count() <= width {
        s
    } else if width == 0 {
        String::new()
    } else {
        let mut t: String = s.chars().take(width - 1).collect();
        t.push('…');
        t
    }
}

fn pad(s: &str, width: usize) -> String {
    let t = fit(s, width);
    let n = t.chars().count();
    format!("{t}{}", " ".repeat(width.saturating_sub(n)))
}

/// The areas of the walk-through.
#[derive(Clone, Copy, Debug)]
pub struct WalkLayout {
    pub title: Rect,
    pub processes: Rect,
    pub header: Rect,
    pub attributes: Rect,
    pub detail: Rect,
    pub status: Rect,
    pub bar: Rect,
}

/// Splits the screen for the walk-through; `n_attrs` rows are given to the attribute list.
pub fn walk_layout(area: Rect, n_attrs: usize) -> WalkLayout {
    let [title, body, status, bar] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(5),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let left = (area.width * 35 / 100).clamp(30, 46);
    let [processes, right] =
        Layout::horizontal([Constraint::Length(left), Constraint::Min(20)]).areas(body);
    let attrs_h = (n_attrs as u16 + 2)
        .min(right.height.saturating_sub(6) / 2 + 2)
        .max(3);
    let [header, attributes, detail] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(attrs_h),
        Constraint::Min(3),
    ])
    .areas(right);
    WalkLayout {
        title,
        processes,
        header,
        attributes,
        detail,
        status,
        bar,
    }
}

/// The first row to show so that `selected` stays visible in `height` rows.
pub fn list_offset(selected: usize, height: usize) -> usize {
    if height == 0 {
        0
    } else {
        selected.saturating_sub(height - 1)
    }
}

/// A row of the process list: a category heading or a process.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Row {
    Heading(String),
    /// Index into the assessment's processes.
    Process(usize),
}

/// The rows of the process list, with the visible position of each process row.
pub fn process_rows(app: &App) -> Vec<(Row, Option<usize>)> {
    let Some(doc) = &app.doc else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut last_cat = String::new();
    for (vp, pi) in app.visible_processes().into_iter().enumerate() {
        let score = &doc.profile.processes[pi];
        if score.category != last_cat {
            let name = doc
                .model
                .processes
                .category(&score.category)
                .map(|c| c.name.clone())
                .unwrap_or_else(|| score.category.clone());
            out.push((Row::Heading(name), None));
            last_cat = score.category.clone();
        }
        out.push((Row::Process(pi), Some(vp)));
    }
    out
}

/// The common prefix of the model's process ids up to a dot ("ISMS."), dropped in the list.
fn id_prefix(ids: &[&str]) -> usize {
    let Some(first) = ids.first() else { return 0 };
    let mut n = first.len();
    for id in ids {
        n = n.min(
            first
                .chars()
                .zip(id.chars())
                .take_while(|(a, b)| a == b)
                .count(),
        );
    }
    first[..n].rfind('.').map(|i| i + 1).unwrap_or(0)
}

pub fn view(app: &App, f: &mut Frame) {
    let area = f.area();
    match app.screen {
        Screen::Home => home(app, f, area),
        Screen::NewForm => new_form(app, f, area),
        Screen::Walk => walk(app, f, area),
        Screen::Summary => summary(app, f, area),
    }
    if let Some(o) = &app.overlay {
        overlay(app, o, f, area);
    }
}

/// The bar of key hints. When they do not all fit, hints are dropped from the end, but never
/// help and quit, so that every other key can always be found.
fn key_bar(app: &App, ctx: Ctx, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let mut items = keys::hints(ctx);
    let width = |items: &[(String, &str)]| -> usize {
        items
            .iter()
            .map(|(k, h)| k.chars().count() + h.chars().count() + 3)
            .sum()
    };
    while width(&items) > area.width as usize {
        let Some(pos) = items
            .iter()
            .rposition(|(_, h)| *h != "help" && *h != "quit")
        else {
            break;
        };
        items.remove(pos);
    }
    let mut spans = Vec::new();
    for (key, hint) in items {
        spans.push(Span::styled(key, t.key()));
        spans.push(Span::raw(format!(" {hint}  ")));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn status_line(app: &App, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    if let Some(s) = &app.status {
        let style = match s.level {
            Level::Info => Style::default(),
            Level::Ok => t.ok(),
            Level::Error => t.error(),
        };
        f.render_widget(Paragraph::new(Span::styled(clean(&s.text), style)), area);
    }
}

// ---------------------------------------------------------------------------------------------
// Home
// ---------------------------------------------------------------------------------------------

fn home(app: &App, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let [title, body, status, bar] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    f.render_widget(
        Paragraph::new(vec![
            Line::from(vec![
                Span::styled("capra", t.title()),
                Span::raw("  process capability assessment (ISO/IEC 33020)"),
            ]),
            Line::from(Span::styled("Assessments in ./assessments", t.dim())),
        ]),
        title,
    );
    let w = body.width as usize;
    let title_w = w.saturating_sub(48).max(16);
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "{} {} {:<10} {:>7}",
            pad("TITLE", title_w),
            pad("UNIT", 24),
            "CREATED",
            "RATED"
        ),
        t.heading(),
    ))];
    for (i, e) in app.home.iter().enumerate() {
        let text = match &e.error {
            Some(err) => format!(
                "{} {}",
                pad(&e.path.display().to_string(), title_w),
                fit(err, 40)
            ),
            None => format!(
                "{} {} {:<10} {:>7}",
                pad(&e.title, title_w),
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
    if app.home.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::raw(
            "No assessments here yet. Press n to start one from the ISMS model.",
        ));
    } else {
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled(
            "Enter opens the selected assessment; n starts a new one from the ISMS model.",
            t.dim(),
        )));
    }
    f.render_widget(
        Paragraph::new(lines),
        Rect {
            y: body.y + 1,
            height: body.height.saturating_sub(1),
            ..body
        },
    );
    status_line(app, f, status);
    key_bar(app, Ctx::Home, f, bar);
}

// ---------------------------------------------------------------------------------------------
// New assessment form
// ---------------------------------------------------------------------------------------------

fn new_form(app: &App, f: &mut Frame, area: Rect) {
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
            " Processes in scope: {chosen} of {} (Space toggles, Ctrl+a all) ",
            form.processes.len()
        ));
    let inner = block.inner(list);
    f.render_widget(block, list);
    let h = inner.height as usize;
    let off = list_offset(form.proc_sel, h);
    let lines: Vec<Line> = form
        .processes
        .iter()
        .enumerate()
        .skip(off)
        .take(h)
        .map(|(i, (id, name, on))| {
            let text = format!(
                "[{}] {:<13} {}",
                if *on { "x" } else { " " },
                id,
                clean(name)
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

// ---------------------------------------------------------------------------------------------
// Walk-through
// ---------------------------------------------------------------------------------------------

fn walk(app: &App, f: &mut Frame, area: Rect) {
    let Some(doc) = &app.doc else { return };
    let t = &app.theme;
    let pi = app.selected_process();
    let attrs = pi.map(|pi| app.visible_attributes(pi)).unwrap_or_default();
    let l = walk_layout(area, attrs.len());

    // Title bar.
    let s = &doc.profile.summary;
    let mut title = vec![
        Span::styled("capra ", t.title()),
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
    ];
    let open = doc.open_warnings;
    if open > 0 {
        title.push(Span::styled(
            format!("  {open} warning{} (w)", if open == 1 { "" } else { "s" }),
            t.warn(),
        ));
    }
    if doc.read_only {
        title.push(Span::styled("  READ-ONLY", t.error()));
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
    f.render_widget(Paragraph::new(Line::from(title)), l.title);

    process_list(app, f, l.processes);
    match pi {
        Some(pi) => {
            let score = &doc.profile.processes[pi];
            let record = &doc.assessment.processes[pi];
            process_header(app, score, record, f, l.header);
            attribute_list(app, score, record, &attrs, f, l.attributes);
            detail(app, score, f, l.detail);
        }
        None => {
            let msg = if app.visible_processes().is_empty() && !doc.assessment.processes.is_empty()
            {
                "No process matches the filter or search. o changes the filter; / then Esc clears the search."
            } else {
                "No process in scope."
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

fn pane_block<'a>(t: &Theme, title: String, focused: bool) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            t.focus_border()
        } else {
            t.border()
        })
        .title(Span::styled(
            title,
            if focused {
                t.heading()
            } else {
                Style::default()
            },
        ))
}

fn process_list(app: &App, f: &mut Frame, area: Rect) {
    let Some(doc) = &app.doc else { return };
    let t = &app.theme;
    let focused = app.walk.focus == Pane::Processes;
    let block = pane_block(t, " Processes ".into(), focused);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let rows = process_rows(app);
    let ids: Vec<&str> = doc
        .assessment
        .processes
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    let cut = id_prefix(&ids);
    let id_w = ids.iter().map(|i| i.len() - cut).max().unwrap_or(4);
    let w = inner.width as usize;
    let sel_row = rows
        .iter()
        .position(|r| r.1 == Some(app.walk.proc_sel))
        .unwrap_or(0);
    let h = inner.height as usize;
    let off = list_offset(sel_row, h);
    let mut lines = Vec::new();
    for (row, vp) in rows.iter().skip(off).take(h) {
        match row {
            Row::Heading(name) => {
                lines.push(Line::from(Span::styled(fit(name, w), t.heading())));
            }
            Row::Process(pi) => {
                let p = &doc.profile.processes[*pi];
                let right = format!(
                    " {}/{} {}/{}",
                    p.capability_level, p.target_level, p.rated, p.to_rate
                );
                let name_w = w.saturating_sub(id_w + 1 + right.chars().count());
                let mark = if doc.assessment.processes[*pi]
                    .ratings
                    .iter()
                    .any(|r| r.review == Some(crate::assessment::Review::Flagged))
                {
                    "⚑"
                } else {
                    " "
                };
                let selected = *vp == Some(app.walk.proc_sel);
                let base = if selected {
                    if focused {
                        t.selected()
                    } else {
                        t.selected_unfocused()
                    }
                } else {
                    Style::default()
                };
                lines.push(Line::from(vec![
                    Span::styled(format!("{:<id_w$}", &p.id[cut..]), base),
                    Span::styled(mark, base),
                    Span::styled(pad(&p.name, name_w), base),
                    Span::styled(
                        format!(" {}/{}", p.capability_level, p.target_level),
                        base.patch(t.gap(p.gap)),
                    ),
                    Span::styled(format!(" {}/{}", p.rated, p.to_rate), base.patch(t.dim())),
                ]));
            }
        }
    }
    f.render_widget(Paragraph::new(lines), inner);
}

fn process_header(app: &App, p: &ProcessScore, record: &ProcessRecord, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let Some(doc) = &app.doc else { return };
    let cat = doc
        .model
        .processes
        .category(&p.category)
        .map(|c| c.name.clone())
        .unwrap_or_default();
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{} {}", p.id, clean(&p.name)), t.title()),
        Span::styled(format!("  {cat}"), t.dim()),
    ])];
    let level_name = doc
        .model
        .framework
        .level(p.capability_level)
        .map(|l| l.name.clone())
        .unwrap_or_default();
    let mut l2 = vec![Span::styled(
        format!(
            "Level {} {} of target {}{}",
            p.capability_level,
            level_name,
            p.target_level,
            if p.gap > 0 {
                format!(" (gap {})", p.gap)
            } else {
                " ✓".to_string()
            }
        ),
        t.gap(p.gap).add_modifier(Modifier::BOLD),
    )];
    if let Some((lvl, _)) = doc.previous_level(&p.id) {
        l2.push(Span::styled(
            format!("  (last assessment: level {lvl})"),
            t.dim(),
        ));
    }
    lines.push(Line::from(l2));
    lines.push(match &p.blocked_by {
        Some(b) => Line::from(vec![
            Span::styled(format!("Next, level {}: ", b.level), t.dim()),
            Span::raw(b.explain()),
        ]),
        None => Line::from(Span::styled("Highest level reached.", t.ok())),
    });
    let _ = record;
    f.render_widget(Paragraph::new(lines), area);
}

/// The rating shown in the attribute list for the current instance choice.
fn shown_rating(
    app: &App,
    a: &AttributeScore,
    record: &ProcessRecord,
) -> (Option<Rating>, &'static str) {
    match app.instance_name() {
        Some(i) => (
            record
                .ratings
                .iter()
                .find(|r| {
                    r.attribute == a.id.as_str()
                        && r.instance.as_ref().is_some_and(|x| x == i.as_str())
                })
                .and_then(|r| r.rating()),
            "",
        ),
        None => (
            a.rating,
            match a.source {
                Source::Aggregated => "agg",
                Source::Override => "ovr",
                Source::Proposed => "prop",
                Source::Accepted => "acc",
                _ => "",
            },
        ),
    }
}

fn attribute_list(
    app: &App,
    p: &ProcessScore,
    record: &ProcessRecord,
    attrs: &[String],
    f: &mut Frame,
    area: Rect,
) {
    let Some(doc) = &app.doc else { return };
    let t = &app.theme;
    let focused = app.walk.focus == Pane::Attributes;
    let title = match (app.instance_name(), record.instances.is_empty()) {
        (Some(i), _) => format!(" Attributes · instance {} (i: next) ", clean(&i)),
        (None, false) => format!(
            " Attributes {}/{} rated · process as a whole (i: instances) ",
            p.rated, p.to_rate
        ),
        (None, true) => format!(" Attributes {}/{} rated ", p.rated, p.to_rate),
    };
    let block = pane_block(t, title, focused);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = inner.width as usize;
    let sel = app.walk.attr_sel.min(attrs.len().saturating_sub(1));
    let h = inner.height as usize;
    let off = list_offset(sel, h);
    let mut lines = Vec::new();
    for (i, id) in attrs.iter().enumerate().skip(off).take(h) {
        let Some(a) = p.attributes.iter().find(|x| &x.id == id) else {
            continue;
        };
        let name = doc
            .model
            .attribute(id)
            .map(|x| x.name.clone())
            .unwrap_or_default();
        let rec = record.ratings.iter().find(|r| {
            r.attribute == id.as_str()
                && r.instance.as_ref().map(|x| x.to_string()) == app.instance_name()
        });
        let (rating, tag) = shown_rating(app, a, record);
        let was = doc
            .previous_rating(&p.id, id)
            .filter(|_| app.instance_name().is_none());
        let tag = match (tag, was) {
            ("", Some(w)) => format!("({})", w.code()),
            (t, _) => t.to_string(),
        };
        let note = if rec.is_some_and(|r| !r.note.is_empty()) {
            "✎"
        } else {
            " "
        };
        let ev = rec.map(|r| r.evidence.len()).unwrap_or(0);
        let ev = if ev > 0 {
            format!("E{ev}")
        } else {
            "  ".into()
        };
        let review = match rec.and_then(|r| r.review) {
            Some(crate::assessment::Review::Flagged) => "⚑",
            Some(crate::assessment::Review::Reviewed) => "✓",
            None => " ",
        };
        let conf = match rec.and_then(|r| r.confidence) {
            Some(c) => c.word()[..1].to_uppercase(),
            None => " ".into(),
        };
        let short = match a.needed {
            Some(n) => !rating.is_some_and(|r| r.meets(n)),
            None => false,
        };
        let need = match a.needed {
            Some(n) if short => format!("needs {}", n.code()),
            Some(_) => "ok".to_string(),
            None => String::new(),
        };
        let right = format!(" {note}{ev:>3} {review}{conf} {need:<8}");
        let name_w = w.saturating_sub(6 + 1 + 4 + 4 + right.chars().count());
        let selected = i == sel;
        let base = if selected {
            if focused {
                t.selected()
            } else {
                t.selected_unfocused()
            }
        } else {
            Style::default()
        };
        let code = rating.map(|r| r.code()).unwrap_or("·");
        lines.push(Line::from(vec![
            Span::styled(format!("{id:<6} "), base),
            Span::styled(pad(&name, name_w), base),
            Span::styled(format!(" {code:<3}"), base.patch(t.rating(rating))),
            Span::styled(format!("{tag:<4}"), base.patch(t.dim())),
            Span::styled(right, base),
        ]));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

fn section<'a>(t: &Theme, lines: &mut Vec<Line<'a>>, title: &str) {
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(title.to_string(), t.heading())));
}

fn detail(app: &App, p: &ProcessScore, f: &mut Frame, area: Rect) {
    let Some(doc) = &app.doc else { return };
    let t = &app.theme;
    let focused = app.walk.focus == Pane::Detail;
    let Some(attr_id) = app.selected_attribute() else {
        return;
    };
    let Some(attr) = doc.model.attribute(&attr_id) else {
        return;
    };
    let Some(score) = p.attributes.iter().find(|a| a.id == attr_id) else {
        return;
    };
    let Some(mp) = doc.model.process(&p.id) else {
        return;
    };
    let block = pane_block(
        t,
        format!(" {} {} · level {} ", attr.id, clean(&attr.name), attr.level),
        focused,
    );
    let inner = block.inner(area);
    f.render_widget(block, area);

    let record = app.record();
    let rating = record.and_then(|r| r.rating());
    let mut lines: Vec<Line> = Vec::new();
    lines.push(Line::from(Span::styled(clean(&attr.scope), t.dim())));

    // The rating and the scale.
    let shown = if app.instance_name().is_some() {
        rating
    } else {
        score.rating
    };
    let meaning = shown
        .and_then(|r| doc.model.framework.scale_value(r.code()))
        .map(|v| clean(&v.text))
        .unwrap_or_else(|| "Not rated yet: rate with n, p, l or f.".into());
    lines.push(Line::from(vec![
        Span::raw("Rating: "),
        Span::styled(rating::describe(shown), t.rating(shown)),
        Span::raw(format!("  {meaning}")),
    ]));
    let mut scale = vec![Span::raw("Scale: ")];
    for (key, code) in [("n", "N"), ("p", "P"), ("l", "L"), ("f", "F")] {
        let v = doc.model.framework.scale_value(code);
        let band = v.map(|v| format!("≤{}%", v.up_to)).unwrap_or_default();
        let on = shown.is_some_and(|r| r.base().code() == code);
        scale.push(Span::styled(key, t.key()));
        scale.push(Span::styled(
            format!(" {code} {band}"),
            if on { t.selected() } else { Style::default() },
        ));
        scale.push(Span::raw(" "));
    }
    lines.push(Line::from(scale));
    lines.push(Line::from(vec![
        Span::raw("       "),
        Span::styled("-/+", t.key()),
        Span::raw(" refine  "),
        Span::styled("x", t.key()),
        Span::raw(" clear  "),
        Span::styled("c", t.key()),
        Span::raw(" confidence  "),
        Span::styled("r", t.key()),
        Span::raw(" review"),
    ]));
    if let Some(need) = score.needed {
        let met = !score.short_of_target();
        lines.push(Line::from(vec![
            Span::raw(format!(
                "Target level {} needs {}: ",
                p.target_level,
                rating::need_phrase(need)
            )),
            if met {
                Span::styled("met", t.ok())
            } else {
                Span::styled("not yet", t.warn())
            },
        ]));
    }
    if !score.instances.is_empty() {
        let list: Vec<String> = score
            .instances
            .iter()
            .map(|(i, r)| format!("{} {}", clean(i), rating::describe(*r)))
            .collect();
        let agg = score
            .aggregate
            .map(|r| r.code().to_string())
            .unwrap_or_else(|| "none yet".into());
        lines.push(Line::raw(format!(
            "Instances: {} → aggregate ({}) {agg}{}",
            list.join(", "),
            doc.assessment.assessment.aggregation,
            if score.source == Source::Override {
                " (overridden by the rating of the process as a whole)"
            } else {
                ""
            }
        )));
    }
    if let Some(prop) = &score.proposal {
        let of = if attr.level == 1 {
            "outcomes"
        } else {
            "achievements"
        };
        lines.push(Line::from(vec![
            Span::raw("Proposed from characterisations: "),
            Span::styled(rating::describe(prop.rating), t.rating(prop.rating)),
            Span::raw(format!(
                " ({} of {} {of}; {}, {}){}",
                prop.characterised,
                prop.items.len(),
                doc.assessment.assessment.aggregation,
                doc.assessment.assessment.aggregation_order,
                match score.source {
                    Source::Accepted => " · accepted",
                    Source::Override => " · overridden by the rating",
                    Source::Proposed => " · A accepts it",
                    _ if !prop.is_complete() => " · counts once all are characterised",
                    _ => "",
                }
            )),
        ]));
        lines.push(Line::from(Span::styled(clean(&prop.explain()), t.dim())));
    }
    if let Some(w) = doc.previous_rating(&p.id, &attr_id) {
        lines.push(Line::from(vec![
            Span::styled("Last assessment: ", t.dim()),
            Span::styled(w.code().to_string(), t.rating(Some(w))),
        ]));
    }
    // Each assessor's own rating, when the file is a merge of several.
    if let Some(rec) = doc.assessment.process(&p.id) {
        let inst = app.instance_name();
        let mine: Vec<&crate::assessment::RatingRecord> = rec
            .assessor_ratings
            .iter()
            .filter(|r| {
                r.attribute == attr_id.as_str()
                    && r.instance.as_ref().map(|i| i.to_string()) == inst
            })
            .collect();
        if !mine.is_empty() {
            let vals: Vec<Rating> = mine.iter().filter_map(|r| r.rating()).collect();
            let split = vals
                .iter()
                .enumerate()
                .any(|(i, a)| vals[i + 1..].iter().any(|b| crate::track::disagree(*a, *b)));
            let list: Vec<String> = mine
                .iter()
                .map(|r| format!("{} {}", clean(&r.assessor), rating::describe(r.rating())))
                .collect();
            lines.push(Line::from(vec![
                Span::raw("Assessors: "),
                Span::raw(list.join(", ")),
                if split {
                    Span::styled(
                        "  they disagree: agree a rating, E for the rationale, r when reviewed",
                        t.warn(),
                    )
                } else {
                    Span::raw("")
                },
            ]));
        }
    }
    let mut facts = Vec::new();
    facts.push(format!(
        "Confidence: {}",
        record
            .and_then(|r| r.confidence)
            .map(|c| c.word())
            .unwrap_or("-")
    ));
    if let Some(r) = record {
        if !r.assessor.is_empty() {
            facts.push(format!("Assessor: {}", clean(&r.assessor)));
        }
        if let Some(rv) = r.review {
            facts.push(format!(
                "Review: {}",
                match rv {
                    crate::assessment::Review::Flagged => "flagged",
                    crate::assessment::Review::Reviewed => "reviewed",
                }
            ));
        }
    }
    lines.push(Line::raw(facts.join(" · ")));
    if let Some(r) = record
        && !r.rationale.is_empty()
    {
        lines.push(Line::raw(format!("Rationale: {}", clean(&r.rationale))));
    }

    section(t, &mut lines, "Note (e)");
    match record.map(|r| r.note.as_str()).filter(|n| !n.is_empty()) {
        Some(note) => {
            for l in note.lines() {
                lines.push(Line::raw(clean(l)));
            }
        }
        None => lines.push(Line::from(Span::styled(
            "No note yet: press e to write one.",
            t.dim(),
        ))),
    }
    section(t, &mut lines, "Evidence (v)");
    let linked: Vec<String> = record
        .map(|r| r.evidence.iter().map(|e| e.to_string()).collect())
        .unwrap_or_default();
    if linked.is_empty() {
        lines.push(Line::from(Span::styled(
            "None linked: press v to link or add.",
            t.dim(),
        )));
    }
    for id in &linked {
        let e = doc.assessment.evidence_item(id);
        lines.push(Line::raw(match e {
            Some(e) => format!("{id} {} ({})", clean(&e.title), e.kind),
            None => id.clone(),
        }));
    }

    // The items under the attribute, each with its characterisation for the instance being
    // rated; in the detail pane the rating keys characterise the selected one.
    let selected_item = app.selected_item();
    let mut sel_line: Option<usize> = None;
    let mut item =
        |lines: &mut Vec<Line<'static>>, id: &str, title: String, text: &str, maps: &str| {
            let value = app.characterisation(id);
            let on = selected_item.as_deref() == Some(id);
            if on {
                sel_line = Some(lines.len());
            }
            let base = if on { t.selected() } else { Style::default() };
            let mut spans = vec![
                Span::styled(
                    format!("[{:<2}] ", value.map(|r| r.code()).unwrap_or("·")),
                    base.patch(t.rating(value)),
                ),
                Span::styled(format!("{id} "), base.patch(t.title())),
                Span::styled(clean(&title), base),
            ];
            if !maps.is_empty() {
                spans.push(Span::styled(format!(" [{maps}]"), t.dim()));
            }
            lines.push(Line::from(spans));
            if !text.is_empty() {
                lines.push(Line::raw(format!("      {}", clean(text))));
            }
        };
    let hint = if app.walk.focus == Pane::Detail {
        "↑↓ select, n p l f characterise, x remove"
    } else {
        "Tab here to characterise with n p l f"
    };
    if attr.level == 1 {
        section(t, &mut lines, "Purpose");
        lines.push(Line::raw(clean(&mp.purpose)));
        section(t, &mut lines, &format!("Outcomes ({hint})"));
        for o in &mp.outcomes {
            item(&mut lines, &o.id, o.text.clone(), "", "");
        }
        for (title, list) in [
            ("Base practices", &mp.base_practices),
            ("Information items", &mp.information_items),
        ] {
            section(t, &mut lines, title);
            for i in list.iter() {
                let maps: Vec<&str> = i.maps_to.iter().map(|x| x.as_str()).collect();
                item(&mut lines, &i.id, i.name.clone(), &i.text, &maps.join(", "));
            }
        }
    } else {
        section(t, &mut lines, &format!("Achievements ({hint})"));
        for a in &attr.achievements {
            item(&mut lines, &a.id, a.text.clone(), "", "");
        }
        for (title, list) in [
            ("Generic practices", &attr.generic_practices),
            ("Generic resources", &attr.generic_resources),
        ] {
            if list.is_empty() {
                continue;
            }
            section(t, &mut lines, title);
            for g in list.iter() {
                let maps: Vec<&str> = g.maps_to.iter().map(|x| x.as_str()).collect();
                item(&mut lines, &g.id, g.name.clone(), &g.text, &maps.join(", "));
            }
        }
    }
    let guidance = if attr.level == 1 {
        &mp.guidance
    } else {
        &attr.guidance
    };
    if !guidance.questions.is_empty() {
        section(t, &mut lines, "Questions to ask");
        for q in &guidance.questions {
            lines.push(Line::raw(format!("• {}", clean(q))));
        }
    }
    if !guidance.evidence.is_empty() {
        section(t, &mut lines, "Typical evidence");
        for q in &guidance.evidence {
            lines.push(Line::raw(format!("• {}", clean(q))));
        }
    }
    section(t, &mut lines, "The rating scale");
    for v in &doc.model.framework.scale {
        let lower = if v.above == 0.0 {
            "0".to_string()
        } else {
            format!(">{}", v.above)
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{:<3}", v.code.as_str()), t.title()),
            Span::styled(format!("{lower}-{}% ", v.up_to), t.dim()),
            Span::raw(clean(&v.text)),
        ]));
    }
    // With an item selected, scroll so that it sits a third of the way down.
    let scroll = match sel_line {
        Some(at) => {
            let w = inner.width.max(1) as usize;
            let rows: usize = lines[..at]
                .iter()
                .map(|l| {
                    let n: usize = l.spans.iter().map(|s| s.content.chars().count()).sum();
                    n.div_ceil(w).max(1)
                })
                .sum();
            rows.saturating_sub(inner.height as usize / 3) as u16
        }
        None => app.walk.detail_scroll,
    };
    f.render_widget(
        Paragraph::new(Text::from(lines))
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        inner,
    );
}

// ---------------------------------------------------------------------------------------------
// Summary
// ---------------------------------------------------------------------------------------------

fn summary(app: &App, f: &mut Frame, area: Rect) {
    let Some(doc) = &app.doc else { return };
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
        "Evidence behind {} of {} rated ({} by two kinds) · confidence H{} M{} L{} -{} · {open} open warning{} (w in the walk-through)",
        c.with_evidence,
        c.rated,
        c.two_kinds,
        c.confidence_high,
        c.confidence_medium,
        c.confidence_low,
        c.confidence_unset,
        if open == 1 { "" } else { "s" }
    );
    f.render_widget(
        Paragraph::new(vec![
            Line::from(vec![
                Span::styled("Summary ", t.title()),
                Span::raw(fit(&doc.assessment.assessment.title, 60)),
            ]),
            Line::from(Span::styled(
                format!(
                    "{} of {} processes at or above target · {} below · total gap {} level(s) · {} of {} attributes rated",
                    s.at_or_above_target, s.processes, s.below_target, s.total_gap, s.rated, s.to_rate
                ),
                t.dim(),
            )),
            Line::from(Span::styled(coverage, t.dim())),
        ]),
        title,
    );
    let attrs: Vec<&str> = doc.model.attributes().map(|a| a.id.as_str()).collect();
    let max = doc.model.max_level() as usize;
    let ids: Vec<&str> = doc
        .assessment
        .processes
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    let cut = id_prefix(&ids);
    let id_w = ids.iter().map(|i| i.len() - cut).max().unwrap_or(4);
    let cell = if body.width >= 110 { 6 } else { 4 };
    let fixed = id_w + 1 + max * 2 + 2 + 4 + 5 + attrs.len() * cell + 6;
    let name_w = (body.width as usize).saturating_sub(fixed + 2).clamp(0, 40);
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
    for p in &doc.profile.processes {
        let mut spans = vec![Span::raw(format!(
            "{:<id_w$} {} ",
            &p.id[cut..],
            pad(&p.name, name_w)
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
        "██ level reached  ░░ short of target  · not rated  EVID: rated attributes backed by evidence",
        t.dim(),
    )));
    f.render_widget(Paragraph::new(lines).scroll((app.summary_scroll, 0)), body);
    status_line(app, f, status);
    key_bar(app, Ctx::Summary, f, bar);
}

// ---------------------------------------------------------------------------------------------
// Overlays
// ---------------------------------------------------------------------------------------------

fn centered(area: Rect, w_pct: u16, h: u16) -> Rect {
    let w = (area.width * w_pct / 100).max(40).min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

fn overlay(app: &App, o: &Overlay, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    match o {
        Overlay::Help { scroll } => {
            let r = centered(area, 90, area.height.saturating_sub(2));
            f.render_widget(Clear, r);
            let block = Block::default()
                .borders(Borders::ALL)
                .border_style(t.focus_border())
                .title(" Keys (Esc closes, ↑↓ scroll) ");
            let inner = block.inner(r);
            f.render_widget(block, r);
            let mut lines = Vec::new();
            let text_w = (inner.width as usize).saturating_sub(24).max(10);
            let row = |keys: &str, help: &str, lines: &mut Vec<Line>| {
                for (i, part) in wrap_words(help, text_w).into_iter().enumerate() {
                    let k = if i == 0 { keys } else { "" };
                    lines.push(Line::from(vec![
                        Span::styled(format!("  {k:<22}"), t.key()),
                        Span::raw(part),
                    ]));
                }
            };
            for (ctx, rows) in keys::help_sections() {
                lines.push(Line::from(Span::styled(
                    ctx.title().to_string(),
                    t.heading(),
                )));
                for (keys, help) in rows {
                    row(&keys, help, &mut lines);
                }
                if ctx == Ctx::Walk {
                    row(
                        "mouse",
                        "click selects a process or attribute; the wheel scrolls the pane under it",
                        &mut lines,
                    );
                    row(
                        "t then 0-5",
                        "set the target level of the selected process",
                        &mut lines,
                    );
                }
                lines.push(Line::raw(""));
            }
            f.render_widget(Paragraph::new(lines).scroll((*scroll, 0)), inner);
        }
        Overlay::Note {
            text: ta,
            rationale,
        } => {
            let r = centered(area, 80, (area.height * 6 / 10).max(8));
            f.render_widget(Clear, r);
            let slot = app.slot();
            let what = if *rationale {
                "Why the rating overrides the aggregate or proposal"
            } else {
                "Note"
            };
            let title = match &slot {
                Some(s) => format!(
                    " {what} · {} {}{} · Esc saves and closes ",
                    s.process,
                    s.attribute,
                    s.instance
                        .as_ref()
                        .map(|i| format!(" ({})", clean(i)))
                        .unwrap_or_default()
                ),
                None => format!(" {what} "),
            };
            let block = Block::default()
                .borders(Borders::ALL)
                .border_style(t.focus_border())
                .title(title);
            let inner = block.inner(r);
            f.render_widget(block, r);
            f.render_widget(ta.as_ref(), inner);
        }
        Overlay::Picker(p) => {
            let items = app.picker_items();
            let r = centered(
                area,
                80,
                (items.len() as u16 + 5).clamp(8, area.height.saturating_sub(2)),
            );
            f.render_widget(Clear, r);
            let block = Block::default()
                .borders(Borders::ALL)
                .border_style(t.focus_border())
                .title(" Evidence: Enter links or unlinks · Ctrl+n new item · type to filter · Esc closes ");
            let inner = block.inner(r);
            f.render_widget(block, r);
            let [filter, list] =
                Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
            let [fl, fv] =
                Layout::horizontal([Constraint::Length(8), Constraint::Min(5)]).areas(filter);
            f.render_widget(Paragraph::new("Filter:"), fl);
            f.render_widget(&p.filter, fv);
            let h = list.height as usize;
            let off = list_offset(p.selected, h);
            let mut lines = Vec::new();
            if items.is_empty() {
                lines.push(Line::from(Span::styled(
                    "No evidence item matches. Ctrl+n adds a new one.",
                    t.dim(),
                )));
            }
            for (i, (id, title, kind, linked)) in items.iter().enumerate().skip(off).take(h) {
                let text = format!(
                    "[{}] {id:<6} {:<12} {}",
                    if *linked { "x" } else { " " },
                    kind.word(),
                    clean(title)
                );
                let style = if i == p.selected {
                    t.selected()
                } else {
                    Style::default()
                };
                lines.push(Line::from(Span::styled(text, style)));
            }
            f.render_widget(Paragraph::new(lines), list);
        }
        Overlay::EvidenceForm(form) => {
            let r = centered(area, 70, 10);
            f.render_widget(Clear, r);
            let block = Block::default()
                .borders(Borders::ALL)
                .border_style(t.focus_border())
                .title(" New evidence item · Tab next field · Enter adds and links · Esc cancels ");
            let inner = block.inner(r);
            f.render_widget(block, r);
            for (i, label) in EVIDENCE_LABELS.iter().enumerate() {
                if i as u16 >= inner.height {
                    break;
                }
                let row = Rect::new(inner.x, inner.y + i as u16, inner.width, 1);
                let [l, v] =
                    Layout::horizontal([Constraint::Length(20), Constraint::Min(5)]).areas(row);
                let focused = form.focus == i;
                f.render_widget(
                    Paragraph::new(Span::styled(
                        format!("{label}:"),
                        if focused { t.key() } else { Style::default() },
                    )),
                    l,
                );
                if i == 1 {
                    let kinds: Vec<Span> = crate::assessment::EvidenceKind::ALL
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
                } else {
                    let idx = if i == 0 { 0 } else { i - 1 };
                    let mut ta = form.fields[idx].clone();
                    ta.set_cursor_line_style(Style::default());
                    if !focused {
                        ta.set_cursor_style(Style::default());
                    }
                    f.render_widget(&ta, v);
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
        Overlay::Search(ta) => {
            let r = Rect::new(area.x, area.bottom().saturating_sub(3), area.width, 3);
            f.render_widget(Clear, r);
            let block = Block::default()
                .borders(Borders::ALL)
                .border_style(t.focus_border())
                .title(" Search processes and indicators · Enter applies · Esc clears ");
            let inner = block.inner(r);
            f.render_widget(block, r);
            f.render_widget(ta.as_ref(), inner);
        }
        Overlay::Warnings { selected } => {
            let ws = app.warnings();
            let r = centered(area, 90, area.height.saturating_sub(2));
            f.render_widget(Clear, r);
            let open = ws.iter().filter(|w| w.acknowledged.is_none()).count();
            let block = Block::default()
                .borders(Borders::ALL)
                .border_style(t.focus_border())
                .title(format!(
                    " Consistency warnings: {open} open, {} acknowledged · Enter goes to it · a acknowledges · Esc closes ",
                    ws.len() - open
                ));
            let inner = block.inner(r);
            f.render_widget(block, r);
            let mut lines: Vec<Line> = Vec::new();
            let mut sel_row = 0;
            if ws.is_empty() {
                lines.push(Line::raw(
                    "No warnings: the ratings, their evidence and each other agree.",
                ));
            }
            let w = inner.width as usize;
            for (i, wn) in ws.iter().enumerate() {
                let on = i == *selected;
                if on {
                    sel_row = lines.len();
                }
                let head = format!(
                    "{} {}  [{}]",
                    if wn.acknowledged.is_some() {
                        "✓"
                    } else {
                        "!"
                    },
                    wn.place(),
                    wn.rule
                );
                lines.push(Line::from(Span::styled(
                    head,
                    if on { t.selected() } else { t.title() },
                )));
                for l in wrap_words(&wn.reason, w.saturating_sub(4)) {
                    lines.push(Line::raw(format!("    {l}")));
                }
                if let Some(k) = &wn.acknowledged {
                    for l in wrap_words(
                        &format!("accepted: {}", k.justification),
                        w.saturating_sub(4),
                    ) {
                        lines.push(Line::from(Span::styled(format!("    {l}"), t.ok())));
                    }
                }
            }
            let off = sel_row.saturating_sub(inner.height as usize / 2) as u16;
            f.render_widget(Paragraph::new(lines).scroll((off, 0)), inner);
        }
        Overlay::Ack { warning, text } => {
            let r = centered(area, 80, 8);
            f.render_widget(Clear, r);
            let block = Block::default()
                .borders(Borders::ALL)
                .border_style(t.focus_border())
                .title(format!(
                    " Why is {} accepted? Enter saves · Esc cancels ",
                    clean(warning)
                ));
            let inner = block.inner(r);
            f.render_widget(block, r);
            f.render_widget(text.as_ref(), inner);
        }
        Overlay::Recovery { path } => {
            message_box(
                app,
                f,
                area,
                " Recovered version found ",
                &[
                    format!("{} lies beside this file.", clean(&path.display().to_string())),
                    "It holds changes an earlier capra could not save (a full disk, a read-only folder, or a file changed by someone else).".to_string(),
                ],
                Ctx::Recovery,
            );
        }
        Overlay::Conflict { recovery } => {
            message_box(
                app,
                f,
                area,
                " File changed on disk ",
                &[
                    "Another program changed the assessment file since capra opened it,"
                        .to_string(),
                    "so capra did not overwrite it.".to_string(),
                    format!(
                        "Your version is saved in {}.",
                        clean(&recovery.display().to_string())
                    ),
                ],
                Ctx::Conflict,
            );
        }
        Overlay::Locked { path, holder } => {
            message_box(
                app,
                f,
                area,
                " File in use ",
                &[
                    format!(
                        "{} is open in another capra:",
                        clean(&path.display().to_string())
                    ),
                    clean(holder),
                    "Two editors of one file would overwrite each other's ratings.".to_string(),
                ],
                Ctx::Locked,
            );
        }
    }
}

fn message_box(app: &App, f: &mut Frame, area: Rect, title: &str, text: &[String], ctx: Ctx) {
    let t = &app.theme;
    let w = (area.width * 70 / 100)
        .max(40)
        .min(area.width)
        .saturating_sub(2)
        .max(1) as usize;
    let rows: usize = text
        .iter()
        .map(|s| s.chars().count().div_ceil(w).max(1))
        .sum();
    let r = centered(area, 70, rows as u16 + 4);
    f.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.error())
        .title(title.to_string());
    let inner = block.inner(r);
    f.render_widget(block, r);
    let mut lines: Vec<Line> = text.iter().map(|s| Line::raw(s.clone())).collect();
    lines.push(Line::raw(""));
    let mut spans = Vec::new();
    for (key, hint) in keys::hints(ctx) {
        spans.push(Span::styled(key, t.key()));
        spans.push(Span::raw(format!(" {hint}   ")));
    }
    lines.push(Line::from(spans));
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
