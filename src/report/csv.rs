//! The CSV report: nine RFC 4180 files (UTF-8, header row) in one folder, one per table, so
//! that each opens in a spreadsheet as it is:
//!
//! * `processes.csv`: one row per process: level, target, gap, what blocks the next level;
//! * `ratings.csv`: one row per process and attribute (the process as a whole), plus one row
//!   per instance rating, with rating, band, what the target needs, confidence, evidence,
//!   assessor and note (the note column is empty unless the report includes working notes);
//! * `evidence.csv`: the evidence register with where each item is used;
//! * `warnings.csv`: the consistency warnings, with any acknowledgement;
//! * `findings.csv`: the findings, in id order, with the actions that answer each;
//! * `actions.csv`: the improvement plan, prioritised, overdue actions marked (the action's
//!   note column is empty unless the report includes working notes);
//! * `evidence_links.csv`: every link of an evidence item, from a rating or a finding;
//! * `clauses.csv` and `controls.csv`: readiness for ISO/IEC 27001 per clause and per Annex A
//!   control (without the controls the SoA excludes); only the header row when the model
//!   declares no catalogue.
//!
//! Every file starts with the columns `assessment_title` and `assessment_date`, so that the
//! files of several assessments stack in one sheet.
//!
//! Each file starts with a UTF-8 byte order mark, which Excel needs to read accented letters
//! right and which CSV libraries skip.
//!
//! Any cell a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a
//! carriage return) gets a leading apostrophe, which spreadsheets read as "this is text".

use super::plan::{FindingItem, PlanRow};
use super::{AttributeRow, Report};
use crate::assessment::{Action, Assessment, Finding};
use crate::model::Model;

/// Neutralises a cell a spreadsheet would evaluate, and replaces control characters (NUL,
/// escape sequences) by a visible mark; line breaks stay.
pub fn cell(s: &str) -> String {
    let visible = |c: char| -> String {
        match c {
            '\t' | '\n' | '\r' => c.to_string(),
            c if c.is_control() => '\u{FFFD}'.to_string(),
            c if crate::text::is_invisible(c) => crate::text::code_point(c),
            c => c.to_string(),
        }
    };
    let s: String = s.chars().map(visible).collect();
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s,
    }
}

/// A UTF-8 byte order mark first, so that spreadsheets that guess encodings (Excel) read
/// accented names right; CSV libraries skip it.
const BOM: &[u8] = b"\xEF\xBB\xBF";

fn writer() -> ::csv::Writer<Vec<u8>> {
    ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(BOM.to_vec())
}

fn finish(w: ::csv::Writer<Vec<u8>>) -> Vec<u8> {
    // Writing to memory cannot fail; an empty file would be the visible sign if it did.
    w.into_inner().unwrap_or_default()
}

fn row(w: &mut ::csv::Writer<Vec<u8>>, cells: &[String]) {
    let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
    let _ = w.write_record(&cells);
}

/// The first two columns of every file of a report: which assessment a row is from, so that
/// the files of several assessments can be stacked in one sheet.
pub const STAMP_HEADER: [&str; 2] = ["assessment_title", "assessment_date"];

/// Which assessment the rows are from: its title and its date (the end of data collection,
/// else the day it was created).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub title: String,
    pub date: String,
}

impl Stamp {
    pub fn of(a: &Assessment) -> Stamp {
        let i = &a.assessment;
        Stamp {
            title: i.title.clone(),
            date: if i.end.is_empty() {
                i.created.to_string()
            } else {
                i.end.to_string()
            },
        }
    }

    fn of_report(r: &Report) -> Stamp {
        Stamp {
            title: r.title.clone(),
            date: r.date().to_string(),
        }
    }
}

/// The header row: the stamp's columns, then `names`.
fn header(w: &mut ::csv::Writer<Vec<u8>>, names: &[&str]) {
    let cells: Vec<String> = STAMP_HEADER
        .iter()
        .chain(names)
        .map(|s| s.to_string())
        .collect();
    row(w, &cells);
}

