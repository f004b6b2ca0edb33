//! Seeding a follow-up assessment from the last one.

use crate::assessment::{Assessment, Info};
use crate::located::Located;
use crate::model::Model;

/// A new assessment that follows `prev`: the same scope, targets, instances, team, inputs,
/// evidence register and statement of applicability, with `info`'s title and date. With `copy_ratings`, the ratings (with
/// their notes, confidence and evidence links) and characterisations come along too, to be
/// revised; without, the new assessment starts unrated and shows the previous ratings beside
/// the new ones. `previous_path` is where the new file will find the old one. The improvement
/// plan comes along: every action not done or dropped, with its id and history, to be checked
/// first (see [`crate::assessment::plan_rules::carry_over`]).
pub fn seed(
    model: &Model,
    prev: &Assessment,
    title: String,
    created: String,
    previous_path: String,
    copy_ratings: bool,
) -> Assessment {
    let mut info: Info = prev.assessment.clone();
    info.title = title;
    info.created = Located::new(created);
    info.start = Located::default();
    info.end = Located::default();
    info.previous = previous_path;
    // New actions are numbered after every action of the previous plan, open or not.
    info.next_action_number = prev
        .next_action_id()
        .and_then(|id| crate::assessment::plan::id_number("A-", &id))
        .filter(|n| *n > 1);
    let processes: Vec<&str> = prev.processes.iter().map(|p| p.id.as_str()).collect();
    let mut a = Assessment::new(model, info, &processes, 0);
    a.team = prev.team.clone();
    a.evidence = prev.evidence.clone();
    // The statement of applicability rarely changes between assessments: carried over, for the
    // controls the model still has.
    a.soa = prev
        .soa
        .iter()
        .filter(|s| model.processes.controls.iter().any(|c| c.id == s.control))
        .cloned()
        .collect();
    let previous = a.assessment.previous.clone();
    a.actions =
        crate::assessment::plan_rules::carry_over(prev, &prev.assessment.title, &previous, model);
    for (new, old) in a.processes.iter_mut().zip(&prev.processes) {
        new.target = old.target.clone();
        new.instances = old.instances.clone();
        if copy_ratings {
            new.ratings = old.ratings.clone();
            new.characterisations = old.characterisations.clone();
        }
    }
    a.normalize(model);
    a
}
