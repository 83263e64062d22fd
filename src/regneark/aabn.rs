//! Opening a workbook safely: the file's kind from its first bytes (never its name),
//! the zip's declared part sizes checked before anything is inflated, and each
//! sheet's cells read as a stream into a sparse, bounded map — a stray cell far away
//! (XFD1048576) is skipped, never allocated as a range.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{Data, Dimensions, Ods, Reader, Xlsx};

use super::celle::Vaerdi;
use crate::indhold::dato::Dato;

/// The largest file read (a filled workbook is some 20 kB).
pub const MAKS_FIL: u64 = 20 * 1024 * 1024;
/// The largest part of the zip, and all parts together, as they declare themselves.
pub const MAKS_DEL: u64 = 64 * 1024 * 1024;
pub const MAKS_UDPAKKET: u64 = 256 * 1024 * 1024;
/// The most parts in the zip, and the most sheets looked at.
const MAKS_DELE: usize = 4_000;
const MAKS_ARK: usize = 32;
/// The most merged areas looked at per sheet.
const MAKS_FLETTEDE: usize = 10_000;
/// Only cells in the first rows and columns are read: a round has some 50
/// anbefalinger; a sheet of a million rows is not read to its end.
pub const MAKS_RAEKKER: u32 = 5_000;
pub const MAKS_KOLONNER: u32 = 64;

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

fn fejl(besked: impl Into<String>, hint: impl Into<String>) -> Aabningsfejl {
    Aabningsfejl {
        besked: besked.into(),
        hint: hint.into(),
    }
}

const GEM_IGEN: &str = "åbn filen i Excel eller LibreOffice, og gem den som Excel-projektmappe (.xlsx) eller OpenDocument-regneark (.ods)";

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
        Art::Ods => laes_ods(bytes),
    })
    .unwrap_or_else(|_| Err(beskadiget("læseren stødte på en uventet fejl i filen")))
}

fn laes_fil(sti: &Path) -> Result<Vec<u8>, Aabningsfejl> {
    let io = |e: std::io::Error| {
        fejl(
            format!(
                "filen kan ikke læses: {}",
                crate::indhold::yaml::io_fejl(&e)
            ),
            "tjek at filen findes, og at du har adgang til den",
        )
    };
    let mut bytes = Vec::new();
    std::fs::File::open(sti)
        .and_then(|f| f.take(MAKS_FIL + 1).read_to_end(&mut bytes))
        .map_err(io)?;
    Ok(bytes)
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
    let navn: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    if bytes.windows(navn.len()).any(|w| w == navn.as_slice()) {
        return krypteret();
    }
    fejl(
        "filen er i det gamle Excel-format (.xls), som fremdrift ikke læser",
        "åbn filen i Excel eller LibreOffice, og gem den som Excel-projektmappe (.xlsx)",
    )
}

fn krypteret() -> Aabningsfejl {
    fejl(
        "regnearket er beskyttet med en adgangskode og kan ikke læses",
        "fjern adgangskoden (i Excel: Filer → Oplysninger → Beskyt projektmappe → Krypter med adgangskode), og gem igen",
    )
}

enum Art {
    Xlsx,
    Ods,
}

/// The zip's parts by their declared sizes, before anything is inflated.
fn tjek_zip(bytes: &[u8]) -> Result<Art, Aabningsfejl> {
    let beskadiget = || {
        fejl(
            "filen er beskadiget og kan ikke læses som regneark",
            GEM_IGEN,
        )
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| beskadiget())?;
    if zip.len() > MAKS_DELE {
        return Err(fejl(format!("regnearket har {} dele", zip.len()), GEM_IGEN));
    }
    let (mut i_alt, mut xlsx, mut ods) = (0u64, false, false);
    for i in 0..zip.len() {
        let del = zip.by_index_raw(i).map_err(|_| beskadiget())?;
        let navn = del.name().map_err(|_| beskadiget())?.into_owned();
        i_alt = i_alt.saturating_add(del.size());
        if del.size() > MAKS_DEL {
            return Err(for_stor(format!(
                "delen «{navn}» af regnearket pakker sig ud til {} MB; fremdrift læser højst {} MB pr. del",
                del.size() >> 20,
                MAKS_DEL >> 20
            )));
        }
        if i_alt > MAKS_UDPAKKET {
            return Err(for_stor(format!(
                "regnearket pakker sig ud til mere end {} MB; fremdrift læser højst det",
                MAKS_UDPAKKET >> 20
            )));
        }
        xlsx |= navn == "xl/workbook.xml";
        ods |= navn == "content.xml";
    }
    match (xlsx, ods) {
        (true, _) => Ok(Art::Xlsx),
        (_, true) => Ok(Art::Ods),
        _ => Err(fejl(
            "filen er et zip-arkiv, men ikke et regneark",
            GEM_IGEN,
        )),
    }
}

