//! A second compiler lane for the hosted collection: the documents that gather every
//! status (the tilbagemelding) compile in their own worker on their own thread, always
//! from the newest planned source, so a kommune's bilag never waits behind them.

use std::collections::{HashMap, VecDeque};
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use super::oversaetter::{Byggejob, Oversaetter};
use crate::diagnose::Diagnose;
use crate::markup::Kilde;
use crate::visning::tilstand::Delt;

/// The lane as the rebuild loop holds it; the thread ends with it.
pub struct Spor {
    koe: Arc<Koe>,
}

struct Koe {
    ko: Mutex<Ko>,
    /// Wakes the lane's thread: a new task, or the end.
    vaek: Condvar,
}

#[derive(Default)]
struct Ko {
    /// The newest job per document, oldest first.
    job: VecDeque<Byggejob>,
    pdf: VecDeque<String>,
    /// The document being compiled.
    i_gang: Option<String>,
    /// The source each document was last compiled from, with the compiler's errors.
    kompileret: HashMap<String, (Kilde, Vec<Diagnose>)>,
    /// Forget the compiled sources (an asset changed) before the next job.
    glem: bool,
    /// Stop the worker (the fonts changed) before the next job.
    skrifter: bool,
    slut: bool,
}

enum Opgave {
    Oversaet(Byggejob),
    Pdf(String),
}

impl Spor {
    /// Starts the lane's thread; its worker starts with the first job.
    pub fn start(rod: &Path, delt: Arc<Delt>) -> Self {
        let koe = Arc::new(Koe {
            ko: Mutex::new(Ko::default()),
            vaek: Condvar::new(),
        });
        let mut oversaetter = Oversaetter::ny(rod);
        // Many kommuner save all the time: giving way would throw the caches away.
        oversaetter.viger = false;
        let k = koe.clone();
        std::thread::Builder::new()
            .name("samlet-spor".into())
            .spawn(move || koer(&k, &mut oversaetter, &delt))
            .expect("kunne ikke starte en tråd");
        Self { koe }
    }

    /// The compiler's errors, when the document was compiled from `kilde` and nothing
    /// else waits for it (another source waiting or being compiled would replace the
    /// pages shown, so then `kilde` must be sent again).
    pub fn kompileret(&self, id: &str, kilde: &Kilde) -> Option<Vec<Diagnose>> {
        let ko = self.koe.laas();
        let venter = ko.i_gang.as_deref() == Some(id) || ko.job.iter().any(|j| j.id == id);
        match ko.kompileret.get(id) {
            Some((k, fejl)) if !venter && k == kilde => Some(fejl.clone()),
            _ => None,
        }
    }

    /// Queues jobs; each replaces the one waiting for the same document (only the
    /// newest source is worth compiling).
    pub fn bestil(&self, job: Vec<Byggejob>) {
        if job.is_empty() {
            return;
        }
        let mut ko = self.koe.laas();
        for j in job {
            match ko.job.iter_mut().find(|g| g.id == j.id) {
                Some(g) => *g = j,
                None => ko.job.push_back(j),
            }
        }
        self.koe.vaek.notify_one();
    }

    /// Asks for a document's PDF (after the job at hand).
    pub fn pdf(&self, id: &str) {
        let mut ko = self.koe.laas();
        if !ko.pdf.iter().any(|p| p == id) {
            ko.pdf.push_back(id.to_string());
        }
        self.koe.vaek.notify_one();
    }

    /// Forgets every compiled source; with `skrifter`, also stops the worker.
    pub fn glem(&self, skrifter: bool) {
        let mut ko = self.koe.laas();
        ko.kompileret.clear();
        ko.glem = true;
        ko.skrifter |= skrifter;
    }
}

impl Drop for Spor {
    fn drop(&mut self) {
        self.koe.laas().slut = true;
        self.koe.vaek.notify_one();
    }
}

impl Koe {
    fn laas(&self) -> MutexGuard<'_, Ko> {
        // Every update is a whole assignment: a poisoned lock is still usable.
        self.ko.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits for the next task; PDFs first (they are quick and someone waits for them),
    /// unless their document is about to be compiled anew: then after that.
    fn naeste(&self, oversaetter: &mut Oversaetter) -> Option<Opgave> {
        let mut ko = self.laas();
        loop {
            if ko.slut {
                return None;
            }
            if std::mem::take(&mut ko.skrifter) {
                oversaetter.stop();
            }
            if std::mem::take(&mut ko.glem) {
                oversaetter.glem();
            }
            let klar = ko
                .pdf
                .iter()
                .position(|id| !ko.job.iter().any(|j| &j.id == id));
            if let Some(id) = klar.and_then(|i| ko.pdf.remove(i)) {
                return Some(Opgave::Pdf(id));
            }
            if let Some(j) = ko.job.pop_front() {
                ko.i_gang = Some(j.id.clone());
                return Some(Opgave::Oversaet(j));
            }
            ko = self.vaek.wait(ko).unwrap_or_else(|e| e.into_inner());
        }
    }
}

