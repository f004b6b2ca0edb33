//! The walk-through's detail pane for the selected attribute: its rating and the scale, what
//! the target needs, instances and the R1 proposal, the assessors, the note and the evidence;
//! then what to look for (the items to characterise; the questions checklist and the typical
//! evidence, in `questions.rs`) and the clauses and the rating scale (`detail_reference.rs`).
//! Each part is a function that adds its lines. The same lines, measured ([`detail_geometry`]),
//! tell the shell how far the pane can scroll and where its questions and typical evidence are.

use crate::assessment::{FindingKind, RatingRecord, Review};
use crate::model::{Attribute, Process};
use crate::profile::{AttributeScore, ProcessScore, Source};
use crate::rating::{self, Rating};
use crate::tui::keys::{self, Cmd, Ctx};
use crate::tui::layout;
use crate::tui::state::{Anchor, App, DetailGeometry, Doc, Pane, kind_label};
use crate::tui::theme::Theme;
use crate::tui::view::chrome::{pane_block, scroll_marks, top_mark_width};
use crate::tui::view::detail_reference::{iso27001_lines, scale_lines};
use crate::tui::view::questions::guidance_lines;
use crate::tui::view::text::{clean, fit};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};

type Lines = Vec<Line<'static>>;

/// The rating keys, in scale order.
const RATE: [Cmd; 4] = [Cmd::RateN, Cmd::RateP, Cmd::RateL, Cmd::RateF];

/// What the detail pane is about: the selected attribute of a process, and its record.
struct Subject<'a> {
    doc: &'a Doc,
    process: &'a ProcessScore,
    model_process: &'a Process,
    attr: &'a Attribute,
    score: &'a AttributeScore,
    record: Option<&'a RatingRecord>,
}

pub fn detail(app: &App, p: &ProcessScore, f: &mut Frame, area: Rect) {
    let Some(s) = subject(app, p) else { return };
    let t = &app.theme;
    let n = app.detail_findings().len();
    let findings = match n {
        0 => String::new(),
        1 => " · 1 finding ·".to_string(),
        n => format!(" · {n} findings ·"),
    };
    let title = format!(
        "{}{findings} {} · level {}",
        s.attr.id,
        clean(&s.attr.name),
        s.attr.level
    );
    let inner = crate::tui::layout::inside_border(area);
    let built = build(app, &s, inner.width as usize);
    let lines = built.lines;
    let para = Paragraph::new(Text::from(lines.clone())).wrap(Wrap { trim: false });
    // With an item selected, scroll so that it sits a third of the way down; else as scrolled,
    // never past the end.
    let max = max_scroll(&para, inner);
    let scroll = match built.sel_line {
        Some(at) => scroll_to(&rows_before(&lines, at, inner.width), inner),
        None => app.walk.detail_scroll.min(max),
    };
    let below = max.saturating_sub(scroll) as usize;
    let room = (area.width as usize).saturating_sub(4 + top_mark_width(scroll as usize));
    let title = format!(" {} ", fit(&title, room));
    let block = pane_block(t, title, app.walk.focus == Pane::Detail);
    f.render_widget(scroll_marks(t, block, scroll as usize, below), area);
    f.render_widget(para.scroll((scroll, 0)), inner);
}

/// The detail's lines, the line of the item selected, and the lines of the anchors.
struct Built {
    lines: Lines,
    sel_line: Option<usize>,
    anchors: Vec<(Anchor, usize)>,
}

fn build(app: &App, s: &Subject, width: usize) -> Built {
    let t = &app.theme;
    let p = s.process;
    let mut lines: Lines = vec![Line::from(Span::styled(clean(&s.attr.scope), t.dim()))];
    rating_lines(app, s, &mut lines, width);
    let finding_line = finding_lines(app, &mut lines);
    instance_lines(s, &mut lines);
    proposal_lines(t, s, &mut lines);
    if let Some(w) = s.doc.previous_rating(&p.id, &s.attr.id) {
        lines.push(Line::from(vec![
            Span::styled("Last assessment: ", t.dim()),
            Span::styled(w.code().to_string(), t.rating(Some(w))),
        ]));
    }
    assessor_lines(app, s, &mut lines);
    fact_lines(s, &mut lines);
    note_and_evidence(t, s, &mut lines);
    let sel_line = item_lines(app, s, &mut lines).or(finding_line);
    let added = guidance_lines(app, s.model_process, s.attr, &mut lines);
    let sel_line = sel_line.or(added.sel_line);
    let mut anchors = added.anchors;
    anchors.extend(iso27001_lines(t, s.doc, &s.process.id, &mut lines));
    scale_lines(t, s.doc, &mut lines);
    Built {
        lines,
        sel_line,
        anchors,
    }
}

