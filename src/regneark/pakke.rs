//! The zip a workbook is packed in, checked before any sheet is read: the parts'
//! declared sizes (a zip bomb is refused before it is inflated; a part that lies about
//! its size is cut off by the zip reader at the size it declares), the number of
//! parts, the workbook's kind, and no XML part with a document type declaration — the
//! door to entity expansion («billion laughs») and external entities, which Excel and
//! LibreOffice never write.

use std::io::{BufReader, Cursor, Read, Seek};

use quick_xml::Reader;
use quick_xml::events::Event;

use super::aabningsfejl::{Aabningsfejl, GEM_IGEN, beskadiget, fejl, for_stor};

/// The largest part of the zip, and all parts together, as they declare themselves.
pub const MAKS_DEL: u64 = 64 * 1024 * 1024;
pub const MAKS_UDPAKKET: u64 = 256 * 1024 * 1024;
/// The largest XML part that is read whole (shared strings, styles, the workbook, its
/// relations), not as a stream: a filled workbook's largest, the shared strings, is
/// some 50 kB; 8 MB of tiny strings already take a second to read.
pub const MAKS_HEL_DEL: u64 = 8 * 1024 * 1024;
/// The most parts in the zip.
const MAKS_DELE: usize = 4_000;
/// The most bytes of a part's XML prolog looked at for a document type declaration.
const MAKS_PROLOG: u64 = 64 * 1024;

/// What the zip holds.
pub enum Art {
    Xlsx,
    Ods,
}

const ODS_MIMETYPE: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

/// The kind of file a zip is checked as, for the messages: a workbook here, a Word
/// document in [`crate::word`].
pub struct Slags {
    /// «regnearket», «dokumentet».
    pub navn: &'static str,
    /// The programs that never write a document type declaration.
    pub programmer: &'static str,
    /// What to do with a file that cannot be read.
    pub gem_igen: &'static str,
    /// An XML part read whole, not as a stream (held to [`MAKS_HEL_DEL`]).
    pub laeses_hel: fn(&str) -> bool,
}

/// A workbook (.xlsx, .ods).
pub const REGNEARK: Slags = Slags {
    navn: "regnearket",
    programmer: "Excel og LibreOffice",
    gem_igen: GEM_IGEN,
    laeses_hel,
};

/// The zip's parts by their declared sizes, before anything is inflated; then the
/// prolog of each XML part.
pub fn tjek_zip(bytes: &[u8]) -> Result<Art, Aabningsfejl> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| ulaeselig())?;
    let navne = tjek_dele(&mut zip, &REGNEARK)?;
    let xlsx = navne.iter().any(|n| n == "xl/workbook.xml");
    let ods = navne.iter().any(|n| n == "content.xml");
    let art = match (xlsx, ods) {
        (true, _) => Art::Xlsx,
        (_, true) => Art::Ods,
        _ => {
            return Err(fejl(
                "filen er et zip-arkiv, men ikke et regneark",
                GEM_IGEN,
            ));
        }
    };
    if let Art::Ods = art {
        tjek_mimetype(&mut zip)?;
    }
    tjek_prologer(&mut zip, &navne, &REGNEARK)?;
    Ok(art)
}

/// The number of parts and each part's declared size, before anything is inflated;
/// the parts' names, in the zip's order.
pub fn tjek_dele<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    slags: &Slags,
) -> Result<Vec<String>, Aabningsfejl> {
    let hvad = slags.navn;
    if zip.len() > MAKS_DELE {
        return Err(for_stor(format!(
            "{hvad} har {} dele; fremdrift læser højst {MAKS_DELE}",
            zip.len()
        )));
    }
    let mut i_alt = 0u64;
    let mut navne = Vec::with_capacity(zip.len());
    for i in 0..zip.len() {
        let del = zip.by_index_raw(i).map_err(|_| ulaeselig_som(slags))?;
        let navn = (del.name().map_err(|_| ulaeselig_som(slags))?).into_owned();
        i_alt = i_alt.saturating_add(del.size());
        if del.size() > MAKS_DEL {
            return Err(for_stor(format!(
                "delen «{navn}» af {hvad} pakker sig ud til {} MB; fremdrift læser højst {} MB pr. del",
                del.size() >> 20,
                MAKS_DEL >> 20
            )));
        }
        if del.size() > MAKS_HEL_DEL && (slags.laeses_hel)(&navn) {
            return Err(for_stor(format!(
                "delen «{navn}» af {hvad} pakker sig ud til {} MB; fremdrift læser højst {} MB af en del, der læses hel",
                del.size() >> 20,
                MAKS_HEL_DEL >> 20
            )));
        }
        if i_alt > MAKS_UDPAKKET {
            return Err(for_stor(format!(
                "{hvad} pakker sig ud til mere end {} MB; fremdrift læser højst det",
                MAKS_UDPAKKET >> 20
            )));
        }
        navne.push(navn);
    }
    Ok(navne)
}

/// The prolog of every XML part (see [`tjek_prolog`]).
pub fn tjek_prologer<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    navne: &[String],
    slags: &Slags,
) -> Result<(), Aabningsfejl> {
    for (i, navn) in navne.iter().enumerate() {
        if navn.ends_with(".xml") || navn.ends_with(".rels") {
            let del = zip.by_index(i).map_err(|e| beskadiget_som(slags, e))?;
            tjek_prolog(del, navn, slags)?;
        }
    }
    Ok(())
}