/// A row of a report's file: the stamp, then `cells`.
fn stamped(w: &mut ::csv::Writer<Vec<u8>>, stamp: &Stamp, cells: &[String]) {
    let mut all = vec![stamp.title.clone(), stamp.date.clone()];
    all.extend_from_slice(cells);
    row(w, &all);
}

pub const PROCESS_HEADER: [&str; 20] = [
    "process_id",
    "process_name",
    "category",
    "target_level",
    "capability_level",
    "gap",
    "standing",
    "next_level",
    "blocked_by_attribute",
    "blocked_by_rating",
    "needs",
    "reason",
    "attributes_rated",
    "attributes_to_rate",
    "rated_with_evidence",
    "rated_with_two_kinds",
    "confidence_high",
    "confidence_medium",
    "confidence_low",
    "confidence_not_given",
];

/// `processes.csv`.
pub fn processes(r: &Report) -> Vec<u8> {
    let stamp = Stamp::of_report(r);
    let mut w = writer();
    header(&mut w, &PROCESS_HEADER);
    for p in &r.processes {
        let b = p.blocked_by.as_ref();
        let assessed = p.standing != super::Standing::NotAssessed;
        let number = |n: u8| {
            if assessed {
                n.to_string()
            } else {
                String::new()
            }
        };
        stamped(
            &mut w,
            &stamp,
            &[
                p.id.clone(),
                p.name.clone(),
                p.category.clone(),
                p.target.to_string(),
                number(p.level),
                number(p.gap),
                p.standing.word().to_string(),
                b.map(|b| b.level.to_string()).unwrap_or_default(),
                b.map(|b| b.attribute.clone()).unwrap_or_default(),
                b.map(|b| crate::rating::describe(b.rating))
                    .unwrap_or_default(),
                b.map(|b| b.needs.code().to_string()).unwrap_or_default(),
                b.map(|b| b.explain()).unwrap_or_default(),
                p.rated.to_string(),
                p.to_rate.to_string(),
                p.coverage.with_evidence.to_string(),
                p.coverage.two_kinds.to_string(),
                p.coverage.confidence_high.to_string(),
                p.coverage.confidence_medium.to_string(),
                p.coverage.confidence_low.to_string(),
                p.coverage.confidence_unset.to_string(),
            ],
        );
    }
    finish(w)
}

pub const RATING_HEADER: [&str; 19] = [
    "process_id",
    "process_name",
    "category",
    "instance",
    "attribute",
    "attribute_name",
    "attribute_level",
    "rating",
    "band",
    "source",
    "needed_for_target",
    "meets_target",
    "process_gap",
    "confidence",
    "evidence_ids",
    "assessor",
    "review",
    "rationale",
    "note",
];

fn rating_row(p: &super::ProcessSection, a: &AttributeRow) -> Vec<String> {
    vec![
        p.id.clone(),
        p.name.clone(),
        p.category.clone(),
        a.instance
            .clone()
            .unwrap_or_else(|| "(process)".to_string()),
        a.id.clone(),
        a.name.clone(),
        a.level.to_string(),
        a.rating.map(|r| r.code().to_string()).unwrap_or_default(),
        a.band.clone(),
        a.source.to_string(),
        a.needed.map(|n| n.code().to_string()).unwrap_or_default(),
        match a.needed {
            None => "n/a".to_string(),
            Some(_) if a.rating.is_none() => "not rated".to_string(),
            Some(_) if a.short_of_target => "no".to_string(),
            Some(_) => "yes".to_string(),
        },
        if p.standing == super::Standing::NotAssessed {
            String::new()
        } else {
            p.gap.to_string()
        },
        a.confidence.clone(),
        a.evidence.join(" "),
        a.assessor.clone(),
        a.review.clone(),
        a.rationale.clone(),
        a.note.clone(),
    ]
}

