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
//! Each table is defined once, as a [`Table`] of typed cells ([`Value`]: text, number, date);
//! the CSV files and the workbook's sheets ([`super::xlsx`]) are both written from it.
//!
//! Any cell a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a
//! carriage return) gets a leading apostrophe, which spreadsheets read as "this is text".

use super::plan::{FindingItem, PlanRow};
use super::{AttributeRow, Report};
use crate::assessment::{Action, Assessment, Finding};
use crate::model::Model;

/// Replaces control characters (NUL, escape sequences) by a visible mark and invisible ones by
/// their code point; line breaks and tabs stay.
pub fn visible(s: &str) -> String {
    let visible = |c: char| -> String {
        match c {
            '\t' | '\n' | '\r' => c.to_string(),
            c if c.is_control() => '\u{FFFD}'.to_string(),
            c if crate::text::is_invisible(c) => crate::text::code_point(c),
            c => c.to_string(),
        }
    };
    s.chars().map(visible).collect()
}

/// Neutralises a cell a spreadsheet would evaluate, and replaces control characters (NUL,
/// escape sequences) by a visible mark; line breaks stay.
pub fn cell(s: &str) -> String {
    let s = visible(s);
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

/// One cell of a report table, typed, so that the CSV file and the workbook are written from
/// the same rows: text, a number (levels, gaps, counts) or a date (YYYY-MM-DD as entered; a
/// value that is not a date stays text in the workbook).
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    Number(f64),
    Date(String),
}

impl Value {
    /// The cell as the CSV file holds it (before neutralising).
    pub fn text(&self) -> String {
        match self {
            Value::Text(s) | Value::Date(s) => s.clone(),
            Value::Number(n) => n.to_string(),
        }
    }
}

