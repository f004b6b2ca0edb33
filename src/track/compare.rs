//! Comparing assessments of one model over time: levels, gaps and ratings, first against last,
//! and the summary words people know.

use super::inputs::{Incompatible, same_model};
use crate::assessment::Assessment;
use crate::iso27001::{self, Readiness, Verdict};
use crate::model::Model;
use crate::profile::{self, Profile};
use crate::rating::Rating;
use serde::Serialize;

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
    /// The organisational maturity level reached, when the model declares maturity levels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maturity: Option<u8>,
    /// Its name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maturity_name: Option<String>,
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
    /// The model's short name, for tables narrower than the name (not in the JSON).
    #[serde(skip)]
    pub short_name: Option<String>,
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
    /// The improvement plan followed from the first assessment to the last.
    pub plan: super::followup::FollowUp,
    /// The ISO/IEC 27001 clauses and Annex A controls of the model's catalogue whose readiness
    /// verdict differs between the first and the last assessment (empty without a catalogue).
    pub iso27001: Vec<VerdictTrend>,
    /// The model has an ISO/IEC 27001 catalogue (clauses or controls) to compare.
    #[serde(skip)]
    pub has_catalogue: bool,
}

/// A clause or control whose ISO/IEC 27001 readiness verdict changed between the first and the
/// last assessment compared.
#[derive(Clone, Debug, Serialize)]
pub struct VerdictTrend {
    /// `clause` or `control`.
    pub kind: &'static str,
    pub id: String,
    pub title: String,
    /// The verdict in each assessment, oldest first.
    pub verdicts: Vec<Verdict>,
    pub change: VerdictChange,
}

/// Which way a readiness verdict moved, first against last.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VerdictChange {
    /// Now supported (it was at risk or not assessed).
    Improved,
    /// Now at risk (it was supported or not assessed).
    Regressed,
    /// Now not assessed (it had a verdict).
    NoLongerAssessed,
}

impl VerdictChange {
    pub fn word(self) -> &'static str {
        match self {
            VerdictChange::Improved => "improved",
            VerdictChange::Regressed => "regressed",
            VerdictChange::NoLongerAssessed => "no longer assessed",
        }
    }

    fn of(first: Verdict, last: Verdict) -> Option<VerdictChange> {
        match (first, last) {
            (a, b) if a == b => None,
            (_, Verdict::Supported) => Some(VerdictChange::Improved),
            (_, Verdict::AtRisk) => Some(VerdictChange::Regressed),
            (_, Verdict::NotAssessed) => Some(VerdictChange::NoLongerAssessed),
        }
    }
}

/// The clauses, then the controls, whose verdict differs between the first and the last of the
/// profiles (oldest first), in catalogue order. Controls are judged without a Statement of
/// Applicability, so that every assessment is read the same way.
fn verdict_trends(model: &Model, profiles: &[Profile]) -> Vec<VerdictTrend> {
    if profiles.len() < 2 {
        return Vec::new();
    }
    let mut out = Vec::new();
    let parts: [(&'static str, Vec<Readiness>); 2] = [
        (
            "clause",
            profiles
                .iter()
                .map(|p| iso27001::clauses(model, p))
                .collect(),
        ),
        (
            "control",
            profiles
                .iter()
                .map(|p| iso27001::controls(model, p, &[]))
                .collect(),
        ),
    ];
    for (kind, readiness) in parts {
        let Some(first) = readiness.first() else {
            continue;
        };
        for (i, e) in first.entries.iter().enumerate() {
            let verdicts: Vec<Verdict> = readiness.iter().map(|r| r.entries[i].verdict).collect();
            let (Some(a), Some(b)) = (verdicts.first(), verdicts.last()) else {
                continue;
            };
            if let Some(change) = VerdictChange::of(*a, *b) {
                out.push(VerdictTrend {
                    kind,
                    id: e.id.clone(),
                    title: e.title.clone(),
                    verdicts,
                    change,
                });
            }
        }
    }
    out
}

/// The date an assessment is ordered by.
pub fn date_of(a: &Assessment) -> String {
    if a.assessment.end.is_empty() {
        a.assessment.created.to_string()
    } else {
        a.assessment.end.to_string()
    }
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
        .zip(&profiles)
        .map(|((_, (label, a)), prof)| Snapshot {
            label: label.clone(),
            title: a.assessment.title.clone(),
            date: date_of(a),
            model_version: a.model.version.clone(),
            maturity: prof.maturity.as_ref().map(|m| m.level),
            maturity_name: prof.maturity.as_ref().and_then(|m| m.name.clone()),
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
            short_name: mp.short_name.clone(),
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
    let assessments: Vec<&Assessment> = ordered.iter().map(|(_, (_, a))| *a).collect();
    let dates: Vec<String> = assessments.iter().map(|a| date_of(a)).collect();
    let plan = super::followup::follow_up(&assessments, &dates, |id| {
        processes
            .iter()
            .find(|p| p.id == id)
            .and_then(|p| ProcessTrend::first_last(&p.levels))
    });
    let iso27001 = verdict_trends(model, &profiles);
    Ok(Comparison {
        model: model.id().to_string(),
        snapshots,
        processes,
        summary,
        notes,
        plan,
        iso27001,
        has_catalogue: !(model.processes.clauses.is_empty() && model.processes.controls.is_empty()),
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
