//! Moving the walk-through's selection: to a process, to an attribute, to the place a warning
//! names. The keys, the mouse and the warning list all move it through here.

use crate::tui::state::{App, Pane};

impl App {
    /// Selects the `i`-th visible process (the process as a whole, the detail from the top).
    pub(in crate::tui::app) fn select_process(&mut self, i: usize) {
        if i != self.walk.proc_sel {
            self.walk.proc_sel = i;
            self.walk.instance = None;
            self.walk.detail_scroll = 0;
            if let Some(pi) = self.selected_process() {
                let n = self.visible_attributes(pi).len();
                self.walk.attr_sel = self.walk.attr_sel.min(n.saturating_sub(1));
            }
        }
    }

    /// Selects the `i`-th visible attribute of the selected process.
    pub(in crate::tui::app) fn select_attribute(&mut self, i: usize) {
        if i != self.walk.attr_sel {
            self.walk.attr_sel = i;
            self.walk.detail_scroll = 0;
            self.walk.item_sel = 0;
        }
    }

    /// Selects a process by id and, when given, one of its attributes and instances; the
    /// process must be visible. Returns false when it is not.
    pub(in crate::tui::app) fn go_to(
        &mut self,
        process: &str,
        attribute: Option<&str>,
        instance: Option<&str>,
    ) -> bool {
        let visible = self.visible_processes();
        let Some(doc) = &self.doc else { return false };
        let Some(vp) = visible
            .iter()
            .position(|&i| doc.assessment.processes[i].id == process)
        else {
            return false;
        };
        self.select_process(vp);
        if let Some(attr) = attribute
            && let Some(pi) = self.selected_process()
            && let Some(ai) = self.visible_attributes(pi).iter().position(|a| a == attr)
        {
            self.select_attribute(ai);
            self.walk.focus = Pane::Attributes;
        }
        self.walk.instance = instance.and_then(|i| {
            self.selected_process().and_then(|pi| {
                self.doc.as_ref().and_then(|d| {
                    d.assessment.processes[pi]
                        .instances
                        .iter()
                        .position(|x| x == i)
                })
            })
        });
        true
    }
}
