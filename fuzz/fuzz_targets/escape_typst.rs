//! Any text, escaped for Typst, parses as string literals holding exactly the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|tekst: &str| fremdrift_fuzz::escape::parses_as_literals(tekst));
