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

/// Parses assessment text; errors carry the line and column, and for the usual slips of a hand
/// edit (a date without quotes, a negative level) say in words what to write.
pub fn parse(path: &Path, text: &str) -> Result<Assessment, StoreError> {
    toml::from_str(text).map_err(|e: toml::de::Error| {
        let mut message = e.to_string().trim_end().to_string();
        if let Some(hint) = hint(text, &e) {
            message = format!("{message}\n{hint}");
        }
        StoreError::Parse {
            path: path.to_path_buf(),
            message,
            source: Box::new(e),
        }
    })
}

/// What to write instead, for the mistakes TOML's own message does not explain.
fn hint(text: &str, e: &toml::de::Error) -> Option<String> {
    let span = e.span()?;
    let line_start = text[..span.start.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let line = &text[line_start..line_end];
    let key = line.split('=').next().unwrap_or("").trim();
    let value = line.split_once('=').map(|(_, v)| v.trim()).unwrap_or("");
    let msg = e.message();
    let date = value.get(..10).filter(|d| {
        let b = d.as_bytes();
        b[4] == b'-' && b[7] == b'-' && d.bytes().filter(u8::is_ascii_digit).count() == 8
    });
    if let Some(date) = date {
        return Some(format!(
            "capra reads dates as text: write dates as \"{date}\" in quotes (`{key} = \"{date}\"`)"
        ));
    }
    if msg.contains("expected u8") || msg.contains("expected u32") {
        let what = match key {
            "target" => "a target is a capability level, a whole number from 0 to 5",
            "class" => "the class of assessment is 1, 2 or 3",
            "schema_version" => "schema_version is a whole number; capra writes 1",
            _ => "this value is a whole number from 0 upwards",
        };
        return Some(format!(
            "{what} (`{key} = {}`)",
            value.trim_start_matches('-')
        ));
    }
    None
}

/// Reads, parses and validates an assessment file against its model from `catalog`.
pub fn load(path: &Path, catalog: &Catalog) -> Result<Loaded, StoreError> {
    let text = fsio::read_text(path).map_err(|source| StoreError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let mut a = parse(path, &text)?;
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
    // A file edited by hand may list things in another order; capra works on the stable order
    // (evidence by id, processes in model order) that it saves in.
    a.normalize(&model);
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
    let body = text;
    let mut text = format!("{HEADER}{body}");
    // A file saved with Windows line endings keeps them, so that git shows only what changed;
    // unless that would change a text (the check below never fails for what capra writes).
    if fsio::uses_crlf(path) {
        let crlf = with_crlf(&text);
        let again = toml::from_str::<Assessment>(&crlf).map(|b| toml::to_string(&b));
        if matches!(again, Ok(Ok(t)) if t == body) {
            text = crlf;
        }
    }
    fsio::write_atomic(path, text.as_bytes())?;
    Ok(())
}

/// TOML text with CR LF line ends. Line breaks inside multi-line strings are part of the text
/// and stay LF, so that a note reads back exactly as it was.
fn with_crlf(text: &str) -> String {
    #[derive(PartialEq)]
    enum In {
        Code,
        Comment,
        Basic,
        Literal,
        MultiBasic,
        MultiLiteral,
    }
    let mut out = String::with_capacity(text.len() + text.len() / 20);
    let mut state = In::Code;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let (take, next) = match (&state, c) {
            (In::Code | In::Comment, '\n') => {
                out.push_str("\r\n");
                rest = &rest[1..];
                state = In::Code;
                continue;
            }
            (In::Code, '#') => (1, In::Comment),
            (In::Code, '"') if rest.starts_with("\"\"\"") => (3, In::MultiBasic),
            (In::Code, '"') => (1, In::Basic),
            (In::Code, '\'') if rest.starts_with("\'\'\'") => (3, In::MultiLiteral),
            (In::Code, '\'') => (1, In::Literal),
            (In::Basic | In::MultiBasic, '\\') => {
                // An escape: the backslash and the character after it.
                let n = 1 + rest[1..].chars().next().map_or(0, char::len_utf8);
                let same = if state == In::Basic {
                    In::Basic
                } else {
                    In::MultiBasic
                };
                (n, same)
            }
            (In::Basic, '"') | (In::Literal, '\'') => (1, In::Code),
            (In::MultiBasic, '"') if rest.starts_with("\"\"\"") => (3, In::Code),
            (In::MultiLiteral, '\'') if rest.starts_with("\'\'\'") => (3, In::Code),
            (_, c) => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
                continue;
            }
        };
        out.push_str(&rest[..take]);
        rest = &rest[take..];
        state = next;
    }
    out
}
