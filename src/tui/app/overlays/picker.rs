//! The evidence picker: filter the register, link or unlink an item to the selected slot, or
//! go to the form for a new item.

use crate::assessment::change::Field;
use crate::tui::keys::{self, Cmd, Ctx};
use crate::tui::state::{App, Effect, Overlay};
use ratatui::crossterm::event::KeyEvent;

impl App {
    /// Opens the picker with no filter.
    pub(in crate::tui::app) fn open_picker(&mut self) {
        self.overlay = Some(Overlay::Picker(Box::default()));
    }

    /// A key in the picker: the table's commands, anything else goes to the filter.
    pub(in crate::tui::app) fn picker_key(
        &mut self,
        ev: KeyEvent,
        cmd: Option<Cmd>,
    ) -> Vec<Effect> {
        let n = self.picker_items().len();
        match cmd {
            Some(Cmd::Back) => self.overlay = None,
            Some(Cmd::Toggle) => return self.toggle_link(),
            Some(Cmd::NewEvidence) => {
                self.overlay = Some(Overlay::EvidenceForm(Box::default()));
            }
            _ => {
                let Some(Overlay::Picker(p)) = &mut self.overlay else {
                    return vec![];
                };
                match cmd {
                    Some(Cmd::Up) => p.selected = p.selected.saturating_sub(1),
                    Some(Cmd::Down) => p.selected = (p.selected + 1).min(n.saturating_sub(1)),
                    // Anything else is typed into the filter.
                    _ => {
                        if p.filter.input(ev) {
                            p.selected = 0;
                        }
                    }
                }
            }
        }
        vec![]
    }

    /// Links the selected item to the slot, or unlinks it.
    fn toggle_link(&mut self) -> Vec<Effect> {
        let items = self.picker_items();
        let sel = match &self.overlay {
            Some(Overlay::Picker(p)) => p.selected,
            _ => 0,
        };
        let Some((id, _, _, linked)) = items.get(sel).cloned() else {
            let msg = format!(
                "The register is empty: {} adds an item.",
                keys::label(Ctx::Picker, Cmd::NewEvidence)
            );
            self.info(msg);
            return vec![];
        };
        let mut ids = self.linked_evidence();
        if linked {
            ids.retain(|x| x != &id);
        } else {
            ids.push(id.clone());
        }
        let what = if linked {
            format!("{id} unlinked")
        } else {
            format!("{id} linked")
        };
        self.set(Field::Evidence(ids), &what)
    }
}
