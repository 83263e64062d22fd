//! Which anbefaling continues which across periods — the one place the bilag, the
//! tilbagemelding, `skabelon` and `check` ask. An anbefaling continues those of the
//! previous period that its `erstatter` names; without `erstatter`, the one with the
//! same id, if there was one. An anbefaling that continues none is *ny*; one of the
//! previous period that none continues is *udgået*. Over several periods the links
//! are followed period by period, so renumbering, splitting and merging are traced.

use serde::Serialize;

use super::model::{Anbefaling, Runde, Status};

/// The ids of `forrige`'s anbefalinger that `a` continues, in the order named; empty
/// for a new anbefaling.
pub fn forgaengere<'a>(a: &'a Anbefaling, forrige: &Runde) -> Vec<&'a str> {
    let findes = |id: &str| forrige.anbefalinger().any(|b| b.id == id);
    let mut ud: Vec<&str> = match &a.erstatter {
        Some(ids) => ids
            .iter()
            .map(String::as_str)
            .filter(|id| findes(id))
            .collect(),
        None if findes(&a.id) => vec![a.id.as_str()],
        None => Vec::new(),
    };
    let mut set = std::collections::HashSet::new();
    ud.retain(|id| set.insert(*id));
    ud
}

/// How the anbefalinger of one period continue those of the period before.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Overgang {
    /// The earlier period.
    pub fra: String,
    /// The later period.
    pub til: String,
    /// Every anbefaling of `til`, in order, with what it continues.
    pub led: Vec<Led>,
    /// The anbefalinger of `fra` that nothing in `til` continues, in order.
    pub udgaaede: Vec<String>,
}

/// One anbefaling of the later period and the ids it continues in the earlier one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Led {
    pub id: String,
    pub forgaengere: Vec<String>,
}

impl Led {
    /// True when it continues nothing.
    pub fn er_ny(&self) -> bool {
        self.forgaengere.is_empty()
    }

    /// True when it continues something under another id: renamed, merged or split off.
    pub fn har_nyt_id(&self) -> bool {
        !self.er_ny() && self.forgaengere != [self.id.as_str()]
    }
}

impl Overgang {
    /// Matches `til`'s anbefalinger with `fra`'s.
    pub fn mellem(fra: &Runde, til: &Runde) -> Self {
        let led: Vec<Led> = til
            .anbefalinger()
            .map(|a| Led {
                id: a.id.clone(),
                forgaengere: forgaengere(a, fra)
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
            })
            .collect();
        let udgaaede = fra
            .anbefalinger()
            .filter(|b| !led.iter().any(|l| l.forgaengere.contains(&b.id)))
            .map(|b| b.id.clone())
            .collect();
        Self {
            fra: fra.periode.clone(),
            til: til.periode.clone(),
            led,
            udgaaede,
        }
    }

    /// The link of one anbefaling of the later period.
    pub fn led(&self, id: &str) -> Option<&Led> {
        self.led.iter().find(|l| l.id == id)
    }

    /// The ids in the earlier period that `id` continues; empty for a new one.
    pub fn forgaengere(&self, id: &str) -> &[String] {
        self.led(id).map_or(&[], |l| l.forgaengere.as_slice())
    }

    /// The anbefalinger of the later period that continue `gammel`.
    pub fn efterfoelgere(&self, gammel: &str) -> Vec<&str> {
        self.led
            .iter()
            .filter(|l| l.forgaengere.iter().any(|f| f == gammel))
            .map(|l| l.id.as_str())
            .collect()
    }

    /// The new anbefalinger of the later period.
    pub fn nye(&self) -> impl Iterator<Item = &Led> {
        self.led.iter().filter(|l| l.er_ny())
    }

    /// The anbefalinger that continue something under another id.
    pub fn med_nyt_id(&self) -> impl Iterator<Item = &Led> {
        self.led.iter().filter(|l| l.har_nyt_id())
    }
}

/// The links between a run of consecutive periods, oldest first, up to the newest.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Forloeb {
    /// The periods, oldest first; the last is the one the documents are for.
    pub perioder: Vec<String>,
    /// `overgange[i]` links `perioder[i]` to `perioder[i + 1]`.
    pub overgange: Vec<Overgang>,
}

impl Forloeb {
    /// The links between consecutive rounds, given oldest first.
    pub fn ny(runder: &[&Runde]) -> Self {
        Self {
            perioder: runder.iter().map(|r| r.periode.clone()).collect(),
            overgange: runder
                .windows(2)
                .map(|w| Overgang::mellem(w[0], w[1]))
                .collect(),
        }
    }

    /// The link from the previous period to the newest, if there is a previous one.
    pub fn seneste(&self) -> Option<&Overgang> {
        self.overgange.last()
    }

    /// The ids in `perioder[i]` that the newest period's anbefaling `id` continues,
    /// followed through every period between; empty when it is newer than that period.
    pub fn i_periode(&self, id: &str, i: usize) -> Vec<String> {
        let mut ids = vec![id.to_string()];
        for o in self.overgange.iter().skip(i).rev() {
            let mut foer: Vec<String> = Vec::new();
            for f in ids.iter().flat_map(|id| o.forgaengere(id)) {
                if !foer.contains(f) {
                    foer.push(f.clone());
                }
            }
            ids = foer;
        }
        ids
    }
}

