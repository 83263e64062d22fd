//! Writing one kommune's answers as its status file: new, unchanged, replaced (with
//! `--overskriv`, the old version kept in `historik/`), or refused with the list of
//! what would change. A refusal is a diagnostic for the file it was read from.

use std::path::{Path, PathBuf};

use crate::argumenter::Kontekst;
use crate::diagnose::{Diagnose, Diagnoser};
use crate::indhold::forskel::forskelle;
use crate::indhold::model::{Kkr, KommuneStatus, Runde};
use crate::indhold::raa::RawStatus;
use crate::indhold::statusfil::Statusfil;
use crate::indhold::udfyldning::udfylder_kun;
use crate::indhold::{valider, yaml};
use crate::skriv;

/// What happened to a file that was written or left alone.
pub enum Udfald {
    Ny,
    Erstattet,
    Uaendret,
}

/// Where and how answers are written.
pub struct Gemmer<'a> {
    pub ctx: &'a Kontekst,
    pub kkr: &'a Kkr,
    pub runde: &'a Runde,
    pub overskriv: bool,
}

impl Gemmer<'_> {
    /// Writes `st` (read from `vis`) to `content/<periode>/status/<id>.yaml`; prints
    /// what was done on standard output.
    pub fn gem(&self, vis: &Path, st: KommuneStatus) -> Result<Udfald, Diagnose> {
        let rel = PathBuf::from(format!(
            "content/{}/status/{}.yaml",
            self.runde.periode, st.kommune.id
        ));
        let sti = self.ctx.rod.join(&rel);
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
        let gammel = match std::fs::read(&sti) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                skriv::skriv_ny_atomisk(&sti, tekst.as_bytes())
                    .map_err(|e| io_fejl(vis, &rel, &e))?;
                crate::resultat!("{} → {}", vis.display(), rel.display());
                return Ok(Udfald::Ny);
            }
            Err(e) => return Err(io_fejl(vis, &rel, &e)),
            Ok(b) => b,
        };
        let foer = tidligere(&gammel, &rel, self.kkr, self.runde);
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
        self.erstat(vis, &rel, &gammel, &tekst)
    }

    /// Keeps the current file in the history, then replaces it — unless it changed
    /// since it was compared.
    fn erstat(
        &self,
        vis: &Path,
        rel: &Path,
        gammel: &[u8],
        tekst: &str,
    ) -> Result<Udfald, Diagnose> {
        let sti = self.ctx.rod.join(rel);
        if std::fs::read(&sti).ok().as_deref() != Some(gammel) {
            return Err(Diagnose::fejl(
                vis,
                None,
                format!(
                    "{} blev ændret, mens filen blev læst ind; intet er skrevet",
                    rel.display()
                ),
            )
            .med_hint("kør kommandoen igen"));
        }
        let gemt = skriv::historik::gem(&self.ctx.rod, rel).map_err(|e| io_fejl(vis, rel, &e))?;
        skriv::skriv_atomisk(&sti, tekst.as_bytes()).map_err(|e| io_fejl(vis, rel, &e))?;
        let gemt = gemt
            .map(|g| format!("; den forrige er gemt i {}", g.display()))
            .unwrap_or_default();
        crate::resultat!("{} → {} (erstattet{gemt})", vis.display(), rel.display());
        Ok(Udfald::Erstattet)
    }
}

/// The current status file's answers, when it is valid.
fn tidligere(bytes: &[u8], rel: &Path, kkr: &Kkr, runde: &Runde) -> Option<KommuneStatus> {
    let mut d = Diagnoser::default();
    let tekst = yaml::utf8(bytes, rel).ok()?;
    let raw: RawStatus = yaml::fortolk(tekst, rel).ok()?;
    valider::valider_status(raw, kkr, runde, rel, &mut d).filter(|_| !d.har_fejl())
}

fn io_fejl(vis: &Path, rel: &Path, e: &std::io::Error) -> Diagnose {
    Diagnose::fejl(
        vis,
        None,
        format!("kunne ikke skrive {}: {}", rel.display(), yaml::io_fejl(e)),
    )
    .med_hint("tjek at mappen content/ ikke er skrivebeskyttet")
}
