//! Planning a run: the selected documents of a period, each with its rendered source
//! or the diagnostics that stop it — every diagnostic once, for `check`, the commands
//! that write PDFs and the preview alike.

use std::path::Path;

use rayon::prelude::*;

use super::{Koersel, Opgave};
use crate::diagnose::{Diagnose, Diagnoser};
use crate::dokument::{self, Dokument};
use crate::fejl::Indholdsfejl;
use crate::markup::Kilde;

/// A source kept from an earlier plan for a document with these diagnostics, if any.
pub type TidligereKilde<'a> = dyn Fn(&Dokument, &[Diagnose]) -> Option<Kilde> + Sync + 'a;

/// Which documents of the period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Udvalg {
    /// The tilbagemelding and every bilag.
    Alle,
    Tilbagemelding,
    /// The bilag of these kommuner (ids).
    Bilag(Vec<String>),
}

impl Udvalg {
    fn omfatter(&self, d: &Dokument) -> bool {
        match self {
            Udvalg::Alle => true,
            Udvalg::Tilbagemelding => d.kommune().is_none(),
            Udvalg::Bilag(ids) => d.kommune().is_some_and(|k| ids.iter().any(|i| i == k)),
        }
    }
}

/// What a run will make.
pub struct Plan {
    pub dokumenter: Vec<Planlagt>,
    /// Every diagnostic: loading, validating and rendering, each once.
    pub diagnoser: Diagnoser,
}

/// One document of a plan.
pub struct Planlagt {
    pub dok: Dokument,
    /// The diagnostics that concern this document.
    pub diagnoser: Vec<Diagnose>,
    /// The rendered source, when the document has no errors: ready to compile.
    pub kilde: Option<Kilde>,
}

impl Koersel {
    /// Renders the selected documents (in parallel) and sorts every diagnostic to the
    /// documents it concerns.
    pub fn planlaeg(&mut self, udvalg: &Udvalg) -> Plan {
        self.planlaeg_med(udvalg, &|_, _| None)
    }

    /// As [`Koersel::planlaeg`], but a document for which `tidligere` has a source (given
    /// the document and its diagnostics) keeps that source instead of being rendered.
    pub fn planlaeg_med(&mut self, udvalg: &Udvalg, tidligere: &TidligereKilde<'_>) -> Plan {
        let mut alle = self.diagnoser.clone();
        let Some(p) = &self.projekt else {
            return Plan {
                dokumenter: Vec::new(),
                diagnoser: alle,
            };
        };
        let status = Path::new("content").join(&self.periode).join("status");
        let valgte: Vec<Dokument> = dokument::alle(p)
            .into_iter()
            .filter(|d| udvalg.omfatter(d))
            .collect();
        let skabeloner = &self.motor.skabeloner;
        let render = |dok: Dokument| {
            let mut diagnoser = tildel(&alle.0, dok.egen_fil(), &status);
            let mut kilde = None;
            let mut ny = None;
            if !diagnoser.iter().any(Diagnose::er_fejl) {
                match tidligere(&dok, &diagnoser)
                    .map(Ok)
                    .unwrap_or_else(|| skabeloner.kilde(dok.forlaeg(p)))
                {
                    Ok(k) => kilde = Some(k),
                    Err(d) => ny = Some(d),
                }
            }
            diagnoser.extend(ny.clone());
            let planlagt = Planlagt {
                dok,
                diagnoser,
                kilde,
            };
            (planlagt, ny)
        };
        let resultater: Vec<(Planlagt, Option<Diagnose>)> = self.tider.maal("skabeloner", || {
            valgte.into_par_iter().map(render).collect()
        });
        let mut dokumenter = Vec::with_capacity(resultater.len());
        for (planlagt, ny) in resultater {
            if let Some(d) = ny {
                alle.tilfoej_ny(d);
            }
            dokumenter.push(planlagt);
        }
        alle.sorter();
        Plan {
            dokumenter,
            diagnoser: alle,
        }
    }
}

impl Plan {
    /// Every document with its output path, when nothing has errors; otherwise every
    /// diagnostic.
    pub fn opgaver(
        self,
        ud: impl Fn(&Dokument) -> std::path::PathBuf,
    ) -> Result<Vec<Opgave>, Indholdsfejl> {
        if self.diagnoser.har_fejl() {
            return Err(Indholdsfejl::ny(self.diagnoser));
        }
        Ok(self
            .dokumenter
            .into_iter()
            .filter_map(|p| {
                let ud = ud(&p.dok);
                p.kilde.map(|kilde| Opgave { kilde, ud })
            })
            .collect())
    }
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
