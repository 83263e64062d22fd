//! What changed from one period to the next: the anbefalinger that came, went or
//! changed id, and per kommune the assessments that moved since the previous period.

use serde::Serialize;

use crate::dansk::{antal, liste};
use crate::dokument::statistik::saetninger;
use crate::dokument::statistik::sammenligning::{Retning, Sammenligning};
use crate::indhold::forloeb::{Led, Overgang, tidligere_ids};
use crate::indhold::model::{Justering, Runde, StatusVis};
use crate::indhold::projekt::Projekt;

/// The anbefalinger that came, went or changed id from one period to the next.
#[derive(Clone, Debug, Serialize)]
pub struct Skift {
    pub fra: String,
    pub til: String,
    pub saetning: String,
    /// What became of the justeringer proposed in the earlier period's tilbagemelding.
    pub opfoelgning: Option<String>,
    pub raekker: Vec<SkiftRaekke>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SkiftRaekke {
    pub id: String,
    /// «Ny», «Udgået», «Ny ordlyd», «Viderefører v3», «Samler v1 og v2».
    pub aendring: String,
    pub tekst: String,
}

/// The changes since the previous period, for every kommune that reported now.
#[derive(Clone, Debug, Serialize)]
pub struct SidenForrige {
    pub periode: String,
    /// The anbefalinger of this period that continue one of the previous period.
    pub faelles_anbefalinger: usize,
    pub forbedret: u32,
    pub forvaerret: u32,
    pub uaendret: u32,
    /// Changes to or from «ikke besvaret»: neither better nor worse.
    pub andre: u32,
    pub saetning: String,
    pub pr_kommune: Vec<KommuneUdvikling>,
    /// Every change, kommune by kommune.
    pub aendringer: Vec<Aendring>,
}

#[derive(Clone, Debug, Serialize)]
pub struct KommuneUdvikling {
    pub kommune: String,
    /// «Meldte ikke status for 2015» when there is nothing to compare with.
    pub note: Option<String>,
    pub forbedret: u32,
    pub forvaerret: u32,
    pub uaendret: u32,
    /// «v1: Gul → Grøn; i2 (tidl. v3): Grøn → Rød», or «–».
    pub tekst: String,
}

/// One kommune's change on one anbefaling, e.g. gul → grøn.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Aendring {
    pub kommune: String,
    /// The anbefaling's id in this period.
    pub anbefaling: String,
    /// «i2 (tidl. v3)» when it continues another id.
    pub vist: String,
    pub fra: &'static str,
    pub til: &'static str,
    pub forbedring: bool,
}

/// «i2 (tidl. v3)», or the id alone.
fn vist(id: &str, led: Option<&Led>) -> String {
    match led.and_then(tidligere_ids) {
        Some(t) => format!("{id} (tidl. {t})"),
        None => id.to_string(),
    }
}

pub(super) fn skift(o: &Overgang, fra: &Runde, til: &Runde, justeringer: &[Justering]) -> Skift {
    let mut raekker: Vec<SkiftRaekke> = Vec::new();
    let (mut nye, mut nyt_id, mut ordlyd) = (0, 0, 0);
    for l in &o.led {
        let aendring = match l.forgaengere.as_slice() {
            [] => {
                nye += 1;
                "Ny".to_string()
            }
            _ if !l.har_nyt_id() => {
                if tekst(fra, &l.id) == tekst(til, &l.id) {
                    continue;
                }
                ordlyd += 1;
                "Ny ordlyd".to_string()
            }
            [en] if o.efterfoelgere(en).len() > 1 => format!("Viderefører en del af {en}"),
            [en] => format!("Viderefører {en}"),
            flere => format!("Samler {}", liste(flere)),
        };
        nyt_id += usize::from(l.har_nyt_id());
        raekker.push(SkiftRaekke {
            id: l.id.clone(),
            aendring,
            tekst: tekst(til, &l.id),
        });
    }
    for id in &o.udgaaede {
        raekker.push(SkiftRaekke {
            id: id.clone(),
            aendring: "Udgået".into(),
            tekst: tekst(fra, id),
        });
    }
    let dele: Vec<String> = [
        (nye, "ny anbefaling", "nye anbefalinger"),
        (
            o.udgaaede.len(),
            "udgået anbefaling",
            "udgåede anbefalinger",
        ),
        (
            nyt_id,
            "anbefaling videreført under nyt id",
            "anbefalinger videreført under nyt id",
        ),
        (
            ordlyd,
            "anbefaling med ny ordlyd",
            "anbefalinger med ny ordlyd",
        ),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, en, flere)| antal(n, en, flere))
    .collect();
    let saetning = if dele.is_empty() {
        format!(
            "Anbefalingerne for {} er de samme som for {}.",
            o.til, o.fra
        )
    } else {
        format!("Fra {} til {}: {}.", o.fra, o.til, liste(&dele))
    };
    Skift {
        fra: o.fra.clone(),
        til: o.til.clone(),
        saetning,
        opfoelgning: opfoelgning(o, fra, til, justeringer),
        raekker,
    }
}

