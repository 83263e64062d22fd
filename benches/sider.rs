//! The web pages from templates against the `format!` code they replaced.
//!
//! Renders the «Udfyld status» form page of a large round (98 kommuner, 40 anbefalinger
//! in 6 fokusområder, last period's answers beside each) and the preview's index of it,
//! each way in turn in one run, checks that both ways give the same bytes, and prints
//! the medians and their ratio (templates / format!).
//!
//! `cargo bench --bench sider --features sider-foer` (release, 201 rounds of 20
//! renders each; `-- --runder N` for another count; `cargo test --features sider-foer
//! --bench sider -- --bench` measures the dev build). Under `cargo test` it runs a few
//! rounds as a smoke test. No timing is asserted.

#[path = "../tests/common/eksempel.rs"]
mod eksempel;

use std::hint::black_box;
use std::time::Instant;

use eksempel::Valg;
use fremdrift::sidemaaling::{Formularmaal, Indeksmaal, indeks};

/// Renders per round and way.
const GANGE: u32 = 20;

/// Microseconds per render of `f`, over [`GANGE`] renders.
fn tid(f: impl Fn() -> String) -> f64 {
    let t0 = Instant::now();
    for _ in 0..GANGE {
        black_box(f());
    }
    t0.elapsed().as_secs_f64() * 1e6 / f64::from(GANGE)
}

fn median(v: &[f64]) -> f64 {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn valg(navn: &str) -> Option<String> {
    std::env::args().skip_while(|a| a != navn).nth(1)
}

fn main() {
    let maaling = std::env::args().any(|a| a == "--bench");
    let runder: usize = valg("--runder")
        .and_then(|n| n.parse().ok())
        .unwrap_or(if maaling { 201 } else { 3 });
    let dir = tempfile::tempdir().expect("en midlertidig mappe");
    let v = Valg {
        fokusomraader: 6,
        anbefalinger: 40,
        perioder: vec!["2014".into(), "2015".into()],
        ..Valg::med_kommuner(98)
    };
    eksempel::skriv(dir.path(), &v).expect("projektet skrives");
    let rod = dir.path().canonicalize().expect("mappen findes");
    let kommune = &v.kommuner[0].id;
    let formular = Formularmaal::ny(&rod, "2015", kommune);
    let oversigt: Indeksmaal = indeks(&rod, "2015");
    assert!(formular.nu() == formular.foer(), "formularsiden er ens");
    assert!(oversigt.nu() == oversigt.foer(), "oversigten er ens");

    // [form: templates, format!], [index: templates, format!]
    let mut tider: [[Vec<f64>; 2]; 2] = Default::default();
    for r in 0..runder {
        // Alternate which way goes first, so neither always meets a warm cache.
        for vej in [r % 2, 1 - r % 2] {
            let nu = vej == 0;
            tider[0][vej].push(tid(|| if nu { formular.nu() } else { formular.foer() }));
            tider[1][vej].push(tid(|| if nu { oversigt.nu() } else { oversigt.foer() }));
        }
    }
    let profil = if cfg!(debug_assertions) {
        "dev"
    } else {
        "release"
    };
    println!(
        "sider: {runder} runder à {GANGE} gengivelser pr. vej, {profil}-build; formularsiden {} KB, oversigten {} KB",
        formular.nu().len() / 1000,
        oversigt.nu().len() / 1000
    );
    for (navn, [nu, foer]) in ["formularside", "oversigt"].iter().zip(&tider) {
        let (m_nu, m_foer) = (median(nu), median(foer));
        println!(
            "{navn:<13} skabeloner {m_nu:>7.1} µs   format! {m_foer:>7.1} µs   skabeloner / format! = {:.2}",
            m_nu / m_foer
        );
    }
}
