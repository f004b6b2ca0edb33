//! Any bytes as a model or framework file: parsing and the ISO/IEC 33004 checks must never
//! panic, whatever the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    capra::fuzzing::model_file(data);
});
