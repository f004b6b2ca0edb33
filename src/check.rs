//! Consistency rules: ratings that contradict their own evidence or each other.
//!
//! Each rule looks at the record and its scores and says where something does not add up.
//! Warnings never block anything: a rating stays as given. A warning the team has looked at can
//! be acknowledged with a justification ([`crate::assessment::Acknowledgement`]), which is kept
//! in the file and printed in the report.
//!
//! The rules:
//! * `f-over-weak-item`: an attribute rated F while an outcome, achievement or practice under
//!   it is characterised N or P;
//! * `no-evidence`: a rating above N with no evidence linked;
//! * `interview-only`: an F resting on interview evidence alone;
//! * `override-without-rationale`: an overall rating that differs from the aggregate or the R1
//!   proposal, with no rationale written;
//! * `implausible-profile`: a higher-level attribute rated two or more steps above a
//!   lower-level one (PA2.2 F with PA1.1 P makes no sense: a process cannot be well managed
//!   before it is performed);
//! * `unrated-instance`: a process instance with no rating and no characterisation at all;
//! * `cross-process`: a rule the model declares about how the ratings of different processes
//!   relate (`[[rules]]`, see [`crate::model::rules`]) does not hold. Its id carries the
//!   model's rule id: `cross-process:RULE:PROCESS:ATTRIBUTE`.

use crate::assessment::{Acknowledgement, Assessment, EvidenceKind, RatingRecord};
use crate::model::Model;
use crate::model::rules::Form;
use crate::profile::{Profile, Source};
use crate::rating::{Base, Rating};
use serde::Serialize;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    FOverWeakItem,
    NoEvidence,
    InterviewOnly,
    OverrideWithoutRationale,
    ImplausibleProfile,
    UnratedInstance,
    Incomplete,
    CrossProcess,
}

impl Rule {
    pub const ALL: [Rule; 8] = [
        Rule::FOverWeakItem,
        Rule::NoEvidence,
        Rule::InterviewOnly,
        Rule::OverrideWithoutRationale,
        Rule::ImplausibleProfile,
        Rule::UnratedInstance,
        Rule::Incomplete,
        Rule::CrossProcess,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Rule::FOverWeakItem => "f-over-weak-item",
            Rule::NoEvidence => "no-evidence",
            Rule::InterviewOnly => "interview-only",
            Rule::OverrideWithoutRationale => "override-without-rationale",
            Rule::ImplausibleProfile => "implausible-profile",
            Rule::UnratedInstance => "unrated-instance",
            Rule::Incomplete => "incomplete",
            Rule::CrossProcess => "cross-process",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One thing that does not add up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub rule: Rule,
    /// The id of the model's rule, for `cross-process` warnings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model_rule: Option<String>,
    pub process: String,
    pub attribute: Option<String>,
    pub instance: Option<String>,
    pub reason: String,
    /// The acknowledgement, when the team has accepted the warning.
    #[serde(serialize_with = "ser_ack")]
    pub acknowledged: Option<Acknowledgement>,
}

fn ser_ack<S: serde::Serializer>(a: &Option<Acknowledgement>, s: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Ack<'a> {
        justification: &'a str,
        by: &'a str,
        date: &'a str,
    }
    a.as_ref()
        .map(|a| Ack {
            justification: &a.justification,
            by: &a.by,
            date: &a.date,
        })
        .serialize(s)
}

impl Warning {
    /// The stable id used to acknowledge it: `rule[:model-rule]:process[:attribute][:instance]`.
    pub fn id(&self) -> String {
        let mut id = match &self.model_rule {
            Some(m) => format!("{}:{m}:{}", self.rule, self.process),
            None => format!("{}:{}", self.rule, self.process),
        };
        if let Some(a) = &self.attribute {
            id.push(':');
            id.push_str(a);
        }
        if let Some(i) = &self.instance {
            id.push(':');
            id.push_str(i);
        }
        id
    }

    /// "ISMS.CORE.3 PA2.1 (Lyon)".
    pub fn place(&self) -> String {
        let mut s = self.process.clone();
        if let Some(a) = &self.attribute {
            s.push(' ');
            s.push_str(a);
        }
        if let Some(i) = &self.instance {
            s.push_str(&format!(" ({i})"));
        }
        s
    }
}

fn ordinal(r: Rating) -> i8 {
    r.base().ordinal() as i8
}

