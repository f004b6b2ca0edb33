//! Receiving a document asked for: the request marked received on a day, citing an item of the
//! register, or turned into a new one in the same step. `capra request received` and the
//! screen's request list both build their edit here, so the item made is the same.

use super::change::Change;
use super::{Assessment, Evidence, EvidenceKind, Request, RequestStatus};
use crate::located::{Id, Located};

/// A new evidence item made from a received request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AsEvidence {
    /// The item's title; the request's `what` when none.
    pub title: Option<String>,
    /// The kind; a document when none.
    pub kind: Option<EvidenceKind>,
    /// A file and its sha256, when one was registered.
    pub path: String,
    pub sha256: String,
}

/// Why a request cannot be received.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReceiveError {
    #[error("request {0} was cancelled")]
    Cancelled(String),
    #[error("the evidence register has no free id left")]
    NoEvidenceId,
}

/// The edit that receives `request` on `day` (YYYY-MM-DD): it cites `evidence` when given, or,
/// with `as_evidence`, a new item of the register made from it (owned by whom it came from,
/// with a note naming the request). Returns the edit and the evidence id the request cites.
pub fn receive(
    a: &Assessment,
    request: &Request,
    day: &str,
    evidence: Option<&str>,
    as_evidence: Option<AsEvidence>,
) -> Result<(Change, Option<String>), ReceiveError> {
    if request.status == RequestStatus::Cancelled {
        return Err(ReceiveError::Cancelled(request.id.to_string()));
    }
    let mut r = request.clone();
    let mut changes = Vec::new();
    if let Some(e) = evidence {
        r.evidence = Some(Id::from(e));
    }
    if let Some(new) = as_evidence {
        let id = a.next_evidence_id().ok_or(ReceiveError::NoEvidenceId)?;
        changes.push(Change::PutEvidence(Evidence {
            id: Id::from(id.as_str()),
            title: new
                .title
                .unwrap_or_else(|| r.what.clone())
                .trim()
                .to_string(),
            kind: new.kind.unwrap_or(EvidenceKind::Document),
            location: String::new(),
            path: new.path,
            sha256: Located::new(new.sha256),
            date: Located::default(),
            owner: r.from.clone(),
            note: format!("Received for request {}", r.id),
        }));
        r.evidence = Some(Id::from(id.as_str()));
    }
    r.status = RequestStatus::Received;
    r.received = Located::new(day.to_string());
    let cited = r.evidence.as_ref().map(|e| e.to_string());
    changes.push(Change::PutRequest(r));
    Ok((Change::Batch(changes), cited))
}
