//! The walk-through's keys: each command of the walk-through context, and the ones that move
//! through it (panes, rows, filter, instances, the next attribute to rate).

use crate::rating::Rating;
use crate::tui::keys::{self, Cmd, Ctx};
use crate::tui::state::{Anchor, App, Effect, Filter, Pane, Screen};

impl App {
    /// Carries out a command of the walk-through.
    pub(in crate::tui::app) fn walk_command(&mut self, c: Cmd) -> Vec<Effect> {
        // In the detail pane, the rating keys characterise the selected item.
        let rating_key = matches!(
            c,
            Cmd::RateN
                | Cmd::RateP
                | Cmd::RateL
                | Cmd::RateF
                | Cmd::RefineDown
                | Cmd::RefineUp
                | Cmd::Clear
        );
        if rating_key && self.selected_item().is_some() {
            return self.characterise_command(c);
        }
        // On a question in the detail pane, the note keys answer it and the clear keys record it
        // as still to ask.
        if self.selected_question().is_some() {
            match c {
                Cmd::EditNote | Cmd::Select => {
                    self.answer_question();
                    return vec![];
                }
                Cmd::Clear => return self.unask_question(),
                _ => {}
            }
        }
        // On a finding in the detail pane, the note keys edit it and the clear keys delete it.
        if self.selected_finding().is_some() {
            match c {
                Cmd::EditNote => {
                    self.edit_finding();
                    return vec![];
                }
                Cmd::Clear => {
                    self.delete_finding();
                    return vec![];
                }
                _ => {}
            }
        }
        match c {
            Cmd::Up | Cmd::Down | Cmd::Top | Cmd::Bottom => self.move_in_pane(c),
            Cmd::PageUp => self.walk.detail_scroll = self.walk.detail_scroll.saturating_sub(10),
            Cmd::PageDown => {
                let max = self
                    .walk
                    .detail_geom
                    .as_ref()
                    .map_or(u16::MAX, |g| g.max_scroll);
                self.walk.detail_scroll = self.walk.detail_scroll.saturating_add(10).min(max);
            }
            Cmd::Questions => self.select_first_question(),
            Cmd::TypicalEvidence => self.jump(Anchor::Evidence),
            Cmd::Clauses => self.jump(Anchor::Iso27001),
            Cmd::Iso27001 => self.open_iso27001(),
            Cmd::Indicators => self.jump_to_indicators(),
            Cmd::NextPane | Cmd::PrevPane => self.next_pane(c == Cmd::NextPane),
            Cmd::RateN => return self.rate(Rating::N),
            Cmd::RateP => return self.rate(Rating::P),
            Cmd::RateL => return self.rate(Rating::L),
            Cmd::RateF => return self.rate(Rating::F),
            Cmd::RefineDown | Cmd::RefineUp => return self.refine(c == Cmd::RefineUp),
            Cmd::Clear => return self.clear_rating(),
            Cmd::Accept => return self.accept_proposal(),
            Cmd::Confidence => return self.cycle_confidence(),
            Cmd::Review => return self.cycle_review(),
            Cmd::Warnings => self.open_warnings(),
            Cmd::Flagged => self.open_flagged(),
            Cmd::Agenda => self.open_agenda(),
            Cmd::Requests => self.open_requests(),
            Cmd::Select if self.walk.focus == Pane::Processes && self.slot().is_some() => {
                // From the process list, Enter goes to the attributes.
                self.walk.focus = Pane::Attributes;
            }
            Cmd::Select => return self.walk_command(Cmd::EditNote),
            Cmd::EditNote => self.open_note(false),
            Cmd::Rationale => self.open_note(true),
            Cmd::AddFinding(kind) => self.add_finding(kind),
            Cmd::Plan => self.open_plan(),
            Cmd::Evidence if self.slot().is_some() => self.open_picker(),
            Cmd::Instance => self.next_instance(),
            Cmd::NextUnrated => self.next_unrated(),
            Cmd::Filter => self.next_filter(),
            Cmd::Search => self.open_search(),
            Cmd::Goto => self.open_goto(),
            Cmd::Settings => self.open_settings(),
            Cmd::Register => self.open_register(),
            Cmd::AllAttributes => self.toggle_all_attributes(),
            Cmd::Target if self.selected_process().is_some() => self.ask_target(),
            Cmd::Undo | Cmd::Redo => return self.undo_redo(c == Cmd::Undo),
            Cmd::Report => return self.write_report(),
            Cmd::Summary => {
                self.screen = Screen::Summary;
                self.summary_page = crate::tui::state::SummaryPage::Levels;
                self.summary_scroll = 0;
            }
            _ => {}
        }
        vec![]
    }

    /// Up, Down, Top, Bottom in the focused pane.
    pub(in crate::tui::app) fn move_in_pane(&mut self, c: Cmd) {
        let step = |sel: usize, len: usize| match c {
            Cmd::Up => sel.saturating_sub(1),
            Cmd::Down => (sel + 1).min(len.saturating_sub(1)),
            Cmd::Top => 0,
            _ => len.saturating_sub(1),
        };
        match self.walk.focus {
            Pane::Processes => {
                let n = self.visible_processes().len();
                self.select_process(step(self.walk.proc_sel, n));
            }
            Pane::Attributes => {
                let n = self.visible_attribute_count();
                self.select_attribute(step(self.walk.attr_sel, n));
            }
            Pane::Detail => {
                let n = self.detail_len();
                self.walk.item_sel = step(self.walk.item_sel, n);
            }
        }
    }

