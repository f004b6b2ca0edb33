//! Edits to an assessment, as values.
//!
//! Every edit, from the command line or the terminal UI, is a [`Change`]. [`apply`] checks it
//! against the model, makes it, and returns the inverse change, so that undo is "apply the
//! inverse" and redo is "apply the inverse of that" (the design of helix's transactions). A
//! [`Change::Batch`] is applied whole or not at all: when one part fails, the parts already made
//! are undone before the error is returned, so a failed edit never leaves half of itself behind.
//!
//! Changes hold the new value of one field; the inverse holds the old value. Setting a field of a
//! rating that does not exist yet creates the record; a record left with nothing in it is
//! removed, so files stay small. Notes are never dropped by clearing a rating.
//!
//! The file is longer than 600 lines: one arm of [`apply`] per kind of edit, kept together so
//! that each edit reads beside its inverse.

use super::interview_rules::{check_interview, check_question, check_request};
use super::plan_rules::{check_action, check_finding};
use super::{
    Acknowledgement, Action, Assessment, Characterisation, Confidence, Evidence, Finding, Info,
    Interview, ProcessRecord, Question, RatingMethod, RatingRecord, ReportSettings, Request,
    Review,
};
use crate::located::{Id, Located};
use crate::model::Model;
use crate::rating::{Aggregation, Order, Rating};

/// Which rating record a field change is about: a process attribute, overall (`instance` is
/// `None`) or for one instance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slot {
    pub process: String,
    pub attribute: String,
    pub instance: Option<String>,
}

impl Slot {
    pub fn new(process: &str, attribute: &str, instance: Option<&str>) -> Slot {
        Slot {
            process: process.to_string(),
            attribute: attribute.to_string(),
            instance: instance.map(str::to_string),
        }
    }

    /// True when a rating record of the slot's process is the record of this slot.
    pub fn holds(&self, r: &RatingRecord) -> bool {
        r.attribute == self.attribute.as_str()
            && r.instance.as_ref().map(|i| i.as_str()) == self.instance.as_deref()
    }
}

impl Assessment {
    /// The rating record of a slot, if anything is recorded there.
    pub fn record(&self, slot: &Slot) -> Option<&RatingRecord> {
        self.process(&slot.process)?
            .ratings
            .iter()
            .find(|r| slot.holds(r))
    }
}

/// The new value of one field of a rating record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field {
    Rating(Option<Rating>),
    Note(String),
    Confidence(Option<Confidence>),
    Assessor(String),
    /// The whole list of linked evidence ids.
    Evidence(Vec<String>),
    Review(Option<Review>),
    Rationale(String),
}

/// What a characterisation says: the value, who gave it, a note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CharacterisationValue {
    pub value: Rating,
    pub assessor: String,
    pub note: String,
}

