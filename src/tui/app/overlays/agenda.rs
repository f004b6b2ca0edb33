//! The agenda (the interview plan): open it, move, start, switch or end the interview going on
//! now, and the form that adds an interview. Starting keeps only the id and the instant in the
//! state (and the state file beside the assessment); ending marks the interview held, as a
//! change that undo takes back.

use crate::assessment::change::Change;
use crate::assessment::{Interview, InterviewStatus};
use crate::located::{Id, Located};
use crate::tui::keys::Cmd;
use crate::tui::state::{App, Current, Effect, Filter, InterviewForm, Overlay};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

impl App {
    /// Opens the agenda on the current interview, else the first.
    pub(in crate::tui::app) fn open_agenda(&mut self) {
        let cur = self.current.as_ref().map(|c| c.id.clone());
        let selected = self
            .agenda()
            .iter()
            .position(|i| Some(i.id.as_str()) == cur.as_deref())
            .unwrap_or(0);
        self.overlay = Some(Overlay::Agenda { selected });
    }

    /// Takes back the interview going on when the file was last left (from the state file).
    pub(in crate::tui::app) fn resume_interview(&mut self, cur: Option<Current>) {
        let Some(cur) = cur else { return };
        let exists = self
            .doc
            .as_ref()
            .is_some_and(|d| d.assessment.interview(&cur.id).is_some());
        if exists {
            self.current = Some(cur);
        }
    }

    /// Carries out a command of the agenda.
    pub(in crate::tui::app) fn agenda_command(&mut self, c: Cmd) -> Vec<Effect> {
        let ids: Vec<String> = self.agenda().iter().map(|i| i.id.to_string()).collect();
        let Some(Overlay::Agenda { selected }) = &mut self.overlay else {
            return vec![];
        };
        match c {
            Cmd::Up => *selected = selected.saturating_sub(1),
            Cmd::Down => *selected = (*selected + 1).min(ids.len().saturating_sub(1)),
            Cmd::Back => self.overlay = None,
            Cmd::New => {
                let process = self.selected_process().and_then(|pi| {
                    self.doc
                        .as_ref()
                        .map(|d| d.assessment.processes[pi].id.to_string())
                });
                self.overlay = Some(Overlay::InterviewForm(Box::new(InterviewForm::interview(
                    process.as_deref(),
                ))));
            }
            Cmd::EndInterview => return self.end_interview(),
            Cmd::Select => {
                let Some(id) = ids.get(*selected).cloned() else {
                    return vec![];
                };
                if self.current.as_ref().is_some_and(|c| c.id == id) {
                    return self.end_interview();
                }
                self.start_interview(&id);
            }
            _ => {}
        }
        vec![]
    }

    /// Makes an interview the current one, from the instant of the last tick, and goes to its
    /// first process.
    fn start_interview(&mut self, id: &str) {
        let Some(now) = self.now else {
            self.error("The clock has not given the time yet: try again in a second.");
            return;
        };
        let Some(i) = self
            .doc
            .as_ref()
            .and_then(|d| d.assessment.interview(id))
            .cloned()
        else {
            return;
        };
        let switched = self.current.as_ref().map(|c| c.id.clone());
        self.current = Some(Current {
            id: id.to_string(),
            started: now,
        });
        self.overlay = None;
        if let Some(p) = i.processes.first()
            && !self.go_to(p, None, None)
        {
            // Hidden by the filter or the search: show everything, then go there.
            self.walk.filter = Filter::All;
            self.walk.query.clear();
            self.go_to(p, None, None);
        }
        let mut msg = format!("{id} with {} started", i.who.trim());
        if let Some(m) = &i.minutes {
            msg.push_str(&format!(" ({} min)", **m));
        }
        if let Some(prev) = switched {
            msg.push_str(&format!("; {prev} is no longer the current one"));
        }
        self.ok(format!("{msg}."));
    }

