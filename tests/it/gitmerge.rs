//! Git as capra's distributed engine: the three-way merge of one assessment file by identity
//! (`capra::track::merge3`), `capra merge-file` (git's merge driver) and `capra git setup`, with
//! real `git` in temporary repositories, and a property test of the pure merge.

use crate::util::{SMALL, capra, model, parse, rate, set};
use capra::assessment::change::{Change, Field, apply};
use capra::assessment::validate::validate;
use capra::assessment::{
    Action, Assessment, Evidence, EvidenceKind, Finding, FindingKind, Review, evidence_order,
};
use capra::located::{Id, Located};
use capra::model::Model;
use capra::store;
use capra::track::{OTHER, merge3};
use proptest::prelude::*;
use std::fs;
use std::path::Path;
use std::process::Command;

const CORE3: &str = "ISMS.CORE.3";

fn base() -> (Model, Assessment) {
    let m = model();
    let mut a = parse(SMALL);
    a.normalize(&m);
    (m, a)
}

fn edited(m: &Model, a: &Assessment, changes: Vec<Change>) -> Assessment {
    let mut a = a.clone();
    for c in changes {
        apply(&mut a, m, c).unwrap();
    }
    a
}

fn evidence(id: &str, title: &str) -> Change {
    Change::PutEvidence(Evidence {
        id: Id::from(id),
        title: title.into(),
        kind: EvidenceKind::Document,
        location: String::new(),
        path: String::new(),
        sha256: Located::default(),
        date: Located::default(),
        owner: String::new(),
        note: String::new(),
    })
}

fn finding(id: &str, text: &str, evidence: &[&str]) -> Change {
    let mut f = Finding::new(id, CORE3, FindingKind::Weakness, text);
    f.evidence = evidence.iter().map(|e| Id::from(*e)).collect();
    Change::PutFinding(f)
}

fn action(id: &str, title: &str, findings: &[&str]) -> Change {
    let mut x = Action::new(id, title);
    x.findings = findings.iter().map(|f| Id::from(*f)).collect();
    Change::PutAction(x)
}

fn rating_of(a: &Assessment, p: &str, attr: &str) -> Option<String> {
    a.process(p)?
        .ratings
        .iter()
        .find(|r| r.attribute == attr && r.instance.is_none())
        .and_then(|r| r.rating())
        .map(|r| r.code().to_string())
}

fn title_of(a: &Assessment, id: &str) -> String {
    a.evidence_item(id)
        .map(|e| e.title.clone())
        .unwrap_or_default()
}

// --- The pure merge -------------------------------------------------------------------------

#[test]
fn different_attributes_merge_cleanly() {
    let (m, b) = base();
    let o = edited(&m, &b, vec![rate(CORE3, "PA3.1", None, "L")]);
    let t = edited(&m, &b, vec![rate(CORE3, "PA3.2", None, "P")]);
    let r = merge3(&m, Some(&b), &o, &t).unwrap();
    assert!(r.conflicts.is_empty(), "{:?}", r.conflicts);
    assert_eq!(
        rating_of(&r.assessment, CORE3, "PA3.1").as_deref(),
        Some("L")
    );
    assert_eq!(
        rating_of(&r.assessment, CORE3, "PA3.2").as_deref(),
        Some("P")
    );
    assert!(validate(&r.assessment, &m).is_empty());
}

#[test]
fn fields_of_one_rating_changed_on_each_side_merge_cleanly() {
    let (m, b) = base();
    let o = edited(&m, &b, vec![rate(CORE3, "PA2.1", None, "F")]);
    let t = edited(
        &m,
        &b,
        vec![set(
            CORE3,
            "PA2.1",
            None,
            Field::Note("Tracked monthly".into()),
        )],
    );
    let r = merge3(&m, Some(&b), &o, &t).unwrap();
    assert!(r.conflicts.is_empty(), "{:?}", r.conflicts);
    let rec = r.assessment.process(CORE3).unwrap().ratings[1].clone();
    assert_eq!(rec.rating().unwrap().code(), "F");
    assert_eq!(rec.note, "Tracked monthly");
    assert_eq!(rec.review, None);
}

