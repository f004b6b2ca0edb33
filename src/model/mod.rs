//! Models: the measurement framework (levels, attributes, scale) and process models (a process
//! reference model with its assessment indicators), read from TOML.
//!
//! A [`Framework`] file holds the capability dimension (ISO/IEC 33020): levels, process
//! attributes with achievements and generic practices, and the rating scale. A [`ProcessModel`]
//! file holds the process dimension: processes with purpose, outcomes, base practices and
//! information items. A [`Model`] is the two joined, which is what an assessment is made against.
//!
//! This module parses text; it never reads files. The `catalog` module finds the texts.
//! [`check`] holds the checks: ISO/IEC 33003's requirements for a measurement framework and
//! ISO/IEC 33004's for a process model.

pub mod check;
pub mod maturity;
pub mod rules;

pub use crate::hash::sha256_hex;
use crate::located::{Id, Located};
use serde::{Deserialize, Serialize};

/// Interview guidance: what to ask and what to look at.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Guidance {
    #[serde(default)]
    pub questions: Vec<String>,
    #[serde(default)]
    pub evidence: Vec<String>,
}

impl Guidance {
    pub fn is_empty(&self) -> bool {
        self.questions.is_empty() && self.evidence.is_empty()
    }
}

// ---------------------------------------------------------------------------------------------
// The measurement framework
// ---------------------------------------------------------------------------------------------

/// A capability measurement framework file (e.g. `models/iso33020.toml`).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    pub framework: FrameworkInfo,
    #[serde(default)]
    pub levels: Vec<Level>,
    #[serde(default)]
    pub attributes: Vec<Attribute>,
    #[serde(default)]
    pub scale: Vec<ScaleValue>,
    /// The sha256 of the file's bytes, set when it is parsed.
    #[serde(skip_deserializing)]
    pub sha256: String,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FrameworkInfo {
    pub id: Id,
    pub name: String,
    pub version: String,
    #[serde(default)]
    pub basis: String,
    #[serde(default)]
    pub description: String,
}

/// A capability level.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub level: Located<u8>,
    pub name: String,
    #[serde(default)]
    pub text: String,
}

/// A process attribute (PA1.1 ... PA5.2).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Attribute {
    pub id: Id,
    pub level: u8,
    pub name: String,
    /// One line: what the attribute measures.
    #[serde(default)]
    pub scope: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub achievements: Vec<Achievement>,
    #[serde(default)]
    pub generic_practices: Vec<Indicator>,
    #[serde(default)]
    pub generic_resources: Vec<Indicator>,
    #[serde(default, skip_serializing_if = "Guidance::is_empty")]
    pub guidance: Guidance,
}

/// A process attribute achievement (e.g. PA2.1.a) or a process outcome (e.g. O1).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Achievement {
    pub id: Id,
    pub text: String,
}

/// An assessment indicator: a base practice, information item, generic practice or generic
/// resource. `maps_to` names the outcomes (process indicators) or achievements (capability
/// indicators) it gives evidence of.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: Id,
    pub name: String,
    #[serde(default)]
    pub text: String,
    #[serde(alias = "outcomes", alias = "achievements", rename = "maps_to")]
    pub maps_to: Vec<Id>,
}

/// One value of the rating scale as the framework describes it.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleValue {
    pub code: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refines: Option<Id>,
    pub name: String,
    /// Lower bound of the band in percent, exclusive (N includes 0).
    pub above: f64,
    /// Upper bound of the band in percent, inclusive.
    pub up_to: f64,
    #[serde(default)]
    pub text: String,
}

impl Framework {
    /// Parses a framework file's text. Checks are separate: see [`check::framework`].
    pub fn parse(text: &str) -> Result<Framework, toml::de::Error> {
        let mut f: Framework = toml::from_str(text)?;
        f.sha256 = sha256_hex(text.as_bytes());
        Ok(f)
    }

