//! The settings form: open it, move through the keys, edit one (a one-line input or the
//! multi-line editor), clear one. A value is checked and turned into a `Change` by the same
//! core function as `capra set` (`report::status::set_key`), so a refusal says the same words
//! and every save can be undone.

use super::note::editor;
use crate::assessment::keys::{self, Key};
use crate::report::status::{self, Refused};
use crate::tui::keys::Cmd;
use crate::tui::state::{App, Effect, Overlay, SettingEdit, Settings, is_long, ordered};
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::{CursorMove, TextArea};

impl App {
    /// Opens the settings form on its first key.
    pub(in crate::tui::app) fn open_settings(&mut self) {
        if self.doc.is_some() {
            self.overlay = Some(Overlay::Settings(Box::default()));
        }
    }

    fn settings(&mut self) -> Option<&mut Settings> {
        match &mut self.overlay {
            Some(Overlay::Settings(s)) => Some(s),
            _ => None,
        }
    }

    /// A command in the list of settings.
    pub(in crate::tui::app) fn settings_command(&mut self, cmd: Cmd) -> Vec<Effect> {
        let n = ordered().len();
        match cmd {
            Cmd::Up => {
                if let Some(s) = self.settings() {
                    s.selected = s.selected.saturating_sub(1);
                }
            }
            Cmd::Down => {
                if let Some(s) = self.settings() {
                    s.selected = (s.selected + 1).min(n.saturating_sub(1));
                }
            }
            Cmd::Select => self.edit_setting(),
            Cmd::Clear => {
                if let Some(k) = self.selected_setting() {
                    return self.save_setting(k, &[String::new()]);
                }
            }
            Cmd::Undo => return self.undo_redo(true),
            Cmd::Back => self.overlay = None,
            _ => {}
        }
        vec![]
    }

    fn selected_setting(&self) -> Option<&'static Key> {
        match &self.overlay {
            Some(Overlay::Settings(s)) => ordered().get(s.selected).copied(),
            _ => None,
        }
    }

    /// Opens the editor on the selected key, with its value.
    fn edit_setting(&mut self) {
        let (Some(k), Some(doc)) = (self.selected_setting(), &self.doc) else {
            return;
        };
        let lines = keys::get_lines(&doc.assessment, k.name).unwrap_or_default();
        let value = lines.join("\n");
        let long = is_long(k, &value);
        let text = if long {
            editor(&value)
        } else {
            let mut t = TextArea::new(vec![value.clone()]);
            t.move_cursor(CursorMove::End);
            t
        };
        if let Some(s) = self.settings() {
            s.edit = Some(SettingEdit {
                key: k,
                text: Box::new(text),
                long,
                original: value,
                error: None,
            });
        }
    }

    /// A key while a setting is edited: saving, cancelling, or text.
    pub(in crate::tui::app) fn settings_edit_key(
        &mut self,
        ev: KeyEvent,
        cmd: Option<Cmd>,
    ) -> Vec<Effect> {
        let Some(Settings {
            edit: Some(edit), ..
        }) = self.settings()
        else {
            return vec![];
        };
        let submit = match cmd {
            Some(Cmd::Submit) => true,
            Some(Cmd::Select) => !edit.long,
            Some(Cmd::Back) => {
                if edit.changed() {
                    self.discard = Some(format!("Discard your change to {}?", edit.key.name));
                } else {
                    self.leave_setting_edit();
                }
                return vec![];
            }
            _ => false,
        };
        if !submit {
            if edit.long || ev.code != KeyCode::Enter {
                edit.text.input(ev);
            }
            return vec![];
        }
        let k = edit.key;
        let typed = edit.typed();
        let values: Vec<String> = if k.kind.is_entries() {
            typed.lines().map(str::to_string).collect()
        } else {
            vec![typed]
        };
        let values = if values.is_empty() {
            vec![String::new()]
        } else {
            values
        };
        self.save_setting(k, &values)
    }

    /// Closes the editor of a setting without saving.
    pub(in crate::tui::app) fn leave_setting_edit(&mut self) {
        if let Some(s) = self.settings()
            && let Some(edit) = s.edit.take()
        {
            self.info(format!("{}: nothing changed.", edit.key.name));
        }
    }

    /// Sets a key through the core's check; a refusal keeps the editor open with the reason.
    fn save_setting(&mut self, k: &'static Key, values: &[String]) -> Vec<Effect> {
        let Some(doc) = &self.doc else {
            return vec![];
        };
        let result = status::set_key(&doc.model, &doc.assessment, k.name, values, None);
        match result {
            Ok(change) => {
                let effects = self.edit(change, "");
                if effects.is_empty() {
                    return effects;
                }
                if let Some(s) = self.settings() {
                    s.edit = None;
                }
                let value = self
                    .doc
                    .as_ref()
                    .and_then(|d| keys::get(&d.assessment, k.name).ok())
                    .unwrap_or_default();
                self.ok(if value.is_empty() {
                    format!("{} cleared.", k.name)
                } else {
                    format!("{} saved.", k.name)
                });
                effects
            }
            Err(why) => {
                let text = match why {
                    Refused::Invalid(e) => format!("{e}. Nothing was changed."),
                    Refused::StillOpen(open) => format!(
                        "The report would still be a draft ({} open):\n{}\nSettle them first (capra set --force REASON makes it final anyway). Nothing was changed.",
                        open.len(),
                        open.iter()
                            .map(|o| format!("  {o}"))
                            .collect::<Vec<_>>()
                            .join("\n")
                    ),
                    Refused::ForceNotFinal => "Nothing was changed.".to_string(),
                };
                let first = text.lines().next().unwrap_or_default().to_string();
                match self.settings() {
                    Some(Settings {
                        edit: Some(edit), ..
                    }) => edit.error = Some(text),
                    _ => {
                        self.error(text);
                        return vec![];
                    }
                }
                self.error(first);
                vec![]
            }
        }
    }
}
