//! The font for what DejaVu Sans lacks in a PDF report (CJK, Devanagari, ...): `report.font`
//! (a font file or a folder of them, relative to the assessment file) read and checked, or,
//! when it is unset and the report has characters DejaVu lacks, a font found in the system's
//! font folders. The choice is deterministic: files in sorted order, the first that has every
//! missing character, else the one that has most.

use crate::assessment::report_settings::{BUILT_IN_FONT, FONT_FILES};
use crate::report::pdf::{Missing, Rendered};
use crate::report::{FontFile, Report};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Set (to anything) to keep `capra report` from looking for system fonts.
pub const NO_SYSTEM_FONTS: &str = "CAPRA_NO_SYSTEM_FONTS";

/// The largest font file capra reads.
const MAX_FONT: u64 = 64 * 1024 * 1024;

/// The PDF, and which font file it uses for what DejaVu Sans lacks, if any.
pub struct Pdf {
    pub rendered: Rendered,
    pub font: Option<String>,
}

/// Renders `report` (of the assessment read from `file`, whose `report.font` is `setting`)
/// with the font it needs. Errors name the file and the setting.
pub fn render(report: &Report, setting: &str, file: &Path) -> Result<Pdf, String> {
    let setting = setting.trim();
    let pdf = |r: &Report| crate::report::pdf::render_checked(r).map_err(|e| e.to_string());
    let folder = crate::fsio::folder_of(file);
    if setting.eq_ignore_ascii_case(BUILT_IN_FONT) {
        return Ok(Pdf {
            rendered: pdf(report)?,
            font: None,
        });
    }
    let candidates = if setting.is_empty() {
        None
    } else {
        let path = folder.join(setting);
        let meta = std::fs::metadata(&path).map_err(|e| bad(&path, &e.to_string()))?;
        if meta.is_file() {
            let font = read_font(&path).map_err(|e| bad(&path, &e))?;
            let mut r = report.clone();
            r.font = Some(font);
            return Ok(Pdf {
                rendered: pdf(&r)?,
                font: Some(path.display().to_string()),
            });
        }
        let files = font_files(&path);
        if files.is_empty() {
            return Err(bad(&path, "the folder has no .ttf, .otf or .ttc file"));
        }
        Some(files)
    };
    let first = pdf(report)?;
    let chars = missing_chars(&first.missing);
    if chars.is_empty() {
        return Ok(Pdf {
            rendered: first,
            font: None,
        });
    }
    let candidates = match candidates {
        Some(c) => c,
        None if std::env::var_os(NO_SYSTEM_FONTS).is_some() => Vec::new(),
        None => system_folders()
            .iter()
            .flat_map(|d| font_files(d))
            .collect(),
    };
    match choose(&candidates, &chars) {
        Some(font) => {
            let path = font.path.clone();
            let mut r = report.clone();
            r.font = Some(font);
            Ok(Pdf {
                rendered: pdf(&r)?,
                font: Some(path),
            })
        }
        None => Ok(Pdf {
            rendered: first,
            font: None,
        }),
    }
}

fn bad(path: &Path, why: &str) -> String {
    format!(
        "report.font: cannot use {} as the report's font: {why}. Give a .ttf, .otf or .ttc file or a folder of them (capra set FILE report.font PATH), or unset it",
        path.display()
    )
}

/// Every character of the warnings, once, in order.
fn missing_chars(missing: &[Missing]) -> Vec<char> {
    let set: std::collections::BTreeSet<char> = missing
        .iter()
        .flat_map(|m| m.chars.iter().copied())
        .collect();
    set.into_iter().collect()
}

/// Reads a font file and checks that capra can use its first face.
fn read_font(path: &Path) -> Result<FontFile, String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if meta.len() > MAX_FONT {
        return Err(format!("it is larger than {} MB", MAX_FONT / 1024 / 1024));
    }
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    crate::report::pdf::font_covers(&bytes, 0, &[])
        .ok_or("it is not a font capra can read (TrueType or OpenType)")?;
    Ok(FontFile {
        path: path.display().to_string(),
        bytes: Arc::new(bytes),
        index: 0,
    })
}

/// The first of `files` that has every one of `chars`, else the one that has most (none when
/// no file has any).
fn choose(files: &[PathBuf], chars: &[char]) -> Option<FontFile> {
    let mut best: Option<(usize, FontFile)> = None;
    for path in files {
        let Ok(meta) = std::fs::metadata(path) else {
            continue;
        };
        if meta.len() > MAX_FONT {
            continue;
        }
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let Some(n) = crate::report::pdf::font_covers(&bytes, 0, chars) else {
            continue;
        };
        if n > best.as_ref().map_or(0, |b| b.0) {
            let font = FontFile {
                path: path.display().to_string(),
                bytes: Arc::new(bytes),
                index: 0,
            };
            if n == chars.len() {
                return Some(font);
            }
            best = Some((n, font));
        }
    }
    best.map(|(_, f)| f)
}

/// The system's font folders, those of the user first.
fn system_folders() -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
        out.push(home.join(".local/share/fonts"));
        out.push(home.join(".fonts"));
        out.push(home.join("Library/Fonts"));
    }
    for d in [
        "/usr/share/fonts",
        "/usr/local/share/fonts",
        "/Library/Fonts",
        "/System/Library/Fonts",
        "C:\\Windows\\Fonts",
    ] {
        out.push(PathBuf::from(d));
    }
    out
}

/// The font files under `dir` (at most six folders deep), in sorted order.
fn font_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    walk(dir, 6, &mut out);
    out.sort();
    out
}

fn walk(dir: &Path, depth: u8, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        let Ok(kind) = e.file_type() else { continue };
        if kind.is_dir() && depth > 0 {
            walk(&path, depth - 1, out);
        } else if kind.is_file()
            && path
                .extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| FONT_FILES.iter().any(|f| f.eq_ignore_ascii_case(x)))
        {
            out.push(path);
        }
    }
}

/// The warning for characters no font has: where they are, and how to fix it.
pub fn warning(missing: &[Missing], file: &Path) -> Option<String> {
    if missing.is_empty() {
        return None;
    }
    let mut s = String::from(
        "warning: the PDF shows these characters by their code point (no font capra found has them):",
    );
    for m in missing {
        let chars: Vec<String> = m
            .chars
            .iter()
            .map(|c| format!("U+{:04X}", u32::from(*c)))
            .collect();
        s.push_str(&format!(
            "\n  {}: {}",
            crate::text::printable(&m.place, false),
            chars.join(" ")
        ));
    }
    s.push_str(&format!(
        "\n  Give a font that has them: capra set {} report.font PATH (a .ttf, .otf or .ttc file, or a folder of them).",
        crate::text::printable(&file.display().to_string(), false)
    ));
    Some(s)
}
