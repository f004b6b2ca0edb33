//! Scores: what an assessment's ratings mean, derived afresh each time and never stored.
//!
//! [`score`] turns (model, assessment) into a [`Profile`]: per process the effective rating of
//! each attribute (given directly, or aggregated from the instance ratings by the assessment's
//! aggregation method), the capability level, the gap to target, the attribute that stops the
//! next level, and per attribute the rating the target needs. Every rule is called from
//! [`crate::rating`].

use crate::assessment::{Assessment, Confidence, RatingMethod, RatingRecord};
use crate::model::Model;
use crate::rating::{self, Aggregation, Base, Blocker, LevelRatings, Rating};
use serde::Serialize;
use serde::ser::SerializeStruct;

pub use crate::proposal::{Proposal, propose};

/// The scores of a whole assessment.
#[derive(Clone, Debug, Serialize)]
pub struct Profile {
    pub title: String,
    pub model: String,
    pub model_version: String,
    pub rating_method: String,
    pub aggregation: String,
    pub aggregation_order: String,
    pub processes: Vec<ProcessScore>,
    pub summary: Summary,
    /// Organisational maturity, when the model declares maturity levels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maturity: Option<crate::maturity::Maturity>,
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
    /// Evidence and confidence over all processes.
    pub coverage: Coverage,
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
    pub coverage: Coverage,
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
    /// Aggregated from instance ratings (R2).
    Aggregated,
    /// Proposed from characterisations of outcomes or achievements (R1), not yet accepted.
    Proposed,
    /// Rated directly with the same value as the R1 proposal: the proposal accepted.
    Accepted,
    /// Rated directly with another value than the aggregate (R2) or the proposal (R1): the
    /// assessor's judgement, which needs a rationale.
    Override,
    /// Rated or characterised for some instances but not all (R1, R2): it counts as not rated
    /// until every instance is, or is marked not applicable.
    Incomplete,
    NotRated,
}

impl Source {
    pub fn word(self) -> &'static str {
        match self {
            Source::Direct => "direct",
            Source::Aggregated => "aggregated",
            Source::Proposed => "proposed",
            Source::Accepted => "accepted",
            Source::Override => "override (assessor's judgement)",
            Source::Incomplete => "incomplete",
            Source::NotRated => "not rated",
        }
    }
}

/// Evidence and confidence behind the rated attributes of a process (or of all of them).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// Attributes with a rating.
    pub rated: usize,
    /// ... of which backed by at least one evidence item,
    pub with_evidence: usize,
    /// ... and by evidence of two or more different kinds.
    pub two_kinds: usize,
    pub confidence_high: usize,
    pub confidence_medium: usize,
    pub confidence_low: usize,
    pub confidence_unset: usize,
}

impl Coverage {
    fn add(&mut self, o: &Coverage) {
        self.rated += o.rated;
        self.with_evidence += o.with_evidence;
        self.two_kinds += o.two_kinds;
        self.confidence_high += o.confidence_high;
        self.confidence_medium += o.confidence_medium;
        self.confidence_low += o.confidence_low;
        self.confidence_unset += o.confidence_unset;
    }

