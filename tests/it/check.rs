//! Each consistency rule with a fixture that triggers it and one that does not; R1 proposals
//! from characterisations; acknowledgements.

use crate::util::{EXAMPLE, SMALL, model, parse, rate, set};
use capra::assessment::change::{self, Change, CharacterisationValue, Field};
use capra::assessment::{Acknowledgement, Assessment, RatingMethod};
use capra::check::{self, Rule};
use capra::located::Id;
use capra::profile::{self, Source};
use capra::rating::{Aggregation, Order, Rating};
use capra::store;

fn apply(a: &mut Assessment, changes: Vec<Change>) {
    change::apply(a, &model(), Change::Batch(changes)).unwrap();
}

fn characterise(p: &str, item: &str, inst: Option<&str>, v: &str) -> Change {
    Change::Characterise {
        process: p.into(),
        item: item.into(),
        instance: inst.map(str::to_string),
        record: Some(CharacterisationValue {
            value: v.parse().unwrap(),
            assessor: String::new(),
            note: String::new(),
        }),
    }
}

fn warnings(a: &Assessment) -> Vec<(Rule, String)> {
    let m = model();
    let prof = profile::score(&m, a);
    check::check(&m, a, &prof)
        .into_iter()
        .map(|w| (w.rule, w.id()))
        .collect()
}

fn has(a: &Assessment, rule: Rule, id: &str) -> bool {
    warnings(a).iter().any(|(r, i)| *r == rule && i == id)
}

#[test]
fn the_small_fixture_is_clean_but_for_its_gaps() {
    let a = parse(SMALL);
    let w = warnings(&a);
    // PA2.1 (L) and PA2.2 (F) of CORE.3 have no evidence; the CORE.8 instances neither.
    assert!(
        has(&a, Rule::NoEvidence, "no-evidence:ISMS.CORE.3:PA2.1"),
        "{w:?}"
    );
    assert!(
        !has(&a, Rule::NoEvidence, "no-evidence:ISMS.CORE.3:PA1.1"),
        "PA1.1 has E-001"
    );
    assert!(!w.iter().any(|(r, _)| *r == Rule::ImplausibleProfile));
    assert!(!w.iter().any(|(r, _)| *r == Rule::UnratedInstance));
}

#[test]
fn f_over_a_weak_item() {
    let mut a = parse(SMALL);
    apply(&mut a, vec![characterise("ISMS.CORE.3", "O2", None, "L")]);
    assert!(!has(
        &a,
        Rule::FOverWeakItem,
        "f-over-weak-item:ISMS.CORE.3:PA1.1"
    ));
    apply(&mut a, vec![characterise("ISMS.CORE.3", "BP3", None, "P")]);
    assert!(has(
        &a,
        Rule::FOverWeakItem,
        "f-over-weak-item:ISMS.CORE.3:PA1.1"
    ));
    // Achievements under a higher attribute count too.
    apply(
        &mut a,
        vec![characterise("ISMS.CORE.3", "PA2.2.b", None, "N")],
    );
    assert!(has(
        &a,
        Rule::FOverWeakItem,
        "f-over-weak-item:ISMS.CORE.3:PA2.2"
    ));
}

