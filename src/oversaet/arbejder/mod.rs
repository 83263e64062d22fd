//! A compilation worker for the preview: a child `fremdrift` process that compiles
//! documents on request and answers with PNG pages and the PDF. Typst cannot stop a
//! compilation from outside, so a document that runs past the time limit (a runaway
//! loop in a template) would keep a core busy for as long as the preview runs; a worker
//! process can be killed instead, and a new one takes over.
//!
//! The protocol is a small JSON header line per message over the child's stdin and
//! stdout; large payloads (the markup, the PNG pages, the PDF) follow their header raw,
//! so nothing big is escaped and unescaped on the way.

mod protokol;
mod tjener;

use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use super::Side;
use crate::diagnose::{Diagnose, Diagnoser};
use crate::markup::Kilde;
use protokol::{Bestilling, laes_svar, skriv};

pub use tjener::tjen;

/// The hidden command that runs a worker: `fremdrift -C ROD oversaetter`.
pub const KOMMANDO: &str = "oversaetter";

/// What the worker answered.
#[derive(Debug)]
pub enum Resultat {
    /// The document is laid out: its pages and the compiler's warnings.
    Sider(Vec<Side>, Vec<Diagnose>),
    Pdf(Vec<u8>),
    Fejl(Diagnoser),
    /// The worker does not have the document to export (compile it again first).
    Ukendt,
}

/// Why no answer came.
#[derive(Debug, PartialEq, Eq)]
pub enum Udeblevet {
    /// The time limit passed; the worker has been stopped.
    Tidsgraense,
    /// The caller asked to stop waiting; the worker has been stopped.
    Afbrudt,
    /// The worker died or could not be started.
    Doed(String),
}

/// The worker as the preview holds it; started when first needed.
pub struct Arbejder {
    rod: PathBuf,
    proces: Option<Proces>,
}

struct Proces {
    barn: Child,
    ind: ChildStdin,
    ud: Receiver<Result<Resultat, String>>,
}

impl Arbejder {
    pub fn ny(rod: &Path) -> Self {
        Self {
            rod: rod.to_path_buf(),
            proces: None,
        }
    }

    /// Asks the worker to compile `kilde`; the answer comes through [`Arbejder::modtag`].
    pub fn send(&mut self, kilde: &Kilde) -> Result<(), Udeblevet> {
        let b = Bestilling::Oversaet {
            navn: kilde.navn.clone(),
            dato: kilde.dato,
            laengde: kilde.markup.len(),
        };
        self.bestil(&b, kilde.markup.as_bytes())
    }

    /// Asks the worker for the PDF of the document it compiled last under `navn`.
    pub fn bestil_pdf(&mut self, navn: &str) -> Result<(), Udeblevet> {
        let b = Bestilling::Eksporter {
            navn: navn.to_string(),
        };
        self.bestil(&b, &[])
    }

    fn bestil(&mut self, b: &Bestilling, data: &[u8]) -> Result<(), Udeblevet> {
        if self.proces.is_none() {
            let p = Proces::start(&self.rod).map_err(Udeblevet::Doed)?;
            eprintln!("Startede oversætteren (proces {})", p.barn.id());
            self.proces = Some(p);
        }
        let p = self.proces.as_mut().expect("started above");
        let skrevet = skriv(&mut p.ind, b, data).and_then(|_| p.ind.flush());
        if let Err(e) = skrevet {
            self.stop();
            return Err(Udeblevet::Doed(format!("oversætteren svarer ikke: {e}")));
        }
        Ok(())
    }

    /// The next answer, waiting until `frist`; `afbryd` is asked every 50 ms whether to
    /// give up. When no answer comes, the worker is stopped.
    pub fn modtag(
        &mut self,
        frist: Instant,
        afbryd: &dyn Fn() -> bool,
    ) -> Result<Resultat, Udeblevet> {
        let Some(p) = &self.proces else {
            return Err(Udeblevet::Doed("oversætteren kører ikke".into()));
        };
        loop {
            let vent = frist
                .saturating_duration_since(Instant::now())
                .min(Duration::from_millis(50));
            match p.ud.recv_timeout(vent) {
                Ok(Ok(r)) => return Ok(r),
                Ok(Err(e)) => {
                    self.stop();
                    return Err(Udeblevet::Doed(e));
                }
                Err(RecvTimeoutError::Disconnected) => {
                    self.stop();
                    return Err(Udeblevet::Doed("oversætteren stoppede".into()));
                }
                Err(RecvTimeoutError::Timeout) if Instant::now() >= frist => {
                    self.stop_fordi("tidsgrænsen blev nået");
                    return Err(Udeblevet::Tidsgraense);
                }
                Err(RecvTimeoutError::Timeout) if afbryd() => {
                    self.stop_fordi("filerne blev ændret igen");
                    return Err(Udeblevet::Afbrudt);
                }
                Err(RecvTimeoutError::Timeout) => {}
            }
        }
    }

    /// Kills the worker mid-compilation and says so.
    fn stop_fordi(&mut self, grund: &str) {
        if let Some(pid) = self.pid() {
            eprintln!("Stoppede oversætteren (proces {pid}), fordi {grund}");
        }
        self.stop();
    }

    /// Kills the worker (if any); the next request starts a new one.
    pub fn stop(&mut self) {
        if let Some(mut p) = self.proces.take() {
            let _ = p.barn.kill();
            let _ = p.barn.wait();
        }
    }

    /// The worker's process id, while one runs.
    pub fn pid(&self) -> Option<u32> {
        self.proces.as_ref().map(|p| p.barn.id())
    }
}

impl Drop for Arbejder {
    fn drop(&mut self) {
        self.stop();
    }
}

impl Proces {
    fn start(rod: &Path) -> Result<Self, String> {
        let exe = std::env::current_exe()
            .map_err(|e| format!("kan ikke finde fremdrift-programmet: {e}"))?;
        let mut barn = Command::new(exe)
            .arg("-C")
            .arg(rod)
            .arg(KOMMANDO)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("kunne ikke starte oversætteren: {e}"))?;
        let ind = barn.stdin.take().expect("piped stdin");
        let ud = barn.stdout.take().expect("piped stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut laeser = BufReader::new(ud);
            while let Some(r) = laes_svar(&mut laeser) {
                let slut = r.is_err();
                if tx.send(r).is_err() || slut {
                    return;
                }
            }
        });
        Ok(Self { barn, ind, ud: rx })
    }
}
