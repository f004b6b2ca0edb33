//! The Statement of Applicability (SoA): per control of the model's catalogue, whether it applies,
//! why, and how far it is implemented. Read from a CSV file ([`parse_csv`]), written as an empty
//! template ([`template_csv`]).
//!
//! The CSV has a header row and four columns, in this order: control id, applicable (`yes` or
//! `no`), justification, implementation status. A UTF-8 byte order mark and `;` as separator (as
//! Excel writes it in many locales) are accepted. A file with a bad row is refused as a whole,
//! with every bad row named by its line.

use crate::located::Id;
use crate::model::Model;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// One row of a Statement of Applicability.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SoaEntry {
    /// The control id as the model's catalogue writes it, e.g. `A.5.7`.
    pub control: Id,
    pub applicable: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub justification: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub implementation: String,
}

/// A bad row of a SoA file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SoaError {
    /// The line in the file, from 1.
    pub line: u64,
    pub message: String,
}

impl std::fmt::Display for SoaError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Reads `yes`/`no` (also `y`, `n`, `true`, `false`, `1`, `0`; any case).
fn yes_no(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "1" => Some(true),
        "no" | "n" | "false" | "0" => Some(false),
        _ => None,
    }
}

/// Parses a SoA CSV. `controls` are the catalogue's control ids, in catalogue order; a row may
/// write an id in any case and without its `A.` prefix (`5.7` for `A.5.7`). Returns the entries
/// in catalogue order, or every bad row.
pub fn parse_csv(bytes: &[u8], controls: &[&str]) -> Result<Vec<SoaEntry>, Vec<SoaError>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(vec![SoaError {
            line: 1,
            message: "the file is not UTF-8 text: save it as CSV UTF-8".to_string(),
        }]);
    };
    let header = text.lines().next().unwrap_or_default();
    let delimiter = if header.matches(';').count() > header.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut errors = Vec::new();
    let mut entries: Vec<(usize, SoaEntry)> = Vec::new();
    let mut seen: std::collections::HashMap<usize, u64> = std::collections::HashMap::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                errors.push(SoaError {
                    line,
                    message: format!("cannot read the row: {e}"),
                });
                continue;
            }
        };
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let field = |i: usize| record.get(i).unwrap_or_default().trim().to_string();
        if record.iter().all(|f| f.trim().is_empty()) {
            continue; // a blank line, as spreadsheets leave at the end
        }
        let id = field(0);
        let wanted = id
            .strip_prefix("A.")
            .or(id.strip_prefix("a."))
            .unwrap_or(&id);
        let Some(pos) = controls.iter().position(|c| {
            c.eq_ignore_ascii_case(&id)
                || c.strip_prefix("A.")
                    .is_some_and(|bare| bare.eq_ignore_ascii_case(wanted))
        }) else {
            let message = if id.is_empty() {
                "no control id in the first column".to_string()
            } else {
                format!("unknown control {id}: the model's catalogue has no such control")
            };
            errors.push(SoaError { line, message });
            continue;
        };
        if let Some(first) = seen.insert(pos, line) {
            errors.push(SoaError {
                line,
                message: format!(
                    "control {} is listed twice (first on line {first})",
                    controls[pos]
                ),
            });
            continue;
        }
        let applicable = field(1);
        let Some(applicable) = yes_no(&applicable) else {
            let message = if applicable.is_empty() {
                format!("{}: applicable is missing: write yes or no", controls[pos])
            } else {
                format!(
                    "{}: applicable is {applicable:?}: write yes or no",
                    controls[pos]
                )
            };
            errors.push(SoaError { line, message });
            continue;
        };
        entries.push((
            pos,
            SoaEntry {
                control: Id::from(controls[pos]),
                applicable,
                justification: field(2),
                implementation: field(3),
            },
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    entries.sort_by_key(|(pos, _)| *pos);
    Ok(entries.into_iter().map(|(_, e)| e).collect())
}

/// The header row of a SoA file.
pub const HEADER: [&str; 4] = ["control", "applicable", "justification", "implementation"];

/// An empty SoA to fill in: the header row and one row per control, applicable left blank, with
/// the control's title in a fifth column (`title`), which an import ignores.
pub fn template_csv(controls: &[(&str, &str)]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(HEADER.iter().chain(["title"].iter()));
    // A title a spreadsheet would run as a formula is made text.
    let text = |s: &str| match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    };
    for (id, title) in controls {
        let _ = w.write_record([
            text(id),
            String::new(),
            String::new(),
            String::new(),
            text(title),
        ]);
    }
    w.into_inner().unwrap_or_default()
}

/// What is wrong with a stored SoA: a control the model's catalogue lacks, or a control listed
/// twice; each with where it is in the file.
pub fn problems(rows: &[SoaEntry], model: &Model) -> Vec<(Option<Range<usize>>, String)> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for r in rows {
        if !model.processes.controls.iter().any(|c| c.id == r.control) {
            out.push((
                r.control.span(),
                format!(
                    "soa: control {} is not in the catalogue of model {}",
                    r.control,
                    model.id()
                ),
            ));
        } else if !seen.insert(r.control.as_str()) {
            out.push((
                r.control.span(),
                format!("soa: control {} is listed twice", r.control),
            ));
        }
    }
    out
}
