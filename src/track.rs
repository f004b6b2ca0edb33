//! Tracking over time and work in teams: seed a follow-up assessment from the last one, compare
//! assessments, merge several assessors' files, and measure how far assessors agree.
//!
//! All of it is pure: it takes assessments (and their model) and returns new values. The
//! command line reads and writes the files.

use crate::assessment::{Assessment, Evidence, Info, Member, ProcessRecord, RatingRecord, Review};
use crate::located::{Id, Located};
use crate::model::Model;
use crate::profile::{self, Profile};
use crate::rating::{self, Aggregation, Rating};
use serde::Serialize;
use std::collections::BTreeMap;

// ---------------------------------------------------------------------------------------------
// Seeding a follow-up assessment
// ---------------------------------------------------------------------------------------------

/// A new assessment that follows `prev`: the same scope, targets, instances, team, inputs and
/// evidence register, with `info`'s title and date. With `copy_ratings`, the ratings (with
/// their notes, confidence and evidence links) and characterisations come along too, to be
/// revised; without, the new assessment starts unrated and shows the previous ratings beside
/// the new ones. `previous_path` is where the new file will find the old one.
pub fn seed(
    model: &Model,
    prev: &Assessment,
    title: String,
    created: String,
    previous_path: String,
    copy_ratings: bool,
) -> Assessment {
    let mut info: Info = prev.assessment.clone();
    info.title = title;
    info.created = Located::new(created);
    info.start = Located::default();
    info.end = Located::default();
    info.previous = previous_path;
    let processes: Vec<&str> = prev.processes.iter().map(|p| p.id.as_str()).collect();
    let mut a = Assessment::new(model, info, &processes, 0);
    a.team = prev.team.clone();
    a.evidence = prev.evidence.clone();
    for (new, old) in a.processes.iter_mut().zip(&prev.processes) {
        new.target = old.target.clone();
        new.instances = old.instances.clone();
        if copy_ratings {
            new.ratings = old.ratings.clone();
            new.characterisations = old.characterisations.clone();
        }
    }
    a.normalize(model);
    a
}

// ---------------------------------------------------------------------------------------------
// Comparing assessments over time
// ---------------------------------------------------------------------------------------------

/// Which way something moved between the first and the last assessment compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Improved,
    Regressed,
    Unchanged,
    /// Rated in the last assessment, not in the first.
    NewlyRated,
    /// Rated in the first, not in the last.
    NoLongerRated,
    NotRated,
}

impl Change {
    pub fn word(self) -> &'static str {
        match self {
            Change::Improved => "improved",
            Change::Regressed => "regressed",
            Change::Unchanged => "unchanged",
            Change::NewlyRated => "newly rated",
            Change::NoLongerRated => "no longer rated",
            Change::NotRated => "not rated",
        }
    }

    fn of(first: Option<Rating>, last: Option<Rating>) -> Change {
        match (first, last) {
            (Some(a), Some(b)) => match b.position2().cmp(&a.position2()) {
                std::cmp::Ordering::Greater => Change::Improved,
                std::cmp::Ordering::Less => Change::Regressed,
                std::cmp::Ordering::Equal => Change::Unchanged,
            },
            (None, Some(_)) => Change::NewlyRated,
            (Some(_), None) => Change::NoLongerRated,
            (None, None) => Change::NotRated,
        }
    }
}

/// One assessment in a comparison.
#[derive(Clone, Debug, Serialize)]
pub struct Snapshot {
    pub label: String,
    pub title: String,
    /// The date it is ordered by: the end of data collection, else the creation date.
    pub date: String,
    pub model_version: String,
}

/// An attribute across the assessments.
#[derive(Clone, Debug, Serialize)]
pub struct AttributeTrend {
    pub id: String,
    #[serde(serialize_with = "ser_ratings")]
    pub ratings: Vec<Option<Rating>>,
    pub change: Change,
}

fn ser_ratings<S: serde::Serializer>(v: &[Option<Rating>], s: S) -> Result<S::Ok, S::Error> {
    v.iter()
        .map(|r| r.map(|r| r.code()))
        .collect::<Vec<_>>()
        .serialize(s)
}

