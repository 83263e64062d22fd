//! One compiler lane: a worker process (with Typst's caches), the source each of its
//! documents was last compiled from with the compiler's errors for it, and the
//! publishing of pages, PDFs and errors into the shared state.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::diagnose::{Diagnose, Diagnoser};
use crate::markup::Kilde;
use crate::oversaet::arbejder::{Arbejder, Resultat, Udeblevet};
use crate::oversaet::{self, Side};
use crate::visning::tilstand::{Delt, Tilstand};

/// A compilation that has run this long gives way to a newer change of the files —
/// once: a document that gave way last time is compiled to the end, so changes that
/// keep coming cannot starve it.
const VIGER_EFTER: Duration = Duration::from_secs(2);

/// A document waiting to be compiled.
#[derive(Clone)]
pub struct Byggejob {
    /// The document reads only its own file (not every status).
    pub egen: bool,
    pub id: String,
    pub titel: String,
    pub kilde: Kilde,
    /// The plan's diagnostics for the document.
    pub diagnoser: Vec<Diagnose>,
    /// The number of the load the source was rendered from (see `Visning::indlaesning`).
    pub indlaesning: u64,
}

/// A worker and what it compiled.
pub struct Oversaetter {
    arbejder: Arbejder,
    kompileret: HashMap<String, (Kilde, Vec<Diagnose>)>,
    /// Documents whose last compilation gave way; the next one does not.
    gav_vej: HashSet<String>,
    /// Whether a compilation gives way to a newer change at all.
    pub viger: bool,
}

impl Oversaetter {
    pub fn ny(rod: &Path) -> Self {
        Self {
            arbejder: Arbejder::ny(rod),
            kompileret: HashMap::new(),
            gav_vej: HashSet::new(),
            viger: true,
        }
    }

    /// Stops the worker: the next compilation starts a new one (loading the fonts anew).
    pub fn stop(&mut self) {
        self.arbejder.stop();
    }

    /// Forgets every compiled source: the next plan compiles every document again.
    pub fn glem(&mut self) {
        self.kompileret.clear();
    }

    /// The source a document was last compiled from, with the compiler's errors.
    pub fn kompileret(&self, id: &str) -> Option<&(Kilde, Vec<Diagnose>)> {
        self.kompileret.get(id)
    }

    /// Compiles one document in the worker and publishes its pages, then its PDF, or
    /// its errors. False when it gave way to a newer change (`afbryd`).
    pub fn oversaet(&mut self, j: Byggejob, delt: &Delt, afbryd: &dyn Fn() -> bool) -> bool {
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
                udgiv_sider(delt, &j, sider);
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
            udgiv_diagnoser(delt, &j.id, j.diagnoser, &fejl, Some(j.indlaesning));
        }
        self.kompileret.insert(j.id, (j.kilde, fejl));
        true
    }

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
        udgiv_diagnoser(delt, id, egne, &fejl, None);
        self.kompileret.insert(id.to_string(), (kilde, fejl));
    }

    /// The document was compiled from this very source already: its pages are valid
    /// for the job's load, too.
    pub fn bekraeft(&self, j: &Byggejob, delt: &Delt) {
        let mut diag = j.diagnoser.clone();
        if let Some((_, fejl)) = self.kompileret.get(&j.id) {
            diag.extend(fejl.iter().cloned());
        }
        delt.skriv(|o, v| {
            let Some(vis) = o.dokumenter.iter_mut().find(|d| d.dok.id == j.id) else {
                return false;
            };
            if vis.indlaesning_planlagt > j.indlaesning {
                return false;
            }
            vis.diagnoser = diag;
            vis.venter = false;
            vis.indlaesning = j.indlaesning;
            vis.version = v;
            true
        });
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

fn udgiv_sider(delt: &Delt, j: &Byggejob, sider: Vec<Side>) {
    delt.skriv(|o, v| {
        let Some(vis) = o.dokumenter.iter_mut().find(|d| d.dok.id == j.id) else {
            return false;
        };
        // A newer plan may be waiting for this document (in a second lane): its
        // diagnostics stay, and so does the wait.
        let nyere = vis.indlaesning_planlagt > j.indlaesning;
        if !nyere {
            vis.diagnoser = j.diagnoser.clone();
        }
        vis.sider = Arc::new(sider);
        vis.pdf = None;
        vis.venter = nyere;
        vis.indlaesning = j.indlaesning;
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

/// Publishes the compiler's errors and warnings for a document and in the overview;
/// `indlaesning` is the load of the source they are for (`None`: the one shown).
fn udgiv_diagnoser(
    delt: &Delt,
    id: &str,
    mut diag: Vec<Diagnose>,
    fejl: &[Diagnose],
    indlaesning: Option<u64>,
) {
    eprint!("{}", Diagnoser(fejl.to_vec()));
    diag.extend(fejl.iter().cloned());
    delt.skriv(|o, v| {
        let Some(vis) = o.dokumenter.iter_mut().find(|d| d.dok.id == id) else {
            return false;
        };
        vis.diagnoser = diag;
        vis.venter = indlaesning.is_some_and(|n| vis.indlaesning_planlagt > n);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dokument::{Art, Dokument};
    use crate::indhold::dato::Dato;
    use crate::visning::tilstand::Visning;

    fn job(indlaesning: u64) -> Byggejob {
        Byggejob {
            egen: false,
            id: "tilbagemelding".into(),
            titel: "Samlet tilbagemelding".into(),
            kilde: Kilde {
                navn: "2015/tilbagemelding".into(),
                markup: "x".into(),
                dato: Dato::parse("2015-03-09").unwrap(),
            },
            diagnoser: vec![Diagnose::advarsel("content/kkr.yaml", None, "gammel")],
            indlaesning,
        }
    }

    /// The shared state with the tilbagemelding planned by load `planlagt`.
    fn delt(planlagt: u64) -> Arc<Delt> {
        let delt = Delt::ny("2015");
        delt.skriv(|o, v| {
            o.dokumenter.push(Visning {
                dok: Dokument {
                    id: "tilbagemelding".into(),
                    titel: "Samlet tilbagemelding".into(),
                    art: Art::Tilbagemelding,
                    ud: "t.pdf".into(),
                },
                sider: Arc::default(),
                pdf: None,
                diagnoser: vec![Diagnose::advarsel("content/kkr.yaml", None, "ny")],
                venter: true,
                version: v,
                indlaesning: 0,
                indlaesning_planlagt: planlagt,
            });
            true
        });
        delt
    }

    fn vist(delt: &Delt) -> (bool, u64, String) {
        delt.laes(|o| {
            let v = o.dokument("tilbagemelding").unwrap();
            (v.venter, v.indlaesning, v.diagnoser[0].besked.clone())
        })
    }

    #[test]
    fn pages_of_the_newest_planned_load_end_the_wait_with_its_diagnostics() {
        let d = delt(2);
        udgiv_sider(&d, &job(2), Vec::new());
        assert_eq!(vist(&d), (false, 2, "gammel".into()));
    }

    #[test]
    fn pages_of_an_older_load_are_shown_but_the_newer_plan_still_waits() {
        let d = delt(3);
        udgiv_sider(&d, &job(2), Vec::new());
        // The pages are the newest there are; the diagnostics and the wait are load 3's.
        assert_eq!(vist(&d), (true, 2, "ny".into()));
    }
}