    pub fn attribute(&self, id: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.id == id)
    }

    pub fn level(&self, level: u8) -> Option<&Level> {
        self.levels.iter().find(|l| *l.level == level)
    }

    /// The highest level the framework defines.
    pub fn max_level(&self) -> u8 {
        self.levels.iter().map(|l| *l.level).max().unwrap_or(0)
    }

    pub fn scale_value(&self, code: &str) -> Option<&ScaleValue> {
        self.scale.iter().find(|s| s.code == code)
    }

    /// Finds an achievement or a generic practice / resource by id, with its attribute.
    pub fn capability_item(&self, id: &str) -> Option<(&Attribute, ItemKind)> {
        self.attributes.iter().find_map(|a| {
            if a.achievements.iter().any(|x| x.id == id) {
                Some((a, ItemKind::Achievement))
            } else if a.generic_practices.iter().any(|x| x.id == id) {
                Some((a, ItemKind::GenericPractice))
            } else if a.generic_resources.iter().any(|x| x.id == id) {
                Some((a, ItemKind::GenericResource))
            } else {
                None
            }
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Process models
// ---------------------------------------------------------------------------------------------

/// A process model file (e.g. `models/isms.toml`): a process reference model with the
/// indicators that make it assessable.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProcessModel {
    pub model: ModelInfo,
    #[serde(default)]
    pub categories: Vec<Category>,
    #[serde(default)]
    pub processes: Vec<Process>,
    /// Cross-process rules (see [`rules`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<rules::CrossRule>,
    /// Organisational maturity levels (see [`maturity`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub maturity_levels: Vec<maturity::MaturityLevel>,
    /// A control catalogue: the clauses of a management system standard (ISO/IEC 27001) with
    /// the processes behind each; optional.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clauses: Vec<CatalogueEntry>,
    /// A control catalogue: the controls (ISO/IEC 27001 Annex A) with the processes behind
    /// each; optional.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub controls: Vec<CatalogueEntry>,
    /// The sha256 of the file's bytes, set when it is parsed.
    #[serde(skip_deserializing)]
    pub sha256: String,
}

/// One entry of a model's control catalogue: a clause (`[[clauses]]`) or a control
/// (`[[controls]]`) of a standard, named by number with a short title in the model's own words,
/// and the processes that establish, operate or oversee it.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogueEntry {
    /// The number, e.g. `6.1.2` or `A.5.7`.
    pub id: Id,
    pub title: String,
    /// The group a control belongs to (`organisational`, `people`, `physical`,
    /// `technological`); empty for clauses.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub theme: String,
    /// The clause asks for documented information (kept or maintained).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub documented: bool,
    #[serde(default)]
    pub processes: Vec<ProcessRole>,
}

/// A process behind a catalogue entry, and what it does for it.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProcessRole {
    pub process: Id,
    pub role: Role,
}

/// What a process does for a clause or control.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Sets the requirement, policy, rule or plan the entry asks for.
    Defines,
    /// Puts the control in place (once, or on each change).
    Implements,
    /// Runs it day to day.
    Operates,
    /// Acts when an event, incident or breach calls for it.
    Responds,
    /// Checks that it is in place and works.
    Verifies,
    /// Corrects and improves it.
    Improves,
}

