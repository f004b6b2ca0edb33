//! The terminal UI's state and its `update` function (the Elm architecture).
//!
//! [`App`] is all the state. Input becomes an [`Action`]; [`App::update`] changes the state, edits
//! the assessment only through [`Change`]s (via [`History`], so every edit can be undone), and
//! returns the [`Effect`]s the shell must carry out: save, open, create, quit. It does no I/O, so
//! every key can be tested without a terminal. The view (`view.rs`) is a pure function of `App`.

use super::keys::{self, Cmd, Ctx};
use super::theme::Theme;
use crate::assessment::change::{Change, Field, Slot};
use crate::assessment::history::History;
use crate::assessment::{
    Assessment, Confidence, Evidence, EvidenceKind, RatingRecord, Review, Role,
};
use crate::located::{Id, Located};
use crate::model::Model;
use crate::profile::{self, Profile};
use crate::rating::Rating;
use ratatui::crossterm::event::{KeyEvent, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};
use ratatui_textarea::TextArea;
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

    fn rescore(&mut self) {
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

/// One assessment file in the home list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HomeEntry {
    pub path: PathBuf,
    pub title: String,
    pub unit: String,
    pub created: String,
    pub rated: usize,
    pub to_rate: usize,
    /// Why the file cannot be opened, if it cannot.
    pub error: Option<String>,
}

/// What the user asks the shell to start: a new assessment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAssessment {
    pub title: String,
    pub sponsor: String,
    pub unit: String,
    pub class: u8,
    pub target: u8,
    pub lead: String,
    /// Other members as (name, role).
    pub team: Vec<(String, Role)>,
    pub processes: Vec<String>,
}

/// Work for the shell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    Save,
    Open {
        path: PathBuf,
        read_only: bool,
    },
    Create(NewAssessment),
    RefreshHome,
    /// Load the file as it is on disk now, dropping the version in memory (it is in the
    /// recovery file).
    Reload,
    /// Save the version in memory over the file changed on disk.
    Overwrite,
    /// Write the PDF and CSV reports beside the assessment file.
    Report,
    /// Put the recovered version (this file) in place of the assessment file.
    Restore(PathBuf),
    Quit,
}

/// Everything that can happen to the app.
#[derive(Debug)]
pub enum Action {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
    /// A file was opened (or could not be).
    Opened(Box<Result<Doc, String>>),
    /// A save finished (or failed, with the message).
    Saved(Result<(), String>),
    /// The file changed on disk; the version in memory was written to this recovery file.
    Conflict(PathBuf),
    /// The file is open in another capra.
    Locked {
        path: PathBuf,
        holder: String,
    },
    HomeLoaded(Vec<HomeEntry>),
    /// The reports were written (the paths), or could not be.
    ReportWritten(Result<Vec<PathBuf>, String>),
    /// A recovery file lies beside the file just opened.
    RecoveryFound(PathBuf),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Home,
    NewForm,
    Walk,
    Summary,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    Processes,
    Attributes,
    Detail,
}

/// Which processes the walk-through shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Filter {
    All,
    Unrated,
    Flagged,
}

impl Filter {
    pub fn label(self) -> &'static str {
        match self {
            Filter::All => "all processes",
            Filter::Unrated => "with unrated attributes",
            Filter::Flagged => "flagged for review",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Ok,
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub level: Level,
}

/// The walk-through's own state.
#[derive(Clone, Debug)]
pub struct Walk {
    pub focus: Pane,
    /// Index into the visible processes.
    pub proc_sel: usize,
    /// Index into the visible attributes of the selected process.
    pub attr_sel: usize,
    /// `None` rates the process as a whole; `Some(i)` its i-th instance.
    pub instance: Option<usize>,
    pub all_attrs: bool,
    pub filter: Filter,
    pub query: String,
    pub detail_scroll: u16,
    /// `t` was pressed: the next digit sets the target.
    pub target_pending: bool,
    /// The selected item (outcome, achievement, practice) in the detail pane.
    pub item_sel: usize,
}

impl Default for Walk {
    fn default() -> Self {
        Walk {
            focus: Pane::Processes,
            proc_sel: 0,
            attr_sel: 0,
            instance: None,
            all_attrs: false,
            filter: Filter::All,
            query: String::new(),
            detail_scroll: 0,
            target_pending: false,
            item_sel: 0,
        }
    }
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

    pub fn list_focus(&self) -> usize {
        self.fields.len()
    }

    pub fn button_focus(&self) -> usize {
        self.fields.len() + 1
    }

    fn value(&self, i: usize) -> String {
        self.fields[i].lines().join(" ").trim().to_string()
    }

    /// Checks the form and builds the request.
    pub fn request(&self) -> Result<NewAssessment, String> {
        let title = self.value(0);
        if title.is_empty() {
            return Err("Give the assessment a title.".into());
        }
        let class: u8 = self
            .value(3)
            .parse()
            .ok()
            .filter(|c| (1..=3).contains(c))
            .ok_or("Class must be 1, 2 or 3.")?;
        let target: u8 = self
            .value(4)
            .parse()
            .ok()
            .filter(|t| *t <= 5)
            .ok_or("Target level must be a number from 0 to 5.")?;
        let processes: Vec<String> = self
            .processes
            .iter()
            .filter(|p| p.2)
            .map(|p| p.0.clone())
            .collect();
        if processes.is_empty() {
            return Err("Take at least one process into scope (Space in the list).".into());
        }
        let team = parse_team(&self.value(6))?;
        Ok(NewAssessment {
            title,
            sponsor: self.value(1),
            unit: self.value(2),
            class,
            target,
            lead: self.value(5),
            team,
            processes,
        })
    }
}

/// "Ana Silva (assessor), Ben Ode (participant), Cy" -> names with roles (assessor by default).
pub fn parse_team(s: &str) -> Result<Vec<(String, Role)>, String> {
    let mut out = Vec::new();
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (name, role) = match part.rfind('(') {
            Some(i) if part.ends_with(')') => {
                let role: Role = part[i + 1..part.len() - 1]
                    .trim()
                    .replace(' ', "-")
                    .parse()
                    .map_err(|e: crate::rating::UnknownWord| format!("Team: {e}"))?;
                (part[..i].trim().to_string(), role)
            }
            _ => (part.to_string(), Role::Assessor),
        };
        if name.is_empty() {
            return Err(format!("Team: '{part}' has no name"));
        }
        out.push((name, role));
    }
    Ok(out)
}

/// The evidence picker over the register.
#[derive(Debug)]
pub struct Picker {
    pub filter: TextArea<'static>,
    pub selected: usize,
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
}

pub const EVIDENCE_LABELS: [&str; 5] = ["Title", "Kind", "Location", "Date (YYYY-MM-DD)", "Owner"];

