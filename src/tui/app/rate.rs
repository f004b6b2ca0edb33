//! Rating in the walk-through: rate, refine and clear the selected attribute, characterise the
//! selected item of the detail pane, accept the R1 proposal, cycle confidence and review.

use crate::assessment::change::{Change, CharacterisationValue, Field};
use crate::assessment::{Confidence, Review};
use crate::rating::Rating;
use crate::tui::keys::{self, Cmd, Ctx};
use crate::tui::state::{App, Effect};

/// "p or l first, then - or +": how the refine keys are explained.
fn refine_advice(verb: &str) -> String {
    format!(
        "{verb} {} first, then {}.",
        keys::choice(Ctx::Walk, &[Cmd::RateP, Cmd::RateL]),
        keys::choice(Ctx::Walk, &[Cmd::RefineDown, Cmd::RefineUp])
    )
}

impl App {
    pub(in crate::tui::app) fn rate(&mut self, r: Rating) -> Vec<Effect> {
        let what = format!("rated {}", r.code());
        self.set(Field::Rating(Some(r)), &what)
    }

    /// Refines a P or L rating to its upper (`up`) or lower half.
    pub(in crate::tui::app) fn refine(&mut self, up: bool) -> Vec<Effect> {
        let current = self.record().and_then(|r| r.rating());
        match current.and_then(|r| r.refined(up)) {
            Some(new) => self.rate(new),
            None => {
                let msg = format!("Refine works on a P or L rating: {}", refine_advice("rate"));
                self.info(msg);
                vec![]
            }
        }
    }

    /// Clears the rating of the selected attribute; the note and evidence stay.
    pub(in crate::tui::app) fn clear_rating(&mut self) -> Vec<Effect> {
        if self.record().and_then(|r| r.rating()).is_none() {
            self.info("Not rated already.");
            return vec![];
        }
        self.set(
            Field::Rating(None),
            "rating cleared (note and evidence kept)",
        )
    }

    pub(in crate::tui::app) fn cycle_confidence(&mut self) -> Vec<Effect> {
        let next = match self.record().and_then(|r| r.confidence) {
            None => Some(Confidence::High),
            Some(Confidence::High) => Some(Confidence::Medium),
            Some(Confidence::Medium) => Some(Confidence::Low),
            Some(Confidence::Low) => None,
        };
        let what = format!(
            "confidence {}",
            next.map(|c| c.word()).unwrap_or("not given")
        );
        self.set(Field::Confidence(next), &what)
    }

    pub(in crate::tui::app) fn cycle_review(&mut self) -> Vec<Effect> {
        let next = match self.record().and_then(|r| r.review) {
            None => Some(Review::Flagged),
            Some(Review::Flagged) => Some(Review::Reviewed),
            Some(Review::Reviewed) => None,
        };
        let what = match next {
            Some(Review::Flagged) => "flagged for review",
            Some(Review::Reviewed) => "marked reviewed",
            None => "review mark removed",
        };
        self.set(Field::Review(next), what)
    }

    /// Rating keys in the detail pane: characterise the selected item for the instance being
    /// rated (or the process as a whole).
    pub(in crate::tui::app) fn characterise_command(&mut self, c: Cmd) -> Vec<Effect> {
        let (Some(item), Some(slot)) = (self.selected_item(), self.slot()) else {
            return vec![];
        };
        let current = self.characterisation(&item);
        let value = match c {
            Cmd::RateN => Some(Rating::N),
            Cmd::RateP => Some(Rating::P),
            Cmd::RateL => Some(Rating::L),
            Cmd::RateF => Some(Rating::F),
            Cmd::Clear => None,
            _ => match current.and_then(|r| r.refined(c == Cmd::RefineUp)) {
                Some(r) => Some(r),
                None => {
                    let msg = format!(
                        "Refine works on a P or L: {}",
                        refine_advice("characterise")
                    );
                    self.info(msg);
                    return vec![];
                }
            },
        };
        if value.is_none() && current.is_none() {
            self.info("Not characterised already.");
            return vec![];
        }
        let what = format!(
            "{} {item}{}: {}",
            slot.process,
            slot.instance
                .as_ref()
                .map(|i| format!(" ({i})"))
                .unwrap_or_default(),
            match value {
                Some(v) => format!("characterised {}", v.code()),
                None => "characterisation removed".to_string(),
            }
        );
        let record = value.map(|value| CharacterisationValue {
            value,
            assessor: self.recorder().unwrap_or_default(),
            note: String::new(),
        });
        self.edit(
            Change::Characterise {
                process: slot.process,
                item,
                instance: slot.instance,
                record,
            },
            &what,
        )
    }

    /// Records the R1 proposal as the attribute's rating.
    pub(in crate::tui::app) fn accept_proposal(&mut self) -> Vec<Effect> {
        let proposal = (|| {
            let doc = self.doc.as_ref()?;
            let pi = self.selected_process()?;
            let attr = self.selected_attribute()?;
            let s = doc.profile.processes[pi]
                .attributes
                .iter()
                .find(|a| a.id == attr)?;
            s.proposal.as_ref().map(|p| (p.rating, p.is_complete()))
        })();
        match proposal {
            Some((Some(r), complete)) => {
                if !complete {
                    self.info(
                        "Not every item is characterised yet; accepting the proposal as it stands.",
                    );
                }
                let what = format!("proposal {} accepted", r.code());
                self.set(Field::Rating(Some(r)), &what)
            }
            _ => {
                let msg = format!(
                    "No proposal: characterise the outcomes or achievements first ({} to the detail pane, then {}).",
                    keys::label(Ctx::Walk, Cmd::NextPane),
                    keys::labels(
                        Ctx::Walk,
                        &[Cmd::RateN, Cmd::RateP, Cmd::RateL, Cmd::RateF],
                        " "
                    )
                );
                self.info(msg);
                vec![]
            }
        }
    }
}
