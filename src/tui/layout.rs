//! Geometry shared by the drawing and the mouse: where each screen puts its parts, which list
//! row is drawn where, and how far a list is scrolled. The view draws into these areas and the
//! mouse code reads clicks from the same ones, so a click always lands on what is drawn.

use super::state::App;
use ratatui::layout::{Constraint, Layout, Position, Rect};

/// The first row to show so that `selected` stays visible in `height` rows.
pub fn list_offset(selected: usize, height: usize) -> usize {
    if height == 0 {
        0
    } else {
        selected.saturating_sub(height - 1)
    }
}

/// The inside of an area drawn with a border on every side.
pub fn inside_border(area: Rect) -> Rect {
    Rect {
        x: area.x.saturating_add(1),
        y: area.y.saturating_add(1),
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    }
}

/// A list drawn one item a row in `rows`, scrolled so that the selected item shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ListArea {
    /// Where the rows are drawn.
    pub rows: Rect,
    /// The index of the item in the first row.
    pub offset: usize,
}

impl ListArea {
    pub fn new(rows: Rect, selected: usize) -> ListArea {
        ListArea {
            rows,
            offset: list_offset(selected, rows.height as usize),
        }
    }

    /// The number of rows that show items.
    pub fn height(&self) -> usize {
        self.rows.height as usize
    }

    /// The index of the item drawn at a position, if the position is on a row of the list.
    pub fn item_at(&self, pos: Position) -> Option<usize> {
        self.rows
            .contains(pos)
            .then(|| (pos.y - self.rows.y) as usize + self.offset)
    }
}

// ---------------------------------------------------------------------------------------------
// Home
// ---------------------------------------------------------------------------------------------

/// The areas of the home screen.
#[derive(Clone, Copy, Debug)]
pub struct HomeLayout {
    pub title: Rect,
    /// The column headings of the list.
    pub header: Rect,
    /// The assessment files, one a row from the top (then a line of advice); the list does not
    /// scroll.
    pub list: ListArea,
    pub status: Rect,
    pub bar: Rect,
}

/// Splits the screen for the home list.
pub fn home_layout(area: Rect) -> HomeLayout {
    let [title, body, status, bar] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    // One blank row below the title, then the header, then the files.
    let [_, header, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(body);
    HomeLayout {
        title,
        header,
        list: ListArea {
            rows: list,
            offset: 0,
        },
        status,
        bar,
    }
}

// ---------------------------------------------------------------------------------------------
// Walk-through
// ---------------------------------------------------------------------------------------------

/// The areas of the walk-through.
#[derive(Clone, Copy, Debug)]
pub struct WalkLayout {
    pub title: Rect,
    pub processes: Rect,
    pub header: Rect,
    pub attributes: Rect,
    pub detail: Rect,
    pub status: Rect,
    pub bar: Rect,
}

/// How wide the process pane wants to be: `fixed` columns besides the name (borders, id, mark,
/// level and progress), and the longest full and short names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NameWidths {
    pub fixed: u16,
    pub full: u16,
    pub short: u16,
}

/// The process pane's width in a body `width` columns wide: wide enough for every full name
/// when that leaves the right-hand panes more than half the screen (and at least 48 columns),
/// else for every short name, else what is left; never under 30.
pub fn process_pane_width(width: u16, names: NameWidths) -> u16 {
    let right_min = (width * 55 / 100).max(48);
    let room = width.saturating_sub(right_min);
    let full = names.fixed + names.full;
    let short = names.fixed + names.short;
    let left = if names.fixed == 0 {
        width * 35 / 100
    } else if full <= room {
        full
    } else if short <= room {
        short
    } else {
        room
    };
    left.max(30).min(width)
}

/// The level and progress of a process as the list shows them: " 2/3 5/5".
pub fn process_counts(p: &crate::profile::ProcessScore) -> (String, String) {
    (
        format!(" {}/{}", p.capability_level, p.target_level),
        format!(" {}/{}", p.rated, p.to_rate),
    )
}

/// The widths of the process list's columns for the open assessment.
pub fn name_widths(app: &App) -> NameWidths {
    let Some(doc) = &app.doc else {
        return NameWidths::default();
    };
    let (_, id_w) = id_column(&doc.assessment);
    let counts = doc
        .profile
        .processes
        .iter()
        .map(|p| {
            let (a, b) = process_counts(p);
            a.chars().count() + b.chars().count()
        })
        .max()
        .unwrap_or(8);
    let mut full = 0;
    let mut short = 0;
    for p in &doc.profile.processes {
        let short_name = doc
            .model
            .process(&p.id)
            .and_then(|m| m.short_name.as_deref());
        full = full.max(p.name.chars().count());
        short = short.max(short_name.unwrap_or(&p.name).chars().count());
    }
    let n = |x: usize| u16::try_from(x).unwrap_or(u16::MAX);
    NameWidths {
        fixed: n(2 + id_w + 1 + counts),
        full: n(full),
        short: n(short),
    }
}

