//! Undo and redo that say what they change and show it: the change about to be applied is read
//! from the history, described in words ("Undone: ISMS.CORE.8 PA3.2 rating P") and the
//! walk-through moves to the process and attribute it touches.

use crate::assessment::Assessment;
use crate::assessment::change::{Change, Field, Slot};
use crate::tui::state::{App, Effect, Filter, Pane};

/// Where a change is, for the walk-through: a process, maybe an attribute and an instance.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Place {
    process: String,
    attribute: Option<String>,
    instance: Option<String>,
    /// The finding, selected in the detail pane.
    finding: Option<String>,
    /// The question of the checklist, selected in the detail pane.
    question: Option<String>,
}

impl Place {
    fn of(slot: &Slot) -> Place {
        Place {
            process: slot.process.clone(),
            attribute: Some(slot.attribute.clone()),
            instance: slot.instance.clone(),
            finding: None,
            question: None,
        }
    }

    fn named(&self) -> String {
        let mut s = self.process.clone();
        if let Some(a) = &self.attribute {
            s.push(' ');
            s.push_str(a);
        }
        if let Some(i) = &self.instance {
            s.push_str(&format!(" ({i})"));
        }
        s
    }
}

/// A field's new value in a few words: `rating P`, `note`, `flagged for review`.
fn field_words(f: &Field) -> String {
    match f {
        Field::Rating(Some(r)) => format!("rating {}", r.code()),
        Field::Rating(None) => "rating cleared".into(),
        Field::Note(_) => "note".into(),
        Field::Confidence(Some(c)) => format!("confidence {c}"),
        Field::Confidence(None) => "confidence cleared".into(),
        Field::Assessor(_) => "assessor".into(),
        Field::Evidence(e) => format!("{} evidence linked", e.len()),
        Field::Review(Some(r)) => format!("review {r}"),
        Field::Review(None) => "review mark cleared".into(),
        Field::Rationale(_) => "rationale".into(),
    }
}

/// The place of a change and what it sets, in words; `a` is the assessment before it.
fn describe(c: &Change, a: &Assessment) -> (Option<Place>, String) {
    let process = |p: &str| {
        Some(Place {
            process: p.to_string(),
            ..Place::default()
        })
    };
    match c {
        Change::Set { slot, field } => (Some(Place::of(slot)), field_words(field)),
        Change::Characterise {
            process: p,
            item,
            instance,
            record,
        } => (
            Some(Place {
                process: p.clone(),
                instance: instance.clone(),
                ..Place::default()
            }),
            match record {
                Some(r) => format!("{item} characterised {}", r.value.code()),
                None => format!("{item} not characterised"),
            },
        ),
        Change::SetTarget { process: p, target } => (process(p), format!("target {target}")),
        Change::PutFinding(f) => (
            Some(Place {
                process: f.process.to_string(),
                attribute: f.attribute.as_ref().map(|x| x.to_string()),
                instance: f.instance.as_ref().map(|x| x.to_string()),
                finding: Some(f.id.to_string()),
                question: None,
            }),
            format!("finding {}", f.id),
        ),
        Change::RemoveFinding(id) => {
            let f = a.findings.iter().find(|f| f.id == id.as_str());
            (
                f.map(|f| Place {
                    process: f.process.to_string(),
                    attribute: f.attribute.as_ref().map(|x| x.to_string()),
                    instance: f.instance.as_ref().map(|x| x.to_string()),
                    finding: None,
                    question: None,
                }),
                format!("finding {id} removed"),
            )
        }
        Change::PutQuestion(q) => (
            Some(question_place(&q.process, &q.question)),
            format!(
                "question {} {}",
                q.question,
                if q.asked { "asked" } else { "to ask" }
            ),
        ),
        Change::RemoveQuestion { process, question } => (
            Some(question_place(process, question)),
            format!("question {question} not recorded"),
        ),
        Change::PutAction(x) => (None, format!("action {}", x.id)),
        Change::RemoveAction(id) => (None, format!("action {id} removed")),
        Change::Acknowledge(k) => (None, format!("acknowledgement of {}", k.warning)),
        Change::Unacknowledge(id) => (None, format!("acknowledgement of {id} withdrawn")),
        Change::PutEvidence(e) => (None, format!("evidence {}", e.id)),
        Change::RemoveEvidence(id) => (None, format!("evidence {id} removed")),
        Change::Batch(parts) => batch(parts, a),
        Change::SetInfo(_) => (None, "the assessment inputs".into()),
        Change::SetReport(_) => (None, "the report settings".into()),
        Change::SetTeam(_) => (None, "the team".into()),
        _ => (None, "the last change".into()),
    }
}

