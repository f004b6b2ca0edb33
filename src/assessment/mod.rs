//! The assessment record: what the assessors said, as it is stored in an assessment file.
//!
//! The record holds inputs (sponsor, purpose, scope, class, team, method), the processes in
//! scope with their target levels and instances, the ratings of process attributes (overall or
//! per instance) with note, confidence, assessor and evidence links, characterisations of single
//! items, and the evidence register. It never holds derived values: levels and gaps are computed
//! by [`crate::profile`] each time.
//!
//! Edits go through [`change::Change`] values; [`validate`] checks a record read from a file
//! against its model. Field order here is the order in the file, and [`Assessment::normalize`]
//! keeps lists in model order, so that a `git diff` of two saves shows only what changed.

pub mod change;
pub mod create;
pub mod history;
pub mod interview;
pub mod interview_rules;
pub mod keys;
pub mod links;
pub mod plan;
pub mod plan_rules;
pub mod receive;
pub mod report_settings;
pub mod soa;
pub mod validate;
mod values;

pub use interview::{Interview, Question, Request};
pub use plan::{Action, Carried, Finding, StatusChange};
pub use report_settings::{ReportSettings, SignOff};
pub use values::{
    ActionStatus, Confidence, Effort, EvidenceKind, FindingKind, InterviewStatus, Priority,
    RatingMethod, ReportStatus, RequestStatus, Review, Role, Severity,
};

use crate::located::{Id, Located};
use crate::model::Model;
use crate::rating::{Aggregation, Order, Rating};
use serde::{Deserialize, Serialize};

/// The version of the file format this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

fn is_empty(s: &str) -> bool {
    s.is_empty()
}

/// One assessment: the whole content of an assessment file.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// The file format version; see [`SCHEMA_VERSION`].
    pub schema_version: Located<u32>,
    /// The process model the assessment is made against.
    pub model: ModelRef,
    /// The measurement framework the model uses.
    pub framework: ModelRef,
    /// The assessment inputs.
    pub assessment: Info,
    /// How the report is presented: cover, status, classification, sign-off.
    #[serde(default, skip_serializing_if = "ReportSettings::is_empty")]
    pub report: ReportSettings,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub team: Vec<Member>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub processes: Vec<ProcessRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    /// Consistency warnings the team has looked at and accepted, with why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acknowledgements: Vec<Acknowledgement>,
    /// What the assessment found: strengths, weaknesses, observations, recommendations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<Finding>,
    /// The improvement plan.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Action>,
    /// The interviews planned and held.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interviews: Vec<Interview>,
    /// The documents asked for, and whether they came.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requests: Vec<Request>,
    /// The questions of the model's interview guidance asked, with their answers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<Question>,
    /// The Statement of Applicability: per control of the model's catalogue, whether it applies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub soa: Vec<soa::SoaEntry>,
}

/// A consistency warning accepted with a justification; it stays in the record and the report.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Acknowledgement {
    /// The warning's id as `capra check` prints it, e.g. `no-evidence:ISMS.CORE.3:PA2.1`.
    pub warning: Id,
    pub justification: String,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub by: String,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub date: String,
}

/// Which model (or framework) file, exactly: id, version and the sha256 of its text.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ModelRef {
    pub id: Id,
    pub version: String,
    pub sha256: String,
}

/// The assessment inputs (ISO/IEC 33002): who, why, what, how.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Info {
    pub title: String,
    #[serde(default)]
    pub sponsor: String,
    /// The sponsor's relation to the assessed unit.
    #[serde(default)]
    pub sponsor_relation: String,
    #[serde(default)]
    pub purpose: String,
    /// The organisational unit assessed.
    #[serde(default)]
    pub unit: String,
    /// The unit's context: size, sector, sites, what the ISMS covers.
    #[serde(default)]
    pub context: String,
    /// Class of assessment: 1 (most rigorous), 2, or 3 (lightest).
    pub class: Located<u8>,
    /// R1, R2 or R3.
    pub rating_method: RatingMethod,
    /// How ratings of several instances (or characterisations of several items) become one.
    #[serde(with = "values::aggregation")]
    pub aggregation: Aggregation,
    /// Under R1, in which order characterisations are combined: within each instance first,
    /// across instances first, or all at once.
    #[serde(default, with = "values::order")]
    pub aggregation_order: Order,
    /// Duration, exclusions, sample size, ownership and confidentiality of results.
    #[serde(default)]
    pub constraints: String,
    /// The team's independence from the assessed unit.
    #[serde(default)]
    pub independence: String,
    /// Whether a final report needs every rating validated (none flagged for review); unset:
    /// yes for classes 1 and 2, no for class 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub require_validation: Option<bool>,
    /// The day the assessment was created (YYYY-MM-DD).
    pub created: Located<String>,
    /// First and last day of data collection (YYYY-MM-DD), when known.
    #[serde(default, skip_serializing_if = "is_empty_located")]
    pub start: Located<String>,
    #[serde(default, skip_serializing_if = "is_empty_located")]
    pub end: Located<String>,
    /// The assessment this one follows up (a path relative to this file's folder), whose
    /// ratings are shown beside the new ones.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub previous: String,
    /// The lowest number a new action may get: set by a follow-up assessment to one past the
    /// previous plan's highest, so that no new action reuses the id of an earlier one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_action_number: Option<u64>,
}

