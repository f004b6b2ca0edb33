//! Undo and redo over [`Change`]s.
//!
//! Every applied change pushes its inverse on the undo stack; undoing applies that inverse and
//! pushes the inverse of the inverse (the change again) on the redo stack. A new change clears the
//! redo stack, as in every editor. The stacks keep the last [`History::LIMIT`] entries.

use super::Assessment;
use super::change::{self, Change, ChangeError};
use crate::model::Model;

#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Change>,
    redo: Vec<Change>,
}

impl History {
    /// How many changes can be undone.
    pub const LIMIT: usize = 500;

    /// Applies a change and records it for undo.
    pub fn apply(
        &mut self,
        a: &mut Assessment,
        model: &Model,
        c: Change,
    ) -> Result<(), ChangeError> {
        let inverse = change::apply(a, model, c)?;
        self.undo.push(inverse);
        if self.undo.len() > Self::LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
        Ok(())
    }

    /// The change the next undo applies (the inverse of the last change), if any.
    pub fn next_undo(&self) -> Option<&Change> {
        self.undo.last()
    }

    /// The change the next redo applies, if any.
    pub fn next_redo(&self) -> Option<&Change> {
        self.redo.last()
    }

    /// Undoes the last change. Returns false when there is nothing to undo.
    pub fn undo(&mut self, a: &mut Assessment, model: &Model) -> Result<bool, ChangeError> {
        let Some(inv) = self.undo.pop() else {
            return Ok(false);
        };
        match change::apply(a, model, inv.clone()) {
            Ok(again) => {
                self.redo.push(again);
                Ok(true)
            }
            Err(e) => {
                self.undo.push(inv);
                Err(e)
            }
        }
    }

    /// Redoes the last undone change. Returns false when there is nothing to redo.
    pub fn redo(&mut self, a: &mut Assessment, model: &Model) -> Result<bool, ChangeError> {
        let Some(c) = self.redo.pop() else {
            return Ok(false);
        };
        match change::apply(a, model, c.clone()) {
            Ok(inv) => {
                self.undo.push(inv);
                Ok(true)
            }
            Err(e) => {
                self.redo.push(c);
                Err(e)
            }
        }
    }
}
