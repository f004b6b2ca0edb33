//! The running clock of the interview going on now, as the title bar and the agenda show it:
//! "I-002 Dana Lee 23/45 min", and, past the time box, "over by 4 min" in the warning style.

use crate::tui::state::{App, Clock};
use crate::tui::view::text::clean;
use ratatui::text::Span;

/// The clock's spans.
pub fn clock_spans(app: &App, c: &Clock) -> Vec<Span<'static>> {
    let t = &app.theme;
    let mut v = vec![Span::styled(clean(&c.label()), t.heading())];
    if let Some(over) = c.over() {
        v.push(Span::styled(format!(" over by {over} min"), t.warn()));
    }
    v
}

/// The clock for the title bar, with the space after it; nothing when no interview is going on.
pub fn title_clock(app: &App) -> Vec<Span<'static>> {
    let Some(c) = app.clock() else {
        return Vec::new();
    };
    let mut v = clock_spans(app, &c);
    v.push(Span::raw("  "));
    v
}
