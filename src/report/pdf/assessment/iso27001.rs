//! The ISO/IEC 27001 view of the assessment report: readiness per clause (a compact table), the
//! Annex A controls at risk grouped by theme with the process gaps behind each, and the
//! supported and not assessed controls as counts per theme. Only when the model declares a
//! catalogue; controls the Statement of Applicability excludes are left out, and it says so.

use crate::iso27001::{Entry, Verdict};
use crate::report::pdf::layout::{Cell, Layout, b, c};
use crate::report::pdf::style::{MARGIN, PAGE_W, rgb};
use crate::report::{Iso27001, Report};

/// The Annex A themes in the standard's order; a theme the model adds comes after them.
const THEMES: [&str; 4] = ["organisational", "people", "physical", "technological"];

fn verdict_cell(v: Verdict) -> Cell {
    Cell {
        text: v.word().to_string(),
        bold: v == Verdict::AtRisk,
        fill: Some(match v {
            Verdict::AtRisk => rgb(255, 213, 128),
            Verdict::Supported => rgb(197, 225, 165),
            Verdict::NotAssessed => rgb(225, 225, 225),
        }),
        center: false,
    }
}

/// "Organisational".
fn capitalised(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(f) => f.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// The themes of the controls, in the standard's order, then any others as they come.
fn themes(view: &Iso27001) -> Vec<String> {
    let mut out: Vec<String> = THEMES.iter().map(|t| t.to_string()).collect();
    for e in &view.controls.entries {
        if !out.contains(&e.theme) {
            out.push(e.theme.clone());
        }
    }
    out.retain(|t| view.controls.entries.iter().any(|e| &e.theme == t));
    out
}

/// "ISMS.CORE.5 L1/2", one process a line.
fn processes(e: &Entry) -> String {
    e.processes
        .iter()
        .map(|s| format!("{} {}", s.process, s.level()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Section `n`: nothing when the model declares no catalogue.
pub(super) fn iso27001(l: &mut Layout, r: &Report, n: usize) {
    let Some(view) = &r.iso27001 else {
        return;
    };
    l.new_page();
    l.heading(&format!("{n}  ISO/IEC 27001 view"), 16.0);
    l.para("What the capability of the assessed processes says about the clauses of ISO/IEC 27001:2022 and its Annex A controls, through the processes the model maps to each. It is a first signal of readiness, not an audit result: capability says how well a process works, not whether a control is in place.");
    l.space(3.0);
    l.para("A clause is supported when every rated process behind it is performed (PA1.1 at least L), with PA2.2 at least L when the clause asks for documented information, and at its target level for the clauses of sections 9 and 10. A control is supported when every rated process it depends on is at level 1 at least and at its target level. An entry none of whose processes is rated is not assessed. [documented]: the clause asks for documented information.");
    let k = &view.clauses.counts;
    if !view.clauses.entries.is_empty() {
        l.heading(
            &format!(
                "Clauses: {} supported, {} at risk, {} not assessed",
                k.supported, k.at_risk, k.not_assessed
            ),
            12.0,
        );
        let rows: Vec<Vec<Cell>> = view
            .clauses
            .entries
            .iter()
            .map(|e| {
                vec![
                    b(e.id.clone()),
                    c(if e.documented {
                        format!("{} [documented]", e.title)
                    } else {
                        e.title.clone()
                    }),
                    c(processes(e)),
                    verdict_cell(e.verdict),
                    c(e.reason.clone()),
                ]
            })
            .collect();
        l.table(
            &[
                ("Clause".into(), 44.0),
                ("Title".into(), 118.0),
                ("Processes, level/target".into(), 118.0),
                ("Verdict".into(), 56.0),
                ("Reason".into(), PAGE_W - 2.0 * MARGIN - 336.0),
            ],
            &rows,
        );
    }
    if view.controls.entries.is_empty() && view.controls.counts.excluded == 0 {
        return;
    }
    let k = &view.controls.counts;
    l.heading(
        &format!(
            "Annex A controls: {} supported, {} at risk, {} not assessed",
            k.supported, k.at_risk, k.not_assessed
        ),
        12.0,
    );
    if view.soa {
        l.para(&format!(
            "The statement of applicability stored with the assessment excludes {} control(s){}; they are left out of this view.",
            k.excluded,
            if view.excluded.is_empty() {
                String::new()
            } else {
                format!(" ({})", view.excluded.join(", "))
            }
        ));
    } else {
        l.para("No statement of applicability is stored with the assessment: every control counts as applicable.");
    }
    l.space(3.0);
    let themes = themes(view);
    let count = |t: &str, v: Verdict| {
        view.controls
            .entries
            .iter()
            .filter(|e| e.theme == t && e.verdict == v)
            .count()
    };
    let centred = |n: usize, bold: bool| Cell {
        text: n.to_string(),
        bold,
        center: true,
        ..Cell::default()
    };
    let mut rows: Vec<Vec<Cell>> = themes
        .iter()
        .map(|t| {
            vec![
                c(capitalised(t)),
                centred(count(t, Verdict::AtRisk), count(t, Verdict::AtRisk) > 0),
                centred(count(t, Verdict::Supported), false),
                centred(count(t, Verdict::NotAssessed), false),
            ]
        })
        .collect();
    rows.push(vec![
        b("All themes"),
        centred(k.at_risk, true),
        centred(k.supported, true),
        centred(k.not_assessed, true),
    ]);
    l.table(
        &[
            ("Theme".into(), 130.0),
            ("At risk".into(), 60.0),
            ("Supported".into(), 60.0),
            ("Not assessed".into(), 70.0),
        ],
        &rows,
    );
    for t in &themes {
        let rows: Vec<Vec<Cell>> = view
            .controls
            .entries
            .iter()
            .filter(|e| &e.theme == t && e.verdict == Verdict::AtRisk)
            .map(|e| {
                vec![
                    b(e.id.clone()),
                    c(e.title.clone()),
                    c(processes(e)),
                    c(e.reason.clone()),
                ]
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        l.heading(
            &format!("{} controls at risk ({})", capitalised(t), rows.len()),
            11.0,
        );
        l.table(
            &[
                ("Control".into(), 46.0),
                ("Title".into(), 128.0),
                ("Processes, level/target".into(), 118.0),
                ("Process gaps".into(), PAGE_W - 2.0 * MARGIN - 292.0),
            ],
            &rows,
        );
    }
}
