//! The results of the assessment report: the capability profile chart, the attribute heat map,
//! the gaps to target, and a section per process.

use crate::assessment::FindingKind;
use crate::rating::Rating;
use crate::report::pdf::layout::{Cell, Layout, c};
use crate::report::pdf::style::{BODY, MARGIN, PAGE_W, accent, black, grey, rgb};
use crate::report::{ProcessSection, Report, Standing};
use printpdf::Color;

/// The heat map's shades, one per value of the scale, a graded ramp: the further a rating is
/// from fully achieved, the darker and redder its shade (N dark red through the ambers of P-,
/// P, P+ and the yellow-greens of L-, L, L+ to F pale green); not rated is white. Each is light
/// enough for the black code printed on it, and each is lighter than the one before, so the
/// ramp also reads in grey.
pub(super) const SHADES: [(Option<Rating>, (u8, u8, u8)); 9] = [
    (Some(Rating::N), (211, 90, 90)),
    (Some(Rating::PMinus), (228, 120, 100)),
    (Some(Rating::P), (240, 150, 95)),
    (Some(Rating::PPlus), (245, 180, 100)),
    (Some(Rating::LMinus), (230, 205, 110)),
    (Some(Rating::L), (205, 228, 150)),
    (Some(Rating::LPlus), (200, 238, 185)),
    (Some(Rating::F), (215, 245, 210)),
    (None, (255, 255, 255)),
];

/// Fill colour of a heat-map cell (see [`SHADES`]).
fn heat(r: Option<Rating>) -> Option<Color> {
    SHADES
        .iter()
        .find(|(x, _)| *x == r)
        .map(|(_, (red, green, blue))| rgb(*red, *green, *blue))
}

fn standing_label(p: &ProcessSection) -> String {
    match p.standing {
        Standing::Below => format!("{} below target", p.gap),
        Standing::At => "at target".into(),
        Standing::Above => "above target".into(),
        Standing::NotAssessed => "not assessed".into(),
    }
}

/// The band of a rating in a word or two, for the heat map's legend.
fn band_word(r: Rating) -> &'static str {
    match r {
        Rating::N => "not achieved",
        Rating::PMinus => "partly, low",
        Rating::P => "partly",
        Rating::PPlus => "partly, high",
        Rating::LMinus => "largely, low",
        Rating::L => "largely",
        Rating::LPlus => "largely, high",
        Rating::F => "fully achieved",
    }
}

fn rating_code(r: Option<Rating>) -> String {
    r.map(|r| r.code().to_string())
        .unwrap_or_else(|| "–".into())
}

/// The fill of a profile bar: one colour per standing against the target (each bar also says
/// its standing in words, so the chart reads without colour).
fn standing_fill(s: Standing) -> Color {
    match s {
        Standing::Below => rgb(198, 40, 40),
        Standing::At => rgb(46, 125, 50),
        Standing::Above | Standing::NotAssessed => accent(),
    }
}

/// The words beside a profile bar: "below target by 2", "at target", "above target by 1",
/// "not assessed".
pub(super) fn standing_words(p: &ProcessSection) -> String {
    match p.standing {
        Standing::Below => format!("below target by {}", p.gap),
        Standing::At => "at target".into(),
        Standing::Above => format!("above target by {}", p.level.saturating_sub(p.target)),
        Standing::NotAssessed => "not assessed".into(),
    }
}

