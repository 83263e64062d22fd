//! One module per command, and the generation path they share.

mod bilag;
mod build;
mod check;
mod init;
mod skabelon;
mod tilbagemelding;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;

use crate::cli::{Cli, Kommando};
use crate::compile::Kilde;
use crate::diag::{Diagnose, Diagnoser, Indholdsfejl};
use crate::output;
use crate::project::{self, Projekt};
use crate::render::Motor;

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
    let (projekt, diagnoser) = project::indlaes(&rod, &periode).uden_fejl()?;
    if !diagnoser.0.is_empty() {
        eprint!("{diagnoser}");
    }
    Ok(projekt)
}

/// A document to make: its source and where the PDF goes.
pub struct Opgave {
    pub kilde: Kilde,
    pub ud: PathBuf,
}

/// Compiles every document in memory, then writes them all; on any error nothing is written.
pub fn generer(motor: &Motor, opgaver: Vec<Opgave>, typ: bool) -> anyhow::Result<Vec<PathBuf>> {
    let start = Instant::now();
    let bar = fremskridt(opgaver.len());
    let mut fejl = Diagnoser::default();
    let mut faerdige = Vec::new();
    for o in opgaver {
        match motor.pdf(&o.kilde) {
            Ok(pdf) => faerdige.push((o, pdf)),
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
        bar.inc(1);
    }
    bar.finish_and_clear();
    if fejl.har_fejl() {
        return Err(Indholdsfejl(fejl).into());
    }
    let mut skrevet = Vec::new();
    for (o, pdf) in faerdige {
        if let Some(mappe) = o.ud.parent() {
            output::ryd_op(mappe);
        }
        output::skriv_atomisk(&o.ud, &pdf)
            .with_context(|| format!("kunne ikke skrive {}", o.ud.display()))?;
        if typ {
            let typ_sti = o.ud.with_extension("typ");
            output::skriv_atomisk(&typ_sti, o.kilde.markup.as_bytes())
                .with_context(|| format!("kunne ikke skrive {}", typ_sti.display()))?;
        }
        skrevet.push(o.ud);
    }
    if std::io::stderr().is_terminal() {
        eprintln!(
            "Lavede {} PDF-filer på {:.1} s",
            skrevet.len(),
            start.elapsed().as_secs_f64()
        );
    }
    Ok(skrevet)
}

/// Renders every source first, collecting template errors from all documents.
pub fn kilder<T>(
    elementer: impl IntoIterator<Item = T>,
    mut lav: impl FnMut(T) -> Result<Opgave, Diagnose>,
) -> anyhow::Result<Vec<Opgave>> {
    let mut fejl = Diagnoser::default();
    let mut ud = Vec::new();
    for e in elementer {
        match lav(e) {
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