#[test]
fn the_same_change_on_both_sides_is_taken_once() {
    let (m, b) = base();
    let changes = vec![
        rate(CORE3, "PA3.1", None, "L"),
        evidence("E-002", "Board minutes"),
        finding("F-001", "No plan", &["E-002"]),
    ];
    let o = edited(&m, &b, changes.clone());
    let t = edited(&m, &b, changes);
    let r = merge3(&m, Some(&b), &o, &t).unwrap();
    assert!(r.conflicts.is_empty() && r.renumbered.is_empty());
    assert_eq!(r.assessment.evidence.len(), 2);
    assert_eq!(r.assessment.findings.len(), 1);
}

#[test]
fn new_items_with_one_id_are_both_kept_and_theirs_renumbered_with_its_links() {
    let (m, b) = base();
    let o = edited(
        &m,
        &b,
        vec![
            evidence("E-002", "Ours: policy"),
            set(CORE3, "PA2.1", None, Field::Evidence(vec!["E-002".into()])),
            finding("F-001", "Ours: no owner", &["E-002"]),
            action("A-001", "Ours: name an owner", &["F-001"]),
        ],
    );
    let t = edited(
        &m,
        &b,
        vec![
            evidence("E-002", "Theirs: minutes"),
            set(CORE3, "PA2.2", None, Field::Evidence(vec!["E-002".into()])),
            finding("F-001", "Theirs: no review", &["E-002"]),
            action("A-001", "Theirs: review yearly", &["F-001"]),
        ],
    );
    let r = merge3(&m, Some(&b), &o, &t).unwrap();
    assert!(r.conflicts.is_empty(), "{:?}", r.conflicts);
    let a = &r.assessment;
    assert!(validate(a, &m).is_empty(), "{:?}", validate(a, &m));
    assert_eq!(title_of(a, "E-002"), "Ours: policy");
    assert_eq!(title_of(a, "E-003"), "Theirs: minutes");
    let p = a.process(CORE3).unwrap();
    let links = |attr: &str| {
        p.ratings
            .iter()
            .find(|x| x.attribute == attr)
            .unwrap()
            .evidence
            .iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(links("PA2.1"), ["E-002"]);
    assert_eq!(links("PA2.2"), ["E-003"]);
    let f2 = a.finding("F-002").unwrap();
    assert_eq!(f2.text, "Theirs: no review");
    assert_eq!(f2.evidence, [Id::from("E-003")]);
    assert_eq!(a.finding("F-001").unwrap().evidence, [Id::from("E-002")]);
    let x2 = a.action("A-002").unwrap();
    assert_eq!(x2.title, "Theirs: review yearly");
    assert_eq!(x2.findings, [Id::from("F-002")]);
    assert_eq!(a.action("A-001").unwrap().findings, [Id::from("F-001")]);
    let moved: Vec<(String, String)> = r
        .renumbered
        .iter()
        .map(|x| (x.from.clone(), x.to.clone()))
        .collect();
    assert_eq!(
        moved,
        [
            ("E-002".to_string(), "E-003".to_string()),
            ("F-001".into(), "F-002".into()),
            ("A-001".into(), "A-002".into())
        ]
    );
}

#[test]
fn a_rating_changed_two_ways_keeps_both_and_flags_it() {
    let (m, b) = base();
    let o = edited(
        &m,
        &b,
        vec![
            rate(CORE3, "PA2.1", None, "P"),
            set(CORE3, "PA2.1", None, Field::Assessor("Ana".into())),
        ],
    );
    let t = edited(&m, &b, vec![rate(CORE3, "PA2.1", None, "F")]);
    let r = merge3(&m, Some(&b), &o, &t).unwrap();
    assert_eq!(r.conflicts.len(), 1, "{:?}", r.conflicts);
    let p = r.assessment.process(CORE3).unwrap();
    let rec = p.ratings.iter().find(|x| x.attribute == "PA2.1").unwrap();
    assert_eq!(rec.rating().unwrap().code(), "P");
    assert_eq!(rec.review, Some(Review::Flagged));
    let who: Vec<(String, String)> = p
        .assessor_ratings
        .iter()
        .map(|x| (x.assessor.clone(), x.rating().unwrap().code().to_string()))
        .collect();
    assert_eq!(
        who,
        [
            ("Ana".to_string(), "P".to_string()),
            ("theirs".into(), "F".into())
        ]
    );
    assert!(validate(&r.assessment, &m).is_empty());
}

#[test]
fn one_assessor_on_both_sides_is_told_apart() {
    let (m, b) = base();
    let o = edited(&m, &b, vec![rate(CORE3, "PA1.1", None, "P")]);
    let t = edited(&m, &b, vec![rate(CORE3, "PA1.1", None, "L")]);
    let r = merge3(&m, Some(&b), &o, &t).unwrap();
    let names: Vec<String> = r
        .assessment
        .process(CORE3)
        .unwrap()
        .assessor_ratings
        .iter()
        .map(|x| x.assessor.clone())
        .collect();
    assert_eq!(names, ["Łucja Nowak (ours)", "Łucja Nowak (theirs)"]);
    assert!(validate(&r.assessment, &m).is_empty());
}

#[test]
fn texts_edited_two_ways_keep_both_versions() {
    let (m, b) = base();
    let b2 = edited(&m, &b, vec![finding("F-001", "Base text", &[])]);
    let o = edited(
        &m,
        &b2,
        vec![
            set(
                CORE3,
                "PA2.1",
                None,
                Field::Note("Ours: plans tracked".into()),
            ),
            finding("F-001", "Ours: text", &[]),
        ],
    );
    let t = edited(
        &m,
        &b2,
        vec![
            set(
                CORE3,
                "PA2.1",
                None,
                Field::Note("Theirs: plans not tracked".into()),
            ),
            finding("F-001", "Theirs: text", &[]),
            action("A-001", "Theirs only", &[]),
        ],
    );
    let r = merge3(&m, Some(&b2), &o, &t).unwrap();
    assert_eq!(r.conflicts.len(), 2, "{:?}", r.conflicts);
    let rec = &r.assessment.process(CORE3).unwrap().ratings[1];
    assert_eq!(
        rec.note,
        format!("Ours: plans tracked\n{OTHER} Theirs: plans not tracked")
    );
    assert_eq!(rec.review, Some(Review::Flagged));
    assert_eq!(
        r.assessment.finding("F-001").unwrap().text,
        format!("Ours: text\n{OTHER} Theirs: text")
    );
    assert_eq!(r.assessment.actions.len(), 1);
    assert!(validate(&r.assessment, &m).is_empty());
}

#[test]
fn removed_on_one_side_and_changed_on_the_other_keeps_the_change() {
    let (m, b) = base();
    let b = edited(&m, &b, vec![finding("F-001", "Base", &[])]);
    let o = edited(&m, &b, vec![Change::RemoveFinding("F-001".into())]);
    let t = edited(&m, &b, vec![finding("F-001", "Changed", &[])]);
    let r = merge3(&m, Some(&b), &o, &t).unwrap();
    assert_eq!(r.conflicts.len(), 1);
    assert_eq!(r.assessment.finding("F-001").unwrap().text, "Changed");
    // Removed on one side, unchanged on the other: removed.
    let t = b.clone();
    let r = merge3(&m, Some(&b), &o, &t).unwrap();
    assert!(r.conflicts.is_empty() && r.assessment.findings.is_empty());
}

#[test]
fn settings_merge_by_key() {
    let (m, b) = base();
    let mut o = b.clone();
    o.assessment.purpose = "Ours purpose".into();
    let mut t = b.clone();
    t.assessment.unit = "Theirs unit".into();
    t.assessment.class = Located::new(2);
    let r = merge3(&m, Some(&b), &o, &t).unwrap();
    assert!(r.conflicts.is_empty());
    assert_eq!(r.assessment.assessment.purpose, "Ours purpose");
    assert_eq!(r.assessment.assessment.unit, "Theirs unit");
    assert_eq!(*r.assessment.assessment.class, 2);
    t.assessment.purpose = "Theirs purpose".into();
    let r = merge3(&m, Some(&b), &o, &t).unwrap();
    assert_eq!(r.conflicts.len(), 1);
    assert_eq!(
        r.assessment.assessment.purpose,
        format!("Ours purpose\n{OTHER} Theirs purpose")
    );
}

#[test]
fn report_settings_merge_by_key() {
    let (m, b) = base();
    let mut o = b.clone();
    o.report.organisation = "Northwind".into();
    o.report.status = Some(capra::assessment::ReportStatus::Final);
    let mut t = b.clone();
    t.report.classification = "Confidential".into();
    t.report.distribution = vec!["Board".into()];
    let r = merge3(&m, Some(&b), &o, &t).unwrap();
    assert!(r.conflicts.is_empty(), "{:?}", r.conflicts);
    let s = &r.assessment.report;
    assert_eq!(s.organisation, "Northwind");
    assert_eq!(s.classification, "Confidential");
    assert_eq!(s.distribution, ["Board"]);
    assert!(s.is_final());
    // Both changed the classification: ours kept, the conflict said.
    t.report.classification = "Internal".into();
    o.report.classification = "Secret".into();
    let r = merge3(&m, Some(&b), &o, &t).unwrap();
    assert_eq!(r.conflicts.len(), 1, "{:?}", r.conflicts);
    assert_eq!(r.assessment.report.classification, "Secret");
}

#[test]
fn a_rating_cleared_on_one_side_and_changed_on_the_other_keeps_the_change() {
    let (m, b) = base();
    let o = edited(&m, &b, vec![set(CORE3, "PA2.2", None, Field::Rating(None))]);
    let t = edited(&m, &b, vec![rate(CORE3, "PA2.2", None, "N")]);
    let r = merge3(&m, Some(&b), &o, &t).unwrap();
    assert_eq!(r.conflicts.len(), 1, "{:?}", r.conflicts);
    let p = r.assessment.process(CORE3).unwrap();
    let rec = p.ratings.iter().find(|x| x.attribute == "PA2.2").unwrap();
    assert_eq!(rec.rating().unwrap().code(), "N");
    assert_eq!(rec.review, Some(Review::Flagged));
    assert_eq!(p.assessor_ratings.len(), 1);
    assert!(validate(&r.assessment, &m).is_empty());
}

#[test]
fn no_base_when_both_added_the_file() {
    let (m, b) = base();
    let t = edited(&m, &b, vec![rate(CORE3, "PA3.1", None, "L")]);
    let r = merge3(&m, None, &b, &t).unwrap();
    assert!(validate(&r.assessment, &m).is_empty());
    assert_eq!(
        rating_of(&r.assessment, CORE3, "PA3.1").as_deref(),
        Some("L")
    );
}

// --- The property: every one-sided change survives, and the result validates ---------------

#[derive(Clone, Debug)]
enum Op {
    Rate(usize, Option<usize>),
    Note(usize, usize),
    AddEvidence(usize),
    LinkEvidence(usize),
    AddFinding(usize, bool),
    AddAction(usize, bool),
    AddInterview(usize),
    AddRequest(usize, bool),
}

const SLOTS: [(&str, &str, Option<&str>); 6] = [
    (CORE3, "PA1.1", None),
    (CORE3, "PA2.1", None),
    (CORE3, "PA2.2", None),
    (CORE3, "PA3.1", None),
    ("ISMS.CORE.8", "PA1.1", Some("Head office")),
    ("ISMS.CORE.8", "PA1.1", Some("Warehouse")),
];
const RATINGS: [&str; 4] = ["N", "P", "L", "F"];
const WORDS: [&str; 4] = ["alpha", "beta", "gamma", "delta"];

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..SLOTS.len(), proptest::option::of(0..RATINGS.len())).prop_map(|(s, r)| Op::Rate(s, r)),
        (0..SLOTS.len(), 0..WORDS.len()).prop_map(|(s, w)| Op::Note(s, w)),
        (0..WORDS.len()).prop_map(Op::AddEvidence),
        (0..SLOTS.len()).prop_map(Op::LinkEvidence),
        (0..WORDS.len(), any::<bool>()).prop_map(|(w, l)| Op::AddFinding(w, l)),
        (0..WORDS.len(), any::<bool>()).prop_map(|(w, l)| Op::AddAction(w, l)),
        (0..WORDS.len()).prop_map(Op::AddInterview),
        (0..WORDS.len(), any::<bool>()).prop_map(|(w, l)| Op::AddRequest(w, l)),
    ]
}