#[test]
fn no_evidence_and_interview_only() {
    let mut a = parse(SMALL);
    // N needs no evidence.
    apply(&mut a, vec![rate("ISMS.CORE.3", "PA3.1", None, "N")]);
    assert!(!has(&a, Rule::NoEvidence, "no-evidence:ISMS.CORE.3:PA3.1"));
    apply(&mut a, vec![rate("ISMS.CORE.3", "PA3.1", None, "P")]);
    assert!(has(&a, Rule::NoEvidence, "no-evidence:ISMS.CORE.3:PA3.1"));
    // CORE.8 PA1.1 is aggregated from its instances and nothing backs it: one warning for the
    // attribute. With evidence on one instance, the other instance is named.
    assert!(has(&a, Rule::NoEvidence, "no-evidence:ISMS.CORE.8:PA1.1"));
    apply(
        &mut a,
        vec![set(
            "ISMS.CORE.8",
            "PA1.1",
            Some("Warehouse"),
            Field::Evidence(vec!["E-001".into()]),
        )],
    );
    assert!(!has(&a, Rule::NoEvidence, "no-evidence:ISMS.CORE.8:PA1.1"));
    assert!(has(
        &a,
        Rule::NoEvidence,
        "no-evidence:ISMS.CORE.8:PA1.1:Head office"
    ));
    assert!(!has(
        &a,
        Rule::NoEvidence,
        "no-evidence:ISMS.CORE.8:PA1.1:Warehouse"
    ));
    // An F on an interview alone; then with a document as well.
    let e2 = capra::assessment::Evidence {
        id: Id::from("E-002"),
        title: "Interview".into(),
        kind: capra::assessment::EvidenceKind::Interview,
        location: String::new(),
        path: String::new(),
        sha256: Default::default(),
        date: Default::default(),
        owner: String::new(),
        note: String::new(),
    };
    apply(
        &mut a,
        vec![
            Change::PutEvidence(e2),
            set(
                "ISMS.CORE.3",
                "PA2.2",
                None,
                Field::Evidence(vec!["E-002".into()]),
            ),
        ],
    );
    assert!(has(
        &a,
        Rule::InterviewOnly,
        "interview-only:ISMS.CORE.3:PA2.2"
    ));
    assert!(!has(&a, Rule::NoEvidence, "no-evidence:ISMS.CORE.3:PA2.2"));
    apply(
        &mut a,
        vec![set(
            "ISMS.CORE.3",
            "PA2.2",
            None,
            Field::Evidence(vec!["E-001".into(), "E-002".into()]),
        )],
    );
    assert!(!has(
        &a,
        Rule::InterviewOnly,
        "interview-only:ISMS.CORE.3:PA2.2"
    ));
    // An L on interviews alone is fine.
    apply(
        &mut a,
        vec![set(
            "ISMS.CORE.3",
            "PA2.1",
            None,
            Field::Evidence(vec!["E-002".into()]),
        )],
    );
    assert!(!has(
        &a,
        Rule::InterviewOnly,
        "interview-only:ISMS.CORE.3:PA2.1"
    ));
}

#[test]
fn override_without_rationale() {
    let mut a = parse(SMALL);
    // Instances F and P aggregate to P; an overall L overrides it.
    apply(&mut a, vec![rate("ISMS.CORE.8", "PA1.1", None, "L")]);
    assert!(has(
        &a,
        Rule::OverrideWithoutRationale,
        "override-without-rationale:ISMS.CORE.8:PA1.1"
    ));
    apply(
        &mut a,
        vec![set(
            "ISMS.CORE.8",
            "PA1.1",
            None,
            Field::Rationale("Head office carries most of the incidents".into()),
        )],
    );
    assert!(!has(
        &a,
        Rule::OverrideWithoutRationale,
        "override-without-rationale:ISMS.CORE.8:PA1.1"
    ));
}

#[test]
fn implausible_profile() {
    let mut a = parse(SMALL);
    // PA1.1 F, PA2.1 L, PA2.2 F: fine. PA1.1 P under PA2.2 F: two steps, implausible.
    assert!(
        !warnings(&a)
            .iter()
            .any(|(r, _)| *r == Rule::ImplausibleProfile)
    );
    apply(&mut a, vec![rate("ISMS.CORE.3", "PA1.1", None, "P")]);
    assert!(has(
        &a,
        Rule::ImplausibleProfile,
        "implausible-profile:ISMS.CORE.3:PA2.2"
    ));
    // PA2.1 L over PA1.1 P is one step: fine.
    assert!(!has(
        &a,
        Rule::ImplausibleProfile,
        "implausible-profile:ISMS.CORE.3:PA2.1"
    ));
}

