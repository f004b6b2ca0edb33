//! The honest status of a report: the DRAFT mark on every page while anything is open, the list
//! of what is open on the cover, processes not rated at all printed as "not assessed" and kept
//! out of totals and gaps; the classification on every page.

use crate::util::{EXAMPLE, model, parse};
use capra::assessment::{Assessment, ReportStatus};

fn report(a: &Assessment) -> capra::report::Report {
    let model = model();
    let profile = capra::profile::score(&model, a);
    capra::report::build(
        &model,
        a,
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

/// The text of each page, whitespace flattened.
fn pages(bytes: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    doc.get_pages()
        .keys()
        .map(|n| {
            let t = doc.extract_text(&[*n]).unwrap_or_default();
            t.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

#[test]
fn a_draft_carries_the_mark_and_the_open_items_on_every_page() {
    let mut a = parse(EXAMPLE);
    a.report.classification = "Confidential: management board only".into();
    let r = report(&a);
    assert!(r.status.draft);
    let bytes = capra::report::pdf::render(&r).unwrap();
    let pages = pages(&bytes);
    assert!(pages.len() > 10);
    for (i, p) in pages.iter().enumerate() {
        assert!(p.contains("DRAFT"), "page {} has no DRAFT mark", i + 1);
        assert!(
            p.contains("Confidential: management board only"),
            "page {} has no classification",
            i + 1
        );
    }
    let all = pages.join(" ");
    for s in [
        "DRAFT: this report is a draft",
        "Still open:",
        "4 process(es) not assessed at all: ISMS.CORE.9, ISMS.SUP.1, ISMS.SUP.3, ISMS.SUP.4",
        "rating(s) flagged for review, not validated",
        "consistency warning(s) open",
        "14 assessed, 4 not assessed yet",
        "Not assessed (4)",
        "Not assessed: no attribute is rated yet; target 2",
    ] {
        assert!(all.contains(s), "missing '{s}'");
    }
    // The largest gaps are those of processes assessed.
    let gaps = &all[all.find("Largest gaps").unwrap()..];
    let gaps = &gaps[..gaps.find("Status of this report").unwrap()];
    for id in ["ISMS.CORE.9", "ISMS.SUP.1", "ISMS.SUP.3", "ISMS.SUP.4"] {
        assert!(!gaps.contains(id), "{id} is not assessed: {gaps}");
    }
}

#[test]
fn processes_not_assessed_count_in_no_total() {
    let r = report(&parse(EXAMPLE));
    let unrated: Vec<&str> = r.not_assessed().map(|p| p.id.as_str()).collect();
    assert_eq!(
        unrated,
        ["ISMS.CORE.9", "ISMS.SUP.1", "ISMS.SUP.3", "ISMS.SUP.4"]
    );
    assert_eq!(
        r.total_gap,
        r.assessed().map(|p| u32::from(p.gap)).sum::<u32>()
    );
    assert!(
        r.below()
            .all(|p| p.standing != capra::report::Standing::NotAssessed)
    );
    let csv = capra::report::csv::processes(&r);
    let mut rd = csv::Reader::from_reader(&csv[..]);
    let h = rd.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    for rec in rd.records() {
        let rec = rec.unwrap();
        if unrated.contains(&&rec[col("process_id")]) {
            assert_eq!(&rec[col("standing")], "not assessed");
            assert_eq!(&rec[col("gap")], "");
            assert_eq!(&rec[col("capability_level")], "");
        }
    }
}

#[test]
fn a_brand_new_assessment_does_not_report_gaps() {
    let model = model();
    let ids: Vec<String> = model
        .processes
        .processes
        .iter()
        .map(|p| p.id.to_string())
        .collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let a = Assessment::new(
        &model,
        capra::assessment::Info::new("New assessment".into(), "2026-11-30".into()),
        &ids,
        3,
    );
    let r = report(&a);
    assert_eq!(r.total_gap, 0);
    assert_eq!(r.below().count(), 0);
    let all = pages(&capra::report::pdf::render(&r).unwrap()).join(" ");
    assert!(!all.contains("fall short"), "{all}");
    assert!(!all.contains("Largest gaps"));
    assert!(all.contains(&format!(
        "{} process(es) in scope; none has been rated yet",
        ids.len()
    )));
    assert!(all.contains("No process has been rated yet: there are no gaps to show."));
    assert!(all.contains(&format!("Not assessed ({})", ids.len())));
}

#[test]
fn final_with_open_items_stays_a_draft_unless_overridden() {
    let mut a = parse(EXAMPLE);
    a.report.status = Some(ReportStatus::Final);
    let r = report(&a);
    assert!(
        r.status.draft,
        "final status with open items is still a draft"
    );
    let all = pages(&capra::report::pdf::render(&r).unwrap()).join(" ");
    assert!(all.contains("the authors set it final, but some items are still open"));

    a.report.final_override = "The board accepts the open items".into();
    let r = report(&a);
    assert!(!r.status.draft);
    let pages = pages(&capra::report::pdf::render(&r).unwrap());
    assert!(pages.iter().all(|p| !p.contains("DRAFT")), "no DRAFT mark");
    let all = pages.join(" ");
    assert!(all.contains("Final, although"));
    assert!(all.contains("The authors' reason: The board accepts the open items"));
}