fn t(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

fn n(x: impl Into<f64>) -> Value {
    Value::Number(x.into())
}

fn d(s: impl Into<String>) -> Value {
    Value::Date(s.into())
}

/// One table of a report: the file it goes to, its sheet in the workbook, its header (the
/// stamp's columns first) and its rows.
#[derive(Clone, Debug)]
pub struct Table {
    pub file: &'static str,
    pub sheet: &'static str,
    pub header: Vec<&'static str>,
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    fn new(file: &'static str, sheet: &'static str, names: &[&'static str]) -> Table {
        Table {
            file,
            sheet,
            header: STAMP_HEADER.iter().chain(names).copied().collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row: the stamp, then `cells`.
    fn push(&mut self, stamp: &Stamp, cells: Vec<Value>) {
        let mut all = vec![t(stamp.title.clone()), d(stamp.date.clone())];
        all.extend(cells);
        self.rows.push(all);
    }

    /// The table as a CSV file.
    pub fn csv(&self) -> Vec<u8> {
        let mut w = writer();
        let head: Vec<String> = self.header.iter().map(|s| s.to_string()).collect();
        row(&mut w, &head);
        for r in &self.rows {
            let cells: Vec<String> = r.iter().map(Value::text).collect();
            row(&mut w, &cells);
        }
        finish(w)
    }
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

pub const PROCESS_HEADER: [&str; 21] = [
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
    "rated_any_level",
    "rated_with_evidence",
    "rated_with_two_kinds",
    "confidence_high",
    "confidence_medium",
    "confidence_low",
    "confidence_not_given",
];

/// The table of `processes.csv`.
pub fn process_table(r: &Report) -> Table {
    let stamp = Stamp::of_report(r);
    let mut table = Table::new(NAMES[0], "Processes", &PROCESS_HEADER);
    for p in &r.processes {
        let b = p.blocked_by.as_ref();
        let assessed = p.standing != super::Standing::NotAssessed;
        let number = |x: u8| if assessed { n(x) } else { t("") };
        let count = |x: usize| n(x as f64);
        table.push(
            &stamp,
            vec![
                t(p.id.clone()),
                t(p.name.clone()),
                t(p.category.clone()),
                n(p.target),
                number(p.level),
                number(p.gap),
                t(p.standing.word()),
                b.map(|b| n(b.level)).unwrap_or_else(|| t("")),
                t(b.map(|b| b.attribute.clone()).unwrap_or_default()),
                t(b.map(|b| crate::rating::describe(b.rating))
                    .unwrap_or_default()),
                t(b.map(|b| b.needs.code().to_string()).unwrap_or_default()),
                t(b.map(|b| b.explain()).unwrap_or_default()),
                count(p.rated),
                count(p.to_rate),
                // The coverage counts' own denominator: every attribute rated, also above the
                // target's levels, which `attributes_rated` leaves out.
                count(p.coverage.rated),
                count(p.coverage.with_evidence),
                count(p.coverage.two_kinds),
                count(p.coverage.confidence_high),
                count(p.coverage.confidence_medium),
                count(p.coverage.confidence_low),
                count(p.coverage.confidence_unset),
            ],
        );
    }
    table
}

/// `processes.csv`.
pub fn processes(r: &Report) -> Vec<u8> {
    process_table(r).csv()
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

fn rating_row(p: &super::ProcessSection, a: &AttributeRow) -> Vec<Value> {
    vec![
        t(p.id.clone()),
        t(p.name.clone()),
        t(p.category.clone()),
        t(a.instance
            .clone()
            .unwrap_or_else(|| "(process)".to_string())),
        t(a.id.clone()),
        t(a.name.clone()),
        n(a.level),
        t(a.rating.map(|r| r.code().to_string()).unwrap_or_default()),
        t(a.band.clone()),
        t(a.source),
        t(a.needed.map(|n| n.code().to_string()).unwrap_or_default()),
        t(match a.needed {
            None => "n/a",
            Some(_) if a.rating.is_none() => "not rated",
            Some(_) if a.short_of_target => "no",
            Some(_) => "yes",
        }),
        if p.standing == super::Standing::NotAssessed {
            t("")
        } else {
            n(p.gap)
        },
        t(a.confidence.clone()),
        t(a.evidence.join(" ")),
        t(a.assessor.clone()),
        t(a.review.clone()),
        t(a.rationale.clone()),
        t(a.note.clone()),
    ]
}

/// The table of `ratings.csv`.
pub fn rating_table(r: &Report) -> Table {
    let stamp = Stamp::of_report(r);
    let mut table = Table::new(NAMES[1], "Ratings", &RATING_HEADER);
    for p in &r.processes {
        for a in &p.attributes {
            table.push(&stamp, rating_row(p, a));
            for i in p.instance_rows.iter().filter(|i| i.id == a.id) {
                table.push(&stamp, rating_row(p, i));
            }
        }
    }
    table
}

/// `ratings.csv`.
pub fn ratings(r: &Report) -> Vec<u8> {
    rating_table(r).csv()
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

/// The table of `evidence.csv`.
pub fn evidence_table(r: &Report) -> Table {
    let stamp = Stamp::of_report(r);
    let mut table = Table::new(NAMES[2], "Evidence", &EVIDENCE_HEADER);
    for e in &r.evidence {
        table.push(
            &stamp,
            vec![
                t(e.id.clone()),
                t(e.title.clone()),
                t(e.kind.clone()),
                d(e.date.clone()),
                t(e.owner.clone()),
                t(e.location.clone()),
                t(e.path.clone()),
                t(e.sha256.clone()),
                t(e.used_by.join("; ")),
                t(e.note.clone()),
            ],
        );
    }
    table
}

/// `evidence.csv`.
pub fn evidence(r: &Report) -> Vec<u8> {
    evidence_table(r).csv()
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

/// The table of `warnings.csv`.
pub fn warning_table(r: &Report) -> Table {
    let stamp = Stamp::of_report(r);
    let mut table = Table::new(NAMES[3], "Warnings", &WARNING_HEADER);
    for x in &r.warnings {
        let k = x.acknowledged.as_ref();
        table.push(
            &stamp,
            vec![
                t(x.id()),
                t(x.rule.code()),
                t(x.process.clone()),
                t(x.attribute.clone().unwrap_or_default()),
                t(x.instance.clone().unwrap_or_default()),
                t(x.reason.clone()),
                t(if k.is_some() { "yes" } else { "no" }),
                t(k.map(|k| k.justification.clone()).unwrap_or_default()),
                t(k.map(|k| k.by.clone()).unwrap_or_default()),
                d(k.map(|k| k.date.clone()).unwrap_or_default()),
            ],
        );
    }
    table
}

/// `warnings.csv`.
pub fn warnings(r: &Report) -> Vec<u8> {
    warning_table(r).csv()
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

/// The table of `findings.csv`, one row per finding given.
pub fn finding_table(stamp: &Stamp, list: &[FindingItem]) -> Table {
    let mut table = Table::new(NAMES[4], "Findings", &FINDING_HEADER);
    for f in list {
        table.push(
            stamp,
            vec![
                t(f.id.clone()),
                t(f.process.clone()),
                t(f.attribute.clone().unwrap_or_default()),
                t(f.instance.clone().unwrap_or_default()),
                t(f.kind.word()),
                t(f.severity.map(|x| x.word().to_string()).unwrap_or_default()),
                t(f.text.clone()),
                t(f.source.clone()),
                t(f.evidence.join("; ")),
                t(f.author.clone()),
                d(f.date.clone()),
                t(f.answered_by.join("; ")),
                t(f.process_name.clone()),
            ],
        );
    }
    table
}

/// The rows of `findings.csv`, one per finding given.
pub fn finding_rows(stamp: &Stamp, list: &[FindingItem]) -> Vec<u8> {
    finding_table(stamp, list).csv()
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

/// The table of `actions.csv`, one row per action given, in the order given.
pub fn action_table(stamp: &Stamp, list: &[PlanRow]) -> Table {
    let mut table = Table::new(NAMES[5], "Actions", &ACTION_HEADER);
    for x in list {
        table.push(
            stamp,
            vec![
                t(x.id.clone()),
                t(x.title.clone()),
                t(x.description.clone()),
                t(x.process.clone().unwrap_or_default()),
                t(x.attributes.join("; ")),
                t(x.findings.join("; ")),
                t(x.owner.clone()),
                d(x.due.clone()),
                t(x.priority.map(|p| p.word().to_string()).unwrap_or_default()),
                t(x.effort.map(|e| e.word().to_string()).unwrap_or_default()),
                t(x.status.word()),
                d(x.status_since.clone()),
                t(if x.overdue { "yes" } else { "no" }),
                t(x.carried_from.clone()),
                t(x.carried_findings.join("; ")),
                t(x.note.clone()),
                t(x.history.join("; ")),
            ],
        );
    }
    table
}

/// The rows of `actions.csv`, one per action given, in the order given.
pub fn action_rows(stamp: &Stamp, list: &[PlanRow]) -> Vec<u8> {
    action_table(stamp, list).csv()
}

pub const EVIDENCE_LINK_HEADER: [&str; 5] = [
    "evidence_id",
    "process_id",
    "attribute",
    "instance",
    "finding_id",
];

/// The table of `evidence_links.csv`: one row per link of an evidence item, from a rating
/// (`finding_id` empty) or from a finding (its id, and where it applies), by evidence id.
pub fn evidence_link_table(r: &Report) -> Table {
    let stamp = Stamp::of_report(r);
    let mut table = Table::new(NAMES[6], "Evidence links", &EVIDENCE_LINK_HEADER);
    for x in &r.evidence_links {
        table.push(
            &stamp,
            vec![
                t(x.evidence.clone()),
                t(x.process.clone()),
                t(x.attribute.clone()),
                t(x.instance.clone()),
                t(x.finding.clone()),
            ],
        );
    }
    table
}

/// `evidence_links.csv`.
pub fn evidence_links(r: &Report) -> Vec<u8> {
    evidence_link_table(r).csv()
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

/// The table of a readiness list (clauses or controls), one row per entry, in its order.
fn readiness_table(
    file: &'static str,
    sheet: &'static str,
    stamp: &Stamp,
    r: Option<&crate::iso27001::Readiness>,
) -> Table {
    let mut table = Table::new(file, sheet, &READINESS_HEADER);
    for e in r.into_iter().flat_map(|r| &r.entries) {
        let procs: Vec<String> = e.processes.iter().map(|s| s.short()).collect();
        let soa = e.soa.as_ref();
        table.push(
            stamp,
            vec![
                t(e.id.clone()),
                t(e.title.clone()),
                t(e.theme.clone()),
                t(if e.documented { "yes" } else { "no" }),
                t(e.verdict.word()),
                t(e.reason.clone()),
                t(procs.join("; ")),
                t(soa
                    .map(|s| if s.applicable { "yes" } else { "no" })
                    .unwrap_or_default()),
                t(soa.map(|s| s.justification.clone()).unwrap_or_default()),
                t(soa.map(|s| s.implementation.clone()).unwrap_or_default()),
            ],
        );
    }
    table
}

/// `clauses.csv` or `controls.csv` (and `capra clauses|controls --format csv`): one row per
/// entry of a readiness list, in its order.
pub fn readiness(stamp: &Stamp, r: &crate::iso27001::Readiness) -> Vec<u8> {
    readiness_table(NAMES[7], "Clauses", stamp, Some(r)).csv()
}

/// The table of `clauses.csv`: the report's readiness per clause; no rows when the model
/// declares no catalogue.
pub fn clause_table(r: &Report) -> Table {
    let list = r.iso27001.as_ref().map(|x| &x.clauses);
    readiness_table(NAMES[7], "Clauses", &Stamp::of_report(r), list)
}

/// The table of `controls.csv`: the report's readiness per control, without the controls the
/// SoA excludes; no rows when the model declares no catalogue.
pub fn control_table(r: &Report) -> Table {
    let list = r.iso27001.as_ref().map(|x| &x.controls);
    readiness_table(NAMES[8], "Controls", &Stamp::of_report(r), list)
}

/// `clauses.csv`: the report's readiness per clause.
pub fn clauses(r: &Report) -> Vec<u8> {
    clause_table(r).csv()
}

/// `controls.csv`: the report's readiness per control, without the controls the SoA excludes.
pub fn controls(r: &Report) -> Vec<u8> {
    control_table(r).csv()
}

/// The nine tables of a report, in the order of [`NAMES`]: what the CSV files and the
/// workbook's sheets hold.
pub fn tables(r: &Report) -> Vec<Table> {
    let stamp = Stamp::of_report(r);
    vec![
        process_table(r),
        rating_table(r),
        evidence_table(r),
        warning_table(r),
        finding_table(&stamp, &r.findings),
        action_table(&stamp, &r.plan),
        evidence_link_table(r),
        clause_table(r),
        control_table(r),
    ]
}

/// The nine files, as (file name, bytes).
pub fn files(r: &Report) -> Vec<(&'static str, Vec<u8>)> {
    tables(r).iter().map(|x| (x.file, x.csv())).collect()
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

/// The columns of the trend CSV after the stamp's: stable, whatever the assessments compared.
pub const TREND_HEADER: [&str; 7] = [
    "assessment_file",
    "process_id",
    "process_name",
    "measure",
    "attribute",
    "value",
    "value_text",
];

/// The trend in long format (`capra compare --format csv`): one row per assessment (oldest
/// first), process and measure: `capability_level`, `target_level` and `gap` (numbers), then
/// `rating` once per attribute (the code as text). Where there is no value, `value` is empty
/// and `value_text` says why: `not in scope` (the process is not in that assessment) or `not
/// rated`. Each row starts with the assessment's title and date, as every report file does.
pub fn trend_table(c: &crate::track::Comparison) -> Table {
    let mut table = Table::new("trend.csv", "Trend", &TREND_HEADER);
    let none = |why: &str| [t(""), t(why)];
    let number = |v: Option<u8>, in_scope: bool| match (v, in_scope) {
        (Some(x), true) => [n(x), t(x.to_string())],
        (_, false) => none("not in scope"),
        (None, true) => none("not rated"),
    };
    for (k, snap) in c.snapshots.iter().enumerate() {
        let stamp = Stamp {
            title: snap.title.clone(),
            date: snap.date.clone(),
        };
        for p in &c.processes {
            let in_scope = p.levels.get(k).is_some_and(Option::is_some);
            let at = |v: &[Option<u8>]| v.get(k).copied().flatten();
            let head = |measure: &str, attribute: &str| {
                vec![
                    t(snap.label.clone()),
                    t(p.id.clone()),
                    t(p.name.clone()),
                    t(measure),
                    t(attribute),
                ]
            };
            for (measure, v) in [
                ("capability_level", at(&p.levels)),
                ("target_level", at(&p.targets)),
                ("gap", at(&p.gaps)),
            ] {
                let mut cells = head(measure, "");
                cells.extend(number(v, in_scope));
                table.push(&stamp, cells);
            }
            for a in &p.attributes {
                let mut cells = head("rating", &a.id);
                match (a.ratings.get(k).copied().flatten(), in_scope) {
                    (Some(r), true) => cells.extend([t(""), t(r.code())]),
                    (_, false) => cells.extend(none("not in scope")),
                    (None, true) => cells.extend(none("not rated")),
                }
                table.push(&stamp, cells);
            }
        }
    }
    table
}

/// The trend CSV of `capra compare --format csv` ([`trend_table`]).
pub fn trend(c: &crate::track::Comparison) -> Vec<u8> {
    trend_table(c).csv()
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
