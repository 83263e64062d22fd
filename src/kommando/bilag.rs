//! `fremdrift bilag`: the bilag of one or more kommuner to their kommunalbestyrelse.

use std::time::Instant;

use crate::argumenter::{BilagArgs, Kontekst};
use crate::dokument::Dokument;
use crate::fejl::fejl;
use crate::indhold::projekt::Projekt;
use crate::koersel::Udvalg;

pub fn koer(ctx: &Kontekst, a: &BilagArgs) -> anyhow::Result<()> {
    let start = Instant::now();
    let mut k = super::indlaes_gyldigt(ctx)?;
    let p = k.gyldigt()?;
    let ids: Vec<String> = if a.alle {
        p.status.iter().map(|s| s.kommune.id.clone()).collect()
    } else {
        a.kommuner
            .iter()
            .map(|hvem| med_status(p, hvem))
            .collect::<anyhow::Result<_>>()?
    };
    if ids.is_empty() {
        return Err(fejl(
            format!("ingen kommuner har en statusfil for {}", p.runde.periode),
            "lav en med «fremdrift skabelon KOMMUNE»",
        ));
    }
    let flere = ids.len() > 1;
    let ud = |d: &Dokument| {
        let standard = ctx.rod.join("out").join(&d.ud);
        match &a.output {
            Some(o) if flere => o.join(standard.file_name().expect("a file name")),
            Some(o) => o.clone(),
            None => standard,
        }
    };
    let opgaver = k.planlaeg(&Udvalg::Bilag(ids)).opgaver(ud)?;
    let skrevet = k.generer(opgaver, a.typ.typ)?;
    super::vis_skrevne(&k, &skrevet, start);
    Ok(())
}

/// The id of a kommune (by id, kode or name) that has a status file.
fn med_status(p: &Projekt, hvem: &str) -> anyhow::Result<String> {
    let kommune = super::skabelon::find_kommune(&p.kkr, hvem)?;
    if p.status.iter().any(|s| s.kommune.id == kommune.id) {
        return Ok(kommune.id.clone());
    }
    Err(fejl(
        format!(
            "{} har ingen statusfil for {}",
            kommune.navn, p.runde.periode
        ),
        format!("lav en med «fremdrift skabelon {}»", kommune.id),
    ))
}
