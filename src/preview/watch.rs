//! Watching `content/`, `templates/` and `fonts/`, with a small debounce so an
//! editor's write-and-rename arrives as one change.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use anyhow::Context;
use notify::event::EventKind;
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

/// The folders whose changes matter.
pub const MAPPER: [&str; 3] = ["content", "templates", "fonts"];

/// How long the files must be quiet before a rebuild starts.
const STILLE: Duration = Duration::from_millis(25);
/// The longest a rebuild waits for quiet.
const MAKS: Duration = Duration::from_millis(300);

/// A running watch of a project.
pub struct Vagt {
    rod: PathBuf,
    watcher: RecommendedWatcher,
    modtager: Receiver<PathBuf>,
    /// Paths seen by [`Vagt::har_nyt`] that [`Vagt::naeste`] has not yet handed out.
    ventende: RefCell<Vec<PathBuf>>,
}

impl Vagt {
    /// Starts watching the project folder itself and its watched folders.
    pub fn start(rod: &Path) -> anyhow::Result<Self> {
        let (tx, modtager) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
            let Ok(e) = res else { return };
            if matches!(e.kind, EventKind::Access(_)) {
                // Reads, including our own: never a change.
                return;
            }
            for sti in e.paths {
                let _ = tx.send(sti);
            }
        })
        .context("kunne ikke overvåge projektmappen")?;
        watcher
            .watch(rod, RecursiveMode::NonRecursive)
            .with_context(|| format!("kunne ikke overvåge {}", rod.display()))?;
        let mut vagt = Self {
            rod: rod.to_path_buf(),
            watcher,
            modtager,
            ventende: RefCell::new(Vec::new()),
        };
        vagt.overvaag_mapper();
        Ok(vagt)
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

    /// Whether a file that matters changed since the last batch (without waiting).
    pub fn har_nyt(&self) -> bool {
        let mut ventende = self.ventende.borrow_mut();
        while let Ok(sti) = self.modtager.try_recv() {
            ventende.push(sti);
        }
        super::aendring::omfang(&self.rod, ventende.iter().map(PathBuf::as_path)).is_some()
    }

    /// Waits for the next batch of changed paths; `None` when watching has stopped.
    pub fn naeste(&mut self) -> Option<Vec<PathBuf>> {
        let mut foerste = std::mem::take(&mut *self.ventende.borrow_mut());
        if foerste.is_empty() {
            foerste.push(self.modtager.recv().ok()?);
        }
        let stier = saml(&self.modtager, foerste, STILLE, MAKS);
        if stier.iter().any(|s| self.er_mappe(s)) {
            self.overvaag_mapper();
        }
        Some(stier)
    }
}

/// Collects paths until none has arrived for `stille`, or `maks` has passed.
fn saml(
    rx: &Receiver<PathBuf>,
    foerste: Vec<PathBuf>,
    stille: Duration,
    maks: Duration,
) -> Vec<PathBuf> {
    let slut = Instant::now() + maks;
    let mut ud: Vec<PathBuf> = Vec::with_capacity(foerste.len());
    for s in foerste {
        if !ud.contains(&s) {
            ud.push(s);
        }
    }
    loop {
        let vent = stille.min(slut.saturating_duration_since(Instant::now()));
        match rx.recv_timeout(vent) {
            Ok(s) => {
                if !ud.contains(&s) {
                    ud.push(s);
                }
            }
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return ud,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn burst_of_events_becomes_one_batch_without_duplicates() {
        let (tx, rx) = mpsc::channel();
        for s in ["a", "b", "a"] {
            tx.send(PathBuf::from(s)).unwrap();
        }
        let stier = saml(
            &rx,
            vec![PathBuf::from("a")],
            Duration::from_millis(5),
            Duration::from_secs(1),
        );
        assert_eq!(stier, [PathBuf::from("a"), PathBuf::from("b")]);
    }

    #[test]
    fn new_status_file_is_seen() {
        let dir = tempfile::tempdir().unwrap();
        let rod = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(rod.join("content/2015/status")).unwrap();
        let mut vagt = Vagt::start(&rod).unwrap();
        let ny = rod.join("content/2015/status/gamma.yaml");
        std::fs::write(&ny, "kommune: gamma\n").unwrap();
        let stier = vagt.naeste().unwrap();
        assert!(stier.contains(&ny), "{stier:?}");
    }
}