#[test]
fn unrated_instance() {
    let mut a = parse(SMALL);
    apply(
        &mut a,
        vec![Change::SetInstances {
            process: "ISMS.CORE.8".into(),
            instances: vec!["Head office".into(), "Warehouse".into(), "Lyon".into()],
        }],
    );
    assert!(has(
        &a,
        Rule::UnratedInstance,
        "unrated-instance:ISMS.CORE.8:Lyon"
    ));
    assert!(!has(
        &a,
        Rule::UnratedInstance,
        "unrated-instance:ISMS.CORE.8:Warehouse"
    ));
    // A characterisation counts as something said.
    apply(
        &mut a,
        vec![characterise("ISMS.CORE.8", "O1", Some("Lyon"), "L")],
    );
    assert!(!has(
        &a,
        Rule::UnratedInstance,
        "unrated-instance:ISMS.CORE.8:Lyon"
    ));
}

#[test]
fn acknowledgements_are_attached_and_survive_the_file() {
    let mut a = parse(SMALL);
    apply(
        &mut a,
        vec![Change::Acknowledge(Acknowledgement {
            warning: Id::from("no-evidence:ISMS.CORE.3:PA2.1"),
            justification: "Seen on screen; the client may not hand out copies".into(),
            by: "Łucja Nowak".into(),
            date: "2026-11-20".into(),
        })],
    );
    let text = store::to_text(&a);
    assert!(text.contains("[[acknowledgements]]\nwarning = \"no-evidence:ISMS.CORE.3:PA2.1\""));
    let b = parse(&text);
    let m = model();
    let ws = check::check(&m, &b, &profile::score(&m, &b));
    let w = ws
        .iter()
        .find(|w| w.id() == "no-evidence:ISMS.CORE.3:PA2.1")
        .unwrap();
    assert_eq!(
        w.acknowledged.as_ref().unwrap().justification,
        "Seen on screen; the client may not hand out copies"
    );
    // A justification is required.
    let mut c = b.clone();
    let err = change::apply(
        &mut c,
        &m,
        Change::Acknowledge(Acknowledgement {
            warning: Id::from("no-evidence:ISMS.CORE.3:PA2.2"),
            justification: " ".into(),
            by: String::new(),
            date: String::new(),
        }),
    )
    .unwrap_err();
    assert!(err.to_string().contains("needs a justification"));
}

