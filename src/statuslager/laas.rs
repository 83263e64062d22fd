//! The period's lock: an advisory lock (`flock(2)` on Unix, `LockFileEx` on Windows)
//! on `historik/<periode>/.laas`, so saves of one period never overlap — between
//! threads, and between processes (a preview, `fremdrift indlaes`, a service).
//!
//! The lock file lies outside `content/` on purpose: the preview watches `content/`
//! (a lock file there would trigger rebuilds) and `content/` is kept in git, while
//! `historik/` is the store's own folder and is not. The file is never removed: a
//! removed lock file lets two processes lock two different files.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use super::krog;
use crate::skriv::historik;

/// The lock, held until dropped. The lock belongs to this open file description:
/// another `open` of the file — in another process or another thread of this one —
/// waits for it, and a child process never inherits it (Rust opens files close-on-exec).
pub struct Periodelaas {
    fil: File,
}

impl Drop for Periodelaas {
    fn drop(&mut self) {
        let _ = self.fil.unlock();
    }
}

/// The lock file of `periode`.
pub fn sti(rod: &Path, periode: &str) -> PathBuf {
    rod.join(historik::MAPPE).join(periode).join(".laas")
}

/// Takes the lock of `periode`, waiting as long as another holds it.
pub fn tag(rod: &Path, periode: &str) -> std::io::Result<Periodelaas> {
    let sti = sti(rod, periode);
    if let Some(mappe) = sti.parent() {
        std::fs::create_dir_all(mappe)?;
    }
    let fil = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&sti)?;
    match fil.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            krog::venter();
            fil.lock()?;
        }
        Err(TryLockError::Error(e)) => return Err(e),
    }
    Ok(Periodelaas { fil })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proev(rod: &Path) -> Result<(), TryLockError> {
        OpenOptions::new()
            .write(true)
            .open(sti(rod, "2015"))
            .unwrap()
            .try_lock()
    }

    #[test]
    fn a_held_lock_excludes_another_open_in_another_thread_until_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let laas = tag(dir.path(), "2015").unwrap();
        let rod = dir.path().to_path_buf();
        let mens = std::thread::spawn(move || proev(&rod)).join().unwrap();
        assert!(matches!(mens, Err(TryLockError::WouldBlock)), "{mens:?}");
        assert!(matches!(proev(dir.path()), Err(TryLockError::WouldBlock)));
        drop(laas);
        assert!(proev(dir.path()).is_ok(), "released when dropped");
    }

    #[test]
    fn the_lock_file_lies_in_the_history_not_in_content() {
        let dir = tempfile::tempdir().unwrap();
        drop(tag(dir.path(), "2015").unwrap());
        assert!(dir.path().join("historik/2015/.laas").is_file());
        assert!(!dir.path().join("content").exists());
    }

    #[test]
    fn a_waiting_thread_gets_the_lock_when_it_is_released() {
        let dir = tempfile::tempdir().unwrap();
        let laas = tag(dir.path(), "2015").unwrap();
        let rod = dir.path().to_path_buf();
        let (tx, rx) = std::sync::mpsc::channel();
        let venter = std::thread::spawn(move || {
            let l = tag(&rod, "2015").unwrap();
            tx.send(()).unwrap();
            drop(l);
        });
        assert!(rx.try_recv().is_err(), "not while the lock is held");
        drop(laas);
        rx.recv().unwrap();
        venter.join().unwrap();
    }
}
