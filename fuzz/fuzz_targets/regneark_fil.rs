//! Any bytes as a filled-in workbook (.xlsx, .ods or anything else): opened with the
//! size checks, read and validated like `fremdrift indlaes`; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| fremdrift_fuzz::regneark::fil(data));
