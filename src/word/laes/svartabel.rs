//! The fremdriftsskema: every table whose header row has «Id», «Grøn/gul/rød» and
//! «Bemærkninger» (or «Status» and «Bemærkning», the workbook's words), one answer per
//! row with an id. Rows may be moved or deleted; a subheading row (SKAL/KAN) spans the
//! answer columns and is passed by.

use super::felt::{self, raekke_sted, sted};
use crate::indhold::raa::{Placeret, RawSvar, Tekst};
use crate::indhold::valider::Regler;
use crate::regneark::kolonne;
use crate::word::{BEMAERKNINGER, Dokument, IKKE_BESVARET, Raekke, STATUS};

const ID: &[&str] = &[kolonne::ID];
const STATUS_ORD: &[&str] = &[STATUS, kolonne::STATUS];
const BEM_ORD: &[&str] = &[BEMAERKNINGER, kolonne::BEMAERKNING];

/// The answers of all skema tables, in the document's order, each id at its place.
pub fn svar(dok: &Dokument, r: &mut Regler) -> Vec<(Placeret<Tekst>, RawSvar)> {
    let mut ud = Vec::new();
    let mut fundet = false;
    for (i, tabel) in dok.tabeller.iter().enumerate() {
        let nr = i + 1;
        let Some((hoved, [id, status, bem])) = felt::overskrift(tabel, [ID, STATUS_ORD, BEM_ORD])
        else {
            continue;
        };
        if status.is_none() && bem.is_none() {
            continue;
        }
        fundet = true;
        let (Some(id), Some(status), Some(bem)) = (id, status, bem) else {
            mangler(nr, [id, status, bem], r);
            continue;
        };
        for (j, raekke) in tabel.raekker.iter().enumerate().skip(hoved + 1) {
            ud.extend(raekke_svar(raekke, nr, j + 1, [id, status, bem], r));
        }
    }
    if !fundet {
        r.fejl(
            None,
            format!(
                "dokumentet har ingen tabel med kolonnerne «{}», «{STATUS}» og «{BEMAERKNINGER}»",
                kolonne::ID
            ),
            super::BRUG_SKEMAET,
        );
    }
    ud
}

/// A skema table with a column missing in its header row.
fn mangler(nr: usize, kolonner: [Option<u32>; 3], r: &mut Regler) {
    let navne = [kolonne::ID, STATUS, BEMAERKNINGER];
    for (navn, k) in navne.iter().zip(kolonner) {
        if k.is_none() {
            r.fejl(
                Some(&raekke_sted(nr, 1)),
                format!("kolonnen «{navn}» mangler i tabellens overskriftsrække"),
                format!(
                    "skriv «{navn}» øverst i kolonnen igen; overskrifterne er {}, {STATUS} og {BEMAERKNINGER}",
                    kolonne::ID
                ),
            );
        }
    }
}

/// One row's answer; `None` for a subheading, a row without id and answer, or one
/// with an answer but no id (reported).
fn raekke_svar(
    raekke: &Raekke,
    tabel: usize,
    nr: usize,
    [id_k, status_k, bem_k]: [u32; 3],
    r: &mut Regler,
) -> Option<(Placeret<Tekst>, RawSvar)> {
    let (status_c, bem_c) = (raekke.celle(status_k), raekke.celle(bem_k));
    if status_c.is_none() && bem_c.is_none() {
        return None;
    }
    let status_t = felt::tekst(status_c).filter(|t| felt::noegle(t) != felt::noegle(IKKE_BESVARET));
    let bem_t = felt::tekst(bem_c);
    let Some(id) = felt::tekst(raekke.celle(id_k)) else {
        if status_t.is_some() || bem_t.is_some() {
            r.fejl(
                Some(&raekke_sted(tabel, nr)),
                "rækken har et svar, men intet id".to_string(),
                "skriv anbefalingens id i kolonnen «Id», eller slet svaret",
            );
        }
        return None;
    };
    let id = id.trim().to_string();
    let hvad = format!("anbefaling {id}");
    let status = status_t.map(|t| Placeret::ny(Tekst(t), sted(tabel, &hvad, kolonne::STATUS)));
    let bemaerkning = bem_t.map(|t| Placeret::ny(t, sted(tabel, &hvad, kolonne::BEMAERKNING)));
    Some((
        Placeret::ny(Tekst(id), sted(tabel, &hvad, kolonne::ID)),
        RawSvar {
            status,
            bemaerkning,
        },
    ))
}
