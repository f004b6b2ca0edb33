//! Findings and the improvement plan: `capra finding`, `capra action`, their checks on bad
//! input, the carry-over of open actions by `capra new --from`, and `capra compare`'s follow-up.

use crate::util::{SMALL, capra, json, model, parse, setup};
use capra::assessment::change::{Change, apply};
use capra::assessment::{Action, ActionStatus, Finding, FindingKind};
use std::fs;
use std::path::Path;
use std::str::FromStr;

fn run_ok(dir: &Path, args: &[&str]) -> String {
    let out = capra(dir).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "capra {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
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

fn csv_rows(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = ::csv::Reader::from_reader(bytes);
    let header = r
        .headers()
        .unwrap()
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

fn col(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
}

#[test]
fn findings_are_added_edited_listed_and_removed() {
    let (dir, _) = setup();
    let d = dir.path();
    let add = |args: &[&str]| -> String {
        let mut all = vec!["finding", "add", "a.toml"];
        all.extend_from_slice(args);
        let out = capra(d)
            .args(&all)
            .env("CAPRA_ASSESSOR", "Łucja Nowak")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    let w = add(&[
        "ISMS.CORE.3",
        "PA2.1",
        "--kind",
        "weakness",
        "--severity",
        "high",
        "--text",
        "No plan says when the risk assessment is repeated",
        "--source",
        "Interview with the CISO",
        "--evidence",
        "E-001",
    ]);
    assert_eq!(w, "F-001");
    let s = add(&[
        "isms.core.3",
        "--kind",
        "Strength",
        "--text",
        "Every risk has an owner",
    ]);
    assert_eq!(s, "F-002");
    let o = add(&[
        "ISMS.CORE.8",
        "pa1.1",
        "--instance",
        "Warehouse",
        "--kind",
        "observation",
        "--text",
        "Incidents are logged on paper at night",
    ]);
    assert_eq!(o, "F-003");
    let r = add(&[
        "ISMS.CORE.8",
        "--kind",
        "recommendation",
        "--text",
        "Use one ticket queue at every site",
    ]);
    assert_eq!(r, "F-004");

    let a = parse(&fs::read_to_string(d.join("a.toml")).unwrap());
    let f = a.finding("F-001").unwrap();
    assert_eq!(f.kind, FindingKind::Weakness);
    assert_eq!(f.attribute.as_deref().map(String::as_str), Some("PA2.1"));
    assert_eq!(f.author, "Łucja Nowak");
    assert_eq!(f.date.len(), 10, "today's date is recorded");
    assert_eq!(f.evidence.len(), 1);
    let f = a.finding("F-003").unwrap();
    assert_eq!(f.attribute.as_deref().map(String::as_str), Some("PA1.1"));
    assert_eq!(f.instance.as_deref().map(String::as_str), Some("Warehouse"));
    // Notes are untouched: findings live apart from them.
    assert_eq!(
        a.process("ISMS.CORE.3").unwrap().ratings[0].note,
        "Risk register complete."
    );

    let table = run_ok(d, &["finding", "list", "a.toml"]);
    assert!(table.contains("F-001"), "{table}");
    assert!(table.contains("weakness (high)"), "{table}");
    assert!(table.contains("ISMS.CORE.8 PA1.1 (Warehouse)"), "{table}");
    let only = run_ok(
        d,
        &[
            "finding",
            "list",
            "a.toml",
            "--process",
            "ISMS.CORE.8",
            "--kind",
            "observation",
        ],
    );
    assert!(only.contains("F-003") && !only.contains("F-001") && !only.contains("F-004"));

    let v = json(d, &["finding", "list", "a.toml", "--format", "json"]);
    let list = v["findings"].as_array().unwrap();
    assert_eq!(list.len(), 4);
    assert_eq!(list[0]["kind"], "weakness");
    assert_eq!(list[0]["severity"], "high");
    assert_eq!(list[0]["source"], "Interview with the CISO");

    let out = capra(d)
        .args(["finding", "list", "a.toml", "--format", "csv"])
        .output()
        .unwrap();
    let (h, rows) = csv_rows(&out.stdout);
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[2][col(&h, "instance")], "Warehouse");
    assert_eq!(rows[0][col(&h, "evidence")], "E-001");

    // Edit: only what is given changes; a kind other than weakness drops the severity.
    run_ok(
        d,
        &[
            "finding",
            "edit",
            "a.toml",
            "f-001",
            "--text",
            "No plan for the yearly review",
        ],
    );
    let out = capra(d)
        .args([
            "finding",
            "edit",
            "a.toml",
            "F-001",
            "--kind",
            "observation",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("severity was dropped"));
    run_ok(
        d,
        &["finding", "edit", "a.toml", "F-001", "--attribute", "none"],
    );
    let a = parse(&fs::read_to_string(d.join("a.toml")).unwrap());
    let f = a.finding("F-001").unwrap();
    assert_eq!(f.text, "No plan for the yearly review");
    assert_eq!(f.kind, FindingKind::Observation);
    assert_eq!(f.severity, None);
    assert_eq!(f.attribute, None);
    assert_eq!(f.source, "Interview with the CISO", "kept");

    run_ok(d, &["finding", "remove", "a.toml", "F-004"]);
    let a = parse(&fs::read_to_string(d.join("a.toml")).unwrap());
    assert!(a.finding("F-004").is_none());
    assert_eq!(a.findings.len(), 3);
}

#[test]
fn the_improvement_plan_is_kept_with_owners_dates_and_status_history() {
    let (dir, _) = setup();
    let d = dir.path();
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
            "--text",
            "No plan",
        ],
    );
    let out = capra(d)
        .env("CAPRA_ASSESSOR", "Łucja Nowak")
        .args([
            "action",
            "add",
            "a.toml",
            "--title",
            "Plan the yearly risk assessment",
            "--process",
            "isms.core.3",
            "--attribute",
            "pa2.1",
            "--finding",
            "f-001",
            "--owner",
            "J. Park",
            "--due",
            "2020-03-31",
            "--priority",
            "high",
            "--effort",
            "small",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "A-001");
    run_ok(
        d,
        &[
            "action",
            "add",
            "a.toml",
            "--title",
            "Train the asset owners",
            "--owner",
            "M. Roy",
            "--due",
            "2999-01-01",
            "--status",
            "agreed",
        ],
    );
    run_ok(
        d,
        &[
            "action",
            "add",
            "a.toml",
            "--title",
            "Buy a tool",
            "--status",
            "dropped",
        ],
    );

    let a = parse(&fs::read_to_string(d.join("a.toml")).unwrap());
    let x = a.action("A-001").unwrap();
    assert_eq!(x.status, ActionStatus::Proposed);
    assert_eq!(x.findings.len(), 1);
    assert_eq!(x.history.len(), 1);
    assert_eq!(x.history[0].by, "Łucja Nowak");
    assert_eq!(a.action("A-002").unwrap().status, ActionStatus::Agreed);

    // A change of status is recorded with its date and who; other changes are not.
    capra(d)
        .env("CAPRA_ASSESSOR", "Ann Lead")
        .args([
            "action",
            "set",
            "a.toml",
            "A-001",
            "--status",
            "in progress",
            "--date",
            "2026-02-01",
        ])
        .assert()
        .success();
    run_ok(
        d,
        &[
            "action",
            "set",
            "a.toml",
            "A-001",
            "--owner",
            "K. Ode",
            "--note",
            "Budget approved",
        ],
    );
    let a = parse(&fs::read_to_string(d.join("a.toml")).unwrap());
    let x = a.action("A-001").unwrap();
    assert_eq!(x.status, ActionStatus::InProgress);
    assert_eq!(x.owner, "K. Ode");
    assert_eq!(x.note, "Budget approved");
    assert_eq!(x.history.len(), 2);
    assert_eq!(x.history[1].date.as_str(), "2026-02-01");
    assert_eq!(x.history[1].by, "Ann Lead");
    assert_eq!(x.status_date(), Some("2026-02-01"));

    // Lists: overdue marked, filters by status, owner and overdue.
    let table = run_ok(d, &["action", "list", "a.toml"]);
    assert!(table.contains("2020-03-31!"), "{table}");
    assert!(table.contains("overdue: 1 open action"), "{table}");
    let open = run_ok(d, &["action", "list", "a.toml", "--status", "open"]);
    assert!(
        open.contains("A-001") && open.contains("A-002") && !open.contains("A-003"),
        "{open}"
    );
    let mine = run_ok(d, &["action", "list", "a.toml", "--owner", "m. roy"]);
    assert!(mine.contains("A-002") && !mine.contains("A-001"), "{mine}");
    let late = run_ok(d, &["action", "list", "a.toml", "--overdue"]);
    assert!(late.contains("A-001") && !late.contains("A-002"), "{late}");
    let v = json(d, &["action", "list", "a.toml", "--format", "json"]);
    let v = &v["actions"];
    assert_eq!(v[0]["overdue"], true);
    assert_eq!(v[1]["overdue"], false);
    assert_eq!(v[0]["status"], "in-progress");
    assert_eq!(v[0]["history"][1]["by"], "Ann Lead");
    let out = capra(d)
        .args(["action", "list", "a.toml", "--format", "csv"])
        .output()
        .unwrap();
    let (h, rows) = csv_rows(&out.stdout);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0][col(&h, "overdue")], "yes");
    assert_eq!(rows[0][col(&h, "findings")], "F-001");
    assert_eq!(rows[0][col(&h, "status_since")], "2026-02-01");
    assert_eq!(rows[2][col(&h, "status")], "dropped");

    // A finding an action answers is removed only with --force, and the link goes with it.
    refused(
        d,
        &["finding", "remove", "a.toml", "F-001"],
        &["answered by action A-001", "--force"],
    );
    let out = capra(d)
        .args(["finding", "remove", "a.toml", "F-001", "--force"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("A-001 no longer answers F-001"));
    let a = parse(&fs::read_to_string(d.join("a.toml")).unwrap());
    assert!(a.action("A-001").unwrap().findings.is_empty());

    run_ok(d, &["action", "remove", "a.toml", "A-003"]);
    let a = parse(&fs::read_to_string(d.join("a.toml")).unwrap());
    assert_eq!(a.actions.len(), 2);
}

#[test]
fn bad_input_is_refused_with_what_is_allowed_and_the_file_untouched() {
    let (dir, _) = setup();
    let d = dir.path();
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
            "x",
        ],
    );
    run_ok(
        d,
        &[
            "action",
            "add",
            "a.toml",
            "--title",
            "Do it",
            "--finding",
            "F-001",
        ],
    );
    let f = |extra: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = ["finding", "add", "a.toml"].map(String::from).to_vec();
        v.extend(extra.iter().map(|s| s.to_string()));
        v
    };
    let cases: Vec<(Vec<String>, Vec<&str>)> = vec![
        (
            f(&["ISMS.NOPE", "--kind", "weakness", "--text", "x"]),
            vec!["not a process of model isms"],
        ),
        (
            f(&["ISMS.CORE.4", "--kind", "weakness", "--text", "x"]),
            vec!["not in the scope", "ISMS.CORE.3, ISMS.CORE.8"],
        ),
        (
            f(&["ISMS.CORE.3", "PA9.1", "--kind", "weakness", "--text", "x"]),
            vec!["PA9.1 is not a process attribute", "PA1.1, PA2.1"],
        ),
        (
            f(&["ISMS.CORE.3", "--kind", "flaw", "--text", "x"]),
            vec![
                "'flaw' is not a kind of finding",
                "strength, weakness, observation, recommendation",
            ],
        ),
        (
            f(&[
                "ISMS.CORE.3",
                "--kind",
                "strength",
                "--severity",
                "high",
                "--text",
                "x",
            ]),
            vec!["only weaknesses have one"],
        ),
        (
            f(&[
                "ISMS.CORE.3",
                "--kind",
                "weakness",
                "--severity",
                "huge",
                "--text",
                "x",
            ]),
            vec!["high, medium, low"],
        ),
        (
            f(&[
                "ISMS.CORE.8",
                "--instance",
                "Mars",
                "--kind",
                "weakness",
                "--text",
                "x",
            ]),
            vec![
                "'Mars' is not an instance of ISMS.CORE.8",
                "Head office, Warehouse",
            ],
        ),
        (
            f(&[
                "ISMS.CORE.3",
                "--kind",
                "weakness",
                "--text",
                "x",
                "--evidence",
                "E-099",
            ]),
            vec!["evidence E-099 is not in the evidence register"],
        ),
        (
            f(&["ISMS.CORE.3", "--kind", "weakness", "--text", "  "]),
            vec!["has no text"],
        ),
        (
            f(&[
                "ISMS.CORE.3",
                "--kind",
                "weakness",
                "--text",
                "x",
                "--date",
                "30.11.2026",
            ]),
            vec!["not a date", "YYYY-MM-DD"],
        ),
        (
            ["finding", "edit", "a.toml", "F-009", "--text", "y"]
                .map(String::from)
                .to_vec(),
            vec!["there is no finding F-009", "F-001"],
        ),
        (
            ["finding", "remove", "a.toml", "F-001"]
                .map(String::from)
                .to_vec(),
            vec!["answered by action A-001"],
        ),
        (
            [
                "action", "add", "a.toml", "--title", "x", "--status", "finished",
            ]
            .map(String::from)
            .to_vec(),
            vec![
                "'finished' is not a status",
                "proposed, agreed, in-progress, done, dropped",
            ],
        ),
        (
            [
                "action",
                "add",
                "a.toml",
                "--title",
                "x",
                "--due",
                "2027-02-30",
            ]
            .map(String::from)
            .to_vec(),
            vec!["--due 2027-02-30 is not a date"],
        ),
        (
            [
                "action",
                "add",
                "a.toml",
                "--title",
                "x",
                "--finding",
                "F-007",
            ]
            .map(String::from)
            .to_vec(),
            vec!["there is no finding F-007"],
        ),
        (
            [
                "action",
                "add",
                "a.toml",
                "--title",
                "x",
                "--priority",
                "urgent",
            ]
            .map(String::from)
            .to_vec(),
            vec!["'urgent' is not a priority"],
        ),
        (
            [
                "action", "add", "a.toml", "--title", "x", "--effort", "tiny",
            ]
            .map(String::from)
            .to_vec(),
            vec!["small, medium, large"],
        ),
        (
            [
                "action",
                "add",
                "a.toml",
                "--title",
                "x",
                "--process",
                "ISMS.X",
            ]
            .map(String::from)
            .to_vec(),
            vec!["not a process of model isms"],
        ),
        (
            ["action", "add", "a.toml", "--title", " "]
                .map(String::from)
                .to_vec(),
            vec!["has no title"],
        ),
        (
            ["action", "set", "a.toml", "A-042", "--status", "done"]
                .map(String::from)
                .to_vec(),
            vec!["there is no action A-042", "A-001"],
        ),
        (
            ["action", "list", "a.toml", "--status", "late"]
                .map(String::from)
                .to_vec(),
            vec!["open, proposed"],
        ),
    ];
    for (args, says) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        refused(d, &args, &says);
    }
}

