//! The assessment report: its sections in order, and the trace printed in its footers.

use super::back::{appendix, consistency};
use super::front::{cover, scope_and_method};
use super::iso27001::iso27001;
use super::plan::plan;
use super::results::{gap_table, process_sections, profile};
use super::summary::{conclusions, executive_summary, sign_off};
use crate::report::Report;
use crate::report::pdf::document::save;
use crate::report::pdf::error::PdfError;
use crate::report::pdf::faces::Missing;
use crate::report::pdf::layout::{Layout, Marks};

/// Renders the report as PDF bytes.
pub fn render(r: &Report) -> Result<Vec<u8>, PdfError> {
    render_checked(r).map(|r| r.bytes)
}

/// The PDF's bytes, and the characters no face had (DejaVu Sans nor the report's font), by
/// place, for the warning.
#[derive(Clone, Debug)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub missing: Vec<Missing>,
}

/// Renders the report as PDF bytes, with what could not be shown.
pub fn render_checked(r: &Report) -> Result<Rendered, PdfError> {
    let mut l = Layout::new(r.font.as_ref())?;
    // Every evidence id printed links to its entry in the evidence appendix.
    l.links.set_targets(r.evidence.iter().map(|e| e.id.clone()));
    cover(&mut l, r);
    executive_summary(&mut l, r);
    scope_and_method(&mut l, r);
    profile(&mut l, r);
    gap_table(&mut l, r);
    // Sections 1 to 3 are always there; the ISO/IEC 27001 view only with a catalogue.
    let mut n = 4;
    if r.iso27001.is_some() {
        iso27001(&mut l, r, n);
        n += 1;
    }
    process_sections(&mut l, r, n);
    plan(&mut l, r, n + 1);
    consistency(&mut l, r, n + 2);
    conclusions(&mut l, r);
    sign_off(&mut l, r);
    appendix(&mut l, r);
    let short: String = r.data_sha256.chars().take(16).collect();
    let mut trace = format!(
        "capra {} · assessment file sha256 {short}…",
        r.capra_version
    );
    if r.include_notes {
        trace.push_str(" · INTERNAL: contains working notes, not for the sponsor");
    }
    let (bytes, missing) = save(
        l,
        &r.title,
        &trace,
        "Process capability assessment report",
        &r.issue_date,
        &format!("{}{}", r.data_sha256, r.capra_version),
        &Marks {
            classification: r.settings.classification.clone(),
            draft: r.status.draft,
            logo: r.logo.clone(),
            author: author(r),
        },
    )?;
    Ok(Rendered { bytes, missing })
}

/// The author in the document's properties: who prepared the report, else the consultancy,
/// else the lead assessor (empty when none is known).
fn author(r: &Report) -> String {
    [&r.settings.prepared_by, &r.settings.consultancy]
        .into_iter()
        .map(|s| s.trim())
        .find(|s| !s.is_empty())
        .map(str::to_string)
        .or_else(|| {
            r.team
                .iter()
                .find(|(_, role, _)| role == crate::assessment::Role::LeadAssessor.word())
                .map(|(name, _, _)| name.trim().to_string())
        })
        .unwrap_or_default()
}