/// Every warning of an assessment, in process and attribute order (the model's cross-process
/// rules after, in the order the model declares them), with acknowledgements
/// attached.
pub fn check(model: &Model, a: &Assessment, profile: &Profile) -> Vec<Warning> {
    let mut out = Vec::new();
    for (ps, rec) in profile.processes.iter().zip(&a.processes) {
        let mut push = |rule, attribute: Option<&str>, instance: Option<&str>, reason: String| {
            out.push(Warning {
                rule,
                model_rule: None,
                process: ps.id.clone(),
                attribute: attribute.map(str::to_string),
                instance: instance.map(str::to_string),
                reason,
                acknowledged: None,
            })
        };
        for s in &ps.attributes {
            let records: Vec<&RatingRecord> = rec
                .ratings
                .iter()
                .filter(|r| r.attribute == s.id.as_str())
                .collect();
            let overall = records.iter().find(|r| r.instance.is_none());

            // An F over an item judged N or P.
            if s.rating.is_some_and(|r| r.base() == Base::F) {
                let under: Vec<String> = model
                    .items_under(&ps.id, &s.id)
                    .into_iter()
                    .map(|(id, _)| id)
                    .collect();
                let weak: Vec<String> = rec
                    .characterisations
                    .iter()
                    .filter(|c| under.iter().any(|u| u == c.item.as_str()))
                    .filter(|c| c.value.base() <= Base::P)
                    .map(|c| match &c.instance {
                        Some(i) => format!("{} is {} ({i})", c.item, c.value.code()),
                        None => format!("{} is {}", c.item, c.value.code()),
                    })
                    .collect();
                if !weak.is_empty() {
                    push(
                        Rule::FOverWeakItem,
                        Some(&s.id),
                        None,
                        format!(
                            "{} is rated F, but {}: an attribute with a weak part is not fully achieved",
                            s.id,
                            weak.join(", ")
                        ),
                    );
                }
            }

            // Evidence behind ratings above N.
            let above_n = |r: Option<Rating>| r.is_some_and(|r| r.base() > Base::N);
            if above_n(s.rating) && s.evidence.is_empty() {
                push(
                    Rule::NoEvidence,
                    Some(&s.id),
                    None,
                    format!(
                        "{} is rated {} with no evidence linked",
                        s.id,
                        s.rating.map(|r| r.code()).unwrap_or("")
                    ),
                );
            } else {
                for r in records.iter().filter(|r| r.instance.is_some()) {
                    if above_n(r.rating()) && r.evidence.is_empty() {
                        let inst = r.instance.as_ref().map(|i| i.to_string());
                        push(
                            Rule::NoEvidence,
                            Some(&s.id),
                            inst.as_deref(),
                            format!(
                                "{} is rated {} for {} with no evidence linked",
                                s.id,
                                r.rating().map(|x| x.code()).unwrap_or(""),
                                inst.as_deref().unwrap_or("")
                            ),
                        );
                    }
                }
            }

            // An F on interviews alone.
            if s.rating.is_some_and(|r| r.base() == Base::F)
                && !s.evidence.is_empty()
                && s.evidence.iter().all(|e| {
                    a.evidence_item(e)
                        .is_some_and(|x| x.kind == EvidenceKind::Interview)
                })
            {
                push(
                    Rule::InterviewOnly,
                    Some(&s.id),
                    None,
                    format!(
                        "{} is rated F on interview evidence only ({}); an F is usually confirmed by documents, records or observation",
                        s.id,
                        s.evidence.join(", ")
                    ),
                );
            }

            // An override with no reason given.
            if s.source == Source::Override && overall.is_none_or(|r| r.rationale.trim().is_empty())
            {
                let derived = s
                    .proposal
                    .as_ref()
                    .and_then(|p| p.rating)
                    .or(s.aggregate)
                    .map(|r| r.code())
                    .unwrap_or("-");
                push(
                    Rule::OverrideWithoutRationale,
                    Some(&s.id),
                    None,
                    format!(
                        "{} is rated {} over the derived {derived} with no rationale written",
                        s.id,
                        s.rating.map(|r| r.code()).unwrap_or("")
                    ),
                );
            }
        }

        // A higher attribute well above a lower one.
        for hi in &ps.attributes {
            let Some(h) = hi.rating else { continue };
            let worst = ps
                .attributes
                .iter()
                .filter(|lo| lo.level < hi.level)
                .filter_map(|lo| lo.rating.map(|r| (lo, r)))
                .filter(|(_, r)| ordinal(h) - ordinal(*r) >= 2)
                .min_by_key(|(_, r)| ordinal(*r));
            if let Some((lo, r)) = worst {
                push(
                    Rule::ImplausibleProfile,
                    Some(&hi.id),
                    None,
                    format!(
                        "{} is {} while {} (a lower level) is only {}: check both",
                        hi.id,
                        h.code(),
                        lo.id,
                        r.code()
                    ),
                );
            }
        }

        // Attributes rated for some instances only (R1, R2): they count as not rated.
        for s in ps
            .attributes
            .iter()
            .filter(|s| s.source == Source::Incomplete)
        {
            push(
                Rule::Incomplete,
                Some(&s.id),
                None,
                format!(
                    "{} is incomplete: {} missing. It counts as not rated until every instance is {} or marked not applicable with a reason (`capra instance na`)",
                    s.id,
                    s.missing.join(", "),
                    if a.assessment.rating_method == crate::assessment::RatingMethod::R1 {
                        "characterised"
                    } else {
                        "rated"
                    }
                ),
            );
        }

        // Instances with nothing said.
        for i in &rec.instances {
            let rated = rec
                .ratings
                .iter()
                .any(|r| r.instance.as_ref() == Some(i) && r.rating.is_some());
            let characterised = rec
                .characterisations
                .iter()
                .any(|c| c.instance.as_ref() == Some(i));
            if !rated && !characterised {
                push(
                    Rule::UnratedInstance,
                    None,
                    Some(i),
                    format!("instance '{i}' of {} has no rating yet", ps.id),
                );
            }
        }
    }
    out.extend(cross_process(model, profile));
    for w in &mut out {
        let id = w.id();
        w.acknowledged = a.acknowledgements.iter().find(|k| k.warning == id).cloned();
    }
    out
}

