//! The ISO/IEC 27001 readiness the screen shows: the clauses and Annex A controls of the open
//! assessment's model catalogue with their verdicts (`crate::iso27001`), the controls filtered by
//! the Statement of Applicability stored in the file. Nothing when the model has no catalogue.

use super::app::App;
use super::doc::Doc;
use crate::iso27001::{self, Entry, Readiness, Verdict};
use crate::model::Role;

/// A clause or control the selected process is behind, with its role and the entry's verdict.
#[derive(Clone, Debug)]
pub struct ProcessEntry {
    /// `clause` or `control`.
    pub kind: &'static str,
    pub id: String,
    pub title: String,
    pub role: Role,
    pub verdict: Verdict,
}

/// The controls of one theme, counted by verdict.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ThemeCounts {
    pub theme: String,
    pub supported: usize,
    pub at_risk: usize,
    pub not_assessed: usize,
}

impl Doc {
    /// The model has an ISO/IEC 27001 catalogue.
    pub fn has_catalogue(&self) -> bool {
        let m = &self.model.processes;
        !(m.clauses.is_empty() && m.controls.is_empty())
    }

    /// The readiness of the clauses and of the controls (filtered by the stored SoA), when the
    /// model has a catalogue.
    pub fn iso27001(&self) -> Option<(Readiness, Readiness)> {
        self.has_catalogue().then(|| {
            (
                iso27001::clauses(&self.model, &self.profile),
                iso27001::controls(&self.model, &self.profile, &self.assessment.soa),
            )
        })
    }

    /// The clauses, then the controls, a process is behind, in catalogue order, and how many
    /// of its controls the SoA excludes.
    pub fn iso27001_of(&self, process: &str) -> (Vec<ProcessEntry>, usize) {
        let Some((clauses, controls)) = self.iso27001() else {
            return (Vec::new(), 0);
        };
        let mut out = Vec::new();
        for (kind, r) in [("clause", &clauses), ("control", &controls)] {
            let mut entries: Vec<&Entry> = r.entries.iter().collect();
            if kind == "control" {
                // Catalogue order, whatever order the SoA view gave.
                let pos = |id: &str| {
                    self.model
                        .processes
                        .controls
                        .iter()
                        .position(|c| c.id.as_str() == id)
                };
                entries.sort_by_key(|e| pos(&e.id));
            }
            for e in entries {
                if let Some(s) = e.processes.iter().find(|s| s.process == process) {
                    out.push(ProcessEntry {
                        kind,
                        id: e.id.clone(),
                        title: e.title.clone(),
                        role: s.role,
                        verdict: e.verdict,
                    });
                }
            }
        }
        let excluded = self
            .model
            .processes
            .controls
            .iter()
            .filter(|c| c.processes.iter().any(|p| p.process == process))
            .filter(|c| {
                self.assessment
                    .soa
                    .iter()
                    .any(|s| s.control == c.id.as_str() && !s.applicable)
            })
            .count();
        (out, excluded)
    }
}

/// The controls counted by verdict per theme, in the order the themes first appear.
pub fn theme_counts(controls: &Readiness) -> Vec<ThemeCounts> {
    let mut out: Vec<ThemeCounts> = Vec::new();
    for e in &controls.entries {
        let i = match out.iter().position(|t| t.theme == e.theme) {
            Some(i) => i,
            None => {
                out.push(ThemeCounts {
                    theme: e.theme.clone(),
                    ..ThemeCounts::default()
                });
                out.len() - 1
            }
        };
        let t = &mut out[i];
        match e.verdict {
            Verdict::Supported => t.supported += 1,
            Verdict::AtRisk => t.at_risk += 1,
            Verdict::NotAssessed => t.not_assessed += 1,
        }
    }
    out
}

impl App {
    /// The rows of the summary's ISO/IEC 27001 page that can be selected (Enter goes to the
    /// first process in scope behind one): every clause, then the controls at risk.
    pub fn iso27001_rows(&self) -> Vec<Entry> {
        let Some((clauses, controls)) = self.doc.as_ref().and_then(|d| d.iso27001()) else {
            return Vec::new();
        };
        let mut rows = clauses.entries;
        rows.extend(
            controls
                .entries
                .into_iter()
                .filter(|e| e.verdict == Verdict::AtRisk),
        );
        rows
    }

    /// The selected row of the ISO/IEC 27001 page.
    pub fn selected_iso27001(&self) -> Option<Entry> {
        self.iso27001_rows().into_iter().nth(self.iso_sel)
    }
}
