//! The three-way rules of the merge (see [`super`]): one value, a text, a set of ids, a list of
//! items by their key; and the record of conflicts and of what was taken from THEIRS.

use crate::located::Id;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
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

#[derive(Default)]
pub(super) struct Ctx {
    pub(super) conflicts: Vec<Conflict>,
    pub(super) taken: Vec<String>,
}

impl Ctx {
    pub(super) fn conflict(&mut self, place: &str, detail: String) {
        self.conflicts.push(Conflict {
            place: place.to_string(),
            detail,
        });
    }
}

/// The merged value, and whether both sides changed it to different values (then: OURS's).
pub(super) fn pick<T: PartialEq + Clone>(b: Option<&T>, o: &T, t: &T) -> (T, bool) {
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
pub(super) fn text3(b: Option<&String>, o: &String, t: &String, sep: &str) -> (String, bool) {
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
pub(super) fn set3(b: Option<&Vec<Id>>, o: &[Id], t: &[Id]) -> Vec<Id> {
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
pub(super) struct Item<'c> {
    pub(super) cx: &'c mut Ctx,
    pub(super) place: String,
    other: Vec<String>,
    pub(super) conflicted: bool,
}

impl<'c> Item<'c> {
    pub(super) fn new(cx: &'c mut Ctx, place: String) -> Item<'c> {
        Item {
            cx,
            place,
            other: Vec::new(),
            conflicted: false,
        }
    }

    /// A field that holds one value: OURS's on a conflict, THEIRS's noted.
    pub(super) fn keep<T: PartialEq + Clone>(
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
    pub(super) fn text(
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
    pub(super) fn with_other(&self, note: String) -> String {
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

pub(super) fn opt<T: Display>(v: &Option<T>) -> String {
    v.as_ref()
        .map_or_else(|| "none".to_string(), |x| x.to_string())
}

pub(super) fn words(s: &str) -> String {
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
pub(super) fn keyed<T, K>(
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_value_three_ways() {
        assert_eq!(pick(Some(&1), &1, &2), (2, false));
        assert_eq!(pick(Some(&1), &3, &1), (3, false));
        assert_eq!(pick(Some(&1), &3, &3), (3, false));
        assert_eq!(pick(Some(&1), &3, &2), (3, true));
        assert_eq!(pick(None, &3, &2), (3, true));
    }

    #[test]
    fn texts_keep_both_versions_once() {
        let s = |x: &str| x.to_string();
        assert_eq!(
            text3(Some(&s("a")), &s("b"), &s("c"), "\n"),
            (format!("b\n{OTHER} c"), true)
        );
        assert_eq!(text3(Some(&s("a")), &s(""), &s("c"), "\n"), (s("c"), true));
        assert_eq!(
            text3(Some(&s("a")), &s("b c"), &s("c"), " "),
            (s("b c"), true)
        );
        assert_eq!(
            text3(Some(&s("a")), &s("a"), &s("c"), "\n"),
            (s("c"), false)
        );
    }

    #[test]
    fn sets_take_what_either_side_added_and_drop_what_either_removed() {
        let ids = |v: &[&str]| v.iter().map(|x| Id::from(*x)).collect::<Vec<_>>();
        let merged = set3(
            Some(&ids(&["E-1", "E-2", "E-3"])),
            &ids(&["E-1", "E-3", "E-4"]),
            &ids(&["E-1", "E-2", "E-5"]),
        );
        assert_eq!(merged, ids(&["E-1", "E-4", "E-5"]));
    }
}
