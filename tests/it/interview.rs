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

#[test]
fn interviews_are_planned_listed_edited_and_removed() {
    let (dir, _) = setup();
    let d = dir.path();
    let id = run_ok(
        d,
        &[
            "interview",
            "add",
            "a.toml",
            "--who",
            "Ana Silva",
            "--role",
            "CISO",
            "--at",
            "2026-11-20T14:00",
            "--minutes",
            "60",
            "--processes",
            "isms.core.3,ISMS.CORE.8",
            "--assessors",
            "Łucja Nowak",
            "--notes",
            "Private: tired",
        ],
    );
    assert_eq!(id.trim(), "I-001");
    let id2 = run_ok(d, &["interview", "add", "a.toml", "--who", "Ben Ode"]);
    assert_eq!(id2.trim(), "I-002");
    let a = read(d);
    let i = a.interview("I-001").unwrap();
    assert_eq!(i.who, "Ana Silva");
    assert_eq!(i.role, "CISO");
    assert_eq!(i.at.as_str(), "2026-11-20T14:00");
    assert_eq!(i.minutes.as_ref().map(|m| **m), Some(60));
    assert_eq!(i.processes, ["ISMS.CORE.3", "ISMS.CORE.8"]);
    assert_eq!(i.assessors, ["Łucja Nowak"]);
    assert_eq!(i.status, capra::assessment::InterviewStatus::Planned);
    let table = run_ok(d, &["interview", "list", "a.toml"]);
    assert!(table.contains("I-001") && table.contains("Ana Silva (CISO)"));
    assert!(table.contains("2026-11-20 14:00"), "{table}");
    assert!(!table.contains("Private"), "notes stay private: {table}");
    let listed = json(d, &["interview", "list", "a.toml", "--format", "json"]);
    assert_eq!(listed["format_version"], 1);
    let listed = &listed["interviews"];
    assert_eq!(listed[1]["who"], "Ben Ode");

    run_ok(
        d,
        &[
            "interview",
            "edit",
            "a.toml",
            "i-001",
            "--status",
            "held",
            "--at",
            "2026-11-21",
            "--processes",
            "ISMS.CORE.3",
        ],
    );
    let a = read(d);
    let i = a.interview("I-001").unwrap();
    assert_eq!(i.status, capra::assessment::InterviewStatus::Held);
    assert_eq!(i.at.as_str(), "2026-11-21");
    assert_eq!(i.processes, ["ISMS.CORE.3"]);
    assert_eq!(i.role, "CISO", "what was not given stays");

    // A finding captured in it: its source says so.
    run_ok(
        d,
        &[
            "finding",
            "add",
            "a.toml",
            "ISMS.CORE.3",
            "--kind",
            "weakness",
            "--text",
            "No review",
            "--interview",
            "I-001",
        ],
    );
    let a = read(d);
    assert_eq!(
        a.findings[0].interview.as_deref().map(|i| i.as_str()),
        Some("I-001")
    );
    assert_eq!(
        a.findings[0].source,
        "Interview with Ana Silva (CISO), 2026-11-21"
    );
    // An explicit --source wins.
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
            "Owners",
            "--interview",
            "I-002",
            "--source",
            "Walk-through",
        ],
    );
    assert_eq!(read(d).findings[1].source, "Walk-through");
    run_ok(
        d,
        &["finding", "edit", "a.toml", "F-002", "--interview", "none"],
    );
    assert!(read(d).findings[1].interview.is_none());

    refused(
        d,
        &["interview", "remove", "a.toml", "I-001"],
        &["named by finding F-001", "--force", "Nothing was changed"],
    );
    run_ok(d, &["interview", "remove", "a.toml", "I-002"]);
    let (out, err) = run_both(d, &["interview", "remove", "a.toml", "I-001", "--force"]);
    assert_eq!(out.trim(), "removed I-001");
    assert!(
        err.contains("finding F-001 no longer names interview I-001"),
        "{err}"
    );
    let a = read(d);
    assert!(a.interviews.is_empty());
    assert!(a.findings[0].interview.is_none());
    assert_eq!(
        a.findings[0].source, "Interview with Ana Silva (CISO), 2026-11-21",
        "the source stays"
    );
}

