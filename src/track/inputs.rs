//! The assessments handed to compare, merge and agreement: whether they can be taken together,
//! and whose ratings each file holds.

use crate::assessment::{Assessment, Role};

/// Why assessments cannot be compared or merged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Incompatible(pub String);

/// Checks that the assessments (label, assessment) are of one model and framework; returns a
/// note for each one made with another version of the model than the first.
pub(super) fn same_model(items: &[(String, &Assessment)]) -> Result<Vec<String>, Incompatible> {
    let Some((first_label, first)) = items.first() else {
        return Err(Incompatible("nothing to compare".into()));
    };
    let mut notes = Vec::new();
    for (label, a) in items.iter().skip(1) {
        if a.model.id != first.model.id {
            return Err(Incompatible(format!(
                "{label} is an assessment of model {}, {first_label} of model {}: assessments of different models cannot be compared",
                a.model.id, first.model.id
            )));
        }
        if a.framework.id != first.framework.id {
            return Err(Incompatible(format!(
                "{label} uses framework {}, {first_label} framework {}: they cannot be compared",
                a.framework.id, first.framework.id
            )));
        }
        if a.model.version != first.model.version {
            notes.push(format!(
                "{first_label} was made with {} {}, {label} with {} {}: processes and attributes are matched by id; a process in only some of them is shown as not in scope where it is missing",
                first.model.id, first.model.version, a.model.id, a.model.version
            ));
        }
    }
    Ok(notes)
}

/// Whose ratings a file holds: its ratings' assessor, else its lead assessor, else the label.
pub(super) fn owner(a: &Assessment, label: &str) -> String {
    a.team
        .iter()
        .find(|m| m.role == Role::LeadAssessor)
        .map(|m| m.name.to_string())
        .unwrap_or_else(|| label.to_string())
}