/// One edit of an assessment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// Sets one field of the rating record of `slot`.
    Set { slot: Slot, field: Field },
    /// Sets the characterisation of an item (for an instance, or the process as a whole),
    /// replacing any there is; `record: None` removes it.
    Characterise {
        process: String,
        item: String,
        instance: Option<String>,
        record: Option<CharacterisationValue>,
    },
    /// Adds an evidence item, or replaces the one with the same id.
    PutEvidence(Evidence),
    /// Removes an evidence item that nothing links to.
    RemoveEvidence(String),
    /// Sets the evidence list of one assessor's own rating of `slot` (those `capra merge`
    /// keeps); the record must exist.
    SetAssessorEvidence {
        slot: Slot,
        assessor: String,
        evidence: Vec<String>,
    },
    /// Sets the target level of a process in scope.
    SetTarget { process: String, target: u8 },
    /// Sets the list of instances of a process. Instances that still have ratings or
    /// characterisations cannot be dropped.
    SetInstances {
        process: String,
        instances: Vec<String>,
    },
    /// Brings a process into scope, or replaces its record whole.
    PutProcess(ProcessRecord),
    /// Takes a process out of scope, with all its ratings (the inverse puts them back).
    RemoveProcess(String),
    /// Accepts a consistency warning with a justification (or replaces the justification).
    Acknowledge(Acknowledgement),
    /// Withdraws the acknowledgement of a warning.
    Unacknowledge(String),
    /// Sets the rating method (R1, R2, R3). Nothing recorded is removed.
    SetMethod(RatingMethod),
    /// Sets how ratings and characterisations are aggregated.
    SetAggregation { method: Aggregation, order: Order },
    /// Adds a finding, or replaces the one with the same id.
    PutFinding(Finding),
    /// Removes a finding that no action answers.
    RemoveFinding(String),
    /// Adds an action to the improvement plan, or replaces the one with the same id.
    PutAction(Action),
    /// Removes an action from the improvement plan.
    RemoveAction(String),
    /// Adds an interview, or replaces the one with the same id.
    PutInterview(Interview),
    /// Removes an interview that no finding or request names.
    RemoveInterview(String),
    /// Adds a document request, or replaces the one with the same id.
    PutRequest(Request),
    /// Removes a document request.
    RemoveRequest(String),
    /// Replaces the assessment inputs (`[assessment]`) whole; made by `capra set` through
    /// [`super::keys::set`], which checks the new value as loading does.
    SetInfo(Box<Info>),
    /// Replaces the report settings (`[report]`) whole.
    SetReport(Box<ReportSettings>),
    /// Replaces the team (`[[team]]`) whole; made by `capra set FILE team ...`.
    SetTeam(Vec<super::Member>),
    /// Records a question asked of a process, or replaces the record of the same question.
    PutQuestion(Question),
    /// Removes the record of a question asked.
    RemoveQuestion { process: String, question: String },
    /// Replaces the Statement of Applicability (`[[soa]]`) whole; every row must name a control
    /// of the model's catalogue, once.
    SetSoa(Vec<super::soa::SoaEntry>),
    /// Several changes as one, applied in order; undone in reverse order.
    Batch(Vec<Change>),
}

/// Why a change cannot be made. The assessment is left as it was.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ChangeError(pub String);

fn fail<T>(msg: String) -> Result<T, ChangeError> {
    Err(ChangeError(msg))
}