impl Info {
    /// The inputs of a new assessment: a title and the day it is made; class 3, rating method
    /// R3 and median-low aggregation until said otherwise.
    pub fn new(title: String, created: String) -> Info {
        Info {
            title,
            sponsor: String::new(),
            sponsor_relation: String::new(),
            purpose: String::new(),
            unit: String::new(),
            context: String::new(),
            class: Located::new(3),
            rating_method: RatingMethod::R3,
            aggregation: Aggregation::MedianLow,
            aggregation_order: Order::VerticalFirst,
            constraints: String::new(),
            independence: String::new(),
            require_validation: None,
            created: Located::new(created),
            start: Located::default(),
            end: Located::default(),
            previous: String::new(),
            next_action_number: None,
        }
    }
}

/// A file name from a title: lower-case letters, digits and dashes ("ISMS review 2026" ->
/// "isms-review-2026").
pub fn slug(title: &str) -> String {
    let mut s = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() {
            s.extend(c.to_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    let s = s.trim_end_matches('-').to_string();
    if s.is_empty() { "assessment".into() } else { s }
}

fn is_empty_located(s: &Located<String>) -> bool {
    s.is_empty()
}

/// A member of the assessment team or a participant.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub name: Located<String>,
    pub role: Role,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub organisation: String,
}

/// A process in scope.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ProcessRecord {
    pub id: Id,
    /// The target capability level, 0 to 5.
    pub target: Located<u8>,
    /// Named process instances (projects, sites, units) rated one by one, if any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instances: Vec<Id>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ratings: Vec<RatingRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub characterisations: Vec<Characterisation>,
    /// Each assessor's own ratings, kept when several assessors' files are merged
    /// (`assessor` says whose); the agreed rating is in `ratings`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assessor_ratings: Vec<RatingRecord>,
    /// Instances that do not apply to an attribute (or to every attribute), with the reason:
    /// they are not needed for the attribute to count as rated under R1 and R2.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_applicable: Vec<NotApplicable>,
}

/// An instance that does not apply, with why.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct NotApplicable {
    pub instance: Id,
    /// The attribute it does not apply to; none: every attribute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribute: Option<Id>,
    pub reason: String,
}

impl ProcessRecord {
    /// True when `instance` is marked not applicable to `attribute`.
    pub fn not_applicable_to(&self, instance: &str, attribute: &str) -> bool {
        self.not_applicable
            .iter()
            .any(|n| n.instance == instance && n.attribute.as_ref().is_none_or(|a| a == attribute))
    }
}

/// What the assessors recorded for one attribute of one process, overall (no instance) or for
/// one instance.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RatingRecord {
    pub attribute: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance: Option<Id>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "values::opt_rating"
    )]
    pub rating: Option<Located<Rating>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub assessor: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
    /// Why an overall rating differs from the aggregate of the instance ratings.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub rationale: String,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub note: String,
}

impl RatingRecord {
    /// True when the record holds nothing worth keeping.
    pub fn is_blank(&self) -> bool {
        self.rating.is_none()
            && self.confidence.is_none()
            && self.assessor.is_empty()
            && self.evidence.is_empty()
            && self.review.is_none()
            && self.rationale.is_empty()
            && self.note.is_empty()
    }

    pub fn rating(&self) -> Option<Rating> {
        self.rating.as_ref().map(|r| *r.get())
    }
}

/// A judgement on one item (outcome, achievement, practice, information item) for one
/// instance, used by rating method R1 and as supporting detail.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Characterisation {
    pub item: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance: Option<Id>,
    #[serde(with = "values::rating")]
    pub value: Located<Rating>,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub assessor: String,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub note: String,
}

/// An item of the evidence register.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// E-001, E-002, ...
    pub id: Id,
    pub title: String,
    pub kind: EvidenceKind,
    /// Where it can be found, in words (a system, a room, a URL).
    #[serde(default, skip_serializing_if = "is_empty")]
    pub location: String,
    /// A file, relative to the assessment file's folder or absolute.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub path: String,
    /// The sha256 of the file at `path` when it was registered.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub sha256: Located<String>,
    /// The date of the evidence (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "is_empty_located")]
    pub date: Located<String>,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub note: String,
}

