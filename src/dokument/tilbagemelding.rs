//! The coordination group's combined tilbagemelding to the KKR: its template context
//! (the computed figures, the overview matrix and the group's own text) and output path.

use std::path::PathBuf;

use minijinja::Value;
use minijinja::value::Serde;
use serde::Serialize;

use super::Forlaeg;
use super::notat::{self, DokumentInfo, VERSION, Version};
use super::statistik::samlet::{self, Samlet};
use crate::indhold::model::{Kkr, Kommune, Runde, StatusVis, Tilbagemelding};
use crate::indhold::projekt::Projekt;

/// The most anbefalinger side by side in one overview table; wider rounds are split.
pub const MATRIX_KOLONNER: usize = 18;

#[derive(Serialize)]
struct TilbagemeldingKontekst<'a> {
    fremdrift: Version,
    statusser: [&'static StatusVis; 4],
    kkr: &'a Kkr,
    runde: &'a Runde,
    dokument: DokumentInfo,
    tilbagemelding: &'a Tilbagemelding,
    samlet: Samlet,
    matrix: Vec<MatrixBlok>,
}

/// One overview table: some anbefalinger (columns) for every reporting kommune (rows).
#[derive(Serialize)]
struct MatrixBlok {
    anbefalinger: Vec<String>,
    raekker: Vec<MatrixRaekke>,
}

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
    s.pr_anbefaling
        .chunks(MATRIX_KOLONNER)
        .map(|blok| MatrixBlok {
            anbefalinger: blok.iter().map(|a| a.anbefaling.id.clone()).collect(),
            raekker: p
                .status
                .iter()
                .enumerate()
                .map(|(i, st)| MatrixRaekke {
                    kommune: st.kommune.clone(),
                    celler: blok.iter().map(|a| a.celler[i]).collect(),
                })
                .collect(),
        })
        .collect()
}