#[test]
fn interview_commands_refuse_bad_input() {
    let (dir, _) = setup();
    let d = dir.path();
    refused(
        d,
        &[
            "interview",
            "add",
            "a.toml",
            "--who",
            "A",
            "--at",
            "2026-11-20 14:00",
        ],
        &["not a date", "YYYY-MM-DDTHH:MM"],
    );
    refused(
        d,
        &[
            "interview",
            "add",
            "a.toml",
            "--who",
            "A",
            "--at",
            "2026-11-20T25:00",
        ],
        &["not a date"],
    );
    refused(
        d,
        &["interview", "add", "a.toml", "--who", " "],
        &["does not say who"],
    );
    refused(
        d,
        &[
            "interview",
            "add",
            "a.toml",
            "--who",
            "A",
            "--processes",
            "ISMS.CORE.4",
        ],
        &["not in the scope"],
    );
    refused(
        d,
        &[
            "interview",
            "add",
            "a.toml",
            "--who",
            "A",
            "--processes",
            "NOPE.1",
        ],
        &["not a process of model isms"],
    );
    refused(
        d,
        &["interview", "edit", "a.toml", "I-001", "--who", "B"],
        &["no interview I-001", "none is planned yet"],
    );
    refused(
        d,
        &[
            "interview",
            "edit",
            "a.toml",
            "I-001",
            "--status",
            "postponed",
        ],
        &["postponed"],
    );
    refused(
        d,
        &[
            "finding",
            "add",
            "a.toml",
            "ISMS.CORE.3",
            "--kind",
            "strength",
            "--text",
            "x",
            "--interview",
            "I-009",
        ],
        &["no interview I-009"],
    );
    run_ok(
        d,
        &[
            "interview",
            "add",
            "a.toml",
            "--who",
            "A",
            "--processes",
            "ISMS.CORE.8",
        ],
    );
    // A process an interview covers stays in scope.
    let m = model();
    let mut a = read(d);
    let e = capra::assessment::change::apply(
        &mut a,
        &m,
        capra::assessment::change::Change::RemoveProcess("ISMS.CORE.8".into()),
    )
    .unwrap_err();
    assert!(e.to_string().contains("covered by interview I-001"), "{e}");
}

