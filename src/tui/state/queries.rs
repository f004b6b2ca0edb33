//! Read-only questions about the state: what the walk-through shows and selects, the record the
//! rating keys act on, the items and findings of the detail pane, the picker's rows, the warnings,
//! the actions the improvement plan shows.
//! Both the update logic and the drawing ask them; none changes anything.

use super::app::App;
use super::overlay::Overlay;
use super::walk::{Filter, Pane};
use crate::assessment::change::Slot;
use crate::assessment::plan::id_order;
use crate::assessment::{Action, Finding};
use crate::assessment::{EvidenceKind, RatingRecord, Review};
use crate::model::Model;
use crate::rating::Rating;
use crate::tui::keys::{Cmd, Ctx};

impl App {
    /// Indices (into the assessment's processes) of the processes shown, in model order.
    pub fn visible_processes(&self) -> Vec<usize> {
        let Some(doc) = &self.doc else {
            return Vec::new();
        };
        let q = super::search::fold(&self.walk.query);
        doc.assessment
            .processes
            .iter()
            .enumerate()
            .filter(|(i, p)| {
                let score = &doc.profile.processes[*i];
                let keep = match self.walk.filter {
                    Filter::All => true,
                    Filter::Unrated => score.rated < score.to_rate,
                    Filter::Flagged => p.ratings.iter().any(|r| r.review == Some(Review::Flagged)),
                };
                keep && (q.is_empty() || process_matches(&doc.model, &p.id, &q))
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// The index (into the assessment's processes) of the selected process.
    pub fn selected_process(&self) -> Option<usize> {
        self.visible_processes().get(self.walk.proc_sel).copied()
    }

    /// Ids of the attributes shown for a process: up to its target level (at least level 1),
    /// plus any attribute with something recorded, or all with [`Walk::all_attrs`].
    ///
    /// [`Walk::all_attrs`]: super::walk::Walk::all_attrs
    pub fn visible_attributes(&self, pi: usize) -> Vec<String> {
        let Some(doc) = &self.doc else {
            return Vec::new();
        };
        let p = &doc.assessment.processes[pi];
        let top = (*p.target).max(1);
        doc.model
            .attributes()
            .filter(|a| {
                self.walk.all_attrs
                    || a.level <= top
                    || p.ratings.iter().any(|r| r.attribute == a.id.as_str())
            })
            .map(|a| a.id.to_string())
            .collect()
    }

    /// The number of attributes shown for the selected process.
    pub fn visible_attribute_count(&self) -> usize {
        self.selected_process()
            .map(|pi| self.visible_attributes(pi).len())
            .unwrap_or(0)
    }

    pub fn selected_attribute(&self) -> Option<String> {
        let pi = self.selected_process()?;
        let attrs = self.visible_attributes(pi);
        attrs
            .get(self.walk.attr_sel.min(attrs.len().saturating_sub(1)))
            .cloned()
    }

    /// The instance name being rated, if any.
    pub fn instance_name(&self) -> Option<String> {
        let pi = self.selected_process()?;
        let doc = self.doc.as_ref()?;
        let i = self.walk.instance?;
        doc.assessment.processes[pi]
            .instances
            .get(i)
            .map(|x| x.to_string())
    }

    /// The slot the rating keys act on.
    pub fn slot(&self) -> Option<Slot> {
        let doc = self.doc.as_ref()?;
        let pi = self.selected_process()?;
        let attr = self.selected_attribute()?;
        Some(Slot::new(
            &doc.assessment.processes[pi].id,
            &attr,
            self.instance_name().as_deref(),
        ))
    }

    /// Where the walk-through is, to come back to when the file is opened again.
    pub fn last_place(&self) -> Option<super::draft::LastPlace> {
        let doc = self.doc.as_ref()?;
        let pi = self.selected_process()?;
        Some(super::draft::LastPlace {
            process: doc.assessment.processes[pi].id.to_string(),
            attribute: self.selected_attribute(),
            instance: self.instance_name(),
            interview: self.current.clone(),
        })
    }

    /// The record of the slot, if there is one.
    pub fn record(&self) -> Option<&RatingRecord> {
        let doc = self.doc.as_ref()?;
        doc.assessment.record(&self.slot()?)
    }

    /// The ids of the evidence items linked to the slot's record.
    pub fn linked_evidence(&self) -> Vec<String> {
        self.record()
            .map(|r| r.evidence.iter().map(|e| e.to_string()).collect())
            .unwrap_or_default()
    }

    /// The items that can be characterised under the selected attribute, in model order: the
    /// process's outcomes, base practices and information items for PA1.1; the attribute's
    /// achievements, generic practices and resources above it.
    pub fn detail_items(&self) -> Vec<(String, crate::model::ItemKind)> {
        let (Some(doc), Some(pi), Some(attr)) = (
            &self.doc,
            self.selected_process(),
            self.selected_attribute(),
        ) else {
            return Vec::new();
        };
        doc.model
            .items_under(&doc.assessment.processes[pi].id, &attr)
    }

    /// The selected item of the detail pane, when the detail pane has the focus. The findings
    /// come first in the pane's selection (see `selected_finding`), then the items, then the
    /// questions (see `selected_question`).
    pub fn selected_item(&self) -> Option<String> {
        let i = self.item_place()?;
        self.detail_items().get(i).map(|x| x.0.clone())
    }

    /// The characterisation of an item for the instance being rated, if any.
    pub fn characterisation(&self, item: &str) -> Option<Rating> {
        let doc = self.doc.as_ref()?;
        let pi = self.selected_process()?;
        let inst = self.instance_name();
        doc.assessment.processes[pi]
            .characterisations
            .iter()
            .find(|c| c.item == item && c.instance.as_ref().map(|i| i.to_string()) == inst)
            .map(|c| *c.value.get())
    }

    /// The note (or with `rationale`, the rationale) of the selected slot's record.
    pub fn record_text(&self, rationale: bool) -> String {
        self.record()
            .map(|r| {
                if rationale {
                    r.rationale.clone()
                } else {
                    r.note.clone()
                }
            })
            .unwrap_or_default()
    }

    /// The consistency warnings of the open assessment.
    pub fn warnings(&self) -> Vec<crate::check::Warning> {
        match &self.doc {
            Some(d) => crate::check::check(&d.model, &d.assessment, &d.profile),
            None => Vec::new(),
        }
    }

    /// Evidence items shown in the picker: (id, title, kind, linked).
    pub fn picker_items(&self) -> Vec<(String, String, EvidenceKind, bool)> {
        let Some(doc) = &self.doc else {
            return Vec::new();
        };
        let Some(Overlay::Picker(p)) = &self.overlay else {
            return Vec::new();
        };
        let q = p.filter.lines().join(" ").to_lowercase();
        let linked = self.linked_evidence();
        doc.assessment
            .evidence
            .iter()
            .filter(|e| {
                q.is_empty()
                    || e.title.to_lowercase().contains(&q)
                    || e.id.to_lowercase().contains(&q)
            })
            .map(|e| {
                (
                    e.id.to_string(),
                    e.title.clone(),
                    e.kind,
                    linked.contains(&e.id.to_string()),
                )
            })
            .collect()
    }
}

impl App {
    /// The hint the bar shows for a command, if any: the rating keys say "characterise" when
    /// they characterise the selected item; when read-only, no key that changes something is
    /// offered.
    pub fn bar_hint(&self, ctx: Ctx, cmd: Cmd, hint: &'static str) -> Option<&'static str> {
        let rating = matches!(cmd, Cmd::RateN | Cmd::RateP | Cmd::RateL | Cmd::RateF);
        let changes = rating
            || matches!(
                cmd,
                Cmd::AddFinding(_) | Cmd::EditNote | Cmd::Evidence | Cmd::Undo | Cmd::New
            );
        if self.doc.as_ref().is_some_and(|d| d.read_only)
            && matches!(ctx, Ctx::Walk | Ctx::Plan | Ctx::Flagged)
            && changes
        {
            return None;
        }
        if cmd == Cmd::Iso27001 && !self.doc.as_ref().is_some_and(|d| d.has_catalogue()) {
            return None;
        }
        if ctx == Ctx::Walk && rating && self.selected_item().is_some() {
            return Some("characterise");
        }
        Some(hint)
    }

    /// The findings the detail pane lists for the selected attribute: those about the
    /// attribute, then those about the process as a whole, each in id order.
    pub fn detail_findings(&self) -> Vec<&Finding> {
        let (Some(doc), Some(pi)) = (&self.doc, self.selected_process()) else {
            return Vec::new();
        };
        let pid = doc.assessment.processes[pi].id.as_str();
        let attr = self.selected_attribute();
        let mut on_attr: Vec<&Finding> = doc
            .assessment
            .findings_of(pid)
            .filter(|f| {
                f.attribute
                    .as_ref()
                    .is_some_and(|a| Some(a.as_str()) == attr.as_deref())
            })
            .collect();
        let mut on_process: Vec<&Finding> = doc
            .assessment
            .findings_of(pid)
            .filter(|f| f.attribute.is_none())
            .collect();
        on_attr.sort_by(|a, b| id_order("F-", &a.id, &b.id));
        on_process.sort_by(|a, b| id_order("F-", &a.id, &b.id));
        on_attr.extend(on_process);
        on_attr
    }

    /// The finding selected in the detail pane (findings come before the items there).
    pub fn selected_finding(&self) -> Option<&Finding> {
        if self.walk.focus != Pane::Detail {
            return None;
        }
        self.detail_findings().get(self.walk.item_sel).copied()
    }

    /// The actions the plan shows, in id order, with the filters in force.
    pub fn plan_actions(&self) -> Vec<&Action> {
        let Some(doc) = &self.doc else {
            return Vec::new();
        };
        let mut out: Vec<&Action> = doc
            .assessment
            .actions
            .iter()
            .filter(|x| self.plan.status.keeps(x.status))
            .filter(|x| self.plan.owner.as_ref().is_none_or(|o| &x.owner == o))
            .filter(|x| !self.plan.overdue || x.is_overdue(&self.today))
            .collect();
        out.sort_by(|a, b| id_order("A-", &a.id, &b.id));
        out
    }

    /// The action selected on the plan screen.
    pub fn selected_action(&self) -> Option<&Action> {
        let shown = self.plan_actions();
        shown
            .get(self.plan.sel.min(shown.len().saturating_sub(1)))
            .copied()
    }

    /// The owners named in the plan, sorted, each once.
    pub fn plan_owners(&self) -> Vec<String> {
        let Some(doc) = &self.doc else {
            return Vec::new();
        };
        let mut owners: Vec<String> = doc
            .assessment
            .actions
            .iter()
            .map(|x| x.owner.clone())
            .filter(|o| !o.is_empty())
            .collect();
        owners.sort();
        owners.dedup();
        owners
    }
}

/// True when a process's id, name, texts or indicators contain the query (folded: lower case,
/// no accents, see [`super::search::fold`]).
pub fn process_matches(model: &Model, id: &str, q: &str) -> bool {
    let Some(p) = model.process(id) else {
        return false;
    };
    let hit = |s: &str| super::search::fold(s).contains(q);
    hit(&p.id)
        || hit(&p.name)
        || hit(&p.purpose)
        || hit(&p.description)
        || p.outcomes.iter().any(|o| hit(&o.text))
        || p.base_practices
            .iter()
            .chain(p.information_items.iter())
            .any(|i| hit(&i.name) || hit(&i.text) || hit(&i.id))
        || p.guidance.questions.iter().any(|s| hit(s))
        || p.guidance.evidence.iter().any(|s| hit(s))
}
