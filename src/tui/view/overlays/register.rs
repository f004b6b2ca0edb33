//! The evidence register: each item with its id, kind, title and how many ratings and findings
//! cite it; the selected one's location, date and owner under the list.

use crate::tui::keys::{Cmd, Ctx};
use crate::tui::state::App;
use crate::tui::view::chrome::{centered, overlay_block, title_hints};
use crate::tui::view::text::{fit, pad, wrap_words};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

pub fn register(app: &App, selected: usize, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let Some(doc) = &app.doc else { return };
    let items = &doc.assessment.evidence;
    let r = centered(area, 90, area.height.saturating_sub(4));
    f.render_widget(Clear, r);
    let block = overlay_block(
        t,
        format!(
            " Evidence register: {} item(s) · {} ",
            items.len(),
            title_hints(
                Ctx::Register,
                &[
                    (Cmd::Select, "edits"),
                    (Cmd::Remove, "removes"),
                    (Cmd::Back, "closes")
                ]
            )
        ),
    );
    let inner = block.inner(r);
    f.render_widget(block, r);
    let w = inner.width as usize;
    if items.is_empty() {
        f.render_widget(
            Paragraph::new("The register is empty: add items from a rating's evidence picker."),
            inner,
        );
        return;
    }
    let id_w = items
        .iter()
        .map(|e| e.id.as_str().chars().count())
        .max()
        .unwrap_or(5);
    let kind_w = 11;
    let cites_w = 9;
    let title_w = w.saturating_sub(id_w + kind_w + 2 * cites_w + 6);
    let mut lines: Vec<Line> = vec![Line::from(Span::styled(
        format!(
            "  {} {} {} {:>rw$} {:>fw$}",
            pad("ID", id_w),
            pad("KIND", kind_w),
            pad("TITLE", title_w),
            "RATINGS",
            "FINDINGS",
            rw = cites_w,
            fw = cites_w
        ),
        t.heading(),
    ))];
    for (i, e) in items.iter().enumerate() {
        let on = i == selected;
        let c = doc.assessment.evidence_citations(e.id.as_str());
        lines.push(Line::from(Span::styled(
            format!(
                "{}{} {} {} {:>rw$} {:>fw$}",
                if on { "▸ " } else { "  " },
                pad(e.id.as_str(), id_w),
                pad(e.kind.word(), kind_w),
                pad(&e.title, title_w),
                c.ratings,
                c.findings,
                rw = cites_w,
                fw = cites_w
            ),
            if on {
                t.selected()
            } else {
                t.row(false, false)
            },
        )));
    }
    // Under the list: the selected item's details.
    let detail: Vec<String> = items
        .get(selected)
        .map(|e| {
            let mut parts = Vec::new();
            for (label, v) in [
                ("location", e.location.as_str()),
                ("file", e.path.as_str()),
                ("date", e.date.as_str()),
                ("owner", e.owner.as_str()),
            ] {
                if !v.is_empty() {
                    parts.push(format!("{label}: {v}"));
                }
            }
            wrap_words(&parts.join(" · "), w)
        })
        .unwrap_or_default();
    let detail_h = (detail.len() as u16).min(inner.height.saturating_sub(2));
    let list = Rect {
        height: inner.height.saturating_sub(detail_h),
        ..inner
    };
    let off = (selected + 2).saturating_sub(list.height as usize) as u16;
    f.render_widget(Paragraph::new(lines).scroll((off, 0)), list);
    let bottom = Rect {
        y: list.bottom(),
        height: detail_h,
        ..inner
    };
    let detail: Vec<Line> = detail
        .into_iter()
        .map(|l| Line::from(Span::styled(fit(&l, w), t.dim())))
        .collect();
    f.render_widget(Paragraph::new(detail), bottom);
}
