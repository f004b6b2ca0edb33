//! `capra suggest`: candidate actions from the model's text for processes below target, and
//! `--add`, which puts chosen ones in the plan as proposed actions.

use crate::util::{capra, json, parse, setup};
use predicates::prelude::*;
use std::fs;
use std::path::Path;

fn process<'a>(v: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    v["processes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["process"] == id)
        .unwrap_or_else(|| panic!("no {id} in {v:#}"))
}

fn attribute<'a>(p: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    p["attributes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["attribute"] == id)
        .unwrap_or_else(|| panic!("no {id} in {p:#}"))
}

fn items(a: &serde_json::Value) -> Vec<String> {
    a["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["item"].as_str().unwrap().to_string())
        .collect()
}

fn numbers(v: &serde_json::Value) -> Vec<u64> {
    v["processes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["attributes"].as_array().unwrap())
        .flat_map(|a| a["suggestions"].as_array().unwrap())
        .map(|s| s["number"].as_u64().unwrap())
        .collect()
}

#[test]
fn northwind_gets_generic_and_base_practices_by_their_model_ids() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let file = "assessments/northwind-2026.toml";
    let v = json(root, &["suggest", file, "--format", "json"]);
    // ISMS.GOV.1 is at level 2 of target 3: PA2.1 (L+) needs F; nothing is characterised, so
    // every generic practice of PA2.1 is suggested, in model order.
    let gov1 = process(&v, "ISMS.GOV.1");
    assert_eq!(gov1["capability_level"], 2);
    assert_eq!(gov1["next_level"], 3);
    let pa21 = attribute(gov1, "PA2.1");
    assert_eq!(pa21["rating"], "L+");
    assert_eq!(pa21["needs"], "F");
    assert_eq!(pa21["characterised"], false);
    assert!(
        pa21["note"]
            .as_str()
            .unwrap()
            .contains("nothing under PA2.1 is characterised"),
        "{pa21:#}"
    );
    assert_eq!(
        items(pa21),
        (1..=8).map(|k| format!("GP2.1.{k}")).collect::<Vec<_>>()
    );
    let gp212 = &pa21["suggestions"][1];
    assert_eq!(gp212["text"], "GP2.1.2: Plan the process");
    assert_eq!(gp212["kind"], "generic practice");
    assert_eq!(gp212["state"], "not characterised");
    assert_eq!(gp212["serves"], serde_json::json!(["PA2.1.b"]));
    // Level 3 attributes are blocked too (P, needs L or F).
    assert_eq!(attribute(gov1, "PA3.1")["needs"], "L");
    // ISMS.CORE.2 is at level 1: PA1.1 (L) needs F; its base practices are suggested.
    let core2 = process(&v, "ISMS.CORE.2");
    let pa11 = attribute(core2, "PA1.1");
    assert!(items(pa11).iter().all(|i| i.starts_with("BP")), "{pa11:#}");
    assert_eq!(
        pa11["suggestions"][0]["text"],
        "BP1: Identify interested parties"
    );
    // A process with PA1.1 not rated: rate it first, nothing to suggest for it.
    let core9 = process(&v, "ISMS.CORE.9");
    let a = attribute(core9, "PA1.1");
    assert_eq!(a["to_rate"], true);
    assert_eq!(a["note"], "rate PA1.1 first");
    assert!(items(a).is_empty());
    // Processes at target are not listed, only named.
    assert!(
        v["at_or_above_target"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("ISMS.CORE.1"))
    );
    assert!(
        v["processes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["process"] != "ISMS.CORE.1")
    );
    // Numbers run 1, 2, ... in order: processes in model order, attributes in level order.
    let n = numbers(&v);
    assert_eq!(n, (1..=n.len() as u64).collect::<Vec<_>>());
    let order: Vec<&str> = v["processes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["process"].as_str().unwrap())
        .collect();
    assert_eq!(&order[..3], ["ISMS.GOV.1", "ISMS.CORE.2", "ISMS.CORE.3"]);
    // The table says the same in words.
    capra(root)
        .args(["suggest", file])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "ISMS.GOV.1 Governance / management interface: level 2 of target 3; for level 3:",
        ))
        .stdout(predicate::str::contains("PA2.1 is L+, needs F"))
        .stdout(predicate::str::contains("2  GP2.1.2: Plan the process"))
        .stdout(predicate::str::contains(
            "PA1.1 is not rated, needs L or F (rate PA1.1 first)",
        ))
        .stdout(predicate::str::contains("At or above target: ISMS.GOV.2"));
}

/// A user's own process model, used with the shipped framework.
const OWN_MODEL: &str = r#"
[model]
id = "office"
name = "Small office IT"
version = "0.1.0"
framework = "iso33020"
max_level = 2
domain = "The IT of a small office"
context = "A small office looking at how it keeps its data safe."
community = "The office manager and whoever looks after the office's IT."
conformity = "Written to the ISO/IEC 33004 rules that capra model check applies."

[[categories]]
id = "ops"
name = "Operations"

[[processes]]
id = "OFF.1"
category = "ops"
name = "Backups"
purpose = "Data the office needs can be restored after a loss."

[[processes.outcomes]]
id = "O1"
text = "Every system holding office data is backed up on a schedule."

[[processes.outcomes]]
id = "O2"
text = "Restores are tested and work."

[[processes.base_practices]]
id = "BP1"
name = "Schedule the backups"
text = "List the systems with office data and back each up on a schedule."
outcomes = ["O1"]

[[processes.base_practices]]
id = "BP2"
name = "Test a restore every quarter"
text = "Restore a sample of files each quarter and write down whether it worked."
outcomes = ["O2"]
"#;

#[test]
fn a_users_own_model_gets_suggestions_from_its_own_text() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("office.toml"), OWN_MODEL).unwrap();
    let run = |args: &[&str]| {
        let mut all = vec!["--models", "office.toml"];
        all.extend_from_slice(args);
        capra(d).args(&all).assert().success();
    };
    run(&[
        "new", "--model", "office", "--title", "Office", "--target", "2", "-o", "o.toml",
    ]);
    run(&["rate", "o.toml", "OFF.1", "PA1.1", "L"]);
    // Nothing characterised: every base practice of the model, worded by its name.
    let v = json(
        d,
        &[
            "--models",
            "office.toml",
            "suggest",
            "o.toml",
            "--format",
            "json",
        ],
    );
    let pa11 = attribute(process(&v, "OFF.1"), "PA1.1");
    let texts: Vec<&str> = pa11["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "BP1: Schedule the backups",
            "BP2: Test a restore every quarter"
        ]
    );
    // O1 characterised F, O2 P: O2 comes first, as a thing to do; BP1 serves only O1, which
    // meets the need, so it is left out; BP2 (not characterised) follows.
    run(&["characterise", "o.toml", "OFF.1", "O1", "F"]);
    run(&["characterise", "o.toml", "OFF.1", "O2", "P"]);
    let v = json(
        d,
        &[
            "--models",
            "office.toml",
            "suggest",
            "o.toml",
            "--format",
            "json",
        ],
    );
    let pa11 = attribute(process(&v, "OFF.1"), "PA1.1");
    assert_eq!(items(pa11), ["O2", "BP2"]);
    assert_eq!(
        pa11["suggestions"][0]["text"],
        "O2: make sure that restores are tested and work."
    );
    assert_eq!(pa11["suggestions"][0]["state"], "characterised P, needs F");
    assert_eq!(pa11["suggestions"][1]["state"], "not characterised");
    // PA2.1 and PA2.2 are not rated: rate them first.
    assert_eq!(attribute(process(&v, "OFF.1"), "PA2.1")["to_rate"], true);
    // And the table, through --add, makes an action of the model's words.
    capra(d)
        .args(["--models", "office.toml", "suggest", "o.toml", "--add", "2"])
        .assert()
        .success()
        .stdout("A-001\n");
    let a = parse(&fs::read_to_string(d.join("o.toml")).unwrap());
    assert_eq!(a.actions[0].title, "BP2: Test a restore every quarter");
    assert!(
        a.actions[0]
            .description
            .contains("Restore a sample of files each quarter")
    );
}

