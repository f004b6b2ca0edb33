//! The CSV report: six RFC 4180 files (UTF-8, header row) in one folder, one per table, so
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
//!   note column is empty unless the report includes working notes).
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
    let mut w = writer();
    row(&mut w, &PROCESS_HEADER.map(String::from));
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
        row(
            &mut w,
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
    let mut w = writer();
    row(&mut w, &RATING_HEADER.map(String::from));
    for p in &r.processes {
        for a in &p.attributes {
            row(&mut w, &rating_row(p, a));
            for i in p.instance_rows.iter().filter(|i| i.id == a.id) {
                row(&mut w, &rating_row(p, i));
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
    let mut w = writer();
    row(&mut w, &EVIDENCE_HEADER.map(String::from));
    for e in &r.evidence {
        row(
            &mut w,
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
    let mut w = writer();
    row(&mut w, &WARNING_HEADER.map(String::from));
    for x in &r.warnings {
        let k = x.acknowledged.as_ref();
        row(
            &mut w,
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
    finding_rows(&items)
}

/// The rows of `findings.csv`, one per finding given.
pub fn finding_rows(list: &[FindingItem]) -> Vec<u8> {
    let mut w = writer();
    row(&mut w, &FINDING_HEADER.map(String::from));
    for f in list {
        row(
            &mut w,
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
pub fn actions(list: &[&Action], today: &str) -> Vec<u8> {
    let rows: Vec<PlanRow> = list.iter().map(|x| PlanRow::of(x, today, true)).collect();
    action_rows(&rows)
}

/// The rows of `actions.csv`, one per action given, in the order given.
pub fn action_rows(list: &[PlanRow]) -> Vec<u8> {
    let mut w = writer();
    row(&mut w, &ACTION_HEADER.map(String::from));
    for x in list {
        row(
            &mut w,
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

/// The six files, as (file name, bytes).
pub fn files(r: &Report) -> Vec<(&'static str, Vec<u8>)> {
    let [p, ra, e, w, f, x] = NAMES;
    vec![
        (p, processes(r)),
        (ra, ratings(r)),
        (e, evidence(r)),
        (w, warnings(r)),
        (f, finding_rows(&r.findings)),
        (x, action_rows(&r.plan)),
    ]
}

/// The names of the files [`files`] makes.
pub const NAMES: [&str; 6] = [
    "processes.csv",
    "ratings.csv",
    "evidence.csv",
    "warnings.csv",
    "findings.csv",
    "actions.csv",
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