/// `ratings.csv`.
pub fn ratings(r: &Report) -> Vec<u8> {
    let stamp = Stamp::of_report(r);
    let mut w = writer();
    header(&mut w, &RATING_HEADER);
    for p in &r.processes {
        for a in &p.attributes {
            stamped(&mut w, &stamp, &rating_row(p, a));
            for i in p.instance_rows.iter().filter(|i| i.id == a.id) {
                stamped(&mut w, &stamp, &rating_row(p, i));
            }
        }
    }
    finish(w)
}

pub const EVIDENCE_HEADER: [&str; 10] = [
    "evidence_id",
    "title",
    "kind",
    "date",
    "owner",
    "location",
    "path",
    "sha256",
    "used_by",
    "note",
];

/// `evidence.csv`.
pub fn evidence(r: &Report) -> Vec<u8> {
    let stamp = Stamp::of_report(r);
    let mut w = writer();
    header(&mut w, &EVIDENCE_HEADER);
    for e in &r.evidence {
        stamped(
            &mut w,
            &stamp,
            &[
                e.id.clone(),
                e.title.clone(),
                e.kind.clone(),
                e.date.clone(),
                e.owner.clone(),
                e.location.clone(),
                e.path.clone(),
                e.sha256.clone(),
                e.used_by.join("; "),
                e.note.clone(),
            ],
        );
    }
    finish(w)
}

pub const WARNING_HEADER: [&str; 10] = [
    "warning_id",
    "rule",
    "process_id",
    "attribute",
    "instance",
    "reason",
    "acknowledged",
    "justification",
    "acknowledged_by",
    "acknowledged_on",
];

/// `warnings.csv`.
pub fn warnings(r: &Report) -> Vec<u8> {
    let stamp = Stamp::of_report(r);
    let mut w = writer();
    header(&mut w, &WARNING_HEADER);
    for x in &r.warnings {
        let k = x.acknowledged.as_ref();
        stamped(
            &mut w,
            &stamp,
            &[
                x.id(),
                x.rule.code().to_string(),
                x.process.clone(),
                x.attribute.clone().unwrap_or_default(),
                x.instance.clone().unwrap_or_default(),
                x.reason.clone(),
                if k.is_some() { "yes" } else { "no" }.to_string(),
                k.map(|k| k.justification.clone()).unwrap_or_default(),
                k.map(|k| k.by.clone()).unwrap_or_default(),
                k.map(|k| k.date.clone()).unwrap_or_default(),
            ],
        );
    }
    finish(w)
}

pub const FINDING_HEADER: [&str; 13] = [
    "finding_id",
    "process_id",
    "attribute",
    "instance",
    "kind",
    "severity",
    "text",
    "source",
    "evidence",
    "author",
    "date",
    "answered_by",
    "process_name",
];

/// `findings.csv`: the findings given (all of an assessment's, or a filtered list), with the
/// actions that answer each.
pub fn findings(a: &Assessment, model: &Model, list: &[&Finding]) -> Vec<u8> {
    let items: Vec<FindingItem> = list.iter().map(|f| FindingItem::of(a, model, f)).collect();
    finding_rows(&Stamp::of(a), &items)
}

/// The rows of `findings.csv`, one per finding given.
pub fn finding_rows(stamp: &Stamp, list: &[FindingItem]) -> Vec<u8> {
    let mut w = writer();
    header(&mut w, &FINDING_HEADER);
    for f in list {
        stamped(
            &mut w,
            stamp,
            &[
                f.id.clone(),
                f.process.clone(),
                f.attribute.clone().unwrap_or_default(),
                f.instance.clone().unwrap_or_default(),
                f.kind.word().to_string(),
                f.severity.map(|x| x.word().to_string()).unwrap_or_default(),
                f.text.clone(),
                f.source.clone(),
                f.evidence.join("; "),
                f.author.clone(),
                f.date.clone(),
                f.answered_by.join("; "),
                f.process_name.clone(),
            ],
        );
    }
    finish(w)
}