impl Role {
    pub fn word(self) -> &'static str {
        match self {
            Role::Defines => "defines",
            Role::Implements => "implements",
            Role::Operates => "operates",
            Role::Responds => "responds",
            Role::Verifies => "verifies",
            Role::Improves => "improves",
        }
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ModelInfo {
    pub id: Id,
    pub name: String,
    pub version: String,
    /// The id of the measurement framework the model is used with.
    pub framework: Id,
    /// The highest capability level the model supports assessing.
    pub max_level: Located<u8>,
    /// The domain the processes belong to.
    #[serde(default)]
    pub domain: String,
    /// The context of use.
    #[serde(default)]
    pub context: String,
    /// The community of interest: who the model is written for and who agrees on it.
    #[serde(default)]
    pub community: String,
    /// A conformity statement: how the model meets the requirements of ISO/IEC 33004.
    #[serde(default)]
    pub conformity: String,
    /// The other process reference model that the processes' `maps_to` lists name processes of.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub maps_to_model: String,
    /// What the model is based on (a statement of origin).
    #[serde(default)]
    pub basis: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: Id,
    pub name: String,
    #[serde(default)]
    pub description: String,
}

/// A process of the reference model with its assessment indicators.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Process {
    pub id: Id,
    pub category: Id,
    pub name: String,
    /// A shorter name for narrow places (the screen's process list), in the model's words;
    /// `model::check` keeps it non-empty, no longer than `name` and unique in the model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub purpose: String,
    #[serde(default)]
    pub objectives: Vec<String>,
    #[serde(default)]
    pub inputs: Vec<String>,
    #[serde(default)]
    pub outputs: Vec<String>,
    #[serde(default)]
    pub activities: Vec<String>,
    /// Informative references, e.g. clauses of ISO/IEC 27001:2022.
    #[serde(default)]
    pub references: Vec<String>,
    /// Processes this one exchanges information with.
    #[serde(default)]
    pub related: Vec<Id>,
    /// Processes of another reference model (the model's `maps_to_model`) that this process
    /// corresponds to, by id or name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub maps_to: Vec<Id>,
    #[serde(default)]
    pub outcomes: Vec<Achievement>,
    #[serde(default)]
    pub base_practices: Vec<Indicator>,
    #[serde(default)]
    pub information_items: Vec<Indicator>,
    #[serde(default, skip_serializing_if = "Guidance::is_empty")]
    pub guidance: Guidance,
}

/// What kind of model item an id names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    Outcome,
    BasePractice,
    InformationItem,
    Achievement,
    GenericPractice,
    GenericResource,
}

impl ItemKind {
    pub fn name(self) -> &'static str {
        match self {
            ItemKind::Outcome => "outcome",
            ItemKind::BasePractice => "base practice",
            ItemKind::InformationItem => "information item",
            ItemKind::Achievement => "achievement",
            ItemKind::GenericPractice => "generic practice",
            ItemKind::GenericResource => "generic resource",
        }
    }
}

impl Process {
    /// The short name when the model gives one, else the name.
    pub fn short(&self) -> &str {
        self.short_name.as_deref().unwrap_or(&self.name)
    }

    pub fn outcome(&self, id: &str) -> Option<&Achievement> {
        self.outcomes.iter().find(|o| o.id == id)
    }

    /// Finds an outcome, base practice or information item of this process by id.
    pub fn item(&self, id: &str) -> Option<ItemKind> {
        if self.outcomes.iter().any(|x| x.id == id) {
            Some(ItemKind::Outcome)
        } else if self.base_practices.iter().any(|x| x.id == id) {
            Some(ItemKind::BasePractice)
        } else if self.information_items.iter().any(|x| x.id == id) {
            Some(ItemKind::InformationItem)
        } else {
            None
        }
    }
}

impl ProcessModel {
    /// Parses a process model file's text. Checks are separate: see [`check::process_model`].
    pub fn parse(text: &str) -> Result<ProcessModel, toml::de::Error> {
        let mut m: ProcessModel = toml::from_str(text)?;
        m.sha256 = sha256_hex(text.as_bytes());
        Ok(m)
    }

    pub fn process(&self, id: &str) -> Option<&Process> {
        self.processes.iter().find(|p| p.id == id)
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }
}

/// What a model file is, read from its first table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Framework,
    ProcessModel,
}

/// Tells a framework file from a process model file by its top-level table, without a full
/// parse. Returns `None` when it is neither.
pub fn file_kind(text: &str) -> Option<FileKind> {
    for line in text.lines() {
        match line.trim() {
            "[framework]" => return Some(FileKind::Framework),
            "[model]" => return Some(FileKind::ProcessModel),
            _ => {}
        }
    }
    None
}

// ---------------------------------------------------------------------------------------------
// A model ready to assess against
// ---------------------------------------------------------------------------------------------

