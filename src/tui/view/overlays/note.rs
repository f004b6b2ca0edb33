//! The note editor over the walk-through (also for the rationale of a rating), and the same
//! editor on a finding, with its kind and severity on a line above the text.

use crate::tui::keys::{Cmd, Ctx};
use crate::tui::state::{App, FindingDraft};
use crate::tui::view::chrome::{centered, fit_box_title, overlay_block, title_hints};
use crate::tui::view::text::clean;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use ratatui_textarea::TextArea;

pub fn note(app: &App, text: &TextArea<'static>, rationale: bool, f: &mut Frame, area: Rect) {
    let what = if rationale {
        "Why the rating overrides the aggregate or proposal"
    } else {
        "Note (private)"
    };
    let title = match app.slot() {
        Some(s) => format!(
            " {what} · {} {}{} · {} ",
            s.process,
            s.attribute,
            s.instance
                .as_ref()
                .map(|i| format!(" ({})", clean(i)))
                .unwrap_or_default(),
            title_hints(Ctx::Note, &[(Cmd::Back, "saves and closes")])
        ),
        None => format!(" {what} "),
    };
    let slot = app.slot();
    let guide = slot
        .as_ref()
        .map(|s| guidance(app, &s.process.to_string(), Some(&s.attribute.to_string())))
        .unwrap_or_default();
    editor_box(app, title, None, text, guide, f, area);
}

/// The editor on a finding: where it applies in the title, its kind and severity and the keys
/// that change them above the text.
pub fn finding(
    app: &App,
    text: &TextArea<'static>,
    draft: &FindingDraft,
    f: &mut Frame,
    area: Rect,
) {
    let t = &app.theme;
    let mut place = draft.process.clone();
    match &draft.attribute {
        Some(a) => place.push_str(&format!(" {a}")),
        None => place.push_str(" (the process as a whole)"),
    }
    if let Some(i) = &draft.instance {
        place.push_str(&format!(" ({})", clean(i)));
    }
    // The interview it is captured in: "from I-002 Dana Lee".
    let from = draft
        .interview
        .as_deref()
        .and_then(|i| app.doc.as_ref()?.assessment.interview(i))
        .map(|i| format!("· from {} {} ", i.id.as_str(), clean(i.who.trim())))
        .unwrap_or_default();
    let title = format!(
        " {} · {place} {from}",
        match &draft.id {
            Some(id) => format!("Finding {id}"),
            None => "New finding".to_string(),
        }
    );
    // The severity key only where there is a severity: on a weakness.
    let hints: &[(Cmd, &str)] = if draft.severity.is_some() {
        &[
            (Cmd::NextSeverity, "severity"),
            (Cmd::NextKind, "kind"),
            (Cmd::Back, "saves"),
        ]
    } else {
        &[(Cmd::NextKind, "kind"), (Cmd::Back, "saves")]
    };
    let header = Line::from(vec![
        Span::styled(draft.kind_label(), t.heading()),
        Span::styled(format!("  {}", title_hints(Ctx::Finding, hints)), t.dim()),
    ]);
    let attribute = draft
        .attribute
        .clone()
        .or_else(|| app.selected_attribute().map(|a| a.to_string()));
    let guide = guidance(app, &draft.process, attribute.as_deref());
    editor_box(app, title, Some(header), text, guide, f, area);
}

