//! One module per command, and the generation path they share.

mod bilag;
mod build;
mod check;
mod init;
mod preview;
mod skabelon;
mod tilbagemelding;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use rayon::prelude::*;

use crate::cli::{Cli, Kommando};
use crate::compile::Kilde;
use crate::diag::{Diagnose, Diagnoser, Indholdsfejl};
use crate::output;
use crate::project::{self, Projekt};
use crate::render::Motor;
use crate::tider;

/// Runs a parsed command line.
pub fn koer(cli: Cli) -> anyhow::Result<ExitCode> {
    let f = &cli.faelles;
    let projekt = f.projekt();
    match &cli.kommando {
        Kommando::Check => check::koer(&projekt, f.periode.as_deref()),
        Kommando::Bilag(a) => bilag::koer(&projekt, f.periode.as_deref(), a),
        Kommando::Build(a) => build::koer(&projekt, f.periode.as_deref(), a),
        Kommando::Tilbagemelding(a) => tilbagemelding::koer(&projekt, f.periode.as_deref(), a),
        Kommando::Skabelon(a) => skabelon::koer(&projekt, f.periode.as_deref(), a),
        Kommando::Preview(a) => preview::koer(&projekt, f.periode.as_deref(), a),
        Kommando::Init(a) => init::koer(f.periode.as_deref(), a),
    }
}

/// Prints an error and its causes, ripgrep style.
pub fn udskriv_fejl(fejl: &anyhow::Error) {
    if let Some(indhold) = fejl.downcast_ref::<Indholdsfejl>() {
        eprintln!("{indhold}");
        return;
    }
    eprintln!("fejl: {fejl}");
    for aarsag in fejl.chain().skip(1) {
        match aarsag.downcast_ref::<std::io::Error>() {
            Some(io) => eprintln!("  årsag: {}", crate::yaml::io_fejl(io)),
            None => eprintln!("  årsag: {aarsag}"),
        }
    }
}

