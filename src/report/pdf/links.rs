//! Internal links: every evidence id printed in the text is a link to its entry in the
//! evidence appendix. The layout notes where each id is drawn (`Links::note`) and where each
//! entry is (an anchor, noted while `anchoring`); after printpdf has written the document,
//! [`annotate`] adds one `/Link` annotation per place, with a `/Dest` to the anchor's page and
//! height. Nothing here depends on a clock or a hash map's order, so the bytes stay the same.

/// One place an id is drawn: page (from 1), rectangle (x1, y1, x2, y2 in points), the id.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Spot {
    pub(super) page: usize,
    pub(super) rect: [f32; 4],
    pub(super) id: String,
}

/// The ids to link, where they are drawn, and where their entries are.
#[derive(Clone, Debug, Default)]
pub(super) struct Links {
    /// The ids that have an entry to link to (the evidence ids), longest first.
    targets: Vec<String>,
    /// While true, text that is exactly an id marks that id's entry instead of linking to it.
    pub(super) anchoring: bool,
    pub(super) spots: Vec<Spot>,
    /// (id, page from 1, the top of the entry in points from the bottom), first one kept.
    pub(super) anchors: Vec<(String, usize, f32)>,
}

/// True when `c` may be part of an id, so that "E-001" is not found inside "E-0012".
fn id_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_' || c == '.'
}

/// Where `id` occurs in `s` as a whole word: the byte offsets of each occurrence.
fn occurrences(s: &str, id: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = s[from..].find(id).map(|i| i + from) {
        let before = s[..i].chars().next_back();
        let after = s[i + id.len()..].chars().next();
        // A trailing full stop ends a sentence, not the id.
        let after_ok = match after {
            None => true,
            Some('.') => !s[i + id.len() + 1..].starts_with(id_char),
            Some(c) => !id_char(c),
        };
        if !before.is_some_and(id_char) && after_ok {
            out.push(i);
        }
        from = i + id.len();
    }
    out
}

impl Links {
    /// Sets the ids to link (empty ids are ignored).
    pub(super) fn set_targets(&mut self, ids: impl IntoIterator<Item = String>) {
        let mut t: Vec<String> = ids.into_iter().filter(|s| !s.is_empty()).collect();
        t.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        t.dedup();
        self.targets = t;
    }

    /// Notes the text `s` drawn at (x, y) on `page` in a font of `size`; `width(prefix)` is the
    /// width of a prefix of `s` in points.
    pub(super) fn note(
        &mut self,
        page: usize,
        x: f32,
        y: f32,
        size: f32,
        s: &str,
        width: &dyn Fn(&str) -> f32,
    ) {
        if self.targets.is_empty() {
            return;
        }
        if self.anchoring {
            let t = s.trim();
            if self.targets.iter().any(|id| id == t) && !self.anchors.iter().any(|(a, ..)| a == t) {
                self.anchors.push((t.to_string(), page, y + size + 2.0));
            }
            return;
        }
        let mut taken: Vec<(usize, usize)> = Vec::new();
        let mut found: Vec<(usize, &String)> = Vec::new();
        for id in &self.targets {
            for i in occurrences(s, id) {
                let end = i + id.len();
                // A longer id found first keeps its letters.
                if taken.iter().any(|&(a, b)| i < b && a < end) {
                    continue;
                }
                taken.push((i, end));
                found.push((i, id));
            }
        }
        found.sort();
        for (i, id) in found {
            let x1 = x + width(&s[..i]);
            let x2 = x1 + width(id);
            self.spots.push(Spot {
                page,
                rect: [x1, y - size * 0.25, x2, y + size * 0.85],
                id: id.clone(),
            });
        }
    }
}

/// Adds the link annotations to the pages of `lo`: one per spot whose id has an anchor,
/// without a border, pointing at the anchor's page and height (`/XYZ` keeps the zoom).
pub(super) fn annotate(lo: &mut lopdf::Document, links: &Links) {
    use lopdf::{Dictionary, Object};
    let pages = lo.get_pages();
    let mut per_page: Vec<(lopdf::ObjectId, Vec<Object>)> = Vec::new();
    for spot in &links.spots {
        let Some((_, page, top)) = links.anchors.iter().find(|(id, ..)| *id == spot.id) else {
            continue;
        };
        let (Some(&from), Some(&to)) = (pages.get(&(spot.page as u32)), pages.get(&(*page as u32)))
        else {
            continue;
        };
        // Kept small: a report has hundreds of these. `/Type` is optional for annotations, and
        // a tenth of a point is finer than any reader's pointer.
        let tenth = |v: f32| Object::Real((v * 10.0).round() / 10.0);
        let mut annot = Dictionary::new();
        annot.set("Subtype", Object::Name(b"Link".to_vec()));
        annot.set(
            "Rect",
            Object::Array(spot.rect.iter().map(|v| tenth(*v)).collect()),
        );
        annot.set(
            "Border",
            Object::Array(vec![
                Object::Integer(0),
                Object::Integer(0),
                Object::Integer(0),
            ]),
        );
        annot.set(
            "Dest",
            Object::Array(vec![
                Object::Reference(to),
                Object::Name(b"XYZ".to_vec()),
                Object::Null,
                tenth(*top),
                Object::Null,
            ]),
        );
        let id = lo.add_object(annot);
        match per_page.iter_mut().find(|(p, _)| *p == from) {
            Some((_, v)) => v.push(Object::Reference(id)),
            None => per_page.push((from, vec![Object::Reference(id)])),
        }
    }
    for (page_id, annots) in per_page {
        let Ok(page) = lo.get_object_mut(page_id).and_then(|p| p.as_dict_mut()) else {
            continue;
        };
        let mut all = match page.get(b"Annots") {
            Ok(Object::Array(a)) => a.clone(),
            _ => Vec::new(),
        };
        all.extend(annots);
        page.set("Annots", Object::Array(all));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_found_as_whole_words_only() {
        assert_eq!(occurrences("E-001, E-0012 and XE-001", "E-001"), [0]);
        assert_eq!(occurrences("see E-001.", "E-001"), [4]);
        assert_eq!(occurrences("E-001.2", "E-001"), Vec::<usize>::new());
    }

    #[test]
    fn links_and_anchors_are_noted() {
        let mut l = Links::default();
        l.set_targets(["E-001".to_string(), "E-002".to_string()]);
        let w = |s: &str| s.chars().count() as f32 * 5.0;
        l.note(3, 100.0, 500.0, 10.0, "E-001, E-002", &w);
        assert_eq!(l.spots.len(), 2);
        assert_eq!(l.spots[1].id, "E-002");
        assert_eq!(l.spots[1].rect[0], 100.0 + 7.0 * 5.0);
        assert_eq!(l.spots[1].page, 3);
        l.anchoring = true;
        l.note(9, 50.0, 400.0, 9.0, "E-002", &w);
        l.note(9, 50.0, 300.0, 9.0, "E-002", &w);
        assert_eq!(l.anchors, [("E-002".to_string(), 9, 411.0)]);
        assert_eq!(l.spots.len(), 2, "no link while anchoring");
    }
}
