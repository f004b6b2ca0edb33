//! Merging several assessors' files into one, with their disagreements flagged for review.

use super::inputs::{Incompatible, owner, same_model};
use crate::assessment::{
    Assessment, Evidence, EvidenceKind, MAX_EVIDENCE_NUMBER, Member, ProcessRecord, RatingRecord,
    Review, evidence_number, next_evidence_after,
};
use crate::located::{Id, Located};
use crate::model::Model;
use crate::rating::{self, Rating};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Two ratings disagree when they are two or more steps apart on N/P/L/F, or one is N and the
/// other F.
pub fn disagree(a: Rating, b: Rating) -> bool {
    a.base().ordinal().abs_diff(b.base().ordinal()) >= 2
}

/// A flagged disagreement in a merge.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Disagreement {
    pub process: String,
    pub attribute: String,
    pub instance: Option<String>,
    /// (assessor, rating) of everyone who rated it.
    pub ratings: Vec<(String, String)>,
}

/// The result of a merge.
#[derive(Clone, Debug)]
pub struct Merged {
    pub assessment: Assessment,
    pub disagreements: Vec<Disagreement>,
    pub notes: Vec<String>,
}

/// Merges several assessors' files (label, assessment) of one model into one: the union of
/// the processes in scope (targets and instances from the first file that has each process),
/// the evidence registers joined (the same item in several files becomes one; ids are renumbered
/// where they clash), every assessor's rating kept in `assessor_ratings`, and for each
/// attribute the aggregate of the assessors' ratings proposed as the rating. Disagreements are
/// flagged for review, so the lead assessor can agree each one.
pub fn merge(
    model: &Model,
    items: &[(String, &Assessment)],
    title: String,
) -> Result<Merged, Incompatible> {
    let mut notes = same_model(items)?;
    let (_, first) = items[0];
    let mut info = first.assessment.clone();
    info.title = title;
    let mut ids: Vec<String> = Vec::new();
    for (_, a) in items {
        for p in &a.processes {
            if !ids.contains(&p.id.to_string()) {
                ids.push(p.id.to_string());
            }
        }
    }
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut out = Assessment::new(model, info, &refs, 0);

    // Statement of applicability: the first file's that has one; others that differ noted.
    if let Some((label, a)) = items.iter().find(|(_, a)| !a.soa.is_empty()) {
        out.soa = a.soa.clone();
        for (other, b) in items {
            if !b.soa.is_empty() && b.soa != a.soa {
                notes.push(format!(
                    "{other}: its statement of applicability differs from {label}'s, which is kept"
                ));
            }
        }
    }

    // Team: everyone, once.
    for (_, a) in items {
        for m in &a.team {
            if !out
                .team
                .iter()
                .any(|x: &Member| x.name == m.name && x.role == m.role)
            {
                out.team.push(m.clone());
            }
        }
    }

    // Acknowledged warnings: each once (the first file's justification when several gave one).
    for (_, a) in items {
        for k in &a.acknowledgements {
            if !out.acknowledgements.iter().any(|x| x.warning == k.warning) {
                out.acknowledgements.push(k.clone());
            }
        }
    }

    // Evidence: the same item once, clashing ids renumbered; a map per file. Lookups by content
    // and by id are hashed, so joining registers takes time in proportion to their size.
    let mut maps: Vec<BTreeMap<String, String>> = Vec::new();
    let mut by_content: HashMap<(String, EvidenceKind, String, String), String> = HashMap::new();
    let mut taken: HashSet<String> = out.evidence.iter().map(|e| e.id.to_string()).collect();
    let mut highest = out
        .evidence
        .iter()
        .filter_map(|e| evidence_number(&e.id))
        .max()
        .unwrap_or(0);
    for (label, a) in items {
        let mut map = BTreeMap::new();
        for e in &a.evidence {
            let key = (
                e.title.clone(),
                e.kind,
                e.path.clone(),
                e.sha256.get().clone(),
            );
            let id = match by_content.get(&key) {
                Some(id) => id.clone(),
                None => {
                    let id = if !taken.contains(e.id.as_str()) {
                        e.id.to_string()
                    } else {
                        let new = next_evidence_after(highest).ok_or_else(|| {
                            Incompatible(format!(
                                "{label}: evidence {} needs a new id, and none is left below E-{MAX_EVIDENCE_NUMBER}",
                                e.id
                            ))
                        })?;
                        notes.push(format!(
                            "{label}: evidence {} is {new} in the merged file",
                            e.id
                        ));
                        new
                    };
                    highest = highest.max(evidence_number(&id).unwrap_or(0));
                    taken.insert(id.clone());
                    by_content.insert(key, id.clone());
                    out.evidence.push(Evidence {
                        id: Id::from(id.as_str()),
                        ..e.clone()
                    });
                    id
                }
            };
            map.insert(e.id.to_string(), id);
        }
        maps.push(map);
    }

    // Processes: targets, instances; every assessor's ratings.
    for rec in &mut out.processes {
        let mut seen_target = false;
        for (i, (label, a)) in items.iter().enumerate() {
            let Some(p) = a.process(&rec.id) else {
                continue;
            };
            if !seen_target {
                rec.target = p.target.clone();
                seen_target = true;
            } else if *p.target != *rec.target {
                notes.push(format!(
                    "{label}: target of {} is {}, the merged file keeps {}",
                    rec.id, *p.target, *rec.target
                ));
            }
            for inst in &p.instances {
                if !rec.instances.contains(inst) {
                    rec.instances.push(inst.clone());
                }
            }
            let who = owner(a, label);
            for r in &p.ratings {
                let mut r = r.clone();
                if r.assessor.trim().is_empty() {
                    r.assessor = who.clone();
                }
                r.evidence = r
                    .evidence
                    .iter()
                    .map(|e| {
                        Id::from(
                            maps[i]
                                .get(e.as_str())
                                .cloned()
                                .unwrap_or_else(|| e.to_string()),
                        )
                    })
                    .collect();
                r.review = None;
                rec.assessor_ratings.retain(|x| {
                    !(x.attribute == r.attribute
                        && x.instance == r.instance
                        && x.assessor == r.assessor)
                });
                rec.assessor_ratings.push(r);
            }
            for c in &p.characterisations {
                if !rec
                    .characterisations
                    .iter()
                    .any(|x| x.item == c.item && x.instance == c.instance)
                {
                    rec.characterisations.push(c.clone());
                }
            }
        }
    }

    merge_plan(&mut out, items, &maps, &mut notes);

    // The proposed ratings and the disagreements.
    let method = out.assessment.aggregation;
    let mut disagreements = Vec::new();
    for rec in &mut out.processes {
        let mut keys: Vec<(Id, Option<Id>)> = Vec::new();
        for r in &rec.assessor_ratings {
            let k = (r.attribute.clone(), r.instance.clone());
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
        for (attr, inst) in keys {
            let group: Vec<&RatingRecord> = rec
                .assessor_ratings
                .iter()
                .filter(|r| r.attribute == attr && r.instance == inst)
                .collect();
            let rated: Vec<(String, Rating)> = group
                .iter()
                .filter_map(|r| r.rating().map(|x| (r.assessor.clone(), x)))
                .collect();
            let values: Vec<Rating> = rated.iter().map(|x| x.1).collect();
            let split = values
                .iter()
                .enumerate()
                .any(|(i, a)| values[i + 1..].iter().any(|b| disagree(*a, *b)));
            let mut evidence: Vec<Id> = group.iter().flat_map(|r| r.evidence.clone()).collect();
            evidence.sort();
            evidence.dedup();
            let notes_joined: Vec<String> = group
                .iter()
                .filter(|r| !r.note.trim().is_empty())
                .map(|r| format!("{}: {}", r.assessor, r.note.trim()))
                .collect();
            let record = RatingRecord {
                attribute: attr.clone(),
                instance: inst.clone(),
                rating: rating::aggregate(&values, method).map(Located::new),
                confidence: None,
                assessor: String::new(),
                evidence,
                review: split.then_some(Review::Flagged),
                rationale: String::new(),
                note: notes_joined.join("\n"),
            };
            if !record.is_blank() {
                rec.ratings.push(record);
            }
            if split {
                disagreements.push(Disagreement {
                    process: rec.id.to_string(),
                    attribute: attr.to_string(),
                    instance: inst.as_ref().map(|i| i.to_string()),
                    ratings: rated
                        .iter()
                        .map(|(w, r)| (w.clone(), r.code().to_string()))
                        .collect(),
                });
            }
        }
    }
    out.normalize(model);
    Ok(Merged {
        assessment: out,
        disagreements,
        notes,
    })
}

/// Joins the findings and improvement plans of the files: the same finding (process,
/// attribute, instance, kind and text) or the same action (id and title) once; ids that clash
/// are renumbered, with the links of actions to findings and of findings to evidence following.
fn merge_plan(
    out: &mut Assessment,
    items: &[(String, &Assessment)],
    evidence_maps: &[BTreeMap<String, String>],
    notes: &mut Vec<String>,
) {
    use crate::assessment::plan::id_number;
    let next = |prefix: &str, taken: &HashSet<String>| -> String {
        let n = taken
            .iter()
            .filter_map(|i| id_number(prefix, i))
            .max()
            .unwrap_or(0)
            + 1;
        format!("{prefix}{n:03}")
    };
    let interview_maps = merge_interviews(out, items, notes);
    merge_questions(out, items, &interview_maps);
    let mut taken: HashSet<String> = HashSet::new();
    let mut finding_maps: Vec<HashMap<String, String>> = Vec::new();
    for (i, (label, a)) in items.iter().enumerate() {
        let who = owner(a, label);
        let mut map = HashMap::new();
        for f in &a.findings {
            let same = out.findings.iter().find(|x| {
                x.process == f.process
                    && x.attribute == f.attribute
                    && x.instance == f.instance
                    && x.kind == f.kind
                    && x.text.trim() == f.text.trim()
            });
            let id = match same {
                Some(x) => x.id.to_string(),
                None => {
                    let id = if taken.contains(f.id.as_str()) {
                        let new = next("F-", &taken);
                        notes.push(format!(
                            "{label}: finding {} is {new} in the merged file",
                            f.id
                        ));
                        new
                    } else {
                        f.id.to_string()
                    };
                    taken.insert(id.clone());
                    let mut f = f.clone();
                    f.id = Id::from(id.as_str());
                    if f.author.trim().is_empty() {
                        f.author = who.clone();
                    }
                    f.interview = f.interview.map(|x| {
                        Id::from(
                            interview_maps[i]
                                .get(x.as_str())
                                .map_or(x.as_str(), String::as_str),
                        )
                    });
                    f.evidence = f
                        .evidence
                        .iter()
                        .map(|e| {
                            Id::from(
                                evidence_maps[i]
                                    .get(e.as_str())
                                    .map_or(e.as_str(), String::as_str),
                            )
                        })
                        .collect();
                    out.findings.push(f);
                    id
                }
            };
            map.insert(f.id.to_string(), id);
        }
        finding_maps.push(map);
    }
    let mut taken: HashSet<String> = HashSet::new();
    for (i, (label, a)) in items.iter().enumerate() {
        for x in &a.actions {
            if out
                .actions
                .iter()
                .any(|y| y.id == x.id && y.title.trim() == x.title.trim())
            {
                continue;
            }
            let mut x = x.clone();
            if taken.contains(x.id.as_str()) {
                let new = next("A-", &taken);
                notes.push(format!(
                    "{label}: action {} is {new} in the merged file",
                    x.id
                ));
                x.id = Id::from(new.as_str());
            }
            taken.insert(x.id.to_string());
            x.findings = x
                .findings
                .iter()
                .map(|f| {
                    Id::from(
                        finding_maps[i]
                            .get(f.as_str())
                            .map_or(f.as_str(), String::as_str),
                    )
                })
                .collect();
            out.actions.push(x);
        }
    }
    out.assessment.next_action_number = items
        .iter()
        .filter_map(|(_, a)| a.assessment.next_action_number)
        .max();
    let mut taken: HashSet<String> = HashSet::new();
    for (i, (label, a)) in items.iter().enumerate() {
        for r in &a.requests {
            let mut r = r.clone();
            let follow = |x: Option<Id>, map: &dyn Fn(&str) -> Option<String>| {
                x.map(|x| Id::from(map(x.as_str()).unwrap_or_else(|| x.to_string()).as_str()))
            };
            r.interview = follow(r.interview, &|x| interview_maps[i].get(x).cloned());
            r.evidence = follow(r.evidence, &|x| evidence_maps[i].get(x).cloned());
            if out
                .requests
                .iter()
                .any(|y| y.what.trim() == r.what.trim() && y.from.trim() == r.from.trim())
            {
                continue;
            }
            if taken.contains(r.id.as_str()) {
                let new = next("R-", &taken);
                notes.push(format!(
                    "{label}: request {} is {new} in the merged file",
                    r.id
                ));
                r.id = Id::from(new.as_str());
            }
            taken.insert(r.id.to_string());
            out.requests.push(r);
        }
    }
}

/// Joins the questions asked in the files: one record per process and question, the first
/// file's, with the other files' answers added when they differ (and their interviews followed).
fn merge_questions(
    out: &mut Assessment,
    items: &[(String, &Assessment)],
    interview_maps: &[HashMap<String, String>],
) {
    for (i, (label, a)) in items.iter().enumerate() {
        for q in &a.questions {
            let mut q = q.clone();
            q.interview = q.interview.map(|x| {
                Id::from(
                    interview_maps[i]
                        .get(x.as_str())
                        .map_or(x.as_str(), String::as_str),
                )
            });
            match out
                .questions
                .iter_mut()
                .find(|y| y.process == q.process && y.question == q.question)
            {
                Some(y) => {
                    y.asked |= q.asked;
                    let answer = q.answer.trim();
                    if !answer.is_empty() && !y.answer.contains(answer) {
                        if !y.answer.is_empty() {
                            y.answer.push('\n');
                        }
                        y.answer.push_str(&format!("{label}: {answer}"));
                    }
                }
                None => out.questions.push(q),
            }
        }
    }
}

/// Joins the interviews of the files: the same interview (interviewee and time) once, ids that
/// clash renumbered; for each file, its interview ids as they are in the merged file.
fn merge_interviews(
    out: &mut Assessment,
    items: &[(String, &Assessment)],
    notes: &mut Vec<String>,
) -> Vec<HashMap<String, String>> {
    let mut taken: HashSet<String> = HashSet::new();
    let mut maps = Vec::new();
    for (label, a) in items {
        let mut map = HashMap::new();
        for x in &a.interviews {
            let same = out
                .interviews
                .iter()
                .find(|y| y.who.trim() == x.who.trim() && y.at == x.at);
            let id = match same {
                Some(y) => y.id.to_string(),
                None => {
                    let mut x = x.clone();
                    if taken.contains(x.id.as_str()) {
                        let n = taken
                            .iter()
                            .filter_map(|i| crate::assessment::plan::id_number("I-", i))
                            .max()
                            .unwrap_or(0)
                            + 1;
                        let new = format!("I-{n:03}");
                        notes.push(format!(
                            "{label}: interview {} is {new} in the merged file",
                            x.id
                        ));
                        x.id = Id::from(new.as_str());
                    }
                    taken.insert(x.id.to_string());
                    let id = x.id.to_string();
                    out.interviews.push(x);
                    id
                }
            };
            map.insert(x.id.to_string(), id);
        }
        maps.push(map);
    }
    maps
}

/// The distinct assessors of a process record's `assessor_ratings`.
pub fn assessors(rec: &ProcessRecord) -> Vec<String> {
    let mut v: Vec<String> = rec
        .assessor_ratings
        .iter()
        .map(|r| r.assessor.clone())
        .collect();
    v.sort();
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disagreement_rule() {
        use Rating::*;
        assert!(disagree(N, F));
        assert!(disagree(P, F));
        assert!(disagree(N, L));
        assert!(!disagree(L, F));
        assert!(!disagree(PPlus, LMinus));
        assert!(disagree(PMinus, F));
    }
}