    /// Scrolls the detail to an anchor (the questions, the typical evidence), out of the detail
    /// pane's selection (which would hold the scroll on the selected item).
    fn jump(&mut self, anchor: Anchor) {
        let row = self
            .walk
            .detail_geom
            .as_ref()
            .and_then(|g| g.anchors.iter().find(|(a, _)| *a == anchor))
            .map(|(_, r)| *r);
        let what = match anchor {
            Anchor::Questions => "questions to ask",
            Anchor::Evidence => "typical evidence",
            Anchor::Iso27001 => "ISO/IEC 27001 clauses and controls",
        };
        match row {
            Some(r) => {
                if self.walk.focus == Pane::Detail {
                    self.walk.focus = Pane::Attributes;
                }
                self.walk.detail_scroll = r;
                let max = self.walk.detail_geom.as_ref().map_or(r, |g| g.max_scroll);
                self.walk.detail_scroll = r.min(max);
                let of = if anchor == Anchor::Iso27001 {
                    "process"
                } else {
                    "attribute"
                };
                self.info(format!("The {what} of this {of}."));
            }
            None => self.info(format!("The model gives no {what} here.")),
        }
    }

    /// Selects the first outcome (PA1.1) or achievement in the detail pane.
    fn jump_to_indicators(&mut self) {
        if self.detail_items().is_empty() {
            return;
        }
        self.walk.focus = Pane::Detail;
        self.walk.item_sel = self.detail_findings().len();
        let words = keys::labels(
            Ctx::Walk,
            &[Cmd::RateN, Cmd::RateP, Cmd::RateL, Cmd::RateF],
            " ",
        );
        self.info(format!("{words} characterise the selected item."));
    }

    fn next_pane(&mut self, forward: bool) {
        let order = [Pane::Processes, Pane::Attributes, Pane::Detail];
        let i = order
            .iter()
            .position(|p| *p == self.walk.focus)
            .unwrap_or(0);
        let j = if forward { (i + 1) % 3 } else { (i + 2) % 3 };
        self.walk.focus = order[j];
    }

    /// Rates the process as a whole, then each instance in turn.
    fn next_instance(&mut self) {
        let n = self
            .selected_process()
            .and_then(|pi| {
                self.doc
                    .as_ref()
                    .map(|d| d.assessment.processes[pi].instances.len())
            })
            .unwrap_or(0);
        if n == 0 {
            self.info("This process has no instances: it is rated as a whole.");
            return;
        }
        self.walk.instance = match self.walk.instance {
            None => Some(0),
            Some(i) if i + 1 < n => Some(i + 1),
            Some(_) => None,
        };
        let msg = match self.instance_name() {
            Some(i) => format!("Rating instance {i}."),
            None => "Rating the process as a whole.".to_string(),
        };
        self.info(msg);
    }

    fn next_filter(&mut self) {
        self.walk.filter = match self.walk.filter {
            Filter::All => Filter::Unrated,
            Filter::Unrated => Filter::Flagged,
            Filter::Flagged => Filter::All,
        };
        self.walk.proc_sel = 0;
        self.walk.instance = None;
        let msg = format!("Showing {}.", self.walk.filter.label());
        self.info(msg);
    }

    fn toggle_all_attributes(&mut self) {
        self.walk.all_attrs = !self.walk.all_attrs;
        self.info(if self.walk.all_attrs {
            "Showing all attributes, PA1.1 to PA5.2."
        } else {
            "Showing the attributes up to the target level (and any rated above it)."
        });
    }

    /// Moves to the next attribute (after the selected one, wrapping) that its process's target
    /// needs and that has no rating.
    fn next_unrated(&mut self) {
        let Some(doc) = &self.doc else { return };
        let visible = self.visible_processes();
        if visible.is_empty() {
            return;
        }
        // Every (visible process position, attribute position) pair in walk order.
        let mut order: Vec<(usize, usize)> = Vec::new();
        for (vp, &pi) in visible.iter().enumerate() {
            let score = &doc.profile.processes[pi];
            for (va, attr) in self.visible_attributes(pi).iter().enumerate() {
                if let Some(a) = score.attributes.iter().find(|a| &a.id == attr)
                    && a.needed.is_some()
                    && a.rating.is_none()
                {
                    order.push((vp, va));
                }
            }
        }
        let here = (self.walk.proc_sel, self.walk.attr_sel);
        let next = order
            .iter()
            .find(|&&x| x > here)
            .or_else(|| order.first())
            .copied();
        match next {
            Some((vp, va)) => {
                self.select_process(vp);
                self.walk.attr_sel = va;
                self.walk.instance = None;
                self.walk.focus = Pane::Attributes;
                self.info("Next attribute to rate.");
            }
            None => self.ok("Every attribute the targets call for is rated."),
        }
    }
}