fn run_ops(m: &Model, a: &Assessment, ops: &[Op], side: &str) -> Assessment {
    let mut a = a.clone();
    for o in ops {
        let c = match o {
            Op::Rate(s, r) => {
                let (p, at, i) = SLOTS[*s];
                set(
                    p,
                    at,
                    i,
                    Field::Rating(r.map(|r| RATINGS[r].parse().unwrap())),
                )
            }
            Op::Note(s, w) => {
                let (p, at, i) = SLOTS[*s];
                set(p, at, i, Field::Note(format!("{side} {}", WORDS[*w])))
            }
            Op::AddEvidence(w) => evidence(
                &a.next_evidence_id().unwrap(),
                &format!("{side} {}", WORDS[*w]),
            ),
            Op::LinkEvidence(s) => {
                let (p, at, i) = SLOTS[*s];
                let last = a.evidence.last().unwrap().id.to_string();
                set(p, at, i, Field::Evidence(vec![last]))
            }
            Op::AddFinding(w, link) => {
                let last = a.evidence.last().unwrap().id.to_string();
                let links: Vec<&str> = if *link { vec![last.as_str()] } else { vec![] };
                finding(
                    &a.next_finding_id().unwrap(),
                    &format!("{side} {}", WORDS[*w]),
                    &links,
                )
            }
            Op::AddAction(w, link) => {
                let last = a.findings.last().map(|f| f.id.to_string());
                let links: Vec<&str> = last.iter().filter(|_| *link).map(String::as_str).collect();
                action(
                    &a.next_action_id().unwrap(),
                    &format!("{side} {}", WORDS[*w]),
                    &links,
                )
            }
            Op::AddInterview(w) => Change::PutInterview(capra::assessment::Interview::new(
                &a.next_interview_id().unwrap(),
                &format!("{side} {}", WORDS[*w]),
            )),
            Op::AddRequest(w, link) => {
                let mut r = capra::assessment::Request::new(
                    &a.next_request_id().unwrap(),
                    &format!("{side} {}", WORDS[*w]),
                );
                r.interview = a.interviews.last().filter(|_| *link).map(|i| i.id.clone());
                Change::PutRequest(r)
            }
        };
        let _ = apply(&mut a, m, c);
    }
    a
}

