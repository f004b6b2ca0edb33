//! The three-way merge of one assessment file by identity, not by line: what `capra merge-file`
//! does when git merges two branches of the same file (docs/teams.md).
//!
//! Every part of the file is matched by what it is about: a rating by process, attribute and
//! instance, then field by field; an assessor's rating also by assessor; a characterisation by
//! process, item and instance; evidence, findings, actions, interviews and document requests by
//! id; questions asked by process and question; acknowledgements by warning; the statement of
//! applicability by control; team members by name and role; the inputs, settings and report
//! settings key by key. A change made on one side
//! only is taken, the same change made on both sides once. Items both sides added under the same
//! id with different content are both kept: THEIRS's is renumbered, with every link to it.
//!
//! A true conflict keeps both versions in the file in a form capra loads:
//! - two ratings of one slot: OURS's stays the agreed rating, both are kept in `assessor_ratings`
//!   (under each side's assessor, or "ours" and "theirs") and the rating is flagged for review
//!   (a rating cleared on one side and changed on the other: the changed one is kept, flagged);
//! - a text edited two ways: OURS's text, then a line `[other version] ` and THEIRS's text (inline
//!   for one-line texts such as titles); a rating's note or rationale also flags the rating;
//! - a field that cannot hold both (a confidence, a kind, a due date): OURS's value is kept and
//!   THEIRS's is written as `[other version] FIELD: VALUE` into the item's note (a finding's text,
//!   an acknowledgement's justification, an interview's notes, a request's `what`); a rating is
//!   also flagged;
//! - an item removed on one side and changed on the other: the changed item is kept.
//!
//! Pure: takes the three assessments and the model, returns the merged assessment with the
//! conflicts, the renumberings and what was taken from THEIRS. `fields` holds the three-way
//! rules of one value, a text, a set and a keyed list; `records` applies them to each kind of
//! record, field by field; this file joins the whole and renumbers THEIRS's clashing new items.

mod fields;
mod records;

pub use fields::{Conflict, OTHER};

use super::inputs::Incompatible;
use crate::assessment::plan::{MAX_ID_NUMBER, id_number};
use crate::assessment::{Assessment, Member, evidence_number, next_evidence_after};
use crate::located::Id;
use crate::model::Model;
use fields::{Ctx, Item, keyed, pick};
use records::{
    acknowledgement, action, evidence, finding, info, interview, process, question, request,
};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

/// An item THEIRS added under an id OURS also used for something else, and its new id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Renumbered {
    pub from: String,
    pub to: String,
}

/// The result of a three-way merge.
#[derive(Clone, Debug)]
pub struct ThreeWay {
    pub assessment: Assessment,
    pub conflicts: Vec<Conflict>,
    pub renumbered: Vec<Renumbered>,
    /// The changes taken from THEIRS (OURS's own are in it already), in words.
    pub taken: Vec<String>,
}

