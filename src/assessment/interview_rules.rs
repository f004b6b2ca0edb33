//! What interviews and document requests must satisfy within an assessment, and the queries on
//! them. [`check_interview`] and [`check_request`] are the one statement of the rules; edits
//! ([`super::change`]) and files read from disk ([`super::validate`]) both use them.

use super::Assessment;
use super::interview::{Interview, Request};
use super::plan::{Finding, MAX_ID_NUMBER, id_number};
use super::plan_rules::Fault;
use super::values::{RequestStatus, valid_date, valid_date_time};
use crate::model::Model;

fn next_id<'a>(prefix: &str, ids: impl Iterator<Item = &'a str>) -> Option<String> {
    let max = ids.filter_map(|i| id_number(prefix, i)).max().unwrap_or(0);
    max.checked_add(1)
        .filter(|n| *n <= MAX_ID_NUMBER)
        .map(|n| format!("{prefix}{n:03}"))
}

impl Assessment {
    pub fn interview(&self, id: &str) -> Option<&Interview> {
        self.interviews.iter().find(|i| i.id == id)
    }

    pub fn request(&self, id: &str) -> Option<&Request> {
        self.requests.iter().find(|r| r.id == id)
    }

    /// The next free interview id (I-001, ...), or `None` past [`MAX_ID_NUMBER`].
    pub fn next_interview_id(&self) -> Option<String> {
        next_id("I-", self.interviews.iter().map(|i| i.id.as_str()))
    }

    /// The next free request id (R-001, ...), or `None` past [`MAX_ID_NUMBER`].
    pub fn next_request_id(&self) -> Option<String> {
        next_id("R-", self.requests.iter().map(|r| r.id.as_str()))
    }

    /// The findings captured in an interview, in id order.
    pub fn findings_of_interview<'a>(
        &'a self,
        interview: &'a str,
    ) -> impl Iterator<Item = &'a Finding> {
        self.findings
            .iter()
            .filter(move |f| f.interview.as_ref().is_some_and(|i| i == interview))
    }

    /// The document requests made in an interview, in id order.
    pub fn requests_of_interview<'a>(
        &'a self,
        interview: &'a str,
    ) -> impl Iterator<Item = &'a Request> {
        self.requests
            .iter()
            .filter(move |r| r.interview.as_ref().is_some_and(|i| i == interview))
    }

    /// The requests whose document became evidence `id`.
    pub fn requests_citing<'a>(&'a self, evidence: &'a str) -> impl Iterator<Item = &'a Request> {
        self.requests
            .iter()
            .filter(move |r| r.evidence.as_ref().is_some_and(|e| e == evidence))
    }
}

/// What an interview must satisfy: an id; an interviewee; a date (and time) that is one; a
/// length above zero; processes in scope; assessors with names.
pub fn check_interview(a: &Assessment, model: &Model, i: &Interview) -> Vec<Fault> {
    let mut out: Vec<Fault> = Vec::new();
    let id = &i.id;
    if i.id.trim().is_empty() {
        out.push((i.id.span(), "an interview needs an id (I-001, ...)".into()));
    }
    if i.who.trim().is_empty() {
        out.push((
            i.id.span(),
            format!("interview {id} does not say who is interviewed (who = \"...\")"),
        ));
    }
    if !i.at.is_empty() && !valid_date_time(&i.at) {
        out.push((
            i.at.span(),
            format!(
                "interview {id}: '{}' is not a date: write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM",
                i.at.get()
            ),
        ));
    }
    if let Some(m) = &i.minutes
        && **m == 0
    {
        out.push((
            m.span(),
            format!("interview {id}: a length of 0 minutes: give the planned length, or none"),
        ));
    }
    for p in &i.processes {
        if a.process(p).is_none() {
            out.push((
                p.span(),
                if model.process(p).is_none() {
                    format!(
                        "interview {id}: {} is not a process of model {} (see `capra model show {}`)",
                        crate::text::shown_id(p),
                        model.id(),
                        model.id()
                    )
                } else {
                    format!(
                        "interview {id}: process {p} is not in the scope of this assessment (in scope: {})",
                        a.processes
                            .iter()
                            .map(|p| p.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                },
            ));
        }
    }
    if i.assessors.iter().any(|n| n.trim().is_empty()) {
        out.push((
            i.id.span(),
            format!("interview {id}: an assessor has no name"),
        ));
    }
    out
}

/// What a document request must satisfy: an id; what is asked for; dates that are dates; an
/// interview and evidence that exist; evidence only once received.
pub fn check_request(a: &Assessment, r: &Request) -> Vec<Fault> {
    let mut out: Vec<Fault> = Vec::new();
    let id = &r.id;
    if r.id.trim().is_empty() {
        out.push((r.id.span(), "a request needs an id (R-001, ...)".into()));
    }
    if r.what.trim().is_empty() {
        out.push((
            r.id.span(),
            format!("request {id} does not say what is asked for (what = \"...\")"),
        ));
    }
    for (name, d) in [("due", &r.due), ("received", &r.received)] {
        if !d.is_empty() && !valid_date(d) {
            out.push((
                d.span(),
                format!(
                    "request {id}: {name} date '{}' is not a date: write it as YYYY-MM-DD",
                    d.get()
                ),
            ));
        }
    }
    if let Some(i) = &r.interview
        && a.interview(i).is_none()
    {
        out.push((
            i.span(),
            format!("request {id}: interview {i} is not in this assessment"),
        ));
    }
    if let Some(e) = &r.evidence {
        if a.evidence_item(e).is_none() {
            out.push((
                e.span(),
                format!("request {id}: evidence {e} is not in the evidence register"),
            ));
        }
        if r.status != RequestStatus::Received {
            out.push((
                e.span(),
                format!(
                    "request {id} is {} and names evidence {e}: only a received request has evidence",
                    r.status
                ),
            ));
        }
    }
    out
}
