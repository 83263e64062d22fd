//! Word: the fremdriftsskema as a .docx in the notat's look, with content controls for
//! the answers (`skabelon --docx`), and a filled document read back into the raw model
//! (`indlaes FIL.docx`).
//!
//! The reader finds every answer by what a person sees — a table's header row, an
//! anbefaling's id, a label in the first column — never by a control's `w:tag`
//! (LibreOffice drops them) and never by the control itself: a cell whose control was
//! deleted is read by its text. The words below are the one vocabulary of writer and
//! reader.

mod aabn;
mod aabningsfejl;
mod dokumentxml;
mod laes;
mod skriv;

pub use aabn::{aabn, aabn_bytes};
pub use dokumentxml::{Celle, Dokument, Raekke, Tabel};
pub use laes::{fra_dokument, laes};
pub use skriv::docx;

/// The status column's header, as the bilag has it.
pub const STATUS: &str = "Grøn/gul/rød";
/// The remark column's header, as the bilag has it.
pub const BEMAERKNINGER: &str = "Bemærkninger";
/// The status item for an anbefaling not answered.
pub const IKKE_BESVARET: &str = "Ikke besvaret";
/// The text an empty remark field shows; read as no remark.
pub const PLADSHOLDER: &str = "Skriv bemærkningen her.";
/// The heading over the oplysninger table.
pub const OPLYSNINGER: &str = "Oplysninger";
/// The heading over the proposals table.
pub const FORSLAG: &str = "Forslag til nye samarbejdsområder";

#[cfg(test)]
mod tests;
