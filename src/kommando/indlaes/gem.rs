//! Writing one kommune's answers as its status file: new, unchanged, replaced (with
//! `--overskriv`, the old version kept in `historik/`), or refused with the list of
//! what would change.

use std::path::{Path, PathBuf};

use crate::argumenter::Kontekst;
use crate::diagnose::Diagnoser;
use crate::indhold::forskel::forskelle;
use crate::indhold::model::{Kkr, KommuneStatus, Runde};
use crate::indhold::raa::RawStatus;
use crate::indhold::statusfil::Statusfil;
use crate::indhold::{valider, yaml};
use crate::skriv;

/// What happened to one file.
pub enum Udfald {
    Ny,
    Erstattet,
    Uaendret,
    Fejl,
}

/// Where and how answers are written.
pub struct Gemmer<'a> {
    pub ctx: &'a Kontekst,
    pub kkr: &'a Kkr,
    pub runde: &'a Runde,
    pub overskriv: bool,
}

impl Gemmer<'_> {
    /// Writes `st` (read from `vis`) to `content/<periode>/status/<id>.yaml`.
    pub fn gem(&self, vis: &Path, st: KommuneStatus) -> Udfald {
        let (ctx, runde) = (self.ctx, self.runde);
        let rel = PathBuf::from(format!(
            "content/{}/status/{}.yaml",
            runde.periode, st.kommune.id
        ));
        let sti = ctx.rod.join(&rel);
        let st = KommuneStatus {
            fil: rel.clone(),
            ..st
        };
        let tekst = Statusfil {
            kommune: &st.kommune,
            runde,
            status: Some(&st),
        }
        .tekst();
        let vis = vis.display();
        let gammel = match std::fs::read(&sti) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return match skriv::skriv_ny_atomisk(&sti, tekst.as_bytes()) {
                    Ok(()) => {
                        println!("{vis} → {}", rel.display());
                        Udfald::Ny
                    }
                    Err(e) => io_fejl(&vis.to_string(), &rel, &e),
                };
            }
            Err(e) => return io_fejl(&vis.to_string(), &rel, &e),
            Ok(b) => b,
        };
        let foer = tidligere(&gammel, &rel, self.kkr, runde);
        let linjer = match &foer {
            Some(f) => forskelle(runde, f, &st),
            None => vec!["den nuværende fil har fejl (se «fremdrift check»)".into()],
        };
        if linjer.is_empty() {
            println!("{vis}: uændret ({})", rel.display());
            return Udfald::Uaendret;
        }
        if !self.overskriv {
            eprintln!(
                "{vis}: fejl: {} har allerede en statusfil med andre svar ({}):",
                st.kommune.navn,
                rel.display()
            );
            for l in &linjer {
                eprintln!("  {l}");
            }
            eprintln!(
                "  hint: intet er skrevet; kør igen med --overskriv for at erstatte filen (den nuværende gemmes i historik/{}/{}/)",
                runde.periode, st.kommune.id
            );
            return Udfald::Fejl;
        }
        erstat(ctx, &rel, &gammel, &tekst, &vis.to_string())
    }
}

/// The current status file's answers, when it is valid.
fn tidligere(bytes: &[u8], rel: &Path, kkr: &Kkr, runde: &Runde) -> Option<KommuneStatus> {
    let mut d = Diagnoser::default();
    let tekst = yaml::utf8(bytes, rel).ok()?;
    let raw: RawStatus = yaml::fortolk(tekst, rel).ok()?;
    valider::valider_status(raw, kkr, runde, rel, &mut d).filter(|_| !d.har_fejl())
}

/// Keeps the current file in the history, then replaces it — unless it changed since
/// it was compared.
fn erstat(ctx: &Kontekst, rel: &Path, gammel: &[u8], tekst: &str, vis: &str) -> Udfald {
    let sti = ctx.rod.join(rel);
    if std::fs::read(&sti).ok().as_deref() != Some(gammel) {
        eprintln!(
            "{vis}: fejl: {} blev ændret, mens filen blev læst ind; intet er skrevet\n  hint: kør kommandoen igen",
            rel.display()
        );
        return Udfald::Fejl;
    }
    let gemt = match skriv::historik::gem(&ctx.rod, rel) {
        Ok(g) => g,
        Err(e) => return io_fejl(vis, rel, &e),
    };
    if let Err(e) = skriv::skriv_atomisk(&sti, tekst.as_bytes()) {
        return io_fejl(vis, rel, &e);
    }
    let gemt = gemt
        .map(|g| format!("; den forrige er gemt i {}", g.display()))
        .unwrap_or_default();
    println!("{vis} → {} (erstattet{gemt})", rel.display());
    Udfald::Erstattet
}

fn io_fejl(vis: &str, rel: &Path, e: &std::io::Error) -> Udfald {
    eprintln!(
        "{vis}: fejl: kunne ikke skrive {}: {}\n  hint: tjek at mappen content/ ikke er skrivebeskyttet",
        rel.display(),
        yaml::io_fejl(e)
    );
    Udfald::Fejl
}