/// Applies a change to `a` and returns its inverse. On error, `a` is unchanged.
pub fn apply(a: &mut Assessment, model: &Model, change: Change) -> Result<Change, ChangeError> {
    let inverse = match change {
        Change::Set { slot, field } => set_field(a, model, slot, field)?,
        Change::Characterise {
            process,
            item,
            instance,
            record,
        } => characterise(a, model, process, item, instance, record)?,
        Change::Acknowledge(ack) => {
            if ack.justification.trim().is_empty() {
                return fail(
                    "an acknowledgement needs a justification: say why the warning is accepted"
                        .into(),
                );
            }
            match a
                .acknowledgements
                .iter_mut()
                .find(|k| k.warning == ack.warning)
            {
                Some(old) => Change::Acknowledge(std::mem::replace(old, ack)),
                None => {
                    let id = ack.warning.to_string();
                    a.acknowledgements.push(ack);
                    Change::Unacknowledge(id)
                }
            }
        }
        Change::Unacknowledge(id) => {
            let Some(pos) = a.acknowledgements.iter().position(|k| k.warning == id) else {
                return fail(format!("warning {id} is not acknowledged"));
            };
            Change::Acknowledge(a.acknowledgements.remove(pos))
        }
        Change::SetInfo(info) => {
            if info.title.trim().is_empty() {
                return fail("an assessment needs a title".into());
            }
            Change::SetInfo(Box::new(std::mem::replace(&mut a.assessment, *info)))
        }
        Change::SetReport(r) => {
            if let Some((_, msg)) = super::report_settings::check(&r).into_iter().next() {
                return fail(msg);
            }
            Change::SetReport(Box::new(std::mem::replace(&mut a.report, *r)))
        }
        Change::SetTeam(team) => {
            if team.iter().any(|m| m.name.trim().is_empty()) {
                return fail("every member of the team needs a name".into());
            }
            Change::SetTeam(std::mem::replace(&mut a.team, team))
        }
        Change::SetMethod(m) => {
            Change::SetMethod(std::mem::replace(&mut a.assessment.rating_method, m))
        }
        Change::SetAggregation { method, order } => {
            let old = Change::SetAggregation {
                method: a.assessment.aggregation,
                order: a.assessment.aggregation_order,
            };
            a.assessment.aggregation = method;
            a.assessment.aggregation_order = order;
            old
        }
        Change::PutEvidence(e) => {
            if e.title.trim().is_empty() {
                return fail("evidence needs a title".into());
            }
            if e.id.trim().is_empty() {
                return fail("evidence needs an id".into());
            }
            match a.evidence.iter_mut().find(|x| x.id == e.id) {
                Some(old) => Change::PutEvidence(std::mem::replace(old, e)),
                None => {
                    let id = e.id.to_string();
                    a.evidence.push(e);
                    Change::RemoveEvidence(id)
                }
            }
        }
        Change::RemoveEvidence(id) => {
            let Some(pos) = a.evidence.iter().position(|x| x.id == id) else {
                return fail(format!("there is no evidence {id} in the register"));
            };
            if let Some(f) = a
                .findings
                .iter()
                .find(|f| f.evidence.iter().any(|e| e == &id))
            {
                return fail(format!(
                    "evidence {id} supports finding {}: unlink it from the finding first",
                    f.id
                ));
            }
            if let Some(r) = a.requests_citing(&id).next() {
                return fail(format!(
                    "evidence {id} is what request {} received: unlink it from the request first",
                    r.id
                ));
            }
            let links = a.evidence_links(&id);
            if let Some((p, attr, inst)) = links.first() {
                return fail(format!(
                    "evidence {id} is still linked from {p} {attr}{} and {} other place(s): unlink it first",
                    inst.as_ref().map(|i| format!(" ({i})")).unwrap_or_default(),
                    links.len() - 1
                ));
            }
            Change::PutEvidence(a.evidence.remove(pos))
        }
        Change::SetAssessorEvidence {
            slot,
            assessor,
            evidence,
        } => {
            if let Some(e) = evidence.iter().find(|e| a.evidence_item(e).is_none()) {
                return fail(format!("evidence {e} is not in the evidence register"));
            }
            let Some(r) = a.process_mut(&slot.process).and_then(|p| {
                p.assessor_ratings
                    .iter_mut()
                    .find(|r| slot.holds(r) && r.assessor == assessor)
            }) else {
                return fail(format!(
                    "{} {} has no rating of {assessor}",
                    slot.process, slot.attribute
                ));
            };
            let old = std::mem::replace(
                &mut r.evidence,
                evidence.into_iter().map(Id::from).collect(),
            );
            Change::SetAssessorEvidence {
                slot,
                assessor,
                evidence: old.into_iter().map(Id::into_inner).collect(),
            }
        }
        Change::SetTarget { process, target } => {
            let max = model.max_level();
            if target > max {
                return fail(format!(
                    "target {target} is above the highest level of model {}, {max}",
                    model.id()
                ));
            }
            let p = process_in_scope(a, model, &process)?;
            let old = *p.target;
            p.target = Located::new(target);
            Change::SetTarget {
                process,
                target: old,
            }
        }
        Change::SetInstances { process, instances } => {
            process_in_scope(a, model, &process)?;
            let Some(p) = a.process(&process) else {
                return fail(format!("process {process} is not in scope"));
            };
            let mut seen = std::collections::HashSet::new();
            for i in &instances {
                if i.trim().is_empty() {
                    return fail("an instance needs a name".into());
                }
                if !seen.insert(i.as_str()) {
                    return fail(format!("instance '{i}' is listed twice"));
                }
            }
            let used = p
                .ratings
                .iter()
                .filter_map(|r| r.instance.as_ref())
                .chain(
                    p.characterisations
                        .iter()
                        .filter_map(|c| c.instance.as_ref()),
                )
                .chain(p.not_applicable.iter().map(|n| &n.instance))
                .chain(
                    a.findings
                        .iter()
                        .filter(|f| f.process == process)
                        .filter_map(|f| f.instance.as_ref()),
                )
                .find(|i| !instances.iter().any(|n| n == i.as_str()));
            if let Some(i) = used.cloned() {
                return fail(format!(
                    "instance '{i}' of {process} still has something recorded (a rating, note, evidence, confidence, assessor, characterisation or finding): clear it first, or edit the file"
                ));
            }
            let p = process_in_scope(a, model, &process)?;
            let old = std::mem::replace(
                &mut p.instances,
                instances.into_iter().map(Id::from).collect(),
            );
            Change::SetInstances {
                process,
                instances: old.into_iter().map(Id::into_inner).collect(),
            }
        }
        Change::PutProcess(record) => {
            if model.process(&record.id).is_none() {
                return fail(unknown_process(model, &record.id));
            }
            if *record.target > model.max_level() {
                return fail(format!(
                    "target {} is above the highest level, {}",
                    *record.target,
                    model.max_level()
                ));
            }
            match a.processes.iter_mut().find(|p| p.id == record.id) {
                Some(old) => Change::PutProcess(std::mem::replace(old, record)),
                None => {
                    let id = record.id.to_string();
                    a.processes.push(record);
                    Change::RemoveProcess(id)
                }
            }
        }
        Change::RemoveProcess(id) => {
            let Some(pos) = a.processes.iter().position(|p| p.id == id) else {
                return fail(format!(
                    "process {id} is not in the scope of this assessment"
                ));
            };
            let findings: Vec<&str> = a.findings_of(&id).map(|f| f.id.as_str()).collect();
            if !findings.is_empty() {
                return fail(format!(
                    "process {id} has findings ({}): remove them first, or keep the process in scope",
                    findings.join(", ")
                ));
            }
            if a.questions.iter().any(|q| q.process == id) {
                return fail(format!(
                    "process {id} has questions recorded as asked: remove them first, or keep the process in scope"
                ));
            }
            let interviews: Vec<&str> = a
                .interviews
                .iter()
                .filter(|i| i.processes.iter().any(|p| p == id.as_str()))
                .map(|i| i.id.as_str())
                .collect();
            if !interviews.is_empty() {
                return fail(format!(
                    "process {id} is covered by interview {}: take it out of the interview first",
                    interviews.join(", ")
                ));
            }
            Change::PutProcess(a.processes.remove(pos))
        }
        Change::PutFinding(f) => {
            if let Some((_, msg)) = check_finding(a, model, &f).into_iter().next() {
                return fail(msg);
            }
            match a.findings.iter_mut().find(|x| x.id == f.id) {
                Some(old) => Change::PutFinding(std::mem::replace(old, f)),
                None => {
                    let id = f.id.to_string();
                    a.findings.push(f);
                    Change::RemoveFinding(id)
                }
            }
        }
        Change::RemoveFinding(id) => {
            let Some(pos) = a.findings.iter().position(|f| f.id == id) else {
                return fail(format!("there is no finding {id} in this assessment"));
            };
            let answering: Vec<&str> = a
                .actions_answering(&id)
                .iter()
                .map(|x| x.id.as_str())
                .collect();
            if !answering.is_empty() {
                return fail(format!(
                    "finding {id} is answered by action {}: unlink it from the action first",
                    answering.join(", ")
                ));
            }
            Change::PutFinding(a.findings.remove(pos))
        }
        Change::PutAction(x) => {
            if let Some((_, msg)) = check_action(a, model, &x).into_iter().next() {
                return fail(msg);
            }
            match a.actions.iter_mut().find(|old| old.id == x.id) {
                Some(old) => Change::PutAction(std::mem::replace(old, x)),
                None => {
                    let id = x.id.to_string();
                    a.actions.push(x);
                    Change::RemoveAction(id)
                }
            }
        }
        Change::RemoveAction(id) => {
            let Some(pos) = a.actions.iter().position(|x| x.id == id) else {
                return fail(format!("there is no action {id} in the improvement plan"));
            };
            Change::PutAction(a.actions.remove(pos))
        }
        Change::PutInterview(i) => {
            if let Some((_, msg)) = check_interview(a, model, &i).into_iter().next() {
                return fail(msg);
            }
            match a.interviews.iter_mut().find(|x| x.id == i.id) {
                Some(old) => Change::PutInterview(std::mem::replace(old, i)),
                None => {
                    let id = i.id.to_string();
                    a.interviews.push(i);
                    Change::RemoveInterview(id)
                }
            }
        }
        Change::RemoveInterview(id) => {
            let Some(pos) = a.interviews.iter().position(|x| x.id == id) else {
                return fail(format!("there is no interview {id} in this assessment"));
            };
            let naming: Vec<String> = a
                .findings_of_interview(&id)
                .map(|f| format!("finding {}", f.id))
                .chain(
                    a.requests_of_interview(&id)
                        .map(|r| format!("request {}", r.id)),
                )
                .chain(
                    a.questions_of_interview(&id)
                        .map(|q| format!("question {} of {}", q.question, q.process)),
                )
                .collect();
            if !naming.is_empty() {
                return fail(format!(
                    "interview {id} is named by {}: unlink it from them first",
                    naming.join(", ")
                ));
            }
            Change::PutInterview(a.interviews.remove(pos))
        }
        Change::PutRequest(r) => {
            if let Some((_, msg)) = check_request(a, &r).into_iter().next() {
                return fail(msg);
            }
            match a.requests.iter_mut().find(|x| x.id == r.id) {
                Some(old) => Change::PutRequest(std::mem::replace(old, r)),
                None => {
                    let id = r.id.to_string();
                    a.requests.push(r);
                    Change::RemoveRequest(id)
                }
            }
        }
        Change::RemoveRequest(id) => {
            let Some(pos) = a.requests.iter().position(|x| x.id == id) else {
                return fail(format!("there is no request {id} in this assessment"));
            };
            Change::PutRequest(a.requests.remove(pos))
        }
        Change::SetSoa(rows) => {
            if let Some(msg) = super::soa::problems(&rows, model).into_iter().next() {
                return fail(msg.1);
            }
            Change::SetSoa(std::mem::replace(&mut a.soa, rows))
        }
        Change::PutQuestion(q) => {
            if let Some((_, msg)) = check_question(a, model, &q).into_iter().next() {
                return fail(msg);
            }
            match a
                .questions
                .iter_mut()
                .find(|x| x.process == q.process && x.question == q.question)
            {
                Some(old) => Change::PutQuestion(std::mem::replace(old, q)),
                None => {
                    let inverse = Change::RemoveQuestion {
                        process: q.process.to_string(),
                        question: q.question.to_string(),
                    };
                    a.questions.push(q);
                    inverse
                }
            }
        }
        Change::RemoveQuestion { process, question } => {
            let Some(pos) = a
                .questions
                .iter()
                .position(|x| x.process == process && x.question == question)
            else {
                return fail(format!(
                    "question {question} of {process} is not recorded in this assessment"
                ));
            };
            Change::PutQuestion(a.questions.remove(pos))
        }
        Change::Batch(changes) => {
            let mut done: Vec<Change> = Vec::with_capacity(changes.len());
            for c in changes {
                match apply(a, model, c) {
                    Ok(inv) => done.push(inv),
                    Err(e) => {
                        for inv in done.into_iter().rev() {
                            // Inverses of changes just made always apply.
                            let _ = apply(a, model, inv);
                        }
                        return Err(e);
                    }
                }
            }
            done.reverse();
            Change::Batch(done)
        }
    };
    a.normalize(model);
    Ok(inverse)
}

