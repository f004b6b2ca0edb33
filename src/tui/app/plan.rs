//! The improvement plan screen's keys: move, filter, add an action, edit its title, owner and
//! due date (through the one-line input), change its status (the status key, then a status key:
//! each change recorded with today's date and the assessor), link it to the finding selected in
//! the walk-through, remove it, and go to its process.

use crate::assessment::change::Change;
use crate::assessment::{ActionStatus, Priority, plan::id_order};
use crate::tui::keys::{self, Cmd, Ctx};
use crate::tui::state::{App, Effect, InputField, Pane, Plan, Screen, StatusFilter};

impl App {
    /// Opens the plan from the walk-through or the summary; Esc goes back there.
    pub(in crate::tui::app) fn open_plan(&mut self) {
        self.plan.back_to_summary = self.screen == Screen::Summary;
        self.plan.status_pending = false;
        self.screen = Screen::Plan;
        self.clamp_selections();
        if let Some(f) = self.selected_finding() {
            let msg = format!(
                "Finding {} is selected: {} links the selected action to it.",
                f.id,
                keys::label(Ctx::Plan, Cmd::Link)
            );
            self.info(msg);
        }
    }

    /// Carries out a command of the plan.
    pub(in crate::tui::app) fn plan_command(&mut self, c: Cmd) -> Vec<Effect> {
        let n = self.plan_actions().len();
        match c {
            Cmd::Up => self.plan.sel = self.plan.sel.saturating_sub(1),
            Cmd::Down => self.plan.sel = (self.plan.sel + 1).min(n.saturating_sub(1)),
            Cmd::Back => {
                self.screen = if self.plan.back_to_summary {
                    Screen::Summary
                } else {
                    Screen::Walk
                };
            }
            Cmd::New => self.open_input(InputField::NewAction, ""),
            Cmd::EditTitle | Cmd::EditOwner | Cmd::EditDue => {
                let Some(x) = self.selected_action() else {
                    self.info(self.no_action());
                    return vec![];
                };
                let id = x.id.to_string();
                let (field, current) = match c {
                    Cmd::EditTitle => (InputField::Title(id), x.title.clone()),
                    Cmd::EditOwner => (InputField::Owner(id), x.owner.clone()),
                    _ => (InputField::Due(id), x.due.get().clone()),
                };
                self.open_input(field, &current);
            }
            Cmd::AskStatus => {
                if self.selected_action().is_none() {
                    self.info(self.no_action());
                    return vec![];
                }
                self.plan.status_pending = true;
                let choices: Vec<Cmd> = keys::commands(Ctx::PlanStatus)
                    .filter(|c| matches!(c, Cmd::Status(_)))
                    .collect();
                let words: Vec<String> = choices
                    .iter()
                    .map(|c| match c {
                        Cmd::Status(s) => format!("{} {}", keys::label(Ctx::PlanStatus, *c), s),
                        _ => String::new(),
                    })
                    .collect();
                self.info(format!("New status: {}.", words.join(", ")));
            }
            Cmd::StatusFilter => {
                self.plan.status = self.plan.status.next();
                self.plan.sel = 0;
                self.say_filter();
            }
            Cmd::OwnerFilter => {
                let owners = self.plan_owners();
                self.plan.owner = match &self.plan.owner {
                    None => owners.first().cloned(),
                    Some(o) => owners
                        .iter()
                        .position(|x| x == o)
                        .and_then(|i| owners.get(i + 1))
                        .cloned(),
                };
                self.plan.sel = 0;
                self.say_filter();
            }
            Cmd::Overdue => {
                self.plan.overdue = !self.plan.overdue;
                self.plan.sel = 0;
                self.say_filter();
            }
            Cmd::Link => return self.link_finding(),
            Cmd::Priority => return self.cycle_priority(),
            Cmd::Remove => {
                let Some(x) = self.selected_action() else {
                    self.info(self.no_action());
                    return vec![];
                };
                let id = x.id.to_string();
                let question = format!("Remove action {id} ({}) from the plan?", x.title);
                self.confirm(
                    question,
                    Change::RemoveAction(id.clone()),
                    format!("{id} removed"),
                );
            }
            Cmd::Select => self.go_to_action(),
            Cmd::Undo | Cmd::Redo => {
                let effects = self.undo_redo(c == Cmd::Undo);
                self.clamp_selections();
                return effects;
            }
            _ => {}
        }
        vec![]
    }

    /// The key after the status key: a status sets it, any other key leaves it.
    pub(in crate::tui::app) fn plan_status_command(&mut self, cmd: Option<Cmd>) -> Vec<Effect> {
        self.plan.status_pending = false;
        let Some(Cmd::Status(status)) = cmd else {
            self.info("Status unchanged.");
            return vec![];
        };
        self.set_action_status(status)
    }

