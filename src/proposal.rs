//! R1 proposals: an attribute's outcomes (PA1.1) or achievements, characterised per instance,
//! aggregated by the assessment's method and order, and held down by the weakest item under the
//! attribute. Pure; [`crate::profile`] decides when a proposal counts.

use crate::assessment::ProcessRecord;
use crate::model::Model;
use crate::rating::{self, Aggregation, Order, Rating};

/// An R1 proposal: the characterisations of the attribute's outcomes (PA1.1) or achievements
/// aggregated by the assessment's method and order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposal {
    pub rating: Option<Rating>,
    /// Ids of the items aggregated (outcomes or achievements), in model order.
    pub items: Vec<String>,
    /// One row per instance (the process as a whole is "(process)"): each item's value.
    pub rows: Vec<(String, Vec<Option<Rating>>)>,
    /// Items with at least one characterisation.
    pub characterised: usize,
    /// When the weakest item under the attribute held the proposal down from the aggregate:
    /// the aggregate, and the item that held it ("O6 is N (Lyon)").
    pub capped: Option<(Rating, String)>,
}

impl Proposal {
    /// Every item is characterised at least once.
    pub fn is_complete(&self) -> bool {
        self.characterised == self.items.len()
    }

    /// The instances (of `instances`, none marked not applicable) where some item is not
    /// characterised, neither for the instance nor for the process as a whole.
    pub fn missing_instances(
        &self,
        instances: &[String],
        na: &dyn Fn(&str) -> bool,
    ) -> Vec<String> {
        let whole = self
            .rows
            .iter()
            .find(|(n, _)| n == "(process)")
            .map(|(_, v)| v);
        instances
            .iter()
            .filter(|i| !na(i))
            .filter(|i| {
                let row = self.rows.iter().find(|(n, _)| n == *i).map(|(_, v)| v);
                (0..self.items.len()).any(|k| {
                    let here = row.and_then(|v| v[k]).is_some();
                    let overall = whole.and_then(|v| v[k]).is_some();
                    !here && !overall
                })
            })
            .cloned()
            .collect()
    }

    /// "O1 F, O2 L, O3 - / O1 F, O2 P, O3 N" per row: how the proposal came about.
    pub fn explain(&self) -> String {
        self.rows
            .iter()
            .filter(|(_, vals)| vals.iter().any(Option::is_some))
            .map(|(inst, vals)| {
                let cells: Vec<String> = self
                    .items
                    .iter()
                    .zip(vals)
                    .map(|(i, v)| format!("{i} {}", v.map(|r| r.code()).unwrap_or("-")))
                    .collect();
                if self.rows.len() > 1 || inst != "(process)" {
                    format!("{inst}: {}", cells.join(", "))
                } else {
                    cells.join(", ")
                }
            })
            .collect::<Vec<_>>()
            .join("; ")
            + &match (&self.capped, self.rating) {
                (Some((from, why)), Some(to)) => format!(
                    "; {} aggregated, held to {} because {why}",
                    from.code(),
                    to.code()
                ),
                _ => String::new(),
            }
    }
}

/// The R1 proposal for one attribute of a process: its items (outcomes for PA1.1, the
/// attribute's achievements above) characterised per instance, aggregated.
pub fn propose(
    model: &Model,
    p: &ProcessRecord,
    attribute: &crate::model::Attribute,
    aggregation: Aggregation,
    order: Order,
) -> Option<Proposal> {
    use crate::model::ItemKind;
    let items: Vec<String> = model
        .items_under(&p.id, &attribute.id)
        .into_iter()
        .filter(|(_, k)| matches!(k, ItemKind::Outcome | ItemKind::Achievement))
        .map(|(id, _)| id)
        .collect();
    let relevant: Vec<&crate::assessment::Characterisation> = p
        .characterisations
        .iter()
        .filter(|c| items.iter().any(|i| i == c.item.as_str()))
        .collect();
    if relevant.is_empty() {
        return None;
    }
    // Rows: the process as a whole (when anything is said of it, or it has no instances),
    // then each instance.
    let mut row_names: Vec<Option<String>> = Vec::new();
    if p.instances.is_empty() || relevant.iter().any(|c| c.instance.is_none()) {
        row_names.push(None);
    }
    row_names.extend(p.instances.iter().map(|i| Some(i.to_string())));
    let rows: Vec<(String, Vec<Option<Rating>>)> = row_names
        .iter()
        .map(|inst| {
            let vals = items
                .iter()
                .map(|item| {
                    relevant
                        .iter()
                        .find(|c| {
                            c.item == item.as_str()
                                && c.instance.as_ref().map(|i| i.to_string()) == *inst
                        })
                        .map(|c| *c.value.get())
                })
                .collect();
            (inst.clone().unwrap_or_else(|| "(process)".into()), vals)
        })
        .collect();
    let grid: Vec<Vec<Option<Rating>>> = rows.iter().map(|(_, v)| v.clone()).collect();
    let characterised = (0..items.len())
        .filter(|&i| grid.iter().any(|row| row[i].is_some()))
        .count();
    // The weakest item under the attribute, of any kind (practices too), caps the proposal:
    // an attribute with a part judged N or P is not proposed above what that part allows.
    let under: Vec<String> = model
        .items_under(&p.id, &attribute.id)
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let weakest = p
        .characterisations
        .iter()
        .filter(|c| under.iter().any(|u| u == c.item.as_str()))
        .min_by_key(|c| c.value.base());
    let aggregated = rating::aggregate_grid(&grid, aggregation, order);
    let capped_rating =
        aggregated.map(|r| weakest.map_or(r, |w| rating::cap_by_weakest(r, w.value.base())));
    let capped = match (aggregated, capped_rating, weakest) {
        (Some(from), Some(to), Some(w)) if from != to => Some((
            from,
            match &w.instance {
                Some(i) => format!("{} is {} ({i})", w.item, w.value.code()),
                None => format!("{} is {}", w.item, w.value.code()),
            },
        )),
        _ => None,
    };
    Some(Proposal {
        rating: capped_rating,
        items,
        rows,
        characterised,
        capped,
    })
}