/// How process ids are shown in the lists: the length of the prefix they share up to a dot
/// ("ISMS."), which is dropped, and the width of the rest.
pub fn id_column(a: &crate::assessment::Assessment) -> (usize, usize) {
    let ids: Vec<&str> = a.processes.iter().map(|p| p.id.as_str()).collect();
    let cut = id_prefix(&ids);
    let width = ids.iter().map(|i| i.len() - cut).max().unwrap_or(4);
    (cut, width)
}

/// The common prefix of the model's process ids up to a dot ("ISMS."), dropped in the lists.
fn id_prefix(ids: &[&str]) -> usize {
    let Some(first) = ids.first() else { return 0 };
    let mut n = first.len();
    for id in ids {
        n = n.min(
            first
                .chars()
                .zip(id.chars())
                .take_while(|(a, b)| a == b)
                .count(),
        );
    }
    first[..n].rfind('.').map(|i| i + 1).unwrap_or(0)
}

/// Splits the screen for the walk-through; `n_attrs` rows are given to the attribute list, and
/// the process pane is as wide as `names` asks ([`process_pane_width`]).
pub fn walk_layout(area: Rect, n_attrs: usize, names: NameWidths) -> WalkLayout {
    let [title, body, status, bar] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(5),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let left = process_pane_width(area.width, names);
    let [processes, right] =
        Layout::horizontal([Constraint::Length(left), Constraint::Min(20)]).areas(body);
    let attrs_h = (n_attrs as u16 + 2)
        .min(right.height.saturating_sub(6) / 2 + 2)
        .max(3);
    // A fourth header line (the model's references) on a screen tall enough.
    let header_h = if area.height >= 30 { 4 } else { 3 };
    let [header, attributes, detail] = Layout::vertical([
        Constraint::Length(header_h),
        Constraint::Length(attrs_h),
        Constraint::Min(3),
    ])
    .areas(right);
    WalkLayout {
        title,
        processes,
        header,
        attributes,
        detail,
        status,
        bar,
    }
}

/// The layout of the walk-through for the app as it is now.
pub fn walk_layout_of(app: &App) -> WalkLayout {
    walk_layout(
        Rect::new(0, 0, app.size.0, app.size.1),
        app.visible_attribute_count(),
        name_widths(app),
    )
}

/// A row of the process list: a category heading or a process.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Row {
    Heading(String),
    /// Index into the assessment's processes.
    Process(usize),
}

/// The rows of the process list, with the visible position of each process row.
pub fn process_rows(app: &App) -> Vec<(Row, Option<usize>)> {
    let Some(doc) = &app.doc else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut last_cat = String::new();
    for (vp, pi) in app.visible_processes().into_iter().enumerate() {
        let score = &doc.profile.processes[pi];
        if score.category != last_cat {
            let name = doc
                .model
                .processes
                .category(&score.category)
                .map(|c| c.name.clone())
                .unwrap_or_else(|| score.category.clone());
            out.push((Row::Heading(name), None));
            last_cat = score.category.clone();
        }
        out.push((Row::Process(pi), Some(vp)));
    }
    out
}

/// The process list in its bordered pane `area`: its rows (headings and processes) and where
/// they are drawn, scrolled so that the selected process shows.
pub fn process_list(app: &App, area: Rect) -> (Vec<(Row, Option<usize>)>, ListArea) {
    let rows = process_rows(app);
    let sel_row = rows
        .iter()
        .position(|r| r.1 == Some(app.walk.proc_sel))
        .unwrap_or(0);
    (rows, ListArea::new(inside_border(area), sel_row))
}

/// The attribute list in its bordered pane `area`, scrolled so that the selected attribute
/// shows; `n_attrs` attributes are shown.
pub fn attribute_list(app: &App, area: Rect, n_attrs: usize) -> ListArea {
    let sel = app.walk.attr_sel.min(n_attrs.saturating_sub(1));
    ListArea::new(inside_border(area), sel)
}

// ---------------------------------------------------------------------------------------------
// Improvement plan
// ---------------------------------------------------------------------------------------------

/// The areas of the improvement plan screen.
#[derive(Clone, Copy, Debug)]
pub struct PlanLayout {
    /// The title and the filters in force.
    pub title: Rect,
    /// The column headings.
    pub header: Rect,
    /// The actions shown, one a row, scrolled so that the selected one shows.
    pub list: ListArea,
    /// The selected action's process, findings and history.
    pub detail: Rect,
    pub status: Rect,
    pub bar: Rect,
}

/// Splits the screen for the improvement plan, with the list scrolled to the selected action.
pub fn plan_layout(area: Rect, selected: usize) -> PlanLayout {
    let [title, header, list, detail, status, bar] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(4),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    PlanLayout {
        title,
        header,
        list: ListArea::new(list, selected),
        detail,
        status,
        bar,
    }
}

/// The plan's layout for the app's screen size and selection.
pub fn plan_layout_of(app: &App) -> PlanLayout {
    let n = app.plan_actions().len();
    let sel = app.plan.sel.min(n.saturating_sub(1));
    plan_layout(Rect::new(0, 0, app.size.0, app.size.1), sel)
}