pub const ACTION_HEADER: [&str; 17] = [
    "action_id",
    "title",
    "description",
    "process_id",
    "attributes",
    "findings",
    "owner",
    "due",
    "priority",
    "effort",
    "status",
    "status_since",
    "overdue",
    "carried_from",
    "carried_findings",
    "note",
    "history",
];

/// `actions.csv`: the actions given (the whole plan, or a filtered list), notes included;
/// `today` (YYYY-MM-DD) decides which are overdue.
pub fn actions(a: &Assessment, list: &[&Action], today: &str) -> Vec<u8> {
    let rows: Vec<PlanRow> = list.iter().map(|x| PlanRow::of(x, today, true)).collect();
    action_rows(&Stamp::of(a), &rows)
}

/// The rows of `actions.csv`, one per action given, in the order given.
pub fn action_rows(stamp: &Stamp, list: &[PlanRow]) -> Vec<u8> {
    let mut w = writer();
    header(&mut w, &ACTION_HEADER);
    for x in list {
        stamped(
            &mut w,
            stamp,
            &[
                x.id.clone(),
                x.title.clone(),
                x.description.clone(),
                x.process.clone().unwrap_or_default(),
                x.attributes.join("; "),
                x.findings.join("; "),
                x.owner.clone(),
                x.due.clone(),
                x.priority.map(|p| p.word().to_string()).unwrap_or_default(),
                x.effort.map(|e| e.word().to_string()).unwrap_or_default(),
                x.status.word().to_string(),
                x.status_since.clone(),
                if x.overdue { "yes" } else { "no" }.to_string(),
                x.carried_from.clone(),
                x.carried_findings.join("; "),
                x.note.clone(),
                x.history.join("; "),
            ],
        );
    }
    finish(w)
}

pub const EVIDENCE_LINK_HEADER: [&str; 5] = [
    "evidence_id",
    "process_id",
    "attribute",
    "instance",
    "finding_id",
];

/// `evidence_links.csv`: one row per link of an evidence item, from a rating (`finding_id`
/// empty) or from a finding (its id, and where it applies), by evidence id.
pub fn evidence_links(r: &Report) -> Vec<u8> {
    let stamp = Stamp::of_report(r);
    let mut w = writer();
    header(&mut w, &EVIDENCE_LINK_HEADER);
    for x in &r.evidence_links {
        stamped(
            &mut w,
            &stamp,
            &[
                x.evidence.clone(),
                x.process.clone(),
                x.attribute.clone(),
                x.instance.clone(),
                x.finding.clone(),
            ],
        );
    }
    finish(w)
}

pub const READINESS_HEADER: [&str; 10] = [
    "id",
    "title",
    "theme",
    "documented",
    "verdict",
    "reason",
    "processes",
    "applicable",
    "justification",
    "implementation",
];

/// `clauses.csv` or `controls.csv` (and `capra clauses|controls --format csv`): one row per
/// entry of a readiness list, in its order.
pub fn readiness(stamp: &Stamp, r: &crate::iso27001::Readiness) -> Vec<u8> {
    let mut w = writer();
    header(&mut w, &READINESS_HEADER);
    for e in &r.entries {
        let procs: Vec<String> = e.processes.iter().map(|s| s.short()).collect();
        let soa = e.soa.as_ref();
        stamped(
            &mut w,
            stamp,
            &[
                e.id.clone(),
                e.title.clone(),
                e.theme.clone(),
                if e.documented { "yes" } else { "no" }.to_string(),
                e.verdict.word().to_string(),
                e.reason.clone(),
                procs.join("; "),
                soa.map(|s| if s.applicable { "yes" } else { "no" })
                    .unwrap_or_default()
                    .to_string(),
                soa.map(|s| s.justification.clone()).unwrap_or_default(),
                soa.map(|s| s.implementation.clone()).unwrap_or_default(),
            ],
        );
    }
    finish(w)
}

