//! The front of the assessment report: the cover with its summary, and the scope and method.

use crate::report::pdf::layout::{Cell, Layout, b, c};
use crate::report::pdf::style::{
    BODY, BOTTOM, LINE, MARGIN, PAGE_H, PAGE_W, accent, black, grey, rgb,
};
use crate::report::{ProcessSection, Report, Standing};

pub(super) fn cover(l: &mut Layout, r: &Report) {
    if r.include_notes {
        // Below the logo, when there is one.
        l.y = PAGE_H - MARGIN - if r.logo.is_some() { 56.0 } else { 0.0 };
        l.para_styled(
            "INTERNAL WORKING COPY: this report contains the assessment team's working notes. It is for the team's internal review only and must not be given to the sponsor.",
            11.0,
            true,
            rgb(183, 28, 28),
            0.0,
        );
    }
    l.y = (l.y - 10.0).min(PAGE_H - 120.0);
    l.para_styled(
        "Process capability assessment report",
        12.0,
        false,
        grey(),
        0.0,
    );
    l.space(6.0);
    if !r.settings.organisation.trim().is_empty() {
        l.para_styled(r.settings.organisation.trim(), 14.0, true, black(), 0.0);
        l.space(4.0);
    }
    cover_title(l, &r.title);
    l.space(10.0);
    if !r.unit.is_empty() {
        l.para_styled(&r.unit, 13.0, false, black(), 0.0);
    }
    l.space(20.0);
    l.field("Sponsor", &r.sponsor);
    let dates = match (r.start.is_empty(), r.end.is_empty()) {
        (false, false) => format!("{} to {}", r.start, r.end),
        (false, true) => format!("from {}", r.start),
        _ => String::new(),
    };
    l.field("Data collection", &dates);
    let st = &r.settings;
    let by = [st.prepared_by.trim(), st.consultancy.trim()]
        .into_iter()
        .filter(|x| !x.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    l.field("Prepared by", &by);
    l.field("Status", if r.status.draft { "DRAFT" } else { "Final" });
    l.field("Version", st.version.trim());
    l.field("Issue date", &r.issue_date);
    l.field("Classification", st.classification.trim());
    l.field(
        "Class of assessment",
        &format!("{} (1 most rigorous, 3 lightest)", r.class),
    );
    l.field("Model", &r.model);
    let team: Vec<String> = r
        .team
        .iter()
        .filter(|t| t.1 != "participant")
        .map(|(n, role, org)| {
            if org.is_empty() {
                format!("{n} ({role})")
            } else {
                format!("{n} ({role}, {org})")
            }
        })
        .collect();
    l.field("Assessment team", &team.join("\n"));
    l.space(18.0);
    l.heading("Summary", 14.0);
    l.para(&summary_sentence(r));
    let cov = &r.coverage;
    let open = r
        .warnings
        .iter()
        .filter(|w| w.acknowledged.is_none())
        .count();
    l.space(4.0);
    l.para(&format!(
        "Evidence: {} of {} rated attributes are backed by evidence ({}), {} by evidence of two or more kinds ({}). Confidence in the ratings: high {}, medium {}, low {}, not given {}. Consistency checks: {} open warning(s), {} acknowledged.",
        cov.with_evidence,
        cov.rated,
        crate::profile::Coverage::percent(cov.with_evidence, cov.rated),
        cov.two_kinds,
        crate::profile::Coverage::percent(cov.two_kinds, cov.rated),
        cov.confidence_high,
        cov.confidence_medium,
        cov.confidence_low,
        cov.confidence_unset,
        open,
        r.warnings.len() - open
    ));
    if !r.findings.is_empty() || !r.plan.is_empty() {
        l.space(4.0);
        l.para(&plan_summary(r));
    }
    let mut gaps: Vec<&ProcessSection> = r.below().collect();
    gaps.sort_by_key(|p| std::cmp::Reverse(p.gap));
    if !gaps.is_empty() {
        // The cover stays one page: the gaps take the room left above the status block, and
        // what does not fit is counted (section 3 has them all).
        let line = BODY * LINE;
        let reserve = 90.0;
        let width = PAGE_W - 2.0 * MARGIN - 8.0;
        let room = |l: &Layout, lines: usize| l.y - (lines as f32 + 2.0) * line >= BOTTOM + reserve;
        l.space(6.0);
        l.para_styled("Largest gaps", BODY, true, black(), 0.0);
        let mut shown = 0;
        for p in gaps.iter().take(5) {
            let why = p
                .blocked_by
                .as_ref()
                .map(|b| format!("; next: {}", b.explain()))
                .unwrap_or_default();
            let text = format!(
                "• {} {}: level {} of target {}{why}",
                p.id, p.name, p.level, p.target
            );
            if !room(l, l.wrap(&text, width, BODY, false).len()) {
                break;
            }
            l.para_styled(&text, BODY, false, black(), 8.0);
            shown += 1;
        }
        if shown < gaps.len() {
            l.para_styled(
                &format!(
                    "• and {} more below target: section 3 lists every gap",
                    gaps.len() - shown
                ),
                BODY,
                false,
                black(),
                8.0,
            );
        }
    }
    status_block(l, r, false);
}

/// The title on the cover, so that the cover stays one page for any title: wrapped at 24
/// points, and when that takes more than three lines, smaller step by step (20, 17, 14); at
/// 14 points it takes at most four lines, the last cut with "…". The title is also at the foot
/// of every page, cut to the room there.
fn cover_title(l: &mut Layout, title: &str) {
    let width = PAGE_W - 2.0 * MARGIN;
    for size in TITLE_SIZES {
        let lines = l.wrap(title, width, size, true);
        if lines.len() <= 3 {
            l.para_styled(&lines.join("\n"), size, true, accent(), 0.0);
            return;
        }
    }
    let size = TITLE_SIZES[TITLE_SIZES.len() - 1];
    let mut lines = l.wrap(title, width, size, true);
    lines.truncate(TITLE_LINES);
    if let Some(last) = lines.last_mut() {
        // Whole with " …" after it when that fits, else cut to make room for it.
        *last = l.fit(&format!("{last} …"), width, size, true);
    }
    l.para_styled(&lines.join("\n"), size, true, accent(), 0.0);
}

/// The sizes the cover's title is tried at, largest first, and the most lines it takes at the
/// smallest.
const TITLE_SIZES: [f32; 4] = [24.0, 20.0, 17.0, 14.0];
const TITLE_LINES: usize = 4;

/// How many processes there are, how many are assessed, and how those assessed stand; the
/// processes not assessed count in no total.
fn summary_sentence(r: &Report) -> String {
    let n = r.processes.len();
    let assessed = r.assessed().count();
    let not = n - assessed;
    if assessed == 0 {
        return format!(
            "{n} process(es) in scope; none has been rated yet, so there are no capability levels or gaps to report. {} attribute rating(s) are to be given for the targets.",
            r.to_rate
        );
    }
    let at = r
        .assessed()
        .filter(|p| p.standing != Standing::Below)
        .count();
    let apart = if not > 0 {
        format!(", {not} not assessed yet (listed apart in section 3)")
    } else {
        String::new()
    };
    format!(
        "{n} process(es) in scope, {assessed} assessed{apart}. Of those assessed, {at} reach their target capability level and {} fall short, by {} level(s) in all. {} of the {} attribute ratings the targets call for have been given.",
        assessed - at,
        r.total_gap,
        r.rated,
        r.to_rate
    )
}

/// The report's status on the cover: DRAFT and what is still open, or final (with the reason
/// when it is final although something is open).
/// On the cover (`full` false) the list is only counted, and given in full in the executive
/// summary.
pub(super) fn status_block(l: &mut Layout, r: &Report, full: bool) {
    let st = &r.status;
    l.space(10.0);
    l.heading("Status of this report", 12.0);
    let red = rgb(183, 28, 28);
    if st.draft {
        let why = if r.settings.is_final() {
            "the authors set it final, but some items are still open"
        } else {
            "its authors have not yet made it final"
        };
        l.para_styled(
            &format!("DRAFT: this report is a draft, not the final report ({why})."),
            BODY,
            true,
            red,
            0.0,
        );
    } else if !st.final_override.is_empty() {
        l.para_styled(
            &format!(
                "Final, although {} item(s) are still open. The authors' reason{}: {}",
                st.open.len(),
                match st.override_recorded() {
                    w if w.is_empty() => w,
                    w => format!(" ({w})"),
                },
                st.final_override
            ),
            BODY,
            true,
            black(),
            0.0,
        );
    } else {
        l.para("Final: nothing is still open.");
    }
    if !st.open.is_empty() && !full {
        l.para(&format!(
            "{} item(s) still open, listed in the executive summary.",
            st.open.len()
        ));
    } else if !st.open.is_empty() {
        l.para_styled("Still open:", BODY, true, black(), 0.0);
        const SHOWN: usize = 15;
        for item in st.open.iter().take(SHOWN) {
            l.para_styled(&format!("• {item}"), BODY, false, black(), 8.0);
        }
        if st.open.len() > SHOWN {
            l.para_styled(
                &format!("• and {} more", st.open.len() - SHOWN),
                BODY,
                false,
                black(),
                8.0,
            );
        }
    }
}

pub(super) fn scope_and_method(l: &mut Layout, r: &Report) {
    l.new_page();
    l.heading("1  Scope and method", 16.0);
    l.field("Purpose", &r.purpose);
    l.field("Organisational unit", &r.unit);
    l.field("Context", &r.context);
    l.field("Sponsor", &r.sponsor);
    l.field("Sponsor's relation", &r.sponsor_relation);
    l.field(
        "Class",
        &if r.class_gaps.is_empty() {
            format!(
                "{}: the assessment meets what capra checks of the class's requirements (ISO/IEC 33002)",
                r.class
            )
        } else {
            format!(
                "{}: not met: {}",
                r.class,
                r.class_gaps.join("; ")
            )
        },
    );
    l.field("Independence", &r.independence);
    l.field("Constraints", &r.constraints);
    l.field("Process model", &format!("{}. {}", r.model, r.model_basis));
    l.field("Measurement framework", &r.framework);
    l.field(
        "Rating method",
        &format!("{}: {}", r.rating_method, r.rating_method_explained),
    );
    l.field(
        "Aggregation",
        &format!("{}: {}", r.aggregation, r.aggregation_explained),
    );
    l.field(
        "Judgement and validation",
        &format!(
            "{} rating(s) are the assessor's judgement over an aggregate or a proposal (overrides, each with its rationale in the process sections); {} rating(s) are still flagged for review, not validated.",
            r.overrides, r.unvalidated
        ),
    );
    let scope: Vec<String> = r
        .processes
        .iter()
        .map(|p| format!("{} {} (target {})", p.id, p.name, p.target))
        .collect();
    l.field("Processes in scope", &scope.join("\n"));
    let team: Vec<String> = r
        .team
        .iter()
        .map(|(n, role, org)| {
            if org.is_empty() {
                format!("{n}: {role}")
            } else {
                format!("{n}: {role}, {org}")
            }
        })
        .collect();
    l.field("Team and participants", &team.join("\n"));

    l.heading("Rating scale", 12.0);
    let rows: Vec<Vec<Cell>> = r
        .scale
        .iter()
        .map(|(code, name, band, text)| {
            vec![
                b(code.clone()),
                c(name.clone()),
                c(band.clone()),
                c(text.clone()),
            ]
        })
        .collect();
    l.table(
        &[
            ("Value".into(), 40.0),
            ("Name".into(), 120.0),
            ("Achievement".into(), 75.0),
            ("Meaning".into(), PAGE_W - 2.0 * MARGIN - 235.0),
        ],
        &rows,
    );
    l.space(6.0);
    l.para("Refined values (P-, P+, L-, L+) count as P or L for the level rule.");
    l.heading("Level rule", 12.0);
    l.para(crate::report::LEVEL_RULE);
}

/// Findings by kind and the state of the improvement plan, in two sentences.
fn plan_summary(r: &Report) -> String {
    use crate::assessment::{FindingKind, Severity};
    let kind = |k: FindingKind| r.findings.iter().filter(|f| f.kind == k).count();
    let high = r
        .findings
        .iter()
        .filter(|f| f.severity == Some(Severity::High))
        .count();
    let open = r.plan.iter().filter(|x| x.status.is_open()).count();
    let overdue = r.plan.iter().filter(|x| x.overdue).count();
    format!(
        "Findings: {} strength(s), {} weakness(es) ({high} of high severity), {} observation(s), {} recommendation(s). Improvement plan: {} action(s), {open} open, of which {overdue} overdue on {} (section 5).",
        kind(FindingKind::Strength),
        kind(FindingKind::Weakness),
        kind(FindingKind::Observation),
        kind(FindingKind::Recommendation),
        r.plan.len(),
        r.today
    )
}
