//! Suggestions for the improvement plan, from the model's own text (`capra suggest`).
//!
//! For each process in scope below its target, the attributes that stop the next level (see
//! [`crate::rating::capability_level`]) and, under each, the items of the model that are
//! missing: for PA1.1 the process's outcomes and base practices, above it the attribute's
//! achievements and generic practices. Items characterised below what the level needs come
//! first; when nothing under the attribute is characterised, every practice is listed, marked
//! "not characterised". Practices are worded by their name (already a thing to do); outcomes
//! and achievements, which are states, become "make sure that ...". Nothing is invented: a
//! user's own model gets suggestions from its own text.
//!
//! Suggestions are numbered 1, 2, ... in a fixed order (processes in model order, attributes in
//! level order, items in model order) over every process in scope, so that a number names the
//! same suggestion whatever the filter. [`Suggestion::action`] turns one into a proposed
//! [`Action`]. Pure: no files, no terminal.

use crate::assessment::plan::{MAX_ID_NUMBER, id_number};
use crate::assessment::{Action, ActionStatus, Assessment, Characterisation, ProcessRecord};
use crate::located::Id;
use crate::model::{Indicator, ItemKind, Model};
use crate::profile::{ProcessScore, Profile};
use crate::rating::{Base, Blocker, Rating, need_phrase};
use serde::Serialize;

/// The longest title an action made from a suggestion gets, in characters.
pub const TITLE_WIDTH: usize = 80;

/// What `capra suggest` shows: the processes below target with what they miss.
#[derive(Clone, Debug, Serialize)]
pub struct Suggestions {
    /// Processes below target, in model order.
    pub processes: Vec<ProcessGaps>,
    /// Processes in scope at or above their target, in model order.
    pub at_or_above_target: Vec<String>,
}

/// One process below its target.
#[derive(Clone, Debug, Serialize)]
pub struct ProcessGaps {
    pub process: String,
    pub name: String,
    pub capability_level: u8,
    pub target_level: u8,
    /// The level the suggestions are for: one above the capability level.
    pub next_level: u8,
    /// The attributes that stop the next level, in level order.
    pub attributes: Vec<AttributeGap>,
}

/// One attribute that stops the next level, and the items under it that are missing.
#[derive(Clone, Debug, Serialize)]
pub struct AttributeGap {
    pub attribute: String,
    pub level: u8,
    /// Its rating code, `None` when not rated.
    pub rating: Option<&'static str>,
    /// The lowest rating the next level needs: "F", or "L" (L or F).
    pub needs: &'static str,
    /// "PA2.1 is L, needs F".
    pub reason: String,
    /// True when it is not rated: rate it first.
    pub to_rate: bool,
    /// Instances still to rate or characterise before it counts (R1, R2).
    pub missing_instances: Vec<String>,
    /// True when something under the attribute is characterised.
    pub characterised: bool,
    /// How the suggestions were chosen, or why there are none.
    pub note: String,
    pub suggestions: Vec<Suggestion>,
}

/// One thing to do, from one item of the model.
#[derive(Clone, Debug, Serialize)]
pub struct Suggestion {
    /// 1, 2, ... over every process in scope.
    pub number: usize,
    pub process: String,
    pub attribute: String,
    /// The model's id of the item: BP3, O2, GP2.1.2, PA2.1.c.
    pub item: String,
    /// "base practice", "outcome", "generic practice", "achievement".
    pub kind: &'static str,
    /// The thing to do, in a line: "GP2.1.2: Plan the process".
    pub text: String,
    /// The model's longer text of a practice (empty for outcomes and achievements).
    pub detail: String,
    /// The outcomes or achievements a practice serves.
    pub serves: Vec<String>,
    /// The lowest characterisation of the item, when it has one.
    pub characterised: Option<&'static str>,
    /// The instance of that lowest characterisation, if it is one instance's.
    pub instance: Option<String>,
    /// "characterised P (Lyon), needs F" or "not characterised".
    pub state: String,
    /// Why it is suggested: "ISMS.CORE.3 is at level 1 of target 3; level 2 needs PA2.1 L or F
    /// (it is P)".
    pub why: String,
    /// The action of the plan that already holds it (same process, attribute and title).
    pub in_plan: Option<String>,
}

impl Suggestion {
    /// The title of the action made from it: the text, cut to [`TITLE_WIDTH`].
    pub fn title(&self) -> String {
        cut(&self.text, TITLE_WIDTH)
    }