/// A process across the assessments; `None` where it was not in scope.
#[derive(Clone, Debug, Serialize)]
pub struct ProcessTrend {
    pub id: String,
    pub name: String,
    pub levels: Vec<Option<u8>>,
    pub targets: Vec<Option<u8>>,
    pub gaps: Vec<Option<u8>>,
    /// Last level minus first level (among the assessments that have the process).
    pub level_change: i16,
    /// Last gap minus first gap.
    pub gap_change: i16,
    /// Below target in the first assessment that has it, at or above in the last.
    pub reached_target: bool,
    pub attributes: Vec<AttributeTrend>,
}

impl ProcessTrend {
    fn first_last<T: Copy>(v: &[Option<T>]) -> Option<(T, T)> {
        let first = v.iter().flatten().next()?;
        let last = v.iter().flatten().last()?;
        Some((*first, *last))
    }

    pub fn improved_attributes(&self) -> usize {
        self.attributes
            .iter()
            .filter(|a| a.change == Change::Improved)
            .count()
    }

    pub fn regressed_attributes(&self) -> usize {
        self.attributes
            .iter()
            .filter(|a| a.change == Change::Regressed)
            .count()
    }
}

/// The summary words people know: most improved, areas of concern, reached target.
#[derive(Clone, Debug, Serialize, Default)]
pub struct TrendSummary {
    /// Processes whose level rose, most first.
    pub most_improved: Vec<String>,
    /// Processes whose level fell or with a regressed attribute, or still two or more levels
    /// short of target.
    pub areas_of_concern: Vec<String>,
    pub reached_target: Vec<String>,
    pub attributes_improved: usize,
    pub attributes_regressed: usize,
    pub attributes_unchanged: usize,
}

/// A comparison of several assessments of one model, oldest first.
#[derive(Clone, Debug, Serialize)]
pub struct Comparison {
    pub model: String,
    pub snapshots: Vec<Snapshot>,
    pub processes: Vec<ProcessTrend>,
    pub summary: TrendSummary,
    /// How assessments made with different model versions were matched.
    pub notes: Vec<String>,
}

/// Why assessments cannot be compared or merged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Incompatible(pub String);

/// The date an assessment is ordered by.
pub fn date_of(a: &Assessment) -> String {
    if a.assessment.end.is_empty() {
        a.assessment.created.to_string()
    } else {
        a.assessment.end.to_string()
    }
}

fn same_model(items: &[(String, &Assessment)]) -> Result<Vec<String>, Incompatible> {
    let Some((first_label, first)) = items.first() else {
        return Err(Incompatible("nothing to compare".into()));
    };
    let mut notes = Vec::new();
    for (label, a) in items.iter().skip(1) {
        if a.model.id != first.model.id {
            return Err(Incompatible(format!(
                "{label} is an assessment of model {}, {first_label} of model {}: assessments of different models cannot be compared",
                a.model.id, first.model.id
            )));
        }
        if a.framework.id != first.framework.id {
            return Err(Incompatible(format!(
                "{label} uses framework {}, {first_label} framework {}: they cannot be compared",
                a.framework.id, first.framework.id
            )));
        }
        if a.model.version != first.model.version {
            notes.push(format!(
                "{first_label} was made with {} {}, {label} with {} {}: processes and attributes are matched by id; a process in only some of them is shown as not in scope where it is missing",
                first.model.id, first.model.version, a.model.id, a.model.version
            ));
        }
    }
    Ok(notes)
}

