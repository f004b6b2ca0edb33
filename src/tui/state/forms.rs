//! The state of the two forms: the one that starts a new assessment (and the request it makes
//! of the shell) and the one that adds an evidence item to the register.

pub use crate::assessment::create::NewAssessment;
use crate::assessment::{EvidenceKind, Role};
use crate::model::Model;
use crate::rating::UnknownWord;
use crate::tui::keys::{self, Cmd, Ctx};
use ratatui_textarea::TextArea;

/// What is wrong with a filled-in form, as the form shows it.
#[derive(Debug, thiserror::Error)]
pub enum FormError {
    #[error("Give the assessment a title.")]
    NoTitle,
    #[error("Class must be 1, 2 or 3.")]
    Class,
    #[error("Target level must be a number from 0 to 5.")]
    Target,
    #[error("Take at least one process into scope ({0} in the list).")]
    NoProcess(String),
    #[error("Team: {0}")]
    Role(#[source] UnknownWord),
    #[error("Team: '{0}' has no name")]
    NoName(String),
}

/// The form that starts a new assessment.
#[derive(Debug)]
pub struct NewForm {
    /// Title, sponsor, unit, class, target, lead assessor, other team members.
    pub fields: Vec<TextArea<'static>>,
    pub processes: Vec<(String, String, bool)>,
    /// 0..fields.len() a text field, then the process list, then the Create button.
    pub focus: usize,
    pub proc_sel: usize,
    pub error: Option<String>,
}

pub const FORM_LABELS: [&str; 7] = [
    "Title",
    "Sponsor",
    "Organisational unit",
    "Class (1, 2 or 3)",
    "Target level (0-5)",
    "Lead assessor",
    "Other team members",
];

impl NewForm {
    pub fn new(model: &Model) -> NewForm {
        let defaults = ["", "", "", "3", "3", "", ""];
        let fields = defaults
            .iter()
            .map(|d| {
                let mut t = TextArea::new(vec![d.to_string()]);
                t.move_cursor(ratatui_textarea::CursorMove::End);
                t
            })
            .collect();
        NewForm {
            fields,
            processes: model
                .processes
                .processes
                .iter()
                .map(|p| (p.id.to_string(), p.name.clone(), true))
                .collect(),
            focus: 0,
            proc_sel: 0,
            error: None,
        }
    }

    /// True when anything was typed or a process taken out of scope: leaving would lose it.
    pub fn touched(&self) -> bool {
        let defaults = ["", "", "", "3", "3", "", ""];
        self.fields
            .iter()
            .zip(defaults)
            .any(|(f, d)| f.lines().join(" ").trim() != d)
            || self.processes.iter().any(|p| !p.2)
    }

    pub fn list_focus(&self) -> usize {
        self.fields.len()
    }

    pub fn button_focus(&self) -> usize {
        self.fields.len() + 1
    }

    fn value(&self, i: usize) -> String {
        self.fields[i].lines().join(" ").trim().to_string()
    }

