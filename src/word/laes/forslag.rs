//! «Forslag til nye samarbejdsområder»: the table with the headers «Titel» and
//! «Tekst», one proposal per row with a title.

use super::felt::{self, raekke_sted, sted};
use crate::indhold::raa::RawForslag;
use crate::indhold::valider::Regler;
use crate::regneark::kolonne;
use crate::word::Dokument;

pub fn forslag(dok: &Dokument, r: &mut Regler) -> Vec<RawForslag> {
    let mut ud = Vec::new();
    for (i, tabel) in dok.tabeller.iter().enumerate() {
        let nr = i + 1;
        let Some((hoved, [Some(titel_k), Some(tekst_k)])) =
            felt::overskrift(tabel, [&[kolonne::TITEL], &[kolonne::TEKST]])
        else {
            continue;
        };
        for (j, raekke) in tabel.raekker.iter().enumerate().skip(hoved + 1) {
            let hvad = format!("forslag {}", j - hoved);
            let titel = felt::placeret(raekke.celle(titel_k), sted(nr, &hvad, kolonne::TITEL));
            let tekst = felt::placeret(raekke.celle(tekst_k), sted(nr, &hvad, kolonne::TEKST));
            match (titel, tekst) {
                (Some(titel), tekst) => ud.push(RawForslag { titel, tekst }),
                (None, Some(_)) => r.fejl(
                    Some(&raekke_sted(nr, j + 1)),
                    "forslaget har en tekst, men ingen titel",
                    "skriv en kort titel på forslaget",
                ),
                (None, None) => {}
            }
        }
    }
    ud
}
