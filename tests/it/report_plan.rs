//! Findings, the improvement plan and working notes in the reports (issue 12): the PDF prints
//! strengths and weaknesses from findings, never from the team's notes unless asked to; the CSV
//! set has findings.csv and actions.csv, read back with a CSV parser; the score JSON counts
//! findings and actions per process without changing what it said before.

use crate::util::{EXAMPLE, capra, model, parse, score_json};
use std::collections::HashMap;
use std::fs;

/// Findings and actions appended to the example. A-001 is open, high priority and due
/// 2026-01-31; A-002 is agreed, due 2027-06-30; A-003 is done; A-004 has no process, no
/// priority and is due 2026-03-01; A-005 was dropped though its due date is past.
const PLAN: &str = r#"
[[findings]]
id = "F-001"
process = "ISMS.CORE.3"
kind = "strength"
text = "Every asset in the register has a named owner"

[[findings]]
id = "F-002"
process = "ISMS.CORE.3"
attribute = "PA2.1"
kind = "weakness"
severity = "high"
text = "No plan says when the risk assessment is repeated"
source = "Interview, CISO"

[[findings]]
id = "F-003"
process = "ISMS.CORE.3"
attribute = "PA2.1"
kind = "observation"
text = "Risk workshops are minuted in two different templates"

[[findings]]
id = "F-004"
process = "ISMS.CORE.3"
attribute = "PA2.1"
kind = "recommendation"
text = "Schedule the yearly risk assessment in the ISMS calendar"

[[findings]]
id = "F-005"
process = "ISMS.CORE.8"
attribute = "PA1.1"
instance = "Warehouse Leipzig"
kind = "weakness"
severity = "medium"
text = "Leipzig keeps its incident log on paper"

[[actions]]
id = "A-001"
title = "Plan the yearly risk assessment"
process = "ISMS.CORE.3"
attributes = ["PA2.1"]
findings = ["F-002"]
owner = "J. Park"
due = "2026-01-31"
priority = "high"
effort = "small"
status = "proposed"
note = "CFO still undecided, ask again QUUXNOTE"

[[actions]]
id = "A-002"
title = "Digitise the Leipzig incident log"
process = "ISMS.CORE.8"
owner = "K. Weber"
due = "2027-06-30"
priority = "medium"
status = "agreed"

[[actions]]
id = "A-003"
title = "Unify the workshop minutes template"
process = "ISMS.CORE.3"
owner = "J. Park"
due = "2025-06-30"
priority = "high"
status = "done"

[[actions]]
id = "A-004"
title = "Train the asset owners"
due = "2026-03-01"
status = "proposed"

[[actions]]
id = "A-005"
title = "Buy a second SIEM"
process = "ISMS.CORE.8"
due = "2025-01-01"
priority = "low"
status = "dropped"
"#;

/// The example without its own findings and plan (they close the file).
fn base() -> &'static str {
    EXAMPLE
        .split("\n[[findings]]")
        .next()
        .expect("the example's text")
}

/// The example with the plan above instead of its own, and a private working note on
/// ISMS.GOV.1 PA2.1.
fn sample() -> String {
    let text = base().replacen(
        "note = \"L+, not F, only because",
        "note = \"R. said maybe XYZZYNOTE. L+, not F, only because",
        1,
    );
    assert!(text.contains("XYZZYNOTE"), "the example's note moved");
    format!("{text}{PLAN}")
}

fn build(text: &str, today: &str, notes: bool) -> capra::report::Report {
    let model = model();
    let a = parse(text);
    let profile = capra::profile::score(&model, &a);
    capra::report::build(
        &model,
        &a,
        &profile,
        "0",
        &capra::report::Options {
            font: None,
            today: today.to_string(),
            include_notes: notes,
            logo: None,
            previous: None,
        },
    )
}

fn flat_pdf_text(r: &capra::report::Report) -> String {
    let bytes = capra::report::pdf::render(r).unwrap();
    pdf_text(&bytes)
}

fn pdf_text(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).expect("a PDF a reader can open");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap_or_default();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn records(bytes: &[u8]) -> Vec<HashMap<String, String>> {
    let mut r = csv::Reader::from_reader(bytes);
    let headers: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    r.records()
        .map(|rec| {
            headers
                .iter()
                .cloned()
                .zip(rec.unwrap().iter().map(String::from))
                .collect()
        })
        .collect()
}

fn file(files: &[(&str, Vec<u8>)], name: &str) -> Vec<HashMap<String, String>> {
    let (_, bytes) = files.iter().find(|(n, _)| *n == name).expect(name);
    records(bytes)
}