#[test]
fn hand_edited_interviews_are_checked_with_line_numbers() {
    let (dir, file) = setup();
    let text = format!(
        "{}\n[[interviews]]\nid = \"I-001\"\nwho = \"Ana\"\nat = \"tomorrow\"\n\n[[interviews]]\nid = \"I-001\"\nwho = \"\"\nprocesses = [\"ISMS.CORE.4\"]\nminutes = 0\n\n[[findings]]\nid = \"F-001\"\nprocess = \"ISMS.CORE.3\"\nkind = \"strength\"\ntext = \"x\"\ninterview = \"I-404\"\n",
        crate::util::SMALL
    );
    fs::write(&file, &text).unwrap();
    let out = capra(dir.path())
        .args(["score", "a.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    for s in [
        "interview I-001: 'tomorrow' is not a date",
        "interview id I-001 is used twice",
        "does not say who is interviewed",
        "process ISMS.CORE.4 is not in the scope",
        "a length of 0 minutes",
        "finding F-001: interview I-404 is not in this assessment",
    ] {
        assert!(err.contains(s), "should say {s:?}: {err}");
    }
    let line = text
        .lines()
        .position(|l| l.contains("at = \"tomorrow\""))
        .unwrap()
        + 1;
    assert!(
        err.contains(&format!("a.toml:{line}")),
        "names line {line}: {err}"
    );
    let bad_status = format!(
        "{}\n[[interviews]]\nid = \"I-001\"\nwho = \"Ana\"\nstatus = \"postponed\"\n",
        crate::util::SMALL
    );
    fs::write(&file, &bad_status).unwrap();
    let out = capra(dir.path())
        .args(["score", "a.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("`planned`, `held`, `cancelled`"), "{err}");
}

#[test]
fn interviews_merge_by_id_and_clashing_new_ones_are_renumbered() {
    use capra::assessment::change::{Change, apply};
    use capra::assessment::{Finding, FindingKind, Interview};
    let m = model();
    let base = parse(crate::util::SMALL);
    let with = |who: &str, finding: &str| {
        let mut a = base.clone();
        apply(
            &mut a,
            &m,
            Change::PutInterview(Interview::new("I-001", who)),
        )
        .unwrap();
        let mut f = Finding::new(finding, "ISMS.CORE.3", FindingKind::Observation, who);
        f.interview = Some("I-001".into());
        apply(&mut a, &m, Change::PutFinding(f)).unwrap();
        a
    };
    let ours = with("Ana", "F-001");
    let theirs = with("Ben", "F-002");
    let merged = capra::track::merge3(&m, Some(&base), &ours, &theirs).unwrap();
    let a = &merged.assessment;
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    assert_eq!(a.interviews.len(), 2);
    assert_eq!(a.interview("I-002").unwrap().who, "Ben");
    let f = a.finding("F-002").unwrap();
    assert_eq!(f.interview.as_deref().map(|i| i.as_str()), Some("I-002"));
    assert!(capra::assessment::validate::validate(a, &m).is_empty());

    // Both sides change one interview: fields merge, a clash keeps ours and notes theirs.
    let mut base2 = ours.clone();
    base2.findings.clear();
    let edit = |who: &str, notes: &str, role: &str| {
        let mut a = base2.clone();
        let mut i = a.interview("I-001").unwrap().clone();
        i.notes = notes.into();
        i.role = role.into();
        i.who = who.into();
        apply(&mut a, &m, Change::PutInterview(i)).unwrap();
        a
    };
    let o = edit("Ana", "", "CISO");
    let t = edit("Ana", "Tired", "CIO");
    let merged = capra::track::merge3(&m, Some(&base2), &o, &t).unwrap();
    let i = merged.assessment.interview("I-001").unwrap();
    assert_eq!(i.role, "CISO");
    assert!(
        i.notes.contains("Tired") && i.notes.contains("CIO"),
        "{}",
        i.notes
    );
    assert_eq!(merged.conflicts.len(), 1);
}

#[test]
fn capra_merge_joins_interviews_and_new_from_does_not_carry_them() {
    let (dir, _) = setup();
    let d = dir.path();
    run_ok(
        d,
        &[
            "interview",
            "add",
            "a.toml",
            "--who",
            "Ana",
            "--at",
            "2026-11-20",
        ],
    );
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
            "x",
            "--interview",
            "I-001",
        ],
    );
    fs::copy(d.join("a.toml"), d.join("b.toml")).unwrap();
    // b holds the same interview and another one under the same id as a's next.
    run_ok(d, &["interview", "add", "b.toml", "--who", "Ben"]);
    run_ok(d, &["interview", "add", "a.toml", "--who", "Cleo"]);
    run_ok(
        d,
        &[
            "finding",
            "add",
            "b.toml",
            "ISMS.CORE.3",
            "--kind",
            "strength",
            "--text",
            "y",
            "--interview",
            "I-002",
        ],
    );
    run_ok(d, &["merge", "a.toml", "b.toml", "-o", "team.toml"]);
    let team = parse(&fs::read_to_string(d.join("team.toml")).unwrap());
    let who: Vec<&str> = team.interviews.iter().map(|i| i.who.as_str()).collect();
    assert_eq!(who, ["Ana", "Cleo", "Ben"]);
    let y = team.findings.iter().find(|f| f.text == "y").unwrap();
    assert_eq!(y.interview.as_deref().map(|i| i.as_str()), Some("I-003"));
    run_ok(d, &["check", "team.toml"]);

    run_ok(
        d,
        &[
            "new",
            "--from",
            "a.toml",
            "--title",
            "Next",
            "-o",
            "next.toml",
        ],
    );
    let next = parse(&fs::read_to_string(d.join("next.toml")).unwrap());
    assert!(next.interviews.is_empty() && next.requests.is_empty());
}

#[test]
fn requests_are_added_listed_received_and_removed() {
    let (dir, _) = setup();
    let d = dir.path();
    run_ok(d, &["interview", "add", "a.toml", "--who", "Ana Silva"]);
    let r1 = run_ok(
        d,
        &[
            "request",
            "add",
            "a.toml",
            "--what",
            "Risk treatment plan",
            "--from",
            "Ana Silva",
            "--due",
            "2020-01-31",
            "--interview",
            "i-001",
        ],
    );
    assert_eq!(r1.trim(), "R-001");
    let r2 = run_ok(
        d,
        &[
            "request",
            "add",
            "a.toml",
            "--what",
            "Asset list",
            "--due",
            "2999-01-01",
        ],
    );
    assert_eq!(r2.trim(), "R-002");
    let r3 = run_ok(d, &["request", "add", "a.toml", "--what", "Backup log"]);
    assert_eq!(r3.trim(), "R-003");
    let a = read(d);
    let r = a.request("R-001").unwrap();
    assert_eq!(r.interview.as_deref().map(|i| i.as_str()), Some("I-001"));
    assert_eq!(r.status, capra::assessment::RequestStatus::Open);
    let table = run_ok(d, &["request", "list", "a.toml"]);
    assert!(table.contains("2020-01-31!"), "{table}");
    assert!(!table.contains("2999-01-01!"), "{table}");
    assert!(table.contains("! overdue: 1 open request(s)"), "{table}");
    let listed = json(d, &["request", "list", "a.toml", "--format", "json"]);
    let listed = &listed["requests"];
    assert_eq!(listed[0]["overdue"], true);
    assert_eq!(listed[1]["overdue"], false);

    // Received as a new evidence item, in one step.
    fs::write(d.join("rtp.pdf"), "plan").unwrap();
    let out = run_ok(
        d,
        &[
            "request",
            "received",
            "a.toml",
            "R-001",
            "--as-evidence",
            "--kind",
            "document",
            "--path",
            "rtp.pdf",
            "--date",
            "2026-11-22",
        ],
    );
    assert_eq!(out.trim(), "R-001 received: E-002");
    let a = read(d);
    let e = a.evidence_item("E-002").unwrap();
    assert_eq!(e.title, "Risk treatment plan");
    assert_eq!(e.path, "rtp.pdf");
    assert_eq!(e.sha256.as_str(), capra::hash::sha256_hex(b"plan"));
    let r = a.request("R-001").unwrap();
    assert_eq!(r.status, capra::assessment::RequestStatus::Received);
    assert_eq!(r.received.as_str(), "2026-11-22");
    assert_eq!(r.evidence.as_deref().map(|e| e.as_str()), Some("E-002"));
    // Received as an item already in the register.
    let out = run_ok(
        d,
        &[
            "request",
            "received",
            "a.toml",
            "r-002",
            "--evidence",
            "e-001",
        ],
    );
    assert_eq!(out.trim(), "R-002 received: E-001");
    let open = run_ok(d, &["request", "list", "a.toml", "--open"]);
    assert!(open.contains("R-003") && !open.contains("R-001"), "{open}");
    assert!(!open.contains("overdue"), "{open}");

    // Evidence a request received is not removed silently; --force unlinks it.
    refused(
        d,
        &["evidence", "remove", "a.toml", "E-002"],
        &["request R-001", "--force"],
    );
    // An interview a request names neither.
    refused(
        d,
        &["interview", "remove", "a.toml", "I-001"],
        &["request R-001", "--force"],
    );
    run_ok(d, &["evidence", "remove", "a.toml", "E-002", "--force"]);
    assert!(read(d).request("R-001").unwrap().evidence.is_none());

    run_ok(
        d,
        &[
            "request",
            "edit",
            "a.toml",
            "R-003",
            "--due",
            "2027-01-01",
            "--from",
            "Ben",
            "--status",
            "cancelled",
        ],
    );
    let r = read(d).request("R-003").unwrap().clone();
    assert_eq!(
        (r.due.as_str(), r.from.as_str(), r.status),
        (
            "2027-01-01",
            "Ben",
            capra::assessment::RequestStatus::Cancelled
        )
    );
    refused(
        d,
        &["request", "received", "a.toml", "R-003"],
        &["was cancelled"],
    );
    refused(
        d,
        &["request", "edit", "a.toml", "R-003", "--status", "lost"],
        &["lost"],
    );
    let out = run_ok(d, &["request", "remove", "a.toml", "R-003"]);
    assert_eq!(out.trim(), "removed R-003");
    assert!(read(d).request("R-003").is_none());
    run_ok(d, &["check", "a.toml"]);
}

#[test]
fn request_commands_refuse_bad_input() {
    let (dir, _) = setup();
    let d = dir.path();
    refused(
        d,
        &["request", "add", "a.toml", "--what", "x", "--due", "soon"],
        &["--due soon is not a date"],
    );
    refused(
        d,
        &["request", "add", "a.toml", "--what", " "],
        &["does not say what is asked for"],
    );
    refused(
        d,
        &[
            "request",
            "add",
            "a.toml",
            "--what",
            "x",
            "--interview",
            "I-004",
        ],
        &["no interview I-004"],
    );
    run_ok(d, &["request", "add", "a.toml", "--what", "x"]);
    refused(
        d,
        &["request", "received", "a.toml", "R-009"],
        &["no request R-009", "R-001"],
    );
    refused(
        d,
        &[
            "request",
            "received",
            "a.toml",
            "R-001",
            "--evidence",
            "E-404",
        ],
        &["no evidence E-404"],
    );
    refused(
        d,
        &[
            "request",
            "received",
            "a.toml",
            "R-001",
            "--evidence",
            "E-001",
            "--as-evidence",
        ],
        &["cannot be used with"],
    );
    refused(
        d,
        &[
            "request", "received", "a.toml", "R-001", "--kind", "document",
        ],
        &["--as-evidence"],
    );
    refused(
        d,
        &[
            "request",
            "received",
            "a.toml",
            "R-001",
            "--date",
            "2026-02-30",
        ],
        &["not a date"],
    );
    refused(
        d,
        &["request", "remove", "a.toml", "R-002"],
        &["no request R-002"],
    );
}

#[test]
fn hand_edited_requests_are_checked() {
    let (dir, file) = setup();
    let text = format!(
        "{}\n[[requests]]\nid = \"R-001\"\nwhat = \"Plan\"\ndue = \"31.12.2026\"\ninterview = \"I-001\"\nevidence = \"E-009\"\n\n[[requests]]\nid = \"R-001\"\nwhat = \"\"\nstatus = \"received\"\nreceived = \"yesterday\"\n",
        crate::util::SMALL
    );
    fs::write(&file, &text).unwrap();
    let out = capra(dir.path())
        .args(["score", "a.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    for s in [
        "request R-001: due date '31.12.2026' is not a date",
        "request R-001: interview I-001 is not in this assessment",
        "request R-001: evidence E-009 is not in the evidence register",
        "only a received request has evidence",
        "request id R-001 is used twice",
        "does not say what is asked for",
        "received date 'yesterday' is not a date",
    ] {
        assert!(err.contains(s), "should say {s:?}: {err}");
    }
    let line = text.lines().position(|l| l.contains("31.12.2026")).unwrap() + 1;
    assert!(
        err.contains(&format!("a.toml:{line}")),
        "names line {line}: {err}"
    );
}

#[test]
fn requests_merge_by_id_and_follow_their_interview() {
    use capra::assessment::Request;
    use capra::assessment::change::{Change, apply};
    let m = model();
    let base = parse(crate::util::SMALL);
    let with = |what: &str| {
        let mut a = base.clone();
        apply(&mut a, &m, Change::PutRequest(Request::new("R-001", what))).unwrap();
        a
    };
    let merged = capra::track::merge3(&m, Some(&base), &with("Plan"), &with("Log")).unwrap();
    let a = &merged.assessment;
    assert_eq!(a.requests.len(), 2);
    assert_eq!(a.request("R-002").unwrap().what, "Log");
    assert_eq!(merged.renumbered.len(), 1);

    let (dir, _) = setup();
    let d = dir.path();
    run_ok(d, &["request", "add", "a.toml", "--what", "Plan"]);
    fs::copy(d.join("a.toml"), d.join("b.toml")).unwrap();
    run_ok(d, &["request", "add", "b.toml", "--what", "Log"]);
    run_ok(d, &["request", "add", "a.toml", "--what", "Policy"]);
    run_ok(d, &["merge", "a.toml", "b.toml", "-o", "team.toml"]);
    let team = parse(&fs::read_to_string(d.join("team.toml")).unwrap());
    let what: Vec<(&str, &str)> = team
        .requests
        .iter()
        .map(|r| (r.id.as_str(), r.what.as_str()))
        .collect();
    assert_eq!(
        what,
        [("R-001", "Plan"), ("R-002", "Policy"), ("R-003", "Log")]
    );
}

/// An interview with a finding and a request in it, and one of each not in it.
fn interviewed(d: &Path) {
    run_ok(
        d,
        &[
            "interview",
            "add",
            "a.toml",
            "--who",
            "Ana Silva",
            "--role",
            "CISO",
            "--at",
            "2026-11-20T14:00",
            "--minutes",
            "45",
            "--processes",
            "ISMS.CORE.3",
            "--assessors",
            "Łucja Nowak,Ben Ode",
            "--notes",
            "SECRETNOTE",
        ],
    );
    run_ok(
        d,
        &[
            "finding",
            "add",
            "a.toml",
            "ISMS.CORE.3",
            "PA2.1",
            "--kind",
            "weakness",
            "--severity",
            "high",
            "--text",
            "No review of the risk register",
            "--interview",
            "I-001",
        ],
    );
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
            "OTHERFINDING",
        ],
    );
    run_ok(
        d,
        &[
            "request",
            "add",
            "a.toml",
            "--what",
            "Risk treatment plan",
            "--from",
            "Ana Silva",
            "--due",
            "2026-12-01",
            "--interview",
            "I-001",
        ],
    );
    run_ok(d, &["request", "add", "a.toml", "--what", "OTHERREQUEST"]);
    run_ok(
        d,
        &[
            "question",
            "ask",
            "a.toml",
            "ISMS.CORE.3",
            "Q4",
            "--interview",
            "I-001",
            "--answer",
            "Every spring",
        ],
    );
    run_ok(
        d,
        &[
            "question",
            "ask",
            "a.toml",
            "ISMS.CORE.3",
            "Q5",
            "--interview",
            "I-001",
            "--not-asked",
        ],
    );
    run_ok(
        d,
        &[
            "rate",
            "a.toml",
            "ISMS.CORE.3",
            "PA2.1",
            "P",
            "--note",
            "RATINGNOTE",
        ],
    );
}