/// Merges OURS and THEIRS, both changed from BASE (none: both sides added the file). Fails only
/// when the three are not of one model and framework.
pub fn merge3(
    model: &Model,
    base: Option<&Assessment>,
    ours: &Assessment,
    theirs: &Assessment,
) -> Result<ThreeWay, Incompatible> {
    for (label, a) in [("BASE", base), ("THEIRS", Some(theirs))] {
        let Some(a) = a else { continue };
        if a.model.id != ours.model.id || a.framework.id != ours.framework.id {
            return Err(Incompatible(format!(
                "{label} is an assessment of model {} (framework {}), OURS of model {} (framework {}): they cannot be merged",
                a.model.id, a.framework.id, ours.model.id, ours.framework.id
            )));
        }
    }
    let mut theirs = theirs.clone();
    let renumbered = renumber(base, ours, &mut theirs)?;
    let t = &theirs;
    let mut cx = Ctx::default();
    let b = base;

    let mut out = ours.clone();
    let (model_ref, c) = pick(b.map(|x| &x.model), &ours.model, &t.model);
    if c {
        cx.conflict(
            "[model]",
            format!(
                "ours {} {}, theirs {} {} (ours kept)",
                ours.model.id, ours.model.version, t.model.id, t.model.version
            ),
        );
    }
    out.model = model_ref;
    let (fw, c) = pick(b.map(|x| &x.framework), &ours.framework, &t.framework);
    if c {
        cx.conflict("[framework]", "changed on both sides (ours kept)".into());
    }
    out.framework = fw;
    out.report = records::report(&mut cx, b.map(|x| &x.report), &ours.report, &t.report);
    out.assessment = info(
        &mut cx,
        b.map(|x| &x.assessment),
        &ours.assessment,
        &t.assessment,
    );

    out.team = keyed(
        &mut cx,
        b.map_or(&[][..], |x| &x.team),
        &ours.team,
        &t.team,
        |m| (m.name.clone(), m.role),
        |m| format!("team member {} ({})", *m.name, m.role),
        None,
        |cx, bm, om, tm| {
            let mut it = Item::new(cx, format!("team member {} ({})", *om.name, om.role));
            let organisation = it.keep(
                "organisation",
                bm.map(|x| &x.organisation),
                &om.organisation,
                &tm.organisation,
                |s| s.clone(),
            );
            Member {
                organisation,
                ..om.clone()
            }
        },
    );
    out.processes = keyed(
        &mut cx,
        b.map_or(&[][..], |x| &x.processes),
        &ours.processes,
        &t.processes,
        |p| p.id.clone(),
        |p| format!("process {}", p.id),
        None,
        process,
    );
    out.evidence = keyed(
        &mut cx,
        b.map_or(&[][..], |x| &x.evidence),
        &ours.evidence,
        &t.evidence,
        |e| e.id.clone(),
        |e| format!("evidence {}", e.id),
        None,
        evidence,
    );
    out.acknowledgements = keyed(
        &mut cx,
        b.map_or(&[][..], |x| &x.acknowledgements),
        &ours.acknowledgements,
        &t.acknowledgements,
        |k| k.warning.clone(),
        |k| format!("acknowledgement of {}", k.warning),
        None,
        acknowledgement,
    );
    out.findings = keyed(
        &mut cx,
        b.map_or(&[][..], |x| &x.findings),
        &ours.findings,
        &t.findings,
        |f| f.id.clone(),
        |f| format!("finding {}", f.id),
        None,
        finding,
    );
    out.actions = keyed(
        &mut cx,
        b.map_or(&[][..], |x| &x.actions),
        &ours.actions,
        &t.actions,
        |x| x.id.clone(),
        |x| format!("action {}", x.id),
        None,
        action,
    );
    out.interviews = keyed(
        &mut cx,
        b.map_or(&[][..], |x| &x.interviews),
        &ours.interviews,
        &t.interviews,
        |i| i.id.clone(),
        |i| format!("interview {}", i.id),
        None,
        interview,
    );
    out.requests = keyed(
        &mut cx,
        b.map_or(&[][..], |x| &x.requests),
        &ours.requests,
        &t.requests,
        |r| r.id.clone(),
        |r| format!("request {}", r.id),
        None,
        request,
    );
    out.questions = keyed(
        &mut cx,
        b.map_or(&[][..], |x| &x.questions),
        &ours.questions,
        &t.questions,
        |q| (q.process.clone(), q.question.clone()),
        |q| format!("question {} of {}", q.question, q.process),
        None,
        question,
    );
    out.soa = keyed(
        &mut cx,
        b.map_or(&[][..], |x| &x.soa),
        &ours.soa,
        &t.soa,
        |s| s.control.clone(),
        |s| format!("statement of applicability of {}", s.control),
        None,
        records::soa_row,
    );
    out.normalize(model);
    Ok(ThreeWay {
        assessment: out,
        conflicts: cx.conflicts,
        renumbered,
        taken: cx.taken,
    })
}

