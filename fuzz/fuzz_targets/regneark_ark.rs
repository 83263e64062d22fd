//! Any bytes as the answer sheet's XML inside an otherwise valid workbook: the cell
//! reader, header search and validation see the mutations directly.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| fremdrift_fuzz::regneark::ark(data));
