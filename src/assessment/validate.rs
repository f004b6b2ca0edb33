//! Checking an assessment read from a file against its model: every problem listed with where
//! it is in the file, so that a hand-edited file is never used half-understood.

use super::{Assessment, RatingRecord, SCHEMA_VERSION};
use crate::located::Id;
use crate::model::Model;
use std::collections::HashSet;
use std::ops::Range;

/// One thing wrong with an assessment record, with where it is in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub span: Option<Range<usize>>,
    pub message: String,
}

pub use super::values::{valid_date, valid_date_time};

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

    for (span, message) in super::report_settings::check(&a.report) {
        err(span, message);
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

    // Findings and the improvement plan.
    let mut ids = HashSet::new();
    for f in &a.findings {
        if !ids.insert(f.id.as_str()) {
            err(f.id.span(), format!("finding id {} is used twice", f.id));
        }
        for (span, message) in super::plan_rules::check_finding(a, model, f) {
            err(span, message);
        }
    }
    let mut ids = HashSet::new();
    for x in &a.actions {
        if !ids.insert(x.id.as_str()) {
            err(x.id.span(), format!("action id {} is used twice", x.id));
        }
        for (span, message) in super::plan_rules::check_action(a, model, x) {
            err(span, message);
        }
    }

    // Interviews and document requests.
    let mut ids = HashSet::new();
    for i in &a.interviews {
        if !ids.insert(i.id.as_str()) {
            err(i.id.span(), format!("interview id {} is used twice", i.id));
        }
        for (span, message) in super::interview_rules::check_interview(a, model, i) {
            err(span, message);
        }
    }
    let mut ids = HashSet::new();
    for r in &a.requests {
        if !ids.insert(r.id.as_str()) {
            err(r.id.span(), format!("request id {} is used twice", r.id));
        }
        for (span, message) in super::interview_rules::check_request(a, r) {
            err(span, message);
        }
    }

    let mut keys = HashSet::new();
    for q in &a.questions {
        if !keys.insert((q.process.as_str(), q.question.as_str())) {
            err(
                q.question.span(),
                format!("question {} of {} is recorded twice", q.question, q.process),
            );
        }
        for (span, message) in super::interview_rules::check_question(a, model, q) {
            err(span, message);
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
                    crate::text::shown_id(&p.id),
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
        for n in &p.not_applicable {
            check_instance(&Some(n.instance.clone()), &mut err);
            if let Some(at) = &n.attribute
                && !model.attributes().any(|x| x.id == at.as_str())
            {
                err(
                    at.span(),
                    format!(
                        "{}: {} is not a process attribute of this model ({})",
                        p.id,
                        at,
                        list_or_none(model.attributes().map(|x| x.id.as_str()))
                    ),
                );
            }
            if n.reason.trim().is_empty() {
                err(
                    n.instance.span(),
                    format!(
                        "{}: instance '{}' is marked not applicable without a reason (reason = \"...\")",
                        p.id, n.instance
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
    for (span, message) in super::soa::problems(&a.soa, model) {
        err(span, message);
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