#[test]
fn add_makes_proposed_actions_with_history_once() {
    let (dir, file) = setup();
    let d = dir.path();
    let out = capra(d)
        .args([
            "--assessor",
            "Ana Ruiz",
            "suggest",
            "a.toml",
            "--add",
            "1",
            "3",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "A-001\nA-002\n");
    let a = parse(&fs::read_to_string(&file).unwrap());
    assert_eq!(a.actions.len(), 2);
    let today = capra::fsio::today();
    for (x, gp) in a.actions.iter().zip(["GP2.1.1", "GP2.1.3"]) {
        assert_eq!(x.status, capra::assessment::ActionStatus::Proposed);
        assert!(x.title.starts_with(&format!("{gp}: ")), "{}", x.title);
        assert_eq!(x.process.as_ref().map(|p| p.as_str()), Some("ISMS.CORE.3"));
        assert_eq!(
            x.attributes.iter().map(|a| a.as_str()).collect::<Vec<_>>(),
            ["PA2.1"]
        );
        assert!(
            x.description.contains(
                "Why: ISMS.CORE.3 is at level 2 of target 3; level 3 needs PA2.1 F (it is L)"
            ),
            "{}",
            x.description
        );
        assert_eq!(x.history.len(), 1);
        assert_eq!(x.history[0].by, "Ana Ruiz");
        assert_eq!(x.history[0].date.as_str(), today);
        assert_eq!(
            x.history[0].status,
            capra::assessment::ActionStatus::Proposed
        );
    }
    // The same again adds nothing, says so, and leaves the file byte for byte.
    let before = fs::read(&file).unwrap();
    capra(d)
        .args(["suggest", "a.toml", "--add", "3", "1"])
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains(
            "suggestion 1 (ISMS.CORE.3 PA2.1 GP2.1.1) is already in the plan as A-001",
        ));
    assert_eq!(fs::read(&file).unwrap(), before);
    // The listing marks them; the numbers do not move.
    capra(d)
        .args(["suggest", "a.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "3  GP2.1.3: Track the process against the plan (in the plan: A-002)",
        ));
    // --add all adds the others only.
    let total = numbers(&json(d, &["suggest", "a.toml", "--format", "json"])).len();
    capra(d)
        .args(["suggest", "a.toml", "--add", "all"])
        .assert()
        .success();
    let a = parse(&fs::read_to_string(&file).unwrap());
    assert_eq!(a.actions.len(), total);
    let mut titles: Vec<&str> = a.actions.iter().map(|x| x.title.as_str()).collect();
    titles.sort();
    titles.dedup();
    assert_eq!(titles.len(), total, "no suggestion added twice");
    capra(d)
        .args(["suggest", "a.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "The plan holds every one of them.",
        ));
}

