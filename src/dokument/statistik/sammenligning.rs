//! One kommune's answers beside its answers of the previous period, anbefaling by
//! anbefaling through `erstatter`: what the bilag shows per row and sums up, and what
//! the tilbagemelding lists per kommune.

use serde::Serialize;

use crate::dansk::liste;
use crate::dokument::statistik::saetninger::{self, Bevaegelser};
use crate::indhold::forloeb::{self, Overgang};
use crate::indhold::model::{KommuneStatus, Runde, Status};

/// Whether an assessment moved up, down, stayed, or went to or from «ikke besvaret».
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Retning {
    Op,
    Ned,
    Samme,
    /// To or from «ikke besvaret»: neither better nor worse.
    Andet,
}

impl Retning {
    pub fn mellem(fra: Option<Status>, til: Option<Status>) -> Self {
        match (fra, til) {
            (f, t) if f == t => Retning::Samme,
            (Some(f), Some(t)) if t.vaerdi() > f.vaerdi() => Retning::Op,
            (Some(_), Some(_)) => Retning::Ned,
            _ => Retning::Andet,
        }
    }
}

/// One anbefaling of this period beside what it continues.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Linje {
    pub id: String,
    /// The ids it continues in the previous period with the kommune's status for each;
    /// empty for a new anbefaling.
    pub foer: Vec<(String, Option<Status>)>,
    pub nu: Option<Status>,
    /// `None` for a new anbefaling.
    pub retning: Option<Retning>,
}

impl Linje {
    /// The status it is compared with (the lowest, when it merges several).
    pub fn fra(&self) -> Option<Status> {
        forloeb::sammenlignes_med(self.foer.iter().map(|(_, s)| *s))
    }

    /// True when it continues something under another id.
    pub fn har_nyt_id(&self) -> bool {
        match self.foer.as_slice() {
            [] => false,
            [(id, _)] => *id != self.id,
            _ => true,
        }
    }
}

/// A kommune's answers compared with the previous period's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sammenligning {
    pub forrige_periode: String,
    pub periode: String,
    /// False when the kommune sent no status for the previous period.
    pub meldt_foer: bool,
    pub linjer: Vec<Linje>,
}

impl Sammenligning {
    /// Compares `nu` with `foer` (the same kommune's answers a period earlier, if any).
    pub fn ny(
        overgang: &Overgang,
        runde: &Runde,
        foer: Option<&KommuneStatus>,
        nu: &KommuneStatus,
    ) -> Self {
        let linjer = runde
            .anbefalinger()
            .map(|a| {
                let foer_ids = overgang.forgaengere(&a.id);
                let foer_svar: Vec<(String, Option<Status>)> = foer_ids
                    .iter()
                    .map(|f| (f.clone(), foer.and_then(|s| s.status_for(f))))
                    .collect();
                let nu_status = nu.status_for(&a.id);
                let retning = (!foer_ids.is_empty() && foer.is_some()).then(|| {
                    Retning::mellem(
                        forloeb::sammenlignes_med(foer_svar.iter().map(|(_, s)| *s)),
                        nu_status,
                    )
                });
                Linje {
                    id: a.id.clone(),
                    foer: foer_svar,
                    nu: nu_status,
                    retning,
                }
            })
            .collect();
        Self {
            forrige_periode: overgang.fra.clone(),
            periode: overgang.til.clone(),
            meldt_foer: foer.is_some(),
            linjer,
        }
    }

    /// How many lines went each way.
    pub fn antal(&self, r: Retning) -> u32 {
        self.linjer.iter().filter(|l| l.retning == Some(r)).count() as u32
    }

    /// The new anbefalinger.
    pub fn nye(&self) -> Vec<&str> {
        self.linjer
            .iter()
            .filter(|l| l.foer.is_empty())
            .map(|l| l.id.as_str())
            .collect()
    }

    /// What one row of the bilag shows under this period's status: «2015: Gul»,
    /// «2015 (v3): Gul», «2015: Grøn (v1) og Gul (v2)» or «Ny i 2016».
    pub fn foer_tekst(&self, l: &Linje) -> Option<String> {
        let p = &self.forrige_periode;
        let navn = |s: Option<Status>| crate::indhold::model::StatusVis::af(s).navn;
        match l.foer.as_slice() {
            [] => Some(format!("Ny i {}", self.periode)),
            _ if !self.meldt_foer => None,
            [(id, s)] if *id == l.id => Some(format!("{p}: {}", navn(*s))),
            [(id, s)] => Some(format!("{p} ({id}): {}", navn(*s))),
            flere => {
                let dele: Vec<String> = flere
                    .iter()
                    .map(|(id, s)| format!("{} ({id})", navn(*s)))
                    .collect();
                Some(format!("{p}: {}", liste(&dele)))
            }
        }
    }

