//! The interview terminal UI, in the Elm architecture: the state and its `update` (`app`), the
//! drawing (`view`), the one table of keys (`keys`), and the imperative shell: the terminal loop
//! (`terminal`) and the files (`session`).

pub mod app;
pub mod keys;
mod session;
mod terminal;
pub mod theme;
pub mod view;

pub use session::ASSESSMENTS_DIR;
pub use terminal::run;
