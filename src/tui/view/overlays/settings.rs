//! The settings form: the keys of `capra set` by group, each with its value, the selected one
//! with what it takes; while one is edited, its editor at the bottom with the reason the last
//! value was refused.

use crate::assessment::keys;
use crate::tui::keys::{Cmd, Ctx};
use crate::tui::state::{App, GROUPS, SettingEdit, Settings, ordered};
use crate::tui::view::chrome::{centered, overlay_block, title_hints};
use crate::tui::view::text::{clean, fit, pad, wrap_words};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

pub fn settings(app: &App, s: &Settings, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let Some(doc) = &app.doc else { return };
    let r = centered(area, 90, area.height.saturating_sub(4));
    f.render_widget(Clear, r);
    let block = overlay_block(
        t,
        format!(
            " Settings · {} ",
            title_hints(
                Ctx::Settings,
                &[
                    (Cmd::Select, "edits"),
                    (Cmd::Clear, "clears"),
                    (Cmd::Back, "closes")
                ]
            )
        ),
    );
    let inner = block.inner(r);
    f.render_widget(block, r);
    let w = inner.width as usize;
    let keys_in_order = ordered();
    let selected = keys_in_order.get(s.selected).copied();
    // The bottom: the editor, or what the selected key takes.
    let bottom_lines: Vec<String> = match (&s.edit, selected) {
        (None, Some(k)) => wrap_words(&format!("{} takes {}.", k.name, k.takes), w),
        _ => Vec::new(),
    };
    let bottom_h = match &s.edit {
        Some(e) => edit_height(e, w, inner.height),
        None => bottom_lines.len() as u16,
    }
    .min(inner.height.saturating_sub(3));
    let list = Rect {
        height: inner.height.saturating_sub(bottom_h),
        ..inner
    };
    let bottom = Rect {
        y: list.bottom(),
        height: bottom_h,
        ..inner
    };
    let name_w = keys::KEYS
        .iter()
        .map(|k| k.name.chars().count())
        .max()
        .unwrap_or(10);
    let mut lines: Vec<Line> = Vec::new();
    let mut sel_row = 0;
    let mut i = 0;
    // Every value read in one pass: this is drawn on every frame.
    let values = keys::get_each(&doc.assessment);
    for (group, keep) in GROUPS {
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::from(Span::styled(group, t.heading())));
        for k in keys::KEYS.iter().filter(|k| keep(k)) {
            let on = i == s.selected;
            if on {
                sel_row = lines.len();
            }
            let value = values
                .iter()
                .find(|(name, _)| *name == k.name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default();
            let first = value.lines().next().unwrap_or_default();
            let more = if value.lines().count() > 1 {
                " …"
            } else {
                ""
            };
            let room = w.saturating_sub(name_w + 4);
            let row = format!(
                "{}{} {}{more}",
                if on { "▸ " } else { "  " },
                pad(k.name, name_w),
                fit(first, room.saturating_sub(more.chars().count()))
            );
            lines.push(Line::from(Span::styled(
                row,
                if on {
                    t.selected()
                } else {
                    t.row(false, false)
                },
            )));
            i += 1;
        }
    }
    let off = (sel_row + 2).saturating_sub(list.height as usize) as u16;
    f.render_widget(Paragraph::new(lines).scroll((off, 0)), list);
    match &s.edit {
        Some(e) => edit_box(app, e, f, bottom),
        None => {
            let lines: Vec<Line> = bottom_lines
                .into_iter()
                .map(|l| Line::from(Span::styled(l, t.dim())))
                .collect();
            f.render_widget(Paragraph::new(lines), bottom);
        }
    }
}

/// The rows the editor takes: its border, the reason of a refusal, the text.
fn edit_height(e: &SettingEdit, w: usize, room: u16) -> u16 {
    let head = head_lines(e, w.saturating_sub(2)).len() as u16;
    let text = if e.long { (room / 2).clamp(3, 8) } else { 1 };
    head + text + 2
}

/// Above the text: what the key takes, then why the last value was refused.
fn head_lines(e: &SettingEdit, w: usize) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = wrap_words(&format!("Takes {}.", e.key.takes), w)
        .into_iter()
        .map(|l| (l, false))
        .collect();
    if let Some(err) = &e.error {
        out.extend(
            err.lines()
                .flat_map(|l| wrap_words(l, w))
                .map(|l| (l, true)),
        );
    }
    out
}

fn edit_box(app: &App, e: &SettingEdit, f: &mut Frame, r: Rect) {
    let t = &app.theme;
    f.render_widget(Clear, r);
    let save = if e.long {
        title_hints(Ctx::SettingsEdit, &[(Cmd::Submit, "saves")])
    } else {
        title_hints(Ctx::SettingsEdit, &[(Cmd::Select, "saves")])
    };
    let block = overlay_block(
        t,
        format!(
            " {} · {save} · {} ",
            e.key.name,
            title_hints(Ctx::SettingsEdit, &[(Cmd::Back, "cancels")])
        ),
    );
    let mut inner = block.inner(r);
    f.render_widget(block, r);
    let lines: Vec<Line> = head_lines(e, inner.width as usize)
        .into_iter()
        .map(|(l, error)| {
            Line::from(Span::styled(
                clean(&l),
                if error { t.error() } else { t.dim() },
            ))
        })
        .collect();
    let h = (lines.len() as u16).min(inner.height.saturating_sub(1));
    f.render_widget(Paragraph::new(lines), Rect { height: h, ..inner });
    inner.y += h;
    inner.height = inner.height.saturating_sub(h);
    f.render_widget(&*e.text, inner);
}
