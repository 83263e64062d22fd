//! The documents of a period — what `build` makes, what `check` renders and what the
//! preview lists — and what each one's template gets. A document carries what it is
//! built from: a bilag holds its kommune's status.

pub mod bilag;
pub mod notat;
pub mod statistik;
pub mod tabel;
pub mod tilbagemelding;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use minijinja::Value;

use crate::indhold::dato::Dato;
use crate::indhold::model::KommuneStatus;
use crate::indhold::projekt::Projekt;

/// Which kind of document, with what it is built from.
#[derive(Clone, Debug, PartialEq)]
pub enum Art {
    /// A kommune's bilag to its kommunalbestyrelse.
    Bilag(Arc<KommuneStatus>),
    /// The combined tilbagemelding to the KKR.
    Tilbagemelding,
}

/// One document of a period.
#[derive(Clone, Debug, PartialEq)]
pub struct Dokument {
    /// A stable id, usable in URLs: `bilag-albertslund`.
    pub id: String,
    /// The title shown in lists.
    pub titel: String,
    pub art: Art,
    /// The output path relative to the output folder: `2015/bilag/165-albertslund.pdf`.
    pub ud: PathBuf,
}

/// What a document's template gets: the template, the context, and the names the
/// compiled document is known by.
pub struct Forlaeg {
    pub skabelon: &'static str,
    /// A stable name such as `2015/bilag/165-albertslund`.
    pub navn: String,
    /// The document's date: `today()` in Typst and the PDF's timestamp.
    pub dato: Dato,
    pub kontekst: Value,
}

impl Dokument {
    /// The file only this document reads (a kommune's status file), if any.
    pub fn egen_fil(&self) -> Option<&Path> {
        match &self.art {
            Art::Bilag(s) => Some(&s.fil),
            Art::Tilbagemelding => None,
        }
    }

    /// The kommune id of a bilag.
    pub fn kommune(&self) -> Option<&str> {
        match &self.art {
            Art::Bilag(s) => Some(&s.kommune.id),
            Art::Tilbagemelding => None,
        }
    }

    /// The template and context that make this document.
    pub fn forlaeg(&self, p: &Projekt) -> Forlaeg {
        match &self.art {
            Art::Bilag(s) => bilag::forlaeg(p, s),
            Art::Tilbagemelding => tilbagemelding::forlaeg(p),
        }
    }
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
        art: Art::Bilag(Arc::new(s.clone())),
        ud: PathBuf::from(&p.runde.periode)
            .join("bilag")
            .join(format!("{}-{}.pdf", s.kommune.kode, s.kommune.id)),
    })
}
