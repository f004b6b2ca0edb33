//! The cover, the executive summary, the conclusions, the sign-off page, the outline and the
//! trend since the previous assessment, read back from the PDF.

use crate::util::{EXAMPLE, capra, model, parse};
use capra::assessment::{Assessment, SignOff};
use capra::located::Located;
use std::fs;

fn report_with(a: &Assessment, today: &str, previous: bool) -> capra::report::Report {
    let model = model();
    let profile = capra::profile::score(&model, a);
    let previous = previous.then(|| {
        let prev = parse(include_str!("../../assessments/northwind-2025.toml"));
        capra::report::previous::Previous::of(&model, &prev)
    });
    capra::report::build(
        &model,
        a,
        &profile,
        "0123456789abcdef",
        &capra::report::Options {
            today: today.into(),
            include_notes: false,
            previous,
        },
    )
}

fn flat(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let t = doc.extract_text(&pages).unwrap_or_default();
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn with_settings() -> Assessment {
    let mut a = parse(EXAMPLE);
    let s = &mut a.report;
    s.organisation = "Northwind Freight GmbH".into();
    s.consultancy = "Halvorsen Assurance GmbH".into();
    s.prepared_by = "Marta Kowalczyk".into();
    s.version = "0.9".into();
    s.classification = "Confidential".into();
    s.executive_summary = "The ISMS runs everywhere but is managed only in parts.".into();
    s.conclusions = "Close the level 1 gaps before the audit.".into();
    s.distribution = vec!["Management board".into()];
    s.sign_off = vec![SignOff {
        name: Located::new("Dr. Henrike Baumgärtner".into()),
        role: "Sponsor".into(),
        date: Located::default(),
    }];
    a
}

#[test]
fn cover_summary_conclusions_and_sign_off_in_order() {
    let r = report_with(&with_settings(), "2026-12-02", true);
    let bytes = capra::report::pdf::render(&r).unwrap();
    assert!(bytes.len() < 200 * 1024, "{} bytes", bytes.len());
    let text = flat(&bytes);
    for s in [
        "Northwind Freight GmbH Northwind Freight ISMS capability assessment 2026",
        "Prepared by Marta Kowalczyk, Halvorsen Assurance GmbH",
        "Status DRAFT",
        "Version 0.9",
        "Issue date 2026-12-02",
        "Classification Confidential",
        "The ISMS runs everywhere but is managed only in parts.",
        "5 of the 14 process(es) assessed meet their target capability level",
        "The largest gaps",
        "Since Northwind Freight ISMS capability assessment 2025",
        "Close the level 1 gaps before the audit.",
        "Dr. Henrike Baumgärtner Sponsor",
        "Management board",
    ] {
        assert!(text.contains(s), "missing '{s}'");
    }
    let order = [
        "Process capability assessment report",
        "Executive summary",
        "1 Scope and method",
        "2 Capability profile",
        "3 Gaps to target",
        "4 Processes",
        "5 Recommendations and improvement plan",
        "6 Consistency checks",
        "Conclusions",
        "Sign-off and distribution",
        "Appendix A Evidence index",
        "Appendix B Traceability",
    ];
    let mut at = 0;
    for s in order {
        let i = text[at..]
            .find(s)
            .unwrap_or_else(|| panic!("'{s}' missing or out of order"));
        at += i + s.len();
    }
    // The same data on the same day give the same bytes.
    assert_eq!(bytes, capra::report::pdf::render(&r).unwrap());
}

#[test]
fn the_issue_date_is_the_day_made_unless_set() {
    let mut a = parse(EXAMPLE);
    let r = report_with(&a, "2026-12-05", false);
    assert_eq!(r.issue_date, "2026-12-05");
    a.report.issue_date = Located::new("2026-12-10".into());
    let r = report_with(&a, "2026-12-05", false);
    assert!(flat(&capra::report::pdf::render(&r).unwrap()).contains("Issue date 2026-12-10"));
}

#[test]
fn the_outline_has_every_section_and_process() {
    let r = report_with(&with_settings(), "2026-12-02", false);
    let bytes = capra::report::pdf::render(&r).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let outlines = doc
        .catalog()
        .unwrap()
        .get(b"Outlines")
        .and_then(|o| o.as_reference())
        .expect("an outline");
    let count = doc
        .get_dictionary(outlines)
        .unwrap()
        .get(b"Count")
        .unwrap()
        .as_i64()
        .unwrap();
    // Executive summary, six sections, conclusions, sign-off, two appendices, 18 processes.
    assert_eq!(count, 11 + 18, "outline entries");
}

#[test]
fn report_command_reads_the_previous_assessment_for_the_trend() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("northwind-2026.toml"), EXAMPLE).unwrap();
    fs::write(
        dir.path().join("northwind-2025.toml"),
        include_str!("../../assessments/northwind-2025.toml"),
    )
    .unwrap();
    capra(dir.path())
        .args(["report", "northwind-2026.toml", "--pdf", "r.pdf"])
        .assert()
        .success();
    let text = flat(&fs::read(dir.path().join("r.pdf")).unwrap());
    assert!(text.contains("Since Northwind Freight ISMS capability assessment 2025"));
    // Without the previous file, the report is made without the trend, and says why.
    fs::remove_file(dir.path().join("northwind-2025.toml")).unwrap();
    capra(dir.path())
        .args(["report", "northwind-2026.toml", "--pdf", "r.pdf"])
        .assert()
        .success()
        .stderr(predicates::str::contains("the report has no trend"));
    let text = flat(&fs::read(dir.path().join("r.pdf")).unwrap());
    assert!(!text.contains("Since Northwind"));
}
