//! Generated example projects for tests and benchmarks: any number of kommuner,
//! fokusområder and anbefalinger, with deterministic pseudo-random answers.
//! (Development only: the tests include it as `common::eksempel`; benches and examples
//! with `#[path = "../tests/common/eksempel.rs"]`.)
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;

use fremdrift::indhold::kommuner::{KommuneData, alle_kkr};

/// What to generate.
#[derive(Clone, Debug)]
pub struct Valg {
    pub kommuner: Vec<KommuneData>,
    pub kkr_navn: String,
    pub fokusomraader: usize,
    pub anbefalinger: usize,
    pub niveauer: bool,
    /// Sentences per bemærkning.
    pub saetninger: usize,
    /// Periods to write, each with its own answers.
    pub perioder: Vec<String>,
    /// Every n-th kommune has no status file (0: all have one).
    pub hver_mangler: usize,
    pub froe: u64,
}

impl Valg {
    /// The first `antal` of all 98 kommuner, as one project.
    pub fn med_kommuner(antal: usize) -> Self {
        let mut alle: Vec<KommuneData> =
            alle_kkr().into_values().flat_map(|k| k.kommuner).collect();
        alle.sort_by_key(|k| k.kode);
        alle.truncate(antal);
        Self {
            kommuner: alle,
            kkr_navn: "KKR Testregion".into(),
            fokusomraader: 4,
            anbefalinger: 16,
            niveauer: true,
            saetninger: 2,
            perioder: vec!["2015".into()],
            hver_mangler: 0,
            froe: 1,
        }
    }
}

/// A small deterministic generator (64-bit LCG).
struct Tilfaeldig(u64);

