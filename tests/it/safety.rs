//! Nothing lost, nothing overwritten: concurrent writers, outputs that would replace an input or
//! a file capra did not write, symbolic links, read-only files, special files, evidence ids at
//! the top of their range, interrupted report sets, unbounded reads, control characters, lock
//! files in odd states, and the messages for the usual slips of a hand edit.

use crate::util::{EXAMPLE, SMALL, capra, setup};
use std::fs;
use std::path::Path;
use std::process::Output;

fn run(dir: &Path, args: &[&str]) -> Output {
    capra(dir).args(args).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn refused_with(dir: &Path, args: &[&str], words: &[&str]) -> String {
    let out = run(dir, args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{args:?} must fail: {err}");
    for w in words {
        assert!(err.contains(w), "{args:?}: expected '{w}' in: {err}");
    }
    err
}

/// Two writers in parallel, many times: every change of each is in the file at the end, and no
/// evidence id is handed out twice.
#[test]
fn parallel_writers_lose_nothing_and_never_share_an_id() {
    let (dir, file) = setup();
    let d = dir.path().to_path_buf();
    let attrs = [
        "PA1.1", "PA2.1", "PA2.2", "PA3.1", "PA3.2", "PA4.1", "PA4.2", "PA5.1", "PA5.2",
    ];
    let values = ["N", "P", "L", "F"];
    let writer = |process: &'static str, tag: &'static str| {
        let d = d.clone();
        std::thread::spawn(move || {
            let mut ids = Vec::new();
            for (round, value) in values.iter().take(3).enumerate() {
                for a in attrs {
                    let out = run(&d, &["rate", "a.toml", process, a, value]);
                    assert!(out.status.success(), "{}", stderr(&out));
                }
                for k in 0..4 {
                    let title = format!("{tag} item {round}.{k}");
                    let out = run(
                        &d,
                        &[
                            "evidence", "add", "a.toml", "--title", &title, "--kind", "record",
                        ],
                    );
                    assert!(out.status.success(), "{}", stderr(&out));
                    ids.push(String::from_utf8_lossy(&out.stdout).trim().to_string());
                }
            }
            ids
        })
    };
    let a = writer("ISMS.CORE.3", "A");
    let b = writer("ISMS.CORE.8", "B");
    let mut ids = a.join().unwrap();
    ids.extend(b.join().unwrap());

    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "an id was given twice: {ids:?}");
    let text = fs::read_to_string(&file).unwrap();
    let saved = crate::util::parse(&text);
    for id in &ids {
        assert!(saved.evidence_item(id).is_some(), "{id} was lost");
    }
    for p in ["ISMS.CORE.3", "ISMS.CORE.8"] {
        let rec = saved.process(p).unwrap();
        for a in attrs {
            let r = rec
                .ratings
                .iter()
                .find(|r| r.attribute == a && r.instance.is_none())
                .unwrap_or_else(|| panic!("{p} {a} was lost"));
            assert_eq!(
                r.rating().map(|x| x.code()),
                Some("L"),
                "{p} {a}: the last rating was lost"
            );
        }
    }
}

/// A command waits for the interview screen's lock (the same lock), then gives up naming it.
#[test]
fn a_command_waits_for_the_lock_then_names_the_holder() {
    let (dir, file) = setup();
    let before = fs::read(&file).unwrap();
    let held = capra::fsio::lock(&file).unwrap();
    let out = capra(dir.path())
        .env("CAPRA_LOCK_WAIT", "1")
        .args(["rate", "a.toml", "ISMS.CORE.3", "PA3.1", "F"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("is open in capra (process"), "{err}");
    assert!(err.contains("waited 1 s"), "{err}");
    assert_eq!(fs::read(&file).unwrap(), before);
    drop(held);
    assert!(
        !capra::fsio::lock_path(&file).exists(),
        "the lock file goes with the lock"
    );
    let out = run(dir.path(), &["rate", "a.toml", "ISMS.CORE.3", "PA3.1", "F"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// Lock files in odd states: an empty or garbled one (left by a full disk) does not block; a
/// folder or a link in its place is named, with the command that clears it.
#[test]
fn odd_lock_files_are_named_or_ignored() {
    let (dir, file) = setup();
    let lock = capra::fsio::lock_path(&file);
    for junk in ["", "garbage\u{0}\u{1b}[2J"] {
        fs::write(&lock, junk).unwrap();
        let out = run(dir.path(), &["rate", "a.toml", "ISMS.CORE.3", "PA3.1", "L"]);
        assert!(out.status.success(), "{:?}: {}", junk, stderr(&out));
    }
    let _ = fs::remove_file(&lock);
    fs::create_dir(&lock).unwrap();
    let err = refused_with(
        dir.path(),
        &["rate", "a.toml", "ISMS.CORE.3", "PA3.1", "F"],
        &["is a folder", "rmdir"],
    );
    assert!(err.contains(".a.toml.lock"), "{err}");
    fs::remove_dir(&lock).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/tmp/elsewhere", &lock).unwrap();
        refused_with(
            dir.path(),
            &["rate", "a.toml", "ISMS.CORE.3", "PA3.1", "F"],
            &["is a symbolic link", "rm "],
        );
    }
}

/// Reports never replace an input, an assessment, or a file capra did not write (unless
/// --force); capra's own outputs are replaced.
#[test]
fn outputs_never_replace_inputs_or_other_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("a.toml"), EXAMPLE).unwrap();
    fs::write(d.join("b.toml"), SMALL).unwrap();
    let a = fs::read(d.join("a.toml")).unwrap();
    refused_with(d, &["report", "a.toml", "--pdf", "a.toml"], &["an input"]);
    refused_with(
        d,
        &["report", "a.toml", "--pdf", "b.toml"],
        &["an assessment file"],
    );
    refused_with(
        d,
        &["report", "a.toml", "--pdf", "b.toml", "--force"],
        &["an assessment file"],
    );
    assert_eq!(fs::read(d.join("a.toml")).unwrap(), a);
    assert_eq!(fs::read(d.join("b.toml")).unwrap(), SMALL.as_bytes());
    refused_with(
        d,
        &["compare", "a.toml", "a.toml", "--pdf", "a.toml"],
        &["an input"],
    );
    refused_with(
        d,
        &["compare", "a.toml", "a.toml", "--pdf", "b.toml", "--force"],
        &["an assessment file"],
    );
    assert_eq!(fs::read(d.join("b.toml")).unwrap(), SMALL.as_bytes());

    // A file of the user's in the way.
    fs::write(d.join("mine.pdf"), "my own notes").unwrap();
    refused_with(
        d,
        &["report", "a.toml", "--pdf", "mine.pdf"],
        &["capra did not write it", "--force"],
    );
    assert_eq!(fs::read(d.join("mine.pdf")).unwrap(), b"my own notes");
    let out = run(d, &["report", "a.toml", "--pdf", "mine.pdf", "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Now it is capra's: replaced without asking.
    let out = run(d, &["report", "a.toml", "--pdf", "mine.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));

    // The CSV folder: capra's own files are replaced; a file changed since is not.
    let out = run(d, &["report", "a.toml", "--csv", "csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(d, &["report", "a.toml", "--csv", "csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    fs::write(d.join("csv/my-own.txt"), "keep me").unwrap();
    fs::create_dir(d.join("csv/charts")).unwrap();
    fs::write(d.join("csv/charts/levels.png"), "a chart").unwrap();
    fs::write(d.join("csv/ratings.csv"), "edited in a spreadsheet").unwrap();
    refused_with(
        d,
        &["report", "a.toml", "--csv", "csv"],
        &["csv/ratings.csv", "capra did not write it"],
    );
    assert_eq!(
        fs::read(d.join("csv/ratings.csv")).unwrap(),
        b"edited in a spreadsheet"
    );
    // Nothing was written when one output is refused: not even the PDF of the same run.
    let pdf_before = fs::read(d.join("mine.pdf")).unwrap();
    refused_with(
        d,
        &["report", "a.toml", "--csv", "csv", "--pdf", "mine.pdf"],
        &["csv/ratings.csv"],
    );
    assert_eq!(fs::read(d.join("mine.pdf")).unwrap(), pdf_before);
    let out = run(d, &["report", "a.toml", "--csv", "csv", "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(fs::read(d.join("csv/my-own.txt")).unwrap(), b"keep me");
    assert_eq!(
        fs::read(d.join("csv/charts/levels.png")).unwrap(),
        b"a chart",
        "a folder of the user's in the CSV folder is kept"
    );
    assert!(!d.join(".capra-csv-old").exists(), "the old set is gone");
    let manifest = fs::read_to_string(d.join("csv/.capra-manifest")).unwrap();
    for f in [
        "processes.csv",
        "ratings.csv",
        "evidence.csv",
        "warnings.csv",
        "findings.csv",
        "actions.csv",
        "evidence_links.csv",
        "clauses.csv",
        "controls.csv",
    ] {
        assert!(manifest.contains(f), "{manifest}");
    }
}

/// Special files are refused as outputs and as inputs, without hanging.
#[cfg(unix)]
#[test]
fn special_files_are_refused() {
    let (dir, _) = setup();
    let d = dir.path();
    refused_with(
        d,
        &["report", "a.toml", "--pdf", "/dev/null"],
        &["/dev/null", "a device"],
    );
    refused_with(
        d,
        &["report", "a.toml", "--csv", "/dev/full"],
        &["/dev/full", "a device"],
    );
    refused_with(d, &["score", "/dev/zero"], &["a device"]);
    let fifo = d.join("pipe.toml");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    refused_with(d, &["score", "pipe.toml"], &["a named pipe"]);
    refused_with(
        d,
        &["report", "a.toml", "--pdf", "pipe.toml"],
        &["a named pipe"],
    );
    // As evidence: recorded with a note, never read.
    let out = run(
        d,
        &[
            "evidence",
            "add",
            "a.toml",
            "--title",
            "Pipe",
            "--kind",
            "record",
            "--path",
            "pipe.toml",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("a named pipe (FIFO); recorded without a sha256"));
    let out = run(
        d,
        &[
            "evidence",
            "add",
            "a.toml",
            "--title",
            "Kernel",
            "--kind",
            "record",
            "--path",
            "/proc/kmsg",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("a system file"), "{}", stderr(&out));
}

/// A symbolic link is followed: the real file gets the change, the link stays a link, and the
/// lock is the real file's.
#[cfg(unix)]
#[test]
fn symbolic_links_are_followed() {
    let (dir, _) = setup();
    let d = dir.path();
    fs::create_dir(d.join("real")).unwrap();
    fs::rename(d.join("a.toml"), d.join("real/a.toml")).unwrap();
    std::os::unix::fs::symlink("real/a.toml", d.join("link.toml")).unwrap();
    let out = run(d, &["rate", "link.toml", "ISMS.CORE.3", "PA3.1", "F"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        fs::symlink_metadata(d.join("link.toml"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let real = fs::read_to_string(d.join("real/a.toml")).unwrap();
    assert!(real.contains("attribute = \"PA3.1\""), "{real}");
    assert_eq!(
        capra::fsio::lock_path(&d.join("link.toml")),
        capra::fsio::lock_path(&d.join("real/a.toml"))
    );
    // One lock for both names.
    let held = capra::fsio::lock(&d.join("real/a.toml")).unwrap();
    assert!(capra::fsio::lock(&d.join("link.toml")).is_err());
    drop(held);
}

/// A file frozen with chmod is refused as "read-only" and left as it was, mode included.
#[cfg(unix)]
#[test]
fn read_only_files_are_left_alone() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, file) = setup();
    fs::set_permissions(&file, fs::Permissions::from_mode(0o444)).unwrap();
    let before = fs::read(&file).unwrap();
    refused_with(
        dir.path(),
        &["rate", "a.toml", "ISMS.CORE.3", "PA3.1", "F"],
        &["read-only", "chmod u+w"],
    );
    refused_with(
        dir.path(),
        &["method", "a.toml", "R3", "--adopt"],
        &["read-only"],
    );
    assert_eq!(fs::read(&file).unwrap(), before);
    assert_eq!(
        fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o444
    );
    // A writable file keeps its mode through a save.
    fs::set_permissions(&file, fs::Permissions::from_mode(0o640)).unwrap();
    let out = run(dir.path(), &["rate", "a.toml", "ISMS.CORE.3", "PA3.1", "F"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o640
    );
}

/// Evidence ids never wrap: at the top of the range, a new one is a clear error.
#[test]
fn evidence_ids_never_wrap() {
    let (dir, file) = setup();
    let text = SMALL
        .replace("id = \"E-001\"", "id = \"E-999999999\"")
        .replace("evidence = [\"E-001\"]", "evidence = [\"E-999999999\"]");
    fs::write(&file, &text).unwrap();
    let before = fs::read(&file).unwrap();
    refused_with(
        dir.path(),
        &[
            "evidence", "add", "a.toml", "--title", "One more", "--kind", "record",
        ],
        &["no new id can be given", "Renumber"],
    );
    assert_eq!(fs::read(&file).unwrap(), before);
    let a = crate::util::parse(&text);
    assert_eq!(a.next_evidence_id(), None);
    assert_eq!(
        crate::util::parse(SMALL).next_evidence_id().as_deref(),
        Some("E-002")
    );
}

/// A report set cut off between moving the old CSV folder aside and the new one in is put back
/// the next time; temporary files a killed capra left are cleaned when capra saves there again.
#[test]
fn interrupted_report_sets_and_leftovers_are_cleaned_up() {
    let (dir, _) = setup();
    let d = dir.path();
    fs::create_dir(d.join(".capra-out-old")).unwrap();
    fs::write(d.join(".capra-out-old/processes.csv"), "old").unwrap();
    fs::write(
        d.join(".capra-out-old/.capra-manifest"),
        format!("{}  processes.csv\n", capra::hash::sha256_hex(b"old")),
    )
    .unwrap();
    // Leftovers from a killed save, an hour old; and one being written right now.
    fs::write(d.join(".capra-abc.tmp"), "half").unwrap();
    fs::create_dir(d.join(".capra-out-xyz.tmp")).unwrap();
    fs::write(d.join(".capra-new.tmp"), "in use").unwrap();
    for old in [".capra-abc.tmp", ".capra-out-xyz.tmp"] {
        let ok = std::process::Command::new("touch")
            .args(["-d", "1 hour ago"])
            .arg(d.join(old))
            .status()
            .unwrap()
            .success();
        assert!(ok);
    }
    let out = run(d, &["report", "a.toml", "--csv", "out"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        !d.join(".capra-out-old").exists(),
        "the old set was put back, then replaced"
    );
    assert!(d.join("out/processes.csv").is_file());
    assert_ne!(fs::read(d.join("out/processes.csv")).unwrap(), b"old");
    let out = run(d, &["rate", "a.toml", "ISMS.CORE.3", "PA3.1", "L"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!d.join(".capra-abc.tmp").exists());
    assert!(!d.join(".capra-out-xyz.tmp").exists());
    assert!(
        d.join(".capra-new.tmp").exists(),
        "a young one may be in use"
    );
}

/// No control character from a file reaches the terminal: the quoted line of a parse error,
/// bidirectional overrides in a note.
#[test]
fn control_and_invisible_characters_never_reach_the_terminal() {
    let (dir, file) = setup();
    let d = dir.path();
    fs::write(
        &file,
        SMALL.replace("title = \"Small", "title = \"\u{1b}]0;pwned\u{7}Small\" x"),
    )
    .unwrap();
    let out = run(d, &["score", "a.toml"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    fs::write(&file, SMALL).unwrap();
    let out = run(
        d,
        &[
            "rate",
            "a.toml",
            "ISMS.CORE.3",
            "PA3.1",
            "P",
            "--note",
            "cost \u{202E}0001\u{202C} EUR",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(d, &["check", "a.toml"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains('\u{202E}'), "{text}");
    // The CSV shows it too, and NUL never gets in.
    fs::write(
        &file,
        SMALL.replace(
            "note = \"Risk register complete.\"",
            "note = \"a\\u0000b\\u001bc\"",
        ),
    )
    .unwrap();
    // (Notes reach the CSV only in the team's internal report.)
    let out = run(d, &["report", "a.toml", "--csv", "csv", "--include-notes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = fs::read(d.join("csv/ratings.csv")).unwrap();
    assert!(
        !csv.contains(&0u8) && !csv.contains(&0x1b),
        "raw control bytes in the CSV"
    );
    assert!(String::from_utf8_lossy(&csv).contains("a\u{FFFD}b\u{FFFD}c"));
}

/// The slips of a hand edit get messages that say what to write.
#[test]
fn hand_edits_get_messages_that_say_what_to_write() {
    let (dir, file) = setup();
    let d = dir.path();
    fs::write(
        &file,
        SMALL.replace("created = \"2026-11-01\"", "created = 2026-11-01"),
    )
    .unwrap();
    refused_with(
        d,
        &["score", "a.toml"],
        &[
            "a.toml",
            "line 22",
            "write dates as \"2026-11-01\" in quotes",
        ],
    );
    fs::write(&file, SMALL.replace("target = 3", "target = -1")).unwrap();
    refused_with(
        d,
        &["score", "a.toml"],
        &[
            "a.toml",
            "a target is a capability level, a whole number from 0 to 5",
        ],
    );
    // An invisible character in an id, in the file or typed on the command line, is shown.
    fs::write(
        &file,
        SMALL.replace("id = \"ISMS.CORE.8\"", "id = \"ISMS.CORE.8\u{a0}\""),
    )
    .unwrap();
    refused_with(
        d,
        &["score", "a.toml"],
        &["process ISMS.CORE.8<U+00A0> is not in model isms"],
    );
    fs::write(&file, SMALL).unwrap();
    refused_with(
        d,
        &["rate", "a.toml", "ISMS.CO\u{200b}RE.3", "PA3.1", "F"],
        &["ISMS.CO<U+200B>RE.3 is not a process"],
    );
    refused_with(
        d,
        &["rate", "a.toml", "ISMS.\u{421}ORE.3", "PA3.1", "F"],
        &["ISMS.<U+0421>ORE.3"],
    );
    // A new file in a folder that does not exist yet: the folder is made.
    let out = run(d, &["new", "--title", "T", "-o", "missing/dir/x.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(d.join("missing/dir/x.toml").is_file());
    // Impossible dates and a missing previous file: reported by `capra check`.
    fs::write(
        &file,
        SMALL.replace(
            "created = \"2026-11-01\"",
            "created = \"2026-11-01\"\nstart = \"2026-11-10\"\nend = \"2026-11-05\"\nprevious = \"gone.toml\"",
        ),
    )
    .unwrap();
    let out = run(d, &["check", "a.toml", "--strict"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("ends (2026-11-05) before it starts (2026-11-10)"),
        "{text}"
    );
    assert!(text.contains("gone.toml"), "{text}");
}

/// A file with Windows line endings keeps them when capra saves it.
#[test]
fn line_endings_are_kept() {
    let (dir, file) = setup();
    fs::write(&file, SMALL.replace('\n', "\r\n")).unwrap();
    let out = run(
        dir.path(),
        &[
            "rate",
            "a.toml",
            "ISMS.CORE.3",
            "PA3.1",
            "F",
            "--note",
            "two\nlines",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.contains("\r\n"));
    // Every line ends in CR LF but the two breaks inside the note's multi-line string, which
    // are part of the note (the one after the opening quotes, which TOML drops, and its own).
    assert_eq!(text.replace("\r\n", "").matches('\n').count(), 2, "{text}");
    let a = crate::util::parse(&text);
    let note = &a
        .process("ISMS.CORE.3")
        .unwrap()
        .ratings
        .iter()
        .find(|r| r.attribute == "PA3.1")
        .unwrap()
        .note;
    assert_eq!(note, "two\nlines", "the note itself is unchanged");
    // And a file with LF stays LF.
    fs::write(&file, SMALL).unwrap();
    let out = run(dir.path(), &["rate", "a.toml", "ISMS.CORE.3", "PA3.1", "F"]);
    assert!(out.status.success());
    assert!(!fs::read_to_string(&file).unwrap().contains('\r'));
}

/// A shared model file cannot retitle or clear the terminal of whoever lists, checks or uses it.
#[test]
fn model_names_and_versions_never_reach_the_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let evil = include_str!("../fixtures/tiny-model.toml")
        .replace(
            "name = \"Tiny IT operations model\"",
            "name = \"Tiny \\u001b]0;pwned\\u0007 model \\u202Eevil\"",
        )
        .replace("version = \"0.1.0\"", "version = \"0.1\\u001b[2J\"");
    fs::write(d.join("evil.toml"), evil).unwrap();
    for args in [
        vec!["--models", "evil.toml", "model", "list"],
        vec!["model", "check", "evil.toml"],
        vec![
            "new",
            "--model",
            "evil.toml",
            "--title",
            "T",
            "-o",
            "t.toml",
        ],
    ] {
        let out = run(d, &args);
        let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(&out));
        assert!(
            !all.contains('\u{1b}') && !all.contains('\u{7}') && !all.contains('\u{202E}'),
            "{args:?} printed a raw control character: {all:?}"
        );
    }
}

/// A report set whose capra was killed after it wrote its journal is finished the next time;
/// pending files of one killed before are removed once old.
#[test]
fn a_report_set_cut_off_after_its_journal_is_finished() {
    let (dir, _) = setup();
    let d = dir.path();
    let out = run(d, &["report", "a.toml", "--pdf", "r.pdf", "--csv", "csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // The state a kill between the two moves leaves: the new PDF and CSV folder written in
    // full beside their places, the journal naming the moves.
    let abs = |p: &str| d.canonicalize().unwrap().join(p);
    fs::copy(d.join("r.pdf"), d.join(".capra-pdf-x.pending")).unwrap();
    fs::create_dir(d.join(".capra-csv-x.pending")).unwrap();
    for f in fs::read_dir(d.join("csv")).unwrap() {
        let f = f.unwrap();
        fs::copy(f.path(), d.join(".capra-csv-x.pending").join(f.file_name())).unwrap();
    }
    fs::write(d.join(".capra-csv-x.pending/new-set.txt"), "the new set").unwrap();
    let journal = serde_json::json!({
        "pdf": [abs(".capra-pdf-x.pending"), abs("r.pdf")],
        "csv": [abs(".capra-csv-x.pending"), abs("csv")],
    });
    fs::write(d.join(".capra-r.pdf.journal"), journal.to_string()).unwrap();
    // Pending files of a capra killed before its journal, an hour old.
    fs::write(d.join(".capra-pdf-old.pending"), "half").unwrap();
    let ok = std::process::Command::new("touch")
        .args(["-d", "1 hour ago"])
        .arg(d.join(".capra-pdf-old.pending"))
        .status()
        .unwrap()
        .success();
    assert!(ok);

    let out = run(d, &["report", "a.toml", "--pdf", "r.pdf", "--csv", "csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        fs::read(d.join("csv/new-set.txt")).unwrap(),
        b"the new set",
        "the moves the journal named were made"
    );
    for gone in [
        ".capra-r.pdf.journal",
        ".capra-pdf-x.pending",
        ".capra-csv-x.pending",
        ".capra-pdf-old.pending",
        ".capra-csv-old",
    ] {
        assert!(!d.join(gone).exists(), "{gone} is left");
    }
    // And the set is whole: the manifest names the PDF as it is.
    let manifest = fs::read_to_string(d.join("csv/.capra-manifest")).unwrap();
    let pdf_hash = capra::hash::sha256_hex(&fs::read(d.join("r.pdf")).unwrap());
    assert!(
        manifest.contains(&format!("{pdf_hash}  ../r.pdf")),
        "{manifest}"
    );
}
