//! Any bytes as `content/<periode>/anbefalinger.yaml`: read, parse and validate with the rules of
//! `fremdrift check`; never a panic, and every diagnostic points inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| fremdrift_fuzz::yaml::anbefalinger(data));
