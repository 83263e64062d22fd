//! One caller's saves under the period's lock: re-read the file → compare it with the
//! version the save was made from → keep the old one in `historik/` → compare once
//! more and rename the new one into place (`skriv/`) → at the end, refresh the schemas.

use std::path::Path;

use super::laas::{self, Periodelaas};
use super::{Gemning, Statuslager, krog, statussti, version};
use crate::skriv;

/// Saves that share the period's lock, taken at the first save; the schemas are
/// refreshed (still under the lock) by [`Skrivninger::afslut`].
pub struct Skrivninger<'a> {
    lager: &'a Statuslager,
    laas: Option<Periodelaas>,
    skrevet: bool,
}

impl<'a> Skrivninger<'a> {
    pub(super) fn ny(lager: &'a Statuslager) -> Self {
        Self {
            lager,
            laas: None,
            skrevet: false,
        }
    }

    /// Saves `tekst` as `fil` (relative to the project, inside
    /// `content/<periode>/status/`), if the file on disk is still version `forventet`.
    pub fn gem(&mut self, fil: &Path, forventet: &str, tekst: &[u8]) -> std::io::Result<Gemning> {
        self.tjek_sti(fil)?;
        if self.laas.is_none() {
            self.laas = Some(laas::tag(&self.lager.rod, &self.lager.periode)?);
        }
        let foer = self.lager.laes(fil)?;
        if version(foer.as_deref()) != forventet {
            return Ok(Gemning::Konflikt);
        }
        let udfald = match foer {
            Some(f) if f == tekst => return Ok(Gemning::Uaendret),
            Some(f) => self.erstat(fil, &f, forventet, tekst)?,
            None => self.ny_fil(fil, tekst)?,
        };
        self.skrevet |= udfald != Gemning::Konflikt;
        Ok(udfald)
    }

    /// Refreshes the schemas when a file was written (the first line of a status file
    /// names its period's schema), then releases the lock.
    pub fn afslut(self) {
        if self.skrevet {
            crate::jsonskema::skriv::opdater_efter(&self.lager.rod);
        }
    }

    fn tjek_sti(&self, fil: &Path) -> std::io::Result<()> {
        let id = fil.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if statussti::i_statusmappen(fil, &self.lager.periode, id) {
            return Ok(());
        }
        Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "der gemmes kun statusfiler i content/<periode>/status/",
        ))
    }

    /// A file where there was none; never over one that appeared meanwhile (an
    /// editor, `git pull`: writers that do not take the lock).
    fn ny_fil(&self, fil: &Path, tekst: &[u8]) -> std::io::Result<Gemning> {
        krog::foer_omdoebning();
        match skriv::skriv_ny_atomisk(&self.lager.rod.join(fil), tekst) {
            Ok(()) => Ok(Gemning::Ny),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(Gemning::Konflikt),
            Err(e) => Err(e),
        }
    }

    /// Keeps `gammel` (the version compared) in the history and replaces the file —
    /// unless it changed meanwhile, looked at once more right before the rename.
    fn erstat(
        &self,
        fil: &Path,
        gammel: &[u8],
        forventet: &str,
        tekst: &[u8],
    ) -> std::io::Result<Gemning> {
        let rod = &self.lager.rod;
        let historik = skriv::historik::behold(rod, fil, gammel)?;
        krog::foer_omdoebning();
        if version(self.lager.laes(fil)?.as_deref()) != forventet {
            return Ok(Gemning::Konflikt);
        }
        skriv::skriv_atomisk(&rod.join(fil), tekst)?;
        Ok(Gemning::Erstattet { historik })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIL: &str = "content/2015/status/alfa.yaml";

    fn lager(foer: Option<&str>) -> (tempfile::TempDir, Statuslager) {
        let dir = tempfile::tempdir().unwrap();
        if let Some(tekst) = foer {
            let sti = dir.path().join(FIL);
            std::fs::create_dir_all(sti.parent().unwrap()).unwrap();
            std::fs::write(sti, tekst).unwrap();
        }
        let lager = Statuslager::ny(dir.path(), "2015");
        (dir, lager)
    }

    fn gem(l: &Statuslager, forventet: &str, tekst: &str) -> Gemning {
        l.skrivninger()
            .gem(Path::new(FIL), forventet, tekst.as_bytes())
            .unwrap()
    }

    #[test]
    fn a_replaced_file_is_kept_in_the_history_and_the_new_one_written() {
        let (dir, l) = lager(Some("gammel"));
        let Gemning::Erstattet { historik } = gem(&l, &version(Some(b"gammel")), "ny") else {
            panic!("not replaced");
        };
        assert!(historik.starts_with("historik/2015/alfa"), "{historik:?}");
        assert_eq!(std::fs::read(dir.path().join(historik)).unwrap(), b"gammel");
        assert_eq!(std::fs::read(dir.path().join(FIL)).unwrap(), b"ny");
    }

    #[test]
    fn a_save_made_from_another_version_is_a_conflict_and_writes_nothing() {
        let (dir, l) = lager(Some("rettet i hånden"));
        assert_eq!(gem(&l, &version(Some(b"gammel")), "ny"), Gemning::Konflikt);
        assert_eq!(gem(&l, "ny", "ny"), Gemning::Konflikt, "a file appeared");
        let fil = std::fs::read(dir.path().join(FIL)).unwrap();
        assert_eq!(fil, "rettet i hånden".as_bytes());
        assert!(!dir.path().join("historik/2015/alfa").exists());
    }

    #[test]
    fn a_new_file_and_the_same_text_again() {
        let (dir, l) = lager(None);
        assert_eq!(gem(&l, "ny", "foerste"), Gemning::Ny);
        assert_eq!(
            gem(&l, &version(Some(b"foerste")), "foerste"),
            Gemning::Uaendret
        );
        assert_eq!(std::fs::read(dir.path().join(FIL)).unwrap(), b"foerste");
    }

    #[test]
    fn a_path_outside_the_status_folder_is_refused_before_the_lock() {
        let (dir, l) = lager(None);
        let mut s = l.skrivninger();
        for fil in [
            "content/2015/alfa.yaml",
            "content/2015/status/../../kkr.yaml",
        ] {
            let e = s.gem(Path::new(fil), "ny", b"x").unwrap_err();
            assert_eq!(e.kind(), std::io::ErrorKind::InvalidInput, "{fil}");
        }
        s.afslut();
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
