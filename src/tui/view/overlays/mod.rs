//! The drawing of each overlay, one file each, and the dispatch to them.

mod ack;
mod agenda;
mod boxes;
mod confirm;
mod discard;
mod draft_report;
mod evidence_form;
mod flagged;
mod goto;
mod help;
mod input;
mod legend;
mod note;
mod picker;
mod register;
mod requests;
mod search;
mod settings;
mod warnings;

use crate::tui::state::{App, Overlay};
use ratatui::Frame;
use ratatui::layout::Rect;

/// Draws the question asked before leaving a form with unsaved text, over everything.
pub fn discard(app: &App, question: &str, f: &mut Frame, area: Rect) {
    discard::discard(app, question, f, area);
}

/// Draws an overlay over the screen.
pub fn overlay(app: &App, o: &Overlay, f: &mut Frame, area: Rect) {
    match o {
        Overlay::Help { scroll } => help::help(app, *scroll, f, area),
        Overlay::Legend { scroll } => legend::legend(app, *scroll, f, area),
        Overlay::Note { text, rationale } => note::note(app, text, *rationale, f, area),
        Overlay::Finding { text, draft } => note::finding(app, text, draft, f, area),
        Overlay::Confirm { question, .. } => confirm::confirm(app, question, f, area),
        Overlay::Input { field, text, error } => {
            input::input(app, field, text, error.as_deref(), f, area)
        }
        Overlay::Picker(p) => picker::picker(app, p, f, area),
        Overlay::EvidenceForm(form) => evidence_form::evidence_form(app, form, f, area),
        Overlay::Search(s) => search::search(app, s, f, area),
        Overlay::Goto(g) => goto::goto(app, g, f, area),
        Overlay::Warnings { selected } => warnings::warnings(app, *selected, f, area),
        Overlay::Flagged { selected } => flagged::flagged(app, *selected, f, area),
        Overlay::Ack { warning, text } => ack::ack(app, warning, text, f, area),
        Overlay::Recovery { path } => boxes::recovery(app, path, f, area),
        Overlay::Draft(d) => boxes::draft(app, d, f, area),
        Overlay::Conflict { recovery } => boxes::conflict(app, recovery, f, area),
        Overlay::Locked { path, holder } => boxes::locked(app, path, holder, f, area),
        Overlay::Agenda { selected } => agenda::agenda(app, *selected, f, area),
        Overlay::InterviewForm(form) => agenda::interview_form(app, form, f, area),
        Overlay::DraftReport { open, scroll } => {
            draft_report::draft_report(app, open, *scroll, f, area)
        }
        Overlay::Register { selected } => register::register(app, *selected, f, area),
        Overlay::Settings(s) => settings::settings(app, s, f, area),
        Overlay::Requests { selected } => requests::requests(app, *selected, f, area),
        Overlay::RequestForm(form) => requests::request_form(app, form, f, area),
    }
}
