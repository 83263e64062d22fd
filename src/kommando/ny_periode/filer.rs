//! The files of a new period (`fremdrift ny-periode`): the source period's
//! `anbefalinger.yaml` as the user wrote it, with a Danish comment on top saying what
//! to edit — and the justeringer its tilbagemelding proposed — but without its
//! `erstatter` (those named the period before it); and a stub `tilbagemelding.yaml`.

use std::fmt::Write as _;
use std::path::Path;

use crate::diagnose::Diagnose;
use crate::indhold::model::Justering;

use super::uden_erstatter::uden_erstatter;

/// The new period's `anbefalinger.yaml`: the header, then `kilde_tekst` without its own
/// leading comment and without `erstatter`. `vis` names the source file in messages.
pub fn anbefalinger(
    kilde_tekst: &str,
    vis: &Path,
    kilde: &str,
    ny: &str,
    justeringer: &[Justering],
) -> Result<String, Diagnose> {
    let krop = uden_erstatter(kilde_tekst, vis)?;
    let mut s = hoved(kilde, ny);
    if !justeringer.is_empty() {
        s.push_str(&justeringer_som_kommentar(kilde, justeringer));
    }
    s.push('\n');
    s.push_str(uden_indledende_kommentar(&krop));
    Ok(s)
}

fn hoved(kilde: &str, ny: &str) -> String {
    format!(
        "# Anbefalingerne for {ny}, oprettet med «fremdrift ny-periode» ud fra {kilde}.
# Ret det, der er ændret siden {kilde}, før kommunerne får deres statusfiler:
#   - titel, dato (notatets dato), sags-id, dok-id, frist (svarfristen) og evt.
#     indledning og pejlemærker: de står endnu som i {kilde};
#   - anbefalingerne: ret teksterne, slet dem, der udgår, og tilføj nye anbefalinger
#     og fokusområder.
# En anbefaling med samme id som i {kilde} fortsætter den. Får en anbefaling et nyt id,
# eller samler eller deler den anbefalinger fra {kilde}, så skriv, hvilke den erstatter:
#       - id: v5
#         erstatter: v3          # eller flere: erstatter: [v1, v2]
# Så følger bilag og tilbagemelding udviklingen, og «fremdrift skabelon» viser
# kommunens svar fra {kilde}. Kontrollér med «fremdrift --periode {ny} check».
"
    )
}

/// The source period's proposed justeringer as comments, to carry out here.
fn justeringer_som_kommentar(kilde: &str, justeringer: &[Justering]) -> String {
    let mut s = format!("#\n# Tilbagemeldingen for {kilde} foreslår disse justeringer:\n");
    for j in justeringer {
        let hvad = match (&j.anbefaling, &j.titel) {
            (Some(a), _) => format!(
                "Justering af {}: ret teksten her; får den et nyt id, så skriv «erstatter: {}».",
                a.id, a.id
            ),
            (None, titel) => {
                let mere: Vec<String> = [
                    j.fokusomraade
                        .as_ref()
                        .map(|f| format!("fokusområde «{f}»")),
                    j.niveau.map(|n| n.navn().to_string()),
                ]
                .into_iter()
                .flatten()
                .collect();
                let titel = titel
                    .as_ref()
                    .map(|t| format!(" «{t}»"))
                    .unwrap_or_default();
                let mere = if mere.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", mere.join(", "))
                };
                format!("Ny anbefaling{titel}{mere}: tilføj den uden «erstatter».")
            }
        };
        skriv_ombrudt(&mut s, "#   - ", &hvad);
        skriv_ombrudt(&mut s, "#     ", &format!("Forslag: {}", j.forslag));
    }
    s
}

/// `tekst` wrapped into comment lines, the first starting with `foran` and the rest
/// indented as far.
fn skriv_ombrudt(s: &mut String, foran: &str, tekst: &str) {
    let luft = format!("#{}", " ".repeat(foran.chars().count() - 1));
    for (i, linje) in crate::statusfil::ombryd(tekst, 84).iter().enumerate() {
        let _ = writeln!(s, "{}{linje}", if i == 0 { foran } else { &luft });
    }
}