impl Assessment {
    /// A new, empty assessment of `model`: every process given is in scope at `target`.
    pub fn new(model: &Model, info: Info, processes: &[&str], target: u8) -> Assessment {
        let mut a = Assessment {
            schema_version: Located::new(SCHEMA_VERSION),
            model: ModelRef {
                id: Id::from(model.id()),
                version: model.processes.model.version.clone(),
                sha256: model.processes.sha256.clone(),
            },
            framework: ModelRef {
                id: model.framework.framework.id.clone(),
                version: model.framework.framework.version.clone(),
                sha256: model.framework.sha256.clone(),
            },
            assessment: info,
            report: ReportSettings::default(),
            team: Vec::new(),
            processes: processes
                .iter()
                .map(|p| ProcessRecord {
                    id: Id::from(*p),
                    target: Located::new(target),
                    instances: Vec::new(),
                    ratings: Vec::new(),
                    characterisations: Vec::new(),
                    assessor_ratings: Vec::new(),
                    not_applicable: Vec::new(),
                })
                .collect(),
            evidence: Vec::new(),
            acknowledgements: Vec::new(),
            findings: Vec::new(),
            actions: Vec::new(),
            interviews: Vec::new(),
            requests: Vec::new(),
            questions: Vec::new(),
            soa: Vec::new(),
        };
        a.normalize(model);
        a
    }

    /// The name of the team's lead assessor (the first member with that role), if named.
    pub fn lead_assessor(&self) -> Option<&str> {
        self.team
            .iter()
            .find(|m| m.role == Role::LeadAssessor && !m.name.trim().is_empty())
            .map(|m| m.name.trim())
    }

    /// Who is recorded as doing an edit (a rating's assessor, a finding's author, an action's
    /// status change): the name given (`--assessor`, `$CAPRA_ASSESSOR`), trimmed (an empty one
    /// given stays empty); when none is given, the lead assessor; `None` when neither. The
    /// command line and the interview screen both ask this.
    pub fn recorder(&self, given: Option<&str>) -> Option<String> {
        match given {
            Some(name) => Some(name.trim().to_string()),
            None => self.lead_assessor().map(str::to_string),
        }
    }

    pub fn process(&self, id: &str) -> Option<&ProcessRecord> {
        self.processes.iter().find(|p| p.id == id)
    }

    pub fn process_mut(&mut self, id: &str) -> Option<&mut ProcessRecord> {
        self.processes.iter_mut().find(|p| p.id == id)
    }

    /// The evidence item with this id. The register is kept in id order (see [`normalize`]),
    /// so the search halves it; a register not in order is searched in full.
    ///
    /// [`normalize`]: Assessment::normalize
    pub fn evidence_item(&self, id: &str) -> Option<&Evidence> {
        match self
            .evidence
            .binary_search_by(|e| evidence_order(e.id.as_str(), id))
        {
            Ok(i) => Some(&self.evidence[i]),
            Err(_) => self.evidence.iter().find(|e| e.id == id),
        }
    }

    /// The next free evidence id: E-001, E-002, ... (one past the highest number in use), or
    /// `None` when that would pass [`MAX_EVIDENCE_NUMBER`].
    pub fn next_evidence_id(&self) -> Option<String> {
        let max = self
            .evidence
            .iter()
            .filter_map(|e| evidence_number(&e.id))
            .max()
            .unwrap_or(0);
        next_evidence_after(max)
    }

