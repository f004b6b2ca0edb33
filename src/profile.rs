//! Scores: what an assessment's ratings mean, derived afresh each time and never stored.
//!
//! [`score`] turns (model, assessment) into a [`Profile`]: per process the effective rating of
//! each attribute (given directly, or aggregated from the instance ratings by the assessment's
//! aggregation method), the capability level, the gap to target, the attribute that stops the
//! next level, and per attribute the rating the target needs. Every rule is called from
//! [`crate::rating`].

use crate::assessment::{Assessment, Confidence, RatingRecord};
use crate::model::Model;
use crate::rating::{self, Aggregation, Base, Blocker, LevelRatings, Rating};
use serde::Serialize;
use serde::ser::SerializeStruct;

/// The scores of a whole assessment.
#[derive(Clone, Debug, Serialize)]
pub struct Profile {
    pub title: String,
    pub model: String,
    pub model_version: String,
    pub rating_method: String,
    pub aggregation: String,
    pub processes: Vec<ProcessScore>,
    pub summary: Summary,
}

/// Counts over all processes in scope.
#[derive(Clone, Debug, Serialize, Default, PartialEq, Eq)]
pub struct Summary {
    pub processes: usize,
    pub at_or_above_target: usize,
    pub below_target: usize,
    /// Attributes rated, out of those the targets call for.
    pub rated: usize,
    pub to_rate: usize,
    /// The sum of the gaps, in levels.
    pub total_gap: u32,
}

/// The scores of one process.
#[derive(Clone, Debug, Serialize)]
pub struct ProcessScore {
    pub id: String,
    pub name: String,
    pub category: String,
    pub target_level: u8,
    pub capability_level: u8,
    /// `max(0, target_level - capability_level)`.
    pub gap: u8,
    /// The first attribute that stops the next level, if the top level is not reached.
    #[serde(serialize_with = "ser_blocker")]
    pub blocked_by: Option<Blocker>,
    /// Every attribute that stops the next level.
    #[serde(serialize_with = "ser_blockers")]
    pub blockers: Vec<Blocker>,
    /// Attributes the target calls for, and how many of them are rated.
    pub rated: usize,
    pub to_rate: usize,
    pub attributes: Vec<AttributeScore>,
}

impl ProcessScore {
    /// "PA2.1 is L, needs F", or a phrase for the top level.
    pub fn reason(&self) -> String {
        match &self.blocked_by {
            Some(b) => b.explain(),
            None => "highest level reached".to_string(),
        }
    }
}

/// How an attribute's effective rating came about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Rated directly for the process as a whole.
    Direct,
    /// Aggregated from instance ratings.
    Aggregated,
    /// Rated directly while instance ratings exist too: the direct rating wins.
    Override,
    NotRated,
}

/// The scores of one attribute of one process.
#[derive(Clone, Debug)]
pub struct AttributeScore {
    pub id: String,
    pub level: u8,
    pub rating: Option<Rating>,
    pub source: Source,
    /// The aggregate of the instance ratings, when there are any (shown beside an override).
    pub aggregate: Option<Rating>,
    pub instances: Vec<(String, Option<Rating>)>,
    /// The lowest rating the target level needs, or `None` when the target does not reach
    /// this attribute's level.
    pub needed: Option<Base>,
    pub confidence: Option<Confidence>,
    pub evidence: Vec<String>,
    pub assessor: String,
    pub note: String,
}

impl AttributeScore {
    /// True when the target needs this attribute and its rating falls short (or it is unrated).
    pub fn short_of_target(&self) -> bool {
        match self.needed {
            Some(need) => !self.rating.is_some_and(|r| r.meets(need)),
            None => false,
        }
    }
}

fn code(r: Option<Rating>) -> Option<&'static str> {
    r.map(|r| r.code())
}

impl Serialize for AttributeScore {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Inst<'a> {
            instance: &'a str,
            rating: Option<&'static str>,
        }
        let mut st = s.serialize_struct("AttributeScore", 12)?;
        st.serialize_field("id", &self.id)?;
        st.serialize_field("level", &self.level)?;
        st.serialize_field("rating", &code(self.rating))?;
        st.serialize_field("source", &self.source)?;
        st.serialize_field("aggregate", &code(self.aggregate))?;
        let inst: Vec<Inst<'_>> = self
            .instances
            .iter()
            .map(|(i, r)| Inst {
                instance: i,
                rating: code(*r),
            })
            .collect();
        st.serialize_field("instances", &inst)?;
        st.serialize_field("needed_for_target", &self.needed.map(|b| b.code()))?;
        st.serialize_field("short_of_target", &self.short_of_target())?;
        st.serialize_field("confidence", &self.confidence)?;
        st.serialize_field("evidence", &self.evidence)?;
        st.serialize_field("assessor", &self.assessor)?;
        st.serialize_field("note", &self.note)?;
        st.end()
    }
}

#[derive(Serialize)]
struct BlockerJson<'a> {
    level: u8,
    attribute: &'a str,
    rating: Option<&'static str>,
    needs: &'static str,
    reason: String,
}

fn blocker_json(b: &Blocker) -> BlockerJson<'_> {
    BlockerJson {
        level: b.level,
        attribute: &b.attribute,
        rating: code(b.rating),
        needs: b.needs.code(),
        reason: b.explain(),
    }
}

