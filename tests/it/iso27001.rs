//! ISO/IEC 27001 readiness: the ISMS model's catalogue of clauses and Annex A controls, the
//! readiness rules on crafted profiles, the Statement of Applicability (import, template, merge)
//! and the `capra clauses`, `capra controls` and `capra soa` commands.

use crate::util::{capra, json, model, parse, rate};
use capra::assessment::Assessment;
use capra::assessment::change::{self, Change};
use capra::assessment::soa::{self, SoaEntry};
use capra::iso27001::{self, Verdict};
use capra::model::{ProcessModel, check};
use std::fs;

/// The clauses of ISO/IEC 27001:2022 with requirements, as the catalogue lists them.
const CLAUSES: &[&str] = &[
    "4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "5.3", "6.1.1", "6.1.2", "6.1.3", "6.2", "6.3",
    "7.1", "7.2", "7.3", "7.4", "7.5", "8.1", "8.2", "8.3", "9.1", "9.2", "9.3", "10.1", "10.2",
];

/// Every Annex A control: A.5.1-A.5.37, A.6.1-A.6.8, A.7.1-A.7.14, A.8.1-A.8.34.
fn all_controls() -> Vec<String> {
    [(5, 37), (6, 8), (7, 14), (8, 34)]
        .iter()
        .flat_map(|&(s, n)| (1..=n).map(move |i| format!("A.{s}.{i}")))
        .collect()
}

#[test]
fn the_catalogue_lists_every_clause_and_all_93_controls_each_mapped_to_a_process() {
    let m = model();
    let clauses: Vec<&str> = m.processes.clauses.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(clauses, CLAUSES);
    let controls: Vec<String> = m
        .processes
        .controls
        .iter()
        .map(|c| c.id.to_string())
        .collect();
    assert_eq!(controls.len(), 93);
    assert_eq!(controls, all_controls());
    for e in m.processes.clauses.iter().chain(&m.processes.controls) {
        assert!(!e.title.trim().is_empty(), "{} has no title", e.id);
        assert!(!e.processes.is_empty(), "{} is mapped to no process", e.id);
        for p in &e.processes {
            assert!(m.process(&p.process).is_some(), "{}: {}", e.id, p.process);
        }
    }
    let themes = |t: &str| m.processes.controls.iter().filter(|c| c.theme == t).count();
    assert_eq!(
        [
            themes("organisational"),
            themes("people"),
            themes("physical"),
            themes("technological")
        ],
        [37, 8, 14, 34]
    );
    // Every process is behind at least one entry, and the model passes its checks.
    for p in &m.processes.processes {
        assert!(
            m.processes
                .clauses
                .iter()
                .chain(&m.processes.controls)
                .any(|e| e.processes.iter().any(|x| x.process == p.id)),
            "{} is behind no clause or control",
            p.id
        );
    }
    assert_eq!(
        check::process_model(&m.processes, Some(&m.framework)),
        vec![]
    );
}

#[test]
fn every_reference_of_a_process_is_in_the_catalogue_with_that_process() {
    let m = model();
    for p in &m.processes.processes {
        for r in &p.references {
            let number = r.trim_start_matches("ISO/IEC 27001:2022 ");
            // 7.5.1-7.5.3, 9.2.1/9.2.2 and 9.3.1-9.3.3 are one entry each.
            let entry = m
                .processes
                .clauses
                .iter()
                .chain(&m.processes.controls)
                .filter(|e| number == e.id.as_str() || number.starts_with(&format!("{}.", e.id)))
                .max_by_key(|e| e.id.len())
                .unwrap_or_else(|| panic!("{}: {r} is not in the catalogue", p.id));
            assert!(
                entry.processes.iter().any(|x| x.process == p.id),
                "{}: {r} is in the catalogue, but not with {}",
                p.id,
                p.id
            );
        }
    }
}

const TINY: &str = include_str!("../fixtures/tiny-model.toml");

#[test]
fn a_model_without_a_catalogue_loads_and_a_bad_catalogue_is_reported() {
    let plain = ProcessModel::parse(TINY).unwrap();
    assert!(plain.clauses.is_empty() && plain.controls.is_empty());
    let text = format!(
        "{TINY}\n[[controls]]\nid = \"X.1\"\ntitle = \"Nothing behind it\"\nprocesses = []\n\n\
         [[controls]]\nid = \"X.2\"\ntitle = \"Unknown process\"\n\
         processes = [{{ process = \"TINY.9\", role = \"operates\" }}]\n\n\
         [[clauses]]\nid = \"1\"\ntitle = \"Fine\"\n\
         processes = [{{ process = \"TINY.1\", role = \"defines\" }}]\n"
    );
    let m = ProcessModel::parse(&text).unwrap();
    let f = model().framework;
    let v = check::process_model(&m, Some(&f));
    let messages: Vec<String> = v.iter().map(|x| x.to_string()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages[0].contains("X.1") && messages[0].contains("mapped to no process"));
    assert!(messages[1].contains("names process TINY.9, which the model does not define"));
    // A role capra does not know is refused when the file is read.
    let bad = text.replace("role = \"defines\"", "role = \"owns\"");
    assert!(ProcessModel::parse(&bad).is_err());
}

