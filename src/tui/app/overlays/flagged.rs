//! The list of ratings flagged for review and the assessors' disagreements: each is resolved
//! with one key (our side, their side, the assessor at a position, a new rating, or the agreed
//! rating kept). A resolution is one change: the rating, the review mark set to reviewed (the
//! flag cleared), the lead's name and, when the rating overrides what is derived (an aggregate
//! or a proposal), a short rationale; one undo brings the flag back.

use crate::assessment::Review;
use crate::assessment::change::{self, Change, Field, Slot};
use crate::profile::{self, Source};
use crate::rating::Rating;
use crate::tui::keys::Cmd;
use crate::tui::state::{App, Effect, Filter, Flagged, Overlay};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

impl App {
    /// Opens the list on its first rating.
    pub(in crate::tui::app) fn open_flagged(&mut self) {
        self.overlay = Some(Overlay::Flagged { selected: 0 });
    }

    /// A key in the list: the digits pick an assessor by position, the rest are commands.
    pub(in crate::tui::app) fn flagged_key(
        &mut self,
        ev: KeyEvent,
        cmd: Option<Cmd>,
    ) -> Vec<Effect> {
        match (cmd, ev.code) {
            (Some(Cmd::TakeAssessor), KeyCode::Char(c)) => match c.to_digit(10) {
                Some(d) if d >= 1 => self.take(|_| Some(d as usize - 1)),
                _ => vec![],
            },
            (Some(c), _) => self.flagged_command(c),
            (None, _) => vec![],
        }
    }

    /// Carries out a command of the list.
    fn flagged_command(&mut self, c: Cmd) -> Vec<Effect> {
        let list = self.flagged_ratings();
        let Some(Overlay::Flagged { selected }) = &mut self.overlay else {
            return vec![];
        };
        match c {
            Cmd::Up => *selected = selected.saturating_sub(1),
            Cmd::Down => *selected = (*selected + 1).min(list.len().saturating_sub(1)),
            Cmd::Back => self.overlay = None,
            Cmd::TakeOurs => return self.take(Flagged::ours),
            Cmd::TakeTheirs => return self.take(Flagged::theirs),
            Cmd::RateN => return self.agree(Rating::N),
            Cmd::RateP => return self.agree(Rating::P),
            Cmd::RateL => return self.agree(Rating::L),
            Cmd::RateF => return self.agree(Rating::F),
            Cmd::Accept => {
                let Some(f) = list.get(*selected) else {
                    return vec![];
                };
                match f.agreed {
                    Some(r) => return self.resolve(f.clone(), r, None),
                    None => self.error("Not rated yet: agree a rating with n, p, l or f."),
                }
            }
            Cmd::Select => {
                let Some(f) = list.get(*selected) else {
                    return vec![];
                };
                self.overlay = None;
                self.walk.filter = Filter::All;
                self.walk.query.clear();
                self.go_to(
                    &f.slot.process,
                    Some(&f.slot.attribute),
                    f.slot.instance.as_deref(),
                );
            }
            Cmd::Undo | Cmd::Redo => {
                let fx = self.undo_redo(c == Cmd::Undo);
                // A flag that comes back is selected.
                let now = self.flagged_ratings();
                let back = now
                    .iter()
                    .position(|x| !list.iter().any(|y| y.slot == x.slot));
                if let (Some(i), Some(Overlay::Flagged { selected })) = (back, &mut self.overlay) {
                    *selected = i;
                }
                self.clamp_flagged();
                return fx;
            }
            _ => {}
        }
        vec![]
    }

    /// The selected flagged rating, if any.
    fn selected_flagged(&self) -> Option<Flagged> {
        let Some(Overlay::Flagged { selected }) = &self.overlay else {
            return None;
        };
        self.flagged_ratings().get(*selected).cloned()
    }