/// How far the paragraph can scroll in `inner`: its rows past the pane's height.
fn max_scroll(para: &Paragraph, inner: Rect) -> u16 {
    let rows = para.line_count(inner.width.max(1));
    rows.saturating_sub(inner.height as usize) as u16
}

/// The rows the lines before `at` take at `width`.
fn rows_before(lines: &[Line<'static>], at: usize, width: u16) -> usize {
    Paragraph::new(Text::from(lines[..at.min(lines.len())].to_vec()))
        .wrap(Wrap { trim: false })
        .line_count(width.max(1))
}

/// The detail pane of the walk-through as it would be drawn now: how far it can scroll and the
/// rows of its anchors. The shell measures it after each frame and tells the app.
pub fn detail_geometry(app: &App) -> Option<DetailGeometry> {
    let doc = app.doc.as_ref()?;
    let pi = app.selected_process()?;
    let p = &doc.profile.processes[pi];
    let s = subject(app, p)?;
    let area = layout::walk_layout_of(app).detail;
    let inner = Rect {
        x: area.x + 1,
        y: area.y + 1,
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    };
    let built = build(app, &s, inner.width as usize);
    let anchors = built
        .anchors
        .iter()
        .map(|(a, at)| (*a, rows_before(&built.lines, *at, inner.width) as u16))
        .collect();
    let para = Paragraph::new(Text::from(built.lines)).wrap(Wrap { trim: false });
    Some(DetailGeometry {
        max_scroll: max_scroll(&para, inner),
        anchors,
    })
}

fn subject<'a>(app: &'a App, p: &'a ProcessScore) -> Option<Subject<'a>> {
    let doc = app.doc.as_ref()?;
    let attr_id = app.selected_attribute()?;
    let attr = doc.model.attribute(&attr_id)?;
    Some(Subject {
        doc,
        process: p,
        model_process: doc.model.process(&p.id)?,
        attr,
        score: p.attributes.iter().find(|a| a.id == attr_id)?,
        record: app.record(),
    })
}

/// A blank line and a heading.
fn section(t: &Theme, lines: &mut Lines, title: &str) {
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(title.to_string(), t.heading())));
}

/// The scroll that puts a line `above` rows down a third of the way down `inner`.
fn scroll_to(above: &usize, inner: Rect) -> u16 {
    above.saturating_sub(inner.height as usize / 3) as u16
}

/// The rating with its meaning, the scale with its keys, the other rating keys, and what the
/// target needs.
fn rating_lines(app: &App, s: &Subject, lines: &mut Lines, width: usize) {
    let t = &app.theme;
    let rating = s.record.and_then(|r| r.rating());
    let shown = if app.instance_name().is_some() {
        rating
    } else {
        s.score.rating
    };
    let meaning = shown
        .and_then(|r| s.doc.model.framework.scale_value(r.code()))
        .map(|v| clean(&v.text))
        .unwrap_or_else(|| {
            format!(
                "Not rated yet: rate with {}.",
                keys::choice(Ctx::Walk, &RATE)
            )
        });
    lines.push(Line::from(vec![
        Span::raw("Rating: "),
        Span::styled(rating::describe(shown), t.rating(shown)),
        Span::raw(format!("  {meaning}")),
    ]));
    let mut scale = vec![Span::raw("Scale: ")];
    for (cmd, code) in RATE.into_iter().zip(["N", "P", "L", "F"]) {
        let v = s.doc.model.framework.scale_value(code);
        let band = v.map(|v| format!("≤{}%", v.up_to)).unwrap_or_default();
        let on = shown.is_some_and(|r| r.base().code() == code);
        scale.push(Span::styled(keys::label(Ctx::Walk, cmd), t.key()));
        scale.push(Span::styled(
            format!(" {code} {band}"),
            if on { t.selected() } else { Style::default() },
        ));
        scale.push(Span::raw(" "));
    }
    lines.push(Line::from(scale));
    // The other rating keys, under the scale, on as many lines as the pane needs: a hint is
    // never broken in two.
    let hints = [
        (
            keys::labels(Ctx::Walk, &[Cmd::RefineDown, Cmd::RefineUp], "/"),
            " refine",
        ),
        (keys::label(Ctx::Walk, Cmd::Clear), " clear"),
        (keys::label(Ctx::Walk, Cmd::Confidence), " confidence"),
        (keys::label(Ctx::Walk, Cmd::Review), " review"),
    ];
    let indent = "       ";
    let mut line = vec![Span::raw(indent)];
    let mut used = indent.len();
    for (k, word) in hints {
        let n = k.chars().count() + word.len();
        if used > indent.len() && used + 2 + n > width {
            lines.push(Line::from(std::mem::replace(
                &mut line,
                vec![Span::raw(indent)],
            )));
            used = indent.len();
        }
        if used > indent.len() {
            line.push(Span::raw("  "));
            used += 2;
        }
        line.push(Span::styled(k, t.key()));
        line.push(Span::raw(word));
        used += n;
    }
    lines.push(Line::from(line));
    if let Some(need) = s.score.needed {
        let met = !s.score.short_of_target();
        lines.push(Line::from(vec![
            Span::raw(format!(
                "Target level {} needs {}: ",
                s.process.target_level,
                rating::need_phrase(need)
            )),
            if met {
                Span::styled("met", t.ok())
            } else {
                Span::styled("not yet", t.warn())
            },
        ]));
    }
}

