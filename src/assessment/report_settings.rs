//! The report settings of an assessment (`[report]` in the file): who the report is for and
//! from, its status, version and issue date, its classification and distribution, the authored
//! executive summary and conclusions, and who signs it off.
//!
//! This file holds the record and what can be said of it alone ([`check`]); the report prints
//! it (`crate::report`), `capra set` edits it through [`super::keys`].

use super::values::{ReportStatus, valid_date};
use crate::located::Located;
use serde::{Deserialize, Serialize};
use std::ops::Range;

fn is_empty(s: &str) -> bool {
    s.is_empty()
}

fn is_empty_located(s: &Located<String>) -> bool {
    s.is_empty()
}

/// The font embedded with capra; as `report.font`, it means that font alone (no other font is
/// looked for).
pub const BUILT_IN_FONT: &str = "DejaVu Sans";

/// The endings of the font files `report.font` may name (else it names a folder of them).
pub const FONT_FILES: &[&str] = &["ttf", "otf", "ttc"];

/// The settings of the report, all optional.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ReportSettings {
    /// The organisation assessed, as the cover names it.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub organisation: String,
    /// The consultancy that made the assessment, if any.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub consultancy: String,
    /// A PNG or JPEG file for the cover, relative to the assessment file's folder.
    #[serde(default, skip_serializing_if = "is_empty_located")]
    pub logo: Located<String>,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub prepared_by: String,
    /// The report's version, as the authors number it ("1.0").
    #[serde(default, skip_serializing_if = "is_empty")]
    pub version: String,
    /// Draft or final; unset: draft.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ReportStatus>,
    /// Why the report is final although something is still open (`capra set --force`); it
    /// counts only while the status is final.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub final_override: String,
    /// Who recorded the override, and the day (YYYY-MM-DD); written with it by `capra set
    /// --force`.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub final_override_by: String,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub final_override_date: String,
    /// The day the report is issued (YYYY-MM-DD); unset: the day it is made.
    #[serde(default, skip_serializing_if = "is_empty_located")]
    pub issue_date: Located<String>,
    /// "Confidential", "Internal", ...: printed on every page.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub classification: String,
    /// Who receives the report.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub distribution: Vec<String>,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub executive_summary: String,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub conclusions: String,
    /// The font for the characters DejaVu Sans lacks: a .ttf, .otf or .ttc file or a folder of
    /// them, relative to the assessment file's folder ([`BUILT_IN_FONT`]: none; unset: one
    /// found on the system when the text needs it).
    #[serde(default, skip_serializing_if = "is_empty_located")]
    pub font: Located<String>,
    /// Who signs the report off.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sign_off: Vec<SignOff>,
}

/// One signature of the sign-off page: name, role and, once signed, the day.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SignOff {
    pub name: Located<String>,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub role: String,
    #[serde(default, skip_serializing_if = "is_empty_located")]
    pub date: Located<String>,
}

impl ReportSettings {
    /// True when nothing is set: the file then has no `[report]` table.
    pub fn is_empty(&self) -> bool {
        *self == ReportSettings::default()
    }

    /// True when the authors have set the status to final.
    pub fn is_final(&self) -> bool {
        self.status == Some(ReportStatus::Final)
    }
}

/// True when a logo path names a PNG or JPEG file (by its extension).
pub fn logo_kind_ok(path: &str) -> bool {
    let p = path.to_ascii_lowercase();
    p.ends_with(".png") || p.ends_with(".jpg") || p.ends_with(".jpeg")
}

/// What is wrong with the settings, with where: dates, the logo's kind, the font, sign-offs.
pub fn check(r: &ReportSettings) -> Vec<(Option<Range<usize>>, String)> {
    let mut out = Vec::new();
    if !r.issue_date.is_empty() && !valid_date(&r.issue_date) {
        out.push((
            r.issue_date.span(),
            format!(
                "report.issue_date '{}' is not a date: write it as YYYY-MM-DD",
                r.issue_date.get()
            ),
        ));
    }
    if !r.final_override_date.is_empty() && !valid_date(&r.final_override_date) {
        out.push((
            None,
            format!(
                "report.final_override_date '{}' is not a date: write it as YYYY-MM-DD",
                r.final_override_date
            ),
        ));
    }
    if !r.logo.is_empty() && !logo_kind_ok(&r.logo) {
        out.push((
            r.logo.span(),
            format!(
                "report.logo '{}' is not a PNG or JPEG file: give a path ending in .png, .jpg or .jpeg",
                r.logo.get()
            ),
        ));
    }
    if !font_path_ok(r.font.trim()) {
        out.push((
            r.font.span(),
            format!(
                "report.font '{}' is not a font file capra reads: give a .ttf, .otf or .ttc file, or a folder of them",
                r.font.get()
            ),
        ));
    }
    if r.distribution.iter().any(|d| d.trim().is_empty()) {
        out.push((None, "report.distribution has an empty entry".to_string()));
    }
    for s in &r.sign_off {
        if s.name.trim().is_empty() {
            out.push((s.name.span(), "a report.sign_off has no name".to_string()));
        }
        if !s.date.is_empty() && !valid_date(&s.date) {
            out.push((
                s.date.span(),
                format!(
                    "report.sign_off of {}: date '{}' is not YYYY-MM-DD",
                    s.name.get(),
                    s.date.get()
                ),
            ));
        }
    }
    out
}

/// Whether `report.font` can name a font: a file with a font file's ending, or a path with
/// no ending at all (a folder); which of them it is, and whether it is there, the shell sees.
fn font_path_ok(v: &str) -> bool {
    let last = v.rsplit(['/', '\\']).next().unwrap_or(v);
    match last.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !ext.contains(' ') => {
            FONT_FILES.iter().any(|f| f.eq_ignore_ascii_case(ext))
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_settings_are_empty_and_valid() {
        let r = ReportSettings::default();
        assert!(r.is_empty());
        assert!(check(&r).is_empty());
    }

    #[test]
    fn bad_values_are_named() {
        let r = ReportSettings {
            issue_date: Located::new("1 May".into()),
            logo: Located::new("logo.gif".into()),
            font: Located::new("fonts/Comic.woff".into()),
            ..Default::default()
        };
        let msgs: Vec<String> = check(&r).into_iter().map(|(_, m)| m).collect();
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        assert!(msgs[0].contains("issue_date"));
        assert!(msgs[1].contains("PNG or JPEG"));
        assert!(msgs[2].contains(".ttf, .otf or .ttc"));
        for ok in [
            "",
            "DejaVu Sans",
            "fonts",
            "Noto.TTC",
            "../f/x.otf",
            "C:\\Fonts\\msgothic.ttc",
        ] {
            assert!(font_path_ok(ok), "{ok}");
        }
        assert!(!font_path_ok("x.ttf.png"));
    }
}
