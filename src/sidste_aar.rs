//! A kommune's answers of the previous period beside each anbefaling of this one,
//! through `erstatter`: what `skabelon`, the workbook and the form show as last year's
//! answer to update, while this period's status starts empty.

use serde::Serialize;

use crate::indhold::model::{Status, StatusVis};
use crate::indhold::projekt::Projekt;

/// What a kommune answered in the previous period, per anbefaling of this period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SidsteAar {
    /// The previous period.
    pub periode: String,
    /// This period.
    pub nu: String,
    /// False when the kommune sent no status for the previous period.
    pub meldt: bool,
    /// Every anbefaling of this period, in order.
    pub anbefalinger: Vec<SidsteForAnbefaling>,
}

/// One anbefaling of this period and the answers to what it continues.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SidsteForAnbefaling {
    pub id: String,
    /// One per anbefaling it continues (several when it merges them); empty when it is
    /// new.
    pub svar: Vec<SidsteSvar>,
}

/// The answer to one anbefaling of the previous period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SidsteSvar {
    /// Its id in the previous period.
    pub id: String,
    pub status: Option<Status>,
    pub bemaerkning: Option<String>,
}

/// The kommune's answers of the previous period for each anbefaling of `p`'s period;
/// `None` when there is no valid previous period.
pub fn sidste_aar(p: &Projekt, kommune_id: &str) -> Option<SidsteAar> {
    let o = p.forloeb.seneste()?;
    let foer = p.forrige()?.status_for(kommune_id);
    let anbefalinger = o
        .led
        .iter()
        .map(|l| SidsteForAnbefaling {
            id: l.id.clone(),
            svar: l
                .forgaengere
                .iter()
                .map(|f| {
                    let svar = foer.and_then(|s| s.svar.get(f));
                    SidsteSvar {
                        id: f.clone(),
                        status: svar.and_then(|v| v.status),
                        bemaerkning: svar.and_then(|v| v.bemaerkning.clone()),
                    }
                })
                .collect(),
        })
        .collect();
    Some(SidsteAar {
        periode: o.fra.clone(),
        nu: o.til.clone(),
        meldt: foer.is_some(),
        anbefalinger,
    })
}

impl SidsteAar {
    /// The answers to what anbefaling `id` continues; empty when it is new.
    pub fn for_anbefaling(&self, id: &str) -> &[SidsteSvar] {
        self.anbefalinger
            .iter()
            .find(|a| a.id == id)
            .map_or(&[], |a| a.svar.as_slice())
    }

    /// True when anbefaling `id` continues nothing of the previous period.
    pub fn er_ny(&self, id: &str) -> bool {
        self.for_anbefaling(id).is_empty()
    }

    /// One line per answer, for a cell or a form: «2015: Gul – Bemærkningen.»,
    /// «2015 (v3): Grøn», «Ny i 2016», and «Ingen status i 2015» both when the kommune
    /// sent no status for the previous period and when it left this one unanswered —
    /// the same thing said the same way.
    pub fn linjer(&self, id: &str) -> Vec<String> {
        if self.er_ny(id) {
            return vec![format!("Ny i {}", self.nu)];
        }
        if !self.meldt {
            return vec![format!("Ingen status i {}", self.periode)];
        }
        self.for_anbefaling(id)
            .iter()
            .map(|s| {
                let som = if s.id == id {
                    String::new()
                } else {
                    format!(" ({})", s.id)
                };
                let hvad = match s.status {
                    Some(_) => format!("{}{som}: {}", self.periode, StatusVis::af(s.status).navn),
                    None => format!("Ingen status i {}{som}", self.periode),
                };
                match &s.bemaerkning {
                    Some(b) => format!("{hvad} – {b}"),
                    None => hvad,
                }
            })
            .collect()
    }
}
