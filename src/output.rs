//! Writing report files: the CSV folder, the PDF and the workbook of an assessment, and the trend PDF of
//! `capra compare`. Shell code used by `capra report`, `capra compare` and the interview
//! screen's report key alike.
//!
//! An output never replaces what capra did not write: a path that is one of the inputs, or any
//! file that reads as an assessment, is refused; an existing PDF or workbook is replaced only
//! when capra wrote it, an existing CSV only when it is listed, unchanged, in the folder's manifest
//! (`.capra-manifest`, in the format of `sha256sum`), unless `force` is given.
//!
//! A report set is written so that a crash leaves the old set or the new one. Every file is first
//! written in full beside its place: the PDF as a `.capra-*.pending` file, the CSV folder as a
//! `.capra-NAME-*.pending` folder. Then a journal (`.capra-NAME.journal`, beside the PDF) names
//! the moves to make, the moves are made (the CSV folder is swapped with the old one, which is
//! then emptied without ever deleting a file of the user's), and the journal is removed. A capra
//! killed after the journal was written finishes the moves the next time it writes that report;
//! one killed before leaves the old set, and its pending files are removed later.

use crate::assessment::Assessment;
use crate::fsio::{self, WriteError};
use crate::hash::sha256_hex;
use crate::model::Model;
use std::path::{Path, PathBuf};

/// The manifest capra writes in a CSV folder.
pub const MANIFEST: &str = ".capra-manifest";

/// A report could not be written. Nothing was replaced.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("cannot make the PDF {}: {source}", .path.display())]
    Pdf {
        path: PathBuf,
        #[source]
        source: crate::report::pdf::PdfError,
    },
    /// The report's font (`report.font`) cannot be used; the message names file and setting.
    #[error("{0}")]
    Font(String),
    #[error("cannot make the workbook {}: {message}", .path.display())]
    Xlsx { path: PathBuf, message: String },
    #[error(
        "{} is {what}: a report never replaces it. Give the report another path.",
        .path.display()
    )]
    Protected { path: PathBuf, what: &'static str },
    #[error(
        "cannot write the CSV files into {}: it is {kind}, not a folder. Give the path of a folder.",
        .path.display()
    )]
    NotAFolder { path: PathBuf, kind: &'static str },
    #[error(
        "{} exists and capra did not write it (or it was changed since): choose another path, or replace it with --force",
        .path.display()
    )]
    NotOurs { path: PathBuf },
}

/// Where the reports of an assessment file go by default: `NAME-report.pdf` and the folder
/// `NAME-csv/` beside it.
pub fn default_report_paths(file: &Path) -> (PathBuf, PathBuf) {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "assessment".into());
    (
        file.with_file_name(format!("{stem}-report.pdf")),
        file.with_file_name(format!("{stem}-csv")),
    )
}

/// True for the bytes of a PDF capra wrote (its producer is "capra").
fn is_capra_pdf(bytes: &[u8]) -> bool {
    const PRODUCER: &[u8] = b"/Producer<FEFF00630061007000720061>";
    bytes.starts_with(b"%PDF-") && bytes.windows(PRODUCER.len()).any(|w| w == PRODUCER)
}

/// True for the bytes of a workbook capra wrote: its properties (`docProps/core.xml`, found by
/// its entry in the zip file and inflated) carry capra's mark.
fn is_capra_xlsx(bytes: &[u8]) -> bool {
    const NAME: &[u8] = b"docProps/core.xml";
    let u16_at = |i: usize| {
        bytes
            .get(i..i + 2)
            .map(|b| usize::from(u16::from_le_bytes([b[0], b[1]])))
    };
    let mut at = 0;
    while let Some(pos) = bytes
        .get(at..)
        .and_then(|rest| rest.windows(4).position(|w| w == b"PK\x03\x04"))
    {
        let h = at + pos;
        at = h + 4;
        let (Some(method), Some(name_len), Some(extra_len)) =
            (u16_at(h + 8), u16_at(h + 26), u16_at(h + 28))
        else {
            return false;
        };
        if bytes.get(h + 30..h + 30 + name_len) != Some(NAME) {
            continue;
        }
        let Some(data) = bytes.get(h + 30 + name_len + extra_len..) else {
            return false;
        };
        let mut text = String::new();
        let read = match method {
            0 => std::str::from_utf8(data.get(..4096.min(data.len())).unwrap_or_default())
                .map(|t| text.push_str(t))
                .is_ok(),
            8 => std::io::Read::read_to_string(
                &mut std::io::Read::take(flate2::read::DeflateDecoder::new(data), 1 << 20),
                &mut text,
            )
            .is_ok(),
            _ => false,
        };
        return read && text.contains(crate::report::xlsx::MARK);
    }
    false
}

