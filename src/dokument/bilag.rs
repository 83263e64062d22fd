//! A kommune's bilag to its kommunalbestyrelse: the template context — the summary of
//! its answers and the fremdriftsskema, one table per fokusområde, each row with the
//! previous period's status beside this period's.

use minijinja::Value;
use minijinja::value::Serde;
use serde::Serialize;

use super::Forlaeg;
use super::notat::{self, DokumentInfo, VERSION, Version};
use super::statistik::optaelling::{Del, Optaelling};
use super::statistik::sammenligning::Sammenligning;
use crate::indhold::model::{Fokus, Kkr, Kommune, KommuneStatus, Runde, StatusVis};
use crate::indhold::projekt::Projekt;

#[derive(Serialize)]
struct BilagKontekst<'a> {
    fremdrift: Version,
    statusser: [&'static StatusVis; 4],
    kkr: &'a Kkr,
    runde: &'a Runde,
    kommune: &'a Kommune,
    status: &'a KommuneStatus,
    dokument: DokumentInfo,
    opsummering: Opsummering,
    skema: Vec<SkemaFokus>,
}

#[derive(Serialize)]
struct Opsummering {
    #[serde(flatten)]
    optaelling: Optaelling,
    i_alt: u32,
    saetning: String,
    dele: Vec<Del>,
    /// How the assessments moved since the previous period, when there is one.
    udvikling: Option<String>,
}

/// One table of the fremdriftsskema.
#[derive(Serialize)]
struct SkemaFokus {
    titel: String,
    grupper: Vec<Gruppe>,
}

/// The rows under one SKAL or KAN subheading (or all rows, in a round without tiers).
#[derive(Serialize)]
struct Gruppe {
    overskrift: Option<String>,
    raekker: Vec<Raekke>,
}

#[derive(Serialize)]
struct Raekke {
    id: String,
    tekst: String,
    status: &'static StatusVis,
    bemaerkning: Option<String>,
    /// The row's weight, see [`super::tabel::vaegt`].
    vaegt: usize,
    /// The previous period's status: «2015: Gul», «2015 (v3): Grøn» or «Ny i 2016».
    foer: Option<String>,
}

/// The template and context of one kommune's bilag.
pub fn forlaeg(p: &Projekt, s: &KommuneStatus) -> Forlaeg {
    let titel = format!("{} – {}", p.runde.titel, s.kommune.navn);
    let optaelling = Optaelling::for_kommune(s, p.runde.anbefalinger());
    let sml = p.forloeb.seneste().map(|o| {
        let foer = p.forrige().and_then(|f| f.status_for(&s.kommune.id));
        Sammenligning::ny(o, &p.runde, foer, s)
    });
    let ctx = BilagKontekst {
        fremdrift: VERSION,
        statusser: notat::statusser(),
        kkr: &p.kkr,
        runde: &p.runde,
        kommune: &s.kommune,
        status: s,
        dokument: DokumentInfo::ny(&p.kkr, &p.runde, titel, s.udkast),
        opsummering: Opsummering {
            optaelling,
            i_alt: optaelling.i_alt(),
            saetning: super::statistik::saetninger::bilag_opsummering(&s.kommune.navn, &optaelling),
            dele: optaelling.dele(),
            udvikling: sml.as_ref().map(Sammenligning::saetning),
        },
        skema: p
            .runde
            .fokusomraader
            .iter()
            .map(|f| skema(f, s, &p.runde.periode, sml.as_ref()))
            .collect(),
    };
    Forlaeg {
        skabelon: "bilag.typ.j2",
        navn: format!(
            "{}/bilag/{}-{}",
            p.runde.periode, s.kommune.kode, s.kommune.id
        ),
        dato: p.runde.dato,
        kontekst: Value::from(Serde(&ctx)),
    }
}

fn skema(f: &Fokus, s: &KommuneStatus, periode: &str, sml: Option<&Sammenligning>) -> SkemaFokus {
    let mut grupper: Vec<Gruppe> = Vec::new();
    for a in &f.anbefalinger {
        let overskrift = a.niveau.map(|n| n.overskrift(periode));
        if grupper.last().is_none_or(|g| g.overskrift != overskrift) {
            grupper.push(Gruppe {
                overskrift: overskrift.clone(),
                raekker: Vec::new(),
            });
        }
        let svar = s.svar.get(&a.id);
        let status = StatusVis::af(svar.and_then(|v| v.status));
        let bemaerkning = svar.and_then(|v| v.bemaerkning.as_deref());
        let dele = bemaerkning.map_or_else(Vec::new, super::tabel::fortsat_dele);
        let mut dele = dele.into_iter();
        let foerste = dele.next();
        let raekker = &mut grupper.last_mut().expect("pushed above").raekker;
        raekker.push(Raekke {
            id: a.id.clone(),
            tekst: a.tekst.clone(),
            status,
            vaegt: super::tabel::vaegt([Some(a.tekst.as_str()), foerste.as_deref()]),
            bemaerkning: foerste,
            foer: sml.and_then(|sml| {
                let l = sml.linjer.iter().find(|l| l.id == a.id)?;
                sml.foer_tekst(l)
            }),
        });
        // A remark longer than a page goes on in rows that repeat the id and the
        // status, so no page shows a remark without the anbefaling it belongs to.
        for del in dele {
            let tekst = format!("{} (fortsat)", a.id);
            raekker.push(Raekke {
                id: a.id.clone(),
                vaegt: super::tabel::vaegt([Some(tekst.as_str()), Some(del.as_str())]),
                tekst,
                status,
                bemaerkning: Some(del),
                foer: None,
            });
        }
    }
    SkemaFokus {
        titel: f.titel.clone(),
        grupper,
    }
}
