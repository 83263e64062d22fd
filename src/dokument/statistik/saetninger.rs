//! Every sentence the documents compute from figures, in Danish that agrees with its
//! numbers: «1 kommune har», «3 kommuner har», lists ending with «og», «1.234» and
//! «83 %». Made here rather than in the templates so each can be proofread for 0, 1, 2
//! and many (see `tests/saetninger.rs`).

use super::optaelling::Optaelling;
use crate::dansk::{antal, boej, liste, procent, tal};

/// The status words with their counts, e.g. «9 grønne, 5 gule, 1 rød og 1 ikke
/// besvaret» (zeros left out; «ingen» when all are zero). Also the text alternative
/// of a bar chart.
pub fn fordeling(o: &Optaelling) -> String {
    let mut dele = farver(o);
    if o.ikke_besvaret > 0 {
        dele.push(format!("{} ikke besvaret", tal(o.ikke_besvaret.into())));
    }
    if dele.is_empty() {
        return "ingen".into();
    }
    liste(&dele)
}

/// «9 grønne», «1 gul», «2 røde»: the answered parts, zeros left out.
fn farver(o: &Optaelling) -> Vec<String> {
    med_tal(&[
        (o.groen, "grøn", "grønne"),
        (o.gul, "gul", "gule"),
        (o.roed, "rød", "røde"),
    ])
}

/// Each non-zero count with the word that agrees with it: «1 grøn», «2 uændrede».
fn med_tal(dele: &[(u32, &str, &str)]) -> Vec<String> {
    dele.iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|&(n, en, flere)| format!("{} {}", tal(n.into()), boej(n.into(), en, flere)))
        .collect()
}

/// [`med_tal`] with the noun on the first count only: «5 vurderinger forbedret, 2
/// forværret og 40 uændrede».
fn navneord_foerst(dele: &[(u32, &str, &str)], (en, flere): (&str, &str)) -> Vec<String> {
    let mut ud = med_tal(dele);
    if let (Some(foerste), Some(&(n, _, _))) = (ud.first_mut(), dele.iter().find(|d| d.0 > 0)) {
        let (tal, ord) = foerste.split_once(' ').expect("a number and a word");
        *foerste = format!("{tal} {} {ord}", boej(n.into(), en, flere));
    }
    ud
}

/// The bilag's summary of one kommune's answers.
pub fn bilag_opsummering(kommune: &str, o: &Optaelling) -> String {
    let i_alt = o.i_alt();
    let besvaret = i_alt - o.ikke_besvaret;
    let hvilke = match (i_alt, besvaret) {
        (0, _) => return "Runden har ingen anbefalinger at vurdere.".into(),
        (1, _) => "rundens ene anbefaling".to_string(),
        (2, 2) => "begge anbefalinger".to_string(),
        (n, b) if b == n => format!("alle {} anbefalinger", tal(n.into())),
        (n, b) => format!("{} af de {} anbefalinger", tal(b.into()), tal(n.into())),
    };
    if besvaret == 0 {
        let hvilke = if i_alt == 1 {
            hvilke
        } else {
            format!("nogen af de {} anbefalinger", tal(i_alt.into()))
        };
        return format!("{kommune} har endnu ikke vurderet fremdriften for {hvilke}.");
    }
    let mut s = format!(
        "{kommune} har vurderet fremdriften for {hvilke}: {}.",
        liste(&farver(o))
    );
    if o.ikke_besvaret > 0 {
        let n = o.ikke_besvaret as usize;
        s.push_str(&format!(
            " {} ikke besvaret.",
            antal(n, "anbefaling er", "anbefalinger er")
        ));
    }
    s
}

