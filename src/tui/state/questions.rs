//! The questions checklist of the detail pane: the model's interview questions for the selected
//! attribute (for PA1.1 the process's own and the attribute's, above it the attribute's), which
//! one is selected, their records, and the coverage of a process as `capra question list`
//! counts it. Read-only, like the other queries.

use super::app::App;
use super::walk::Pane;
use crate::assessment::Question;
use crate::assessment::interview::question_parts;
use crate::assessment::interview_rules::{Coverage, questions_of};

impl App {
    /// The questions the detail pane lists for the selected attribute, each (id, text), in model
    /// order: `Q1`, ... (the process's own, under PA1.1), then `PA1.1.Q1`, ... (the attribute's).
    pub fn detail_questions(&self) -> Vec<(String, String)> {
        let (Some(doc), Some(pi), Some(attr_id)) = (
            &self.doc,
            self.selected_process(),
            self.selected_attribute(),
        ) else {
            return Vec::new();
        };
        let Some(attr) = doc.model.attribute(&attr_id) else {
            return Vec::new();
        };
        let process = doc.assessment.processes[pi].id.as_str();
        questions_of(&doc.model, process, attr.level)
            .into_iter()
            .filter(|(id, _)| match question_parts(id) {
                Some((None, _)) => attr.level == 1,
                Some((Some(a), _)) => a == attr_id,
                None => false,
            })
            .map(|(id, text)| (id, text.to_string()))
            .collect()
    }

    /// How many rows the detail pane can select: its findings, items and questions.
    pub fn detail_len(&self) -> usize {
        self.detail_findings().len() + self.detail_items().len() + self.detail_questions().len()
    }

    /// The place of the detail pane's selection among all it can select, kept to the last when
    /// the list got shorter.
    fn detail_place(&self) -> Option<usize> {
        if self.walk.focus != Pane::Detail {
            return None;
        }
        let n = self.detail_len();
        (n > 0).then(|| self.walk.item_sel.min(n - 1))
    }

    /// The place among the items of the selection, when an item is selected.
    pub(super) fn item_place(&self) -> Option<usize> {
        let i = self
            .detail_place()?
            .checked_sub(self.detail_findings().len())?;
        (i < self.detail_items().len()).then_some(i)
    }

    /// The id of the question selected in the detail pane: questions come after the findings
    /// and the items there.
    pub fn selected_question(&self) -> Option<String> {
        let before = self.detail_findings().len() + self.detail_items().len();
        let i = self.detail_place()?.checked_sub(before)?;
        self.detail_questions().get(i).map(|(id, _)| id.clone())
    }

    /// The record of a question of the selected process, if it has one.
    pub fn question_record(&self, id: &str) -> Option<&Question> {
        let doc = self.doc.as_ref()?;
        let pi = self.selected_process()?;
        doc.assessment
            .question(doc.assessment.processes[pi].id.as_str(), id)
    }

    /// How far the questions of a process are asked, as `capra question list` counts them: its
    /// own and those of the attributes up to its target level (at least level 1).
    pub fn question_coverage_of(&self, process: &str) -> Option<Coverage> {
        let doc = self.doc.as_ref()?;
        doc.assessment
            .question_coverage(&doc.model)
            .into_iter()
            .find(|c| c.process == process)
    }
}
