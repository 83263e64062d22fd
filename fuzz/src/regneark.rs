//! The spreadsheet targets: bytes → the safe opener → the reader → the validators of
//! `check`. Never a panic; every message Danish text. One target takes the whole
//! file, the other only the answer sheet's XML inside an otherwise valid workbook, so
//! the fuzzer mutates what the reader parses rather than a compressed stream.

use std::io::{Cursor, Read, Write};
use std::path::Path;
use std::sync::OnceLock;

use fremdrift::diagnostik::Diagnoser;
use fremdrift::indhold::valider;
use fremdrift::regneark::{Skabelon, aabn_bytes, fra_projektmappe};
use zip::write::SimpleFileOptions;

use super::mini;

/// Any bytes as a filled-in workbook.
pub fn fil(data: &[u8]) {
    let (kkr, runde) = mini();
    let vis = Path::new("svar.xlsx");
    let mut d = Diagnoser::default();
    match aabn_bytes(data.to_vec()) {
        Ok(mappe) => {
            if let Some(raw) = fra_projektmappe(&mappe, vis, kkr, runde, &mut d) {
                let _ = valider::valider_status(raw, kkr, runde, vis, &mut d);
            }
        }
        Err(e) => assert!(!e.besked.trim().is_empty(), "an error without a message"),
    }
    for x in &d.0 {
        assert!(
            !x.besked.trim().is_empty(),
            "a diagnostic without a message: {x:?}"
        );
    }
}

/// `data` as the «Fremdriftsskema» sheet of Alfa's workbook (mini fixture).
pub fn ark(data: &[u8]) {
    fil(&med_ark(data));
}

/// The sheet part the template writes first («Fremdriftsskema»).
pub const SKEMA_DEL: &str = "xl/worksheets/sheet1.xml";

/// Alfa's pre-filled workbook, unpacked: each part's name and bytes.
fn dele() -> &'static Vec<(String, Vec<u8>)> {
    static DELE: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    DELE.get_or_init(|| {
        let mut z = zip::ZipArchive::new(Cursor::new(alfa_xlsx())).expect("a zip");
        (0..z.len())
            .map(|i| {
                let mut f = z.by_index(i).expect("a part");
                let mut b = Vec::new();
                f.read_to_end(&mut b).expect("readable");
                (f.name().expect("a part name").to_string(), b)
            })
            .collect()
    })
}

/// Alfa's workbook as the template makes it.
pub fn alfa_xlsx() -> Vec<u8> {
    let (kkr, runde) = mini();
    let kommune = kkr.find("alfa").expect("alfa in the mini fixture");
    Skabelon {
        kkr,
        runde,
        kommune,
        status: None,
        sidste: None,
    }
    .xlsx()
    .expect("the template")
}

/// Alfa's workbook with `ark` as the answer sheet (stored, not compressed).
pub fn med_ark(ark: &[u8]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let valg = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (navn, b) in dele() {
        z.start_file(navn.as_str(), valg).expect("a part");
        z.write_all(if navn == SKEMA_DEL { ark } else { b })
            .expect("written");
    }
    z.finish().expect("a zip").into_inner()
}

/// The answer sheet's XML in Alfa's workbook: the seed of the `regneark_ark` target.
pub fn skema_xml() -> Vec<u8> {
    dele()
        .iter()
        .find(|(n, _)| n == SKEMA_DEL)
        .map(|(_, b)| b.clone())
        .expect("the answer sheet")
}
