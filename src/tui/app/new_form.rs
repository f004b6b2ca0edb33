//! The new-assessment form's keys: move between fields, type, choose the processes in scope,
//! create the assessment or go back.

use crate::tui::keys::Cmd;
use crate::tui::state::{App, Effect, Screen};
use ratatui::crossterm::event::KeyEvent;

impl App {
    /// A key in the new-assessment form (`cmd` is what the key table makes of it).
    pub(in crate::tui::app) fn new_form_key(
        &mut self,
        ev: KeyEvent,
        cmd: Option<Cmd>,
    ) -> Vec<Effect> {
        let Some(form) = &mut self.form else {
            return vec![];
        };
        let in_list = form.focus == form.list_focus();
        let on_button = form.focus == form.button_focus();
        let last = form.button_focus();
        match cmd {
            Some(Cmd::Back) if form.touched() => {
                self.discard = Some("Discard this new assessment?".to_string());
            }
            Some(Cmd::Back) => self.leave_new_form(),
            // Submit from anywhere, or Select on the Create button, creates.
            Some(Cmd::Submit) => return self.create_assessment(),
            Some(Cmd::Select) if on_button => return self.create_assessment(),
            // Select elsewhere moves on, like the next-field key.
            Some(Cmd::Select | Cmd::NextField) => form.focus = (form.focus + 1).min(last),
            Some(Cmd::PrevField) => form.focus = form.focus.saturating_sub(1),
            // In the process list Up and Down move in the list; the field keys leave it.
            Some(Cmd::Down) if in_list => {
                form.proc_sel = (form.proc_sel + 1).min(form.processes.len().saturating_sub(1))
            }
            Some(Cmd::Up) if in_list => form.proc_sel = form.proc_sel.saturating_sub(1),
            Some(Cmd::Down) => form.focus = (form.focus + 1).min(last),
            Some(Cmd::Up) => form.focus = form.focus.saturating_sub(1),
            Some(Cmd::Toggle) if in_list => {
                if let Some(p) = form.processes.get_mut(form.proc_sel) {
                    p.2 = !p.2;
                }
            }
            Some(Cmd::ToggleAll) if in_list => {
                let all = form.processes.iter().all(|p| p.2);
                for p in &mut form.processes {
                    p.2 = !all;
                }
            }
            _ => {
                if form.focus < form.fields.len() {
                    form.fields[form.focus].input(ev);
                }
            }
        }
        vec![]
    }

    /// Back to the list without creating anything.
    pub(in crate::tui::app) fn leave_new_form(&mut self) {
        self.form = None;
        self.screen = Screen::Home;
    }

    /// Checks the form: asks the shell to create the assessment, or shows what is wrong.
    fn create_assessment(&mut self) -> Vec<Effect> {
        let Some(form) = &mut self.form else {
            return vec![];
        };
        match form.request(&self.today) {
            Ok(req) => vec![Effect::Create(req)],
            Err(e) => {
                form.error = Some(e.to_string());
                vec![]
            }
        }
    }
}