#[test]
fn process_filter_keeps_the_numbers_of_the_whole_list() {
    let (dir, file) = setup();
    let d = dir.path();
    let all = json(d, &["suggest", "a.toml", "--format", "json"]);
    let v = json(
        d,
        &[
            "suggest",
            "a.toml",
            "--process",
            "isms.core.8",
            "--format",
            "json",
        ],
    );
    let ps = v["processes"].as_array().unwrap();
    assert_eq!(ps.len(), 1);
    assert_eq!(ps[0]["process"], "ISMS.CORE.8");
    let core8: Vec<u64> = numbers(&all)
        .into_iter()
        .filter(|n| {
            process(&all, "ISMS.CORE.8")["attributes"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|a| a["suggestions"].as_array().unwrap())
                .any(|s| s["number"] == *n)
        })
        .collect();
    assert!(!core8.is_empty());
    assert_eq!(numbers(&v), core8);
    assert!(core8[0] > 1, "ISMS.CORE.3 comes first: {core8:?}");
    // --add all with the filter takes that process's suggestions only.
    capra(d)
        .args([
            "suggest",
            "a.toml",
            "--process",
            "ISMS.CORE.8",
            "--add",
            "all",
        ])
        .assert()
        .success();
    let a = parse(&fs::read_to_string(&file).unwrap());
    assert_eq!(a.actions.len(), core8.len());
    assert!(
        a.actions
            .iter()
            .all(|x| x.process.as_ref().map(|p| p.as_str()) == Some("ISMS.CORE.8"))
    );
}

