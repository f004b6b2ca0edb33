//! The document requests: open the list, move, mark one received (or received and made an
//! evidence item, through the same core call as `capra request received --as-evidence`),
//! remove one after a question, and the form that asks for a document.

use crate::assessment::Request;
use crate::assessment::change::Change;
use crate::assessment::receive::{AsEvidence, receive};
use crate::located::{Id, Located};
use crate::tui::keys::Cmd;
use crate::tui::state::{App, Effect, Overlay, RequestForm};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

impl App {
    /// Opens the list of requests on the first.
    pub(in crate::tui::app) fn open_requests(&mut self) {
        self.overlay = Some(Overlay::Requests { selected: 0 });
    }

    /// Carries out a command of the list of requests.
    pub(in crate::tui::app) fn requests_command(&mut self, c: Cmd) -> Vec<Effect> {
        let list: Vec<Request> = self.requests().into_iter().cloned().collect();
        let Some(Overlay::Requests { selected }) = &mut self.overlay else {
            return vec![];
        };
        let sel = *selected;
        match c {
            Cmd::Up => *selected = selected.saturating_sub(1),
            Cmd::Down => *selected = (*selected + 1).min(list.len().saturating_sub(1)),
            Cmd::Back => self.overlay = None,
            Cmd::New => {
                let from = self
                    .current_interview()
                    .map(|i| i.who.trim().to_string())
                    .unwrap_or_default();
                self.overlay = Some(Overlay::RequestForm(Box::new(RequestForm::request(&from))));
            }
            Cmd::Received | Cmd::ReceivedAsEvidence => {
                let Some(r) = list.get(sel) else {
                    return vec![];
                };
                return self.receive(r, c == Cmd::ReceivedAsEvidence);
            }
            Cmd::Remove => {
                let Some(r) = list.get(sel) else {
                    return vec![];
                };
                self.confirm(
                    format!("Remove request {} ({})?", r.id, r.what),
                    Change::RemoveRequest(r.id.to_string()),
                    format!("{} removed", r.id),
                );
            }
            _ => {}
        }
        vec![]
    }

    /// Marks a request received today, citing a new evidence item made from it when asked.
    fn receive(&mut self, r: &Request, as_evidence: bool) -> Vec<Effect> {
        let Some(doc) = &self.doc else {
            return vec![];
        };
        if r.status == crate::assessment::RequestStatus::Received && !as_evidence {
            self.info(format!("{} is already received.", r.id));
            return vec![];
        }
        if as_evidence && let Some(e) = &r.evidence {
            self.info(format!("{} is already evidence {e}.", r.id));
            return vec![];
        }
        let day = self.today_or_now();
        let new = as_evidence.then(AsEvidence::default);
        match receive(&doc.assessment, r, &day, None, new) {
            Ok((change, cited)) => {
                let what = match cited {
                    Some(e) if as_evidence => format!("{} received: evidence {e} added", r.id),
                    _ => format!("{} received", r.id),
                };
                self.edit(change, &what)
            }
            Err(e) => {
                self.error(format!("Not received: {e}."));
                vec![]
            }
        }
    }

    /// A key in the request form: the form's commands, else text for the focused field.
    pub(in crate::tui::app) fn request_form_key(
        &mut self,
        ev: KeyEvent,
        cmd: Option<Cmd>,
    ) -> Vec<Effect> {
        let Some(Overlay::RequestForm(f)) = &mut self.overlay else {
            return vec![];
        };
        let n = f.fields.len();
        match cmd {
            Some(Cmd::Back) => {
                self.open_requests();
                self.info("No request added.");
            }
            Some(Cmd::NextField) => f.focus = (f.focus + 1) % n,
            Some(Cmd::PrevField) => f.focus = (f.focus + n - 1) % n,
            Some(Cmd::Submit) => return self.add_request(),
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

    /// Adds the request of the form (asked for in the interview going on, if any), or says in
    /// the form why it cannot.
    fn add_request(&mut self) -> Vec<Effect> {
        let made = self.request_of_form();
        let r = match made {
            Ok(r) => r,
            Err(why) => {
                if let Some(Overlay::RequestForm(f)) = &mut self.overlay {
                    f.error = Some(why);
                }
                return vec![];
            }
        };
        let id = r.id.to_string();
        let effects = self.edit(Change::PutRequest(r), &format!("{id} asked for"));
        if effects.is_empty() {
            let why = self.status.as_ref().map(|s| s.text.clone());
            if let Some(Overlay::RequestForm(f)) = &mut self.overlay {
                f.error = why;
            }
            return effects;
        }
        let pos = self.requests().iter().position(|x| x.id == id.as_str());
        self.overlay = Some(Overlay::Requests {
            selected: pos.unwrap_or(0),
        });
        effects
    }

    /// The request the form describes, or why it cannot be one.
    fn request_of_form(&self) -> Result<Request, String> {
        let Some(Overlay::RequestForm(f)) = &self.overlay else {
            return Err("No form is open.".into());
        };
        let doc = self.doc.as_ref().ok_or("No assessment is open.")?;
        let (what, from, due) = (f.value(0), f.value(1), f.value(2));
        if what.is_empty() {
            return Err("Say what document is asked for.".into());
        }
        if !due.is_empty() && !crate::assessment::validate::valid_date(&due) {
            return Err(format!("'{due}' is not a date (YYYY-MM-DD)."));
        }
        let id = doc
            .assessment
            .next_request_id()
            .ok_or("No request id is left: nothing added.")?;
        let mut r = Request::new(&id, &what);
        r.from = from;
        r.due = Located::new(due);
        r.interview = self.current_interview().map(|i| Id::from(i.id.as_str()));
        Ok(r)
    }
}