/// Findings and actions in a file edited by hand are checked when it is read, each problem
/// with its line.
#[test]
fn hand_edited_findings_and_actions_are_checked_with_their_line() {
    let (dir, file) = setup();
    let text = format!(
        "{SMALL}\n[[findings]]\nid = \"F-001\"\nprocess = \"ISMS.CORE.4\"\nkind = \"weakness\"\ntext = \"x\"\n\n[[findings]]\nid = \"F-001\"\nprocess = \"ISMS.CORE.3\"\nkind = \"strength\"\nseverity = \"low\"\ntext = \"y\"\n\n[[actions]]\nid = \"A-001\"\ntitle = \"z\"\nfindings = [\"F-404\"]\ndue = \"soon\"\nstatus = \"agreed\"\n"
    );
    fs::write(&file, &text).unwrap();
    let out = capra(dir.path())
        .args(["score", "a.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    for s in [
        "process ISMS.CORE.4 is not in the scope",
        "finding id F-001 is used twice",
        "only weaknesses have one",
        "finding F-404 is not in this assessment",
        "due date 'soon' is not a date",
    ] {
        assert!(err.contains(s), "should say {s:?}: {err}");
    }
    let line = text
        .lines()
        .position(|l| l.contains("due = \"soon\""))
        .unwrap()
        + 1;
    assert!(
        err.contains(&format!("a.toml:{line}")),
        "names line {line}: {err}"
    );

    let bad_kind = format!(
        "{SMALL}\n[[findings]]\nid = \"F-001\"\nprocess = \"ISMS.CORE.3\"\nkind = \"flaw\"\ntext = \"x\"\n"
    );
    fs::write(&file, &bad_kind).unwrap();
    let out = capra(dir.path())
        .args(["score", "a.toml"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(err.contains("flaw") && err.contains("strength"), "{err}");
}

/// Files written before findings existed load unchanged and are saved byte for byte.
#[test]
fn files_without_findings_load_and_save_unchanged() {
    let a = parse(SMALL);
    assert!(a.findings.is_empty() && a.actions.is_empty());
    let (dir, file) = setup();
    // What capra writes for the file as it is (it fills in the defaults once).
    let before = capra::store::to_text(&a);
    run_ok(
        dir.path(),
        &[
            "finding",
            "add",
            "a.toml",
            "ISMS.CORE.3",
            "--kind",
            "observation",
            "--text",
            "x",
        ],
    );
    run_ok(dir.path(), &["finding", "remove", "a.toml", "F-001"]);
    let after = fs::read_to_string(&file).unwrap();
    assert_eq!(after, before);
    assert!(!after.contains("[[findings]]"));
}

/// The edits keep what they refer to whole: no process, instance or evidence is taken away
/// from under a finding, and undo puts everything back.
#[test]
fn edits_keep_findings_and_their_references_whole() {
    let m = model();
    let mut a = parse(SMALL);
    let mut f = Finding::new(
        "F-001",
        "ISMS.CORE.8",
        FindingKind::Weakness,
        "Paper log at night",
    );
    f.instance = Some("Warehouse".into());
    f.evidence = vec!["E-001".into()];
    let undo = apply(&mut a, &m, Change::PutFinding(f.clone())).unwrap();
    assert_eq!(undo, Change::RemoveFinding("F-001".into()));

    let e = apply(&mut a, &m, Change::RemoveProcess("ISMS.CORE.8".into())).unwrap_err();
    assert!(e.0.contains("has findings (F-001)"), "{e}");
    let e = apply(
        &mut a,
        &m,
        Change::SetInstances {
            process: "ISMS.CORE.8".into(),
            instances: vec!["Head office".into()],
        },
    )
    .unwrap_err();
    assert!(e.0.contains("'Warehouse'"), "{e}");
    let e = apply(&mut a, &m, Change::RemoveEvidence("E-001".into()));
    assert!(e.is_err());

    let mut x = Action::new("A-001", "Use one ticket queue");
    x.findings = vec!["F-001".into()];
    apply(&mut a, &m, Change::PutAction(x)).unwrap();
    let e = apply(&mut a, &m, Change::RemoveFinding("F-001".into())).unwrap_err();
    assert!(e.0.contains("answered by action A-001"), "{e}");

    // A batch that fails halfway leaves nothing behind.
    let before = a.clone();
    let bad = Change::Batch(vec![
        Change::PutFinding(Finding::new(
            "F-002",
            "ISMS.CORE.3",
            FindingKind::Strength,
            "ok",
        )),
        Change::PutFinding(Finding::new(
            "F-003",
            "ISMS.NOPE",
            FindingKind::Strength,
            "no",
        )),
    ]);
    assert!(apply(&mut a, &m, bad).is_err());
    assert_eq!(a.findings, before.findings);

    // Undo of a replaced finding restores the old text.
    let mut changed = f.clone();
    changed.text = "Changed".into();
    let undo = apply(&mut a, &m, Change::PutFinding(changed)).unwrap();
    apply(&mut a, &m, undo).unwrap();
    assert_eq!(a.finding("F-001").unwrap().text, "Paper log at night");
}

/// `capra new --from` carries every action not done or dropped, with its id and history; the
/// next assessment numbers new actions after them; `capra compare` follows them up.
#[test]
fn open_actions_are_carried_over_and_followed_up() {
    let (dir, _) = setup();
    let d = dir.path();
    run_ok(
        d,
        &[
            "finding",
            "add",
            "a.toml",
            "ISMS.CORE.8",
            "PA1.1",
            "--kind",
            "weakness",
            "--text",
            "Paper log",
        ],
    );
    for (title, status, due) in [
        ("Use one ticket queue", "agreed", "2026-06-30"),
        ("Train the night shift", "in-progress", "2026-03-31"),
        ("Buy a SIEM", "agreed", "2027-12-31"),
        ("Write a policy", "done", "2026-01-31"),
        ("Hire a consultant", "dropped", ""),
    ] {
        let mut args = vec![
            "action",
            "add",
            "a.toml",
            "--title",
            title,
            "--status",
            status,
            "--process",
            "ISMS.CORE.8",
        ];
        if !due.is_empty() {
            args.extend(["--due", due]);
        }
        if !ActionStatus::from_str(status).unwrap().is_open() {
            // Closed before the assessment's date: history, not follow-up.
            args.extend(["--date", "2026-10-01"]);
        }
        if title == "Use one ticket queue" {
            args.extend(["--finding", "F-001", "--attribute", "PA1.1"]);
        }
        run_ok(d, &args);
    }
    let before = fs::read(d.join("a.toml")).unwrap();
    let out = run_ok(
        d,
        &[
            "new",
            "--from",
            "a.toml",
            "--title",
            "Follow-up 2027",
            "-o",
            "b.toml",
        ],
    );
    assert!(out.contains("3 open action(s) carried over"), "{out}");
    assert!(out.contains("A-001, A-002, A-003"), "{out}");
    assert!(out.contains("2 done or dropped"), "{out}");
    assert_eq!(
        fs::read(d.join("a.toml")).unwrap(),
        before,
        "the previous file is only read"
    );

    let b = parse(&fs::read_to_string(d.join("b.toml")).unwrap());
    let ids: Vec<&str> = b.actions.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["A-001", "A-002", "A-003"]);
    let x = b.action("A-001").unwrap();
    assert_eq!(x.status, ActionStatus::Agreed);
    assert_eq!(x.history.len(), 1, "history kept");
    assert!(
        x.findings.is_empty(),
        "findings of the previous file are not in this one"
    );
    let c = x.carried.as_ref().unwrap();
    assert_eq!(c.from, "Small test assessment");
    assert_eq!(c.file, "a.toml");
    assert_eq!(c.findings, ["F-001: Paper log"]);
    assert!(b.findings.is_empty());

    // The follow-up: one done, one dropped, one still open, and a new one numbered after.
    run_ok(
        d,
        &[
            "action",
            "set",
            "b.toml",
            "A-001",
            "--status",
            "done",
            "--date",
            "2027-02-01",
        ],
    );
    run_ok(
        d,
        &[
            "action",
            "set",
            "b.toml",
            "A-003",
            "--status",
            "dropped",
            "--note",
            "Not needed",
        ],
    );
    let id = run_ok(d, &["action", "add", "b.toml", "--title", "New step"]);
    assert_eq!(
        id.trim(),
        "A-006",
        "new ids follow the highest of the previous plan"
    );
    // The process moved up where the action was done.
    run_ok(
        d,
        &[
            "rate",
            "b.toml",
            "ISMS.CORE.8",
            "PA1.1",
            "F",
            "--instance",
            "Head office",
        ],
    );
    run_ok(
        d,
        &[
            "rate",
            "b.toml",
            "ISMS.CORE.8",
            "PA1.1",
            "F",
            "--instance",
            "Warehouse",
        ],
    );
    let text = fs::read_to_string(d.join("b.toml"))
        .unwrap()
        .replace("created = \"", "end = \"2027-06-01\"\ncreated = \"");
    fs::write(d.join("b.toml"), text).unwrap();

    let v = json(d, &["compare", "a.toml", "b.toml", "--format", "json"]);
    let plan = &v["plan"];
    assert_eq!(plan["closed"], 1, "{plan}");
    assert_eq!(plan["dropped"], 1, "{plan}");
    assert_eq!(plan["overdue"], 1, "A-002 was due 2026-03-31: {plan}");
    assert_eq!(plan["still_open"], 0, "{plan}");
    assert_eq!(plan["new"], 1, "A-006 was added since: {plan}");
    let rows = plan["actions"].as_array().unwrap();
    let a1 = rows.iter().find(|r| r["id"] == "A-001").unwrap();
    assert_eq!(a1["outcome"], "closed");
    assert_eq!(a1["statuses"], serde_json::json!(["agreed", "done"]));
    assert_eq!(a1["level"], serde_json::json!([0, 1]), "{a1}");
    assert!(
        rows.iter()
            .all(|r| r["id"] != "A-004" && r["id"] != "A-005"),
        "actions closed before the first assessment are history: {plan}"
    );
    let text = run_ok(d, &["compare", "a.toml", "b.toml"]);
    assert!(
        text.contains("Improvement plan: 1 closed, 0 still open, 1 overdue, 1 dropped, 1 new."),
        "{text}"
    );
    assert!(text.contains("ISMS.CORE.8 0 → 1"), "{text}");
}

/// Merging assessors' files keeps every finding and action: the same one once, clashing ids
/// renumbered with the links following.
#[test]
fn merge_keeps_each_assessors_findings_and_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for f in ["ana.toml", "ben.toml"] {
        fs::write(d.join(f), SMALL).unwrap();
    }
    let add = |file: &str, text: &str| {
        run_ok(
            d,
            &[
                "finding",
                "add",
                file,
                "ISMS.CORE.3",
                "PA2.1",
                "--kind",
                "weakness",
                "--text",
                text,
            ],
        )
    };
    add("ana.toml", "No plan for the review");
    add("ana.toml", "Same in both");
    add("ben.toml", "Same in both");
    add("ben.toml", "Tracking is informal");
    run_ok(
        d,
        &[
            "action",
            "add",
            "ana.toml",
            "--title",
            "Plan the review",
            "--finding",
            "F-001",
        ],
    );
    run_ok(
        d,
        &[
            "action",
            "add",
            "ben.toml",
            "--title",
            "Track progress",
            "--finding",
            "F-002",
        ],
    );
    run_ok(
        d,
        &[
            "acknowledge",
            "ben.toml",
            "no-evidence:ISMS.CORE.3:PA2.1",
            "--why",
            "Shown on screen only",
        ],
    );
    let out = capra(d)
        .args([
            "merge",
            "ana.toml",
            "ben.toml",
            "-o",
            "team.toml",
            "--title",
            "Team",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let t = parse(&fs::read_to_string(d.join("team.toml")).unwrap());
    let texts: Vec<(&str, &str)> = t
        .findings
        .iter()
        .map(|f| (f.id.as_str(), f.text.as_str()))
        .collect();
    assert_eq!(
        texts,
        [
            ("F-001", "No plan for the review"),
            ("F-002", "Same in both"),
            ("F-003", "Tracking is informal")
        ]
    );
    assert_eq!(t.actions.len(), 2);
    let track = t
        .actions
        .iter()
        .find(|x| x.title == "Track progress")
        .unwrap();
    assert_eq!(track.id.as_str(), "A-002", "renumbered");
    assert_eq!(
        track.findings[0].as_str(),
        "F-003",
        "the link follows the renumbered finding"
    );
    // Acknowledged warnings are kept too.
    assert_eq!(t.acknowledgements.len(), 1);
    assert_eq!(t.acknowledgements[0].justification, "Shown on screen only");
}
