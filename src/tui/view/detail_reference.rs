//! The reference parts at the foot of the detail pane: the ISO/IEC 27001 clauses and controls
//! the process is behind (when the model has a catalogue), and the model's rating scale.

use crate::tui::state::{Anchor, Doc};
use crate::tui::theme::Theme;
use crate::tui::view::text::clean;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

type Lines = Vec<Line<'static>>;

/// A blank line and a heading.
fn section(t: &Theme, lines: &mut Lines, title: &str) {
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(title.to_string(), t.heading())));
}

/// The ISO/IEC 27001 clauses and controls the process is behind (when the model has a
/// catalogue): each with its id, this process's role, the verdict and the short title.
pub fn iso27001_lines(
    t: &Theme,
    doc: &Doc,
    process: &str,
    lines: &mut Lines,
) -> Option<(Anchor, usize)> {
    if !doc.has_catalogue() {
        return None;
    }
    let (entries, excluded) = doc.iso27001_of(process);
    let at = lines.len() + 1;
    section(t, lines, "ISO/IEC 27001 clauses and controls");
    if entries.is_empty() {
        lines.push(Line::styled(
            "The catalogue puts no clause or control on this process.",
            t.dim(),
        ));
    }
    for e in &entries {
        lines.push(Line::from(vec![
            Span::styled(format!("{:<7}", e.id), t.title()),
            Span::raw(format!("{:<11}", e.role.word())),
            Span::styled(
                format!("{:<13}", e.verdict.word()),
                verdict_style(t, e.verdict),
            ),
            Span::raw(clean(&e.title)),
        ]));
    }
    if excluded > 0 {
        lines.push(Line::styled(
            format!("{excluded} more control(s) excluded by the statement of applicability"),
            t.dim(),
        ));
    }
    Some((Anchor::Iso27001, at))
}

/// How a readiness verdict is coloured: supported green, at risk red, not assessed dim.
pub fn verdict_style(t: &Theme, v: crate::iso27001::Verdict) -> Style {
    use crate::iso27001::Verdict;
    match v {
        Verdict::Supported => t.ok(),
        Verdict::AtRisk => t.error(),
        Verdict::NotAssessed => t.dim(),
    }
}

/// The rating scale of the model, each value with its band and meaning.
pub fn scale_lines(t: &Theme, doc: &Doc, lines: &mut Lines) {
    section(t, lines, "The rating scale");
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
}
