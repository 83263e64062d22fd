//! The workbook a kommune fills in: «Fremdriftsskema» (one row per anbefaling, a
//! dropdown for the status), «Oplysninger», «Forslag» and «Sådan udfylder du skemaet».
//! A kommune with a status file gets its answers pre-filled, so the same workbook
//! also sends answers back for correction. The sheets are protected without a
//! password: the texts are locked, the cells to fill in are not.

mod format;
mod oplysninger;
mod svarark;
mod vejledning;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, ProtectionOptions, Workbook, XlsxError};

use crate::fejl::Fejl;
use crate::indhold::model::{Kkr, Kommune, KommuneStatus, Runde};
use crate::sidste_aar::SidsteAar;

pub(super) use format::{Formater, farve, raekkehoejde, sidehoved};

/// What goes into one kommune's workbook.
pub struct Skabelon<'a> {
    pub kkr: &'a Kkr,
    pub runde: &'a Runde,
    pub kommune: &'a Kommune,
    /// The kommune's answers so far, pre-filled.
    pub status: Option<&'a KommuneStatus>,
    /// Its answers of the previous period, shown read-only beside each anbefaling.
    pub sidste: Option<&'a SidsteAar>,
}

impl Skabelon<'_> {
    /// The workbook as .xlsx bytes; the same input gives the same bytes.
    pub fn xlsx(&self) -> Result<Vec<u8>, Fejl> {
        self.byg().map_err(|e| {
            Fejl::ny(format!(
                "kunne ikke lave regnearket for {}",
                self.kommune.navn
            ))
            .hint(xlsx_hint(&e))
            .aarsag(e)
        })
    }

    fn byg(&self) -> Result<Vec<u8>, XlsxError> {
        let mut wb = Workbook::new();
        wb.set_properties(&egenskaber(
            &format!(
                "Fremdriftsskema – {} – {}",
                self.kommune.navn, self.runde.titel
            ),
            self.kkr,
            self.runde,
        )?);
        let f = Formater::ny();
        svarark::skriv(wb.add_worksheet(), self, &f)?;
        oplysninger::skriv_oplysninger(wb.add_worksheet(), self, &f)?;
        oplysninger::skriv_forslag(wb.add_worksheet(), self, &f)?;
        vejledning::skriv(wb.add_worksheet(), self, &f)?;
        wb.save_to_buffer()
    }
}

/// Title, author and a fixed creation time (the round's date), so the bytes do not
/// depend on the clock.
pub(super) fn egenskaber(
    titel: &str,
    kkr: &Kkr,
    runde: &Runde,
) -> Result<DocProperties, XlsxError> {
    let d = &runde.dato;
    let tid = ExcelDateTime::from_ymd(d.aar.clamp(1900, 9999) as u16, d.maaned, d.dag)?;
    Ok(DocProperties::new()
        .set_title(titel)
        .set_author(&kkr.navn)
        .set_company(&kkr.navn)
        .set_creation_datetime(&tid))
}

/// A protected sheet whose locked cells can still be selected, and whose rows and
/// columns can be resized, filtered and sorted.
pub(super) fn beskyt(ws: &mut rust_xlsxwriter::Worksheet) {
    ws.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        use_autofilter: true,
        sort: true,
        ..ProtectionOptions::new()
    });
}

/// What to do when a workbook cannot be made.
fn xlsx_hint(e: &XlsxError) -> String {
    match e {
        XlsxError::MaxStringLengthExceeded => format!(
            "en tekst er længere end de {} tegn, en celle i et regneark kan rumme; forkort den i statusfilen",
            super::MAKS_TEGN
        ),
        _ => "kør med de samme filer igen; sker det igen, er det en fejl i fremdrift".into(),
    }
}
