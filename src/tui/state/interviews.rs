//! The questions on the interview plan the screen asks: the agenda in time order, the interview
//! going on now and its clock at the last tick, the document requests. (The types are in `agenda`.)

use super::agenda::{Clock, clock};
use super::app::App;
use crate::assessment::{Interview, Request};

impl App {
    /// The interviews of the plan in the order of the agenda: by when (those without a time
    /// last), then by id.
    pub fn agenda(&self) -> Vec<&Interview> {
        let Some(doc) = &self.doc else {
            return Vec::new();
        };
        let mut v: Vec<&Interview> = doc.assessment.interviews.iter().collect();
        v.sort_by(|a, b| {
            (a.at.is_empty(), a.at.as_str(), a.id.as_str()).cmp(&(
                b.at.is_empty(),
                b.at.as_str(),
                b.id.as_str(),
            ))
        });
        v
    }

    /// The interview going on now, when it is still in the file.
    pub fn current_interview(&self) -> Option<&Interview> {
        let cur = self.current.as_ref()?;
        self.doc.as_ref()?.assessment.interview(&cur.id)
    }

    /// The running clock of the current interview, at the last tick (none before the first).
    pub fn clock(&self) -> Option<Clock> {
        let i = self.current_interview()?;
        let started = self.current.as_ref()?.started;
        Some(clock(i, started, self.now.unwrap_or(started)))
    }

    /// The document requests, in the order of the file (by id).
    pub fn requests(&self) -> Vec<&Request> {
        self.doc
            .as_ref()
            .map(|d| d.assessment.requests.iter().collect())
            .unwrap_or_default()
    }
}
