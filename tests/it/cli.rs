//! The `capra` binary end to end: every command, and every kind of bad input, with the exit
//! status and the message a user sees. A refused command must leave the file byte for byte.

use crate::util::{SMALL, capra, score_json, setup};
use predicates::prelude::*;
use std::fs;
use std::path::Path;

fn process<'a>(v: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    v["processes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id)
        .unwrap()
}

#[test]
fn new_rate_evidence_score_walk() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    capra(d)
        .args([
            "new",
            "--model",
            "isms",
            "--title",
            "Walk",
            "--target",
            "2",
            "--processes",
            "ISMS.CORE.3,isms.core.8",
            "-o",
            "w.toml",
            "--lead",
            "Zoë Brandt",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("Created w.toml: 2 process(es)"));
    let text = fs::read_to_string(d.join("w.toml")).unwrap();
    assert!(text.contains("schema_version = 1"));
    assert!(text.contains("id = \"ISMS.CORE.8\""), "ids are canonical");
    assert!(text.contains("name = \"Zoë Brandt\"\nrole = \"lead-assessor\""));

    fs::write(d.join("register.txt"), "risk register").unwrap();
    capra(d)
        .args([
            "evidence",
            "add",
            "w.toml",
            "--title",
            "Risk register",
            "--kind",
            "document",
            "--path",
            "register.txt",
            "--date",
            "2026-11-03",
        ])
        .assert()
        .success()
        .stdout("E-001\n");
    let text = fs::read_to_string(d.join("w.toml")).unwrap();
    assert!(text.contains("path = \"register.txt\""), "{text}");
    let hash = capra::model::sha256_hex(b"risk register");
    assert!(text.contains(&format!("sha256 = \"{hash}\"")), "{text}");

    capra(d)
        .args([
            "rate",
            "w.toml",
            "ISMS.CORE.3",
            "PA1.1",
            "F",
            "--note",
            "Seen the register",
            "--confidence",
            "high",
            "--evidence",
            "E-001",
            "--assessor",
            "Zoë Brandt",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "ISMS.CORE.3 PA1.1: F (was not rated)",
        ))
        .stdout(predicate::str::contains(
            "level 1 of target 2 (gap 1); level 2 not reached: PA2.1 is not rated, needs L or F",
        ));
    capra(d)
        .args(["rate", "w.toml", "ISMS.CORE.3", "PA2.1", "L+"])
        .assert()
        .success();
    capra(d)
        .args(["rate", "w.toml", "ISMS.CORE.3", "pa2.2", "l"])
        .assert()
        .success();
    let v = score_json(d, "w.toml");
    let p = process(&v, "ISMS.CORE.3");
    assert_eq!(p["capability_level"], 2);
    assert_eq!(p["gap"], 0);
    assert_eq!(p["attributes"][1]["rating"], "L+");
    assert_eq!(p["blocked_by"]["attribute"], "PA2.1");
    assert_eq!(p["blocked_by"]["needs"], "F");
    let p8 = process(&v, "ISMS.CORE.8");
    assert_eq!(p8["capability_level"], 0);
    assert_eq!(p8["gap"], 2);
    assert!(p8["attributes"][0]["rating"].is_null());
    assert_eq!(p8["blocked_by"]["rating"], serde_json::Value::Null);

    // Clearing keeps the note.
    capra(d)
        .args(["rate", "w.toml", "ISMS.CORE.3", "PA1.1", "none"])
        .assert()
        .success()
        .stdout(predicate::str::contains("PA1.1: not rated (was F)"));
    let text = fs::read_to_string(d.join("w.toml")).unwrap();
    assert!(text.contains("note = \"Seen the register\""));

    capra(d)
        .args(["score", "w.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("ISMS.CORE.3"))
        .stdout(predicate::str::contains("PA1.1 is not rated, needs L or F"));
    capra(d)
        .args(["evidence", "list", "w.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("E-001  document"));
}

#[test]
fn instances_and_targets() {
    let (dir, _) = setup();
    let d = dir.path();
    capra(d)
        .args(["instance", "add", "a.toml", "ISMS.CORE.3", "Lyon"])
        .assert()
        .success()
        .stdout("ISMS.CORE.3 instances: Lyon\n");
    capra(d)
        .args([
            "rate",
            "a.toml",
            "ISMS.CORE.3",
            "PA3.1",
            "F",
            "--instance",
            "Lyon",
        ])
        .assert()
        .success();
    capra(d)
        .args(["instance", "remove", "a.toml", "ISMS.CORE.3", "Lyon"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "instance 'Lyon' of ISMS.CORE.3 still has something recorded",
        ));
    capra(d)
        .args(["target", "a.toml", "4", "ISMS.CORE.8"])
        .assert()
        .success();
    let v = score_json(d, "a.toml");
    assert_eq!(process(&v, "ISMS.CORE.8")["target_level"], 4);
    assert_eq!(process(&v, "ISMS.CORE.3")["target_level"], 3);
}

/// Runs a command that must fail, and checks the message and that the file is untouched.
fn refused(args: &[&str], expected: &[&str]) {
    let (dir, file) = setup();
    let before = fs::read(&file).unwrap();
    let out = capra(dir.path()).args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{args:?} should fail as an error"
    );
    for e in expected {
        assert!(stderr.contains(e), "{args:?}: expected '{e}' in:\n{stderr}");
    }
    assert_eq!(
        fs::read(&file).unwrap(),
        before,
        "{args:?} changed the file"
    );
}

#[test]
fn bad_input_is_refused_with_a_clear_message() {
    refused(
        &["rate", "a.toml", "ISMS.CORE.3", "PA1.1", "X"],
        &[
            "'X' is not on the rating scale",
            "N, P-, P, P+, L-, L, L+, F",
        ],
    );
    refused(
        &["rate", "a.toml", "ISMS.CORE.42", "PA1.1", "F"],
        &["ISMS.CORE.42 is not a process of model isms"],
    );
    refused(
        &["rate", "a.toml", "ISMS.CORE.4", "PA1.1", "F"],
        &[
            "process ISMS.CORE.4 is not in the scope of this assessment",
            "Nothing was changed",
        ],
    );
    refused(
        &["rate", "a.toml", "ISMS.CORE.3", "PA6.1", "F"],
        &["PA6.1 is not a process attribute of model isms"],
    );
    refused(
        &[
            "rate",
            "a.toml",
            "ISMS.CORE.8",
            "PA1.1",
            "F",
            "--instance",
            "Paris",
        ],
        &["'Paris' is not an instance of ISMS.CORE.8"],
    );
    refused(
        &[
            "rate",
            "a.toml",
            "ISMS.CORE.3",
            "PA1.1",
            "F",
            "--evidence",
            "E-077",
        ],
        &["evidence E-077 is not in the evidence register"],
    );
    refused(
        &[
            "rate",
            "a.toml",
            "ISMS.CORE.3",
            "PA1.1",
            "F",
            "--confidence",
            "sure",
        ],
        &["'sure' is not a confidence: use high, medium, low, or none"],
    );
    refused(
        &["rate", "missing.toml", "ISMS.CORE.3", "PA1.1", "F"],
        &["cannot read missing.toml: no such file"],
    );
    refused(
        &[
            "evidence", "add", "a.toml", "--title", "X", "--kind", "rumour",
        ],
        &["'rumour' is not a kind of evidence: use document, interview, observation, record"],
    );
    refused(
        &["new", "--title", "T", "-o", "a.toml"],
        &["a.toml already exists"],
    );
    refused(
        &[
            "new",
            "--title",
            "T",
            "--processes",
            "ISMS.X.1",
            "-o",
            "b.toml",
        ],
        &["ISMS.X.1 is not a process of model isms"],
    );
    refused(
        &["new", "--title", "T", "--model", "cmmi", "-o", "b.toml"],
        &["no model with id 'cmmi'"],
    );
    refused(
        &["target", "a.toml", "9"],
        &["target 9 is above the highest level"],
    );
}

#[test]
fn malformed_files_name_file_and_line() {
    let cases = [
        // (edit, expected words)
        (
            SMALL.replace("rating = \"L\"", "rating = \"Q\""),
            vec![
                "a.toml is not a valid assessment file",
                "line 42",
                "'Q' is not on the rating scale",
            ],
        ),
        (
            SMALL.replace(
                "[[processes]]\nid = \"ISMS.CORE.8\"",
                "[[processes]\nid = \"ISMS.CORE.8\"",
            ),
            vec!["a.toml is not a valid assessment file", "line 49"],
        ),
        (
            SMALL.replace("id = \"ISMS.CORE.8\"", "id = \"ISMS.CORE.88\""),
            vec!["a.toml:50: process ISMS.CORE.88 is not in model isms"],
        ),
        (
            SMALL.replace("id = \"isms\"", "id = \"nope\""),
            vec!["a.toml: no model with id 'nope'"],
        ),
        (
            String::from("\u{0}\u{1}binary"),
            vec!["a.toml is not a valid assessment file"],
        ),
    ];
    for (text, expected) in cases {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.toml");
        fs::write(&file, &text).unwrap();
        let out = capra(dir.path())
            .args(["rate", "a.toml", "ISMS.CORE.3", "PA1.1", "F"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success());
        for e in &expected {
            assert!(stderr.contains(e), "expected '{e}' in:\n{stderr}");
        }
        assert_eq!(fs::read_to_string(&file).unwrap(), text);
    }
}

#[cfg(unix)]
#[test]
fn read_only_folder_is_reported_and_the_file_kept() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, file) = setup();
    let before = fs::read(&file).unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
    // Root ignores permissions; only check when the folder really is read-only.
    let probe = dir.path().join("probe");
    let writable = fs::write(&probe, "x").is_ok();
    let _ = fs::remove_file(&probe);
    if !writable {
        capra(dir.path())
            .args(["rate", "a.toml", "ISMS.CORE.3", "PA1.1", "P"])
            .assert()
            .failure()
            .stderr(predicate::str::contains(
                "cannot save a.toml: permission denied",
            ))
            .stderr(predicate::str::contains("the file is as it was"));
        assert_eq!(fs::read(&file).unwrap(), before);
    }
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn saving_is_atomic_and_keeps_the_canonical_text() {
    let (dir, file) = setup();
    capra(dir.path())
        .args([
            "rate",
            "a.toml",
            "ISMS.CORE.3",
            "PA3.1",
            "P-",
            "--note",
            "Half a tailoring guide",
        ])
        .assert()
        .success();
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.contains("attribute = \"PA3.1\"\nrating = \"P-\""));
    // No temporary files are left behind.
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["a.toml"]);
    // Saving again without a change writes the same bytes.
    capra(dir.path())
        .args(["rate", "a.toml", "ISMS.CORE.3", "PA3.1", "P-"])
        .assert()
        .success();
    assert_eq!(fs::read_to_string(&file).unwrap(), text);
}

#[test]
fn model_commands() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    capra(d)
        .args(["model", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("isms"))
        .stdout(predicate::str::contains("iso33020"));
    capra(d)
        .args(["model", "show", "isms"])
        .assert()
        .success()
        .stdout(predicate::str::contains("ISMS.CORE.8"))
        .stdout(predicate::str::contains(
            "Information security incident management",
        ));
    capra(d)
        .args(["model", "show", "isms", "--process", "ISMS.CORE.3"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Outcomes:"))
        .stdout(predicate::str::contains("Questions to ask:"));
    let out = capra(d)
        .args(["model", "show", "isms", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["processes"].as_array().unwrap().len(), 18);
    capra(d)
        .args(["model", "show", "iso33020"])
        .assert()
        .success()
        .stdout(predicate::str::contains("PA5.2"));
}

#[test]
fn model_check_passes_the_shipped_models() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for f in ["models/isms.toml", "models/iso33020.toml"] {
        capra(root)
            .args(["model", "check", f])
            .assert()
            .success()
            .stdout(predicate::str::contains("No problems found"))
            .stdout(predicate::str::contains("warning").not());
    }
}

/// Each ISO/IEC 33004 rule with a broken model fixture: file, line, id, message, exit 1; and
/// the warnings, marked as such and counted apart.
#[test]
fn model_check_reports_each_broken_rule() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = capra(root)
        .args(["model", "check", "tests/fixtures/broken-model.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let f = "tests/fixtures/broken-model.toml";
    for expected in [
        format!("{f}:8: missing-framework: framework missing-framework is not known"),
        format!("{f}:27: BAD.1: duplicate process id"),
        format!("{f}:27: BAD.1: purpose is missing or empty"),
        format!("{f}:27: BAD.1: process has no outcomes"),
        format!("{f}:32: nowhere: BAD.2 names category nowhere"),
        format!("{f}:33: BAD.7: BAD.2 is related to BAD.7, which the model does not define"),
        format!("{f}:37: O1: outcome is not covered by any indicator of process BAD.2"),
        format!("{f}:42: O9: BP1 maps to outcome O9, which process BAD.2 does not define"),
        format!("{f}:44: BP1: duplicate BAD.2 item id"),
        format!("{f}:48: II1: maps to no outcome: name at least one"),
        format!("{f}:4: broken: domain is missing or empty"),
        format!("{f}:4: broken: context is missing or empty"),
        format!("{f}:4: broken: community (the community of interest) is missing or empty"),
        format!("{f}:4: broken: conformity (the conformity statement) is missing or empty"),
        format!("{f}:15: BAD.1: names no related process"),
        format!("{f}:54: BAD.3: its inputs name process BAD.9, which the model does not define"),
        format!(
            "{f}:54: BAD.3: maps_to names processes of another model, but [model] has no maps_to_model"
        ),
        format!("{f}:54: BAD.3: warning: its inputs name BAD.1, but related does not list it"),
        format!("{f}:58: BAD.3: warning: related to BAD.2, which does not list it back"),
    ] {
        assert!(
            stdout.contains(&expected),
            "expected '{expected}' in:\n{stdout}"
        );
    }
    assert_eq!(stdout.lines().count(), 21, "{stdout}");
    assert_eq!(stdout.matches(": warning: ").count(), 2, "{stdout}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("19 problem(s) against the ISO/IEC 33004 rules"),
        "{stderr}"
    );
    assert!(stderr.contains("; 2 warning(s)"), "{stderr}");
}

/// Warnings alone do not fail the check, and do not stop the model from being used.
#[test]
fn model_warnings_alone_pass() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let process = |id: &str, related: &str| {
        format!(
            "\n[[processes]]\nid = \"{id}\"\ncategory = \"ops\"\nname = \"P\"\npurpose = \"P.\"\nrelated = [{related}]\n[[processes.outcomes]]\nid = \"O1\"\ntext = \"Done.\"\n[[processes.base_practices]]\nid = \"BP1\"\nname = \"Do\"\noutcomes = [\"O1\"]\n"
        )
    };
    let tiny = fs::read_to_string(root.join("tests/fixtures/tiny-model.toml")).unwrap();
    let head = &tiny[..tiny.find("[[processes]]").unwrap()];
    // TINY.1 and TINY.2 list each other; TINY.3 lists TINY.1, which does not list it back.
    let text = format!(
        "{head}{}{}{}",
        process("TINY.1", "\"TINY.2\""),
        process("TINY.2", "\"TINY.1\""),
        process("TINY.3", "\"TINY.1\"")
    );
    fs::write(d.join("tiny.toml"), &text).unwrap();
    let out = capra(d)
        .args(["model", "check", "tiny.toml"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("TINY.3: warning: related to TINY.1, which does not list it back"),
        "{stdout}"
    );
    assert!(
        stdout.contains("No problems found. 1 warning(s)."),
        "{stdout}"
    );
    capra(d)
        .args(["--models", "tiny.toml", "model", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("has problems").not());
    capra(d)
        .args([
            "new",
            "--model",
            "tiny.toml",
            "--title",
            "T",
            "--target",
            "1",
            "-o",
            "t.toml",
        ])
        .assert()
        .success();
}

#[test]
fn model_check_of_a_broken_framework() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = capra(root)
        .args(["model", "check", "tests/fixtures/broken-framework.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    for expected in [
        "GP1.1.1 maps to achievement PA1.1.z, which attribute PA1.1 does not define",
        "PA1.1.a: achievement is not covered by any indicator of attribute PA1.1",
        "PA2.1: attribute has no achievements",
        "X: not a value capra can rate with",
        "the rating scale lacks F",
    ] {
        assert!(
            stdout.contains(expected),
            "expected '{expected}' in:\n{stdout}"
        );
    }
    assert!(
        stdout
            .lines()
            .all(|l| l.starts_with("tests/fixtures/broken-framework.toml:")),
        "{stdout}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("problem(s) against the ISO/IEC 33003 rules"),
        "{stderr}"
    );
}

#[test]
fn a_model_given_by_path_is_used_with_no_code_change() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let model = root.join("tests/fixtures/tiny-model.toml");
    capra(dir.path())
        .args([
            "new",
            "--model",
            model.to_str().unwrap(),
            "--title",
            "Tiny",
            "--target",
            "1",
            "-o",
            "t.toml",
        ])
        .assert()
        .success();
    capra(dir.path())
        .args([
            "--models",
            model.to_str().unwrap(),
            "rate",
            "t.toml",
            "TINY.1",
            "PA1.1",
            "F",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "TINY.1 Keep the lights on: level 1 of target 1 (gap 0)",
        ));
    // Without the model, capra says what to do.
    capra(dir.path())
        .args(["score", "t.toml"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no model with id 'tiny'"))
        .stderr(predicate::str::contains("--models PATH"));
    // A model in ./models is found by itself.
    fs::create_dir(dir.path().join("models")).unwrap();
    fs::copy(&model, dir.path().join("models/tiny.toml")).unwrap();
    capra(dir.path())
        .args(["score", "t.toml"])
        .assert()
        .success();
}

#[test]
fn example_assessment_scores() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let v = score_json(root, "assessments/northwind-2026.toml");
    let ps = v["processes"].as_array().unwrap();
    assert_eq!(ps.len(), 18);
    assert!(
        ps.iter()
            .any(|p| p["gap"] == 0 && p["capability_level"].as_u64() > Some(0))
    );
    assert!(ps.iter().any(|p| p["gap"].as_u64() > Some(0)));
    capra(root)
        .args(["score", "assessments/northwind-2026.toml"])
        .assert()
        .success()
        .stderr("");
}

#[test]
fn help_and_completions() {
    let dir = tempfile::tempdir().unwrap();
    for cmd in [
        vec!["--help"],
        vec!["new", "--help"],
        vec!["rate", "--help"],
        vec!["evidence", "add", "--help"],
        vec!["score", "--help"],
        vec!["model", "check", "--help"],
        vec!["model", "show", "--help"],
    ] {
        capra(dir.path())
            .args(&cmd)
            .assert()
            .success()
            .stdout(predicate::str::contains("Example"));
    }
    for shell in ["bash", "zsh", "fish"] {
        capra(dir.path())
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("capra"));
    }
}

#[test]
fn characterise_check_acknowledge_and_method() {
    let (dir, file) = setup();
    let d = dir.path();
    // Characterisations are kept under any method; under R2 they do not count.
    capra(d)
        .args([
            "characterise",
            "a.toml",
            "ISMS.CORE.3",
            "O2",
            "P",
            "--note",
            "Owners missing",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("ISMS.CORE.3 O2: P"))
        .stdout(predicate::str::contains(
            "PA1.1 proposal: P (1 of 6 characterised); rating in use: F (direct)",
        ))
        .stdout(predicate::str::contains("propose ratings only under R1"));
    refused(
        &["characterise", "a.toml", "ISMS.CORE.3", "O77", "L"],
        &[
            "O77 is not an outcome, base practice, information item, achievement or generic practice of ISMS.CORE.3",
        ],
    );
    // The check finds the F over the weak outcome.
    let out = capra(d).args(["check", "a.toml"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "warnings never fail without --strict");
    assert!(
        text.contains("f-over-weak-item:ISMS.CORE.3:PA1.1"),
        "{text}"
    );
    assert!(text.contains("no-evidence:ISMS.CORE.3:PA2.1"), "{text}");
    assert!(
        text.contains("Evidence: 1 of 4 rated attributes backed by evidence (25 %)"),
        "{text}"
    );
    capra(d)
        .args(["check", "a.toml", "--strict"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("warning(s) not acknowledged"));
    let out = capra(d)
        .args(["check", "a.toml", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let n = v["warnings"].as_array().unwrap().len();
    assert!(n >= 3, "{v}");
    assert_eq!(v["coverage"]["rated"], 4);
    // Acknowledge one; an unknown id is refused with the list of ids.
    refused(
        &["acknowledge", "a.toml", "no-such:thing", "--why", "x"],
        &[
            "there is no warning no-such:thing",
            "no-evidence:ISMS.CORE.3:PA2.1",
        ],
    );
    capra(d)
        .args([
            "acknowledge",
            "a.toml",
            "no-evidence:ISMS.CORE.3:PA2.1",
            "--why",
            "Seen on screen; no copies allowed",
            "--by",
            "Lead",
        ])
        .assert()
        .success();
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.contains("justification = \"Seen on screen; no copies allowed\""));
    let out = capra(d).args(["check", "a.toml"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("accepted (Lead, "));
    capra(d)
        .args([
            "acknowledge",
            "a.toml",
            "no-evidence:ISMS.CORE.3:PA2.1",
            "--withdraw",
        ])
        .assert()
        .success();
    assert!(
        !fs::read_to_string(&file)
            .unwrap()
            .contains("[[acknowledgements]]")
    );

    // The method: show, then change, with what changes; nothing recorded is removed.
    capra(d)
        .args(["method", "a.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Rating method R2"))
        .stdout(predicate::str::contains(
            "Under R3, 1 attribute rating(s) would change.",
        ));
    capra(d)
        .args(["method", "a.toml", "R3"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Nothing recorded was removed: 2 instance rating(s) and 1 characterisation(s) stay in the file."))
        .stdout(predicate::str::contains("ISMS.CORE.8 PA1.1: P -> not rated"));
    let v = score_json(d, "a.toml");
    assert!(process(&v, "ISMS.CORE.8")["attributes"][0]["rating"].is_null());
    // Back to R2 with --adopt under R3 would keep P; here plain R2 brings the aggregate back.
    capra(d).args(["method", "a.toml", "R2"]).assert().success();
    assert_eq!(
        process(&score_json(d, "a.toml"), "ISMS.CORE.8")["attributes"][0]["rating"],
        "P"
    );
    capra(d)
        .args(["method", "a.toml", "R3", "--adopt"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "1 derived rating(s) were recorded as direct ratings, so no level moves.",
        ));
    assert_eq!(
        process(&score_json(d, "a.toml"), "ISMS.CORE.8")["attributes"][0]["rating"],
        "P"
    );
    refused(
        &["method", "a.toml", "R4"],
        &["'R4' is not a rating method"],
    );
    refused(
        &["method", "a.toml", "--order", "diagonal"],
        &["'diagonal' is not an aggregation order"],
    );
}

/// 0 done, 1 findings (never printed as errors), 2 errors; docs/cli.md.
#[test]
fn exit_status_tells_done_findings_and_errors() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.toml"), crate::util::EXAMPLE).unwrap();
    let run = |args: &[&str]| capra(dir.path()).args(args).output().unwrap();

    let out = run(&["check", "a.toml"]);
    assert_eq!(out.status.code(), Some(0), "warnings alone do not fail");
    let out = run(&["check", "a.toml", "--strict"]);
    assert_eq!(out.status.code(), Some(1), "an open warning under --strict");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("warning(s) not acknowledged"), "{err}");
    assert!(!err.contains("error:"), "findings are not errors: {err}");

    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let broken = fixtures.join("broken-model.toml");
    let out = run(&["model", "check", broken.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "model violations are findings");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("problem(s) against"), "{err}");
    assert!(!err.contains("error:"), "{err}");
    let out = run(&["model", "check", "isms"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a file that does not exist is an error"
    );

    let out = run(&["score", "missing.toml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("error: cannot read missing.toml: no such file"),
        "{err}"
    );
    assert_eq!(
        err.matches("no such file").count(),
        1,
        "the cause once: {err}"
    );
    let out = run(&["score"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a command line that does not parse"
    );
}

/// A reader that goes away early is no error: capra stops quietly (the error's kind, not a
/// panic message, tells it).
#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("capra"))
        .args(["model", "show", "isms"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read a little, then close the pipe.
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(!err.contains("error"), "{err}");
    assert!(
        out.status.code() == Some(0),
        "status {:?}: {err}",
        out.status
    );
}

/// The assessor comes from --assessor (or --by), else $CAPRA_ASSESSOR, else the lead assessor;
/// an empty variable counts as not set, an empty --assessor removes the name.
#[test]
fn the_assessor_comes_from_the_option_or_the_environment() {
    let (dir, file) = setup();
    let assessor = |file: &Path| -> Vec<String> {
        fs::read_to_string(file)
            .unwrap()
            .lines()
            .filter(|l| l.starts_with("assessor = "))
            .map(str::to_string)
            .collect()
    };
    capra(dir.path())
        .env("CAPRA_ASSESSOR", "Ana Silva")
        .args(["rate", "a.toml", "ISMS.CORE.8", "PA3.1", "L"])
        .assert()
        .success();
    assert!(assessor(&file).contains(&"assessor = \"Ana Silva\"".to_string()));
    // Empty in the environment: not set, so the lead assessor of the team rates.
    capra(dir.path())
        .env("CAPRA_ASSESSOR", "")
        .args(["rate", "a.toml", "ISMS.CORE.8", "PA3.1", "F"])
        .assert()
        .success();
    assert!(assessor(&file).contains(&"assessor = \"Łucja Nowak\"".to_string()));
    // --by is --assessor, and wins over the environment.
    capra(dir.path())
        .env("CAPRA_ASSESSOR", "Ana Silva")
        .args([
            "rate",
            "a.toml",
            "ISMS.CORE.8",
            "PA3.1",
            "L",
            "--by",
            "Ben Ode",
        ])
        .assert()
        .success();
    assert!(assessor(&file).contains(&"assessor = \"Ben Ode\"".to_string()));
    let before = assessor(&file).len();
    capra(dir.path())
        .args([
            "rate",
            "a.toml",
            "ISMS.CORE.8",
            "PA3.1",
            "L",
            "--assessor",
            "",
        ])
        .assert()
        .success();
    assert_eq!(assessor(&file).len(), before - 1, "the name is removed");
}

/// `capra instance na`: an instance marked not applicable (with a reason), and the mark taken
/// away; bad input is refused with the file left as it was.
#[test]
fn instances_marked_not_applicable() {
    let (dir, file) = setup();
    let d = dir.path();
    capra(d)
        .args([
            "instance",
            "na",
            "a.toml",
            "ISMS.CORE.8",
            "Warehouse",
            "--attribute",
            "pa2.2",
            "--reason",
            "No work products kept there",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Warehouse: not applicable to PA2.2",
        ));
    let text = fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("reason = \"No work products kept there\""),
        "{text}"
    );
    let before = fs::read(&file).unwrap();
    for (args, word) in [
        (
            vec![
                "instance",
                "na",
                "a.toml",
                "ISMS.CORE.8",
                "Lyon",
                "--reason",
                "x",
            ],
            "is not an instance",
        ),
        (
            vec![
                "instance",
                "na",
                "a.toml",
                "ISMS.CORE.8",
                "Warehouse",
                "--reason",
                " ",
            ],
            "--reason is empty",
        ),
        (
            vec![
                "instance",
                "na",
                "a.toml",
                "ISMS.CORE.8",
                "Warehouse",
                "--remove",
            ],
            "is not marked not applicable to every attribute",
        ),
    ] {
        capra(d)
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(word));
        assert_eq!(fs::read(&file).unwrap(), before, "{args:?}");
    }
    capra(d)
        .args([
            "instance",
            "na",
            "a.toml",
            "ISMS.CORE.8",
            "Warehouse",
            "--attribute",
            "PA2.2",
            "--remove",
        ])
        .assert()
        .success();
    assert!(
        !fs::read_to_string(&file)
            .unwrap()
            .contains("not_applicable")
    );
}

/// The example's maturity in `score --format json` and in the table: level 1 (the core
/// processes are performed); level 2 held back by the processes named, SUP.1 as not rated.
#[test]
fn example_maturity() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let v = score_json(root, "assessments/northwind-2026.toml");
    let m = &v["maturity"];
    assert_eq!(m["level"], 1);
    assert_eq!(m["name"], "Performed");
    let blocked = m["blocked_by"].as_array().unwrap();
    let names: Vec<&str> = blocked
        .iter()
        .map(|b| b["process"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "ISMS.CORE.2",
            "ISMS.CORE.4",
            "ISMS.CORE.5",
            "ISMS.CORE.8",
            "ISMS.SUP.1"
        ]
    );
    assert_eq!(blocked[0]["level"], 1);
    assert_eq!(blocked[0]["needs"], 2);
    assert_eq!(blocked[4]["level"], serde_json::Value::Null);
    assert_eq!(blocked[4]["reason"], "not rated");
    capra(root)
        .args(["score", "assessments/northwind-2026.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Organisational maturity level 1 (Performed); level 2 is held back by ISMS.CORE.2 (level 1, needs 2),",
        ));
}

/// Broken `[[rules]]` and `[[maturity_levels]]` appended to the shipped model: each is found,
/// with its line.
#[test]
fn model_check_of_rules_and_maturity_levels() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let mut text = fs::read_to_string(root.join("models/isms.toml")).unwrap();
    text.push_str(
        r#"
[[rules]]
id = "RISK-TREATMENT-CHAIN"
kind = "caps"
rationale = ""
process = "ISMS.NOPE"
attribute = "PA9.9"
then_processes = ["*"]
then_attributes = ["PA2.2"]
at_most = "X"

[[rules]]
id = "ODD"
kind = "sometimes"
rationale = "why not"
process = "ISMS.CORE.3"
attribute = "PA1.1"

[[maturity_levels]]
level = 7
name = ""
processes = [{ id = "ISMS.GONE", capability = 9 }]
"#,
    );
    let f = dir.path().join("isms.toml");
    fs::write(&f, text).unwrap();
    let out = capra(dir.path())
        .args(["model", "check", "isms.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    for expected in [
        "RISK-TREATMENT-CHAIN: duplicate rule id",
        "RISK-TREATMENT-CHAIN: rule has no rationale: say why it holds",
        "ISMS.NOPE: rule RISK-TREATMENT-CHAIN: process ISMS.NOPE is not in the model",
        "PA9.9: rule RISK-TREATMENT-CHAIN: attribute PA9.9 is not one the model covers (levels 1 to 5)",
        "caps: rule RISK-TREATMENT-CHAIN: `below` is missing",
        "sometimes: rule ODD: kind \"sometimes\" is not known: use caps or at-most-steps-above",
        "maturity level 7: maturity levels are numbered 1, 2, 3... in order: expected 6",
        "maturity level 7: name is missing or empty",
        "ISMS.GONE: maturity level 7: process is not in the model",
        "ISMS.GONE: maturity level 7: capability 9 is outside the model's levels (1 to 5)",
    ] {
        assert!(
            stdout.contains(expected),
            "expected '{expected}' in:\n{stdout}"
        );
    }
    assert!(stdout.contains("isms.toml:"), "{stdout}");
}

/// A final report waits for validated ratings (by default for classes 1 and 2) and for the
/// rationale of every override.
#[test]
fn a_final_report_needs_validated_ratings_and_rationales() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("a.toml"), crate::util::EXAMPLE).unwrap();
    // The example is class 2 with four ratings flagged for review.
    capra(d)
        .args(["report", "a.toml", "--final", "--csv", "csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "not ready for a final report (4 to settle)",
        ))
        .stderr(predicate::str::contains(
            "ISMS.CORE.4 PA1.1 is flagged for review",
        ));
    assert!(!d.join("csv").exists(), "nothing written");
    // Without --final the report is written as it stands.
    capra(d)
        .args(["report", "a.toml", "--csv", "csv"])
        .assert()
        .success();
    // An assessment that does not require validation gives a final report.
    let text = crate::util::EXAMPLE.replace("class = 2", "class = 2\nrequire_validation = false");
    fs::write(d.join("b.toml"), text).unwrap();
    capra(d)
        .args(["report", "b.toml", "--final", "--csv", "csv-b"])
        .assert()
        .success();
    // An override without a rationale stops a final report whatever the class.
    let a = crate::util::parse(crate::util::EXAMPLE);
    let overridden = a
        .processes
        .iter()
        .flat_map(|p| p.ratings.iter().map(move |r| (p, r)))
        .find(|(_, r)| r.instance.is_none() && !r.rationale.is_empty())
        .map(|(p, r)| (p.id.to_string(), r.attribute.to_string()));
    let (p, attr) = overridden.expect("the example has an override with a rationale");
    {
        capra(d)
            .args(["rate", "b.toml", &p, &attr])
            .arg(
                a.process(&p)
                    .unwrap()
                    .ratings
                    .iter()
                    .find(|r| r.attribute == attr.as_str() && r.instance.is_none())
                    .unwrap()
                    .rating()
                    .unwrap()
                    .code(),
            )
            .args(["--rationale", ""])
            .assert()
            .success();
        capra(d)
            .args(["report", "b.toml", "--final", "--csv", "csv-b"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("without a rationale"));
    }
}
