//! Crash safety: capra killed (SIGKILL) at any moment of a save leaves the assessment file
//! either as it was or as it would be after the save, never a mixture and never broken.

#![cfg(unix)]

#[path = "it/util.rs"]
#[allow(dead_code)]
mod util;

use capra::assessment::change;
use capra::store;
use std::fs;
use std::process::Command;
use std::time::Duration;
use util::{EXAMPLE, model, parse, rate};

/// The text the file has after `capra rate FILE ISMS.CORE.3 PA2.1 <rating>`.
fn after_rate(text: &str, rating: &str) -> String {
    let mut a = parse(text);
    change::apply(&mut a, &model(), rate("ISMS.CORE.3", "PA2.1", None, rating)).unwrap();
    store::to_text(&a)
}

#[test]
fn sigkill_during_saves_never_corrupts_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.toml");
    // Start from capra's own text of the example, so "unchanged" compares byte for byte.
    let start = store::to_text(&parse(EXAMPLE));
    fs::write(&file, &start).unwrap();
    let mut current = start;
    let mut saw_old = 0;
    let mut saw_new = 0;
    for i in 0..60u64 {
        let rating = ["F", "L", "P", "L+"][(i % 4) as usize];
        let new = after_rate(&current, rating);
        let mut child = Command::new(env!("CARGO_BIN_EXE_capra"))
            .current_dir(dir.path())
            .args(["rate", "a.toml", "ISMS.CORE.3", "PA2.1", rating])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Kill it at a different moment each time: from at once to well after it finished.
        std::thread::sleep(Duration::from_micros((i * 7919) % 30_000));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let text = fs::read_to_string(&file).unwrap();
        if text == current {
            saw_old += 1;
        } else if text == new {
            saw_new += 1;
            current = new;
        } else {
            panic!("after a kill the file is neither the old nor the new version:\n{text}");
        }
        // And it always loads.
        store::parse(&file, &text).expect("the file loads after a kill");
    }
    // The kills landed both before and after saves (the test is not vacuous).
    assert!(
        saw_old > 0,
        "no kill landed before a save ({saw_new} after)"
    );
    assert!(saw_new > 0, "no save completed ({saw_old} killed before)");
}
