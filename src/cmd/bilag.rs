//! `fremdrift bilag`: one kommune's bilag to its kommunalbestyrelse.

use std::path::Path;
use std::process::ExitCode;

use anyhow::bail;

use crate::cli::BilagArgs;
use crate::dokumenter::{self, Art, Dokument};
use crate::model::KommuneStatus;
use crate::project::Projekt;
use crate::render::Motor;

use super::{Opgave, generer, indlaes_gyldigt, kilder, vis_skrevne};

pub fn koer(sti: &Path, periode: Option<&str>, a: &BilagArgs) -> anyhow::Result<ExitCode> {
    let p = indlaes_gyldigt(sti, periode)?;
    let valgte: Vec<&KommuneStatus> = if a.alle {
        p.status.iter().collect()
    } else {
        a.kommuner
            .iter()
            .map(|k| find_status(&p, k))
            .collect::<anyhow::Result<_>>()?
    };
    if valgte.is_empty() {
        bail!(
            "ingen kommuner har en statusfil for {}\n  hint: lav en med «fremdrift skabelon KOMMUNE»",
            p.runde.periode
        );
    }
    let motor = Motor::ny(&p.rod);
    let flere = valgte.len() > 1;
    let docs: Vec<Dokument> = dokumenter::bilag(&p)
        .filter(|d| {
            valgte
                .iter()
                .any(|s| d.art == Art::Bilag(s.kommune.id.clone()))
        })
        .collect();
    let opgaver = kilder(docs, |d| {
        let standard = p.rod.join("out").join(&d.ud);
        let ud = match &a.output {
            Some(o) if flere => o.join(standard.file_name().expect("file name")),
            Some(o) => o.clone(),
            None => standard,
        };
        Ok(Opgave {
            kilde: dokumenter::kilde(&motor, &p, &d)?,
            ud,
        })
    })?;
    vis_skrevne(&generer(&motor, opgaver, a.typ.typ)?);
    Ok(ExitCode::SUCCESS)
}

/// Finds a kommune's status by id, kode or name.
pub fn find_status<'a>(p: &'a Projekt, hvem: &str) -> anyhow::Result<&'a KommuneStatus> {
    let kommune = super::skabelon::find_kommune(&p.kkr, hvem)?;
    match p.status.iter().find(|s| s.kommune.id == kommune.id) {
        Some(s) => Ok(s),
        None => bail!(
            "{} har ingen statusfil for {}\n  hint: lav en med «fremdrift skabelon {}»",
            kommune.navn,
            p.runde.periode,
            kommune.id
        ),
    }
}