/// Loads and validates a project; prints warnings, fails on errors.
pub fn indlaes_gyldigt(sti: &Path, periode: Option<&str>) -> anyhow::Result<Projekt> {
    let rod = project::projektmappe(sti)?;
    let periode = project::vaelg_periode(&rod, periode)?;
    let (projekt, diagnoser) =
        tider::maal("indlaes", || project::indlaes(&rod, &periode)).uden_fejl()?;
    vis_advarsler(&diagnoser);
    Ok(projekt)
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

/// A document to make: its source and where the PDF goes.
pub struct Opgave {
    pub kilde: Kilde,
    pub ud: PathBuf,
}

/// Compiles every document and writes each to a synced temporary file as soon as it is
/// done (so writing overlaps the other compilations); only when all succeeded are they
/// renamed into place. On any error nothing is written.
pub fn generer(motor: &Motor, opgaver: Vec<Opgave>, typ: bool) -> anyhow::Result<Vec<PathBuf>> {
    let start = Instant::now();
    let bar = fremskridt(opgaver.len());
    ryd_op_mapper(&opgaver);
    // Documents compile on one worker thread per core. Not on rayon's pool: each
    // compilation runs on its own thread under the time limit and uses rayon inside,
    // so a rayon worker waiting for it would starve typst of the pool. The longest
    // markup goes first, so the tilbagemelding does not finish alone at the end.
    let resultater = tider::maal("typst", || {
        parallelt(
            opgaver,
            |o| o.kilde.markup.len(),
            |o| {
                let klar = motor.pdf(&o.kilde).map(|pdf| forbered(&o, &pdf, typ));
                bar.inc(1);
                (o, klar)
            },
        )
    });
    bar.finish_and_clear();
    let mut fejl = Diagnoser::default();
    let mut klar = Vec::new();
    let mut skrevet = Vec::new();
    for (o, resultat) in resultater {
        match resultat {
            Ok(filer) => {
                klar.push(filer);
                skrevet.push(o.ud);
            }
            Err(d) => {
                if typ {
                    // The markup helps find the error; a .typ is never a finished document.
                    let _ = output::skriv_atomisk(
                        &o.ud.with_extension("typ"),
                        o.kilde.markup.as_bytes(),
                    );
                }
                fejl.0.extend(d.0);
            }
        }
    }
    if fejl.har_fejl() {
        return Err(Indholdsfejl(fejl).into());
    }
    tider::maal("skriv", || {
        output::laeg_paa_plads(klar.into_iter().flatten())
    })
    .context("kunne ikke skrive PDF-filerne")?;
    if std::io::stderr().is_terminal() {
        eprintln!(
            "Lavede {} PDF-filer på {:.1} s",
            skrevet.len(),
            start.elapsed().as_secs_f64()
        );
    }
    Ok(skrevet)
}

/// A compiled document's PDF (and with `--typ` its markup) in synced temporary files.
fn forbered(o: &Opgave, pdf: &[u8], typ: bool) -> Vec<std::io::Result<output::Forberedt>> {
    let mut filer = vec![output::forbered(&o.ud, pdf)];
    if typ {
        let markup = o.kilde.markup.as_bytes();
        filer.push(output::forbered(&o.ud.with_extension("typ"), markup));
    }
    filer
}

/// Removes temporary files that killed runs left in the output folders.
fn ryd_op_mapper(opgaver: &[Opgave]) {
    let mut mapper: Vec<&Path> = opgaver.iter().filter_map(|o| o.ud.parent()).collect();
    mapper.sort();
    mapper.dedup();
    for m in mapper {
        output::ryd_op(m);
    }
}

/// Maps `f` over `elementer` on one scoped thread per core, heaviest first by `vaegt`
/// (longest-job-first keeps the cores busy to the end), and returns results in the
/// original order.
fn parallelt<T: Send, U: Send>(
    elementer: Vec<T>,
    vaegt: impl Fn(&T) -> usize,
    f: impl Fn(T) -> U + Sync,
) -> Vec<U> {
    let antal = elementer.len();
    let traade = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(antal.max(1));
    let koe = std::sync::Mutex::new(tungeste_foerst(elementer, vaegt).into_iter());
    let ud = std::sync::Mutex::new(Vec::with_capacity(antal));
    std::thread::scope(|s| {
        for _ in 0..traade {
            s.spawn(|| {
                loop {
                    let naeste = koe.lock().expect("work queue").next();
                    let Some((i, e)) = naeste else { break };
                    let r = f(e);
                    ud.lock().expect("results").push((i, r));
                }
            });
        }
    });
    let mut ud = ud.into_inner().expect("results");
    ud.sort_by_key(|(i, _)| *i);
    ud.into_iter().map(|(_, r)| r).collect()
}

/// The elements with their original index, heaviest first; equal weights keep their order.
fn tungeste_foerst<T>(elementer: Vec<T>, vaegt: impl Fn(&T) -> usize) -> Vec<(usize, T)> {
    let mut koe: Vec<(usize, T)> = elementer.into_iter().enumerate().collect();
    koe.sort_by_key(|(i, e)| (std::cmp::Reverse(vaegt(e)), *i));
    koe
}

/// Renders every source first (in parallel), collecting template errors from all documents.
pub fn kilder<T: Send>(
    elementer: impl IntoIterator<Item = T>,
    lav: impl Fn(T) -> Result<Opgave, Diagnose> + Sync + Send,
) -> anyhow::Result<Vec<Opgave>> {
    let elementer: Vec<T> = elementer.into_iter().collect();
    let resultater: Vec<Result<Opgave, Diagnose>> = tider::maal("skabeloner", || {
        elementer.into_par_iter().map(&lav).collect()
    });
    let mut fejl = Diagnoser::default();
    let mut ud = Vec::new();
    for r in resultater {
        match r {
            Ok(o) => ud.push(o),
            Err(d) => {
                if !fejl.0.contains(&d) {
                    fejl.push(d);
                }
            }
        }
    }
    if fejl.har_fejl() {
        return Err(Indholdsfejl(fejl).into());
    }
    Ok(ud)
}

/// A progress bar on a terminal when there is more than one document; hidden otherwise.
fn fremskridt(antal: usize) -> indicatif::ProgressBar {
    if antal < 2 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(antal as u64);
    if let Ok(stil) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} dokumenter {msg}")
    {
        bar.set_style(stil);
    }
    bar
}

/// Prints the written files relative to the current folder.
pub fn vis_skrevne(filer: &[PathBuf]) {
    let her = std::env::current_dir()
        .ok()
        .and_then(|d| d.canonicalize().ok());
    for f in filer {
        let vis = her
            .as_ref()
            .and_then(|h| f.strip_prefix(h).ok())
            .unwrap_or(f);
        println!("{}", vis.display());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heaviest_documents_are_queued_first_and_ties_keep_their_order() {
        let koe = tungeste_foerst(vec!["bb", "a", "dddd", "cc"], |s| s.len());
        let orden: Vec<usize> = koe.iter().map(|(i, _)| *i).collect();
        assert_eq!(orden, vec![2, 0, 3, 1]);
    }

    #[test]
    fn parallel_results_come_back_in_the_original_order() {
        let tal: Vec<usize> = (0..50).collect();
        let ud = parallelt(tal.clone(), |t| t % 7, |t| t * 2);
        assert_eq!(ud, tal.iter().map(|t| t * 2).collect::<Vec<_>>());
    }
}
