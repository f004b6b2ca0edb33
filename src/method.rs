//! Changing the rating method (R1, R2, R3) and the aggregation: what a change would do to the
//! ratings in use, and the edit that makes it, optionally keeping today's derived ratings as
//! direct ratings so that no level moves. Pure; `capra method` and any screen call it.

use crate::assessment::change::{Change, Field, Slot};
use crate::assessment::{Assessment, RatingMethod};
use crate::model::Model;
use crate::profile;
use crate::rating::{Aggregation, Order, Rating};

/// A rating method with its aggregation and order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Method {
    pub method: RatingMethod,
    pub aggregation: Aggregation,
    pub order: Order,
}

impl Method {
    /// The method an assessment uses now.
    pub fn of(a: &Assessment) -> Method {
        Method {
            method: a.assessment.rating_method,
            aggregation: a.assessment.aggregation,
            order: a.assessment.aggregation_order,
        }
    }
}

/// An attribute rating in use that a change of method would change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shift {
    pub process: String,
    pub attribute: String,
    pub before: Option<Rating>,
    pub after: Option<Rating>,
}

/// The attribute ratings in use that would change if the assessment used `to`.
pub fn impact(model: &Model, a: &Assessment, to: Method) -> Vec<Shift> {
    let before = profile::score(model, a);
    let mut trial = a.clone();
    set(&mut trial, to);
    let after = profile::score(model, &trial);
    let mut out = Vec::new();
    for (b, x) in before.processes.iter().zip(&after.processes) {
        for (old, new) in b.attributes.iter().zip(&x.attributes) {
            if old.rating != new.rating {
                out.push(Shift {
                    process: b.id.clone(),
                    attribute: old.id.clone(),
                    before: old.rating,
                    after: new.rating,
                });
            }
        }
    }
    out
}

fn set(a: &mut Assessment, m: Method) {
    a.assessment.rating_method = m.method;
    a.assessment.aggregation = m.aggregation;
    a.assessment.aggregation_order = m.order;
}

/// The edit that switches to `to`. With `adopt`, every rating in use that the switch would
/// change is recorded as a direct rating of the process as a whole, so that no level moves.
/// Nothing recorded is removed either way.
pub fn switch(to: Method, shifts: &[Shift], adopt: bool) -> Change {
    let mut changes = vec![
        Change::SetMethod(to.method),
        Change::SetAggregation {
            method: to.aggregation,
            order: to.order,
        },
    ];
    if adopt {
        for s in shifts {
            if let Some(r) = s.before {
                changes.push(Change::Set {
                    slot: Slot::new(&s.process, &s.attribute, None),
                    field: Field::Rating(Some(r)),
                });
            }
        }
    }
    Change::Batch(changes)
}

/// What a change of method keeps without using: the instance ratings and characterisations in
/// the file (counted), so the user can see that nothing was removed.
pub fn kept(a: &Assessment) -> (usize, usize) {
    let instance_ratings = a
        .processes
        .iter()
        .map(|p| p.ratings.iter().filter(|r| r.instance.is_some()).count())
        .sum();
    let characterisations = a.processes.iter().map(|p| p.characterisations.len()).sum();
    (instance_ratings, characterisations)
}
