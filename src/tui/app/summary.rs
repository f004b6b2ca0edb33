//! The summary screen's keys: scroll, back to the walk-through, write the report, the plan.

use crate::tui::keys::Cmd;
use crate::tui::state::{App, Effect, Screen, SummaryPage};

impl App {
    /// Carries out a command of the summary.
    pub(in crate::tui::app) fn summary_command(&mut self, c: Cmd) -> Vec<Effect> {
        let iso = self.summary_page == SummaryPage::Iso27001;
        match c {
            Cmd::Back => self.screen = Screen::Walk,
            Cmd::Up if iso => self.iso_sel = self.iso_sel.saturating_sub(1),
            Cmd::Down if iso => {
                let n = self.iso27001_rows().len();
                self.iso_sel = (self.iso_sel + 1).min(n.saturating_sub(1));
            }
            Cmd::Up => self.summary_scroll = self.summary_scroll.saturating_sub(1),
            Cmd::Down => self.summary_scroll = self.summary_scroll.saturating_add(1),
            Cmd::Iso27001 if iso => {
                self.summary_page = SummaryPage::Levels;
                self.summary_scroll = 0;
            }
            Cmd::Iso27001 => self.open_iso27001(),
            Cmd::Select if iso => self.go_to_iso27001(),
            Cmd::Report => return self.write_report(),
            Cmd::Plan => self.open_plan(),
            _ => {}
        }
        vec![]
    }

    /// Shows the summary's ISO/IEC 27001 page, when the model has a catalogue.
    pub(in crate::tui::app) fn open_iso27001(&mut self) {
        if !self.doc.as_ref().is_some_and(|d| d.has_catalogue()) {
            self.info("The model has no ISO/IEC 27001 catalogue of clauses and controls.");
            return;
        }
        self.screen = Screen::Summary;
        self.summary_page = SummaryPage::Iso27001;
        let n = self.iso27001_rows().len();
        self.iso_sel = self.iso_sel.min(n.saturating_sub(1));
    }

    /// Goes to the first process in scope behind the selected clause or control, at its first
    /// attribute.
    fn go_to_iso27001(&mut self) {
        let Some(e) = self.selected_iso27001() else {
            return;
        };
        let what = if e.theme.is_empty() {
            "Clause"
        } else {
            "Control"
        };
        let Some(p) = e.processes.iter().find(|s| s.in_scope) else {
            self.info(format!(
                "{what} {}: no process behind it is in the scope of this assessment.",
                e.id
            ));
            return;
        };
        let pid = p.process.clone();
        if !self.go_to(&pid, None, None) {
            // Hidden by the walk-through's filter or search: show everything, then go.
            self.walk.filter = crate::tui::state::Filter::All;
            self.walk.query.clear();
            if !self.go_to(&pid, None, None) {
                return;
            }
        }
        self.walk.focus = crate::tui::state::Pane::Processes;
        self.screen = Screen::Walk;
        self.info(format!(
            "{what} {} {}: {pid} {}",
            e.id,
            e.verdict.word(),
            p.role.word()
        ));
    }

    /// Asks the shell for the report (from the walk-through or the summary).
    pub(in crate::tui::app) fn write_report(&mut self) -> Vec<Effect> {
        self.report_or_ask()
    }
}
