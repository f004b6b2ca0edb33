//! An assessment open in the UI: the record, its model, its undo history and its scores.

use crate::assessment::Assessment;
use crate::assessment::history::History;
use crate::model::Model;
use crate::profile::{self, Profile};
use crate::rating::Rating;
use std::path::PathBuf;

/// An assessment open in the UI.
#[derive(Debug)]
pub struct Doc {
    pub path: PathBuf,
    pub assessment: Assessment,
    pub model: Model,
    pub history: History,
    pub profile: Profile,
    pub read_only: bool,
    /// The scores of the assessment this one follows up, when it names one.
    pub previous: Option<Profile>,
    /// Consistency warnings not acknowledged, counted when the scores are (shown every frame).
    pub open_warnings: usize,
}

impl Doc {
    /// The previous assessment's scores, shown beside the new ratings.
    pub fn with_previous(mut self, previous: Option<Profile>) -> Doc {
        self.previous = previous;
        self
    }

    /// The previous rating of an attribute of a process, if the previous assessment has one.
    pub fn previous_rating(&self, process: &str, attribute: &str) -> Option<Rating> {
        self.previous
            .as_ref()?
            .processes
            .iter()
            .find(|p| p.id == process)?
            .attributes
            .iter()
            .find(|a| a.id == attribute)?
            .rating
    }

    /// The previous level and target of a process.
    pub fn previous_level(&self, process: &str) -> Option<(u8, u8)> {
        let p = self
            .previous
            .as_ref()?
            .processes
            .iter()
            .find(|p| p.id == process)?;
        Some((p.capability_level, p.target_level))
    }

    pub fn new(path: PathBuf, assessment: Assessment, model: Model, read_only: bool) -> Doc {
        let profile = profile::score(&model, &assessment);
        let open_warnings = count_open(&model, &assessment, &profile);
        Doc {
            path,
            assessment,
            model,
            history: History::default(),
            profile,
            read_only,
            previous: None,
            open_warnings,
        }
    }

    /// Scores the assessment again after a change.
    pub fn rescore(&mut self) {
        self.profile = profile::score(&self.model, &self.assessment);
        self.open_warnings = count_open(&self.model, &self.assessment, &self.profile);
    }
}

fn count_open(model: &Model, a: &Assessment, profile: &Profile) -> usize {
    crate::check::check(model, a, profile)
        .iter()
        .filter(|w| w.acknowledged.is_none())
        .count()
}
