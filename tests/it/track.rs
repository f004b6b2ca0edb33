//! Tracking and teams through the real binary: seed, compare, merge, agreement.

use crate::util::{SMALL, capra, json};
use predicates::prelude::*;
use std::fs;
use std::path::Path;

/// The small fixture as last year's assessment, with some ratings and dates changed.
fn last_year() -> String {
    SMALL
        .replace("created = \"2026-11-01\"", "created = \"2025-11-01\"")
        .replace("title = \"Small test assessment\"", "title = \"Last year\"")
        // CORE.3 PA1.1 was L (now F: improved); PA2.2 was F ... now F; PA2.1 was F (now L: regressed).
        .replacen(
            "rating = \"F\"\nconfidence = \"high\"",
            "rating = \"L\"\nconfidence = \"high\"",
            1,
        )
        .replacen(
            "attribute = \"PA2.1\"\nrating = \"L\"",
            "attribute = \"PA2.1\"\nrating = \"F\"",
            1,
        )
}

#[test]
fn follow_up_keeps_scope_targets_instances_and_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir(d.join("assessments")).unwrap();
    fs::write(d.join("assessments/a.toml"), SMALL).unwrap();
    capra(d)
        .args([
            "new",
            "--from",
            "assessments/a.toml",
            "--title",
            "Next year",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Created assessments/next-year.toml following assessments/a.toml",
        ));
    let text = fs::read_to_string(d.join("assessments/next-year.toml")).unwrap();
    assert!(text.contains("previous = \"a.toml\""), "{text}");
    assert!(text.contains("target = 3") && text.contains("target = 1"));
    assert!(text.contains("instances = [\"Head office\", \"Warehouse\"]"));
    assert!(text.contains("[[evidence]]\nid = \"E-001\"\ntitle = \"Risk register 2026\""));
    assert!(text.contains("name = \"Łucja Nowak\""));
    assert!(!text.contains("[[processes.ratings]]"), "starts unrated");
    // With --copy-ratings the ratings come along, to be revised.
    capra(d)
        .args([
            "new",
            "--from",
            "assessments/a.toml",
            "--title",
            "Copy",
            "--copy-ratings",
            "-o",
            "assessments/copy.toml",
        ])
        .assert()
        .success();
    let v = json(d, &["score", "assessments/copy.toml", "--format", "json"]);
    assert_eq!(v["processes"][0]["capability_level"], 2);
    assert_eq!(
        v["processes"][0]["attributes"][0]["note"],
        "Risk register complete."
    );
}