/// What the assessment does not meet of the requirements of its class (ISO/IEC 33002, in
/// capra's reading, docs/rating.md "Classes of assessment"); empty when it meets them all.
///
/// Every class: a lead assessor named in the team. Classes 1 and 2: the team's independence
/// recorded, at least two people rating (the lead and one more assessor), and no rating still
/// flagged for review (the data validated). Class 1 also: ratings reached by R1 or R2 (from
/// process instances, not rated straight), and at least two instances of every process in
/// scope.
pub fn class_gaps(a: &Assessment) -> Vec<String> {
    use crate::assessment::{RatingMethod, Review, Role};
    let info = &a.assessment;
    let class = *info.class.get();
    let mut out = Vec::new();
    let has = |role: Role| a.team.iter().filter(|m| m.role == role).count();
    if has(Role::LeadAssessor) == 0 {
        out.push("no lead assessor is named in [[team]] (role = \"lead-assessor\")".to_string());
    }
    if class <= 2 {
        if info.independence.trim().is_empty() {
            out.push(
                "the team's independence from the assessed unit is not recorded ([assessment] independence)"
                    .to_string(),
            );
        }
        if has(Role::LeadAssessor) + has(Role::Assessor) < 2 {
            out.push(
                "fewer than two people rate: name at least one assessor beside the lead"
                    .to_string(),
            );
        }
        let flagged = a
            .processes
            .iter()
            .flat_map(|p| p.ratings.iter())
            .filter(|r| r.review == Some(Review::Flagged))
            .count();
        if flagged > 0 {
            out.push(format!(
                "{flagged} rating(s) are still flagged for review: the data is not validated"
            ));
        }
    }
    if class == 1 {
        if info.rating_method == RatingMethod::R3 {
            out.push(
                "ratings are given straight (R3): class 1 rates from process instances (R1 or R2)"
                    .to_string(),
            );
        }
        let thin: Vec<&str> = a
            .processes
            .iter()
            .filter(|p| p.instances.len() < 2)
            .map(|p| p.id.as_str())
            .collect();
        if !thin.is_empty() {
            out.push(format!(
                "fewer than two instances are assessed for {}",
                thin.join(", ")
            ));
        }
    }
    out
}

