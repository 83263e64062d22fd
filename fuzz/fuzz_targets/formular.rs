//! Any bytes as a posted «Udfyld status» form: read, mapped to a status and validated
//! like a save; never a panic, and the kommune is never taken from the body.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| fremdrift_fuzz::formular::krop(data));
