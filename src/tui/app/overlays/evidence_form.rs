//! The evidence form: a new item, added to the register and linked to the selected slot in one
//! change; or an item of the register, edited (opened from the register).

use crate::assessment::change::{Change, Field};
use crate::assessment::{Evidence, EvidenceKind};
use crate::located::{Id, Located};
use crate::tui::keys::Cmd;
use crate::tui::state::{App, Effect, EvidenceForm, Overlay};
use ratatui::crossterm::event::KeyEvent;

impl App {
    /// A key in the new-evidence form. On the kind field the kind keys choose the kind and
    /// other keys do nothing; on the text fields they are text.
    pub(in crate::tui::app) fn evidence_form_key(
        &mut self,
        ev: KeyEvent,
        cmd: Option<Cmd>,
    ) -> Vec<Effect> {
        let Some(Overlay::EvidenceForm(f)) = &mut self.overlay else {
            return vec![];
        };
        let all = EvidenceKind::ALL;
        let i = all.iter().position(|k| *k == f.kind).unwrap_or(0);
        match cmd {
            Some(Cmd::Back) => {
                let item = f.editing.as_deref().and_then(|id| {
                    self.doc
                        .as_ref()
                        .and_then(|d| d.assessment.evidence.iter().find(|e| e.id == id))
                });
                if f.touched(item) {
                    self.discard = Some(match &f.editing {
                        Some(id) => format!("Discard your changes to evidence {id}?"),
                        None => "Discard this new evidence item?".to_string(),
                    });
                } else {
                    self.leave_evidence_form();
                }
            }
            Some(Cmd::NextField) => f.focus = (f.focus + 1) % 5,
            Some(Cmd::PrevField) => f.focus = (f.focus + 4) % 5,
            Some(Cmd::Submit) => return self.add_evidence(),
            Some(Cmd::PrevKind) => f.kind = all[(i + all.len() - 1) % all.len()],
            Some(Cmd::NextKind) => f.kind = all[(i + 1) % all.len()],
            Some(Cmd::Kind(k)) => f.kind = k,
            _ => {
                if let Some(field) = EvidenceForm::field_at(f.focus) {
                    f.fields[field].input(ev);
                }
            }
        }
        vec![]
    }

    /// Adds the item of the form to the register and links it to the slot, as one change.
    fn add_evidence(&mut self) -> Vec<Effect> {
        let Some(Overlay::EvidenceForm(f)) = &mut self.overlay else {
            return vec![];
        };
        let val = |i: usize| f.fields[i].lines().join(" ").trim().to_string();
        let (title, location, date, owner) = (val(0), val(1), val(2), val(3));
        if title.is_empty() {
            f.error = Some("Give the evidence a title.".into());
            return vec![];
        }
        if !date.is_empty() && !crate::assessment::validate::valid_date(&date) {
            f.error = Some("Write the date as YYYY-MM-DD, or leave it empty.".into());
            return vec![];
        }
        let kind = f.kind;
        if let Some(id) = f.editing.clone() {
            return self.save_evidence(&id, title, kind, location, date, owner);
        }
        let (Some(doc), Some(slot)) = (&self.doc, self.slot()) else {
            return vec![];
        };
        let Some(id) = doc.assessment.next_evidence_id() else {
            if let Some(Overlay::EvidenceForm(f)) = &mut self.overlay {
                f.error = Some(format!(
                    "No new evidence id can be given: the register already has E-{}. Renumber the items in the file.",
                    crate::assessment::MAX_EVIDENCE_NUMBER
                ));
            }
            return vec![];
        };
        let mut ids = self.linked_evidence();
        ids.push(id.clone());
        let item = Evidence {
            id: Id::from(id.as_str()),
            title,
            kind,
            location,
            path: String::new(),
            sha256: Located::default(),
            date: Located::new(date),
            owner,
            note: String::new(),
        };
        self.overlay = None;
        self.edit(
            Change::Batch(vec![
                Change::PutEvidence(item),
                Change::Set {
                    slot,
                    field: Field::Evidence(ids),
                },
            ]),
            &format!("evidence {id} added and linked"),
        )
    }

    /// Saves an item of the register edited in the form (its path, digest and note kept), and
    /// goes back to the register.
    fn save_evidence(
        &mut self,
        id: &str,
        title: String,
        kind: EvidenceKind,
        location: String,
        date: String,
        owner: String,
    ) -> Vec<Effect> {
        let Some(old) = self
            .doc
            .as_ref()
            .and_then(|d| d.assessment.evidence.iter().find(|e| e.id == id))
        else {
            self.overlay = None;
            self.error(format!("Evidence {id} is gone: nothing changed."));
            return vec![];
        };
        let item = Evidence {
            title,
            kind,
            location,
            date: Located::new(date),
            owner,
            ..old.clone()
        };
        if item == *old {
            self.overlay = Some(self.register_at(id));
            self.info(format!("Evidence {id} unchanged."));
            return vec![];
        }
        self.overlay = Some(self.register_at(id));
        self.edit(Change::PutEvidence(item), &format!("evidence {id} saved"))
    }

    /// Leaves the evidence form without saving: back to the register (an item edited) or the
    /// picker (a new item).
    pub(in crate::tui::app) fn leave_evidence_form(&mut self) {
        let Some(Overlay::EvidenceForm(f)) = &self.overlay else {
            return;
        };
        let back = match f.editing.clone() {
            Some(id) => self.register_at(&id),
            None => Overlay::Picker(Box::default()),
        };
        self.overlay = Some(back);
    }
}
