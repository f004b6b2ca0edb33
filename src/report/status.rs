//! Whether a report is a draft, and why: the rule the report's DRAFT mark and `capra set FILE
//! report.status final` share.
//!
//! A report is a draft when its status (`report.status`) is not `final`, or when something is
//! still open: a rating flagged for review, an override without a rationale, a consistency
//! warning not acknowledged, an attribute a process's target needs and that is not rated, or a
//! weakness recorded on an attribute that is not rated. A final status with open items stays a
//! draft unless the authors recorded why it is final anyway (`report.final_override`, written
//! by `capra set --force`), which the report prints.

use crate::assessment::{Assessment, FindingKind, Review};
use crate::model::Model;
use crate::profile::Profile;

/// The status the report prints.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Status {
    /// True when the report carries the DRAFT mark.
    pub draft: bool,
    /// What is still open, one line each (empty: nothing).
    pub open: Vec<String>,
    /// Why the report is final although items are open (empty: no override).
    pub final_override: String,
    /// Who recorded the override, and when (either may be empty in a file edited by hand).
    pub final_override_by: String,
    pub final_override_date: String,
}

impl Status {
    /// True when the authors set the report final while items are open and recorded no
    /// reason: such a report would not be honest, and `capra report` refuses to write it.
    pub fn final_without_override(&self, settings: &crate::assessment::ReportSettings) -> bool {
        settings.is_final() && !self.open.is_empty() && self.final_override.trim().is_empty()
    }

    /// "recorded by NAME on DATE", "recorded on DATE", ... or empty: who made the report final
    /// anyway, and when.
    pub fn override_recorded(&self) -> String {
        match (
            self.final_override_by.trim(),
            self.final_override_date.trim(),
        ) {
            ("", "") => String::new(),
            (by, "") => format!("recorded by {by}"),
            ("", on) => format!("recorded on {on}"),
            (by, on) => format!("recorded by {by} on {on}"),
        }
    }
}

/// Everything still open that keeps a report from being final, one line each, in process
/// order.
pub fn open_items(
    model: &Model,
    a: &Assessment,
    profile: &Profile,
    warnings: &[crate::check::Warning],
) -> Vec<String> {
    let _ = model;
    let mut out: Vec<String> = Vec::new();
    let mut not_assessed = Vec::new();
    let mut flagged = Vec::new();
    let mut weak = Vec::new();
    for (ps, rec) in profile.processes.iter().zip(&a.processes) {
        let assessed = ps.attributes.iter().any(|s| s.rating.is_some());
        if !assessed {
            not_assessed.push(ps.id.clone());
        } else if ps.rated < ps.to_rate {
            out.push(format!(
                "{} {}: {} of the {} attribute ratings its target needs not given",
                ps.id,
                ps.name,
                ps.to_rate - ps.rated,
                ps.to_rate
            ));
        }
        for r in &rec.ratings {
            if r.review == Some(Review::Flagged) {
                flagged.push(format!(
                    "{} {}{}",
                    ps.id,
                    r.attribute,
                    r.instance
                        .as_ref()
                        .map(|i| format!(" ({i})"))
                        .unwrap_or_default()
                ));
            }
        }
        for f in a
            .findings
            .iter()
            .filter(|f| f.process == ps.id.as_str() && f.kind == FindingKind::Weakness)
        {
            let Some(attr) = &f.attribute else { continue };
            let rated = ps
                .attributes
                .iter()
                .any(|s| s.id == attr.as_str() && s.rating.is_some());
            if !rated {
                weak.push(format!("{} ({} {attr})", f.id, ps.id));
            }
        }
    }
    if !not_assessed.is_empty() {
        out.insert(
            0,
            format!(
                "{} process(es) not assessed at all: {}",
                not_assessed.len(),
                not_assessed.join(", ")
            ),
        );
    }
    if !flagged.is_empty() {
        out.push(format!(
            "{} rating(s) flagged for review, not validated: {}",
            flagged.len(),
            flagged.join(", ")
        ));
    }
    if !weak.is_empty() {
        out.push(format!(
            "{} weakness(es) recorded on an attribute not rated: {}",
            weak.len(),
            weak.join(", ")
        ));
    }
    // The rest of what a final report needs (overrides without a rationale); flagged ratings
    // are listed above.
    for b in crate::check::final_blockers(a, profile) {
        if !b.contains("is flagged for review") && !out.contains(&b) {
            out.push(b);
        }
    }
    let open = warnings.iter().filter(|w| w.acknowledged.is_none()).count();
    if open > 0 {
        out.push(format!(
            "{open} consistency warning(s) open, not acknowledged (capra check)"
        ));
    }
    out
}

