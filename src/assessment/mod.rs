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
mod values;

pub use values::{Confidence, EvidenceKind, RatingMethod, Review, Role};

use crate::located::{Id, Located};
use crate::model::Model;
use crate::rating::{Aggregation, Order, Rating};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::ops::Range;

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
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub team: Vec<Member>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub processes: Vec<ProcessRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    /// Consistency warnings the team has looked at and accepted, with why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acknowledgements: Vec<Acknowledgement>,
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
#[derive(Clone, Debug, Deserialize, Serialize)]
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
            created: Located::new(created),
            start: Located::default(),
            end: Located::default(),
            previous: String::new(),
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

/// One thing wrong with an assessment record, with where it is in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub span: Option<Range<usize>>,
    pub message: String,
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
                })
                .collect(),
            evidence: Vec::new(),
            acknowledgements: Vec::new(),
        };
        a.normalize(model);
        a
    }

    pub fn process(&self, id: &str) -> Option<&ProcessRecord> {
        self.processes.iter().find(|p| p.id == id)
    }

    pub fn process_mut(&mut self, id: &str) -> Option<&mut ProcessRecord> {
        self.processes.iter_mut().find(|p| p.id == id)
    }

    pub fn evidence_item(&self, id: &str) -> Option<&Evidence> {
        self.evidence.iter().find(|e| e.id == id)
    }

    /// The next free evidence id: E-001, E-002, ... (one past the highest number in use).
    pub fn next_evidence_id(&self) -> String {
        let max = self
            .evidence
            .iter()
            .filter_map(|e| e.id.strip_prefix("E-").and_then(|n| n.parse::<u32>().ok()))
            .max()
            .unwrap_or(0);
        format!("E-{:03}", max + 1)
    }

    /// Puts every list in its stable order: processes in model order, ratings by attribute
    /// level then instance order (overall first), characterisations by instance then item,
    /// evidence by id, evidence links sorted and unique.
    pub fn normalize(&mut self, model: &Model) {
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
pub fn evidence_order(a: &str, b: &str) -> std::cmp::Ordering {
    let num = |s: &str| s.strip_prefix("E-").and_then(|n| n.parse::<u64>().ok());
    match (num(a), num(b)) {
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

/// Checks a `YYYY-MM-DD` date.
pub fn valid_date(s: &str) -> bool {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s, &format).is_ok()
}

/// Checks an assessment read from a file against its model and lists every problem: unknown
/// processes, attributes, instances, items or evidence, duplicates, values out of range, dates
/// not in YYYY-MM-DD form. An empty list means it can be used.
pub fn validate(a: &Assessment, model: &Model) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut err = |span: Option<Range<usize>>, message: String| out.push(Problem { span, message });

    if *a.schema_version != SCHEMA_VERSION {
        err(
            a.schema_version.span(),
            format!(
                "schema_version {} is not one this capra reads (it reads {SCHEMA_VERSION}); {}",
                *a.schema_version,
                if *a.schema_version > SCHEMA_VERSION {
                    "the file was written by a newer capra: upgrade capra"
                } else {
                    "set schema_version = 1"
                }
            ),
        );
    }
    if a.model.id != model.id() {
        err(
            a.model.id.span(),
            format!("the file is for model {}, not {}", a.model.id, model.id()),
        );
    }
    if a.framework.id != *model.framework.framework.id {
        err(
            a.framework.id.span(),
            format!(
                "the file is for framework {}, but model {} uses {}",
                a.framework.id,
                model.id(),
                model.framework.framework.id
            ),
        );
    }
    let info = &a.assessment;
    if !(1..=3).contains(&*info.class) {
        err(
            info.class.span(),
            format!(
                "class {} is not an assessment class: use 1, 2 or 3",
                *info.class
            ),
        );
    }
    for (name, d) in [
        ("created", &info.created),
        ("start", &info.start),
        ("end", &info.end),
    ] {
        if !d.is_empty() && !valid_date(d) {
            err(
                d.span(),
                format!(
                    "{name} date '{}' is not a date: write it as YYYY-MM-DD",
                    d.get()
                ),
            );
        }
    }
    for m in &a.team {
        if m.name.trim().is_empty() {
            err(m.name.span(), "a team member has no name".to_string());
        }
    }

    // Evidence register.
    let mut evidence_ids = HashSet::new();
    for e in &a.evidence {
        if !evidence_ids.insert(e.id.as_str()) {
            err(e.id.span(), format!("evidence id {} is used twice", e.id));
        }
        if e.title.trim().is_empty() {
            err(e.id.span(), format!("evidence {} has no title", e.id));
        }
        let hex64 = e.sha256.len() == 64 && e.sha256.chars().all(|c| c.is_ascii_hexdigit());
        if !e.sha256.is_empty() && !hex64 {
            err(
                e.sha256.span(),
                format!("evidence {}: sha256 must be 64 hexadecimal digits", e.id),
            );
        }
        if !e.date.is_empty() && !valid_date(&e.date) {
            err(
                e.date.span(),
                format!(
                    "evidence {}: date '{}' is not YYYY-MM-DD",
                    e.id,
                    e.date.get()
                ),
            );
        }
    }

    let mut acks = HashSet::new();
    for k in &a.acknowledgements {
        if !acks.insert(k.warning.as_str()) {
            err(
                k.warning.span(),
                format!("warning {} is acknowledged twice", k.warning),
            );
        }
        if k.justification.trim().is_empty() {
            err(
                k.warning.span(),
                format!("the acknowledgement of {} has no justification", k.warning),
            );
        }
    }

    let max = model.max_level();
    let mut process_ids = HashSet::new();
    for p in &a.processes {
        let Some(mp) = model.process(&p.id) else {
            err(
                p.id.span(),
                format!(
                    "process {} is not in model {} (see `capra model show {}`)",
                    p.id,
                    model.id(),
                    model.id()
                ),
            );
            continue;
        };
        if !process_ids.insert(p.id.as_str()) {
            err(p.id.span(), format!("process {} appears twice", p.id));
        }
        if *p.target > max {
            err(
                p.target.span(),
                format!(
                    "{}: target {} is above the highest level, {max}",
                    p.id, *p.target
                ),
            );
        }
        let mut names = HashSet::new();
        for i in &p.instances {
            if i.trim().is_empty() {
                err(i.span(), format!("{}: an instance has an empty name", p.id));
            } else if !names.insert(i.as_str()) {
                err(
                    i.span(),
                    format!("{}: instance '{i}' is listed twice", p.id),
                );
            }
        }
        let check_instance = |i: &Option<Id>, err: &mut dyn FnMut(Option<Range<usize>>, String)| {
            if let Some(i) = i
                && !names.contains(i.as_str())
            {
                err(
                    i.span(),
                    format!(
                        "{}: instance '{i}' is not one of the process's instances ({})",
                        p.id,
                        list_or_none(p.instances.iter().map(|x| x.as_str()))
                    ),
                );
            }
        };
        // What every rating record must satisfy, the agreed ones and each assessor's alike.
        let check_record = |r: &RatingRecord, err: &mut dyn FnMut(Option<Range<usize>>, String)| {
            if model.attribute(&r.attribute).is_none() {
                err(
                    r.attribute.span(),
                    format!(
                        "{}: {} is not a process attribute of this model ({})",
                        p.id,
                        r.attribute,
                        list_or_none(model.attributes().map(|x| x.id.as_str()))
                    ),
                );
            }
            check_instance(&r.instance, err);
            for e in &r.evidence {
                if !evidence_ids.contains(e.as_str()) {
                    err(
                        e.span(),
                        format!(
                            "{} {}: evidence {e} is not in the evidence register",
                            p.id, r.attribute
                        ),
                    );
                }
            }
        };
        let mut seen = HashSet::new();
        for r in &p.ratings {
            check_record(r, &mut err);
            let key = (
                r.attribute.as_str(),
                r.instance.as_ref().map(|i| i.as_str()),
            );
            if !seen.insert(key) {
                err(
                    r.attribute.span(),
                    format!(
                        "{}: {}{} is rated twice",
                        p.id,
                        r.attribute,
                        r.instance
                            .as_ref()
                            .map(|i| format!(" (instance {i})"))
                            .unwrap_or_default()
                    ),
                );
            }
        }
        let mut seen = HashSet::new();
        for r in &p.assessor_ratings {
            check_record(r, &mut err);
            if r.assessor.trim().is_empty() {
                err(
                    r.attribute.span(),
                    format!(
                        "{}: an assessor rating of {} does not say whose it is (assessor = ...)",
                        p.id, r.attribute
                    ),
                );
            }
            let key = (
                r.attribute.as_str(),
                r.instance.as_ref().map(|i| i.as_str()),
                r.assessor.as_str(),
            );
            if !seen.insert(key) {
                err(
                    r.attribute.span(),
                    format!("{}: {} is rated twice by {}", p.id, r.attribute, r.assessor),
                );
            }
        }
        let mut seen = HashSet::new();
        for c in &p.characterisations {
            if model.item(mp, &c.item).is_none() {
                err(
                    c.item.span(),
                    format!(
                        "{}: {} is not an outcome, practice, information item or achievement of this process",
                        p.id, c.item
                    ),
                );
            }
            check_instance(&c.instance, &mut err);
            if !seen.insert((c.item.as_str(), c.instance.as_ref().map(|i| i.as_str()))) {
                err(
                    c.item.span(),
                    format!("{}: {} is characterised twice", p.id, c.item),
                );
            }
        }
    }
    out
}

fn list_or_none<'a>(it: impl Iterator<Item = &'a str>) -> String {
    let v: Vec<&str> = it.collect();
    if v.is_empty() {
        "none".to_string()
    } else {
        v.join(", ")
    }
}