#[test]
fn compare_one_improvement_one_regression() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("2025.toml"), last_year()).unwrap();
    fs::write(d.join("2026.toml"), SMALL).unwrap();
    // Given newest first, compared oldest first.
    let v = json(
        d,
        &["compare", "2026.toml", "2025.toml", "--format", "json"],
    );
    assert_eq!(v["snapshots"][0]["label"], "2025.toml");
    let core3 = &v["processes"][0];
    assert_eq!(core3["id"], "ISMS.CORE.3");
    assert_eq!(
        core3["attributes"][0]["ratings"],
        serde_json::json!(["L", "F"])
    );
    assert_eq!(core3["attributes"][0]["change"], "improved");
    assert_eq!(
        core3["attributes"][1]["ratings"],
        serde_json::json!(["F", "L"])
    );
    assert_eq!(core3["attributes"][1]["change"], "regressed");
    // Last year PA1.1 L: level 1; this year PA1.1 F but PA2.1 L: level 2.
    assert_eq!(core3["levels"], serde_json::json!([1, 2]));
    assert_eq!(core3["level_change"], 1);
    assert_eq!(v["summary"]["attributes_improved"], 1);
    assert_eq!(v["summary"]["attributes_regressed"], 1);
    assert_eq!(
        v["summary"]["most_improved"],
        serde_json::json!(["ISMS.CORE.3"])
    );
    assert!(
        v["summary"]["areas_of_concern"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x == "ISMS.CORE.3")
    );

    capra(d)
        .args(["compare", "2025.toml", "2026.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("ISMS.CORE.3"))
        .stdout(predicate::str::contains("PA1.1 L → F, PA2.1 F → L"))
        .stdout(predicate::str::contains(
            "Most improved: ISMS.CORE.3 (1 → 2)",
        ))
        .stdout(predicate::str::contains("ISMS.CORE.3: PA2.1 regressed"));

    let out = capra(d)
        .args(["compare", "2025.toml", "2026.toml", "--format", "csv"])
        .output()
        .unwrap();
    let mut r = csv::Reader::from_reader(&out.stdout[..]);
    let headers: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    // Long format: one row per assessment, process and measure (docs/tracking.md).
    assert_eq!(headers[2], "assessment_file");
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let level = |file: &str| {
        rows.iter()
            .find(|x| &x[2] == file && &x[3] == "ISMS.CORE.3" && &x[5] == "capability_level")
            .map(|x| x[7].to_string())
            .unwrap()
    };
    assert_eq!(
        (level("2025.toml"), level("2026.toml")),
        ("1".into(), "2".into())
    );

    capra(d)
        .args([
            "compare",
            "2025.toml",
            "2026.toml",
            "--pdf",
            "out/trend.pdf",
        ])
        .assert()
        .success();
    let bytes = fs::read(d.join("out/trend.pdf")).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap();
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Capability levels over time"), "{flat}");
    assert!(flat.contains("Most improved"));
    assert!(flat.contains("ISMS.CORE.3 Information security risk assessment"));
}

#[test]
fn compare_refuses_assessments_of_different_models() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let tiny = root.join("tests/fixtures/tiny-model.toml");
    fs::create_dir(d.join("models")).unwrap();
    fs::copy(&tiny, d.join("models/tiny.toml")).unwrap();
    capra(d)
        .args([
            "new", "--model", "tiny", "--title", "Tiny", "--target", "1", "-o", "t.toml",
        ])
        .assert()
        .success();
    fs::write(d.join("a.toml"), SMALL).unwrap();
    capra(d)
        .args(["compare", "a.toml", "t.toml"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "t.toml is an assessment of model tiny, a.toml of model isms: assessments of different models cannot be compared",
        ));
}

/// Two assessors: Ana and Ben. They disagree on CORE.3 PA2.1 (Ana N, Ben L: two steps) and
/// agree within a step elsewhere.
fn two_assessors(d: &Path) {
    let ana = SMALL
        .replace("name = \"Łucja Nowak\"", "name = \"Ana\"")
        .replace("assessor = \"Łucja Nowak\"\n", "")
        .replacen(
            "attribute = \"PA2.1\"\nrating = \"L\"",
            "attribute = \"PA2.1\"\nrating = \"N\"",
            1,
        );
    let ben = SMALL
        .replace("name = \"Łucja Nowak\"", "name = \"Ben\"")
        .replace("assessor = \"Łucja Nowak\"\n", "")
        .replacen(
            "attribute = \"PA2.2\"\nrating = \"F\"",
            "attribute = \"PA2.2\"\nrating = \"L\"",
            1,
        )
        .replace(
            "title = \"Risk register 2026\"",
            "title = \"Ben's own note of the register\"",
        );
    fs::write(d.join("ana.toml"), ana).unwrap();
    fs::write(d.join("ben.toml"), ben).unwrap();
}

#[test]
fn merge_keeps_every_rating_and_flags_the_disagreement() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    two_assessors(d);
    capra(d)
        .args([
            "merge",
            "ana.toml",
            "ben.toml",
            "-o",
            "team.toml",
            "--title",
            "Team",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "1 disagreement(s), flagged for review",
        ))
        .stdout(predicate::str::contains("ISMS.CORE.3 PA2.1: Ana N, Ben L"))
        .stdout(predicate::str::contains(
            "note: ben.toml: evidence E-001 is E-002 in the merged file",
        ));
    let text = fs::read_to_string(d.join("team.toml")).unwrap();
    // Both assessors' ratings are kept.
    assert!(
        text.contains("[[processes.assessor_ratings]]\nattribute = \"PA2.1\"\nrating = \"N\""),
        "{text}"
    );
    assert!(text.contains("assessor = \"Ben\""));
    // The proposed rating of the disagreement: median-low of (N, L) = N, flagged.
    assert!(
        text.contains("attribute = \"PA2.1\"\nrating = \"N\"\nreview = \"flagged\""),
        "{text}"
    );
    // Ben's evidence was renumbered and his link follows it.
    assert!(text.contains("id = \"E-002\"\ntitle = \"Ben's own note of the register\""));
    let v = json(d, &["score", "team.toml", "--format", "json"]);
    let core3 = &v["processes"][0];
    assert_eq!(
        core3["attributes"][0]["evidence"],
        serde_json::json!(["E-001", "E-002"])
    );
    // PA2.2: Ana F, Ben L: one step, no flag; median-low L.
    assert_eq!(core3["attributes"][2]["rating"], "L");
    // The merged file opens, checks and reports like any other.
    capra(d).args(["check", "team.toml"]).assert().success();
    capra(d)
        .args(["report", "team.toml", "--csv", "csv"])
        .assert()
        .success();
    // Refuses to overwrite.
    capra(d)
        .args(["merge", "ana.toml", "ben.toml", "-o", "team.toml"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("team.toml already exists"));
}

