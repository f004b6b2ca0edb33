//! The ISO/IEC 27001 view of the report: the PDF section (clause verdicts, controls at risk by
//! theme, the SoA's exclusions) and `clauses.csv` / `controls.csv`, read back with lopdf and the
//! csv crate; no section and header-only files for a model without a catalogue.

use crate::util::{EXAMPLE, capra, model, parse};
use capra::model::Model;
use std::collections::HashMap;
use std::fs;

fn report(m: &Model, text: &str) -> capra::report::Report {
    let a = parse(text);
    let profile = capra::profile::score(m, &a);
    capra::report::build(
        m,
        &a,
        &profile,
        "0123456789abcdef",
        &capra::report::Options {
            font: None,
            today: "2026-12-01".into(),
            include_notes: false,
            logo: None,
            previous: None,
        },
    )
}

fn flat(r: &capra::report::Report) -> String {
    let bytes = capra::report::pdf::render(r).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let t = doc.extract_text(&pages).unwrap_or_default();
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn records(bytes: &[u8]) -> (Vec<String>, Vec<HashMap<String, String>>) {
    let mut r = csv::Reader::from_reader(bytes);
    let headers: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| {
            let rec = rec.unwrap();
            headers
                .iter()
                .cloned()
                .zip(rec.iter().map(String::from))
                .collect()
        })
        .collect();
    (headers, rows)
}

/// The text between `from` and `to`, both required.
fn between<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let a = text
        .find(from)
        .unwrap_or_else(|| panic!("'{from}' missing"));
    let b = a + text[a..]
        .find(to)
        .unwrap_or_else(|| panic!("'{to}' missing after '{from}'"));
    &text[a..b]
}

const SOA: &str = "\n[[soa]]\ncontrol = \"A.7.1\"\napplicable = false\njustification = \"No own premises\"\n\n[[soa]]\ncontrol = \"A.7.2\"\napplicable = false\njustification = \"No own premises\"\n";

#[test]
fn the_pdf_has_the_view_with_clause_verdicts_and_controls_at_risk_by_theme() {
    let r = report(&model(), EXAMPLE);
    let text = flat(&r);
    // The executive summary says it in one sentence.
    assert!(text.contains(
        "ISO/IEC 27001 (section 4): 8 of the 25 clauses and 72 of the 93 Annex A controls in view are at risk"
    ));
    let section = between(&text, "4 ISO/IEC 27001 view", "5 Processes");
    assert!(section.contains("Clauses: 15 supported, 8 at risk, 2 not assessed"));
    // A clause with its verdict and the reason behind it.
    let clause = between(section, "6.1.3 Risk treatment process", "6.2 ");
    assert!(clause.contains("at risk"), "{clause}");
    assert!(
        clause.contains("ISMS.CORE.5: PA2.2 is not rated, documented information needs L at least"),
        "{clause}"
    );
    assert!(between(section, "9.2 Internal audit", "9.3 ").contains("supported"));
    // Controls: counts per theme, then those at risk under their theme with the gaps.
    assert!(section.contains("Annex A controls: 13 supported, 72 at risk, 8 not assessed"));
    assert!(section.contains("No statement of applicability is stored"));
    let organisational = between(
        section,
        "Organisational controls at risk (29)",
        "People controls at risk (3)",
    );
    assert!(organisational.contains("A.5.1 Security policies"));
    assert!(organisational.contains("ISMS.CORE.11: at level 1, below its target 2"));
    let physical = between(
        section,
        "Physical controls at risk (13)",
        "Technological controls at risk (27)",
    );
    assert!(physical.contains("A.7.1 Physical security perimeters"));
    assert!(!physical.contains("A.5.1 Security policies"));
    // Supported and not assessed controls are counted, not listed: A.5.6 is not assessed,
    // A.6.1 supported.
    assert!(!section.contains("A.5.6 "));
    assert!(!section.contains("Screening"));
}

#[test]
fn the_soa_leaves_excluded_controls_out_and_says_so() {
    let r = report(&model(), &format!("{EXAMPLE}{SOA}"));
    let view = r.iso27001.as_ref().unwrap();
    assert_eq!(view.excluded, ["A.7.1", "A.7.2"]);
    assert_eq!(view.controls.entries.len(), 91);
    let text = flat(&r);
    assert!(text.contains(
        "The statement of applicability stored with the assessment excludes 2 control(s) (A.7.1, A.7.2); they are left out of this view."
    ));
    assert!(text.contains("Physical controls at risk (11)"));
    assert!(text.contains("The statement of applicability excludes 2 control(s)."));
    assert!(!text.contains("Physical security perimeters"));
    let (_, controls) = records(&capra::report::csv::controls(&r));
    assert_eq!(controls.len(), 91);
    assert!(
        controls
            .iter()
            .all(|c| c["id"] != "A.7.1" && c["id"] != "A.7.2")
    );
}