#[test]
fn minutes_print_the_interview_without_private_notes() {
    let (dir, _) = setup();
    let d = dir.path();
    interviewed(d);
    let text = run_ok(d, &["minutes", "a.toml", "i-001"]);
    for s in [
        "Minutes of interview I-001: Small test assessment",
        "Ana Silva (CISO)",
        "2026-11-20 14:00, 45 minutes",
        "Łucja Nowak, Ben Ode",
        "ISMS.CORE.3 Information security risk assessment",
        "F-001 ISMS.CORE.3 PA2.1, weakness (high):",
        "No review of the risk register",
        "R-001 Risk treatment plan, from Ana Silva, due 2026-12-01 (open)",
        "ISMS.CORE.3 Q4: When was the last full risk assessment",
        "Every spring",
    ] {
        assert!(text.contains(s), "minutes should say {s:?}:\n{text}");
    }
    for s in [
        "SECRETNOTE",
        "RATINGNOTE",
        "OTHERFINDING",
        "OTHERREQUEST",
        "Q5",
    ] {
        assert!(!text.contains(s), "minutes should not say {s:?}:\n{text}");
    }
    let j = json(d, &["minutes", "a.toml", "I-001", "--format", "json"]);
    assert_eq!(j["findings"][0]["id"], "F-001");
    assert!(!j.to_string().contains("SECRETNOTE"));
}