/// R1: the characterisations of the outcomes give a proposal, by the recorded method and order;
/// it counts once every outcome is characterised; an overall rating equal to it accepts it,
/// another value overrides it. (The by-hand answers of every order on a grid that tells them
/// apart are in `rating::tests::grid_aggregation_by_hand`.)
#[test]
fn r1_proposals_by_hand() {
    let mut a = parse(SMALL);
    apply(
        &mut a,
        vec![
            Change::SetMethod(RatingMethod::R1),
            // CORE.8 has instances Head office and Warehouse, and six outcomes.
            characterise("ISMS.CORE.8", "O1", Some("Head office"), "F"),
            characterise("ISMS.CORE.8", "O2", Some("Head office"), "L"),
            characterise("ISMS.CORE.8", "O3", Some("Head office"), "P"),
            characterise("ISMS.CORE.8", "O1", Some("Warehouse"), "F"),
            characterise("ISMS.CORE.8", "O2", Some("Warehouse"), "P"),
            characterise("ISMS.CORE.8", "O3", Some("Warehouse"), "N"),
        ],
    );
    let m = model();
    let pa11 = |a: &Assessment| profile::score(&m, a).processes[1].attributes[0].clone();
    // Three of six outcomes: a proposal is shown, but nothing counts yet.
    let s = pa11(&a);
    assert_eq!(s.source, Source::NotRated);
    let p = s.proposal.unwrap();
    assert_eq!((p.characterised, p.items.len()), (3, 6));
    assert_eq!(p.rating, Some(Rating::P));
    assert_eq!(
        p.explain(),
        "Head office: O1 F, O2 L, O3 P, O4 -, O5 -, O6 -; Warehouse: O1 F, O2 P, O3 N, O4 -, O5 -, O6 -"
    );
    // O4-O6 F everywhere. Head office: F L P F F F; Warehouse: F P N F F F.
    let mut rest = Vec::new();
    for inst in ["Head office", "Warehouse"] {
        for o in ["O4", "O5", "O6"] {
            rest.push(characterise("ISMS.CORE.8", o, Some(inst), "F"));
        }
    }
    apply(&mut a, rest);
    // Vertical first: Head office low/high F, mean 15/6 = 2.5 -> L; Warehouse low/high F,
    //   mean 13/6 = 2.17 -> L; then across: F, F, L.
    // Horizontal first: O1 F; O2 (L,P) low P high L mean P; O3 (P,N) low N high P mean N;
    //   O4-O6 F; then low (N P F F F F) F, high (P L F F F F) F, mean 13/6 -> L.
    // Two-dimensional: twelve values summing to 28: low and high F, mean 2.33 -> L.
    // Every one of these aggregates is held to P: O3 is N at the Warehouse, and an attribute
    // with an item judged N is proposed at most P (L at most with one judged P).
    let expected = [
        (Aggregation::MedianLow, Order::VerticalFirst, "F"),
        (Aggregation::MedianHigh, Order::VerticalFirst, "F"),
        (Aggregation::Mean, Order::VerticalFirst, "L"),
        (Aggregation::MedianLow, Order::HorizontalFirst, "F"),
        (Aggregation::MedianHigh, Order::HorizontalFirst, "F"),
        (Aggregation::Mean, Order::HorizontalFirst, "L"),
        (Aggregation::MedianLow, Order::TwoDimensional, "F"),
        (Aggregation::MedianHigh, Order::TwoDimensional, "F"),
        (Aggregation::Mean, Order::TwoDimensional, "L"),
        (Aggregation::Minimum, Order::TwoDimensional, "N"),
    ];
    for (method, order, aggregated) in expected {
        apply(&mut a, vec![Change::SetAggregation { method, order }]);
        let s = pa11(&a);
        assert_eq!(s.source, Source::Proposed, "{method:?} {order:?}");
        let want = if aggregated == "N" { "N" } else { "P" };
        assert_eq!(
            s.rating.map(|r| r.code()),
            Some(want),
            "{method:?} {order:?}"
        );
        let p = s.proposal.unwrap();
        assert!(p.is_complete());
        if want != aggregated {
            assert_eq!(p.capped.as_ref().map(|c| c.0.code()), Some(aggregated));
            assert!(
                p.explain().ends_with(&format!(
                    "; {aggregated} aggregated, held to P because O3 is N (Warehouse)"
                )),
                "{}",
                p.explain()
            );
        }
    }
    // No proposal ever sets off capra's own check of an F over a weak item.
    assert!(!has(
        &a,
        Rule::FOverWeakItem,
        "f-over-weak-item:ISMS.CORE.8:PA1.1"
    ));
    apply(
        &mut a,
        vec![Change::SetAggregation {
            method: Aggregation::Mean,
            order: Order::TwoDimensional,
        }],
    );
    // The instance ratings of the fixture (F, P; mean L) are kept, but R1 does not use them.
    assert_eq!(pa11(&a).aggregate, Some(Rating::L));
    // Accepting the proposal (P: L under mean, two-dimensional, held to P)...
    apply(&mut a, vec![rate("ISMS.CORE.8", "PA1.1", None, "P")]);
    assert_eq!(pa11(&a).source, Source::Accepted);
    assert!(!has(
        &a,
        Rule::OverrideWithoutRationale,
        "override-without-rationale:ISMS.CORE.8:PA1.1"
    ));
    // ...or overriding it.
    apply(&mut a, vec![rate("ISMS.CORE.8", "PA1.1", None, "F")]);
    assert_eq!(pa11(&a).source, Source::Override);
    assert!(has(
        &a,
        Rule::OverrideWithoutRationale,
        "override-without-rationale:ISMS.CORE.8:PA1.1"
    ));
    // The F over outcomes judged P and N is flagged too.
    assert!(has(
        &a,
        Rule::FOverWeakItem,
        "f-over-weak-item:ISMS.CORE.8:PA1.1"
    ));
    // Characterisations round-trip through the file.
    let text = store::to_text(&a);
    let b = parse(&text);
    assert_eq!(store::to_text(&b), text);
    assert_eq!(
        b.process("ISMS.CORE.8").unwrap().characterisations.len(),
        12
    );
    assert!(text.contains(
        "[[processes.characterisations]]\nitem = \"O1\"\ninstance = \"Head office\"\nvalue = \"F\""
    ));
}

