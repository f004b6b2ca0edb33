//! Every `--format json` output is an object whose first key is `"format_version": 1`; lists
//! sit under a key named after their records. And no command prints JSON but through the one
//! helper that adds the key (`print_json` in `src/cli/common.rs`), read from the source.

use crate::util::capra;
use std::fs;
use std::path::Path;

fn run(dir: &Path, args: &[&str]) -> String {
    let out = capra(dir).args(args).output().unwrap();
    assert!(
        out.status.success() || out.status.code() == Some(1),
        "capra {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_json_output_starts_with_its_format_version() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for f in ["northwind-2025.toml", "northwind-2026.toml"] {
        fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("assessments")
                .join(f),
            d.join(f),
        )
        .unwrap();
    }
    let a = "northwind-2026.toml";
    let interview = run(d, &["interview", "add", a, "--who", "Ben Ode"]);
    let interview = interview.trim();
    run(d, &["request", "add", a, "--what", "Backup log"]);
    // (command, the key of the list, or None for an object)
    let cases: Vec<(Vec<&str>, Option<&str>)> = vec![
        (vec!["score", a], None),
        (vec!["check", a], None),
        (vec!["clauses", a], None),
        (vec!["controls", a], None),
        (vec!["compare", "northwind-2025.toml", a], None),
        (vec!["agreement", "northwind-2025.toml", a], None),
        (vec!["suggest", a], None),
        (vec!["minutes", a, interview], None),
        (vec!["model", "show", "isms"], None),
        (
            vec!["model", "show", "isms", "--process", "ISMS.CORE.3"],
            None,
        ),
        (vec!["model", "show", "iso33020"], None),
        (vec!["finding", "list", a], Some("findings")),
        (vec!["action", "list", a], Some("actions")),
        (vec!["interview", "list", a], Some("interviews")),
        (vec!["request", "list", a], Some("requests")),
        (
            vec!["question", "list", a, "--process", "ISMS.CORE.3"],
            Some("questions"),
        ),
        (vec!["suggest", a, "--add", "1", "2"], Some("suggestions")),
    ];
    for (args, records) in cases {
        let mut all = args.clone();
        all.extend(["--format", "json"]);
        let text = run(d, &all);
        assert!(
            text.starts_with("{\n  \"format_version\": 1,\n"),
            "capra {all:?} does not start with its format version:\n{}",
            &text[..text.len().min(200)]
        );
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let obj = v.as_object().unwrap();
        if let Some(key) = records {
            assert_eq!(obj.len(), 2, "capra {all:?}: format_version and {key} only");
            assert!(
                obj[key].as_array().is_some_and(|l| !l.is_empty()),
                "capra {all:?}: {key} is not a list of records"
            );
        }
    }
}

#[test]
fn json_is_printed_only_through_the_helper() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/cli");
    for e in fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        if p.file_name().is_some_and(|n| n == "common.rs")
            || p.extension().is_none_or(|x| x != "rs")
        {
            continue;
        }
        let text = fs::read_to_string(&p).unwrap();
        for bad in [
            "serde_json::to_string",
            "serde_json::to_writer",
            "serde_json::to_vec",
        ] {
            assert!(
                !text.contains(bad),
                "{}: prints JSON with {bad}; use print_json (src/cli/common.rs), which adds format_version",
                p.display()
            );
        }
    }
}
