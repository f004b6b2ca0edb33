//! Editing everything from the command line, and the interview records: `capra evidence
//! edit|remove`, the lead assessor as the default rater, interviews, document requests and
//! minutes; their checks on bad input (exit 2, file byte for byte unchanged), on hand-edited
//! files, and in merges.

use crate::util::{capra, json, model, parse, setup};
use std::fs;
use std::path::Path;

fn run_ok(dir: &Path, args: &[&str]) -> String {
    let out = capra(dir).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "capra {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs a command that must succeed and returns (stdout, stderr).
fn run_both(dir: &Path, args: &[&str]) -> (String, String) {
    let out = capra(dir).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "capra {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Runs a command that must fail with exit 2, leave the file byte for byte, and say `says`.
fn refused(dir: &Path, args: &[&str], says: &[&str]) {
    let file = dir.join("a.toml");
    let before = fs::read(&file).unwrap();
    let out = capra(dir).args(args).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "capra {args:?}: {err}");
    for s in says {
        assert!(err.contains(s), "capra {args:?} should say {s:?}: {err}");
    }
    assert_eq!(
        fs::read(&file).unwrap(),
        before,
        "capra {args:?} changed the file"
    );
}

fn read(dir: &Path) -> capra::assessment::Assessment {
    parse(&fs::read_to_string(dir.join("a.toml")).unwrap())
}

#[test]
fn evidence_is_edited_and_a_new_path_is_hashed() {
    let (dir, _) = setup();
    let d = dir.path();
    fs::write(d.join("rr.txt"), "risk register v5").unwrap();
    let out = run_ok(
        d,
        &[
            "evidence",
            "edit",
            "a.toml",
            "e-001",
            "--title",
            "Risk register v5",
            "--path",
            "rr.txt",
            "--owner",
            "CISO",
            "--location",
            "",
        ],
    );
    assert_eq!(out.trim(), "E-001");
    let a = read(d);
    let e = a.evidence_item("E-001").unwrap();
    assert_eq!(e.title, "Risk register v5");
    assert_eq!(e.path, "rr.txt");
    assert_eq!(e.owner, "CISO");
    assert_eq!(e.location, "");
    assert_eq!(e.date.as_str(), "2026-10-01", "what was not given stays");
    assert_eq!(
        e.sha256.as_str(),
        capra::hash::sha256_hex(b"risk register v5")
    );
    // --path "" removes the path and its hash.
    run_ok(d, &["evidence", "edit", "a.toml", "E-001", "--path", ""]);
    let a = read(d);
    let e = a.evidence_item("E-001").unwrap();
    assert!(e.path.is_empty() && e.sha256.is_empty());
}

#[test]
fn evidence_edit_refuses_bad_input() {
    let (dir, _) = setup();
    let d = dir.path();
    refused(
        d,
        &["evidence", "edit", "a.toml", "E-009", "--title", "x"],
        &["no evidence E-009", "E-001", "Nothing was changed"],
    );
    refused(
        d,
        &[
            "evidence",
            "edit",
            "a.toml",
            "E-001",
            "--date",
            "2026-13-01",
        ],
        &["not a date"],
    );
    refused(
        d,
        &["evidence", "edit", "a.toml", "E-001", "--title", " "],
        &["needs a title"],
    );
    refused(
        d,
        &["evidence", "edit", "a.toml", "E-001", "--kind", "rumour"],
        &["rumour"],
    );
}

#[test]
fn evidence_cited_is_removed_only_with_force_and_every_link_goes() {
    let (dir, _) = setup();
    let d = dir.path();
    // Cite E-001 from a finding and from an assessor's own rating too.
    let mut text = fs::read_to_string(d.join("a.toml")).unwrap();
    text = text.replace(
        "[[processes]]\nid = \"ISMS.CORE.8\"",
        "[[processes.assessor_ratings]]\nattribute = \"PA2.1\"\nrating = \"L\"\nassessor = \"Ben\"\nevidence = [\"E-001\"]\n\n[[processes]]\nid = \"ISMS.CORE.8\"",
    );
    fs::write(d.join("a.toml"), text).unwrap();
    run_ok(
        d,
        &[
            "finding",
            "add",
            "a.toml",
            "ISMS.CORE.3",
            "--kind",
            "strength",
            "--text",
            "Register kept",
            "--evidence",
            "E-001",
        ],
    );
    refused(
        d,
        &["evidence", "remove", "a.toml", "E-001"],
        &[
            "ISMS.CORE.3 PA1.1",
            "ISMS.CORE.3 PA2.1, rated by Ben",
            "finding F-001",
            "--force",
            "Nothing was changed",
        ],
    );
    refused(
        d,
        &["evidence", "remove", "a.toml", "E-404"],
        &["no evidence E-404"],
    );
    let (out, err) = run_both(d, &["evidence", "remove", "a.toml", "E-001", "--force"]);
    assert_eq!(out.trim(), "removed E-001");
    assert!(err.contains("finding F-001 no longer cites E-001"), "{err}");
    assert!(err.contains("rated by Ben no longer cites E-001"), "{err}");
    let a = read(d);
    assert!(a.evidence.is_empty());
    assert!(a.findings[0].evidence.is_empty());
    let p = a.process("ISMS.CORE.3").unwrap();
    assert!(p.ratings.iter().all(|r| r.evidence.is_empty()));
    assert!(p.assessor_ratings.iter().all(|r| r.evidence.is_empty()));
    // The rating that cited it keeps everything else.
    assert_eq!(p.ratings[0].note, "Risk register complete.");
    // The file is valid: it loads.
    run_ok(d, &["check", "a.toml"]);
}

#[test]
fn evidence_removal_is_one_edit_undone_whole() {
    use capra::assessment::change::{Change, apply};
    let m = model();
    let mut a = parse(crate::util::SMALL);
    let before = a.clone();
    let unlink = a.unlink_evidence("E-001");
    assert_eq!(unlink.places, ["ISMS.CORE.3 PA1.1"]);
    let mut changes = unlink.changes;
    changes.push(Change::RemoveEvidence("E-001".into()));
    let inverse = apply(&mut a, &m, Change::Batch(changes)).unwrap();
    assert!(a.evidence.is_empty());
    apply(&mut a, &m, inverse).unwrap();
    assert_eq!(
        toml::to_string(&a).unwrap(),
        toml::to_string(&before).unwrap()
    );
}

#[test]
fn the_lead_assessor_is_recorded_when_no_assessor_is_given() {
    let (dir, _) = setup();
    let d = dir.path();
    run_ok(d, &["rate", "a.toml", "ISMS.CORE.3", "PA2.1", "F"]);
    run_ok(d, &["characterise", "a.toml", "ISMS.CORE.3", "O1", "L"]);
    run_ok(
        d,
        &[
            "finding",
            "add",
            "a.toml",
            "ISMS.CORE.3",
            "--kind",
            "strength",
            "--text",
            "Good",
        ],
    );
    run_ok(d, &["action", "add", "a.toml", "--title", "Do it"]);
    let a = read(d);
    let p = a.process("ISMS.CORE.3").unwrap();
    let lead = "Łucja Nowak";
    assert_eq!(p.ratings[1].attribute.as_str(), "PA2.1");
    assert_eq!(p.ratings[1].assessor, lead);
    assert_eq!(p.characterisations[0].assessor, lead);
    assert_eq!(a.findings[0].author, lead);
    assert_eq!(a.actions[0].history[0].by, lead);
    // A name given wins, from the option or the environment.
    run_ok(
        d,
        &[
            "rate",
            "a.toml",
            "ISMS.CORE.3",
            "PA2.2",
            "L",
            "--assessor",
            "Ben",
        ],
    );
    let out = capra(d)
        .args(["rate", "a.toml", "ISMS.CORE.3", "PA3.1", "P"])
        .env("CAPRA_ASSESSOR", "Cleo")
        .output()
        .unwrap();
    assert!(out.status.success());
    let a = read(d);
    let p = a.process("ISMS.CORE.3").unwrap();
    let by = |at: &str| {
        p.ratings
            .iter()
            .find(|r| r.attribute == at)
            .unwrap()
            .assessor
            .clone()
    };
    assert_eq!(by("PA2.2"), "Ben");
    assert_eq!(by("PA3.1"), "Cleo");
    // An acknowledgement too.
    let warnings = json(d, &["check", "a.toml", "--format", "json"]);
    let id = warnings["warnings"][0]["id"].as_str().unwrap().to_string();
    run_ok(d, &["acknowledge", "a.toml", &id, "--why", "Accepted"]);
    assert_eq!(read(d).acknowledgements[0].by, lead);
}

#[test]
fn with_no_lead_assessor_nobody_is_recorded() {
    let (dir, _) = setup();
    let d = dir.path();
    let text = fs::read_to_string(d.join("a.toml"))
        .unwrap()
        .replace("role = \"lead-assessor\"", "role = \"assessor\"");
    fs::write(d.join("a.toml"), text).unwrap();
    run_ok(d, &["rate", "a.toml", "ISMS.CORE.3", "PA2.1", "F"]);
    let a = read(d);
    assert_eq!(a.process("ISMS.CORE.3").unwrap().ratings[1].assessor, "");
}
