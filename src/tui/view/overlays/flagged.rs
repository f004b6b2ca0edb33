//! The list of ratings flagged for review: each slot with its agreed rating and every
//! assessor's own, the selected one highlighted, and the keys that resolve it at the bottom.

use crate::rating;
use crate::tui::keys::{self, Cmd, Ctx};
use crate::tui::state::App;
use crate::tui::view::chrome::{centered, fit_box_title, overlay_block, scroll_marks};
use crate::tui::view::text::{clean, wrap_words};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

pub fn flagged(app: &App, selected: usize, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let list = app.flagged_ratings();
    // Short of the status line, which says what each key did.
    let r = centered(area, 90, area.height.saturating_sub(4));
    f.render_widget(Clear, r);
    let split = list.iter().filter(|x| x.split()).count();
    let block = overlay_block(
        t,
        fit_box_title(
            if list.is_empty() {
                " Flagged for review: none ".to_string()
            } else {
                format!(
                    " Flagged for review: {} · {split} where the assessors disagree ",
                    list.len()
                )
            },
            r,
        ),
    );
    let inner = block.inner(r);
    let w = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    let mut sel_row = 0;
    if list.is_empty() {
        lines.push(Line::styled(
            "Nothing is flagged for review: every rating is agreed.",
            t.ok(),
        ));
    }
    for (i, x) in list.iter().enumerate() {
        let on = i == selected;
        if on {
            sel_row = lines.len();
        }
        let head = format!(
            "{} {} {}{}  agreed {}{}",
            if on { "▶" } else { " " },
            x.slot.process,
            x.slot.attribute,
            x.slot
                .instance
                .as_ref()
                .map(|i| format!(" ({})", clean(i)))
                .unwrap_or_default(),
            rating::describe(x.agreed),
            if x.split() { "  they disagree" } else { "" }
        );
        lines.push(Line::styled(
            head,
            if on { t.selected() } else { t.title() },
        ));
        let who: Vec<String> = x
            .assessors
            .iter()
            .enumerate()
            .map(|(n, (name, r))| format!("{} {} {}", n + 1, clean(name), rating::describe(*r)))
            .collect();
        let text = if who.is_empty() {
            "no assessor's own rating kept".to_string()
        } else {
            who.join(" · ")
        };
        for l in wrap_words(&text, w.saturating_sub(4)) {
            lines.push(Line::styled(
                format!("    {l}"),
                if who.is_empty() {
                    t.dim()
                } else {
                    Default::default()
                },
            ));
        }
    }
    let body = Rect {
        height: inner.height.saturating_sub(3),
        ..inner
    };
    let off = sel_row.saturating_sub(body.height as usize / 2) as u16;
    let below = lines
        .len()
        .saturating_sub(off as usize + body.height as usize);
    f.render_widget(scroll_marks(t, block, off as usize, below), r);
    f.render_widget(Paragraph::new(lines).scroll((off, 0)), body);
    // The keys, at the bottom of the box.
    let hints = [
        (vec![Cmd::TakeOurs], "ours"),
        (vec![Cmd::TakeTheirs], "theirs"),
        (vec![Cmd::TakeAssessor], "that assessor's"),
        (
            vec![Cmd::RateN, Cmd::RateP, Cmd::RateL, Cmd::RateF],
            "a new rating",
        ),
        (vec![Cmd::Accept], "keep the agreed one"),
        (vec![Cmd::Select], "go to"),
        (vec![Cmd::Undo], "undo"),
        (vec![Cmd::Back], "close"),
    ];
    // Filled hint by hint, so that no hint is split over two lines.
    let mut rows: Vec<Vec<Span>> = vec![Vec::new()];
    let mut used = 0;
    for (cmds, words) in hints {
        let k = if cmds == [Cmd::TakeAssessor] {
            "1-9".to_string()
        } else {
            keys::labels(Ctx::Flagged, &cmds, "/")
        };
        let len = k.chars().count() + words.chars().count() + 3;
        if used > 0 && used + len > w {
            rows.push(Vec::new());
            used = 0;
        }
        used += len;
        let row = rows.last_mut().expect("one row at least");
        row.push(Span::styled(k, t.key()));
        row.push(Span::raw(format!(" {words}  ")));
    }
    let n = (rows.len() as u16).min(inner.height);
    let foot = Rect {
        y: inner.y + inner.height.saturating_sub(n),
        height: n,
        ..inner
    };
    let rows: Vec<Line> = rows.into_iter().map(Line::from).collect();
    f.render_widget(Paragraph::new(rows), foot);
}