/// A process model joined with its measurement framework: what an assessment is made against.
#[derive(Clone, Debug)]
pub struct Model {
    pub processes: ProcessModel,
    pub framework: Framework,
}

impl Model {
    /// Joins a process model with its framework. The caller has checked both.
    pub fn new(processes: ProcessModel, framework: Framework) -> Model {
        Model {
            processes,
            framework,
        }
    }

    pub fn id(&self) -> &str {
        &self.processes.model.id
    }

    pub fn process(&self, id: &str) -> Option<&Process> {
        self.processes.process(id)
    }

    /// The id of a process as the model writes it, for an id typed in any case.
    pub fn process_id(&self, typed: &str) -> Option<String> {
        self.processes
            .processes
            .iter()
            .find(|p| p.id.eq_ignore_ascii_case(typed.trim()))
            .map(|p| p.id.to_string())
    }

    /// The highest level that can be assessed: the lower of the model's and the framework's.
    pub fn max_level(&self) -> u8 {
        (*self.processes.model.max_level).min(self.framework.max_level())
    }

    /// The attributes that count for this model (levels 1 to `max_level`), in level order.
    pub fn attributes(&self) -> impl Iterator<Item = &Attribute> {
        let max = self.max_level();
        let mut v: Vec<&Attribute> = self
            .framework
            .attributes
            .iter()
            .filter(move |a| a.level >= 1 && a.level <= max)
            .collect();
        v.sort_by_key(|a| a.level);
        v.into_iter()
    }

    pub fn attribute(&self, id: &str) -> Option<&Attribute> {
        self.attributes().find(|a| a.id == id)
    }

    /// The position of an attribute in level order, for sorting.
    pub fn attribute_index(&self, id: &str) -> usize {
        self.attributes()
            .position(|a| a.id == id)
            .unwrap_or(usize::MAX)
    }

    /// The position of a process in model order, for sorting.
    pub fn process_index(&self, id: &str) -> usize {
        self.processes
            .processes
            .iter()
            .position(|p| p.id == id)
            .unwrap_or(usize::MAX)
    }

    /// The items under an attribute of a process, in model order: for PA1.1 (level 1) the
    /// process's outcomes, base practices and information items; above it the attribute's
    /// achievements, generic practices and generic resources. The outcomes or achievements are
    /// what an R1 proposal aggregates; the practices are supporting detail.
    pub fn items_under(&self, process: &str, attribute: &str) -> Vec<(String, ItemKind)> {
        let Some(a) = self.attribute(attribute) else {
            return Vec::new();
        };
        let ids = |v: &[Indicator], k: ItemKind| -> Vec<(String, ItemKind)> {
            v.iter().map(|x| (x.id.to_string(), k)).collect()
        };
        if a.level == 1 {
            let Some(p) = self.process(process) else {
                return Vec::new();
            };
            let mut v: Vec<(String, ItemKind)> = p
                .outcomes
                .iter()
                .map(|o| (o.id.to_string(), ItemKind::Outcome))
                .collect();
            v.extend(ids(&p.base_practices, ItemKind::BasePractice));
            v.extend(ids(&p.information_items, ItemKind::InformationItem));
            v
        } else {
            let mut v: Vec<(String, ItemKind)> = a
                .achievements
                .iter()
                .map(|x| (x.id.to_string(), ItemKind::Achievement))
                .collect();
            v.extend(ids(&a.generic_practices, ItemKind::GenericPractice));
            v.extend(ids(&a.generic_resources, ItemKind::GenericResource));
            v
        }
    }

    /// Finds any item a characterisation can name for a process: an outcome, base practice or
    /// information item of the process, or an achievement, generic practice or generic resource
    /// of an attribute the model covers.
    pub fn item(&self, process: &Process, id: &str) -> Option<ItemKind> {
        process.item(id).or_else(|| {
            self.framework
                .capability_item(id)
                .filter(|(a, _)| a.level <= self.max_level())
                .map(|(_, k)| k)
        })
    }
}
