//! `capra set` and `capra get`: the inputs and the `[report]` settings, round trips, and
//! refusals that leave the file byte for byte as it was.

use crate::util::{capra, setup};
use std::fs;

fn get(dir: &std::path::Path, file: &str, key: &str) -> String {
    let out = capra(dir).args(["get", file, key]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .trim_end()
        .to_string()
}

#[test]
fn set_and_get_round_trip_inputs_and_report_settings() {
    let (dir, _) = setup();
    let d = dir.path();
    for (key, value) in [
        ("purpose", "Baseline, before the audit"),
        ("class", "2"),
        ("start", "2026-10-19"),
        ("require_validation", "false"),
        ("report.organisation", "Łucja & Söhne GmbH"),
        ("report.consultancy", "Halvorsen Assurance"),
        ("report.version", "1.2"),
        ("report.classification", "Confidential"),
        ("report.issue_date", "2026-12-03"),
        ("report.status", "draft"),
        ("report.executive_summary", "Two lines\nof summary"),
        ("report.logo", "logo.png"),
    ] {
        capra(d)
            .args(["set", "a.toml", key, value])
            .assert()
            .success();
        assert_eq!(get(d, "a.toml", key), value, "{key}");
    }
    // One value is a comma list; several values are taken whole.
    capra(d)
        .args(["set", "a.toml", "report.distribution", "Board, CISO"])
        .assert()
        .success();
    assert!(
        fs::read_to_string(d.join("a.toml"))
            .unwrap()
            .contains("distribution = [\"Board\", \"CISO\"]")
    );
    capra(d)
        .args([
            "set",
            "a.toml",
            "report.distribution",
            "Dr. H. Vogel, COO",
            "Auditor",
        ])
        .assert()
        .success();
    assert_eq!(
        get(d, "a.toml", "report.distribution"),
        "Dr. H. Vogel, COO, Auditor"
    );
    capra(d)
        .args([
            "set",
            "a.toml",
            "report.sign_off",
            "Dr. H. Vogel; COO; 2026-12-01",
            "Jonas Berg",
        ])
        .assert()
        .success();
    assert_eq!(
        get(d, "a.toml", "report.sign_off"),
        "Dr. H. Vogel; COO; 2026-12-01, Jonas Berg"
    );
    let text = fs::read_to_string(d.join("a.toml")).unwrap();
    assert!(
        text.contains("[report]\norganisation = \"Łucja & Söhne GmbH\""),
        "{text}"
    );
    assert!(text.contains(
        "[[report.sign_off]]\nname = \"Dr. H. Vogel\"\nrole = \"COO\"\ndate = \"2026-12-01\""
    ));
    // The file still loads, and `get` lists every key as key = value.
    let out = capra(d).args(["get", "a.toml"]).output().unwrap();
    let all = String::from_utf8(out.stdout).unwrap();
    assert!(all.contains("class = 2\n"), "{all}");
    assert!(all.contains("report.distribution = [\"Dr. H. Vogel, COO\", \"Auditor\"]\n"));
    assert!(all.contains("report.conclusions = \"\"\n"));
    // One empty value removes an optional key.
    capra(d)
        .args(["set", "a.toml", "report.logo", ""])
        .assert()
        .success();
    assert_eq!(get(d, "a.toml", "report.logo"), "");
    assert!(
        !fs::read_to_string(d.join("a.toml"))
            .unwrap()
            .contains("logo")
    );
}

#[test]
fn bad_values_are_refused_and_the_file_is_unchanged() {
    let (dir, file) = setup();
    let d = dir.path();
    let before = fs::read(&file).unwrap();
    for (args, says) in [
        (vec!["class", "7"], "use 1, 2 or 3"),
        (vec!["class", "two"], "class takes 1, 2 or 3"),
        (
            vec!["report.status", "finished"],
            "expected `draft` or `final`",
        ),
        (
            vec!["report.issue_date", "3 Dec"],
            "report.issue_date '3 Dec' is not a date",
        ),
        (
            vec!["start", "2026-13-01"],
            "start date '2026-13-01' is not a date",
        ),
        (vec!["report.logo", "logo.gif"], "not a PNG or JPEG"),
        (vec!["report.font", "Comic.woff"], ".ttf, .otf or .ttc"),
        (vec!["title", ""], "title"),
        (vec!["require_validation", "maybe"], "true or false"),
        (vec!["report.sign_off", "; COO"], "report.sign_off takes"),
        (vec!["nonsense", "x"], "'nonsense' is not a key capra sets"),
        (vec!["purpose", "a", "b"], "purpose takes a text"),
    ] {
        let mut all = vec!["set", "a.toml"];
        all.extend(&args);
        let out = capra(d).args(&all).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(err.contains("Nothing was changed"), "{err}");
        assert_eq!(
            fs::read(&file).unwrap(),
            before,
            "{args:?} changed the file"
        );
    }
}

#[test]
fn final_status_is_refused_while_the_report_would_be_a_draft() {
    let (dir, file) = setup();
    let d = dir.path();
    let before = fs::read(&file).unwrap();
    let out = capra(d)
        .args(["set", "a.toml", "report.status", "final"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("would still be a draft"), "{err}");
    assert!(err.contains("ISMS.CORE.3 Information security risk assessment: 2 of the 5 attribute ratings its target needs not given"), "the list names what is open: {err}");
    assert!(err.contains("consistency warning(s) open"), "{err}");
    assert!(err.contains("--force REASON"), "{err}");
    assert_eq!(fs::read(&file).unwrap(), before);
    // --force records the reason; setting draft again drops it.
    capra(d)
        .args([
            "set",
            "a.toml",
            "report.status",
            "final",
            "--force",
            "Sponsor accepts the gaps",
        ])
        .assert()
        .success();
    assert_eq!(get(d, "a.toml", "report.status"), "final");
    assert_eq!(
        get(d, "a.toml", "report.final_override"),
        "Sponsor accepts the gaps"
    );
    capra(d)
        .args(["set", "a.toml", "report.status", "draft"])
        .assert()
        .success();
    assert_eq!(get(d, "a.toml", "report.final_override"), "");
}

#[test]
fn a_bad_report_setting_in_the_file_is_named_with_its_line() {
    let (dir, file) = setup();
    let d = dir.path();
    let mut text = fs::read_to_string(&file).unwrap();
    let at = text.find("\n[[").unwrap_or(text.len());
    text.insert_str(at, "\n\n[report]\nissue_date = \"soon\"\n");
    let line = text[..text.find("issue_date").unwrap()].lines().count() + 1;
    fs::write(&file, &text).unwrap();
    let out = capra(d).args(["get", "a.toml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!(
            "a.toml:{line}: report.issue_date 'soon' is not a date"
        )),
        "{err}"
    );
}

#[test]
fn the_team_is_set_one_member_a_value_and_a_bad_role_is_refused() {
    let (dir, _) = setup();
    let d = dir.path();
    capra(d)
        .args([
            "set",
            "a.toml",
            "team",
            "Ana Silva; lead-assessor; Halvorsen Assurance",
            "Ben Ode; assessor",
        ])
        .assert()
        .success();
    assert_eq!(
        get(d, "a.toml", "team"),
        "Ana Silva; lead-assessor; Halvorsen Assurance, Ben Ode; assessor"
    );
    let text = fs::read_to_string(d.join("a.toml")).unwrap();
    assert!(
        text.contains("[[team]]\nname = \"Ben Ode\"\nrole = \"assessor\""),
        "{text}"
    );
    let out = capra(d)
        .args(["set", "a.toml", "team", "Cleo; boss"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("team takes") && err.contains("lead-assessor"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(d.join("a.toml")).unwrap(), text);
}