fn ser_blocker<S: serde::Serializer>(b: &Option<Blocker>, s: S) -> Result<S::Ok, S::Error> {
    b.as_ref().map(blocker_json).serialize(s)
}

fn ser_blockers<S: serde::Serializer>(b: &[Blocker], s: S) -> Result<S::Ok, S::Error> {
    b.iter().map(blocker_json).collect::<Vec<_>>().serialize(s)
}

/// The effective rating of one attribute and how it came about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Effective {
    pub rating: Option<Rating>,
    pub source: Source,
    /// The aggregate of the instance ratings, if any is rated.
    pub aggregate: Option<Rating>,
    /// Each instance with its rating, in the process's instance order.
    pub instances: Vec<(String, Option<Rating>)>,
}

/// The effective rating of one attribute from its records: the overall record's rating if
/// there is one, else the aggregate of the instance ratings.
pub fn effective(
    records: &[&RatingRecord],
    instances: &[String],
    method: Aggregation,
) -> Effective {
    let overall = records.iter().find(|r| r.instance.is_none());
    let per_instance: Vec<(String, Option<Rating>)> = instances
        .iter()
        .map(|i| {
            let r = records
                .iter()
                .find(|r| r.instance.as_ref().is_some_and(|x| x == i.as_str()))
                .and_then(|r| r.rating());
            (i.clone(), r)
        })
        .collect();
    let rated: Vec<Rating> = per_instance.iter().filter_map(|(_, r)| *r).collect();
    let aggregate = rating::aggregate(&rated, method);
    let (rating, source) = match (overall.and_then(|r| r.rating()), aggregate) {
        (Some(r), Some(_)) => (Some(r), Source::Override),
        (Some(r), None) => (Some(r), Source::Direct),
        (None, Some(agg)) => (Some(agg), Source::Aggregated),
        (None, None) => (None, Source::NotRated),
    };
    Effective {
        rating,
        source,
        aggregate,
        instances: per_instance,
    }
}

/// Scores every process in scope.
pub fn score(model: &Model, a: &Assessment) -> Profile {
    let method = a.assessment.aggregation;
    let mut processes = Vec::new();
    for p in &a.processes {
        let Some(mp) = model.process(&p.id) else {
            continue; // validated away on load; never scored
        };
        let target = *p.target;
        let instances: Vec<String> = p.instances.iter().map(|i| i.to_string()).collect();
        let mut attributes = Vec::new();
        for attr in model.attributes() {
            let records: Vec<&RatingRecord> = p
                .ratings
                .iter()
                .filter(|r| r.attribute == attr.id.as_str())
                .collect();
            let eff = effective(&records, &instances, method);
            let overall = records.iter().find(|r| r.instance.is_none());
            let mut evidence: Vec<String> = records
                .iter()
                .flat_map(|r| r.evidence.iter().map(|e| e.to_string()))
                .collect();
            evidence.sort();
            evidence.dedup();
            attributes.push(AttributeScore {
                id: attr.id.to_string(),
                level: attr.level,
                rating: eff.rating,
                source: eff.source,
                aggregate: eff.aggregate,
                instances: eff.instances,
                needed: rating::needed_for_target(attr.level, target),
                confidence: overall.and_then(|r| r.confidence),
                evidence,
                assessor: overall.map(|r| r.assessor.clone()).unwrap_or_default(),
                note: overall.map(|r| r.note.clone()).unwrap_or_default(),
            });
        }
        let outcome = level_outcome(model, &attributes);
        let to_rate = attributes.iter().filter(|x| x.needed.is_some()).count();
        let rated = attributes
            .iter()
            .filter(|x| x.needed.is_some() && x.rating.is_some())
            .count();
        processes.push(ProcessScore {
            id: p.id.to_string(),
            name: mp.name.clone(),
            category: mp.category.to_string(),
            target_level: target,
            capability_level: outcome.level,
            gap: rating::gap(target, outcome.level),
            blocked_by: outcome.blocked_by().cloned(),
            blockers: outcome.blockers,
            rated,
            to_rate,
            attributes,
        });
    }
    let summary = Summary {
        processes: processes.len(),
        at_or_above_target: processes.iter().filter(|p| p.gap == 0).count(),
        below_target: processes.iter().filter(|p| p.gap > 0).count(),
        rated: processes.iter().map(|p| p.rated).sum(),
        to_rate: processes.iter().map(|p| p.to_rate).sum(),
        total_gap: processes.iter().map(|p| u32::from(p.gap)).sum(),
    };
    Profile {
        title: a.assessment.title.clone(),
        model: model.id().to_string(),
        model_version: model.processes.model.version.clone(),
        rating_method: a.assessment.rating_method.to_string(),
        aggregation: method.to_string(),
        processes,
        summary,
    }
}

/// The level rule over a process's attribute scores, grouped by level.
fn level_outcome(model: &Model, attributes: &[AttributeScore]) -> rating::LevelOutcome {
    let levels: Vec<LevelRatings<'_>> = (1..=model.max_level())
        .map(|level| LevelRatings {
            level,
            attributes: attributes
                .iter()
                .filter(|a| a.level == level)
                .map(|a| (a.id.as_str(), a.rating))
                .collect(),
        })
        .collect();
    rating::capability_level(&levels)
}