/// What is drawn over the screen.
#[derive(Debug)]
pub enum Overlay {
    Help {
        scroll: u16,
    },
    /// The note editor; `rationale` when it edits why a rating overrides the aggregate or
    /// proposal instead of the note.
    Note {
        text: Box<TextArea<'static>>,
        rationale: bool,
    },
    Picker(Box<Picker>),
    EvidenceForm(Box<EvidenceForm>),
    Search(Box<TextArea<'static>>),
    Conflict {
        recovery: PathBuf,
    },
    Warnings {
        selected: usize,
    },
    /// A recovery file was found beside the file: restore it or keep the file.
    Recovery {
        path: PathBuf,
    },
    /// Acknowledging a warning: its id and the justification being written.
    Ack {
        warning: String,
        text: Box<TextArea<'static>>,
    },
    Locked {
        path: PathBuf,
        holder: String,
    },
}

/// The whole state of the terminal UI.
#[derive(Debug)]
pub struct App {
    pub theme: Theme,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub doc: Option<Doc>,
    pub home: Vec<HomeEntry>,
    pub home_sel: usize,
    pub form: Option<NewForm>,
    pub walk: Walk,
    pub summary_scroll: u16,
    pub status: Option<Status>,
    pub size: (u16, u16),
    pub assessor: Option<String>,
    /// Today's date (YYYY-MM-DD), set by the shell, for acknowledgements.
    pub today: String,
    /// The model new assessments are made from (the shipped ISMS model).
    pub new_model: Option<Model>,
    pub quit: bool,
}

impl App {
    pub fn new(theme: Theme) -> App {
        App {
            theme,
            screen: Screen::Home,
            overlay: None,
            doc: None,
            home: Vec::new(),
            home_sel: 0,
            form: None,
            walk: Walk::default(),
            summary_scroll: 0,
            status: None,
            size: (80, 24),
            assessor: None,
            today: String::new(),
            new_model: None,
            quit: false,
        }
    }

    /// An app with a document open on the walk-through.
    pub fn with_doc(theme: Theme, doc: Doc) -> App {
        let mut app = App::new(theme);
        app.open(doc);
        app
    }

    fn open(&mut self, doc: Doc) {
        let ro = doc.read_only;
        self.doc = Some(doc);
        self.screen = Screen::Walk;
        self.walk = Walk::default();
        self.overlay = None;
        self.info(if ro {
            "Opened read-only: nothing can be changed."
        } else {
            "Every change is saved at once. Press ? for help."
        });
    }

    fn info(&mut self, s: impl Into<String>) {
        self.status = Some(Status {
            text: s.into(),
            level: Level::Info,
        });
    }

    fn ok(&mut self, s: impl Into<String>) {
        self.status = Some(Status {
            text: s.into(),
            level: Level::Ok,
        });
    }

    fn error(&mut self, s: impl Into<String>) {
        self.status = Some(Status {
            text: s.into(),
            level: Level::Error,
        });
    }

    /// The context keys are read in now.
    pub fn ctx(&self) -> Ctx {
        match &self.overlay {
            Some(Overlay::Help { .. }) => Ctx::Help,
            Some(Overlay::Note { .. }) => Ctx::Note,
            Some(Overlay::Picker(_)) => Ctx::Picker,
            Some(Overlay::EvidenceForm(_)) => Ctx::EvidenceForm,
            Some(Overlay::Search(_)) => Ctx::Search,
            Some(Overlay::Conflict { .. }) => Ctx::Conflict,
            Some(Overlay::Locked { .. }) => Ctx::Locked,
            Some(Overlay::Warnings { .. }) => Ctx::Warnings,
            Some(Overlay::Recovery { .. }) => Ctx::Recovery,
            Some(Overlay::Ack { .. }) => Ctx::Ack,
            None => match self.screen {
                Screen::Home => Ctx::Home,
                Screen::NewForm => Ctx::NewForm,
                Screen::Walk => Ctx::Walk,
                Screen::Summary => Ctx::Summary,
            },
        }
    }

    // -----------------------------------------------------------------------------------------
    // What the walk-through shows
    // -----------------------------------------------------------------------------------------