/// The status a continued anbefaling is compared with: its predecessor's, or — when it
/// merges several — the lowest of theirs, so it has moved up only when it is better
/// than every part; `None` when none of them was answered.
pub fn sammenlignes_med(statusser: impl IntoIterator<Item = Option<Status>>) -> Option<Status> {
    statusser.into_iter().flatten().min_by_key(|s| s.vaerdi())
}

/// "v3" or "v1 og v2": the earlier ids of an anbefaling, for «(tidl. …)».
pub fn tidligere_ids(led: &Led) -> Option<String> {
    led.har_nyt_id()
        .then(|| crate::dansk::liste(&led.forgaengere))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indhold::dato::Dato;
    use crate::indhold::model::Fokus;

    fn a(id: &str, erstatter: Option<&[&str]>) -> Anbefaling {
        Anbefaling {
            id: id.into(),
            niveau: None,
            tekst: format!("Anbefaling {id}."),
            erstatter: erstatter.map(|e| e.iter().map(|s| s.to_string()).collect()),
        }
    }

    fn runde(periode: &str, anbefalinger: Vec<Anbefaling>) -> Runde {
        Runde {
            periode: periode.into(),
            titel: "Status".into(),
            dato: Dato::parse("2016-01-26").unwrap(),
            sags_id: None,
            dok_id: None,
            frist: None,
            indledning: None,
            pejlemaerker: Vec::new(),
            fokusomraader: vec![Fokus {
                titel: "Alt".into(),
                indledning: None,
                anbefalinger,
            }],
            har_niveauer: false,
        }
    }

    fn r2015() -> Runde {
        runde(
            "2015",
            vec![a("v1", None), a("v2", None), a("v3", None), a("v4", None)],
        )
    }

    #[test]
    fn the_same_id_continues_itself_without_erstatter() {
        let o = Overgang::mellem(&r2015(), &runde("2016", vec![a("v1", None), a("n1", None)]));
        assert_eq!(o.forgaengere("v1"), ["v1"]);
        assert!(o.forgaengere("n1").is_empty());
        assert_eq!(o.nye().map(|l| l.id.as_str()).collect::<Vec<_>>(), ["n1"]);
        assert_eq!(o.udgaaede, ["v2", "v3", "v4"]);
        assert_eq!(o.med_nyt_id().count(), 0);
    }

    #[test]
    fn erstatter_renames_merges_and_splits() {
        let til = runde(
            "2016",
            vec![
                a("v1", None),
                a("m1", Some(&["v2", "v3"])),
                a("d1", Some(&["v4"])),
                a("d2", Some(&["v4"])),
            ],
        );
        let o = Overgang::mellem(&r2015(), &til);
        assert_eq!(o.forgaengere("m1"), ["v2", "v3"]);
        assert_eq!(o.efterfoelgere("v4"), ["d1", "d2"]);
        assert!(o.udgaaede.is_empty());
        assert_eq!(
            tidligere_ids(o.led("m1").unwrap()).as_deref(),
            Some("v2 og v3")
        );
        assert_eq!(tidligere_ids(o.led("v1").unwrap()), None);
    }

    #[test]
    fn erstatter_overrides_the_same_id() {
        // v2 is reused for what was v3; the old v2 has gone, and an empty list says
        // that v1 is new although the id was used before.
        let til = runde("2016", vec![a("v1", Some(&[])), a("v2", Some(&["v3"]))]);
        let o = Overgang::mellem(&r2015(), &til);
        assert!(o.led("v1").unwrap().er_ny());
        assert_eq!(o.forgaengere("v2"), ["v3"]);
        assert!(o.led("v2").unwrap().har_nyt_id());
        assert_eq!(o.udgaaede, ["v1", "v2", "v4"]);
    }

    #[test]
    fn links_are_followed_across_any_number_of_periods() {
        let r2016 = runde(
            "2016",
            vec![a("v1", None), a("x", Some(&["v2", "v3"])), a("ny", None)],
        );
        let r2017 = runde(
            "2017",
            vec![a("y", Some(&["x"])), a("v1", None), a("ny", None)],
        );
        let r2018 = runde("2018", vec![a("z", Some(&["y", "ny"])), a("v1", None)]);
        let r2015 = r2015();
        let f = Forloeb::ny(&[&r2015, &r2016, &r2017, &r2018]);
        assert_eq!(f.perioder, ["2015", "2016", "2017", "2018"]);
        assert_eq!(f.i_periode("z", 3), ["z"]);
        assert_eq!(f.i_periode("z", 2), ["y", "ny"]);
        assert_eq!(f.i_periode("z", 1), ["x", "ny"]);
        assert_eq!(f.i_periode("z", 0), ["v2", "v3"]);
        assert_eq!(f.i_periode("v1", 0), ["v1"]);
        assert_eq!(f.seneste().unwrap().fra, "2017");
        let uden = Forloeb::ny(&[&r2015]);
        assert!(uden.seneste().is_none());
        assert_eq!(uden.i_periode("v1", 0), ["v1"]);
    }

    #[test]
    fn a_merged_anbefaling_is_compared_with_its_lowest_part() {
        use Status::*;
        assert_eq!(sammenlignes_med([Some(Groen), Some(Roed)]), Some(Roed));
        assert_eq!(sammenlignes_med([None, Some(Gul)]), Some(Gul));
        assert_eq!(sammenlignes_med([None, None]), None);
    }
}
