//! Setting a process's target level: the target key, then a level key (the target context).

use crate::assessment::change::Change;
use crate::tui::keys::{self, Cmd, Ctx};
use crate::tui::state::{App, Effect};

impl App {
    /// The target key: the next key sets the target level of the selected process.
    pub(in crate::tui::app) fn ask_target(&mut self) {
        self.walk.target_pending = true;
        let levels: Vec<Cmd> = keys::commands(Ctx::Target)
            .filter(|c| matches!(c, Cmd::Level(_)))
            .collect();
        let msg = format!(
            "Target level for this process: press {}.",
            keys::choice(Ctx::Target, &levels)
        );
        self.info(msg);
    }

    /// The key after the target key: a level sets it, any other key leaves it.
    pub(in crate::tui::app) fn target_command(&mut self, cmd: Option<Cmd>) -> Vec<Effect> {
        self.walk.target_pending = false;
        match cmd {
            Some(Cmd::Level(target)) => self.set_target(target),
            _ => {
                self.info("Target unchanged.");
                vec![]
            }
        }
    }

    fn set_target(&mut self, target: u8) -> Vec<Effect> {
        let Some(pi) = self.selected_process() else {
            return vec![];
        };
        let Some(doc) = &self.doc else {
            return vec![];
        };
        let id = doc.assessment.processes[pi].id.to_string();
        let msg = format!("{id}: target level {target}");
        self.edit(
            Change::SetTarget {
                process: id,
                target,
            },
            &msg,
        )
    }
}
