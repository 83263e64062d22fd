//! One thin module per command; each loads, plans, compiles and writes through the one
//! orchestration in [`crate::koersel`].

mod bilag;
mod build;
mod check;
mod eksport;
mod indlaes;
mod init;
mod preview;
mod skabelon;
mod tilbagemelding;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

use crate::argumenter::{self, Cli, Kommando};
use crate::diagnose::Diagnoser;
use crate::koersel::Koersel;

/// Runs a parsed command line.
pub fn koer(cli: Cli) -> anyhow::Result<()> {
    let f = &cli.faelles;
    let ctx = || argumenter::kontekst(f);
    match &cli.kommando {
        Kommando::Check => check::koer(&ctx()?),
        Kommando::Bilag(a) => bilag::koer(&ctx()?, a),
        Kommando::Build(a) => build::koer(&ctx()?, a),
        Kommando::Tilbagemelding(a) => tilbagemelding::koer(&ctx()?, a),
        Kommando::Skabelon(a) => skabelon::koer(&ctx()?, a),
        Kommando::Indlaes(a) => indlaes::koer(&ctx()?, a),
        Kommando::Eksport(a) => eksport::koer(&ctx()?, a),
        Kommando::Preview(a) => preview::koer(&ctx()?, a),
        Kommando::Init(a) => init::koer(f.periode.as_deref(), a),
        Kommando::Oversaetter => crate::oversaet::arbejder::tjen(&argumenter::projektmappe(f)?),
    }
}

/// Loads the period and fails on content errors; prints the warnings.
fn indlaes_gyldigt(ctx: &argumenter::Kontekst) -> anyhow::Result<Koersel> {
    let k = Koersel::start(&ctx.rod, &ctx.periode);
    k.gyldigt()?;
    vis_advarsler(&k.diagnoser);
    Ok(k)
}

/// The most warnings printed in full by generating commands; `check` prints them all.
const MAKS_ADVARSLER: usize = 5;

/// Prints warnings, shortened when there are many.
fn vis_advarsler(d: &Diagnoser) {
    for a in d.0.iter().take(MAKS_ADVARSLER) {
        eprintln!("{a}");
    }
    if d.0.len() > MAKS_ADVARSLER {
        eprintln!(
            "… og {} advarsler mere; se dem alle med «fremdrift check»",
            d.0.len() - MAKS_ADVARSLER
        );
    }
}

/// After a run that wrote PDFs: the files relative to the current folder on stdout, a
/// summary on a terminal, and the stage timings when `FREMDRIFT_TIDER` is set.
fn vis_skrevne(k: &Koersel, filer: &[PathBuf], start: Instant) {
    for f in filer {
        println!("{}", relativ(f).display());
    }
    if std::io::stderr().is_terminal() {
        eprintln!(
            "Lavede {} PDF-filer på {:.1} s",
            filer.len(),
            start.elapsed().as_secs_f64()
        );
    }
    vis_tider(k);
}

/// A path relative to the current folder, when it is inside it.
fn relativ(f: &std::path::Path) -> PathBuf {
    let her = std::env::current_dir()
        .ok()
        .and_then(|d| d.canonicalize().ok());
    her.as_ref()
        .and_then(|h| f.strip_prefix(h).ok())
        .unwrap_or(f)
        .to_path_buf()
}

/// `tider(ms): indlaes=… skabeloner=… typst=… skriv=…` for benchmarks.
fn vis_tider(k: &Koersel) {
    if std::env::var_os("FREMDRIFT_TIDER").is_some() {
        eprintln!("tider(ms): {}", k.tider.linje());
    }
}
