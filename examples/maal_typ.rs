//! Times Typst markup files in process, alternately, caches cleared between runs:
//! `cargo run --release --example maal_typ -- N FIL.typ…` prints the minimum and median
//! layout and PDF time of each file.

use std::path::PathBuf;
use std::time::Instant;

use fremdrift::indhold::dato::Dato;
use fremdrift::markup::Kilde;
use fremdrift::oversaet::{self, Grundlag};

/// CPU time of all threads of this process so far, in ms (from /proc, Linux).
fn cpu_ms() -> f64 {
    let mut ns = 0u64;
    for t in std::fs::read_dir("/proc/self/task").unwrap().flatten() {
        if let Ok(s) = std::fs::read_to_string(t.path().join("schedstat")) {
            ns += s
                .split_whitespace()
                .next()
                .and_then(|x| x.parse::<u64>().ok())
                .unwrap_or(0);
        }
    }
    ns as f64 / 1e6
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).expect("N");
    let filer: Vec<PathBuf> = args.map(PathBuf::from).collect();
    let rod = std::env::current_dir().unwrap();
    let grundlag = Grundlag::ny(&rod);
    let kilder: Vec<Kilde> = filer
        .iter()
        .map(|f| Kilde {
            navn: f.file_stem().unwrap().to_string_lossy().into_owned(),
            markup: std::fs::read_to_string(f).unwrap(),
            dato: Dato::parse("2016-03-14").unwrap(),
        })
        .collect();
    let mut tider = vec![Vec::new(); kilder.len()];
    for _ in 0..n {
        for (i, k) in kilder.iter().enumerate() {
            typst::comemo::evict(0);
            let (t, c) = (Instant::now(), cpu_ms());
            let d = oversaet::layout(&grundlag, &rod, k)
                .expect("layout")
                .resultat;
            let l = t.elapsed().as_secs_f64() * 1e3;
            let (t, c2) = (Instant::now(), cpu_ms());
            oversaet::pdf_af(&d, k).expect("pdf");
            let p = t.elapsed().as_secs_f64() * 1e3;
            tider[i].push((l, p, c2 - c, cpu_ms() - c2));
        }
    }
    for (f, t) in filer.iter().zip(&mut tider) {
        let sorteret = |f: fn(&(f64, f64, f64, f64)) -> f64| {
            let mut v: Vec<f64> = t.iter().map(f).collect();
            v.sort_by(f64::total_cmp);
            (v[0], v[v.len() / 2])
        };
        let (l, p) = (sorteret(|x| x.0), sorteret(|x| x.1));
        let (lc, pc) = (sorteret(|x| x.2), sorteret(|x| x.3));
        println!(
            "{:24} wall layout {:5.0}/{:5.0} pdf {:4.0}/{:4.0}  cpu layout {:5.0}/{:5.0} pdf {:4.0}/{:4.0} (min/median ms)",
            f.file_name().unwrap().to_string_lossy(),
            l.0,
            l.1,
            p.0,
            p.1,
            lc.0,
            lc.1,
            pc.0,
            pc.1
        );
    }
}