#[test]
fn agreement_between_two_assessors() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    two_assessors(d);
    // Items rated by both: CORE.3 PA1.1 (F,F), PA2.1 (N,L), PA2.2 (F,L); CORE.8 PA1.1 is the
    // aggregate of the instances in both (P,P). Four items, two agree exactly: 50 %.
    // Table (A rows, B columns) on N=0..F=3: (3,3), (0,2), (3,2), (1,1).
    // p_o with linear weights: (1 + 1/3 + 2/3 + 1) / 4 = 0.75.
    // A: N .25, P .25, F .5; B: P .25, L .5, F .25.
    // p_e = sum w(i,j) a_i b_j = .25(.25·(2/3) + .5·(1/3) + 0) + .25(.25·1 + .5·(2/3) + .25·(1/3))
    //     + .5(.25·(1/3) + .5·(2/3) + .25·1) = .08333 + .16667 + .33333 = .58333;
    // kappa = (.75 - .58333) / (1 - .58333) = 0.4.
    let v = json(
        d,
        &["agreement", "ana.toml", "ben.toml", "--format", "json"],
    );
    assert_eq!(v["overall"]["items"], 4);
    assert!((v["overall"]["exact"].as_f64().unwrap() - 0.5).abs() < 1e-9);
    assert!(
        (v["overall"]["weighted_kappa"].as_f64().unwrap() - 0.4).abs() < 1e-9,
        "{v}"
    );
    capra(d)
        .args(["agreement", "ana.toml", "ben.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("OVERALL"))
        .stdout(predicate::str::contains("0.40 (fair)"));
    // Three files: Fleiss' kappa.
    fs::copy(d.join("ana.toml"), d.join("cy.toml")).unwrap();
    let v = json(
        d,
        &[
            "agreement",
            "ana.toml",
            "ben.toml",
            "cy.toml",
            "--format",
            "json",
        ],
    );
    assert!(v["overall"]["fleiss_kappa"].is_number());
    assert!(v["overall"]["weighted_kappa"].is_null());
}

/// `capra compare` shows the organisational maturity of each assessment over time.
#[test]
fn compare_shows_maturity_over_time() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let v = crate::util::json(
        root,
        &[
            "compare",
            "assessments/northwind-2025.toml",
            "assessments/northwind-2026.toml",
            "--format",
            "json",
        ],
    );
    for s in v["snapshots"].as_array().unwrap() {
        assert_eq!(s["maturity"], 1, "{s}");
        assert_eq!(s["maturity_name"], "Performed", "{s}");
    }
}

