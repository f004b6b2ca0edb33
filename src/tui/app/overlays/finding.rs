//! Findings on the walk-through: one key per kind opens the note editor on a new finding about
//! the selected attribute (or the process as a whole, from the process list), for the instance
//! being rated; `Tab` and `Shift+Tab` in the editor change the severity and the kind; closing
//! saves it, with the assessor as author and today as its date. A finding selected in the
//! detail pane is edited the same way, or deleted after a question.

use super::note::editor;
use crate::assessment::change::Change;
use crate::assessment::{Finding, FindingKind, Severity};
use crate::located::{Id, Located};
use crate::tui::keys::{self, Cmd, Ctx};
use crate::tui::state::{App, Effect, FindingDraft, Overlay, Pane};
use ratatui::crossterm::event::KeyEvent;

impl App {
    /// Opens the editor on a new finding of this kind.
    pub(in crate::tui::app) fn add_finding(&mut self, kind: FindingKind) {
        let (Some(doc), Some(pi)) = (&self.doc, self.selected_process()) else {
            return;
        };
        if doc.read_only {
            self.error("Read-only: nothing can be changed here.");
            return;
        }
        let process = doc.assessment.processes[pi].id.to_string();
        let attribute = if self.walk.focus == Pane::Processes {
            None
        } else {
            self.selected_attribute()
        };
        let draft = FindingDraft {
            id: None,
            process,
            attribute,
            instance: self.instance_name(),
            kind,
            severity: (kind == FindingKind::Weakness).then_some(Severity::Medium),
            interview: self.current_interview().map(|i| i.id.to_string()),
        };
        self.overlay = Some(Overlay::Finding {
            text: Box::new(editor("")),
            draft: Box::new(draft),
        });
    }

    /// Opens the editor on the finding selected in the detail pane.
    pub(in crate::tui::app) fn edit_finding(&mut self) {
        let Some(f) = self.selected_finding() else {
            return;
        };
        let draft = FindingDraft {
            id: Some(f.id.to_string()),
            process: f.process.to_string(),
            attribute: f.attribute.as_ref().map(|a| a.to_string()),
            instance: f.instance.as_ref().map(|i| i.to_string()),
            kind: f.kind,
            severity: f.severity,
            interview: f.interview.as_ref().map(|i| i.to_string()),
        };
        let text = editor(&f.text);
        self.overlay = Some(Overlay::Finding {
            text: Box::new(text),
            draft: Box::new(draft),
        });
    }

    /// A key in the finding editor: severity, kind, closing (which saves), or text.
    pub(in crate::tui::app) fn finding_key(
        &mut self,
        ev: KeyEvent,
        cmd: Option<Cmd>,
    ) -> Vec<Effect> {
        let Some(Overlay::Finding { text, draft }) = &mut self.overlay else {
            return vec![];
        };
        match cmd {
            Some(Cmd::Back) => return self.close_finding(),
            Some(Cmd::Guidance) => self.guidance_toggled = !self.guidance_toggled,
            Some(Cmd::NextSeverity) if draft.kind == FindingKind::Weakness => {
                draft.severity = Some(match draft.severity {
                    Some(Severity::Medium) => Severity::Low,
                    Some(Severity::Low) => Severity::High,
                    _ => Severity::Medium,
                });
            }
            Some(Cmd::NextSeverity) => {
                let msg = format!(
                    "Only a weakness has a severity: {} changes the kind.",
                    keys::label(Ctx::Finding, Cmd::NextKind)
                );
                self.info(msg);
            }
            Some(Cmd::NextKind) => {
                let all = FindingKind::ALL;
                let i = all.iter().position(|k| *k == draft.kind).unwrap_or(0);
                draft.kind = all[(i + 1) % all.len()];
                draft.severity = (draft.kind == FindingKind::Weakness)
                    .then(|| draft.severity.unwrap_or(Severity::Medium));
            }
            _ => {
                text.input(ev);
            }
        }
        vec![]
    }

