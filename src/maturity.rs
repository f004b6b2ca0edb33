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

#[cfg(test)]
mod tests {
    use super::*;

    fn levels() -> Vec<MaturityLevel> {
        #[derive(serde::Deserialize)]
        struct File {
            maturity_levels: Vec<MaturityLevel>,
        }
        let f: File = toml::from_str(
            r#"
            [[maturity_levels]]
            level = 1
            name = "Performed"
            processes = [{ id = "A", capability = 1 }, { id = "B", capability = 1 }]
            [[maturity_levels]]
            level = 2
            name = "Managed"
            processes = [{ id = "A", capability = 2 }, { id = "C", capability = 1 }]
            [[maturity_levels]]
            level = 3
            name = "Established"
            processes = [{ id = "B", capability = 3 }]
            "#,
        )
        .unwrap();
        f.maturity_levels
    }

    fn p(id: &str, capability_level: u8) -> Assessed<'_> {
        Assessed {
            id,
            capability_level,
            rated: true,
        }
    }

    fn blockers(m: &Maturity) -> Vec<(&str, Option<u8>, u8, &str)> {
        m.blocked_by
            .iter()
            .map(|b| (b.process.as_str(), b.level, b.needs, b.reason.as_str()))
            .collect()
    }

    #[test]
    fn no_levels_no_maturity() {
        assert_eq!(maturity(&[], &[p("A", 3)]), None);
    }

    #[test]
    fn levels_are_cumulative_and_stop_at_the_first_not_met() {
        let l = levels();
        // Level 2 met, level 3 not: B is 2, needs 3.
        let m = maturity(&l, &[p("A", 2), p("B", 2), p("C", 1)]).unwrap();
        assert_eq!((m.level, m.name.as_deref()), (2, Some("Managed")));
        assert_eq!(blockers(&m), [("B", Some(2), 3, "level 2, needs 3")]);
        // Everything met: the top level, nothing blocks.
        let m = maturity(&l, &[p("A", 2), p("B", 3), p("C", 1)]).unwrap();
        assert_eq!(m.level, 3);
        assert!(m.blocked_by.is_empty());
        // Level 3's set alone is met, but level 2's is not: the climb stops at 1 (cumulative).
        let m = maturity(&l, &[p("A", 1), p("B", 3), p("C", 1)]).unwrap();
        assert_eq!(m.level, 1);
        assert_eq!(blockers(&m), [("A", Some(1), 2, "level 1, needs 2")]);
        // Level 1 not met: 0, with no name.
        let m = maturity(&l, &[p("A", 0), p("B", 1), p("C", 1)]).unwrap();
        assert_eq!((m.level, m.name.as_deref()), (0, None));
        assert_eq!(
            m.summary(),
            "Organisational maturity level 0; level 1 is held back by A (level 0, needs 1)"
        );
    }

    #[test]
    fn not_assessed_processes_block_and_are_named() {
        let l = levels();
        // C out of scope; B in scope with nothing rated (level 0, but said as "not rated").
        let unrated = Assessed {
            id: "B",
            capability_level: 0,
            rated: false,
        };
        let m = maturity(&l, &[p("A", 3), unrated.clone()]).unwrap();
        assert_eq!(m.level, 0);
        assert_eq!(blockers(&m), [("B", None, 1, "not rated")]);
        let m = maturity(&l, &[p("A", 3), p("B", 3)]).unwrap();
        assert_eq!(m.level, 1);
        assert_eq!(blockers(&m), [("C", None, 1, "not in scope")]);
        assert_eq!(
            m.summary(),
            "Organisational maturity level 1 (Performed); level 2 is held back by C (not in scope)"
        );
    }
}