fn unknown_process(model: &Model, id: &str) -> String {
    format!(
        "{} is not a process of model {} (see `capra model show {}` for the ids)",
        crate::text::shown_id(id),
        model.id(),
        model.id()
    )
}

fn process_in_scope<'a>(
    a: &'a mut Assessment,
    model: &Model,
    id: &str,
) -> Result<&'a mut ProcessRecord, ChangeError> {
    if model.process(id).is_none() {
        return fail(unknown_process(model, id));
    }
    let in_scope: Vec<String> = a.processes.iter().map(|p| p.id.to_string()).collect();
    match a.process_mut(id) {
        Some(p) => Ok(p),
        None => fail(format!(
            "process {id} is not in the scope of this assessment (in scope: {})",
            in_scope.join(", ")
        )),
    }
}

fn check_instance(p: &ProcessRecord, instance: &Option<String>) -> Result<(), ChangeError> {
    if let Some(i) = instance
        && !p.instances.iter().any(|x| x == i.as_str())
    {
        let known: Vec<&str> = p.instances.iter().map(|x| x.as_str()).collect();
        return fail(if known.is_empty() {
            format!("process {} has no instances; '{i}' is not one", p.id)
        } else {
            format!(
                "'{i}' is not an instance of {} (its instances: {})",
                p.id,
                known.join(", ")
            )
        });
    }
    Ok(())
}