/// An assessment of the ISMS model (R3) with the processes given, at their targets.
fn crafted(processes: &[(&str, u8)]) -> Assessment {
    let mut text = String::from(
        "schema_version = 1\n[model]\nid = \"isms\"\nversion = \"1.2.0\"\nsha256 = \"0\"\n\
         [framework]\nid = \"iso33020\"\nversion = \"1.1.0\"\nsha256 = \"0\"\n\
         [assessment]\ntitle = \"Crafted\"\nclass = 3\nrating_method = \"R3\"\n\
         aggregation = \"median-low\"\ncreated = \"2026-11-01\"\n",
    );
    for (p, t) in processes {
        text.push_str(&format!("[[processes]]\nid = \"{p}\"\ntarget = {t}\n"));
    }
    parse(&text)
}

fn rated(a: &mut Assessment, ratings: &[(&str, &str, &str)]) {
    let m = model();
    for (p, attr, r) in ratings {
        change::apply(a, &m, rate(p, attr, None, r)).unwrap();
    }
}

fn verdict(r: &iso27001::Readiness, id: &str) -> (Verdict, String) {
    let e = r.entries.iter().find(|e| e.id == id).unwrap();
    (e.verdict, e.reason.clone())
}

#[test]
fn clause_rule_performed_documented_and_at_target_for_evaluation() {
    let m = model();
    let mut a = crafted(&[("ISMS.CORE.7", 3), ("ISMS.CORE.10", 2), ("ISMS.CORE.3", 1)]);
    // 7.3 (awareness, no documented information): PA1.1 = L alone is enough, whatever the
    // target. 7.2 asks for documented information: PA2.2 not rated is short.
    rated(&mut a, &[("ISMS.CORE.7", "PA1.1", "L")]);
    let r = iso27001::clauses(&m, &capra::profile::score(&m, &a));
    assert_eq!(verdict(&r, "7.3").0, Verdict::Supported);
    let (v, why) = verdict(&r, "7.2");
    assert_eq!(v, Verdict::AtRisk);
    assert!(why.contains("PA2.2 is not rated"), "{why}");
    // 6.1.2 (documented): CORE.3 at target 1 with PA2.2 = P is at risk: documented needs L.
    rated(
        &mut a,
        &[("ISMS.CORE.3", "PA1.1", "F"), ("ISMS.CORE.3", "PA2.2", "P")],
    );
    // 9.2 (internal audit, documented, section 9): PA2.2 = L but level 1 below target 2.
    rated(
        &mut a,
        &[
            ("ISMS.CORE.10", "PA1.1", "L"),
            ("ISMS.CORE.10", "PA2.1", "F"),
            ("ISMS.CORE.10", "PA2.2", "F"),
        ],
    );
    let r = iso27001::clauses(&m, &capra::profile::score(&m, &a));
    let (v, why) = verdict(&r, "6.1.2");
    assert_eq!(v, Verdict::AtRisk);
    assert!(why.contains("PA2.2 is P"), "{why}");
    let (v, why) = verdict(&r, "9.2");
    assert_eq!(v, Verdict::AtRisk);
    assert!(why.contains("below its target 2"), "{why}");
    // 9.3 (GOV.2, CORE.12, SUP.4): none in scope.
    let (v, why) = verdict(&r, "9.3");
    assert_eq!(v, Verdict::NotAssessed);
    assert!(why.contains("not in scope"), "{why}");
    // PA1.1 = F makes CORE.10 level 2, its target: 9.2 supported.
    rated(&mut a, &[("ISMS.CORE.10", "PA1.1", "F")]);
    let r = iso27001::clauses(&m, &capra::profile::score(&m, &a));
    assert_eq!(verdict(&r, "9.2").0, Verdict::Supported);
    // 6.1.1 (CORE.3 and CORE.4): CORE.3 meets the rule, CORE.4 is out of scope.
    let (v, why) = verdict(&r, "6.1.1");
    assert_eq!(v, Verdict::Supported);
    assert!(why.contains("not in scope: ISMS.CORE.4"), "{why}");
    assert_eq!(
        r.counts.supported + r.counts.at_risk + r.counts.not_assessed,
        25
    );
}