/// R1: a proposal that is not complete (outcomes not all characterised, or an instance
/// missing) counts as not rated, so a rating of the process as a whole next to it overrides
/// nothing: no `override-without-rationale`, nothing blocking a final report. Once the proposal
/// is complete, the same rating overrides it.
#[test]
fn an_incomplete_proposal_is_not_overridden() {
    let mut a = parse(SMALL);
    let mut changes = vec![Change::SetMethod(RatingMethod::R1)];
    // Head office: all six outcomes, P at most; the Warehouse: three of six.
    for o in ["O1", "O2", "O3", "O4", "O5", "O6"] {
        changes.push(characterise("ISMS.CORE.8", o, Some("Head office"), "P"));
    }
    for o in ["O1", "O2", "O3"] {
        changes.push(characterise("ISMS.CORE.8", o, Some("Warehouse"), "P"));
    }
    changes.push(rate("ISMS.CORE.8", "PA1.1", None, "F"));
    apply(&mut a, changes);
    let m = model();
    let pa11 = |a: &Assessment| profile::score(&m, a).processes[1].attributes[0].clone();
    let id = "override-without-rationale:ISMS.CORE.8:PA1.1";
    let blocked = |a: &Assessment| {
        check::final_blockers(a, &profile::score(&m, a))
            .iter()
            .any(|b| b.starts_with("ISMS.CORE.8 PA1.1 overrides"))
    };
    // Every outcome is characterised somewhere, but the Warehouse lacks three.
    let s = pa11(&a);
    assert!(s.proposal.as_ref().is_some_and(|p| p.is_complete()));
    assert_eq!(s.source, Source::Direct);
    assert!(!has(&a, Rule::OverrideWithoutRationale, id));
    assert!(!blocked(&a));
    // Fewer outcomes characterised than the model has: the same.
    apply(
        &mut a,
        vec![Change::Characterise {
            process: "ISMS.CORE.8".into(),
            item: "O6".into(),
            instance: Some("Head office".into()),
            record: None,
        }],
    );
    let s = pa11(&a);
    assert!(s.proposal.as_ref().is_some_and(|p| !p.is_complete()));
    assert_eq!(s.source, Source::Direct);
    assert!(!has(&a, Rule::OverrideWithoutRationale, id));
    // Complete at both sites: the proposal P counts, and the F overrides it.
    let mut rest = vec![characterise("ISMS.CORE.8", "O6", Some("Head office"), "P")];
    for o in ["O4", "O5", "O6"] {
        rest.push(characterise("ISMS.CORE.8", o, Some("Warehouse"), "P"));
    }
    apply(&mut a, rest);
    assert_eq!(pa11(&a).source, Source::Override);
    assert!(has(&a, Rule::OverrideWithoutRationale, id));
    assert!(blocked(&a));
}

