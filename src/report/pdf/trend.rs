//! The trend report of `capra compare --pdf`: the assessments compared, the summary, levels over
//! time as a chart, and the attribute ratings over time.

use super::document::save;
use super::error::PdfError;
use super::layout::{Cell, Layout, c as cell};
use super::style::{BODY, MARGIN, PAGE_H, PAGE_W, accent, black, grey, rgb};
use crate::track::{Change, Comparison};
use printpdf::Color;

/// The trend report of `capra compare --pdf`: the assessments compared, levels over time per
/// process as a chart, the summary, and per process the attribute ratings over time.
pub fn render_trend(c: &Comparison) -> Result<Vec<u8>, PdfError> {
    let mut l = Layout::new(None)?;
    let n = c.snapshots.len();
    let last = c
        .snapshots
        .last()
        .map(|s| s.date.clone())
        .unwrap_or_default();
    l.y = PAGE_H - 120.0;
    l.para_styled("Capability trend report", 12.0, false, grey(), 0.0);
    l.space(6.0);
    let title = format!(
        "{} assessments of model {}, {} to {}",
        n,
        c.model,
        c.snapshots.first().map(|s| s.date.as_str()).unwrap_or(""),
        last
    );
    l.para_styled(&title, 20.0, true, accent(), 0.0);
    l.space(14.0);
    let rows: Vec<Vec<Cell>> = c
        .snapshots
        .iter()
        .enumerate()
        .map(|(i, s)| {
            vec![
                Cell {
                    text: (i + 1).to_string(),
                    center: true,
                    fill: Some(shade(i, n)),
                    ..Cell::default()
                },
                cell(s.date.clone()),
                cell(s.title.clone()),
                cell(format!("{}\nmodel {}", s.label, s.model_version)),
            ]
        })
        .collect();
    l.table(
        &[
            ("#".into(), 25.0),
            ("Date".into(), 70.0),
            ("Assessment".into(), 220.0),
            ("File".into(), PAGE_W - 2.0 * MARGIN - 315.0),
        ],
        &rows,
    );
    for note in &c.notes {
        l.space(4.0);
        l.para_styled(note, BODY - 1.0, false, grey(), 0.0);
    }
    l.heading("Summary", 14.0);
    let s = &c.summary;
    let names = |ids: &[String]| -> String {
        if ids.is_empty() {
            "none".into()
        } else {
            ids.iter()
                .map(|id| {
                    c.processes
                        .iter()
                        .find(|p| &p.id == id)
                        .map(|p| format!("{} {}", p.id, p.name))
                        .unwrap_or_else(|| id.clone())
                })
                .collect::<Vec<_>>()
                .join("; ")
        }
    };
    l.field("Most improved", &names(&s.most_improved));
    l.field("Reached target", &names(&s.reached_target));
    let concerns: Vec<String> = s
        .areas_of_concern
        .iter()
        .map(|id| format!("{id}: {}", c.concern(id)))
        .collect();
    l.field(
        "Areas of concern",
        &if concerns.is_empty() {
            "none".to_string()
        } else {
            concerns.join("\n")
        },
    );
    l.field(
        "Attributes",
        &format!(
            "{} improved, {} regressed, {} unchanged (first against last assessment)",
            s.attributes_improved, s.attributes_regressed, s.attributes_unchanged
        ),
    );

    // Levels over time: per process, one bar per assessment, the target marked.
    l.new_page();
    l.heading("Capability levels over time", 16.0);
    l.para("Per process, one bar per assessment, oldest at the top, in the shade of its number above; the thick line marks the target of the latest assessment. Beside the bars, the levels from oldest to newest and how the newest compares with the oldest: ▲ +1 rose by a level, ▼ −1 fell by one, = unchanged, \"new\" not assessed in the oldest.");
    l.space(8.0);
    let label_w = 170.0;
    let seg = 42.0;
    let bar_h = 6.0;
    let size = 7.5;
    let x0 = MARGIN + label_w;
    l.ensure(16.0);
    l.level_scale(x0, seg);
    for p in &c.processes {
        // The full name, wrapped: the row is as tall as its label or its bars.
        let lines = l.wrap(&format!("{} {}", p.id, p.name), label_w - 8.0, size, false);
        let h = (n as f32 * (bar_h + 1.5)).max(lines.len() as f32 * size * 1.2) + 6.0;
        l.ensure(h);
        let top = l.y;
        for (i, line) in lines.iter().enumerate() {
            l.text(
                MARGIN,
                top - 8.0 - i as f32 * size * 1.2,
                size,
                false,
                black(),
                line,
            );
        }
        for (i, lvl) in p.levels.iter().enumerate() {
            let y = top - 2.0 - (i as f32 + 1.0) * (bar_h + 1.5);
            match lvl {
                Some(lvl) => {
                    l.rect(x0, y, 5.0 * seg, bar_h, None, true);
                    if *lvl > 0 {
                        l.rect(x0, y, *lvl as f32 * seg, bar_h, Some(shade(i, n)), false);
                    }
                }
                None => l.text(x0 + 2.0, y + 1.0, 6.0, false, grey(), "not in scope"),
            }
        }
        if let Some(t) = p.targets.iter().flatten().last() {
            let tx = x0 + *t as f32 * seg;
            l.line(
                tx,
                top - 2.0 - n as f32 * (bar_h + 1.5),
                tx,
                top,
                2.0,
                black(),
            );
        }
        let levels: Vec<String> = p
            .levels
            .iter()
            .map(|x| x.map(|v| v.to_string()).unwrap_or_else(|| "-".into()))
            .collect();
        let mut shown = levels.join(" → ");
        if n >= 2 {
            let first = p.levels.first().copied().flatten();
            let last = p.levels.last().copied().flatten();
            shown.push_str(&format!("  {}", movement(first, last)));
        }
        l.text(
            x0 + 5.0 * seg + 8.0,
            top - 8.0,
            size,
            p.level_change != 0,
            black(),
            &shown,
        );
        l.y = top - h;
    }

    // Attribute ratings over time.
    l.new_page();
    l.heading("Attribute ratings over time", 16.0);
    l.para("Each cell lists the ratings from oldest to newest; the last column says how the newest compares with the oldest (▲ improved, ▼ regressed, = unchanged).");
    l.space(4.0);
    let mut rows = Vec::new();
    for p in &c.processes {
        for a in p.attributes.iter().filter(|a| a.change != Change::NotRated) {
            let codes: Vec<String> = a
                .ratings
                .iter()
                .map(|r| {
                    r.map(|r| r.code().to_string())
                        .unwrap_or_else(|| "–".into())
                })
                .collect();
            rows.push(vec![
                cell(format!("{} {}", p.id, a.id)),
                cell(codes.join(" → ")),
                Cell {
                    text: match a.change {
                        Change::Improved => format!("▲ {}", a.change.word()),
                        Change::Regressed => format!("▼ {}", a.change.word()),
                        Change::Unchanged => format!("= {}", a.change.word()),
                        Change::NewlyRated => format!("new: {}", a.change.word()),
                        _ => a.change.word().to_string(),
                    },
                    bold: matches!(a.change, Change::Improved | Change::Regressed),
                    ..Cell::default()
                },
            ]);
        }
    }
    l.table(
        &[
            ("Process and attribute".into(), 160.0),
            ("Ratings".into(), 200.0),
            ("Change".into(), PAGE_W - 2.0 * MARGIN - 360.0),
        ],
        &rows,
    );
    let trace = format!(
        "capra {} · trend of {n} assessments",
        crate::report::CAPRA_VERSION
    );
    let seed: String = c
        .snapshots
        .iter()
        .map(|s| format!("{}{}", s.label, s.date))
        .collect();
    save(
        l,
        "Capability trend report",
        &trace,
        "Capability trend report",
        &last,
        &seed,
        &Default::default(),
    )
    .map(|(b, _)| b)
}

/// How a level moved from `then` to `now`, told by a mark and a word as well as any colour:
/// "▲ +1", "▼ −2", "= unchanged", "new" (not assessed then), "no longer assessed", or "–".
pub(in crate::report::pdf) fn movement(then: Option<u8>, now: Option<u8>) -> String {
    match (then, now) {
        (Some(t), Some(n)) if n > t => format!("▲ +{}", n - t),
        (Some(t), Some(n)) if n < t => format!("▼ −{}", t - n),
        (Some(_), Some(_)) => "= unchanged".into(),
        (None, Some(_)) => "new".into(),
        (Some(_), None) => "no longer assessed".into(),
        (None, None) => "–".into(),
    }
}

/// A shade of the accent colour for the i-th of n assessments, lightest first.
fn shade(i: usize, n: usize) -> Color {
    let t = if n <= 1 {
        1.0
    } else {
        i as f32 / (n - 1) as f32
    };
    let (r, g, b) = (31.0, 78.0, 121.0);
    let mix = |c: f32| (255.0 - (255.0 - c) * (0.35 + 0.65 * t)) as u8;
    rgb(mix(r), mix(g), mix(b))
}
