//! «Fremdriftsskema»: one answer per row, found by its Id — rows may be sorted,
//! filtered, hidden or blank, and columns moved.

use super::super::{Ark, celle_navn, kolonne};
use super::felt::{self, sted};
use super::overskrift;
use crate::indhold::raa::{Placeret, RawSvar, Tekst};
use crate::indhold::valider::Regler;

const KENDTE: [&str; 6] = [
    kolonne::ID,
    kolonne::FOKUS,
    kolonne::NIVEAU,
    kolonne::ANBEFALING,
    kolonne::STATUS,
    kolonne::BEMAERKNING,
];
const KRAEVEDE: [&str; 3] = [kolonne::ID, kolonne::STATUS, kolonne::BEMAERKNING];

/// The answers of the sheet, in row order, each id at its cell.
pub fn svar(ark: &Ark, r: &mut Regler) -> Vec<(Placeret<Tekst>, RawSvar)> {
    let Some(o) = overskrift::find(ark, &KENDTE, &KRAEVEDE, r) else {
        return Vec::new();
    };
    let [id, status, bem] = KRAEVEDE.map(|k| o.kolonne(k).expect("required header"));
    flettede(ark, o.raekke + 1, &[id, status, bem], r);
    ark.raekker()
        .into_iter()
        .filter(|&raekke| raekke > o.raekke)
        .filter_map(|raekke| raekke_svar(ark, raekke, [id, status, bem], r))
        .collect()
}

/// One row's answer; `None` for a row without id and answer (or with errors).
fn raekke_svar(
    ark: &Ark,
    raekke: u32,
    [id_k, status_k, bem_k]: [u32; 3],
    r: &mut Regler,
) -> Option<(Placeret<Tekst>, RawSvar)> {
    let id = felt::tekst(ark, raekke, id_k, r);
    let status = felt::status(ark, raekke, status_k, r);
    let bemaerkning = felt::tekst(ark, raekke, bem_k, r);
    let Some(id) = id else {
        if status.is_some() || bemaerkning.is_some() {
            r.fejl(
                Some(&sted(ark, raekke, id_k)),
                format!("række {} har et svar, men intet id", raekke + 1),
                "skriv anbefalingens id i kolonnen «Id», eller slet svaret",
            );
        }
        return None;
    };
    let id = Placeret::ny(Tekst(id.vaerdi.trim().to_string()), id.sted);
    Some((
        id,
        RawSvar {
            status,
            bemaerkning,
        },
    ))
}

/// Merged cells that join two cells read from `fra_raekke` on (two rows' answers, or
/// an answer with its id): a merged area keeps only its first cell's value, so the rest
/// would be lost unseen.
pub fn flettede(ark: &Ark, fra_raekke: u32, kolonner: &[u32], r: &mut Regler) {
    for f in &ark.flettede {
        let (start, slut) = (f.start, f.end);
        let foerste = start.0.max(fra_raekke);
        let raekker = u64::from(slut.0.saturating_sub(foerste)) + u64::from(slut.0 >= foerste);
        let laeste = kolonner
            .iter()
            .filter(|&&k| (start.1..=slut.1).contains(&k))
            .count() as u64;
        if raekker * laeste >= 2 {
            r.fejl(
                Some(&sted(ark, start.0, start.1)),
                format!(
                    "cellerne {}:{} er flettet sammen",
                    celle_navn(start.0, start.1),
                    celle_navn(slut.0, slut.1)
                ),
                "ophæv fletningen (i Excel: Start → Flet og centrer), så hvert svar har sin egen celle",
            );
        }
    }
}
