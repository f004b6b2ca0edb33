//! The helpers the integration tests share, each defined once: the fixtures, the shipped model,
//! parsing, changes, and the `capra` binary run in a temporary folder. The pseudo-terminal and
//! crash tests, which build as binaries of their own, include this file with
//! `#[path = "it/util.rs"] mod util;`.

use assert_cmd::Command;
use capra::assessment::Assessment;
use capra::assessment::change::{Change, Field, Slot};
use capra::catalog::Catalog;
use capra::model::Model;
use capra::store;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The small fixture: ISMS.CORE.3 (partly rated) and ISMS.CORE.8 with two instances.
pub const SMALL: &str = include_str!("../fixtures/small.toml");

/// The shipped example assessment: all 18 processes of the ISMS model.
pub const EXAMPLE: &str = include_str!("../../assessments/northwind-2026.toml");

/// The shipped ISMS process model.
pub fn model() -> Model {
    Catalog::built_in()
        .model("isms")
        .expect("the shipped model loads")
}

/// An assessment from its file text (which must parse).
pub fn parse(text: &str) -> Assessment {
    store::parse(Path::new("a.toml"), text).unwrap()
}

/// The change that sets one field of a rating slot.
pub fn set(p: &str, attr: &str, inst: Option<&str>, field: Field) -> Change {
    Change::Set {
        slot: Slot::new(p, attr, inst),
        field,
    }
}

/// The change that rates a slot, e.g. `rate("ISMS.CORE.3", "PA2.1", None, "F")`.
pub fn rate(p: &str, attr: &str, inst: Option<&str>, r: &str) -> Change {
    set(p, attr, inst, Field::Rating(Some(r.parse().unwrap())))
}

/// The `capra` binary, run in `dir`, with no assessor name from the environment.
pub fn capra(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("capra").unwrap();
    c.current_dir(dir).env_remove("CAPRA_ASSESSOR");
    c
}

/// A temporary folder with the small fixture as a.toml, and the path of that file.
pub fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.toml");
    fs::write(&file, SMALL).unwrap();
    (dir, file)
}

/// Runs `capra ARGS` in `dir`, which must succeed, and parses what it prints as JSON.
pub fn json(dir: &Path, args: &[&str]) -> serde_json::Value {
    let out = capra(dir).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `capra score FILE --format json` in `dir`.
pub fn score_json(dir: &Path, file: &str) -> serde_json::Value {
    json(dir, &["score", file, "--format", "json"])
}

/// How long one unkilled run of `capra ARGS` in `dir` takes on this machine at this moment,
/// from its start to its end. The run must succeed. Tests that wait for capra or kill it
/// derive their timings from this instead of assuming a speed (tests/pty.rs, tests/crash.rs;
/// none of the modules of tests/it, hence the allow).
#[allow(dead_code)]
pub fn time_capra(dir: &Path, args: &[&str]) -> Duration {
    let began = Instant::now();
    let out = capra(dir).args(args).output().unwrap();
    let took = began.elapsed();
    assert!(
        out.status.success(),
        "capra {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    took
}

/// The example without its `[report]` settings (and their sign-off entries): for tests that set
/// the report settings themselves.
pub fn example_without_report() -> String {
    let mut out = String::new();
    let mut skipping = false;
    for line in EXAMPLE.lines() {
        if line.starts_with('[') {
            skipping = line == "[report]" || line == "[[report.sign_off]]";
        }
        if !skipping {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}