/// Compares assessments (label, assessment) of one model, ordered by date (then as given).
pub fn compare(model: &Model, items: &[(String, &Assessment)]) -> Result<Comparison, Incompatible> {
    let notes = same_model(items)?;
    let mut ordered: Vec<(usize, &(String, &Assessment))> = items.iter().enumerate().collect();
    ordered.sort_by(|(i, (_, a)), (j, (_, b))| date_of(a).cmp(&date_of(b)).then(i.cmp(j)));
    let profiles: Vec<Profile> = ordered
        .iter()
        .map(|(_, (_, a))| profile::score(model, a))
        .collect();
    let snapshots = ordered
        .iter()
        .map(|(_, (label, a))| Snapshot {
            label: label.clone(),
            title: a.assessment.title.clone(),
            date: date_of(a),
            model_version: a.model.version.clone(),
        })
        .collect();
    let mut processes = Vec::new();
    for mp in &model.processes.processes {
        let scores: Vec<Option<&profile::ProcessScore>> = profiles
            .iter()
            .map(|p| p.processes.iter().find(|x| x.id == mp.id.as_str()))
            .collect();
        if scores.iter().all(Option::is_none) {
            continue;
        }
        let levels: Vec<Option<u8>> = scores
            .iter()
            .map(|s| s.map(|s| s.capability_level))
            .collect();
        let targets: Vec<Option<u8>> = scores.iter().map(|s| s.map(|s| s.target_level)).collect();
        let gaps: Vec<Option<u8>> = scores.iter().map(|s| s.map(|s| s.gap)).collect();
        let attributes = model
            .attributes()
            .map(|attr| {
                let ratings: Vec<Option<Rating>> = scores
                    .iter()
                    .map(|s| {
                        s.and_then(|s| s.attributes.iter().find(|a| a.id == attr.id.as_str()))
                            .and_then(|a| a.rating)
                    })
                    .collect();
                let present: Vec<Option<Rating>> = scores
                    .iter()
                    .zip(&ratings)
                    .filter(|(s, _)| s.is_some())
                    .map(|(_, r)| *r)
                    .collect();
                let change = Change::of(
                    present.first().copied().flatten(),
                    present.last().copied().flatten(),
                );
                AttributeTrend {
                    id: attr.id.to_string(),
                    ratings,
                    change,
                }
            })
            .collect();
        let (l0, l1) = ProcessTrend::first_last(&levels).unwrap_or((0, 0));
        let (g0, g1) = ProcessTrend::first_last(&gaps).unwrap_or((0, 0));
        processes.push(ProcessTrend {
            id: mp.id.to_string(),
            name: mp.name.clone(),
            levels,
            targets,
            gaps,
            level_change: i16::from(l1) - i16::from(l0),
            gap_change: i16::from(g1) - i16::from(g0),
            reached_target: g0 > 0 && g1 == 0,
            attributes,
        });
    }
    let mut summary = TrendSummary::default();
    let mut improved: Vec<&ProcessTrend> =
        processes.iter().filter(|p| p.level_change > 0).collect();
    improved.sort_by_key(|p| {
        (
            std::cmp::Reverse(p.level_change),
            std::cmp::Reverse(p.improved_attributes()),
        )
    });
    summary.most_improved = improved.iter().map(|p| p.id.clone()).collect();
    summary.areas_of_concern = processes
        .iter()
        .filter(|p| {
            p.level_change < 0
                || p.regressed_attributes() > 0
                || p.gaps.iter().flatten().last().is_some_and(|g| *g >= 2)
        })
        .map(|p| p.id.clone())
        .collect();
    summary.reached_target = processes
        .iter()
        .filter(|p| p.reached_target)
        .map(|p| p.id.clone())
        .collect();
    for p in &processes {
        for a in &p.attributes {
            match a.change {
                Change::Improved => summary.attributes_improved += 1,
                Change::Regressed => summary.attributes_regressed += 1,
                Change::Unchanged => summary.attributes_unchanged += 1,
                _ => {}
            }
        }
    }
    Ok(Comparison {
        model: model.id().to_string(),
        snapshots,
        processes,
        summary,
        notes,
    })
}

impl Comparison {
    /// Why a process is an area of concern, in words.
    pub fn concern(&self, id: &str) -> String {
        let Some(p) = self.processes.iter().find(|p| p.id == id) else {
            return String::new();
        };
        let mut why = Vec::new();
        if p.level_change < 0 {
            why.push(format!("level fell by {}", -p.level_change));
        }
        let regressed: Vec<&str> = p
            .attributes
            .iter()
            .filter(|a| a.change == Change::Regressed)
            .map(|a| a.id.as_str())
            .collect();
        if !regressed.is_empty() {
            why.push(format!("{} regressed", regressed.join(", ")));
        }
        if let Some(g) = p.gaps.iter().flatten().last()
            && *g >= 2
        {
            why.push(format!("still {g} levels short of target"));
        }
        why.join("; ")
    }
}