/// The questions to ask and the typical evidence for an attribute of a process (the process's
/// own for PA1.1, the attribute's above it), as lines for the panel beside an editor.
fn guidance(app: &App, process: &str, attribute: Option<&str>) -> Vec<Line<'static>> {
    let t = &app.theme;
    let Some(doc) = app.doc.as_ref() else {
        return Vec::new();
    };
    let Some(p) = doc.model.process(process) else {
        return Vec::new();
    };
    let attr = attribute.and_then(|a| doc.model.attribute(a));
    // Above PA1.1 the attribute's own; at PA1.1 the process's, then PA1.1's (as the checklist).
    let (questions, evidence): (Vec<&String>, Vec<&String>) = match attr {
        Some(a) if a.level > 1 => (
            a.guidance.questions.iter().collect(),
            a.guidance.evidence.iter().collect(),
        ),
        Some(a) => (
            p.guidance
                .questions
                .iter()
                .chain(&a.guidance.questions)
                .collect(),
            p.guidance
                .evidence
                .iter()
                .chain(&a.guidance.evidence)
                .collect(),
        ),
        None => (
            p.guidance.questions.iter().collect(),
            p.guidance.evidence.iter().collect(),
        ),
    };
    let mut lines = Vec::new();
    for (title, list) in [
        ("Questions to ask", &questions),
        ("Typical evidence", &evidence),
    ] {
        if list.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::from(Span::styled(title, t.heading())));
        for q in list {
            lines.push(Line::raw(format!("• {}", clean(q))));
        }
    }
    lines
}

/// The editor's box: a title, an optional line above the text, the text; and the guidance of
/// the attribute beside it on a wide screen, above it on a narrow one (`Ctrl+g` shows or hides
/// it), so that the questions stay in sight while typing.
fn editor_box(
    app: &App,
    title: String,
    header: Option<Line<'static>>,
    text: &TextArea<'static>,
    guide: Vec<Line<'static>>,
    f: &mut Frame,
    area: Rect,
) {
    let wide = area.width >= WIDE;
    let show = !guide.is_empty() && (wide != app.guidance_toggled);
    let r = if !show {
        centered(area, 80, (area.height * 6 / 10).max(8))
    } else if wide {
        // Side by side: the editor on the left, the guidance on the right.
        let h = (area.height * 8 / 10).max(8).min(area.height);
        let all = centered(area, 96, h);
        let left = all.width * 55 / 100;
        let g = Rect {
            x: all.x + left,
            width: all.width - left,
            ..all
        };
        guidance_box(app, guide, f, g);
        Rect { width: left, ..all }
    } else {
        // Stacked: the guidance above, the editor below.
        let all = centered(area, 96, area.height.saturating_sub(2).max(8));
        let top = all.height / 2;
        guidance_box(app, guide, f, Rect { height: top, ..all });
        Rect {
            y: all.y + top,
            height: all.height - top,
            ..all
        }
    };
    f.render_widget(Clear, r);
    let block = overlay_block(&app.theme, fit_box_title(title, r));
    let mut inner = block.inner(r);
    f.render_widget(block, r);
    if let Some(h) = header {
        let top = Rect { height: 1, ..inner };
        f.render_widget(Paragraph::new(h).wrap(Wrap { trim: true }), top);
        inner.y += 1;
        inner.height = inner.height.saturating_sub(1);
    }
    f.render_widget(text, inner);
}

/// From this width, the guidance is beside the editor (and shown unless hidden).
const WIDE: u16 = 110;

/// The guidance panel: its lines wrapped, cut at the bottom with a mark when they do not fit.
fn guidance_box(app: &App, lines: Vec<Line<'static>>, f: &mut Frame, r: Rect) {
    f.render_widget(Clear, r);
    let title = format!(
        " Guidance · {} hides ",
        crate::tui::keys::label(Ctx::Note, Cmd::Guidance)
    );
    let block = overlay_block(&app.theme, fit_box_title(title, r));
    let inner = block.inner(r);
    // The rows the lines take once wrapped (a close estimate: words wrap a little earlier),
    // so that what does not fit is marked below.
    let width = usize::from(inner.width.max(1));
    let rows: usize = lines.iter().map(|l| l.width().div_ceil(width).max(1)).sum();
    let below = rows.saturating_sub(usize::from(inner.height));
    let block = crate::tui::view::chrome::scroll_marks(&app.theme, block, 0, below);
    f.render_widget(block, r);
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
}
