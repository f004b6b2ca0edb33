//! Starting a new assessment: the inputs a user gives (on the command line or in the screen's
//! form), checked against the model, and the record they make. The one place where a new
//! assessment is built.

use super::change::{self, Change, ChangeError};
use super::{Assessment, Info, Member, RatingMethod, Role};
use crate::located::Located;
use crate::model::Model;
use crate::rating::Aggregation;

/// What a new assessment starts from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAssessment {
    pub title: String,
    /// The day it is made, YYYY-MM-DD.
    pub created: String,
    pub sponsor: String,
    pub unit: String,
    pub purpose: String,
    /// Class of assessment, 1 to 3.
    pub class: u8,
    /// The rating method; `None`: R2 when instances are given, else R3.
    pub method: Option<RatingMethod>,
    pub aggregation: Aggregation,
    /// Target level of every process in scope; `None`: 3, or the model's highest level when
    /// that is lower.
    pub target: Option<u8>,
    /// The lead assessor's name (empty: none yet).
    pub lead: String,
    /// Other members as (name, role).
    pub team: Vec<(String, Role)>,
    /// Process ids in scope, in any case; empty: every process of the model.
    pub processes: Vec<String>,
    /// Instances every process is rated on.
    pub instances: Vec<String>,
}

impl NewAssessment {
    /// A request with a title and a date, everything else as a new assessment has it by default.
    pub fn new(title: impl Into<String>, created: impl Into<String>) -> NewAssessment {
        NewAssessment {
            title: title.into(),
            created: created.into(),
            sponsor: String::new(),
            unit: String::new(),
            purpose: String::new(),
            class: 3,
            method: None,
            aggregation: Aggregation::MedianLow,
            target: None,
            lead: String::new(),
            team: Vec::new(),
            processes: Vec::new(),
            instances: Vec::new(),
        }
    }
}

/// Why a new assessment cannot be made as asked.
#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    #[error("the title is empty: give the assessment a title")]
    EmptyTitle,
    #[error("class {0} does not exist: use 1 (most rigorous), 2 or 3 (lightest)")]
    Class(u8),
    #[error("target {target} is above the highest level of model {model}, {max}")]
    Target { target: u8, model: String, max: u8 },
    #[error("{id} is not a process of model {model} (see `capra model show {model}` for the ids)")]
    UnknownProcess { id: String, model: String },
    #[error("no process is in scope: take at least one")]
    NoProcess,
    #[error(transparent)]
    Change(#[from] ChangeError),
}

/// Builds a new assessment of `model` as `req` asks, or says what is wrong with the request.
pub fn create(model: &Model, req: &NewAssessment) -> Result<Assessment, CreateError> {
    let title = req.title.trim();
    if title.is_empty() {
        return Err(CreateError::EmptyTitle);
    }
    if !(1..=3).contains(&req.class) {
        return Err(CreateError::Class(req.class));
    }
    let target = req.target.unwrap_or(3.min(model.max_level()));
    if target > model.max_level() {
        return Err(CreateError::Target {
            target,
            model: model.id().to_string(),
            max: model.max_level(),
        });
    }
    let processes: Vec<String> = if req.processes.is_empty() {
        model
            .processes
            .processes
            .iter()
            .map(|p| p.id.to_string())
            .collect()
    } else {
        req.processes
            .iter()
            .map(|p| {
                model
                    .process_id(p)
                    .ok_or_else(|| CreateError::UnknownProcess {
                        id: crate::text::shown_id(p.trim()),
                        model: model.id().to_string(),
                    })
            })
            .collect::<Result<_, _>>()?
    };
    if processes.is_empty() {
        return Err(CreateError::NoProcess);
    }
    let instances: Vec<String> = req
        .instances
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();

    let mut info = Info::new(title.to_string(), req.created.clone());
    info.sponsor = req.sponsor.trim().to_string();
    info.purpose = req.purpose.trim().to_string();
    info.unit = req.unit.trim().to_string();
    info.class = Located::new(req.class);
    // Instances are rated one by one under R2; without instances R3 is the plain choice.
    info.rating_method = req.method.unwrap_or(if instances.is_empty() {
        RatingMethod::R3
    } else {
        RatingMethod::R2
    });
    info.aggregation = req.aggregation;
    let refs: Vec<&str> = processes.iter().map(String::as_str).collect();
    let mut a = Assessment::new(model, info, &refs, target);
    let lead = req.lead.trim();
    let members = (!lead.is_empty())
        .then(|| (lead.to_string(), Role::LeadAssessor))
        .into_iter()
        .chain(req.team.iter().cloned());
    for (name, role) in members {
        a.team.push(Member {
            name: Located::new(name),
            role,
            organisation: String::new(),
        });
    }
    if !instances.is_empty() {
        let changes = processes
            .iter()
            .map(|p| Change::SetInstances {
                process: p.clone(),
                instances: instances.clone(),
            })
            .collect();
        change::apply(&mut a, model, Change::Batch(changes))?;
    }
    Ok(a)
}
