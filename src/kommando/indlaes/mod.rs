//! `fremdrift indlaes FIL…` (alias `indlæs`): filled workbooks and Word documents
//! become status files.
//! Each file is read and checked on its own — one file's errors never stop another —
//! and written only when it has no errors; an existing status file with other answers
//! is replaced only with `--overskriv`, after its old version is kept in `historik/`.
//! Every write goes through the status store, under the period's lock.

mod forskel;
mod overskrivning;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::argumenter::{IndlaesArgs, Kontekst};
use crate::diagnose::{Diagnose, Diagnoser};
use crate::fejl::Indholdsfejl;
use crate::indhold::model::{Kkr, KommuneStatus, Runde};
use crate::indhold::{projekt, valider};
use crate::regneark;
use crate::statuslager::Statuslager;

use overskrivning::Udfald;

/// One file as read in.
struct Laest {
    vis: PathBuf,
    diagnoser: Diagnoser,
    status: Option<KommuneStatus>,
}

pub fn koer(ctx: &Kontekst, a: &IndlaesArgs) -> anyhow::Result<()> {
    let (kkr, runde) = grundlag(ctx)?;
    let mut laest: Vec<Laest> = unikke(&a.filer)
        .into_iter()
        .map(|f| laes(&f, &kkr, &runde))
        .collect();
    dobbelte(&mut laest);
    let lager = Statuslager::ny(&ctx.rod, &runde.periode);
    let g = overskrivning::Gemmer {
        kkr: &kkr,
        runde: &runde,
        overskriv: a.overskriv,
        lager: &lager,
    };
    let mut skrivninger = lager.skrivninger();
    let mut udfald = Vec::new();
    for mut l in laest {
        let u = match l.status {
            Some(st) => g
                .gem(&mut skrivninger, &l.vis, st)
                .map_err(|d| l.diagnoser.push(d))
                .ok(),
            None => None,
        };
        if !crate::udskrift::vis_beskeder() {
            l.diagnoser.0.retain(|d| d.er_fejl());
        }
        eprint!("{}", l.diagnoser);
        udfald.push(u);
    }
    skrivninger.afslut();
    opsummer(&udfald)
}

/// The KKR and the round of the period, or their errors. Errors in status files do
/// not stop a reading in: it may be what repairs one.
fn grundlag(ctx: &Kontekst) -> anyhow::Result<(Kkr, Runde)> {
    let indl = projekt::indlaes(&ctx.rod, &ctx.periode);
    match indl.projekt {
        Some(p) => Ok((p.kkr, p.runde)),
        None => Err(Indholdsfejl::ny(indl.diagnoser).into()),
    }
}

/// The files as given, each once (the same file named twice is read once).
fn unikke(filer: &[PathBuf]) -> Vec<PathBuf> {
    let mut set = std::collections::HashSet::new();
    filer
        .iter()
        .filter(|f| set.insert(f.canonicalize().unwrap_or_else(|_| f.to_path_buf())))
        .cloned()
        .collect()
}

/// Reads and validates one workbook or Word document with the rules of `check`; a
/// Word file by its extension (.docx, and .doc and .odt, to be told what to do).
fn laes(fil: &Path, kkr: &Kkr, runde: &Runde) -> Laest {
    laes_som(fil, fil, kkr, runde)
}

/// [`laes`] of the file at `fil`, named `vis` in every message.
fn laes_som(fil: &Path, vis: &Path, kkr: &Kkr, runde: &Runde) -> Laest {
    let mut d = Diagnoser::default();
    let endelse = vis.extension().map(|e| e.to_string_lossy().to_lowercase());
    let word = matches!(endelse.as_deref(), Some("docx" | "docm" | "doc" | "odt"));
    let raw = if word {
        crate::word::laes(fil, vis, kkr, &mut d)
    } else {
        regneark::laes(fil, vis, kkr, runde, &mut d)
    };
    let status = raw.and_then(|raw| {
        let foer = d.har_fejl();
        let st = valider::valider_status(raw, kkr, runde, vis, &mut d);
        st.filter(|_| !foer && !d.har_fejl())
    });
    d.0.sort_by_key(regneark::laeseorden);
    Laest {
        vis: vis.to_path_buf(),
        diagnoser: d,
        status,
    }
}

