//! The docs cannot drift from the binary: every `console` block of the pages listed in [`PAGES`]
//! is run, command by command, and what capra prints (standard output and standard error, in
//! the order written) is compared with the lines shown under the command, with snapbox's
//! wildcards (`[..]` inside a line, `...` for any lines). A line `? N` right under the command
//! is the exit status it must give (0 when absent).
//!
//! Each page runs in a fresh folder of its own, in order, so a page is one story: the tutorial
//! starts from an empty folder; a page whose first line of setup says `<!-- docs-test:
//! examples -->` starts with the shipped examples in `assessments/`. Only `capra` commands run;
//! `sh` blocks are shown, never run.
//!
//! After a deliberate change of output, `CAPRA_DOCS=overwrite cargo test --test it docs` writes
//! what capra printed into the pages (wildcards of the failing commands are lost: put them back).
//! Also here: every relative link between the docs leads to a file that exists, and to a heading
//! it has.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The pages whose console blocks are run.
const PAGES: &[&str] = &[
    "docs/tutorial.md",
    "docs/scripting.md",
    "docs/cli.md",
    "docs/tracking.md",
    "docs/teams.md",
    "docs/iso27001.md",
    "docs/rating.md",
    "docs/findings.md",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One command of a console block and what the page says it prints.
#[derive(Debug)]
struct Step {
    /// The line in the page (1-based) of the `$` line.
    line: usize,
    command: String,
    status: i32,
    expected: String,
    /// The range of lines (0-based, end exclusive) holding the expected output and status.
    body: std::ops::Range<usize>,
}

/// The steps of every `console` block of a page, in order.
fn steps(text: &str) -> Vec<Step> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let fence = lines[i].trim_start();
        if !(fence.starts_with("```console") || fence.starts_with("~~~console")) {
            i += 1;
            continue;
        }
        let close = &fence[..3];
        i += 1;
        let mut current: Option<(usize, String)> = None;
        let mut start = i;
        let flush =
            |cur: &mut Option<(usize, String)>, start: usize, end: usize, out: &mut Vec<Step>| {
                if let Some((line, command)) = cur.take() {
                    let body: Vec<&str> = lines[start..end].to_vec();
                    let (status, rest) = match body.first().and_then(|l| l.strip_prefix("? ")) {
                        Some(code) => (code.trim().parse().unwrap_or(-1), &body[1..]),
                        None => (0, &body[..]),
                    };
                    out.push(Step {
                        line: line + 1,
                        command,
                        status,
                        expected: trim_blank(&rest.join("\n")),
                        body: start..end,
                    });
                }
            };
        while i < lines.len() && !lines[i].trim_start().starts_with(close) {
            if let Some(cmd) = lines[i].strip_prefix("$ ") {
                flush(&mut current, start, i, &mut out);
                current = Some((i, cmd.to_string()));
                start = i + 1;
            }
            i += 1;
        }
        flush(&mut current, start, i, &mut out);
        i += 1;
    }
    out
}

/// Text without blank lines at its ends and without trailing spaces.
fn trim_blank(s: &str) -> String {
    let lines: Vec<&str> = s.lines().map(str::trim_end).collect();
    let first = lines
        .iter()
        .position(|l| !l.is_empty())
        .unwrap_or(lines.len());
    let last = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(first, |l| l + 1);
    lines[first..last.max(first)].join("\n")
}

/// Runs one documented command in `dir`: its output (stdout and stderr as written, in order)
/// and exit status.
fn run(dir: &Path, command: &str) -> (String, i32) {
    let words = shlex::split(command).unwrap_or_else(|| panic!("cannot split `{command}`"));
    assert_eq!(
        words.first().map(String::as_str),
        Some("capra"),
        "only capra runs: `{command}`"
    );
    let log = dir.join(".docs-test-output");
    let file = fs::File::create(&log).unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_capra"))
        .args(&words[1..])
        .current_dir(dir)
        .env_remove("CAPRA_ASSESSOR")
        .env("NO_COLOR", "1")
        .env("CAPRA_LOCK_WAIT", "30")
        .stdin(Stdio::null())
        .stdout(file.try_clone().unwrap())
        .stderr(file)
        .status()
        .unwrap();
    let text = fs::read_to_string(&log).unwrap_or_default();
    let _ = fs::remove_file(&log);
    (trim_blank(&text), status.code().unwrap_or(-1))
}

