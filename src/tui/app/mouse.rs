//! The mouse: clicks select and the wheel moves, on the screens the mouse table lists. Where a
//! click lands is read from the same geometry the screen is drawn with (`layout`).

use crate::tui::keys::{self, Cmd, Ctx, Gesture};
use crate::tui::layout;
use crate::tui::state::{App, Effect, Pane};
use ratatui::crossterm::event::{MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

impl App {
    /// A mouse event. Overlays take none.
    pub(in crate::tui::app) fn mouse(&mut self, ev: MouseEvent) -> Vec<Effect> {
        if self.overlay.is_some() {
            return vec![];
        }
        let ctx = self.screen_ctx();
        let Some(gesture) = keys::gesture_for(ctx, ev.kind) else {
            return vec![];
        };
        let pos = Position::new(ev.column, ev.row);
        match (ctx, gesture) {
            (Ctx::Walk, Gesture::Wheel) => {
                self.walk.focus = self.pane_at(pos);
                let up = ev.kind == MouseEventKind::ScrollUp;
                return self.walk_command(if up { Cmd::Up } else { Cmd::Down });
            }
            (Ctx::Walk, Gesture::Click) => self.walk_click(pos),
            (Ctx::Plan, Gesture::Click) => {
                let n = self.plan_actions().len();
                if let Some(row) = layout::plan_layout_of(self).list.item_at(pos)
                    && row < n
                {
                    self.plan.sel = row;
                }
            }
            (Ctx::Plan, Gesture::Wheel) => {
                let up = ev.kind == MouseEventKind::ScrollUp;
                return self.plan_command(if up { Cmd::Up } else { Cmd::Down });
            }
            (Ctx::Home, Gesture::Click) => {
                let area = Rect::new(0, 0, self.size.0, self.size.1);
                if let Some(row) = layout::home_layout(area).list.item_at(pos)
                    && row < self.home.len()
                {
                    self.home_sel = row;
                }
            }
            _ => {}
        }
        vec![]
    }

    /// The pane of the walk-through at a position (the detail for anywhere else).
    fn pane_at(&self, pos: Position) -> Pane {
        let l = layout::walk_layout_of(self);
        if l.processes.contains(pos) {
            Pane::Processes
        } else if l.attributes.contains(pos) {
            Pane::Attributes
        } else {
            Pane::Detail
        }
    }

    /// A click in the walk-through: focuses the pane under it and selects the row clicked.
    fn walk_click(&mut self, pos: Position) {
        let l = layout::walk_layout_of(self);
        if l.processes.contains(pos) {
            self.walk.focus = Pane::Processes;
            let (rows, list) = layout::process_list(self, l.processes);
            if let Some((_, Some(vp))) = list.item_at(pos).and_then(|i| rows.get(i)) {
                self.select_process(*vp);
            }
        } else if l.attributes.contains(pos) {
            self.walk.focus = Pane::Attributes;
            let n = self.visible_attribute_count();
            let list = layout::attribute_list(self, l.attributes, n);
            if let Some(row) = list.item_at(pos)
                && row < n
            {
                self.select_attribute(row);
            }
        } else if l.detail.contains(pos) {
            self.walk.focus = Pane::Detail;
        }
    }
}
