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
            font: None,
            today: today.into(),
            include_notes: false,
            logo: None,
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
    let mut a = parse(&crate::util::example_without_report());
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
        "4 ISO/IEC 27001 view",
        "5 Processes",
        "6 Recommendations and improvement plan",
        "7 Consistency checks",
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
    let mut a = parse(&crate::util::example_without_report());
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
    // Executive summary, seven sections (the ISO/IEC 27001 view with them), conclusions,
    // sign-off, two appendices, 18 processes.
    assert_eq!(count, 12 + 18, "outline entries");
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

/// A PNG of `w` x `h` RGBA pixels, half transparent.
fn rgba_png(w: u32, h: u32) -> Vec<u8> {
    use std::io::Write;
    let line: Vec<u8> = std::iter::once(0)
        .chain((0..w).flat_map(|_| [31, 78, 121, 128]))
        .collect();
    let raw = line.repeat(h as usize);
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(&raw).unwrap();
    let idat = z.finish().unwrap();
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    for (tag, data) in [
        (&b"IHDR"[..], {
            let mut d = w.to_be_bytes().to_vec();
            d.extend(h.to_be_bytes());
            d.extend([8, 6, 0, 0, 0]);
            d
        }),
        (b"IDAT", idat),
        (b"IEND", Vec::new()),
    ] {
        out.extend((data.len() as u32).to_be_bytes());
        out.extend(tag);
        out.extend(&data);
        out.extend([0, 0, 0, 0]);
    }
    out
}

/// The images drawn on the first page: (width, height).
fn first_page_images(bytes: &[u8]) -> Vec<(i64, i64)> {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let page = *doc.get_pages().get(&1).unwrap();
    let (inline, ids) = doc.get_page_resources(page).unwrap();
    let res = match inline {
        Some(r) => r,
        None => doc.get_dictionary(ids[0]).unwrap(),
    };
    let Ok(x) = res.get(b"XObject").and_then(|x| x.as_dict()) else {
        return Vec::new();
    };
    x.iter()
        .filter_map(|(_, o)| {
            let s = doc
                .get_object(o.as_reference().ok()?)
                .ok()?
                .as_stream()
                .ok()?;
            Some((
                s.dict.get(b"Width").ok()?.as_i64().ok()?,
                s.dict.get(b"Height").ok()?.as_i64().ok()?,
            ))
        })
        .collect()
}

#[test]
fn the_logo_is_embedded_on_the_cover_and_a_bad_one_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("a.toml"), EXAMPLE).unwrap();
    fs::write(d.join("logo.png"), rgba_png(120, 40)).unwrap();
    capra(d)
        .args(["set", "a.toml", "report.logo", "logo.png"])
        .assert()
        .success();
    capra(d)
        .args(["report", "a.toml", "--pdf", "r.pdf"])
        .assert()
        .success();
    let bytes = fs::read(d.join("r.pdf")).unwrap();
    assert!(bytes.len() < 200 * 1024);
    assert_eq!(first_page_images(&bytes), [(120, 40)]);
    // A file that is not an image: the report is made without it, and capra says why.
    fs::write(d.join("logo.png"), "not an image").unwrap();
    capra(d)
        .args(["report", "a.toml", "--pdf", "r.pdf"])
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "logo.png: not a PNG or JPEG image",
        ));
    assert!(first_page_images(&fs::read(d.join("r.pdf")).unwrap()).is_empty());
}