/// Copies the shipped examples into `dir/assessments`.
fn copy_examples(dir: &Path) {
    let to = dir.join("assessments");
    fs::create_dir_all(&to).unwrap();
    for e in fs::read_dir(root().join("assessments")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "toml") {
            fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
        }
    }
}

fn check_page(page: &str) -> Vec<String> {
    let path = root().join(page);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{page}: {e}"));
    let dir = tempfile::tempdir().unwrap();
    if text.contains("<!-- docs-test: examples -->") {
        copy_examples(dir.path());
    }
    let overwrite = std::env::var("CAPRA_DOCS").is_ok_and(|v| v == "overwrite");
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let mut failures = Vec::new();
    let steps = steps(&text);
    // Later steps first when overwriting, so that earlier line numbers stay right.
    let mut rewrites = Vec::new();
    for step in &steps {
        let (actual, status) = run(dir.path(), &step.command);
        let assert = snapbox::Assert::new();
        let same = assert
            .try_eq(
                Some(&step.command),
                snapbox::Data::text(actual.clone()),
                snapbox::Data::text(step.expected.clone()),
            )
            .is_ok();
        if same && status == step.status {
            continue;
        }
        failures.push(format!(
            "{page}:{}: `$ {}` gave status {status} (page: {}) and printed:\n{actual}\n--- the page shows:\n{}\n",
            step.line, step.command, step.status, step.expected
        ));
        let mut body = Vec::new();
        if status != 0 {
            body.push(format!("? {status}"));
        }
        body.extend(actual.lines().map(String::from));
        body.push(String::new());
        rewrites.push((step.body.clone(), body));
    }
    if overwrite && !rewrites.is_empty() {
        for (range, body) in rewrites.into_iter().rev() {
            lines.splice(range, body);
        }
        fs::write(&path, lines.join("\n") + "\n").unwrap();
    }
    failures
}