/// An XML part the readers take in whole: all but the sheets (.xlsx), which are read
/// as a stream of cells, and content.xml (.ods), read as a stream by [`super::ods`].
fn laeses_hel(navn: &str) -> bool {
    (navn.ends_with(".xml") || navn.ends_with(".rels"))
        && !navn.starts_with("xl/worksheets/")
        && navn != "content.xml"
}

/// An OpenDocument file says what it is in its part «mimetype»: a text document
/// (.odt) has a content.xml too.
fn tjek_mimetype<R: Read + Seek>(zip: &mut zip::ZipArchive<R>) -> Result<(), Aabningsfejl> {
    let mut mime = Vec::new();
    zip.by_name("mimetype")
        .map_err(beskadiget)?
        .take(128)
        .read_to_end(&mut mime)
        .map_err(beskadiget)?;
    if mime.trim_ascii().starts_with(ODS_MIMETYPE) {
        return Ok(());
    }
    Err(fejl(
        format!(
            "filen er et OpenDocument-dokument af typen «{}», ikke et regneark",
            String::from_utf8_lossy(mime.trim_ascii())
        ),
        GEM_IGEN,
    ))
}

/// Reads a part's XML up to its first element: a document type declaration there is
/// refused, whatever it declares. (Past [`MAKS_PROLOG`] bytes of prolog, the readers
/// still expand no entity: one that XML does not predefine is an error to them.)
fn tjek_prolog(del: impl Read, navn: &str, slags: &Slags) -> Result<(), Aabningsfejl> {
    let mut xml = Reader::from_reader(BufReader::new(del));
    let mut buf = Vec::new();
    while xml.buffer_position() < MAKS_PROLOG {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::DocType(_)) => return Err(dtd(navn, slags)),
            Ok(Event::Decl(_) | Event::Comment(_) | Event::PI(_) | Event::Text(_)) => {}
            // Damaged XML, or a part that inflates beyond its declared size.
            Err(e) => return Err(beskadiget_som(slags, e)),
            // The first element, or the end of the part or of what is looked at.
            Ok(_) => return Ok(()),
        }
    }
    Ok(())
}

/// A document type declaration in an XML part.
pub fn dtd(navn: &str, slags: &Slags) -> Aabningsfejl {
    fejl(
        format!(
            "delen «{navn}» af {} har en dokumenttypeerklæring (<!DOCTYPE …>), som {} aldrig skriver; fremdrift læser den ikke og udfolder ingen XML-entiteter",
            slags.navn, slags.programmer
        ),
        slags.gem_igen,
    )
}

fn ulaeselig() -> Aabningsfejl {
    fejl(
        "filen er beskadiget og kan ikke læses som regneark",
        GEM_IGEN,
    )
}

/// A zip whose directory cannot be read.
pub fn ulaeselig_som(slags: &Slags) -> Aabningsfejl {
    if slags.navn == REGNEARK.navn {
        return ulaeselig();
    }
    fejl(
        format!("filen er beskadiget, og {} kan ikke læses", slags.navn),
        slags.gem_igen,
    )
}

/// A part that cannot be read; see [`beskadiget`].
pub fn beskadiget_som(slags: &Slags, e: impl std::fmt::Display) -> Aabningsfejl {
    if slags.navn == REGNEARK.navn {
        return beskadiget(e);
    }
    let aarsag = e.to_string();
    if aarsag.contains("larger than its declared uncompressed size") {
        return for_stor(format!(
            "en del af {} pakker sig ud til mere, end den selv oplyser; filen er beskadiget eller lavet til at fylde hukommelsen",
            slags.navn
        ));
    }
    fejl(
        format!("filen er beskadiget, og {} kan ikke læses", slags.navn),
        format!("{} (teknisk årsag: {aarsag})", slags.gem_igen),
    )
}

/// `&amp;`, `&#10;` and the other references XML defines; any other entity is
/// refused, never expanded (workbooks and Word documents alike).
pub fn xml_entitet(r: &quick_xml::events::BytesRef, slags: &Slags) -> Result<String, Aabningsfejl> {
    let indhold = r.xml10_content();
    if let Some(s) = quick_xml::escape::resolve_xml_entity(&indhold) {
        return Ok(s.to_string());
    }
    match r.resolve_char_ref().map_err(|e| beskadiget_som(slags, e))? {
        Some(c) => Ok(c.to_string()),
        None => Err(beskadiget_som(
            slags,
            format!("ukendt XML-entitet «&{indhold};»"),
        )),
    }
}

/// Reads the file at `sti`, at most `maks` bytes and one more (so the caller sees a
/// larger file as larger).
pub fn laes_fil(sti: &std::path::Path, maks: u64) -> Result<Vec<u8>, Aabningsfejl> {
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
        .and_then(|f| f.take(maks + 1).read_to_end(&mut bytes))
        .map_err(io)?;
    Ok(bytes)
}

/// Whether an OLE compound file holds an encrypted Office package (Excel and Word keep
/// a password-protected .xlsx or .docx in one; an old .xls or .doc has none).
pub fn krypteret(bytes: &[u8]) -> bool {
    let navn: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.windows(navn.len()).any(|w| w == navn.as_slice())
}
