//! Readiness for ISO/IEC 27001: what the capability of the assessed processes says about each
//! clause and each Annex A control of the model's catalogue (`[[clauses]]`, `[[controls]]`).
//!
//! Pure: (model, profile, statement of applicability) in, plain serialisable data out. The rules
//! (docs/iso27001.md):
//!
//! - **Clauses.** Every rated process behind a clause must be *performed*: PA1.1 at least L. When
//!   the clause asks for documented information, PA2.2 at least L too. For the clauses of
//!   sections 9 (performance evaluation) and 10 (improvement), the processes behind them must
//!   also be at their target level.
//! - **Controls.** Every rated process a control depends on must be at level 1 at least and at
//!   its target level.
//! - A process counts as **rated** when it is in the assessment's scope and at least one of its
//!   attributes has an effective rating. An entry none of whose processes is rated is **not
//!   assessed**; one with a rated process that fails the rule is **at risk**; otherwise it is
//!   **supported**, and the reason names the processes behind it that are not rated.

use crate::assessment::soa::SoaEntry;
use crate::model::{CatalogueEntry, Model, Role};
use crate::profile::{ProcessScore, Profile};
use crate::rating::Base;
use serde::Serialize;

/// What the processes behind an entry say about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// A rated process behind it fails the rule.
    AtRisk,
    /// None of its processes is rated (or in scope).
    NotAssessed,
    /// Every rated process behind it meets the rule.
    Supported,
}

impl Verdict {
    pub fn word(self) -> &'static str {
        match self {
            Verdict::Supported => "supported",
            Verdict::AtRisk => "at risk",
            Verdict::NotAssessed => "not assessed",
        }
    }
}

/// One process behind an entry, and where it stands.
#[derive(Clone, Debug, Serialize)]
pub struct Standing {
    pub process: String,
    pub name: String,
    pub role: Role,
    /// In the assessment's scope.
    pub in_scope: bool,
    /// At least one attribute rated.
    pub rated: bool,
    pub capability_level: Option<u8>,
    pub target_level: Option<u8>,
    /// What the rule finds short, in words; empty when it meets the rule (or is not rated).
    pub shortfall: Vec<String>,
}

impl Standing {
    /// "ISMS.CORE.3 operates L1/3": the process, its role, its level and target ("not rated/3"
    /// when nothing is rated, "out of scope" when not in the assessment).
    pub fn short(&self) -> String {
        format!("{} {} {}", self.process, self.role.word(), self.level())
    }

    /// "L1/3": capability level against target; "not rated/3"; "out of scope".
    pub fn level(&self) -> String {
        match (self.in_scope, self.capability_level, self.target_level) {
            (false, _, _) => "out of scope".to_string(),
            (true, Some(l), Some(t)) => format!("L{l}/{t}"),
            (true, None, Some(t)) => format!("not rated/{t}"),
            _ => "-".to_string(),
        }
    }
}

/// The readiness of one clause or control.
#[derive(Clone, Debug, Serialize)]
pub struct Entry {
    pub id: String,
    pub title: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub theme: String,
    pub documented: bool,
    pub verdict: Verdict,
    /// The verdict in words.
    pub reason: String,
    pub processes: Vec<Standing>,
    /// The Statement of Applicability row of a control, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub soa: Option<SoaEntry>,
}

/// Counts of verdicts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub supported: usize,
    pub at_risk: usize,
    pub not_assessed: usize,
    /// Controls the SoA excludes (left out of the list).
    pub excluded: usize,
}

/// The clauses or controls of an assessment, with their verdicts.
#[derive(Clone, Debug, Serialize)]
pub struct Readiness {
    pub title: String,
    pub model: String,
    pub model_version: String,
    pub entries: Vec<Entry>,
    pub counts: Counts,
}

/// The rating of one attribute of a scored process.
fn rating_of(p: &ProcessScore, attribute: &str) -> Option<crate::rating::Rating> {
    p.attributes
        .iter()
        .find(|a| a.id == attribute)
        .and_then(|a| a.rating)
}

fn standing(model: &Model, profile: &Profile, process: &str, role: Role) -> Standing {
    let name = model
        .process(process)
        .map(|p| p.name.clone())
        .unwrap_or_default();
    let score = profile.processes.iter().find(|p| p.id == process);
    let rated = score.is_some_and(|p| p.attributes.iter().any(|a| a.rating.is_some()));
    Standing {
        process: process.to_string(),
        name,
        role,
        in_scope: score.is_some(),
        rated,
        capability_level: score.filter(|_| rated).map(|p| p.capability_level),
        target_level: score.map(|p| p.target_level),
        shortfall: Vec::new(),
    }
}

/// "PA2.2 is P, needs L at least", or "PA2.2 is not rated, needs L at least".
fn needs_l(p: &ProcessScore, attribute: &str, what: &str) -> Option<String> {
    match rating_of(p, attribute) {
        Some(r) if r.meets(Base::L) => None,
        Some(r) => Some(format!(
            "{attribute} is {}, {what} needs L at least",
            r.code()
        )),
        None => Some(format!("{attribute} is not rated, {what} needs L at least")),
    }
}

fn below_target(p: &ProcessScore) -> Option<String> {
    (p.capability_level < p.target_level).then(|| {
        format!(
            "at level {}, below its target {}",
            p.capability_level, p.target_level
        )
    })
}

