//! The validated content model: what documents, templates and reports are built from.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use super::dato::Dato;

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

impl Kkr {
    /// Finds a kommune by id, kode or name ("albertslund", "165", "Albertslund Kommune",
    /// "Albertslund"), ignoring case and surrounding spaces.
    pub fn find(&self, hvem: &str) -> Option<&Kommune> {
        let h = hvem.trim().to_lowercase();
        self.kommuner.iter().find(|k| {
            let navn = k.navn.to_lowercase();
            k.id == h
                || k.kode.to_string() == h
                || navn == h
                || navn.trim_end_matches(" kommune") == h
        })
    }
}

/// One kommune.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Kommune {
    pub id: String,
    pub kode: u32,
    pub navn: String,
    /// `e-mail` in kkr.yaml: where the hosted collection sends the link and reminders.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
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
    /// The ids of the previous period's anbefalinger this one continues, when given
    /// with `erstatter`; `None` means «the same id, if it was there» (see
    /// [`crate::indhold::forloeb`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub erstatter: Option<Vec<String>>,
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

    /// The subheading in the fremdriftsskema, as the seeds write it:
    /// "SKAL-initiativer i 2015:" and "KAN-initiativer i 2015".
    pub fn overskrift(self, periode: &str) -> String {
        match self {
            Niveau::Skal => format!("SKAL-initiativer i {periode}:"),
            Niveau::Kan => format!("KAN-initiativer i {periode}"),
        }
    }
}

/// A traffic-light status: the one place its words, colours and order are defined.
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

    /// As written in YAML and spreadsheets: "grøn", "gul", "rød".
    pub fn yaml(self) -> &'static str {
        self.vis().yaml
    }

    /// As shown in documents: "Grøn", "Gul", "Rød".
    pub fn navn(self) -> &'static str {
        self.vis().navn
    }

    /// How good a status is: grøn 2, gul 1, rød 0 (for «moved up or down»).
    pub fn vaerdi(self) -> u8 {
        match self {
            Status::Groen => 2,
            Status::Gul => 1,
            Status::Roed => 0,
        }
    }

    /// Reads a status as a user may write it ("grøn", "Grøn ", "GUL").
    pub fn fra_tekst(s: &str) -> Option<Self> {
        let s = s.trim().to_lowercase();
        Self::ALLE.into_iter().find(|st| st.yaml() == s)
    }

    /// Everything shown for the status.
    pub fn vis(self) -> &'static StatusVis {
        match self {
            Status::Groen => &GROEN,
            Status::Gul => &GUL,
            Status::Roed => &ROED,
        }
    }
}

/// A status — or «ikke besvaret» — as documents show it: by word, by mark and by colour.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StatusVis {
    /// The code templates use: "groen", "gul", "roed", "ikke".
    pub kode: &'static str,
    /// "Grøn", "Gul", "Rød", "Ikke besvaret".
    pub navn: &'static str,
    /// As typed: "grøn", "gul", "rød", "".
    #[serde(skip)]
    pub yaml: &'static str,
    /// "G", "Gu", "R" or "–" in the overview matrix: readable in greyscale.
    pub bogstav: &'static str,
    /// The fill colour, `#rrggbb`.
    pub farve: &'static str,
    /// The text colour on that fill.
    pub tekstfarve: &'static str,
    /// The outline of a mark (`#rrggbb` and width in points), where the fill alone is
    /// too light to see.
    pub kant: Option<(&'static str, f64)>,
    /// The order in lists of answers: rød first, then gul, grøn and ikke besvaret.
    pub orden: u8,
}

const GROEN: StatusVis = StatusVis {
    kode: "groen",
    navn: "Grøn",
    yaml: "grøn",
    bogstav: "G",
    farve: "#2e7d32",
    tekstfarve: "#ffffff",
    kant: None,
    orden: 2,
};
const GUL: StatusVis = StatusVis {
    kode: "gul",
    navn: "Gul",
    yaml: "gul",
    bogstav: "Gu",
    farve: "#f2b705",
    tekstfarve: "#000000",
    kant: Some(("#9a7400", 0.5)),
    orden: 1,
};
const ROED: StatusVis = StatusVis {
    kode: "roed",
    navn: "Rød",
    yaml: "rød",
    bogstav: "R",
    farve: "#c62828",
    tekstfarve: "#ffffff",
    kant: None,
    orden: 0,
};
const IKKE_BESVARET: StatusVis = StatusVis {
    kode: "ikke",
    navn: "Ikke besvaret",
    yaml: "",
    bogstav: "–",
    farve: "#ffffff",
    tekstfarve: "#000000",
    kant: Some(("#5a5a5a", 0.7)),
    orden: 3,
};

impl StatusVis {
    /// How an answer — or no answer — is shown.
    pub fn af(s: Option<Status>) -> &'static StatusVis {
        s.map_or(&IKKE_BESVARET, Status::vis)
    }

    /// Every way an answer can be shown, in the order of charts and legends.
    pub fn alle() -> [&'static StatusVis; 4] {
        [&GROEN, &GUL, &ROED, &IKKE_BESVARET]
    }
}

/// One kommune's answers for a round.
#[derive(Clone, Debug, PartialEq, Serialize)]
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

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Behandlet {
    pub organ: Option<String>,
    pub dato: Dato,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Kontakt {
    pub navn: Option<String>,
    pub email: Option<String>,
    pub telefon: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Svar {
    pub status: Option<Status>,
    pub bemaerkning: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tier_headings_follow_the_seeds() {
        assert_eq!(Niveau::Skal.overskrift("2015"), "SKAL-initiativer i 2015:");
        assert_eq!(Niveau::Kan.overskrift("2015"), "KAN-initiativer i 2015");
    }

    #[test]
    fn status_words_and_order_come_from_one_place() {
        assert_eq!(Status::fra_tekst(" GUL "), Some(Status::Gul));
        assert_eq!(StatusVis::af(None).navn, "Ikke besvaret");
        let orden: Vec<&str> = {
            let mut v = StatusVis::alle().to_vec();
            v.sort_by_key(|s| s.orden);
            v.iter().map(|s| s.navn).collect()
        };
        assert_eq!(orden, ["Rød", "Gul", "Grøn", "Ikke besvaret"]);
        assert!(Status::Groen.vaerdi() > Status::Gul.vaerdi());
    }
}
