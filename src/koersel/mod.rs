//! One orchestration for every command and the preview: load the period, render the
//! selected documents (collecting every diagnostic once), compile each under the time
//! limit, and write all or nothing. Each stage's wall time is kept for `-v`.

mod generer;
mod plan;

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use crate::diagnose::Diagnoser;
use crate::fejl::Indholdsfejl;
use crate::indhold::projekt::{self, Projekt};
use crate::markup::Skabeloner;
use crate::oversaet::Grundlag;

pub use generer::{Opgave, oversaet_alle, parallelt};
pub use plan::{Plan, Planlagt, TidligereKilde, Udvalg, tildel};

/// What every document of a run shares: the project folder, its templates and — once
/// something is compiled — the fonts.
pub struct Motor {
    pub rod: PathBuf,
    pub skabeloner: Skabeloner,
    grundlag: OnceLock<Arc<Grundlag>>,
}

impl Motor {
    pub fn ny(rod: &Path) -> Self {
        Self {
            rod: rod.to_path_buf(),
            skabeloner: Skabeloner::ny(rod),
            grundlag: OnceLock::new(),
        }
    }

    /// Renders one document of `p` into markup ready to compile.
    pub fn kilde(
        &self,
        p: &Projekt,
        dok: &crate::dokument::Dokument,
    ) -> Result<crate::markup::Kilde, crate::diagnose::Diagnose> {
        self.skabeloner.kilde(dok.forlaeg(p))
    }

    /// Typst's standard library and the fonts, loaded when first needed.
    pub fn grundlag(&self) -> &Arc<Grundlag> {
        self.grundlag.get_or_init(|| Grundlag::ny(&self.rod))
    }
}

/// One run over a period: the loaded content, the engine, and the stage timings.
pub struct Koersel {
    pub motor: Motor,
    pub periode: String,
    pub projekt: Option<Projekt>,
    /// Every diagnostic of loading and validating.
    pub diagnoser: Diagnoser,
    /// The compiler's warnings of the last [`Koersel::generer`].
    pub advarsler: Diagnoser,
    pub tider: Tider,
    /// Each compiled document's output path and compile wall time, for `-v`.
    pub dokumenttider: Vec<(PathBuf, Duration)>,
}

impl Koersel {
    /// Loads and validates the period.
    pub fn start(rod: &Path, periode: &str) -> Self {
        let mut tider = Tider::default();
        let indl = tider.maal("indlaes", || projekt::indlaes(rod, periode));
        let motor = tider.maal("motor", || Motor::ny(rod));
        Self {
            motor,
            periode: periode.to_string(),
            projekt: indl.projekt,
            diagnoser: indl.diagnoser,
            advarsler: Diagnoser::default(),
            tider,
            dokumenttider: Vec::new(),
        }
    }

    /// The project, when the content has no errors; otherwise every diagnostic.
    pub fn gyldigt(&self) -> Result<&Projekt, Indholdsfejl> {
        match &self.projekt {
            Some(p) if !self.diagnoser.har_fejl() => Ok(p),
            _ => Err(Indholdsfejl::ny(self.diagnoser.clone())),
        }
    }
}

/// Wall time per stage of a run, in the order they ran.
#[derive(Clone, Debug, Default)]
pub struct Tider(pub Vec<(&'static str, Duration)>);

impl Tider {
    /// Runs `f` and records its wall time under `fase`.
    pub fn maal<T>(&mut self, fase: &'static str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let ud = f();
        self.0.push((fase, start.elapsed()));
        ud
    }

    /// "indlaes=1.2 motor=3.4 …" in milliseconds.
    pub fn linje(&self) -> String {
        let dele: Vec<String> = self
            .0
            .iter()
            .map(|(f, d)| format!("{f}={:.1}", d.as_secs_f64() * 1000.0))
            .collect();
        dele.join(" ")
    }
}
