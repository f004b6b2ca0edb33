//! The walk-through's process list (by category, with level against target and progress) and
//! the header of the selected process (its level and why the next one is not reached).

use crate::profile::ProcessScore;
use crate::tui::keys::{self, Cmd, Ctx};
use crate::tui::layout::{self, Row};
use crate::tui::state::{App, Filter, Pane};
use crate::tui::view::chrome::{self, fit_spans, pane_block, scroll_marks};
use crate::tui::view::text::{clean, fit, id_column, labels, pad};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn process_list(app: &App, f: &mut Frame, area: Rect) {
    let Some(doc) = &app.doc else { return };
    let t = &app.theme;
    let focused = app.walk.focus == Pane::Processes;
    let (rows, list) = layout::process_list(app, area);
    // The filter and search in force, so that a short list says why it is short.
    let mut title = " Processes".to_string();
    if app.walk.filter != Filter::All {
        title.push_str(&format!(" · only {}", app.walk.filter.label()));
    }
    if !app.walk.query.is_empty() {
        title.push_str(&format!(" · search: {}", clean(&app.walk.query)));
    }
    let room = (area.width as usize).saturating_sub(3 + chrome::top_mark_width(list.offset));
    let title = format!("{} ", fit(&title, room));
    let below = rows.len().saturating_sub(list.offset + list.height());
    f.render_widget(
        scroll_marks(t, pane_block(t, title, focused), list.offset, below),
        area,
    );
    let (cut, id_w) = id_column(&doc.assessment);
    let w = list.rows.width as usize;
    let names = layout::name_widths(app);
    let counts_w = (names.fixed as usize).saturating_sub(2 + id_w + 1);
    let name_w = w.saturating_sub(id_w + 1 + counts_w);
    let label = process_labels(app, name_w);
    let mut lines = Vec::new();
    for (row, vp) in rows.iter().skip(list.offset).take(list.height()) {
        match row {
            Row::Heading(name) => {
                lines.push(Line::from(Span::styled(fit(name, w), t.heading())));
            }
            Row::Process(pi) => {
                let p = &doc.profile.processes[*pi];
                let (level, progress) = layout::process_counts(p);
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
                let base = t.row(selected, focused);
                lines.push(Line::from(vec![
                    Span::styled(format!("{:<id_w$}", &p.id[cut..]), base),
                    Span::styled(mark, base),
                    Span::styled(pad(label.get(*pi).map_or("", |s| s.as_str()), name_w), base),
                    Span::styled(level, base.patch(t.gap(p.gap))),
                    Span::styled(progress, base.patch(t.dim())),
                ]));
            }
        }
    }
    f.render_widget(Paragraph::new(lines), list.rows);
}

/// The label of every process of the assessment in `width` characters (by index): its name, or
/// its short name when the name does not fit, cut with `…` when neither fits, no two alike.
pub fn process_labels(app: &App, width: usize) -> Vec<String> {
    let Some(doc) = &app.doc else {
        return Vec::new();
    };
    let names: Vec<(&str, Option<&str>)> = doc
        .profile
        .processes
        .iter()
        .map(|p| {
            let short = doc
                .model
                .process(&p.id)
                .and_then(|m| m.short_name.as_deref());
            (p.name.as_str(), short)
        })
        .collect();
    labels(&names, width)
}

