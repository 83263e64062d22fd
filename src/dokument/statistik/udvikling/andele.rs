//! The shares of each status per period — for the whole KKR, per fokusområde (followed
//! by title) and per anbefaling (followed back through `erstatter`).

use serde::Serialize;

use crate::dansk::liste;
use crate::dokument::statistik::optaelling::{self, Optaelling};
use crate::indhold::forloeb::Forloeb;
use crate::indhold::model::{Anbefaling, KommuneStatus, Runde};
use crate::indhold::projekt::Projekt;

/// One period's distribution, with whole-per-cent shares that add up to 100.
#[derive(Clone, Debug, Serialize)]
pub struct Periodetal {
    pub periode: String,
    /// Why there are no figures: «Ikke et fokusområde i 2015», «Ingen svar endnu».
    pub note: Option<String>,
    #[serde(skip)]
    pub optaelling: Optaelling,
    /// How many assessments.
    pub i_alt: u32,
    /// One per status, in chart order (also the parts of its bar).
    pub andele: Vec<Andel>,
}

/// One status's share of a period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Andel {
    pub kode: &'static str,
    pub navn: &'static str,
    pub antal: u32,
    pub procent: u32,
}

#[derive(Clone, Debug, Serialize)]
pub struct FokusForloeb {
    pub titel: String,
    pub perioder: Vec<Periodetal>,
}

#[derive(Clone, Debug, Serialize)]
pub struct AnbefalingForloeb {
    pub id: String,
    /// «i2 (tidl. v3)» when it continues anbefalinger under another id.
    pub vist: String,
    /// Per period: the share of grøn among the assessments of what it continues then,
    /// `None` where it cannot be traced (it is newer).
    pub andel_groen: Vec<Option<u32>>,
    /// The same as the table shows it: «45 %» or «–».
    pub celler: Vec<String>,
}

/// The distribution of `anbefalinger` over `status`; `None` when the period does not
/// have the fokusområde.
pub(super) fn periodetal(
    periode: &str,
    anbefalinger: Option<Vec<&Anbefaling>>,
    status: &[KommuneStatus],
) -> Periodetal {
    let o = anbefalinger.as_ref().map_or_else(Optaelling::default, |a| {
        status
            .iter()
            .map(|s| Optaelling::for_kommune(s, a.iter().copied()))
            .fold(Optaelling::default(), optaelling::sum)
    });
    let note = match &anbefalinger {
        None => Some(format!("Ikke et fokusområde i {periode}")),
        Some(_) if status.is_empty() => Some("Ingen kommuner har meldt status".to_string()),
        Some(_) => None,
    };
    Periodetal {
        periode: periode.to_string(),
        note,
        optaelling: o,
        i_alt: o.i_alt(),
        andele: andele(&o),
    }
}

/// Whole per cents that add up to 100 (largest remainder), in chart order.
pub fn andele(o: &Optaelling) -> Vec<Andel> {
    let dele = o.dele();
    let i_alt = o.i_alt();
    let mut procent: Vec<(u32, u32, usize)> = dele
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let x = d.antal * 100;
            (
                x.checked_div(i_alt).unwrap_or(0),
                x.checked_rem(i_alt).unwrap_or(0),
                i,
            )
        })
        .collect();
    let mangler = if i_alt == 0 {
        0
    } else {
        100 - procent.iter().map(|p| p.0).sum::<u32>()
    };
    let mut efter_rest = procent.clone();
    efter_rest.sort_by_key(|&(_, rest, i)| (std::cmp::Reverse(rest), i));
    for &(_, _, i) in efter_rest.iter().take(mangler as usize) {
        procent[i].0 += 1;
    }
    dele.iter()
        .zip(procent)
        .map(|(d, (p, _, _))| Andel {
            kode: d.kode,
            navn: d.navn,
            antal: d.antal,
            procent: p,
        })
        .collect()
}

/// Fokusområder are followed by title (ignoring case): this period's in order, then
/// those only earlier periods had, the most recent first.
pub(super) fn pr_fokus(runder: &[&Runde], status: &[&[KommuneStatus]]) -> Vec<FokusForloeb> {
    let noegle = |t: &str| t.trim().to_lowercase();
    let mut titler: Vec<String> = Vec::new();
    for r in runder.iter().rev() {
        for f in &r.fokusomraader {
            if !titler.iter().any(|t| noegle(t) == noegle(&f.titel)) {
                titler.push(f.titel.clone());
            }
        }
    }
    titler
        .into_iter()
        .map(|titel| FokusForloeb {
            perioder: runder
                .iter()
                .zip(status)
                .map(|(r, s)| {
                    let f = r
                        .fokusomraader
                        .iter()
                        .find(|f| noegle(&f.titel) == noegle(&titel));
                    periodetal(&r.periode, f.map(|f| f.anbefalinger.iter().collect()), s)
                })
                .collect(),
            titel,
        })
        .collect()
}

pub(super) fn pr_anbefaling(
    p: &Projekt,
    runder: &[&Runde],
    status: &[&[KommuneStatus]],
) -> Vec<AnbefalingForloeb> {
    p.runde
        .anbefalinger()
        .map(|a| {
            let andel_groen: Vec<Option<u32>> = (0..runder.len())
                .map(|i| {
                    let ids = p.forloeb.i_periode(&a.id, i);
                    if ids.is_empty() {
                        return None;
                    }
                    let mut o = Optaelling::default();
                    for s in status[i] {
                        for id in &ids {
                            o.tael(s.status_for(id));
                        }
                    }
                    Some(andele(&o)[0].procent)
                })
                .collect();
            AnbefalingForloeb {
                id: a.id.clone(),
                vist: med_tidligere_ids(&a.id, &p.forloeb),
                celler: andel_groen
                    .iter()
                    .map(|g| g.map_or("–".to_string(), |g| format!("{g} %")))
                    .collect(),
                andel_groen,
            }
        })
        .collect()
}

/// «z (tidl. y, x og v3)»: every other id it was known by in earlier periods, the most
/// recent first.
fn med_tidligere_ids(id: &str, f: &Forloeb) -> String {
    let mut andre: Vec<String> = Vec::new();
    for i in (0..f.perioder.len().saturating_sub(1)).rev() {
        for t in f.i_periode(id, i) {
            if t != id && !andre.contains(&t) {
                andre.push(t);
            }
        }
    }
    if andre.is_empty() {
        id.to_string()
    } else {
        format!("{id} (tidl. {})", liste(&andre))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn procent(o: &Optaelling) -> Vec<u32> {
        andele(o).iter().map(|a| a.procent).collect()
    }

    #[test]
    fn shares_are_whole_per_cents_that_add_up_to_100() {
        assert_eq!(procent(&Optaelling::ny(1, 1, 1, 0)), [34, 33, 33, 0]);
        assert_eq!(procent(&Optaelling::ny(2, 1, 0, 0)), [67, 33, 0, 0]);
        assert_eq!(
            procent(&Optaelling::ny(9, 5, 1, 1)),
            [57, 31, 6, 6],
            "ties go to the first"
        );
        assert_eq!(procent(&Optaelling::ny(0, 0, 0, 0)), [0, 0, 0, 0]);
        assert_eq!(andele(&Optaelling::ny(3, 0, 1, 0))[2].navn, "Rød");
    }
}
