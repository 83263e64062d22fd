//! Rebuilding: plan through the shared orchestration, publish the new list and
//! diagnostics at once, then compile only the documents whose source changed — in the
//! worker process, under the time limit — publishing each as soon as it is ready.

use std::collections::{HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::diagnose::{Diagnose, Diagnoser};
use crate::indhold::dato::Dato;
use crate::indhold::model::Kkr;
use crate::koersel::{Koersel, Plan, Planlagt, Udvalg, tildel};
use crate::markup::Kilde;
use crate::oversaet::arbejder::{Arbejder, Resultat, Udeblevet};
use crate::oversaet::{self, Side};

use super::aendring::Omfang;
use crate::visning::tilstand::{Delt, Tilstand, Visning};

/// A compilation that has run this long gives way to a newer change of the files —
/// once: a document that gave way last time is compiled to the end, so changes that
/// keep coming (a hosted round with many kommuner saving) cannot starve it.
const VIGER_EFTER: Duration = Duration::from_secs(2);

/// Keeps what survives between rebuilds: the worker (with Typst's caches) and the
/// source each document was last compiled from, with the compiler's errors for it.
pub struct Bygger {
    rod: PathBuf,
    periode: String,
    arbejder: Arbejder,
    kompileret: HashMap<String, (Kilde, Vec<Diagnose>)>,
    /// Documents whose last compilation gave way; the next one does not.
    gav_vej: HashSet<String>,
    /// Whether a compilation gives way to a newer change at all.
    pub viger: bool,
    /// The last compilation gave way to a change: documents are still waiting.
    pub afbrudt: bool,
}

/// A document waiting to be compiled.
pub struct Byggejob {
    /// The document reads only its own file (not every status).
    egen: bool,
    id: String,
    titel: String,
    kilde: Kilde,
    diagnoser: Vec<Diagnose>,
}

impl Bygger {
    pub fn ny(rod: PathBuf, periode: String) -> Self {
        Self {
            arbejder: Arbejder::ny(&rod),
            rod,
            periode,
            kompileret: HashMap::new(),
            gav_vej: HashSet::new(),
            viger: true,
            afbrudt: false,
        }
    }

    /// Plans what `omfang` can have changed and publishes the list and diagnostics;
    /// returns the documents to compile. Never panics.
    pub fn planlaeg(&mut self, omfang: Omfang, delt: &Delt) -> Vec<Byggejob> {
        if omfang == Omfang::Skrifter {
            // A new worker loads the fonts anew.
            self.arbejder.stop();
        }
        if omfang >= Omfang::Alt {
            self.kompileret.clear();
        }
        let resultat = catch_unwind(AssertUnwindSafe(|| {
            let mut k = Koersel::start(&self.rod, &self.periode);
            let gamle = delt.laes(|o| o.dokumenter.clone());
            let mut plan = k.planlaeg(&Udvalg::Alle);
            behold_gamle(&mut plan, &gamle, &self.rod, &self.periode);
            let job = self.job(&mut plan);
            let kkr = k.projekt.as_ref().map(|p| (p.kkr.clone(), p.runde.frist));
            udgiv_plan(plan, kkr, &job, delt);
            job
        }));
        resultat.unwrap_or_else(|panik| {
            self.kompileret.clear();
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

    /// Compiles the planned documents one by one. Stops early (leaving the rest for
    /// the next plan) when `afbryd` says the files changed again and the compilation
    /// at hand has run a while.
    pub fn oversaet(&mut self, job: Vec<Byggejob>, delt: &Delt, afbryd: &dyn Fn() -> bool) {
        self.afbrudt = false;
        for j in job {
            if !self.oversaet_et(j, delt, afbryd) {
                self.afbrudt = true;
                break;
            }
        }
    }

    /// Takes the sources that changed out of the plan; unchanged ones keep their
    /// compiler errors.
    fn job(&self, plan: &mut Plan) -> Vec<Byggejob> {
        let mut ud = Vec::new();
        for p in &mut plan.dokumenter {
            let Some(kilde) = p.kilde.take() else {
                continue;
            };
            match self.kompileret.get(&p.dok.id) {
                Some((k, fejl)) if k == &kilde => {
                    p.diagnoser.extend(fejl.iter().cloned());
                    plan.diagnoser.0.extend(fejl.iter().cloned());
                }
                _ => ud.push(Byggejob {
                    egen: p.dok.egen_fil().is_some(),
                    id: p.dok.id.clone(),
                    titel: p.dok.titel.clone(),
                    kilde,
                    diagnoser: p.diagnoser.clone(),
                }),
            }
        }
        plan.diagnoser.sorter();
        // A kommune's bilag first: it is small, and the page open is most often one.
        ud.sort_by_key(|j| !j.egen);
        ud
    }

    /// Compiles one document in the worker and publishes its pages, then its PDF, or
    /// its errors. False when it gave way to a newer change.
    fn oversaet_et(&mut self, j: Byggejob, delt: &Delt, afbryd: &dyn Fn() -> bool) -> bool {
        let start = Instant::now();
        let frist = start + oversaet::tidsgraense();
        let maa_vige = self.viger && !self.gav_vej.contains(&j.id);
        let vig = || maa_vige && start.elapsed() >= VIGER_EFTER && afbryd();
        let svar = self
            .arbejder
            .send(&j.kilde)
            .and_then(|()| self.arbejder.modtag(frist, &vig));
        // The compiler's errors and warnings, kept while the source stays the same.
        let fejl = match svar {
            Ok(Resultat::Sider(sider, advarsler)) => {
                udgiv_sider(delt, &j.id, sider, j.diagnoser.clone());
                crate::besked!("Opdaterede {} på {}", j.titel, sekunder(start));
                advarsler
            }
            Ok(Resultat::Fejl(d)) => d.0,
            Ok(Resultat::Pdf(_) | Resultat::Ukendt) => uventet(&j.kilde, "ikke sider"),
            Err(u) => match udeblevet(&j.kilde, u) {
                Some(d) => d,
                None => {
                    self.gav_vej.insert(j.id);
                    return false;
                }
            },
        };
        self.gav_vej.remove(&j.id);
        if !fejl.is_empty() {
            udgiv_diagnoser(delt, &j.id, j.diagnoser, &fejl);
        }
        self.kompileret.insert(j.id, (j.kilde, fejl));
        true
    }
}

impl Bygger {
    /// Makes the PDF of a document that is shown without errors, for «Hent PDF»: the
    /// worker exports the document it laid out (compiling it again if the worker was
    /// restarted since).
    pub fn eksporter(&mut self, id: &str, delt: &Delt) {
        let klar = delt.laes(|o| {
            o.dokument(id)
                .is_some_and(|v| v.pdf.is_none() && !v.venter && v.tilstand() != Tilstand::Fejl)
        });
        let Some((kilde, fejl)) = self.kompileret.get(id).cloned() else {
            return;
        };
        if !klar || fejl.iter().any(Diagnose::er_fejl) {
            return;
        }
        let frist = Instant::now() + oversaet::tidsgraense();
        let aldrig = || false;
        let mut svar = self.bed_om_pdf(&kilde, frist, &aldrig);
        if matches!(svar, Ok(Resultat::Ukendt)) {
            svar = self
                .arbejder
                .send(&kilde)
                .and_then(|()| self.arbejder.modtag(frist, &aldrig))
                .and_then(|_| self.bed_om_pdf(&kilde, frist, &aldrig));
        }
        let fejl = match svar {
            Ok(Resultat::Pdf(pdf)) => return udgiv_pdf(delt, id, pdf),
            Ok(Resultat::Fejl(d)) => d.0,
            Ok(_) => uventet(&kilde, "ikke en PDF"),
            Err(u) => udeblevet(&kilde, u).unwrap_or_default(),
        };
        let egne = delt.laes(|o| {
            o.dokument(id)
                .map(|v| v.diagnoser.clone())
                .unwrap_or_default()
        });
        udgiv_diagnoser(delt, id, egne, &fejl);
        self.kompileret.insert(id.to_string(), (kilde, fejl));
    }

    fn bed_om_pdf(
        &mut self,
        kilde: &Kilde,
        frist: Instant,
        afbryd: &dyn Fn() -> bool,
    ) -> Result<Resultat, Udeblevet> {
        self.arbejder.bestil_pdf(&kilde.navn)?;
        self.arbejder.modtag(frist, afbryd)
    }
}

/// The errors for a missing answer; `None` when the compilation gave way.
fn udeblevet(kilde: &Kilde, u: Udeblevet) -> Option<Vec<Diagnose>> {
    match u {
        Udeblevet::Afbrudt => None,
        Udeblevet::Tidsgraense => {
            Some(oversaet::tidsgraense_fejl(kilde, oversaet::tidsgraense()).0)
        }
        Udeblevet::Doed(e) => Some(
            oversaet::en_fejl(
                kilde,
                &format!("oversætteren stoppede uventet: {e}"),
                "gem filen igen for at prøve igen; sker det igen, så meld fejlen til fremdrift",
            )
            .0,
        ),
    }
}

fn uventet(kilde: &Kilde, hvad: &str) -> Vec<Diagnose> {
    oversaet::en_fejl(
        kilde,
        &format!("uventet svar fra oversætteren ({hvad})"),
        "gem filen igen for at prøve igen",
    )
    .0
}

/// Documents of the last list that dropped out because of errors are kept, so their
/// last good render stays visible: while the content has errors, unless their own
/// file is gone.
fn behold_gamle(plan: &mut Plan, gamle: &[Visning], rod: &std::path::Path, periode: &str) {
    if !plan.diagnoser.har_fejl() {
        return;
    }
    let status = std::path::Path::new("content").join(periode).join("status");
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

/// Publishes the list and every document's diagnostics; pages are kept.
fn udgiv_plan(plan: Plan, kkr: Option<(Kkr, Option<Dato>)>, job: &[Byggejob], delt: &Delt) {
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
            let venter = job.iter().any(|j| j.id == p.dok.id);
            let ny = visning(gammel, p, venter, v);
            aendret |= gammel.is_none_or(|g| g.version != ny.version);
            nye.push(ny);
        }
        aendret |= nye.len() != o.dokumenter.len();
        if aendret {
            o.kkr = kkr;
            o.kommuner = kommuner;
            o.diagnoser = plan.diagnoser.0;
            o.dokumenter = nye;
            o.global_version = v;
        }
        aendret
    });
}

/// A planned document, keeping the old pages; stamped with `v` if anything changed.
fn visning(gammel: Option<&Visning>, p: Planlagt, venter: bool, v: u64) -> Visning {
    match gammel {
        Some(g) if g.dok == p.dok && g.diagnoser == p.diagnoser && g.venter == venter => g.clone(),
        _ => Visning {
            sider: gammel.map(|g| g.sider.clone()).unwrap_or_default(),
            pdf: gammel.and_then(|g| g.pdf.clone()).filter(|_| !venter),
            dok: p.dok,
            diagnoser: p.diagnoser,
            venter,
            version: v,
        },
    }
}

fn udgiv_sider(delt: &Delt, id: &str, sider: Vec<Side>, diag: Vec<Diagnose>) {
    delt.skriv(|o, v| {
        let Some(vis) = o.dokumenter.iter_mut().find(|d| d.dok.id == id) else {
            return false;
        };
        vis.sider = Arc::new(sider);
        vis.pdf = None;
        vis.diagnoser = diag;
        vis.venter = false;
        vis.version = v;
        true
    });
}

fn udgiv_pdf(delt: &Delt, id: &str, pdf: Vec<u8>) {
    delt.skriv(|o, _| {
        let Some(vis) = o.dokumenter.iter_mut().find(|d| d.dok.id == id) else {
            return false;
        };
        vis.pdf = Some(Arc::new(pdf));
        true
    });
}

/// Publishes the compiler's errors and warnings for a document and in the overview.
fn udgiv_diagnoser(delt: &Delt, id: &str, mut diag: Vec<Diagnose>, fejl: &[Diagnose]) {
    eprint!("{}", Diagnoser(fejl.to_vec()));
    diag.extend(fejl.iter().cloned());
    delt.skriv(|o, v| {
        let Some(vis) = o.dokumenter.iter_mut().find(|d| d.dok.id == id) else {
            return false;
        };
        vis.diagnoser = diag;
        vis.venter = false;
        vis.version = v;
        for f in fejl {
            if !o.diagnoser.contains(f) {
                o.diagnoser.push(f.clone());
            }
        }
        o.global_version = v;
        true
    });
}

/// "0,42 s".
pub fn sekunder(start: Instant) -> String {
    format!("{:.2} s", start.elapsed().as_secs_f64()).replace('.', ",")
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
