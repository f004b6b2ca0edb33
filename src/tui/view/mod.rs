//! Drawing: a pure function of [`App`]. Nothing here changes state or touches a file. Each
//! screen and each overlay is drawn by a file of its own; the geometry the mouse shares comes
//! from `layout`, every key named on screen from the key table.
//!
//! Text that comes from files (model texts, notes, titles) goes through [`clean`] before it is
//! drawn, so an escape sequence inside a note is shown, never sent to the terminal.

mod attributes;
mod chrome;
mod clock;
mod detail;
mod detail_reference;
mod home;
mod iso27001;
mod new_form;
mod overlays;
mod plan;
mod processes;
mod questions;
mod summary;
mod text;
mod walk;

pub use detail::detail_geometry;
pub use text::{clean, wrap_words};

use crate::tui::state::{App, Screen};
use ratatui::Frame;

/// Draws the screen, then the overlay over it, if any.
pub fn view(app: &App, f: &mut Frame) {
    let area = f.area();
    match app.screen {
        Screen::Home => home::home(app, f, area),
        Screen::NewForm => new_form::new_form(app, f, area),
        Screen::Walk => walk::walk(app, f, area),
        Screen::Summary => summary::summary(app, f, area),
        Screen::Plan => plan::plan(app, f, area),
    }
    if let Some(o) = &app.overlay {
        overlays::overlay(app, o, f, area);
    }
    if let Some(q) = &app.discard {
        overlays::discard(app, q, f, area);
    }
}