    /// Ends the current interview: no interview is current any more, and a planned one is
    /// marked held.
    fn end_interview(&mut self) -> Vec<Effect> {
        let Some(clock) = self.clock() else {
            self.current = None;
            self.info("No interview is going on.");
            return vec![];
        };
        let interview = self.current_interview().cloned();
        self.current = None;
        let what = format!("{} ended after {} min", clock.id, clock.elapsed);
        match interview {
            Some(mut i) if i.status == InterviewStatus::Planned && !self.read_only() => {
                i.status = InterviewStatus::Held;
                self.edit(Change::PutInterview(i), &format!("{what}, marked held"))
            }
            _ => {
                self.ok(what);
                vec![]
            }
        }
    }

    fn read_only(&self) -> bool {
        self.doc.as_ref().is_some_and(|d| d.read_only)
    }

    /// A key in the interview form: the form's commands, else text for the focused field.
    pub(in crate::tui::app) fn interview_form_key(
        &mut self,
        ev: KeyEvent,
        cmd: Option<Cmd>,
    ) -> Vec<Effect> {
        let Some(Overlay::InterviewForm(f)) = &mut self.overlay else {
            return vec![];
        };
        let n = f.fields.len();
        match cmd {
            Some(Cmd::Back) => {
                self.open_agenda();
                self.info("No interview added.");
            }
            Some(Cmd::NextField) => f.focus = (f.focus + 1) % n,
            Some(Cmd::PrevField) => f.focus = (f.focus + n - 1) % n,
            Some(Cmd::Submit) => return self.add_interview(),
            _ => {
                if ev.code != KeyCode::Enter
                    && let Some(t) = f.fields.get_mut(f.focus)
                {
                    t.input(ev);
                }
            }
        }
        vec![]
    }

    /// Adds the interview of the form to the plan, or says in the form why it cannot.
    fn add_interview(&mut self) -> Vec<Effect> {
        let made = self.interview_of_form();
        let i = match made {
            Ok(i) => i,
            Err(why) => {
                if let Some(Overlay::InterviewForm(f)) = &mut self.overlay {
                    f.error = Some(why);
                }
                return vec![];
            }
        };
        let id = i.id.to_string();
        let what = format!("{id} with {} added to the plan", i.who);
        let effects = self.edit(Change::PutInterview(i), &what);
        if effects.is_empty() {
            let why = self.status.as_ref().map(|s| s.text.clone());
            if let Some(Overlay::InterviewForm(f)) = &mut self.overlay {
                f.error = why;
            }
            return effects;
        }
        self.open_agenda();
        let pos = self.agenda().iter().position(|x| x.id == id.as_str());
        if let (Some(Overlay::Agenda { selected }), Some(p)) = (&mut self.overlay, pos) {
            *selected = p;
        }
        effects
    }

    /// The interview the form describes, or why it cannot be one.
    fn interview_of_form(&self) -> Result<Interview, String> {
        let Some(Overlay::InterviewForm(f)) = &self.overlay else {
            return Err("No form is open.".into());
        };
        let doc = self.doc.as_ref().ok_or("No assessment is open.")?;
        let (who, role, at, minutes, processes) =
            (f.value(0), f.value(1), f.value(2), f.value(3), f.value(4));
        if who.is_empty() {
            return Err("Say who is interviewed.".into());
        }
        if !at.is_empty() && !crate::assessment::validate::valid_date_time(&at) {
            return Err(format!("'{at}' is not a date (YYYY-MM-DD[THH:MM])."));
        }
        let minutes = match minutes.as_str() {
            "" => None,
            m => match m.parse::<u32>() {
                Ok(0) => None,
                Ok(n) => Some(n),
                Err(_) => return Err(format!("'{m}' is not a number of minutes.")),
            },
        };
        let mut ids = Vec::new();
        for p in processes
            .split([',', ' '])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let id = match doc.model.process_id(p) {
                Some(id) => id,
                None => match self.goto_matches(p, false).as_slice() {
                    [(id, _)] => id.clone(),
                    [] => return Err(format!("'{p}' names no process in scope.")),
                    _ => return Err(format!("'{p}' names more than one process: write its id.")),
                },
            };
            ids.push(Id::from(id.as_str()));
        }
        let id = doc
            .assessment
            .next_interview_id()
            .ok_or("No interview id is left: nothing added.")?;
        let mut i = Interview::new(&id, &who);
        i.role = role;
        i.at = Located::new(at);
        i.minutes = minutes.map(Located::new);
        i.processes = ids;
        Ok(i)
    }
}
