//! Reading a filled Word document into the raw model, every value at the place a
//! person finds it («tabel 2, anbefaling v3, feltet «Status»»), so that
//! [`crate::indhold::valider`] checks it with the rules and words of `check` and of the
//! workbooks. The tables are found by what they show: the oplysninger by the label
//! «Kommune» in the first column, the fremdriftsskema by the headers «Id»,
//! «Grøn/gul/rød» and «Bemærkninger», the proposals by «Titel» and «Tekst».

mod felt;
mod forslag;
mod oplysninger;
mod svartabel;

use std::path::Path;

use super::{Dokument, aabn};
use crate::diagnose::{Diagnose, Diagnoser};
use crate::indhold::model::Kkr;
use crate::indhold::raa::RawStatus;
use crate::indhold::valider::Regler;

const BRUG_SKEMAET: &str = "brug dokumentet fra «fremdrift skabelon --docx»; tabellernes overskrifter og første kolonne skal blive, som de er";

/// Reads the document at `sti` (shown as `vis`). Every problem goes to `d`; the raw
/// status comes back when the kommune could be read — but the file is only good when
/// `d` has no errors for it.
pub fn laes(sti: &Path, vis: &Path, kkr: &Kkr, d: &mut Diagnoser) -> Option<RawStatus> {
    match aabn(sti) {
        Ok(dok) => fra_dokument(&dok, vis, kkr, d),
        Err(e) => {
            d.push(Diagnose::fejl(vis, None, e.besked).med_hint(e.hint));
            None
        }
    }
}

/// The raw status of an opened document (see [`laes`]).
pub fn fra_dokument(dok: &Dokument, vis: &Path, kkr: &Kkr, d: &mut Diagnoser) -> Option<RawStatus> {
    let mut r = Regler::ny(vis, d);
    if dok.aendringer {
        r.advarsel(
            None,
            "dokumentet har ændringer, der ikke er godkendt (Spor ændringer); de er læst, som om de var godkendt",
            "tjek svarene; næste gang: godkend ændringerne i Word (Gennemse → Godkend alle ændringer), før dokumentet sendes",
        );
    }
    let svar = svartabel::svar(dok, &mut r);
    let forslag = forslag::forslag(dok, &mut r);
    let o = oplysninger::oplysninger(dok, kkr, &mut r)?;
    Some(RawStatus {
        kommune: o.kommune,
        behandlet: o.behandlet,
        kontakt: o.kontakt,
        udkast: o.udkast,
        svar,
        forslag,
    })
}
