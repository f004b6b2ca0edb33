//! The legend: every symbol the screens use, with what it means.

use crate::tui::keys::{self, Cmd, Ctx};
use crate::tui::state::App;
use crate::tui::view::chrome::{centered, fit_box_title, overlay_block, scroll_marks};
use crate::tui::view::text::wrap_words;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// (where, [(symbol, meaning)]).
pub const LEGEND: &[(&str, &[(&str, &str)])] = &[
    (
        "Ratings",
        &[
            (
                "N P L F",
                "not, partially, largely, fully achieved (0-15, >15-50, >50-85, >85-100 %)",
            ),
            ("P- P+ L- L+", "the lower or upper half of P or L"),
            ("·", "not rated (never the same as N)"),
            ("needs F", "the target needs F here; needs L: L or F"),
            ("ok", "the rating meets what the target needs"),
        ],
    ),
    (
        "Process list",
        &[
            (
                "2/3",
                "capability level 2 of target 3: green at target, yellow one short, red further",
            ),
            ("5/5", "attributes rated of those the target needs"),
            ("⚑", "a rating of the process is flagged for review"),
        ],
    ),
    (
        "Process header",
        &[(
            "questions 4/35",
            "questions asked of those to ask up to the target level; Q 4/35 when short of room",
        )],
    ),
    (
        "Attribute list",
        &[
            ("✎", "a note (private) is written"),
            ("E3", "three evidence items are linked"),
            ("⚑", "flagged for review"),
            ("✓", "reviewed"),
            ("H M L", "the confidence in the rating: high, medium, low"),
            ("agg", "the rating is the aggregate of the instance ratings"),
            (
                "ovr",
                "a rating of the process as a whole overrides the aggregate or proposal",
            ),
            ("prop", "a rating proposed from the characterisations (R1)"),
            ("acc", "the proposal accepted as the rating"),
        ],
    ),
    (
        "Lists and panes",
        &[
            (
                "↑ 2 more",
                "on a border: rows hidden above; scroll or move up to see them",
            ),
            ("↓ 5 more", "on a border: rows hidden below"),
            (
                "…",
                "a text cut to fit; a process name cut is its short name, when the model gives one",
            ),
            (
                "· only …",
                "in the process list's title: a filter or search hides processes",
            ),
        ],
    ),
    (
        "Detail",
        &[
            (
                "[L ]",
                "the characterisation of an outcome, achievement or practice",
            ),
            ("[· ]", "not characterised"),
            ("[process]", "a finding about the process as a whole"),
            (
                "[x]",
                "a question to ask that was asked; the answer heard under it",
            ),
            ("[ ]", "a question to ask not asked yet"),
        ],
    ),
    (
        "Title bar",
        &[
            ("3 warnings (w)", "open consistency warnings"),
            (
                "READ-ONLY",
                "the file is open read-only: nothing can be changed",
            ),
        ],
    ),
    (
        "Summary and plan",
        &[
            ("██ ░░", "levels reached, levels short of the target"),
            ("✓ -2", "at or above target; two levels short"),
            ("!", "an action past its due date and still open"),
        ],
    ),
    (
        "ISO/IEC 27001 (detail and summary page)",
        &[
            (
                "supported",
                "every rated process behind the clause or control meets the rule",
            ),
            (
                "at risk",
                "a rated process behind it falls short; the reason says how",
            ),
            ("not assessed", "no process behind it is rated"),
            (
                "▶",
                "the selected clause or control (Enter goes to its process)",
            ),
        ],
    ),
];

pub fn legend(app: &App, scroll: u16, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let r = centered(area, 90, area.height.saturating_sub(2));
    f.render_widget(Clear, r);
    let block = overlay_block(
        t,
        fit_box_title(
            format!(
                " Legend ({} back to the help, {} closes, {} scroll) ",
                keys::label(Ctx::Legend, Cmd::Back),
                keys::label(Ctx::Legend, Cmd::Quit),
                keys::labels(Ctx::Legend, &[Cmd::Up, Cmd::Down], "")
            ),
            r,
        ),
    );
    let inner = block.inner(r);
    let text_w = (inner.width as usize).saturating_sub(18).max(10);
    let mut lines = Vec::new();
    for (title, rows) in LEGEND {
        lines.push(Line::from(Span::styled(title.to_string(), t.heading())));
        for (sym, meaning) in rows.iter() {
            for (i, part) in wrap_words(meaning, text_w).into_iter().enumerate() {
                let k = if i == 0 { *sym } else { "" };
                lines.push(Line::from(vec![
                    Span::styled(format!("  {k:<16}"), t.key()),
                    Span::raw(part),
                ]));
            }
        }
        lines.push(Line::raw(""));
    }
    let below = lines
        .len()
        .saturating_sub(scroll as usize + inner.height as usize);
    f.render_widget(scroll_marks(t, block, scroll as usize, below), r);
    f.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}
