//! What every document shows in the KKR notat frame: title, date, case numbers, the
//! sender mark — and the status words and colours every template draws with.

use serde::Serialize;

use crate::indhold::dato::Dato;
use crate::indhold::model::{Kkr, Runde, StatusVis};

/// Facts every document shows in the notat frame.
#[derive(Serialize)]
pub struct DokumentInfo {
    pub titel: String,
    pub dato: Dato,
    pub sags_id: Option<String>,
    pub dok_id: Option<String>,
    pub udkast: bool,
    pub forfatter: String,
    /// The sender mark in two lines: "KKR" / "HOVEDSTADEN".
    pub afsender: Vec<String>,
}

impl DokumentInfo {
    pub fn ny(kkr: &Kkr, runde: &Runde, titel: String, udkast: bool) -> Self {
        Self {
            titel,
            dato: runde.dato,
            sags_id: runde.sags_id.clone(),
            dok_id: runde.dok_id.clone(),
            udkast,
            forfatter: kkr.navn.clone(),
            afsender: afsender(&kkr.navn),
        }
    }
}

/// The version of fremdrift that made a document, for the comment atop its markup.
#[derive(Serialize)]
pub struct Version {
    pub version: &'static str,
}

pub const VERSION: Version = Version {
    version: env!("CARGO_PKG_VERSION"),
};

/// Every status (and «ikke besvaret») with its word and colours, for the templates.
pub fn statusser() -> [&'static StatusVis; 4] {
    StatusVis::alle()
}

/// "KKR Hovedstaden" → ["KKR", "HOVEDSTADEN"].
pub fn afsender(navn: &str) -> Vec<String> {
    let mut ord = navn.split_whitespace();
    let foerste = ord.next().unwrap_or_default().to_uppercase();
    let rest = ord.collect::<Vec<_>>().join(" ").to_uppercase();
    [foerste, rest]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sender_mark_splits_kkr_name() {
        assert_eq!(afsender("KKR Hovedstaden"), ["KKR", "HOVEDSTADEN"]);
        assert_eq!(afsender("KKR Midtjylland"), ["KKR", "MIDTJYLLAND"]);
    }
}
