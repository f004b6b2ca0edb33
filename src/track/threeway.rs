//! The three-way merge of one assessment file by identity, not by line: what `capra merge-file`
//! does when git merges two branches of the same file (docs/teams.md).
//!
//! Every part of the file is matched by what it is about: a rating by process, attribute and
//! instance, then field by field; an assessor's rating also by assessor; a characterisation by
//! process, item and instance; evidence, findings and actions by id; acknowledgements by warning;
//! team members by name and role; the inputs and settings key by key. A change made on one side
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
//!   an acknowledgement's justification); a rating is also flagged;
//! - an item removed on one side and changed on the other: the changed item is kept.
//!
//! Pure: takes the three assessments and the model, returns the merged assessment with the
//! conflicts, the renumberings and what was taken from THEIRS. The file is over 600 lines only
//! by the number of record types it has to know field by field.

use super::inputs::Incompatible;
use crate::assessment::plan::{MAX_ID_NUMBER, id_number};
use crate::assessment::{
    Acknowledgement, Action, Assessment, Characterisation, Evidence, Finding, FindingKind, Info,
    Member, NotApplicable, ProcessRecord, RatingRecord, Review, evidence_number,
    next_evidence_after,
};
use crate::located::{Id, Located};
use crate::model::Model;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Display;
use std::hash::Hash;

/// The mark before THEIRS's version of a text both sides edited.
pub const OTHER: &str = "[other version]";

/// Both sides changed the same thing differently; both versions are in the merged file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Conflict {
    /// What it is about: "ISMS.CORE.3 PA2.1", "finding F-002", "[assessment] purpose".
    pub place: String,
    /// What happened and what the file holds now.
    pub detail: String,
}

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

#[derive(Default)]
struct Ctx {
    conflicts: Vec<Conflict>,
    taken: Vec<String>,
}

impl Ctx {
    fn conflict(&mut self, place: &str, detail: String) {
        self.conflicts.push(Conflict {
            place: place.to_string(),
            detail,
        });
    }
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
    out.normalize(model);
    Ok(ThreeWay {
        assessment: out,
        conflicts: cx.conflicts,
        renumbered,
        taken: cx.taken,
    })
}

/// The merged value, and whether both sides changed it to different values (then: OURS's).
fn pick<T: PartialEq + Clone>(b: Option<&T>, o: &T, t: &T) -> (T, bool) {
    if o == t || b == Some(t) {
        (o.clone(), false)
    } else if b == Some(o) {
        (t.clone(), false)
    } else {
        (o.clone(), true)
    }
}

/// A text three ways: when both sides changed it, OURS's then THEIRS's after [`OTHER`] (on a
/// line of its own when `sep` is a line break); a text emptied on one side and changed on the
/// other keeps the changed one.
fn text3(b: Option<&String>, o: &String, t: &String, sep: &str) -> (String, bool) {
    let (v, c) = pick(b, o, t);
    if !c {
        return (v, false);
    }
    if o.trim().is_empty() {
        return (t.clone(), true);
    }
    if t.trim().is_empty() || o.contains(t.trim()) {
        return (o.clone(), true);
    }
    (format!("{}{sep}{OTHER} {}", o.trim_end(), t.trim()), true)
}

/// A set of ids three ways: what either side added is in, what either side removed is out.
fn set3(b: Option<&Vec<Id>>, o: &[Id], t: &[Id]) -> Vec<Id> {
    let base: HashSet<&str> =
        b.map_or_else(HashSet::new, |v| v.iter().map(|x| x.as_str()).collect());
    let os: HashSet<&str> = o.iter().map(|x| x.as_str()).collect();
    let ts: HashSet<&str> = t.iter().map(|x| x.as_str()).collect();
    let mut out: Vec<Id> = Vec::new();
    for x in o.iter().chain(t) {
        let s = x.as_str();
        let keep = (os.contains(s) && ts.contains(s)) || !base.contains(s);
        if keep && !out.iter().any(|y| y == s) {
            out.push(x.clone());
        }
    }
    out
}

