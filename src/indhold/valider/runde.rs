//! The rules for `content/<periode>/anbefalinger.yaml`: a date, fokusområder, and
//! anbefalinger with unique natural ids, a niveau each when the round has tiers, and
//! `erstatter` naming anbefalinger of the previous period.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use super::erstatter::{self, Forgaenger};
use super::hoved::{self, Hoved};
use super::{Regler, er_anbefalings_id, ikke_tom};
use crate::diagnose::{Diagnoser, Sted};
use crate::indhold::dato::Dato;
use crate::indhold::linjeskift::saml_linjer;
use crate::indhold::model::{Anbefaling, Fokus, Niveau, Pejlemaerke, Runde};
use crate::indhold::raa::{Placeret, RawAnbefaling, RawRunde, Tekst};

/// Validates `anbefalinger.yaml` for one period; `erstatter` is checked against the
/// previous period.
pub fn valider_runde(
    raw: RawRunde,
    periode: &str,
    forgaenger: Forgaenger,
    fil: &Path,
    d: &mut Diagnoser,
) -> Option<Runde> {
    let mut r = Regler::ny(fil, d).med_eksempel(eksempel(periode));
    let dato = r.dato(&raw.dato, "dato");
    let frist = raw.frist.as_ref().and_then(|f| r.dato(f, "frist"));
    let forrige = match forgaenger {
        Forgaenger::Runde(f) => Some(f),
        _ => None,
    };
    let sags_id = ikke_tom(raw.sags_id.map(|t| t.0));
    let dok_id = ikke_tom(raw.dok_id.map(|t| t.0));
    let h = Hoved {
        dato,
        dato_sted: &raw.dato.sted,
        sags_id: sags_id.as_deref(),
        dok_id: dok_id.as_deref(),
        frist: frist.zip(raw.frist.as_ref().map(|f| &f.sted)),
    };
    hoved::tjek_hoved(&h, forrige, &mut r);
    hoved::sags_id(sags_id.as_deref(), &mut r);
    for p in &raw.pejlemaerker {
        hoved::pladsholder(p.tekst.as_deref(), None, &mut r);
    }
    if raw.fokusomraader.is_empty() {
        r.fejl(
            None,
            "listen «fokusområder» er tom",
            "tilføj mindst ét fokusområde med anbefalinger",
        );
    }
    let har_niveauer = raw
        .fokusomraader
        .iter()
        .flat_map(|f| &f.anbefalinger)
        .any(|a| a.niveau.is_some());
    let mut brugt: HashMap<String, String> = HashMap::new();
    let mut steder: BTreeMap<String, Sted> = BTreeMap::new();
    let mut fokusomraader = Vec::new();
    for f in raw.fokusomraader {
        hoved::pladsholder(Some(&f.titel), None, &mut r);
        hoved::pladsholder(f.indledning.as_deref(), None, &mut r);
        let mut anbefalinger: Vec<Anbefaling> = Vec::new();
        for a in f.anbefalinger {
            hoved::pladsholder(Some(&a.tekst), Some(&a.id.sted), &mut r);
            let sted = a.erstatter.as_ref().map_or(&a.id.sted, |e| &e.sted).clone();
            if let Some(a) = anbefaling(a, har_niveauer, forgaenger, &mut brugt, &mut r) {
                steder.insert(a.id.clone(), sted);
                anbefalinger.push(a);
            }
        }
        // SKAL before KAN, keeping the written order within each.
        anbefalinger.sort_by_key(|a| a.niveau);
        fokusomraader.push(Fokus {
            titel: f.titel.trim().to_string(),
            indledning: ikke_tom(f.indledning).map(|t| saml_linjer(&t)),
            anbefalinger,
        });
    }
    let pejlemaerker = raw
        .pejlemaerker
        .into_iter()
        .map(|p| Pejlemaerke {
            titel: p.titel.trim().to_string(),
            tekst: ikke_tom(p.tekst).map(|t| saml_linjer(&t)),
        })
        .collect();
    if let Forgaenger::Runde(forrige) = forgaenger {
        let alle = fokusomraader.iter().flat_map(|f: &Fokus| &f.anbefalinger);
        erstatter::dobbelt_viderefoert(alle, &steder, forrige, &mut r);
    }
    let dato = dato?;
    r.resultat(|| Runde {
        periode: periode.to_string(),
        titel: raw.titel.trim().to_string(),
        dato,
        sags_id,
        dok_id,
        frist,
        indledning: ikke_tom(raw.indledning).map(|t| saml_linjer(&t)),
        pejlemaerker,
        fokusomraader,
        har_niveauer,
    })
}

/// The example date for the round's own dates: 26 January of the year after the
/// period's (the notat of period 2015 is dated in January 2016).
fn eksempel(periode: &str) -> Dato {
    let aar: String = periode.chars().take_while(char::is_ascii_digit).collect();
    Dato {
        aar: aar.parse::<i32>().map_or(2016, |a| a + 1),
        maaned: 1,
        dag: 26,
    }
}

/// One anbefaling: a natural id used once in the round, a niveau when the round has
/// tiers, and what it continues.
fn anbefaling(
    a: RawAnbefaling,
    har_niveauer: bool,
    forgaenger: Forgaenger,
    brugt: &mut HashMap<String, String>,
    r: &mut Regler,
) -> Option<Anbefaling> {
    let id = a.id.vaerdi.as_str().to_string();
    if !er_anbefalings_id(&id) {
        r.fejl(
            Some(&a.id.sted),
            format!("anbefalings-id «{id}» må kun have bogstaver, tal, punktum, bindestreg og understregning"),
            "fx «v1», «A1», «3.2» eller «virk-1» – uden mellemrum",
        );
        return None;
    }
    if let Some(foer) = brugt.insert(id.clone(), a.id.hvor()) {
        r.fejl(
            Some(&a.id.sted),
            format!("anbefalings-id «{id}» står to gange"),
            format!("det blev også brugt i {foer}; hvert id skal være entydigt i runden"),
        );
        return None;
    }
    let niveau = match &a.niveau {
        None if har_niveauer => {
            r.fejl(
                Some(&a.id.sted),
                format!("anbefaling «{id}» mangler «niveau»"),
                "runden deler anbefalingerne i SKAL og KAN: skriv «niveau: skal» eller «niveau: kan»",
            );
            return None;
        }
        None => None,
        Some(n) => Some(niveau(n, r)?),
    };
    let erstatter = erstatter::erstatter(a.erstatter.as_ref(), &id, forgaenger, r);
    Some(Anbefaling {
        id,
        niveau,
        tekst: saml_linjer(&a.tekst),
        erstatter,
    })
}

/// Reads `niveau: skal|kan` (any case), reporting anything else with a suggestion.
pub(super) fn niveau(n: &Placeret<Tekst>, r: &mut Regler) -> Option<Niveau> {
    let t = n.vaerdi.as_str().trim().to_lowercase();
    let fundet = [Niveau::Skal, Niveau::Kan]
        .into_iter()
        .find(|v| v.navn().to_lowercase() == t);
    if fundet.is_none() {
        r.ukendt(
            &n.sted,
            format!("ugyldigt niveau «{}»", n.vaerdi.as_str()),
            &t,
            ["skal", "kan"],
            "Gyldige værdier er skal og kan",
            "gyldige værdier er skal og kan (eller udelad feltet)",
        );
    }
    fundet
}
