//! The file read again after another program changed it: the new version is shown at the same
//! place (the same process, attribute and instance, found by id), and the status line says so,
//! with how many ratings changed.

use crate::assessment::Assessment;
use crate::tui::state::{App, Doc};
use std::collections::BTreeMap;

/// Every rating of an assessment by (process, attribute, instance).
fn ratings(a: &Assessment) -> BTreeMap<(String, String, Option<String>), String> {
    let mut out = BTreeMap::new();
    for p in &a.processes {
        for r in &p.ratings {
            if let Some(v) = r.rating() {
                out.insert(
                    (
                        p.id.to_string(),
                        r.attribute.to_string(),
                        r.instance.as_ref().map(|i| i.to_string()),
                    ),
                    v.code().to_string(),
                );
            }
        }
    }
    out
}

/// How many ratings differ between two versions (changed, added or removed).
pub(in crate::tui::app) fn changed_ratings(old: &Assessment, new: &Assessment) -> usize {
    let (a, b) = (ratings(old), ratings(new));
    let changed = a.iter().filter(|(k, v)| b.get(*k) != Some(*v)).count();
    let added = b.keys().filter(|k| !a.contains_key(*k)).count();
    changed + added
}

impl App {
    /// Shows the version read again from disk at the place the old one was shown.
    pub(in crate::tui::app) fn reloaded(&mut self, doc: Doc) {
        let place = self.slot();
        let Some(old) = self.doc.take() else {
            self.open(doc);
            return;
        };
        let n = changed_ratings(&old.assessment, &doc.assessment);
        let (walk, plan, screen) = (self.walk.clone(), self.plan.clone(), self.screen);
        let overlay = self.overlay.take();
        self.open(doc);
        // The same view: filter, search, pane, attributes shown; then the place, by id.
        self.screen = screen;
        self.plan = plan;
        self.walk = walk;
        self.walk.proc_sel = 0;
        self.walk.attr_sel = 0;
        self.walk.instance = None;
        self.overlay = overlay;
        if let Some(s) = place {
            let focus = self.walk.focus;
            let found = self.go_to(&s.process, Some(&s.attribute), s.instance.as_deref());
            self.walk.focus = focus;
            if !found {
                self.walk.item_sel = 0;
            }
        }
        self.info(match n {
            0 => "The file was changed on disk and reloaded: no rating changed.".to_string(),
            1 => "The file was changed on disk and reloaded: 1 rating changed.".to_string(),
            n => format!("The file was changed on disk and reloaded: {n} ratings changed."),
        });
    }
}