    /// The bilag's summary: «Sammenlignet med 2015 er 3 anbefalinger rykket op, 1 rykket
    /// ned og 9 uændret. Anbefaling i1 er ny i 2016.»
    pub fn saetning(&self) -> String {
        let p = &self.forrige_periode;
        let mut s = if self.meldt_foer {
            saetninger::sammenligning(&Bevaegelser {
                forrige_periode: p,
                op: self.antal(Retning::Op),
                ned: self.antal(Retning::Ned),
                samme: self.antal(Retning::Samme),
                andre: self.antal(Retning::Andet),
            })
        } else {
            format!("Kommunen meldte ikke status for {p}, så der er intet at sammenligne med.")
        };
        let nye = self.nye();
        match nye.as_slice() {
            [] => {}
            [en] => s.push_str(&format!(" Anbefaling {en} er ny i {}.", self.periode)),
            flere => s.push_str(&format!(
                " Anbefalingerne {} er nye i {}.",
                liste(flere),
                self.periode
            )),
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    #[test]
    fn direction_compares_assessments_and_sets_unanswered_apart() {
        assert_eq!(Retning::mellem(Some(Gul), Some(Groen)), Retning::Op);
        assert_eq!(Retning::mellem(Some(Groen), Some(Roed)), Retning::Ned);
        assert_eq!(Retning::mellem(Some(Gul), Some(Gul)), Retning::Samme);
        assert_eq!(Retning::mellem(None, Some(Gul)), Retning::Andet);
        assert_eq!(Retning::mellem(Some(Gul), None), Retning::Andet);
    }

    fn linje(id: &str, foer: &[(&str, Option<Status>)], nu: Option<Status>) -> Linje {
        let foer: Vec<(String, Option<Status>)> =
            foer.iter().map(|(i, s)| (i.to_string(), *s)).collect();
        let fra = forloeb::sammenlignes_med(foer.iter().map(|(_, s)| *s));
        Linje {
            id: id.into(),
            retning: (!foer.is_empty()).then(|| Retning::mellem(fra, nu)),
            foer,
            nu,
        }
    }

    fn s(linjer: Vec<Linje>, meldt_foer: bool) -> Sammenligning {
        Sammenligning {
            forrige_periode: "2015".into(),
            periode: "2016".into(),
            meldt_foer,
            linjer,
        }
    }

    #[test]
    fn each_row_names_last_years_status_and_any_earlier_id() {
        let l = vec![
            linje("v1", &[("v1", Some(Gul))], Some(Groen)),
            linje("i2", &[("v3", Some(Groen))], Some(Roed)),
            linje("m1", &[("v4", Some(Groen)), ("v5", Some(Gul))], Some(Gul)),
            linje("n1", &[], Some(Gul)),
        ];
        let s = s(l, true);
        let tekster: Vec<String> = s.linjer.iter().filter_map(|l| s.foer_tekst(l)).collect();
        assert_eq!(
            tekster,
            [
                "2015: Gul",
                "2015 (v3): Grøn",
                "2015: Grøn (v4) og Gul (v5)",
                "Ny i 2016"
            ]
        );
        assert!(s.linjer[1].har_nyt_id() && !s.linjer[0].har_nyt_id());
        assert_eq!(s.linjer[2].fra(), Some(Gul), "merged: the lowest part");
        assert_eq!(
            s.saetning(),
            "Sammenlignet med 2015 er 1 anbefaling rykket op, 1 rykket ned og 1 uændret. Anbefaling n1 er ny i 2016."
        );
    }

    #[test]
    fn summary_counts_unanswered_apart_and_agrees_in_number() {
        let l = vec![
            linje("a", &[("a", Some(Gul))], Some(Groen)),
            linje("b", &[("b", Some(Gul))], Some(Groen)),
            linje("c", &[("c", None)], Some(Groen)),
            linje("d", &[], None),
            linje("e", &[], None),
        ];
        assert_eq!(
            s(l, true).saetning(),
            "Sammenlignet med 2015 er 2 anbefalinger rykket op, mens 1 anbefaling kun er besvaret det ene år. Anbefalingerne d og e er nye i 2016."
        );
    }

    #[test]
    fn a_kommune_without_last_years_status_is_said_so() {
        let l = vec![linje("a", &[("a", None)], Some(Groen))];
        let s = s(l, false);
        assert_eq!(s.foer_tekst(&s.linjer[0]), None);
        assert_eq!(
            s.saetning(),
            "Kommunen meldte ikke status for 2015, så der er intet at sammenligne med."
        );
    }
}
