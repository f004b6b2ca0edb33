//! Reports, read back the way a user's tools read them: the CSV with a CSV parser, the PDF with a
//! PDF reader.

use crate::util::{EXAMPLE, capra, model, parse};
use std::collections::HashMap;
use std::fs;

/// The report for the sponsor (no working notes), made on 2026-12-01.
fn build(text: &str) -> capra::report::Report {
    build_with(text, "2026-12-01", false)
}

/// The report made on `today`, with the working notes when `notes`.
fn build_with(text: &str, today: &str, notes: bool) -> capra::report::Report {
    let model = model();
    let a = parse(text);
    let profile = capra::profile::score(&model, &a);
    capra::report::build(
        &model,
        &a,
        &profile,
        &capra::model::sha256_hex(text.as_bytes()),
        &capra::report::Options {
            font: None,
            today: today.to_string(),
            include_notes: notes,
            logo: None,
            previous: None,
        },
    )
}

/// Parses CSV bytes into header-keyed records.
fn records(bytes: &[u8]) -> Vec<HashMap<String, String>> {
    let mut r = csv::Reader::from_reader(bytes);
    let headers: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            headers
                .iter()
                .cloned()
                .zip(rec.iter().map(String::from))
                .collect()
        })
        .collect()
}

#[test]
fn csv_processes_and_ratings() {
    let report = build(EXAMPLE);
    let procs = records(&capra::report::csv::processes(&report));
    assert_eq!(procs.len(), 18);
    let core3 = procs
        .iter()
        .find(|r| r["process_id"] == "ISMS.CORE.3")
        .unwrap();
    assert_eq!(core3["capability_level"], "2");
    assert_eq!(core3["target_level"], "3");
    assert_eq!(core3["gap"], "1");
    assert_eq!(core3["standing"], "below target");
    assert_eq!(core3["blocked_by_attribute"], "PA2.1");
    assert_eq!(core3["needs"], "F");
    let gov2 = procs
        .iter()
        .find(|r| r["process_id"] == "ISMS.GOV.2")
        .unwrap();
    assert_eq!(gov2["standing"], "at target");
    assert_eq!(gov2["gap"], "0");
    assert_eq!(core3["reason"], "PA2.1 is L, needs F");

    let ratings = records(&capra::report::csv::ratings(&report));
    // 9 attributes per process, plus one row per instance rating.
    let instance_rows = ratings
        .iter()
        .filter(|r| r["instance"] != "(process)")
        .count();
    assert_eq!(ratings.len(), 18 * 9 + instance_rows);
    assert!(instance_rows >= 6, "{instance_rows}");
    let r = ratings
        .iter()
        .find(|r| r["process_id"] == "ISMS.CORE.3" && r["attribute"] == "PA2.1")
        .unwrap();
    assert_eq!(r["rating"], "L");
    assert_eq!(r["band"], "Largely achieved (>50-85 %)");
    assert_eq!(r["needed_for_target"], "F");
    assert_eq!(r["meets_target"], "no");
    assert_eq!(r["process_gap"], "1");
    assert_eq!(r["evidence_ids"], "E-006 E-016 E-019");
    // The note column stays, empty: notes are the team's, not the sponsor's...
    assert_eq!(r["note"], "");
    assert!(ratings.iter().all(|r| r["note"].is_empty()));
    // ...unless the report is made for the team's internal review.
    let internal = records(&capra::report::csv::ratings(&build_with(
        EXAMPLE,
        "2026-12-01",
        true,
    )));
    let r = internal
        .iter()
        .find(|r| r["process_id"] == "ISMS.CORE.3" && r["attribute"] == "PA2.1")
        .unwrap();
    assert!(r["note"].contains("warehouse risk owners"));
    // Not rated is empty, never N.
    let unrated = ratings
        .iter()
        .find(|r| r["process_id"] == "ISMS.SUP.1" && r["attribute"] == "PA1.1")
        .unwrap();
    assert_eq!(unrated["rating"], "");
    assert_eq!(unrated["band"], "not rated");
    // Instance rows carry the instance name.
    assert!(ratings.iter().any(|r| r["instance"] == "Warehouse Leipzig"));

    // Every file starts with a UTF-8 byte order mark and uses CRLF line ends (RFC 4180).
    for (name, bytes) in capra::report::csv::files(&report) {
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{name}");
        assert!(bytes.ends_with(b"\r\n"), "{name}");
    }
    let evidence = records(&capra::report::csv::evidence(&report));
    assert_eq!(evidence.len(), 20);
    // The consistency warnings of the example: one open, one acknowledged.
    let warnings = records(&capra::report::csv::warnings(&report));
    assert_eq!(warnings.len(), 2);
    let acked = warnings
        .iter()
        .find(|w| w["acknowledged"] == "yes")
        .unwrap();
    assert_eq!(acked["warning_id"], "interview-only:ISMS.GOV.2:PA2.1");
    assert!(acked["justification"].contains("still a draft"));
    assert_eq!(acked["acknowledged_by"], "Élodie Marchand");
    let open = warnings.iter().find(|w| w["acknowledged"] == "no").unwrap();
    assert_eq!(open["rule"], "f-over-weak-item");
    // Evidence coverage per process.
    let core6 = procs
        .iter()
        .find(|r| r["process_id"] == "ISMS.CORE.6")
        .unwrap();
    let rated: usize = core6["rated_with_evidence"].parse().unwrap();
    assert!(rated <= 5);
    assert!(evidence[0]["used_by"].contains("ISMS."));
}

