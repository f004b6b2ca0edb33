//! The terminal UI's state: [`App`] and the types it is made of, and the read-only questions on
//! it. Both the update logic (`app/`) and the drawing (`view/`) use it; it uses neither.

mod agenda;
mod app;
mod doc;
mod draft;
mod drafting;
mod flagged;
mod forms;
mod interviews;
mod iso27001;
mod messages;
mod overlay;
mod plan;
mod queries;
mod questions;
mod search;
mod settings;
mod walk;

pub use agenda::{
    Clock, Current, INTERVIEW_LABELS, InterviewForm, REQUEST_LABELS, RequestForm, clock,
};
pub use app::{App, HomeEntry, Level, Screen, Status, SummaryPage};
pub use doc::Doc;
pub use draft::{Draft, DraftEditor, LastPlace};
pub use flagged::Flagged;
pub use forms::{
    EVIDENCE_LABELS, EvidenceForm, FORM_LABELS, FormError, NewAssessment, NewForm, parse_team,
};
pub use iso27001::{ProcessEntry, ThemeCounts, theme_counts};
pub use messages::{Action, Effect, Failure};
pub use overlay::{Goto, Overlay, Picker, Search};
pub use plan::{FindingDraft, InputField, Plan, StatusFilter, kind_label};
pub use queries::process_matches;
pub use search::{Hit, Target, fold};
pub use settings::{GROUPS, SettingEdit, Settings, is_long, ordered};
pub use walk::{Anchor, DetailGeometry, Filter, Pane, Walk};