/// The lane's thread: compiles and exports until the lane is dropped.
fn koer(koe: &Koe, oversaetter: &mut Oversaetter, delt: &Delt) {
    while let Some(opgave) = koe.naeste(oversaetter) {
        match opgave {
            Opgave::Pdf(id) => oversaetter.eksporter(&id, delt),
            Opgave::Oversaet(j) => {
                let id = j.id.clone();
                if oversaetter
                    .kompileret(&id)
                    .is_some_and(|(k, _)| k == &j.kilde)
                {
                    // Compiled from this source already: only the load it is valid for
                    // moves on.
                    oversaetter.bekraeft(&j, delt);
                } else {
                    oversaetter.oversaet(j, delt, &|| false);
                }
                let mut ko = koe.laas();
                ko.i_gang = None;
                if !ko.glem
                    && let Some(k) = oversaetter.kompileret(&id)
                {
                    ko.kompileret.insert(id, k.clone());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indhold::dato::Dato;

    fn kilde(markup: &str) -> Kilde {
        Kilde {
            navn: "2015/tilbagemelding".into(),
            markup: markup.into(),
            dato: Dato::parse("2015-03-09").unwrap(),
        }
    }

    fn job(markup: &str, indlaesning: u64) -> Byggejob {
        Byggejob {
            egen: false,
            id: "tilbagemelding".into(),
            titel: "Samlet tilbagemelding".into(),
            kilde: kilde(markup),
            diagnoser: Vec::new(),
            indlaesning,
        }
    }

    /// A lane whose thread never runs: only the queue is tested.
    fn koe() -> Spor {
        Spor {
            koe: Arc::new(Koe {
                ko: Mutex::new(Ko::default()),
                vaek: Condvar::new(),
            }),
        }
    }

    #[test]
    fn a_newer_source_replaces_the_waiting_one() {
        let s = koe();
        s.bestil(vec![job("a", 1)]);
        s.bestil(vec![job("b", 2)]);
        let ko = s.koe.laas();
        assert_eq!(ko.job.len(), 1);
        assert_eq!(ko.job[0].kilde.markup, "b");
        assert_eq!(ko.job[0].indlaesning, 2);
    }

    #[test]
    fn a_compiled_source_counts_only_while_nothing_else_waits() {
        let s = koe();
        s.koe
            .laas()
            .kompileret
            .insert("tilbagemelding".into(), (kilde("a"), Vec::new()));
        assert_eq!(
            s.kompileret("tilbagemelding", &kilde("a")),
            Some(Vec::new())
        );
        assert_eq!(s.kompileret("tilbagemelding", &kilde("b")), None);
        // The old source is back, but another is being compiled: its pages would
        // replace the shown ones, so the old source must be sent again.
        s.koe.laas().i_gang = Some("tilbagemelding".into());
        assert_eq!(s.kompileret("tilbagemelding", &kilde("a")), None);
    }

    #[test]
    fn a_pdf_waits_for_its_document_to_be_compiled_anew_but_not_for_others() {
        let s = koe();
        let mut o = Oversaetter::ny(Path::new("."));
        s.pdf("bilag-alfa");
        s.pdf("tilbagemelding");
        s.bestil(vec![job("a", 1)]);
        let naeste = |o: &mut Oversaetter| match s.koe.naeste(o) {
            Some(Opgave::Pdf(id)) => format!("pdf {id}"),
            Some(Opgave::Oversaet(j)) => format!("oversæt {}", j.id),
            None => "slut".into(),
        };
        assert_eq!(naeste(&mut o), "pdf bilag-alfa");
        assert_eq!(naeste(&mut o), "oversæt tilbagemelding");
        assert_eq!(naeste(&mut o), "pdf tilbagemelding");
    }

    #[test]
    fn forgetting_drops_every_compiled_source() {
        let s = koe();
        s.koe
            .laas()
            .kompileret
            .insert("tilbagemelding".into(), (kilde("a"), Vec::new()));
        s.glem(false);
        assert_eq!(s.kompileret("tilbagemelding", &kilde("a")), None);
    }
}