/// The instance ratings and their aggregate.
fn instance_lines(s: &Subject, lines: &mut Lines) {
    let score = s.score;
    if score.instances.is_empty() {
        return;
    }
    let list: Vec<String> = score
        .instances
        .iter()
        .map(|(i, r)| format!("{} {}", clean(i), rating::describe(*r)))
        .collect();
    let agg = score
        .aggregate
        .map(|r| r.code().to_string())
        .unwrap_or_else(|| "none yet".into());
    lines.push(Line::raw(format!(
        "Instances: {} → aggregate ({}) {agg}{}",
        list.join(", "),
        s.doc.assessment.assessment.aggregation,
        if score.source == Source::Override {
            " (overridden by the rating of the process as a whole: the assessor's judgement)"
        } else {
            ""
        }
    )));
    if score.source == Source::Incomplete {
        lines.push(Line::raw(format!(
            "Incomplete: {} missing. Not rated until every instance is, or is marked not applicable (capra instance na).",
            score.missing.join(", ")
        )));
    }
}

/// The rating proposed from the characterisations (R1) and how it came about.
fn proposal_lines(t: &Theme, s: &Subject, lines: &mut Lines) {
    let Some(prop) = &s.score.proposal else {
        return;
    };
    let of = if s.attr.level == 1 {
        "outcomes"
    } else {
        "achievements"
    };
    let accept = format!(" · {} accepts it", keys::label(Ctx::Walk, Cmd::Accept));
    let info = &s.doc.assessment.assessment;
    lines.push(Line::from(vec![
        Span::raw("Proposed from characterisations: "),
        Span::styled(rating::describe(prop.rating), t.rating(prop.rating)),
        Span::raw(format!(
            " ({} of {} {of}; {}, {}){}",
            prop.characterised,
            prop.items.len(),
            info.aggregation,
            info.aggregation_order,
            match s.score.source {
                Source::Accepted => " · accepted",
                Source::Override => " · overridden by the rating",
                Source::Proposed => accept.as_str(),
                _ if !prop.is_complete() => " · counts once all are characterised",
                _ => "",
            }
        )),
    ]));
    lines.push(Line::from(Span::styled(clean(&prop.explain()), t.dim())));
}