/// How many kommuner have reported: «24 af de 29 kommuner har meldt status for 2015
/// (83 %).» `periode` and `med_procent` add those parts.
pub fn svar(
    antal_svar: usize,
    kommuner: usize,
    periode: Option<&str>,
    med_procent: bool,
) -> String {
    let (a, k) = (tal(antal_svar as u64), tal(kommuner as u64));
    let mut s = match (antal_svar, kommuner) {
        (_, 0) => "Der er ingen kommuner at melde status".to_string(),
        (1, 1) => "Kommunen har meldt status".to_string(),
        (0, 1) => "Kommunen har endnu ikke meldt status".to_string(),
        (2, 2) => "Begge kommuner har meldt status".to_string(),
        (0, _) => format!("Ingen af de {k} kommuner har endnu meldt status"),
        (n, m) if n == m => format!("Alle {k} kommuner har meldt status"),
        _ => format!("{a} af de {k} kommuner har meldt status"),
    };
    if let Some(p) = periode {
        s.push_str(&format!(" for {p}"));
    }
    if med_procent && kommuner > 0 {
        let pct = (antal_svar * 100 + kommuner / 2) / kommuner;
        s.push_str(&format!(" ({})", procent(pct as u32)));
    }
    s.push('.');
    s
}

/// «Der mangler status fra A, B og C.», or nothing when none are missing.
pub fn mangler(navne: &[&str]) -> Option<String> {
    (!navne.is_empty()).then(|| format!("Der mangler status fra {}.", liste(navne)))
}

/// «Status fra A er endnu et udkast, …» / «Status fra A og B er endnu udkast, …».
pub fn udkast(navne: &[&str]) -> Option<String> {
    let hvad = match navne.len() {
        0 => return None,
        1 => "et udkast",
        _ => "udkast",
    };
    Some(format!(
        "Status fra {} er endnu {hvad}, der ikke er behandlet politisk.",
        liste(navne)
    ))
}

/// All answers across kommuner and anbefalinger: «Af de 384 vurderinger er 250
/// grønne, 90 gule og 20 røde, mens 24 ikke er besvaret.»
pub fn vurderinger(o: &Optaelling) -> String {
    let i_alt = o.i_alt();
    let farver = farver(o);
    match (i_alt, farver.is_empty()) {
        (0, _) => "Der er endnu ingen vurderinger.".into(),
        (1, false) => format!(
            "Den eneste vurdering er {}.",
            farver[0].trim_start_matches("1 ")
        ),
        (1, true) => "Den eneste anbefaling er ikke besvaret.".into(),
        (_, true) => "Ingen af anbefalingerne er besvaret endnu.".into(),
        _ => {
            let mut s = format!(
                "Af de {} vurderinger på tværs af kommuner og anbefalinger er {}",
                tal(i_alt.into()),
                liste(&farver)
            );
            if o.ikke_besvaret > 0 {
                s.push_str(&format!(
                    ", mens {} ikke er besvaret",
                    tal(o.ikke_besvaret.into())
                ));
            }
            s.push('.');
            s
        }
    }
}

/// How many kommuner have a SKAL initiative at rød or unanswered.
pub fn skal_mangler(kommuner: usize) -> String {
    match kommuner {
        0 => "Ingen kommuner har SKAL-initiativer, der er røde eller ikke besvaret.".into(),
        n => format!(
            "{} mindst ét SKAL-initiativ, der er rødt eller ikke besvaret.",
            antal(n, "kommune har", "kommuner har")
        ),
    }
}

/// The SKAL section when no kommune has a SKAL initiative at rød or unanswered.
pub fn skal_i_orden(antal_svar: usize) -> String {
    match antal_svar {
        0 => "Ingen kommuner har meldt status endnu.".into(),
        1 => "Den kommune, der har meldt status, har vurderet alle SKAL-initiativer grønne eller gule.".into(),
        _ => "Alle kommuner, der har meldt status, har vurderet alle SKAL-initiativer grønne eller gule.".into(),
    }
}

/// The changes since the previous period, for the anbefalinger both share.
pub struct Aendringer<'a> {
    pub forrige_periode: &'a str,
    pub faelles_anbefalinger: usize,
    pub forbedret: u32,
    pub forvaerret: u32,
    pub uaendret: u32,
    pub andre: u32,
}

