//! The shared state of the document view: every document as last shown, the
//! diagnostics, and a version counter. The rebuild loop writes it on its own thread;
//! the web pages read it and wait for a new version through a `tokio` watch channel,
//! so a waiting page never blocks one of the runtime's threads.

use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde::Serialize;
use tokio::sync::watch;

use crate::diagnose::Diagnose;
use crate::dokument::Dokument;
use crate::indhold::model::Kommune;
use crate::oversaet::Side;

/// Something for the rebuild loop to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Signal {
    /// A path changed.
    Sti(PathBuf),
    /// A web page wants the PDF of this document.
    Pdf(String),
}

/// A document as the preview shows it.
#[derive(Clone)]
pub struct Visning {
    pub dok: Dokument,
    /// The last good render, page by page.
    pub sider: Arc<Vec<Side>>,
    /// The PDF of exactly those pages, once it is made: what «Hent PDF» gives.
    pub pdf: Option<Arc<Vec<u8>>>,
    /// Problems that concern this document now.
    pub diagnoser: Vec<Diagnose>,
    /// The source changed and the document is waiting for (or in) the compiler.
    pub venter: bool,
    /// The state version in which this document last changed.
    pub version: u64,
    /// The load (numbered from 1 by the rebuild loop, in the order the files were read)
    /// the shown pages are valid for: they contain every save read by that load.
    pub indlaesning: u64,
    /// The newest load that asked for this document to be compiled.
    pub indlaesning_planlagt: u64,
}

/// What the index shows for a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tilstand {
    Ok,
    Advarsler,
    Fejl,
}

impl Tilstand {
    pub fn navn(self) -> &'static str {
        match self {
            Tilstand::Ok => "ok",
            Tilstand::Advarsler => "advarsler",
            Tilstand::Fejl => "fejl",
        }
    }
}

impl Visning {
    pub fn tilstand(&self) -> Tilstand {
        if self.diagnoser.iter().any(Diagnose::er_fejl) {
            Tilstand::Fejl
        } else if self.diagnoser.is_empty() {
            Tilstand::Ok
        } else {
            Tilstand::Advarsler
        }
    }
}

/// Everything the pages show.
#[derive(Default)]
pub struct Oversigt {
    pub version: u64,
    /// The version in which the list or the project's diagnostics last changed.
    pub global_version: u64,
    pub periode: String,
    /// The KKR's name, once the project has loaded.
    pub kkr: Option<String>,
    /// The KKR's kommuner, each of which can fill in its status.
    pub kommuner: Vec<Kommune>,
    /// The round's frist (the hosted collection is read-only for kommuner after it).
    pub frist: Option<crate::indhold::dato::Dato>,
    /// The secretariat's e-mail, for the hosted pages' help texts.
    pub sekretariat: Option<String>,
    pub dokumenter: Vec<Visning>,
    /// Every diagnostic of the project, as `fremdrift check` and the compiler give them.
    pub diagnoser: Vec<Diagnose>,
}

impl Oversigt {
    pub fn dokument(&self, id: &str) -> Option<&Visning> {
        self.dokumenter.iter().find(|v| v.dok.id == id)
    }
}

/// What changed since a version: for one server-sent event.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Nyt {
    pub version: u64,
    pub dokumenter: Vec<String>,
    /// The list or the project's diagnostics changed.
    pub alt: bool,
}

/// The state shared by the rebuild loop and the HTTP threads.
pub struct Delt {
    oversigt: Mutex<Oversigt>,
    /// The newest version, for the pages that wait for one.
    versioner: watch::Sender<u64>,
    /// The rebuild loop's inbox, for requests from the web pages.
    indbakke: Option<Sender<Signal>>,
}

impl Delt {
    /// Shared state with no rebuild loop behind it (for tests of the pages).
    #[cfg(test)]
    pub fn ny(periode: &str) -> Arc<Self> {
        Self::bygget(periode, None)
    }

    /// Shared state whose web pages can ask the rebuild loop for work.
    pub fn med_indbakke(periode: &str, indbakke: Sender<Signal>) -> Arc<Self> {
        Self::bygget(periode, Some(indbakke))
    }

    fn bygget(periode: &str, indbakke: Option<Sender<Signal>>) -> Arc<Self> {
        Arc::new(Self {
            oversigt: Mutex::new(Oversigt {
                periode: periode.to_string(),
                ..Oversigt::default()
            }),
            versioner: watch::Sender::new(0),
            indbakke,
        })
    }

    /// Asks the rebuild loop for something (a PDF); false when nobody listens.
    pub fn bestil(&self, s: Signal) -> bool {
        self.indbakke.as_ref().is_some_and(|tx| tx.send(s).is_ok())
    }