    /// The description of the action: the full text, the model's detail, and why.
    pub fn description(&self) -> String {
        let mut s = self.text.clone();
        if !self.detail.trim().is_empty() {
            s.push_str("\n\n");
            s.push_str(self.detail.trim());
        }
        if !self.serves.is_empty() {
            s.push_str(&format!("\n\nServes {}.", self.serves.join(", ")));
        }
        s.push_str(&format!(
            "\n\nWhy: {}; {} is {}.",
            self.why, self.item, self.state
        ));
        s
    }

    /// The proposed action for it, with its status recorded as of `date` by `by`.
    pub fn action(&self, id: &str, date: &str, by: &str) -> Action {
        let mut x = Action::new(id, &self.title());
        x.description = self.description();
        x.process = Some(Id::from(self.process.as_str()));
        x.attributes = vec![Id::from(self.attribute.as_str())];
        x.set_status(ActionStatus::Proposed, date, by, "from capra suggest");
        x
    }
}

impl Suggestions {
    /// Every suggestion, in number order.
    pub fn all(&self) -> impl Iterator<Item = &Suggestion> {
        self.processes
            .iter()
            .flat_map(|p| p.attributes.iter().flat_map(|a| a.suggestions.iter()))
    }

    /// The suggestion with this number.
    pub fn number(&self, n: usize) -> Option<&Suggestion> {
        self.all().find(|s| s.number == n)
    }

    /// Only the processes for which `keep` is true (numbers unchanged).
    pub fn only(mut self, keep: impl Fn(&str) -> bool) -> Suggestions {
        self.processes.retain(|p| keep(&p.process));
        self.at_or_above_target.retain(|p| keep(p));
        self
    }
}

/// `s` on one line, cut at a word to at most `width` characters with "…" when longer.
pub fn cut(s: &str, width: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= width {
        return s;
    }
    let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
    if let Some(pos) = t.rfind(' ')
        && pos > width / 2
    {
        t.truncate(pos);
    }
    let mut t = t
        .trim_end_matches(|c: char| c.is_whitespace() || ",;:-".contains(c))
        .to_string();
    t.push('…');
    t
}

/// A state ("Progress is followed.") as a thing to do: "make sure that progress is followed."
/// The first word is put in lower case unless it has capitals inside (ISMS, IT).
pub fn make_sure(state: &str) -> String {
    let t = state.trim();
    let first = t.split_whitespace().next().unwrap_or("");
    let mut chars = first.chars();
    let lower = match chars.next() {
        Some(c) if c.is_uppercase() && !chars.any(char::is_uppercase) => {
            let mut s: String = c.to_lowercase().collect();
            s.push_str(&t[c.len_utf8()..]);
            s
        }
        _ => t.to_string(),
    };
    format!("make sure that {lower}")
}

/// A practice as a thing to do: its name (models name practices as actions), else the first
/// sentence of its text.
fn practice_text(x: &Indicator) -> String {
    let name = x.name.trim();
    if !name.is_empty() {
        return name.to_string();
    }
    let text = x.text.trim();
    match text.find(". ") {
        Some(i) => text[..=i].to_string(),
        None => text.to_string(),
    }
}

/// The lowest characterisation of an item for a process, over its instances.
fn lowest<'a>(p: &'a ProcessRecord, item: &str) -> Option<&'a Characterisation> {
    p.characterisations
        .iter()
        .filter(|c| c.item == item)
        .min_by_key(|c| c.value.get().position2())
}

/// One item of the model under an attribute, ready to be a suggestion.
struct Item {
    id: String,
    kind: ItemKind,
    text: String,
    detail: String,
    serves: Vec<String>,
}

