//! Rebuilding: plan through the shared orchestration (keeping the bilag sources a
//! change of other status files cannot touch), publish the new list and diagnostics at
//! once, then compile only the documents whose source changed — in a worker process,
//! under the time limit — publishing each as soon as it is ready. With many users the
//! documents that gather every status compile in a second lane beside the bilag.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnose::Diagnose;
use crate::indhold::dato::Dato;
use crate::indhold::model::Kkr;
use crate::koersel::{Koersel, Plan, Planlagt, Udvalg, tildel};

use super::aendring::Omfang;
use super::genbrug::Genbrug;
use super::oversaetter::{Byggejob, Oversaetter};
use super::spor::Spor;
use crate::visning::tilstand::{Delt, Visning};

pub use super::oversaetter::sekunder;

/// Keeps what survives between rebuilds: the worker (with Typst's caches), what each
/// document was last compiled from, and the bilag sources that can be reused.
pub struct Bygger {
    rod: PathBuf,
    periode: String,
    hoved: Oversaetter,
    /// The documents that gather every status, compiled beside the bilag.
    spor: Option<Spor>,
    genbrug: Genbrug,
    /// Loads so far (the number of the last one).
    indlaesninger: u64,
    /// The last compilation gave way to a change: documents are still waiting.
    pub afbrudt: bool,
}

impl Bygger {
    pub fn ny(rod: PathBuf, periode: String) -> Self {
        Self {
            hoved: Oversaetter::ny(&rod),
            rod,
            periode,
            spor: None,
            genbrug: Genbrug::default(),
            indlaesninger: 0,
            afbrudt: false,
        }
    }

    /// For many users saving all the time (the hosted collection): no compilation gives
    /// way to a newer change (that would throw the worker's caches away again and
    /// again), and the documents that gather every status get a worker of their own.
    pub fn til_mange(&mut self, delt: &Arc<Delt>) {
        self.hoved.viger = false;
        self.spor = Some(Spor::start(&self.rod, delt.clone()));
    }

    /// Plans what a change of `stier` (of scope `omfang`) can have changed and
    /// publishes the list and diagnostics; returns the documents to compile here.
    /// Never panics.
    pub fn planlaeg(&mut self, omfang: Omfang, stier: &[PathBuf], delt: &Delt) -> Vec<Byggejob> {
        if omfang == Omfang::Skrifter {
            // A new worker loads the fonts anew.
            self.hoved.stop();
        }
        if omfang >= Omfang::Alt {
            self.glem(omfang == Omfang::Skrifter);
        } else {
            self.genbrug.efter_aendring(&self.rod, &self.periode, stier);
        }
        self.indlaesninger += 1;
        let resultat = catch_unwind(AssertUnwindSafe(|| self.plan(delt)));
        resultat.unwrap_or_else(|panik| {
            self.glem(false);
            let d = intern_fejl(PathBuf::from("content"), &panik);
            eprintln!("{d}");
            delt.skriv(|o, v| {
                o.diagnoser.push(d);
                o.global_version = v;
                true
            });
            Vec::new()
        })
    }

    /// Forgets every compiled and kept source, in both lanes; with `skrifter`, the
    /// second lane's worker is stopped too (the first one's already is).
    fn glem(&mut self, skrifter: bool) {
        self.hoved.glem();
        self.genbrug.glem();
        if let Some(s) = &self.spor {
            s.glem(skrifter);
        }
    }

    fn plan(&mut self, delt: &Delt) -> Vec<Byggejob> {
        let mut k = Koersel::start(&self.rod, &self.periode);
        let gamle = delt.laes(|o| o.dokumenter.clone());
        let genbrug = &self.genbrug;
        let mut plan = k.planlaeg_med(&Udvalg::Alle, &|d, diag| genbrug.hent(d, diag));
        behold_gamle(&mut plan, &gamle, &self.rod, &self.periode);
        let (mut her, spor) = self.job(&mut plan);
        let kkr = k.projekt.as_ref().map(|p| (p.kkr.clone(), p.runde.frist));
        let venter: Vec<&str> = her.iter().chain(&spor).map(|j| j.id.as_str()).collect();
        udgiv_plan(plan, kkr, &venter, self.indlaesninger, delt);
        // Sent after the plan is published, so a quick answer finds it waiting.
        if let Some(s) = &self.spor {
            s.bestil(spor);
        }
        // A kommune's bilag first: it is small, and the page open is most often one.
        her.sort_by_key(|j| !j.egen);
        her
    }

    /// Compiles the planned documents one by one. Stops early (leaving the rest for
    /// the next plan) when `afbryd` says the files changed again and the compilation
    /// at hand has run a while.
    pub fn oversaet(&mut self, job: Vec<Byggejob>, delt: &Delt, afbryd: &dyn Fn() -> bool) {
        self.afbrudt = false;
        for j in job {
            if !self.hoved.oversaet(j, delt, afbryd) {
                self.afbrudt = true;
                break;
            }
        }
    }

    /// Makes the PDF of a document, in the lane that compiled it.
    pub fn eksporter(&mut self, id: &str, delt: &Delt) {
        let samlet = delt.laes(|o| o.dokument(id).is_some_and(|v| v.dok.egen_fil().is_none()));
        match &self.spor {
            Some(s) if samlet => s.pdf(id),
            _ => self.hoved.eksporter(id, delt),
        }
    }

