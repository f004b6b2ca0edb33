//! Hostile and broken input, each with the clear message that is the expected outcome.

use crate::util::{SMALL, capra, setup};
use predicates::prelude::*;
use std::fs;

#[test]
fn a_50_mb_assessment_or_model_is_refused_at_once() {
    let (dir, _) = setup();
    let d = dir.path();
    let mut big = SMALL.to_string();
    let note = format!("# {}\n", "x".repeat(1000));
    while big.len() < 50 * 1024 * 1024 {
        big.push_str(&note);
    }
    fs::write(d.join("big.toml"), &big).unwrap();
    capra(d)
        .args(["score", "big.toml"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "cannot read big.toml: it is 50.0 MB, larger than capra reads (16 MB)",
        ));
    fs::write(d.join("big-model.toml"), format!("[model]\n{big}")).unwrap();
    capra(d)
        .args(["--models", "big-model.toml", "score", "a.toml"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "cannot read model file big-model.toml: it is 50.0 MB",
        ));
}

#[test]
fn deeply_nested_toml_is_a_parse_error_not_a_crash() {
    let (dir, _) = setup();
    let d = dir.path();
    let deep = format!(
        "{SMALL}\n[[processes.ratings]]\nattribute = \"PA3.1\"\nnote = {}\"x\"{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    fs::write(d.join("deep.toml"), deep).unwrap();
    capra(d)
        .args(["score", "deep.toml"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "deep.toml is not a valid assessment file",
        ));
    let model = format!(
        "[model]\nid = {}1{}\n",
        "{a=".repeat(100_000),
        "}".repeat(100_000)
    );
    fs::write(d.join("deep-model.toml"), model).unwrap();
    capra(d)
        .args(["model", "check", "deep-model.toml"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("deep-model.toml"));
}

#[cfg(unix)]
#[test]
fn evidence_paths_outside_the_folder_and_symlinks_are_named() {
    let (dir, _) = setup();
    let d = dir.path();
    fs::create_dir(d.join("work")).unwrap();
    fs::write(d.join("a.toml"), SMALL).unwrap();
    fs::rename(d.join("a.toml"), d.join("work/a.toml")).unwrap();
    fs::write(d.join("outside.txt"), "outside").unwrap();
    // A path with .. that leaves the assessment's folder: stored in full, and said so.
    capra(d)
        .args([
            "evidence",
            "add",
            "work/a.toml",
            "--title",
            "Outside",
            "--kind",
            "document",
            "--path",
            "work/../outside.txt",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "lies outside the assessment file's folder",
        ));
    let text = fs::read_to_string(d.join("work/a.toml")).unwrap();
    let abs = fs::canonicalize(d.join("outside.txt")).unwrap();
    assert!(
        text.contains(&format!("path = \"{}\"", abs.display())),
        "{text}"
    );
    // A symbolic link: the target's hash is recorded, and the link is named.
    std::os::unix::fs::symlink(d.join("outside.txt"), d.join("work/link.txt")).unwrap();
    capra(d)
        .args([
            "evidence",
            "add",
            "work/a.toml",
            "--title",
            "Link",
            "--kind",
            "record",
            "--path",
            "work/link.txt",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("is a symbolic link to"));
    let hash = capra::model::sha256_hex(b"outside");
    let text = fs::read_to_string(d.join("work/a.toml")).unwrap();
    assert_eq!(
        text.matches(&hash).count(),
        2,
        "both carry the same file's hash"
    );
    // A path that does not exist: recorded without a hash, and said so.
    capra(d)
        .args([
            "evidence",
            "add",
            "work/a.toml",
            "--title",
            "Gone",
            "--kind",
            "document",
            "--path",
            "nowhere.pdf",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("cannot be read"));
}

#[test]
fn escape_sequences_never_reach_the_terminal_from_the_command_line() {
    let (dir, _) = setup();
    let d = dir.path();
    // A model whose texts carry escape sequences (clear screen, set title, bell).
    let tiny = include_str!("../fixtures/tiny-model.toml")
        .replace(
            "Keep the lights on",
            "Keep \\u001b[2J\\u001b]0;pwned\\u0007 the lights on",
        )
        .replace(
            "Services the office relies on stay available.",
            "\\u001b[31mred\\u001b[0m",
        );
    fs::write(d.join("evil.toml"), tiny).unwrap();
    for args in [
        vec!["--models", "evil.toml", "model", "show", "tiny"],
        vec![
            "--models",
            "evil.toml",
            "model",
            "show",
            "tiny",
            "--process",
            "TINY.1",
        ],
        vec!["--models", "evil.toml", "model", "list"],
    ] {
        let out = capra(d).args(&args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            !stdout.contains('\u{1b}'),
            "{args:?} printed an escape:\n{stdout}"
        );
        assert!(!stdout.contains('\u{7}'));
        if args.contains(&"show") {
            assert!(stdout.contains("Keep \u{FFFD}[2J"), "{args:?}: {stdout}");
        }
    }
    // A note with escapes, set through the command line, then shown by `capra check`.
    capra(d)
        .args([
            "rate",
            "a.toml",
            "ISMS.CORE.3",
            "PA3.1",
            "P",
            "--note",
            "\u{1b}[2Jgone",
        ])
        .assert()
        .success();
    let out = capra(d).args(["check", "a.toml"]).output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\u{1b}'));
    // The JSON keeps the note exactly (escaped as JSON), since a program reads it.
    let out = capra(d)
        .args(["score", "a.toml", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["processes"][0]["attributes"][3]["note"], "\u{1b}[2Jgone");
}

#[test]
fn formula_injection_through_the_command_line_is_neutralised_in_csv() {
    let (dir, _) = setup();
    let d = dir.path();
    for (attr, note) in [
        ("PA3.1", "=cmd|' /C calc'!A0"),
        ("PA3.2", "@SUM(1+1)*cmd|' /C calc'!A0"),
        ("PA2.2", "+1+1"),
        ("PA2.1", "-2+3"),
    ] {
        capra(d)
            .args(["rate", "a.toml", "ISMS.CORE.3", attr, "P", "--note", note])
            .assert()
            .success();
    }
    // Notes reach the CSV only in the team's internal report.
    capra(d)
        .args(["report", "a.toml", "--csv", "csv", "--include-notes"])
        .assert()
        .success();
    let mut r = csv::Reader::from_path(d.join("csv/ratings.csv")).unwrap();
    let note = r
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "note")
        .unwrap();
    let notes: Vec<String> = r.records().map(|x| x.unwrap()[note].to_string()).collect();
    for n in [
        "'=cmd|' /C calc'!A0",
        "'@SUM(1+1)*cmd|' /C calc'!A0",
        "'+1+1",
        "'-2+3",
    ] {
        assert!(notes.iter().any(|x| x == n), "{n} not in {notes:?}");
    }
}
