//! Planning a rebuild: load and validate the project, render every document's source,
//! and give each document the diagnostics that concern it.

use std::path::{Path, PathBuf};

use crate::compile::Kilde;
use crate::diag::{Diagnose, Diagnoser};
use crate::dokumenter::{self, Art, Dokument};
use crate::project::{self, Projekt};
use crate::render::Motor;

use super::tilstand::Visning;

/// What a rebuild should show.
pub struct Plan {
    pub kkr: Option<String>,
    pub dokumenter: Vec<Planlagt>,
    /// Every diagnostic, as `fremdrift check` gives them.
    pub diagnoser: Diagnoser,
}

/// One document of a plan.
pub struct Planlagt {
    pub dok: Dokument,
    pub egen_fil: Option<PathBuf>,
    pub diagnoser: Vec<Diagnose>,
    /// The rendered source, when the document has no errors: ready to compile.
    pub kilde: Option<Kilde>,
}

/// Loads the project and plans every document; documents of `gamle` that dropped out
/// because of errors are kept, so their last good render stays visible.
pub fn planlaeg(motor: &Motor, periode: &str, gamle: &[Visning]) -> Plan {
    let indl = project::indlaes(&motor.rod, periode);
    let mut alle = indl.diagnoser;
    let status = PathBuf::from(format!("content/{periode}/status"));
    let mut ud = Vec::new();
    if let Some(p) = &indl.projekt {
        for dok in dokumenter::alle(p) {
            let egen_fil = egen_fil(p, &dok);
            let mut diagnoser = tildel(&alle.0, egen_fil.as_deref(), &status);
            let kilde = if diagnoser.iter().any(Diagnose::er_fejl) {
                None
            } else {
                match dokumenter::kilde(motor, p, &dok) {
                    Ok(k) => Some(k),
                    Err(d) => {
                        if !alle.0.contains(&d) {
                            alle.push(d.clone());
                        }
                        diagnoser.push(d);
                        None
                    }
                }
            };
            ud.push(Planlagt {
                dok,
                egen_fil,
                diagnoser,
                kilde,
            });
        }
    }
    for g in gamle {
        if !ud.iter().any(|n| n.dok.id == g.dok.id) && beholdes(&motor.rod, g, &alle) {
            ud.push(Planlagt {
                dok: g.dok.clone(),
                egen_fil: g.egen_fil.clone(),
                diagnoser: tildel(&alle.0, g.egen_fil.as_deref(), &status),
                kilde: None,
            });
        }
    }
    alle.sorter();
    Plan {
        kkr: indl.projekt.map(|p| p.kkr.navn),
        dokumenter: ud,
        diagnoser: alle,
    }
}

/// A document that is no longer in the list stays while the content has errors (it
/// probably dropped out because of them) unless its own file is gone.
fn beholdes(rod: &Path, g: &Visning, alle: &Diagnoser) -> bool {
    alle.har_fejl() && g.egen_fil.as_ref().is_none_or(|f| rod.join(f).exists())
}

/// The status file only this document reads: a kommune's bilag reads its own.
fn egen_fil(p: &Projekt, d: &Dokument) -> Option<PathBuf> {
    p.status
        .iter()
        .find(|s| d.art == Art::Bilag(s.kommune.id.clone()))
        .map(|s| s.fil.clone())
}

/// The diagnostics that concern a document: those in its own file and in every file
/// but the other status files. A document with no own file (one that gathers every
/// status) gets them all.
pub fn tildel(alle: &[Diagnose], egen_fil: Option<&Path>, status: &Path) -> Vec<Diagnose> {
    alle.iter()
        .filter(|d| match egen_fil {
            None => true,
            Some(f) => d.fil == f || !d.fil.starts_with(status),
        })
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(fil: &str) -> Diagnose {
        Diagnose::fejl(fil, None, "x")
    }

    fn filer(ds: &[Diagnose]) -> Vec<String> {
        ds.iter().map(|d| d.fil.display().to_string()).collect()
    }

    fn alle() -> Vec<Diagnose> {
        vec![
            d("content/2015/status/alfa.yaml"),
            d("content/2015/status/beta.yaml"),
            d("content/kkr.yaml"),
            d("templates/bilag.typ.j2"),
        ]
    }

    #[test]
    fn bilag_gets_its_own_status_file_and_shared_files() {
        let status = Path::new("content/2015/status");
        let egen = Path::new("content/2015/status/beta.yaml");
        assert_eq!(
            filer(&tildel(&alle(), Some(egen), status)),
            [
                "content/2015/status/beta.yaml",
                "content/kkr.yaml",
                "templates/bilag.typ.j2"
            ]
        );
    }

    #[test]
    fn document_gathering_every_status_gets_every_diagnostic() {
        let status = Path::new("content/2015/status");
        assert_eq!(tildel(&alle(), None, status).len(), 4);
    }
}
