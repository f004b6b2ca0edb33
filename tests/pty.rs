//! The real `capra` binary in a pseudo-terminal: rate a process by keystrokes, write a note,
//! quit, and read the saved file back through `capra score --format json`.

#![cfg(unix)]

#[path = "it/util.rs"]
#[allow(dead_code)]
mod util;

use std::fs;
use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::Duration;
use util::{SMALL, capra, score_json};

/// Sends keys one group at a time, with a pause so that an Esc is never read together with the
/// next key as Alt+key.
fn send(p: &mut rexpect::session::PtySession, s: &str) {
    p.send(s).unwrap();
    p.flush().unwrap();
    sleep(Duration::from_millis(250));
}

/// Waits for words on the screen. The terminal output is read with its escape codes removed,
/// and ratatui moves the cursor instead of writing spaces, so words may arrive without the
/// spaces between them.
fn expect(p: &mut rexpect::session::PtySession, words: &str) {
    let pattern: Vec<String> = words.split(' ').map(regex_escape).collect();
    if let Err(e) = p.exp_regex(&pattern.join(r"\s*")) {
        panic!("waiting for '{words}': {e}");
    }
}

fn regex_escape(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == ' ' {
                c.to_string()
            } else {
                format!("\\{c}")
            }
        })
        .collect()
}

/// Waits until the saved file satisfies `ok` (capra saves after every change). The screen is
/// not a reliable witness here: ratatui redraws only the cells that change.
fn wait_for_file(path: &Path, what: &str, ok: impl Fn(&str) -> bool) {
    for _ in 0..100 {
        if fs::read_to_string(path).is_ok_and(|t| ok(&t)) {
            return;
        }
        sleep(Duration::from_millis(100));
    }
    panic!(
        "the file never showed {what}:\n{}",
        fs::read_to_string(path).unwrap_or_default()
    );
}

#[test]
fn rate_and_note_by_keystrokes_in_a_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.toml");
    fs::write(&file, SMALL).unwrap();
    let before = score_json(dir.path(), "a.toml");
    assert_eq!(before["processes"][0]["capability_level"], 2);

    // A real terminal of 100x30: stty sets the size of the pseudo-terminal, then capra runs.
    let mut cmd = Command::new("sh");
    cmd.current_dir(dir.path())
        .env("TERM", "xterm-256color")
        .env("CAPRA_ASSESSOR", "Pty Tester")
        .env_remove("NO_COLOR")
        .args([
            "-c",
            &format!(
                "stty rows 30 cols 100 && exec '{}' assess a.toml",
                env!("CARGO_BIN_EXE_capra")
            ),
        ]);
    let mut p = rexpect::session::spawn_with_options(
        cmd,
        rexpect::reader::Options::new()
            .timeout_ms(Some(15_000))
            .strip_ansi_escape_codes(true),
    )
    .unwrap();
    expect(&mut p, "Processes");
    expect(&mut p, "Every change is saved at once");
    // The lock is taken while capra runs.
    assert!(dir.path().join(".a.toml.lock").exists());

    // ISMS.CORE.3: to the attributes, down to PA2.1 (rated L), rate it F.
    send(&mut p, "\t");
    send(&mut p, "j");
    send(&mut p, "f");
    wait_for_file(&file, "PA2.1 rated F", |t| {
        t.contains("attribute = \"PA2.1\"\nrating = \"F\"")
    });
    // Write a note on it, with a second line, and close the editor with Esc (which saves).
    send(&mut p, "e");
    send(&mut p, "\r");
    send(&mut p, "Plan tracked monthly in the ISMS board.");
    send(&mut p, "\x1b");
    wait_for_file(&file, "the note", |t| t.contains("Plan tracked monthly"));
    // Next unrated: PA3.1 of CORE.3; rate it L, refine to L+.
    send(&mut p, " ");
    send(&mut p, "l");
    send(&mut p, "+");
    wait_for_file(&file, "PA3.1 rated L+", |t| {
        t.contains("attribute = \"PA3.1\"\nrating = \"L+\"")
    });
    send(&mut p, "q");
    p.exp_eof().unwrap();

    let v = score_json(dir.path(), "a.toml");
    let core3 = &v["processes"][0];
    assert_eq!(core3["id"], "ISMS.CORE.3");
    let attrs = core3["attributes"].as_array().unwrap();
    assert_eq!(attrs[1]["id"], "PA2.1");
    assert_eq!(attrs[1]["rating"], "F");
    assert_eq!(attrs[1]["assessor"], "Pty Tester");
    assert_eq!(
        attrs[1]["note"],
        "Plans exist; tracking is informal.\nPlan tracked monthly in the ISMS board."
    );
    assert_eq!(attrs[3]["id"], "PA3.1");
    assert_eq!(attrs[3]["rating"], "L+");
    // PA1.1, PA2.1, PA2.2 at F, PA3.1 at L+, PA3.2 not rated: level 2, level 3 blocked by PA3.2.
    assert_eq!(core3["capability_level"], 2);
    assert_eq!(core3["blocked_by"]["attribute"], "PA3.2");
    // Quitting released the lock and left no temporary file.
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["a.toml"]);
}

#[test]
fn a_second_capra_on_the_same_file_is_told_and_may_read_only() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.toml"), SMALL).unwrap();
    let spawn = || {
        let mut cmd = Command::new("sh");
        cmd.current_dir(dir.path())
            .env("TERM", "xterm-256color")
            .args([
                "-c",
                &format!(
                    "stty rows 30 cols 100 && exec '{}' assess a.toml",
                    env!("CARGO_BIN_EXE_capra")
                ),
            ]);
        rexpect::session::spawn_with_options(
            cmd,
            rexpect::reader::Options::new()
                .timeout_ms(Some(15_000))
                .strip_ansi_escape_codes(true),
        )
        .unwrap()
    };
    let mut first = spawn();
    expect(&mut first, "Processes");
    let mut second = spawn();
    expect(&mut second, "is open in another capra");
    send(&mut second, "r");
    expect(&mut second, "READ-ONLY");
    send(&mut second, "\t");
    send(&mut second, "n");
    send(&mut second, "q");
    second.exp_eof().unwrap();
    // The command line refuses to write under a running capra, too.
    let out = capra(dir.path())
        .args(["rate", "a.toml", "ISMS.CORE.3", "PA1.1", "N"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("is open in capra"));
    send(&mut first, "q");
    first.exp_eof().unwrap();
    assert_eq!(
        fs::read_to_string(dir.path().join("a.toml")).unwrap(),
        SMALL
    );
}