#[test]
fn control_rule_level_one_and_target() {
    let m = model();
    let mut a = crafted(&[("ISMS.CORE.10", 2), ("ISMS.CORE.7", 1), ("ISMS.CORE.9", 1)]);
    let r = iso27001::controls(&m, &capra::profile::score(&m, &a), &[]);
    assert_eq!(r.entries.len(), 93);
    assert_eq!(verdict(&r, "A.5.35").0, Verdict::NotAssessed);
    // A.5.35 rests on CORE.10 alone: level 1, target 2.
    rated(&mut a, &[("ISMS.CORE.10", "PA1.1", "F")]);
    // A.6.3 on CORE.7: PA1.1 = P is level 0.
    rated(&mut a, &[("ISMS.CORE.7", "PA1.1", "P")]);
    // A.8.32 on CORE.9: level 1, target 1.
    rated(&mut a, &[("ISMS.CORE.9", "PA1.1", "L")]);
    let r = iso27001::controls(&m, &capra::profile::score(&m, &a), &[]);
    let (v, why) = verdict(&r, "A.5.35");
    assert_eq!(v, Verdict::AtRisk);
    assert!(why.contains("at level 1, below its target 2"), "{why}");
    let (v, why) = verdict(&r, "A.6.3");
    assert_eq!(v, Verdict::AtRisk);
    assert!(why.contains("not performed"), "{why}");
    assert_eq!(verdict(&r, "A.8.32").0, Verdict::Supported);
    // Catalogue order without a SoA.
    assert_eq!(r.entries[0].id, "A.5.1");
}

#[test]
fn a_statement_of_applicability_leaves_out_excluded_controls_and_puts_at_risk_first() {
    let m = model();
    let mut a = crafted(&[("ISMS.CORE.10", 2), ("ISMS.CORE.9", 1)]);
    rated(
        &mut a,
        &[
            ("ISMS.CORE.10", "PA1.1", "F"),
            ("ISMS.CORE.9", "PA1.1", "F"),
        ],
    );
    let row = |c: &str, yes: bool| SoaEntry {
        control: c.into(),
        applicable: yes,
        justification: String::new(),
        implementation: String::new(),
    };
    let soa = vec![
        row("A.5.1", false),
        row("A.5.35", true),
        row("A.8.32", true),
    ];
    let r = iso27001::controls(&m, &capra::profile::score(&m, &a), &soa);
    assert_eq!(r.entries.len(), 92);
    assert_eq!(r.counts.excluded, 1);
    assert!(r.entries.iter().all(|e| e.id != "A.5.1"));
    let first_not_at_risk = r
        .entries
        .iter()
        .position(|e| e.verdict != Verdict::AtRisk)
        .unwrap();
    assert!(
        r.entries[first_not_at_risk..]
            .iter()
            .all(|e| e.verdict != Verdict::AtRisk)
    );
    assert!(
        r.entries[..first_not_at_risk]
            .iter()
            .any(|e| e.id == "A.5.35")
    );
}

fn ids() -> Vec<String> {
    all_controls()
}

#[test]
fn soa_csv_good_bad_and_excel() {
    let all = ids();
    let ids: Vec<&str> = all.iter().map(String::as_str).collect();
    let good = "control,applicable,justification,implementation\n\
                A.5.7,yes,Threats change fast,implemented\n\
                a.8.2,no,\"No admins, all outsourced\",\n\
                5.1,Y,,planned\n";
    let rows = soa::parse_csv(good.as_bytes(), &ids).unwrap();
    assert_eq!(
        rows.iter().map(|r| r.control.as_str()).collect::<Vec<_>>(),
        ["A.5.1", "A.5.7", "A.8.2"]
    );
    assert!(!rows[2].applicable);
    assert_eq!(rows[2].justification, "No admins, all outsourced");
    let bad = "control,applicable,justification,implementation\n\
               A.5.7,yes,,\n\
               A.9.1,yes,,\n\
               A.5.8,,,\n\
               A.5.9,maybe,,\n\
               A.5.7,no,,\n";
    let errors = soa::parse_csv(bad.as_bytes(), &ids).unwrap_err();
    let lines: Vec<u64> = errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [3, 4, 5, 6], "{errors:?}");
    assert!(errors[0].message.contains("unknown control A.9.1"));
    assert!(errors[1].message.contains("applicable is missing"));
    assert!(errors[3].message.contains("listed twice"));
    let excel = "\u{feff}Control;Applicable;Justification;Implementation\r\n\
                 A.5.7;yes;Feeds from CERT, used weekly;implemented\r\n\
                 A.7.4;no;\"No premises; fully remote\";\r\n";
    let rows = soa::parse_csv(excel.as_bytes(), &ids).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].justification, "Feeds from CERT, used weekly");
    assert_eq!(rows[1].justification, "No premises; fully remote");
}