pub(super) fn profile(l: &mut Layout, r: &Report) {
    l.new_page();
    l.heading("2  Capability profile", 16.0);
    l.para("Each bar shows the capability level reached (filled) on the scale 0 to 5; the thick line marks the target level. The fill says how the level stands against the target, and so do the words beside the bar. A process with no attribute rated yet shows \"–\" as its level: it is not assessed and has no level yet.");
    l.legend(&[
        (Some(standing_fill(Standing::Below)), "below target".into()),
        (Some(standing_fill(Standing::At)), "at target".into()),
        (Some(standing_fill(Standing::Above)), "above target".into()),
        (None, "not reached".into()),
    ]);
    l.space(6.0);
    let label_w = 170.0;
    let seg = 42.0;
    let bar_h = 10.0;
    let size = 7.5;
    let lh = size * 1.2;
    let x0 = MARGIN + label_w;
    // Scale labels.
    l.ensure(20.0);
    l.level_scale(x0, seg);
    for p in &r.processes {
        // The full name, wrapped: the row is as tall as its label.
        let lines = l.wrap(&format!("{} {}", p.id, p.name), label_w - 8.0, size, false);
        let h = (lines.len() as f32 * lh).max(bar_h) + 6.0;
        l.ensure(h + 1.0);
        let top = l.y;
        l.y -= h;
        let y = top - 5.0 - bar_h;
        for (i, line) in lines.iter().enumerate() {
            let ty = y + 2.0 - i as f32 * lh;
            l.text(MARGIN, ty, size, false, black(), line);
        }
        let fill = standing_fill(p.standing);
        for lv in 0..5u8 {
            let f = if lv < p.level {
                Some(fill.clone())
            } else {
                None
            };
            l.rect(x0 + lv as f32 * seg, y, seg, bar_h, f, true);
        }
        let tx = x0 + p.target as f32 * seg;
        l.line(tx, y - 2.0, tx, y + bar_h + 2.0, 2.0, black());
        let status = if p.standing == Standing::NotAssessed {
            format!("–/{}", p.target)
        } else {
            format!("{}/{}", p.level, p.target)
        };
        l.text(
            x0 + 5.0 * seg + 6.0,
            y + 2.0,
            size,
            p.gap > 0,
            black(),
            &format!("{status}  {}", standing_words(p)),
        );
    }
    if let Some(m) = &r.maturity {
        l.space(8.0);
        l.para(&format!(
            "{}. A maturity level is reached when every process its set names (and the sets of the levels below) reaches the capability level the model asks of it; a process out of scope or not rated holds the level back.",
            m.summary()
        ));
    }
    l.space(10.0);
    l.heading("Attribute ratings", 12.0);
    l.para("Ratings of each process attribute: the code in each cell is the rating, and the shade repeats it on a graded ramp, darker the further the rating is from fully achieved. A dash on white means not rated.");
    l.legend(
        &SHADES
            .iter()
            .map(|(r, (red, green, blue))| {
                let words = match r {
                    Some(r) => format!("{} {}", r.code(), band_word(*r)),
                    None => "– not rated".to_string(),
                };
                (Some(rgb(*red, *green, *blue)), words)
            })
            .collect::<Vec<_>>(),
    );
    l.space(4.0);
    let attr_w = (PAGE_W - 2.0 * MARGIN - 150.0) / r.attribute_ids.len().max(1) as f32;
    let mut cols = vec![("Process".to_string(), 150.0)];
    cols.extend(r.attribute_ids.iter().map(|(id, _)| (id.clone(), attr_w)));
    let rows: Vec<Vec<Cell>> = r
        .processes
        .iter()
        .map(|p| {
            let mut row = vec![c(format!("{} {}", p.id, p.name))];
            row.extend(p.attributes.iter().map(|a| Cell {
                text: rating_code(a.rating),
                bold: true,
                fill: heat(a.rating),
                center: true,
            }));
            row
        })
        .collect();
    l.table(&cols, &rows);
}

