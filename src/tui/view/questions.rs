//! The detail pane's questions checklist and typical evidence: what to ask and what to look
//! for. Each question of the model for the selected attribute is a row the detail pane can
//! select, `[x]` once asked (its answer under it, dimmed) or `[ ]`; then the typical evidence.

use crate::model::{Attribute, Process};
use crate::tui::keys::{self, Cmd, Ctx};
use crate::tui::state::{Anchor, App};
use crate::tui::view::text::clean;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

type Lines = Vec<Line<'static>>;

/// The lines the checklist adds, where it starts and the line of the selected question.
pub struct Added {
    pub anchors: Vec<(Anchor, usize)>,
    pub sel_line: Option<usize>,
}

/// Adds the questions to ask (a checklist) and the typical evidence (the process's for PA1.1,
/// the attribute's above it).
pub fn guidance_lines(app: &App, process: &Process, attr: &Attribute, lines: &mut Lines) -> Added {
    let guidance = if attr.level == 1 {
        &process.guidance
    } else {
        &attr.guidance
    };
    let mut added = Added {
        anchors: Vec::new(),
        sel_line: None,
    };
    let questions = app.detail_questions();
    if !questions.is_empty() {
        added.anchors.push((Anchor::Questions, lines.len() + 1));
        added.sel_line = question_lines(app, &questions, lines);
    }
    if !guidance.evidence.is_empty() {
        added.anchors.push((Anchor::Evidence, lines.len() + 1));
        section(app, lines, "Typical evidence".to_string());
        for e in &guidance.evidence {
            lines.push(Line::raw(format!("• {}", clean(e))));
        }
    }
    added
}

fn section(app: &App, lines: &mut Lines, title: String) {
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(title, app.theme.heading())));
}

/// The checklist: a heading with the keys, then each question with its mark and id, and the
/// answer of an asked one under it. Returns the line of the selected question, if any.
fn question_lines(app: &App, questions: &[(String, String)], lines: &mut Lines) -> Option<usize> {
    let t = &app.theme;
    let asked = questions
        .iter()
        .filter(|(id, _)| app.question_record(id).is_some_and(|q| q.asked))
        .count();
    // The same heading whatever has the focus, so that the rows measured for a jump stay true
    // when the jump moves the focus.
    let hint = format!(
        "{} answer, {} to ask again",
        keys::label(Ctx::Walk, Cmd::Select),
        keys::label(Ctx::Walk, Cmd::Clear)
    );
    section(
        app,
        lines,
        format!(
            "Questions to ask ({asked} of {} asked · {hint})",
            questions.len()
        ),
    );
    let selected = app.selected_question();
    let mut sel_line = None;
    for (id, text) in questions {
        let record = app.question_record(id).filter(|q| q.asked);
        let on = selected.as_deref() == Some(id.as_str());
        if on {
            sel_line = Some(lines.len());
        }
        let base = if on { t.selected() } else { Style::default() };
        let mark = match record {
            Some(_) => Span::styled("[x] ", base.patch(t.ok())),
            None => Span::styled("[ ] ", base.patch(t.dim())),
        };
        lines.push(Line::from(vec![
            mark,
            Span::styled(format!("{id} "), base.patch(t.title())),
            Span::styled(clean(text), base),
        ]));
        if let Some(q) = record {
            let mut said = Vec::new();
            if let Some(i) = &q.interview {
                said.push(format!("in {i}"));
            }
            if !q.answer.is_empty() {
                said.push(clean(&q.answer.replace('\n', " ")));
            }
            if !said.is_empty() {
                lines.push(Line::from(Span::styled(
                    format!("    {}", said.join(": ")),
                    t.dim(),
                )));
            }
        }
    }
    sel_line
}
