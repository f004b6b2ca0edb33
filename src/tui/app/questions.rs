//! The questions checklist of the detail pane: the answer key opens a one-line input on the
//! selected question's answer, and saving it records the question as asked (in the interview
//! going on, if one is); the clear key records it as still to ask. Both go through
//! `Assessment::asked_question`, as `capra question ask` does, and apply a `Change`, so undo
//! works.

use crate::assessment::change::Change;
use crate::assessment::interview_rules::Asked;
use crate::tui::keys::{self, Cmd, Ctx};
use crate::tui::state::{App, Effect, InputField, Pane};

impl App {
    /// Selects, in the detail pane, the first question of the checklist not asked yet (the
    /// first of all when every one is).
    pub(in crate::tui::app) fn select_first_question(&mut self) {
        let questions = self.detail_questions();
        if questions.is_empty() {
            self.info("The model gives no questions to ask here.");
            return;
        }
        let first = questions
            .iter()
            .position(|(id, _)| !self.question_record(id).is_some_and(|q| q.asked))
            .unwrap_or(0);
        self.walk.focus = Pane::Detail;
        self.walk.item_sel = self.detail_findings().len() + self.detail_items().len() + first;
        self.info(format!(
            "The questions to ask: {} records the answer, {} marks one to ask again.",
            keys::label(Ctx::Walk, Cmd::Select),
            keys::label(Ctx::Walk, Cmd::Clear)
        ));
    }

    /// Opens the input on the answer of the selected question (not when read-only: nothing
    /// typed there could be saved).
    pub(in crate::tui::app) fn answer_question(&mut self) {
        let (Some(q), Some(process)) = (self.selected_question(), self.selected_process_id())
        else {
            return;
        };
        if self.doc.as_ref().is_some_and(|d| d.read_only) {
            self.error("Read-only: nothing can be changed here.");
            return;
        }
        let current = self
            .question_record(&q)
            .map(|r| r.answer.clone())
            .unwrap_or_default();
        self.open_input(
            InputField::Answer {
                process,
                question: q,
            },
            &current,
        );
    }

    /// Records the selected question as still to ask (its answer kept).
    pub(in crate::tui::app) fn unask_question(&mut self) -> Vec<Effect> {
        let (Some(q), Some(process)) = (self.selected_question(), self.selected_process_id())
        else {
            return vec![];
        };
        if !self.question_record(&q).is_some_and(|r| r.asked) {
            self.info(format!("{q} is not marked asked: nothing changed."));
            return vec![];
        }
        let said = Asked {
            asked: false,
            ..Asked::default()
        };
        match self.question_change(&process, &q, said) {
            Ok(change) => self.edit(change, &format!("{process} {q}: to ask")),
            Err(why) => {
                self.error(why);
                vec![]
            }
        }
    }

    /// The change that records question `q` of a process with an answer, as asked in the
    /// interview going on (if one is), or why it cannot.
    pub(in crate::tui::app) fn answer_change(
        &self,
        process: &str,
        q: &str,
        answer: &str,
    ) -> Result<(Change, String), String> {
        let said = Asked {
            asked: true,
            interview: self.current.as_ref().map(|c| c.id.clone()),
            answer: Some(answer.to_string()),
            item: None,
        };
        let change = self.question_change(process, q, said)?;
        let during = self
            .current
            .as_ref()
            .map(|c| format!(" in {}", c.id))
            .unwrap_or_default();
        Ok((change, format!("{process} {q}: asked{during}")))
    }

    fn question_change(&self, process: &str, q: &str, said: Asked) -> Result<Change, String> {
        let doc = self
            .doc
            .as_ref()
            .ok_or_else(|| "No assessment is open.".to_string())?;
        let record = doc
            .assessment
            .asked_question(&doc.model, process, q, said)
            .map_err(|why| format!("{why}: nothing changed."))?;
        Ok(Change::PutQuestion(record))
    }

    /// The id of the selected process.
    fn selected_process_id(&self) -> Option<String> {
        let doc = self.doc.as_ref()?;
        let pi = self.selected_process()?;
        Some(doc.assessment.processes[pi].id.to_string())
    }
}