pub(super) fn gap_table(l: &mut Layout, r: &Report) {
    l.new_page();
    l.heading("3  Gaps to target", 16.0);
    if r.assessed().next().is_none() {
        l.para("No process has been rated yet: there are no gaps to show.");
    } else {
        l.para("Largest gaps first. \"Next level\" names the first attribute that stops the next capability level and the rating it needs.");
    }
    for standing in [Standing::Below, Standing::At, Standing::Above] {
        let rows: Vec<Vec<Cell>> = r
            .by_gap()
            .into_iter()
            .filter(|p| p.standing == standing)
            .map(|p| {
                vec![
                    c(format!("{} {}", p.id, p.name)),
                    Cell {
                        text: p.level.to_string(),
                        center: true,
                        ..Cell::default()
                    },
                    Cell {
                        text: p.target.to_string(),
                        center: true,
                        ..Cell::default()
                    },
                    Cell {
                        text: p.gap.to_string(),
                        center: true,
                        bold: p.gap > 0,
                        ..Cell::default()
                    },
                    c(p.blocked_by
                        .as_ref()
                        .map(|b| format!("level {}: {}", b.level, b.explain()))
                        .unwrap_or_else(|| "highest level reached".into())),
                ]
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        let title = match standing {
            Standing::Below => "Below target",
            Standing::At => "At target",
            Standing::Above => "Above target",
            Standing::NotAssessed => "Not assessed",
        };
        l.heading(&format!("{title} ({})", rows.len()), 11.0);
        l.table(
            &[
                ("Process".into(), 190.0),
                ("Level".into(), 40.0),
                ("Target".into(), 40.0),
                ("Gap".into(), 35.0),
                ("Next level".into(), PAGE_W - 2.0 * MARGIN - 305.0),
            ],
            &rows,
        );
    }
    let rows: Vec<Vec<Cell>> = r
        .not_assessed()
        .map(|p| {
            vec![
                c(format!("{} {}", p.id, p.name)),
                Cell {
                    text: p.target.to_string(),
                    center: true,
                    ..Cell::default()
                },
                c(format!("{} attribute rating(s) to give", p.to_rate)),
            ]
        })
        .collect();
    if !rows.is_empty() {
        l.heading(&format!("Not assessed ({})", rows.len()), 11.0);
        l.para("No attribute of these processes is rated yet: they have no level, and count in no total or gap above.");
        l.table(
            &[
                ("Process".into(), 190.0),
                ("Target".into(), 40.0),
                ("To do".into(), PAGE_W - 2.0 * MARGIN - 230.0),
            ],
            &rows,
        );
    }
}

/// Section `n`.
pub(super) fn process_sections(l: &mut Layout, r: &Report, n: usize) {
    l.new_page();
    l.heading(&format!("{n}  Processes"), 16.0);
    super::provenance::legend(l, r);
    for p in &r.processes {
        l.ensure(120.0);
        l.heading(&format!("{} {}", p.id, p.name), 12.0);
        l.bookmark(&format!("{} {}", p.id, p.name));
        l.para_styled(&p.category, BODY, false, grey(), 0.0);
        if !p.purpose.is_empty() {
            l.para(&p.purpose);
        }
        let next = p
            .blocked_by
            .as_ref()
            .map(|b| format!(" Next level {}: {}.", b.level, b.explain()))
            .unwrap_or_default();
        l.space(3.0);
        let headline = if p.standing == Standing::NotAssessed {
            format!(
                "Not assessed: no attribute is rated yet; target {}.",
                p.target
            )
        } else {
            format!(
                "Capability level {} ({}), target {}: {}.{next}",
                p.level,
                p.level_name,
                p.target,
                standing_label(p)
            )
        };
        l.para_styled(&headline, BODY, true, black(), 0.0);
        let cov = &p.coverage;
        if cov.rated > 0 {
            l.para_styled(
                &format!(
                    "Evidence behind {} of {} rated attributes ({} of them of two or more kinds); confidence high {}, medium {}, low {}, not given {}.",
                    cov.with_evidence,
                    cov.rated,
                    cov.two_kinds,
                    cov.confidence_high,
                    cov.confidence_medium,
                    cov.confidence_low,
                    cov.confidence_unset
                ),
                BODY,
                false,
                grey(),
                0.0,
            );
        }
        if p.standing == Standing::NotAssessed {
            let missing: Vec<&str> = p
                .attributes
                .iter()
                .filter(|a| a.needed.is_some())
                .map(|a| a.id.as_str())
                .collect();
            if !missing.is_empty() {
                l.para_styled(
                    &format!("To rate for the target: {}.", missing.join(", ")),
                    BODY,
                    false,
                    grey(),
                    0.0,
                );
            }
            super::provenance::characterisations(l, p);
        } else {
            ratings(l, p);
        }
        findings(l, p);
        if r.include_notes {
            working_notes(l, p);
        }
        if let Some(rat) = p.attributes.iter().find(|a| !a.rationale.is_empty()) {
            l.space(4.0);
            l.para_styled(
                "Rationale for overriding the aggregate",
                BODY,
                true,
                black(),
                0.0,
            );
            l.para_styled(
                &format!("{}: {}", rat.id, rat.rationale),
                BODY,
                false,
                black(),
                8.0,
            );
        }
        if !p.evidence.is_empty() {
            l.space(4.0);
            l.para_styled("Evidence relied on", BODY, true, black(), 0.0);
            for id in &p.evidence {
                let title = r
                    .evidence
                    .iter()
                    .find(|e| &e.id == id)
                    .map(|e| format!("{} ({})", e.title, e.kind))
                    .unwrap_or_default();
                l.para_styled(&format!("{id} {title}"), BODY, false, black(), 8.0);
            }
        }
        l.space(10.0);
    }
}

/// The ratings of an assessed process: the attributes, the instances, and under R1 the
/// characterisations, each rating with where it came from and its review state.
fn ratings(l: &mut Layout, p: &ProcessSection) {
    l.space(4.0);
    let rows: Vec<Vec<Cell>> = p
        .attributes
        .iter()
        .filter(|a| a.needed.is_some() || a.rating.is_some())
        .map(|a| {
            // What an incomplete attribute still lacks is said under its name.
            let how = match a.source {
                "incomplete" => format!("\n{}", a.band),
                _ => String::new(),
            };
            vec![
                c(format!("{} {}{how}", a.id, a.name)),
                Cell {
                    text: rating_code(a.rating),
                    bold: true,
                    fill: heat(a.rating),
                    center: true,
                },
                Cell {
                    text: a
                        .needed
                        .map(|n| crate::rating::need_phrase(n).to_string())
                        .unwrap_or_else(|| "–".into()),
                    center: true,
                    ..Cell::default()
                },
                c(super::provenance::source_cell(a)),
                c(a.confidence.clone()),
                c(a.evidence.join(", ")),
                c(a.assessor.clone()),
            ]
        })
        .collect();
    l.table(
        &[
            ("Attribute".into(), 122.0),
            ("Rating".into(), 40.0),
            ("Target needs".into(), 50.0),
            ("Source, review".into(), 84.0),
            ("Confidence".into(), 62.0),
            ("Evidence".into(), 66.0),
            ("Assessor".into(), PAGE_W - 2.0 * MARGIN - 424.0),
        ],
        &rows,
    );
    if !p.instance_rows.is_empty() {
        let rows: Vec<Vec<Cell>> = p
            .instance_rows
            .iter()
            .map(|a| {
                vec![
                    c(a.instance.clone().unwrap_or_default()),
                    c(a.id.clone()),
                    Cell {
                        text: rating_code(a.rating),
                        bold: true,
                        fill: heat(a.rating),
                        center: true,
                    },
                    c(super::provenance::source_cell(a)),
                    c(a.confidence.clone()),
                    c(a.evidence.join(", ")),
                    c(a.assessor.clone()),
                ]
            })
            .collect();
        l.space(4.0);
        l.table(
            &[
                ("Instance".into(), 96.0),
                ("Attribute".into(), 52.0),
                ("Rating".into(), 40.0),
                ("Source, review".into(), 82.0),
                ("Confidence".into(), 62.0),
                ("Evidence".into(), 66.0),
                ("Assessor".into(), PAGE_W - 2.0 * MARGIN - 398.0),
            ],
            &rows,
        );
    }
    super::provenance::characterisations(l, p);
}

/// The findings of a process: strengths, weaknesses (with their severity) and observations,
/// those about the process as a whole first, then per attribute; or a plain sentence when
/// there are none. Recommendations have their own section.
fn findings(l: &mut Layout, p: &ProcessSection) {
    let kinds = [
        ("Strengths", FindingKind::Strength),
        ("Weaknesses", FindingKind::Weakness),
        ("Observations", FindingKind::Observation),
    ];
    let shown: usize = kinds
        .iter()
        .map(|(_, k)| p.findings.of_kind(*k).len())
        .sum();
    if shown == 0 {
        l.space(4.0);
        let recs = p.findings.of_kind(FindingKind::Recommendation).len();
        l.para_styled(
            &if recs == 0 {
                "No findings were recorded for this process.".to_string()
            } else {
                format!(
                    "No strengths, weaknesses or observations were recorded for this process; its {recs} recommendation(s) are in section 5."
                )
            },
            BODY,
            false,
            grey(),
            0.0,
        );
        return;
    }
    for (title, kind) in kinds {
        let items = p.findings.of_kind(kind);
        if items.is_empty() {
            continue;
        }
        l.space(4.0);
        l.para_styled(title, BODY, true, black(), 0.0);
        for f in items {
            let about = f.about();
            let about = if about.is_empty() {
                "Process".to_string()
            } else {
                about
            };
            let severity = f
                .severity
                .map(|s| format!(" [{} severity]", s.word()))
                .unwrap_or_default();
            let evidence = if f.evidence.is_empty() {
                String::new()
            } else {
                format!("; evidence {}", f.evidence.join(", "))
            };
            l.para_styled(
                &format!("{about}{severity}: {} ({}{evidence})", f.text, f.id),
                BODY,
                false,
                black(),
                8.0,
            );
        }
    }
}

/// The working notes of a process's ratings, for the team's internal review only.
fn working_notes(l: &mut Layout, p: &ProcessSection) {
    let notes: Vec<String> = p
        .attributes
        .iter()
        .chain(&p.instance_rows)
        .filter(|a| !a.note.trim().is_empty())
        .map(|a| match &a.instance {
            Some(i) => format!("{} ({i}): {}", a.id, a.note),
            None => format!("{}: {}", a.id, a.note),
        })
        .collect();
    if notes.is_empty() {
        return;
    }
    l.space(4.0);
    l.para_styled(
        "Working notes (internal, not for the sponsor)",
        BODY,
        true,
        grey(),
        0.0,
    );
    for n in notes {
        l.para_styled(&n, BODY, false, grey(), 8.0);
    }
}