/// True when a file's text reads as an assessment.
fn is_assessment(path: &Path) -> bool {
    fsio::read_text(path).is_ok_and(|t| crate::store::parse(path, &t).is_ok())
}

/// Refuses an output path that is an input, an assessment, or (without `force`) a file that
/// `ours` does not recognise as capra's own output.
fn guard(
    path: &Path,
    inputs: &[&Path],
    force: bool,
    ours: impl Fn(&Path) -> bool,
) -> Result<(), OutputError> {
    let real = fsio::real_path(path);
    if inputs.iter().any(|i| fsio::real_path(i) == real) {
        return Err(OutputError::Protected {
            path: path.to_path_buf(),
            what: "an input of this command",
        });
    }
    let Ok(meta) = std::fs::metadata(&real) else {
        return Ok(());
    };
    if let Some(kind) = fsio::special_kind(&meta) {
        return Err(WriteError::Special {
            path: path.to_path_buf(),
            kind,
        }
        .into());
    }
    if is_assessment(&real) {
        return Err(OutputError::Protected {
            path: path.to_path_buf(),
            what: "an assessment file",
        });
    }
    if meta.permissions().readonly() {
        return Err(WriteError::ReadOnly {
            path: path.to_path_buf(),
        }
        .into());
    }
    if !force && !ours(&real) {
        return Err(OutputError::NotOurs {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// Writes a PDF made by capra to `path`, unless `path` is protected (see the module's text).
pub fn write_pdf(
    path: &Path,
    bytes: &[u8],
    inputs: &[&Path],
    force: bool,
) -> Result<(), OutputError> {
    guard(path, inputs, force, |p| {
        std::fs::read(p).is_ok_and(|b| is_capra_pdf(&b))
    })?;
    fsio::make_folder_for(path)?;
    fsio::write_atomic(path, bytes)?;
    Ok(())
}

/// The files a manifest lists, with their sha256.
fn manifest(dir: &Path) -> Vec<(String, String)> {
    std::fs::read_to_string(dir.join(MANIFEST))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_once("  "))
        .map(|(h, n)| (n.to_string(), h.to_string()))
        .collect()
}

/// A pending file or folder: `PREFIX*.pending` (the prefix is `.capra-NAME-`).
fn pending(prefix: &str) -> tempfile::Builder<'_, 'static> {
    let mut b = tempfile::Builder::new();
    b.prefix(prefix).suffix(".pending");
    b
}

/// Gives `path` the permissions of what it replaces, or the usual ones of a new file or folder
/// (not the 0600/0700 of a temporary one).
fn set_mode(path: &Path, existing: Option<&std::fs::Metadata>, new_mode: u32) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let perms = existing.map_or_else(
            || std::fs::Permissions::from_mode(new_mode),
            std::fs::Metadata::permissions,
        );
        let _ = std::fs::set_permissions(path, perms);
    }
    #[cfg(not(unix))]
    let _ = (path, existing, new_mode);
}

/// Writes the PDF in full beside its place, as a pending file; returns its path.
fn prepare_pdf(path: &Path, bytes: &[u8]) -> Result<PathBuf, OutputError> {
    let target = fsio::real_path(path);
    fsio::make_folder_for(&target)?;
    let io = |source| WriteError::io(path, source);
    let existing = std::fs::metadata(&target).ok();
    let mut tmp = pending(".capra-pdf-")
        .tempfile_in(fsio::folder_of(&target))
        .map_err(io)?;
    std::io::Write::write_all(tmp.as_file_mut(), bytes).map_err(io)?;
    set_mode(tmp.path(), existing.as_ref(), 0o644);
    tmp.as_file().sync_all().map_err(io)?;
    let (_, kept) = tmp.keep().map_err(|e| io(e.error))?;
    Ok(kept)
}

/// Builds the CSV folder in full beside `dir`, as a pending folder: the report's files, the
/// manifest, and hard links (or copies) of the user's own files in the old folder; returns its
/// path.
fn prepare_csv_set(
    dir: &Path,
    files: &[(&'static str, Vec<u8>)],
    pdf: Option<(&Path, &[u8])>,
) -> Result<PathBuf, OutputError> {
    let parent = fsio::folder_of(dir);
    let io = |source| WriteError::io(dir, source);
    let prefix = format!(".capra-{}-", set_name(dir));
    let tmp = pending(&prefix).tempdir_in(parent).map_err(io)?;
    set_mode(tmp.path(), std::fs::metadata(dir).ok().as_ref(), 0o755);
    let mut listing = String::new();
    for (file, bytes) in files {
        fsio::write_atomic(&tmp.path().join(file), bytes)?;
        listing.push_str(&format!("{}  {file}\n", sha256_hex(bytes)));
    }
    if let Some((pdf, bytes)) = pdf {
        let rel = fsio::relative_path(dir, pdf).display().to_string();
        listing.push_str(&format!("{}  {rel}\n", sha256_hex(bytes)));
    }
    fsio::write_atomic(&tmp.path().join(MANIFEST), listing.as_bytes())?;
    if dir.is_dir() {
        for entry in std::fs::read_dir(dir).map_err(io)?.flatten() {
            let n = entry.file_name().to_string_lossy().into_owned();
            let is_file = entry.file_type().is_ok_and(|t| t.is_file());
            if !is_report_file(&n, &[]) && is_file {
                let to = tmp.path().join(&n);
                if std::fs::hard_link(entry.path(), &to).is_err() {
                    std::fs::copy(entry.path(), &to).map_err(io)?;
                }
            }
        }
    }
    Ok(tmp.keep())
}

/// The folder's name, for the names of its pending and old folders.
fn set_name(dir: &Path) -> String {
    dir.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "csv".into())
}

/// True for a file a report set of capra's holds: a CSV of the report, the manifest, or a name
/// the set's own manifest lists.
fn is_report_file(name: &str, listed: &[String]) -> bool {
    name == MANIFEST
        || crate::report::csv::NAMES.contains(&name)
        || listed.iter().any(|l| l == name)
}

/// Moves a prepared CSV folder in place of `dir`: the old folder is moved aside, the new one in,
/// and the old one emptied (see [`settle_old`]).
fn move_set_in(new: &Path, dir: &Path) -> std::io::Result<()> {
    let parent = fsio::folder_of(dir);
    let old = parent.join(format!(".capra-{}-old", set_name(dir)));
    settle_old(&old, dir);
    if dir.exists() {
        std::fs::rename(dir, &old)?;
        std::fs::rename(new, dir)?;
        settle_old(&old, dir);
    } else {
        std::fs::rename(new, dir)?;
    }
    if let Ok(d) = std::fs::File::open(parent) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// The journal of a report set whose PDF goes to `pdf`.
fn journal_path(pdf: &Path) -> PathBuf {
    let target = fsio::real_path(pdf);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    target.with_file_name(format!(".capra-{name}.journal"))
}

/// The moves a journal names: (pending PDF, PDF), (pending CSV folder, CSV folder).
#[derive(serde::Serialize, serde::Deserialize)]
struct Journal {
    pdf: (PathBuf, PathBuf),
    csv: (PathBuf, PathBuf),
}

/// Finishes the moves of a report set whose capra was killed after writing its journal.
fn finish_journal(pdf: &Path) {
    let path = journal_path(pdf);
    let Some(j) = std::fs::read_to_string(&path)
        .ok()
        .and_then(|t| serde_json::from_str::<Journal>(&t).ok())
    else {
        return;
    };
    let mut done = true;
    if j.pdf.0.exists() {
        done &= std::fs::rename(&j.pdf.0, &j.pdf.1).is_ok();
    }
    if j.csv.0.exists() {
        done &= move_set_in(&j.csv.0, &j.csv.1).is_ok();
    } else {
        settle_old(
            &fsio::folder_of(&j.csv.1).join(format!(".capra-{}-old", set_name(&j.csv.1))),
            &j.csv.1,
        );
    }
    if done {
        let _ = std::fs::remove_file(&path);
    }
}

/// Removes pending files and folders older than ten minutes that no journal names: left by a
/// capra killed before it wrote its journal.
fn clean_pending(folder: &Path) {
    let journals: Vec<String> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".journal"))
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect();
    fsio::remove_stale(folder, ".pending", |name| {
        journals.iter().any(|j| j.contains(name))
    });
}

/// Refuses a CSV folder that is a file, or that holds a file of the report's names that capra
/// did not write (unless `force`).
fn check_csv_set(
    dir: &Path,
    files: &[(&'static str, Vec<u8>)],
    inputs: &[&Path],
    force: bool,
) -> Result<(), OutputError> {
    match std::fs::metadata(dir) {
        Ok(m) if !m.is_dir() => Err(OutputError::NotAFolder {
            path: dir.to_path_buf(),
            kind: fsio::special_kind(&m).unwrap_or("a file"),
        }),
        Ok(_) => {
            let listed = manifest(dir);
            for (file, _) in files {
                let path = dir.join(file);
                guard(&path, inputs, force, |p| {
                    let hash = std::fs::read(p).map(|b| sha256_hex(&b)).ok();
                    listed
                        .iter()
                        .any(|(n, h)| n == file && Some(h) == hash.as_ref())
                })?;
            }
            Ok(())
        }
        Err(_) => Ok(()),
    }
}

/// A CSV folder moved aside by a save that was cut off before the new one moved in: put back.
/// When the new one did move in, what the old one still holds is settled (see [`settle_old`]).
fn restore_set(dir: &Path) {
    let old = fsio::folder_of(dir).join(format!(".capra-{}-old", set_name(dir)));
    if !old.is_dir() {
        return;
    }
    if dir.exists() {
        settle_old(&old, dir);
    } else {
        let _ = std::fs::rename(&old, dir);
    }
}

/// Empties the old CSV folder `old` after the new one is in place at `dir`: capra's own files
/// go; the user's entries that the new folder lacks (folders, or files whose link failed) move
/// into it; the rest, already in the new folder, go. The old folder is removed only when empty,
/// so nothing of the user's is ever deleted.
fn settle_old(old: &Path, dir: &Path) {
    let Ok(entries) = std::fs::read_dir(old) else {
        return;
    };
    let listed: Vec<String> = manifest(old).into_iter().map(|(n, _)| n).collect();
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        let there = dir.join(&n);
        if is_report_file(&n, &listed)
            || (there.exists() && e.file_type().is_ok_and(|t| t.is_file()))
        {
            let _ = std::fs::remove_file(e.path());
        } else if !there.exists() {
            let _ = std::fs::rename(e.path(), &there);
        }
    }
    let _ = std::fs::remove_dir(old);
}

/// The assessment `a` (read from `file`) follows up (`previous`), read and scored for the
/// report's trend. `None` when it names none, or when that file cannot be read or is not a valid
/// assessment of the same model: the report is then made without the trend.
pub fn previous_for(
    model: &Model,
    a: &Assessment,
    file: &Path,
) -> Option<crate::report::previous::Previous> {
    let rel = a.assessment.previous.trim();
    if rel.is_empty() {
        return None;
    }
    let path = fsio::folder_of(file).join(rel);
    let text = fsio::read_text(&path).ok()?;
    let prev = crate::store::parse(&path, &text).ok()?;
    if prev.model.id != a.model.id
        || !crate::assessment::validate::validate(&prev, model).is_empty()
    {
        return None;
    }
    Some(crate::report::previous::Previous::of(model, &prev))
}

/// The largest logo file capra embeds.
const MAX_LOGO: u64 = 5 * 1024 * 1024;

/// The bytes of the report's logo (`report.logo`, relative to the folder of `file`), checked to
/// be a PNG or JPEG capra can embed. `Ok(None)` when none is set; `Err` says why it cannot be
/// used (the report is then made without it).
pub fn logo_for(a: &Assessment, file: &Path) -> Result<Option<Vec<u8>>, String> {
    let rel = a.report.logo.trim();
    if rel.is_empty() {
        return Ok(None);
    }
    let path = fsio::folder_of(file).join(rel);
    let meta = std::fs::metadata(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    if !meta.is_file() {
        return Err(format!("{} is not a file", path.display()));
    }
    if meta.len() > MAX_LOGO {
        return Err(format!(
            "{} is larger than {} MB",
            path.display(),
            MAX_LOGO / 1024 / 1024
        ));
    }
    let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    crate::report::pdf::image::check(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(Some(bytes))
}

/// Writes the CSV files into `csv_dir` and the PDF to `pdf` as one set (see the module's text),
/// for the sponsor: made today, without working notes. `file` is the assessment file and `data`
/// its bytes as saved, for the report's traceability hash. Returns the paths written.
pub fn write_reports(
    model: &Model,
    a: &Assessment,
    file: &Path,
    data: &[u8],
    csv_dir: Option<&Path>,
    pdf: Option<&Path>,
    force: bool,
) -> Result<Vec<PathBuf>, OutputError> {
    let options = crate::report::Options {
        today: fsio::today(),
        include_notes: false,
        logo: None,
        previous: previous_for(model, a, file),
        font: None,
    };
    write_reports_with(model, a, file, data, csv_dir, pdf, None, force, &options).map(|w| w.paths)
}

/// What [`write_reports_with`] did: the paths written; the font file used for what DejaVu
/// Sans lacks; the characters no font had, by place.
#[derive(Debug, Default)]
pub struct Written {
    pub paths: Vec<PathBuf>,
    pub font: Option<String>,
    pub missing: Vec<crate::report::pdf::Missing>,
}

/// [`write_reports`] with the report's options given: the day and whether working notes are
/// included.
#[allow(clippy::too_many_arguments)]
pub fn write_reports_with(
    model: &Model,
    a: &Assessment,
    file: &Path,
    data: &[u8],
    csv_dir: Option<&Path>,
    pdf: Option<&Path>,
    xlsx: Option<&Path>,
    force: bool,
    options: &crate::report::Options,
) -> Result<Written, OutputError> {
    let profile = crate::profile::score(model, a);
    let report = crate::report::build(model, a, &profile, &sha256_hex(data), options);
    let inputs = [file];
    let csv_dir = csv_dir.map(fsio::real_path);
    // A set a killed capra left half moved is finished first; then old leftovers go.
    if let Some(pdf) = pdf {
        finish_journal(pdf);
        clean_pending(fsio::folder_of(&fsio::real_path(pdf)));
    }
    if let Some(dir) = &csv_dir {
        fsio::make_folder_for(dir)?;
        restore_set(dir);
        clean_pending(fsio::folder_of(dir));
        fsio::clean_leftovers(fsio::folder_of(dir));
    }
    let files = crate::report::csv::files(&report);
    let (mut font, mut missing) = (None, Vec::new());
    let pdf_bytes = match pdf {
        Some(_) => {
            let made =
                crate::fonts::render(&report, &a.report.font, file).map_err(OutputError::Font)?;
            font = made.font;
            missing = made.rendered.missing;
            Some(made.rendered.bytes)
        }
        None => None,
    };
    let xlsx_bytes = match xlsx {
        Some(path) => {
            Some(
                crate::report::xlsx::workbook(&report).map_err(|e| OutputError::Xlsx {
                    path: path.to_path_buf(),
                    message: e.to_string(),
                })?,
            )
        }
        None => None,
    };
    // Every output is checked before anything is written.
    if let Some(path) = xlsx {
        guard(path, &inputs, force, |p| {
            std::fs::read(p).is_ok_and(|b| is_capra_xlsx(&b))
        })?;
    }
    if let Some(path) = pdf {
        guard(path, &inputs, force, |p| {
            std::fs::read(p).is_ok_and(|b| is_capra_pdf(&b))
        })?;
    }
    if let Some(dir) = &csv_dir {
        check_csv_set(dir, &files, &inputs, force)?;
    }
    let mut written = Vec::new();
    match (pdf.zip(pdf_bytes.as_deref()), &csv_dir) {
        (Some((path, bytes)), None) => {
            write_pdf(path, bytes, &inputs, force)?;
            written.push(path.to_path_buf());
        }
        (None, Some(dir)) => {
            let new = prepare_csv_set(dir, &files, None)?;
            move_set_in(&new, dir).map_err(|e| WriteError::io(dir, e))?;
        }
        (Some((path, bytes)), Some(dir)) => {
            let pending_pdf = prepare_pdf(path, bytes)?;
            let new = prepare_csv_set(dir, &files, Some((path, bytes)))?;
            let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
            let journal = Journal {
                pdf: (abs(&pending_pdf), abs(&fsio::real_path(path))),
                csv: (abs(&new), abs(dir)),
            };
            let text = serde_json::to_string(&journal).unwrap_or_default();
            fsio::write_atomic(&journal_path(path), text.as_bytes())?;
            std::fs::rename(&journal.pdf.0, &journal.pdf.1).map_err(|e| WriteError::io(path, e))?;
            move_set_in(&journal.csv.0, dir).map_err(|e| WriteError::io(dir, e))?;
            let _ = std::fs::remove_file(journal_path(path));
            written.push(path.to_path_buf());
        }
        (None, None) => {}
    }
    if let Some(dir) = &csv_dir {
        written.extend(files.iter().map(|(f, _)| dir.join(f)));
    }
    // The workbook is written on its own, after the set, in one atomic replace.
    if let Some((path, bytes)) = xlsx.zip(xlsx_bytes.as_deref()) {
        fsio::make_folder_for(path)?;
        fsio::write_atomic(path, bytes)?;
        written.push(path.to_path_buf());
    }
    Ok(Written {
        paths: written,
        font,
        missing,
    })
}
