//! Any bytes as an assessment file: parsing, validation against the ISMS model, scoring, the
//! consistency checks, the reports' data and the CSV, and save -> load must never panic, and a
//! file that loads must save and load back to the same text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    capra::fuzzing::assessment_file(data);
});
