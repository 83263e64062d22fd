//! Compiling and writing: every document compiles under the time limit on one thread
//! per core, heaviest first, and each PDF goes to a synced temporary file as soon as it
//! is ready; only when all succeeded are they renamed into place. On any error nothing
//! is written.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context;

use super::Koersel;
use crate::diagnose::{Diagnose, Diagnoser};
use crate::fejl::Indholdsfejl;
use crate::markup::Kilde;
use crate::oversaet::{self, Oversat};
use crate::skriv::{self, Forberedt};

/// A document to make: its source and where the PDF goes.
pub struct Opgave {
    pub kilde: Kilde,
    pub ud: PathBuf,
}

impl Koersel {
    /// Compiles every document and writes them all, or none; returns the written PDFs.
    /// With `typ` the markup is written next to each PDF (and next to where a failed
    /// one would have gone, to help find the error). The compiler's warnings go to
    /// [`Koersel::advarsler`].
    pub fn generer(&mut self, opgaver: Vec<Opgave>, typ: bool) -> anyhow::Result<Vec<PathBuf>> {
        ryd_op_mapper(&opgaver);
        let motor = &self.motor;
        let resultater = self.tider.maal("typst", || {
            oversaet_alle(motor, opgaver, |o, pdf| forbered(o, &pdf, typ))
        });
        let mut fejl = Diagnoser::default();
        let mut klar = Vec::new();
        let mut skrevet = Vec::new();
        let mut advarsler = Vec::new();
        for (o, resultat, tid) in resultater {
            self.dokumenttider.push((o.ud.clone(), tid));
            match resultat {
                Ok(oversat) => {
                    klar.extend(oversat.resultat);
                    advarsler.extend(oversat.advarsler);
                    skrevet.push(o.ud);
                }
                Err(d) => {
                    if typ {
                        let _ = skriv::skriv_atomisk(
                            &o.ud.with_extension("typ"),
                            o.kilde.markup.as_bytes(),
                        );
                    }
                    fejl.0.extend(d.0);
                }
            }
        }
        self.advarsler = samlet(advarsler);
        if fejl.har_fejl() {
            return Err(Indholdsfejl::ny(fejl).into());
        }
        self.tider
            .maal("skriv", || skriv::laeg_paa_plads(klar))
            .context("kunne ikke skrive PDF-filerne")?;
        Ok(skrevet)
    }

    /// Compiles every document without writing anything: the compiler's errors and
    /// warnings.
    pub fn kontroller(&mut self, opgaver: Vec<Opgave>) -> Diagnoser {
        let motor = &self.motor;
        let resultater = self
            .tider
            .maal("typst", || oversaet_alle(motor, opgaver, |_, _| ()));
        let mut alle = Vec::new();
        for (o, r, tid) in resultater {
            self.dokumenttider.push((o.ud, tid));
            match r {
                Ok(oversat) => alle.extend(oversat.advarsler),
                Err(fejl) => alle.extend(fejl.0),
            }
        }
        samlet(alle)
    }
}

/// Compiles every document to PDF under the time limit and hands each PDF to `efter`
/// on the compiling thread; results (with the compiler's warnings and each document's
/// wall time) come back in the
/// original order.
pub fn oversaet_alle<R: Send>(
    motor: &super::Motor,
    opgaver: Vec<Opgave>,
    efter: impl Fn(&Opgave, Vec<u8>) -> R + Sync,
) -> Vec<(Opgave, Result<Oversat<R>, Diagnoser>, Duration)> {
    let bar = fremskridt(opgaver.len());
    // Not on rayon's pool: each compilation runs on its own thread under the time
    // limit and uses rayon inside, so a rayon worker waiting for it would starve typst
    // of the pool. The longest markup goes first, so the tilbagemelding does not
    // finish alone at the end.
    let ud = parallelt(
        opgaver,
        |o| o.kilde.markup.len(),
        |o| {
            let start = Instant::now();
            let r = oversaet::pdf(motor.grundlag(), &motor.rod, &o.kilde)
                .map(|pdf| pdf.map(|pdf| efter(&o, pdf)));
            bar.inc(1);
            (o, r, start.elapsed())
        },
    );
    bar.finish_and_clear();
    ud
}

/// The diagnostics of many documents, each once: the same problem in a project file
/// (a template's include) is one; the same message in several documents' generated
/// markup (a template line they share) is shown for the first with a count.
fn samlet(alle: Vec<Diagnose>) -> Diagnoser {
    let genereret = |d: &Diagnose| d.fil.starts_with("<genereret>");
    let mut ud: Vec<(Diagnose, usize)> = Vec::new();
    for d in alle {
        let samme = ud.iter_mut().find(|(e, _)| {
            e.besked == d.besked
                && e.alvor == d.alvor
                && (genereret(e) && genereret(&d) || e.fil == d.fil && e.sted == d.sted)
        });
        match samme {
            Some((_, n)) => *n += 1,
            None => ud.push((d, 1)),
        }
    }
    Diagnoser(
        ud.into_iter()
            .map(|(mut d, n)| {
                if n > 1 {
                    let mere = format!(
                        "det samme gælder {}",
                        crate::dansk::antal(n - 1, "andet dokument", "andre dokumenter")
                    );
                    d.hint = Some(match d.hint {
                        Some(h) => format!("{h}; {mere}"),
                        None => mere,
                    });
                }
                d
            })
            .collect(),
    )
}

/// A compiled document's PDF (and with `typ` its markup) in synced temporary files.
fn forbered(o: &Opgave, pdf: &[u8], typ: bool) -> Vec<std::io::Result<Forberedt>> {
    let mut filer = vec![skriv::forbered(&o.ud, pdf)];
    if typ {
        let markup = o.kilde.markup.as_bytes();
        filer.push(skriv::forbered(&o.ud.with_extension("typ"), markup));
    }
    filer
}

/// Removes temporary files that killed runs left in the output folders.
fn ryd_op_mapper(opgaver: &[Opgave]) {
    let mut mapper: Vec<&Path> = opgaver.iter().filter_map(|o| o.ud.parent()).collect();
    mapper.sort();
    mapper.dedup();
    for m in mapper {
        skriv::ryd_op(m);
    }
}

/// Maps `f` over `elementer` on one scoped thread per core, heaviest first by `vaegt`
/// (longest-job-first keeps the cores busy to the end), and returns results in the
/// original order.
pub fn parallelt<T: Send, U: Send>(
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

/// A progress bar on a terminal when there is more than one document; hidden otherwise.
fn fremskridt(antal: usize) -> indicatif::ProgressBar {
    if antal < 2 || !std::io::stderr().is_terminal() || !crate::udskrift::vis_beskeder() {
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
