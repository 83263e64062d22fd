//! `fremdrift init`: a ready project for one of the five KKR, with JSON Schemas in
//! `skema/` named by the first line of each YAML file, for editors.

use std::fmt::Write as _;

use std::path::Path;

use anyhow::Context;

use crate::argumenter::InitArgs;
use crate::fejl::fejl;
use crate::indhold::kommuner::{KkrData, alle_kkr};
use crate::jsonskema::{med_skemalinje, skemalinje};
use crate::oversaet::INDBYGGEDE_SKRIFTER;
use crate::skriv::skriv_atomisk;

pub fn koer(periode: Option<&str>, a: &InitArgs) -> anyhow::Result<()> {
    let mappe = &a.mappe;
    if mappe.exists()
        && std::fs::read_dir(mappe)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(fejl(
            format!(
                "mappen «{}» findes allerede og er ikke tom",
                mappe.display()
            ),
            "vælg en ny mappe; init overskriver aldrig noget",
        ));
    }
    let alle = alle_kkr();
    let kkr = alle.get(a.kkr.noegle()).context("ukendt KKR")?;
    let periode = periode.map(str::to_string).unwrap_or_else(aktuelt_aar);
    let runde = format!("content/{periode}/anbefalinger.yaml");
    let filer = [
        ("content/kkr.yaml".to_string(), kkr_yaml(kkr)),
        (
            runde.clone(),
            med_skemalinje(Path::new(&runde), &runde_yaml(&periode)),
        ),
        (format!("content/{periode}/status/.gitkeep"), String::new()),
        (".gitignore".to_string(), GITIGNORE.to_string()),
        (
            "fonts/OFL.txt".to_string(),
            include_str!("../../fonts/OFL.txt").to_string(),
        ),
    ];
    for (rel, indhold) in &filer {
        skriv_atomisk(&mappe.join(rel), indhold.as_bytes())
            .with_context(|| format!("kunne ikke skrive {rel}"))?;
    }
    for (navn, data) in INDBYGGEDE_SKRIFTER {
        skriv_atomisk(&mappe.join("fonts").join(navn), data)?;
    }
    crate::jsonskema::skriv::opdater_efter(mappe);
    crate::resultat!(
        "Oprettede et projekt for {} med {} kommuner i {}; første periode er {periode} (vælg en anden med --periode)",
        kkr.navn,
        kkr.kommuner.len(),
        mappe.display()
    );
    crate::resultat!(
        "Næste skridt: ret content/{periode}/anbefalinger.yaml, og lav statusfiler med «fremdrift -C {} skabelon KOMMUNE».",
        mappe.display()
    );
    Ok(())
}

/// The current year in Denmark, for the first period's folder name (never used in PDFs).
fn aktuelt_aar() -> String {
    crate::klokken::aaret_nu().to_string()
}

fn kkr_yaml(k: &KkrData) -> String {
    let mut s = skemalinje(Path::new("content/kkr.yaml")).unwrap_or_default();
    let _ = writeln!(
        s,
        "# {} og dets {} kommuner. Ret sekretariatets oplysninger til.",
        k.navn,
        k.kommuner.len()
    );
    let _ = writeln!(s, "navn: {}\nweb: {}", k.navn, k.web);
    s.push_str("sekretariat:\n  navn: KKR-sekretariatet\n  e-mail: \"\"\n  telefon: \"\"\n  adresse: []\nkommuner:\n");
    for m in &k.kommuner {
        let _ = writeln!(
            s,
            "  - id: {}\n    kode: {}\n    navn: {}",
            m.id, m.kode, m.navn
        );
    }
    s
}

/// Output and the history of replaced status files (copies of what `content/` had)
/// stay out of version control.
const GITIGNORE: &str = "/out/\n/historik/\n";

/// The first round's anbefalinger; the notat is dated in January after the period
/// (period 2015: «Den 26. januar 2016»), as in the README.
fn runde_yaml(periode: &str) -> String {
    let aar: String = periode.chars().take_while(char::is_ascii_digit).collect();
    let naeste = aar
        .parse::<u32>()
        .map_or_else(|_| periode.to_string(), |a| (a + 1).to_string());
    RUNDE_SKABELON
        .replace("{periode}", periode)
        .replace("{naeste}", &naeste)
}

/// The first round of a new project: placeholders to replace.
const RUNDE_SKABELON: &str = r#"# Anbefalingerne for {periode}. Ret titler og tekster, og tilføj fokusområder og anbefalinger.
# «niveau: skal» og «niveau: kan» deler anbefalingerne i SKAL og KAN; udelad feltet,
# hvis runden ikke har niveauer. Se README.md for alle felter.
titel: Status for anbefalinger til tværkommunalt samarbejde på beskæftigelsesområdet
dato: {naeste}-01-26           # notatets dato: i januar efter perioden {periode}
sags-id: ""
dok-id: ""
pejlemærker:
  - titel: Første pejlemærke
    tekst: Beskriv pejlemærket.
fokusområder:
  - titel: Første fokusområde
    indledning: Beskriv fokusområdet.
    anbefalinger:
      - id: a1
        tekst: Første anbefaling.
      - id: a2
        tekst: Anden anbefaling.
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indhold::valider::PLADSHOLDERE;

    #[test]
    fn check_knows_every_placeholder_init_writes() {
        let runde = runde_yaml("2025");
        for (p, _) in PLADSHOLDERE {
            assert!(runde.contains(p), "{p}");
        }
        assert!(runde.contains("dato: 2026-01-26"), "{runde}");
        assert!(GITIGNORE.lines().any(|l| l == "/historik/"));
    }
}
