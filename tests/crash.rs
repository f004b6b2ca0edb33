//! Crash safety: capra killed (SIGKILL) at any moment of a save leaves the assessment file
//! either as it was or as it would be after the save, never a mixture and never broken.
//!
//! The kill moments are not fixed: how long a `capra rate` takes depends on the machine, the
//! build (debug or release) and the load at the moment. The test first times a few unkilled
//! runs, then spreads its kills from at once to well after the longest of them, and widens or
//! narrows the spread (a bounded number of times) until kills have landed both before and after
//! a save. It is a binary of its own so that no other test competes with it for the processor
//! while it times and kills.

#![cfg(unix)]

#[path = "it/util.rs"]
#[allow(dead_code)]
mod util;

use capra::assessment::change;
use capra::model::Model;
use capra::store;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use util::{EXAMPLE, model, parse, rate, time_capra};

/// The text the file has after `capra rate FILE ISMS.CORE.3 PA2.1 <rating>`.
fn after_rate(model: &Model, text: &str, rating: &str) -> String {
    let mut a = parse(text);
    change::apply(&mut a, model, rate("ISMS.CORE.3", "PA2.1", None, rating)).unwrap();
    store::to_text(&a)
}

/// Kills per round, each at a different moment.
const KILLS: u32 = 60;
/// Rounds at most, each timed afresh and with its spread adjusted, before the test gives up.
const ROUNDS: u32 = 5;
/// Unkilled runs timed before each round.
const TIMED_RUNS: u32 = 5;

/// `capra rate FILE ISMS.CORE.3 PA2.1 RATING` in `dir`, started and not waited for.
fn spawn_rate(dir: &Path, file: &str, rating: &str) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_capra"))
        .current_dir(dir)
        .env_remove("CAPRA_ASSESSOR")
        .args(["rate", file, "ISMS.CORE.3", "PA2.1", rating])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// How long an unkilled `capra rate` of the example takes on this machine at this moment, from
/// the start of the process to its end: the longest of a few runs, on a copy of the file so the
/// file under test is not touched.
fn time_of_a_save(dir: &Path, start: &str) -> Duration {
    fs::write(dir.join("timing.toml"), start).unwrap();
    (0..TIMED_RUNS)
        .map(|i| {
            // Alternate the rating so that every run changes and saves the file.
            let rating = if i % 2 == 0 { "F" } else { "L" };
            time_capra(
                dir,
                &["rate", "timing.toml", "ISMS.CORE.3", "PA2.1", rating],
            )
        })
        .max()
        .unwrap()
}

/// Kills the child (SIGKILL) at `moment`, unless it has ended by then: a kill after the end
/// would find the same file, so there is no need to wait for it. Checks every millisecond,
/// which is fine-grained next to a save of tens of milliseconds or more.
fn kill_at(child: &mut std::process::Child, moment: Instant) {
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            // Ended by itself: it must have saved, or an unchanged file would be counted as a
            // kill that landed before the save.
            assert!(status.success(), "capra rate failed unkilled: {status}");
            return;
        }
        let now = Instant::now();
        if now >= moment {
            let _ = child.kill(); // SIGKILL
            let _ = child.wait();
            return;
        }
        std::thread::sleep((moment - now).min(Duration::from_millis(1)));
    }
}

#[test]
fn sigkill_during_saves_never_corrupts_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.toml");
    let model = model();
    // Start from capra's own text of the example, so "unchanged" compares byte for byte.
    let start = store::to_text(&parse(EXAMPLE));
    fs::write(&file, &start).unwrap();
    let mut current = start.clone();
    let mut saw_old = 0;
    let mut saw_new = 0;
    // The kills spread from at once to `stretch` times the longest timed run: past its end, so
    // that some land after the save, whatever the machine.
    let mut stretch = 2.5;
    let mut rounds = Vec::new();
    for round in 0..ROUNDS {
        let took = time_of_a_save(dir.path(), &start);
        let span = took.mul_f64(stretch);
        let (mut old, mut new) = (0, 0);
        for k in 0..KILLS {
            let i = round * KILLS + k;
            let rating = ["F", "L", "P", "L+"][(i % 4) as usize];
            let next = after_rate(&model, &current, rating);
            // Evenly spaced moments over the span, visited out of order (37 is prime to 60) so
            // that a change of load during the round touches early and late moments alike.
            let moment = span.mul_f64(f64::from((k * 37) % KILLS) / f64::from(KILLS));
            let began = Instant::now();
            let mut child = spawn_rate(dir.path(), "a.toml", rating);
            kill_at(&mut child, began + moment);
            let text = fs::read_to_string(&file).unwrap();
            if text == current {
                old += 1;
            } else if text == next {
                new += 1;
                current = next;
            } else {
                panic!("after a kill the file is neither the old nor the new version:\n{text}");
            }
            // And it always loads.
            store::parse(&file, &text).expect("the file loads after a kill");
        }
        saw_old += old;
        saw_new += new;
        rounds.push(format!(
            "round {}: an unkilled save took up to {took:?}; kills from 0 to {span:?}: \
             {old} before a save, {new} after",
            round + 1
        ));
        eprintln!("{}", rounds.last().unwrap());
        if saw_old > 0 && saw_new > 0 {
            break;
        }
        // One outcome is missing: move the kills towards it and time again.
        if saw_new == 0 {
            stretch *= 2.0;
        } else {
            stretch /= 4.0;
        }
    }
    // The kills landed both before and after saves (the test is not vacuous).
    let rounds = rounds.join("\n");
    assert!(
        saw_old > 0,
        "no kill landed before a save ({saw_new} after):\n{rounds}"
    );
    assert!(
        saw_new > 0,
        "no save completed ({saw_old} killed before):\n{rounds}"
    );
}
