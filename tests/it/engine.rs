//! The engine through its library API: models, file round trip, changes and their inverses,
//! validation messages, scores.

use crate::util::{SMALL, model, parse};
use capra::assessment::change::{self, Change, Field, Slot};
use capra::assessment::{self, Assessment, Confidence, Evidence, EvidenceKind, Review};
use capra::catalog::Catalog;
use capra::located::{Id, Located};
use capra::model::{Model, check};
use capra::profile::{self, Source};
use capra::rating::Rating;
use capra::store;
use std::path::Path;

#[test]
fn shipped_models_pass_every_check() {
    let cat = Catalog::built_in();
    assert!(cat.problems.is_empty(), "{:?}", cat.problems);
    let fw = cat.framework_entry("iso33020").unwrap();
    assert_eq!(check::framework(&fw.value), vec![]);
    let m = cat.model_entry("isms").unwrap();
    assert_eq!(check::process_model(&m.value, Some(&fw.value)), vec![]);
}

#[test]
fn shipped_framework_has_the_33020_shape() {
    let m = model();
    let ids: Vec<&str> = m.attributes().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "PA1.1", "PA2.1", "PA2.2", "PA3.1", "PA3.2", "PA4.1", "PA4.2", "PA5.1", "PA5.2"
        ]
    );
    let counts: Vec<usize> = m.attributes().map(|a| a.achievements.len()).collect();
    assert_eq!(counts, [1, 8, 4, 5, 6, 7, 5, 4, 3]);
    let names: Vec<&str> = m.framework.levels.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Incomplete",
            "Performed",
            "Managed",
            "Established",
            "Predictable",
            "Innovating"
        ]
    );
    let codes: Vec<&str> = m.framework.scale.iter().map(|s| s.code.as_str()).collect();
    for c in ["N", "P-", "P", "P+", "L-", "L", "L+", "F"] {
        assert!(codes.contains(&c), "scale lacks {c}");
    }
}

#[test]
fn shipped_isms_model_is_complete_enough_for_an_interview() {
    let m = model();
    let ids: Vec<&str> = m
        .processes
        .processes
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    let expected = [
        "ISMS.GOV.1",
        "ISMS.GOV.2",
        "ISMS.CORE.1",
        "ISMS.CORE.2",
        "ISMS.CORE.3",
        "ISMS.CORE.4",
        "ISMS.CORE.5",
        "ISMS.CORE.6",
        "ISMS.CORE.7",
        "ISMS.CORE.8",
        "ISMS.CORE.9",
        "ISMS.CORE.10",
        "ISMS.CORE.11",
        "ISMS.CORE.12",
        "ISMS.SUP.1",
        "ISMS.SUP.2",
        "ISMS.SUP.3",
        "ISMS.SUP.4",
    ];
    assert_eq!(ids, expected);
    for p in &m.processes.processes {
        let what = p.id.as_str();
        assert!(!p.description.is_empty(), "{what} description");
        assert!(p.objectives.len() >= 2, "{what} objectives");
        assert!(
            p.inputs.len() >= 2 && p.outputs.len() >= 2,
            "{what} inputs/outputs"
        );
        assert!(p.activities.len() >= 3, "{what} activities");
        assert!(
            p.references.iter().any(|r| r.contains("27001:2022")),
            "{what} references"
        );
        assert!(p.outcomes.len() >= 3, "{what} outcomes");
        assert!(p.base_practices.len() >= 3, "{what} base practices");
        assert!(p.information_items.len() >= 2, "{what} information items");
        assert!(p.guidance.questions.len() >= 3, "{what} questions");
        assert!(p.guidance.evidence.len() >= 3, "{what} typical evidence");
        let cat = p.category.as_str();
        assert!(
            ["management", "core", "support"].contains(&cat),
            "{what} category"
        );
    }
}

