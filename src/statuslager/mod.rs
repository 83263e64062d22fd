//! The one status store: every writer of a status file (`fremdrift indlaes`, the
//! «Udfyld status» form, and later the hosted collection) reads, checks and replaces
//! files in `content/<periode>/status/` through it. A save names the version it was
//! made from; under the period's lock (safe across processes) the store re-reads the
//! file, refuses a save from another version as a conflict, keeps the old file in
//! `historik/`, writes the new one atomically and refreshes the schemas.

mod krog;
mod laas;
mod skrivning;
mod status;
mod statussti;

use std::path::{Path, PathBuf};

pub use skrivning::Skrivninger;
pub use status::{status, version};

/// What a save did.
#[derive(Debug, PartialEq, Eq)]
pub enum Gemning {
    /// A new file: there was none.
    Ny,
    /// The file was replaced; where its previous version was kept (relative to the
    /// project).
    Erstattet { historik: PathBuf },
    /// The file already held exactly this text: nothing was written.
    Uaendret,
    /// The file is not the version the save was made from: nothing was written.
    Konflikt,
}

/// The status files of one period of a project.
pub struct Statuslager {
    rod: PathBuf,
    periode: String,
}

impl Statuslager {
    pub fn ny(rod: &Path, periode: &str) -> Self {
        Self {
            rod: rod.to_path_buf(),
            periode: periode.to_string(),
        }
    }

    /// The file `fil` (relative to the project) as it is now; `None` when there is none.
    pub fn laes(&self, fil: &Path) -> std::io::Result<Option<Vec<u8>>> {
        match std::fs::read(self.rod.join(fil)) {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Saves for one caller: the period's lock is taken at the first save and held
    /// until [`Skrivninger::afslut`].
    pub fn skrivninger(&self) -> Skrivninger<'_> {
        Skrivninger::ny(self)
    }

    /// One save of `tekst` as `fil`, made from version `forventet` (see [`version`]):
    /// under the lock, and with the schemas refreshed when something was written.
    pub fn gem(&self, fil: &Path, forventet: &str, tekst: &[u8]) -> std::io::Result<Gemning> {
        let mut s = self.skrivninger();
        let udfald = s.gem(fil, forventet, tekst);
        s.afslut();
        udfald
    }
}
