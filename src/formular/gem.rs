//! Loading a kommune's status for the form, and saving it through the status store:
//! the same rules as `check`, never over a change the form has not seen (the file's
//! SHA-256 travels with the form), the previous version kept in `historik/`, and an
//! atomic write of the canonical file. The path written comes from the kommune's id in
//! `kkr.yaml`.

use std::path::{Path, PathBuf};

use super::felter::Formular;
use super::grundlagslager;
use crate::diagnose::{Diagnose, Diagnoser};
use crate::indhold::model::{Kkr, Kommune, KommuneStatus, Runde};
use crate::indhold::projekt::statusfiler;
use crate::indhold::valider::{self, er_kommune_id};
use crate::sidste_aar::{SidsteAar, sidste_aar};
use crate::statusfil::Statusfil;
use crate::statuslager::{self, Gemning, Statuslager};

pub use crate::statuslager::version;

/// What a form for one kommune is checked against, and the file it writes.
pub struct Grundlag {
    pub kkr: Kkr,
    pub runde: Runde,
    pub kommune: Kommune,
    /// The status file, relative to the project: the kommune's existing file, or
    /// `content/<periode>/status/<id>.yaml`.
    pub fil: PathBuf,
    /// The kommune's answers of the previous period, shown at each anbefaling.
    pub sidste_aar: Option<SidsteAar>,
}

/// Why there is no form.
pub enum Mangel {
    /// `kkr.yaml` or the round has errors.
    Projekt(Diagnoser),
    /// No kommune with that id in `kkr.yaml`.
    UkendtKommune,
}

impl Grundlag {
    /// Loads the period as `check` does. Errors in other kommuners' status files do not
    /// stand in the way; errors in the files every status depends on do.
    pub fn laes(rod: &Path, periode: &str, id: &str) -> Result<Self, Mangel> {
        // Whatever a URL holds (`..`, `/`, NUL, …) is no kommune: refused before the
        // project is read.
        if !er_kommune_id(id) {
            return Err(Mangel::UkendtKommune);
        }
        // This period's status files are not read: their errors never stand in the way.
        let indl = grundlagslager::indlaesning(rod, periode);
        let faelles: Vec<Diagnose> = indl
            .diagnoser
            .0
            .iter()
            .filter(|d| d.er_fejl())
            .cloned()
            .collect();
        let p = match &indl.projekt {
            Some(p) if faelles.is_empty() => p,
            _ => return Err(Mangel::Projekt(Diagnoser(faelles))),
        };
        let sidste_aar = sidste_aar(p, id);
        let (kkr, runde) = (p.kkr.clone(), p.runde.clone());
        let kommune = kkr
            .kommuner
            .iter()
            .find(|k| k.id == id)
            .cloned()
            .ok_or(Mangel::UkendtKommune)?;
        let fil = statusfiler(rod, periode)
            .into_iter()
            .find(|f| f.file_stem().is_some_and(|s| s == kommune.id.as_str()))
            .unwrap_or_else(|| {
                Path::new("content")
                    .join(periode)
                    .join("status")
                    .join(format!("{}.yaml", kommune.id))
            });
        Ok(Self {
            kkr,
            runde,
            kommune,
            fil,
            sidste_aar,
        })
    }

    /// The file as it is on disk now (`None` when there is none).
    pub fn laes_fil(&self, rod: &Path) -> std::io::Result<Option<Vec<u8>>> {
        Statuslager::ny(rod, &self.runde.periode).laes(&self.fil)
    }

    /// The answers in the file's bytes, validated as `check` does.
    pub fn status(&self, data: &[u8]) -> Result<KommuneStatus, Diagnoser> {
        match statuslager::status(data, &self.fil, &self.kkr, &self.runde) {
            Ok(s) if s.kommune.id == self.kommune.id => Ok(s),
            Err(d) if d.har_fejl() => Err(d),
            _ => Err(Diagnoser(vec![
                Diagnose::fejl(
                    &self.fil,
                    None,
                    format!("filen er ikke for {}", self.kommune.navn),
                )
                .med_hint(format!("ret «kommune:» i filen til {}", self.kommune.id)),
            ])),
        }
    }

    /// The canonical file for `status`.
    pub fn tekst(&self, status: &KommuneStatus) -> String {
        Statusfil {
            kommune: &self.kommune,
            runde: &self.runde,
            status: Some(status),
        }
        .tekst()
    }
}

