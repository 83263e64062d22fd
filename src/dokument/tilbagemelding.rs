//! The coordination group's combined tilbagemelding to the KKR: its template context
//! (the computed figures, the overview matrix and the group's own text) and output path.

use std::path::PathBuf;

use minijinja::Value;
use minijinja::value::Serde;
use serde::Serialize;

use super::Forlaeg;
use super::notat::{self, DokumentInfo, VERSION, Version};
use super::statistik::saetninger;
use super::statistik::samlet::{self, Samlet};
use crate::indhold::model::{Kkr, Kommune, Runde, StatusVis, Tilbagemelding};
use crate::indhold::projekt::Projekt;

/// The most anbefalinger side by side in one overview table; wider rounds are split.
pub const MATRIX_KOLONNER: usize = 18;

/// The most kommuner in one overview table: with its key it fits a landscape page, so
/// every page of the overview has its key as real content. (A table footer repeated
/// on each page is an artifact, which a screen reader skips and an accessibility
/// checker reports.) More kommuner are split into tables of equal size.
pub const MATRIX_RAEKKER: usize = 24;

/// A round with at most this many kommuner with a status is small: its overview stays
/// on a portrait page in the flow, and its fokusområder do not each start a new page,
/// so a short tilbagemelding has no half-empty pages.
pub const LILLE_RUNDE: usize = 6;

#[derive(Serialize)]
struct TilbagemeldingKontekst<'a> {
    /// True for a small round (see [`LILLE_RUNDE`]).
    lille: bool,
    fremdrift: Version,
    statusser: [&'static StatusVis; 4],
    kkr: &'a Kkr,
    runde: &'a Runde,
    dokument: DokumentInfo,
    tilbagemelding: &'a Tilbagemelding,
    samlet: Samlet,
    matrix: Vec<MatrixBlok>,
    saetninger: Saetninger,
}

/// The sentences the document computes from its figures (see [`super::statistik::saetninger`]).
#[derive(Serialize)]
struct Saetninger {
    /// The default background text, when the coordination group has written none.
    baggrund: String,
    /// «24 af de 29 kommuner har meldt status (83 %).»
    svar: String,
    /// «24 af de 29 kommuner har meldt status for 2015.»
    svar_periode: String,
    mangler: Option<String>,
    udkast: Option<String>,
    vurderinger: String,
    skal_mangler: String,
    skal_i_orden: String,
    justeringer: String,
}

impl Saetninger {
    fn ny(p: &Projekt, s: &Samlet) -> Self {
        let (mangler, udkast) = (navne(&s.mangler), navne(&s.udkast));
        let j = &p.tilbagemelding.justeringer;
        let aendrede = j.iter().filter(|j| j.anbefaling.is_some()).count();
        Self {
            baggrund: baggrund(p),
            svar: saetninger::svar(s.antal_svar, s.antal_kommuner, None, true),
            svar_periode: saetninger::svar(
                s.antal_svar,
                s.antal_kommuner,
                Some(&p.runde.periode),
                false,
            ),
            mangler: saetninger::mangler(&mangler),
            udkast: saetninger::udkast(&udkast),
            vurderinger: saetninger::vurderinger(&s.i_alt.optaelling),
            skal_mangler: saetninger::skal_mangler(s.skal_mangler.len()),
            skal_i_orden: saetninger::skal_i_orden(s.antal_svar),
            justeringer: saetninger::justeringer(
                aendrede,
                j.len() - aendrede,
                p.tilbagemelding.sigte.as_deref(),
            ),
        }
    }
}

fn navne(kommuner: &[Kommune]) -> Vec<&str> {
    kommuner.iter().map(|k| k.navn.as_str()).collect()
}

/// The background text of a tilbagemelding without one of its own.
fn baggrund(p: &Projekt) -> String {
    let kkr = &p.kkr.navn;
    format!(
        "Kommunalbestyrelserne i {} kommuner har behandlet status for anbefalingerne til tværkommunalt samarbejde på beskæftigelsesområdet for {}. Koordinationsgruppen har samlet de enkelte kommunale statusrapporter, og dette notat er den samlede tilbagemelding til {kkr}. Notatet indeholder også udkast til justeringer af eksisterende anbefalinger og forslag til nye anbefalinger.",
        crate::dansk::genitiv(kkr),
        p.runde.periode
    )
}

/// One overview table: some anbefalinger (columns) for some reporting kommuner (rows).
#[derive(Serialize)]
struct MatrixBlok {
    anbefalinger: Vec<String>,
    /// What each column's id stands for, shown under the table.
    noegle: Vec<Noegle>,
    raekker: Vec<MatrixRaekke>,
}