/// The sections of ISO/IEC 27001 whose clauses need their processes at target: 9 (performance
/// evaluation) and 10 (improvement).
fn evaluation_or_improvement(clause: &str) -> bool {
    clause.starts_with("9.") || clause.starts_with("10.")
}

/// The verdict and reason of an entry from its processes' standings.
fn judge(processes: &[Standing]) -> (Verdict, String) {
    let rated: Vec<&Standing> = processes.iter().filter(|s| s.rated).collect();
    let unrated: Vec<&str> = processes
        .iter()
        .filter(|s| !s.rated)
        .map(|s| s.process.as_str())
        .collect();
    let not_rated = |v: &[&str]| -> String {
        let (in_scope, out): (Vec<&Standing>, Vec<&Standing>) = processes
            .iter()
            .filter(|s| v.contains(&s.process.as_str()))
            .partition(|s| s.in_scope);
        let mut parts = Vec::new();
        if !in_scope.is_empty() {
            parts.push(format!(
                "not rated: {}",
                in_scope
                    .iter()
                    .map(|s| s.process.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if !out.is_empty() {
            parts.push(format!(
                "not in scope: {}",
                out.iter()
                    .map(|s| s.process.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        parts.join("; ")
    };
    if rated.is_empty() {
        return (
            Verdict::NotAssessed,
            format!("no process behind it is rated ({})", not_rated(&unrated)),
        );
    }
    let short: Vec<String> = rated
        .iter()
        .filter(|s| !s.shortfall.is_empty())
        .map(|s| format!("{}: {}", s.process, s.shortfall.join("; ")))
        .collect();
    let mut reason = if short.is_empty() {
        let ids: Vec<&str> = rated.iter().map(|s| s.process.as_str()).collect();
        let verb = if ids.len() == 1 { "meets" } else { "meet" };
        format!("{} {verb} the rule", ids.join(", "))
    } else {
        short.join("; ")
    };
    if !unrated.is_empty() {
        reason.push_str(&format!("; {}", not_rated(&unrated)));
    }
    let verdict = if short.is_empty() {
        Verdict::Supported
    } else {
        Verdict::AtRisk
    };
    (verdict, reason)
}

fn entry(
    e: &CatalogueEntry,
    model: &Model,
    profile: &Profile,
    rule: impl Fn(&CatalogueEntry, &ProcessScore) -> Vec<String>,
) -> Entry {
    let processes: Vec<Standing> = e
        .processes
        .iter()
        .map(|pr| {
            let mut s = standing(model, profile, &pr.process, pr.role);
            if s.rated
                && let Some(score) = profile.processes.iter().find(|p| p.id == s.process)
            {
                s.shortfall = rule(e, score);
            }
            s
        })
        .collect();
    let (verdict, reason) = judge(&processes);
    Entry {
        id: e.id.to_string(),
        title: e.title.clone(),
        theme: e.theme.clone(),
        documented: e.documented,
        verdict,
        reason,
        processes,
        soa: None,
    }
}

fn counts(entries: &[Entry], excluded: usize) -> Counts {
    let n = |v: Verdict| entries.iter().filter(|e| e.verdict == v).count();
    Counts {
        supported: n(Verdict::Supported),
        at_risk: n(Verdict::AtRisk),
        not_assessed: n(Verdict::NotAssessed),
        excluded,
    }
}

/// The readiness of every clause of the model's catalogue, in catalogue order.
pub fn clauses(model: &Model, profile: &Profile) -> Readiness {
    let entries: Vec<Entry> = model
        .processes
        .clauses
        .iter()
        .map(|c| {
            entry(c, model, profile, |c, p| {
                let mut v = Vec::new();
                v.extend(needs_l(p, "PA1.1", "performing it"));
                if c.documented {
                    v.extend(needs_l(p, "PA2.2", "documented information"));
                }
                if evaluation_or_improvement(&c.id) {
                    v.extend(below_target(p));
                }
                v
            })
        })
        .collect();
    Readiness {
        title: profile.title.clone(),
        model: profile.model.clone(),
        model_version: profile.model_version.clone(),
        counts: counts(&entries, 0),
        entries,
    }
}

/// The readiness of every control of the model's catalogue. With a Statement of Applicability
/// (`soa` not empty), controls it marks not applicable are left out, and the applicable ones at
/// risk come first; otherwise catalogue order.
pub fn controls(model: &Model, profile: &Profile, soa: &[SoaEntry]) -> Readiness {
    let mut excluded = 0;
    let mut entries: Vec<Entry> = Vec::new();
    for c in &model.processes.controls {
        let row = soa.iter().find(|s| s.control == c.id.as_str());
        if row.is_some_and(|s| !s.applicable) {
            excluded += 1;
            continue;
        }
        let mut e = entry(c, model, profile, |_, p| {
            let mut v = Vec::new();
            if p.capability_level < 1 {
                v.push("at level 0, not performed".to_string());
            }
            v.extend(below_target(p));
            v
        });
        e.soa = row.cloned();
        entries.push(e);
    }
    if !soa.is_empty() {
        // Stable: catalogue order within each group.
        entries.sort_by_key(|e| e.verdict != Verdict::AtRisk);
    }
    Readiness {
        title: profile.title.clone(),
        model: profile.model.clone(),
        model_version: profile.model_version.clone(),
        counts: counts(&entries, excluded),
        entries,
    }
}
