//! Before the report is written: when something keeps it a draft (the open items of
//! `report::status`), say what and ask whether to write it anyway; when nothing is open, write
//! at once.

use crate::tui::keys::Cmd;
use crate::tui::state::{App, Effect, Overlay};

impl App {
    /// Writes the report, or first asks when something keeps it a draft.
    pub(in crate::tui::app) fn report_or_ask(&mut self) -> Vec<Effect> {
        let open = match &self.doc {
            Some(doc) => {
                let warnings = crate::check::check(&doc.model, &doc.assessment, &doc.profile);
                crate::report::status::open_items(
                    &doc.model,
                    &doc.assessment,
                    &doc.profile,
                    &warnings,
                )
            }
            None => return vec![],
        };
        if open.is_empty() {
            return self.report_now();
        }
        self.overlay = Some(Overlay::DraftReport { open, scroll: 0 });
        vec![]
    }

    fn report_now(&mut self) -> Vec<Effect> {
        self.info("Writing the report…");
        vec![Effect::Report]
    }

    /// A key on the question.
    pub(in crate::tui::app) fn draft_report_command(&mut self, c: Cmd) -> Vec<Effect> {
        let Some(Overlay::DraftReport { open, scroll }) = &mut self.overlay else {
            return vec![];
        };
        match c {
            Cmd::Submit => {
                self.overlay = None;
                self.report_now()
            }
            Cmd::Back => {
                self.overlay = None;
                self.info("No report written.");
                vec![]
            }
            Cmd::Up => {
                *scroll = scroll.saturating_sub(1);
                vec![]
            }
            Cmd::Down => {
                *scroll = (*scroll + 1).min(open.len() as u16);
                vec![]
            }
            _ => vec![],
        }
    }
}