#[test]
fn minutes_as_pdf() {
    let (dir, _) = setup();
    let d = dir.path();
    interviewed(d);
    let (_, err) = run_both(d, &["minutes", "a.toml", "I-001", "--pdf", "out/m.pdf"]);
    assert!(err.contains("wrote out/m.pdf"), "{err}");
    let bytes = fs::read(d.join("out/m.pdf")).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).expect("a PDF a reader can open");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    assert!(pages.len() <= 2);
    let text = doc.extract_text(&pages).unwrap_or_default();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for s in [
        "Minutes of interview I-001",
        "Ana Silva (CISO)",
        "No review of the risk register",
        "Risk treatment plan",
        "Every spring",
    ] {
        assert!(text.contains(s), "the PDF should say {s:?}: {text}");
    }
    assert!(!text.contains("SECRETNOTE"));
    // The same minutes give the same bytes; a file capra did not write is not replaced, nor
    // the assessment itself.
    run_ok(d, &["minutes", "a.toml", "I-001", "--pdf", "out/m.pdf"]);
    assert_eq!(fs::read(d.join("out/m.pdf")).unwrap(), bytes);
    fs::write(d.join("mine.pdf"), "my own").unwrap();
    let out = capra(d)
        .args(["minutes", "a.toml", "I-001", "--pdf", "mine.pdf"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(fs::read(d.join("mine.pdf")).unwrap(), b"my own");
    refused(
        d,
        &["minutes", "a.toml", "I-001", "--pdf", "a.toml"],
        &["assessment"],
    );
    refused(d, &["minutes", "a.toml", "I-007"], &["no interview I-007"]);
}

#[test]
fn questions_are_asked_listed_with_coverage_and_removed() {
    let (dir, _) = setup();
    let d = dir.path();
    run_ok(d, &["interview", "add", "a.toml", "--who", "Ana"]);
    let out = run_ok(
        d,
        &[
            "question",
            "ask",
            "a.toml",
            "isms.core.3",
            "q2",
            "--interview",
            "I-001",
            "--answer",
            "Yearly, by the CISO",
            "--item",
            "O2",
        ],
    );
    assert_eq!(
        out.trim(),
        "ISMS.CORE.3 Q2: asked (1 of 35 questions asked)"
    );
    run_ok(
        d,
        &[
            "question",
            "ask",
            "a.toml",
            "ISMS.CORE.3",
            "PA2.1.Q1",
            "--not-asked",
        ],
    );
    run_ok(d, &["question", "ask", "a.toml", "ISMS.CORE.8", "Q1"]);
    let a = read(d);
    // In model order: the process's questions, then the attributes'.
    let ids: Vec<(&str, &str, bool)> = a
        .questions
        .iter()
        .map(|q| (q.process.as_str(), q.question.as_str(), q.asked))
        .collect();
    assert_eq!(
        ids,
        [
            ("ISMS.CORE.3", "Q2", true),
            ("ISMS.CORE.3", "PA2.1.Q1", false),
            ("ISMS.CORE.8", "Q1", true)
        ]
    );
    assert_eq!(a.questions[0].answer, "Yearly, by the CISO");
    let table = run_ok(d, &["question", "list", "a.toml"]);
    assert!(
        table.contains("ISMS.CORE.3 Information security risk assessment: 1 of 35 questions asked"),
        "{table}"
    );
    assert!(table.contains("[x] Q2"), "{table}");
    assert!(
        table.contains("-> in I-001; on O2; Yearly, by the CISO"),
        "{table}"
    );
    assert!(table.contains("[ ] PA2.1.Q1"), "{table}");
    // ISMS.CORE.8 has target 1: its own questions and those of PA1.1.
    assert!(table.contains("ISMS.CORE.8"), "{table}");
    let j = json(
        d,
        &[
            "question",
            "list",
            "a.toml",
            "--process",
            "ISMS.CORE.8",
            "--format",
            "json",
        ],
    );
    let j = &j["questions"];
    assert_eq!(j.as_array().unwrap().len(), 1);
    assert_eq!(j[0]["asked"], 1);
    let total = j[0]["total"].as_u64().unwrap() as usize;
    assert_eq!(j[0]["questions"].as_array().unwrap().len(), total);
    assert!(
        j[0]["questions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|q| !q["id"].as_str().unwrap().starts_with("PA2")),
        "only attributes up to the target"
    );

    // The interview a question names is not removed silently.
    refused(
        d,
        &["interview", "remove", "a.toml", "I-001"],
        &["question Q2 of ISMS.CORE.3", "--force"],
    );
    run_ok(d, &["interview", "remove", "a.toml", "I-001", "--force"]);
    assert!(read(d).questions[0].interview.is_none());
    run_ok(
        d,
        &["question", "remove", "a.toml", "ISMS.CORE.3", "pa2.1.q1"],
    );
    assert_eq!(read(d).questions.len(), 2);
    run_ok(d, &["check", "a.toml"]);
}

#[test]
fn question_commands_refuse_bad_input() {
    let (dir, _) = setup();
    let d = dir.path();
    refused(
        d,
        &["question", "ask", "a.toml", "ISMS.CORE.3", "Q99"],
        &["ISMS.CORE.3 has no question Q99", "capra question list"],
    );
    refused(
        d,
        &["question", "ask", "a.toml", "ISMS.CORE.3", "PA9.9.Q1"],
        &["no question PA9.9.Q1"],
    );
    refused(
        d,
        &["question", "ask", "a.toml", "ISMS.CORE.4", "Q1"],
        &["not a process in the scope"],
    );
    refused(
        d,
        &[
            "question",
            "ask",
            "a.toml",
            "ISMS.CORE.3",
            "Q1",
            "--interview",
            "I-001",
        ],
        &["no interview I-001"],
    );
    refused(
        d,
        &[
            "question",
            "ask",
            "a.toml",
            "ISMS.CORE.3",
            "Q1",
            "--item",
            "O99",
        ],
        &["O99 is not an outcome"],
    );
    refused(
        d,
        &["question", "remove", "a.toml", "ISMS.CORE.3", "Q1"],
        &["not recorded"],
    );
}

#[test]
fn hand_edited_questions_are_checked_and_merged_by_process_and_question() {
    let (dir, file) = setup();
    let text = format!(
        "{}\n[[questions]]\nprocess = \"ISMS.CORE.3\"\nquestion = \"Q77\"\n\n[[questions]]\nprocess = \"ISMS.CORE.3\"\nquestion = \"Q1\"\ninterview = \"I-003\"\n\n[[questions]]\nprocess = \"ISMS.CORE.3\"\nquestion = \"Q1\"\n",
        crate::util::SMALL
    );
    fs::write(&file, &text).unwrap();
    let out = capra(dir.path())
        .args(["score", "a.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    for s in [
        "question Q77 of ISMS.CORE.3: model isms has no such question",
        "question Q1 of ISMS.CORE.3: interview I-003 is not in this assessment",
        "question Q1 of ISMS.CORE.3 is recorded twice",
    ] {
        assert!(err.contains(s), "should say {s:?}: {err}");
    }
    let line = text.lines().position(|l| l.contains("Q77")).unwrap() + 1;
    assert!(
        err.contains(&format!("a.toml:{line}")),
        "names line {line}: {err}"
    );

    use capra::assessment::Question;
    use capra::assessment::change::{Change, apply};
    let m = model();
    let base = parse(crate::util::SMALL);
    let with = |answer: &str| {
        let mut a = base.clone();
        let q = Question {
            process: "ISMS.CORE.3".into(),
            question: "Q1".into(),
            interview: None,
            asked: true,
            answer: answer.into(),
            item: None,
        };
        apply(&mut a, &m, Change::PutQuestion(q)).unwrap();
        a
    };
    let merged = capra::track::merge3(&m, Some(&base), &with("Yes"), &with("No")).unwrap();
    let a = &merged.assessment;
    assert_eq!(a.questions.len(), 1);
    assert!(a.questions[0].answer.contains("Yes") && a.questions[0].answer.contains("No"));
    assert_eq!(merged.conflicts.len(), 1);
}

#[test]
fn the_new_changes_have_exact_inverses() {
    use capra::assessment::change::{Change, Slot, apply};
    use capra::assessment::{Interview, Question, Request};
    let m = model();
    let mut a = parse(crate::util::SMALL);
    let text = crate::util::SMALL.replace(
        "[[processes]]\nid = \"ISMS.CORE.8\"",
        "[[processes.assessor_ratings]]\nattribute = \"PA2.1\"\nrating = \"L\"\nassessor = \"Ben\"\n\n[[processes]]\nid = \"ISMS.CORE.8\"",
    );
    let with_assessor = parse(&text);
    let shown = |a: &capra::assessment::Assessment| toml::to_string(a).unwrap();
    let mut i = Interview::new("I-001", "Ana");
    i.processes = vec!["ISMS.CORE.3".into()];
    let mut r = Request::new("R-001", "Plan");
    r.interview = Some("I-001".into());
    let q = Question {
        process: "ISMS.CORE.3".into(),
        question: "Q1".into(),
        interview: Some("I-001".into()),
        asked: true,
        answer: "Yes".into(),
        item: Some("O1".into()),
    };
    for c in [
        Change::PutInterview(i.clone()),
        Change::PutRequest(r),
        Change::PutQuestion(q),
    ] {
        let before = shown(&a);
        let inverse = apply(&mut a, &m, c.clone()).unwrap();
        let after = shown(&a);
        let redo = apply(&mut a, &m, inverse).unwrap();
        assert_eq!(shown(&a), before, "{c:?} undone");
        apply(&mut a, &m, redo).unwrap();
        assert_eq!(shown(&a), after, "{c:?} redone");
    }
    // Replacing and removing undo too.
    let before = shown(&a);
    i.who = "Ana Silva".into();
    let inv = apply(&mut a, &m, Change::PutInterview(i)).unwrap();
    apply(&mut a, &m, inv).unwrap();
    assert_eq!(shown(&a), before);
    for c in [
        Change::RemoveQuestion {
            process: "ISMS.CORE.3".into(),
            question: "Q1".into(),
        },
        Change::RemoveRequest("R-001".into()),
    ] {
        let before = shown(&a);
        let inv = apply(&mut a, &m, c).unwrap();
        apply(&mut a, &m, inv).unwrap();
        assert_eq!(shown(&a), before);
    }
    // An assessor's evidence list.
    let mut b = with_assessor.clone();
    let c = Change::SetAssessorEvidence {
        slot: Slot::new("ISMS.CORE.3", "PA2.1", None),
        assessor: "Ben".into(),
        evidence: vec!["E-001".into()],
    };
    let inv = apply(&mut b, &m, c).unwrap();
    assert_eq!(
        b.process("ISMS.CORE.3").unwrap().assessor_ratings[0].evidence,
        ["E-001"]
    );
    apply(&mut b, &m, inv).unwrap();
    assert_eq!(shown(&b), shown(&with_assessor));
    let e = apply(
        &mut b,
        &m,
        Change::SetAssessorEvidence {
            slot: Slot::new("ISMS.CORE.3", "PA2.1", None),
            assessor: "Cleo".into(),
            evidence: vec![],
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("no rating of Cleo"), "{e}");
}
