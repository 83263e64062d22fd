//! The fremdriftsskema in the form: per fokusområde (with the SKAL/KAN subheadings when
//! the round has them) one fieldset per anbefaling, its legend the id and the text;
//! the status as radio buttons with words (a colour mark beside them, never alone);
//! and the «Forslag» list, whose add and remove buttons work without a script.

use serde::Serialize;

use super::felter::Felt;
use super::feltvisning::{Feltvisning, Kontrolbygger};
use super::gem::Grundlag;
use crate::indhold::model::{Anbefaling, StatusVis};

/// A fokusområde's section: its anbefalinger in order.
#[derive(Serialize)]
pub(super) struct Fokusomraade<'a> {
    titel: &'a str,
    anbefalinger: Vec<Afsnit<'a>>,
}

/// An anbefaling, with the SKAL/KAN subheading before it where the level changes.
#[derive(Serialize)]
pub(super) struct Afsnit<'a> {
    overskrift: Option<String>,
    /// None for an anbefaling the form has no answer for.
    svar: Option<Anbefalingsfelt<'a>>,
}

#[derive(Serialize)]
pub(super) struct Anbefalingsfelt<'a> {
    /// Numbered from 1, as the answers of the form are.
    n: usize,
    id: &'a str,
    tekst: &'a str,
    /// The kommune's answer of the previous period.
    tidligere: Vec<String>,
    /// The radio group, named `status.<id>`.
    status: Feltvisning<'a>,
    /// The status as typed, whatever the case: the radio button to check.
    valgt: String,
    bemaerkning: Feltvisning<'a>,
}

/// A radio button of the status: «Grøn», «Gul», «Rød» and «Ikke besvaret».
#[derive(Serialize)]
pub(super) struct Statusvalg {
    kode: &'static str,
    vaerdi: &'static str,
    navn: &'static str,
}

#[derive(Serialize)]
pub(super) struct Forslag<'a> {
    titel: Feltvisning<'a>,
    tekst: Feltvisning<'a>,
}

pub(super) fn statusvalg() -> Vec<Statusvalg> {
    StatusVis::alle()
        .iter()
        .map(|v| Statusvalg {
            kode: v.kode,
            vaerdi: v.yaml,
            navn: v.navn,
        })
        .collect()
}

/// Every fokusområde's section, its anbefalinger in order.
pub(super) fn fokusomraader<'a>(k: &Kontrolbygger<'a>, g: &'a Grundlag) -> Vec<Fokusomraade<'a>> {
    let runde = &g.runde;
    runde
        .fokusomraader
        .iter()
        .map(|fokus| {
            let mut forrige = None;
            let anbefalinger = fokus
                .anbefalinger
                .iter()
                .map(|a| {
                    let overskrift = a
                        .niveau
                        .filter(|n| forrige != Some(*n))
                        .map(|n| n.overskrift(&runde.periode));
                    forrige = a.niveau;
                    Afsnit {
                        overskrift,
                        svar: anbefaling(k, g, a),
                    }
                })
                .collect();
            Fokusomraade {
                titel: &fokus.titel,
                anbefalinger,
            }
        })
        .collect()
}

fn anbefaling<'a>(
    k: &Kontrolbygger<'a>,
    g: &'a Grundlag,
    a: &'a Anbefaling,
) -> Option<Anbefalingsfelt<'a>> {
    let svar = &k.formular.svar;
    let i = svar.iter().position(|s| s.id == a.id)?;
    let s = &svar[i];
    Some(Anbefalingsfelt {
        n: i + 1,
        id: &a.id,
        tekst: &a.tekst,
        tidligere: tidligere(g, &a.id),
        status: k.felt(Felt::Status(i), String::new(), &s.id, "", None),
        valgt: s.status.trim().to_lowercase(),
        bemaerkning: k.felt(
            Felt::Bemaerkning(i),
            "Bemærkning".into(),
            &format!("bemaerkning.{}", a.id),
            &s.bemaerkning,
            None,
        ),
    })
}

/// The kommune's answer of the previous period (through `erstatter`), to update:
/// «2015: Gul – …», «2015 (v3): Grøn» or «Ny i 2016».
fn tidligere(g: &Grundlag, id: &str) -> Vec<String> {
    match &g.sidste_aar {
        Some(t) => t.linjer(id),
        None => Vec::new(),
    }
}

/// The «Forslag» list: a title and a text per forslag.
pub(super) fn forslag<'a>(k: &Kontrolbygger<'a>) -> Vec<Forslag<'a>> {
    k.formular
        .forslag
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let n = i + 1;
            Forslag {
                titel: k.felt(
                    Felt::ForslagTitel(i),
                    "Titel".into(),
                    &format!("forslag.{n}.titel"),
                    &f.titel,
                    None,
                ),
                tekst: k.felt(
                    Felt::ForslagTekst(i),
                    "Tekst".into(),
                    &format!("forslag.{n}.tekst"),
                    &f.tekst,
                    None,
                ),
            }
        })
        .collect()
}

/// The colour marks beside the status words, from the one place statuses are defined.
pub fn css() -> String {
    StatusVis::alle()
        .iter()
        .map(|v| {
            let kant = v.kant.map_or("#00000040", |(k, _)| k);
            format!(
                ".maerke.{} {{ background: {}; border-color: {kant}; }}\n",
                v.kode, v.farve
            )
        })
        .collect()
}
