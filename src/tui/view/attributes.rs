//! The walk-through's attribute list: each attribute of the selected process with its rating,
//! where the rating comes from, note, evidence, review, confidence and what the target needs.

use crate::assessment::ProcessRecord;
use crate::profile::{AttributeScore, ProcessScore, Source};
use crate::rating::Rating;
use crate::tui::keys::{self, Cmd, Ctx};
use crate::tui::layout;
use crate::tui::state::{App, Pane};
use crate::tui::view::chrome::{pane_block, scroll_marks, top_mark_width};
use crate::tui::view::text::{clean, fit, pad};
use ratatui::Frame;
use ratatui::layout::Rect;

use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The rating shown in the attribute list for the current instance choice, and a tag for where
/// it comes from.
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
                Source::Incomplete => "inc",
                _ => "",
            },
        ),
    }
}

pub fn attribute_list(
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
    let instance_key = keys::label(Ctx::Walk, Cmd::Instance);
    let title = match (app.instance_name(), record.instances.is_empty()) {
        (Some(i), _) => format!(
            " Attributes · instance {} ({instance_key}: next) ",
            clean(&i)
        ),
        (None, false) => format!(
            " Attributes {}/{} rated · process as a whole ({instance_key}: instances) ",
            p.rated, p.to_rate
        ),
        (None, true) => format!(" Attributes {}/{} rated ", p.rated, p.to_rate),
    };
    let list = layout::attribute_list(app, area, attrs.len());
    let title = format!(
        "{} ",
        fit(
            title.trim_end(),
            (area.width as usize).saturating_sub(3 + top_mark_width(list.offset))
        )
    );
    let below = attrs.len().saturating_sub(list.offset + list.height());
    f.render_widget(
        scroll_marks(t, pane_block(t, title, focused), list.offset, below),
        area,
    );
    let w = list.rows.width as usize;
    let sel = app.walk.attr_sel.min(attrs.len().saturating_sub(1));
    let mut lines = Vec::new();
    for (i, id) in attrs
        .iter()
        .enumerate()
        .skip(list.offset)
        .take(list.height())
    {
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
        let base = t.row(selected, focused);
        let code = rating.map(|r| r.code()).unwrap_or("·");
        lines.push(Line::from(vec![
            Span::styled(format!("{id:<6} "), base),
            Span::styled(pad(&name, name_w), base),
            Span::styled(format!(" {code:<3}"), base.patch(t.rating(rating))),
            Span::styled(format!("{tag:<4}"), base.patch(t.dim())),
            Span::styled(right, base),
        ]));
    }
    f.render_widget(Paragraph::new(lines), list.rows);
}