/// `clauses.csv` or `controls.csv` of a report: only the header row when the model declares no
/// catalogue.
fn catalogue(r: &Report, pick: fn(&super::Iso27001) -> &crate::iso27001::Readiness) -> Vec<u8> {
    match r.iso27001.as_ref() {
        Some(x) => readiness(&Stamp::of_report(r), pick(x)),
        None => {
            let mut w = writer();
            header(&mut w, &READINESS_HEADER);
            finish(w)
        }
    }
}

/// `clauses.csv`: the report's readiness per clause.
pub fn clauses(r: &Report) -> Vec<u8> {
    catalogue(r, |x| &x.clauses)
}

/// `controls.csv`: the report's readiness per control, without the controls the SoA excludes.
pub fn controls(r: &Report) -> Vec<u8> {
    catalogue(r, |x| &x.controls)
}

/// The nine files, as (file name, bytes).
pub fn files(r: &Report) -> Vec<(&'static str, Vec<u8>)> {
    let stamp = Stamp::of_report(r);
    let [p, ra, e, w, f, x, l, cl, co] = NAMES;
    vec![
        (p, processes(r)),
        (ra, ratings(r)),
        (e, evidence(r)),
        (w, warnings(r)),
        (f, finding_rows(&stamp, &r.findings)),
        (x, action_rows(&stamp, &r.plan)),
        (l, evidence_links(r)),
        (cl, clauses(r)),
        (co, controls(r)),
    ]
}

/// The names of the files [`files`] makes.
pub const NAMES: [&str; 9] = [
    "processes.csv",
    "ratings.csv",
    "evidence.csv",
    "warnings.csv",
    "findings.csv",
    "actions.csv",
    "evidence_links.csv",
    "clauses.csv",
    "controls.csv",
];

/// "up 1", "down 2", "same": a change in words, so that no cell starts with a sign.
fn movement(d: i16, up: &str, down: &str) -> String {
    match d {
        0 => "same".to_string(),
        d if d > 0 => format!("{up} {d}"),
        d => format!("{down} {}", -d),
    }
}

/// The long-form CSV of `capra compare --format csv`: one row per process and item (its level,
/// its gap, each attribute), one column per assessment (oldest first), then the change.
pub fn trend(c: &crate::track::Comparison) -> Vec<u8> {
    let mut w = writer();
    let mut head = vec![
        "process_id".to_string(),
        "process_name".into(),
        "item".into(),
    ];
    head.extend(
        c.snapshots
            .iter()
            .map(|s| format!("{} {}", s.date, s.label)),
    );
    head.push("change".into());
    row(&mut w, &head);
    let opt = |v: Option<u8>| v.map(|x| x.to_string()).unwrap_or_default();
    for p in &c.processes {
        let mut r = vec![p.id.clone(), p.name.clone(), "level".into()];
        r.extend(p.levels.iter().map(|x| opt(*x)));
        r.push(movement(p.level_change, "up", "down"));
        row(&mut w, &r);
        let mut r = vec![p.id.clone(), p.name.clone(), "gap".into()];
        r.extend(p.gaps.iter().map(|x| opt(*x)));
        r.push(movement(p.gap_change, "wider", "narrower"));
        row(&mut w, &r);
        for a in &p.attributes {
            let mut r = vec![p.id.clone(), p.name.clone(), a.id.clone()];
            r.extend(
                a.ratings
                    .iter()
                    .map(|x| x.map(|x| x.code().to_string()).unwrap_or_default()),
            );
            r.push(a.change.word().to_string());
            row(&mut w, &r);
        }
    }
    finish(w)
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn formulas_are_neutralised_and_text_is_kept() {
        assert_eq!(cell("=SUM(A1:A9)"), "'=SUM(A1:A9)");
        assert_eq!(cell("+1"), "'+1");
        assert_eq!(cell("-2+3"), "'-2+3");
        assert_eq!(cell("@cmd"), "'@cmd");
        assert_eq!(cell("\tx"), "'\tx");
        assert_eq!(cell("\rx"), "'\rx");
        assert_eq!(cell("L+"), "L+");
        assert_eq!(cell("a = b"), "a = b");
        assert_eq!(cell(""), "");
    }
}
