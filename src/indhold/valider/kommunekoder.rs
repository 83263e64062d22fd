//! In a project for one of the five KKR, every kommune is one of the 98: a code that is
//! not, or a name that does not fit its code, is most likely a slip of the keyboard.

use super::Regler;
use crate::diagnose::{Sted, naermeste};
use crate::indhold::kommuner::{KommuneData, kkr_listen};

/// Warnings for a kommune whose code is not one of the 98, or whose name is another
/// kommune's, with «mente du …?» from the nearest name — but only when the project is
/// for one of the five KKR by name (test regions and other uses keep their own codes).
pub(super) fn tjek(kkr_navn: &str, kode: u32, navn: &str, sted: &Sted, r: &mut Regler) {
    let alle = kkr_listen();
    if !alle.values().any(|k| k.navn == kkr_navn.trim()) {
        return;
    }
    let kommuner: Vec<&KommuneData> = alle.values().flat_map(|k| &k.kommuner).collect();
    let navn = navn.trim();
    // The nearest name only when there is something to say.
    let forslag = |ellers: &str| {
        let ved_navn = naermeste(navn, kommuner.iter().map(|k| k.navn.as_str()))
            .and_then(|n| kommuner.iter().find(|k| k.navn == n));
        match ved_navn {
            Some(k) => format!("mente du {} ({})?", k.kode, k.navn),
            None => ellers.to_string(),
        }
    };
    match kommuner.iter().find(|k| k.kode == kode) {
        None => r.advarsel(
            Some(sted),
            format!("kommunekode {kode} («{navn}») er ikke en af de 98 kommunekoder"),
            forslag("se de 98 kommuner og deres koder hos Danmarks Statistik, eller i data/kommuner.yaml"),
        ),
        Some(k) if k.navn != navn => r.advarsel(
            Some(sted),
            format!("kommunekode {kode} er {}, ikke «{navn}»", k.navn),
            forslag(&format!("ret navnet til «{}», eller ret koden", k.navn)),
        ),
        Some(_) => {}
    }
}
