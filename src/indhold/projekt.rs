//! A fremdrift project on disk: its periods, and everything of one period loaded and
//! validated, with every diagnostic — and the earlier periods its development is
//! followed through.

use std::path::{Path, PathBuf};

use super::forloeb::Forloeb;
use super::model::{Kkr, KommuneStatus, Runde, Tilbagemelding};
use super::raa::{RawKkr, RawRunde, RawStatus, RawTilbagemelding};
use super::valider::Forgaenger;
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
    /// The earlier periods, oldest first: the unbroken run of valid periods just
    /// before this one (a period with errors ends it).
    pub tidligere: Vec<Tidligere>,
    /// Which anbefaling continues which, from the oldest of `tidligere` to this period.
    pub forloeb: Forloeb,
}

/// An earlier period's round, answers and tilbagemelding (whose justeringer the next
/// period's anbefalinger carry out).
#[derive(Clone, Debug)]
pub struct Tidligere {
    pub runde: Runde,
    pub status: Vec<KommuneStatus>,
    pub tilbagemelding: Tilbagemelding,
}

impl Tidligere {
    /// A kommune's answers that period, if it sent any.
    pub fn status_for(&self, kommune_id: &str) -> Option<&KommuneStatus> {
        self.status.iter().find(|s| s.kommune.id == kommune_id)
    }
}

impl Projekt {
    /// The previous period, when it is valid.
    pub fn forrige(&self) -> Option<&Tidligere> {
        self.tidligere.last()
    }

    /// Every round of the development, oldest first, ending with this period's.
    pub fn runder(&self) -> Vec<&Runde> {
        let mut ud: Vec<&Runde> = self.tidligere.iter().map(|t| &t.runde).collect();
        ud.push(&self.runde);
        ud
    }
}

/// The result of loading: the project if it could be built, and every diagnostic.
#[derive(Clone, Debug)]
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

/// True when the period `a` sorts after `b` (by its leading number, then its name).
pub fn kommer_efter(a: &str, b: &str) -> bool {
    naturlig(a) > naturlig(b)
}

fn naturlig(s: &str) -> (u64, &str) {
    let tal: String = s.chars().take_while(char::is_ascii_digit).collect();
    (tal.parse().unwrap_or(0), s)
}

/// Loads and validates the KKR, the round and every status file of a period.
pub fn indlaes(rod: &Path, periode: &str) -> Indlaesning {
    indlaes_med(rod, periode, true)
}

/// Loads the period as [`indlaes`] does, but none of its own status files (the project's
/// `status` is empty): the KKR, the round, the tilbagemelding and the earlier periods —
/// what one kommune's form stands on.
pub fn indlaes_uden_status(rod: &Path, periode: &str) -> Indlaesning {
    indlaes_med(rod, periode, false)
}

fn indlaes_med(rod: &Path, periode: &str, med_status: bool) -> Indlaesning {
    let mut d = Diagnoser::default();
    let kkr = laes_kkr(rod, &mut d);
    let historik = kkr.as_ref().map(|k| laes_historik(rod, k, periode, &mut d));
    let forgaenger = match &historik {
        Some(Historik {
            forrige_runde: Some(r),
            ..
        }) => Forgaenger::Runde(r),
        Some(h) if !h.findes => Forgaenger::Ingen,
        _ => Forgaenger::Ukendt,
    };
    let runde = laes_runde(rod, periode, forgaenger, &mut d);
    let projekt = match (kkr, runde, historik) {
        (Some(kkr), Some(runde), Some(historik)) => {
            let status = match med_status {
                true => laes_status(rod, &kkr, &runde, &mut d),
                false => Vec::new(),
            };
            let tilbagemelding = laes_tilbagemelding(rod, &runde, &mut d);
            let tidligere = historik.tidligere;
            let mut runder: Vec<&Runde> = tidligere.iter().map(|t| &t.runde).collect();
            runder.push(&runde);
            let forloeb = Forloeb::ny(&runder);
            tilbagemelding.map(|tilbagemelding| Projekt {
                rod: rod.to_path_buf(),
                kkr,
                runde,
                status,
                tilbagemelding,
                tidligere,
                forloeb,
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

pub(crate) fn laes_runde(
    rod: &Path,
    periode: &str,
    forgaenger: Forgaenger,
    d: &mut Diagnoser,
) -> Option<Runde> {
    let vis = PathBuf::from(format!("content/{periode}/anbefalinger.yaml"));
    match yaml::laes::<RawRunde>(&rod.join(&vis), &vis) {
        Ok(raw) => valider::valider_runde(raw, periode, forgaenger, &vis, d),
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

/// The earlier periods as far as the development can be followed.
struct Historik {
    /// The unbroken run of valid periods just before this one, oldest first.
    tidligere: Vec<Tidligere>,
    /// The previous period's round, when it is valid (its answers may not be), for
    /// checking `erstatter`.
    forrige_runde: Option<Runde>,
    /// Whether there is any earlier period.
    findes: bool,
}

/// Loads every period before `periode`, oldest first, each checked against the one
/// before it; a period with errors becomes one warning and ends the run there.
fn laes_historik(rod: &Path, kkr: &Kkr, periode: &str, d: &mut Diagnoser) -> Historik {
    let alle = perioder(rod);
    let foer = &alle[..alle.iter().position(|p| p == periode).unwrap_or(0)];
    let mut h = Historik {
        tidligere: Vec::new(),
        forrige_runde: None,
        findes: !foer.is_empty(),
    };
    for (i, p) in foer.iter().enumerate() {
        let mut egne = Diagnoser::default();
        let forgaenger = match &h.forrige_runde {
            Some(r) => Forgaenger::Runde(r),
            None if i == 0 => Forgaenger::Ingen,
            None => Forgaenger::Ukendt,
        };
        let runde = laes_runde(rod, p, forgaenger, &mut egne);
        let status = runde
            .as_ref()
            .map(|r| laes_status(rod, kkr, r, &mut egne))
            .unwrap_or_default();
        let tilbagemelding = runde
            .as_ref()
            .and_then(|r| laes_tilbagemelding(rod, r, &mut egne));
        match (&runde, tilbagemelding) {
            (Some(r), Some(tilbagemelding)) if !egne.har_fejl() => h.tidligere.push(Tidligere {
                runde: r.clone(),
                status,
                tilbagemelding,
            }),
            _ => {
                let naeste = foer.get(i + 1).map_or(periode, String::as_str);
                d.push(udeladt(p, naeste, periode, &egne));
                h.tidligere.clear();
            }
        }
        h.forrige_runde = runde;
    }
    h
}

/// The one warning for an earlier period with errors.
fn udeladt(p: &str, naeste: &str, periode: &str, egne: &Diagnoser) -> Diagnose {
    let foelge = if naeste == periode {
        format!("udviklingen siden {p} udelades")
    } else {
        format!("udviklingen følges først fra {naeste}")
    };
    Diagnose::advarsel(
        format!("content/{p}"),
        None,
        format!("perioden {p} har {}, så {foelge}", egne.opsummering()),
    )
    .med_hint(format!("kør «fremdrift --periode {p} check» for at se dem"))
}
