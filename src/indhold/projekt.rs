//! A fremdrift project on disk: its periods, and everything of one period loaded and
//! validated, with every diagnostic.

use std::path::{Path, PathBuf};

use super::model::{Kkr, KommuneStatus, Runde, Tilbagemelding};
use super::raa::{RawKkr, RawRunde, RawStatus, RawTilbagemelding};
use super::{valider, yaml};
use crate::diagnose::{Diagnose, Diagnoser};
use crate::fejl::Indholdsfejl;

/// A loaded and validated project for one period.
#[derive(Clone, Debug)]
pub struct Projekt {
    /// The project directory, canonical.
    pub rod: PathBuf,
    pub kkr: Kkr,
    pub runde: Runde,
    /// Status files that passed validation, sorted by kommunekode.
    pub status: Vec<KommuneStatus>,
    /// The coordination group's text for the combined report, if written.
    pub tilbagemelding: Tilbagemelding,
    /// The previous period, when it exists and is valid (for «Udvikling»).
    pub forrige: Option<Forrige>,
}

/// The previous period's round and answers.
#[derive(Clone, Debug)]
pub struct Forrige {
    pub runde: Runde,
    pub status: Vec<KommuneStatus>,
}

/// The result of loading: the project if it could be built, and every diagnostic.
#[derive(Debug)]
pub struct Indlaesning {
    pub projekt: Option<Projekt>,
    pub diagnoser: Diagnoser,
}

impl Indlaesning {
    /// The project, or an error listing every problem when there are errors.
    pub fn uden_fejl(self) -> Result<(Projekt, Diagnoser), Indholdsfejl> {
        match self.projekt {
            Some(p) if !self.diagnoser.har_fejl() => Ok((p, self.diagnoser)),
            _ => Err(Indholdsfejl::ny(self.diagnoser)),
        }
    }
}

/// The periods of a project: folders in `content/` with an `anbefalinger.yaml`, oldest first.
pub fn perioder(rod: &Path) -> Vec<String> {
    let mut ud: Vec<String> = std::fs::read_dir(rod.join("content"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().join("anbefalinger.yaml").is_file())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .collect();
    ud.sort_by(|a, b| naturlig(a).cmp(&naturlig(b)));
    ud
}

fn naturlig(s: &str) -> (u64, &str) {
    let tal: String = s.chars().take_while(char::is_ascii_digit).collect();
    (tal.parse().unwrap_or(0), s)
}

/// Loads and validates the KKR, the round and every status file of a period.
pub fn indlaes(rod: &Path, periode: &str) -> Indlaesning {
    let mut d = Diagnoser::default();
    let kkr = laes_kkr(rod, &mut d);
    let runde = laes_runde(rod, periode, &mut d);
    let projekt = match (kkr, runde) {
        (Some(kkr), Some(runde)) => {
            let status = laes_status(rod, &kkr, &runde, &mut d);
            let tilbagemelding = laes_tilbagemelding(rod, &runde, &mut d);
            let forrige = laes_forrige(rod, &kkr, periode, &mut d);
            tilbagemelding.map(|tilbagemelding| Projekt {
                rod: rod.to_path_buf(),
                kkr,
                runde,
                status,
                tilbagemelding,
                forrige,
            })
        }
        _ => None,
    };
    d.sorter();
    Indlaesning {
        projekt,
        diagnoser: d,
    }
}

pub(crate) fn laes_kkr(rod: &Path, d: &mut Diagnoser) -> Option<Kkr> {
    let vis = Path::new("content/kkr.yaml");
    match yaml::laes::<RawKkr>(&rod.join(vis), vis) {
        Ok(raw) => valider::valider_kkr(raw, vis, d),
        Err(e) => {
            d.push(e);
            None
        }
    }
}

pub(crate) fn laes_runde(rod: &Path, periode: &str, d: &mut Diagnoser) -> Option<Runde> {
    let vis = PathBuf::from(format!("content/{periode}/anbefalinger.yaml"));
    match yaml::laes::<RawRunde>(&rod.join(&vis), &vis) {
        Ok(raw) => valider::valider_runde(raw, periode, &vis, d),
        Err(e) => {
            d.push(e);
            None
        }
    }
}

/// The status files of a period (relative paths), sorted by name.
pub fn statusfiler(rod: &Path, periode: &str) -> Vec<PathBuf> {
    let mappe = PathBuf::from(format!("content/{periode}/status"));
    let mut ud: Vec<PathBuf> = std::fs::read_dir(rod.join(&mappe))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name())
        .filter_map(|n| n.to_str().map(str::to_string))
        .filter(|n| !n.starts_with('.') && (n.ends_with(".yaml") || n.ends_with(".yml")))
        .map(|n| mappe.join(n))
        .collect();
    ud.sort();
    ud
}

fn laes_status(rod: &Path, kkr: &Kkr, runde: &Runde, d: &mut Diagnoser) -> Vec<KommuneStatus> {
    let mut ud: Vec<KommuneStatus> = Vec::new();
    let filer = statusfiler(rod, &runde.periode);
    for vis in &filer {
        let vis = vis.clone();
        let raw = match yaml::laes::<RawStatus>(&rod.join(&vis), &vis) {
            Ok(raw) => raw,
            Err(e) => {
                d.push(e);
                continue;
            }
        };
        let sted = raw.kommune.sted.clone();
        if let Some(s) = valider::valider_status(raw, kkr, runde, &vis, d) {
            if !valider::tjek_filnavn(&s, &sted, &filer, d) {
                continue;
            }
            if let Some(foer) = ud.iter().find(|o| o.kommune.id == s.kommune.id) {
                d.push(
                    Diagnose::fejl(
                        &vis,
                        None,
                        format!("{} har allerede en statusfil", s.kommune.navn),
                    )
                    .med_hint(format!(
                        "slet den ene af {} og {}",
                        foer.fil.display(),
                        vis.display()
                    )),
                );
                continue;
            }
            ud.push(s);
        }
    }
    ud.sort_by_key(|s| s.kommune.kode);
    ud
}

fn laes_tilbagemelding(rod: &Path, runde: &Runde, d: &mut Diagnoser) -> Option<Tilbagemelding> {
    let vis = PathBuf::from(format!("content/{}/tilbagemelding.yaml", runde.periode));
    if !rod.join(&vis).exists() {
        return Some(Tilbagemelding::default());
    }
    match yaml::laes::<RawTilbagemelding>(&rod.join(&vis), &vis) {
        Ok(raw) => valider::valider_tilbagemelding(raw, runde, &vis, d),
        Err(e) => {
            d.push(e);
            None
        }
    }
}

/// The period before `periode`, loaded on its own; its problems become one warning.
fn laes_forrige(rod: &Path, kkr: &Kkr, periode: &str, d: &mut Diagnoser) -> Option<Forrige> {
    let alle = perioder(rod);
    let i = alle.iter().position(|p| p == periode)?;
    let forrige = alle.get(i.checked_sub(1)?)?;
    let mut egne = Diagnoser::default();
    let runde = laes_runde(rod, forrige, &mut egne);
    let status = runde.as_ref().map(|r| laes_status(rod, kkr, r, &mut egne));
    if egne.har_fejl() {
        d.push(
            Diagnose::advarsel(
                format!("content/{forrige}"),
                None,
                format!(
                    "perioden {forrige} har {}, så udviklingen siden {forrige} udelades",
                    egne.opsummering()
                ),
            )
            .med_hint(format!(
                "kør «fremdrift --periode {forrige} check» for at se dem"
            )),
        );
        return None;
    }
    Some(Forrige {
        runde: runde?,
        status: status?,
    })
}
