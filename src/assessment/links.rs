//! What links to a record of the register, and the edits that drop those links: used when an
//! item is removed with `--force`, so that the removal and the unlinking are one
//! [`Change::Batch`], undone as one.

use super::Assessment;
use super::change::{Change, Field, Slot};

/// The edits that drop every link to one record, and the places they were, in words
/// ("ISMS.CORE.3 PA2.1 (Lyon)", "finding F-002"), to tell the user.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Unlink {
    pub changes: Vec<Change>,
    pub places: Vec<String>,
}

impl Unlink {
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }
}

/// What cites an evidence item, counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Citations {
    pub ratings: usize,
    pub findings: usize,
    pub requests: usize,
}

fn slot_words(slot: &Slot) -> String {
    match &slot.instance {
        Some(i) => format!("{} {} ({i})", slot.process, slot.attribute),
        None => format!("{} {}", slot.process, slot.attribute),
    }
}

impl Assessment {
    /// The edits that unlink evidence `id` from every rating (agreed ones and each assessor's)
    /// and every finding.
    pub fn unlink_evidence(&self, id: &str) -> Unlink {
        let mut out = Unlink::default();
        let without = |list: &[crate::located::Id]| -> Vec<String> {
            list.iter()
                .filter(|e| e.as_str() != id)
                .map(|e| e.to_string())
                .collect()
        };
        for p in &self.processes {
            for r in &p.ratings {
                if r.evidence.iter().any(|e| e == id) {
                    let slot =
                        Slot::new(&p.id, &r.attribute, r.instance.as_ref().map(|i| i.as_str()));
                    out.places.push(slot_words(&slot));
                    out.changes.push(Change::Set {
                        slot,
                        field: Field::Evidence(without(&r.evidence)),
                    });
                }
            }
            for r in &p.assessor_ratings {
                if r.evidence.iter().any(|e| e == id) {
                    let slot =
                        Slot::new(&p.id, &r.attribute, r.instance.as_ref().map(|i| i.as_str()));
                    out.places
                        .push(format!("{}, rated by {}", slot_words(&slot), r.assessor));
                    out.changes.push(Change::SetAssessorEvidence {
                        slot,
                        assessor: r.assessor.clone(),
                        evidence: without(&r.evidence),
                    });
                }
            }
        }
        for f in &self.findings {
            if f.evidence.iter().any(|e| e == id) {
                let mut f = f.clone();
                f.evidence.retain(|e| e.as_str() != id);
                out.places.push(format!("finding {}", f.id));
                out.changes.push(Change::PutFinding(f));
            }
        }
        for r in self.requests_citing(id) {
            let mut r = r.clone();
            r.evidence = None;
            out.places.push(format!("request {}", r.id));
            out.changes.push(Change::PutRequest(r));
        }
        out
    }

    /// How many ratings (agreed ones and each assessor's), findings and requests cite evidence
    /// `id`: the links a forced removal drops.
    pub fn evidence_citations(&self, id: &str) -> Citations {
        let mut c = Citations::default();
        for change in self.unlink_evidence(id).changes {
            match change {
                Change::PutFinding(_) => c.findings += 1,
                Change::PutRequest(_) => c.requests += 1,
                _ => c.ratings += 1,
            }
        }
        c
    }

    /// Removing evidence `id` from the register together with every link to it (a forced
    /// removal), as one change undone as one; with the places it was cited, in words.
    pub fn remove_evidence_unlinked(&self, id: &str) -> (Change, Vec<String>) {
        let unlink = self.unlink_evidence(id);
        let mut changes = unlink.changes;
        changes.push(Change::RemoveEvidence(id.to_string()));
        (Change::Batch(changes), unlink.places)
    }

    /// The edits that unlink interview `id` from every finding captured in it, every request
    /// made in it and every question asked in it.
    pub fn unlink_interview(&self, id: &str) -> Unlink {
        let mut out = Unlink::default();
        for f in self.findings_of_interview(id) {
            let mut f = f.clone();
            f.interview = None;
            out.places.push(format!("finding {}", f.id));
            out.changes.push(Change::PutFinding(f));
        }
        for r in self.requests_of_interview(id) {
            let mut r = r.clone();
            r.interview = None;
            out.places.push(format!("request {}", r.id));
            out.changes.push(Change::PutRequest(r));
        }
        for q in self.questions_of_interview(id) {
            let mut q = q.clone();
            q.interview = None;
            out.places
                .push(format!("question {} of {}", q.question, q.process));
            out.changes.push(Change::PutQuestion(q));
        }
        out
    }
}