/// Each assessor's own rating, when the file is a merge of several.
fn assessor_lines(app: &App, s: &Subject, lines: &mut Lines) {
    let t = &app.theme;
    let Some(rec) = s.doc.assessment.process(&s.process.id) else {
        return;
    };
    let inst = app.instance_name();
    let mine: Vec<&RatingRecord> = rec
        .assessor_ratings
        .iter()
        .filter(|r| {
            r.attribute == s.attr.id.as_str() && r.instance.as_ref().map(|i| i.to_string()) == inst
        })
        .collect();
    if mine.is_empty() {
        return;
    }
    let vals: Vec<Rating> = mine.iter().filter_map(|r| r.rating()).collect();
    let split = vals
        .iter()
        .enumerate()
        .any(|(i, a)| vals[i + 1..].iter().any(|b| crate::track::disagree(*a, *b)));
    let list: Vec<String> = mine
        .iter()
        .map(|r| format!("{} {}", clean(&r.assessor), rating::describe(r.rating())))
        .collect();
    lines.push(Line::from(vec![
        Span::raw("Assessors: "),
        Span::raw(list.join(", ")),
        if split {
            Span::styled(
                format!(
                    "  they disagree: {} to resolve",
                    keys::label(Ctx::Walk, Cmd::Flagged)
                ),
                t.warn(),
            )
        } else {
            Span::raw("")
        },
    ]));
}

/// Confidence, assessor and review mark on one line; the rationale below.
fn fact_lines(s: &Subject, lines: &mut Lines) {
    let mut facts = vec![format!(
        "Confidence: {}",
        s.record
            .and_then(|r| r.confidence)
            .map(|c| c.word())
            .unwrap_or("-")
    )];
    if let Some(r) = s.record {
        if !r.assessor.is_empty() {
            facts.push(format!("Assessor: {}", clean(&r.assessor)));
        }
        if let Some(rv) = r.review {
            facts.push(format!(
                "Review: {}",
                match rv {
                    Review::Flagged => "flagged",
                    Review::Reviewed => "reviewed",
                }
            ));
        }
    }
    lines.push(Line::raw(facts.join(" · ")));
    if let Some(r) = s.record
        && !r.rationale.is_empty()
    {
        lines.push(Line::raw(format!("Rationale: {}", clean(&r.rationale))));
    }
}

/// The findings about the attribute, then those about the process as a whole: kind (severity),
/// id, text, each selectable in the detail pane. Returns the line of the selected one, if any.
fn finding_lines(app: &App, lines: &mut Lines) -> Option<usize> {
    let t = &app.theme;
    let findings = app.detail_findings();
    let selected = app.selected_finding().map(|f| f.id.to_string());
    let add = keys::labels(
        Ctx::Walk,
        &FindingKind::ALL
            .iter()
            .map(|k| Cmd::AddFinding(*k))
            .collect::<Vec<_>>(),
        " ",
    );
    let heading = if app.walk.focus == Pane::Detail && !findings.is_empty() {
        format!(
            "Findings ({add} add · {} edit · {} delete)",
            keys::label(Ctx::Walk, Cmd::EditNote),
            keys::label(Ctx::Walk, Cmd::Clear)
        )
    } else {
        format!("Findings ({add} add)")
    };
    section(t, lines, &heading);
    if findings.is_empty() {
        lines.push(Line::from(Span::styled(
            "None yet; the note below stays private.",
            t.dim(),
        )));
        return None;
    }
    let mut sel_line = None;
    for f in findings {
        let on = selected.as_deref() == Some(f.id.as_str());
        if on {
            sel_line = Some(lines.len());
        }
        let base = if on { t.selected() } else { Style::default() };
        let style = match f.kind {
            FindingKind::Strength => t.ok(),
            FindingKind::Weakness => t.warn(),
            _ => Style::default(),
        };
        let mut place = String::new();
        if f.attribute.is_none() {
            place.push_str("process");
        }
        if let Some(i) = &f.instance {
            if !place.is_empty() {
                place.push(' ');
            }
            place.push_str(&clean(i));
        }
        lines.push(Line::from(vec![
            Span::styled(kind_label(f.kind, f.severity), base.patch(style)),
            Span::styled(format!(" {}", f.id), base.patch(t.title())),
            Span::styled(
                if place.is_empty() {
                    String::new()
                } else {
                    format!(" [{place}]")
                },
                base.patch(t.dim()),
            ),
            Span::styled(format!(" {}", clean(&f.text.replace('\n', " "))), base),
        ]));
    }
    sel_line
}