/// The items under an attribute that suggestions come from, in model order: outcomes and base
/// practices (level 1), achievements and generic practices (above).
fn items(model: &Model, process: &str, attribute: &str) -> Vec<Item> {
    let Some(a) = model.attribute(attribute) else {
        return Vec::new();
    };
    let practice = |x: &Indicator, kind| Item {
        id: x.id.to_string(),
        kind,
        text: format!("{}: {}", x.id, practice_text(x)),
        detail: x.text.trim().to_string(),
        serves: x.maps_to.iter().map(|m| m.to_string()).collect(),
    };
    let state = |id: &Id, text: &str, kind| Item {
        id: id.to_string(),
        kind,
        text: format!("{id}: {}", make_sure(text)),
        detail: String::new(),
        serves: Vec::new(),
    };
    let mut v = Vec::new();
    if a.level == 1 {
        if let Some(p) = model.process(process) {
            v.extend(
                p.outcomes
                    .iter()
                    .map(|o| state(&o.id, &o.text, ItemKind::Outcome)),
            );
            v.extend(
                p.base_practices
                    .iter()
                    .map(|x| practice(x, ItemKind::BasePractice)),
            );
        }
    } else {
        v.extend(
            a.achievements
                .iter()
                .map(|o| state(&o.id, &o.text, ItemKind::Achievement)),
        );
        v.extend(
            a.generic_practices
                .iter()
                .map(|x| practice(x, ItemKind::GenericPractice)),
        );
    }
    v
}

fn is_practice(k: ItemKind) -> bool {
    matches!(k, ItemKind::BasePractice | ItemKind::GenericPractice)
}

/// What is missing under one blocking attribute.
fn attribute_gap(
    model: &Model,
    a: &Assessment,
    p: &ProcessRecord,
    score: &ProcessScore,
    b: &Blocker,
    next: &mut usize,
) -> AttributeGap {
    let need: Base = b.needs;
    let level = model.attribute(&b.attribute).map_or(0, |x| x.level);
    let all = items(model, &p.id, &b.attribute);
    let under: Vec<String> = model
        .items_under(&p.id, &b.attribute)
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let characterised = p
        .characterisations
        .iter()
        .any(|c| under.iter().any(|u| u == c.item.as_str()));
    let meets = |id: &str| lowest(p, id).is_some_and(|c| c.value.get().meets(need));
    let to_rate = b.rating.is_none();
    let rating_word = match b.rating {
        Some(r) => r.code().to_string(),
        None => "not rated".to_string(),
    };
    let why = format!(
        "{} is at level {} of target {}; level {} needs {} {} (it is {})",
        p.id,
        score.capability_level,
        score.target_level,
        b.level,
        b.attribute,
        need_phrase(need),
        rating_word
    );
    // Below the need first, then (when something is characterised) the practices not
    // characterised whose outcomes or achievements are not all shown to meet the need; when
    // nothing is, every practice (or, for a model without practices, every outcome).
    let mut chosen: Vec<(&Item, Option<&Characterisation>)> = Vec::new();
    let note;
    if characterised {
        for it in &all {
            if let Some(c) = lowest(p, &it.id)
                && !c.value.get().meets(need)
            {
                chosen.push((it, Some(c)));
            }
        }
        if !to_rate {
            for it in all.iter().filter(|it| is_practice(it.kind)) {
                let covered = !it.serves.is_empty() && it.serves.iter().all(|s| meets(s));
                if lowest(p, &it.id).is_none() && !covered {
                    chosen.push((it, None));
                }
            }
        }
        note = if to_rate {
            if chosen.is_empty() {
                String::new()
            } else {
                format!("items characterised below {} are listed", need_phrase(need))
            }
        } else if chosen.is_empty() {
            format!(
                "every item characterised under {} meets {}: review the rating {rating_word} \
                 against the characterisations",
                b.attribute,
                need_phrase(need)
            )
        } else {
            format!(
                "items characterised below {} first, then practices not characterised",
                need_phrase(need)
            )
        };
    } else if to_rate {
        note = String::new();
    } else {
        let practices: Vec<&Item> = all.iter().filter(|it| is_practice(it.kind)).collect();
        let listed: Vec<&Item> = if practices.is_empty() {
            all.iter().collect()
        } else {
            practices
        };
        chosen.extend(listed.into_iter().map(|it| (it, None)));
        note = format!(
            "nothing under {} is characterised: every {} is listed",
            b.attribute,
            match (level, chosen.first().map(|(it, _)| it.kind)) {
                (1, Some(ItemKind::BasePractice)) => "base practice",
                (1, _) => "outcome",
                (_, Some(ItemKind::GenericPractice)) => "generic practice",
                _ => "achievement",
            }
        );
    }
    let note = if to_rate {
        let rate = if b.missing.is_empty() {
            format!("rate {} first", b.attribute)
        } else {
            format!(
                "rate or characterise {} for {} first",
                b.attribute,
                b.missing.join(", ")
            )
        };
        if note.is_empty() {
            rate
        } else {
            format!("{rate}; {note}")
        }
    } else {
        note
    };
    let suggestions = chosen
        .into_iter()
        .map(|(it, c)| {
            *next += 1;
            let state = match c {
                Some(c) => match &c.instance {
                    Some(i) => format!(
                        "characterised {} ({i}), needs {}",
                        c.value.get().code(),
                        need_phrase(need)
                    ),
                    None => format!(
                        "characterised {}, needs {}",
                        c.value.get().code(),
                        need_phrase(need)
                    ),
                },
                None => "not characterised".to_string(),
            };
            let mut s = Suggestion {
                number: *next,
                process: p.id.to_string(),
                attribute: b.attribute.clone(),
                item: it.id.clone(),
                kind: it.kind.name(),
                text: it.text.clone(),
                detail: it.detail.clone(),
                serves: it.serves.clone(),
                characterised: c.map(|c| c.value.get().code()),
                instance: c.and_then(|c| c.instance.as_ref().map(|i| i.to_string())),
                state,
                why: why.clone(),
                in_plan: None,
            };
            s.in_plan = in_plan(a, &s).map(|x| x.id.to_string());
            s
        })
        .collect();
    AttributeGap {
        attribute: b.attribute.clone(),
        level,
        rating: b.rating.map(Rating::code),
        needs: need.code(),
        reason: b.explain(),
        to_rate,
        missing_instances: b.missing.clone(),
        characterised,
        note,
        suggestions,
    }
}

