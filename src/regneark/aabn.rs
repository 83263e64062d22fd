//! Opening a workbook safely: the file's kind from its first bytes (never its name),
//! the zip checked before anything is inflated ([`super::pakke`]), and each sheet's
//! cells read as a stream ([`super::xlsx`], [`super::ods`]) into a sparse, bounded map
//! — a stray cell far away (XFD1048576) is skipped, never allocated as a range, and the
//! whole workbook holds at most [`MAKS_CELLER`](super::graenser::MAKS_CELLER) cells and
//! [`MAKS_TEKST`](super::graenser::MAKS_TEKST) bytes of text ([`super::graenser`]).

use std::path::Path;

use super::aabningsfejl::{Aabningsfejl, GEM_IGEN, beskadiget, fejl, krypteret};
use super::graenser::MAKS_FIL;
use super::pakke::{Art, tjek_zip};
use super::projektmappe::Projektmappe;
use super::xlsx::laes_xlsx;

/// Reads the workbook at `sti`: .xlsx (Excel, LibreOffice) or .ods.
pub fn aabn(sti: &Path) -> Result<Projektmappe, Aabningsfejl> {
    aabn_bytes(laes_fil(sti)?)
}

/// Reads a workbook already in memory (at most [`MAKS_FIL`] bytes are looked at).
pub fn aabn_bytes(bytes: Vec<u8>) -> Result<Projektmappe, Aabningsfejl> {
    if bytes.len() as u64 > MAKS_FIL {
        return Err(for_stor_fil(bytes.len() as u64));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(ole(&bytes));
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(fejl("filen er ikke et regneark", GEM_IGEN));
    }
    let art = tjek_zip(&bytes)?;
    // A parser's panic on a damaged file (calamine subtracts unchecked in places) is
    // a damaged file to the user, not a crash.
    std::panic::catch_unwind(move || match art {
        Art::Xlsx => laes_xlsx(bytes),
        Art::Ods => super::ods::laes_ods(bytes),
    })
    .unwrap_or_else(|_| Err(beskadiget("læseren stødte på en uventet fejl i filen")))
}

fn laes_fil(sti: &Path) -> Result<Vec<u8>, Aabningsfejl> {
    super::pakke::laes_fil(sti, MAKS_FIL)
}

fn for_stor_fil(storrelse: u64) -> Aabningsfejl {
    fejl(
        format!(
            "filen fylder over {} MB; et udfyldt skema fylder under 1 MB",
            storrelse >> 20
        ),
        "send skemaet uden billeder og andre ark, eller tjek at det er den rigtige fil",
    )
}

/// An OLE compound file: an encrypted workbook (Excel keeps a password-protected
/// .xlsx in one) or an old .xls.
fn ole(bytes: &[u8]) -> Aabningsfejl {
    if super::pakke::krypteret(bytes) {
        return krypteret();
    }
    fejl(
        "filen er i det gamle Excel-format (.xls), som fremdrift ikke læser",
        "åbn filen i Excel eller LibreOffice, og gem den som Excel-projektmappe (.xlsx)",
    )
}