#[test]
fn report_pdf_prints_findings_not_notes() {
    let r = build(&sample(), "2026-12-01", false);
    let text = flat_pdf_text(&r);
    // No working note reaches the sponsor: not the added one, not the example's own.
    for note in ["XYZZYNOTE", "Jörg says it is", "QUUXNOTE", "Working notes"] {
        assert!(!text.contains(note), "a working note in the PDF: {note}");
    }
    assert!(!text.contains("INTERNAL"));
    // Strengths and weaknesses come from findings, under their headings, with severity.
    assert!(
        text.contains("Strengths Process: Every asset in the register has a named owner (F-001)"),
        "{text}"
    );
    assert!(text.contains(
        "Weaknesses PA2.1 [high severity]: No plan says when the risk assessment is repeated (F-002)"
    ));
    assert!(text.contains(
        "Observations PA2.1: Risk workshops are minuted in two different templates (F-003)"
    ));
    assert!(text.contains(
        "PA1.1 (Warehouse Leipzig) [medium severity]: Leipzig keeps its incident log on paper (F-005)"
    ));
    // Who said it stays with the team.
    assert!(!text.contains("Interview, CISO"));
    // A process without findings says so.
    assert!(text.contains("No findings were recorded for this process."));
    // Recommendations and the plan have their own section.
    assert!(text.contains("6 Recommendations and improvement plan"));
    assert!(text.contains("Recommendations (1)"));
    assert!(text.contains("Schedule the yearly risk assessment in the ISMS calendar"));
    assert!(text.contains("Improvement plan (5)"));
    assert!(text.contains("7 Consistency checks"));
    // The same without any finding: every process says it has none, and the plan is empty.
    let bare = flat_pdf_text(&build(base(), "2026-12-01", false));
    assert!(!bare.contains("Strengths"));
    assert!(!bare.contains("Weaknesses"));
    assert_eq!(
        bare.matches("No findings were recorded for this process.")
            .count(),
        18
    );
    assert!(bare.contains("The improvement plan is empty"));
}

#[test]
fn report_pdf_with_notes_says_it_is_internal() {
    let r = build(&sample(), "2026-12-01", true);
    let text = flat_pdf_text(&r);
    assert!(text.contains("XYZZYNOTE"));
    assert!(text.contains("warehouse risk owners"));
    assert!(text.contains("working note: CFO still undecided, ask again QUUXNOTE"));
    assert!(text.contains("Working notes (internal, not for the sponsor)"));
    assert!(text.contains(
        "INTERNAL WORKING COPY: this report contains the assessment team's working notes"
    ));
    // On the front page.
    let bytes = capra::report::pdf::render(&r).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let first = doc.extract_text(&[1]).unwrap();
    assert!(first.contains("INTERNAL WORKING COPY"), "{first}");
}

#[test]
fn report_plan_is_prioritised_and_marks_overdue() {
    let r = build(&sample(), "2026-02-01", false);
    let order: Vec<&str> = r.plan.iter().map(|x| x.id.as_str()).collect();
    // Open first: high, medium, then no priority; then done and dropped.
    assert_eq!(order, ["A-001", "A-002", "A-004", "A-003", "A-005"]);
    let overdue: Vec<&str> = r
        .plan
        .iter()
        .filter(|x| x.overdue)
        .map(|x| x.id.as_str())
        .collect();
    // Done and dropped actions are never overdue, whatever their date.
    assert_eq!(overdue, ["A-001"]);
    // Due today is not overdue; due yesterday is.
    let on_the_day = build(&sample(), "2026-01-31", false);
    assert!(on_the_day.plan.iter().all(|x| !x.overdue));
    let later = build(&sample(), "2026-03-02", false);
    let overdue: Vec<&str> = later
        .plan
        .iter()
        .filter(|x| x.overdue)
        .map(|x| x.id.as_str())
        .collect();
    assert_eq!(overdue, ["A-001", "A-004"]);
    // The PDF marks them.
    let text = flat_pdf_text(&later);
    assert!(text.contains("2026-01-31 OVERDUE"), "{text}");
    assert!(text.contains("2026-03-01 OVERDUE"));
    assert!(!text.contains("2027-06-30 OVERDUE"));
    assert!(text.contains("3 open, of which 2 overdue (open and due before 2026-03-02)"));
}

#[test]
fn report_csv_has_findings_and_actions() {
    let r = build(&sample(), "2026-02-01", false);
    let files = capra::report::csv::files(&r);
    let names: Vec<&str> = files.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, capra::report::csv::NAMES);
    assert!(names.contains(&"findings.csv") && names.contains(&"actions.csv"));
    let findings = file(&files, "findings.csv");
    let ids: Vec<&str> = findings.iter().map(|f| f["finding_id"].as_str()).collect();
    assert_eq!(ids, ["F-001", "F-002", "F-003", "F-004", "F-005"]);
    let f2 = &findings[1];
    assert_eq!(f2["process_id"], "ISMS.CORE.3");
    assert_eq!(f2["attribute"], "PA2.1");
    assert_eq!(f2["kind"], "weakness");
    assert_eq!(f2["severity"], "high");
    assert_eq!(f2["answered_by"], "A-001");
    assert_eq!(f2["process_name"], "Information security risk assessment");
    assert_eq!(findings[0]["attribute"], "");
    assert_eq!(findings[4]["instance"], "Warehouse Leipzig");

    let actions = file(&files, "actions.csv");
    let ids: Vec<&str> = actions.iter().map(|x| x["action_id"].as_str()).collect();
    assert_eq!(ids, ["A-001", "A-002", "A-004", "A-003", "A-005"]);
    let a1 = &actions[0];
    assert_eq!(a1["overdue"], "yes");
    assert_eq!(a1["priority"], "high");
    assert_eq!(a1["findings"], "F-002");
    assert_eq!(a1["attributes"], "PA2.1");
    assert_eq!(a1["due"], "2026-01-31");
    // The action's note is a working note: empty for the sponsor.
    assert!(actions.iter().all(|x| x["note"].is_empty()));
    assert!(actions[1..].iter().all(|x| x["overdue"] == "no"));
    // Rating notes neither.
    assert!(
        file(&files, "ratings.csv")
            .iter()
            .all(|x| x["note"].is_empty())
    );

    let internal = capra::report::csv::files(&build(&sample(), "2026-02-01", true));
    let actions = file(&internal, "actions.csv");
    assert!(actions[0]["note"].contains("QUUXNOTE"));
    assert!(
        file(&internal, "ratings.csv")
            .iter()
            .any(|x| x["note"].contains("XYZZYNOTE"))
    );
}

