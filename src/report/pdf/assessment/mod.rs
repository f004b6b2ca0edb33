//! The assessment report of `capra report --pdf`. This file only declares its parts and
//! re-exports the entry point.

mod back;
mod front;
mod iso27001;
mod plan;
mod provenance;
mod render;
mod results;
mod summary;

pub use render::{Rendered, render, render_checked};