/// The merge of one item's fields: the conflicts go to the context; the other versions of
/// fields that cannot hold both are gathered for the item's note.
struct Item<'c> {
    cx: &'c mut Ctx,
    place: String,
    other: Vec<String>,
    conflicted: bool,
}

impl<'c> Item<'c> {
    fn new(cx: &'c mut Ctx, place: String) -> Item<'c> {
        Item {
            cx,
            place,
            other: Vec::new(),
            conflicted: false,
        }
    }

    /// A field that holds one value: OURS's on a conflict, THEIRS's noted.
    fn keep<T: PartialEq + Clone>(
        &mut self,
        name: &str,
        b: Option<&T>,
        o: &T,
        t: &T,
        show: impl Fn(&T) -> String,
    ) -> T {
        let (v, c) = pick(b, o, t);
        if c {
            self.conflicted = true;
            let (so, st) = (show(o), show(t));
            self.cx.conflict(
                &self.place,
                format!("{name}: ours {so}, theirs {st} (ours kept, theirs noted)"),
            );
            self.other.push(format!("{OTHER} {name}: {st}"));
        }
        v
    }

    /// A text field: both versions on a conflict.
    fn text(
        &mut self,
        name: &str,
        b: Option<&String>,
        o: &String,
        t: &String,
        sep: &str,
    ) -> String {
        let (v, c) = text3(b, o, t, sep);
        if c {
            self.conflicted = true;
            self.cx.conflict(
                &self.place,
                format!(
                    "{name} edited on both sides (both versions kept, theirs after \"{OTHER}\")"
                ),
            );
        }
        v
    }

    /// `note` with the other versions of single-valued fields added, each on a line.
    fn with_other(&self, note: String) -> String {
        if self.other.is_empty() {
            return note;
        }
        let mut lines: Vec<String> = Vec::new();
        if !note.trim().is_empty() {
            lines.push(note.trim_end().to_string());
        }
        lines.extend(self.other.iter().cloned());
        lines.join("\n")
    }
}

fn opt<T: Display>(v: &Option<T>) -> String {
    v.as_ref()
        .map_or_else(|| "none".to_string(), |x| x.to_string())
}

fn words(s: &str) -> String {
    if s.is_empty() {
        "none".into()
    } else {
        format!("\"{s}\"")
    }
}

/// A keyed list three ways: an item changed on one side only is taken from it; the same on both
/// sides once; changed on both: `both` merges it; removed on one side, changed on the other:
/// the changed one is kept, unless the list has a `blank` item (a rating record: absent is the
/// same as empty), which then stands for the removed one in `both`.
#[allow(clippy::too_many_arguments)]
fn keyed<T, K>(
    cx: &mut Ctx,
    b: &[T],
    o: &[T],
    t: &[T],
    key: impl Fn(&T) -> K,
    place: impl Fn(&T) -> String,
    blank: Option<fn(&T) -> T>,
    mut both: impl FnMut(&mut Ctx, Option<&T>, &T, &T) -> T,
) -> Vec<T>
where
    T: Clone + PartialEq,
    K: Eq + Hash + Clone,
{
    let index = |list: &[T]| -> HashMap<K, usize> {
        let mut m = HashMap::new();
        for (i, x) in list.iter().enumerate() {
            m.entry(key(x)).or_insert(i);
        }
        m
    };
    let (bi, oi, ti) = (index(b), index(o), index(t));
    let mut keys: Vec<K> = Vec::new();
    let mut seen: HashSet<K> = HashSet::new();
    for x in o.iter().chain(t).chain(b) {
        let k = key(x);
        if seen.insert(k.clone()) {
            keys.push(k);
        }
    }
    let mut out = Vec::new();
    for k in &keys {
        let bx = bi.get(k).map(|&i| &b[i]);
        let ox = oi.get(k).map(|&i| &o[i]);
        let tx = ti.get(k).map(|&i| &t[i]);
        match (ox, tx) {
            (Some(x), Some(y)) if x == y => out.push(x.clone()),
            (None, None) => {}
            _ if tx == bx => out.extend(ox.cloned()),
            _ if ox == bx => match tx {
                Some(y) => {
                    let verb = if bx.is_some() { "changed" } else { "added" };
                    cx.taken.push(format!("{} {verb}", place(y)));
                    out.push(y.clone());
                }
                None => cx
                    .taken
                    .push(format!("{} removed", place(bx.expect("removed from base")))),
            },
            (Some(x), Some(y)) => out.push(both(cx, bx, x, y)),
            (Some(x), None) if blank.is_some() => {
                let y = blank.expect("checked")(x);
                out.push(both(cx, bx, x, &y));
            }
            (None, Some(y)) if blank.is_some() => {
                let x = blank.expect("checked")(y);
                out.push(both(cx, bx, &x, y));
            }
            (Some(x), None) => {
                cx.conflict(
                    &place(x),
                    "changed in ours, removed in theirs: kept as changed".into(),
                );
                out.push(x.clone());
            }
            (None, Some(y)) => {
                cx.conflict(
                    &place(y),
                    "removed in ours, changed in theirs: kept as changed".into(),
                );
                out.push(y.clone());
            }
        }
    }
    out
}

/// The inputs and settings, key by key.
fn info(cx: &mut Ctx, b: Option<&Info>, o: &Info, t: &Info) -> Info {
    let mut it = Item::new(cx, "[assessment]".into());
    macro_rules! keep {
        ($f:ident, $show:expr) => {
            it.keep(stringify!($f), b.map(|x| &x.$f), &o.$f, &t.$f, $show)
        };
    }
    macro_rules! text {
        ($f:ident, $sep:expr) => {
            it.text(stringify!($f), b.map(|x| &x.$f), &o.$f, &t.$f, $sep)
        };
    }
    let located = |s: &Located<String>| words(s);
    let next_action_number = {
        let (v, c) = pick(
            b.map(|x| &x.next_action_number),
            &o.next_action_number,
            &t.next_action_number,
        );
        if c {
            o.next_action_number.max(t.next_action_number)
        } else {
            v
        }
    };
    Info {
        title: text!(title, " "),
        sponsor: text!(sponsor, " "),
        sponsor_relation: text!(sponsor_relation, "\n"),
        purpose: text!(purpose, "\n"),
        unit: text!(unit, " "),
        context: text!(context, "\n"),
        class: keep!(class, |c| c.to_string()),
        rating_method: keep!(rating_method, |m| m.to_string()),
        aggregation: keep!(aggregation, |m| m.to_string()),
        aggregation_order: keep!(aggregation_order, |m| m.to_string()),
        constraints: text!(constraints, "\n"),
        independence: text!(independence, "\n"),
        require_validation: keep!(require_validation, opt),
        created: keep!(created, located),
        start: keep!(start, located),
        end: keep!(end, located),
        previous: keep!(previous, |s| words(s)),
        next_action_number,
    }
}

/// A process both sides changed: target, instances, and each list by its key.
fn process(
    cx: &mut Ctx,
    b: Option<&ProcessRecord>,
    o: &ProcessRecord,
    t: &ProcessRecord,
) -> ProcessRecord {
    let id = o.id.to_string();
    let (target, c) = pick(b.map(|x| &x.target), &o.target, &t.target);
    if c {
        cx.conflict(
            &format!("process {id}"),
            format!(
                "target: ours {}, theirs {} (ours kept)",
                *o.target, *t.target
            ),
        );
    }
    let instances = set3(b.map(|x| &x.instances), &o.instances, &t.instances);
    let slot = |r: &RatingRecord| {
        format!(
            "{id} {}{}",
            r.attribute,
            r.instance
                .as_ref()
                .map(|i| format!(" ({i})"))
                .unwrap_or_default()
        )
    };
    let mut extra: Vec<RatingRecord> = Vec::new();
    let ratings = keyed(
        cx,
        b.map_or(&[][..], |x| &x.ratings),
        &o.ratings,
        &t.ratings,
        |r| (r.attribute.clone(), r.instance.clone()),
        slot,
        Some(|r: &RatingRecord| RatingRecord {
            attribute: r.attribute.clone(),
            instance: r.instance.clone(),
            ..RatingRecord::default()
        }),
        |cx, br, or, tr| rating(cx, slot(or), br, or, tr, &mut extra),
    );
    let characterisations = keyed(
        cx,
        b.map_or(&[][..], |x| &x.characterisations),
        &o.characterisations,
        &t.characterisations,
        |c| (c.item.clone(), c.instance.clone()),
        |c| format!("{id} {} characterisation", c.item),
        None,
        |cx, bc, oc, tc| {
            let mut it = Item::new(cx, format!("{id} {} characterisation", oc.item));
            let value = it.keep("value", bc.map(|x| &x.value), &oc.value, &tc.value, |v| {
                v.code().to_string()
            });
            let assessor = it.keep(
                "assessor",
                bc.map(|x| &x.assessor),
                &oc.assessor,
                &tc.assessor,
                |s| words(s),
            );
            let note = it.text("note", bc.map(|x| &x.note), &oc.note, &tc.note, "\n");
            Characterisation {
                value,
                assessor,
                note: it.with_other(note),
                ..oc.clone()
            }
        },
    );
    let mut assessor_ratings = keyed(
        cx,
        b.map_or(&[][..], |x| &x.assessor_ratings),
        &o.assessor_ratings,
        &t.assessor_ratings,
        |r| (r.attribute.clone(), r.instance.clone(), r.assessor.clone()),
        |r| format!("{}, {}'s rating", slot(r), r.assessor),
        None,
        |cx, _, or, _| {
            cx.conflict(
                &format!("{}, {}'s rating", slot(or), or.assessor),
                "changed on both sides (ours kept)".into(),
            );
            or.clone()
        },
    );
    for r in extra {
        assessor_ratings.retain(|x| {
            !(x.attribute == r.attribute && x.instance == r.instance && x.assessor == r.assessor)
        });
        assessor_ratings.push(r);
    }
    let not_applicable = keyed(
        cx,
        b.map_or(&[][..], |x| &x.not_applicable),
        &o.not_applicable,
        &t.not_applicable,
        |n| (n.instance.clone(), n.attribute.clone()),
        |n| format!("{id} instance {} not applicable", n.instance),
        None,
        |cx, bn, on, tn| {
            let mut it = Item::new(cx, format!("{id} instance {} not applicable", on.instance));
            let reason = it.text(
                "reason",
                bn.map(|x| &x.reason),
                &on.reason,
                &tn.reason,
                "\n",
            );
            NotApplicable {
                reason,
                ..on.clone()
            }
        },
    );
    ProcessRecord {
        id: o.id.clone(),
        target,
        instances,
        ratings: ratings.into_iter().filter(|r| !r.is_blank()).collect(),
        characterisations,
        assessor_ratings,
        not_applicable,
    }
}

/// The names under which the two sides' ratings are kept in `assessor_ratings`.
fn labels(o: &RatingRecord, t: &RatingRecord) -> (String, String) {
    let name = |r: &RatingRecord, side: &str| {
        if r.assessor.trim().is_empty() {
            side.to_string()
        } else {
            r.assessor.trim().to_string()
        }
    };
    let (lo, lt) = (name(o, "ours"), name(t, "theirs"));
    if lo == lt {
        (format!("{lo} (ours)"), format!("{lt} (theirs)"))
    } else {
        (lo, lt)
    }
}

/// A rating record both sides changed, field by field; any conflict flags it for review.
fn rating(
    cx: &mut Ctx,
    place: String,
    b: Option<&RatingRecord>,
    o: &RatingRecord,
    t: &RatingRecord,
    extra: &mut Vec<RatingRecord>,
) -> RatingRecord {
    let mut it = Item::new(cx, place);
    let (mut value, c) = pick(b.map(|x| &x.rating), &o.rating, &t.rating);
    if c && o.rating.is_none() {
        // Cleared on our side, changed on theirs: the changed rating is kept.
        value = t.rating.clone();
    }
    if c {
        it.conflicted = true;
        let show = |r: &RatingRecord| r.rating().map_or("not rated", |x| x.code()).to_string();
        let (lo, lt) = labels(o, t);
        it.cx.conflict(
            &it.place,
            format!(
                "rating: ours {} ({lo}), theirs {} ({lt}): both kept in assessor_ratings, flagged for review",
                show(o),
                show(t)
            ),
        );
        for (r, label) in [(o, lo), (t, lt)] {
            if r.rating.is_none() {
                continue;
            }
            extra.push(RatingRecord {
                assessor: label,
                review: None,
                ..r.clone()
            });
        }
    }
    let confidence = it.keep(
        "confidence",
        b.map(|x| &x.confidence),
        &o.confidence,
        &t.confidence,
        opt,
    );
    let assessor = it.keep(
        "assessor",
        b.map(|x| &x.assessor),
        &o.assessor,
        &t.assessor,
        |s| words(s),
    );
    let evidence = set3(b.map(|x| &x.evidence), &o.evidence, &t.evidence);
    let (review, c) = pick(b.map(|x| &x.review), &o.review, &t.review);
    let review = if c { Some(Review::Flagged) } else { review };
    let rationale = it.text(
        "rationale",
        b.map(|x| &x.rationale),
        &o.rationale,
        &t.rationale,
        "\n",
    );
    let note = it.text("note", b.map(|x| &x.note), &o.note, &t.note, "\n");
    RatingRecord {
        attribute: o.attribute.clone(),
        instance: o.instance.clone(),
        rating: value,
        confidence,
        assessor,
        evidence,
        review: if it.conflicted {
            Some(Review::Flagged)
        } else {
            review
        },
        rationale,
        note: it.with_other(note),
    }
}

fn evidence(cx: &mut Ctx, b: Option<&Evidence>, o: &Evidence, t: &Evidence) -> Evidence {
    let mut it = Item::new(cx, format!("evidence {}", o.id));
    let title = it.text("title", b.map(|x| &x.title), &o.title, &t.title, " ");
    let kind = it.keep("kind", b.map(|x| &x.kind), &o.kind, &t.kind, |k| {
        k.to_string()
    });
    let location = it.text(
        "location",
        b.map(|x| &x.location),
        &o.location,
        &t.location,
        " ",
    );
    let path = it.keep("path", b.map(|x| &x.path), &o.path, &t.path, |s| words(s));
    let sha256 = it.keep("sha256", b.map(|x| &x.sha256), &o.sha256, &t.sha256, |s| {
        words(s)
    });
    let date = it.keep("date", b.map(|x| &x.date), &o.date, &t.date, |s| words(s));
    let owner = it.keep("owner", b.map(|x| &x.owner), &o.owner, &t.owner, |s| {
        words(s)
    });
    let note = it.text("note", b.map(|x| &x.note), &o.note, &t.note, "\n");
    Evidence {
        id: o.id.clone(),
        title,
        kind,
        location,
        path,
        sha256,
        date,
        owner,
        note: it.with_other(note),
    }
}

fn acknowledgement(
    cx: &mut Ctx,
    b: Option<&Acknowledgement>,
    o: &Acknowledgement,
    t: &Acknowledgement,
) -> Acknowledgement {
    let mut it = Item::new(cx, format!("acknowledgement of {}", o.warning));
    let justification = it.text(
        "justification",
        b.map(|x| &x.justification),
        &o.justification,
        &t.justification,
        "\n",
    );
    let by = it.keep("by", b.map(|x| &x.by), &o.by, &t.by, |s| words(s));
    let date = it.keep("date", b.map(|x| &x.date), &o.date, &t.date, |s| words(s));
    Acknowledgement {
        warning: o.warning.clone(),
        justification: it.with_other(justification),
        by,
        date,
    }
}

fn finding(cx: &mut Ctx, b: Option<&Finding>, o: &Finding, t: &Finding) -> Finding {
    let mut it = Item::new(cx, format!("finding {}", o.id));
    let process = it.keep(
        "process",
        b.map(|x| &x.process),
        &o.process,
        &t.process,
        |s| s.to_string(),
    );
    let attribute = it.keep(
        "attribute",
        b.map(|x| &x.attribute),
        &o.attribute,
        &t.attribute,
        opt,
    );
    let instance = it.keep(
        "instance",
        b.map(|x| &x.instance),
        &o.instance,
        &t.instance,
        opt,
    );
    let kind = it.keep("kind", b.map(|x| &x.kind), &o.kind, &t.kind, |k| {
        k.to_string()
    });
    let severity = it.keep(
        "severity",
        b.map(|x| &x.severity),
        &o.severity,
        &t.severity,
        opt,
    );
    let text = it.text("text", b.map(|x| &x.text), &o.text, &t.text, "\n");
    let source = it.text("source", b.map(|x| &x.source), &o.source, &t.source, " ");
    let evidence = set3(b.map(|x| &x.evidence), &o.evidence, &t.evidence);
    let author = it.keep("author", b.map(|x| &x.author), &o.author, &t.author, |s| {
        words(s)
    });
    let date = it.keep("date", b.map(|x| &x.date), &o.date, &t.date, |s| words(s));
    Finding {
        id: o.id.clone(),
        process,
        attribute,
        instance,
        kind,
        // A severity is said of weaknesses only.
        severity: severity.filter(|_| kind == FindingKind::Weakness),
        text: it.with_other(text),
        source,
        evidence,
        author,
        date,
    }
}

fn action(cx: &mut Ctx, b: Option<&Action>, o: &Action, t: &Action) -> Action {
    let mut it = Item::new(cx, format!("action {}", o.id));
    let title = it.text("title", b.map(|x| &x.title), &o.title, &t.title, " ");
    let description = it.text(
        "description",
        b.map(|x| &x.description),
        &o.description,
        &t.description,
        "\n",
    );
    let process = it.keep(
        "process",
        b.map(|x| &x.process),
        &o.process,
        &t.process,
        opt,
    );
    let attributes = set3(b.map(|x| &x.attributes), &o.attributes, &t.attributes);
    let findings = set3(b.map(|x| &x.findings), &o.findings, &t.findings);
    let owner = it.keep("owner", b.map(|x| &x.owner), &o.owner, &t.owner, |s| {
        words(s)
    });
    let due = it.keep("due", b.map(|x| &x.due), &o.due, &t.due, |s| words(s));
    let priority = it.keep(
        "priority",
        b.map(|x| &x.priority),
        &o.priority,
        &t.priority,
        opt,
    );
    let effort = it.keep("effort", b.map(|x| &x.effort), &o.effort, &t.effort, opt);
    let status = it.keep("status", b.map(|x| &x.status), &o.status, &t.status, |s| {
        s.to_string()
    });
    let note = it.text("note", b.map(|x| &x.note), &o.note, &t.note, "\n");
    let mut history = o.history.clone();
    for h in &t.history {
        if !history.contains(h) {
            history.push(h.clone());
        }
    }
    history.sort_by(|x, y| x.date.as_str().cmp(y.date.as_str()));
    let carried = it.keep(
        "carried",
        b.map(|x| &x.carried),
        &o.carried,
        &t.carried,
        |c| c.as_ref().map_or("none".into(), |c| words(&c.from)),
    );
    Action {
        id: o.id.clone(),
        title,
        description,
        process,
        attributes,
        findings,
        owner,
        due,
        priority,
        effort,
        status,
        note: it.with_other(note),
        history,
        carried,
    }
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