/// Gives THEIRS's new items whose id OURS also added, for something else, the next free id, and
/// makes every link to them follow: evidence in ratings and findings, findings in actions.
fn renumber(
    base: Option<&Assessment>,
    ours: &Assessment,
    theirs: &mut Assessment,
) -> Result<Vec<Renumbered>, Incompatible> {
    let mut done = Vec::new();
    let in_base = |ids: Vec<String>| ids.into_iter().collect::<HashSet<String>>();
    let all = |theirs: &Assessment, f: &dyn Fn(&Assessment) -> Vec<String>| {
        let mut v: Vec<String> = f(ours);
        v.extend(f(theirs));
        v.extend(base.map(f).unwrap_or_default());
        v
    };

    // Evidence.
    let ids = |a: &Assessment| a.evidence.iter().map(|e| e.id.to_string()).collect();
    let base_ids = in_base(base.map(ids).unwrap_or_default());
    let mut highest = all(theirs, &ids)
        .iter()
        .filter_map(|i| evidence_number(i))
        .max()
        .unwrap_or(0);
    let mut map: BTreeMap<String, String> = BTreeMap::new();
    for e in &theirs.evidence {
        let clash = ours.evidence_item(&e.id).is_some_and(|x| x != e);
        if clash && !base_ids.contains(e.id.as_str()) {
            let new = next_evidence_after(highest).ok_or_else(|| {
                Incompatible(format!(
                    "evidence {} needs a new id, and none is left",
                    e.id
                ))
            })?;
            highest += 1;
            map.insert(e.id.to_string(), new);
        }
    }
    let follow = |list: &mut Vec<Id>, map: &BTreeMap<String, String>| {
        for x in list.iter_mut() {
            if let Some(n) = map.get(x.as_str()) {
                *x = Id::from(n.as_str());
            }
        }
    };
    for e in &mut theirs.evidence {
        if let Some(n) = map.get(e.id.as_str()) {
            e.id = Id::from(n.as_str());
        }
    }
    for p in &mut theirs.processes {
        for r in p.ratings.iter_mut().chain(p.assessor_ratings.iter_mut()) {
            follow(&mut r.evidence, &map);
        }
    }
    for f in &mut theirs.findings {
        follow(&mut f.evidence, &map);
    }
    for r in &mut theirs.requests {
        follow_one(&mut r.evidence, &map);
    }
    note_renumbered(&mut done, map);

    // Interviews, then requests.
    let ids = |a: &Assessment| a.interviews.iter().map(|i| i.id.to_string()).collect();
    let base_ids = in_base(base.map(ids).unwrap_or_default());
    let mut highest = max_number("I-", all(theirs, &ids));
    let mut map: BTreeMap<String, String> = BTreeMap::new();
    for i in &theirs.interviews {
        let clash = ours.interview(&i.id).is_some_and(|x| x != i);
        if clash && !base_ids.contains(i.id.as_str()) {
            highest += 1;
            map.insert(i.id.to_string(), numbered("I-", highest, &i.id)?);
        }
    }
    for i in &mut theirs.interviews {
        if let Some(n) = map.get(i.id.as_str()) {
            i.id = Id::from(n.as_str());
        }
    }
    for f in &mut theirs.findings {
        follow_one(&mut f.interview, &map);
    }
    for r in &mut theirs.requests {
        follow_one(&mut r.interview, &map);
    }
    for q in &mut theirs.questions {
        follow_one(&mut q.interview, &map);
    }
    note_renumbered(&mut done, map);
    let ids = |a: &Assessment| a.requests.iter().map(|r| r.id.to_string()).collect();
    let base_ids = in_base(base.map(ids).unwrap_or_default());
    let mut highest = max_number("R-", all(theirs, &ids));
    let mut map: BTreeMap<String, String> = BTreeMap::new();
    for r in &theirs.requests {
        let clash = ours.request(&r.id).is_some_and(|x| x != r);
        if clash && !base_ids.contains(r.id.as_str()) {
            highest += 1;
            map.insert(r.id.to_string(), numbered("R-", highest, &r.id)?);
        }
    }
    for r in &mut theirs.requests {
        if let Some(n) = map.get(r.id.as_str()) {
            r.id = Id::from(n.as_str());
        }
    }
    note_renumbered(&mut done, map);

    // Findings, then actions.
    let ids = |a: &Assessment| a.findings.iter().map(|f| f.id.to_string()).collect();
    let base_ids = in_base(base.map(ids).unwrap_or_default());
    let mut highest = max_number("F-", all(theirs, &ids));
    let mut map: BTreeMap<String, String> = BTreeMap::new();
    for f in &theirs.findings {
        let clash = ours.finding(&f.id).is_some_and(|x| x != f);
        if clash && !base_ids.contains(f.id.as_str()) {
            highest += 1;
            map.insert(f.id.to_string(), numbered("F-", highest, &f.id)?);
        }
    }
    for f in &mut theirs.findings {
        if let Some(n) = map.get(f.id.as_str()) {
            f.id = Id::from(n.as_str());
        }
    }
    for x in &mut theirs.actions {
        follow(&mut x.findings, &map);
    }
    note_renumbered(&mut done, map);

    let ids = |a: &Assessment| a.actions.iter().map(|x| x.id.to_string()).collect();
    let base_ids = in_base(base.map(ids).unwrap_or_default());
    let floor = [Some(ours), Some(&*theirs), base]
        .iter()
        .flatten()
        .filter_map(|a| a.assessment.next_action_number)
        .max()
        .unwrap_or(1);
    let mut highest = max_number("A-", all(theirs, &ids)).max(floor.saturating_sub(1));
    let mut map: BTreeMap<String, String> = BTreeMap::new();
    for x in &theirs.actions {
        let clash = ours.action(&x.id).is_some_and(|y| y != x);
        if clash && !base_ids.contains(x.id.as_str()) {
            highest += 1;
            map.insert(x.id.to_string(), numbered("A-", highest, &x.id)?);
        }
    }
    for x in &mut theirs.actions {
        if let Some(n) = map.get(x.id.as_str()) {
            x.id = Id::from(n.as_str());
        }
    }
    note_renumbered(&mut done, map);
    Ok(done)
}

/// A link to one item follows its new id.
fn follow_one(link: &mut Option<Id>, map: &BTreeMap<String, String>) {
    if let Some(x) = link
        && let Some(n) = map.get(x.as_str())
    {
        *x = Id::from(n.as_str());
    }
}

fn max_number(prefix: &str, ids: Vec<String>) -> u64 {
    ids.iter()
        .filter_map(|i| id_number(prefix, i))
        .max()
        .unwrap_or(0)
}

fn numbered(prefix: &str, n: u64, old: &str) -> Result<String, Incompatible> {
    if n > MAX_ID_NUMBER {
        return Err(Incompatible(format!(
            "{old} needs a new id, and none is left"
        )));
    }
    Ok(format!("{prefix}{n:03}"))
}

fn note_renumbered(done: &mut Vec<Renumbered>, map: BTreeMap<String, String>) {
    done.extend(map.into_iter().map(|(from, to)| Renumbered { from, to }));
}