    fn laas(&self) -> MutexGuard<'_, Oversigt> {
        // A panic elsewhere never leaves the state half-written (updates are whole
        // assignments), so a poisoned lock is still usable.
        self.oversigt.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Reads the state.
    pub fn laes<R>(&self, f: impl FnOnce(&Oversigt) -> R) -> R {
        f(&self.laas())
    }

    /// Changes the state; `f` gets the new version to stamp what it changes and
    /// returns whether anything changed. Waiting pages are woken if so.
    pub fn skriv(&self, f: impl FnOnce(&mut Oversigt, u64) -> bool) {
        let mut o = self.laas();
        let ny = o.version + 1;
        if f(&mut o, ny) {
            o.version = ny;
            self.versioner.send_replace(ny);
        }
    }

    /// A receiver that is told of every new version.
    pub fn abonner(&self) -> watch::Receiver<u64> {
        self.versioner.subscribe()
    }

    /// Waits up to `maks` until `klar` holds, re-checking after every change; gives
    /// what `klar` found, or `None` when time ran out.
    pub async fn vent_til<R>(
        &self,
        maks: Duration,
        klar: impl Fn(&Oversigt) -> Option<R>,
    ) -> Option<R> {
        let slut = tokio::time::Instant::now() + maks;
        let mut rx = self.abonner();
        loop {
            // Marked as seen before the look, so a change after it wakes the wait.
            rx.borrow_and_update();
            if let Some(r) = self.laes(&klar) {
                return Some(r);
            }
            match tokio::time::timeout_at(slut, rx.changed()).await {
                Ok(Ok(())) => continue,
                _ => return None,
            }
        }
    }

    /// What changed since version `efter`; `None` when nothing did.
    pub fn nyt_siden(&self, efter: u64) -> Option<Nyt> {
        let o = self.laas();
        (o.version > efter).then(|| Nyt {
            version: o.version,
            dokumenter: o
                .dokumenter
                .iter()
                .filter(|v| v.version > efter)
                .map(|v| v.dok.id.clone())
                .collect(),
            alt: o.global_version > efter,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dokument::Art;

    fn visning(id: &str) -> Visning {
        Visning {
            dok: Dokument {
                id: id.into(),
                titel: id.into(),
                art: Art::Tilbagemelding,
                ud: std::path::PathBuf::from(format!("{id}.pdf")),
            },
            sider: Arc::default(),
            pdf: None,
            diagnoser: Vec::new(),
            venter: false,
            version: 0,
            indlaesning: 0,
            indlaesning_planlagt: 0,
        }
    }

    #[test]
    fn waiting_reports_only_documents_changed_since_last_event() {
        let delt = Delt::ny("2015");
        delt.skriv(|o, v| {
            o.dokumenter = vec![visning("a"), visning("b")];
            o.global_version = v;
            true
        });
        let foerste = delt.nyt_siden(0).expect("a new version");
        assert!(foerste.alt);
        delt.skriv(|o, v| {
            o.dokumenter[1].version = v;
            true
        });
        let nyt = delt.nyt_siden(foerste.version).expect("newer");
        assert_eq!(nyt.dokumenter, ["b"]);
        assert!(!nyt.alt);
    }

    #[tokio::test]
    async fn waiting_for_a_condition_wakes_on_the_change_that_makes_it_true() {
        let delt = Delt::ny("2015");
        let skriver = {
            let delt = delt.clone();
            std::thread::spawn(move || {
                delt.skriv(|o, _| {
                    o.kkr = Some("KKR Test".into());
                    true
                })
            })
        };
        let kkr = delt
            .vent_til(Duration::from_secs(30), |o| o.kkr.clone())
            .await;
        skriver.join().unwrap();
        assert_eq!(kkr.as_deref(), Some("KKR Test"));
        assert_eq!(
            delt.vent_til(Duration::ZERO, |o| o.periode.is_empty().then_some(()))
                .await,
            None
        );
    }

    #[test]
    fn unchanged_write_does_not_wake_anyone() {
        let delt = Delt::ny("2015");
        let rx = delt.abonner();
        delt.skriv(|_, _| false);
        assert_eq!(delt.nyt_siden(0), None);
        assert!(!rx.has_changed().unwrap());
    }

    #[test]
    fn state_follows_the_worst_diagnostic() {
        let mut v = visning("a");
        assert_eq!(v.tilstand(), Tilstand::Ok);
        v.diagnoser
            .push(Diagnose::advarsel("content/kkr.yaml", None, "x"));
        assert_eq!(v.tilstand(), Tilstand::Advarsler);
        v.diagnoser
            .push(Diagnose::fejl("content/kkr.yaml", None, "y"));
        assert_eq!(v.tilstand(), Tilstand::Fejl);
    }
}
