//! Export of a laid-out document: a tagged PDF (PDF/A-2a + PDF/UA-1) with the content's
//! date as its timestamp.

use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use super::genereret_sti;
use crate::diagnose::{Diagnose, Diagnoser};
use crate::markup::Kilde;

/// Exports a laid-out document as a tagged PDF/A-2a + PDF/UA-1 file.
pub fn pdf_af(dokument: &PagedDocument, kilde: &Kilde) -> Result<Vec<u8>, Diagnoser> {
    let standarder = PdfStandards::new(&[PdfStandard::A_2a, PdfStandard::Ua_1])
        .expect("PDF/A-2a and PDF/UA-1 are compatible");
    let tid = Datetime::from_ymd_hms(kilde.dato.aar, kilde.dato.maaned, kilde.dato.dag, 12, 0, 0)
        .map(Timestamp::new_utc);
    let valg = PdfOptions {
        ident: Smart::Custom(format!("fremdrift/{}", kilde.navn)),
        creator: Smart::Custom(Some(format!("fremdrift {}", env!("CARGO_PKG_VERSION")))),
        timestamp: tid,
        standards: standarder,
        tagged: true,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(dokument, &valg).map_err(|fejl| {
        let mut d = Diagnoser::default();
        for f in fejl.iter() {
            let (besked, hint) = manglende_tegn(&f.message).unwrap_or_else(|| {
                let hint = super::hints(f)
                    .unwrap_or_else(|| "dokumentet overholder ikke PDF/A-2a eller PDF/UA-1".into());
                (format!("PDF-eksport: {}", f.message), hint)
            });
            d.push(Diagnose::fejl(genereret_sti(kilde), None, besked).med_hint(hint));
        }
        d
    })
}

/// typst-pdf's «the text `"✓"` could not be displayed with font `"Carlito"`» (PDF/A
/// allows no glyph the font lacks) as a Danish message and hint.
fn manglende_tegn(besked: &str) -> Option<(String, String)> {
    let efter = besked.split_once("the text `")?.1;
    let (tekst, rest) = efter.split_once("` could not be displayed with font `")?;
    let font = rest.trim_end_matches('`').trim_matches('"');
    let tekst = tekst.trim_matches('"');
    let koder: Vec<String> = tekst
        .chars()
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    Some((
        format!("teksten «{tekst}» kan ikke vises med skrifttypen «{font}»"),
        format!(
            "PDF/A kræver, at hvert tegn findes i en indlejret skrifttype: søg efter «{tekst}» ({}) i content/, og erstat det – eller læg en skrifttype med tegnet i fonts/, og brug den i en egen skabelon",
            koder.join(" ")
        ),
    ))
}
