//! Per-document stage times in one process: `cargo run --release --example profil -- MAPPE
//! [--kun-bilag]`; `GANGE=N` compiles every document N times (warm cache after the first).

use std::path::PathBuf;
use std::time::Instant;

use fremdrift::dokument;
use fremdrift::indhold::projekt;
use fremdrift::koersel::Motor;
use fremdrift::oversaet;

fn main() {
    let rod = PathBuf::from(std::env::args().nth(1).expect("angiv en projektmappe"));
    let rod = rod.canonicalize().expect("projektmappe");
    let t = Instant::now();
    let periode = projekt::perioder(&rod).pop().expect("en periode");
    let (p, _) = projekt::indlaes(&rod, &periode)
        .uden_fejl()
        .expect("gyldigt");
    let motor = Motor::ny(&rod);
    println!("indlaes+motor {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let mut alle: Vec<_> = dokument::alle(&p);
    if std::env::args().any(|a| a == "--kun-bilag") {
        alle.remove(0);
    }
    let gange: usize = std::env::var("GANGE")
        .ok()
        .and_then(|g| g.parse().ok())
        .unwrap_or(1);
    let alle: Vec<_> = (0..gange).flat_map(|_| alle.clone()).collect();
    let (mut sl, mut se) = (0.0, 0.0);
    for d in &alle {
        let k = motor.kilde(&p, d).expect("kilde");
        let t = Instant::now();
        let doc = oversaet::layout(motor.grundlag(), &rod, &k)
            .expect("layout")
            .resultat;
        let l = t.elapsed().as_secs_f64() * 1e3;
        let t = Instant::now();
        let pdf = oversaet::pdf_af(&doc, &k).expect("pdf");
        let e = t.elapsed().as_secs_f64() * 1e3;
        sl += l;
        se += e;
        println!(
            "{:40} layout {l:6.1} ms  pdf {e:6.1} ms  {} sider {} kB",
            d.id,
            doc.pages().len(),
            pdf.len() / 1024
        );
    }
    println!("i alt: layout {sl:.0} ms, pdf {se:.0} ms");
}
