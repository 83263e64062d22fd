//! In-process stages on a generated KKR Hovedstaden round (29 kommuner × 16
//! anbefalinger): loading + validation, templating, typst layout, the preview's PNG
//! pages and PDF export.
//! Run with `cargo bench --bench stadier`.

use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use fremdrift::dokument;
use fremdrift::indhold::projekt;
use fremdrift::koersel::Motor;
use fremdrift::oversaet;

#[path = "../tests/common/eksempel.rs"]
mod eksempel;

use eksempel::Valg;

fn projekt() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    eksempel::skriv(dir.path(), &Valg::med_kommuner(29)).unwrap();
    let rod = dir.path().canonicalize().unwrap();
    (dir, rod)
}

fn stadier(c: &mut Criterion) {
    let (_dir, rod) = projekt();
    c.bench_function("indlaes_og_valider_29x16", |b| {
        b.iter(|| projekt::indlaes(&rod, "2015"))
    });
    let (p, _) = projekt::indlaes(&rod, "2015").uden_fejl().unwrap();
    let motor = Motor::ny(&rod);
    let docs = dokument::alle(&p);
    let bilag = &docs[1];
    let tilbage = &docs[0];
    c.bench_function("skabelon_bilag", |b| {
        b.iter(|| motor.kilde(&p, bilag).unwrap())
    });
    c.bench_function("skabelon_tilbagemelding", |b| {
        b.iter(|| motor.kilde(&p, tilbage).unwrap())
    });
    let kilde = motor.kilde(&p, bilag).unwrap();
    c.bench_function("typst_layout_bilag", |b| {
        b.iter(|| oversaet::layout(motor.grundlag(), &rod, &kilde).unwrap())
    });
    let doc = oversaet::layout(motor.grundlag(), &rod, &kilde)
        .unwrap()
        .resultat;
    // The preview's pages, each drawn anew (an empty cache, as after a change of all).
    c.bench_function("png_sider_bilag", |b| {
        b.iter(|| oversaet::SideLager::default().sider("bilag", &doc))
    });
    c.bench_function("pdf_eksport_bilag", |b| {
        b.iter(|| oversaet::pdf_af(&doc, &kilde).unwrap())
    });
    let tk = motor.kilde(&p, tilbage).unwrap();
    let mut g = c.benchmark_group("tung");
    g.sample_size(10);
    g.bench_function("typst_pdf_tilbagemelding", |b| {
        b.iter(|| oversaet::pdf(motor.grundlag(), &rod, &tk).unwrap())
    });
    g.finish();
}

criterion_group!(benches, stadier);
criterion_main!(benches);
