//! The .docx a kommune fills in: the notat's head (NOTAT, the KKR mark, the title, a
//! short guide), the oplysninger, then the fremdriftsskema as the bilag shows it — one
//! table per fokusområde, SKAL/KAN subheadings, one row per anbefaling with a drop-down
//! status and a rich-text bemærkning — and the proposals. Ids and anbefaling texts sit
//! in locked controls; the answers in controls that can be filled in, not deleted.

mod dele;
mod forside;
mod forslag;
mod svartabel;
mod xml;

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;

use crate::fejl::Fejl;
use crate::regneark::Skabelon;

/// The document's content controls get ids counted from 1, so the bytes are stable.
#[derive(Default)]
pub(super) struct Ider(u32);

impl Ider {
    pub fn naeste(&mut self) -> u32 {
        self.0 += 1;
        self.0
    }
}

/// The kommune's document as .docx bytes; the same input gives the same bytes.
pub fn docx(s: &Skabelon) -> Result<Vec<u8>, Fejl> {
    let mut ider = Ider::default();
    let mut krop = forside::skriv(s, &mut ider);
    krop.push_str(&svartabel::skriv(s, &mut ider));
    krop.push_str(&forslag::skriv(s, &mut ider));
    let titel = format!("Fremdriftsskema – {} – {}", s.kommune.navn, s.runde.titel);
    let dele = [
        ("[Content_Types].xml", dele::INDHOLDSTYPER.to_string()),
        ("_rels/.rels", dele::RELATIONER.to_string()),
        (
            "docProps/core.xml",
            dele::egenskaber(&titel, &s.kkr.navn, &s.runde.dato.iso()),
        ),
        ("word/document.xml", dele::dokument(&krop)),
        (
            "word/_rels/document.xml.rels",
            dele::DOKUMENT_RELATIONER.to_string(),
        ),
        ("word/styles.xml", dele::TYPOGRAFIER.to_string()),
        ("word/settings.xml", dele::INDSTILLINGER.to_string()),
        ("word/footer1.xml", dele::SIDEFOD.to_string()),
    ];
    pak(&dele).map_err(|e| {
        Fejl::ny(format!(
            "kunne ikke lave Word-dokumentet for {}",
            s.kommune.navn
        ))
        .hint("kør med de samme filer igen; sker det igen, er det en fejl i fremdrift")
        .aarsag(e)
    })
}

/// The parts as a zip, deflated, every time stamp the zip format's first (1980).
fn pak(dele: &[(&str, String)]) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let valg = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (navn, indhold) in dele {
        zip.start_file(*navn, valg)?;
        zip.write_all(indhold.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}