/// The place of a question of the checklist: the attribute whose detail lists it (PA1.1 for
/// the process's own), the question selected there.
fn question_place(process: &str, question: &str) -> Place {
    let attribute = match crate::assessment::interview::question_parts(question) {
        Some((Some(a), _)) => a.to_string(),
        _ => "PA1.1".to_string(),
    };
    Place {
        process: process.to_string(),
        attribute: Some(attribute),
        question: Some(question.to_string()),
        ..Place::default()
    }
}

/// A batch told by its main part (a rating first), with the other fields of the same slot.
fn batch(parts: &[Change], a: &Assessment) -> (Option<Place>, String) {
    let main = parts
        .iter()
        .find(|c| {
            matches!(
                c,
                Change::Set {
                    field: Field::Rating(_),
                    ..
                }
            )
        })
        .or_else(|| parts.iter().find(|c| matches!(c, Change::Set { .. })))
        .or_else(|| {
            parts
                .iter()
                .find(|c| matches!(c, Change::PutFinding(_) | Change::RemoveFinding(_)))
        })
        .or_else(|| parts.first());
    let Some(main) = main else {
        return (None, "the last change".into());
    };
    let (place, mut words) = describe(main, a);
    if let Change::Set { slot, .. } = main {
        for c in parts {
            if let Change::Set {
                slot: s,
                field: f @ Field::Review(_),
            } = c
                && s == slot
                && c != main
            {
                words.push_str(&format!(", {}", field_words(f)));
            }
        }
    }
    (place, words)
}

impl App {
    /// Takes back the last change, or with `undo` false applies again the last one taken back;
    /// says what it changed and goes there.
    pub(in crate::tui::app) fn undo_redo(&mut self, undo: bool) -> Vec<Effect> {
        let Some(doc) = &mut self.doc else {
            return vec![];
        };
        if doc.read_only {
            self.error("Read-only: nothing to undo.");
            return vec![];
        }
        let next = if undo {
            doc.history.next_undo()
        } else {
            doc.history.next_redo()
        };
        let told = next.map(|c| describe(c, &doc.assessment));
        let res = if undo {
            doc.history.undo(&mut doc.assessment, &doc.model)
        } else {
            doc.history.redo(&mut doc.assessment, &doc.model)
        };
        match res {
            Ok(true) => {
                doc.rescore();
                let verb = if undo { "Undone" } else { "Redone" };
                let (place, words) = told.unwrap_or((None, String::new()));
                if let Some(p) = &place {
                    self.show_place(p);
                }
                let msg = match &place {
                    Some(p) => format!("{verb}: {} {words}", p.named()),
                    None if !words.is_empty() => format!("{verb}: {words}"),
                    None => format!("{verb}."),
                };
                self.ok(msg);
                vec![Effect::Save]
            }
            Ok(false) => {
                self.info(if undo {
                    "Nothing to undo."
                } else {
                    "Nothing to redo."
                });
                vec![]
            }
            Err(e) => {
                self.error(e.to_string());
                vec![]
            }
        }
    }

    /// Moves the walk-through to a place, showing all processes when the filter or search
    /// hides it.
    fn show_place(&mut self, p: &Place) {
        let here =
            |app: &mut App| app.go_to(&p.process, p.attribute.as_deref(), p.instance.as_deref());
        if !here(self) {
            self.walk.filter = Filter::All;
            self.walk.query.clear();
            here(self);
        }
        // A finding back in place is selected in the detail pane.
        if let Some(id) = &p.finding
            && let Some(i) = self.detail_findings().iter().position(|f| &f.id == id)
        {
            self.walk.focus = Pane::Detail;
            self.walk.item_sel = i;
        }
        // So is a question of the checklist.
        if let Some(q) = &p.question
            && let Some(i) = self.detail_questions().iter().position(|(id, _)| id == q)
        {
            self.walk.focus = Pane::Detail;
            self.walk.item_sel = self.detail_findings().len() + self.detail_items().len() + i;
        }
    }
}