/// Changing the method keeps every rating; only what counts changes.
#[test]
fn method_change_loses_nothing() {
    let mut a = parse(SMALL);
    let before = store::to_text(&a);
    apply(&mut a, vec![Change::SetMethod(RatingMethod::R3)]);
    let s = profile::score(&model(), &a);
    // Under R3 the instance ratings of CORE.8 no longer count...
    assert_eq!(s.processes[1].attributes[0].rating, None);
    // ...but they are all still there.
    assert_eq!(a.process("ISMS.CORE.8").unwrap().ratings.len(), 2);
    apply(&mut a, vec![Change::SetMethod(RatingMethod::R2)]);
    assert_eq!(store::to_text(&a), before);
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(64))]

    /// Whatever the characterisations (outcomes and practices, per instance) and whatever the
    /// aggregation and order, an R1 proposal never sets off capra's own check of an F over an
    /// item judged N or P: the proposal, the check and docs/rating.md agree.
    #[test]
    fn no_proposal_sets_off_the_weak_item_check(
        // Mostly F, so that the aggregate is often F while some item is weak.
        outcomes in proptest::collection::vec(
            proptest::prop_oneof![3 => proptest::strategy::Just(7usize), 1 => 0usize..8],
            12,
        ),
        practices in proptest::collection::vec(proptest::option::of(0usize..8), 4),
        aggregation in 0usize..4,
        order in 0usize..3,
    ) {
        let mut a = parse(SMALL);
        let mut changes = vec![
            Change::SetMethod(RatingMethod::R1),
            Change::SetAggregation {
                method: Aggregation::ALL[aggregation],
                order: Order::ALL[order],
            },
        ];
        let instances = ["Head office", "Warehouse"];
        for (k, v) in outcomes.iter().enumerate() {
            let item = format!("O{}", k % 6 + 1);
            changes.push(characterise(
                "ISMS.CORE.8",
                &item,
                Some(instances[k / 6]),
                Rating::ALL[*v].code(),
            ));
        }
        for (k, v) in practices.iter().enumerate() {
            if let Some(v) = v {
                let item = format!("BP{}", k % 2 + 1);
                changes.push(characterise(
                    "ISMS.CORE.8",
                    &item,
                    Some(instances[k / 2]),
                    Rating::ALL[*v].code(),
                ));
            }
        }
        apply(&mut a, changes);
        // The fixture rates CORE.8 PA1.1 per instance only, so the proposal is what counts.
        proptest::prop_assert!(!has(
            &a,
            Rule::FOverWeakItem,
            "f-over-weak-item:ISMS.CORE.8:PA1.1"
        ));
    }
}

/// Issue 14's first reproduction: O1-O5 F and O6 N no longer give PA1.1 = F by the median; the
/// proposal is held to P, the process stays below level 1, and the check is silent.
#[test]
fn an_outcome_judged_n_holds_the_proposal_down() {
    let mut a = parse(SMALL);
    let mut changes = vec![Change::SetMethod(RatingMethod::R1)];
    for o in ["O1", "O2", "O3", "O4", "O5"] {
        changes.push(characterise("ISMS.CORE.3", o, None, "F"));
    }
    changes.push(characterise("ISMS.CORE.3", "O6", None, "N"));
    // The fixture rates CORE.3 PA1.1 directly (F); take that away so the proposal counts.
    changes.push(set("ISMS.CORE.3", "PA1.1", None, Field::Rating(None)));
    apply(&mut a, changes);
    let p = &profile::score(&model(), &a).processes[0];
    let pa11 = &p.attributes[0];
    assert_eq!(pa11.source, Source::Proposed);
    assert_eq!(pa11.rating, Some(Rating::P));
    assert_eq!(p.capability_level, 0);
    assert!(!has(
        &a,
        Rule::FOverWeakItem,
        "f-over-weak-item:ISMS.CORE.3:PA1.1"
    ));
}

