//! Replays inputs kept from fuzzing (`fuzz/regressions/TARGET/`) through the same entry points
//! the fuzzers drive: none may panic. See docs/testing.md.

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        let r = std::panic::catch_unwind(|| run(&data));
        assert!(r.is_ok(), "{} panics again", path.display());
        n += 1;
    }
    n
}

#[test]
fn model_loader_inputs() {
    assert!(replay("model_loader", capra::fuzzing::model_file) > 0);
}

#[test]
fn assessment_loader_inputs() {
    assert!(replay("assessment_loader", capra::fuzzing::assessment_file) > 0);
}
