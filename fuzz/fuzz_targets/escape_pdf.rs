//! Any text, escaped for Typst, compiles to a tagged PDF.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|tekst: &str| fremdrift_fuzz::escape::compiles_to_pdf(tekst));
