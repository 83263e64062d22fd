//! A workbook as read: its sheets in order, each a sparse map of its non-empty cells
//! and its merged areas — what the .xlsx and .ods readers make and `laes/` reads.

use std::collections::BTreeMap;

use calamine::Dimensions;

use super::celle::Vaerdi;

/// One sheet: its non-empty cells by (row, column), 0-based, and its merged areas.
#[derive(Debug, Default)]
pub struct Ark {
    pub navn: String,
    pub celler: BTreeMap<(u32, u32), Vaerdi>,
    pub flettede: Vec<Dimensions>,
}

impl Ark {
    pub fn celle(&self, raekke: u32, kolonne: u32) -> Option<&Vaerdi> {
        self.celler.get(&(raekke, kolonne))
    }

    /// The cells of a row, left to right.
    pub fn raekke(&self, raekke: u32) -> impl Iterator<Item = (u32, &Vaerdi)> {
        self.celler
            .range((raekke, 0)..(raekke + 1, 0))
            .map(|(&(_, k), v)| (k, v))
    }

    /// The rows that have a cell, top to bottom.
    pub fn raekker(&self) -> Vec<u32> {
        let mut ud: Vec<u32> = self.celler.keys().map(|&(r, _)| r).collect();
        ud.dedup();
        ud
    }
}

/// A workbook's sheets, in the workbook's order.
#[derive(Debug, Default)]
pub struct Projektmappe {
    pub ark: Vec<Ark>,
}

impl Projektmappe {
    /// The sheet named `navn`, ignoring case and surrounding spaces.
    pub fn ark(&self, navn: &str) -> Option<&Ark> {
        let navn = navn.to_lowercase();
        self.ark
            .iter()
            .find(|a| a.navn.trim().to_lowercase() == navn)
    }
}
