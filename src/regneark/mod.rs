//! Spreadsheets: the pre-filled workbook a kommune fills in (`skabelon --xlsx`), reading
//! a filled workbook or ODS file back into the raw model (`indlaes`), and every answer
//! of a period as one workbook or CSV file (`eksport`).
//!
//! The sheet names, headers and labels below are the one vocabulary both the writer
//! and the reader use; the reader finds columns by their header and rows by their
//! label, so reordered columns, added columns and sorted rows still read back.

mod aabn;
pub(crate) mod aabningsfejl;
mod celle;
pub mod eksport;
mod graenser;
mod laes;
mod ods;
pub(crate) mod pakke;
mod projektmappe;
pub mod skriv;
mod xlsx;

pub use aabn::{aabn, aabn_bytes};
pub use aabningsfejl::Aabningsfejl;
pub use celle::{Vaerdi, celle_navn, dato_fra_tekst, kolonne_navn};
pub use laes::{fra_projektmappe, laes};
pub use projektmappe::{Ark, Projektmappe};
pub use skriv::Skabelon;

/// The sheet with one row per anbefaling.
pub const ARK_SKEMA: &str = "Fremdriftsskema";
/// The sheet with the kommune, the treatment and the contact person.
pub const ARK_OPLYSNINGER: &str = "Oplysninger";
/// The sheet with proposals for new samarbejdsområder.
pub const ARK_FORSLAG: &str = "Forslag";
/// The sheet that explains how to fill in the workbook.
pub const ARK_VEJLEDNING: &str = "Sådan udfylder du skemaet";

/// Where a diagnostic stands as a person reads a workbook: the whole file first, then
/// the sheets in the workbook's order, each row by row and left to right.
pub fn laeseorden(d: &crate::diagnose::Diagnose) -> (usize, String, u32, u32) {
    use crate::diagnose::Sted;
    let Some(Sted::Celle(c)) = &d.sted else {
        return (0, String::new(), 0, 0);
    };
    let ark = [ARK_SKEMA, ARK_OPLYSNINGER, ARK_FORSLAG, ARK_VEJLEDNING]
        .iter()
        .position(|a| *a == c.ark)
        .map_or(5, |i| i + 1);
    let bogstaver: String = c
        .celle
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect();
    let raekke = c.celle[bogstaver.len()..].parse().unwrap_or(u32::MAX);
    let kolonne = bogstaver.bytes().fold(0u32, |n, b| {
        n.saturating_mul(26)
            .saturating_add(u32::from(b.to_ascii_uppercase() - b'A' + 1))
    });
    (ark, c.ark.clone(), raekke, kolonne)
}

/// The headers of «Fremdriftsskema», in the order the workbook has them.
pub mod kolonne {
    pub const ID: &str = "Id";
    pub const FOKUS: &str = "Fokusområde";
    pub const NIVEAU: &str = "Niveau";
    pub const ANBEFALING: &str = "Anbefaling";
    pub const STATUS: &str = "Status";
    pub const BEMAERKNING: &str = "Bemærkning";
    /// «Forslag»: the title and text of a proposal.
    pub const TITEL: &str = "Titel";
    pub const TEKST: &str = "Tekst";
}

/// The labels in column A of «Oplysninger».
pub mod etiket {
    pub const KOMMUNE: &str = "Kommune";
    pub const BEHANDLET_AF: &str = "Behandlet af";
    pub const DATO: &str = "Dato for behandling";
    pub const KONTAKT: &str = "Kontaktperson";
    pub const EMAIL: &str = "E-mail";
    pub const TELEFON: &str = "Telefon";
    pub const UDKAST: &str = "Udkast";
}

/// The most characters Excel keeps in one cell.
pub const MAKS_TEGN: usize = 32_767;

/// «Ja» or «Nej», as the workbook writes a yes/no value.
pub fn ja_nej(b: bool) -> &'static str {
    if b { "Ja" } else { "Nej" }
}