    /// Closes the editor: a new finding with a text is added, a changed one is saved; nothing
    /// is added for an empty text, and a finding is never emptied (it is deleted with its key).
    fn close_finding(&mut self) -> Vec<Effect> {
        let Some(Overlay::Finding { text, draft }) = self.overlay.take() else {
            return vec![];
        };
        let new = text.lines().join("\n").trim().to_string();
        let Some(doc) = &self.doc else {
            return vec![];
        };
        let (finding, what) = match &draft.id {
            None if new.is_empty() => {
                self.info("Nothing written: no finding added.");
                return vec![];
            }
            None => {
                let Some(id) = doc.assessment.next_finding_id() else {
                    self.error("No finding id is left (F-999999999 is taken): nothing added.");
                    return vec![];
                };
                let mut f = Finding::new(&id, &draft.process, draft.kind, &new);
                f.attribute = draft.attribute.as_deref().map(Id::from);
                f.instance = draft.instance.as_deref().map(Id::from);
                f.severity = draft.severity;
                f.author = self.recorder().unwrap_or_default();
                f.date = Located::new(self.today.clone());
                // Captured in the interview going on, as `capra finding add --interview` does.
                if let Some(i) = draft
                    .interview
                    .as_deref()
                    .and_then(|i| doc.assessment.interview(i))
                {
                    f.captured_in(i);
                }
                let what = format!("{id} added: {} on {}", draft.kind_label(), f.place());
                (f, what)
            }
            Some(id) => {
                let Some(old) = doc.assessment.finding(id) else {
                    self.error(format!("Finding {id} is gone: nothing saved."));
                    return vec![];
                };
                if new.is_empty() {
                    let msg = format!(
                        "A finding needs a text: {id} is kept as it was ({} deletes it).",
                        keys::label(Ctx::Walk, Cmd::Clear)
                    );
                    self.info(msg);
                    return vec![];
                }
                let mut f = old.clone();
                f.text = new;
                f.kind = draft.kind;
                f.severity = draft.severity;
                if &f == old {
                    self.info(format!("{id} unchanged."));
                    return vec![];
                }
                (f, format!("{id} saved: {}", draft.kind_label()))
            }
        };
        // The findings come first in the detail's selection: an item selected there stays so.
        let before = self.detail_findings().len();
        let effects = self.edit(Change::PutFinding(finding), &what);
        let after = self.detail_findings().len();
        if self.walk.focus == Pane::Detail && self.walk.item_sel >= before && after > before {
            self.walk.item_sel += after - before;
        }
        effects
    }

    /// Asks before deleting the finding selected in the detail pane; the actions that answer it
    /// lose that link, and the question says so.
    pub(in crate::tui::app) fn delete_finding(&mut self) {
        let Some(f) = self.selected_finding() else {
            return;
        };
        let id = f.id.to_string();
        let Some(doc) = &self.doc else { return };
        let answering: Vec<crate::assessment::Action> = doc
            .assessment
            .actions_answering(&id)
            .into_iter()
            .cloned()
            .collect();
        let mut changes: Vec<Change> = answering
            .iter()
            .map(|x| {
                let mut x = x.clone();
                x.findings.retain(|f| f != id.as_str());
                Change::PutAction(x)
            })
            .collect();
        changes.push(Change::RemoveFinding(id.clone()));
        let ids: Vec<&str> = answering.iter().map(|x| x.id.as_str()).collect();
        let question = if ids.is_empty() {
            format!("Delete finding {id}?")
        } else {
            format!(
                "Delete finding {id}? Action {} answers it and will no longer be linked to it.",
                ids.join(", ")
            )
        };
        let done = if ids.is_empty() {
            format!("{id} deleted")
        } else {
            format!("{id} deleted; {} no longer linked to it", ids.join(", "))
        };
        self.confirm(question, Change::Batch(changes), done);
    }
}
