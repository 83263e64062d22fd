//! Watching `content/`, `templates/` and `fonts/`, with a small debounce so an
//! editor's write-and-rename arrives as one change.

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

    /// Waits for the next batch of changed paths; `None` when watching has stopped.
    pub fn naeste(&mut self) -> Option<Vec<PathBuf>> {
        let foerste = self.modtager.recv().ok()?;
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
    foerste: PathBuf,
    stille: Duration,
    maks: Duration,
) -> Vec<PathBuf> {
    let slut = Instant::now() + maks;
    let mut ud = vec![foerste];
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
            PathBuf::from("a"),
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