#[test]
fn nothing_to_suggest_when_every_process_reaches_its_target() {
    let (dir, _file) = setup();
    let d = dir.path();
    capra(d).args(["target", "a.toml", "0"]).assert().success();
    capra(d)
        .args(["suggest", "a.toml"])
        .assert()
        .success()
        .stdout("All processes in scope reach their target: nothing to suggest.\n");
    capra(d)
        .args(["suggest", "a.toml", "--add", "all"])
        .assert()
        .success()
        .stderr(predicate::str::contains("nothing was added"));
}

#[test]
fn bad_input_is_refused_and_the_file_is_left_alone() {
    let (dir, file) = setup();
    let d = dir.path();
    let before = fs::read(&file).unwrap();
    for (args, message) in [
        (
            vec!["suggest", "a.toml", "--process", "ISMS.NOPE.1"],
            "is not a process of model isms",
        ),
        (
            vec!["suggest", "a.toml", "--process", "ISMS.GOV.1", "--add", "1"],
            "not in the scope of this assessment",
        ),
        (
            vec!["suggest", "a.toml", "--add", "99"],
            "--add 99: no such suggestion (the suggestions are numbered 1 to",
        ),
        (
            vec!["suggest", "a.toml", "--add", "1", "99"],
            "--add 99: no such suggestion",
        ),
        (
            vec!["suggest", "a.toml", "--add", "0"],
            "not a suggestion number",
        ),
        (
            vec!["suggest", "a.toml", "--add", "two"],
            "not a suggestion number",
        ),
        (
            vec!["suggest", "a.toml", "--add", "all", "3"],
            "--add all takes no numbers",
        ),
        (
            vec![
                "suggest",
                "a.toml",
                "--process",
                "ISMS.CORE.8",
                "--add",
                "1",
            ],
            "suggestion 1 is for ISMS.CORE.3, not for the process given with --process",
        ),
    ] {
        capra(d)
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
        assert_eq!(fs::read(&file).unwrap(), before, "{args:?}");
    }
}

#[test]
fn characterisations_choose_the_items_and_a_rating_they_contradict_is_named() {
    let (dir, _file) = setup();
    let d = dir.path();
    // Every achievement of PA2.1 characterised F, while PA2.1 is rated L: nothing under it is
    // missing by the characterisations, so the rating is what to review.
    for x in ["a", "b", "c", "d", "e", "f", "g", "h"] {
        capra(d)
            .args([
                "characterise",
                "a.toml",
                "ISMS.CORE.3",
                &format!("PA2.1.{x}"),
                "F",
            ])
            .assert()
            .success();
    }
    // PA3.1 is not rated; one of its generic practices is characterised P.
    capra(d)
        .args([
            "characterise",
            "a.toml",
            "ISMS.CORE.3",
            "GP3.1.1",
            "P",
            "--note",
            "No standard process yet",
        ])
        .assert()
        .success();
    let v = json(
        d,
        &[
            "suggest",
            "a.toml",
            "--process",
            "ISMS.CORE.3",
            "--format",
            "json",
        ],
    );
    let p = process(&v, "ISMS.CORE.3");
    let pa21 = attribute(p, "PA2.1");
    assert!(items(pa21).is_empty(), "{pa21:#}");
    assert!(
        pa21["note"]
            .as_str()
            .unwrap()
            .starts_with("every item characterised under PA2.1 meets F: review the rating L"),
        "{pa21:#}"
    );
    let pa31 = attribute(p, "PA3.1");
    assert_eq!(pa31["to_rate"], true);
    assert_eq!(items(pa31), ["GP3.1.1"]);
    assert_eq!(pa31["suggestions"][0]["characterised"], "P");
    assert_eq!(
        pa31["note"],
        "rate PA3.1 first; items characterised below L or F are listed"
    );
    assert!(items(attribute(p, "PA3.2")).is_empty());
}
