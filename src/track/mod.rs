//! Tracking over time and work in teams: seed a follow-up assessment from the last one, compare
//! assessments, merge several assessors' files, merge two branches of one file (git's driver), and measure how far assessors agree.
//!
//! All of it is pure: it takes assessments (and their model) and returns new values. The
//! command line reads and writes the files. This file only declares the parts and re-exports
//! what callers use.

mod agreement;
mod compare;
mod followup;
mod inputs;
mod merge;
mod seed;
mod threeway;

pub use agreement::{
    Agreement, AgreementReport, agreement, agreement_report, fleiss_kappa, kappa_words,
    weighted_kappa,
};
pub use compare::{
    AttributeTrend, Change, Comparison, ProcessTrend, Snapshot, TrendSummary, VerdictChange,
    VerdictTrend, compare, date_of,
};
pub use followup::{ActionTrend, FollowUp, Outcome as ActionOutcome};
pub use inputs::Incompatible;
pub use merge::{Disagreement, Merged, assessors, disagree, merge};
pub use seed::seed;
pub use threeway::{Conflict, OTHER, Renumbered, ThreeWay, merge3};
