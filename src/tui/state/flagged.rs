//! The ratings flagged for review, each with every assessor's own rating of its slot: what the
//! list of disagreements shows and resolves (after `capra merge` or a git merge, a conflicting
//! rating is left flagged, with both sides kept in `assessor_ratings`).

use super::app::App;
use crate::assessment::Review;
use crate::assessment::change::Slot;
use crate::rating::Rating;

/// One rating flagged for review.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flagged {
    pub slot: Slot,
    /// The agreed rating as it stands, and who it is recorded as given by.
    pub agreed: Option<Rating>,
    pub agreed_by: String,
    /// Each assessor's rating of the slot: (name, rating), in the file's order.
    pub assessors: Vec<(String, Option<Rating>)>,
}

impl Flagged {
    /// The position of "our" side: the assessor marked `(ours)`; else the one the agreed rating
    /// came from (a git merge keeps our rating and our name as the agreed one): the assessor
    /// named on it, or of two sides the only one whose rating it is; else the first.
    pub fn ours(&self) -> Option<usize> {
        if self.assessors.is_empty() {
            return None;
        }
        let marked = self
            .assessors
            .iter()
            .position(|(n, _)| n.trim_end().ends_with("(ours)"));
        let named = self.assessors.iter().position(|(n, _)| {
            !self.agreed_by.trim().is_empty() && n.trim() == self.agreed_by.trim()
        });
        let same: Vec<usize> = (0..self.assessors.len())
            .filter(|&i| self.agreed.is_some() && self.assessors[i].1 == self.agreed)
            .collect();
        // Two sides are a git merge's: ours is the one whose rating was kept.
        let only = (self.assessors.len() == 2 && same.len() == 1).then(|| same[0]);
        Some(marked.or(named).or(only).unwrap_or(0))
    }

    /// The position of "their" side: the assessor marked `(theirs)`, else the first one that
    /// is not ours.
    pub fn theirs(&self) -> Option<usize> {
        if let Some(i) = self
            .assessors
            .iter()
            .position(|(n, _)| n.trim_end().ends_with("(theirs)"))
        {
            return Some(i);
        }
        let ours = self.ours()?;
        (0..self.assessors.len()).find(|&i| i != ours)
    }

    /// True when two assessors' ratings disagree (by the merge's rule).
    pub fn split(&self) -> bool {
        let vals: Vec<Rating> = self.assessors.iter().filter_map(|(_, r)| *r).collect();
        vals.iter()
            .enumerate()
            .any(|(i, a)| vals[i + 1..].iter().any(|b| crate::track::disagree(*a, *b)))
    }
}

impl App {
    /// Every rating flagged for review, process by process in the file's order.
    pub fn flagged_ratings(&self) -> Vec<Flagged> {
        let Some(doc) = &self.doc else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for p in &doc.assessment.processes {
            for r in p
                .ratings
                .iter()
                .filter(|r| r.review == Some(Review::Flagged))
            {
                let inst = r.instance.as_ref().map(|i| i.to_string());
                let assessors = p
                    .assessor_ratings
                    .iter()
                    .filter(|x| {
                        x.attribute == r.attribute
                            && x.instance.as_ref().map(|i| i.to_string()) == inst
                    })
                    .map(|x| (x.assessor.clone(), x.rating()))
                    .collect();
                out.push(Flagged {
                    slot: Slot::new(&p.id, &r.attribute, inst.as_deref()),
                    agreed: r.rating(),
                    agreed_by: r.assessor.clone(),
                    assessors,
                });
            }
        }
        out
    }
}