/// The report's status: draft unless final with nothing open (or an override recorded).
pub fn status(
    model: &Model,
    a: &Assessment,
    profile: &Profile,
    warnings: &[crate::check::Warning],
) -> Status {
    let open = open_items(model, a, profile, warnings);
    let overridden = !a.report.final_override.trim().is_empty();
    Status {
        draft: !a.report.is_final() || (!open.is_empty() && !overridden),
        open,
        final_override: if a.report.is_final() {
            a.report.final_override.clone()
        } else {
            String::new()
        },
        final_override_by: if a.report.is_final() {
            a.report.final_override_by.clone()
        } else {
            String::new()
        },
        final_override_date: if a.report.is_final() {
            a.report.final_override_date.clone()
        } else {
            String::new()
        },
    }
}

/// Making a report final while items are open: why, who decided, and the day (the shell knows
/// the last two).
#[derive(Clone, Copy, Debug)]
pub struct FinalOverride<'a> {
    pub reason: &'a str,
    pub by: &'a str,
    pub date: &'a str,
}

/// Why [`set_key`] refused a value. Nothing is changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refused {
    /// The key is unknown or the value is not one the file would accept; the message names the
    /// key and what it takes.
    Invalid(crate::assessment::change::ChangeError),
    /// `report.status final` while items are still open (and no reason given to override):
    /// what is open, one line each.
    StillOpen(Vec<String>),
    /// A reason to override was given for something other than `report.status final`.
    ForceNotFinal,
}

/// The change that sets one key of `capra set` / the settings form ([`keys::set`]), with the
/// rule of a final status: making the report final while something is open is refused unless
/// `force` gives the reason, which is recorded as `report.final_override`.
///
/// [`keys::set`]: crate::assessment::keys::set
pub fn set_key(
    model: &Model,
    a: &Assessment,
    name: &str,
    values: &[String],
    force: Option<FinalOverride<'_>>,
) -> Result<crate::assessment::change::Change, Refused> {
    use crate::assessment::change::Change;
    use crate::assessment::keys;
    let mut change = keys::set(a, model, name, values).map_err(Refused::Invalid)?;
    if !keys::makes_final(name, values) {
        return match force {
            Some(_) => Err(Refused::ForceNotFinal),
            None => Ok(change),
        };
    }
    let profile = crate::profile::score(model, a);
    let warnings = crate::check::check(model, a, &profile);
    let open = open_items(model, a, &profile, &warnings);
    if open.is_empty() {
        return Ok(change);
    }
    match force {
        Some(f) if !f.reason.trim().is_empty() => {
            if let Change::SetReport(r) = &mut change {
                r.final_override = f.reason.trim().to_string();
                r.final_override_by = f.by.to_string();
                r.final_override_date = f.date.to_string();
            }
            Ok(change)
        }
        _ => Err(Refused::StillOpen(open)),
    }
}

/// The open items of a report whose status is final while items are open and no reason for
/// making it final anyway is recorded (`None` otherwise): such a report would say "final" and
/// carry the DRAFT mark at once, so the front ends refuse to write it.
pub fn final_refused(model: &Model, a: &Assessment) -> Option<Vec<String>> {
    if !a.report.is_final() {
        return None;
    }
    let profile = crate::profile::score(model, a);
    let warnings = crate::check::check(model, a, &profile);
    let st = status(model, a, &profile, &warnings);
    st.final_without_override(&a.report).then_some(st.open)
}
