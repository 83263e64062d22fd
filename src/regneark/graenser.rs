//! How much of a workbook is read at most: the file, the sheets, the merged areas,
//! the rows and columns, and all cells and text together ([`Fylde`]), so a hostile
//! file can neither fill the memory nor keep the reader busy.

use super::aabningsfejl::{Aabningsfejl, for_stor};
use super::celle::Vaerdi;
use super::projektmappe::Ark;

/// The largest file read (a filled workbook is some 20 kB).
pub const MAKS_FIL: u64 = 20 * 1024 * 1024;
/// The most sheets looked at.
pub(super) const MAKS_ARK: usize = 32;
/// The most merged areas looked at per sheet.
pub(super) const MAKS_FLETTEDE: usize = 10_000;
/// Only cells in the first rows and columns are read: a round has some 50
/// anbefalinger; a sheet of a million rows is not read to its end.
pub const MAKS_RAEKKER: u32 = 5_000;
pub const MAKS_KOLONNER: u32 = 64;
/// The most non-empty cells, and bytes of text in them, of all sheets together: a
/// filled workbook has some thousand cells and some 100 kB of text.
pub const MAKS_CELLER: usize = 1_000_000;
pub const MAKS_TEKST: usize = 32 * 1024 * 1024;

/// The bytes of text a value holds.
pub(super) fn tekst_laengde(v: &Vaerdi) -> usize {
    match v {
        Vaerdi::Tekst(s) | Vaerdi::Formel(s) | Vaerdi::Fejl(s) => s.len(),
        _ => 0,
    }
}

/// The cells and text read so far from all sheets of a workbook, against
/// [`MAKS_CELLER`] and [`MAKS_TEKST`]: one long string in a thousand cells, or a
/// value repeated over every row, cannot fill the memory.
#[derive(Default)]
pub(super) struct Fylde {
    celler: usize,
    tekst: usize,
}

impl Fylde {
    /// Puts `v` at (`raekke`, `kolonne`) of `ark` when inside the rows and columns
    /// read; an error when the workbook holds more than any filled workbook.
    pub(super) fn indsaet(
        &mut self,
        ark: &mut Ark,
        raekke: u32,
        kolonne: u32,
        v: Vaerdi,
    ) -> Result<(), Aabningsfejl> {
        if !inden_for(raekke, kolonne) {
            return Ok(());
        }
        self.celler += 1;
        self.tekst += tekst_laengde(&v);
        if self.celler > MAKS_CELLER {
            return Err(for_stor(format!(
                "regnearket har over {MAKS_CELLER} udfyldte celler; fremdrift læser højst det"
            )));
        }
        self.tjek_tekst(0)?;
        ark.celler.insert((raekke, kolonne), v);
        Ok(())
    }

    /// An error when `mere` bytes of text on top of those read would pass
    /// [`MAKS_TEKST`] (a cell's text is checked while it is read).
    pub(super) fn tjek_tekst(&self, mere: usize) -> Result<(), Aabningsfejl> {
        if self.tekst.saturating_add(mere) > MAKS_TEKST {
            return Err(for_stor(format!(
                "regnearkets celler har over {} MB tekst; fremdrift læser højst det",
                MAKS_TEKST >> 20
            )));
        }
        Ok(())
    }
}

pub(super) fn inden_for(raekke: u32, kolonne: u32) -> bool {
    raekke < MAKS_RAEKKER && kolonne < MAKS_KOLONNER
}
