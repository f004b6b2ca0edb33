//! `capra method FILE [R1|R2|R3]`: show or change the rating method and the aggregation.

use super::common::{
    Outcome, edit, load, open, outln, parse_aggregation, parse_method, parse_order,
};
use crate::assessment::RatingMethod;
use crate::method::{self, Method};
use crate::rating::{Aggregation, Order};
use anyhow::Result;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The assessment file.
    pub file: PathBuf,
    /// The new rating method: R1, R2 or R3.
    #[arg(value_parser = parse_method)]
    pub method: Option<RatingMethod>,
    /// The aggregation: median-low, median-high, mean or minimum.
    #[arg(long, value_parser = parse_aggregation)]
    pub aggregation: Option<Aggregation>,
    /// Under R1: vertical-first, horizontal-first or two-dimensional.
    #[arg(long, value_parser = parse_order)]
    pub order: Option<Order>,
    /// Record today's derived ratings (aggregates, proposals) as direct ratings where the change
    /// would otherwise alter them, so that no level moves.
    #[arg(long)]
    pub adopt: bool,
}

/// The top-level entry point for `capra method`.
pub fn run(models: &[PathBuf], args: Args) -> Result<Outcome> {
    // Showing needs no lock; asking for a change takes it before the file is read.
    let asks_change = args.method.is_some() || args.aggregation.is_some() || args.order.is_some();
    let mut editing = if asks_change {
        Some(open(models, &args.file)?)
    } else {
        None
    };
    let shown;
    let loaded = match &editing {
        Some(e) => &e.loaded,
        None => {
            shown = load(models, &args.file)?;
            &shown
        }
    };
    let old = Method::of(&loaded.assessment);
    let new = Method {
        method: args.method.unwrap_or(old.method),
        aggregation: args.aggregation.unwrap_or(old.aggregation),
        order: args.order.unwrap_or(old.order),
    };
    let shifts = method::impact(&loaded.model, &loaded.assessment, new);
    outln!(
        "Rating method {}: {}\nAggregation {}: {}\nOrder {}: {}",
        new.method,
        new.method.explain(),
        new.aggregation,
        new.aggregation.explain(),
        new.order,
        new.order.explain()
    );
    if new == old {
        if !shifts.is_empty() {
            outln!();
        }
        for m in [RatingMethod::R1, RatingMethod::R2, RatingMethod::R3] {
            if m == old.method {
                continue;
            }
            let other = Method { method: m, ..old };
            let n = method::impact(&loaded.model, &loaded.assessment, other).len();
            outln!("Under {m}, {n} attribute rating(s) would change.");
        }
        return Ok(Outcome::Done);
    }
    let Some(loaded) = editing.as_mut() else {
        return Ok(Outcome::Done);
    };
    edit(loaded, method::switch(new, &shifts, args.adopt))?;
    let (n_inst, n_char) = method::kept(&loaded.assessment);
    outln!(
        "Changed from {} ({}, {}). Nothing recorded was removed: {n_inst} instance rating(s) and {n_char} characterisation(s) stay in the file.",
        old.method,
        old.aggregation,
        old.order
    );
    if shifts.is_empty() {
        outln!("No attribute rating changes.");
    } else if args.adopt {
        outln!(
            "{} derived rating(s) were recorded as direct ratings, so no level moves.",
            shifts.iter().filter(|s| s.before.is_some()).count()
        );
    } else {
        outln!("{} attribute rating(s) change:", shifts.len());
        for s in &shifts {
            outln!(
                "  {} {}: {} -> {}",
                s.process,
                s.attribute,
                crate::rating::describe(s.before),
                crate::rating::describe(s.after)
            );
        }
        outln!("(Run again with --adopt to keep the old ratings as direct ratings.)");
    }
    Ok(Outcome::Done)
}
