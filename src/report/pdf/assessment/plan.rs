//! The recommendations and the improvement plan of the assessment report: the recommendations
//! recorded as findings, and the actions in priority order with overdue ones marked.

use crate::report::Report;
use crate::report::pdf::layout::{Cell, Layout, b, c};
use crate::report::pdf::style::{MARGIN, PAGE_W};
use crate::report::plan::PlanRow;

/// Section `n`.
pub(super) fn plan(l: &mut Layout, r: &Report, n: usize) {
    l.new_page();
    l.heading(&format!("{n}  Recommendations and improvement plan"), 16.0);
    l.heading(
        &format!("Recommendations ({})", r.recommendations.len()),
        11.0,
    );
    if r.recommendations.is_empty() {
        l.para("No recommendations were recorded.");
    } else {
        let rows: Vec<Vec<Cell>> = r
            .recommendations
            .iter()
            .map(|f| {
                let about = f.about();
                vec![
                    b(f.id.clone()),
                    c(if about.is_empty() {
                        format!("{} {}", f.process, f.process_name)
                    } else {
                        format!("{} {}\n{about}", f.process, f.process_name)
                    }),
                    c(if f.evidence.is_empty() {
                        f.text.clone()
                    } else {
                        format!("{}\nEvidence: {}", f.text, f.evidence.join(", "))
                    }),
                ]
            })
            .collect();
        l.table(
            &[
                ("Id".into(), 40.0),
                ("Process".into(), 150.0),
                ("Recommendation".into(), PAGE_W - 2.0 * MARGIN - 190.0),
            ],
            &rows,
        );
    }
    l.heading(&format!("Improvement plan ({})", r.plan.len()), 11.0);
    if r.plan.is_empty() {
        l.para("The improvement plan is empty: no action has been recorded.");
        return;
    }
    let overdue = r.plan.iter().filter(|x| x.overdue).count();
    let open = r.plan.iter().filter(|x| x.status.is_open()).count();
    let (quick, rest): (Vec<&PlanRow>, Vec<&PlanRow>) =
        r.plan.iter().partition(|x| x.is_quick_win());
    l.para(&format!(
        "{open} open, of which {overdue} overdue (open and due before {}). Quick wins come first: {QUICK_WIN}. Then the other actions: open ones by priority (high, medium, low, none), then by due date; done and dropped ones last.",
        r.today
    ));
    l.space(4.0);
    l.heading(&format!("Quick wins ({})", quick.len()), 10.0);
    if quick.is_empty() {
        l.para("No open action is both of small effort and of high or medium priority.");
    } else {
        actions_table(l, &quick);
    }
    l.space(4.0);
    l.heading(&format!("Other actions ({})", rest.len()), 10.0);
    if rest.is_empty() {
        l.para("Every action of the plan is a quick win.");
    } else {
        actions_table(l, &rest);
    }
}

/// What the report calls a quick win, in words (the rule is
/// [`crate::assessment::plan::is_quick_win`]).
const QUICK_WIN: &str =
    "open actions (proposed, agreed or in progress) of small effort and of high or medium priority";

/// The table of actions, in the order given.
fn actions_table(l: &mut Layout, plan: &[&PlanRow]) {
    let rows: Vec<Vec<Cell>> = plan
        .iter()
        .map(|x| {
            let mut what = x.title.clone();
            if !x.findings.is_empty() {
                what.push_str(&format!("\nanswers {}", x.findings.join(", ")));
            }
            if !x.carried_from.is_empty() {
                // The earlier assessment's title is long and in actions.csv; here it is enough
                // to say that the action is older than this assessment.
                what.push_str("\ncarried over from the previous assessment");
            }
            if !x.note.trim().is_empty() {
                what.push_str(&format!("\nworking note: {}", x.note));
            }
            let mut status = x.status.word().to_string();
            if !x.status_since.is_empty() {
                status.push_str(&format!("\n{}", x.status_since));
            }
            vec![
                b(x.id.clone()),
                c(what),
                c(x.place()),
                c(x.owner.clone()),
                Cell {
                    text: if x.overdue {
                        format!("{}\nOVERDUE", x.due)
                    } else {
                        x.due.clone()
                    },
                    bold: x.overdue,
                    ..Cell::default()
                },
                c(x.priority.map(|p| p.word()).unwrap_or("–")),
                c(x.effort.map(|e| e.word()).unwrap_or("–")),
                c(status),
            ]
        })
        .collect();
    l.table(
        &[
            ("Id".into(), 34.0),
            ("Action".into(), 110.0),
            ("Process, attributes".into(), 72.0),
            ("Owner".into(), 66.0),
            ("Due".into(), 64.0),
            ("Priority".into(), 44.0),
            ("Effort".into(), 44.0),
            ("Status, since".into(), PAGE_W - 2.0 * MARGIN - 434.0),
        ],
        &rows,
    );
}