impl Tilfaeldig {
    fn tal(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

const SAETNINGER: &[&str] = &[
    "Kommunen deltager i det fælles virksomhedsberedskab sammen med nabokommunerne.",
    "Samarbejdet er forankret i jobcentrets virksomhedsteam og følges op kvartalsvis.",
    "Der er indgået en aftale med erhvervsskolerne om korte opkvalificeringsforløb.",
    "Indsatsen er forsinket, fordi finansieringen først faldt på plads i efteråret.",
    "Jobcentret har udpeget en tovholder, der koordinerer med de øvrige kommuner.",
    "Erfaringerne drøftes i koordinationsgruppen og deles på tværs af jobcentrene.",
];

/// Writes a complete project (kkr.yaml, one round per period, status files) into `mappe`.
pub fn skriv(mappe: &Path, v: &Valg) -> std::io::Result<()> {
    std::fs::create_dir_all(mappe.join("content"))?;
    std::fs::write(mappe.join("content/kkr.yaml"), kkr_yaml(v))?;
    let mut r = Tilfaeldig(v.froe);
    for periode in &v.perioder {
        let runde = mappe.join("content").join(periode);
        std::fs::create_dir_all(runde.join("status"))?;
        std::fs::write(runde.join("anbefalinger.yaml"), runde_yaml(v, periode))?;
        for (i, k) in v.kommuner.iter().enumerate() {
            if v.hver_mangler > 0 && i % v.hver_mangler == v.hver_mangler - 1 {
                continue;
            }
            std::fs::write(
                runde.join("status").join(format!("{}.yaml", k.id)),
                status_yaml(v, k, &mut r),
            )?;
        }
    }
    Ok(())
}

fn kkr_yaml(v: &Valg) -> String {
    let mut s = format!(
        "navn: {}\nweb: www.example.dk\nsekretariat:\n  e-mail: kkr@example.dk\n  telefon: \"1234 5678\"\nkommuner:\n",
        v.kkr_navn
    );
    for k in &v.kommuner {
        let _ = writeln!(
            s,
            "  - id: {}\n    kode: {}\n    navn: {}",
            k.id, k.kode, k.navn
        );
    }
    s
}

fn anbefaling_id(i: usize) -> String {
    format!("a{}", i + 1)
}

fn runde_yaml(v: &Valg, periode: &str) -> String {
    let mut s = format!(
        "titel: Status for anbefalinger til tværkommunalt samarbejde på beskæftigelsesområdet\ndato: {}-01-26\nsags-id: SAG-{periode}-00001\ndok-id: \"1000\"\nfokusområder:\n",
        periode.get(..4).unwrap_or("2015")
    );
    let pr_fokus = v.anbefalinger.div_ceil(v.fokusomraader.max(1));
    for (f, del) in (0..v.anbefalinger)
        .collect::<Vec<_>>()
        .chunks(pr_fokus.max(1))
        .enumerate()
    {
        let _ = writeln!(s, "  - titel: Fokusområde {}\n    anbefalinger:", f + 1);
        for (j, i) in del.iter().enumerate() {
            let _ = writeln!(s, "      - id: {}", anbefaling_id(*i));
            if v.niveauer {
                let _ = writeln!(
                    s,
                    "        niveau: {}",
                    if j < del.len().div_ceil(2) {
                        "skal"
                    } else {
                        "kan"
                    }
                );
            }
            let _ = writeln!(
                s,
                "        tekst: Alle kommuner skal indgå i samarbejde nummer {} på tværs af kommunegrænserne.",
                i + 1
            );
        }
    }
    s
}

fn status_yaml(v: &Valg, k: &KommuneData, r: &mut Tilfaeldig) -> String {
    let mut s = format!(
        "kommune: {}\nbehandlet:\n  organ: Beskæftigelsesudvalget\n  dato: 2016-01-{:02}\nudkast: {}\nsvar:\n",
        k.id,
        10 + r.tal(18),
        r.tal(10) == 0
    );
    for i in 0..v.anbefalinger {
        let status = match r.tal(20) {
            0 => continue,
            1..=9 => "grøn",
            10..=16 => "gul",
            _ => "rød",
        };
        let bem: Vec<&str> = (0..v.saetninger)
            .map(|_| SAETNINGER[r.tal(SAETNINGER.len() as u64) as usize])
            .collect();
        let _ = writeln!(
            s,
            "  {}:\n    status: {status}\n    bemærkning: \"{}\"",
            anbefaling_id(i),
            bem.join(" ")
        );
    }
    if r.tal(4) == 0 {
        s.push_str("forslag:\n  - titel: Fælles indsats for sygemeldte\n    tekst: Et tværkommunalt forløb for sygemeldte borgere.\n");
    }
    s
}

/// The three-period project of the yearly cycle (2015, 2016, 2017) for six kommuner:
///
/// - 2016 renames v3 to v4 (`erstatter: v3`), drops d1 and with it the fokusområde
///   «Dokumentation af effekt», and adds the fokusområde «Integration» (i1, i2);
/// - 2015's tilbagemelding proposes justeringer of v3 and o1 and a new anbefaling; 2016
///   carries them out (v3 becomes v4, o1 gets a new wording, Integration is added);
/// - 2017 has the same anbefalinger as 2016 (as `fremdrift ny-periode` leaves them);
/// - Gentofte has no status for 2015 and Dragør none for 2016; statuses change from
///   period to period as [`TRE_PERIODER_SVAR`] says (København: v3 grøn in 2015, v4
///   rød in 2016).
pub fn tre_perioder(mappe: &Path) -> std::io::Result<()> {
    let v = Valg::med_kommuner(6);
    std::fs::create_dir_all(mappe.join("content"))?;
    std::fs::write(mappe.join("content/kkr.yaml"), kkr_yaml(&v))?;
    let r2016 = runde_2016();
    for (periode, anbefalinger) in [
        ("2015", RUNDE_2015),
        ("2016", r2016.as_str()),
        ("2017", r2016.as_str()),
    ] {
        let runde = mappe.join("content").join(periode);
        std::fs::create_dir_all(runde.join("status"))?;
        std::fs::write(
            runde.join("anbefalinger.yaml"),
            anbefalinger_for(anbefalinger, periode),
        )?;
        for (p, kommune, svar) in TRE_PERIODER_SVAR {
            if *p == periode {
                std::fs::write(
                    runde.join("status").join(format!("{kommune}.yaml")),
                    tre_perioder_status(periode, kommune, svar),
                )?;
            }
        }
    }
    std::fs::write(
        mappe.join("content/2015/tilbagemelding.yaml"),
        TILBAGEMELDING_2015,
    )?;
    Ok(())
}

const TILBAGEMELDING_2015: &str = "sigte: 2016-2017
justeringer:
  - anbefaling: v3
    forslag: Jobrotation tilbydes sammen med mindst én nabokommune.
  - anbefaling: o1
    forslag: Kompetenceudviklingen målrettes virksomhedskonsulenterne.
  - titel: Integration
    fokusområde: Integration
    niveau: skal
    forslag: Et samarbejde om virksomhedsrettede forløb for flygtninge.
";

/// A round's YAML for a period; 2017 loses 2016's `erstatter` as `ny-periode` does.
fn anbefalinger_for(skabelon: &str, periode: &str) -> String {
    let aar: u32 = periode.parse().unwrap();
    let mut s = format!(
        "titel: Status for anbefalinger til tværkommunalt samarbejde\ndato: {}-01-26\nsags-id: SAG-{periode}-00001\n",
        aar + 1
    );
    for linje in skabelon.lines() {
        if periode == "2017" && linje.contains("erstatter:") {
            continue;
        }
        s.push_str(linje);
        s.push('\n');
    }
    s
}

const RUNDE_2015: &str = "fokusområder:
  - titel: Virksomhedsrettede indsatser
    anbefalinger:
      - {id: v1, niveau: skal, tekst: Alle kommuner skal være en del af et formaliseret virksomhedsberedskab.}
      - {id: v2, niveau: skal, tekst: Alle kommuner skal samarbejde om rekruttering på tværs.}
      - {id: v3, niveau: kan, tekst: Kommunerne kan formalisere samarbejdet om jobrotation.}
  - titel: Borgerrettede indsatser
    anbefalinger:
      - {id: b1, niveau: skal, tekst: Alle kommuner skal samarbejde om unge uden uddannelse.}
      - {id: b2, niveau: kan, tekst: Kommunerne kan samarbejde om sygedagpengeindsatsen.}
  - titel: Opkvalificering af medarbejdere
    anbefalinger:
      - {id: o1, niveau: skal, tekst: Alle kommuner skal deltage i fælles kompetenceudvikling.}
  - titel: Dokumentation af effekt
    anbefalinger:
      - {id: d1, niveau: kan, tekst: Kommunerne kan dele data om effekten af indsatserne.}
";

/// 2016 is 2015 with v3 renamed to v4, o1 reworded, and «Dokumentation af effekt» (d1)
/// replaced by «Integration» (i1, i2).
fn runde_2016() -> String {
    let i = RUNDE_2015
        .find("  - titel: Dokumentation af effekt")
        .unwrap();
    let mut s = RUNDE_2015[..i]
        .replace(
            "      - {id: v3, niveau: kan, tekst: Kommunerne kan formalisere samarbejdet om jobrotation.}\n",
            "      - id: v4\n        niveau: kan\n        erstatter: v3\n        tekst: Alle kommuner kan tilbyde jobrotation sammen med mindst én nabokommune.\n",
        )
        .replace(
            "fælles kompetenceudvikling.}",
            "fælles kompetenceudvikling af virksomhedskonsulenterne.}",
        );
    s.push_str("  - titel: Integration
    anbefalinger:
      - {id: i1, niveau: skal, tekst: Alle kommuner skal samarbejde om virksomhedsrettede forløb for flygtninge.}
      - {id: i2, niveau: kan, tekst: Kommunerne kan dele virksomhedscentre på tværs af kommunegrænser.}
");
    s
}

/// Every status file of the three periods: period, kommune, answers (`G` grøn, `Gu`
/// gul, `R` rød, `-` not answered).
pub const TRE_PERIODER_SVAR: &[(&str, &str, &str)] = &[
    ("2015", "koebenhavn", "v1:G v2:G v3:G b1:Gu b2:R o1:G d1:Gu"),
    (
        "2015",
        "frederiksberg",
        "v1:Gu v2:G v3:Gu b1:G b2:- o1:R d1:G",
    ),
    ("2015", "ballerup", "v1:G v2:Gu v3:R b1:G b2:G o1:Gu d1:-"),
    ("2015", "broendby", "v1:R v2:R v3:Gu b1:Gu b2:Gu o1:G d1:R"),
    ("2015", "dragoer", "v1:G v2:G v3:G b1:G b2:G o1:G d1:G"),
    (
        "2016",
        "koebenhavn",
        "v1:G v2:G v4:R b1:G b2:R o1:G i1:Gu i2:-",
    ),
    (
        "2016",
        "frederiksberg",
        "v1:G v2:G v4:Gu b1:G b2:Gu o1:Gu i1:R i2:Gu",
    ),
    (
        "2016",
        "ballerup",
        "v1:G v2:Gu v4:Gu b1:Gu b2:G o1:Gu i1:G i2:G",
    ),
    (
        "2016",
        "broendby",
        "v1:Gu v2:R v4:Gu b1:Gu b2:Gu o1:G i1:Gu i2:R",
    ),
    (
        "2016",
        "gentofte",
        "v1:G v2:Gu v4:G b1:G b2:G o1:G i1:Gu i2:Gu",
    ),
    (
        "2017",
        "koebenhavn",
        "v1:G v2:G v4:Gu b1:G b2:Gu o1:G i1:G i2:Gu",
    ),
    (
        "2017",
        "frederiksberg",
        "v1:G v2:G v4:G b1:G b2:G o1:G i1:Gu i2:G",
    ),
    (
        "2017",
        "ballerup",
        "v1:G v2:G v4:Gu b1:G b2:G o1:Gu i1:G i2:G",
    ),
    (
        "2017",
        "broendby",
        "v1:G v2:Gu v4:Gu b1:Gu b2:Gu o1:G i1:Gu i2:Gu",
    ),
    ("2017", "dragoer", "v1:G v2:G v4:G b1:G b2:G o1:G i1:G i2:G"),
    (
        "2017",
        "gentofte",
        "v1:G v2:G v4:G b1:G b2:G o1:G i1:Gu i2:-",
    ),
];

fn tre_perioder_status(periode: &str, kommune: &str, svar: &str) -> String {
    let aar: u32 = periode.parse().unwrap();
    let mut s = format!(
        "kommune: {kommune}\nbehandlet:\n  organ: Beskæftigelsesudvalget\n  dato: {}-01-19\nkontakt:\n  navn: Jobcentret i {kommune} {periode}\nudkast: false\nsvar:\n",
        aar + 1
    );
    for par in svar.split_whitespace() {
        let (id, st) = par.split_once(':').unwrap();
        let status = match st {
            "G" => "grøn",
            "Gu" => "gul",
            "R" => "rød",
            _ => continue,
        };
        let _ = writeln!(
            s,
            "  {id}:\n    status: {status}\n    bemærkning: \"{kommune} {id}: {status}.\""
        );
    }
    s
}
