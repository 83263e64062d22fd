//! `fremdrift ny-periode PERIODE [--fra PERIODE]`: the next period of the yearly
//! cycle, made from the newest (or the given) one — its anbefalinger to edit and a stub
//! tilbagemelding; never over anything that exists, and all or nothing. The files
//! themselves are made in `filer` (with `uden_erstatter`).

mod filer;
mod uden_erstatter;

use std::path::{Path, PathBuf};

use crate::argumenter::{FaellesValg, NyPeriodeArgs, projektmappe};
use crate::diagnose::Diagnoser;
use crate::fejl::{Fejl, Indholdsfejl, fejl};
use crate::indhold::model::Justering;
use crate::indhold::projekt::{self, perioder};
use crate::indhold::raa::RawTilbagemelding;
use crate::indhold::valider::{self, Forgaenger};
use crate::indhold::yaml;
use crate::skriv;

pub fn koer(f: &FaellesValg, a: &NyPeriodeArgs) -> anyhow::Result<()> {
    if f.periode.is_some() {
        return Err(fejl(
            "«--periode» bruges ikke med ny-periode",
            "skriv den nye periode som argument og den, der kopieres, med --fra, fx «fremdrift ny-periode 2016 --fra 2015»",
        ));
    }
    let rod = projektmappe(f)?;
    let ny = a.periode.trim();
    tjek_navn(ny)?;
    let alle = perioder(&rod);
    let kilde = vaelg_kilde(&alle, a.fra.as_deref())?;
    tjek_ny(&rod, &alle, ny)?;
    let vis = PathBuf::from(format!("content/{kilde}/anbefalinger.yaml"));
    let tekst = std::fs::read_to_string(rod.join(&vis))
        .map_err(|e| Fejl::ny(format!("kunne ikke læse {}", vis.display())).aarsag(e))?;
    let justeringer = kildens_justeringer(&rod, kilde)?;
    let anbefalinger = filer::anbefalinger(&tekst, &vis, kilde, ny, &justeringer)
        .map_err(|d| Indholdsfejl::ny(Diagnoser(vec![d])))?;
    // The copied text may carry the source period's schema line: the new one goes first.
    let med_skema = |rel: String, tekst: String| {
        let uden: String = tekst
            .split_inclusive('\n')
            .filter(|l| !l.starts_with("# yaml-language-server:"))
            .collect();
        let tekst = crate::jsonskema::med_skemalinje(Path::new(&rel), &uden);
        (rel, tekst)
    };
    let filer = [
        (format!("content/{ny}/status/.gitkeep"), String::new()),
        med_skema(
            format!("content/{ny}/tilbagemelding.yaml"),
            filer::tilbagemelding(kilde, ny),
        ),
        // Last: a folder is a period once it has its anbefalinger.
        med_skema(format!("content/{ny}/anbefalinger.yaml"), anbefalinger),
    ];
    skriv_alle_nye(&rod, &filer)?;
    crate::jsonskema::skriv::opdater_efter(&rod);
    println!("Oprettede perioden {ny} ud fra {kilde}:");
    for (rel, _) in &filer[1..] {
        println!("  {rel}");
    }
    println!(
        "Næste skridt: ret content/{ny}/anbefalinger.yaml (se kommentaren øverst), kontrollér med «fremdrift --periode {ny} check», og lav statusfiler med «fremdrift skabelon KOMMUNE» – de viser kommunens svar fra {kilde}."
    );
    Ok(())
}

/// A period's name becomes a folder: letters, digits, `-` and `_`, like «2016» or
/// «2016-17».
fn tjek_navn(ny: &str) -> anyhow::Result<()> {
    let ok = ny.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && ny.len() <= 40
        && ny
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(fejl(
            format!("«{ny}» kan ikke være navnet på en periode"),
            "brug årstallet, fx «2016», eller fx «2016-17»: bogstaver, tal og bindestreg",
        ))
    }
}

