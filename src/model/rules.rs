//! Cross-process rules: how the ratings of different processes must relate, declared in a
//! process model as data (`[[rules]]`), not written in code.
//!
//! Two kinds, kept small on purpose:
//!
//! * `caps`: if `process`'s `attribute` is rated below `below`, then each attribute of
//!   `then_attributes` of each process of `then_processes` (`"*"` for every process in scope)
//!   is at most `at_most`.
//! * `at-most-steps-above`: `process`'s `attribute` is at most `steps` steps (on N, P, L, F)
//!   above `of_process`'s `of_attribute`.
//!
//! A rule is a flat table; [`CrossRule::form`] turns it into a typed [`Form`] or says what is
//! missing. [`check`] holds the model rules for them (ids unique, processes and attributes
//! known, values on the scale). Evaluating them over a scored profile is `crate::check`'s job.

use super::check::Violation;
use super::{Framework, ProcessModel};
use crate::located::Id;
use crate::rating::{Base, Rating};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// One `[[rules]]` table of a process model, as written.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CrossRule {
    pub id: Id,
    /// `caps` or `at-most-steps-above`.
    pub kind: Id,
    /// Why the rule holds: shown with every warning it raises.
    pub rationale: String,
    /// The process and attribute the rule starts from.
    pub process: Id,
    pub attribute: Id,
    // `caps`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub below: Option<Id>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub then_processes: Vec<Id>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub then_attributes: Vec<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_most: Option<Id>,
    // `at-most-steps-above`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub steps: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of_process: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of_attribute: Option<Id>,
}

/// The processes a `caps` rule constrains.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Targets {
    /// `"*"`: every process in scope.
    All,
    Some(Vec<String>),
}

impl Targets {
    pub fn includes(&self, process: &str) -> bool {
        match self {
            Targets::All => true,
            Targets::Some(v) => v.iter().any(|p| p == process),
        }
    }
}

/// A rule in typed form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Form {
    Caps {
        process: String,
        attribute: String,
        below: Base,
        then_processes: Targets,
        then_attributes: Vec<String>,
        at_most: Base,
    },
    StepsAbove {
        process: String,
        attribute: String,
        steps: u8,
        of_process: String,
        of_attribute: String,
    },
}

