//! Writing the JSON Schemas of every content file (`skema/`): for `fremdrift skema`,
//! and for every command and the form that create content files, so the schema lines
//! of the files they write point somewhere.

use std::path::{Path, PathBuf};

use crate::diagnose::Diagnoser;
use crate::fejl::{Fejl, Indholdsfejl};
use crate::indhold::model::Runde;
use crate::indhold::projekt::{laes_kkr, laes_runde, perioder};
use crate::indhold::valider::Forgaenger;

/// Writes the project's schemas to `skema/` in the project and returns their paths;
/// the one call for everything that creates content files (`skabelon`, `init`,
/// `ny-periode`, the form, the spreadsheet read-in). Fails, writing nothing, when `kkr.yaml` or a round has errors.
pub fn opdater(rod: &Path) -> anyhow::Result<Vec<PathBuf>> {
    skriv_skemaer(rod, &rod.join(super::MAPPE))
}

/// [`opdater`] for a command whose own work is done: a failure is a warning.
pub fn opdater_efter(rod: &Path) {
    if let Err(e) = opdater(rod) {
        crate::besked!(
            "advarsel: skemaerne i {}/ blev ikke opdateret\n{}\n  hint: ret fejlen, og kør «fremdrift skema»",
            super::MAPPE,
            crate::fejl::tekst(&e)
        );
    }
}

/// Every schema into `mappe`, all or none; files that would not change are left alone.
pub fn skriv_skemaer(rod: &Path, mappe: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut d = Diagnoser::default();
    let kkr = laes_kkr(rod, &mut d);
    let mut runder: Vec<Runde> = Vec::new();
    let mut forrige_laest = true;
    for p in perioder(rod) {
        let forgaenger = match runder.last() {
            _ if !forrige_laest => Forgaenger::Ukendt,
            Some(r) => Forgaenger::Runde(r),
            None => Forgaenger::Ingen,
        };
        let runde = laes_runde(rod, &p, forgaenger, &mut d);
        forrige_laest = runde.is_some();
        runder.extend(runde);
    }
    let kkr = match kkr {
        Some(kkr) if !d.har_fejl() => kkr,
        _ => {
            let opsummering = format!(
                "indholdet har {}; skemaerne er ikke skrevet",
                d.opsummering()
            );
            return Err(Indholdsfejl {
                diagnoser: d,
                opsummering,
            }
            .into());
        }
    };
    let filer: Vec<(PathBuf, String)> = super::alle(&kkr, &runder)
        .into_iter()
        .map(|(navn, s)| {
            let tekst = serde_json::to_string_pretty(&s).expect("a schema is JSON") + "\n";
            (mappe.join(navn), tekst)
        })
        .collect();
    let nye = filer
        .iter()
        .filter(|(sti, tekst)| std::fs::read(sti).ok().as_deref() != Some(tekst.as_bytes()))
        .map(|(sti, tekst)| crate::skriv::forbered(sti, tekst.as_bytes()));
    crate::skriv::laeg_paa_plads(nye).map_err(|e| {
        Fejl::ny(format!("kunne ikke skrive skemaerne i {}", mappe.display()))
            .hint("tjek at mappen ikke er skrivebeskyttet")
            .aarsag(e)
    })?;
    Ok(filer.into_iter().map(|(sti, _)| sti).collect())
}
