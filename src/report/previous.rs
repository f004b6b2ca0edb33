//! The assessment a report follows up (`previous` in the file), as the report needs it: its
//! title, its date and the level of each process then. The shell reads and scores the previous
//! file and hands this in with the [`super::Options`]; the report stays a pure function.

use crate::assessment::Assessment;
use crate::model::Model;

/// The levels of the previous assessment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Previous {
    pub title: String,
    /// The end of its data collection, else the day it was created.
    pub date: String,
    /// (process id, level), `None` for a process it did not assess (nothing rated).
    pub levels: Vec<(String, Option<u8>)>,
}

impl Previous {
    /// The previous assessment `a` of `model`, scored.
    pub fn of(model: &Model, a: &Assessment) -> Previous {
        let profile = crate::profile::score(model, a);
        Previous {
            title: a.assessment.title.clone(),
            date: if a.assessment.end.is_empty() {
                a.assessment.created.to_string()
            } else {
                a.assessment.end.to_string()
            },
            levels: profile
                .processes
                .iter()
                .map(|p| {
                    let assessed = p.attributes.iter().any(|s| s.rating.is_some());
                    (p.id.clone(), assessed.then_some(p.capability_level))
                })
                .collect(),
        }
    }

    /// The level of a process then, when it was assessed.
    pub fn level(&self, process: &str) -> Option<u8> {
        self.levels
            .iter()
            .find(|(id, _)| id == process)
            .and_then(|(_, l)| *l)
    }
}