// ---------------------------------------------------------------------------------------------
// Merging several assessors' files
// ---------------------------------------------------------------------------------------------

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

/// Whose ratings a file holds: its ratings' assessor, else its lead assessor, else the label.
fn owner(a: &Assessment, label: &str) -> String {
    a.team
        .iter()
        .find(|m| m.role == crate::assessment::Role::LeadAssessor)
        .map(|m| m.name.to_string())
        .unwrap_or_else(|| label.to_string())
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

    // Evidence: the same item once, clashing ids renumbered; a map per file.
    let mut maps: Vec<BTreeMap<String, String>> = Vec::new();
    for (label, a) in items {
        let mut map = BTreeMap::new();
        for e in &a.evidence {
            let same = out.evidence.iter().find(|x| {
                x.title == e.title && x.kind == e.kind && x.path == e.path && x.sha256 == e.sha256
            });
            let id = match same {
                Some(x) => x.id.to_string(),
                None => {
                    let id = if out.evidence_item(&e.id).is_none() {
                        e.id.to_string()
                    } else {
                        let new = out.next_evidence_id();
                        notes.push(format!(
                            "{label}: evidence {} is {new} in the merged file",
                            e.id
                        ));
                        new
                    };
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

// ---------------------------------------------------------------------------------------------
// Agreement between assessors
// ---------------------------------------------------------------------------------------------

/// Agreement statistics over a set of items rated by every rater.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Agreement {
    /// Items every rater rated.
    pub items: usize,
    /// Share of those on which every rater gave the same value (N/P/L/F), 0 to 1.
    pub exact: Option<f64>,
    /// Linearly weighted Cohen's kappa on the ordinal scale (two raters).
    pub weighted_kappa: Option<f64>,
    /// Fleiss' kappa (two or more raters).
    pub fleiss_kappa: Option<f64>,
}

/// Percent agreement, linearly weighted Cohen's kappa (two raters) and Fleiss' kappa over
/// `table`: one row per item, one value per rater (0..=3 for N..F).
pub fn agreement(table: &[Vec<u8>]) -> Agreement {
    let items = table.len();
    if items == 0 {
        return Agreement {
            items,
            exact: None,
            weighted_kappa: None,
            fleiss_kappa: None,
        };
    }
    let n = table[0].len();
    let exact = table
        .iter()
        .filter(|r| r.iter().all(|v| *v == r[0]))
        .count() as f64
        / items as f64;
    let weighted_kappa = (n == 2).then(|| weighted_kappa(table)).flatten();
    Agreement {
        items,
        exact: Some(exact),
        weighted_kappa,
        fleiss_kappa: fleiss_kappa(table),
    }
}

const K: usize = 4;

/// Cohen's kappa with linear weights `1 - |i - j| / (K - 1)`; `None` when chance agreement is
/// total (every rating the same), where kappa is undefined.
pub fn weighted_kappa(table: &[Vec<u8>]) -> Option<f64> {
    let n = table.len() as f64;
    let mut p = [[0.0f64; K]; K];
    for r in table {
        p[r[0] as usize][r[1] as usize] += 1.0 / n;
    }
    let row: Vec<f64> = (0..K).map(|i| p[i].iter().sum()).collect();
    let col: Vec<f64> = (0..K).map(|j| (0..K).map(|i| p[i][j]).sum()).collect();
    let w = |i: usize, j: usize| 1.0 - (i.abs_diff(j) as f64) / (K as f64 - 1.0);
    let mut po = 0.0;
    let mut pe = 0.0;
    for i in 0..K {
        for j in 0..K {
            po += w(i, j) * p[i][j];
            pe += w(i, j) * row[i] * col[j];
        }
    }
    if (1.0 - pe).abs() < 1e-12 {
        None
    } else {
        Some((po - pe) / (1.0 - pe))
    }
}

/// Fleiss' kappa; `None` with fewer than two raters or when chance agreement is total.
pub fn fleiss_kappa(table: &[Vec<u8>]) -> Option<f64> {
    let items = table.len();
    let n = table.first()?.len();
    if n < 2 || items == 0 {
        return None;
    }
    let nf = n as f64;
    let mut pj = [0.0f64; K];
    let mut pbar = 0.0;
    for r in table {
        let mut counts = [0.0f64; K];
        for v in r {
            counts[*v as usize] += 1.0;
        }
        for j in 0..K {
            pj[j] += counts[j];
        }
        let s: f64 = counts.iter().map(|c| c * c).sum();
        pbar += (s - nf) / (nf * (nf - 1.0));
    }
    pbar /= items as f64;
    let total = items as f64 * nf;
    let pe: f64 = pj.iter().map(|c| (c / total).powi(2)).sum();
    if (1.0 - pe).abs() < 1e-12 {
        None
    } else {
        Some((pbar - pe) / (1.0 - pe))
    }
}

/// Per process and overall agreement between the assessors' files (label, assessment): every
/// attribute (and instance) rated by all of them is an item.
#[derive(Clone, Debug, Serialize)]
pub struct AgreementReport {
    pub raters: Vec<String>,
    pub overall: Agreement,
    pub processes: Vec<(String, Agreement)>,
    /// Items rated by some raters but not all, left out.
    pub left_out: usize,
}

pub fn agreement_report(
    model: &Model,
    items: &[(String, &Assessment)],
) -> Result<AgreementReport, Incompatible> {
    same_model(items)?;
    if items.len() < 2 {
        return Err(Incompatible(
            "agreement needs two or more assessors' files".into(),
        ));
    }
    let profiles: Vec<Profile> = items
        .iter()
        .map(|(_, a)| profile::score(model, a))
        .collect();
    let mut all = Vec::new();
    let mut per = Vec::new();
    let mut left_out = 0;
    for mp in &model.processes.processes {
        let mut rows = Vec::new();
        for attr in model.attributes() {
            // Each rater's rating of the attribute for the process as a whole.
            let vals: Vec<Option<Rating>> = profiles
                .iter()
                .map(|p| {
                    p.processes
                        .iter()
                        .find(|x| x.id == mp.id.as_str())
                        .and_then(|x| x.attributes.iter().find(|a| a.id == attr.id.as_str()))
                        .and_then(|a| a.rating)
                })
                .collect();
            if vals.iter().all(Option::is_some) {
                rows.push(
                    vals.iter()
                        .flatten()
                        .map(|r| r.base().ordinal())
                        .collect::<Vec<u8>>(),
                );
            } else if vals.iter().any(Option::is_some) {
                left_out += 1;
            }
        }
        if !rows.is_empty() {
            all.extend(rows.iter().cloned());
            per.push((mp.id.to_string(), agreement(&rows)));
        }
    }
    Ok(AgreementReport {
        raters: items
            .iter()
            .map(|(l, a)| format!("{} ({l})", owner(a, l)))
            .collect(),
        overall: agreement(&all),
        processes: per,
        left_out,
    })
}

/// Landis and Koch's words for a kappa, for people.
pub fn kappa_words(k: f64) -> &'static str {
    match k {
        k if k < 0.0 => "poor (less than chance)",
        k if k <= 0.20 => "slight",
        k if k <= 0.40 => "fair",
        k if k <= 0.60 => "moderate",
        k if k <= 0.80 => "substantial",
        _ => "almost perfect",
    }
}

/// `merge` and `compare` order; the aggregation used by a merge.
pub fn merge_method(a: &Assessment) -> Aggregation {
    a.assessment.aggregation
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table worked out by hand: 10 items, two raters.
    ///
    /// | A\B | N | P | L | F |
    /// |-----|---|---|---|---|
    /// | N   | 1 | 1 | 0 | 0 |
    /// | P   | 0 | 2 | 1 | 0 |
    /// | L   | 0 | 0 | 3 | 1 |
    /// | F   | 0 | 0 | 0 | 1 |
    ///
    /// Exact agreement 7/10. Weights: 1 on the diagonal, 2/3 one step apart.
    /// p_o = 0.7 + (2/3)(0.1 + 0.1 + 0.1) = 0.9.
    /// Row sums A: N .2, P .3, L .4, F .1; column sums B: N .1, P .3, L .4, F .2.
    /// p_e = sum w_ij a_i b_j = 0.66 (written out term by term below),
    /// kappa = (0.9 - 0.66) / (1 - 0.66) = 0.7059.
    #[test]
    fn kappa_by_hand() {
        let pairs: &[(u8, u8, usize)] = &[
            (0, 0, 1),
            (0, 1, 1),
            (1, 1, 2),
            (1, 2, 1),
            (2, 2, 3),
            (2, 3, 1),
            (3, 3, 1),
        ];
        let mut table = Vec::new();
        for &(a, b, n) in pairs {
            for _ in 0..n {
                table.push(vec![a, b]);
            }
        }
        let ag = agreement(&table);
        assert_eq!(ag.items, 10);
        assert!((ag.exact.unwrap() - 0.7).abs() < 1e-12);
        // p_e by hand: a = [.2,.3,.4,.1], b = [.1,.3,.4,.2], w(i,j) = 1 - |i-j|/3.
        let a = [0.2, 0.3, 0.4, 0.1];
        let b = [0.1, 0.3, 0.4, 0.2];
        let mut pe = 0.0;
        for (i, ai) in a.iter().enumerate() {
            for (j, bj) in b.iter().enumerate() {
                pe += (1.0 - (i as f64 - j as f64).abs() / 3.0) * ai * bj;
            }
        }
        // Written out: diagonal .02+.09+.16+.02 = .29; one apart (2/3)(.06+.03+.12+.12+.08
        // +.04) = (2/3)(.45) = .30; two apart (1/3)(.08+.04+.06+.03) = (1/3)(.21) = .07;
        // three apart weight 0. Total .66.
        assert!((pe - 0.66).abs() < 1e-9, "{pe}");
        let k = ag.weighted_kappa.unwrap();
        assert!((k - 0.24 / 0.34).abs() < 1e-9, "{k}");
        assert!((k - 0.705_882).abs() < 1e-6, "{k}");
        assert_eq!(kappa_words(k), "substantial");
    }

    /// Fleiss' kappa on a small table worked out by hand: 4 items, 3 raters.
    /// Items: (F,F,F), (L,L,P), (N,N,N), (P,L,F).
    /// P_i: 1, (4+1-3)/6 = 1/3, 1, (1+1+1-3)/6 = 0. P-bar = 2.3333/4 = 0.58333.
    /// Category shares over 12 ratings: N 3, P 2, L 3, F 4 -> p_e = (9+4+9+16)/144 = 38/144.
    /// kappa = (0.58333 - 0.26389) / (1 - 0.26389) = 0.43396.
    #[test]
    fn fleiss_by_hand() {
        let t = vec![vec![3, 3, 3], vec![2, 2, 1], vec![0, 0, 0], vec![1, 2, 3]];
        let k = fleiss_kappa(&t).unwrap();
        let want = (7.0 / 12.0 - 38.0 / 144.0) / (1.0 - 38.0 / 144.0);
        assert!((k - want).abs() < 1e-12, "{k} vs {want}");
        assert!((k - 0.433_962).abs() < 1e-5);
        let ag = agreement(&t);
        assert_eq!(ag.weighted_kappa, None, "Cohen's kappa is for two raters");
        assert!((ag.exact.unwrap() - 0.5).abs() < 1e-12);
    }

    #[test]
    fn kappa_undefined_when_everything_is_the_same() {
        let t = vec![vec![3, 3], vec![3, 3]];
        assert_eq!(weighted_kappa(&t), None);
        assert_eq!(fleiss_kappa(&t), None);
        assert_eq!(agreement(&t).exact, Some(1.0));
    }

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
