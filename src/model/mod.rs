//! The validated content model: what templates and reports are built from.

mod raw;
mod validate;

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use crate::dato::Dato;

pub use raw::{RawKkr, RawRunde, RawStatus, RawTilbagemelding, Tekst};
pub use validate::{valider_kkr, valider_runde, valider_status, valider_tilbagemelding};

/// The KKR and its kommuner (`content/kkr.yaml`).
#[derive(Clone, Debug, Serialize)]
pub struct Kkr {
    pub navn: String,
    pub web: Option<String>,
    pub sekretariat: Sekretariat,
    pub kommuner: Vec<Kommune>,
}

/// The KKR secretariat's contact details, shown in the notat's right-hand column.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Sekretariat {
    pub navn: Option<String>,
    pub email: Option<String>,
    pub telefon: Option<String>,
    pub mobil: Option<String>,
    pub adresse: Vec<String>,
}

/// One kommune.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Kommune {
    pub id: String,
    pub kode: u32,
    pub navn: String,
}

/// One reporting round (`content/<periode>/anbefalinger.yaml`).
#[derive(Clone, Debug, Serialize)]
pub struct Runde {
    pub periode: String,
    pub titel: String,
    pub dato: Dato,
    pub sags_id: Option<String>,
    pub dok_id: Option<String>,
    pub frist: Option<Dato>,
    pub indledning: Option<String>,
    pub pejlemaerker: Vec<Pejlemaerke>,
    pub fokusomraader: Vec<Fokus>,
    /// True when the anbefalinger are split into SKAL and KAN.
    pub har_niveauer: bool,
}

impl Runde {
    /// Every anbefaling in order.
    pub fn anbefalinger(&self) -> impl Iterator<Item = &Anbefaling> {
        self.fokusomraader
            .iter()
            .flat_map(|f| f.anbefalinger.iter())
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Pejlemaerke {
    pub titel: String,
    pub tekst: Option<String>,
}

/// A fokusområde and its anbefalinger.
#[derive(Clone, Debug, Serialize)]
pub struct Fokus {
    pub titel: String,
    pub indledning: Option<String>,
    pub anbefalinger: Vec<Anbefaling>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Anbefaling {
    pub id: String,
    pub niveau: Option<Niveau>,
    pub tekst: String,
}

/// SKAL (mandatory) or KAN (optional).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Niveau {
    Skal,
    Kan,
}

impl Niveau {
    /// "SKAL" or "KAN".
    pub fn navn(self) -> &'static str {
        match self {
            Niveau::Skal => "SKAL",
            Niveau::Kan => "KAN",
        }
    }
}

/// A traffic-light status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Status {
    #[serde(rename = "groen")]
    Groen,
    #[serde(rename = "gul")]
    Gul,
    #[serde(rename = "roed")]
    Roed,
}

impl Status {
    pub const ALLE: [Status; 3] = [Status::Groen, Status::Gul, Status::Roed];

    /// As written in YAML: "grøn", "gul", "rød".
    pub fn yaml(self) -> &'static str {
        match self {
            Status::Groen => "grøn",
            Status::Gul => "gul",
            Status::Roed => "rød",
        }
    }

    /// As shown in documents: "Grøn", "Gul", "Rød".
    pub fn navn(self) -> &'static str {
        match self {
            Status::Groen => "Grøn",
            Status::Gul => "Gul",
            Status::Roed => "Rød",
        }
    }

    /// The code used in templates: "groen", "gul", "roed".
    pub fn kode(self) -> &'static str {
        match self {
            Status::Groen => "groen",
            Status::Gul => "gul",
            Status::Roed => "roed",
        }
    }

    /// The short mark in the overview matrix: "G", "Gu", "R".
    pub fn bogstav(self) -> &'static str {
        match self {
            Status::Groen => "G",
            Status::Gul => "Gu",
            Status::Roed => "R",
        }
    }

    /// Reads a status as a user may write it ("grøn", "Grøn", "GUL").
    pub fn fra_tekst(s: &str) -> Option<Self> {
        let s = s.trim().to_lowercase();
        Self::ALLE.into_iter().find(|st| st.yaml() == s)
    }
}

/// One kommune's answers for a round.
#[derive(Clone, Debug, Serialize)]
pub struct KommuneStatus {
    pub kommune: Kommune,
    pub behandlet: Option<Behandlet>,
    pub kontakt: Option<Kontakt>,
    pub udkast: bool,
    pub svar: BTreeMap<String, Svar>,
    pub forslag: Vec<Forslag>,
    /// The status file, relative to the project.
    #[serde(skip)]
    pub fil: PathBuf,
}

impl KommuneStatus {
    /// The status given for an anbefaling, if any.
    pub fn status_for(&self, id: &str) -> Option<Status> {
        self.svar.get(id).and_then(|s| s.status)
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Behandlet {
    pub organ: Option<String>,
    pub dato: Dato,
}

#[derive(Clone, Debug, Serialize)]
pub struct Kontakt {
    pub navn: Option<String>,
    pub email: Option<String>,
    pub telefon: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Svar {
    pub status: Option<Status>,
    pub bemaerkning: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Forslag {
    pub titel: String,
    pub tekst: Option<String>,
}

/// The coordination group's own text for the combined report (all optional).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Tilbagemelding {
    pub titel: Option<String>,
    pub dato: Option<Dato>,
    pub sags_id: Option<String>,
    pub dok_id: Option<String>,
    /// The horizon of the adjustments, e.g. "2016-2017".
    pub sigte: Option<String>,
    pub baggrund: Option<String>,
    pub sammenfatning: Option<String>,
    pub justeringer: Vec<Justering>,
}

/// A draft adjustment of an existing anbefaling, or a proposal for a new one.
#[derive(Clone, Debug, Serialize)]
pub struct Justering {
    /// The adjusted anbefaling; `None` for a new one.
    pub anbefaling: Option<Anbefaling>,
    pub titel: Option<String>,
    pub fokusomraade: Option<String>,
    pub niveau: Option<Niveau>,
    pub forslag: String,
    pub begrundelse: Option<String>,
}