/// Issue 14's second reproduction: with instances HQ, Lyon and Oslo, PA1.1 rated only at HQ,
/// PA2.1 only at Lyon and PA2.2 only at Oslo is not level 2 but level 0: each attribute is
/// incomplete, named so by the score and by `check`, until the other instances are rated or
/// marked not applicable with a reason.
#[test]
fn an_attribute_rated_at_some_instances_is_incomplete() {
    let mut a = parse(SMALL);
    let mut changes = vec![Change::SetInstances {
        process: "ISMS.CORE.3".into(),
        instances: vec!["HQ".into(), "Lyon".into(), "Oslo".into()],
    }];
    for attr in ["PA1.1", "PA2.1", "PA2.2"] {
        changes.push(set("ISMS.CORE.3", attr, None, Field::Rating(None)));
    }
    changes.push(rate("ISMS.CORE.3", "PA1.1", Some("HQ"), "F"));
    changes.push(rate("ISMS.CORE.3", "PA2.1", Some("Lyon"), "F"));
    changes.push(rate("ISMS.CORE.3", "PA2.2", Some("Oslo"), "F"));
    apply(&mut a, changes);
    let p = profile::score(&model(), &a).processes[0].clone();
    assert_eq!(p.capability_level, 0);
    let pa11 = &p.attributes[0];
    assert_eq!(pa11.source, Source::Incomplete);
    assert_eq!(pa11.rating, None);
    assert_eq!(pa11.missing, vec!["Lyon".to_string(), "Oslo".to_string()]);
    assert_eq!(
        p.reason(),
        "PA1.1 is incomplete (Lyon, Oslo missing), needs L or F"
    );
    let w: Vec<String> = check::check(&model(), &a, &profile::score(&model(), &a))
        .into_iter()
        .filter(|w| w.rule == Rule::Incomplete)
        .map(|w| w.reason)
        .collect();
    assert_eq!(w.len(), 3, "{w:?}");
    assert!(
        w[0].starts_with("PA1.1 is incomplete: Lyon, Oslo missing"),
        "{w:?}"
    );
    let json = serde_json::to_value(&p).unwrap();
    assert_eq!(json["attributes"][0]["source"], "incomplete");
    assert_eq!(
        json["attributes"][0]["missing_instances"],
        serde_json::json!(["Lyon", "Oslo"])
    );

    // Lyon and Oslo do not apply to PA1.1 (with reasons): PA1.1 counts, F, level 1.
    let mut rec = a.process("ISMS.CORE.3").unwrap().clone();
    for i in ["Lyon", "Oslo"] {
        rec.not_applicable.push(capra::assessment::NotApplicable {
            instance: Id::from(i),
            attribute: Some(Id::from("PA1.1")),
            reason: "not run there".into(),
        });
    }
    apply(&mut a, vec![Change::PutProcess(rec)]);
    let p = &profile::score(&model(), &a).processes[0];
    assert_eq!(p.attributes[0].source, Source::Aggregated);
    assert_eq!(p.attributes[0].rating, Some(Rating::F));
    assert_eq!(p.capability_level, 1);
    // The marks round-trip through the file and are checked on load.
    let text = store::to_text(&a);
    assert!(text.contains("[[processes.not_applicable]]\ninstance = \"Lyon\"\nattribute = \"PA1.1\"\nreason = \"not run there\""), "{text}");
    let bad = text.replace("reason = \"not run there\"", "reason = \"\"");
    let problems = capra::assessment::validate::validate(&parse(&bad), &model());
    assert!(
        problems
            .iter()
            .any(|p| p.message.contains("marked not applicable without a reason")),
        "{problems:?}"
    );
}

