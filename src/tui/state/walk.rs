//! The walk-through's own state: which pane has the focus, what is selected, what is shown.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    Processes,
    Attributes,
    Detail,
}

/// Which processes the walk-through shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Filter {
    All,
    Unrated,
    Flagged,
}

impl Filter {
    pub fn label(self) -> &'static str {
        match self {
            Filter::All => "all processes",
            Filter::Unrated => "with unrated attributes",
            Filter::Flagged => "flagged for review",
        }
    }
}

/// A place in the detail pane a key jumps to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// The questions to ask.
    Questions,
    /// The typical evidence.
    Evidence,
    /// The ISO/IEC 27001 clauses and controls of the process.
    Iso27001,
}

/// The detail pane as last drawn: how far it can scroll, and the rows the anchors are on. The
/// shell measures it after each frame (`view::detail_geometry`), so that scrolling stops at the
/// end and the jumps know where to go.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DetailGeometry {
    pub max_scroll: u16,
    pub anchors: Vec<(Anchor, u16)>,
}

/// The walk-through's own state.
#[derive(Clone, Debug)]
pub struct Walk {
    pub focus: Pane,
    /// Index into the visible processes.
    pub proc_sel: usize,
    /// Index into the visible attributes of the selected process.
    pub attr_sel: usize,
    /// `None` rates the process as a whole; `Some(i)` its i-th instance.
    pub instance: Option<usize>,
    pub all_attrs: bool,
    pub filter: Filter,
    pub query: String,
    pub detail_scroll: u16,
    /// The target key was pressed: the next key is the target level.
    pub target_pending: bool,
    /// The selected item (outcome, achievement, practice) in the detail pane.
    pub item_sel: usize,
    /// The detail pane as last drawn, once measured.
    pub detail_geom: Option<DetailGeometry>,
}

impl Default for Walk {
    fn default() -> Self {
        Walk {
            focus: Pane::Processes,
            proc_sel: 0,
            attr_sel: 0,
            instance: None,
            all_attrs: false,
            filter: Filter::All,
            query: String::new(),
            detail_scroll: 0,
            target_pending: false,
            item_sel: 0,
            detail_geom: None,
        }
    }
}
