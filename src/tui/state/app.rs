//! [`App`], the whole state of the terminal UI, with its constructors, the status line setters
//! and the context keys are read in.

use super::doc::Doc;
use super::forms::{EvidenceForm, NewForm};
use super::overlay::Overlay;
use super::plan::Plan;
use super::walk::Walk;
use crate::model::Model;
use crate::tui::keys::{self, Cmd, Ctx};
use crate::tui::theme::Theme;
use std::path::PathBuf;

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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Home,
    NewForm,
    Walk,
    Summary,
    /// The improvement plan: the actions, their owners, due dates and status.
    Plan,
}

/// The page of the summary screen shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SummaryPage {
    /// Levels against target and the heat map.
    #[default]
    Levels,
    /// ISO/IEC 27001 readiness: clauses, controls per theme, controls at risk.
    Iso27001,
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
    /// The page of the summary shown: levels or ISO/IEC 27001 readiness.
    pub summary_page: SummaryPage,
    /// The selected row of the ISO/IEC 27001 page (a clause or a control at risk).
    pub iso_sel: usize,
    pub plan: Plan,
    pub status: Option<Status>,
    pub size: (u16, u16),
    pub assessor: Option<String>,
    /// Today's date (YYYY-MM-DD), set by the shell, for acknowledgements, findings, changes of
    /// an action's status and overdue marks.
    pub today: String,
    /// The model new assessments are made from (the shipped ISMS model).
    pub new_model: Option<Model>,
    /// A draft found beside the file, offered once the question asked before it is answered.
    pub draft_waiting: Option<Box<super::draft::Draft>>,
    /// The interview going on now (started from the agenda), if any.
    pub current: Option<super::agenda::Current>,
    /// The time of the last tick, in seconds since 1970 (set by the shell, `Action::Tick`).
    pub now: Option<i64>,
    /// Leaving a form with text typed and not saved: the question asked first (yes leaves it).
    pub discard: Option<String>,
    /// The guidance beside an editor toggled from its default (shown on a wide screen, hidden
    /// on a narrow one).
    pub guidance_toggled: bool,
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
            summary_page: SummaryPage::Levels,
            iso_sel: 0,
            plan: Plan::default(),
            status: None,
            size: (80, 24),
            assessor: None,
            today: String::new(),
            new_model: None,
            draft_waiting: None,
            current: None,
            now: None,
            discard: None,
            guidance_toggled: false,
            quit: false,
        }
    }

    /// An app with a document open on the walk-through.
    pub fn with_doc(theme: Theme, doc: Doc) -> App {
        let mut app = App::new(theme);
        app.open(doc);
        app
    }

    /// Shows a document on the walk-through, from its first process.
    pub fn open(&mut self, doc: Doc) {
        let ro = doc.read_only;
        self.doc = Some(doc);
        self.screen = Screen::Walk;
        self.walk = Walk::default();
        self.plan = Plan::default();
        self.overlay = None;
        self.discard = None;
        self.draft_waiting = None;
        self.current = None;
        self.info(if ro {
            "Opened read-only: nothing can be changed.".to_string()
        } else {
            format!(
                "Every change is saved at once. Press {} for help.",
                keys::label(Ctx::Walk, Cmd::Help)
            )
        });
    }

    /// Who is recorded as doing an edit on screen: the assessor given (`--assessor`,
    /// `$CAPRA_ASSESSOR`), else the open assessment's lead assessor (the rule the command line
    /// uses: `Assessment::recorder`).
    pub fn recorder(&self) -> Option<String> {
        match &self.doc {
            Some(doc) => doc.assessment.recorder(self.assessor.as_deref()),
            None => self.assessor.as_ref().map(|a| a.trim().to_string()),
        }
    }

    /// Says something on the status line.
    pub fn info(&mut self, s: impl Into<String>) {
        self.status = Some(Status {
            text: s.into(),
            level: Level::Info,
        });
    }

    /// Says on the status line that something was done.
    pub fn ok(&mut self, s: impl Into<String>) {
        self.status = Some(Status {
            text: s.into(),
            level: Level::Ok,
        });
    }

    /// Says on the status line that something went wrong.
    pub fn error(&mut self, s: impl Into<String>) {
        self.status = Some(Status {
            text: s.into(),
            level: Level::Error,
        });
    }

    /// The context keys are read in now.
    pub fn ctx(&self) -> Ctx {
        if self.discard.is_some() {
            return Ctx::Discard;
        }
        match &self.overlay {
            Some(Overlay::Help { .. }) => Ctx::Help,
            Some(Overlay::Legend { .. }) => Ctx::Legend,
            Some(Overlay::Note { .. }) => Ctx::Note,
            Some(Overlay::Finding { .. }) => Ctx::Finding,
            Some(Overlay::Confirm { .. }) => Ctx::Confirm,
            Some(Overlay::Input { .. }) => Ctx::Input,
            Some(Overlay::Picker(_)) => Ctx::Picker,
            Some(Overlay::EvidenceForm(f)) if f.focus == EvidenceForm::KIND => Ctx::EvidenceKind,
            Some(Overlay::EvidenceForm(_)) => Ctx::EvidenceForm,
            Some(Overlay::Search(_)) => Ctx::Search,
            Some(Overlay::Goto(_)) => Ctx::Goto,
            Some(Overlay::Conflict { .. }) => Ctx::Conflict,
            Some(Overlay::Locked { .. }) => Ctx::Locked,
            Some(Overlay::Warnings { .. }) => Ctx::Warnings,
            Some(Overlay::Flagged { .. }) => Ctx::Flagged,
            Some(Overlay::Recovery { .. }) => Ctx::Recovery,
            Some(Overlay::Draft(_)) => Ctx::Draft,
            Some(Overlay::Ack { .. }) => Ctx::Ack,
            Some(Overlay::Agenda { .. }) => Ctx::Agenda,
            Some(Overlay::InterviewForm(_)) => Ctx::InterviewForm,
            Some(Overlay::DraftReport { .. }) => Ctx::DraftReport,
            Some(Overlay::Register { .. }) => Ctx::Register,
            Some(Overlay::Settings(s)) if s.edit.is_some() => Ctx::SettingsEdit,
            Some(Overlay::Settings(_)) => Ctx::Settings,
            Some(Overlay::Requests { .. }) => Ctx::Requests,
            Some(Overlay::RequestForm(_)) => Ctx::RequestForm,
            None if self.screen == Screen::Walk && self.walk.target_pending => Ctx::Target,
            None if self.screen == Screen::Plan && self.plan.status_pending => Ctx::PlanStatus,
            None => self.screen_ctx(),
        }
    }

    /// The context of the screen under any overlay: the one its bar of hints shows and the mouse
    /// is read in.
    pub fn screen_ctx(&self) -> Ctx {
        match self.screen {
            Screen::Home => Ctx::Home,
            Screen::NewForm => Ctx::NewForm,
            Screen::Walk => Ctx::Walk,
            Screen::Summary => Ctx::Summary,
            Screen::Plan => Ctx::Plan,
        }
    }
}