/// The text after its leading comment lines (and the blank lines among them).
fn uden_indledende_kommentar(tekst: &str) -> &str {
    let mut rest = tekst;
    while let Some((linje, efter)) = rest.split_once('\n') {
        let t = linje.trim();
        if t.is_empty() || t.starts_with('#') {
            rest = efter;
        } else {
            break;
        }
    }
    rest
}

/// The new period's `tilbagemelding.yaml`: every field as a commented example.
pub fn tilbagemelding(kilde: &str, ny: &str) -> String {
    format!(
        "# Koordinationsgruppens tekst til den samlede tilbagemelding for {ny}. Alle felter er
# valgfri: fjern «#» foran dem, I bruger. Tallene, oversigten, udviklingen siden {kilde}
# og kommunernes bemærkninger beregner fremdrift selv. Se README.md.
# titel: …
# dato: ÅÅÅÅ-MM-DD
# sags-id: \"\"
# dok-id: \"\"
# sigte: …                     # justeringernes 2-årige sigte
# baggrund: >-
#   …
# sammenfatning: >-
#   …
#
# Justeringer af anbefalingerne for {ny} og forslag til nye anbefalinger. Når den næste
# periode oprettes med «fremdrift ny-periode», står de som kommentarer øverst i dens
# anbefalinger.yaml.
# justeringer:
#   - anbefaling: v1           # justering af en anbefaling (dens id i {ny})
#     forslag: …
#     begrundelse: …
#   - titel: …                 # uden «anbefaling»: en ny anbefaling
#     fokusområde: …
#     niveau: skal
#     forslag: …
justeringer: []
"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indhold::raa::RawRunde;
    use crate::indhold::yaml;

    const HOVED: &str =
        "titel: T\ndato: 2016-01-26\nfokusområder:\n  - titel: F\n    anbefalinger:\n";

    #[test]
    fn the_new_file_says_what_to_edit_and_carries_the_proposed_justeringer() {
        use crate::indhold::model::{Anbefaling, Niveau};
        let kilde =
            format!("# Gammel kommentar om 2015.\n\n{HOVED}      - id: v3\n        tekst: A.\n");
        let j = vec![
            Justering {
                anbefaling: Some(Anbefaling {
                    id: "v3".into(),
                    niveau: None,
                    tekst: "A.".into(),
                    erstatter: None,
                }),
                titel: None,
                fokusomraade: None,
                niveau: None,
                forslag: "Gør den forpligtende.".into(),
                begrundelse: None,
            },
            Justering {
                anbefaling: None,
                titel: Some("Integration".into()),
                fokusomraade: Some("Integration".into()),
                niveau: Some(Niveau::Skal),
                forslag: "Et samarbejde om flygtninge.".into(),
                begrundelse: None,
            },
        ];
        let t = anbefalinger(&kilde, Path::new("a.yaml"), "2015", "2016", &j).unwrap();
        assert!(
            t.starts_with(
                "# Anbefalingerne for 2016, oprettet med «fremdrift ny-periode» ud fra 2015."
            ),
            "{t}"
        );
        assert!(!t.contains("Gammel kommentar"), "{t}");
        for del in [
            "titel, dato (notatets dato), sags-id, dok-id, frist (svarfristen) og evt.",
            "#   - Justering af v3: ret teksten her; får den et nyt id, så skriv «erstatter: v3».",
            "erstatter: v3». Forslag: Gør den forpligtende.",
            "#   - Ny anbefaling «Integration» (fokusområde «Integration», SKAL): tilføj den uden «erstatter».",
        ] {
            let samlet = t.replace("\n#     ", " ");
            assert!(samlet.contains(del), "«{del}» mangler:\n{t}");
        }
        let _: RawRunde = yaml::fortolk(&t, Path::new("a.yaml")).unwrap();
        let stub = tilbagemelding("2015", "2016");
        let _: crate::indhold::raa::RawTilbagemelding =
            yaml::fortolk(&stub, Path::new("t.yaml")).unwrap();
    }
}
