//! Where models come from: the shipped models built into the binary, model files in `./models`,
//! and files or folders given by path. A later source replaces an earlier one with the same id,
//! so a local copy of a shipped model can be edited and used.
//!
//! This is shell code (it reads files); the parsing and checking it calls are pure.

use crate::located::Lines;
use crate::model::{FileKind, Framework, Model, ProcessModel, check, file_kind};
use std::fmt;
use std::path::{Path, PathBuf};

/// The shipped model files, built into the binary.
pub const BUILT_IN: [(&str, &str); 2] = [
    (
        "models/iso33020.toml",
        include_str!("../models/iso33020.toml"),
    ),
    ("models/isms.toml", include_str!("../models/isms.toml")),
];

/// Where a model file came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    BuiltIn(&'static str),
    File(PathBuf),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::BuiltIn(name) => write!(f, "{name} (built in)"),
            Origin::File(p) => write!(f, "{}", p.display()),
        }
    }
}

/// A parsed model file with its text, kept for line numbers in messages.
#[derive(Clone, Debug)]
pub struct Entry<T> {
    pub origin: Origin,
    pub text: String,
    pub value: T,
}

impl<T> Entry<T> {
    /// "path:line" for a byte span of this file.
    pub fn locate(&self, span: Option<std::ops::Range<usize>>) -> String {
        match Lines::new(&self.text).line_of(span) {
            Some(line) => format!("{}:{line}", self.origin),
            None => self.origin.to_string(),
        }
    }
}

/// All models capra can see.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    pub frameworks: Vec<Entry<Framework>>,
    pub models: Vec<Entry<ProcessModel>>,
    /// Files in `./models` that could not be read or parsed; reported by `model list`, and only
    /// an error when the model is asked for.
    pub problems: Vec<(PathBuf, String)>,
}

/// A problem reading or parsing a model file the user asked for.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("cannot read model file {}: {source}", .path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: crate::fsio::ReadError,
    },
    #[error("{path}: {message}")]
    Parse { path: String, message: String },
    #[error(
        "no model with id '{id}' (known: {known}). Put its file in ./models or name it with --models PATH"
    )]
    UnknownModel { id: String, known: String },
    #[error(
        "model {model} uses framework '{framework}', which is not known. Put the framework file in ./models or name it with --models PATH"
    )]
    UnknownFramework { model: String, framework: String },
    #[error(
        "{count} problem(s) in the model, so it cannot be used:\n{list}\nRun `capra model check FILE` after fixing them."
    )]
    Invalid { count: usize, list: String },
}

impl Catalog {
    /// The shipped models alone.
    pub fn built_in() -> Catalog {
        let mut c = Catalog::default();
        for (name, text) in BUILT_IN {
            // The shipped models are tested to parse; a failure here is a build defect, and the
            // message says so rather than panicking.
            if let Err(e) = c.add_text(Origin::BuiltIn(name), text.to_string()) {
                c.problems.push((PathBuf::from(name), e.to_string()));
            }
        }
        c
    }

    /// The shipped models, then `./models` (if the folder exists), then each extra path (a
    /// model file or a folder of them). Extra paths that cannot be read or parsed are errors;
    /// broken files in `./models` are noted in [`Catalog::problems`].
    pub fn load(extra: &[PathBuf]) -> Result<Catalog, CatalogError> {
        let mut c = Catalog::built_in();
        let local = Path::new("models");
        if local.is_dir() {
            for path in toml_files(local) {
                // Skip a file identical to a built-in (the repository's own models folder).
                match crate::fsio::read_text(&path) {
                    Ok(text) if BUILT_IN.iter().any(|(_, t)| *t == text) => {}
                    Ok(text) => {
                        if let Err(e) = c.add_text(Origin::File(path.clone()), text) {
                            c.problems.push((path, e.to_string()));
                        }
                    }
                    Err(e) => c.problems.push((path, e.to_string())),
                }
            }
        }
        for p in extra {
            let files = if p.is_dir() {
                toml_files(p)
            } else {
                vec![p.clone()]
            };
            for path in files {
                let text = crate::fsio::read_text(&path).map_err(|source| CatalogError::Read {
                    path: path.clone(),
                    source,
                })?;
                c.add_text(Origin::File(path), text)?;
            }
        }
        Ok(c)
    }

