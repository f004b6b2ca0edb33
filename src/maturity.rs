//! Organisational maturity: the highest maturity level of a model's `[[maturity_levels]]`
//! whose process sets (cumulative: every set up to that level) reach their capability levels
//! in a scored profile, and what holds the next level back.
//!
//! A process the next level needs that is out of scope, or in scope with nothing rated, blocks
//! that level and is named so: it is not assessed, which is not the same as level 0.

use crate::model::maturity::MaturityLevel;
use serde::Serialize;

/// The maturity reached and what stops the next level.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Maturity {
    /// 0 when the first level is not reached.
    pub level: u8,
    /// The name of the level reached (`None` at 0).
    pub name: Option<String>,
    /// The processes that stop the next level (empty at the top level).
    pub blocked_by: Vec<MaturityBlocker>,
}

/// A process short of what the next maturity level needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MaturityBlocker {
    pub process: String,
    /// Its capability level, or `None` when it is not assessed.
    pub level: Option<u8>,
    /// The capability level the next maturity level needs.
    pub needs: u8,
    /// "level 1, needs 2", "not in scope" or "not rated".
    pub reason: String,
}

impl Maturity {
    /// "Organisational maturity level 1 (Performed); level 2 is held back by ISMS.CORE.2
    /// (level 1, needs 2), ISMS.SUP.1 (not rated)".
    pub fn summary(&self) -> String {
        let mut s = match &self.name {
            Some(n) => format!("Organisational maturity level {} ({n})", self.level),
            None => format!("Organisational maturity level {}", self.level),
        };
        if !self.blocked_by.is_empty() {
            let list: Vec<String> = self
                .blocked_by
                .iter()
                .map(|b| format!("{} ({})", b.process, b.reason))
                .collect();
            s.push_str(&format!(
                "; level {} is held back by {}",
                self.level + 1,
                list.join(", ")
            ));
        }
        s
    }
}

/// What maturity needs to know of one assessed process (kept apart from the profile's types so
/// that the profile can hold a [`Maturity`] without a circle of imports).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assessed<'a> {
    pub id: &'a str,
    pub capability_level: u8,
    /// At least one attribute is rated.
    pub rated: bool,
}

/// What one process requirement lacks, or `None` when it is met.
fn short(processes: &[Assessed<'_>], id: &str, needs: u8) -> Option<MaturityBlocker> {
    let blocker = |level: Option<u8>, reason: String| {
        Some(MaturityBlocker {
            process: id.to_string(),
            level,
            needs,
            reason,
        })
    };
    match processes.iter().find(|p| p.id == id) {
        None => blocker(None, "not in scope".into()),
        Some(p) if !p.rated => blocker(None, "not rated".into()),
        Some(p) if p.capability_level < needs => blocker(
            Some(p.capability_level),
            format!("level {}, needs {needs}", p.capability_level),
        ),
        Some(_) => None,
    }
}

/// The maturity of a profile's processes against a model's levels, or `None` when the model
/// declares none. Levels are taken in order; the first one not met ends the climb.
pub fn maturity(levels: &[MaturityLevel], processes: &[Assessed<'_>]) -> Option<Maturity> {
    if levels.is_empty() {
        return None;
    }
    let mut sorted: Vec<&MaturityLevel> = levels.iter().collect();
    sorted.sort_by_key(|l| *l.level);
    let mut reached: Option<&MaturityLevel> = None;
    let mut blocked_by = Vec::new();
    for (i, l) in sorted.iter().enumerate() {
        // Cumulative: this level's set and every lower one's; a process listed more than once
        // needs the highest capability asked of it.
        let mut needs: Vec<(&str, u8)> = Vec::new();
        for lower in &sorted[..=i] {
            for r in &lower.processes {
                match needs.iter_mut().find(|(p, _)| *p == r.id.as_str()) {
                    Some((_, c)) => *c = (*c).max(r.capability),
                    None => needs.push((r.id.as_str(), r.capability)),
                }
            }
        }
        blocked_by = needs
            .iter()
            .filter_map(|(p, c)| short(processes, p, *c))
            .collect();
        // In profile order; processes out of scope after, in the order the model lists them.
        blocked_by.sort_by_key(|b| {
            processes
                .iter()
                .position(|p| p.id == b.process)
                .unwrap_or(usize::MAX)
        });
        if !blocked_by.is_empty() {
            break;
        }
        reached = Some(l);
    }
    Some(Maturity {
        level: reached.map_or(0, |l| *l.level),
        name: reached.map(|l| l.name.clone()),
        blocked_by,
    })
}
