//! The rules for `content/kkr.yaml`: a name, and kommuner with unique ids and codes.

use std::collections::HashMap;
use std::path::Path;

use super::{Regler, er_kommune_id, ikke_tom, kommunekoder};
use crate::diagnose::Diagnoser;
use crate::indhold::model::{Kkr, Kommune, Sekretariat};
use crate::indhold::raa::{Placeret, RawKkr, Tekst};

/// Validates `kkr.yaml`.
pub fn valider_kkr(raw: RawKkr, fil: &Path, d: &mut Diagnoser) -> Option<Kkr> {
    let mut r = Regler::ny(fil, d);
    if raw.navn.vaerdi.trim().is_empty() {
        r.fejl(
            Some(&raw.navn.sted),
            "KKR'ets navn er tomt",
            "fx «navn: KKR Hovedstaden»",
        );
    }
    if raw.kommuner.vaerdi.is_empty() {
        r.fejl(
            Some(&raw.kommuner.sted),
            "listen «kommuner» er tom",
            "tilføj KKR'ets kommuner med id, kode og navn",
        );
    }
    let mut ids: HashMap<String, String> = HashMap::new();
    let mut koder: HashMap<u32, String> = HashMap::new();
    let mut kommuner = Vec::new();
    for k in raw.kommuner.vaerdi {
        let id = k.id.vaerdi.as_str().to_string();
        if !er_kommune_id(&id) {
            r.fejl(
                Some(&k.id.sted),
                format!("kommune-id «{id}» må kun have små bogstaver a-z, tal og bindestreg"),
                "skriv æ som ae, ø som oe og å som aa, fx «hoeje-taastrup»",
            );
        } else if let Some(foer) = ids.insert(id.clone(), k.id.hvor()) {
            r.fejl(
                Some(&k.id.sted),
                format!("kommune-id «{id}» står to gange"),
                format!("det blev også brugt i {foer}"),
            );
        }
        let Some(kode) = kommunekode(&k.kode, &mut r) else {
            continue;
        };
        if let Some(foer) = koder.insert(kode, k.kode.hvor()) {
            r.fejl(
                Some(&k.kode.sted),
                format!("kommunekode {kode} står to gange"),
                format!("den blev også brugt i {foer}"),
            );
        }
        kommunekoder::tjek(&raw.navn.vaerdi, kode, &k.navn, &k.kode.sted, &mut r);
        let email = k.email.as_ref().and_then(|e| kommune_email(e, &mut r));
        kommuner.push(Kommune {
            id,
            kode,
            navn: k.navn.trim().to_string(),
            email,
        });
    }
    let s = raw.sekretariat.unwrap_or_default();
    if ikke_tom(s.email.clone()).is_none() {
        r.advarsel(
            None,
            "sekretariatets e-mail mangler, så bilagene og regnearkene siger ikke, hvor kommunerne skal svare",
            "skriv fx «e-mail: kkr@kl.dk» under «sekretariat», før noget sendes ud",
        );
    }
    r.resultat(|| Kkr {
        navn: raw.navn.vaerdi.trim().to_string(),
        web: ikke_tom(raw.web),
        sekretariat: Sekretariat {
            navn: ikke_tom(s.navn),
            email: ikke_tom(s.email),
            telefon: ikke_tom(s.telefon.map(|t| t.0)),
            mobil: ikke_tom(s.mobil.map(|t| t.0)),
            adresse: s.adresse,
        },
        kommuner,
    })
}

/// A kommunekode: a whole number 1-999 written without a leading zero.
fn kommunekode(k: &Placeret<Tekst>, r: &mut Regler) -> Option<u32> {
    const HINT: &str = "kommunekoder har tre cifre, fx 165 for Albertslund";
    let t = k.vaerdi.as_str().trim();
    let cifre = !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if !cifre {
        r.fejl(
            Some(&k.sted),
            format!("kommunekoden «{t}» er ikke et tal"),
            HINT,
        );
    } else if t.starts_with('0') {
        r.fejl(
            Some(&k.sted),
            format!("kommunekoden «{t}» har et foranstillet nul"),
            "skriv koden uden nul foran; et foranstillet nul læses ikke som oktaltal",
        );
    } else {
        match t.parse::<u32>() {
            Ok(n @ 1..=999) => return Some(n),
            _ => r.fejl(
                Some(&k.sted),
                format!("kommunekoden {t} er uden for 1-999"),
                HINT,
            ),
        }
    }
    None
}

/// A kommune's `e-mail`: one address, without spaces; an empty one is none.
fn kommune_email(e: &Placeret<String>, r: &mut Regler<'_>) -> Option<String> {
    let v = e.vaerdi.trim();
    if v.is_empty() {
        return None;
    }
    let ok = v.split_once('@').is_some_and(|(navn, domaene)| {
        !navn.is_empty() && domaene.contains('.') && !domaene.contains('@')
    }) && !v
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || ",;<>\"".contains(c));
    if !ok {
        r.fejl(
            Some(&e.sted),
            format!("«{v}» er ikke en e-mailadresse"),
            "skriv én adresse, fx «jobcenter@albertslund.dk», eller slet linjen",
        );
        return None;
    }
    Some(v.to_string())
}
