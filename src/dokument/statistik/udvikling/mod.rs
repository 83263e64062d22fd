//! The development across periods in the tilbagemelding: the shares of each status per
//! period for the whole KKR and per fokusområde, each anbefaling's share of grøn over
//! the periods it can be traced through ([`andele`]), the anbefalinger that came and
//! went, and per kommune the changes since the previous period ([`aendringer`]).

mod aendringer;
mod andele;

use serde::Serialize;

use crate::indhold::model::KommuneStatus;
use crate::indhold::projekt::Projekt;

pub use aendringer::{Aendring, KommuneUdvikling, SidenForrige, Skift, SkiftRaekke};
pub use andele::{AnbefalingForloeb, Andel, FokusForloeb, Periodetal, andele};

/// Everything the development section shows.
#[derive(Clone, Debug, Serialize)]
pub struct Udvikling {
    /// «Udvikling siden 2015» or «Udvikling 2015–2017».
    pub overskrift: String,
    /// The periods, oldest first, ending with this one.
    pub perioder: Vec<String>,
    pub forrige_periode: String,
    /// The whole KKR, one row per period.
    pub i_alt: Vec<Periodetal>,
    /// Per fokusområde (this period's first), one row per period.
    pub pr_fokus: Vec<FokusForloeb>,
    /// Each anbefaling of this period, traced back through `erstatter`.
    pub pr_anbefaling: Vec<AnbefalingForloeb>,
    /// The anbefalinger that came, went or changed id, per change of period, newest first.
    pub skift: Vec<Skift>,
    pub siden_forrige: SidenForrige,
}

/// The development of a project's period, when there is a valid previous period.
pub fn beregn(p: &Projekt) -> Option<Udvikling> {
    let overgang = p.forloeb.seneste()?;
    let runder = p.runder();
    let status: Vec<&[KommuneStatus]> = p
        .tidligere
        .iter()
        .map(|t| t.status.as_slice())
        .chain(std::iter::once(p.status.as_slice()))
        .collect();
    let perioder = p.forloeb.perioder.clone();
    let overskrift = match perioder.as_slice() {
        [foerste, _] => format!("Udvikling siden {foerste}"),
        [foerste, .., sidste] => format!("Udvikling {foerste}–{sidste}"),
        _ => unreachable!("a transition means two periods or more"),
    };
    Some(Udvikling {
        overskrift,
        i_alt: runder
            .iter()
            .zip(&status)
            .map(|(r, s)| andele::periodetal(&r.periode, Some(r.anbefalinger().collect()), s))
            .collect(),
        pr_fokus: andele::pr_fokus(&runder, &status),
        pr_anbefaling: andele::pr_anbefaling(p, &runder, &status),
        skift: p
            .forloeb
            .overgange
            .iter()
            .zip(runder.windows(2))
            .zip(&p.tidligere)
            .rev()
            .map(|((o, w), t)| aendringer::skift(o, w[0], w[1], &t.tilbagemelding.justeringer))
            .collect(),
        siden_forrige: aendringer::siden_forrige(p, overgang),
        forrige_periode: overgang.fra.clone(),
        perioder,
    })
}
