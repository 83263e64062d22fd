//! The documents of a period: what `build` makes, what `check` renders and what the
//! preview lists. One entry per document, one way to make its source.

use std::path::PathBuf;

use crate::compile::Kilde;
use crate::diag::Diagnose;
use crate::project::Projekt;
use crate::render::{self, Motor};
use crate::tilbagemelding;

/// Which kind of document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Art {
    /// A kommune's bilag; holds the kommune id.
    Bilag(String),
    /// The combined tilbagemelding to the KKR.
    Tilbagemelding,
}

/// One document of a period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dokument {
    /// A stable id, usable in URLs: `bilag-albertslund`.
    pub id: String,
    /// The title shown in lists.
    pub titel: String,
    pub art: Art,
    /// The output path relative to the output folder: `2015/bilag/165-albertslund.pdf`.
    pub ud: PathBuf,
}

/// Every document of the project's period: the tilbagemelding and one bilag per status file.
pub fn alle(p: &Projekt) -> Vec<Dokument> {
    let mut ud = vec![Dokument {
        id: "tilbagemelding".into(),
        titel: format!("Samlet tilbagemelding til {}", p.kkr.navn),
        art: Art::Tilbagemelding,
        ud: tilbagemelding::sti(p),
    }];
    ud.extend(bilag(p));
    ud
}

/// One bilag per status file.
pub fn bilag(p: &Projekt) -> impl Iterator<Item = Dokument> + '_ {
    p.status.iter().map(|s| Dokument {
        id: format!("bilag-{}", s.kommune.id),
        titel: format!("Bilag: {}", s.kommune.navn),
        art: Art::Bilag(s.kommune.id.clone()),
        ud: PathBuf::from(&p.runde.periode)
            .join("bilag")
            .join(format!("{}-{}.pdf", s.kommune.kode, s.kommune.id)),
    })
}

/// Renders a document's template into a compilable source.
pub fn kilde(m: &Motor, p: &Projekt, d: &Dokument) -> Result<Kilde, Diagnose> {
    match &d.art {
        Art::Bilag(id) => {
            let s = p
                .status
                .iter()
                .find(|s| &s.kommune.id == id)
                .expect("documents come from the project's status files");
            render::bilag(m, p, s)
        }
        Art::Tilbagemelding => tilbagemelding::kilde(m, p),
    }
}