    /// Takes the sources that changed out of the plan: those to compile here, and those
    /// for the second lane. A source a document was compiled from keeps its compiler
    /// errors; bilag sources are kept for reuse.
    fn job(&mut self, plan: &mut Plan) -> (Vec<Byggejob>, Vec<Byggejob>) {
        let (mut her, mut spor) = (Vec::new(), Vec::new());
        for p in &mut plan.dokumenter {
            let Some(kilde) = p.kilde.take() else {
                continue;
            };
            self.genbrug.husk(&p.dok, &p.diagnoser, &kilde);
            let egen = p.dok.egen_fil().is_some();
            let lane = self.spor.as_ref().filter(|_| !egen);
            let kompileret = match lane {
                Some(s) => s.kompileret(&p.dok.id, &kilde),
                None => self
                    .hoved
                    .kompileret(&p.dok.id)
                    .filter(|(k, _)| k == &kilde)
                    .map(|(_, fejl)| fejl.clone()),
            };
            if let Some(fejl) = kompileret {
                p.diagnoser.extend(fejl.iter().cloned());
                plan.diagnoser.0.extend(fejl);
                continue;
            }
            let j = Byggejob {
                egen,
                id: p.dok.id.clone(),
                titel: p.dok.titel.clone(),
                kilde,
                diagnoser: p.diagnoser.clone(),
                indlaesning: self.indlaesninger,
            };
            match lane {
                Some(_) => spor.push(j),
                None => her.push(j),
            }
        }
        plan.diagnoser.sorter();
        (her, spor)
    }
}

/// Documents of the last list that dropped out because of errors are kept, so their
/// last good render stays visible: while the content has errors, unless their own
/// file is gone.
fn behold_gamle(plan: &mut Plan, gamle: &[Visning], rod: &Path, periode: &str) {
    if !plan.diagnoser.har_fejl() {
        return;
    }
    let status = Path::new("content").join(periode).join("status");
    for g in gamle {
        let med = plan.dokumenter.iter().any(|n| n.dok.id == g.dok.id);
        let egen_findes = g.dok.egen_fil().is_none_or(|f| rod.join(f).exists());
        if !med && egen_findes {
            plan.dokumenter.push(Planlagt {
                dok: g.dok.clone(),
                diagnoser: tildel(&plan.diagnoser.0, g.dok.egen_fil(), &status),
                kilde: None,
            });
        }
    }
}

/// Publishes the list and every document's diagnostics; pages are kept. `n` is the
/// load planned.
fn udgiv_plan(plan: Plan, kkr: Option<(Kkr, Option<Dato>)>, venter: &[&str], n: u64, delt: &Delt) {
    let frist = kkr.as_ref().and_then(|(_, f)| *f);
    let sekretariat = kkr.as_ref().and_then(|(k, _)| k.sekretariat.email.clone());
    let (kkr, kommuner) = kkr.map_or((None, Vec::new()), |(k, _)| (Some(k.navn), k.kommuner));
    delt.skriv(|o, v| {
        // The frist and the secretariat's e-mail change no document's view.
        o.frist = frist;
        o.sekretariat = sekretariat;
        let mut aendret = o.kkr != kkr || o.kommuner != kommuner || o.diagnoser != plan.diagnoser.0;
        let mut nye = Vec::new();
        for p in plan.dokumenter {
            let gammel = o.dokumenter.iter().find(|g| g.dok.id == p.dok.id);
            let venter = venter.contains(&p.dok.id.as_str());
            let ny = visning(gammel, p, venter.then_some(n), v);
            aendret |= gammel.is_none_or(|g| g.version != ny.version);
            nye.push(ny);
        }
        aendret |= nye.len() != o.dokumenter.len();
        if aendret {
            o.kkr = kkr;
            o.kommuner = kommuner;
            o.diagnoser = plan.diagnoser.0;
            o.global_version = v;
        }
        // Kept even when nothing shown changed: which load each document waits for.
        o.dokumenter = nye;
        aendret
    });
}

/// A planned document, keeping the old pages; stamped with `v` if anything shown
/// changed. `venter` is the load it waits for, if it is to be compiled.
fn visning(gammel: Option<&Visning>, p: Planlagt, venter: Option<u64>, v: u64) -> Visning {
    let mut ny = match gammel {
        Some(g) if g.dok == p.dok && g.diagnoser == p.diagnoser && g.venter == venter.is_some() => {
            g.clone()
        }
        _ => Visning {
            sider: gammel.map(|g| g.sider.clone()).unwrap_or_default(),
            pdf: gammel
                .and_then(|g| g.pdf.clone())
                .filter(|_| venter.is_none()),
            dok: p.dok,
            diagnoser: p.diagnoser,
            venter: venter.is_some(),
            version: v,
            indlaesning: gammel.map_or(0, |g| g.indlaesning),
            indlaesning_planlagt: gammel.map_or(0, |g| g.indlaesning_planlagt),
        },
    };
    if let Some(n) = venter {
        ny.indlaesning_planlagt = n;
    }
    ny
}

/// A panic turned into a diagnostic, so the preview keeps running.
fn intern_fejl(fil: PathBuf, panik: &Box<dyn std::any::Any + Send>) -> Diagnose {
    let besked = panik
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panik.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "ukendt årsag".into());
    Diagnose::fejl(
        fil,
        None,
        format!("intern fejl under opdateringen: {besked}"),
    )
    .med_hint("gem filen igen for at prøve igen; sker det igen, så meld fejlen til fremdrift")
}
