//! The CSV files for spreadsheet users, read with a CSV parser: the assessment's title and date
//! first in every file, the evidence link table, "not rated" where nothing is rated, and the
//! same findings and actions files from `capra finding|action list --format csv`.

use crate::util::{EXAMPLE, capra, model, parse};
use std::fs;

fn table(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(bytes);
    let h = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect();
    (h, rows)
}

fn files() -> Vec<(&'static str, Vec<u8>)> {
    let model = model();
    let a = parse(EXAMPLE);
    let profile = capra::profile::score(&model, &a);
    let r = capra::report::build(
        &model,
        &a,
        &profile,
        "00",
        &capra::report::Options {
            font: None,
            today: "2026-12-01".into(),
            include_notes: false,
            logo: None,
            previous: None,
        },
    );
    capra::report::csv::files(&r)
}

#[test]
fn every_file_starts_with_the_assessment_title_and_date() {
    let files = files();
    assert_eq!(files.len(), 9);
    for (name, bytes) in &files {
        let (h, rows) = table(bytes);
        assert_eq!(h[..2], ["assessment_title", "assessment_date"], "{name}");
        assert!(!rows.is_empty(), "{name} has rows");
        for r in &rows {
            assert_eq!(
                r[0], "Northwind Freight ISMS capability assessment 2026",
                "{name}"
            );
            assert_eq!(r[1], "2026-11-27", "{name}");
        }
    }
}

#[test]
fn evidence_links_list_ratings_and_findings() {
    let files = files();
    let (_, bytes) = files
        .iter()
        .find(|(n, _)| *n == "evidence_links.csv")
        .unwrap();
    let (h, rows) = table(bytes);
    assert_eq!(
        h,
        [
            "assessment_title",
            "assessment_date",
            "evidence_id",
            "process_id",
            "attribute",
            "instance",
            "finding_id"
        ]
    );
    let has = |e: &str, p: &str, at: &str, f: &str| {
        rows.iter()
            .any(|r| r[2] == e && r[3] == p && r[4] == at && r[6] == f)
    };
    assert!(has("E-002", "ISMS.GOV.1", "PA1.1", ""), "a rating's link");
    assert!(
        has("E-002", "ISMS.GOV.1", "PA1.1", "F-001"),
        "a finding's link"
    );
    // In evidence id order.
    let ids: Vec<u64> = rows
        .iter()
        .map(|r| r[2].trim_start_matches("E-").parse().unwrap())
        .collect();
    assert!(ids.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn unrated_attributes_meet_no_target_they_are_not_rated() {
    let files = files();
    let (_, bytes) = files.iter().find(|(n, _)| *n == "ratings.csv").unwrap();
    let (h, rows) = table(bytes);
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let core9: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r[col("process_id")] == "ISMS.CORE.9" && r[col("instance")] == "(process)")
        .collect();
    assert!(!core9.is_empty());
    for r in core9 {
        let m = &r[col("meets_target")];
        assert!(m == "not rated" || m == "n/a", "{m}");
        assert_eq!(r[col("process_gap")], "");
    }
    assert!(rows.iter().any(|r| r[col("meets_target")] == "yes"));
    assert!(rows.iter().any(|r| r[col("meets_target")] == "no"));
}

#[test]
fn list_commands_write_the_report_files_rows() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.toml"), EXAMPLE).unwrap();
    capra(dir.path())
        .args(["report", "a.toml", "--csv", "out"])
        .assert()
        .success();
    let findings = capra(dir.path())
        .args(["finding", "list", "a.toml", "--format", "csv"])
        .output()
        .unwrap();
    assert!(findings.status.success());
    assert_eq!(
        findings.stdout,
        fs::read(dir.path().join("out/findings.csv")).unwrap(),
        "capra finding list --format csv is findings.csv"
    );
    let actions = capra(dir.path())
        .args(["action", "list", "a.toml", "--format", "csv"])
        .output()
        .unwrap();
    assert!(actions.status.success());
    let (h1, _) = table(&actions.stdout);
    let (h2, _) = table(&fs::read(dir.path().join("out/actions.csv")).unwrap());
    assert_eq!(h1, h2, "the same columns");
}

/// `capra report --help` and docs/cli.md name every CSV file the report writes.
#[test]
fn the_help_and_the_docs_name_every_csv_file() {
    let dir = tempfile::tempdir().unwrap();
    let help = capra(dir.path())
        .args(["report", "--help"])
        .output()
        .unwrap();
    assert!(help.status.success());
    let help = String::from_utf8_lossy(&help.stdout).replace('\n', " ");
    for name in capra::report::csv::NAMES {
        assert!(help.contains(name), "report --help does not name {name}");
    }
    let docs = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/cli.md")).unwrap();
    let words = [
        "nine",
        "processes",
        "ratings",
        "evidence",
        "warnings",
        "findings",
        "actions",
        "evidence links",
        "clauses and controls",
    ];
    assert_eq!(
        capra::report::csv::NAMES.len(),
        9,
        "update docs/cli.md and this list"
    );
    let at = docs.find("writes the scored gap report").unwrap();
    let sentence = docs[at..].split(").").next().unwrap().replace('\n', " ");
    for w in words {
        assert!(
            sentence.contains(w),
            "docs/cli.md's `capra report` does not name {w}"
        );
    }
}