/// One entry of the overview's key: «v1 (SKAL) Alle kommuner skal være en del af …».
#[derive(Clone, Serialize)]
struct Noegle {
    id: String,
    niveau: Option<&'static str>,
    tekst: String,
}

/// The most characters of an anbefaling's text in the overview's key.
const NOEGLE_TEGN: usize = 62;

#[derive(Serialize)]
struct MatrixRaekke {
    kommune: Kommune,
    celler: Vec<&'static StatusVis>,
}

/// The output path relative to the output folder: `2015/tilbagemelding.pdf`.
pub fn sti(p: &Projekt) -> PathBuf {
    PathBuf::from(&p.runde.periode).join("tilbagemelding.pdf")
}

/// The document title, from content or the default.
pub fn titel(p: &Projekt) -> String {
    p.tilbagemelding.titel.clone().unwrap_or_else(|| {
        format!(
            "Samlet tilbagemelding til {} om status for anbefalinger til tværkommunalt samarbejde på beskæftigelsesområdet {}",
            p.kkr.navn, p.runde.periode
        )
    })
}

/// The template and context of the combined tilbagemelding.
pub fn forlaeg(p: &Projekt) -> Forlaeg {
    let t = &p.tilbagemelding;
    let mut dokument = DokumentInfo::ny(&p.kkr, &p.runde, titel(p), false);
    dokument.dato = t.dato.unwrap_or(p.runde.dato);
    dokument.sags_id = t.sags_id.clone().or(dokument.sags_id);
    dokument.dok_id = t.dok_id.clone().or(dokument.dok_id);
    let dato = dokument.dato;
    let samlet = samlet::beregn(p);
    let ctx = TilbagemeldingKontekst {
        lille: p.status.len() <= LILLE_RUNDE,
        saetninger: Saetninger::ny(p, &samlet),
        fremdrift: VERSION,
        statusser: notat::statusser(),
        kkr: &p.kkr,
        runde: &p.runde,
        matrix: matrix(&samlet, p),
        dokument,
        tilbagemelding: t,
        samlet,
    };
    Forlaeg {
        skabelon: "tilbagemelding.typ.j2",
        navn: format!("{}/tilbagemelding", p.runde.periode),
        dato,
        kontekst: Value::from(Serde(&ctx)),
    }
}

fn matrix(s: &Samlet, p: &Projekt) -> Vec<MatrixBlok> {
    let mut ud = Vec::new();
    for blok in s.pr_anbefaling.chunks(MATRIX_KOLONNER) {
        let noegle: Vec<Noegle> = blok
            .iter()
            .map(|a| Noegle {
                id: a.anbefaling.id.clone(),
                niveau: a.anbefaling.niveau.map(|n| n.navn()),
                tekst: crate::dansk::forkort(&a.anbefaling.tekst, NOEGLE_TEGN),
            })
            .collect();
        let raekker: Vec<MatrixRaekke> = p
            .status
            .iter()
            .enumerate()
            .map(|(i, st)| MatrixRaekke {
                kommune: st.kommune.clone(),
                celler: blok.iter().map(|a| a.celler[i]).collect(),
            })
            .collect();
        let mut raekker = raekker.into_iter();
        for antal in lige_store(p.status.len(), MATRIX_RAEKKER) {
            ud.push(MatrixBlok {
                anbefalinger: blok.iter().map(|a| a.anbefaling.id.clone()).collect(),
                noegle: noegle.clone(),
                raekker: raekker.by_ref().take(antal).collect(),
            });
        }
    }
    ud
}

/// `n` split into as few parts of at most `maks` as possible, as equal as possible
/// (29 by 24: 15 and 14); nothing becomes one empty part.
fn lige_store(n: usize, maks: usize) -> Vec<usize> {
    let dele = n.div_ceil(maks).max(1);
    (0..dele)
        .map(|i| n / dele + usize::from(i < n % dele))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::lige_store;

    #[test]
    fn kommuner_are_split_into_as_few_and_as_equal_tables_as_fit() {
        assert_eq!(lige_store(24, 24), [24]);
        assert_eq!(lige_store(29, 24), [15, 14]);
        assert_eq!(lige_store(98, 24), [20, 20, 20, 19, 19]);
        assert_eq!(lige_store(2, 24), [2]);
        assert_eq!(
            lige_store(0, 24),
            [0],
            "one table, empty, when nobody reported"
        );
    }
}
