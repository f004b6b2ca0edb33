//! Writing report files: the CSV folder and the PDF of an assessment, and the trend PDF of
//! `capra compare`. Shell code used by `capra report`, `capra compare` and the interview
//! screen's report key alike.
//!
//! An output never replaces what capra did not write: a path that is one of the inputs, or any
//! file that reads as an assessment, is refused; an existing PDF is replaced only when capra
//! wrote it, an existing CSV only when it is listed, unchanged, in the folder's manifest
//! (`.capra-manifest`, in the format of `sha256sum`), unless `force` is given. The CSV folder is
//! written beside the old one and moved in whole, so a crash leaves the old set or the new one;
//! the manifest names every file of the set, the PDF included, so a mixed set can be told.

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

/// Writes the CSV files as one folder: built beside it, then moved in place of the old one.
fn write_csv_set(
    dir: &Path,
    files: &[(&'static str, Vec<u8>)],
    pdf: Option<(&Path, &[u8])>,
    inputs: &[&Path],
    force: bool,
) -> Result<Vec<PathBuf>, OutputError> {
    let dir = &fsio::real_path(dir);
    fsio::make_folder_for(dir)?;
    let parent = fsio::folder_of(dir);
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "csv".into());
    fsio::clean_leftovers(parent);
    restore_set(parent, &name, dir);
    check_csv_set(dir, files, inputs, force)?;
    let io = |source| WriteError::io(dir, source);
    let tmp = tempfile::Builder::new()
        .prefix(&format!(".capra-{name}-"))
        .suffix(".tmp")
        .tempdir_in(parent)
        .map_err(io)?;
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
    let ours = |n: &str| n == MANIFEST || files.iter().any(|(f, _)| *f == n);
    // Files of the user's own in the old folder go into the new one too, as hard links (or
    // copies), so that until the swap below the originals stay where they were.
    if dir.is_dir() {
        for entry in std::fs::read_dir(dir).map_err(io)?.flatten() {
            let n = entry.file_name().to_string_lossy().into_owned();
            let is_file = entry.file_type().is_ok_and(|t| t.is_file());
            if !ours(&n) && is_file {
                let to = tmp.path().join(&n);
                if std::fs::hard_link(entry.path(), &to).is_err() {
                    std::fs::copy(entry.path(), &to).map_err(io)?;
                }
            }
        }
    }
    let new = tmp.keep();
    if dir.exists() {
        let old = parent.join(format!(".capra-{name}-old"));
        settle_old(&old, dir, &ours);
        std::fs::rename(dir, &old).map_err(io)?;
        std::fs::rename(&new, dir).map_err(io)?;
        settle_old(&old, dir, &ours);
    } else {
        std::fs::rename(&new, dir).map_err(io)?;
    }
    if let Ok(d) = std::fs::File::open(parent) {
        let _ = d.sync_all();
    }
    Ok(files.iter().map(|(f, _)| dir.join(f)).collect())
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
fn restore_set(parent: &Path, name: &str, dir: &Path) {
    let old = parent.join(format!(".capra-{name}-old"));
    if !old.is_dir() {
        return;
    }
    if dir.exists() {
        let listed: Vec<String> = manifest(&old).into_iter().map(|(n, _)| n).collect();
        settle_old(&old, dir, &|n: &str| {
            n == MANIFEST || listed.iter().any(|l| l == n)
        });
    } else {
        let _ = std::fs::rename(&old, dir);
    }
}

/// Empties the old CSV folder `old` after the new one is in place at `dir`: capra's own files
/// go; the user's entries that the new folder lacks (folders, or files whose link failed) move
/// into it; the rest, already in the new folder, go. The old folder is removed only when empty,
/// so nothing of the user's is ever deleted.
fn settle_old(old: &Path, dir: &Path, ours: &dyn Fn(&str) -> bool) {
    let Ok(entries) = std::fs::read_dir(old) else {
        return;
    };
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        let there = dir.join(&n);
        if ours(&n) || (there.exists() && e.file_type().is_ok_and(|t| t.is_file())) {
            let _ = std::fs::remove_file(e.path());
        } else if !there.exists() {
            let _ = std::fs::rename(e.path(), &there);
        }
    }
    let _ = std::fs::remove_dir(old);
}

/// Writes the CSV files into `csv_dir` and the PDF to `pdf`. `file` is the assessment file and
/// `data` its bytes as saved, for the report's traceability hash. Returns the paths written.
pub fn write_reports(
    model: &Model,
    a: &Assessment,
    file: &Path,
    data: &[u8],
    csv_dir: Option<&Path>,
    pdf: Option<&Path>,
    force: bool,
) -> Result<Vec<PathBuf>, OutputError> {
    let profile = crate::profile::score(model, a);
    let report = crate::report::build(model, a, &profile, &sha256_hex(data));
    let inputs = [file];
    let pdf_bytes = match pdf {
        Some(path) => {
            Some(
                crate::report::pdf::render(&report).map_err(|source| OutputError::Pdf {
                    path: path.to_path_buf(),
                    source,
                })?,
            )
        }
        None => None,
    };
    let files = crate::report::csv::files(&report);
    // Every output is checked before anything is written.
    if let Some(path) = pdf {
        guard(path, &inputs, force, |p| {
            std::fs::read(p).is_ok_and(|b| is_capra_pdf(&b))
        })?;
    }
    if let Some(dir) = csv_dir {
        check_csv_set(&fsio::real_path(dir), &files, &inputs, force)?;
    }
    let mut written = Vec::new();
    if let (Some(path), Some(bytes)) = (pdf, &pdf_bytes) {
        write_pdf(path, bytes, &inputs, force)?;
        written.push(path.to_path_buf());
    }
    if let Some(dir) = csv_dir {
        let pdf = pdf.zip(pdf_bytes.as_deref());
        written.extend(write_csv_set(dir, &files, pdf, &inputs, force)?);
    }
    Ok(written)
}