fn for_stor(besked: String) -> Aabningsfejl {
    fejl(
        besked,
        "et udfyldt skema fylder under 1 MB; tjek at det er den rigtige fil",
    )
}

fn beskadiget(e: impl std::fmt::Display) -> Aabningsfejl {
    fejl(
        "filen er beskadiget og kan ikke læses som regneark",
        format!("{GEM_IGEN} (teknisk årsag: {e})"),
    )
}

fn laes_xlsx(bytes: Vec<u8>) -> Result<Projektmappe, Aabningsfejl> {
    let mut wb = Xlsx::new(Cursor::new(bytes)).map_err(beskadiget)?;
    let mut mappe = Projektmappe::default();
    for navn in wb.sheet_names().into_iter().take(MAKS_ARK) {
        let mut ark = Ark {
            navn: navn.clone(),
            ..Ark::default()
        };
        laes_celler(&mut wb, &mut ark)?;
        ark.flettede = wb.merge_cells_by_sheet_name(&navn).map_err(beskadiget)?;
        ark.flettede.truncate(MAKS_FLETTEDE);
        mappe.ark.push(ark);
    }
    Ok(mappe)
}

/// Streams a sheet's cells; rows below [`MAKS_RAEKKER`] end the reading (Excel and
/// LibreOffice write rows in order).
fn laes_celler(wb: &mut Xlsx<Cursor<Vec<u8>>>, ark: &mut Ark) -> Result<(), Aabningsfejl> {
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
        if let (true, Some(v)) = (inden_for(r, k), vaerdi) {
            ark.celler.insert((r, k), v);
        }
    }
    Ok(())
}

fn laes_ods(bytes: Vec<u8>) -> Result<Projektmappe, Aabningsfejl> {
    let mut wb = Ods::new(Cursor::new(bytes)).map_err(|e| match e {
        calamine::OdsError::Password => krypteret(),
        e => beskadiget(e),
    })?;
    let mut mappe = Projektmappe::default();
    for navn in wb.sheet_names().into_iter().take(MAKS_ARK) {
        let data = wb.worksheet_range(&navn).map_err(beskadiget)?;
        let formler = wb.worksheet_formula(&navn).map_err(beskadiget)?;
        let mut ark = Ark {
            navn,
            ..Ark::default()
        };
        let (r0, k0) = data.start().unwrap_or_default();
        for (r, k, d) in data.used_cells() {
            let (r, k) = (r as u32 + r0, k as u32 + k0);
            if let (true, Some(v)) = (inden_for(r, k), vaerdi(d.clone())) {
                ark.celler.insert((r, k), v);
            }
        }
        let (r0, k0) = formler.start().unwrap_or_default();
        for (r, k, f) in formler.used_cells() {
            let (r, k) = (r as u32 + r0, k as u32 + k0);
            if inden_for(r, k) && !f.is_empty() {
                ark.celler.insert((r, k), Vaerdi::Formel(f.clone()));
            }
        }
        mappe.ark.push(ark);
    }
    Ok(mappe)
}

fn inden_for(raekke: u32, kolonne: u32) -> bool {
    raekke < MAKS_RAEKKER && kolonne < MAKS_KOLONNER
}

/// A calamine value as ours; `None` for an empty cell.
fn vaerdi(d: Data) -> Option<Vaerdi> {
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