/// What a rating slot says, with evidence as titles (ids may be renumbered).
fn slot_view(a: &Assessment, s: usize) -> (Option<String>, String, Vec<String>) {
    let (p, at, i) = SLOTS[s];
    let r = a
        .process(p)
        .unwrap()
        .ratings
        .iter()
        .find(|r| r.attribute == at && r.instance.as_deref().map(String::as_str) == i);
    match r {
        None => (None, String::new(), Vec::new()),
        Some(r) => {
            let mut ev: Vec<String> = r.evidence.iter().map(|e| title_of(a, e)).collect();
            ev.sort();
            (r.rating().map(|x| x.code().to_string()), r.note.clone(), ev)
        }
    }
}

/// Findings and actions by content, their links resolved to content.
/// Items by their text, each with the texts of what it links to.
type Linked = Vec<(String, Vec<String>)>;

fn plan_view(a: &Assessment) -> (Linked, Linked) {
    let f = a
        .findings
        .iter()
        .map(|f| {
            (
                f.text.clone(),
                f.evidence.iter().map(|e| title_of(a, e)).collect(),
            )
        })
        .collect();
    let x = a
        .actions
        .iter()
        .map(|x| {
            let texts = x
                .findings
                .iter()
                .map(|f| a.finding(f).map(|f| f.text.clone()).unwrap_or_default())
                .collect();
            (x.title.clone(), texts)
        })
        .collect();
    (f, x)
}