fn set_field(
    a: &mut Assessment,
    model: &Model,
    slot: Slot,
    field: Field,
) -> Result<Change, ChangeError> {
    if model.attribute(&slot.attribute).is_none() {
        let ids: Vec<&str> = model.attributes().map(|x| x.id.as_str()).collect();
        return fail(format!(
            "{} is not a process attribute of model {} (use one of {})",
            slot.attribute,
            model.id(),
            ids.join(", ")
        ));
    }
    if let Field::Evidence(ids) = &field {
        for id in ids {
            if a.evidence_item(id).is_none() {
                return fail(format!(
                    "evidence {id} is not in the evidence register (add it with `capra evidence add`)"
                ));
            }
        }
    }
    let p = process_in_scope(a, model, &slot.process)?;
    check_instance(p, &slot.instance)?;
    let pos = p.ratings.iter().position(|r| slot.holds(r));
    let pos = match pos {
        Some(i) => i,
        None => {
            p.ratings.push(RatingRecord {
                attribute: Id::from(slot.attribute.as_str()),
                instance: slot.instance.as_deref().map(Id::from),
                ..RatingRecord::default()
            });
            p.ratings.len() - 1
        }
    };
    let r = &mut p.ratings[pos];
    let old = match field {
        Field::Rating(v) => Field::Rating(
            std::mem::replace(&mut r.rating, v.map(Located::new)).map(|x| x.into_inner()),
        ),
        Field::Note(v) => Field::Note(std::mem::replace(&mut r.note, v)),
        Field::Confidence(v) => Field::Confidence(std::mem::replace(&mut r.confidence, v)),
        Field::Assessor(v) => Field::Assessor(std::mem::replace(&mut r.assessor, v)),
        Field::Evidence(v) => Field::Evidence(
            std::mem::replace(&mut r.evidence, v.into_iter().map(Id::from).collect())
                .into_iter()
                .map(Id::into_inner)
                .collect(),
        ),
        Field::Review(v) => Field::Review(std::mem::replace(&mut r.review, v)),
        Field::Rationale(v) => Field::Rationale(std::mem::replace(&mut r.rationale, v)),
    };
    if r.is_blank() {
        p.ratings.remove(pos);
    }
    Ok(Change::Set { slot, field: old })
}