    /// A share in whole percent ("-" when nothing is rated).
    pub fn percent(part: usize, of: usize) -> String {
        match (part * 100 + of / 2).checked_div(of) {
            Some(p) => format!("{p} %"),
            None => "-".to_string(),
        }
    }
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
    /// Instances still to rate or characterise before the attribute counts (R1, R2).
    pub missing: Vec<String>,
    /// The R1 proposal from characterisations, when there are any.
    pub proposal: Option<Proposal>,
    /// Kinds of the evidence linked (document, interview, ...), sorted, without repeats.
    pub evidence_kinds: Vec<String>,
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
        let mut st = s.serialize_struct("AttributeScore", 14)?;
        st.serialize_field("id", &self.id)?;
        st.serialize_field("level", &self.level)?;
        st.serialize_field("rating", &code(self.rating))?;
        st.serialize_field("source", &self.source)?;
        st.serialize_field("aggregate", &code(self.aggregate))?;
        #[derive(Serialize)]
        struct Prop {
            rating: Option<&'static str>,
            characterised: usize,
            items: usize,
            explanation: String,
        }
        st.serialize_field(
            "proposal",
            &self.proposal.as_ref().map(|p| Prop {
                rating: code(p.rating),
                characterised: p.characterised,
                items: p.items.len(),
                explanation: p.explain(),
            }),
        )?;
        let inst: Vec<Inst<'_>> = self
            .instances
            .iter()
            .map(|(i, r)| Inst {
                instance: i,
                rating: code(*r),
            })
            .collect();
        st.serialize_field("instances", &inst)?;
        st.serialize_field("missing_instances", &self.missing)?;
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
    /// Under R1 and R2, the instances still to be rated or characterised (none marked not
    /// applicable) before the attribute counts.
    pub missing: Vec<String>,
}

/// The effective rating of one attribute, by the rating method:
///
/// * R3: the rating of the process as a whole; nothing else counts.
/// * R2: the rating of the process as a whole if there is one (it overrides), else the
///   aggregate of the instance ratings.
/// * R1: the rating of the process as a whole if there is one (the proposal accepted, or
///   overridden), else the proposal from the characterisations, once every outcome or
///   achievement under the attribute is characterised (`complete`); until then, not rated,
///   and a rating of the process as a whole next to it is direct (it overrides nothing).
///
/// Whatever the method, nothing recorded is dropped: instance ratings and characterisations a
/// method does not use stay in the file and in the score as detail.
pub fn effective(
    records: &[&RatingRecord],
    instances: &[String],
    method: RatingMethod,
    aggregation: Aggregation,
    proposal: Option<&Proposal>,
    not_applicable: &dyn Fn(&str) -> bool,
) -> Effective {
    let complete = proposal.is_some_and(Proposal::is_complete);
    let r1_missing = proposal
        .map(|p| p.missing_instances(instances, not_applicable))
        .unwrap_or_default();
    let proposal = proposal.and_then(|p| p.rating);
    let overall = records
        .iter()
        .find(|r| r.instance.is_none())
        .and_then(|r| r.rating());
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
    let aggregate = rating::aggregate(&rated, aggregation);
    let r2_missing: Vec<String> = per_instance
        .iter()
        .filter(|(i, r)| r.is_none() && !not_applicable(i))
        .map(|(i, _)| i.clone())
        .collect();
    let mut missing = Vec::new();
    let (rating, source) = match (method, overall) {
        (RatingMethod::R3, Some(r)) => (Some(r), Source::Direct),
        (RatingMethod::R3, None) => (None, Source::NotRated),
        (RatingMethod::R2, Some(r)) if aggregate.is_some() => (Some(r), Source::Override),
        (RatingMethod::R2, Some(r)) => (Some(r), Source::Direct),
        (RatingMethod::R2, None) => match aggregate {
            Some(_) if !r2_missing.is_empty() => {
                missing = r2_missing;
                (None, Source::Incomplete)
            }
            Some(a) => (Some(a), Source::Aggregated),
            None => (None, Source::NotRated),
        },
        // An incomplete proposal (items or instances missing) counts as not rated: a rating of
        // the process as a whole that differs from it is direct, not an override (one equal to
        // it accepts it, as `A` does).
        (RatingMethod::R1, Some(r)) => match proposal {
            Some(p) if p == r => (Some(r), Source::Accepted),
            Some(_) if complete && r1_missing.is_empty() => (Some(r), Source::Override),
            _ => (Some(r), Source::Direct),
        },
        (RatingMethod::R1, None) => match proposal {
            Some(_) if complete && !r1_missing.is_empty() => {
                missing = r1_missing;
                (None, Source::Incomplete)
            }
            Some(p) if complete => (Some(p), Source::Proposed),
            _ => (None, Source::NotRated),
        },
    };
    Effective {
        rating,
        source,
        aggregate,
        instances: per_instance,
        missing,
    }
}