    /// Checks the form and builds the request; `today` is the day it is made.
    pub fn request(&self, today: &str) -> Result<NewAssessment, FormError> {
        let title = self.value(0);
        if title.is_empty() {
            return Err(FormError::NoTitle);
        }
        let class: u8 = self
            .value(3)
            .parse()
            .ok()
            .filter(|c| (1..=3).contains(c))
            .ok_or(FormError::Class)?;
        let target: u8 = self
            .value(4)
            .parse()
            .ok()
            .filter(|t| *t <= 5)
            .ok_or(FormError::Target)?;
        let processes: Vec<String> = self
            .processes
            .iter()
            .filter(|p| p.2)
            .map(|p| p.0.clone())
            .collect();
        if processes.is_empty() {
            return Err(FormError::NoProcess(keys::label(Ctx::NewForm, Cmd::Toggle)));
        }
        let team = parse_team(&self.value(6))?;
        let mut req = NewAssessment::new(title, today);
        req.sponsor = self.value(1);
        req.unit = self.value(2);
        req.class = class;
        req.target = Some(target);
        req.lead = self.value(5);
        req.team = team;
        req.processes = processes;
        Ok(req)
    }
}

/// "Ana Silva (assessor), Ben Ode (participant), Cy" -> names with roles (assessor by default).
pub fn parse_team(s: &str) -> Result<Vec<(String, Role)>, FormError> {
    let mut out = Vec::new();
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (name, role) = match part.rfind('(') {
            Some(i) if part.ends_with(')') => {
                let role: Role = part[i + 1..part.len() - 1]
                    .trim()
                    .replace(' ', "-")
                    .parse()
                    .map_err(FormError::Role)?;
                (part[..i].trim().to_string(), role)
            }
            _ => (part.to_string(), Role::Assessor),
        };
        if name.is_empty() {
            return Err(FormError::NoName(part.to_string()));
        }
        out.push((name, role));
    }
    Ok(out)
}

/// The form for a new evidence item.
#[derive(Debug)]
pub struct EvidenceForm {
    /// Title, location, date, owner.
    pub fields: Vec<TextArea<'static>>,
    pub kind: EvidenceKind,
    /// 0 title, 1 kind, 2 location, 3 date, 4 owner.
    pub focus: usize,
    pub error: Option<String>,
    /// The id of the register's item being edited; `None`: a new item, linked to the slot.
    pub editing: Option<String>,
}

pub const EVIDENCE_LABELS: [&str; 5] = ["Title", "Kind", "Location", "Date (YYYY-MM-DD)", "Owner"];

impl EvidenceForm {
    /// The position of the kind field in the form.
    pub const KIND: usize = 1;

    /// An empty form: a document, focus on the title.
    pub fn new() -> EvidenceForm {
        EvidenceForm {
            fields: (0..4).map(|_| TextArea::default()).collect(),
            kind: EvidenceKind::Document,
            focus: 0,
            error: None,
            editing: None,
        }
    }

    /// The form on an item of the register, its fields filled in, to edit it.
    pub fn of(e: &crate::assessment::Evidence) -> EvidenceForm {
        let field = |s: &str| {
            let mut t = TextArea::new(vec![s.replace('\n', " ")]);
            t.move_cursor(ratatui_textarea::CursorMove::End);
            t
        };
        EvidenceForm {
            fields: vec![
                field(&e.title),
                field(&e.location),
                field(e.date.as_str()),
                field(&e.owner),
            ],
            kind: e.kind,
            focus: 0,
            error: None,
            editing: Some(e.id.to_string()),
        }
    }

    /// The text of the fields: title, location, date, owner.
    pub fn values(&self) -> Vec<String> {
        self.fields
            .iter()
            .map(|f| f.lines().join(" ").trim().to_string())
            .collect()
    }

    /// True when the form holds something the item (or, for a new item, an empty form) does
    /// not: leaving would lose it.
    pub fn touched(&self, item: Option<&crate::assessment::Evidence>) -> bool {
        let v = self.values();
        match item {
            Some(e) => {
                v != [
                    e.title.replace('\n', " ").trim().to_string(),
                    e.location.replace('\n', " ").trim().to_string(),
                    e.date.as_str().trim().to_string(),
                    e.owner.replace('\n', " ").trim().to_string(),
                ] || self.kind != e.kind
            }
            None => v.iter().any(|s| !s.is_empty()) || self.kind != EvidenceKind::Document,
        }
    }

    /// The text field at form position `focus` (the kind field has none: `None`).
    pub fn field_at(focus: usize) -> Option<usize> {
        match focus {
            0 => Some(0),
            EvidenceForm::KIND => None,
            n => Some(n - 1),
        }
    }
}

impl Default for EvidenceForm {
    fn default() -> Self {
        EvidenceForm::new()
    }
}