    /// Indices (into the assessment's processes) of the processes shown, in model order.
    pub fn visible_processes(&self) -> Vec<usize> {
        let Some(doc) = &self.doc else {
            return Vec::new();
        };
        let q = self.walk.query.to_lowercase();
        doc.assessment
            .processes
            .iter()
            .enumerate()
            .filter(|(i, p)| {
                let score = &doc.profile.processes[*i];
                let keep = match self.walk.filter {
                    Filter::All => true,
                    Filter::Unrated => score.rated < score.to_rate,
                    Filter::Flagged => p.ratings.iter().any(|r| r.review == Some(Review::Flagged)),
                };
                keep && (q.is_empty() || process_matches(&doc.model, &p.id, &q))
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// The index (into the assessment's processes) of the selected process.
    pub fn selected_process(&self) -> Option<usize> {
        self.visible_processes().get(self.walk.proc_sel).copied()
    }

    /// Ids of the attributes shown for a process: up to its target level (at least level 1),
    /// plus any attribute with something recorded, or all with [`Walk::all_attrs`].
    pub fn visible_attributes(&self, pi: usize) -> Vec<String> {
        let Some(doc) = &self.doc else {
            return Vec::new();
        };
        let p = &doc.assessment.processes[pi];
        let top = (*p.target).max(1);
        doc.model
            .attributes()
            .filter(|a| {
                self.walk.all_attrs
                    || a.level <= top
                    || p.ratings.iter().any(|r| r.attribute == a.id.as_str())
            })
            .map(|a| a.id.to_string())
            .collect()
    }

    pub fn selected_attribute(&self) -> Option<String> {
        let pi = self.selected_process()?;
        let attrs = self.visible_attributes(pi);
        attrs
            .get(self.walk.attr_sel.min(attrs.len().saturating_sub(1)))
            .cloned()
    }

    /// The instance name being rated, if any.
    pub fn instance_name(&self) -> Option<String> {
        let pi = self.selected_process()?;
        let doc = self.doc.as_ref()?;
        let i = self.walk.instance?;
        doc.assessment.processes[pi]
            .instances
            .get(i)
            .map(|x| x.to_string())
    }

    /// The slot the rating keys act on.
    pub fn slot(&self) -> Option<Slot> {
        let doc = self.doc.as_ref()?;
        let pi = self.selected_process()?;
        let attr = self.selected_attribute()?;
        Some(Slot::new(
            &doc.assessment.processes[pi].id,
            &attr,
            self.instance_name().as_deref(),
        ))
    }

    /// The record of the slot, if there is one.
    pub fn record(&self) -> Option<&RatingRecord> {
        let doc = self.doc.as_ref()?;
        let slot = self.slot()?;
        doc.assessment
            .process(&slot.process)?
            .ratings
            .iter()
            .find(|r| {
                r.attribute == slot.attribute.as_str()
                    && r.instance.as_ref().map(|i| i.as_str()) == slot.instance.as_deref()
            })
    }

    /// The items that can be characterised under the selected attribute, in model order: the
    /// process's outcomes, base practices and information items for PA1.1; the attribute's
    /// achievements, generic practices and resources above it.
    pub fn detail_items(&self) -> Vec<(String, crate::model::ItemKind)> {
        let (Some(doc), Some(pi), Some(attr)) = (
            &self.doc,
            self.selected_process(),
            self.selected_attribute(),
        ) else {
            return Vec::new();
        };
        doc.model
            .items_under(&doc.assessment.processes[pi].id, &attr)
    }

    /// The selected item of the detail pane, when the detail pane has the focus.
    pub fn selected_item(&self) -> Option<String> {
        if self.walk.focus != Pane::Detail {
            return None;
        }
        let items = self.detail_items();
        items
            .get(self.walk.item_sel.min(items.len().saturating_sub(1)))
            .map(|x| x.0.clone())
    }

    /// The characterisation of an item for the instance being rated, if any.
    pub fn characterisation(&self, item: &str) -> Option<Rating> {
        let doc = self.doc.as_ref()?;
        let pi = self.selected_process()?;
        let inst = self.instance_name();
        doc.assessment.processes[pi]
            .characterisations
            .iter()
            .find(|c| c.item == item && c.instance.as_ref().map(|i| i.to_string()) == inst)
            .map(|c| *c.value.get())
    }

    /// The note (or with `rationale`, the rationale) of the selected slot's record.
    pub fn record_text(&self, rationale: bool) -> String {
        self.record()
            .map(|r| {
                if rationale {
                    r.rationale.clone()
                } else {
                    r.note.clone()
                }
            })
            .unwrap_or_default()
    }

    /// The consistency warnings of the open assessment.
    pub fn warnings(&self) -> Vec<crate::check::Warning> {
        match &self.doc {
            Some(d) => crate::check::check(&d.model, &d.assessment, &d.profile),
            None => Vec::new(),
        }
    }

    // -----------------------------------------------------------------------------------------
    // update
    // -----------------------------------------------------------------------------------------

    /// Changes the state for one action; returns the work for the shell.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Key(ev) => self.key(ev),
            Action::Mouse(ev) => self.mouse(ev),
            Action::Resize(w, h) => {
                self.size = (w, h);
                vec![]
            }
            Action::Opened(res) => {
                match *res {
                    Ok(doc) => self.open(doc),
                    Err(e) => self.error(e),
                }
                vec![]
            }
            Action::Saved(Ok(())) => vec![],
            Action::Saved(Err(e)) => {
                self.error(format!("NOT SAVED: {e}. Your change is kept in memory; fix the cause and make any change to save again."));
                vec![]
            }
            Action::Conflict(recovery) => {
                self.overlay = Some(Overlay::Conflict { recovery });
                vec![]
            }
            Action::Locked { path, holder } => {
                self.overlay = Some(Overlay::Locked { path, holder });
                vec![]
            }
            Action::RecoveryFound(path) => {
                self.overlay = Some(Overlay::Recovery { path });
                vec![]
            }
            Action::ReportWritten(Ok(paths)) => {
                let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                self.ok(format!("Report written: {}", names.join(", ")));
                vec![]
            }
            Action::ReportWritten(Err(e)) => {
                self.error(format!("Report not written: {e}"));
                vec![]
            }
            Action::HomeLoaded(entries) => {
                self.home = entries;
                self.home_sel = self.home_sel.min(self.home.len().saturating_sub(1));
                vec![]
            }
        }
    }

    fn key(&mut self, ev: KeyEvent) -> Vec<Effect> {
        if ev.kind != ratatui::crossterm::event::KeyEventKind::Press {
            return vec![];
        }
        let ctx = self.ctx();
        let cmd = keys::command_for(ctx, &ev);
        match ctx {
            Ctx::Note => self.note_key(ev, cmd),
            Ctx::Search => self.search_key(ev, cmd),
            Ctx::Picker => self.picker_key(ev, cmd),
            Ctx::EvidenceForm => self.evidence_form_key(ev, cmd),
            Ctx::NewForm => self.form_key(ev, cmd),
            Ctx::Ack => self.ack_key(ev, cmd),
            Ctx::Walk if self.walk.target_pending => {
                self.walk.target_pending = false;
                match ev.code {
                    ratatui::crossterm::event::KeyCode::Char(c @ '0'..='5') => {
                        self.set_target(c as u8 - b'0')
                    }
                    _ => {
                        self.info("Target unchanged.");
                        vec![]
                    }
                }
            }
            _ => match cmd {
                Some(cmd) => self.command(cmd),
                None => vec![],
            },
        }
    }

    /// Carries out a command of the key table.
    pub fn command(&mut self, cmd: Cmd) -> Vec<Effect> {
        let ctx = self.ctx();
        match (ctx, cmd) {
            (_, Cmd::Quit) => {
                self.quit = true;
                vec![Effect::Quit]
            }
            (Ctx::Help, Cmd::Back) => {
                self.overlay = None;
                vec![]
            }
            (Ctx::Help, Cmd::Up) => {
                if let Some(Overlay::Help { scroll }) = &mut self.overlay {
                    *scroll = scroll.saturating_sub(1);
                }
                vec![]
            }
            (Ctx::Help, Cmd::Down) => {
                if let Some(Overlay::Help { scroll }) = &mut self.overlay {
                    *scroll = scroll.saturating_add(1);
                }
                vec![]
            }
            (_, Cmd::Help) => {
                self.overlay = Some(Overlay::Help { scroll: 0 });
                vec![]
            }
            (Ctx::Conflict, Cmd::Reload) => {
                self.overlay = None;
                vec![Effect::Reload]
            }
            (Ctx::Conflict, Cmd::Overwrite) => {
                self.overlay = None;
                vec![Effect::Overwrite]
            }
            (Ctx::Locked, Cmd::ReadOnly) => {
                let Some(Overlay::Locked { path, .. }) = self.overlay.take() else {
                    return vec![];
                };
                vec![Effect::Open {
                    path,
                    read_only: true,
                }]
            }
            (Ctx::Warnings, c) => self.warnings_command(c),
            (Ctx::Recovery, Cmd::Reload) => {
                let Some(Overlay::Recovery { path }) = self.overlay.take() else {
                    return vec![];
                };
                vec![Effect::Restore(path)]
            }
            (Ctx::Recovery, Cmd::Back) => {
                if let Some(Overlay::Recovery { path }) = self.overlay.take() {
                    self.info(format!(
                        "Kept the file as it is; the recovered version stays in {}.",
                        path.display()
                    ));
                }
                vec![]
            }
            (Ctx::Home, c) => self.home_command(c),
            (Ctx::Walk | Ctx::Summary, Cmd::Report) => {
                self.info("Writing the report…");
                vec![Effect::Report]
            }
            (Ctx::Summary, Cmd::Back) => {
                self.screen = Screen::Walk;
                vec![]
            }
            (Ctx::Summary, Cmd::Up) => {
                self.summary_scroll = self.summary_scroll.saturating_sub(1);
                vec![]
            }
            (Ctx::Summary, Cmd::Down) => {
                self.summary_scroll = self.summary_scroll.saturating_add(1);
                vec![]
            }
            (Ctx::Walk, c) => self.walk_command(c),
            _ => vec![],
        }
    }

    fn home_command(&mut self, c: Cmd) -> Vec<Effect> {
        match c {
            Cmd::Up => self.home_sel = self.home_sel.saturating_sub(1),
            Cmd::Down if self.home_sel + 1 < self.home.len() => self.home_sel += 1,
            Cmd::Select => {
                if let Some(e) = self.home.get(self.home_sel) {
                    if let Some(err) = &e.error {
                        let msg = format!("Cannot open {}: {err}", e.path.display());
                        self.error(msg);
                        return vec![];
                    }
                    return vec![Effect::Open {
                        path: e.path.clone(),
                        read_only: false,
                    }];
                }
            }
            Cmd::New => match &self.new_model {
                Some(m) => {
                    self.form = Some(NewForm::new(m));
                    self.screen = Screen::NewForm;
                }
                None => self.error("The ISMS model could not be loaded."),
            },
            _ => {}
        }
        vec![]
    }

    fn walk_command(&mut self, c: Cmd) -> Vec<Effect> {
        let n_procs = self.visible_processes().len();
        let n_attrs = self
            .selected_process()
            .map(|pi| self.visible_attributes(pi).len())
            .unwrap_or(0);
        match c {
            Cmd::Up | Cmd::Down | Cmd::Top | Cmd::Bottom => {
                let (sel, len) = match self.walk.focus {
                    Pane::Processes => (self.walk.proc_sel, n_procs),
                    Pane::Attributes => (self.walk.attr_sel, n_attrs),
                    Pane::Detail => {
                        let n = self.detail_items().len();
                        let i = &mut self.walk.item_sel;
                        *i = match c {
                            Cmd::Up => i.saturating_sub(1),
                            Cmd::Down => (*i + 1).min(n.saturating_sub(1)),
                            Cmd::Top => 0,
                            _ => n.saturating_sub(1),
                        };
                        return vec![];
                    }
                };
                let new = match c {
                    Cmd::Up => sel.saturating_sub(1),
                    Cmd::Down => (sel + 1).min(len.saturating_sub(1)),
                    Cmd::Top => 0,
                    _ => len.saturating_sub(1),
                };
                match self.walk.focus {
                    Pane::Processes => self.select_process(new),
                    _ => self.select_attribute(new),
                }
            }
            Cmd::PageUp => self.walk.detail_scroll = self.walk.detail_scroll.saturating_sub(10),
            Cmd::PageDown => self.walk.detail_scroll = self.walk.detail_scroll.saturating_add(10),
            Cmd::NextPane | Cmd::PrevPane => {
                let order = [Pane::Processes, Pane::Attributes, Pane::Detail];
                let i = order
                    .iter()
                    .position(|p| *p == self.walk.focus)
                    .unwrap_or(0);
                let j = if c == Cmd::NextPane {
                    (i + 1) % 3
                } else {
                    (i + 2) % 3
                };
                self.walk.focus = order[j];
            }
            Cmd::RateN
            | Cmd::RateP
            | Cmd::RateL
            | Cmd::RateF
            | Cmd::RefineDown
            | Cmd::RefineUp
            | Cmd::Clear
                if self.selected_item().is_some() =>
            {
                return self.characterise_command(c);
            }
            Cmd::RateN => return self.rate(Rating::N),
            Cmd::RateP => return self.rate(Rating::P),
            Cmd::RateL => return self.rate(Rating::L),
            Cmd::RateF => return self.rate(Rating::F),
            Cmd::RefineDown | Cmd::RefineUp => return self.refine(c == Cmd::RefineUp),
            Cmd::Accept => return self.accept_proposal(),
            Cmd::Warnings => {
                self.overlay = Some(Overlay::Warnings { selected: 0 });
            }
            Cmd::Clear => {
                if self.record().and_then(|r| r.rating()).is_none() {
                    self.info("Not rated already.");
                    return vec![];
                }
                return self.set(
                    Field::Rating(None),
                    "rating cleared (note and evidence kept)",
                );
            }
            Cmd::EditNote | Cmd::Rationale => {
                let rationale = c == Cmd::Rationale;
                if !rationale && self.walk.focus == Pane::Processes && self.slot().is_some() {
                    self.walk.focus = Pane::Attributes;
                    return vec![];
                }
                if self.slot().is_none() {
                    return vec![];
                }
                let current = self.record_text(rationale);
                let mut t = TextArea::new(current.split('\n').map(str::to_string).collect());
                t.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
                t.move_cursor(ratatui_textarea::CursorMove::Bottom);
                t.move_cursor(ratatui_textarea::CursorMove::End);
                self.overlay = Some(Overlay::Note {
                    text: Box::new(t),
                    rationale,
                });
            }
            Cmd::Confidence => {
                let next = match self.record().and_then(|r| r.confidence) {
                    None => Some(Confidence::High),
                    Some(Confidence::High) => Some(Confidence::Medium),
                    Some(Confidence::Medium) => Some(Confidence::Low),
                    Some(Confidence::Low) => None,
                };
                let what = format!(
                    "confidence {}",
                    next.map(|c| c.word()).unwrap_or("not given")
                );
                return self.set(Field::Confidence(next), &what);
            }
            Cmd::Review => {
                let next = match self.record().and_then(|r| r.review) {
                    None => Some(Review::Flagged),
                    Some(Review::Flagged) => Some(Review::Reviewed),
                    Some(Review::Reviewed) => None,
                };
                let what = match next {
                    Some(Review::Flagged) => "flagged for review",
                    Some(Review::Reviewed) => "marked reviewed",
                    None => "review mark removed",
                };
                return self.set(Field::Review(next), what);
            }
            Cmd::Evidence if self.slot().is_some() => {
                self.overlay = Some(Overlay::Picker(Box::new(Picker {
                    filter: TextArea::default(),
                    selected: 0,
                })));
            }
            Cmd::Instance => {
                let n = self
                    .selected_process()
                    .and_then(|pi| {
                        self.doc
                            .as_ref()
                            .map(|d| d.assessment.processes[pi].instances.len())
                    })
                    .unwrap_or(0);
                if n == 0 {
                    self.info("This process has no instances: it is rated as a whole.");
                } else {
                    self.walk.instance = match self.walk.instance {
                        None => Some(0),
                        Some(i) if i + 1 < n => Some(i + 1),
                        Some(_) => None,
                    };
                    let msg = match self.instance_name() {
                        Some(i) => format!("Rating instance {i}."),
                        None => "Rating the process as a whole.".to_string(),
                    };
                    self.info(msg);
                }
            }
            Cmd::NextUnrated => self.next_unrated(),
            Cmd::Filter => {
                self.walk.filter = match self.walk.filter {
                    Filter::All => Filter::Unrated,
                    Filter::Unrated => Filter::Flagged,
                    Filter::Flagged => Filter::All,
                };
                self.walk.proc_sel = 0;
                self.walk.instance = None;
                let msg = format!("Showing {}.", self.walk.filter.label());
                self.info(msg);
            }
            Cmd::Search => {
                let mut t = TextArea::new(vec![self.walk.query.clone()]);
                t.move_cursor(ratatui_textarea::CursorMove::End);
                self.overlay = Some(Overlay::Search(Box::new(t)));
            }
            Cmd::AllAttributes => {
                self.walk.all_attrs = !self.walk.all_attrs;
                self.info(if self.walk.all_attrs {
                    "Showing all attributes, PA1.1 to PA5.2."
                } else {
                    "Showing the attributes up to the target level (and any rated above it)."
                });
            }
            Cmd::Target if self.selected_process().is_some() => {
                self.walk.target_pending = true;
                self.info("Target level for this process: press 0, 1, 2, 3, 4 or 5.");
            }
            Cmd::Undo | Cmd::Redo => return self.undo_redo(c == Cmd::Undo),
            Cmd::Summary => {
                self.screen = Screen::Summary;
                self.summary_scroll = 0;
            }
            _ => {}
        }
        vec![]
    }

    fn select_process(&mut self, i: usize) {
        if i != self.walk.proc_sel {
            self.walk.proc_sel = i;
            self.walk.instance = None;
            self.walk.detail_scroll = 0;
            if let Some(pi) = self.selected_process() {
                let n = self.visible_attributes(pi).len();
                self.walk.attr_sel = self.walk.attr_sel.min(n.saturating_sub(1));
            }
        }
    }

    fn select_attribute(&mut self, i: usize) {
        if i != self.walk.attr_sel {
            self.walk.attr_sel = i;
            self.walk.detail_scroll = 0;
            self.walk.item_sel = 0;
        }
    }

    /// Rating keys in the detail pane: characterise the selected item for the instance being
    /// rated (or the process as a whole).
    fn characterise_command(&mut self, c: Cmd) -> Vec<Effect> {
        use crate::assessment::change::CharacterisationValue;
        use crate::rating::Base;
        let (Some(item), Some(slot)) = (self.selected_item(), self.slot()) else {
            return vec![];
        };
        let current = self.characterisation(&item);
        let value = match c {
            Cmd::RateN => Some(Rating::N),
            Cmd::RateP => Some(Rating::P),
            Cmd::RateL => Some(Rating::L),
            Cmd::RateF => Some(Rating::F),
            Cmd::Clear => None,
            _ => match (current.map(|r| r.base()), c == Cmd::RefineUp) {
                (Some(Base::P), false) => Some(Rating::PMinus),
                (Some(Base::P), true) => Some(Rating::PPlus),
                (Some(Base::L), false) => Some(Rating::LMinus),
                (Some(Base::L), true) => Some(Rating::LPlus),
                _ => {
                    self.info("Refine works on a P or L: characterise p or l first, then - or +.");
                    return vec![];
                }
            },
        };
        if value.is_none() && current.is_none() {
            self.info("Not characterised already.");
            return vec![];
        }
        let what = format!(
            "{} {item}{}: {}",
            slot.process,
            slot.instance
                .as_ref()
                .map(|i| format!(" ({i})"))
                .unwrap_or_default(),
            match value {
                Some(v) => format!("characterised {}", v.code()),
                None => "characterisation removed".to_string(),
            }
        );
        let record = value.map(|value| CharacterisationValue {
            value,
            assessor: self.assessor.clone().unwrap_or_default(),
            note: String::new(),
        });
        self.edit(
            Change::Characterise {
                process: slot.process,
                item,
                instance: slot.instance,
                record,
            },
            &what,
        )
    }

    /// Records the R1 proposal as the attribute's rating.
    fn accept_proposal(&mut self) -> Vec<Effect> {
        let proposal = (|| {
            let doc = self.doc.as_ref()?;
            let pi = self.selected_process()?;
            let attr = self.selected_attribute()?;
            let s = doc.profile.processes[pi]
                .attributes
                .iter()
                .find(|a| a.id == attr)?;
            s.proposal.as_ref().map(|p| (p.rating, p.is_complete()))
        })();
        match proposal {
            Some((Some(r), complete)) => {
                if !complete {
                    self.info(
                        "Not every item is characterised yet; accepting the proposal as it stands.",
                    );
                }
                let what = format!("proposal {} accepted", r.code());
                self.set(Field::Rating(Some(r)), &what)
            }
            _ => {
                self.info("No proposal: characterise the outcomes or achievements first (Tab to the detail pane, then n p l f).");
                vec![]
            }
        }
    }

    fn warnings_command(&mut self, c: Cmd) -> Vec<Effect> {
        let warnings = self.warnings();
        let Some(Overlay::Warnings { selected }) = &mut self.overlay else {
            return vec![];
        };
        match c {
            Cmd::Up => *selected = selected.saturating_sub(1),
            Cmd::Down => *selected = (*selected + 1).min(warnings.len().saturating_sub(1)),
            Cmd::Back => self.overlay = None,
            Cmd::Select => {
                let Some(w) = warnings.get(*selected).cloned() else {
                    return vec![];
                };
                self.overlay = None;
                self.walk.filter = Filter::All;
                self.walk.query.clear();
                let visible = self.visible_processes();
                let Some(doc) = &self.doc else { return vec![] };
                if let Some(vp) = visible
                    .iter()
                    .position(|&i| doc.assessment.processes[i].id == w.process.as_str())
                {
                    self.select_process(vp);
                    if let Some(attr) = &w.attribute
                        && let Some(pi) = self.selected_process()
                        && let Some(ai) = self.visible_attributes(pi).iter().position(|a| a == attr)
                    {
                        self.select_attribute(ai);
                        self.walk.focus = Pane::Attributes;
                    }
                    self.walk.instance = w.instance.as_ref().and_then(|i| {
                        self.selected_process().and_then(|pi| {
                            self.doc.as_ref().and_then(|d| {
                                d.assessment.processes[pi]
                                    .instances
                                    .iter()
                                    .position(|x| x == i.as_str())
                            })
                        })
                    });
                }
                self.info(w.reason.clone());
            }
            Cmd::Toggle => {
                let Some(w) = warnings.get(*selected) else {
                    return vec![];
                };
                let mut t = TextArea::new(vec![
                    w.acknowledged
                        .as_ref()
                        .map(|k| k.justification.clone())
                        .unwrap_or_default(),
                ]);
                t.move_cursor(ratatui_textarea::CursorMove::End);
                t.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
                self.overlay = Some(Overlay::Ack {
                    warning: w.id(),
                    text: Box::new(t),
                });
            }
            _ => {}
        }
        vec![]
    }

    fn ack_key(&mut self, ev: KeyEvent, cmd: Option<Cmd>) -> Vec<Effect> {
        match cmd {
            Some(Cmd::Back) => {
                self.overlay = Some(Overlay::Warnings { selected: 0 });
                self.info("Not acknowledged.");
                vec![]
            }
            Some(Cmd::Submit) => {
                let Some(Overlay::Ack { warning, text }) = self.overlay.take() else {
                    return vec![];
                };
                let why = text.lines().join(" ").trim().to_string();
                if why.is_empty() {
                    self.overlay = Some(Overlay::Ack { warning, text });
                    self.error("Write why the warning is accepted; Esc cancels.");
                    return vec![];
                }
                let ack = crate::assessment::Acknowledgement {
                    warning: Id::from(warning.as_str()),
                    justification: why,
                    by: self.assessor.clone().unwrap_or_default(),
                    date: self.today.clone(),
                };
                let effects =
                    self.edit(Change::Acknowledge(ack), &format!("{warning} acknowledged"));
                self.overlay = Some(Overlay::Warnings { selected: 0 });
                effects
            }
            _ => {
                if let Some(Overlay::Ack { text, .. }) = &mut self.overlay {
                    text.input(ev);
                }
                vec![]
            }
        }
    }

    /// Applies a change through the history, rescoring and asking for a save.
    fn edit(&mut self, change: Change, what: &str) -> Vec<Effect> {
        let Some(doc) = &mut self.doc else {
            return vec![];
        };
        if doc.read_only {
            self.error(
                "Read-only: this file is open in another capra, so nothing can be changed here.",
            );
            return vec![];
        }
        match doc.history.apply(&mut doc.assessment, &doc.model, change) {
            Ok(()) => {
                doc.rescore();
                self.ok(what.to_string());
                vec![Effect::Save]
            }
            Err(e) => {
                self.error(e.to_string());
                vec![]
            }
        }
    }

    /// Sets one field of the selected slot, with the assessor when a rating is given.
    fn set(&mut self, field: Field, what: &str) -> Vec<Effect> {
        let Some(slot) = self.slot() else {
            return vec![];
        };
        let label = format!(
            "{} {}{}: {what}",
            slot.process,
            slot.attribute,
            slot.instance
                .as_ref()
                .map(|i| format!(" ({i})"))
                .unwrap_or_default()
        );
        let mut changes = vec![Change::Set {
            slot: slot.clone(),
            field: field.clone(),
        }];
        if let (Field::Rating(Some(_)), Some(who)) = (&field, &self.assessor) {
            changes.push(Change::Set {
                slot,
                field: Field::Assessor(who.clone()),
            });
        }
        self.edit(Change::Batch(changes), &label)
    }

    fn rate(&mut self, r: Rating) -> Vec<Effect> {
        let what = format!("rated {}", r.code());
        self.set(Field::Rating(Some(r)), &what)
    }

    fn refine(&mut self, up: bool) -> Vec<Effect> {
        use crate::rating::Base;
        let current = self.record().and_then(|r| r.rating());
        let new = match (current.map(|r| r.base()), up) {
            (Some(Base::P), false) => Rating::PMinus,
            (Some(Base::P), true) => Rating::PPlus,
            (Some(Base::L), false) => Rating::LMinus,
            (Some(Base::L), true) => Rating::LPlus,
            _ => {
                self.info("Refine works on a P or L rating: rate p or l first, then - or +.");
                return vec![];
            }
        };
        self.rate(new)
    }

    fn set_target(&mut self, target: u8) -> Vec<Effect> {
        let Some(pi) = self.selected_process() else {
            return vec![];
        };
        let Some(doc) = &self.doc else {
            return vec![];
        };
        let id = doc.assessment.processes[pi].id.to_string();
        let msg = format!("{id}: target level {target}");
        self.edit(
            Change::SetTarget {
                process: id,
                target,
            },
            &msg,
        )
    }

    fn undo_redo(&mut self, undo: bool) -> Vec<Effect> {
        let Some(doc) = &mut self.doc else {
            return vec![];
        };
        if doc.read_only {
            self.error("Read-only: nothing to undo.");
            return vec![];
        }
        let res = if undo {
            doc.history.undo(&mut doc.assessment, &doc.model)
        } else {
            doc.history.redo(&mut doc.assessment, &doc.model)
        };
        match res {
            Ok(true) => {
                doc.rescore();
                self.ok(if undo { "Undone." } else { "Redone." });
                vec![Effect::Save]
            }
            Ok(false) => {
                self.info(if undo {
                    "Nothing to undo."
                } else {
                    "Nothing to redo."
                });
                vec![]
            }
            Err(e) => {
                self.error(e.to_string());
                vec![]
            }
        }
    }

    /// Moves to the next attribute (after the selected one, wrapping) that its process's target
    /// needs and that has no rating.
    fn next_unrated(&mut self) {
        let Some(doc) = &self.doc else { return };
        let visible = self.visible_processes();
        if visible.is_empty() {
            return;
        }
        // Every (visible process position, attribute position) pair in walk order.
        let mut order: Vec<(usize, usize)> = Vec::new();
        for (vp, &pi) in visible.iter().enumerate() {
            let score = &doc.profile.processes[pi];
            for (va, attr) in self.visible_attributes(pi).iter().enumerate() {
                if let Some(a) = score.attributes.iter().find(|a| &a.id == attr)
                    && a.needed.is_some()
                    && a.rating.is_none()
                {
                    order.push((vp, va));
                }
            }
        }
        let here = (self.walk.proc_sel, self.walk.attr_sel);
        let next = order
            .iter()
            .find(|&&x| x > here)
            .or_else(|| order.first())
            .copied();
        match next {
            Some((vp, va)) => {
                self.select_process(vp);
                self.walk.attr_sel = va;
                self.walk.instance = None;
                self.walk.focus = Pane::Attributes;
                self.info("Next attribute to rate.");
            }
            None => self.ok("Every attribute the targets call for is rated."),
        }
    }

    // -----------------------------------------------------------------------------------------
    // Overlays and forms that take text
    // -----------------------------------------------------------------------------------------

    fn note_key(&mut self, ev: KeyEvent, cmd: Option<Cmd>) -> Vec<Effect> {
        if cmd == Some(Cmd::Back) {
            let Some(Overlay::Note { text, rationale }) = self.overlay.take() else {
                return vec![];
            };
            let new = text.lines().join("\n").trim_end().to_string();
            let old = self.record_text(rationale);
            if new == old.trim_end() {
                self.info(if rationale {
                    "Rationale unchanged."
                } else {
                    "Note unchanged."
                });
                return vec![];
            }
            return if rationale {
                self.set(Field::Rationale(new), "rationale saved")
            } else {
                self.set(Field::Note(new), "note saved")
            };
        }
        if let Some(Overlay::Note { text, .. }) = &mut self.overlay {
            text.input(ev);
        }
        vec![]
    }

    fn search_key(&mut self, ev: KeyEvent, cmd: Option<Cmd>) -> Vec<Effect> {
        match cmd {
            Some(Cmd::Submit) => {
                if let Some(Overlay::Search(t)) = self.overlay.take() {
                    self.walk.query = t.lines().join(" ").trim().to_string();
                }
                self.walk.proc_sel = 0;
                let n = self.visible_processes().len();
                let msg = if self.walk.query.is_empty() {
                    "Search cleared.".to_string()
                } else {
                    format!(
                        "{n} process(es) match '{}'. / and Esc clear it.",
                        self.walk.query
                    )
                };
                self.info(msg);
            }
            Some(Cmd::Back) => {
                self.overlay = None;
                self.walk.query.clear();
                self.walk.proc_sel = 0;
                self.info("Search cleared.");
            }
            _ => {
                if let Some(Overlay::Search(t)) = &mut self.overlay {
                    t.input(ev);
                }
            }
        }
        vec![]
    }

    /// Evidence items shown in the picker: (id, title, kind, linked).
    pub fn picker_items(&self) -> Vec<(String, String, EvidenceKind, bool)> {
        let Some(doc) = &self.doc else {
            return Vec::new();
        };
        let Some(Overlay::Picker(p)) = &self.overlay else {
            return Vec::new();
        };
        let q = p.filter.lines().join(" ").to_lowercase();
        let linked: Vec<String> = self
            .record()
            .map(|r| r.evidence.iter().map(|e| e.to_string()).collect())
            .unwrap_or_default();
        doc.assessment
            .evidence
            .iter()
            .filter(|e| {
                q.is_empty()
                    || e.title.to_lowercase().contains(&q)
                    || e.id.to_lowercase().contains(&q)
            })
            .map(|e| {
                (
                    e.id.to_string(),
                    e.title.clone(),
                    e.kind,
                    linked.contains(&e.id.to_string()),
                )
            })
            .collect()
    }

    fn picker_key(&mut self, ev: KeyEvent, cmd: Option<Cmd>) -> Vec<Effect> {
        let n = self.picker_items().len();
        match cmd {
            Some(Cmd::Back) => self.overlay = None,
            Some(Cmd::Up) => {
                if let Some(Overlay::Picker(p)) = &mut self.overlay {
                    p.selected = p.selected.saturating_sub(1);
                }
            }
            Some(Cmd::Down) => {
                if let Some(Overlay::Picker(p)) = &mut self.overlay {
                    p.selected = (p.selected + 1).min(n.saturating_sub(1));
                }
            }
            Some(Cmd::Toggle) => {
                let items = self.picker_items();
                let sel = match &self.overlay {
                    Some(Overlay::Picker(p)) => p.selected,
                    _ => 0,
                };
                let Some((id, _, _, linked)) = items.get(sel).cloned() else {
                    self.info("The register is empty: Ctrl+n adds an item.");
                    return vec![];
                };
                let mut ids: Vec<String> = self
                    .record()
                    .map(|r| r.evidence.iter().map(|e| e.to_string()).collect())
                    .unwrap_or_default();
                if linked {
                    ids.retain(|x| x != &id);
                } else {
                    ids.push(id.clone());
                }
                let what = if linked {
                    format!("{id} unlinked")
                } else {
                    format!("{id} linked")
                };
                return self.set(Field::Evidence(ids), &what);
            }
            Some(Cmd::NewEvidence) => {
                self.overlay = Some(Overlay::EvidenceForm(Box::new(EvidenceForm {
                    fields: (0..4).map(|_| TextArea::default()).collect(),
                    kind: EvidenceKind::Document,
                    focus: 0,
                    error: None,
                })));
            }
            _ => {
                if let Some(Overlay::Picker(p)) = &mut self.overlay
                    && p.filter.input(ev)
                {
                    p.selected = 0;
                }
            }
        }
        vec![]
    }

    fn evidence_form_key(&mut self, ev: KeyEvent, cmd: Option<Cmd>) -> Vec<Effect> {
        use ratatui::crossterm::event::KeyCode;
        let Some(Overlay::EvidenceForm(f)) = &mut self.overlay else {
            return vec![];
        };
        match cmd {
            Some(Cmd::Back) => {
                self.overlay = Some(Overlay::Picker(Box::new(Picker {
                    filter: TextArea::default(),
                    selected: 0,
                })));
            }
            Some(Cmd::Down) => f.focus = (f.focus + 1) % 5,
            Some(Cmd::Up) => f.focus = (f.focus + 4) % 5,
            Some(Cmd::Submit) => return self.add_evidence(),
            _ if f.focus == 1 => {
                let all = EvidenceKind::ALL;
                let i = all.iter().position(|k| *k == f.kind).unwrap_or(0);
                match ev.code {
                    KeyCode::Left => f.kind = all[(i + all.len() - 1) % all.len()],
                    KeyCode::Right | KeyCode::Char(' ') => f.kind = all[(i + 1) % all.len()],
                    KeyCode::Char(c) => {
                        if let Some(k) = all.iter().find(|k| k.word().starts_with(c)) {
                            f.kind = *k;
                        }
                    }
                    _ => {}
                }
            }
            _ => {
                let field = match f.focus {
                    0 => 0,
                    n => n - 1,
                };
                f.fields[field].input(ev);
            }
        }
        vec![]
    }

    fn add_evidence(&mut self) -> Vec<Effect> {
        let Some(Overlay::EvidenceForm(f)) = &mut self.overlay else {
            return vec![];
        };
        let val = |i: usize| f.fields[i].lines().join(" ").trim().to_string();
        let (title, location, date, owner) = (val(0), val(1), val(2), val(3));
        if title.is_empty() {
            f.error = Some("Give the evidence a title.".into());
            return vec![];
        }
        if !date.is_empty() && !crate::assessment::valid_date(&date) {
            f.error = Some("Write the date as YYYY-MM-DD, or leave it empty.".into());
            return vec![];
        }
        let kind = f.kind;
        let (Some(doc), Some(slot)) = (&self.doc, self.slot()) else {
            return vec![];
        };
        let id = doc.assessment.next_evidence_id();
        let mut ids: Vec<String> = self
            .record()
            .map(|r| r.evidence.iter().map(|e| e.to_string()).collect())
            .unwrap_or_default();
        ids.push(id.clone());
        let item = Evidence {
            id: Id::from(id.as_str()),
            title,
            kind,
            location,
            path: String::new(),
            sha256: Located::default(),
            date: Located::new(date),
            owner,
            note: String::new(),
        };
        self.overlay = None;
        self.edit(
            Change::Batch(vec![
                Change::PutEvidence(item),
                Change::Set {
                    slot,
                    field: Field::Evidence(ids),
                },
            ]),
            &format!("evidence {id} added and linked"),
        )
    }

    fn form_key(&mut self, ev: KeyEvent, cmd: Option<Cmd>) -> Vec<Effect> {
        use ratatui::crossterm::event::KeyCode;
        let Some(form) = &mut self.form else {
            return vec![];
        };
        let in_list = form.focus == form.list_focus();
        let on_button = form.focus == form.button_focus();
        let last = form.button_focus();
        match cmd {
            Some(Cmd::Back) => {
                self.form = None;
                self.screen = Screen::Home;
            }
            // Ctrl+s anywhere, or Enter on the Create button, creates.
            Some(Cmd::Submit) if on_button || ev.code != KeyCode::Enter => match form.request() {
                Ok(req) => return vec![Effect::Create(req)],
                Err(e) => form.error = Some(e),
            },
            // Enter elsewhere moves on, like Tab.
            Some(Cmd::Submit) => form.focus = (form.focus + 1).min(last),
            // In the process list the arrows move in the list; Tab leaves it.
            Some(Cmd::Down) if in_list && ev.code == KeyCode::Down => {
                form.proc_sel = (form.proc_sel + 1).min(form.processes.len().saturating_sub(1))
            }
            Some(Cmd::Up) if in_list && ev.code == KeyCode::Up => {
                form.proc_sel = form.proc_sel.saturating_sub(1)
            }
            Some(Cmd::Down) => form.focus = (form.focus + 1).min(last),
            Some(Cmd::Up) => form.focus = form.focus.saturating_sub(1),
            Some(Cmd::Toggle) if in_list => {
                if let Some(p) = form.processes.get_mut(form.proc_sel) {
                    p.2 = !p.2;
                }
            }
            Some(Cmd::ToggleAll) if in_list => {
                let all = form.processes.iter().all(|p| p.2);
                for p in &mut form.processes {
                    p.2 = !all;
                }
            }
            _ => {
                if form.focus < form.fields.len() {
                    form.fields[form.focus].input(ev);
                }
            }
        }
        vec![]
    }

    // -----------------------------------------------------------------------------------------
    // Mouse
    // -----------------------------------------------------------------------------------------

    fn mouse(&mut self, ev: MouseEvent) -> Vec<Effect> {
        if self.overlay.is_some() {
            return vec![];
        }
        let pos = Position::new(ev.column, ev.row);
        let area = Rect::new(0, 0, self.size.0, self.size.1);
        match self.screen {
            Screen::Walk => {
                let n_attrs = self
                    .selected_process()
                    .map(|pi| self.visible_attributes(pi).len())
                    .unwrap_or(0);
                let l = super::view::walk_layout(area, n_attrs);
                let scroll = match ev.kind {
                    MouseEventKind::ScrollUp => Some(Cmd::Up),
                    MouseEventKind::ScrollDown => Some(Cmd::Down),
                    _ => None,
                };
                if let Some(c) = scroll {
                    let pane = if l.processes.contains(pos) {
                        Pane::Processes
                    } else if l.attributes.contains(pos) {
                        Pane::Attributes
                    } else {
                        Pane::Detail
                    };
                    self.walk.focus = pane;
                    return self.walk_command(c);
                }
                if ev.kind != MouseEventKind::Down(MouseButton::Left) {
                    return vec![];
                }
                if l.processes.contains(pos) {
                    self.walk.focus = Pane::Processes;
                    let rows = super::view::process_rows(self);
                    let inner_top = l.processes.y + 1;
                    let height = l.processes.height.saturating_sub(2) as usize;
                    let sel_row = rows
                        .iter()
                        .position(|r| r.1 == Some(self.walk.proc_sel))
                        .unwrap_or(0);
                    let offset = super::view::list_offset(sel_row, height);
                    let row = (ev.row.saturating_sub(inner_top)) as usize + offset;
                    if let Some((_, Some(vp))) = rows.get(row) {
                        self.select_process(*vp);
                    }
                } else if l.attributes.contains(pos) {
                    self.walk.focus = Pane::Attributes;
                    let row = ev.row.saturating_sub(l.attributes.y + 1) as usize;
                    if row < n_attrs {
                        self.select_attribute(row);
                    }
                } else if l.detail.contains(pos) {
                    self.walk.focus = Pane::Detail;
                }
            }
            Screen::Home if ev.kind == MouseEventKind::Down(MouseButton::Left) => {
                // Rows start below the title and the header line.
                let row = ev.row.saturating_sub(4) as usize;
                if row < self.home.len() {
                    self.home_sel = row;
                }
            }
            _ => {}
        }
        vec![]
    }
}

/// True when a process's id, name, texts or indicators contain the (lower-case) query.
pub fn process_matches(model: &Model, id: &str, q: &str) -> bool {
    let Some(p) = model.process(id) else {
        return false;
    };
    let hit = |s: &str| s.to_lowercase().contains(q);
    hit(&p.id)
        || hit(&p.name)
        || hit(&p.purpose)
        || hit(&p.description)
        || p.outcomes.iter().any(|o| hit(&o.text))
        || p.base_practices
            .iter()
            .chain(p.information_items.iter())
            .any(|i| hit(&i.name) || hit(&i.text) || hit(&i.id))
        || p.guidance.questions.iter().any(|s| hit(s))
        || p.guidance.evidence.iter().any(|s| hit(s))
}
