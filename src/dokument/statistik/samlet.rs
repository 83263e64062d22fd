//! The combined picture for the KKR tilbagemelding, computed from every status file:
//! response rate, distributions, the overview matrix, SKAL compliance and — in
//! [`super::udvikling`] — the development across periods.

use serde::Serialize;

use super::fordeling::Fordeling;
use super::optaelling::{Optaelling, sum};
use super::udvikling::{self, Udvikling};
use crate::dokument::tabel::vaegt;
use crate::indhold::dato::Dato;
use crate::indhold::model::{
    Anbefaling, Forslag, Kommune, KommuneStatus, Niveau, Status, StatusVis,
};
use crate::indhold::projekt::Projekt;

/// Everything the tilbagemelding shows that is computed, not written.
#[derive(Clone, Debug, Serialize)]
pub struct Samlet {
    pub antal_kommuner: usize,
    pub antal_svar: usize,
    /// Whole per cent of kommuner that have reported.
    pub svarprocent: u32,
    pub mangler: Vec<Kommune>,
    pub udkast: Vec<Kommune>,
    pub behandlinger: Vec<Behandling>,
    pub i_alt: Fordeling,
    pub pr_fokus: Vec<Fordeling>,
    /// SKAL and KAN; empty when the round has no tiers.
    pub pr_niveau: Vec<Fordeling>,
    pub pr_anbefaling: Vec<AnbefalingSamlet>,
    pub skal_mangler: Vec<SkalMangel>,
    pub forslag: Vec<KommuneForslag>,
    pub udvikling: Option<Udvikling>,
}

/// When and where a kommune treated its status.
#[derive(Clone, Debug, Serialize)]
pub struct Behandling {
    pub kommune: Kommune,
    pub organ: Option<String>,
    pub dato: Option<Dato>,
    pub udkast: bool,
    /// The table row's weight, see [`crate::dokument::tabel::vaegt`].
    pub vaegt: usize,
}

/// One anbefaling across all kommuner.
#[derive(Clone, Debug, Serialize)]
pub struct AnbefalingSamlet {
    pub anbefaling: Anbefaling,
    pub fokus: String,
    pub fordeling: Fordeling,
    /// One cell per reporting kommune, in kommune order (for the matrix).
    pub celler: Vec<&'static StatusVis>,
    /// Every answer with its kommune, rød first, then gul, grøn and unanswered.
    pub svar: Vec<KommuneSvar>,
}

#[derive(Clone, Debug, Serialize)]
pub struct KommuneSvar {
    pub kommune: String,
    pub status: &'static StatusVis,
    pub bemaerkning: Option<String>,
    /// The table row's weight, see [`crate::dokument::tabel::vaegt`].
    pub vaegt: usize,
}

/// A kommune with SKAL initiatives at rød or unanswered.
#[derive(Clone, Debug, Serialize)]
pub struct SkalMangel {
    pub kommune: Kommune,
    pub roed: Vec<String>,
    pub ikke_besvaret: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct KommuneForslag {
    pub kommune: String,
    #[serde(flatten)]
    pub forslag: Forslag,
}

/// Computes the combined picture of a project's period.
pub fn beregn(p: &Projekt) -> Samlet {
    let kommuner = &p.kkr.kommuner;
    let har = |k: &Kommune| p.status.iter().any(|s| s.kommune.id == k.id);
    let antal_svar = p.status.len();
    let alle_anbefalinger: Vec<&Anbefaling> = p.runde.anbefalinger().collect();
    let mut i_alt = Optaelling::default();
    for s in &p.status {
        let o = Optaelling::for_kommune(s, alle_anbefalinger.iter().copied());
        i_alt = sum(i_alt, o);
    }
    Samlet {
        antal_kommuner: kommuner.len(),
        antal_svar,
        svarprocent: procent(antal_svar, kommuner.len()),
        mangler: kommuner.iter().filter(|k| !har(k)).cloned().collect(),
        udkast: p
            .status
            .iter()
            .filter(|s| s.udkast)
            .map(|s| s.kommune.clone())
            .collect(),
        behandlinger: behandlinger(&p.status),
        i_alt: Fordeling::ny("Alle anbefalinger", i_alt),
        pr_fokus: p
            .runde
            .fokusomraader
            .iter()
            .map(|f| Fordeling::ny(&f.titel, samlet_for(&p.status, f.anbefalinger.iter())))
            .collect(),
        pr_niveau: pr_niveau(p),
        pr_anbefaling: pr_anbefaling(p),
        skal_mangler: skal_mangler(p),
        forslag: p
            .status
            .iter()
            .flat_map(|s| {
                s.forslag.iter().map(|f| KommuneForslag {
                    kommune: s.kommune.navn.clone(),
                    forslag: f.clone(),
                })
            })
            .collect(),
        udvikling: udvikling::beregn(p),
    }
}

fn procent(del: usize, hele: usize) -> u32 {
    (del * 100 + hele / 2).checked_div(hele).unwrap_or(0) as u32
}

fn samlet_for<'a>(
    status: &[KommuneStatus],
    anbefalinger: impl Iterator<Item = &'a Anbefaling>,
) -> Optaelling {
    let anbefalinger: Vec<&Anbefaling> = anbefalinger.collect();
    status
        .iter()
        .map(|s| Optaelling::for_kommune(s, anbefalinger.iter().copied()))
        .fold(Optaelling::default(), sum)
}