/// `capra compare` on the two shipped examples lists the ISO/IEC 27001 clauses and controls whose
/// readiness verdict changed from 2025 to 2026: the table as a short section, the JSON as a list.
#[test]
fn compare_shows_iso27001_verdicts_that_changed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for y in ["2025", "2026"] {
        let name = format!("northwind-{y}.toml");
        fs::copy(root.join("assessments").join(&name), d.join(&name)).unwrap();
    }
    let v = json(
        d,
        &[
            "compare",
            "northwind-2026.toml",
            "northwind-2025.toml",
            "--format",
            "json",
        ],
    );
    let list = v["iso27001"].as_array().unwrap();
    let find = |id: &str| list.iter().find(|x| x["id"] == id).cloned();
    let c93 = find("9.3").expect("clause 9.3 changed");
    assert_eq!(c93["kind"], "clause");
    assert_eq!(c93["title"], "Management review: inputs and results");
    assert_eq!(c93["verdicts"], serde_json::json!(["supported", "at_risk"]));
    assert_eq!(c93["change"], "regressed");
    let a510 = find("A.5.10").expect("control A.5.10 changed");
    assert_eq!(a510["kind"], "control");
    assert_eq!(
        a510["verdicts"],
        serde_json::json!(["at_risk", "supported"])
    );
    assert_eq!(a510["change"], "improved");
    // Only what changed: clause 4.1 is supported in both.
    assert!(find("4.1").is_none());
    assert!(
        list.iter()
            .all(|x| x["verdicts"][0] != x["verdicts"][1] && x["change"] != "unchanged")
    );
    // Clauses first, then controls, each in catalogue order.
    let first_control = list.iter().position(|x| x["kind"] == "control").unwrap();
    assert!(list[first_control..].iter().all(|x| x["kind"] == "control"));

    capra(d)
        .args(["compare", "northwind-2025.toml", "northwind-2026.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "ISO/IEC 27001 readiness that changed (first against last assessment): 10 improved, 3 regressed.",
        ))
        .stdout(predicate::str::contains(
            "clause 9.3      regressed          supported → at risk        Management review: inputs and results",
        ))
        .stdout(predicate::str::contains(
            "control A.5.10  improved           at risk → supported        Acceptable use of information and assets",
        ));
}

/// Crafted assessments: the same ratings twice change no verdict (one line says so); a rating
/// that takes a process below what a clause needs makes the clause regress; a model without a
/// catalogue shows nothing of ISO/IEC 27001.
#[test]
fn compare_iso27001_crafted() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("2025.toml"), last_year()).unwrap();
    fs::write(d.join("same.toml"), SMALL).unwrap();
    fs::write(
        d.join("2025b.toml"),
        SMALL.replace("created = \"2026-11-01\"", "created = \"2025-11-01\""),
    )
    .unwrap();
    capra(d)
        .args(["compare", "2025b.toml", "same.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "ISO/IEC 27001 readiness: no clause or control changed its verdict",
        ));
    let v = json(
        d,
        &["compare", "2025b.toml", "same.toml", "--format", "json"],
    );
    assert_eq!(v["iso27001"], serde_json::json!([]));

    // This year ISMS.CORE.3 PA1.1 is N: it is no longer performed, so every clause behind it
    // that was supported is at risk now.
    fs::write(
        d.join("worse.toml"),
        SMALL.replacen(
            "rating = \"F\"\nconfidence = \"high\"",
            "rating = \"N\"\nconfidence = \"high\"",
            1,
        ),
    )
    .unwrap();
    let v = json(
        d,
        &["compare", "2025b.toml", "worse.toml", "--format", "json"],
    );
    let list = v["iso27001"].as_array().unwrap();
    let c612 = list
        .iter()
        .find(|x| x["id"] == "6.1.2")
        .expect("clause 6.1.2 (risk assessment) regressed");
    assert_eq!(
        c612["verdicts"],
        serde_json::json!(["supported", "at_risk"])
    );
    assert_eq!(c612["change"], "regressed");
    assert!(list.iter().all(|x| x["change"] == "regressed"), "{list:?}");

    // A model without a catalogue: no section, an empty list.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    fs::create_dir(d.join("models")).unwrap();
    fs::copy(
        root.join("tests/fixtures/tiny-model.toml"),
        d.join("models/tiny.toml"),
    )
    .unwrap();
    for name in ["t1.toml", "t2.toml"] {
        capra(d)
            .args([
                "new", "--model", "tiny", "--title", "Tiny", "--target", "1", "-o", name,
            ])
            .assert()
            .success();
    }
    capra(d)
        .args(["compare", "t1.toml", "t2.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("ISO/IEC 27001").not());
    let v = json(d, &["compare", "t1.toml", "t2.toml", "--format", "json"]);
    assert_eq!(v["iso27001"], serde_json::json!([]));
}