    /// Puts every list in its stable order: processes in model order, ratings by attribute
    /// level then instance order (overall first), characterisations by instance then item,
    /// evidence by id, evidence links sorted and unique.
    pub fn normalize(&mut self, model: &Model) {
        let controls = &model.processes.controls;
        self.soa.sort_by_key(|s| {
            controls
                .iter()
                .position(|c| c.id == s.control)
                .unwrap_or(usize::MAX)
        });
        self.processes.sort_by_key(|p| model.process_index(&p.id));
        for p in &mut self.processes {
            let inst = |i: &Option<Id>| match i {
                None => 0,
                Some(name) => {
                    1 + p
                        .instances
                        .iter()
                        .position(|x| x == name)
                        .unwrap_or(usize::MAX - 1)
                }
            };
            p.ratings
                .sort_by_key(|r| (model.attribute_index(&r.attribute), inst(&r.instance)));
            let items = item_order(model, &p.id);
            p.characterisations.sort_by_key(|c| {
                (
                    inst(&c.instance),
                    items
                        .iter()
                        .position(|x| x == c.item.as_str())
                        .unwrap_or(usize::MAX),
                )
            });
            p.assessor_ratings.sort_by(|x, y| {
                (
                    model.attribute_index(&x.attribute),
                    inst(&x.instance),
                    &x.assessor,
                )
                    .cmp(&(
                        model.attribute_index(&y.attribute),
                        inst(&y.instance),
                        &y.assessor,
                    ))
            });
            for r in p.ratings.iter_mut().chain(p.assessor_ratings.iter_mut()) {
                r.evidence.sort();
                r.evidence.dedup();
            }
        }
        self.evidence.sort_by(|a, b| evidence_order(&a.id, &b.id));
        self.acknowledgements
            .sort_by(|a, b| a.warning.cmp(&b.warning));
        self.findings
            .sort_by(|a, b| plan::id_order("F-", &a.id, &b.id));
        self.actions
            .sort_by(|a, b| plan::id_order("A-", &a.id, &b.id));
        for f in &mut self.findings {
            f.evidence.sort_by(|a, b| evidence_order(a, b));
            f.evidence.dedup();
        }
        self.interviews
            .sort_by(|a, b| plan::id_order("I-", &a.id, &b.id));
        for i in &mut self.interviews {
            i.processes.sort_by_key(|p| model.process_index(p));
            i.processes.dedup();
        }
        self.requests
            .sort_by(|a, b| plan::id_order("R-", &a.id, &b.id));
        self.questions.sort_by_key(|q| {
            (
                model.process_index(&q.process),
                interview::question_order(model, &q.question),
            )
        });
        for x in &mut self.actions {
            x.attributes.sort_by_key(|at| model.attribute_index(at));
            x.attributes.dedup();
            x.findings.sort_by(|a, b| plan::id_order("F-", a, b));
            x.findings.dedup();
        }
    }

    /// For every evidence id that is linked, the places it is linked from, as
    /// [`evidence_links`](Assessment::evidence_links) gives them: one pass over the ratings.
    pub fn evidence_uses(&self) -> std::collections::HashMap<String, Vec<EvidenceUse>> {
        let mut out: std::collections::HashMap<String, Vec<EvidenceUse>> =
            std::collections::HashMap::new();
        for p in &self.processes {
            for r in p.ratings.iter().chain(p.assessor_ratings.iter()) {
                for e in &r.evidence {
                    out.entry(e.to_string()).or_default().push((
                        p.id.to_string(),
                        r.attribute.to_string(),
                        r.instance.as_ref().map(|i| i.to_string()),
                    ));
                }
            }
        }
        out
    }

    /// Every place an evidence item is linked from, as (process, attribute, instance).
    pub fn evidence_links(&self, id: &str) -> Vec<(String, String, Option<String>)> {
        let mut out = Vec::new();
        for p in &self.processes {
            for r in p.ratings.iter().chain(p.assessor_ratings.iter()) {
                if r.evidence.iter().any(|e| e == id) {
                    out.push((
                        p.id.to_string(),
                        r.attribute.to_string(),
                        r.instance.as_ref().map(|i| i.to_string()),
                    ));
                }
            }
        }
        out
    }
}

/// E-2 before E-10: compare the number when both ids have one.
/// Where an evidence item is linked from: (process, attribute, instance).
pub type EvidenceUse = (String, String, Option<String>);

/// The highest number an evidence id can have (`E-999999999`): ids stay short, and adding one
/// can never overflow.
pub const MAX_EVIDENCE_NUMBER: u64 = 999_999_999;

/// The number of an evidence id (`E-014` is 14), when it has one.
pub fn evidence_number(id: &str) -> Option<u64> {
    id.strip_prefix("E-").and_then(|n| n.parse::<u64>().ok())
}

/// The id after the number `max`, or `None` past [`MAX_EVIDENCE_NUMBER`].
pub fn next_evidence_after(max: u64) -> Option<String> {
    max.checked_add(1)
        .filter(|n| *n <= MAX_EVIDENCE_NUMBER)
        .map(|n| format!("E-{n:03}"))
}

pub fn evidence_order(a: &str, b: &str) -> std::cmp::Ordering {
    match (evidence_number(a), evidence_number(b)) {
        (Some(x), Some(y)) => x.cmp(&y).then(a.cmp(b)),
        _ => a.cmp(b),
    }
}

/// Every item id of a process in model order: outcomes, base practices, information items,
/// then the achievements and generic practices of each attribute.
fn item_order(model: &Model, process: &str) -> Vec<String> {
    let mut v = Vec::new();
    if let Some(p) = model.process(process) {
        v.extend(p.outcomes.iter().map(|x| x.id.to_string()));
        v.extend(p.base_practices.iter().map(|x| x.id.to_string()));
        v.extend(p.information_items.iter().map(|x| x.id.to_string()));
    }
    for a in model.attributes() {
        v.extend(a.achievements.iter().map(|x| x.id.to_string()));
        v.extend(a.generic_practices.iter().map(|x| x.id.to_string()));
        v.extend(a.generic_resources.iter().map(|x| x.id.to_string()));
    }
    v
}
