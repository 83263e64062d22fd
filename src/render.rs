//! Documents: building each one's template context and markup, and the shared engine.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use minijinja::Environment;
use minijinja::value::Value;
use serde::Serialize;

use crate::aggregat::{Del, Optaelling, StatusVis};
use crate::compile::{self, Kilde};
use crate::dato::Dato;
use crate::diag::{Diagnose, Diagnoser};
use crate::model::{Fokus, Kkr, KommuneStatus, Niveau, Runde};
use crate::project::Projekt;
use crate::templates;
use crate::world::Faelles;

/// Templates and fonts loaded once, used for every document of a run.
pub struct Motor {
    pub rod: PathBuf,
    pub env: Environment<'static>,
    pub faelles: Arc<Faelles>,
}

impl Motor {
    pub fn ny(rod: &Path) -> Self {
        crate::tider::maal("motor", || Self {
            rod: rod.to_path_buf(),
            env: templates::miljoe(rod),
            faelles: Faelles::ny(rod),
        })
    }

    /// Renders a template into a compilable source.
    pub fn kilde(
        &self,
        skabelon: &str,
        navn: String,
        dato: Dato,
        ctx: Value,
    ) -> Result<Kilde, Diagnose> {
        let markup = templates::render(&self.env, &self.rod, skabelon, ctx)?;
        Ok(Kilde { navn, markup, dato })
    }

    /// Compiles a source to PDF bytes.
    pub fn pdf(&self, kilde: &Kilde) -> Result<Vec<u8>, Diagnoser> {
        compile::pdf(&self.faelles, &self.rod, kilde)
    }
}

/// Facts every document shows in the notat frame.
#[derive(Serialize)]
pub struct DokumentInfo {
    pub titel: String,
    pub dato: Dato,
    pub sags_id: Option<String>,
    pub dok_id: Option<String>,
    pub udkast: bool,
    pub forfatter: String,
    /// The sender mark in two lines: "KKR" / "HOVEDSTADEN".
    pub afsender: Vec<String>,
}

impl DokumentInfo {
    pub fn ny(kkr: &Kkr, runde: &Runde, titel: String, udkast: bool) -> Self {
        Self {
            titel,
            dato: runde.dato,
            sags_id: runde.sags_id.clone(),
            dok_id: runde.dok_id.clone(),
            udkast,
            forfatter: kkr.navn.clone(),
            afsender: afsender(&kkr.navn),
        }
    }
}

/// "KKR Hovedstaden" → ["KKR", "HOVEDSTADEN"].
pub fn afsender(navn: &str) -> Vec<String> {
    let mut ord = navn.split_whitespace();
    let foerste = ord.next().unwrap_or_default().to_uppercase();
    let rest = ord.collect::<Vec<_>>().join(" ").to_uppercase();
    [foerste, rest]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect()
}

/// "SKAL-initiativer i 2015:" / "KAN-initiativer i 2015".
pub fn niveau_overskrift(niveau: Niveau, periode: &str) -> String {
    match niveau {
        Niveau::Skal => format!("SKAL-initiativer i {periode}:"),
        Niveau::Kan => format!("KAN-initiativer i {periode}"),
    }
}

#[derive(Serialize)]
struct BilagKontekst<'a> {
    fremdrift: Version,
    kkr: &'a Kkr,
    runde: &'a Runde,
    kommune: &'a crate::model::Kommune,
    status: &'a KommuneStatus,
    dokument: DokumentInfo,
    opsummering: Opsummering,
    skema: Vec<SkemaFokus>,
}

#[derive(Serialize)]
pub struct Version {
    pub version: &'static str,
}

pub const VERSION: Version = Version {
    version: env!("CARGO_PKG_VERSION"),
};

#[derive(Serialize)]
struct Opsummering {
    #[serde(flatten)]
    optaelling: Optaelling,
    i_alt: u32,
    saetning: String,
    dele: Vec<Del>,
}

#[derive(Serialize)]
struct SkemaFokus {
    titel: String,
    grupper: Vec<Gruppe>,
}

#[derive(Serialize)]
struct Gruppe {
    overskrift: Option<String>,
    raekker: Vec<Raekke>,
}

#[derive(Serialize)]
struct Raekke {
    id: String,
    tekst: String,
    status: StatusVis,
    bemaerkning: Option<String>,
}

/// The source of one kommune's bilag.
pub fn bilag(m: &Motor, p: &Projekt, s: &KommuneStatus) -> Result<Kilde, Diagnose> {
    let titel = format!("{} – {}", p.runde.titel, s.kommune.navn);
    let optaelling = Optaelling::for_kommune(s, p.runde.anbefalinger());
    let ctx = BilagKontekst {
        fremdrift: VERSION,
        kkr: &p.kkr,
        runde: &p.runde,
        kommune: &s.kommune,
        status: s,
        dokument: DokumentInfo::ny(&p.kkr, &p.runde, titel, s.udkast),
        opsummering: Opsummering {
            optaelling,
            i_alt: optaelling.i_alt(),
            saetning: optaelling.saetning(),
            dele: optaelling.dele(),
        },
        skema: p
            .runde
            .fokusomraader
            .iter()
            .map(|f| skema(f, s, &p.runde.periode))
            .collect(),
    };
    let navn = format!(
        "{}/bilag/{}-{}",
        p.runde.periode, s.kommune.kode, s.kommune.id
    );
    m.kilde(
        "bilag.typ.j2",
        navn,
        p.runde.dato,
        Value::from_serialize(&ctx),
    )
}

fn skema(f: &Fokus, s: &KommuneStatus, periode: &str) -> SkemaFokus {
    let mut grupper: Vec<Gruppe> = Vec::new();
    for a in &f.anbefalinger {
        let overskrift = a.niveau.map(|n| niveau_overskrift(n, periode));
        if grupper.last().is_none_or(|g| g.overskrift != overskrift) {
            grupper.push(Gruppe {
                overskrift: overskrift.clone(),
                raekker: Vec::new(),
            });
        }
        let svar = s.svar.get(&a.id);
        grupper
            .last_mut()
            .expect("pushed above")
            .raekker
            .push(Raekke {
                id: a.id.clone(),
                tekst: a.tekst.clone(),
                status: StatusVis::from(svar.and_then(|v| v.status)),
                bemaerkning: svar.and_then(|v| v.bemaerkning.clone()),
            });
    }
    SkemaFokus {
        titel: f.titel.clone(),
        grupper,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sender_mark_splits_kkr_name() {
        assert_eq!(afsender("KKR Hovedstaden"), ["KKR", "HOVEDSTADEN"]);
        assert_eq!(afsender("KKR Midtjylland"), ["KKR", "MIDTJYLLAND"]);
    }

    #[test]
    fn tier_headings_follow_the_seeds() {
        assert_eq!(
            niveau_overskrift(Niveau::Skal, "2015"),
            "SKAL-initiativer i 2015:"
        );
        assert_eq!(
            niveau_overskrift(Niveau::Kan, "2015"),
            "KAN-initiativer i 2015"
        );
    }
}