    /// Agrees the rating of the assessor `pick` chooses.
    fn take(&mut self, pick: impl Fn(&Flagged) -> Option<usize>) -> Vec<Effect> {
        let Some(f) = self.selected_flagged() else {
            return vec![];
        };
        let chosen = pick(&f).and_then(|i| f.assessors.get(i).cloned());
        match chosen {
            Some((who, Some(r))) => self.resolve(f, r, Some(who)),
            Some((who, None)) => {
                self.error(format!("{who} gave no rating here."));
                vec![]
            }
            None => {
                self.error(if f.assessors.is_empty() {
                    "No assessor's own rating is kept here: keep the agreed rating (a) or agree a new one (n, p, l, f).".to_string()
                } else {
                    format!("There are {} assessors' ratings here.", f.assessors.len())
                });
                vec![]
            }
        }
    }

    /// Agrees a new rating for the selected one.
    fn agree(&mut self, r: Rating) -> Vec<Effect> {
        match self.selected_flagged() {
            Some(f) => self.resolve(f, r, None),
            None => vec![],
        }
    }

    /// Sets the agreed rating of a flagged slot and marks it reviewed, as one change.
    fn resolve(&mut self, f: Flagged, r: Rating, who: Option<String>) -> Vec<Effect> {
        let slot = f.slot.clone();
        let set = |field| Change::Set {
            slot: slot.clone(),
            field,
        };
        let mut changes = vec![
            set(Field::Rating(Some(r))),
            set(Field::Review(Some(Review::Reviewed))),
        ];
        if let Some(lead) = self.recorder() {
            changes.push(set(Field::Assessor(lead)));
        }
        let reason = match &who {
            Some(w) => format!("agreed: took {}'s {}", short_name(w), r.code()),
            None if f.agreed == Some(r) => format!("agreed: kept {}", r.code()),
            None => format!("agreed: {} after review", r.code()),
        };
        if self.needs_rationale(&slot, &changes) {
            changes.push(set(Field::Rationale(reason.clone())));
        }
        let what = format!(
            "{} {}{}: {reason}, reviewed",
            slot.process,
            slot.attribute,
            slot.instance
                .as_ref()
                .map(|i| format!(" ({i})"))
                .unwrap_or_default()
        );
        let fx = self.edit(Change::Batch(changes), &what);
        self.clamp_flagged();
        if !fx.is_empty() && self.flagged_ratings().is_empty() {
            self.ok(format!("{what}. Nothing is left flagged for review."));
        }
        fx
    }

    /// True when the changes would leave the slot's rating overriding what is derived (the
    /// aggregate of instance ratings, an R1 proposal) with no rationale written.
    fn needs_rationale(&self, slot: &Slot, changes: &[Change]) -> bool {
        let Some(doc) = &self.doc else { return false };
        if slot.instance.is_some() {
            return false;
        }
        let mut a = doc.assessment.clone();
        if change::apply(&mut a, &doc.model, Change::Batch(changes.to_vec())).is_err() {
            return false;
        }
        if a.record(slot)
            .is_some_and(|r| !r.rationale.trim().is_empty())
        {
            return false;
        }
        let p = profile::score(&doc.model, &a);
        p.processes
            .iter()
            .find(|x| x.id == slot.process)
            .and_then(|x| x.attributes.iter().find(|s| s.id == slot.attribute))
            .is_some_and(|s| s.source == Source::Override)
    }

    /// Keeps the selection of the list inside it.
    fn clamp_flagged(&mut self) {
        let n = self.flagged_ratings().len();
        if let Some(Overlay::Flagged { selected }) = &mut self.overlay {
            *selected = (*selected).min(n.saturating_sub(1));
        }
    }
}

/// An assessor's name without the merge's side mark: `Ben (theirs)` is `Ben`.
fn short_name(name: &str) -> &str {
    name.trim()
        .trim_end_matches("(ours)")
        .trim_end_matches("(theirs)")
        .trim_end()
}
