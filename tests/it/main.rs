//! The integration tests, built as one binary: this file only declares the modules, one per
//! area, and `util` holds the helpers they share. The pseudo-terminal test (`tests/pty.rs`) and
//! the crash test (`tests/crash.rs`) stay apart; see docs/testing.md.

mod architecture;
mod check;
mod cli;
mod docs;
mod engine;
mod fuzz_regressions;
mod gitmerge;
mod hostile;
mod interview;
mod iso27001;
mod json;
mod plan;
mod report;
mod report_cover;
mod report_csv;
mod report_iso27001;
mod report_plan;
mod report_status;
mod safety;
mod settings;
mod suggest;
mod track;
mod tui;
mod tui_drafts;
mod tui_flagged;
mod tui_focus;
mod tui_iso27001;
mod tui_legend;
mod tui_reload;
mod tui_search;
mod tui_undo;
mod util;
mod xlsx;
