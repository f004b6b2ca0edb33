//! The executive summary (the authors' text, then what the data says: targets met, the largest
//! gaps, and the trend since the previous assessment), the conclusions, and the sign-off page.

use crate::report::pdf::layout::{Cell, Layout, b, c};
use crate::report::pdf::style::{BODY, MARGIN, PAGE_W, black, grey};
use crate::report::{Report, Standing};

pub(super) fn executive_summary(l: &mut Layout, r: &Report) {
    l.new_page();
    l.heading("Executive summary", 16.0);
    if !r.settings.executive_summary.trim().is_empty() {
        l.para(r.settings.executive_summary.trim());
        l.space(6.0);
    }
    l.heading("In figures", 12.0);
    let n = r.processes.len();
    let assessed = r.assessed().count();
    let meet = r
        .assessed()
        .filter(|p| p.standing != Standing::Below)
        .count();
    if assessed == 0 {
        l.para(&format!(
            "None of the {n} process(es) in scope has been rated yet."
        ));
    } else {
        l.para(&format!(
            "{meet} of the {assessed} process(es) assessed meet their target capability level; {} fall short, by {} level(s) in all.{}",
            assessed - meet,
            r.total_gap,
            match n - assessed {
                0 => String::new(),
                k => format!(" {k} process(es) in scope are not assessed yet."),
            }
        ));
    }
    let mut gaps: Vec<_> = r.below().collect();
    gaps.sort_by_key(|p| std::cmp::Reverse(p.gap));
    if !gaps.is_empty() {
        l.para_styled("The largest gaps", BODY, true, black(), 0.0);
        for p in gaps.iter().take(3) {
            l.para_styled(
                &format!(
                    "• {} {}: level {} of target {} ({} level(s) short)",
                    p.id, p.name, p.level, p.target, p.gap
                ),
                BODY,
                false,
                black(),
                8.0,
            );
        }
    }
    if let Some(view) = &r.iso27001 {
        l.space(4.0);
        l.para(&iso27001_line(view));
    }
    super::front::status_block(l, r, true);
    if let Some(prev) = &r.previous {
        trend(l, r, prev);
    }
}

/// "ISO/IEC 27001 (section 4): 8 of the 25 clauses and 72 of the 93 Annex A controls are at
/// risk; ...": the view in one sentence.
fn iso27001_line(view: &crate::report::Iso27001) -> String {
    let (k, c) = (&view.clauses.counts, &view.controls.counts);
    // A model may declare clauses without controls, or the other way round.
    let mut at_risk = Vec::new();
    let mut unassessed = Vec::new();
    if !view.clauses.entries.is_empty() {
        at_risk.push(format!(
            "{} of the {} clauses",
            k.at_risk,
            view.clauses.entries.len()
        ));
        unassessed.push(format!("{} clause(s)", k.not_assessed));
    }
    if !view.controls.entries.is_empty() {
        at_risk.push(format!(
            "{} of the {} Annex A controls in view",
            c.at_risk,
            view.controls.entries.len()
        ));
        unassessed.push(format!("{} control(s)", c.not_assessed));
    }
    let mut s = if at_risk.is_empty() {
        "ISO/IEC 27001 (section 4): no clause or control is in view.".to_string()
    } else {
        format!(
            "ISO/IEC 27001 (section 4): {} are at risk, by the capability of the processes behind them; {} are not assessed.",
            at_risk.join(" and "),
            unassessed.join(" and ")
        )
    };
    if c.excluded > 0 {
        s.push_str(&format!(
            " The statement of applicability excludes {} control(s).",
            c.excluded
        ));
    }
    s
}

/// The levels then and now, process by process, with the counts of what moved.
fn trend(l: &mut Layout, r: &Report, prev: &crate::report::previous::Previous) {
    l.heading(&format!("Since {} ({})", prev.title, prev.date), 12.0);
    let (mut up, mut down, mut same) = (0, 0, 0);
    let rows: Vec<Vec<Cell>> = r
        .processes
        .iter()
        .map(|p| {
            let then = prev.level(&p.id);
            let now = (p.standing != Standing::NotAssessed).then_some(p.level);
            match (then, now) {
                (Some(t), Some(n)) if n > t => up += 1,
                (Some(t), Some(n)) if n < t => down += 1,
                (Some(_), Some(_)) => same += 1,
                _ => {}
            }
            let change = crate::report::pdf::trend::movement(then, now);
            let show = |x: Option<u8>| x.map_or("not assessed".to_string(), |v| v.to_string());
            vec![
                c(format!("{} {}", p.id, p.name)),
                c(show(then)),
                c(show(now)),
                Cell {
                    bold: change.starts_with('▲') || change.starts_with('▼'),
                    ..c(change)
                },
            ]
        })
        .collect();
    l.para(&format!(
        "Of the processes assessed both times, {up} rose, {down} fell and {same} stayed at the same capability level. In the last column, ▲ +1 means one level higher than then, ▼ −1 one level lower, = unchanged, and \"new\" a process not assessed then."
    ));
    l.table(
        &[
            ("Process".into(), 230.0),
            ("Level then".into(), 75.0),
            ("Level now".into(), 75.0),
            ("Change".into(), PAGE_W - 2.0 * MARGIN - 380.0),
        ],
        &rows,
    );
}

pub(super) fn conclusions(l: &mut Layout, r: &Report) {
    if r.settings.conclusions.trim().is_empty() {
        return;
    }
    l.new_page();
    l.heading("Conclusions", 16.0);
    l.para(r.settings.conclusions.trim());
}

pub(super) fn sign_off(l: &mut Layout, r: &Report) {
    let s = &r.settings;
    if s.sign_off.is_empty() && s.distribution.is_empty() {
        return;
    }
    l.new_page();
    l.heading("Sign-off and distribution", 16.0);
    if !s.sign_off.is_empty() {
        l.para("By signing, each person below accepts this report as a true account of the assessment.");
        l.space(6.0);
        let rows: Vec<Vec<Cell>> = s
            .sign_off
            .iter()
            .map(|x| {
                vec![
                    b(x.name.to_string()),
                    c(x.role.clone()),
                    c(x.date.to_string()),
                    c("\n\n"),
                ]
            })
            .collect();
        l.table(
            &[
                ("Name".into(), 150.0),
                ("Role".into(), 120.0),
                ("Date".into(), 70.0),
                ("Signature".into(), PAGE_W - 2.0 * MARGIN - 340.0),
            ],
            &rows,
        );
    }
    if !s.distribution.is_empty() {
        l.heading("Distribution", 12.0);
        for d in &s.distribution {
            l.para_styled(&format!("• {d}"), BODY, false, black(), 8.0);
        }
    }
    if !s.classification.trim().is_empty() {
        l.space(6.0);
        l.para_styled(
            &format!("Classification: {}", s.classification.trim()),
            BODY,
            false,
            grey(),
            0.0,
        );
    }
}