/// The form's answers for `kommune`, checked as a save checks them: the form's own
/// rules, then those of `check`. The status only when there are no errors.
pub fn kontroller(
    f: &Formular,
    kkr: &Kkr,
    runde: &Runde,
    kommune: &str,
    fil: &Path,
) -> (Option<KommuneStatus>, Diagnoser) {
    let (raw, fejl) = f.til_raa(kommune, fil);
    let mut d = Diagnoser(fejl);
    let status = valider::valider_status(raw, kkr, runde, fil, &mut d);
    (status.filter(|_| !d.har_fejl()), d)
}

/// What a save did.
#[derive(Debug)]
pub enum Udfald {
    /// Written (or already so on disk); the warnings of `check` for it.
    Gemt {
        /// The answers as saved.
        status: Box<KommuneStatus>,
        version: String,
        /// Where the previous version was kept, relative to the project.
        historik: Option<PathBuf>,
        ny_fil: bool,
        uaendret: bool,
        advarsler: Vec<Diagnose>,
    },
    /// The form has errors: nothing was written.
    Fejl(Vec<Diagnose>),
    /// The file changed since the form was loaded: nothing was written.
    Konflikt,
}

/// Saves `formular` as `g.fil` through the status store, if that file is still the
/// version the form was loaded from (`fra`).
pub fn gem(rod: &Path, g: &Grundlag, f: &Formular, fra: &str) -> std::io::Result<Udfald> {
    let lager = Statuslager::ny(rod, &g.runde.periode);
    let foer = lager.laes(&g.fil)?;
    // A quick answer before any lock; the store looks again under it.
    if version(foer.as_deref()) != fra {
        return Ok(Udfald::Konflikt);
    }
    let (status, d) = kontroller(f, &g.kkr, &g.runde, &g.kommune.id, &g.fil);
    let Some(status) = status else {
        return Ok(Udfald::Fejl(d.0));
    };
    let tekst = g.tekst(&status);
    let (historik, uaendret) = if foer.as_deref() == Some(tekst.as_bytes()) {
        (None, true)
    } else {
        match lager.gem(&g.fil, fra, tekst.as_bytes())? {
            Gemning::Konflikt => return Ok(Udfald::Konflikt),
            Gemning::Uaendret => (None, true),
            Gemning::Ny => (None, false),
            Gemning::Erstattet { historik } => (Some(historik), false),
        }
    };
    Ok(Udfald::Gemt {
        status: Box::new(status),
        version: version(Some(tekst.as_bytes())),
        historik,
        ny_fil: foer.is_none(),
        uaendret,
        advarsler: d.0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A copy of the mini fixture: three kommuner, of which gamma has no status file.
    fn mini() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let fra = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
        for f in [
            "content/kkr.yaml",
            "content/2015/anbefalinger.yaml",
            "content/2015/status/alfa.yaml",
            "content/2015/status/beta.yaml",
        ] {
            std::fs::create_dir_all(dir.path().join(f).parent().unwrap()).unwrap();
            std::fs::copy(fra.join(f), dir.path().join(f)).unwrap();
        }
        dir
    }

    fn formular(rod: &Path, g: &Grundlag) -> (Formular, String) {
        let data = g.laes_fil(rod).unwrap();
        let s = data.as_deref().map(|d| g.status(d).expect("valid"));
        (
            Formular::fra_status(&g.runde, s.as_ref()),
            version(data.as_deref()),
        )
    }

    fn grundlag(rod: &Path, id: &str) -> Grundlag {
        Grundlag::laes(rod, "2015", id).unwrap_or_else(|_| panic!("grundlag for {id}"))
    }

    #[test]
    fn a_save_writes_the_canonical_file_and_keeps_the_old_one() {
        let dir = mini();
        let g = grundlag(dir.path(), "alfa");
        let gammel = std::fs::read_to_string(dir.path().join(&g.fil)).unwrap();
        let (mut f, v) = formular(dir.path(), &g);
        f.svar[1].status = "rød".into();
        let Udfald::Gemt {
            historik, version, ..
        } = gem(dir.path(), &g, &f, &v).unwrap()
        else {
            panic!("not saved");
        };
        let ny = std::fs::read_to_string(dir.path().join(&g.fil)).unwrap();
        assert!(ny.contains("  v2:\n    status: rød\n"), "{ny}");
        assert!(
            ny.contains("  # Fælles overblik over virksomhedscentre."),
            "{ny}"
        );
        assert_eq!(version, super::version(Some(ny.as_bytes())));
        let historik = historik.expect("the old file is kept");
        assert!(historik.starts_with("historik/2015/alfa"), "{historik:?}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join(historik)).unwrap(),
            gammel
        );
    }

    #[test]
    fn a_file_changed_since_loading_is_never_overwritten() {
        let dir = mini();
        let g = grundlag(dir.path(), "alfa");
        let (mut f, v) = formular(dir.path(), &g);
        let sti = dir.path().join(&g.fil);
        let rettet = std::fs::read_to_string(&sti).unwrap() + "# rettet i hånden\n";
        std::fs::write(&sti, &rettet).unwrap();
        f.svar[0].status = "gul".into();
        assert!(matches!(
            gem(dir.path(), &g, &f, &v).unwrap(),
            Udfald::Konflikt
        ));
        assert_eq!(std::fs::read_to_string(&sti).unwrap(), rettet);
        assert!(!dir.path().join("historik").exists());
    }

    #[test]
    fn a_new_kommune_gets_a_new_file_but_not_over_one_that_appeared() {
        let dir = mini();
        let g = grundlag(dir.path(), "gamma");
        assert_eq!(g.fil, Path::new("content/2015/status/gamma.yaml"));
        assert!(!dir.path().join("skema").exists());
        let (mut f, v) = formular(dir.path(), &g);
        assert_eq!(v, "ny");
        f.svar[0].status = "grøn".into();
        let udfald = gem(dir.path(), &g, &f, &v).unwrap();
        assert!(matches!(udfald, Udfald::Gemt { ny_fil: true, .. }));
        assert!(
            dir.path().join("skema/status-2015.schema.json").is_file(),
            "the schema the new file names is written"
        );
        let tekst = std::fs::read_to_string(dir.path().join(&g.fil)).unwrap();
        assert!(
            tekst.starts_with("# yaml-language-server: $schema=../../../skema/status-2015.schema.json\n# Status for Gamma Kommune"),
            "{tekst}"
        );
        assert!(matches!(
            gem(dir.path(), &g, &f, "ny").unwrap(),
            Udfald::Konflikt
        ));
    }

    #[test]
    fn invalid_answers_write_nothing() {
        let dir = mini();
        let g = grundlag(dir.path(), "beta");
        let foer = std::fs::read(dir.path().join(&g.fil)).unwrap();
        let (mut f, v) = formular(dir.path(), &g);
        f.dato = "20166-02-03".into();
        let Udfald::Fejl(fejl) = gem(dir.path(), &g, &f, &v).unwrap() else {
            panic!("saved");
        };
        assert!(
            fejl[0].besked.contains("«20166-02-03» er ikke en dato"),
            "{fejl:?}"
        );
        assert_eq!(std::fs::read(dir.path().join(&g.fil)).unwrap(), foer);
    }

    #[test]
    fn saving_unchanged_answers_leaves_a_canonical_file_alone() {
        let dir = mini();
        let g = grundlag(dir.path(), "alfa");
        let (f, v) = formular(dir.path(), &g);
        let Udfald::Gemt { version, .. } = gem(dir.path(), &g, &f, &v).unwrap() else {
            panic!()
        };
        let udfald = gem(dir.path(), &g, &f, &version).unwrap();
        assert!(matches!(
            udfald,
            Udfald::Gemt {
                uaendret: true,
                historik: None,
                ..
            }
        ));
    }

    #[test]
    fn unknown_kommune_and_yml_files_are_found_by_id() {
        let dir = mini();
        assert!(matches!(
            Grundlag::laes(dir.path(), "2015", "../kkr"),
            Err(Mangel::UkendtKommune)
        ));
        let status = dir.path().join("content/2015/status");
        std::fs::rename(status.join("beta.yaml"), status.join("beta.yml")).unwrap();
        assert_eq!(
            grundlag(dir.path(), "beta").fil,
            Path::new("content/2015/status/beta.yml")
        );
    }

    #[test]
    fn a_save_aimed_outside_the_status_folder_writes_nothing() {
        let dir = mini();
        let mut g = grundlag(dir.path(), "gamma");
        let (f, v) = formular(dir.path(), &g);
        g.fil = Path::new("content/2015/status/../gamma.yaml").into();
        assert!(gem(dir.path(), &g, &f, &v).is_err());
        assert!(!dir.path().join("content/2015/gamma.yaml").exists());
        assert!(!dir.path().join("content/2015/status/gamma.yaml").exists());
    }
}
