//! Writes a generated fremdrift project for benchmarks and experiments.
//!
//! `cargo run --release --example generer -- MAPPE [--kommuner N] [--kkr NAVN]
//!  [--anbefalinger N] [--fokus N] [--saetninger N] [--uden-niveauer] [--perioder 2014,2015]
//!  [--behold-kkr]`, or `-- MAPPE --tre-perioder` for the three-period project of the
//! cycle tests (2015–2017, with `erstatter` and a development section).

use std::path::PathBuf;

use fremdrift::indhold::kommuner::alle_kkr;

#[path = "../tests/common/eksempel.rs"]
mod eksempel;

use eksempel::Valg;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mappe = PathBuf::from(args.first().expect("angiv en mappe"));
    if args.iter().any(|a| a == "--tre-perioder") {
        eksempel::tre_perioder(&mappe).expect("kunne ikke skrive projektet");
        println!("{}: tre perioder, 2015–2017", mappe.display());
        return;
    }
    let vaerdi = |navn: &str| {
        args.iter()
            .position(|a| a == navn)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let tal =
        |navn: &str, standard: usize| vaerdi(navn).map_or(standard, |v| v.parse().expect("et tal"));
    let mut v = Valg::med_kommuner(tal("--kommuner", 29));
    if let Some(kkr) = vaerdi("--kkr") {
        let data = alle_kkr().remove(&kkr).expect("ukendt KKR");
        v.kommuner = data.kommuner;
        v.kkr_navn = data.navn;
    }
    v.anbefalinger = tal("--anbefalinger", 16);
    v.fokusomraader = tal("--fokus", 4);
    v.saetninger = tal("--saetninger", 2);
    v.niveauer = !args.iter().any(|a| a == "--uden-niveauer");
    if let Some(p) = vaerdi("--perioder") {
        v.perioder = p.split(',').map(str::to_string).collect();
    }
    let kkr_fil = mappe.join("content/kkr.yaml");
    let gammel = args
        .iter()
        .any(|a| a == "--behold-kkr")
        .then(|| std::fs::read(&kkr_fil).ok())
        .flatten();
    eksempel::skriv(&mappe, &v).expect("kunne ikke skrive projektet");
    if let Some(indhold) = gammel {
        std::fs::write(&kkr_fil, indhold).expect("kunne ikke gendanne kkr.yaml");
    }
    println!(
        "{}: {} kommuner × {} anbefalinger",
        mappe.display(),
        v.kommuner.len(),
        v.anbefalinger
    );
}
