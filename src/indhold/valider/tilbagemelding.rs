//! The rules for the optional `content/<periode>/tilbagemelding.yaml`: a valid date,
//! and justeringer that name anbefalinger of the round (or none, for a new one).

use std::path::Path;

use super::runde::niveau;
use super::{Regler, ikke_tom, naermeste_id};
use crate::diagnose::Diagnoser;
use crate::indhold::linjeskift::saml_linjer;
use crate::indhold::model::{Anbefaling, Justering, Runde, Tilbagemelding};
use crate::indhold::raa::{Placeret, RawJustering, RawTilbagemelding, Tekst};

/// Validates the optional `tilbagemelding.yaml`.
pub fn valider_tilbagemelding(
    raw: RawTilbagemelding,
    runde: &Runde,
    fil: &Path,
    d: &mut Diagnoser,
) -> Option<Tilbagemelding> {
    let mut r = Regler::ny(fil, d);
    let dato = raw.dato.as_ref().and_then(|s| r.dato(s, "dato"));
    let justeringer = raw
        .justeringer
        .into_iter()
        .filter_map(|j| justering(j, runde, &mut r))
        .collect();
    r.resultat(|| Tilbagemelding {
        titel: ikke_tom(raw.titel),
        dato,
        sags_id: ikke_tom(raw.sags_id.map(|t| t.0)),
        dok_id: ikke_tom(raw.dok_id.map(|t| t.0)),
        sigte: ikke_tom(raw.sigte),
        baggrund: ikke_tom(raw.baggrund).map(|t| saml_linjer(&t)),
        sammenfatning: ikke_tom(raw.sammenfatning).map(|t| saml_linjer(&t)),
        justeringer,
    })
}

fn justering(j: RawJustering, runde: &Runde, r: &mut Regler) -> Option<Justering> {
    let anbefaling = match &j.anbefaling {
        None => None,
        Some(id) => Some(find_anbefaling(id, runde, r)?),
    };
    let niveau = match &j.niveau {
        None => None,
        Some(n) => Some(niveau(n, r)?),
    };
    Some(Justering {
        anbefaling,
        titel: ikke_tom(j.titel),
        fokusomraade: ikke_tom(j.fokusomraade),
        niveau,
        forslag: saml_linjer(&j.forslag),
        begrundelse: ikke_tom(j.begrundelse).map(|t| saml_linjer(&t)),
    })
}

fn find_anbefaling(id: &Placeret<Tekst>, runde: &Runde, r: &mut Regler) -> Option<Anbefaling> {
    let t = id.vaerdi.as_str();
    if let Some(a) = runde.anbefalinger().find(|a| a.id == t) {
        return Some(a.clone());
    }
    const NY: &str = "Udelad «anbefaling» for et forslag til en ny anbefaling";
    let hint = match naermeste_id(t, runde.anbefalinger().map(|a| a.id.as_str())) {
        Some(n) => format!("mente du «{n}»? {NY}"),
        None => "udelad «anbefaling» for et forslag til en ny anbefaling".into(),
    };
    r.fejl(
        Some(&id.sted),
        format!(
            "der findes ingen anbefaling med id «{t}» i {}",
            runde.periode
        ),
        hint,
    );
    None
}
