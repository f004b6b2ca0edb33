//! The search box: type a query, see every result at once (model text and the assessment's own),
//! go to one; or keep in the process list the processes whose model text matches.

use crate::tui::keys::{self, Cmd, Ctx};
use crate::tui::state::{App, Effect, Filter, Overlay, Pane, Plan, Screen, Search, Target};
use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::{CursorMove, TextArea};

impl App {
    /// Opens the search box with the process list's filter in force, if any.
    pub(in crate::tui::app) fn open_search(&mut self) {
        let mut text = TextArea::new(vec![self.walk.query.clone()]);
        text.move_cursor(CursorMove::End);
        self.overlay = Some(Overlay::Search(Box::new(Search { text, selected: 0 })));
    }

    /// A key in the search box: the table's commands, anything else is typed into the query
    /// (and the results follow at once: they are asked for on each drawing).
    pub(in crate::tui::app) fn search_key(
        &mut self,
        ev: KeyEvent,
        cmd: Option<Cmd>,
    ) -> Vec<Effect> {
        let n = self.search_hits().len();
        match cmd {
            Some(Cmd::Select) => self.go_to_hit(),
            Some(Cmd::Filter) => {
                self.walk.query = self.search_query().unwrap_or_default();
                self.overlay = None;
                self.walk.proc_sel = 0;
                let n = self.visible_processes().len();
                let msg = if self.walk.query.is_empty() {
                    "Filter cleared.".to_string()
                } else {
                    format!(
                        "{n} process(es) match '{}'. {} then {} clears it.",
                        self.walk.query,
                        keys::label(Ctx::Walk, Cmd::Search),
                        keys::label(Ctx::Search, Cmd::Clear)
                    )
                };
                self.info(msg);
            }
            Some(Cmd::Clear) => {
                self.overlay = None;
                if !self.walk.query.is_empty() {
                    self.walk.query.clear();
                    self.walk.proc_sel = 0;
                    self.info("Search closed, filter cleared.");
                }
            }
            _ => {
                let Some(Overlay::Search(s)) = &mut self.overlay else {
                    return vec![];
                };
                match cmd {
                    Some(Cmd::Up) => s.selected = s.selected.saturating_sub(1),
                    Some(Cmd::Down) => s.selected = (s.selected + 1).min(n.saturating_sub(1)),
                    _ => {
                        if s.text.input(ev) {
                            s.selected = 0;
                        }
                    }
                }
            }
        }
        vec![]
    }

    /// Enter on a result: goes where it is.
    fn go_to_hit(&mut self) {
        let hits = self.search_hits();
        let sel = match &self.overlay {
            Some(Overlay::Search(s)) => s.selected,
            _ => 0,
        };
        let Some(hit) = hits.get(sel.min(hits.len().saturating_sub(1))).cloned() else {
            let msg = match self.search_query() {
                Some(q) if !q.is_empty() => format!("Nothing matches '{q}'."),
                _ => "Type what to search for.".to_string(),
            };
            self.info(msg);
            return;
        };
        self.overlay = None;
        match hit.target {
            Target::Place {
                process,
                attribute,
                instance,
            } => {
                if self.reveal_place(&process, attribute.as_deref(), instance.as_deref()) {
                    if attribute.is_none() {
                        self.walk.focus = Pane::Processes;
                    }
                    self.info(hit.what);
                }
            }
            Target::Finding(id) => self.go_to_finding(&id),
            Target::Evidence(id) => self.go_to_evidence(&id),
            Target::Action(id) => self.go_to_action_id(&id),
            Target::Say(s) => self.info(s),
        }
    }

    /// Goes to a place in the walk-through, showing every process if the filters hide it.
    /// False (and said) when the process is not in the assessment.
    pub(in crate::tui::app) fn reveal_place(
        &mut self,
        process: &str,
        attribute: Option<&str>,
        instance: Option<&str>,
    ) -> bool {
        self.screen = Screen::Walk;
        if self.go_to(process, attribute, instance) {
            return true;
        }
        self.walk.filter = Filter::All;
        self.walk.query.clear();
        if self.go_to(process, attribute, instance) {
            return true;
        }
        self.info(format!("{process} is not in the scope of this assessment."));
        false
    }

    /// Selects a finding in the detail pane of its process and attribute.
    fn go_to_finding(&mut self, id: &str) {
        let Some(f) = self
            .doc
            .as_ref()
            .and_then(|d| d.assessment.findings.iter().find(|f| f.id == id))
            .cloned()
        else {
            return;
        };
        let attr = f.attribute.as_ref().map(|a| a.to_string());
        let inst = f.instance.as_ref().map(|i| i.to_string());
        if !self.reveal_place(&f.process, attr.as_deref(), inst.as_deref()) {
            return;
        }
        self.walk.focus = Pane::Detail;
        self.walk.detail_scroll = 0;
        self.walk.item_sel = self
            .detail_findings()
            .iter()
            .position(|x| x.id == id)
            .unwrap_or(0);
        self.info(format!("Finding {id} is selected."));
    }

    /// Goes to where an evidence item is first used (the first rating that cites it, else the
    /// first finding); an item used nowhere opens the picker on it, to link it here.
    fn go_to_evidence(&mut self, id: &str) {
        let Some(doc) = &self.doc else { return };
        let a = &doc.assessment;
        let in_rating = a.processes.iter().find_map(|p| {
            p.ratings
                .iter()
                .find(|r| r.evidence.iter().any(|e| e == id))
                .map(|r| {
                    (
                        p.id.to_string(),
                        Some(r.attribute.to_string()),
                        r.instance.as_ref().map(|i| i.to_string()),
                    )
                })
        });
        let in_finding = || {
            a.findings
                .iter()
                .find(|f| f.evidence.iter().any(|e| e == id))
                .map(|f| {
                    (
                        f.process.to_string(),
                        f.attribute.as_ref().map(|x| x.to_string()),
                        f.instance.as_ref().map(|x| x.to_string()),
                    )
                })
        };
        match in_rating.or_else(in_finding) {
            Some((p, attr, inst)) => {
                if self.reveal_place(&p, attr.as_deref(), inst.as_deref()) {
                    let at = [Some(p), attr].into_iter().flatten().collect::<Vec<_>>();
                    self.info(format!("{id} is first used at {}.", at.join(" ")));
                }
            }
            None => {
                let mut picker = crate::tui::state::Picker::default();
                picker.filter.insert_str(id);
                self.overlay = Some(Overlay::Picker(Box::new(picker)));
                self.info(format!(
                    "{id} is used nowhere yet: {} links it to the selected attribute.",
                    keys::label(Ctx::Picker, Cmd::Toggle)
                ));
            }
        }
    }

    /// Selects an action in the improvement plan, every action shown.
    fn go_to_action_id(&mut self, id: &str) {
        let back_to_summary = self.screen == Screen::Summary;
        self.plan = Plan {
            back_to_summary,
            ..Plan::default()
        };
        self.screen = Screen::Plan;
        self.plan.sel = self
            .plan_actions()
            .iter()
            .position(|x| x.id == id)
            .unwrap_or(0);
        self.info(format!("Action {id} is selected."));
    }
}
