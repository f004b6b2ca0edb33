//! Organisational maturity levels (the maturity model structure of ISO/IEC 33004, in capra's
//! words): a process model may name, per maturity level, a set of processes and the capability
//! level each must reach. Levels are cumulative: maturity level k needs every set of the levels
//! up to k. Computing a level over a profile is `crate::maturity`'s job; this file holds the
//! types and their model rules.

use super::ProcessModel;
use super::check::Violation;
use crate::located::{Id, Located};
use serde::{Deserialize, Serialize};

/// One `[[maturity_levels]]` table.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MaturityLevel {
    pub level: Located<u8>,
    pub name: String,
    /// What an organisation at this level can rely on.
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub processes: Vec<Required>,
}

/// A process and the capability level it must reach.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Required {
    pub id: Id,
    pub capability: u8,
}

/// The model rules for maturity levels: numbered 1, 2, 3... in order without gaps, each named
/// and with at least one process; processes known, listed once per level, and capability
/// levels within the model's.
pub fn check(m: &ProcessModel) -> Vec<Violation> {
    let mut out = Vec::new();
    let mut at = |span: Option<std::ops::Range<usize>>, id: String, message: String| {
        out.push(Violation {
            span,
            id,
            message,
            warning: false,
        })
    };
    let max = *m.model.max_level;
    for (i, l) in m.maturity_levels.iter().enumerate() {
        let n = *l.level;
        let id = format!("maturity level {n}");
        if usize::from(n) != i + 1 {
            at(
                l.level.span(),
                id.clone(),
                format!(
                    "maturity levels are numbered 1, 2, 3... in order: expected {}",
                    i + 1
                ),
            );
        }
        if l.name.trim().is_empty() {
            at(
                l.level.span(),
                id.clone(),
                "name is missing or empty".into(),
            );
        }
        if l.processes.is_empty() {
            at(l.level.span(), id.clone(), "names no process".into());
        }
        for (j, p) in l.processes.iter().enumerate() {
            if m.process(&p.id).is_none() {
                at(
                    p.id.span(),
                    p.id.to_string(),
                    format!("{id}: process is not in the model"),
                );
            }
            if l.processes[..j].iter().any(|q| q.id == p.id) {
                at(
                    p.id.span(),
                    p.id.to_string(),
                    format!("{id}: process listed twice"),
                );
            }
            if p.capability < 1 || p.capability > max {
                at(
                    p.id.span(),
                    p.id.to_string(),
                    format!(
                        "{id}: capability {} is outside the model's levels (1 to {max})",
                        p.capability
                    ),
                );
            }
        }
    }
    out
}