/// Requests by what they ask, with the interviewee of their interview (ids may be renumbered).
fn requests_view(a: &Assessment) -> Vec<(String, Option<String>)> {
    a.requests
        .iter()
        .map(|r| {
            let who = r
                .interview
                .as_ref()
                .map(|i| a.interview(i).map(|x| x.who.clone()).unwrap_or_default());
            (r.what.clone(), who)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn one_sided_changes_survive_and_the_merge_validates(
        common in proptest::collection::vec(op(), 0..6),
        ours_ops in proptest::collection::vec(op(), 0..8),
        theirs_ops in proptest::collection::vec(op(), 0..8),
    ) {
        let (m, b0) = base();
        let b = run_ops(&m, &b0, &common, "base");
        let o = run_ops(&m, &b, &ours_ops, "ours");
        let t = run_ops(&m, &b, &theirs_ops, "theirs");
        let r = merge3(&m, Some(&b), &o, &t).unwrap();
        let merged = &r.assessment;
        prop_assert!(validate(merged, &m).is_empty(), "{:?}", validate(merged, &m));
        for (s, &(sp, sa, si)) in SLOTS.iter().enumerate() {
            let (bv, ov, tv, mv) = (slot_view(&b, s), slot_view(&o, s), slot_view(&t, s), slot_view(merged, s));
            if ov.0 == bv.0 { prop_assert_eq!(&mv.0, &tv.0, "rating of slot {}", s); }
            if tv.0 == bv.0 { prop_assert_eq!(&mv.0, &ov.0, "rating of slot {}", s); }
            if ov.1 == bv.1 { prop_assert_eq!(&mv.1, &tv.1, "note of slot {}", s); }
            if tv.1 == bv.1 { prop_assert_eq!(&mv.1, &ov.1, "note of slot {}", s); }
            if ov.2 == bv.2 { prop_assert_eq!(&mv.2, &tv.2, "evidence of slot {}", s); }
            if tv.2 == bv.2 { prop_assert_eq!(&mv.2, &ov.2, "evidence of slot {}", s); }
            if ov.0 != bv.0 && tv.0 != bv.0 && ov.0 != tv.0 {
                let p = merged.process(sp).unwrap();
                let rec = p.ratings.iter().find(|x| x.attribute == sa && x.instance.as_deref().map(String::as_str) == si).unwrap();
                prop_assert_eq!(rec.review, Some(Review::Flagged));
            }
        }
        // Every item either side added is in the merge, with its links.
        let titles: Vec<String> = merged.evidence.iter().map(|e| e.title.clone()).collect();
        for side in [&o, &t] {
            for e in &side.evidence {
                prop_assert!(titles.contains(&e.title), "evidence {} lost", e.title);
            }
            let (fs, xs) = plan_view(side);
            let (mfs, mxs) = plan_view(merged);
            for f in fs { prop_assert!(mfs.contains(&f), "finding {:?} lost", f); }
            for x in xs { prop_assert!(mxs.contains(&x), "action {:?} lost", x); }
            let rs = requests_view(side);
            let mrs = requests_view(merged);
            for r in rs { prop_assert!(mrs.contains(&r), "request {:?} lost", r); }
            for i in &side.interviews {
                prop_assert!(merged.interviews.iter().any(|x| x.who == i.who), "interview {} lost", i.who);
            }
        }
        let mut ids: Vec<&str> = merged.evidence.iter().map(|e| e.id.as_str()).collect();
        ids.sort_by(|a, b| evidence_order(a, b));
        ids.dedup();
        prop_assert_eq!(ids.len(), merged.evidence.len());
    }
}

// --- capra merge-file and capra git setup through the binary --------------------------------

#[test]
fn merge_file_writes_ours_and_exits_1_on_conflicts() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (m, b) = base();
    let o = edited(&m, &b, vec![rate(CORE3, "PA2.1", None, "P")]);
    let t = edited(&m, &b, vec![rate(CORE3, "PA2.1", None, "F")]);
    // git's temporary names: no .toml.
    for (name, a) in [
        (".merge_file_b", &b),
        (".merge_file_o", &o),
        (".merge_file_t", &t),
    ] {
        fs::write(d.join(name), store::to_text(a)).unwrap();
    }
    let out = capra(d)
        .args([
            "merge-file",
            ".merge_file_b",
            ".merge_file_o",
            ".merge_file_t",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("CONFLICT ISMS.CORE.3 PA2.1"), "{err}");
    let merged = parse(&fs::read_to_string(d.join(".merge_file_o")).unwrap());
    assert!(validate(&merged, &m).is_empty());
    assert_eq!(merged.process(CORE3).unwrap().assessor_ratings.len(), 2);
    // No lock or temporary file is left behind.
    let mut names: Vec<String> = fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, [".merge_file_b", ".merge_file_o", ".merge_file_t"]);
}

#[test]
fn merge_file_refuses_bad_sides_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let newer = SMALL.replace("schema_version = 1", "schema_version = 2\nfuture_key = 1");
    let other_model = SMALL.replace("id = \"isms\"", "id = \"nosuchmodel\"");
    for (bad, what) in [
        ("not an assessment\n", "THEIRS"),
        (newer.as_str(), "newer capra"),
        (other_model.as_str(), "THEIRS"),
    ] {
        fs::write(d.join("b"), SMALL).unwrap();
        fs::write(d.join("o"), SMALL).unwrap();
        fs::write(d.join("t"), bad).unwrap();
        let out = capra(d)
            .args(["merge-file", "b", "o", "t"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(what) && err.contains("nothing was written"),
            "{err}"
        );
        assert_eq!(fs::read_to_string(d.join("o")).unwrap(), SMALL);
    }
}

fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .unwrap()
}

