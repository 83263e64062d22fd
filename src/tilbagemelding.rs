//! The combined KKR tilbagemelding: its template context and output path.

use std::path::PathBuf;

use minijinja::value::Value;
use serde::Serialize;

use crate::aggregat::StatusVis;
use crate::compile::Kilde;
use crate::diag::Diagnose;
use crate::model::{Kkr, Kommune, Runde, Tilbagemelding};
use crate::project::Projekt;
use crate::render::{DokumentInfo, Motor, VERSION, Version};
use crate::samlet::{self, Samlet};

/// The most anbefalinger side by side in one overview table; wider rounds are split.
pub const MATRIX_KOLONNER: usize = 18;

#[derive(Serialize)]
struct Kontekst<'a> {
    fremdrift: Version,
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
    celler: Vec<StatusVis>,
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

/// The source of the combined tilbagemelding.
pub fn kilde(m: &Motor, p: &Projekt) -> Result<Kilde, Diagnose> {
    let t = &p.tilbagemelding;
    let mut dokument = DokumentInfo::ny(&p.kkr, &p.runde, titel(p), false);
    dokument.dato = t.dato.unwrap_or(p.runde.dato);
    dokument.sags_id = t.sags_id.clone().or(dokument.sags_id);
    dokument.dok_id = t.dok_id.clone().or(dokument.dok_id);
    let samlet = samlet::beregn(p);
    let ctx = Kontekst {
        fremdrift: VERSION,
        kkr: &p.kkr,
        runde: &p.runde,
        matrix: matrix(&samlet, p),
        dokument,
        tilbagemelding: t,
        samlet,
    };
    let dato = ctx.dokument.dato;
    let navn = format!("{}/tilbagemelding", p.runde.periode);
    m.kilde(
        "tilbagemelding.typ.j2",
        navn,
        dato,
        Value::from_serialize(&ctx),
    )
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
                    celler: blok.iter().map(|a| a.celler[i].clone()).collect(),
                })
                .collect(),
        })
        .collect()
}
