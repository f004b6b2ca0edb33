//! Entry points for the fuzzers in `fuzz/` and for the regression tests that replay what they
//! found (`tests/it/fuzz_regressions.rs`). Each runs everything capra does with a file it reads,
//! and panics only where an invariant is broken.

use crate::catalog::Catalog;
use crate::model::{FileKind, Framework, ProcessModel, check, file_kind};
use std::path::Path;
use std::sync::OnceLock;

fn isms() -> &'static crate::model::Model {
    static MODEL: OnceLock<crate::model::Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        Catalog::built_in()
            .model("isms")
            .unwrap_or_else(|e| panic!("the shipped model does not load: {e}"))
    })
}

/// A model or framework file's bytes: parse and check.
pub fn model_file(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match file_kind(text) {
        Some(FileKind::Framework) => {
            if let Ok(f) = Framework::parse(text) {
                let _ = check::framework(&f);
            }
        }
        Some(FileKind::ProcessModel) => {
            if let Ok(m) = ProcessModel::parse(text) {
                let _ = check::process_model(&m, Some(&isms().framework));
                let _ = check::process_model(&m, None);
                let _ = crate::model::rules::check(&m, Some(&isms().framework));
                let _ = crate::model::maturity::check(&m);
            }
        }
        None => {
            let _ = Framework::parse(text);
            let _ = ProcessModel::parse(text);
        }
    }
}

/// An assessment file's bytes: everything capra does with a file it reads.
pub fn assessment_file(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(a) = crate::store::parse(Path::new("fuzz.toml"), text) else {
        return;
    };
    let model = isms();
    if !crate::assessment::validate::validate(&a, model).is_empty() {
        return;
    }
    let profile = crate::profile::score(model, &a);
    let _ = crate::check::check(model, &a, &profile);
    let options = crate::report::Options {
        font: None,
        today: "2026-01-01".into(),
        include_notes: true,
        logo: None,
        previous: None,
    };
    let report = crate::report::build(model, &a, &profile, "0", &options);
    let _ = crate::report::csv::files(&report);
    // Save -> load gives the same text.
    let saved = crate::store::to_text(&a);
    let again = crate::store::parse(Path::new("fuzz.toml"), &saved)
        .unwrap_or_else(|e| panic!("a saved file does not load: {e}\n{saved}"));
    assert_eq!(
        crate::store::to_text(&again),
        saved,
        "save -> load -> save changed the text"
    );
}