#[test]
fn console_blocks_print_what_the_docs_show() {
    let mut failures = Vec::new();
    for page in PAGES {
        let text = fs::read_to_string(root().join(page)).unwrap();
        assert!(
            !steps(&text).is_empty(),
            "{page} has no console block to run"
        );
        failures.extend(check_page(page));
    }
    assert!(
        failures.is_empty(),
        "{} documented command(s) differ from the binary (CAPRA_DOCS=overwrite rewrites them):\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_parser_reads_commands_statuses_and_outputs() {
    let page = "text\n```console\n$ capra a\none\n...\n\n$ capra b\n? 2\nerror: x\n```\n```sh\n$ capra c\n```\n";
    let s = steps(page);
    assert_eq!(s.len(), 2);
    assert_eq!((s[0].command.as_str(), s[0].status), ("capra a", 0));
    assert_eq!(s[0].expected, "one\n...");
    assert_eq!((s[1].command.as_str(), s[1].status), ("capra b", 2));
    assert_eq!(s[1].expected, "error: x");
}

/// The anchor GitHub gives a heading: lower case, spaces to dashes, punctuation dropped.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

fn anchors(text: &str) -> Vec<String> {
    let mut in_code = false;
    let mut out = Vec::new();
    for l in text.lines() {
        if l.trim_start().starts_with("```") {
            in_code = !in_code;
        }
        if !in_code && l.starts_with('#') {
            out.push(anchor(l.trim_start_matches('#')));
        }
    }
    out
}

#[test]
fn links_between_the_docs_lead_somewhere() {
    let mut pages: Vec<PathBuf> = fs::read_dir(root().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    pages.push(root().join("README.md"));
    let mut broken = Vec::new();
    for page in &pages {
        let text = fs::read_to_string(page).unwrap();
        let mut rest = text.as_str();
        while let Some(at) = rest.find("](") {
            rest = &rest[at + 2..];
            let Some(end) = rest.find(')') else { break };
            let target = &rest[..end];
            if target.contains("://") || target.starts_with("mailto:") || target.contains(' ') {
                continue;
            }
            let (file, frag) = target.split_once('#').unwrap_or((target, ""));
            let dest = if file.is_empty() {
                page.clone()
            } else {
                page.parent().unwrap().join(file)
            };
            if !dest.exists() {
                broken.push(format!("{}: {target}: no such file", page.display()));
                continue;
            }
            if !frag.is_empty() && dest.extension().is_some_and(|x| x == "md") {
                let there = fs::read_to_string(&dest).unwrap();
                if !anchors(&there).iter().any(|a| a == frag) {
                    broken.push(format!("{}: {target}: no such heading", page.display()));
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

/// The screen a render snapshot holds, as lines without their trailing spaces (snapshots of
/// `TestBackend` are quoted lines; others are plain text).
fn snapshot_screen(name: &str) -> Option<String> {
    let text = fs::read_to_string(root().join(format!("tests/it/snapshots/{name}.snap"))).ok()?;
    // The header is between the first two `---` lines.
    let body = text.splitn(3, "---\n").nth(2)?;
    let lines: Vec<String> = body
        .lines()
        .map(
            |l| match l.strip_prefix('"').and_then(|l| l.strip_suffix('"')) {
                Some(inner) => inner.replace("\\\"", "\"").replace("\\\\", "\\"),
                None => l.to_string(),
            },
        )
        .map(|l| l.trim_end().to_string())
        .collect();
    Some(trim_blank(&lines.join("\n")))
}

/// The screens shown in the docs are render snapshots: a code block right under a line
/// `<!-- snapshot: NAME -->` must hold the screen of `tests/it/snapshots/NAME.snap`, which the
/// render tests keep true. `CAPRA_DOCS=overwrite` copies the snapshots into the pages.
#[test]
fn screens_in_the_docs_are_the_render_snapshots() {
    let overwrite = std::env::var("CAPRA_DOCS").is_ok_and(|v| v == "overwrite");
    let mut stale = Vec::new();
    let mut seen = 0;
    for e in fs::read_dir(root().join("docs")).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_none_or(|x| x != "md") {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        let mut lines: Vec<String> = text.lines().map(String::from).collect();
        let mut changed = false;
        let mut i = 0;
        while i < lines.len() {
            let Some(name) = lines[i]
                .trim()
                .strip_prefix("<!-- snapshot:")
                .and_then(|r| r.strip_suffix("-->"))
                .map(|n| n.trim().to_string())
            else {
                i += 1;
                continue;
            };
            seen += 1;
            let screen = snapshot_screen(&name)
                .unwrap_or_else(|| panic!("{}: no snapshot {name}", path.display()));
            assert!(
                lines.get(i + 1).is_some_and(|l| l.starts_with("```")),
                "{}: a code block must follow the snapshot line of {name}",
                path.display()
            );
            let start = i + 2;
            let end = start
                + lines[start..]
                    .iter()
                    .position(|l| l.starts_with("```"))
                    .expect("the block ends");
            let shown = trim_blank(&lines[start..end].join("\n"));
            if shown != screen {
                stale.push(format!("{}: {name}", path.display()));
                if overwrite {
                    lines.splice(start..end, screen.lines().map(String::from));
                    changed = true;
                }
            }
            i = start;
        }
        if changed {
            fs::write(&path, lines.join("\n") + "\n").unwrap();
        }
    }
    assert!(seen > 0, "no page shows a snapshot");
    assert!(
        stale.is_empty(),
        "screens in the docs differ from their snapshots (CAPRA_DOCS=overwrite copies them):\n{}",
        stale.join("\n")
    );
}
