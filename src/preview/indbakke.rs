//! The rebuild loop's inbox: changes in `content/`, `templates/` and `fonts/` (with a
//! small debounce so an editor's write-and-rename arrives as one change) and requests
//! for a document's PDF from the web pages.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use anyhow::Context;
use notify::event::EventKind;
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

pub use crate::visning::tilstand::Signal;

/// The folders whose changes matter.
pub const MAPPER: [&str; 3] = ["content", "templates", "fonts"];

/// How long the files must be quiet before a rebuild starts.
const STILLE: Duration = Duration::from_millis(25);
/// The longest a rebuild waits for quiet.
const MAKS: Duration = Duration::from_millis(300);

/// What arrived since the last batch.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Batch {
    pub stier: Vec<PathBuf>,
    pub pdf: Vec<String>,
}

/// The inbox of the rebuild loop: a running watch of a project, and the requests the
/// web pages send.
pub struct Indbakke {
    rod: PathBuf,
    watcher: RecommendedWatcher,
    modtager: Receiver<Signal>,
    afsender: Sender<Signal>,
    /// Signals seen by [`Indbakke::har_nyt`] that [`Indbakke::naeste`] has not yet handed out.
    ventende: RefCell<Vec<Signal>>,
}

impl Indbakke {
    /// Starts watching the project folder itself and its watched folders.
    pub fn start(rod: &Path) -> anyhow::Result<Self> {
        let (afsender, modtager) = mpsc::channel();
        let tx = afsender.clone();
        let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
            let Ok(e) = res else { return };
            if matches!(e.kind, EventKind::Access(_)) {
                // Reads, including our own: never a change.
                return;
            }
            for sti in e.paths {
                let _ = tx.send(Signal::Sti(sti));
            }
        })
        .context("kunne ikke overvåge projektmappen")?;
        watcher
            .watch(rod, RecursiveMode::NonRecursive)
            .with_context(|| format!("kunne ikke overvåge {}", rod.display()))?;
        let mut indbakke = Self {
            rod: rod.to_path_buf(),
            watcher,
            modtager,
            afsender,
            ventende: RefCell::new(Vec::new()),
        };
        indbakke.overvaag_mapper();
        Ok(indbakke)
    }

    /// (Re)watches every watched folder that exists: they may appear later.
    fn overvaag_mapper(&mut self) {
        for m in MAPPER {
            let sti = self.rod.join(m);
            if sti.is_dir() {
                let _ = self.watcher.unwatch(&sti);
                if let Err(e) = self.watcher.watch(&sti, RecursiveMode::Recursive) {
                    eprintln!("advarsel: kunne ikke overvåge {}: {e}", sti.display());
                }
            }
        }
    }

    /// Whether a path is one of the watched folders themselves.
    fn er_mappe(&self, sti: &Path) -> bool {
        MAPPER.iter().any(|m| sti == self.rod.join(m))
    }

    /// Where web pages send their requests.
    pub fn afsender(&self) -> Sender<Signal> {
        self.afsender.clone()
    }

    /// Whether a file that matters changed since the last batch (without waiting).
    pub fn har_nyt(&self) -> bool {
        let mut ventende = self.ventende.borrow_mut();
        while let Ok(s) = self.modtager.try_recv() {
            ventende.push(s);
        }
        let stier = ventende.iter().filter_map(|s| match s {
            Signal::Sti(p) => Some(p.as_path()),
            Signal::Pdf(_) => None,
        });
        super::aendring::omfang(&self.rod, stier).is_some()
    }

    /// Waits for the next batch; `None` when watching has stopped. Changed paths are
    /// collected until the files have been quiet a moment; PDF requests need no wait.
    pub fn naeste(&mut self) -> Option<Batch> {
        let mut foerste = std::mem::take(&mut *self.ventende.borrow_mut());
        if foerste.is_empty() {
            foerste.push(self.modtager.recv().ok()?);
        }
        let b = saml(&self.modtager, foerste, STILLE, MAKS);
        if b.stier.iter().any(|s| self.er_mappe(s)) {
            self.overvaag_mapper();
        }
        Some(b)
    }
}

/// Sorts signals into a batch; while paths arrive, collects more until none has
/// arrived for `stille`, or `maks` has passed.
fn saml(rx: &Receiver<Signal>, foerste: Vec<Signal>, stille: Duration, maks: Duration) -> Batch {
    let slut = Instant::now() + maks;
    let mut b = Batch::default();
    for s in foerste {
        tilfoej(&mut b, s);
    }
    while !b.stier.is_empty() {
        let vent = stille.min(slut.saturating_duration_since(Instant::now()));
        match rx.recv_timeout(vent) {
            Ok(s) => tilfoej(&mut b, s),
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => break,
        }
    }
    b
}

fn tilfoej(b: &mut Batch, s: Signal) {
    match s {
        Signal::Sti(p) if !b.stier.contains(&p) => b.stier.push(p),
        Signal::Pdf(id) if !b.pdf.contains(&id) => b.pdf.push(id),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sti(s: &str) -> Signal {
        Signal::Sti(PathBuf::from(s))
    }

    #[test]
    fn burst_of_events_becomes_one_batch_without_duplicates() {
        let (tx, rx) = mpsc::channel();
        for s in ["a", "b", "a"] {
            tx.send(sti(s)).unwrap();
        }
        tx.send(Signal::Pdf("bilag-alfa".into())).unwrap();
        let b = saml(
            &rx,
            vec![sti("a")],
            Duration::from_millis(5),
            Duration::from_secs(1),
        );
        assert_eq!(b.stier, [PathBuf::from("a"), PathBuf::from("b")]);
        assert_eq!(b.pdf, ["bilag-alfa"]);
    }

    #[test]
    fn a_pdf_request_alone_is_handed_out_without_waiting_for_quiet() {
        let (tx, rx) = mpsc::channel();
        let b = saml(
            &rx,
            vec![Signal::Pdf("tilbagemelding".into())],
            Duration::from_secs(600),
            Duration::from_secs(600),
        );
        drop(tx);
        assert_eq!(b.pdf, ["tilbagemelding"]);
        assert!(b.stier.is_empty());
    }

    #[test]
    fn new_status_file_is_seen() {
        let dir = tempfile::tempdir().unwrap();
        let rod = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(rod.join("content/2015/status")).unwrap();
        let mut indbakke = Indbakke::start(&rod).unwrap();
        let ny = rod.join("content/2015/status/gamma.yaml");
        std::fs::write(&ny, "kommune: gamma\n").unwrap();
        let b = indbakke.naeste().unwrap();
        assert!(b.stier.contains(&ny), "{b:?}");
    }
}