#[test]
fn clauses_and_controls_csv_have_the_stamp_and_documented_columns() {
    let r = report(&model(), EXAMPLE);
    let (head, clauses) = records(&capra::report::csv::clauses(&r));
    assert_eq!(
        head,
        [
            "assessment_title",
            "assessment_date",
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
        ]
    );
    assert_eq!(clauses.len(), 25);
    for c in &clauses {
        assert_eq!(
            c["assessment_title"],
            "Northwind Freight ISMS capability assessment 2026"
        );
        assert_eq!(c["assessment_date"], "2026-11-27");
    }
    let c613 = clauses.iter().find(|c| c["id"] == "6.1.3").unwrap();
    assert_eq!(c613["verdict"], "at risk");
    assert_eq!(c613["documented"], "yes");
    assert_eq!(
        c613["processes"],
        "ISMS.CORE.4 operates L1/3; ISMS.CORE.5 implements L1/2"
    );
    let (head2, controls) = records(&capra::report::csv::controls(&r));
    assert_eq!(head, head2);
    assert_eq!(controls.len(), 93);
    let a51 = controls.iter().find(|c| c["id"] == "A.5.1").unwrap();
    assert_eq!(a51["theme"], "organisational");
    assert_eq!(a51["verdict"], "at risk");
    assert_eq!(
        controls
            .iter()
            .filter(|c| c["verdict"] == "at risk")
            .count(),
        72
    );
}

#[test]
fn a_model_without_a_catalogue_has_no_view_and_empty_files() {
    let mut m = model();
    m.processes.clauses.clear();
    m.processes.controls.clear();
    let r = report(&m, EXAMPLE);
    assert!(r.iso27001.is_none());
    let text = flat(&r);
    assert!(!text.contains("ISO/IEC 27001 view"));
    assert!(!text.contains("controls at risk"));
    assert!(!text.contains("ISO/IEC 27001 (section 4)"));
    // The sections keep their numbers.
    assert!(text.contains("4 Processes"));
    assert!(text.contains("5 Recommendations and improvement plan"));
    assert!(text.contains("6 Consistency checks"));
    // The files are there, with only their header row.
    for bytes in [
        capra::report::csv::clauses(&r),
        capra::report::csv::controls(&r),
    ] {
        let (head, rows) = records(&bytes);
        assert_eq!(head[..2], ["assessment_title", "assessment_date"]);
        assert!(rows.is_empty());
    }
}

#[test]
fn the_report_set_and_its_manifest_hold_both_files_the_cli_writes_the_same() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.toml"), EXAMPLE).unwrap();
    capra(dir.path())
        .args(["report", "a.toml", "--csv", "out"])
        .assert()
        .success()
        .stdout(predicates::str::contains("wrote out/clauses.csv"))
        .stdout(predicates::str::contains("wrote out/controls.csv"));
    let manifest = fs::read_to_string(dir.path().join("out/.capra-manifest")).unwrap();
    let listed: Vec<&str> = manifest
        .lines()
        .filter_map(|l| l.split_whitespace().nth(1))
        .collect();
    assert!(listed.contains(&"clauses.csv"), "{manifest}");
    assert!(listed.contains(&"controls.csv"), "{manifest}");
    for (cmd, file) in [("clauses", "clauses.csv"), ("controls", "controls.csv")] {
        let out = capra(dir.path())
            .args([cmd, "a.toml", "--format", "csv"])
            .output()
            .unwrap();
        assert!(out.status.success());
        assert_eq!(
            out.stdout,
            fs::read(dir.path().join("out").join(file)).unwrap(),
            "capra {cmd} --format csv is {file}"
        );
    }
}

#[test]
fn a_model_with_clauses_only_shows_the_clauses() {
    let mut m = model();
    m.processes.controls.clear();
    let r = report(&m, EXAMPLE);
    let text = flat(&r);
    assert!(text.contains(
        "ISO/IEC 27001 (section 4): 8 of the 25 clauses are at risk, by the capability of the processes behind them; 2 clause(s) are not assessed."
    ));
    let section = between(&text, "4 ISO/IEC 27001 view", "5 Processes");
    assert!(section.contains("Clauses: 15 supported, 8 at risk, 2 not assessed"));
    assert!(!section.contains("Annex A controls:"));
    let (_, controls) = records(&capra::report::csv::controls(&r));
    assert!(controls.is_empty());
}
