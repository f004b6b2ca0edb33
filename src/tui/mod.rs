//! The interview terminal UI, in the Elm architecture: the state (`state`), the `update` that
//! changes it (`app/`, a file per screen and overlay), the drawing (`view/`, likewise), the
//! geometry both share (`layout`), the one table of keys (`keys`), and the imperative shell: the
//! terminal loop (`terminal`), the files (`session`) and the small files beside an assessment
//! (`sidecar`: the draft of an editor).
//!
//! Dependencies point one way: `app` and `view` use `state`, `layout` and `keys` but never each
//! other; `layout` uses only `state`; `state` uses `keys` and `theme`; the shell uses them all.

pub mod app;
pub mod keys;
pub mod layout;
mod session;
mod sidecar;
pub mod state;
mod terminal;
pub mod theme;
pub mod view;

pub use session::ASSESSMENTS_DIR;
pub use terminal::run;