/// The period to copy: the one given, or the newest.
fn vaelg_kilde<'a>(alle: &'a [String], fra: Option<&str>) -> anyhow::Result<&'a str> {
    let liste = || format!("der er anbefalinger for: {}", alle.join(", "));
    match fra {
        Some(f) => alle.iter().find(|p| *p == f.trim()).map(String::as_str).ok_or_else(|| {
            fejl(format!("perioden «{f}» findes ikke"), liste())
        }),
        None => alle.last().map(String::as_str).ok_or_else(|| {
            fejl(
                "der er ingen periode i content/ at bygge videre på",
                "opret den første periode med «fremdrift init», eller skriv content/<periode>/anbefalinger.yaml",
            )
        }),
    }
}

/// The new period must not exist and must come after every period there is.
fn tjek_ny(rod: &Path, alle: &[String], ny: &str) -> anyhow::Result<()> {
    let mappe = rod.join("content").join(ny);
    let findes = std::fs::read_dir(&mappe).is_ok_and(|mut d| d.next().is_some());
    if alle.iter().any(|p| p == ny) || findes {
        return Err(fejl(
            format!("perioden {ny} findes allerede (content/{ny}/)"),
            format!(
                "ny-periode overskriver aldrig noget: ret i content/{ny}/, eller vælg et andet navn"
            ),
        ));
    }
    if let Some(sidste) = alle.last().filter(|s| !projekt::kommer_efter(ny, s)) {
        let aar: String = sidste.chars().take_while(char::is_ascii_digit).collect();
        let fx = aar
            .parse::<u64>()
            .map(|a| format!(", fx «{}»", a + 1))
            .unwrap_or_default();
        return Err(fejl(
            format!("perioden «{ny}» kommer ikke efter {sidste}, den nyeste periode"),
            format!(
                "perioderne ordnes efter årstallet først i navnet; den nye periode skal være den seneste{fx}"
            ),
        ));
    }
    Ok(())
}

/// The justeringer proposed in the source period's tilbagemelding. The source period's
/// anbefalinger and tilbagemelding must be free of errors: they are what is copied.
fn kildens_justeringer(rod: &Path, kilde: &str) -> anyhow::Result<Vec<Justering>> {
    let mut d = Diagnoser::default();
    let runde = projekt::laes_runde(rod, kilde, Forgaenger::Ukendt, &mut d);
    let vis = PathBuf::from(format!("content/{kilde}/tilbagemelding.yaml"));
    let t = match runde {
        Some(r) if rod.join(&vis).exists() => {
            match yaml::laes::<RawTilbagemelding>(&rod.join(&vis), &vis) {
                Ok(raw) => valider::valider_tilbagemelding(raw, &r, &vis, &mut d),
                Err(e) => {
                    d.push(e);
                    None
                }
            }
        }
        _ => None,
    };
    if d.har_fejl() {
        return Err(Indholdsfejl::ny(d).into());
    }
    Ok(t.map(|t| t.justeringer).unwrap_or_default())
}

/// Writes every file new, all or nothing: on the first failure, what was written is
/// removed again (and nothing that existed is touched).
fn skriv_alle_nye(rod: &Path, filer: &[(String, String)]) -> anyhow::Result<()> {
    let mut skrevet: Vec<PathBuf> = Vec::new();
    let mut mapper: Vec<PathBuf> = Vec::new();
    for (rel, indhold) in filer {
        let sti = rod.join(rel);
        let mut m = sti.parent();
        while let Some(mappe) = m.filter(|m| !m.exists()) {
            mapper.push(mappe.to_path_buf());
            m = mappe.parent();
        }
        if let Err(e) = skriv::skriv_ny_atomisk(&sti, indhold.as_bytes()) {
            for s in skrevet.iter().rev() {
                let _ = std::fs::remove_file(s);
            }
            for m in &mapper {
                let _ = std::fs::remove_dir(m);
            }
            return Err(Fejl::ny(format!("kunne ikke oprette {rel}"))
                .aarsag(e)
                .into());
        }
        skrevet.push(sti);
    }
    Ok(())
}