#[test]
fn file_round_trip_is_stable() {
    let m = model();
    let a = parse(SMALL);
    assert_eq!(assessment::validate::validate(&a, &m), vec![]);
    let text = store::to_text(&a);
    let b = store::parse(Path::new("x"), &text).unwrap();
    let text2 = store::to_text(&b);
    assert_eq!(text, text2, "load, save, load gives the same");
    // Everything said survives.
    let p = b.process("ISMS.CORE.3").unwrap();
    assert_eq!(p.ratings[0].note, "Risk register complete.");
    assert_eq!(p.ratings[0].confidence, Some(Confidence::High));
    assert_eq!(b.team[0].name.get(), "Łucja Nowak");
    assert!(text.starts_with("# capra assessment file"));
    assert!(text.contains("\nschema_version = 1\n"));
}

#[test]
fn normalize_puts_lists_in_model_order() {
    let m = model();
    let mut a = parse(SMALL);
    a.processes.reverse();
    a.processes[1].ratings.reverse();
    a.normalize(&m);
    assert_eq!(a.processes[0].id, "ISMS.CORE.3");
    let attrs: Vec<&str> = a.processes[0]
        .ratings
        .iter()
        .map(|r| r.attribute.as_str())
        .collect();
    assert_eq!(attrs, ["PA1.1", "PA2.1", "PA2.2"]);
}

/// Applies a change, checks that the inverse restores the file text exactly, and returns the
/// changed assessment.
fn apply_and_undo(a: &Assessment, c: Change) -> Assessment {
    let m = model();
    let before = store::to_text(a);
    let mut b = a.clone();
    let inverse = change::apply(&mut b, &m, c).expect("change applies");
    let mut undone = b.clone();
    let redo = change::apply(&mut undone, &m, inverse).expect("inverse applies");
    assert_eq!(store::to_text(&undone), before, "undo restores the file");
    let mut redone = undone.clone();
    change::apply(&mut redone, &m, redo).expect("redo applies");
    assert_eq!(
        store::to_text(&redone),
        store::to_text(&b),
        "redo restores the change"
    );
    b
}

fn slot(p: &str, a: &str, i: Option<&str>) -> Slot {
    Slot::new(p, a, i)
}

#[test]
fn every_change_has_an_exact_inverse() {
    let a = parse(SMALL);
    let s = slot("ISMS.CORE.3", "PA3.1", None);
    let b = apply_and_undo(
        &a,
        Change::Set {
            slot: s.clone(),
            field: Field::Rating(Some(Rating::LPlus)),
        },
    );
    assert_eq!(
        b.process("ISMS.CORE.3")
            .unwrap()
            .ratings
            .last()
            .unwrap()
            .rating(),
        Some(Rating::LPlus)
    );
    for field in [
        Field::Note("Seen: tailoring guide v2.\nMissing: roles.".into()),
        Field::Confidence(Some(Confidence::Low)),
        Field::Assessor("Ana".into()),
        Field::Evidence(vec!["E-001".into()]),
        Field::Review(Some(Review::Flagged)),
        Field::Rationale("Warehouse weighs more".into()),
        Field::Rating(None),
    ] {
        apply_and_undo(
            &a,
            Change::Set {
                slot: slot("ISMS.CORE.3", "PA1.1", None),
                field,
            },
        );
    }
    apply_and_undo(
        &a,
        Change::Set {
            slot: slot("ISMS.CORE.8", "PA2.1", Some("Warehouse")),
            field: Field::Rating(Some(Rating::P)),
        },
    );
    apply_and_undo(
        &a,
        Change::Characterise {
            process: "ISMS.CORE.3".into(),
            item: "O1".into(),
            instance: None,
            record: Some(change::CharacterisationValue {
                value: Rating::L,
                assessor: "Ana".into(),
                note: "Seen in the register".into(),
            }),
        },
    );
    apply_and_undo(
        &a,
        Change::PutEvidence(Evidence {
            id: Id::from("E-002"),
            title: "Interview with the CISO".into(),
            kind: EvidenceKind::Interview,
            location: String::new(),
            path: String::new(),
            sha256: Located::default(),
            date: Located::new("2026-11-02".into()),
            owner: String::new(),
            note: String::new(),
        }),
    );
    apply_and_undo(
        &a,
        Change::SetTarget {
            process: "ISMS.CORE.3".into(),
            target: 2,
        },
    );
    apply_and_undo(
        &a,
        Change::SetInstances {
            process: "ISMS.CORE.3".into(),
            instances: vec!["Lyon".into()],
        },
    );
    apply_and_undo(&a, Change::RemoveProcess("ISMS.CORE.8".into()));
    apply_and_undo(
        &a,
        Change::Batch(vec![
            Change::Set {
                slot: slot("ISMS.CORE.3", "PA1.1", None),
                field: Field::Rating(Some(Rating::P)),
            },
            Change::Set {
                slot: slot("ISMS.CORE.3", "PA1.1", None),
                field: Field::Note("changed".into()),
            },
        ]),
    );
}