#[test]
fn report_command_include_notes_and_the_six_files() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.toml"), sample()).unwrap();
    capra(dir.path())
        .args(["report", "a.toml"])
        .assert()
        .success()
        .stdout(predicates::str::contains("wrote a-csv/findings.csv"))
        .stdout(predicates::str::contains("wrote a-csv/actions.csv"));
    let text = pdf_text(&fs::read(dir.path().join("a-report.pdf")).unwrap());
    assert!(!text.contains("XYZZYNOTE"));
    assert!(text.contains("No plan says when the risk assessment is repeated"));
    let manifest = fs::read_to_string(dir.path().join("a-csv/.capra-manifest")).unwrap();
    assert!(manifest.contains("findings.csv") && manifest.contains("actions.csv"));
    // Written again over its own set: the new files are capra's, not the user's.
    capra(dir.path())
        .args(["report", "a.toml"])
        .assert()
        .success();
    capra(dir.path())
        .args([
            "report",
            "a.toml",
            "--include-notes",
            "--pdf",
            "internal.pdf",
            "--csv",
            "internal",
        ])
        .assert()
        .success();
    let text = pdf_text(&fs::read(dir.path().join("internal.pdf")).unwrap());
    assert!(text.contains("XYZZYNOTE"));
    assert!(text.contains("INTERNAL WORKING COPY"));
    let ratings = records(&fs::read(dir.path().join("internal/ratings.csv")).unwrap());
    assert!(ratings.iter().any(|x| x["note"].contains("XYZZYNOTE")));
    // A final report is for the sponsor: never with the notes.
    capra(dir.path())
        .args(["report", "a.toml", "--final", "--include-notes"])
        .assert()
        .failure();
}

#[test]
fn report_score_json_counts_findings_and_actions() {
    let dir = tempfile::tempdir().unwrap();
    let text = sample();
    fs::write(dir.path().join("a.toml"), &text).unwrap();
    let mut v = score_json(dir.path(), "a.toml");
    let procs = v["processes"].as_array().unwrap();
    let of = |id: &str| procs.iter().find(|p| p["id"] == id).unwrap().clone();
    let core3 = of("ISMS.CORE.3");
    assert_eq!(
        core3["findings"],
        serde_json::json!({"strength": 1, "weakness": 1, "observation": 1, "recommendation": 1})
    );
    // A-001 open (and overdue: its date is long past on the day the test runs), A-003 done.
    assert_eq!(core3["actions"]["open"], 1);
    assert_eq!(core3["actions"]["overdue"], 1);
    assert_eq!(core3["actions"]["done"], 1);
    let core8 = of("ISMS.CORE.8");
    assert_eq!(core8["findings"]["weakness"], 1);
    assert_eq!(core8["findings"]["strength"], 0);
    assert_eq!(core8["actions"]["open"], 1);
    assert_eq!(core8["actions"]["overdue"], 0);
    assert_eq!(core8["actions"]["done"], 0);
    let none = of("ISMS.GOV.2");
    assert_eq!(none["findings"]["strength"], 0);
    assert_eq!(none["actions"]["open"], 0);
    // Every field it had before is there, unchanged: take the two new ones away and it is the
    // profile as it serialises by itself.
    for p in v["processes"].as_array_mut().unwrap() {
        let o = p.as_object_mut().unwrap();
        assert!(o.remove("findings").is_some() && o.remove("actions").is_some());
    }
    // ...and the format version the JSON documents begin with.
    assert_eq!(
        v.as_object_mut().unwrap().remove("format_version"),
        Some(1.into())
    );
    let m = model();
    let expected = serde_json::to_value(capra::profile::score(&m, &parse(&text))).unwrap();
    assert_eq!(v, expected);
    // The table adds the counts after the score table.
    let out = capra(dir.path())
        .args(["score", "a.toml"])
        .output()
        .unwrap();
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("Findings and actions"), "{table}");
    assert!(table.contains("1 action(s) name no process"));
}
