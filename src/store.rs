//! Reading and writing assessment files: parse and validate against the model on load, the
//! stable text on save (written atomically by [`crate::fsio`]).

use crate::assessment::{self, Assessment};
use crate::catalog::{Catalog, CatalogError};
use crate::fsio::{self, ReadError, WriteError};
use crate::located::Lines;
use crate::model::Model;
use std::path::{Path, PathBuf};

/// The first lines of every saved assessment file.
pub const HEADER: &str = "# capra assessment file: edit it with capra, or by hand (see docs/assessment-file.md).\n# Comments are not kept when capra saves.\n";

/// A problem reading or writing an assessment file. Each message names the file and, where it
/// can, the line, and says what to do.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot read {}: {source}", .path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: ReadError,
    },
    #[error("{} is not a valid assessment file: {message}", .path.display())]
    Parse {
        path: PathBuf,
        message: String,
        #[source]
        source: Box<toml::de::Error>,
    },
    #[error("{}: {source}", .path.display())]
    Model {
        path: PathBuf,
        #[source]
        source: CatalogError,
    },
    #[error("{count} problem(s) in {}:\n{list}", .path.display())]
    Invalid {
        path: PathBuf,
        count: usize,
        list: String,
    },
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("cannot write {} as TOML: {source}. Nothing was written; the file is as it was.", .path.display())]
    Serialize {
        path: PathBuf,
        #[source]
        source: toml::ser::Error,
    },
}

/// An assessment read from a file, checked against its model.
#[derive(Debug)]
pub struct Loaded {
    pub path: PathBuf,
    pub assessment: Assessment,
    pub model: Model,
    /// Things worth saying that do not stop work (e.g. the model changed since).
    pub warnings: Vec<String>,
}

/// Parses assessment text; errors carry the line and column.
pub fn parse(path: &Path, text: &str) -> Result<Assessment, StoreError> {
    toml::from_str(text).map_err(|e: toml::de::Error| StoreError::Parse {
        path: path.to_path_buf(),
        message: e.to_string().trim_end().to_string(),
        source: Box::new(e),
    })
}

/// Reads, parses and validates an assessment file against its model from `catalog`.
pub fn load(path: &Path, catalog: &Catalog) -> Result<Loaded, StoreError> {
    let text = fsio::read_text(path).map_err(|source| StoreError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let a = parse(path, &text)?;
    let model = catalog
        .model(&a.model.id)
        .map_err(|source| StoreError::Model {
            path: path.to_path_buf(),
            source,
        })?;
    let problems = assessment::validate::validate(&a, &model);
    if !problems.is_empty() {
        let lines = Lines::new(&text);
        let list: Vec<String> = problems
            .iter()
            .map(|p| match lines.line_of(p.span.clone()) {
                Some(l) => format!("{}:{l}: {}", path.display(), p.message),
                None => format!("{}: {}", path.display(), p.message),
            })
            .collect();
        return Err(StoreError::Invalid {
            path: path.to_path_buf(),
            count: problems.len(),
            list: list.join("\n"),
        });
    }
    let mut warnings = Vec::new();
    let changed = |what: &str, id: &str, was: &str, now: &str| {
        let version = if was == now {
            format!("version {now}, but its text differs")
        } else {
            format!("version {was} then, {now} now")
        };
        format!(
            "{}: {what} {id} has changed since this assessment was made ({version}); ratings are kept, check that process and attribute meanings still match",
            path.display()
        )
    };
    if a.model.sha256 != model.processes.sha256 {
        warnings.push(changed(
            "model",
            model.id(),
            &a.model.version,
            &model.processes.model.version,
        ));
    }
    if a.framework.sha256 != model.framework.sha256 {
        warnings.push(changed(
            "framework",
            &model.framework.framework.id,
            &a.framework.version,
            &model.framework.framework.version,
        ));
    }
    Ok(Loaded {
        path: path.to_path_buf(),
        assessment: a,
        model,
        warnings,
    })
}

/// The text of an assessment file, in the stable order of [`Assessment::normalize`].
pub fn to_text(a: &Assessment) -> String {
    // Serialising plain data with string keys cannot fail; if it ever did, saving would
    // report it rather than write a broken file.
    match toml::to_string(a) {
        Ok(body) => format!("{HEADER}{body}"),
        Err(e) => format!("# capra could not write this assessment: {e}\n"),
    }
}

/// Saves atomically (temporary file, sync, rename, sync folder).
pub fn save(path: &Path, a: &Assessment) -> Result<(), StoreError> {
    let text = toml::to_string(a).map_err(|source| StoreError::Serialize {
        path: path.to_path_buf(),
        source,
    })?;
    fsio::write_atomic(path, format!("{HEADER}{text}").as_bytes())?;
    Ok(())
}
