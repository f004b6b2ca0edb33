//! The back of the assessment report: the consistency checks, the evidence index and the
//! traceability appendix.

use crate::report::Report;
use crate::report::pdf::layout::{Cell, Layout, b, c};
use crate::report::pdf::style::{MARGIN, PAGE_W};

/// Section `n`.
pub(super) fn consistency(l: &mut Layout, r: &Report, n: usize) {
    l.new_page();
    l.heading(&format!("{n}  Consistency checks"), 16.0);
    l.para("capra checks each rating against its evidence and the other ratings: an F over an outcome, achievement or practice judged N or P; a rating above N with no evidence; an F resting on interviews alone; an override of the aggregate or proposal with no rationale; a higher-level attribute two or more steps above a lower-level one; an instance never rated. A warning does not change a rating; the team either revises the rating or accepts the warning with a justification.");
    for (title, acked) in [("Open warnings", false), ("Acknowledged warnings", true)] {
        let rows: Vec<Vec<Cell>> = r
            .warnings
            .iter()
            .filter(|w| w.acknowledged.is_some() == acked)
            .map(|w| {
                let mut reason = w.reason.clone();
                if let Some(k) = &w.acknowledged {
                    let by: Vec<&str> = [k.by.as_str(), k.date.as_str()]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect();
                    reason.push_str(&format!(
                        "\nAccepted{}: {}",
                        if by.is_empty() {
                            String::new()
                        } else {
                            format!(" ({})", by.join(", "))
                        },
                        k.justification
                    ));
                }
                vec![c(w.place()), c(w.rule.code()), c(reason)]
            })
            .collect();
        l.heading(&format!("{title} ({})", rows.len()), 11.0);
        if rows.is_empty() {
            l.para("None.");
            continue;
        }
        l.table(
            &[
                ("Where".into(), 120.0),
                ("Rule".into(), 105.0),
                ("Finding".into(), PAGE_W - 2.0 * MARGIN - 225.0),
            ],
            &rows,
        );
    }
}

/// The evidence cell of the appendix: title, then kind and date, the owner, and the note.
fn evidence_text(e: &crate::report::EvidenceRow) -> String {
    let mut out = e.title.clone();
    let kind_date: Vec<&str> = [e.kind.as_str(), e.date.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    if !kind_date.is_empty() {
        out.push_str(&format!("\n{}", kind_date.join(", ")));
    }
    if !e.owner.trim().is_empty() {
        out.push_str(&format!("\nOwner: {}", e.owner));
    }
    if !e.note.trim().is_empty() {
        out.push_str(&format!("\nNote: {}", e.note));
    }
    out
}

pub(super) fn appendix(l: &mut Layout, r: &Report) {
    l.new_page();
    l.heading("Appendix A  Evidence index", 16.0);
    l.para("Each item of the evidence register: what it is (kind, date, owner, the team's note on it), where it is, and which ratings use it. Every evidence id printed elsewhere in this report links here.");
    if r.evidence.is_empty() {
        l.para("The evidence register is empty.");
    } else {
        let rows: Vec<Vec<Cell>> = r
            .evidence
            .iter()
            .map(|e| {
                let mut where_ = e.location.clone();
                if !e.path.is_empty() {
                    if !where_.is_empty() {
                        where_.push('\n');
                    }
                    where_.push_str(&e.path);
                }
                if !e.sha256.is_empty() {
                    where_.push_str(&format!("\nsha256 {}", e.sha256));
                }
                vec![
                    b(e.id.clone()),
                    c(evidence_text(e)),
                    c(where_),
                    c(e.used_by.join("\n")),
                ]
            })
            .collect();
        // The id cells are the entries every evidence id in the text links to.
        l.links.anchoring = true;
        l.table(
            &[
                ("Id".into(), 40.0),
                ("Evidence".into(), 185.0),
                ("Where".into(), 120.0),
                ("Used for".into(), PAGE_W - 2.0 * MARGIN - 345.0),
            ],
            &rows,
        );
        l.links.anchoring = false;
    }
    l.heading("Appendix B  Traceability", 16.0);
    l.para("This report was produced by capra from the assessment file below. The same file and the same capra version produce the same report, byte for byte.");
    l.space(4.0);
    l.field("Assessment file sha256", &r.data_sha256);
    l.field(
        "Process model",
        &format!("{}\nsha256 {}", r.model, r.model_sha256),
    );
    l.field(
        "Framework",
        &format!("{}\nsha256 {}", r.framework, r.framework_sha256),
    );
    l.field("capra version", &r.capra_version);
}
