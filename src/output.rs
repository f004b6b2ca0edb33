//! Writing an assessment's reports to files: the CSV folder and the PDF, each file atomically.
//! Shell code used by `capra report` and the interview screen's report key alike.

use crate::assessment::Assessment;
use crate::fsio::{self, WriteError};
use crate::model::Model;
use std::path::{Path, PathBuf};

/// A report could not be written.
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

/// Writes the CSV files into `csv_dir` (made if missing) and the PDF to `pdf`, each atomically.
/// `data` is the assessment file's bytes as saved, for the report's traceability hash. Returns
/// the paths written.
pub fn write_reports(
    model: &Model,
    a: &Assessment,
    data: &[u8],
    csv_dir: Option<&Path>,
    pdf: Option<&Path>,
) -> Result<Vec<PathBuf>, OutputError> {
    let profile = crate::profile::score(model, a);
    let report = crate::report::build(model, a, &profile, &crate::hash::sha256_hex(data));
    let mut written = Vec::new();
    if let Some(dir) = csv_dir {
        std::fs::create_dir_all(dir).map_err(|source| WriteError::io(dir, source))?;
        for (name, bytes) in crate::report::csv::files(&report) {
            let path = dir.join(name);
            fsio::write_atomic(&path, &bytes)?;
            written.push(path);
        }
    }
    if let Some(path) = pdf {
        fsio::make_folder_for(path)?;
        let bytes = crate::report::pdf::render(&report).map_err(|source| OutputError::Pdf {
            path: path.to_path_buf(),
            source,
        })?;
        fsio::write_atomic(path, &bytes)?;
        written.push(path.to_path_buf());
    }
    Ok(written)
}