    /// Sets the selected action's status, recorded with today's date and the assessor.
    fn set_action_status(&mut self, status: ActionStatus) -> Vec<Effect> {
        let Some(x) = self.selected_action() else {
            return vec![];
        };
        if x.status == status && !x.history.is_empty() {
            self.info(format!("{} is already {status}.", x.id));
            return vec![];
        }
        let mut x = x.clone();
        let by = self.recorder().unwrap_or_default();
        x.set_status(status, &self.today_or_now(), &by, "");
        let id = x.id.to_string();
        let effects = self.edit(Change::PutAction(x), &format!("{id}: {status}"));
        // Keep the action selected when the filter still shows it.
        if let Some(i) = self.plan_actions().iter().position(|a| a.id == id) {
            self.plan.sel = i;
        }
        self.clamp_selections();
        effects
    }

    /// The next priority of the selected action: high, medium, low, none.
    fn cycle_priority(&mut self) -> Vec<Effect> {
        let Some(x) = self.selected_action() else {
            self.info(self.no_action());
            return vec![];
        };
        let mut x = x.clone();
        x.priority = match x.priority {
            None => Some(Priority::High),
            Some(Priority::High) => Some(Priority::Medium),
            Some(Priority::Medium) => Some(Priority::Low),
            Some(Priority::Low) => None,
        };
        let what = format!(
            "{}: priority {}",
            x.id,
            x.priority.map(|p| p.word()).unwrap_or("none")
        );
        self.edit(Change::PutAction(x), &what)
    }

    /// Links the selected action to the finding selected in the walk-through, or unlinks it.
    fn link_finding(&mut self) -> Vec<Effect> {
        let Some(f) = self.selected_finding().map(|f| f.id.to_string()) else {
            let msg = format!(
                "No finding selected: select one in the walk-through's detail pane ({} there), then come back with {}.",
                keys::label(Ctx::Walk, Cmd::NextPane),
                keys::label(Ctx::Walk, Cmd::Plan)
            );
            self.info(msg);
            return vec![];
        };
        let Some(x) = self.selected_action() else {
            self.info(self.no_action());
            return vec![];
        };
        let mut x = x.clone();
        let id = x.id.to_string();
        let what = if let Some(pos) = x.findings.iter().position(|g| *g == f) {
            x.findings.remove(pos);
            format!("{id} no longer answers {f}")
        } else {
            x.findings.push(f.as_str().into());
            format!("{id} answers {f}")
        };
        self.edit(Change::PutAction(x), &what)
    }

    /// Enter: the walk-through on the action's process (and its first attribute).
    fn go_to_action(&mut self) {
        let Some(x) = self.selected_action() else {
            self.info(self.no_action());
            return;
        };
        let Some(p) = x.process.as_ref().map(|p| p.to_string()) else {
            self.info(format!("{} is about no process in particular.", x.id));
            return;
        };
        let attr = x.attributes.first().map(|a| a.to_string());
        let id = x.id.to_string();
        if !self.go_to(&p, attr.as_deref(), None) {
            // Hidden by the walk-through's filter or search: show everything, then go.
            self.walk.filter = crate::tui::state::Filter::All;
            self.walk.query.clear();
            if !self.go_to(&p, attr.as_deref(), None) {
                self.info(format!("{p} is not in the scope of this assessment."));
                return;
            }
        }
        if attr.is_none() {
            self.walk.focus = Pane::Processes;
        }
        self.screen = Screen::Walk;
        self.info(format!("{id}: {p}"));
    }

    /// Selects the newest action, showing every action if the filters hide it.
    pub(in crate::tui::app) fn select_last_action(&mut self) {
        let newest = self.doc.as_ref().and_then(|d| {
            d.assessment
                .actions
                .iter()
                .max_by(|a, b| id_order("A-", &a.id, &b.id))
                .map(|a| a.id.to_string())
        });
        let Some(id) = newest else { return };
        if !self.plan_actions().iter().any(|a| a.id == id) {
            self.plan = Plan {
                back_to_summary: self.plan.back_to_summary,
                ..Plan::default()
            };
        }
        if let Some(i) = self.plan_actions().iter().position(|a| a.id == id) {
            self.plan.sel = i;
        }
    }

    fn say_filter(&mut self) {
        let msg = format!(
            "Showing {} actions{}{}.",
            self.plan.status.label(),
            self.plan
                .owner
                .as_ref()
                .map(|o| format!(" of {o}"))
                .unwrap_or_default(),
            if self.plan.overdue {
                ", overdue only"
            } else {
                ""
            }
        );
        self.info(msg);
    }

    fn no_action(&self) -> String {
        let filtered =
            self.plan.status != StatusFilter::All || self.plan.owner.is_some() || self.plan.overdue;
        if filtered {
            "No action shown: the filters hide them.".into()
        } else {
            format!(
                "The plan is empty: {} adds an action.",
                keys::label(Ctx::Plan, Cmd::New)
            )
        }
    }
}