#[test]
fn clearing_a_rating_keeps_note_and_evidence() {
    let m = model();
    let mut a = parse(SMALL);
    change::apply(
        &mut a,
        &m,
        Change::Set {
            slot: slot("ISMS.CORE.3", "PA1.1", None),
            field: Field::Rating(None),
        },
    )
    .unwrap();
    let r = &a.process("ISMS.CORE.3").unwrap().ratings[0];
    assert_eq!(r.rating(), None);
    assert_eq!(r.note, "Risk register complete.");
    assert_eq!(r.evidence.len(), 1);
    // A record with nothing left is removed.
    change::apply(
        &mut a,
        &m,
        Change::Set {
            slot: slot("ISMS.CORE.3", "PA2.2", None),
            field: Field::Rating(None),
        },
    )
    .unwrap();
    assert!(
        !a.process("ISMS.CORE.3")
            .unwrap()
            .ratings
            .iter()
            .any(|r| r.attribute == "PA2.2")
    );
}

#[test]
fn bad_changes_are_refused_and_leave_the_record_alone() {
    let m = model();
    let a = parse(SMALL);
    let cases: Vec<(Change, &str)> = vec![
        (
            Change::Set {
                slot: slot("ISMS.CORE.99", "PA1.1", None),
                field: Field::Rating(Some(Rating::F)),
            },
            "ISMS.CORE.99 is not a process of model isms",
        ),
        (
            Change::Set {
                slot: slot("ISMS.CORE.4", "PA1.1", None),
                field: Field::Rating(Some(Rating::F)),
            },
            "process ISMS.CORE.4 is not in the scope of this assessment",
        ),
        (
            Change::Set {
                slot: slot("ISMS.CORE.3", "PA6.1", None),
                field: Field::Rating(Some(Rating::F)),
            },
            "PA6.1 is not a process attribute of model isms",
        ),
        (
            Change::Set {
                slot: slot("ISMS.CORE.8", "PA1.1", Some("Paris")),
                field: Field::Rating(Some(Rating::F)),
            },
            "'Paris' is not an instance of ISMS.CORE.8 (its instances: Head office, Warehouse)",
        ),
        (
            Change::Set {
                slot: slot("ISMS.CORE.3", "PA1.1", None),
                field: Field::Evidence(vec!["E-009".into()]),
            },
            "evidence E-009 is not in the evidence register",
        ),
        (
            Change::RemoveEvidence("E-001".into()),
            "evidence E-001 is still linked from ISMS.CORE.3 PA1.1",
        ),
        (
            Change::SetTarget {
                process: "ISMS.CORE.3".into(),
                target: 6,
            },
            "target 6 is above the highest level",
        ),
        (
            Change::SetInstances {
                process: "ISMS.CORE.8".into(),
                instances: vec!["Head office".into()],
            },
            "instance 'Warehouse' of ISMS.CORE.8 still has something recorded",
        ),
        (
            Change::Characterise {
                process: "ISMS.CORE.3".into(),
                item: "O99".into(),
                instance: None,
                record: Some(change::CharacterisationValue {
                    value: Rating::F,
                    assessor: String::new(),
                    note: String::new(),
                }),
            },
            "O99 is not an outcome",
        ),
        // A batch whose second part fails is undone whole.
        (
            Change::Batch(vec![
                Change::Set {
                    slot: slot("ISMS.CORE.3", "PA1.1", None),
                    field: Field::Note("lost?".into()),
                },
                Change::Set {
                    slot: slot("ISMS.CORE.3", "PA9.9", None),
                    field: Field::Rating(Some(Rating::F)),
                },
            ]),
            "PA9.9 is not a process attribute",
        ),
    ];
    let before = store::to_text(&a);
    for (c, expected) in cases {
        let mut b = a.clone();
        let err = change::apply(&mut b, &m, c).expect_err(expected);
        assert!(
            err.to_string().contains(expected),
            "got '{err}', expected '{expected}'"
        );
        assert_eq!(
            store::to_text(&b),
            before,
            "refused change left a trace: {expected}"
        );
    }
}