/// «For de 12 anbefalinger, der videreføres fra 2014, er 5 vurderinger forbedret, 2
/// forværret og 40 uændrede, mens 3 er gået fra eller til «ikke besvaret».»
pub fn udvikling(a: &Aendringer) -> String {
    let hvilke = match a.faelles_anbefalinger {
        1 => "For den ene anbefaling".to_string(),
        n => format!("For de {} anbefalinger", tal(n as u64)),
    };
    let start = format!("{hvilke}, der videreføres fra {}, er", a.forrige_periode);
    let andre = "gået fra eller til «ikke besvaret»";
    let dele = navneord_foerst(
        &[
            (a.forbedret, "forbedret", "forbedret"),
            (a.forvaerret, "forværret", "forværret"),
            (a.uaendret, "uændret", "uændrede"),
        ],
        ("vurdering", "vurderinger"),
    );
    if dele.is_empty() {
        return match a.andre {
            0 => format!("{start} der ingen vurderinger at sammenligne endnu."),
            n => format!(
                "{start} {} {andre}.",
                antal(n as usize, "vurdering", "vurderinger")
            ),
        };
    }
    let mut s = format!("{start} {}", liste(&dele));
    if a.andre > 0 {
        s.push_str(&format!(", mens {} er {andre}", tal(a.andre.into())));
    }
    s.push('.');
    s
}

/// How one kommune's assessments moved since the previous period.
pub struct Bevaegelser<'a> {
    pub forrige_periode: &'a str,
    pub op: u32,
    pub ned: u32,
    pub samme: u32,
    /// To or from «ikke besvaret»: answered only one of the two years.
    pub andre: u32,
}

/// The bilag's comparison: «Sammenlignet med 2015 er 3 anbefalinger rykket op, 1 rykket
/// ned og 9 uændret, mens 1 anbefaling kun er besvaret det ene år.»
pub fn sammenligning(a: &Bevaegelser) -> String {
    let start = format!("Sammenlignet med {} er", a.forrige_periode);
    let andre = |n: u32| {
        format!(
            "{} kun besvaret det ene år",
            antal(n as usize, "anbefaling", "anbefalinger")
        )
    };
    let dele = navneord_foerst(
        &[
            (a.op, "rykket op", "rykket op"),
            (a.ned, "rykket ned", "rykket ned"),
            (a.samme, "uændret", "uændret"),
        ],
        ("anbefaling", "anbefalinger"),
    );
    if dele.is_empty() {
        return match a.andre {
            0 => format!("{start} der ingen anbefalinger at sammenligne."),
            n => format!("{start} {}.", andre(n)),
        };
    }
    let mut s = format!("{start} {}", liste(&dele));
    if a.andre > 0 {
        s.push_str(&format!(
            ", mens {} kun er besvaret det ene år",
            antal(a.andre as usize, "anbefaling", "anbefalinger")
        ));
    }
    s.push('.');
    s
}

/// The introduction to the coordination group's adjustments and new anbefalinger.
pub fn justeringer(aendrede: usize, nye: usize, sigte: Option<&str>) -> String {
    let mut dele = Vec::new();
    if aendrede > 0 {
        dele.push(match aendrede {
            1 => "1 justering af en eksisterende anbefaling".to_string(),
            n => format!("{} justeringer af eksisterende anbefalinger", tal(n as u64)),
        });
    }
    if nye > 0 {
        dele.push(antal(nye, "ny anbefaling", "nye anbefalinger"));
    }
    if dele.is_empty() {
        return "Koordinationsgruppen har endnu ikke formuleret justeringer eller nye anbefalinger for denne periode.".into();
    }
    let sigte = sigte.map(|s| format!(" ({s})")).unwrap_or_default();
    format!(
        "Koordinationsgruppen foreslår {} med et 2-årigt sigte{sigte}.",
        liste(&dele)
    )
}
