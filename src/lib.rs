//! capra: process capability assessment (ISO/IEC 33020) in the terminal.
//!
//! The library is the functional core plus the file shell; the `capra` binary is a thin CLI on
//! top. Core modules do no I/O: [`rating`] (the rules), [`model`] (models and their ISO/IEC 33004
//! checks), [`assessment`] (the record and its edits) and [`profile`] (scores). Shell modules
//! read and write files: [`catalog`] (where models come from) and [`store`] (assessment files).

pub mod assessment;
pub mod catalog;
pub mod check;
pub mod cli;
pub mod fuzzing;
pub mod located;
pub mod model;
pub mod profile;
pub mod rating;
pub mod report;
pub mod store;
pub mod text;
pub mod track;
pub mod tui;
