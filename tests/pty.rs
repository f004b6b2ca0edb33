//! The real `capra` binary in a pseudo-terminal: rate a process by keystrokes, write a note,
//! quit, and read the saved file back through `capra score --format json`.
//!
//! Nothing here depends on how fast the machine is: every step waits for what it is waiting
//! for (words on the screen, a change in the file, the end of the program) up to a generous
//! limit measured against this machine at this moment (`patience`), and keys go without pauses.
//! It is a binary of its own: the terminals it opens and the programs it runs there stay out of
//! the way of the other tests.

#![cfg(unix)]

#[path = "it/util.rs"]
#[allow(dead_code)]
mod util;

use rexpect::session::PtySession;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;
use std::thread::sleep;
use std::time::{Duration, Instant};
use util::{SMALL, capra, score_json, time_capra};

/// How long to wait for anything capra should do in reply to a key before calling it a failure:
/// a minute, or 500 times a whole `capra score` run timed here at first use (the slowest of
/// three), whichever is longer. A wait ends as soon as its thing happens, so this only decides
/// how long a failing test takes to say so, never whether a slow machine passes.
fn patience() -> Duration {
    static PATIENCE: OnceLock<Duration> = OnceLock::new();
    *PATIENCE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.toml"), SMALL).unwrap();
        let run = (0..3)
            .map(|_| time_capra(dir.path(), &["score", "a.toml"]))
            .max()
            .unwrap();
        Duration::from_secs(60).max(run * 500)
    })
}

/// `capra assess a.toml` in `dir`, in a pseudo-terminal of 100x30 (stty sets its size, then
/// capra runs), with `assessor` as CAPRA_ASSESSOR and no NO_COLOR.
fn assess(dir: &Path, assessor: Option<&str>) -> PtySession {
    let mut cmd = Command::new("sh");
    cmd.current_dir(dir)
        .env("TERM", "xterm-256color")
        .env_remove("NO_COLOR")
        .env_remove("CAPRA_ASSESSOR")
        .args([
            "-c",
            &format!(
                "stty rows 30 cols 100 && exec '{}' assess a.toml",
                env!("CARGO_BIN_EXE_capra")
            ),
        ]);
    if let Some(name) = assessor {
        cmd.env("CAPRA_ASSESSOR", name);
    }
    let timeout = u64::try_from(patience().as_millis()).unwrap();
    rexpect::session::spawn_with_options(
        cmd,
        rexpect::reader::Options::new()
            .timeout_ms(Some(timeout))
            .strip_ansi_escape_codes(true),
    )
    .unwrap()
}

/// Sends keys. The pseudo-terminal keeps their order, so no pause is needed between them; an
/// Esc is the exception (read together with the next key it would be Alt+key) and goes with
/// `escape` instead.
fn send(p: &mut PtySession, s: &str) {
    assert!(!s.contains('\x1b'), "send Esc with escape(), not send()");
    p.send(s).unwrap();
    p.flush().unwrap();
}

/// Sends Esc, then waits with `done` until capra has acted on it, so that the next key cannot
/// be read together with it as Alt+key however slow the machine.
fn escape(p: &mut PtySession, done: impl FnOnce()) {
    p.send("\x1b").unwrap();
    p.flush().unwrap();
    done();
}

/// Waits for words on the screen. The terminal output is read with its escape codes removed,
/// and ratatui moves the cursor instead of writing spaces, so words may arrive without the
/// spaces between them.
fn expect(p: &mut PtySession, words: &str) {
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
    let deadline = Instant::now() + patience();
    while Instant::now() < deadline {
        if fs::read_to_string(path).is_ok_and(|t| ok(&t)) {
            return;
        }
        sleep(Duration::from_millis(20));
    }
    panic!(
        "the file never showed {what} in {:?}:\n{}",
        patience(),
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

    // A real terminal of 100x30.
    let mut p = assess(dir.path(), Some("Pty Tester"));
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
    escape(&mut p, || {
        wait_for_file(&file, "the note", |t| t.contains("Plan tracked monthly"))
    });
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
    // Quitting released the lock and left no temporary file; only the place to come back to.
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, [".a.state.toml", "a.toml"]);
    let place = fs::read_to_string(dir.path().join(".a.state.toml")).unwrap();
    assert_eq!(place, "process = \"ISMS.CORE.3\"\nattribute = \"PA3.1\"\n");
    // Opened again, capra is back there.
    let mut p = assess(dir.path(), None);
    expect(&mut p, "Back at ISMS.CORE.3 PA3.1, where you left off.");
    send(&mut p, "q");
    p.exp_eof().unwrap();
}