/// The line a problem points at, and its message.
fn problems(text: &str) -> Vec<(usize, String)> {
    let m = model();
    let a = parse(text);
    let lines = capra::located::Lines::new(text);
    assessment::validate::validate(&a, &m)
        .into_iter()
        .map(|p| (lines.line_of(p.span).unwrap_or(0), p.message))
        .collect()
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn validation_names_the_line_and_the_problem() {
    let cases = [
        (
            "id = \"ISMS.CORE.8\"",
            "id = \"ISMS.CORE.88\"",
            "process ISMS.CORE.88 is not in model isms",
        ),
        (
            "attribute = \"PA2.1\"",
            "attribute = \"PA7.1\"",
            "ISMS.CORE.3: PA7.1 is not a process attribute",
        ),
        (
            "instance = \"Warehouse\"",
            "instance = \"Depot\"",
            "instance 'Depot' is not one of the process's instances (Head office, Warehouse)",
        ),
        (
            "evidence = [\"E-001\"]",
            "evidence = [\"E-404\"]",
            "evidence E-404 is not in the evidence register",
        ),
        (
            "target = 3",
            "target = 7",
            "target 7 is above the highest level, 5",
        ),
        (
            "class = 3",
            "class = 4",
            "class 4 is not an assessment class",
        ),
        (
            "created = \"2026-11-01\"",
            "created = \"1 Nov 2026\"",
            "created date '1 Nov 2026' is not a date",
        ),
        (
            "schema_version = 1",
            "schema_version = 2",
            "the file was written by a newer capra",
        ),
        (
            "attribute = \"PA2.2\"",
            "attribute = \"PA2.1\"",
            "ISMS.CORE.3: PA2.1 is rated twice",
        ),
    ];
    for (from, to, expected) in cases {
        let text = SMALL.replacen(from, to, 1);
        let found = problems(&text);
        let line = line_of(&text, to);
        assert!(
            found
                .iter()
                .any(|(l, m)| m.contains(expected) && (*l == line || expected.contains("twice"))),
            "expected '{expected}' at line {line}, got {found:?}"
        );
    }
}

#[test]
fn parse_errors_name_the_line() {
    let text = SMALL.replace("rating = \"L\"", "rating = \"Q\"");
    let err = store::parse(Path::new("a.toml"), &text)
        .unwrap_err()
        .to_string();
    let line = line_of(&text, "rating = \"Q\"");
    assert!(err.contains(&format!("line {line}")), "{err}");
    assert!(err.contains("'Q' is not on the rating scale"), "{err}");
    assert!(
        err.starts_with("a.toml is not a valid assessment file"),
        "{err}"
    );

    let text = SMALL.replace("confidence = \"high\"", "confidance = \"high\"");
    let err = store::parse(Path::new("a.toml"), &text)
        .unwrap_err()
        .to_string();
    assert!(err.contains("unknown field `confidance`"), "{err}");
}

#[test]
fn score_of_the_small_fixture_by_hand() {
    let m = model();
    let a = parse(SMALL);
    let prof = profile::score(&m, &a);
    let p3 = &prof.processes[0];
    assert_eq!(p3.id, "ISMS.CORE.3");
    // PA1.1 F, PA2.1 L, PA2.2 F: level 2; level 3 needs PA2.1 at F and PA3.x rated.
    assert_eq!(p3.capability_level, 2);
    assert_eq!(p3.gap, 1);
    assert_eq!(
        p3.blocked_by.as_ref().unwrap().explain(),
        "PA2.1 is L, needs F"
    );
    let pa31 = p3.attributes.iter().find(|x| x.id == "PA3.1").unwrap();
    assert_eq!(pa31.rating, None);
    assert_eq!(pa31.source, Source::NotRated);
    assert!(pa31.short_of_target());
    let p8 = &prof.processes[1];
    // Instances F and P, median-low -> P: level 0.
    let pa11 = &p8.attributes[0];
    assert_eq!(pa11.source, Source::Aggregated);
    assert_eq!(pa11.rating, Some(Rating::P));
    assert_eq!(p8.capability_level, 0);
    assert_eq!(p8.gap, 1);
    assert_eq!(prof.summary.below_target, 2);
    assert_eq!(prof.summary.total_gap, 2);

    // An overall rating overrides the aggregate, and says so.
    let mut b = a.clone();
    change::apply(
        &mut b,
        &m,
        Change::Set {
            slot: slot("ISMS.CORE.8", "PA1.1", None),
            field: Field::Rating(Some(Rating::L)),
        },
    )
    .unwrap();
    let p8 = &profile::score(&m, &b).processes[1];
    assert_eq!(p8.attributes[0].source, Source::Override);
    assert_eq!(p8.attributes[0].aggregate, Some(Rating::P));
    assert_eq!(p8.capability_level, 1);
    assert_eq!(p8.gap, 0);

    // With mean aggregation, F and P give (3+1)/2 = 2 = L.
    let mut c = a.clone();
    c.assessment.aggregation = capra::rating::Aggregation::Mean;
    assert_eq!(
        profile::score(&m, &c).processes[1].attributes[0].rating,
        Some(Rating::L)
    );
}

#[test]
fn score_json_has_the_documented_shape() {
    let m = model();
    let prof = profile::score(&m, &parse(SMALL));
    let v: serde_json::Value = serde_json::to_value(&prof).unwrap();
    let p = &v["processes"][0];
    for key in [
        "id",
        "name",
        "target_level",
        "capability_level",
        "gap",
        "blocked_by",
        "attributes",
    ] {
        assert!(p.get(key).is_some(), "missing {key}");
    }
    assert_eq!(p["blocked_by"]["attribute"], "PA2.1");
    assert_eq!(p["blocked_by"]["rating"], "L");
    assert_eq!(p["blocked_by"]["needs"], "F");
    assert_eq!(p["attributes"][0]["id"], "PA1.1");
    assert_eq!(p["attributes"][0]["rating"], "F");
    assert!(
        p["attributes"][3]["rating"].is_null(),
        "not rated is null, never N"
    );
    assert_eq!(p["attributes"].as_array().unwrap().len(), 9);
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn any_text() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[ -~\\n\\t\\r'\"\\\\]{0,200}",
            Just("'''\"\"\"\\u{0}\\u{7f}\\u{1b}[31m".to_string()),
            Just("x".repeat(20_000)),
        ]
    }

    /// One random edit: which process (0 or 1), attribute (0..9), instance (none, 0, 1), and
    /// what to do.
    fn any_change()
    -> impl Strategy<Value = (usize, usize, Option<usize>, u8, Option<usize>, String)> {
        (
            0usize..2,
            0usize..9,
            proptest::option::of(0usize..2),
            0u8..6,
            proptest::option::of(0usize..8),
            any_text(),
        )
    }

    fn to_change(
        a: &Assessment,
        (p, attr, inst, what, rating, text): &(
            usize,
            usize,
            Option<usize>,
            u8,
            Option<usize>,
            String,
        ),
    ) -> Change {
        static M: std::sync::OnceLock<Model> = std::sync::OnceLock::new();
        let m = M.get_or_init(model);
        let pid = a.processes[*p].id.to_string();
        let aid = m.attributes().nth(*attr).unwrap().id.to_string();
        let inst = inst.and_then(|i| a.processes[*p].instances.get(i).map(|x| x.to_string()));
        let slot = Slot::new(&pid, &aid, inst.as_deref());
        let field = match what {
            0 => Field::Rating(rating.map(|r| Rating::ALL[r])),
            1 => Field::Note(text.clone()),
            2 => Field::Confidence(
                rating.map(|r| [Confidence::High, Confidence::Medium, Confidence::Low][r % 3]),
            ),
            3 => Field::Assessor(text.clone()),
            4 => Field::Review(rating.map(|r| {
                if r % 2 == 0 {
                    Review::Flagged
                } else {
                    Review::Reviewed
                }
            })),
            _ => Field::Rationale(text.clone()),
        };
        Change::Set { slot, field }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Any sequence of edits gives a file that loads back to the same text and the same
        /// scores; undoing them all gives the starting file back.
        #[test]
        fn arbitrary_assessments_round_trip(changes in proptest::collection::vec(any_change(), 0..40)) {
            let m = model();
            let start = parse(SMALL);
            let mut a = start.clone();
            let mut history = capra::assessment::history::History::default();
            for c in &changes {
                let change = to_change(&a, c);
                // Refused edits (none expected here) leave the record alone.
                let _ = history.apply(&mut a, &m, change);
            }
            let text = store::to_text(&a);
            let b = store::parse(Path::new("x"), &text).unwrap();
            prop_assert_eq!(assessment::validate::validate(&b, &m), vec![]);
            prop_assert_eq!(store::to_text(&b), text.clone());
            let pa = serde_json::to_string(&profile::score(&m, &a)).unwrap();
            let pb = serde_json::to_string(&profile::score(&m, &b)).unwrap();
            prop_assert_eq!(pa, pb);
            while history.undo(&mut a, &m).unwrap() {}
            prop_assert_eq!(store::to_text(&a), store::to_text(&start));
        }

        /// Any text in a note, title or rationale survives save -> load exactly.
        #[test]
        fn any_text_round_trips(note in any_text(), title in any_text(), who in any_text()) {
            let m = model();
            let mut a = parse(SMALL);
            a.assessment.title = title.clone();
            change::apply(&mut a, &m, Change::Batch(vec![
                Change::Set { slot: slot("ISMS.CORE.3", "PA3.2", None), field: Field::Note(note.clone()) },
                Change::Set { slot: slot("ISMS.CORE.3", "PA3.2", None), field: Field::Assessor(who.clone()) },
            ])).unwrap();
            let text = store::to_text(&a);
            let b = store::parse(Path::new("x"), &text).unwrap();
            let r = b.process("ISMS.CORE.3").unwrap().ratings.iter().find(|r| r.attribute == "PA3.2");
            if note.is_empty() && who.is_empty() {
                prop_assert!(r.is_none());
            } else {
                let r = r.unwrap();
                prop_assert_eq!(&r.note, &note);
                prop_assert_eq!(&r.assessor, &who);
            }
            prop_assert_eq!(&b.assessment.title, &title);
            prop_assert_eq!(store::to_text(&b), text);
        }
    }
}