/// An anbefaling's text in a round (empty when it has no such id).
fn tekst(r: &Runde, id: &str) -> String {
    r.anbefalinger()
        .find(|a| a.id == id)
        .map(|a| a.tekst.clone())
        .unwrap_or_default()
}

/// What became of the justeringer the earlier period's tilbagemelding proposed:
/// «Tilbagemeldingen for 2015 foreslog justeringer af v3 og o1: v3 videreføres som v4
/// og o1 har fået ny ordlyd. Den foreslog også 1 ny anbefaling.»
fn opfoelgning(
    o: &Overgang,
    fra: &Runde,
    til: &Runde,
    justeringer: &[Justering],
) -> Option<String> {
    let mut ids: Vec<&str> = Vec::new();
    for j in justeringer {
        if let Some(a) = &j.anbefaling
            && !ids.contains(&a.id.as_str())
        {
            ids.push(&a.id);
        }
    }
    let nye = justeringer
        .iter()
        .filter(|j| j.anbefaling.is_none())
        .count();
    if ids.is_empty() && nye == 0 {
        return None;
    }
    let udfald: Vec<String> = ids
        .iter()
        .map(|id| match o.efterfoelgere(id).as_slice() {
            [] => format!("{id} er udgået"),
            [samme] if samme == id && tekst(fra, id) == tekst(til, id) => {
                format!("{id} er uændret")
            }
            [samme] if samme == id => format!("{id} har fået ny ordlyd"),
            andre => format!("{id} videreføres som {}", liste(andre)),
        })
        .collect();
    let mut s = format!("Tilbagemeldingen for {}", o.fra);
    if !ids.is_empty() {
        s.push_str(&format!(
            " foreslog justeringer af {}: {}.",
            liste(&ids),
            liste(&udfald)
        ));
        if nye > 0 {
            s.push_str(" Den");
        }
    }
    if nye > 0 {
        s.push_str(&format!(
            " foreslog {}{}.",
            if ids.is_empty() { "" } else { "også " },
            antal(nye, "ny anbefaling", "nye anbefalinger")
        ));
    }
    Some(s)
}

pub(super) fn siden_forrige(p: &Projekt, o: &Overgang) -> SidenForrige {
    let forrige = p.forrige().expect("a transition has a previous period");
    let mut ud = SidenForrige {
        periode: o.fra.clone(),
        faelles_anbefalinger: o.led.iter().filter(|l| !l.er_ny()).count(),
        forbedret: 0,
        forvaerret: 0,
        uaendret: 0,
        andre: 0,
        saetning: String::new(),
        pr_kommune: Vec::new(),
        aendringer: Vec::new(),
    };
    for s in &p.status {
        let foer = forrige.status_for(&s.kommune.id);
        let sml = Sammenligning::ny(o, &p.runde, foer, s);
        let k = kommune_udvikling(&sml, o, &s.kommune.navn);
        ud.forbedret += k.0.forbedret;
        ud.forvaerret += k.0.forvaerret;
        ud.uaendret += k.0.uaendret;
        ud.andre += sml.antal(Retning::Andet);
        ud.pr_kommune.push(k.0);
        ud.aendringer.extend(k.1);
    }
    ud.saetning = saetninger::udvikling(&saetninger::Aendringer {
        forrige_periode: &o.fra,
        faelles_anbefalinger: ud.faelles_anbefalinger,
        forbedret: ud.forbedret,
        forvaerret: ud.forvaerret,
        uaendret: ud.uaendret,
        andre: ud.andre,
    });
    ud
}

fn kommune_udvikling(
    sml: &Sammenligning,
    o: &Overgang,
    kommune: &str,
) -> (KommuneUdvikling, Vec<Aendring>) {
    let aendringer: Vec<Aendring> = sml
        .linjer
        .iter()
        .filter(|l| l.retning.is_some_and(|r| r != Retning::Samme))
        .map(|l| Aendring {
            kommune: kommune.to_string(),
            anbefaling: l.id.clone(),
            vist: vist(&l.id, o.led(&l.id)),
            fra: StatusVis::af(l.fra()).navn,
            til: StatusVis::af(l.nu).navn,
            forbedring: l.retning == Some(Retning::Op),
        })
        .collect();
    let tekst: Vec<String> = aendringer
        .iter()
        .map(|a| format!("{}: {} → {}", a.vist, a.fra, a.til))
        .collect();
    let k = KommuneUdvikling {
        kommune: kommune.to_string(),
        note: (!sml.meldt_foer).then(|| format!("Meldte ikke status for {}", sml.forrige_periode)),
        forbedret: sml.antal(Retning::Op),
        forvaerret: sml.antal(Retning::Ned),
        uaendret: sml.antal(Retning::Samme),
        tekst: if tekst.is_empty() {
            "–".into()
        } else {
            tekst.join("; ")
        },
    };
    (k, aendringer)
}