#[test]
fn csv_neutralises_formulas_and_keeps_unicode() {
    let text = EXAMPLE
        .replacen(
            "title = \"Northwind Freight ISMS capability assessment 2026\"",
            "title = \"=HYPERLINK(\\\"http://x\\\")\"",
            1,
        )
        .replacen("note = \"", "note = \"@SUM(1+1) Zoë, Ελένη, Дмитрий: ", 1);
    let report = build_with(&text, "2026-12-01", true);
    let ratings = records(&capra::report::csv::ratings(&report));
    let noted: Vec<&HashMap<String, String>> = ratings
        .iter()
        .filter(|r| r["note"].contains("Ελένη"))
        .collect();
    assert_eq!(noted.len(), 1);
    assert!(noted[0]["note"].starts_with("'@SUM(1+1) Zoë, Ελένη, Дмитрий: "));
    // No cell of any file begins with a formula character.
    for (_, bytes) in capra::report::csv::files(&report) {
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(&bytes[..]);
        for rec in r.records() {
            for cell in rec.unwrap().iter() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "unneutralised cell {cell:?}"
                );
            }
        }
    }
}

fn pdf_text(bytes: &[u8]) -> (usize, String) {
    let doc = lopdf::Document::load_mem(bytes).expect("a PDF a reader can open");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap_or_default();
    (pages.len(), text)
}

#[test]
fn pdf_has_every_process_its_level_and_the_gap_table() {
    let report = build(EXAMPLE);
    assert_eq!(report.maturity.as_ref().map(|m| m.level), Some(1));
    let bytes = capra::report::pdf::render(&report).unwrap();
    assert!(bytes.len() < 200 * 1024, "{} bytes", bytes.len());
    let (pages, text) = pdf_text(&bytes);
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(pages >= 8, "{pages} pages");
    for p in &report.processes {
        assert!(flat.contains(&p.name), "missing process name {}", p.name);
        let line = if p.standing == capra::report::Standing::NotAssessed {
            format!(
                "Not assessed: no attribute is rated yet; target {}",
                p.target
            )
        } else {
            format!(
                "Capability level {} ({}), target {}",
                p.level, p.level_name, p.target
            )
        };
        assert!(flat.contains(&line), "missing '{line}'");
    }
    for heading in [
        "Scope and method",
        "Capability profile",
        "Gaps to target",
        "Below target (9)",
        "At target (5)",
        "Not assessed (4)",
        "Evidence index",
        "Traceability",
        "Consistency checks",
        "Open warnings (1)",
        "Acknowledged warnings (1)",
        "still a draft awaiting approval",
        "rated attributes are backed by evidence",
        "level 1: PA1.1 is P, needs L or F",
        "Organisational maturity level 1 (Performed); level 2 is held back by ISMS.CORE.2 (level 1, needs 2)",
    ] {
        assert!(flat.contains(heading), "missing '{heading}'");
    }
    assert!(
        flat.contains(&report.data_sha256),
        "the data hash is printed"
    );
    assert!(flat.contains(&format!("Page 1 of {pages}")));
    // Names in several European scripts print as written.
    for name in [
        "Élodie Marchand",
        "Paweł Wójcik",
        "Tomáš Novák",
        "Jörg Lindemann",
    ] {
        assert!(flat.contains(name), "{name}");
    }
}

#[test]
fn pdf_is_reproducible_and_prints_any_script() {
    let text = EXAMPLE.replacen(
        "note = \"",
        "note = \"Ελένη Παπαδοπούλου, Дмитрий Соколов, Øystein, Şükrü, Ľubomír; 漢字 \u{1F600}; ",
        1,
    );
    let report = build_with(&text, "2026-12-01", true);
    let a = capra::report::pdf::render(&report).unwrap();
    let b = capra::report::pdf::render(&report).unwrap();
    assert_eq!(a, b, "same input, same bytes");
    let (_, t) = pdf_text(&a);
    let flat: String = t.split_whitespace().collect::<Vec<_>>().join(" ");
    for name in [
        "Ελένη Παπαδοπούλου",
        "Дмитрий Соколов",
        "Øystein",
        "Şükrü",
        "Ľubomír",
    ] {
        assert!(flat.contains(name), "{name}");
    }
    // Characters no font has print as their code point, never vanish (no fallback font is
    // given here: the core looks for none).
    assert!(flat.contains("<U+6F22><U+5B57>"), "{flat}");
}

#[test]
fn report_command_writes_both_beside_the_file() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.toml"), EXAMPLE).unwrap();
    capra(dir.path())
        .args(["report", "a.toml"])
        .assert()
        .success()
        .stdout(predicates::str::contains("wrote a-report.pdf"))
        .stdout(predicates::str::contains("wrote a-csv/ratings.csv"));
    for f in [
        "a-report.pdf",
        "a-csv/processes.csv",
        "a-csv/ratings.csv",
        "a-csv/evidence.csv",
        "a-csv/warnings.csv",
        "a-csv/findings.csv",
        "a-csv/actions.csv",
        "a-csv/evidence_links.csv",
        "a-csv/clauses.csv",
        "a-csv/controls.csv",
    ] {
        assert!(dir.path().join(f).is_file(), "{f}");
    }
    // Only the CSV when only the CSV is asked for.
    capra(dir.path())
        .args(["report", "a.toml", "--csv", "out"])
        .assert()
        .success();
    assert!(dir.path().join("out/ratings.csv").is_file());
    assert!(!dir.path().join("out.pdf").exists());
    // A PDF into a folder that does not exist yet: the folder is made.
    capra(dir.path())
        .args(["report", "a.toml", "--pdf", "new/dir/r.pdf"])
        .assert()
        .success();
    assert!(dir.path().join("new/dir/r.pdf").is_file());
    // A bad target folder is reported, with nothing half-written.
    fs::write(dir.path().join("blocker"), "x").unwrap();
    capra(dir.path())
        .args(["report", "a.toml", "--csv", "blocker/csv"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("cannot save blocker/csv"));
}
