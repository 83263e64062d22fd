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