fn characterise(
    a: &mut Assessment,
    model: &Model,
    process: String,
    item: String,
    instance: Option<String>,
    record: Option<CharacterisationValue>,
) -> Result<Change, ChangeError> {
    let Some(mp) = model.process(&process) else {
        return fail(unknown_process(model, &process));
    };
    if model.item(mp, &item).is_none() {
        return fail(format!(
            "{item} is not an outcome, base practice, information item, achievement or generic practice of {process}"
        ));
    }
    let p = process_in_scope(a, model, &process)?;
    check_instance(p, &instance)?;
    let pos = p.characterisations.iter().position(|c| {
        c.item == item.as_str() && c.instance.as_ref().map(|i| i.as_str()) == instance.as_deref()
    });
    let old = pos
        .map(|i| p.characterisations.remove(i))
        .map(|c| CharacterisationValue {
            value: c.value.into_inner(),
            assessor: c.assessor,
            note: c.note,
        });
    if let Some(r) = record {
        p.characterisations.push(Characterisation {
            item: Id::from(item.as_str()),
            instance: instance.as_deref().map(Id::from),
            value: Located::new(r.value),
            assessor: r.assessor,
            note: r.note,
        });
    }
    Ok(Change::Characterise {
        process,
        item,
        instance,
        record: old,
    })
}