#[test]
fn a_finding_and_an_action_by_keystrokes_in_a_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.toml");
    fs::write(&file, SMALL).unwrap();
    let mut p = assess(dir.path(), Some("Pty Tester"));
    expect(&mut p, "Every change is saved at once");
    // ISMS.CORE.3 PA2.1: a weakness (Shift+w), its severity cycled to low with Tab.
    send(&mut p, "\t");
    send(&mut p, "j");
    send(&mut p, "W");
    send(&mut p, "\t");
    send(&mut p, "No plan for the yearly review");
    escape(&mut p, || {
        wait_for_file(&file, "the finding", |t| {
            t.contains("[[findings]]\nid = \"F-001\"\nprocess = \"ISMS.CORE.3\"\nattribute = \"PA2.1\"\nkind = \"weakness\"\nseverity = \"low\"\ntext = \"No plan for the yearly review\"\nauthor = \"Pty Tester\"")
        })
    });
    // The plan: add an action, then agree it. (The screen is no witness: ratatui redraws only
    // the cells that change; the keys keep their order.)
    send(&mut p, "P");
    send(&mut p, "a");
    send(&mut p, "Plan the yearly review\r");
    wait_for_file(&file, "the action", |t| {
        t.contains("title = \"Plan the yearly review\"\nprocess = \"ISMS.CORE.3\"")
    });
    send(&mut p, "sa");
    wait_for_file(&file, "the status change", |t| {
        t.contains("status = \"agreed\"\ndate = ") && t.contains("by = \"Pty Tester\"")
    });
    send(&mut p, "q");
    p.exp_eof().unwrap();
}

#[test]
fn a_second_capra_on_the_same_file_is_told_and_may_read_only() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.toml"), SMALL).unwrap();
    let spawn = || assess(dir.path(), None);
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
    // The command line refuses to write under a running capra, too (at once: it would wait
    // 10 s for the lock by default).
    let out = capra(dir.path())
        .env("CAPRA_LOCK_WAIT", "0")
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

/// The pid of the capra holding the lock of `a.toml` in `dir`.
fn holder_pid(dir: &Path) -> String {
    let lock = fs::read_to_string(dir.join(".a.toml.lock")).unwrap();
    lock.lines()
        .find_map(|l| l.strip_prefix("pid="))
        .expect("the lock names its process")
        .to_string()
}

#[test]
fn a_note_typed_when_capra_is_killed_is_offered_back() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.toml");
    let draft = dir.path().join(".a.draft.toml");
    fs::write(&file, SMALL).unwrap();
    let mut p = assess(dir.path(), Some("Pty Tester"));
    expect(&mut p, "Every change is saved at once");
    // CORE.3 PA2.1: the note editor, half a sentence typed, then the keyboard rests.
    send(&mut p, "\t");
    send(&mut p, "j");
    send(&mut p, "e");
    send(&mut p, "Board minutes show monthly trac");
    wait_for_file(&draft, "the typed text", |t| t.contains("monthly trac"));
    // Killed (a closed laptop, a lost SSH session): nothing can run on the way out.
    let pid = holder_pid(dir.path());
    let killed = Command::new("kill").args(["-KILL", &pid]).status().unwrap();
    assert!(killed.success());
    p.exp_eof().unwrap();
    assert_eq!(fs::read_to_string(&file).unwrap(), SMALL, "never saved");

    // Opened again: the text is offered back, and restored into the note editor at its place.
    let mut p = assess(dir.path(), Some("Pty Tester"));
    expect(
        &mut p,
        "A note you were typing on ISMS.CORE.3 PA2.1 was not saved",
    );
    send(&mut p, "y");
    expect(&mut p, "restored");
    send(&mut p, "king.");
    escape(&mut p, || {
        wait_for_file(&file, "the restored note", |t| {
            t.contains("note = \"\"\"\nPlans exist; tracking is informal.\nBoard minutes show monthly tracking.\"\"\"")
                || t.contains("Board minutes show monthly tracking.")
        })
    });
    // Saved: the draft is gone.
    let deadline = Instant::now() + patience();
    while draft.exists() && Instant::now() < deadline {
        sleep(Duration::from_millis(20));
    }
    assert!(
        !draft.exists(),
        "the draft is removed once the note is saved"
    );
    send(&mut p, "q");
    p.exp_eof().unwrap();
}

#[test]
fn undo_says_what_it_changed_in_a_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.toml");
    fs::write(&file, SMALL).unwrap();
    let mut p = assess(dir.path(), None);
    expect(&mut p, "Every change is saved at once");
    // CORE.3 PA2.1 (L) rated N, then away to CORE.8; undo comes back and says so.
    send(&mut p, "\tjn");
    wait_for_file(&file, "PA2.1 rated N", |t| {
        t.contains("attribute = \"PA2.1\"\nrating = \"N\"")
    });
    send(&mut p, "\t\t"); // detail, then back to the processes
    send(&mut p, "ju");
    expect(&mut p, "Undone: ISMS.CORE.3 PA2.1 rating L");
    wait_for_file(&file, "PA2.1 back to L", |t| {
        t.contains("attribute = \"PA2.1\"\nrating = \"L\"")
    });
    send(&mut p, "q");
    p.exp_eof().unwrap();
}
