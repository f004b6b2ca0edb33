//! Where the ratings of a process section came from: the legend of the rating sources, the
//! "Source, review" cell of each rating, and under R1 the table of characterisations.

use crate::report::pdf::layout::{Cell, Layout, c};
use crate::report::pdf::style::{BODY, MARGIN, PAGE_W, black, grey};
use crate::report::provenance::review_phrase;
use crate::report::{AttributeRow, ProcessSection, Report};

/// The words of the "Source, review" column, explained once before the sections. The words
/// are those of the CSV's `source` column ([`crate::profile::Source::word`]).
pub(super) fn legend(l: &mut Layout, r: &Report) {
    let r1 = if r.rating_method == "R1" {
        " Under R1 each section also lists the characterisations behind the ratings: each outcome, practice or achievement characterised, with its value, per instance."
    } else {
        ""
    };
    l.para_styled(
        &format!(
            "\"Source, review\" says where each rating came from: direct (given for the process as a whole), aggregated (from the instance ratings), proposed (the R1 proposal from the characterisations, not yet confirmed), accepted (a rating equal to the R1 proposal), override (assessor's judgement: another value than the aggregate or the proposal, with its rationale), incomplete (some instances still to rate or characterise), instance (the rating of one instance); then whether the rating is flagged for review or reviewed.{r1}"
        ),
        BODY,
        false,
        grey(),
        0.0,
    );
    l.space(4.0);
}

/// The rating's source, and its review state on a second line when it has one.
pub(super) fn source_cell(a: &AttributeRow) -> String {
    match review_phrase(&a.review) {
        "" => a.source.to_string(),
        review => format!("{}\n{review}", a.source),
    }
}

/// Under R1, the characterisations behind the process's ratings, one row per attribute and
/// instance; nothing when there are none.
pub(super) fn characterisations(l: &mut Layout, p: &ProcessSection) {
    if p.characterisations.is_empty() {
        return;
    }
    l.space(4.0);
    l.para_styled("Characterisations (R1)", BODY, true, black(), 0.0);
    let rows: Vec<Vec<Cell>> = p
        .characterisations
        .iter()
        .map(|row| {
            vec![
                c(row.attribute.clone()),
                c(row.instance.clone()),
                c(row.values()),
            ]
        })
        .collect();
    l.table(
        &[
            ("Attribute".into(), 50.0),
            ("Instance".into(), 110.0),
            ("Items and values".into(), PAGE_W - 2.0 * MARGIN - 160.0),
        ],
        &rows,
    );
}