/// The selected process: id and name, level of target, and the reason for the next level.
pub fn process_header(app: &App, p: &ProcessScore, f: &mut Frame, area: Rect) {
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
    // The questions asked of the process, counted as `capra question list` counts them; `Q`
    // (the key to them) for the word when the line has no room for it.
    if let Some(c) = app.question_coverage_of(&p.id).filter(|c| c.total > 0) {
        let used: usize = l2.iter().map(|s| s.content.chars().count()).sum();
        let long = format!("  questions {}/{}", c.asked, c.total);
        let text = if used + long.chars().count() <= area.width as usize {
            long
        } else {
            let q = keys::label(Ctx::Walk, Cmd::Questions);
            format!("  {q} {}/{}", c.asked, c.total)
        };
        l2.push(Span::styled(
            text,
            if c.asked == c.total { t.ok() } else { t.dim() },
        ));
    }
    // The model's informative references (ISO/IEC 27001 clauses and controls): a line of their
    // own when the header has room for it, else in what is left of this one.
    let refs = doc
        .model
        .process(&p.id)
        .map(|mp| mp.references.clone())
        .unwrap_or_default();
    let own_line = area.height >= 4;
    if !refs.is_empty() && !own_line {
        let used: usize = l2.iter().map(|s| s.content.chars().count()).sum();
        let (label, items) = references(&refs);
        let room = (area.width as usize).saturating_sub(used + 2 + label.chars().count());
        if room >= 8 {
            l2.push(Span::styled(
                format!("  {label}{}", fit_items(&items, room, ", ")),
                t.dim(),
            ));
        }
    }
    lines.push(Line::from(l2));
    lines.push(match &p.blocked_by {
        Some(b) => {
            let head = format!("Next, level {}: ", b.level);
            let room = (area.width as usize).saturating_sub(head.chars().count());
            let long = shortfalls(p, false);
            let text = if long.join("; ").chars().count() <= room {
                long.join("; ")
            } else {
                fit_items(&shortfalls(p, true), room, "; ")
            };
            Line::from(vec![Span::styled(head, t.dim()), Span::raw(text)])
        }
        None => Line::from(Span::styled("Highest level reached.", t.ok())),
    });
    if !refs.is_empty() && own_line {
        let (label, items) = references(&refs);
        let room = (area.width as usize).saturating_sub(label.chars().count());
        lines.push(Line::from(Span::styled(
            format!("{label}{}", fit_items(&items, room, ", ")),
            t.dim(),
        )));
    }
    // Every line ends in `…` rather than at the border when it is too long.
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|l| fit_spans(l.spans, area.width as usize))
        .collect();
    f.render_widget(Paragraph::new(lines), area);
}

/// Every attribute that stops the next level, then those the target needs too, each as
/// "PA2.1 is P, needs L" (L meaning L or F), or `short`, "PA2.1 P needs L"; the target's part
/// opens with "target 3: ".
pub fn shortfalls(p: &ProcessScore, short: bool) -> Vec<String> {
    let item = |attr: &str, r: Option<crate::rating::Rating>, incomplete: bool, need: &str| {
        let is = match r {
            Some(r) => r.code().to_string(),
            None if incomplete => "incomplete".to_string(),
            None if short => "·".to_string(),
            None => "unrated".to_string(),
        };
        if short {
            format!("{attr} {is} needs {need}")
        } else {
            format!("{attr} is {is}, needs {need}")
        }
    };
    let mut out: Vec<String> = p
        .blockers
        .iter()
        .map(|b| {
            item(
                &b.attribute,
                b.rating,
                !b.missing.is_empty(),
                b.needs.code(),
            )
        })
        .collect();
    let next = p.blocked_by.as_ref().map_or(0, |b| b.level);
    if p.target_level > next {
        let more: Vec<String> = p
            .attributes
            .iter()
            .filter(|a| a.short_of_target() && !p.blockers.iter().any(|b| b.attribute == a.id))
            .filter_map(|a| {
                a.needed
                    .map(|n| item(&a.id, a.rating, !a.missing.is_empty(), n.code()))
            })
            .collect();
        for (i, m) in more.into_iter().enumerate() {
            out.push(if i == 0 {
                format!("target {}: {m}", p.target_level)
            } else {
                m
            });
        }
    }
    out
}

/// The references with the standard they share said once: ("ISO/IEC 27001:2022 ", ["6.1.2",
/// "A.5.9"]); otherwise no label and each in full.
fn references(refs: &[String]) -> (String, Vec<String>) {
    let first = refs[0].rsplit_once(' ').map(|(std, _)| format!("{std} "));
    match first {
        Some(std) if refs.iter().all(|r| r.starts_with(&std)) => (
            clean(&std),
            refs.iter().map(|r| clean(&r[std.len()..])).collect(),
        ),
        _ => (String::new(), refs.iter().map(|r| clean(r)).collect()),
    }
}

/// Items joined by `sep` within `width` characters, the rest counted: "… +2 more".
pub fn fit_items(items: &[String], width: usize, sep: &str) -> String {
    let mut s = String::new();
    let between = sep;
    for (i, it) in items.iter().enumerate() {
        let left = items.len() - i - 1;
        let sep = if s.is_empty() { "" } else { between };
        let tail = if left > 0 {
            format!(" +{left} more").chars().count()
        } else {
            0
        };
        if s.chars().count() + sep.len() + it.chars().count() + tail > width {
            let rest = items.len() - i;
            let more = format!(" +{rest} more");
            if s.is_empty() {
                return if rest == 1 {
                    fit(it, width)
                } else {
                    let cut = width.saturating_sub(more.chars().count());
                    format!("{}{more}", fit(it, cut))
                };
            }
            s.push_str(&more);
            return s;
        }
        s.push_str(sep);
        s.push_str(it);
    }
    s
}