/// Scores every process in scope.
pub fn score(model: &Model, a: &Assessment) -> Profile {
    let info = &a.assessment;
    let (method, aggregation, order) =
        (info.rating_method, info.aggregation, info.aggregation_order);
    let kind_of = |id: &str| a.evidence_item(id).map(|e| e.kind.word().to_string());
    let mut processes = Vec::new();
    let mut total = Coverage::default();
    for p in &a.processes {
        let Some(mp) = model.process(&p.id) else {
            continue; // validated away on load; never scored
        };
        let target = *p.target;
        let instances: Vec<String> = p.instances.iter().map(|i| i.to_string()).collect();
        let mut attributes = Vec::new();
        let mut cov = Coverage::default();
        for attr in model.attributes() {
            let records: Vec<&RatingRecord> = p
                .ratings
                .iter()
                .filter(|r| r.attribute == attr.id.as_str())
                .collect();
            let proposal = propose(model, p, attr, aggregation, order);
            let na = |i: &str| p.not_applicable_to(i, &attr.id);
            let eff = effective(
                &records,
                &instances,
                method,
                aggregation,
                proposal.as_ref(),
                &na,
            );
            let overall = records.iter().find(|r| r.instance.is_none());
            let mut evidence: Vec<String> = records
                .iter()
                .flat_map(|r| r.evidence.iter().map(|e| e.to_string()))
                .collect();
            evidence.sort_by(|x, y| crate::assessment::evidence_order(x, y));
            evidence.dedup();
            let mut kinds: Vec<String> = evidence.iter().filter_map(|e| kind_of(e)).collect();
            kinds.sort();
            kinds.dedup();
            let confidence = overall.and_then(|r| r.confidence);
            if eff.rating.is_some() {
                cov.rated += 1;
                cov.with_evidence += usize::from(!evidence.is_empty());
                cov.two_kinds += usize::from(kinds.len() >= 2);
                match confidence {
                    Some(Confidence::High) => cov.confidence_high += 1,
                    Some(Confidence::Medium) => cov.confidence_medium += 1,
                    Some(Confidence::Low) => cov.confidence_low += 1,
                    None => cov.confidence_unset += 1,
                }
            }
            attributes.push(AttributeScore {
                id: attr.id.to_string(),
                level: attr.level,
                rating: eff.rating,
                source: eff.source,
                aggregate: eff.aggregate,
                instances: eff.instances,
                missing: eff.missing,
                proposal,
                evidence_kinds: kinds,
                needed: rating::needed_for_target(attr.level, target),
                confidence,
                evidence,
                assessor: overall.map(|r| r.assessor.clone()).unwrap_or_default(),
                note: overall.map(|r| r.note.clone()).unwrap_or_default(),
            });
        }
        total.add(&cov);
        let mut outcome = level_outcome(model, &attributes);
        // An attribute that is incomplete says which instances are missing.
        for b in &mut outcome.blockers {
            if let Some(s) = attributes.iter().find(|s| s.id == b.attribute) {
                b.missing = s.missing.clone();
            }
        }
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
            coverage: cov,
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
        coverage: total,
    };
    Profile {
        title: a.assessment.title.clone(),
        model: model.id().to_string(),
        model_version: model.processes.model.version.clone(),
        rating_method: method.to_string(),
        aggregation: aggregation.to_string(),
        aggregation_order: order.to_string(),
        maturity: crate::maturity::maturity(
            &model.processes.maturity_levels,
            &processes
                .iter()
                .map(|p| crate::maturity::Assessed {
                    id: &p.id,
                    capability_level: p.capability_level,
                    rated: p.attributes.iter().any(|a| a.rating.is_some()),
                })
                .collect::<Vec<_>>(),
        ),
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
