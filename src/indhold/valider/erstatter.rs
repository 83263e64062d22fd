//! The rules for `erstatter` in `anbefalinger.yaml`: the ids of anbefalinger of the
//! previous period, each named once; a warning when one anbefaling is continued twice,
//! and when there is no previous period to continue.

use std::collections::BTreeMap;

use super::{Regler, er_anbefalings_id, naermeste_id};
use crate::diagnose::Sted;
use crate::indhold::forloeb;
use crate::indhold::model::{Anbefaling, Runde};
use crate::indhold::raa::{IdListe, Placeret};

/// What the previous period is, for checking `erstatter`.
#[derive(Clone, Copy, Debug)]
pub enum Forgaenger<'a> {
    /// There is no earlier period.
    Ingen,
    /// There is one, but its anbefalinger could not be read (it has its own warning).
    Ukendt,
    /// The previous period's anbefalinger.
    Runde(&'a Runde),
}

/// One anbefaling's `erstatter`: the ids it names, checked against the previous
/// period; `None` when the field is not given.
pub(super) fn erstatter(
    raw: Option<&Placeret<IdListe>>,
    id: &str,
    forgaenger: Forgaenger,
    r: &mut Regler,
) -> Option<Vec<String>> {
    let raw = raw?;
    if let Forgaenger::Ingen = forgaenger {
        r.advarsel(
            Some(&raw.sted),
            format!("anbefaling «{id}» har «erstatter», men der er ingen tidligere periode"),
            "«erstatter» nævner anbefalinger fra perioden før; slet feltet, eller opret den forrige periode i content/",
        );
    }
    let mut ud: Vec<String> = Vec::new();
    for e in raw.ids() {
        let t = e.vaerdi.as_str().trim();
        if !er_anbefalings_id(t) {
            r.fejl(
                Some(&e.sted),
                format!("«{t}» i «erstatter» er ikke et anbefalings-id"),
                "skriv id'et på en anbefaling fra den forrige periode, fx «erstatter: v3» eller «erstatter: [v1, v2]»",
            );
        } else if ud.iter().any(|u| u == t) {
            r.advarsel(
                Some(&e.sted),
                format!("«{t}» står to gange i «erstatter» for anbefaling «{id}»"),
                "slet den ene",
            );
        } else {
            if let Forgaenger::Runde(forrige) = forgaenger {
                findes_i(t, id, &e.sted, forrige, r);
            }
            ud.push(t.to_string());
        }
    }
    Some(ud)
}

/// An error with «mente du …?» when `forrige` has no anbefaling `t`.
fn findes_i(t: &str, id: &str, sted: &Sted, forrige: &Runde, r: &mut Regler) {
    if forrige.anbefalinger().any(|a| a.id == t) {
        return;
    }
    let kilde = format!("content/{}/anbefalinger.yaml", forrige.periode);
    let hint = match naermeste_id(t, forrige.anbefalinger().map(|a| a.id.as_str())) {
        Some(n) => format!(
            "mente du «{n}»? Anbefalingerne for {} står i {kilde}",
            forrige.periode
        ),
        None => format!("brug et id fra {kilde}, eller slet «erstatter», hvis anbefalingen er ny"),
    };
    r.fejl(
        Some(sted),
        format!(
            "anbefaling «{id}» erstatter «{t}», men der er ingen anbefaling «{t}» i {}",
            forrige.periode
        ),
        hint,
    );
}

/// A warning for each anbefaling of the previous period that two or more of this
/// period's continue (fine for a split; otherwise a slip in `erstatter`). `steder`
/// says where each anbefaling's link is written.
pub(super) fn dobbelt_viderefoert<'a>(
    anbefalinger: impl Iterator<Item = &'a Anbefaling>,
    steder: &BTreeMap<String, Sted>,
    forrige: &Runde,
    r: &mut Regler,
) {
    let mut efter: Vec<(&str, Vec<&str>)> = Vec::new();
    for a in anbefalinger {
        for f in forloeb::forgaengere(a, forrige) {
            match efter.iter_mut().find(|(g, _)| *g == f) {
                Some((_, nye)) => nye.push(&a.id),
                None => efter.push((f, vec![&a.id])),
            }
        }
    }
    for (gammel, nye) in efter.into_iter().filter(|(_, n)| n.len() > 1) {
        let sidste = nye.last().expect("more than one");
        r.advarsel(
            steder.get(*sidste),
            format!(
                "«{gammel}» fra {} videreføres af både {}",
                forrige.periode,
                crate::dansk::liste(&nye.iter().map(|n| format!("«{n}»")).collect::<Vec<_>>())
            ),
            format!(
                "det er i orden, hvis «{gammel}» er delt i flere anbefalinger; ellers ret «erstatter»"
            ),
        );
    }
}