/// The action of the plan that already holds a suggestion: same process, the attribute among
/// its attributes, and the same title.
pub fn in_plan<'a>(a: &'a Assessment, s: &Suggestion) -> Option<&'a Action> {
    let title = s.title();
    a.actions.iter().find(|x| {
        x.process.as_ref().is_some_and(|p| *p == s.process)
            && x.attributes.iter().any(|at| *at == s.attribute)
            && x.title.trim() == title.trim()
    })
}

/// The suggestions for every process in scope, from its scores.
pub fn suggest(model: &Model, a: &Assessment, profile: &Profile) -> Suggestions {
    let mut scores: Vec<&ProcessScore> = profile.processes.iter().collect();
    scores.sort_by_key(|s| model.process_index(&s.id));
    let mut next = 0;
    let mut processes = Vec::new();
    let mut at_or_above_target = Vec::new();
    for score in scores {
        let Some(p) = a.process(&score.id) else {
            continue;
        };
        if score.capability_level >= score.target_level {
            at_or_above_target.push(score.id.clone());
            continue;
        }
        let mut blockers: Vec<&Blocker> = score.blockers.iter().collect();
        blockers.sort_by_key(|b| model.attribute_index(&b.attribute));
        let attributes = blockers
            .into_iter()
            .map(|b| attribute_gap(model, a, p, score, b, &mut next))
            .collect();
        processes.push(ProcessGaps {
            process: score.id.clone(),
            name: score.name.clone(),
            capability_level: score.capability_level,
            target_level: score.target_level,
            next_level: score.capability_level + 1,
            attributes,
        });
    }
    Suggestions {
        processes,
        at_or_above_target,
    }
}

/// The proposed actions for the chosen suggestions, numbered from the next free action id; `None`
/// when the ids would pass [`MAX_ID_NUMBER`].
pub fn actions(
    a: &Assessment,
    chosen: &[&Suggestion],
    date: &str,
    by: &str,
) -> Option<Vec<Action>> {
    let first = id_number("A-", &a.next_action_id()?)?;
    chosen
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let n = first
                .checked_add(k as u64)
                .filter(|n| *n <= MAX_ID_NUMBER)?;
            Some(s.action(&format!("A-{n:03}"), date, by))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_become_things_to_do() {
        assert_eq!(
            make_sure("The work is planned."),
            "make sure that the work is planned."
        );
        assert_eq!(
            make_sure("ISMS scope is agreed."),
            "make sure that ISMS scope is agreed."
        );
        assert_eq!(make_sure("A plan exists."), "make sure that a plan exists.");
        assert_eq!(make_sure("Élan is kept."), "make sure that élan is kept.");
    }

    #[test]
    fn titles_are_cut_at_a_word() {
        assert_eq!(cut("short  text\nhere", 80), "short text here");
        let long = "word ".repeat(30);
        let t = cut(&long, 40);
        assert!(t.chars().count() <= 40, "{t}");
        assert!(t.ends_with("word…"), "{t}");
    }
}
