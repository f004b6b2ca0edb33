//! Where each rating of a report came from, for the auditor: the review state in words, and
//! under R1 the characterisations behind each attribute (item id and value, per instance).
//! The rating source itself is [`crate::profile::Source::word`], the one wording the PDF and
//! the CSV's `source` column share.

use crate::assessment::{ProcessRecord, Review};
use crate::model::Model;

/// The review state of a rating as the CSV's `review` column writes it ("flagged",
/// "reviewed", or empty).
pub fn review_word(r: Option<Review>) -> String {
    r.map(|r| r.word().to_string()).unwrap_or_default()
}

/// The review state as the PDF says it: "flagged for review", "reviewed", or empty.
pub fn review_phrase(review: &str) -> &'static str {
    match review {
        "flagged" => "flagged for review",
        "reviewed" => "reviewed",
        _ => "",
    }
}

/// The characterisations of one attribute for one instance (or the process as a whole).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CharacterisationRow {
    pub attribute: String,
    /// The instance name, or "(process)" for the process as a whole.
    pub instance: String,
    /// (item id, value code) in model order, only the items characterised.
    pub items: Vec<(String, String)>,
}

impl CharacterisationRow {
    /// "O1 F, O2 L, BP3 P".
    pub fn values(&self) -> String {
        self.items
            .iter()
            .map(|(i, v)| format!("{i} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The characterisations of a process, per attribute (level order) then instance (the process
/// as a whole first, then the instances in the file's order); rows with nothing characterised
/// are left out. Items are taken in model order, whatever their kind (outcome, practice,
/// achievement, ...).
pub fn characterisations(model: &Model, p: &ProcessRecord) -> Vec<CharacterisationRow> {
    let mut rows = Vec::new();
    if p.characterisations.is_empty() {
        return rows;
    }
    let mut instances: Vec<Option<String>> = vec![None];
    instances.extend(p.instances.iter().map(|i| Some(i.to_string())));
    for attr in model.attributes() {
        let items = model.items_under(&p.id, &attr.id);
        for inst in &instances {
            let found: Vec<(String, String)> = items
                .iter()
                .filter_map(|(item, _)| {
                    p.characterisations
                        .iter()
                        .find(|c| {
                            c.item == item.as_str()
                                && c.instance.as_ref().map(|i| i.to_string()) == *inst
                        })
                        .map(|c| (item.clone(), c.value.get().code().to_string()))
                })
                .collect();
            if !found.is_empty() {
                rows.push(CharacterisationRow {
                    attribute: attr.id.to_string(),
                    instance: inst.clone().unwrap_or_else(|| "(process)".to_string()),
                    items: found,
                });
            }
        }
    }
    rows
}