/// A temporary folder with the 2026 example as a.toml.
fn example() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.toml");
    fs::write(&file, crate::util::EXAMPLE).unwrap();
    (dir, file)
}

#[test]
fn soa_import_stores_it_and_controls_use_it() {
    let (dir, file) = example();
    fs::write(
        dir.path().join("soa.csv"),
        "\u{feff}control;applicable;justification;implementation\n\
         A.7.1;no;No premises of our own;\n\
         A.5.35;yes;;implemented\n",
    )
    .unwrap();
    let out = capra(dir.path())
        .args(["soa", "import", "a.toml", "soa.csv"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stored = parse(&fs::read_to_string(&file).unwrap());
    assert_eq!(stored.soa.len(), 2);
    assert_eq!(stored.soa[0].control.as_str(), "A.5.35");
    assert!(!stored.soa[1].applicable);
    let v = json(dir.path(), &["controls", "a.toml", "--format", "json"]);
    let entries = v["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 92);
    assert_eq!(v["counts"]["excluded"], 1);
    assert!(entries.iter().all(|e| e["id"] != "A.7.1"));
    // --soa wins over the stored one: an empty SoA file (header only) excludes nothing.
    fs::write(dir.path().join("none.csv"), "control,applicable\n").unwrap();
    let v = json(
        dir.path(),
        &[
            "controls", "a.toml", "--soa", "none.csv", "--format", "json",
        ],
    );
    assert_eq!(v["entries"].as_array().unwrap().len(), 93);
    // The stored SoA survives a three-way merge where only THEIRS changed it.
    let m = model();
    let base = parse(crate::util::EXAMPLE);
    let merged = capra::track::merge3(&m, Some(&base), &base, &stored).unwrap();
    assert_eq!(merged.assessment.soa, stored.soa);
    assert!(merged.conflicts.is_empty());
    // `capra merge` keeps the first file's SoA and notes one that differs.
    let mut other = stored.clone();
    other.soa.pop();
    let merged = capra::track::merge(
        &m,
        &[
            ("ana".into(), &base),
            ("ben".into(), &stored),
            ("cem".into(), &other),
        ],
        "Team".into(),
    )
    .unwrap();
    assert_eq!(merged.assessment.soa, stored.soa);
    assert!(
        merged
            .notes
            .iter()
            .any(|n| n.starts_with("cem:") && n.contains("differs from ben's")),
        "{:?}",
        merged.notes
    );
    // A follow-up assessment carries the SoA over.
    let next = capra::track::seed(
        &m,
        &stored,
        "Next".into(),
        "2027-11-01".into(),
        "a.toml".into(),
        false,
    );
    assert_eq!(next.soa, stored.soa);
    // Change::SetSoa refuses a control the catalogue lacks; its inverse restores the old list.
    let mut c = stored.clone();
    let bad = vec![SoaEntry {
        control: "A.9.9".into(),
        applicable: true,
        justification: String::new(),
        implementation: String::new(),
    }];
    assert!(change::apply(&mut c, &m, Change::SetSoa(bad)).is_err());
    let inverse = change::apply(&mut c, &m, Change::SetSoa(Vec::new())).unwrap();
    assert!(c.soa.is_empty());
    change::apply(&mut c, &m, inverse).unwrap();
    assert_eq!(c.soa, stored.soa);
    // Both sides changed one row, different fields: merged field by field.
    let mut b = base.clone();
    b.soa = vec![stored.soa[1].clone()]; // A.7.1, not applicable
    let mut ours = b.clone();
    ours.soa[0].applicable = true;
    let mut theirs = b.clone();
    theirs.soa[0].implementation = "gone".into();
    let merged = capra::track::merge3(&m, Some(&b), &ours, &theirs).unwrap();
    assert!(merged.conflicts.is_empty());
    let row = &merged.assessment.soa[0];
    assert!(row.applicable);
    assert_eq!(row.implementation, "gone");
    // The justification edited two ways: both kept, a conflict reported.
    let mut ours = b.clone();
    ours.soa[0].justification = "Fully remote".into();
    let mut theirs = b.clone();
    theirs.soa[0].justification = "Shared office, landlord's controls".into();
    let merged = capra::track::merge3(&m, Some(&b), &ours, &theirs).unwrap();
    assert_eq!(merged.conflicts.len(), 1);
    let j = &merged.assessment.soa[0].justification;
    assert!(
        j.starts_with("Fully remote") && j.contains(capra::track::OTHER),
        "{j}"
    );
    assert!(j.contains("landlord"), "{j}");
}

#[test]
fn soa_import_with_bad_rows_names_them_and_changes_nothing() {
    let (dir, file) = example();
    let before = fs::read(&file).unwrap();
    fs::write(
        dir.path().join("soa.csv"),
        "control,applicable,justification,implementation\n\
         A.5.7,yes,,\n\
         A.5.99,yes,,\n\
         A.6.1,perhaps,,\n",
    )
    .unwrap();
    let out = capra(dir.path())
        .args(["soa", "import", "a.toml", "soa.csv"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("soa.csv:3: unknown control A.5.99"), "{err}");
    assert!(
        err.contains("soa.csv:4: A.6.1: applicable is \"perhaps\""),
        "{err}"
    );
    assert!(err.contains("nothing imported"), "{err}");
    assert_eq!(fs::read(&file).unwrap(), before);
}

#[test]
fn soa_template_lists_every_control_and_an_unfilled_one_is_refused() {
    let (dir, file) = example();
    let before = fs::read(&file).unwrap();
    let out = capra(dir.path())
        .args(["soa", "template", "-o", "soa.csv"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut r = csv::Reader::from_path(dir.path().join("soa.csv")).unwrap();
    let headers: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        headers,
        [
            "control",
            "applicable",
            "justification",
            "implementation",
            "title"
        ]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 93);
    assert_eq!(&rows[6][0], "A.5.7");
    assert_eq!(&rows[6][4], "Threat intelligence");
    let out = capra(dir.path())
        .args(["soa", "import", "a.toml", "soa.csv"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("93 bad row(s)"));
    assert_eq!(fs::read(&file).unwrap(), before);
    // The template is never written over an existing file.
    let again = capra(dir.path())
        .args(["soa", "template", "-o", "soa.csv"])
        .output()
        .unwrap();
    assert!(!again.status.success());
}

#[test]
fn clauses_and_controls_print_json_and_csv() {
    let (dir, _file) = example();
    let v = json(dir.path(), &["clauses", "a.toml", "--format", "json"]);
    let entries = v["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 25);
    for e in entries {
        assert!(
            ["supported", "at_risk", "not_assessed"].contains(&e["verdict"].as_str().unwrap()),
            "{e}"
        );
        assert!(!e["reason"].as_str().unwrap().is_empty());
    }
    let out = capra(dir.path())
        .args(["controls", "a.toml", "--format", "csv"])
        .output()
        .unwrap();
    assert!(out.status.success());
    // The report's controls.csv: the assessment's title and date first.
    let mut r = csv::Reader::from_reader(&out.stdout[..]);
    let head: Vec<&str> = r.headers().unwrap().iter().take(3).collect();
    assert_eq!(head, ["assessment_title", "assessment_date", "id"]);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 93);
    assert_eq!(&rows[6][2], "A.5.7");
    assert!(["supported", "at risk", "not assessed"].contains(&&rows[6][6]));
    let check = capra(dir.path())
        .args([
            "model",
            "check",
            concat!(env!("CARGO_MANIFEST_DIR"), "/models/isms.toml"),
        ])
        .output()
        .unwrap();
    assert!(check.status.success());
    assert!(
        String::from_utf8_lossy(&check.stdout)
            .contains("a catalogue of 25 clauses and 93 controls. No problems found.")
    );
    let table = capra(dir.path())
        .args(["clauses", "a.toml"])
        .output()
        .unwrap();
    assert!(table.status.success());
    assert!(String::from_utf8_lossy(&table.stdout).contains("clause 9.2"));
}

#[test]
fn a_hand_edited_soa_is_checked_with_its_line() {
    let (dir, file) = example();
    let text = format!(
        "{}\n[[soa]]\ncontrol = \"A.5.7\"\napplicable = true\n\n[[soa]]\ncontrol = \"A.7.99\"\napplicable = false\n",
        crate::util::EXAMPLE
    );
    fs::write(&file, &text).unwrap();
    let line = text.lines().position(|l| l.contains("A.7.99")).unwrap() + 1;
    let out = capra(dir.path())
        .args(["score", "a.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!(
            "a.toml:{line}: soa: control A.7.99 is not in the catalogue of model isms"
        )),
        "{err}"
    );
}