    /// Parses one model file's text and adds it. Returns its kind and id.
    pub fn add_text(
        &mut self,
        origin: Origin,
        text: String,
    ) -> Result<(FileKind, String), CatalogError> {
        let parse_err = |message: String| CatalogError::Parse {
            path: origin.to_string(),
            message,
        };
        match file_kind(&text) {
            Some(FileKind::Framework) => {
                let value = Framework::parse(&text).map_err(|e| parse_err(e.to_string()))?;
                let id = value.framework.id.to_string();
                self.frameworks.retain(|e| e.value.framework.id != value.framework.id);
                self.frameworks.push(Entry {
                    origin,
                    text,
                    value,
                });
                Ok((FileKind::Framework, id))
            }
            Some(FileKind::ProcessModel) => {
                let value = ProcessModel::parse(&text).map_err(|e| parse_err(e.to_string()))?;
                let id = value.model.id.to_string();
                self.models.retain(|e| e.value.model.id != value.model.id);
                self.models.push(Entry {
                    origin,
                    text,
                    value,
                });
                Ok((FileKind::ProcessModel, id))
            }
            None => Err(parse_err(
                "not a capra model file: it has neither a [model] nor a [framework] table (see docs/models.md)"
                    .to_string(),
            )),
        }
    }

    pub fn framework_entry(&self, id: &str) -> Option<&Entry<Framework>> {
        self.frameworks.iter().find(|e| e.value.framework.id == id)
    }

    pub fn model_entry(&self, id: &str) -> Option<&Entry<ProcessModel>> {
        self.models.iter().find(|e| e.value.model.id == id)
    }

    /// Every violation of a process model (ISO/IEC 33004) and of its framework (ISO/IEC 33003),
    /// as "file:line: id: message". Warnings are left out: see [`Catalog::model_warnings`].
    pub fn check_model(&self, entry: &Entry<ProcessModel>) -> Vec<String> {
        let fw = self.framework_entry(&entry.value.model.framework);
        let mut out: Vec<String> = Vec::new();
        if let Some(fw) = fw {
            out.extend(
                check::framework(&fw.value)
                    .into_iter()
                    .filter(|v| !v.warning)
                    .map(|v| format!("{}: {v}", fw.locate(v.span.clone()))),
            );
        }
        let mut own = check::process_model(&entry.value, fw.map(|f| &f.value));
        own.extend(crate::model::rules::check(
            &entry.value,
            fw.map(|f| &f.value),
        ));
        own.extend(crate::model::maturity::check(&entry.value));
        own.sort_by_key(|v| v.span.as_ref().map(|s| s.start));
        out.extend(
            own.into_iter()
                .filter(|v| !v.warning)
                .map(|v| format!("{}: {v}", entry.locate(v.span.clone()))),
        );
        out
    }

    /// The warnings on a process model, as "file:line: id: warning: message": worth fixing, but
    /// they do not stop the model from being used.
    pub fn model_warnings(&self, entry: &Entry<ProcessModel>) -> Vec<String> {
        let fw = self.framework_entry(&entry.value.model.framework);
        check::process_model(&entry.value, fw.map(|f| &f.value))
            .into_iter()
            .filter(|v| v.warning)
            .map(|v| format!("{}: {v}", entry.locate(v.span.clone())))
            .collect()
    }

    /// Every violation of a framework (ISO/IEC 33003), as "file:line: id: message".
    pub fn check_framework(&self, entry: &Entry<Framework>) -> Vec<String> {
        check::framework(&entry.value)
            .into_iter()
            .filter(|v| !v.warning)
            .map(|v| format!("{}: {v}", entry.locate(v.span.clone())))
            .collect()
    }

    /// The model with this id joined with its framework, if both are known and pass the checks.
    pub fn model(&self, id: &str) -> Result<Model, CatalogError> {
        let Some(entry) = self.model_entry(id) else {
            let known: Vec<String> = self
                .models
                .iter()
                .map(|e| e.value.model.id.to_string())
                .collect();
            let mut err = CatalogError::UnknownModel {
                id: id.to_string(),
                known: known.join(", "),
            };
            if let Some((path, problem)) = self.problems.first() {
                err = CatalogError::Parse {
                    path: path.display().to_string(),
                    message: format!("{problem}\n(note: {err})"),
                };
            }
            return Err(err);
        };
        let framework_id = &entry.value.model.framework;
        let Some(fw) = self.framework_entry(framework_id) else {
            return Err(CatalogError::UnknownFramework {
                model: id.to_string(),
                framework: framework_id.to_string(),
            });
        };
        let problems = self.check_model(entry);
        if !problems.is_empty() {
            return Err(CatalogError::Invalid {
                count: problems.len(),
                list: problems.join("\n"),
            });
        }
        Ok(Model::new(entry.value.clone(), fw.value.clone()))
    }
}

/// The `.toml` files directly in a folder, sorted by name.
fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}