fn behandlinger(status: &[KommuneStatus]) -> Vec<Behandling> {
    let mut ud: Vec<Behandling> = status
        .iter()
        .map(|s| {
            let organ = s.behandlet.as_ref().and_then(|b| b.organ.clone());
            Behandling {
                kommune: s.kommune.clone(),
                vaegt: vaegt([Some(s.kommune.navn.as_str()), organ.as_deref()]),
                organ,
                dato: s.behandlet.as_ref().map(|b| b.dato),
                udkast: s.udkast,
            }
        })
        .collect();
    ud.sort_by_key(|b| (b.dato.is_none(), b.dato, b.kommune.kode));
    ud
}

fn pr_niveau(p: &Projekt) -> Vec<Fordeling> {
    if !p.runde.har_niveauer {
        return Vec::new();
    }
    [Niveau::Skal, Niveau::Kan]
        .into_iter()
        .map(|n| {
            let af_niveau = p.runde.anbefalinger().filter(move |a| a.niveau == Some(n));
            Fordeling::ny(
                format!("{}-initiativer", n.navn()),
                samlet_for(&p.status, af_niveau),
            )
        })
        .collect()
}

fn pr_anbefaling(p: &Projekt) -> Vec<AnbefalingSamlet> {
    let mut ud = Vec::new();
    for f in &p.runde.fokusomraader {
        for a in &f.anbefalinger {
            let o = samlet_for(&p.status, std::iter::once(a));
            let mut svar: Vec<(u8, u32, KommuneSvar)> = p
                .status
                .iter()
                .map(|s| {
                    let st = s.status_for(&a.id);
                    let bem = s.svar.get(&a.id).and_then(|v| v.bemaerkning.clone());
                    let vis = StatusVis::af(st);
                    let svar = KommuneSvar {
                        kommune: s.kommune.navn.clone(),
                        status: vis,
                        vaegt: vaegt([Some(s.kommune.navn.as_str()), bem.as_deref()]),
                        bemaerkning: bem,
                    };
                    (vis.orden, s.kommune.kode, svar)
                })
                .collect();
            svar.sort_by_key(|(a, k, _)| (*a, *k));
            ud.push(AnbefalingSamlet {
                anbefaling: a.clone(),
                fokus: f.titel.clone(),
                fordeling: Fordeling::ny(&a.id, o),
                celler: p
                    .status
                    .iter()
                    .map(|s| StatusVis::af(s.status_for(&a.id)))
                    .collect(),
                svar: svar.into_iter().map(|(_, _, s)| s).collect(),
            });
        }
    }
    ud
}

fn skal_mangler(p: &Projekt) -> Vec<SkalMangel> {
    let skal: Vec<&Anbefaling> = p
        .runde
        .anbefalinger()
        .filter(|a| a.niveau == Some(Niveau::Skal))
        .collect();
    p.status
        .iter()
        .filter_map(|s| {
            let af = |st: Option<Status>| -> Vec<String> {
                skal.iter()
                    .filter(|a| s.status_for(&a.id) == st)
                    .map(|a| a.id.clone())
                    .collect()
            };
            let (roed, ikke_besvaret) = (af(Some(Status::Roed)), af(None));
            (!roed.is_empty() || !ikke_besvaret.is_empty()).then(|| SkalMangel {
                kommune: s.kommune.clone(),
                roed,
                ikke_besvaret,
            })
        })
        .collect()
}
