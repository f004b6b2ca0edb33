//! The terminal UI's `update` (the Elm architecture): an [`Action`] in, the state changed, the
//! [`Effect`]s for the shell out. Keys are turned into commands by the key table and handed to
//! the handler of the context they were pressed in; each screen and overlay has its handler in
//! a file of its own. Assessments are edited only through `Change`s (via the history, so every
//! edit can be undone). Nothing here does I/O, so every key can be tested without a terminal.
//!
//! The state types live in `state`; they are re-exported here under their old paths.

mod discard;
mod edit;
mod home;
mod mouse;
mod new_form;
mod overlays;
mod plan;
mod questions;
mod rate;
mod reload;
mod select;
mod summary;
mod target;
mod undo;
mod walk;

pub use crate::tui::state::{
    Action, App, Doc, EVIDENCE_LABELS, Effect, EvidenceForm, FORM_LABELS, Filter, HomeEntry, Level,
    NewAssessment, NewForm, Overlay, Pane, Picker, Screen, Status, Walk, parse_team,
    process_matches,
};

use crate::tui::keys::{self, Cmd, Ctx};
use ratatui::crossterm::event::{KeyEvent, KeyEventKind};

impl App {
    /// Changes the state for one action; returns the work for the shell.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Key(ev) => return self.key(ev),
            Action::Mouse(ev) => return self.mouse(ev),
            Action::Resize(w, h) => self.size = (w, h),
            Action::Opened(res) => match *res {
                Ok(doc) => self.open(doc),
                Err(e) => self.error(e.to_string()),
            },
            Action::Reloaded(doc) => self.reloaded(*doc),
            Action::DetailMeasured(g) => {
                self.walk.detail_scroll = self.walk.detail_scroll.min(g.max_scroll);
                self.walk.detail_geom = Some(g);
            }
            Action::Saved(Ok(())) => {}
            Action::Saved(Err(e)) => self.error(format!(
                "NOT SAVED: {e}. Your change is kept in memory; fix the cause and make any change to save again."
            )),
            Action::Conflict(recovery) => self.overlay = Some(Overlay::Conflict { recovery }),
            Action::Locked { path, holder } => {
                self.overlay = Some(Overlay::Locked { path, holder })
            }
            Action::RecoveryFound(path) => self.overlay = Some(Overlay::Recovery { path }),
            Action::DraftFound(d) => self.offer_draft(d),
            Action::Tick(now) => self.now = Some(now),
            Action::ReturnTo(place) => {
                self.resume_interview(place.interview.clone());
                if self.go_to(
                    &place.process,
                    place.attribute.as_deref(),
                    place.instance.as_deref(),
                ) {
                    let mut at = place.process.clone();
                    if let Some(a) = &place.attribute {
                        at = format!("{at} {a}");
                    }
                    self.info(format!("Back at {at}, where you left off."));
                }
            }
            Action::ReportWritten(Ok(paths)) => {
                let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                self.ok(format!("Report written: {}", names.join(", ")));
            }
            Action::ReportWritten(Err(e)) => self.error(format!("Report not written: {e}")),
            Action::HomeLoaded(entries) => {
                self.home = entries;
                self.home_sel = self.home_sel.min(self.home.len().saturating_sub(1));
            }
        }
        vec![]
    }

    /// A key: the key table says which command it is in the context it was pressed in, and the
    /// context's handler carries it out. Contexts that take text get the key too.
    fn key(&mut self, ev: KeyEvent) -> Vec<Effect> {
        if ev.kind != KeyEventKind::Press {
            return vec![];
        }
        let ctx = self.ctx();
        let cmd = keys::command_for(ctx, &ev);
        match ctx {
            Ctx::Note => self.note_key(ev, cmd),
            Ctx::Finding => self.finding_key(ev, cmd),
            Ctx::Input => self.input_key(ev, cmd),
            Ctx::PlanStatus => self.plan_status_command(cmd),
            Ctx::Search => self.search_key(ev, cmd),
            Ctx::Goto => self.goto_key(ev, cmd),
            Ctx::Picker => self.picker_key(ev, cmd),
            Ctx::EvidenceForm | Ctx::EvidenceKind => self.evidence_form_key(ev, cmd),
            Ctx::NewForm => self.new_form_key(ev, cmd),
            Ctx::Ack => self.ack_key(ev, cmd),
            Ctx::Target => self.target_command(cmd),
            Ctx::Flagged => self.flagged_key(ev, cmd),
            Ctx::InterviewForm => self.interview_form_key(ev, cmd),
            Ctx::SettingsEdit => self.settings_edit_key(ev, cmd),
            Ctx::RequestForm => self.request_form_key(ev, cmd),
            _ => match cmd {
                Some(cmd) => self.command(cmd),
                None => vec![],
            },
        }
    }

    /// Carries out a command of the key table in the context of the moment.
    pub fn command(&mut self, cmd: Cmd) -> Vec<Effect> {
        match (self.ctx(), cmd) {
            (Ctx::Legend, Cmd::Quit) => {
                self.overlay = None;
                vec![]
            }
            (_, Cmd::Quit) => {
                self.quit = true;
                vec![Effect::Quit]
            }
            (Ctx::Help, Cmd::Back | Cmd::Up | Cmd::Down | Cmd::Legend) => self.help_command(cmd),
            (Ctx::Legend, Cmd::Back | Cmd::Up | Cmd::Down) => self.legend_command(cmd),
            (_, Cmd::Help) => {
                self.open_help();
                vec![]
            }
            (Ctx::Conflict, c) => self.conflict_command(c),
            (Ctx::Locked, c) => self.locked_command(c),
            (Ctx::Warnings, c) => self.warnings_command(c),
            (Ctx::Agenda, c) => self.agenda_command(c),
            (Ctx::Requests, c) => self.requests_command(c),
            (Ctx::Recovery, c) => self.recovery_command(c),
            (Ctx::Draft, c) => self.draft_command(c),
            (Ctx::Home, c) => self.home_command(c),
            (Ctx::Summary, c) => self.summary_command(c),
            (Ctx::Plan, c) => self.plan_command(c),
            (Ctx::Confirm, c) => self.confirm_command(c),
            (Ctx::Settings, c) => self.settings_command(c),
            (Ctx::Discard, c) => self.discard_command(c),
            (Ctx::Register, c) => self.register_command(c),
            (Ctx::DraftReport, c) => self.draft_report_command(c),
            (Ctx::Walk, c) => self.walk_command(c),
            (Ctx::Target, c) => self.target_command(Some(c)),
            _ => vec![],
        }
    }
}
