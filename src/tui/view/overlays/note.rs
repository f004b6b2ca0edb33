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
    editor_box(app, title, None, text, f, area);
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
    editor_box(app, title, Some(header), text, f, area);
}

/// The editor's box: a title, an optional line above the text, the text.
fn editor_box(
    app: &App,
    title: String,
    header: Option<Line<'static>>,
    text: &TextArea<'static>,
    f: &mut Frame,
    area: Rect,
) {
    let r = centered(area, 80, (area.height * 6 / 10).max(8));
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
