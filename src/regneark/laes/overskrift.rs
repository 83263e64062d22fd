//! Finding a table's columns by their header text: the first row near the top that
//! has at least two known headers is the header row; columns may be moved, added or
//! renamed in case and spacing.

use std::collections::BTreeMap;

use super::super::{Ark, celle_navn};
use super::felt::sted;
use crate::dansk::liste;
use crate::indhold::valider::Regler;

/// How far down the header row is looked for.
const MAKS_OVERSKRIFT: u32 = 30;

/// A table's header row and the column of each header found.
pub struct Overskrifter {
    pub raekke: u32,
    kolonner: BTreeMap<&'static str, u32>,
}

impl Overskrifter {
    /// The column of a header (one of those asked for).
    pub fn kolonne(&self, navn: &str) -> Option<u32> {
        self.kolonner.get(navn).copied()
    }
}

/// A header as compared: lower case, no surrounding spaces, colons or asterisks, and
/// «Bemærkninger» (the seeds' header) read as «Bemærkning».
fn noegle(s: &str) -> String {
    let s = s.trim().trim_end_matches([':', '*']).trim().to_lowercase();
    if s == "bemærkninger" {
        "bemærkning".into()
    } else {
        s
    }
}

/// Finds the headers `kendte` in `ark`; all of `kraevede` must be there. Reports a
/// missing header row, a missing or a doubled header, at its cell.
pub fn find(
    ark: &Ark,
    kendte: &[&'static str],
    kraevede: &[&'static str],
    r: &mut Regler,
) -> Option<Overskrifter> {
    let fundet = ark
        .raekker()
        .into_iter()
        .take_while(|&raekke| raekke < MAKS_OVERSKRIFT)
        .map(|raekke| (raekke, i_raekke(ark, raekke, kendte)))
        .find(|(_, fundne)| fundne.len() >= 2);
    let Some((raekke, fundne)) = fundet else {
        r.fejl(
            Some(&sted(ark, 0, 0)),
            format!(
                "arket «{}» har ingen overskriftsrække med {}",
                ark.navn,
                liste(
                    &kraevede
                        .iter()
                        .map(|k| format!("«{k}»"))
                        .collect::<Vec<_>>()
                )
            ),
            format!("overskrifterne skal stå i én række: {}", kendte.join(", ")),
        );
        return None;
    };
    let mut kolonner = BTreeMap::new();
    for (navn, kolonne) in fundne {
        if let Some(foer) = kolonner.insert(navn, kolonne) {
            r.fejl(
                Some(&sted(ark, raekke, kolonne)),
                format!("kolonnen «{navn}» står to gange"),
                format!(
                    "den står også i celle {}; slet eller omdøb den ene",
                    celle_navn(raekke, foer)
                ),
            );
        }
    }
    let mut ok = true;
    for k in kraevede.iter().filter(|k| !kolonner.contains_key(*k)) {
        ok = false;
        r.fejl(
            Some(&sted(ark, raekke, 0)),
            format!(
                "kolonnen «{k}» mangler i overskriftsrækken (række {})",
                raekke + 1
            ),
            format!(
                "skriv «{k}» som overskrift over kolonnen; overskrifterne er {}",
                kendte.join(", ")
            ),
        );
    }
    ok.then_some(Overskrifter { raekke, kolonner })
}

/// The known headers in a row, with their columns, left to right.
fn i_raekke(ark: &Ark, raekke: u32, kendte: &[&'static str]) -> Vec<(&'static str, u32)> {
    ark.raekke(raekke)
        .filter_map(|(kolonne, v)| {
            let t = noegle(&v.tekst()?);
            let navn = kendte.iter().find(|k| noegle(k) == t)?;
            Some((*navn, kolonne))
        })
        .collect()
}
