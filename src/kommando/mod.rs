//! One thin module per command; each loads, plans, compiles and writes through the one
//! orchestration in [`crate::koersel`].

mod bilag;
mod build;
mod check;
mod check_json;
mod completions;
mod eksport;
mod indlaes;
mod indsamling;

pub(crate) use indlaes::{Upload, upload};
pub(crate) use indsamling::projekt as indsamling_projekt;
mod init;
mod ny_periode;
mod preview;
mod skabelon;
mod skema;
mod start;
mod tilbagemelding;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

use crate::argumenter::{self, Cli, FaellesValg, Kommando, Kontekst};
use crate::diagnose::Diagnoser;
use crate::koersel::Koersel;
use crate::udskrift::{self, Niveau};

pub use start::{koer as start, vent_paa_enter};

/// Runs a parsed command line.
pub fn koer(cli: Cli) -> anyhow::Result<()> {
    let f = &cli.faelles;
    udskrift::saet(match (f.stille, f.detaljer) {
        (true, _) => Niveau::Stille,
        (_, true) => Niveau::Detaljer,
        _ => Niveau::Normal,
    });
    let ctx = || kontekst(f);
    match &cli.kommando {
        Kommando::Check(a) => check::koer(ctx(), a),
        Kommando::Bilag(a) => bilag::koer(&ctx()?, a),
        Kommando::Build(a) => build::koer(&ctx()?, a),
        Kommando::Tilbagemelding(a) => tilbagemelding::koer(&ctx()?, a),
        Kommando::Skabelon(a) => skabelon::koer(&ctx()?, a),
        Kommando::Indlaes(a) => indlaes::koer(&ctx()?, a),
        Kommando::Eksport(a) => eksport::koer(&ctx()?, a),
        Kommando::Preview(a) => preview::koer(&ctx()?, a),
        Kommando::Indsamling(a) => indsamling::koer(&ctx()?, a),
        Kommando::Init(a) => init::koer(f.periode.as_deref(), a),
        Kommando::NyPeriode(a) => ny_periode::koer(f, a),
        Kommando::Skema(a) => skema::koer(&argumenter::projektmappe(f)?, a),
        Kommando::Completions(a) => completions::koer(a),
        // `help` is turned into the command's help text while parsing.
        Kommando::Hjaelp(_) => Ok(()),
        Kommando::Oversaetter => crate::oversaet::arbejder::tjen(&argumenter::projektmappe(f)?),
    }
}

/// The project and period; with `-v` also where they were found.
fn kontekst(f: &FaellesValg) -> anyhow::Result<Kontekst> {
    let ctx = argumenter::kontekst(f)?;
    if udskrift::detaljer() {
        eprintln!("projekt: {} (periode {})", ctx.rod.display(), ctx.periode);
    }
    Ok(ctx)
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

/// Prints warnings, shortened when there are many (none with `-q`).
fn vis_advarsler(d: &Diagnoser) {
    if !udskrift::vis_beskeder() {
        return;
    }
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

/// After a run that wrote PDFs: the compiler's warnings, the files relative to the
/// current folder on stdout, a summary on a terminal (none of them with `-q`), and with
/// `-v` the timings.
fn vis_skrevne(k: &Koersel, filer: &[PathBuf], start: Instant) {
    vis_tider(k);
    vis_advarsler(&k.advarsler);
    if !udskrift::vis_beskeder() {
        return;
    }
    for f in filer {
        println!("{}", vis_sti(f).display());
    }
    if std::io::stderr().is_terminal() {
        eprintln!(
            "Lavede {} PDF-filer på {:.1} s",
            filer.len(),
            start.elapsed().as_secs_f64()
        );
    }
}

/// With `-v`: `tider(ms): indlaes=… skabeloner=… typst=… skriv=…` (read by
/// scripts/bench.py), then `dokument(ms): 812.3 out/2015/tilbagemelding.pdf` per
/// document, slowest first.
fn vis_tider(k: &Koersel) {
    if !udskrift::detaljer() {
        return;
    }
    eprintln!("tider(ms): {}", k.tider.linje());
    let mut dok = k.dokumenttider.clone();
    dok.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    for (sti, tid) in dok {
        eprintln!(
            "dokument(ms): {:.1} {}",
            tid.as_secs_f64() * 1000.0,
            vis_sti(&sti).display()
        );
    }
}

/// A path relative to the current folder when it lies below it.
pub(crate) fn vis_sti(sti: &std::path::Path) -> PathBuf {
    let her = std::env::current_dir()
        .ok()
        .and_then(|d| d.canonicalize().ok());
    her.as_ref()
        .and_then(|h| sti.strip_prefix(h).ok())
        .unwrap_or(sti)
        .to_path_buf()
}
