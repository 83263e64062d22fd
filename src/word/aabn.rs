//! Opening a Word document safely: its kind from its first bytes (an old .doc or an
//! encrypted file is refused with what to do), the zip checked before anything is
//! inflated with the workbook's checks ([`crate::regneark::pakke`]), then
//! `word/document.xml` read as a stream ([`super::dokumentxml`]).

use std::io::{BufReader, Cursor, Read};
use std::path::Path;

use super::aabningsfejl::{DOKUMENT, GEM_IGEN, beskadiget, fejl};
use super::dokumentxml::{self, Dokument};
pub use crate::regneark::Aabningsfejl;
use crate::regneark::pakke;

/// The largest file read (a filled document is some 50 kB).
pub const MAKS_FIL: u64 = 20 * 1024 * 1024;

/// Reads the document at `sti`.
pub fn aabn(sti: &Path) -> Result<Dokument, Aabningsfejl> {
    aabn_bytes(laes_fil(sti)?)
}

/// Reads a document already in memory.
pub fn aabn_bytes(bytes: Vec<u8>) -> Result<Dokument, Aabningsfejl> {
    if bytes.len() as u64 > MAKS_FIL {
        return Err(fejl(
            format!(
                "filen fylder over {} MB; et udfyldt skema fylder under 1 MB",
                bytes.len() >> 20
            ),
            "send dokumentet uden billeder, eller tjek at det er den rigtige fil",
        ));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(ole(&bytes));
    }
    if bytes.starts_with(b"{\\rtf") {
        return Err(fejl(
            "filen er et RTF-dokument, ikke et Word-dokument (.docx)",
            GEM_IGEN,
        ));
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(fejl("filen er ikke et Word-dokument (.docx)", GEM_IGEN));
    }
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| pakke::ulaeselig_som(&DOKUMENT))?;
    let navne = pakke::tjek_dele(&mut zip, &DOKUMENT)?;
    art(&mut zip, &navne)?;
    pakke::tjek_prologer(&mut zip, &navne, &DOKUMENT)?;
    let del = zip.by_name("word/document.xml").map_err(beskadiget)?;
    dokumentxml::laes(BufReader::new(del))
}

/// A zip that is not a Word document: a workbook, an OpenDocument text, something else.
fn art<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    navne: &[String],
) -> Result<(), Aabningsfejl> {
    let har = |n: &str| navne.iter().any(|x| x == n);
    if har("word/document.xml") {
        return Ok(());
    }
    if har("xl/workbook.xml") {
        return Err(fejl(
            "filen er et Excel-regneark, ikke et Word-dokument",
            "giv filen endelsen .xlsx, så læses den som regneark",
        ));
    }
    if har("content.xml") {
        let mut mime = Vec::new();
        if let Ok(m) = zip.by_name("mimetype") {
            let _ = m.take(128).read_to_end(&mut mime);
        }
        if mime.starts_with(b"application/vnd.oasis.opendocument.spreadsheet") {
            return Err(fejl(
                "filen er et OpenDocument-regneark, ikke et Word-dokument",
                "giv filen endelsen .ods, så læses den som regneark",
            ));
        }
        return Err(fejl(
            "filen er et OpenDocument-dokument (.odt), som fremdrift ikke læser",
            GEM_IGEN,
        ));
    }
    Err(fejl(
        "filen er et zip-arkiv, men ikke et Word-dokument",
        GEM_IGEN,
    ))
}

fn laes_fil(sti: &Path) -> Result<Vec<u8>, Aabningsfejl> {
    pakke::laes_fil(sti, MAKS_FIL)
}

/// An OLE compound file: an encrypted .docx (Word keeps one in such a file) or an old
/// .doc.
fn ole(bytes: &[u8]) -> Aabningsfejl {
    if pakke::krypteret(bytes) {
        return fejl(
            "dokumentet er beskyttet med en adgangskode og kan ikke læses",
            "fjern adgangskoden (i Word: Filer → Oplysninger → Beskyt dokument → Krypter med adgangskode), og gem igen",
        );
    }
    fejl(
        "filen er i det gamle Word-format (.doc), som fremdrift ikke læser",
        "åbn filen i Word eller LibreOffice Writer, og gem den som Word-dokument (.docx): Filer → Gem som → Word-dokument",
    )
}
