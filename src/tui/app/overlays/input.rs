//! The one-line inputs: in the improvement plan, the title of a new action, or the title, owner
//! or due date of the selected one; in the walk-through, the answer to a question (recorded by
//! `app/questions.rs`). A value that is refused (an empty title, a date that is not
//! YYYY-MM-DD) keeps the input open with what was typed and says why.

use crate::assessment::change::Change;
use crate::assessment::validate::valid_date;
use crate::assessment::{Action, ActionStatus};
use crate::located::{Id, Located};
use crate::tui::keys::Cmd;
use crate::tui::state::{App, Effect, InputField, Overlay};
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::{CursorMove, TextArea};

impl App {
    /// Opens a one-line input on a value.
    pub(in crate::tui::app) fn open_input(&mut self, field: InputField, current: &str) {
        let mut t = TextArea::new(vec![current.to_string()]);
        t.move_cursor(CursorMove::End);
        self.overlay = Some(Overlay::Input {
            field,
            text: Box::new(t),
            error: None,
        });
    }

    /// A key in a one-line input.
    pub(in crate::tui::app) fn input_key(&mut self, ev: KeyEvent, cmd: Option<Cmd>) -> Vec<Effect> {
        match cmd {
            Some(Cmd::Back) => {
                self.overlay = None;
                self.info("Nothing changed.");
                vec![]
            }
            Some(Cmd::Submit) => self.submit_input(),
            _ => {
                // One line: a new line is never typed.
                if ev.code != KeyCode::Enter
                    && let Some(Overlay::Input { text, .. }) = &mut self.overlay
                {
                    text.input(ev);
                }
                vec![]
            }
        }
    }

    fn submit_input(&mut self) -> Vec<Effect> {
        let Some(Overlay::Input { field, text, .. }) = &self.overlay else {
            return vec![];
        };
        let value = text.lines().join(" ").trim().to_string();
        let field = field.clone();
        let result = self.input_change(&field, &value);
        match result {
            Ok((change, what)) => {
                self.overlay = None;
                let effects = self.edit(change, &what);
                if field == InputField::NewAction && !effects.is_empty() {
                    self.select_last_action();
                }
                effects
            }
            Err(why) => {
                if let Some(Overlay::Input { error, .. }) = &mut self.overlay {
                    *error = Some(why.clone());
                }
                self.error(why);
                vec![]
            }
        }
    }

    /// The change an input asks for, or why the value is refused.
    fn input_change(&self, field: &InputField, value: &str) -> Result<(Change, String), String> {
        let doc = self
            .doc
            .as_ref()
            .ok_or_else(|| "No assessment is open.".to_string())?;
        let by = self.recorder().unwrap_or_default();
        let action = |id: &str| {
            doc.assessment
                .action(id)
                .cloned()
                .ok_or_else(|| format!("Action {id} is gone: nothing changed."))
        };
        match field {
            InputField::NewAction => {
                if value.is_empty() {
                    return Err("An action needs a title: say what to do.".into());
                }
                let id = doc
                    .assessment
                    .next_action_id()
                    .ok_or_else(|| "No action id is left: nothing added.".to_string())?;
                let mut x = Action::new(&id, value);
                x.process = self
                    .selected_process()
                    .map(|pi| Id::from(doc.assessment.processes[pi].id.as_str()));
                x.set_status(ActionStatus::Proposed, &self.today_or_now(), &by, "");
                let what = format!(
                    "{id} added{}",
                    x.process
                        .as_ref()
                        .map(|p| format!(" for {p}"))
                        .unwrap_or_default()
                );
                Ok((Change::PutAction(x), what))
            }
            InputField::Title(id) => {
                if value.is_empty() {
                    return Err("An action needs a title: say what to do.".into());
                }
                let mut x = action(id)?;
                x.title = value.to_string();
                Ok((Change::PutAction(x), format!("{id}: title saved")))
            }
            InputField::Owner(id) => {
                let mut x = action(id)?;
                x.owner = value.to_string();
                let what = if value.is_empty() {
                    format!("{id}: no owner")
                } else {
                    format!("{id}: owner {value}")
                };
                Ok((Change::PutAction(x), what))
            }
            InputField::Answer { process, question } => {
                self.answer_change(process, question, value)
            }
            InputField::Due(id) => {
                if !value.is_empty() && !valid_date(value) {
                    return Err(format!(
                        "'{value}' is not a date: write YYYY-MM-DD, or nothing for none."
                    ));
                }
                let mut x = action(id)?;
                x.due = Located::new(value.to_string());
                let what = if value.is_empty() {
                    format!("{id}: no due date")
                } else {
                    format!("{id}: due {value}")
                };
                Ok((Change::PutAction(x), what))
            }
        }
    }

    /// Today as the shell gave it, or the system's today when it gave none.
    pub(in crate::tui::app) fn today_or_now(&self) -> String {
        if self.today.is_empty() {
            crate::fsio::today()
        } else {
            self.today.clone()
        }
    }
}
