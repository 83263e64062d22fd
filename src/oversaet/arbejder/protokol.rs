//! The worker's wire format: a JSON header line per message; the markup, the PNG pages
//! and the PDF follow their header raw.

use std::io::{BufRead, Write};

use serde::{Deserialize, Serialize};

use super::Resultat;
use crate::diagnose::{Diagnose, Diagnoser};
use crate::oversaet::Side;

/// A request to the worker.
#[derive(Serialize, Deserialize)]
pub(super) enum Bestilling {
    /// Compile the document named `navn`, dated `dato`, whose `laengde` bytes of markup
    /// follow the line; answer with its pages (or errors) and keep it.
    Oversaet {
        navn: String,
        dato: crate::indhold::dato::Dato,
        laengde: usize,
    },
    /// Export the kept document named `navn` as PDF.
    Eksporter { navn: String },
}

/// A message from the worker: the header line of each answer.
#[derive(Serialize, Deserialize)]
pub(super) enum Hoved {
    /// The pages and the compiler's warnings; the pages' PNG follows the line, one
    /// after another.
    Sider(Vec<SideHoved>, Vec<Diagnose>),
    /// `n` bytes of PDF follow the line.
    Pdf(usize),
    Fejl(Vec<Diagnose>),
    /// The worker has no document by that name (it was restarted since).
    Ukendt,
}

/// A page without its PNG: the PNG's length stands in for it.
#[derive(Serialize, Deserialize)]
pub(super) struct SideHoved {
    pub noegle: String,
    pub bredde: f64,
    pub hoejde: f64,
    pub laengde: usize,
}

/// Reads one answer; `None` at a clean end of the stream.
pub(super) fn laes_svar(r: &mut impl BufRead) -> Option<Result<Resultat, String>> {
    let mut linje = String::new();
    match r.read_line(&mut linje) {
        Ok(0) => return None,
        Ok(_) => {}
        Err(e) => return Some(Err(e.to_string())),
    }
    let hoved: Hoved = match serde_json::from_str(&linje) {
        Ok(h) => h,
        Err(e) => return Some(Err(format!("uforståeligt svar fra oversætteren: {e}"))),
    };
    let resultat = match hoved {
        Hoved::Sider(s, a) => laes_sider(r, s).map(|s| Resultat::Sider(s, a)),
        Hoved::Fejl(d) => Ok(Resultat::Fejl(Diagnoser(d))),
        Hoved::Pdf(n) => laes_bytes(r, n).map(Resultat::Pdf),
        Hoved::Ukendt => Ok(Resultat::Ukendt),
    };
    Some(resultat.map_err(|e| e.to_string()))
}

/// The pages' PNG, read after their header.
fn laes_sider(r: &mut impl BufRead, hoveder: Vec<SideHoved>) -> std::io::Result<Vec<Side>> {
    hoveder
        .into_iter()
        .map(|h| {
            Ok(Side {
                png: laes_bytes(r, h.laengde)?.into(),
                noegle: h.noegle,
                bredde: h.bredde,
                hoejde: h.hoejde,
            })
        })
        .collect()
}

pub(super) fn laes_bytes(r: &mut impl BufRead, n: usize) -> std::io::Result<Vec<u8>> {
    let mut data = vec![0; n];
    r.read_exact(&mut data)?;
    Ok(data)
}

/// A header line, then `data` raw.
pub(super) fn skriv(
    ud: &mut impl Write,
    hoved: &impl Serialize,
    data: &[u8],
) -> std::io::Result<()> {
    let linje = serde_json::to_string(hoved).map_err(std::io::Error::other)?;
    ud.write_all(linje.as_bytes())?;
    ud.write_all(b"\n")?;
    ud.write_all(data)
}
