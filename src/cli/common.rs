//! What the commands share: loading an assessment with its warnings, applying a change and
//! saving, finding ids the user typed, the value parsers of the arguments, output formats, the
//! outcome that picks the exit code, and the `outln!` macro that writes to stdout and reports a
//! closed pipe as an error instead of panicking.

use crate::assessment::change::{self, Change};
use crate::assessment::{Assessment, Confidence, EvidenceKind, RatingMethod};
use crate::catalog::Catalog;
use crate::model::Model;
use crate::rating::{Aggregation, Order, Rating, UnknownWord};
use crate::store;
use anyhow::{Result, anyhow};
use clap::ValueEnum;
use std::path::{Path, PathBuf};

/// How a command ended, when it did not fail: the exit status is 0 for `Done` and 1 for
/// `Findings` (`check --strict` with open warnings or input problems, model violations).
/// Errors (bad input, a file that cannot be read or written) exit with 2.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Done,
    Findings,
}

/// Writes a line to stdout; a write error (a closed pipe included) becomes the command's error.
macro_rules! outln {
    () => {
        std::io::Write::write_all(&mut std::io::stdout().lock(), b"\n")?
    };
    ($($arg:tt)*) => {
        std::io::Write::write_fmt(&mut std::io::stdout().lock(), format_args!("{}\n", format_args!($($arg)*)))?
    };
}

/// Writes text to stdout, as `outln!` without the line break.
macro_rules! out {
    ($($arg:tt)*) => {
        std::io::Write::write_fmt(&mut std::io::stdout().lock(), format_args!($($arg)*))?
    };
}

pub(crate) use {out, outln};

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
}

pub fn catalog(models: &[PathBuf]) -> Result<Catalog> {
    Ok(Catalog::load(models)?)
}

/// Loads an assessment, printing the warnings.
pub fn load(models: &[PathBuf], file: &Path) -> Result<store::Loaded> {
    let loaded = store::load(file, &catalog(models)?)?;
    for w in &loaded.warnings {
        eprintln!("warning: {}", crate::text::printable(w, true));
    }
    Ok(loaded)
}

/// Loads several assessment files of one model, with labels (their file names).
pub fn load_many(models: &[PathBuf], files: &[PathBuf]) -> Result<Vec<(String, store::Loaded)>> {
    files
        .iter()
        .map(|f| {
            let label = f
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| f.display().to_string());
            load(models, f).map(|l| (label, l))
        })
        .collect()
}

/// The assessments of [`load_many`] with their labels, as tracking functions take them.
pub fn labelled(loaded: &[(String, store::Loaded)]) -> Vec<(String, &Assessment)> {
    loaded
        .iter()
        .map(|(l, x)| (l.clone(), &x.assessment))
        .collect()
}

/// An assessment loaded to be changed: the file's lock is held from before it is read until
/// this is dropped, after the save, so that no other capra (a command or the interview screen)
/// writes it in between.
pub struct Editing {
    pub loaded: store::Loaded,
    _lock: crate::fsio::Lock,
}

impl std::ops::Deref for Editing {
    type Target = store::Loaded;
    fn deref(&self) -> &store::Loaded {
        &self.loaded
    }
}

impl std::ops::DerefMut for Editing {
    fn deref_mut(&mut self) -> &mut store::Loaded {
        &mut self.loaded
    }
}

/// Takes the lock of `file` (waiting up to [`crate::fsio::LOCK_WAIT`] for another capra to
/// finish), then loads it.
pub fn open(models: &[PathBuf], file: &Path) -> Result<Editing> {
    let lock = take_lock(file)?;
    let loaded = load(models, file)?;
    Ok(Editing {
        loaded,
        _lock: lock,
    })
}

/// Takes the lock of a file about to be written, waiting a little for another capra: 10 seconds,
/// or the whole seconds in `$CAPRA_LOCK_WAIT`.
pub fn take_lock(file: &Path) -> Result<crate::fsio::Lock> {
    use crate::fsio::{LOCK_WAIT, LockError, lock_waiting};
    let wait = std::env::var("CAPRA_LOCK_WAIT")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .map_or(LOCK_WAIT, std::time::Duration::from_secs);
    lock_waiting(file, wait).map_err(|e| match e {
        LockError::Held(holder) => anyhow!(
            "{} is open in {holder} (waited {} s): change it there, or close it first. Nothing was changed.",
            file.display(),
            wait.as_secs()
        ),
        other => anyhow!("{}: {other}. Nothing was changed.", file.display()),
    })
}

/// Applies a change and saves; on any error the file is left as it was.
pub fn edit(editing: &mut Editing, c: Change) -> Result<Change> {
    let loaded = &mut editing.loaded;
    let inverse = change::apply(&mut loaded.assessment, &loaded.model, c)
        .map_err(|e| anyhow!("{}: {e}. Nothing was changed.", loaded.path.display()))?;
    store::save(&loaded.path, &loaded.assessment)?;
    Ok(inverse)
}

