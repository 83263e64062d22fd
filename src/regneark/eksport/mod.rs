//! Every answer of a period for the secretariat's own analysis: a workbook with
//! «Svar» (one row per kommune × anbefaling, with autofilter), «Oversigt» (kommune ×
//! anbefaling, the status word and its colour) and «Forslag» — or the «Svar» table as
//! CSV that Danish Excel opens directly.

mod csv;
mod xlsx;

pub use csv::csv;
pub use xlsx::xlsx;

use crate::indhold::dato::Dato;
use crate::indhold::model::StatusVis;
use crate::indhold::projekt::Projekt;
use crate::regneark::ja_nej;

/// The headers of «Svar».
pub const SVAR_KOLONNER: [&str; 11] = [
    "Kommune",
    "Kode",
    "Fokusområde",
    "Niveau",
    "Id",
    "Anbefaling",
    "Status",
    "Bemærkning",
    "Behandlet af",
    "Dato",
    "Udkast",
];

/// A value of the export.
#[derive(Clone, Debug, PartialEq)]
pub enum Felt {
    Tekst(String),
    Tal(u32),
    Dato(Option<Dato>),
}

impl Felt {
    /// As text: a date as 21-01-2016.
    pub fn tekst(&self) -> String {
        match self {
            Felt::Tekst(t) => t.clone(),
            Felt::Tal(n) => n.to_string(),
            Felt::Dato(Some(d)) => format!("{:02}-{:02}-{}", d.dag, d.maaned, d.aar),
            Felt::Dato(None) => String::new(),
        }
    }
}

/// The «Svar» table: kommuner by kode, anbefalinger in the round's order.
pub fn svar(p: &Projekt) -> Vec<[Felt; 11]> {
    let mut ud = Vec::new();
    for st in &p.status {
        let behandlet = st.behandlet.as_ref();
        for fokus in &p.runde.fokusomraader {
            for a in &fokus.anbefalinger {
                let svar = st.svar.get(&a.id);
                let t = |s: &str| Felt::Tekst(s.to_string());
                ud.push([
                    t(&st.kommune.navn),
                    Felt::Tal(st.kommune.kode),
                    t(&fokus.titel),
                    t(a.niveau.map(|n| n.navn()).unwrap_or_default()),
                    t(&a.id),
                    t(&a.tekst),
                    t(StatusVis::af(svar.and_then(|s| s.status)).navn),
                    t(svar
                        .and_then(|s| s.bemaerkning.as_deref())
                        .unwrap_or_default()),
                    t(behandlet
                        .and_then(|b| b.organ.as_deref())
                        .unwrap_or_default()),
                    Felt::Dato(behandlet.map(|b| b.dato)),
                    t(ja_nej(st.udkast)),
                ]);
            }
        }
    }
    ud
}