/// Two files for the same kommune: neither is written, for neither may replace the
/// other unseen.
fn dobbelte(laest: &mut [Laest]) {
    let mut filer: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for l in laest.iter() {
        if let Some(st) = &l.status {
            filer
                .entry(st.kommune.id.clone())
                .or_default()
                .push(l.vis.clone());
        }
    }
    for l in laest.iter_mut() {
        let Some(st) = &l.status else { continue };
        let alle = &filer[&st.kommune.id];
        if alle.len() < 2 {
            continue;
        }
        let andre: Vec<String> = alle
            .iter()
            .filter(|f| **f != l.vis)
            .map(|f| f.display().to_string())
            .collect();
        l.diagnoser.push(
            Diagnose::fejl(
                &l.vis,
                None,
                format!("{} har også svar i {}", st.kommune.navn, andre.join(", ")),
            )
            .med_hint(
                "læs kun én fil pr. kommune ind ad gangen; intet er skrevet for nogen af dem",
            ),
        );
        l.status = None;
    }
}

/// A summary on standard error; exit code 1 when a file was not read in (`None`).
fn opsummer(udfald: &[Option<Udfald>]) -> anyhow::Result<()> {
    let antal = |f: fn(&Udfald) -> bool| udfald.iter().flatten().filter(|u| f(u)).count();
    let nye = antal(|u| matches!(u, Udfald::Ny));
    let erstattet = antal(|u| matches!(u, Udfald::Erstattet));
    let uaendret = antal(|u| matches!(u, Udfald::Uaendret));
    let fejl = udfald.iter().filter(|u| u.is_none()).count();
    let fil_ord = if udfald.len() == 1 { "fil" } else { "filer" };
    let ny_ord = if nye == 1 { "ny" } else { "nye" };
    let linje = format!(
        "{} {fil_ord}: {nye} {ny_ord}, {erstattet} erstattet, {uaendret} uændret, {fejl} ikke læst ind",
        udfald.len()
    );
    if fejl == 0 {
        crate::besked!("{linje}");
        return Ok(());
    }
    Err(Indholdsfejl {
        diagnoser: Diagnoser::default(),
        opsummering: format!("{linje}; for dem er intet skrevet"),
    }
    .into())
}

/// What a file uploaded to the hosted collection became.
pub(crate) enum Upload {
    /// Saved (or unchanged): the message for the page.
    Gemt(String),
    /// Not saved: the messages, as `indlaes` prints them.
    Afvist(Vec<String>),
}

/// One uploaded workbook or Word document (at `fil`, named `vis` by the user) for the
/// kommune `kommune_id`, by the rules of `indlaes --overskriv`: the page's user asked to
/// replace the answers, and the old version is kept in `historik/`. A file for another
/// kommune is refused.
pub(crate) fn upload(
    rod: &Path,
    periode: &str,
    fil: &Path,
    vis: &Path,
    kommune_id: &str,
) -> Upload {
    let indl = projekt::indlaes(rod, periode);
    let Some(p) = indl.projekt else {
        let d = indl.diagnoser.0.iter().filter(|d| d.er_fejl());
        return Upload::Afvist(d.map(|d| d.to_string()).collect());
    };
    let (kkr, runde) = (p.kkr, p.runde);
    let mut l = laes_som(fil, vis, &kkr, &runde);
    let afvist = |d: &Diagnoser| Upload::Afvist(d.0.iter().map(|d| d.to_string()).collect());
    let Some(st) = l.status.take() else {
        l.diagnoser.0.retain(|d| d.er_fejl());
        return afvist(&l.diagnoser);
    };
    if st.kommune.id != kommune_id {
        let egen = kkr.kommuner.iter().find(|k| k.id == kommune_id);
        let egen = egen.map_or(kommune_id, |k| k.navn.as_str());
        let d = Diagnose::fejl(vis, None, format!("filen er {}s, ikke {egen}s", st.kommune.navn))
            .med_hint(format!(
                "indlæs {egen}s eget regneark; hent et nyt med «Hent PDF» og regnearket fra sekretariatet, eller udfyld formularen"
            ));
        return afvist(&Diagnoser(vec![d]));
    }
    let lager = Statuslager::ny(rod, &runde.periode);
    let g = overskrivning::Gemmer {
        kkr: &kkr,
        runde: &runde,
        overskriv: true,
        lager: &lager,
    };
    let mut s = lager.skrivninger();
    let udfald = g.gem(&mut s, vis, st);
    s.afslut();
    match udfald {
        Ok(Udfald::Ny) => Upload::Gemt("Filen er indlæst, og svarene er gemt.".into()),
        Ok(Udfald::Erstattet) => Upload::Gemt(
            "Filen er indlæst, og svarene er gemt. De forrige svar er gemt i historikken.".into(),
        ),
        Ok(Udfald::Uaendret) => Upload::Gemt(
            "Filen er indlæst: den har de samme svar som de gemte, så intet er ændret.".into(),
        ),
        Err(d) => afvist(&Diagnoser(vec![d])),
    }
}