/// `caps` (RECORDS-WORK-PRODUCTS in the ISMS model): records control's PA1.1 below L caps
/// every process's PA2.2 at L. Not rated says nothing; L lifts the cap; P sets it off for each
/// process with PA2.2 at F, and only for those.
#[test]
fn cross_process_caps() {
    let mut a = parse(EXAMPLE);
    let cross = |a: &Assessment| -> Vec<String> {
        warnings(a)
            .into_iter()
            .filter(|(r, _)| *r == Rule::CrossProcess)
            .map(|(_, id)| id)
            .collect()
    };
    // The example leaves ISMS.SUP.1 unrated: nothing to judge.
    assert_eq!(cross(&a), Vec::<String>::new());
    apply(&mut a, vec![rate("ISMS.SUP.1", "PA1.1", None, "L")]);
    assert_eq!(cross(&a), Vec::<String>::new());
    apply(&mut a, vec![rate("ISMS.SUP.1", "PA1.1", None, "P")]);
    let ws = cross(&a);
    let id = "cross-process:RECORDS-WORK-PRODUCTS:ISMS.GOV.1:PA2.2";
    assert!(ws.iter().any(|w| w == id), "{ws:?}");
    // GOV.2's PA2.2 is L: within the cap.
    assert!(!ws.iter().any(|w| w.contains(":ISMS.GOV.2:")), "{ws:?}");
    assert!(ws.iter().all(|w| w.starts_with("cross-process:RECORDS-WORK-PRODUCTS:") && w.ends_with(":PA2.2")), "{ws:?}");
    // The reason names both sides and carries the model's rationale.
    let m = model();
    let all = check::check(&m, &a, &profile::score(&m, &a));
    let w = all.iter().find(|w| w.id() == id).unwrap();
    assert_eq!(w.place(), "ISMS.GOV.1 PA2.2");
    assert!(
        w.reason
            .starts_with("PA2.2 is F while ISMS.SUP.1 PA1.1 is only P: it can be at most L"),
        "{}",
        w.reason
    );
    assert!(w.reason.contains("documented information"), "{}", w.reason);
    // Acknowledged like any other warning.
    apply(
        &mut a,
        vec![Change::Acknowledge(Acknowledgement {
            warning: Id::from(id),
            justification:
                "Governance documents are kept by the board secretary, outside records control"
                    .into(),
            by: "Élodie Marchand".into(),
            date: "2026-11-30".into(),
        })],
    );
    let all = check::check(&m, &a, &profile::score(&m, &a));
    assert!(
        all.iter()
            .find(|w| w.id() == id)
            .unwrap()
            .acknowledged
            .is_some()
    );
}

/// `at-most-steps-above` (RISK-TREATMENT-CHAIN): risk treatment's PA1.1 at most one step above
/// risk assessment's. The example (assessment F, treatment L) is fine, one step is fine, two
/// steps are not; an unrated side says nothing.
#[test]
fn cross_process_steps_above() {
    let mut a = parse(EXAMPLE);
    let id = "cross-process:RISK-TREATMENT-CHAIN:ISMS.CORE.4:PA1.1";
    assert!(!has(&a, Rule::CrossProcess, id));
    apply(&mut a, vec![rate("ISMS.CORE.3", "PA1.1", None, "P")]);
    assert!(!has(&a, Rule::CrossProcess, id), "L is one step above P");
    apply(&mut a, vec![rate("ISMS.CORE.3", "PA1.1", None, "N")]);
    assert!(has(&a, Rule::CrossProcess, id), "{:?}", warnings(&a));
    let m = model();
    let all = check::check(&m, &a, &profile::score(&m, &a));
    let w = all.iter().find(|w| w.id() == id).unwrap();
    assert!(
        w.reason.starts_with(
            "PA1.1 is L while ISMS.CORE.3 PA1.1 is only N: it can be at most 1 step(s) above"
        ),
        "{}",
        w.reason
    );
    // The chain goes on: implementation (F) over treatment (P) is two steps.
    apply(&mut a, vec![rate("ISMS.CORE.4", "PA1.1", None, "P")]);
    assert!(has(
        &a,
        Rule::CrossProcess,
        "cross-process:RISK-IMPLEMENTATION-CHAIN:ISMS.CORE.5:PA1.1"
    ));
    assert!(!has(&a, Rule::CrossProcess, id), "P is one step above N");
}