/// Finds a process id of the model, ignoring case.
pub fn process_id(model: &Model, id: &str) -> Result<String> {
    model.process_id(id).ok_or_else(|| {
        anyhow!(
            "{} is not a process of model {} (see `capra model show {}` for the ids)",
            crate::text::shown_id(id),
            model.id(),
            model.id()
        )
    })
}

/// Finds an attribute id of the model, ignoring case.
pub fn attribute_id(model: &Model, id: &str) -> Result<String> {
    model
        .attributes()
        .find(|a| a.id.eq_ignore_ascii_case(id))
        .map(|a| a.id.to_string())
        .ok_or_else(|| {
            let ids: Vec<&str> = model.attributes().map(|a| a.id.as_str()).collect();
            anyhow!(
                "{} is not a process attribute of model {} (use one of {})",
                crate::text::shown_id(id),
                model.id(),
                ids.join(", ")
            )
        })
}

/// Who is recorded as doing an edit: [`Assessment::recorder`] (the name given with
/// `--assessor` or `$CAPRA_ASSESSOR`, else the lead assessor).
pub fn recorder(given: Option<&str>, a: &Assessment) -> Option<String> {
    a.recorder(given)
}

/// [`recorder`], empty when there is none.
pub fn assessor_name(given: Option<&str>, a: &Assessment) -> String {
    recorder(given, a).unwrap_or_default()
}

/// "F-001 to F-012" or the list, for messages.
pub fn id_range<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    let v: Vec<&str> = ids.collect();
    match v.as_slice() {
        [] => "none".into(),
        [one] => one.to_string(),
        v if v.len() > 6 => format!("{} to {}", v[0], v[v.len() - 1]),
        v => v.join(", "),
    }
}

/// A value on the command line that is none of those allowed.
#[derive(Debug, thiserror::Error)]
pub enum BadValue {
    #[error("{0}, or none to clear")]
    Rating(crate::rating::NotOnScale),
    #[error("{0}, or none")]
    Confidence(UnknownWord),
}

/// A rating on the command line: a value, or `none` to clear.
#[derive(Clone, Copy, Debug)]
pub struct RatingArg(pub Option<Rating>);

pub fn parse_rating_arg(s: &str) -> Result<RatingArg, BadValue> {
    if s.eq_ignore_ascii_case("none") {
        return Ok(RatingArg(None));
    }
    s.parse::<Rating>()
        .map(|r| RatingArg(Some(r)))
        .map_err(BadValue::Rating)
}

/// A confidence on the command line: a value, or `none` to remove it.
#[derive(Clone, Copy, Debug)]
pub struct ConfidenceArg(pub Option<Confidence>);

pub fn parse_confidence(s: &str) -> Result<ConfidenceArg, BadValue> {
    if s.eq_ignore_ascii_case("none") {
        return Ok(ConfidenceArg(None));
    }
    s.parse()
        .map(|c| ConfidenceArg(Some(c)))
        .map_err(BadValue::Confidence)
}

pub fn parse_kind(s: &str) -> Result<EvidenceKind, UnknownWord> {
    s.parse()
}

pub fn parse_method(s: &str) -> Result<RatingMethod, UnknownWord> {
    s.parse()
}

pub fn parse_aggregation(s: &str) -> Result<Aggregation, UnknownWord> {
    s.parse()
}

pub fn parse_order(s: &str) -> Result<Order, UnknownWord> {
    s.parse()
}

/// The version of the JSON documents capra prints (`"format_version"`, the first key of each):
/// raised when a key is removed or renamed or a value changes meaning, not when keys are added.
pub const JSON_FORMAT_VERSION: u32 = 1;

/// A JSON document as capra prints it: an object whose first key is `format_version`, then the
/// fields of `body` (an object) or, for a list, one key `records` holding it.
struct Document<'a, T: ?Sized> {
    records: Option<&'a str>,
    body: &'a T,
}

impl<T: serde::Serialize + ?Sized> serde::Serialize for Document<'_, T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self.records {
            Some(key) => {
                let mut m = s.serialize_map(Some(2))?;
                m.serialize_entry("format_version", &JSON_FORMAT_VERSION)?;
                m.serialize_entry(key, self.body)?;
                m.end()
            }
            None => {
                #[derive(serde::Serialize)]
                struct Versioned<'b, U: ?Sized> {
                    format_version: u32,
                    #[serde(flatten)]
                    body: &'b U,
                }
                Versioned {
                    format_version: JSON_FORMAT_VERSION,
                    body: self.body,
                }
                .serialize(s)
            }
        }
    }
}

/// Prints a JSON document on standard output: every `--format json` of capra goes through
/// here, so each starts with `"format_version": 1`. `records` names the key of a list (`findings`,
/// `actions`, ...); `None` when `body` is an object, whose keys follow `format_version`.
pub fn print_json<T: serde::Serialize + ?Sized>(records: Option<&str>, body: &T) -> Result<()> {
    let text = serde_json::to_string_pretty(&Document { records, body })?;
    outln!("{text}");
    Ok(())
}
