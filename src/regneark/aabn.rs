//! Opening a workbook safely: the file's kind from its first bytes (never its name),
//! the zip checked before anything is inflated ([`super::pakke`]), and each sheet's
//! cells read as a stream into a sparse, bounded map — a stray cell far away
//! (XFD1048576) is skipped, never allocated as a range, and the whole workbook holds
//! at most [`MAKS_CELLER`] cells and [`MAKS_TEKST`] bytes of text.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Dimensions, Reader, Xlsx};

use super::celle::Vaerdi;
use super::pakke::{Art, for_stor, tjek_zip};
use crate::indhold::dato::Dato;

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

/// One sheet: its non-empty cells by (row, column), 0-based, and its merged areas.
#[derive(Debug, Default)]
pub struct Ark {
    pub navn: String,
    pub celler: BTreeMap<(u32, u32), Vaerdi>,
    pub flettede: Vec<Dimensions>,
}

impl Ark {
    pub fn celle(&self, raekke: u32, kolonne: u32) -> Option<&Vaerdi> {
        self.celler.get(&(raekke, kolonne))
    }

    /// The cells of a row, left to right.
    pub fn raekke(&self, raekke: u32) -> impl Iterator<Item = (u32, &Vaerdi)> {
        self.celler
            .range((raekke, 0)..(raekke + 1, 0))
            .map(|(&(_, k), v)| (k, v))
    }

    /// The rows that have a cell, top to bottom.
    pub fn raekker(&self) -> Vec<u32> {
        let mut ud: Vec<u32> = self.celler.keys().map(|&(r, _)| r).collect();
        ud.dedup();
        ud
    }
}

/// A workbook's sheets, in the workbook's order.
#[derive(Debug, Default)]
pub struct Projektmappe {
    pub ark: Vec<Ark>,
}

impl Projektmappe {
    /// The sheet named `navn`, ignoring case and surrounding spaces.
    pub fn ark(&self, navn: &str) -> Option<&Ark> {
        let navn = navn.to_lowercase();
        self.ark
            .iter()
            .find(|a| a.navn.trim().to_lowercase() == navn)
    }
}

/// Why a file cannot be read as a workbook: a Danish message and a hint.
#[derive(Debug, PartialEq, Eq)]
pub struct Aabningsfejl {
    pub besked: String,
    pub hint: String,
}

pub(super) fn fejl(besked: impl Into<String>, hint: impl Into<String>) -> Aabningsfejl {
    Aabningsfejl {
        besked: besked.into(),
        hint: hint.into(),
    }
}

pub(super) const GEM_IGEN: &str = "åbn filen i Excel eller LibreOffice, og gem den som Excel-projektmappe (.xlsx) eller OpenDocument-regneark (.ods)";

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

pub(super) fn krypteret() -> Aabningsfejl {
    fejl(
        "regnearket er beskyttet med en adgangskode og kan ikke læses",
        "fjern adgangskoden (i Excel: Filer → Oplysninger → Beskyt projektmappe → Krypter med adgangskode), og gem igen",
    )
}

/// A file the reader cannot make sense of; a part that inflates beyond the size it
/// declares (the zip reader stops it there) is named as such.
pub(super) fn beskadiget(e: impl std::fmt::Display) -> Aabningsfejl {
    let aarsag = e.to_string();
    if aarsag.contains("larger than its declared uncompressed size") {
        return for_stor(
            "en del af regnearket pakker sig ud til mere, end den selv oplyser; filen er beskadiget eller lavet til at fylde hukommelsen"
                .into(),
        );
    }
    fejl(
        "filen er beskadiget og kan ikke læses som regneark",
        format!("{GEM_IGEN} (teknisk årsag: {aarsag})"),
    )
}

fn laes_xlsx(bytes: Vec<u8>) -> Result<Projektmappe, Aabningsfejl> {
    let mut wb = Xlsx::new(Cursor::new(bytes)).map_err(beskadiget)?;
    let (mut mappe, mut fylde) = (Projektmappe::default(), Fylde::default());
    for navn in wb.sheet_names().into_iter().take(MAKS_ARK) {
        let mut ark = Ark {
            navn: navn.clone(),
            ..Ark::default()
        };
        laes_celler(&mut wb, &mut ark, &mut fylde)?;
        ark.flettede = wb.merge_cells_by_sheet_name(&navn).map_err(beskadiget)?;
        ark.flettede.truncate(MAKS_FLETTEDE);
        mappe.ark.push(ark);
    }
    Ok(mappe)
}

/// Streams a sheet's cells; rows below [`MAKS_RAEKKER`] end the reading (Excel and
/// LibreOffice write rows in order).
fn laes_celler(
    wb: &mut Xlsx<Cursor<Vec<u8>>>,
    ark: &mut Ark,
    fylde: &mut Fylde,
) -> Result<(), Aabningsfejl> {
    let mut laeser = wb.worksheet_cells_reader(&ark.navn).map_err(beskadiget)?;
    while let Some(c) = laeser.next_cell_with_formula().map_err(beskadiget)? {
        let (r, k) = c.pos;
        if r >= MAKS_RAEKKER {
            break;
        }
        let vaerdi = match c.formula {
            Some(f) if !f.is_empty() => Some(Vaerdi::Formel(f)),
            _ => vaerdi(Data::from(c.value)),
        };
        if let Some(v) = vaerdi {
            fylde.indsaet(ark, r, k, v)?;
        }
    }
    Ok(())
}

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

/// A calamine value as ours; `None` for an empty cell.
pub(super) fn vaerdi(d: Data) -> Option<Vaerdi> {
    Some(match d {
        Data::Empty => return None,
        Data::String(s) => Vaerdi::Tekst(s),
        Data::Int(i) => Vaerdi::Tal(i as f64),
        Data::Float(f) => Vaerdi::Tal(f),
        Data::Bool(b) => Vaerdi::Bool(b),
        Data::DateTime(t) if t.is_datetime() => {
            let (aar, maaned, dag, ..) = t.to_ymd_hms_milli();
            match Dato::parse(&format!("{aar:04}-{maaned:02}-{dag:02}")) {
                Ok(d) => Vaerdi::Dato(d),
                Err(_) => Vaerdi::Tal(t.as_f64()),
            }
        }
        Data::DateTime(t) => Vaerdi::Tal(t.as_f64()),
        Data::DateTimeIso(s) => match s.get(..10).map(Dato::parse) {
            Some(Ok(d)) => Vaerdi::Dato(d),
            _ => Vaerdi::Tekst(s),
        },
        Data::DurationIso(s) => Vaerdi::Tekst(s),
        Data::Error(e) => Vaerdi::Fejl(e.to_string()),
    })
}