fn git_ok(dir: &Path, args: &[&str]) {
    let out = git(dir, args);
    assert!(
        out.status.success(),
        "git {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A repository with the small fixture committed on `main` as assessments/a.toml, capra set up as
/// its merge driver (the binary under test, by its absolute path), and a branch `theirs`.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git_ok(d, &["init", "-q", "-b", "main"]);
    git_ok(d, &["config", "user.name", "Test"]);
    git_ok(d, &["config", "user.email", "test@example.org"]);
    fs::create_dir(d.join("assessments")).unwrap();
    fs::write(d.join("assessments/a.toml"), SMALL).unwrap();
    capra(d).args(["git", "setup"]).assert().success();
    let driver = String::from_utf8(git(d, &["config", "merge.capra.driver"]).stdout).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("capra");
    assert_eq!(
        driver.trim(),
        format!("{} merge-file %O %A %B", bin.display())
    );
    git_ok(d, &["add", "-A"]);
    git_ok(d, &["commit", "-qm", "base"]);
    git_ok(d, &["branch", "theirs"]);
    dir
}

fn cap(d: &Path, args: &[&str]) {
    capra(d)
        .args(args)
        .env("CAPRA_LOCK_WAIT", "2")
        .assert()
        .success();
}

fn commit_on(d: &Path, branch: &str, edits: &[&[&str]]) {
    git_ok(d, &["checkout", "-q", branch]);
    for e in edits {
        cap(d, e);
    }
    git_ok(d, &["commit", "-qam", branch]);
}

fn load(d: &Path) -> Assessment {
    let loaded = store::load(
        &d.join("assessments/a.toml"),
        &capra::catalog::Catalog::built_in(),
    )
    .expect("the merged file loads");
    loaded.assessment
}

const FILE: &str = "assessments/a.toml";

#[test]
fn git_merges_ratings_of_different_attributes_cleanly() {
    let dir = repo();
    let d = dir.path();
    commit_on(d, "theirs", &[&["rate", FILE, CORE3, "PA3.1", "L"]]);
    commit_on(d, "main", &[&["rate", FILE, CORE3, "PA3.2", "P"]]);
    let out = git(d, &["merge", "theirs", "-m", "merge"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let a = load(d);
    assert_eq!(rating_of(&a, CORE3, "PA3.1").as_deref(), Some("L"));
    assert_eq!(rating_of(&a, CORE3, "PA3.2").as_deref(), Some("P"));
}

#[test]
fn git_merges_new_evidence_findings_and_actions_with_distinct_ids() {
    let dir = repo();
    let d = dir.path();
    let side = |who: &str, attr: &str| -> Vec<Vec<String>> {
        [
            vec![
                "evidence",
                "add",
                FILE,
                "--title",
                &format!("{who} doc"),
                "--kind",
                "document",
            ],
            vec!["rate", FILE, CORE3, attr, "L", "--evidence", "E-002"],
            vec![
                "finding",
                "add",
                FILE,
                CORE3,
                "--kind",
                "weakness",
                "--text",
                &format!("{who} finding"),
                "--evidence",
                "E-002",
            ],
            vec![
                "action",
                "add",
                FILE,
                "--title",
                &format!("{who} action"),
                "--finding",
                "F-001",
            ],
        ]
        .into_iter()
        .map(|v| v.into_iter().map(str::to_string).collect())
        .collect()
    };
    for (branch, who, attr) in [("theirs", "Theirs", "PA3.1"), ("main", "Ours", "PA3.2")] {
        git_ok(d, &["checkout", "-q", branch]);
        for args in side(who, attr) {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            cap(d, &args);
        }
        git_ok(d, &["commit", "-qam", branch]);
    }
    let out = git(d, &["merge", "theirs", "-m", "merge"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let a = load(d);
    assert_eq!(title_of(&a, "E-002"), "Ours doc");
    assert_eq!(title_of(&a, "E-003"), "Theirs doc");
    let ev = |attr: &str| {
        a.process(CORE3)
            .unwrap()
            .ratings
            .iter()
            .find(|r| r.attribute == attr)
            .unwrap()
            .evidence
            .clone()
    };
    assert_eq!(ev("PA3.2"), [Id::from("E-002")]);
    assert_eq!(ev("PA3.1"), [Id::from("E-003")]);
    let f1 = a.finding("F-001").unwrap();
    let f2 = a.finding("F-002").unwrap();
    assert_eq!(
        (f1.text.as_str(), f1.evidence[0].as_str()),
        ("Ours finding", "E-002")
    );
    assert_eq!(
        (f2.text.as_str(), f2.evidence[0].as_str()),
        ("Theirs finding", "E-003")
    );
    let x1 = a.action("A-001").unwrap();
    let x2 = a.action("A-002").unwrap();
    assert_eq!(
        (x1.title.as_str(), x1.findings[0].as_str()),
        ("Ours action", "F-001")
    );
    assert_eq!(
        (x2.title.as_str(), x2.findings[0].as_str()),
        ("Theirs action", "F-002")
    );
}

#[test]
fn git_reports_a_rating_changed_two_ways_and_the_file_still_loads() {
    let dir = repo();
    let d = dir.path();
    commit_on(
        d,
        "theirs",
        &[&["rate", FILE, CORE3, "PA2.1", "F", "--by", "Ben"]],
    );
    commit_on(
        d,
        "main",
        &[&["rate", FILE, CORE3, "PA2.1", "P", "--by", "Ana"]],
    );
    let out = git(d, &["merge", "theirs", "-m", "merge"]);
    assert!(!out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("CONFLICT"), "{stdout}");
    let text = fs::read_to_string(d.join(FILE)).unwrap();
    assert!(!text.contains("<<<<<<<"), "{text}");
    let a = load(d);
    let p = a.process(CORE3).unwrap();
    let rec = p.ratings.iter().find(|r| r.attribute == "PA2.1").unwrap();
    assert_eq!(rec.review, Some(Review::Flagged));
    assert_eq!(rec.rating().unwrap().code(), "P");
    let who: Vec<(String, String)> = p
        .assessor_ratings
        .iter()
        .map(|x| (x.assessor.clone(), x.rating().unwrap().code().to_string()))
        .collect();
    assert_eq!(
        who,
        [
            ("Ana".to_string(), "P".to_string()),
            ("Ben".into(), "F".into())
        ]
    );
    // Resolved the usual way: rate, mark reviewed, add, commit.
    cap(d, &["rate", FILE, CORE3, "PA2.1", "L"]);
    git_ok(d, &["add", FILE]);
    git_ok(d, &["commit", "-qm", "agreed"]);
}

#[test]
fn git_setup_is_idempotent_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    capra(d)
        .args(["git", "setup"])
        .env("GIT_CEILING_DIRECTORIES", d.parent().unwrap())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not inside a git repository"));
    git_ok(d, &["init", "-q"]);
    capra(d).args(["git", "setup", "--check"]).assert().code(1);
    fs::write(d.join(".gitattributes"), "*.pdf binary").unwrap();
    capra(d)
        .args(["git", "setup", "--pattern", "*.toml"])
        .assert()
        .success();
    let first = fs::read_to_string(d.join(".gitattributes")).unwrap();
    assert_eq!(first, "*.pdf binary\n*.toml merge=capra\n");
    capra(d)
        .args(["git", "setup", "--pattern", "*.toml"])
        .assert()
        .success()
        .stdout(predicates::str::contains("nothing changed"));
    assert_eq!(fs::read_to_string(d.join(".gitattributes")).unwrap(), first);
    capra(d)
        .args(["git", "setup", "--check", "--pattern", "*.toml"])
        .assert()
        .success();
    // Run from a subfolder, it works on the repository's top.
    fs::create_dir(d.join("sub")).unwrap();
    capra(&d.join("sub"))
        .args(["git", "setup", "--check", "--pattern", "*.toml"])
        .assert()
        .success();
}

#[test]
fn help_shows_examples() {
    let dir = tempfile::tempdir().unwrap();
    for cmd in [vec!["merge-file", "--help"], vec!["git", "setup", "--help"]] {
        capra(dir.path())
            .args(&cmd)
            .assert()
            .success()
            .stdout(predicates::str::contains("Example"));
    }
}

#[test]
fn merge_file_with_an_empty_base_merges_two_added_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (m, b) = base();
    let o = edited(&m, &b, vec![rate(CORE3, "PA3.1", None, "L")]);
    let t = edited(&m, &b, vec![rate(CORE3, "PA3.2", None, "P")]);
    fs::write(d.join("base"), "").unwrap();
    fs::write(d.join("ours"), store::to_text(&o)).unwrap();
    fs::write(d.join("theirs"), store::to_text(&t)).unwrap();
    capra(d)
        .args(["merge-file", "base", "ours", "theirs"])
        .assert()
        .code(0)
        .stderr(predicates::str::contains("0 conflict(s)"));
    let merged = parse(&fs::read_to_string(d.join("ours")).unwrap());
    assert!(validate(&merged, &m).is_empty());
    assert_eq!(rating_of(&merged, CORE3, "PA3.1").as_deref(), Some("L"));
    assert_eq!(rating_of(&merged, CORE3, "PA3.2").as_deref(), Some("P"));
}
