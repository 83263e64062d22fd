//! Reading a filled workbook (.xlsx from Excel or LibreOffice, or .ods) into the raw
//! model, every value at its sheet and cell, so that [`crate::indhold::valider`]
//! checks it with the same rules and words as a YAML status file.

mod felt;
mod oplysninger;
mod overskrift;
mod svarark;

use std::path::Path;

use super::{ARK_FORSLAG, ARK_OPLYSNINGER, ARK_SKEMA, Projektmappe, aabn};
use crate::diagnose::{Diagnose, Diagnoser};
use crate::indhold::model::{Kkr, Runde};
use crate::indhold::raa::RawStatus;
use crate::indhold::valider::Regler;

const BRUG_SKEMAET: &str =
    "brug skemaet fra «fremdrift skabelon --xlsx»; arkene må gerne flyttes, men ikke omdøbes";

fn mangler(navn: &str, r: &mut Regler) {
    r.fejl(
        None,
        format!("regnearket har intet ark «{navn}»"),
        BRUG_SKEMAET,
    );
}

/// Reads the workbook at `sti` (shown as `vis`). Every problem goes to `d`; the raw
/// status comes back when the kommune could be read, for the validator to check —
/// but the file is only good when `d` has no errors for it.
pub fn laes(
    sti: &Path,
    vis: &Path,
    kkr: &Kkr,
    runde: &Runde,
    d: &mut Diagnoser,
) -> Option<RawStatus> {
    match aabn(sti) {
        Ok(mappe) => fra_projektmappe(&mappe, vis, kkr, runde, d),
        Err(e) => {
            d.push(Diagnose::fejl(vis, None, e.besked).med_hint(e.hint));
            None
        }
    }
}

/// The raw status of an opened workbook (see [`laes`]); `runde` gives the hints their
/// example dates.
pub fn fra_projektmappe(
    mappe: &Projektmappe,
    vis: &Path,
    kkr: &Kkr,
    runde: &Runde,
    d: &mut Diagnoser,
) -> Option<RawStatus> {
    let mut r = Regler::ny(vis, d).med_eksempel(runde.dato);
    let svar = match mappe.ark(ARK_SKEMA) {
        Some(ark) => svarark::svar(ark, &mut r),
        None => {
            mangler(ARK_SKEMA, &mut r);
            Vec::new()
        }
    };
    let forslag = mappe
        .ark(ARK_FORSLAG)
        .map(|ark| oplysninger::forslag(ark, &mut r))
        .unwrap_or_default();
    let Some(ark) = mappe.ark(ARK_OPLYSNINGER) else {
        mangler(ARK_OPLYSNINGER, &mut r);
        return None;
    };
    let o = oplysninger::oplysninger(ark, kkr, &mut r)?;
    Some(RawStatus {
        kommune: o.kommune,
        behandlet: o.behandlet,
        kontakt: o.kontakt,
        udkast: o.udkast,
        svar,
        forslag,
    })
}