/// What is wrong with the shape of a cross-process rule.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ShapeError {
    #[error("`{0}` is missing")]
    Missing(&'static str),
    #[error("`{0}` is missing or empty")]
    Empty(&'static str),
    #[error("`{field}` = \"{value}\" is not N, P, L or F")]
    NotARating { field: &'static str, value: String },
    #[error("`{field}` does not belong to a rule of kind `{kind}`")]
    Foreign { field: &'static str, kind: String },
    #[error("`steps` = {0} allows anything on a four-point scale: use 0, 1 or 2")]
    Steps(u8),
    #[error("kind \"{0}\" is not known: use caps or at-most-steps-above")]
    Kind(String),
}

fn base(id: &Option<Id>, field: &'static str) -> Result<Base, ShapeError> {
    let v = id.as_ref().ok_or(ShapeError::Missing(field))?;
    v.parse::<Rating>()
        .map(|r| r.base())
        .map_err(|_| ShapeError::NotARating {
            field,
            value: v.as_str().to_string(),
        })
}

impl CrossRule {
    /// The typed form, or what is missing or does not belong.
    pub fn form(&self) -> Result<Form, ShapeError> {
        let unused = |present: bool, field: &'static str| -> Result<(), ShapeError> {
            if present {
                Err(ShapeError::Foreign {
                    field,
                    kind: self.kind.as_str().to_string(),
                })
            } else {
                Ok(())
            }
        };
        match self.kind.as_str() {
            "caps" => {
                unused(self.steps.is_some(), "steps")?;
                unused(self.of_process.is_some(), "of_process")?;
                unused(self.of_attribute.is_some(), "of_attribute")?;
                if self.then_processes.is_empty() {
                    return Err(ShapeError::Empty("then_processes"));
                }
                if self.then_attributes.is_empty() {
                    return Err(ShapeError::Empty("then_attributes"));
                }
                let then_processes = if self.then_processes.iter().any(|p| p.as_str() == "*") {
                    Targets::All
                } else {
                    Targets::Some(self.then_processes.iter().map(|p| p.to_string()).collect())
                };
                Ok(Form::Caps {
                    process: self.process.to_string(),
                    attribute: self.attribute.to_string(),
                    below: base(&self.below, "below")?,
                    then_processes,
                    then_attributes: self.then_attributes.iter().map(|a| a.to_string()).collect(),
                    at_most: base(&self.at_most, "at_most")?,
                })
            }
            "at-most-steps-above" => {
                unused(self.below.is_some(), "below")?;
                unused(!self.then_processes.is_empty(), "then_processes")?;
                unused(!self.then_attributes.is_empty(), "then_attributes")?;
                unused(self.at_most.is_some(), "at_most")?;
                let steps = self.steps.ok_or(ShapeError::Missing("steps"))?;
                if steps > 2 {
                    return Err(ShapeError::Steps(steps));
                }
                Ok(Form::StepsAbove {
                    process: self.process.to_string(),
                    attribute: self.attribute.to_string(),
                    steps,
                    of_process: self
                        .of_process
                        .as_ref()
                        .ok_or(ShapeError::Missing("of_process"))?
                        .to_string(),
                    of_attribute: self
                        .of_attribute
                        .as_ref()
                        .ok_or(ShapeError::Missing("of_attribute"))?
                        .to_string(),
                })
            }
            other => Err(ShapeError::Kind(other.to_string())),
        }
    }
}

/// The model rules for cross-process rules: ids unique and not empty, a rationale written,
/// every process and attribute named known to the model and its framework, values on the scale.
pub fn check(m: &ProcessModel, framework: Option<&Framework>) -> Vec<Violation> {
    let mut out = Vec::new();
    let mut at = |id: &Id, message: String| {
        out.push(Violation {
            span: id.span(),
            id: id.to_string(),
            message,
            warning: false,
        })
    };
    let max = (*m.model.max_level).min(framework.map_or(u8::MAX, |f| f.max_level()));
    let mut seen = HashSet::new();
    for r in &m.rules {
        if r.id.trim().is_empty() {
            at(&r.id, "rule has an empty id".into());
        } else if !seen.insert(r.id.as_str()) {
            at(&r.id, "duplicate rule id".into());
        }
        if r.id.contains(':') {
            at(
                &r.id,
                "a rule id cannot contain ':' (it is part of warning ids)".into(),
            );
        }
        if r.rationale.trim().is_empty() {
            at(&r.id, "rule has no rationale: say why it holds".into());
        }
        let process = |p: &Id| m.process(p).is_some();
        let attribute = |a: &Id| {
            framework.is_none_or(|f| {
                f.attribute(a)
                    .is_some_and(|x| x.level >= 1 && x.level <= max)
            })
        };
        let mut procs: Vec<&Id> = vec![&r.process];
        procs.extend(r.then_processes.iter().filter(|p| p.as_str() != "*"));
        procs.extend(r.of_process.iter());
        for p in procs {
            if !process(p) {
                at(p, format!("rule {}: process {p} is not in the model", r.id));
            }
        }
        let mut attrs: Vec<&Id> = vec![&r.attribute];
        attrs.extend(r.then_attributes.iter());
        attrs.extend(r.of_attribute.iter());
        for a in attrs {
            if !attribute(a) {
                at(
                    a,
                    format!(
                        "rule {}: attribute {a} is not one the model covers (levels 1 to {max})",
                        r.id
                    ),
                );
            }
        }
        if let Err(e) = r.form() {
            at(&r.kind, format!("rule {}: {e}", r.id));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(extra: &str) -> CrossRule {
        toml::from_str(&format!(
            "id = \"R\"\nrationale = \"why\"\nprocess = \"A\"\nattribute = \"PA1.1\"\n{extra}"
        ))
        .unwrap()
    }

    #[test]
    fn caps_in_typed_form() {
        let r = rule(
            "kind = \"caps\"\nbelow = \"l\"\nthen_processes = [\"*\"]\nthen_attributes = [\"PA2.2\"]\nat_most = \"L+\"",
        );
        let Ok(Form::Caps {
            below,
            then_processes,
            at_most,
            ..
        }) = r.form()
        else {
            panic!("{:?}", r.form())
        };
        // Codes in any case; refined values count as their base.
        assert_eq!((below, at_most), (Base::L, Base::L));
        assert!(then_processes.includes("anything"));
        let r = rule(
            "kind = \"caps\"\nbelow = \"L\"\nthen_processes = [\"B\"]\nthen_attributes = [\"PA2.2\"]\nat_most = \"L\"",
        );
        let Ok(Form::Caps { then_processes, .. }) = r.form() else {
            panic!()
        };
        assert!(then_processes.includes("B") && !then_processes.includes("A"));
    }

    #[test]
    fn each_kind_refuses_what_is_missing_or_foreign() {
        let r = rule(
            "kind = \"caps\"\nbelow = \"L\"\nthen_processes = [\"*\"]\nthen_attributes = [\"PA2.2\"]",
        );
        assert_eq!(r.form(), Err(ShapeError::Missing("at_most")));
        assert_eq!(r.form().unwrap_err().to_string(), "`at_most` is missing");
        let r = rule(
            "kind = \"caps\"\nbelow = \"Q\"\nthen_processes = [\"*\"]\nthen_attributes = [\"PA2.2\"]\nat_most = \"L\"",
        );
        assert_eq!(
            r.form().unwrap_err().to_string(),
            "`below` = \"Q\" is not N, P, L or F"
        );
        let r = rule(
            "kind = \"at-most-steps-above\"\nsteps = 1\nof_process = \"B\"\nof_attribute = \"PA1.1\"\nat_most = \"L\"",
        );
        assert_eq!(
            r.form().unwrap_err().to_string(),
            "`at_most` does not belong to a rule of kind `at-most-steps-above`"
        );
        let r = rule(
            "kind = \"at-most-steps-above\"\nsteps = 3\nof_process = \"B\"\nof_attribute = \"PA1.1\"",
        );
        assert!(r.form().unwrap_err().to_string().contains("use 0, 1 or 2"));
        let r = rule(
            "kind = \"at-most-steps-above\"\nsteps = 1\nof_process = \"B\"\nof_attribute = \"PA1.1\"",
        );
        assert_eq!(
            r.form(),
            Ok(Form::StepsAbove {
                process: "A".into(),
                attribute: "PA1.1".into(),
                steps: 1,
                of_process: "B".into(),
                of_attribute: "PA1.1".into(),
            })
        );
    }
}