/// The model's cross-process rules over the effective ratings. A rule whose starting
/// attribute (or, for `at-most-steps-above`, either side) is not rated or not in scope says
/// nothing: it cannot be judged.
pub fn cross_process(model: &Model, profile: &Profile) -> Vec<Warning> {
    let rating = |p: &str, a: &str| -> Option<Rating> {
        profile
            .processes
            .iter()
            .find(|x| x.id == p)?
            .attributes
            .iter()
            .find(|x| x.id == a)?
            .rating
    };
    let mut out = Vec::new();
    for rule in &model.processes.rules {
        let Ok(form) = rule.form() else { continue };
        let mut warn = |process: &str, attribute: &str, what: String| {
            out.push(Warning {
                rule: Rule::CrossProcess,
                model_rule: Some(rule.id.to_string()),
                process: process.to_string(),
                attribute: Some(attribute.to_string()),
                instance: None,
                reason: format!("{what} (rule {}: {})", rule.id, rule.rationale.trim()),
                acknowledged: None,
            })
        };
        match form {
            Form::Caps {
                process,
                attribute,
                below,
                then_processes,
                then_attributes,
                at_most,
            } => {
                let Some(cause) = rating(&process, &attribute) else {
                    continue;
                };
                if cause.base() >= below {
                    continue;
                }
                for ps in profile
                    .processes
                    .iter()
                    .filter(|ps| then_processes.includes(&ps.id))
                {
                    for s in ps
                        .attributes
                        .iter()
                        .filter(|s| then_attributes.contains(&s.id))
                    {
                        let Some(r) = s.rating else { continue };
                        if r.base() > at_most {
                            warn(
                                &ps.id,
                                &s.id,
                                format!(
                                    "{} is {} while {process} {attribute} is only {}: it can be at most {}",
                                    s.id,
                                    r.code(),
                                    cause.code(),
                                    at_most.code()
                                ),
                            );
                        }
                    }
                }
            }
            Form::StepsAbove {
                process,
                attribute,
                steps,
                of_process,
                of_attribute,
            } => {
                let (Some(hi), Some(lo)) = (
                    rating(&process, &attribute),
                    rating(&of_process, &of_attribute),
                ) else {
                    continue;
                };
                if ordinal(hi) - ordinal(lo) > steps as i8 {
                    warn(
                        &process,
                        &attribute,
                        format!(
                            "{attribute} is {} while {of_process} {of_attribute} is only {}: it can be at most {steps} step(s) above",
                            hi.code(),
                            lo.code()
                        ),
                    );
                }
            }
        }
    }
    out
}

/// What stops a report from being final: ratings still flagged for review (when the assessment
/// requires validation: `require_validation`, by default for classes 1 and 2) and overrides of
/// an aggregate or a proposal without a rationale (the assessor's judgement must say why).
pub fn final_blockers(a: &Assessment, profile: &Profile) -> Vec<String> {
    use crate::assessment::Review;
    let info = &a.assessment;
    let require = info.require_validation.unwrap_or(*info.class.get() <= 2);
    let mut out = Vec::new();
    for (ps, rec) in profile.processes.iter().zip(&a.processes) {
        for r in &rec.ratings {
            if require && r.review == Some(Review::Flagged) {
                out.push(format!(
                    "{} {}{} is flagged for review (not validated)",
                    ps.id,
                    r.attribute,
                    r.instance
                        .as_ref()
                        .map(|i| format!(" ({i})"))
                        .unwrap_or_default()
                ));
            }
        }
        for s in ps
            .attributes
            .iter()
            .filter(|s| s.source == Source::Override)
        {
            let has_rationale = rec.ratings.iter().any(|r| {
                r.attribute == s.id.as_str()
                    && r.instance.is_none()
                    && !r.rationale.trim().is_empty()
            });
            if !has_rationale {
                out.push(format!(
                    "{} {} overrides the {} without a rationale",
                    ps.id,
                    s.id,
                    if info.rating_method == crate::assessment::RatingMethod::R1 {
                        "proposal"
                    } else {
                        "aggregate"
                    }
                ));
            }
        }
    }
    out
}

/// Problems with the assessment's inputs rather than its ratings: dates that cannot be (data
/// collection ending before it starts, or starting before the assessment was created). Each is
/// a sentence that says what to fix.
pub fn input_problems(a: &Assessment) -> Vec<String> {
    let info = &a.assessment;
    let (start, end, created) = (info.start.get(), info.end.get(), info.created.get());
    let mut out = Vec::new();
    if !start.is_empty() && !end.is_empty() && end < start {
        out.push(format!(
            "data collection ends ({end}) before it starts ({start}): correct `start` or `end` in [assessment]"
        ));
    }
    if !start.is_empty() && !created.is_empty() && start < created {
        out.push(format!(
            "data collection starts ({start}) before the assessment was created ({created}): correct `start` or `created` in [assessment]"
        ));
    }
    out
}

/// Acknowledgements whose warning no longer arises (the rating changed): kept in the file,
/// listed so they can be withdrawn.
pub fn stale_acknowledgements<'a>(
    a: &'a Assessment,
    warnings: &[Warning],
) -> Vec<&'a Acknowledgement> {
    a.acknowledgements
        .iter()
        .filter(|k| !warnings.iter().any(|w| w.id() == k.warning.as_str()))
        .collect()
}