/// The note (the assessors' private scratchpad, not a finding) and the linked evidence, each
/// under a heading that names its key.
fn note_and_evidence(t: &Theme, s: &Subject, lines: &mut Lines) {
    let note_key = keys::label(Ctx::Walk, Cmd::EditNote);
    section(t, lines, &format!("Note (private · {note_key})"));
    match s.record.map(|r| r.note.as_str()).filter(|n| !n.is_empty()) {
        Some(note) => {
            for l in note.lines() {
                lines.push(Line::raw(clean(l)));
            }
        }
        None => lines.push(Line::from(Span::styled(
            format!("No note yet: press {note_key} to write one."),
            t.dim(),
        ))),
    }
    let evidence_key = keys::label(Ctx::Walk, Cmd::Evidence);
    section(t, lines, &format!("Evidence ({evidence_key})"));
    let linked: Vec<String> = s
        .record
        .map(|r| r.evidence.iter().map(|e| e.to_string()).collect())
        .unwrap_or_default();
    if linked.is_empty() {
        lines.push(Line::from(Span::styled(
            format!("None linked: press {evidence_key} to link or add."),
            t.dim(),
        )));
    }
    for id in &linked {
        let e = s.doc.assessment.evidence_item(id);
        lines.push(Line::raw(match e {
            Some(e) => format!("{id} {} ({})", clean(&e.title), e.kind),
            None => id.clone(),
        }));
    }
}

/// The items under the attribute, each with its characterisation for the instance being
/// rated: outcomes, base practices and information items for PA1.1 (with the purpose), the
/// achievements and generic practices and resources above it. Returns the line of the item
/// selected in the detail pane, if any.
fn item_lines(app: &App, s: &Subject, lines: &mut Lines) -> Option<usize> {
    let t = &app.theme;
    let selected = app.selected_item();
    let mut sel_line = None;
    let mut item = |lines: &mut Lines, id: &str, title: &str, text: &str, maps: &str| {
        let value = app.characterisation(id);
        let on = selected.as_deref() == Some(id);
        if on {
            sel_line = Some(lines.len());
        }
        let base = if on { t.selected() } else { Style::default() };
        let mut spans = vec![
            Span::styled(
                format!("[{:<2}] ", value.map(|r| r.code()).unwrap_or("·")),
                base.patch(t.rating(value)),
            ),
            Span::styled(format!("{id} "), base.patch(t.title())),
            Span::styled(clean(title), base),
        ];
        if !maps.is_empty() {
            spans.push(Span::styled(format!(" [{maps}]"), t.dim()));
        }
        lines.push(Line::from(spans));
        if !text.is_empty() {
            lines.push(Line::raw(format!("      {}", clean(text))));
        }
    };
    let rate_keys = keys::labels(Ctx::Walk, &RATE, " ");
    let hint = if app.walk.focus == Pane::Detail {
        format!(
            "{} select, {rate_keys} characterise, {} remove",
            keys::labels(Ctx::Walk, &[Cmd::Up, Cmd::Down], ""),
            keys::label(Ctx::Walk, Cmd::Clear)
        )
    } else {
        format!(
            "{} here to characterise with {rate_keys}",
            keys::label(Ctx::Walk, Cmd::NextPane)
        )
    };
    let (mp, attr) = (s.model_process, s.attr);
    if attr.level == 1 {
        section(t, lines, "Purpose");
        lines.push(Line::raw(clean(&mp.purpose)));
        if !mp.references.is_empty() {
            lines.push(Line::from(vec![
                Span::styled("References: ", t.dim()),
                Span::raw(clean(&mp.references.join(", "))),
            ]));
        }
        section(t, lines, &format!("Outcomes ({hint})"));
        for o in &mp.outcomes {
            item(lines, &o.id, &o.text, "", "");
        }
        for (title, list) in [
            ("Base practices", &mp.base_practices),
            ("Information items", &mp.information_items),
        ] {
            section(t, lines, title);
            for i in list.iter() {
                let maps: Vec<&str> = i.maps_to.iter().map(|x| x.as_str()).collect();
                item(lines, &i.id, &i.name, &i.text, &maps.join(", "));
            }
        }
    } else {
        section(t, lines, &format!("Achievements ({hint})"));
        for a in &attr.achievements {
            item(lines, &a.id, &a.text, "", "");
        }
        for (title, list) in [
            ("Generic practices", &attr.generic_practices),
            ("Generic resources", &attr.generic_resources),
        ] {
            if list.is_empty() {
                continue;
            }
            section(t, lines, title);
            for g in list.iter() {
                let maps: Vec<&str> = g.maps_to.iter().map(|x| x.as_str()).collect();
                item(lines, &g.id, &g.name, &g.text, &maps.join(", "));
            }
        }
    }
    sel_line
}
