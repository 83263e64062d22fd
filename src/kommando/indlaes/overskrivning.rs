//! Writing one kommune's answers as its status file: new, unchanged, replaced (with
//! `--overskriv`, the old version kept in `historik/`), or refused with the list of
//! what would change. A refusal is a diagnostic for the file it was read from.

use std::path::{Path, PathBuf};

use super::forskel::forskelle;
use crate::diagnose::Diagnose;
use crate::indhold::model::{Kkr, KommuneStatus, Runde};
use crate::indhold::udfyldning::udfylder_kun;
use crate::indhold::yaml;
use crate::statusfil::Statusfil;
use crate::statuslager::{self, Gemning, Skrivninger, Statuslager};

/// What happened to a file that was written or left alone.
pub enum Udfald {
    Ny,
    Erstattet,
    Uaendret,
}

/// Where and how answers are written.
pub struct Gemmer<'a> {
    pub kkr: &'a Kkr,
    pub runde: &'a Runde,
    pub overskriv: bool,
    pub lager: &'a Statuslager,
}

impl Gemmer<'_> {
    /// Writes `st` (read from `vis`) to `content/<periode>/status/<id>.yaml` through
    /// the store's saves `s`; prints what was done on standard output.
    pub fn gem(
        &self,
        s: &mut Skrivninger,
        vis: &Path,
        st: KommuneStatus,
    ) -> Result<Udfald, Diagnose> {
        let rel = PathBuf::from(format!(
            "content/{}/status/{}.yaml",
            self.runde.periode, st.kommune.id
        ));
        let st = KommuneStatus {
            fil: rel.clone(),
            ..st
        };
        let tekst = Statusfil {
            kommune: &st.kommune,
            runde: self.runde,
            status: Some(&st),
        }
        .tekst();
        let gammel = self.lager.laes(&rel).map_err(|e| io_fejl(vis, &rel, &e))?;
        let Some(gammel) = gammel else {
            return skriv(s, vis, &rel, "ny", &tekst);
        };
        let foer = statuslager::status(&gammel, &rel, self.kkr, self.runde).ok();
        let linjer = match &foer {
            Some(f) => forskelle(self.runde, f, &st),
            None => vec!["den nuværende fil har fejl (se «fremdrift check»)".into()],
        };
        if linjer.is_empty() {
            crate::resultat!("{}: uændret ({})", vis.display(), rel.display());
            return Ok(Udfald::Uaendret);
        }
        let udfylder = foer.is_some_and(|f| udfylder_kun(self.runde, &f, &st));
        if !self.overskriv && !udfylder {
            return Err(Diagnose::fejl(
                vis,
                None,
                format!(
                    "{} har allerede en statusfil med andre svar ({}):\n  {}",
                    st.kommune.navn,
                    rel.display(),
                    linjer.join("\n  ")
                ),
            )
            .med_hint(format!(
                "intet er skrevet; kør igen med --overskriv for at erstatte filen (den nuværende gemmes i historik/{}/{}/)",
                self.runde.periode, st.kommune.id
            )));
        }
        let forventet = statuslager::version(Some(&gammel));
        skriv(s, vis, &rel, &forventet, &tekst)
    }
}

/// Saves `tekst` as `rel`, if the file is still version `forventet` — the one the
/// answers were compared with.
fn skriv(
    s: &mut Skrivninger,
    vis: &Path,
    rel: &Path,
    forventet: &str,
    tekst: &str,
) -> Result<Udfald, Diagnose> {
    let gemning = s
        .gem(rel, forventet, tekst.as_bytes())
        .map_err(|e| io_fejl(vis, rel, &e))?;
    let (v, r) = (vis.display(), rel.display());
    match gemning {
        Gemning::Ny => {
            crate::resultat!("{v} → {r}");
            Ok(Udfald::Ny)
        }
        Gemning::Erstattet { historik } => {
            let h = historik.display();
            crate::resultat!("{v} → {r} (erstattet; den forrige er gemt i {h})");
            Ok(Udfald::Erstattet)
        }
        Gemning::Uaendret => {
            crate::resultat!("{v}: uændret ({r})");
            Ok(Udfald::Uaendret)
        }
        Gemning::Konflikt => Err(konflikt(vis, rel)),
    }
}

/// The file changed after it was compared: by another writer, or by hand.
fn konflikt(vis: &Path, rel: &Path) -> Diagnose {
    Diagnose::fejl(
        vis,
        None,
        format!(
            "{} blev ændret, mens filen blev læst ind; intet er skrevet",
            rel.display()
        ),
    )
    .med_hint("kør kommandoen igen")
}

fn io_fejl(vis: &Path, rel: &Path, e: &std::io::Error) -> Diagnose {
    Diagnose::fejl(
        vis,
        None,
        format!("kunne ikke skrive {}: {}", rel.display(), yaml::io_fejl(e)),
    )
    .med_hint("tjek at mappen content/ ikke er skrivebeskyttet")
}
