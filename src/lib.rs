//! capra: process capability assessment (ISO/IEC 33020) in the terminal.
//!
//! The library is the functional core plus the file shell; the `capra` binary is a thin CLI on
//! top. Core modules do no I/O: [`rating`] (the rules), [`model`] (models and their checks:
//! ISO/IEC 33004 for models, 33003 for frameworks), [`assessment`] (the record and its edits),
//! [`profile`] (scores), [`maturity`] (organisational maturity), [`method`] (changing the rating
//! method), [`suggest`] (improvement suggestions from the model), [`check`], [`track`] and
//! [`report`] (consistency rules, tracking, report data). Shell modules read and write files:
//! [`fsio`] (the leaf: limited reads, atomic writes, the lock),
//! [`catalog`] (where models come from), [`store`] (assessment files), [`output`] (report
//! files), and the front ends [`cli`] and [`tui`]. docs/architecture.md has the map.
//!
//! [`fuzzing`] holds the fuzzers' entry points; it is not part of the library's interface.

pub mod assessment;
pub mod catalog;
pub mod check;
pub mod cli;
pub mod fonts;
pub mod fsio;
#[doc(hidden)]
pub mod fuzzing;
pub mod hash;
pub mod iso27001;
pub mod located;
pub mod maturity;
pub mod method;
pub mod model;
pub mod output;
pub mod profile;
pub mod proposal;
pub mod rating;
pub mod report;
pub mod store;
pub mod suggest;
pub mod text;
pub mod track;
pub mod tui;
